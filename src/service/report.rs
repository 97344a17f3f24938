//! The printed forms of stored projects: evaluate, gather what the forms show
//! besides the evaluation, build the `Report`, render and write it.

pub use crate::report::{ReportRequest, build, write_report};
