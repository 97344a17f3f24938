//! How a report becomes the bytes of a file.

use super::Report;
use crate::error::{Error, Result};
use crate::progress::{self, Progress, Quiet};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The file format of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", rename = "FileFormat"))]
pub enum Format {
    Pdf,
    Xlsx,
}

/// Read as [`Format::parse`] reads it (the app's `report_export` takes a `Format`).
impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Format::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Format {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(Error::Invalid(format!("输出格式“{s}”无效，应为 pdf 或 xlsx"))),
        }
    }
}

/// How a report is written.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// A font file to use before the system's fonts (`--font`, `JIXIAO_FONT`).
    pub font_file: Option<PathBuf>,
    /// Project forms typeset per Typst compile (PDF): bounds the memory of a
    /// large report (see `render_pdf`). [`FORMS_PER_COMPILE`] unless a test
    /// wants several chunks of a small report.
    pub forms_per_compile: usize,
}

/// Project forms per Typst compile: a few pages each, so a chunk's layout and
/// memo cache stay small; more would save little time (measured in
/// docs/benchmarks.md).
pub const FORMS_PER_COMPILE: usize = 20;

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { font_file: None, forms_per_compile: FORMS_PER_COMPILE }
    }
}

impl RenderOptions {
    /// The options from the environment: `JIXIAO_FONT` names a font file.
    pub fn from_env() -> Self {
        RenderOptions { font_file: std::env::var_os("JIXIAO_FONT").filter(|f| !f.is_empty()).map(PathBuf::from), ..Self::default() }
    }
}

/// Renders a report into the bytes of a file.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> Result<Vec<u8>> {
    render_with(report, format, opts, &Quiet)
}

/// [`render`], reporting each chunk of forms typeset (PDF) or each sheet
/// (xlsx); nothing is written yet, so it may be cancelled throughout.
pub fn render_with(report: &Report, format: Format, opts: &RenderOptions, p: &dyn Progress) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => super::pdf::render_pdf_with(report, opts, p),
        Format::Xlsx => super::xlsx::render_xlsx_with(report, p),
    }
}


/// What was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Written {
    pub projects: usize,
    pub bytes: usize,
}

/// Renders a report and writes it to `path` through a temporary file beside
/// it, so that a failure leaves no half-written file.
pub fn write(report: &Report, format: Format, path: &Path, opts: &RenderOptions) -> Result<Written> {
    write_with(report, format, path, opts, &Quiet)
}

/// [`write`], reporting its progress: cancellable until the file is written
/// (the whole file at once, at the end).
pub fn write_with(report: &Report, format: Format, path: &Path, opts: &RenderOptions, p: &dyn Progress) -> Result<Written> {
    let bytes = render_with(report, format, opts, p)?;
    let forms = report.project_count();
    progress::checkpoint(p, forms, forms, "正在写入文件")?;
    progress::writing(p, forms, forms, "正在写入文件");
    crate::fsutil::write_atomically(path, &bytes)?;
    Ok(Written { projects: report.project_count(), bytes: bytes.len() })
}
