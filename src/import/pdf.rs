//! The text layer of a PDF, read with `pdf-extract` (pure Rust, on `lopdf`):
//! the pages that hold 绩效目标表 go through the text importer; the other pages
//! of a budget document are skipped.

use crate::error::{Error, Result};
use crate::exchange::File;
use crate::textimport::{BASIS, LEVEL2, squeeze};

pub const NO_TEXT_LAYER: &str = "该 PDF 没有文字层（可能是扫描件），无法识别表格";

/// The text of each page. A PDF the library cannot read, or that makes it
/// fail, is an error, never a crash.
pub fn page_texts(bytes: &[u8]) -> Result<Vec<String>> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Error::Invalid("文件不是 PDF".into()));
    }
    let read = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    match read {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(Error::Invalid(format!("PDF 无法读取：{e}"))),
        Err(_) => Err(Error::Invalid("PDF 无法读取：文件已损坏或使用了不支持的特性".into())),
    }
}

/// True for a page that holds (part of) a 绩效目标表: its header fields, its
/// indicator header, or indicator rows continued from the page before.
fn is_table_page(text: &str) -> bool {
    let flat = squeeze(text);
    ["项目编码", "项目名称", "一级指标", "指标值确定依据", "绩效目标表"].iter().any(|w| flat.contains(w))
        || (BASIS.iter().any(|b| flat.contains(b)) && LEVEL2.iter().any(|(l, _)| flat.contains(l)))
}

/// The 绩效目标表 of a PDF, read from its text layer. `year` is used where the
/// document does not state one.
pub fn read(bytes: &[u8], year: Option<i32>) -> Result<File> {
    let pages = page_texts(bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(Error::Invalid(NO_TEXT_LAYER.into()));
    }
    // the year is often stated once, on a page before the tables
    let year = crate::textimport::stated_year(&squeeze(&pages.concat())).or(year);
    let tables: Vec<&str> = pages.iter().map(String::as_str).filter(|p| is_table_page(p)).collect();
    if tables.is_empty() {
        return Err(Error::Invalid(format!("PDF 的 {} 页中没有绩效目标表（项目名称……一级指标……）", pages.len())));
    }
    crate::textimport::parse_target_tables(&tables.join("\n"), year)
}
