//! Reading plans as they arrive (plan-indicators.md §1) into a `jixiao-plan`
//! file: the exchange JSON itself, a 主要指标 table or 年度分解 table as any PDF
//! extractor gives it (`table`), targets in prose (`prose`), a PDF through the
//! text layer the budget import uses, and the xlsx template (`xlsx`). Each
//! reading says what a person might read otherwise (`doubts`), for the app's
//! preview to show and correct before the import.

use crate::error::{Error, Result};
use crate::import::Format;
use crate::model::plan::{Plan, PlanFile, PlanIndicator, PlanIndicatorRecord, PlanRecord};

pub mod prose;
pub mod table;
pub mod words;
pub mod xlsx;

#[cfg(test)]
mod tests;
use serde::Serialize;
use std::path::Path;

/// What the file may not say: the plan's code and name, its base and end year.
#[derive(Debug, Clone, Default)]
pub struct PlanReadOptions {
    pub code: Option<String>,
    pub name: Option<String>,
    pub base_year: Option<i32>,
    pub end_year: Option<i32>,
}

/// Something of one indicator a person might read differently from the
/// reader: its kind, direction, op, baseline or target. The preview shows it
/// beside the row; the officer's correction is what is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct RowDoubt {
    pub plan: String,
    pub indicator: String,
    /// `kind`, `direction`, `op`, `baseline`, `target`, `name`
    pub field: String,
    pub message: String,
}

/// A file read: the exchange file it amounts to, and the doubts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanRead {
    pub file: PlanFile,
    pub doubts: Vec<RowDoubt>,
}

/// Reads the file at `path` (its format guessed from its content when not given).
pub fn read_file(path: &Path, format: Option<Format>, opts: &PlanReadOptions) -> Result<PlanRead> {
    let size = std::fs::metadata(path)?.len();
    if size > crate::import::MAX_TABLE_BYTES {
        return Err(Error::Invalid(format!("文件太大（{} MB）：规划文件不超过 {} MB", size >> 20, crate::import::MAX_TABLE_BYTES >> 20)));
    }
    read_bytes(&std::fs::read(path)?, Some(path), format, opts)
}

/// [`read_file`] for bytes already read.
pub fn read_bytes(bytes: &[u8], name: Option<&Path>, format: Option<Format>, opts: &PlanReadOptions) -> Result<PlanRead> {
    let format = format.unwrap_or_else(|| Format::guess(bytes, name));
    let mut read = match format {
        Format::Json => PlanRead { file: crate::plan::parse_file(utf8(bytes)?)?, doubts: Vec::new() },
        Format::Text => read_text(&decode(bytes)?, opts)?,
        Format::Pdf => read_pdf(bytes, opts)?,
        Format::Xlsx => xlsx::read(bytes, opts)?,
    };
    apply_options(&mut read, opts)?;
    Ok(read)
}

/// `--code` and `--name` rename a file's only plan (an exchange file's too).
fn apply_options(read: &mut PlanRead, opts: &PlanReadOptions) -> Result<()> {
    let given = opts.code.is_some() || opts.name.is_some();
    if given && read.file.plans.len() != 1 {
        return Err(Error::Invalid(format!("文件中有 {} 个规划：--code、--name 只能用于只有一个规划的文件", read.file.plans.len())));
    }
    if let [PlanRecord { plan, .. }] = read.file.plans.as_mut_slice() {
        let old = plan.code.clone();
        if let Some(c) = opts.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            plan.code = c.to_string();
        }
        if let Some(n) = opts.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            plan.name = n.to_string();
        }
        for d in read.doubts.iter_mut().filter(|d| d.plan == old) {
            d.plan = plan.code.clone();
        }
    }
    Ok(())
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| Error::Invalid("文件不是 UTF-8 编码的文本".into()))
}

/// Text in UTF-8, or GB18030 as Windows saves it.
fn decode(bytes: &[u8]) -> Result<String> {
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| Error::Invalid("文件既不是 UTF-8 也不是 GBK 编码的文本".into()))?
            .into_owned(),
    };
    Ok(s.trim_start_matches('\u{FEFF}').to_string())
}

