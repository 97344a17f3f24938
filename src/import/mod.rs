//! Import of what officers receive: exchange JSON, workbooks, PDFs and text,
//! each read into an exchange [`File`] that the officer checks before it is
//! written. Nothing here touches the database.
//!
//! PDFs are read with `hayro` (pure Rust, the interpreter Typst builds; every
//! font kind, each glyph placed, no program to install): [`pdf`] writes a
//! table's cells one a line, and that text and any other extractor's
//! (`pdftotext`, with or without `-layout`) go through the same text importer. Workbooks are read with `calamine`
//! (xlsx and xls) and the template is written with `rust_xlsxwriter`.

pub mod layout;
pub mod pdf;
pub mod preview;
pub mod template;
pub mod text;
pub mod xlsx;

use crate::error::{Error, Result};
use crate::exchange::File;
use std::path::Path;

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", rename = "ImportFormat"))]
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

/// Read as [`Format::parse`] reads it, with its other names (the app's
/// `import_preview` takes a `Format`).
impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Format::parse(&<String as serde::Deserialize>::deserialize(d)?).map_err(serde::de::Error::custom)
    }
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

/// What the file may not say, or says otherwise than the officer wants: the
/// budget year (the year being worked on), the unit the projects belong to
/// (its code or its name), and for a file of one project its code and name.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub year: Option<i32>,
    pub unit: Option<String>,
    pub code: Option<String>,
    pub name: Option<String>,
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

/// The format of the file at `path`: `given`, else guessed from its first bytes.
pub fn format_of(path: &Path, given: Option<Format>) -> Result<Format> {
    match given {
        Some(f) => Ok(f),
        None => Ok(Format::guess(&head(path)?, Some(path))),
    }
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
        Format::Text => crate::import::text::parse_text(text(bytes)?.trim_start_matches('\u{FEFF}'), opts.year, opts.code.as_deref(), opts.unit.as_deref())?,
        Format::Pdf => pdf::read(bytes, opts.year)?,
        Format::Xlsx => xlsx::read(bytes, opts.year)?,
    };
    if let Some(unit) = opts.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        for p in file.projects.iter_mut().filter(|p| p.unit.is_none()) {
            p.unit = Some(unit.to_string());
        }
    }
    let given = [("--code", &opts.code), ("--name", &opts.name)];
    if let [(flag, Some(_)), ..] | [_, (flag, Some(_))] = given
        && file.projects.len() != 1
    {
        return Err(Error::Invalid(format!("文件中有 {} 个项目：{flag} 只能用于只有一个项目的文件", file.projects.len())));
    }
    if let [p] = file.projects.as_mut_slice() {
        if let Some(code) = opts.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            p.code = code.to_string();
        }
        if let Some(name) = opts.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            p.name = Some(name.to_string());
        }
    }
    Ok(file)
}

/// Text as Windows saves it in China: with a byte-order mark (Notepad's UTF-8
/// with BOM, its "Unicode", UTF-16), else UTF-8, else GB18030 (GBK, the ANSI
/// code page of a Chinese Windows). Line endings are the parsers' business
/// (they read CRLF as LF).
fn text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or_else(|| Error::Invalid(format!("文件不是有效的 {} 编码文本", encoding.name())));
    }
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
