//! Import of what officers receive: exchange JSON, workbooks, PDFs and text,
//! each read into an exchange [`File`] that the officer checks before it is
//! written. Nothing here touches the database.
//!
//! PDFs are read with `pdf-extract` (pure Rust, on `lopdf`; per-page text,
//! CJK fonts through their ToUnicode maps, no program to install). Its text
//! and any other extractor's (`pdftotext`, with or without `-layout`) go
//! through the same text importer. Workbooks are read with `calamine`
//! (xlsx and xls) and the template is written with `rust_xlsxwriter`.

pub mod layout;
pub mod pdf;
pub mod preview;
pub mod template;
pub mod xlsx;

use crate::error::{Error, Result};
use crate::exchange::File;
use std::path::Path;

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// jixiao's exchange JSON.
    Json,
    /// A workbook: our template filled in, the flat export of a budget system,
    /// or our own Excel export of a 绩效目标表.
    Xlsx,
    /// Text: a 绩效目标表 as a PDF extractor gives it, or targets in prose.
    Text,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// `json`, `xlsx` (or `xls`, `excel`), `text` (or `txt`), `pdf`.
    pub fn parse(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "xlsx" | "xls" | "xlsm" | "excel" => Ok(Format::Xlsx),
            "text" | "txt" => Ok(Format::Text),
            "pdf" => Ok(Format::Pdf),
            other => Err(Error::Invalid(format!("不认识的文件格式“{other}”（可选 json、xlsx、text、pdf）"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Text => "text",
            Format::Pdf => "pdf",
        }
    }

    /// The format of a file's content; its name decides only between kinds of
    /// text. A PDF and a workbook are known by their first bytes.
    pub fn guess(bytes: &[u8], name: Option<&Path>) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Format::Pdf;
        }
        // xlsx is a zip; xls an OLE compound file
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Xlsx;
        }
        let ext = name.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if ext.as_deref() == Some("json") {
            return Format::Json;
        }
        let text = String::from_utf8_lossy(head);
        if text.trim_start_matches('\u{FEFF}').trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Text
        }
    }
}

/// What the file may not say: the budget year (the year being worked on) and
/// the unit the projects belong to; for prose, the project's code.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub year: Option<i32>,
    pub unit: Option<String>,
    pub code: Option<String>,
}

/// Reads a file of any format into an exchange file, the format guessed from
/// its content when not given. Nothing is written anywhere.
pub fn read_file(path: &Path, format: Option<Format>, opts: &ImportOptions) -> Result<File> {
    let size = std::fs::metadata(path)?.len();
    // a table (PDF, workbook, text) is never this large: refuse it before reading
    // it whole; an exchange file of a whole bureau may be (read_bytes says which)
    if size > MAX_TABLE_BYTES {
        let format = match format {
            Some(f) => f,
            None => Format::guess(&head(path)?, Some(path)),
        };
        if size > MAX_JSON_BYTES || format != Format::Json {
            return Err(too_large(size));
        }
    }
    let bytes = std::fs::read(path)?;
    read_bytes(&bytes, Some(path), format, opts)
}

/// The largest PDF, workbook or text file read (a budget document of a few
/// hundred pages is a few MB), and the largest exchange file (a bureau's year
/// of 10,000 projects is about 90 MB).
pub const MAX_TABLE_BYTES: u64 = 64 << 20;
pub const MAX_JSON_BYTES: u64 = 1 << 30;

fn too_large(size: u64) -> Error {
    Error::Invalid(format!(
        "文件太大（{} MB）：绩效目标表的 PDF、Excel 或文本文件不超过 {} MB，交换文件不超过 {} MB。请确认选择的文件是否正确",
        size >> 20,
        MAX_TABLE_BYTES >> 20,
        MAX_JSON_BYTES >> 20
    ))
}

/// The first bytes of a file, enough to guess its format.
fn head(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(4096);
    std::fs::File::open(path)?.take(4096).read_to_end(&mut buf)?;
    Ok(buf)
}

/// [`read_file`] for bytes already read (a file dropped on the app's window);
/// `name` helps guess the format.
pub fn read_bytes(bytes: &[u8], name: Option<&Path>, format: Option<Format>, opts: &ImportOptions) -> Result<File> {
    let format = format.unwrap_or_else(|| Format::guess(bytes, name));
    let size = bytes.len() as u64;
    if size > MAX_JSON_BYTES || (size > MAX_TABLE_BYTES && format != Format::Json) {
        return Err(too_large(size));
    }
    let mut file = match format {
        Format::Json => crate::exchange::parse_file(utf8(bytes)?.trim_start_matches('\u{FEFF}'))?,
        Format::Text => crate::textimport::parse_text(text(bytes)?.trim_start_matches('\u{FEFF}'), opts.year, opts.code.as_deref(), opts.unit.as_deref())?,
        Format::Pdf => pdf::read(bytes, opts.year)?,
        Format::Xlsx => xlsx::read(bytes, opts.year)?,
    };
    if let Some(unit) = &opts.unit {
        for p in file.projects.iter_mut().filter(|p| p.unit.is_none()) {
            p.unit = Some(unit.clone());
        }
    }
    Ok(file)
}

/// Text in UTF-8, or in GB18030 (GBK), as Windows saves it in China.
fn text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.into());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| Error::Invalid("文件既不是 UTF-8 也不是 GBK 编码的文本".into()))
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| Error::Invalid("文件不是 UTF-8 编码的文本".into()))
}

#[cfg(test)]
pub(crate) mod testpdf;
#[cfg(test)]
mod tests;