/// A plan's text: its 主要指标 and 年度分解 tables, and the targets of its
/// prose that no table states. The years: `--base-year`/`--end-year`, else a
/// table's header, else the plan period named (十四五 → 2020/2025), else the
/// year the prose sets (`到2025年`, five years before it for the base).
pub fn read_text(text: &str, opts: &PlanReadOptions) -> Result<PlanRead> {
    let lines: Vec<&str> = text.lines().collect();
    let flat = crate::text::normalize(text);
    let period = words::period_years(&flat);
    let prose_end = prose::read(text, 0).iter().map(|r| r.indicator.target.year).filter(|y| *y > 0).max();
    let end_guess = opts.end_year.or(period.map(|p| p.1)).or(prose_end).unwrap_or(2025);
    let guess = table::Years { base: opts.base_year.unwrap_or(end_guess - 5), end: end_guess };
    let tables = table::read_tables(&lines, guess)?;
    let end_year = opts.end_year.or(tables.iter().find_map(|t| t.end_year)).unwrap_or(end_guess);
    let base_year = opts.base_year.or(tables.iter().find_map(|t| t.base_year)).or(period.filter(|p| p.1 == end_year).map(|p| p.0)).unwrap_or(end_year - 5);

    let mut rows: Vec<table::ReadRow> = Vec::new();
    for t in tables.iter().filter(|t| !t.yearly) {
        rows.extend(t.rows.iter().cloned());
    }
    // a 年度分解 table gives milestones to the indicators of the same name, or indicators of its own
    for t in tables.iter().filter(|t| t.yearly) {
        for r in &t.rows {
            match rows.iter_mut().find(|x| same_name(&x.indicator.name, &r.indicator.name)) {
                Some(x) => x.indicator.milestones.extend(r.indicator.milestones.iter().cloned()),
                None => rows.push(r.clone()),
            }
        }
    }
    // the prose outside the tables, its targets that no table states
    let in_table = |i: usize| tables.iter().any(|t| t.lines.contains(&i));
    let prose_text: String = lines.iter().enumerate().filter(|(i, _)| !in_table(*i)).map(|(_, l)| format!("{l}\n")).collect();
    let mut next_id = rows.iter().filter_map(|r| r.indicator.id.parse::<u32>().ok()).max().unwrap_or(0) + 1;
    for mut r in prose::read(&prose_text, end_year) {
        if rows.iter().any(|x| same_target(&x.indicator, &r.indicator)) {
            continue;
        }
        r.indicator.id = next_id.to_string();
        next_id += 1;
        rows.push(r);
    }
    if rows.is_empty() {
        return Err(Error::Import("文本中没有找到规划指标：既没有主要指标表（序号、指标名称、单位、年份列），也没有“到2025年，……达到……”这样的目标".into()));
    }
    let title = tables.iter().find_map(|t| t.title.clone());
    let name = opts.name.clone().or_else(|| title.as_deref().map(plan_name_of_title)).or_else(|| first_title(&lines)).unwrap_or_else(|| "规划".to_string());
    let code = opts.code.clone().unwrap_or_else(|| name.clone());
    let doubts = rows
        .iter()
        .flat_map(|r| r.doubts.iter().map(|(field, message)| RowDoubt { plan: code.clone(), indicator: r.indicator.id.clone(), field: field.to_string(), message: message.clone() }))
        .collect();
    let indicators = rows.into_iter().map(|r| PlanIndicatorRecord { indicator: r.indicator, actuals: Vec::new(), verdicts: Vec::new() }).collect();
    let plan = Plan { code, name, document: None, issuer: None, issued_on: None, base_year, end_year, unit: None };
    Ok(PlanRead { file: PlanFile::new(vec![PlanRecord { plan, indicators }]), doubts })
}

/// The plan's name from its table's title: `青岛市“十四五”科技创新发展主要指标` → `青岛市“十四五”科技创新规划`.
fn plan_name_of_title(title: &str) -> String {
    let t = title.trim().trim_start_matches(|c: char| c == '表' || c.is_ascii_digit() || c == ' ' || c == '：' || c == ':');
    for end in ["发展主要指标表", "发展主要指标", "规划主要指标", "主要指标表", "主要指标", "指标体系"] {
        if let Some(s) = t.strip_suffix(end) {
            return format!("{s}规划");
        }
    }
    t.to_string()
}

/// A short first line naming a plan (`…规划`, `…方案`, `…计划`).
fn first_title(lines: &[&str]) -> Option<String> {
    lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).take(3).find(|l| l.chars().count() <= 40 && ["规划", "方案", "计划"].iter().any(|w| l.contains(w))).map(str::to_string)
}

/// Names the same but for spacing and punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| crate::text::normalize(s).chars().filter(|c| crate::text::is_cjk(*c) || c.is_ascii_alphanumeric()).collect::<String>();
    key(a) == key(b)
}

/// A prose target that restates a table's row: the same value and unit, and
/// a name that shares most of its characters (`…占规模以上工业产值比重` and
/// the table's `…占规模以上工业总产值比重`).
fn same_target(table: &PlanIndicator, prose: &PlanIndicator) -> bool {
    if table.target.value != prose.target.value || table.unit != prose.unit {
        return false;
    }
    let chars: std::collections::HashSet<char> = table.name.chars().collect();
    let shared = prose.name.chars().filter(|c| chars.contains(c)).count();
    shared * 10 >= prose.name.chars().count() * 8
}

/// A PDF through the text layer the budget import uses (`import::pdf`).
pub fn read_pdf(bytes: &[u8], opts: &PlanReadOptions) -> Result<PlanRead> {
    let pages = crate::import::pdf::page_texts(bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(Error::Invalid("PDF 没有文字层（可能是扫描件）：请先用 OCR 转成文字，或改用 Excel 模板".into()));
    }
    // a ruled table comes a cell a line: its rows joined first
    read_text(&table::join_cell_lines(&pages.join("\n")), opts)
}

