//! xlsx through rust_xlsxwriter.

use super::Report;
use crate::error::{Error, Result};

pub fn render_xlsx(_report: &Report) -> Result<Vec<u8>> {
    Err(Error::Report("xlsx 尚未实现".into()))
}
