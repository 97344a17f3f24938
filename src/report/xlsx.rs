//! xlsx through rust_xlsxwriter.

use super::Report;
use crate::error::Result;

pub fn render_xlsx(_report: &Report) -> Result<Vec<u8>> {
    todo!()
}
