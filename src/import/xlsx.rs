//! Workbooks: our template filled in (one sheet per project, fields above,
//! indicators below), our own Excel forms, and the flat layout budget systems
//! export (one row per indicator, the project's fields repeated or merged).
//! Columns and fields are recognised by their header names, in any order.
//! An error names the sheet, the cell and the problem.

use crate::error::{Error, Result};
use crate::exchange::{FORMAT, File, VERSION, XBudget, XIndicator, XPlan, XProject, XUnit};
use crate::target::{self, Kind};
use crate::text::{leading_number, normalize};
use calamine::{Data, Reader};
use std::io::Cursor;

/// What a header cell or a field label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Code,
    Name,
    UnitCode,
    UnitName,
    Year,
    MoneyUnit,
    Total,
    Fiscal,
    Other,
    FundUse,
    Goal,
    Level1,
    Level2,
    Level3,
    Description,
    Target,
    Basis,
    Weight,
    /// A spending-plan checkpoint: `N月底`.
    Plan(u32),
}

/// Header names and labels, as written in templates, forms and exports.
pub(crate) const NAMES: &[(&str, Field)] = &[
    ("项目编码", Field::Code),
    ("项目代码", Field::Code),
    ("项目编号", Field::Code),
    ("项目名称", Field::Name),
    ("单位编码", Field::UnitCode),
    ("单位代码", Field::UnitCode),
    ("预算单位编码", Field::UnitCode),
    ("单位名称", Field::UnitName),
    ("预算单位", Field::UnitName),
    ("预算单位名称", Field::UnitName),
    ("年度", Field::Year),
    ("预算年度", Field::Year),
    ("金额单位", Field::MoneyUnit),
    ("预算数", Field::Total),
    ("年度预算数", Field::Total),
    ("年初预算数", Field::Total),
    ("预算金额", Field::Total),
    ("资金总额", Field::Total),
    ("财政资金", Field::Fiscal),
    ("其中：财政资金", Field::Fiscal),
    ("其中:财政资金", Field::Fiscal),
    ("财政拨款", Field::Fiscal),
    ("其他资金", Field::Other),
    ("资金用途", Field::FundUse),
    ("绩效目标", Field::Goal),
    ("年度绩效目标", Field::Goal),
    ("年度目标", Field::Goal),
    ("一级指标", Field::Level1),
    ("二级指标", Field::Level2),
    ("三级指标", Field::Level3),
    ("指标名称", Field::Level3),
    ("绩效指标描述", Field::Description),
    ("指标描述", Field::Description),
    ("指标内容", Field::Description),
    ("指标解释", Field::Description),
    ("指标值", Field::Target),
    ("年度指标值", Field::Target),
    ("目标值", Field::Target),
    ("指标值确定依据", Field::Basis),
    ("确定依据", Field::Basis),
    ("权重", Field::Weight),
    ("分值", Field::Weight),
];

/// The field a header cell or label names: its text without spaces, a
/// required-field star or a unit in brackets (`预算数（万元）`, `*项目编码`).
pub(crate) fn field_of(text: &str) -> Option<Field> {
    let mut t: String = text.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊').collect();
    for open in ['（', '('] {
        if let Some(i) = t.find(open)
            && i > 0
        {
            t.truncate(i);
        }
    }
    let t = t.trim_end_matches(['：', ':']);
    if let Some(f) = NAMES.iter().find(|(n, _)| *n == t).map(|(_, f)| *f) {
        return Some(f);
    }
    // `3月底`, `6月底累计`
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let m: u32 = digits.parse().ok()?;
    (t[digits.len()..].starts_with("月底") && (1..=12).contains(&m)).then_some(Field::Plan(m))
}

/// `A1` for a zero-based (row, column).
pub(crate) fn cell_name(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        letters.push((b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A sheet as text, cells of merged ranges filled with their value.
struct Sheet {
    name: String,
    cells: Vec<Vec<String>>,
}

impl Sheet {
    fn get(&self, row: usize, col: usize) -> &str {
        self.cells.get(row).and_then(|r| r.get(col)).map_or("", String::as_str)
    }

    fn error(&self, row: usize, col: usize, what: String) -> Error {
        Error::Invalid(format!("工作表「{}」{}：{what}", self.name, cell_name(row, col)))
    }
}

/// A cell's value as the officer sees it: numbers without a trailing `.0`,
/// dates as `2023-08-31`.
fn text_of(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => (if *b { "是" } else { "否" }).to_string(),
        Data::DateTime(d) => {
            let days = d.as_f64().floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_signed(chrono::TimeDelta::try_days(days)?))
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let bad = |e: &dyn std::fmt::Display| Error::Invalid(format!("工作簿无法读取（应为 .xlsx 或 .xls 文件）：{e}"));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
        let Some((r0, c0)) = range.start() else {
            out.push(Sheet { name, cells: vec![] });
            continue;
        };
        let (r0, c0) = (r0 as usize, c0 as usize);
        let mut cells = vec![vec![String::new(); c0 + range.width()]; r0 + range.height()];
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                cells[r0 + r][c0 + c] = text_of(v);
            }
        }
        // merged cells: each cell of the range holds the range's value
        let merged = match &mut book {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => vec![],
        };
        for m in merged {
            let (top, left) = (m.start.0 as usize, m.start.1 as usize);
            let value = cells.get(top).and_then(|r| r.get(left)).cloned().unwrap_or_default();
            for r in top..=(m.end.0 as usize).min(cells.len().saturating_sub(1)) {
                for c in left..=(m.end.1 as usize).min(cells[r].len().saturating_sub(1)) {
                    cells[r][c].clone_from(&value);
                }
            }
        }
        out.push(Sheet { name, cells });
    }
    Ok(out)
}

/// The indicator header: the first row naming 三级指标 and 指标值 (or 一级指标),
/// with the field of each column.
fn header(sheet: &Sheet) -> Option<(usize, Vec<Option<Field>>)> {
    sheet.cells.iter().enumerate().find_map(|(r, row)| {
        let fields: Vec<Option<Field>> = row.iter().map(|c| field_of(c)).collect();
        let has = |f: Field| fields.contains(&Some(f));
        (has(Field::Level3) && (has(Field::Target) || has(Field::Level1))).then_some((r, fields))
    })
}

/// An amount as written (`800`, `9,216.72`), with two decimals at least.
fn amount(sheet: &Sheet, row: usize, col: usize, label: &str) -> Result<Option<String>> {
    let t = sheet.get(row, col);
    // a dash or slash is how forms print "none"
    if t.is_empty() || t.chars().all(|c| "—–-－/／无".contains(c)) {
        return Ok(None);
    }
    match leading_number(&normalize(t)) {
        Some((mut d, "")) => {
            if d.scale() < 2 {
                d.rescale(2);
            }
            Ok(Some(d.to_string()))
        }
        _ => Err(sheet.error(row, col, format!("{label}“{t}”不是数字"))),
    }
}

/// Where each field of one project is found: (row, column) of its value.
#[derive(Default)]
struct Places {
    at: Vec<(Field, usize, usize)>,
}

impl Places {
    fn find(&self, f: Field) -> Option<(usize, usize)> {
        self.at.iter().find(|(g, _, _)| *g == f).map(|(_, r, c)| (*r, *c))
    }
}

/// A project read from `places`, with `rows` of indicators, each a list of
/// (field, row, column).
fn project(sheet: &Sheet, places: &Places, rows: &[Vec<(Field, usize, usize)>], year: Option<i32>) -> Result<(XProject, Option<XUnit>)> {
    let text = |f: Field| places.find(f).map(|(r, c)| sheet.get(r, c).to_string()).filter(|s| !s.is_empty());
    let code = text(Field::Code).or_else(|| text(Field::Name)).ok_or_else(|| match places.find(Field::Code) {
        Some((r, c)) if c != usize::MAX => sheet.error(r, c, "没有填写项目编码".into()),
        _ => Error::Invalid(format!("工作表「{}」：没有项目编码", sheet.name)),
    })?;
    let year = match places.find(Field::Year) {
        Some((r, c)) if !sheet.get(r, c).is_empty() => {
            let t = normalize(sheet.get(r, c));
            let t = t.trim_end_matches('度').trim_end_matches('年');
            Some(t.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)).ok_or_else(|| sheet.error(r, c, format!("年度“{}”应为四位数的年份", sheet.get(r, c))))?)
        }
        _ => None,
    }
    .or(year)
    .ok_or_else(|| Error::Invalid(format!("工作表「{}」：没有写明年度，请指定年度", sheet.name)))?;
    let money = |f: Field, label: &str| -> Result<Option<String>> {
        match places.find(f) {
            Some((r, c)) => amount(sheet, r, c, label),
            None => Ok(None),
        }
    };
    let budget = XBudget { total: money(Field::Total, "预算数")?, fiscal: money(Field::Fiscal, "财政资金")?, other: money(Field::Other, "其他资金")?, adjusted: None };
    let mut plan: Vec<(u32, usize, usize)> = places.at.iter().filter_map(|(f, r, c)| if let Field::Plan(m) = f { Some((*m, *r, *c)) } else { None }).collect();
    plan.sort_by_key(|p| p.0);
    plan.dedup_by_key(|p| p.0);
    let spending_plan = plan.iter().map(|&(m, r, c)| Ok(XPlan { month: m, amount: amount(sheet, r, c, &format!("{m}月底支出计划"))? })).collect::<Result<Vec<_>>>()?;
    let mut indicators = Vec::new();
    let (mut level1, mut level2) = (String::new(), String::new());
    for row in rows {
        let get = |f: Field| row.iter().find(|(g, _, _)| *g == f).map(|(_, r, c)| (sheet.get(*r, *c).to_string(), *r, *c));
        let Some((level3, _, _)) = get(Field::Level3).filter(|(t, _, _)| !t.is_empty()) else { continue };
        // a level-1 or level-2 cell left blank below a filled one continues it
        if let Some((l1, _, _)) = get(Field::Level1).filter(|(t, _, _)| !t.is_empty()) {
            if l1 != level1 {
                level2.clear();
            }
            level1 = l1;
        }
        if let Some((l2, _, _)) = get(Field::Level2).filter(|(t, _, _)| !t.is_empty()) {
            level2 = l2;
        }
        let target = match get(Field::Target) {
            Some((t, r, c)) if !t.is_empty() => {
                if target::parse(&t, year).kind == Kind::NotUnderstood {
                    return Err(sheet.error(r, c, format!("指标值“{t}”无法识别")));
                }
                Some(t)
            }
            _ => None,
        };
        let weight = match row.iter().find(|(g, _, _)| *g == Field::Weight) {
            Some(&(_, r, c)) => amount(sheet, r, c, "权重")?.map(|w| w.trim_end_matches('0').trim_end_matches('.').to_string()),
            None => None,
        };
        let opt = |f: Field| get(f).map(|(t, _, _)| t).filter(|t| !t.is_empty());
        indicators.push(XIndicator {
            id: None,
            level1: Some(level1.clone()).filter(|s| !s.is_empty()),
            level2: Some(level2.clone()).filter(|s| !s.is_empty()),
            level3,
            description: opt(Field::Description),
            target,
            basis: opt(Field::Basis),
            weight,
            accumulation: None,
            not_applicable: None,
            guessed: vec![],
        });
    }
    let unit_code = text(Field::UnitCode);
    let unit = unit_code.clone().map(|code| XUnit { code, name: text(Field::UnitName), parent: None });
    let project = XProject {
        unit: unit_code,
        name: text(Field::Name),
        money_unit: Some(text(Field::MoneyUnit).unwrap_or_else(|| "万元".into())),
        budget: Some(budget),
        fund_use: text(Field::FundUse),
        goal: text(Field::Goal),
        spending_plan,
        indicators,
        ..crate::textimport::blank_project(year, code)
    };
    Ok((project, unit))
}

/// A cell that ends an indicator table: a total, an evaluation's texts, notes.
fn ends_table(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ["合计", "总计", "总分", "总分值", "总得分", "评价等级", "评价结论", "存在问题", "改进措施", "备注"].contains(&t.as_str())
        || ["项目负责人", "填报", "注：", "注:", "说明：", "填表说明"].iter().any(|w| t.starts_with(w))
}

/// A sheet laid out like the 绩效目标表: fields as `label | value` above the
/// indicator header, checkpoints `N月底` over their amounts.
fn read_form(sheet: &Sheet, head: usize, columns: &[Option<Field>], year: Option<i32>) -> Result<Option<(XProject, Option<XUnit>)>> {
    let mut places = Places::default();
    for r in 0..head {
        let row = &sheet.cells[r];
        let mut c = 0;
        while c < row.len() {
            let Some(f) = field_of(&row[c]) else {
                c += 1;
                continue;
            };
            // a label merged over several cells is one label
            let mut v = c + 1;
            while v < row.len() && row[v] == row[c] {
                v += 1;
            }
            if let Field::Plan(_) = f {
                places.at.push((f, r + 1, c));
            } else if places.find(f).is_none() {
                // the value: the next cell that is not itself a label; for an
                // amount over a row of headers (`年初预算数 | 全年预算数`), the cell below
                let right = (v < row.len() && field_of(&row[v]).is_none()).then_some(v);
                let numeric = matches!(f, Field::Total | Field::Fiscal | Field::Other);
                let is_number = |t: &str| matches!(leading_number(&normalize(t)), Some((_, "")));
                let below = sheet.get(r + 1, c);
                let under = numeric && right.is_none_or(|v| !row[v].is_empty() && !is_number(&row[v])) && (below.is_empty() || is_number(below));
                match (under, right) {
                    (true, _) => places.at.push((f, r + 1, c)),
                    (false, Some(v)) => places.at.push((f, r, v)),
                    (false, None) => places.at.push((f, r, usize::MAX)),
                }
            }
            c = v;
        }
    }
    let mut rows = Vec::new();
    for r in head + 1..sheet.cells.len() {
        let row: Vec<(Field, usize, usize)> = columns.iter().enumerate().filter_map(|(c, f)| f.map(|f| (f, r, c))).collect();
        // totals, conclusions and a footer merged across the table end it
        let texts: Vec<&str> = sheet.cells[r].iter().map(String::as_str).collect();
        let merged_across = texts.len() > 2 && !texts[0].is_empty() && texts.iter().all(|t| *t == texts[0]);
        if merged_across || texts.iter().any(|t| ends_table(t)) {
            break;
        }
        rows.push(row);
    }
    let year = year.or_else(|| crate::textimport::stated_year(&sheet.cells[..head].concat().concat()));
    let filled = places.at.iter().any(|(f, r, c)| *f != Field::MoneyUnit && !sheet.get(*r, *c).is_empty()) || rows.iter().any(|row| row.iter().any(|&(f, r, c)| f == Field::Level3 && !sheet.get(r, c).is_empty()));
    if !filled {
        return Ok(None);
    }
    project(sheet, &places, &rows, year).map(Some)
}

/// A sheet with one row per indicator and the project's fields in columns:
/// blank project cells (merged or left out) continue the row above.
fn read_flat(sheet: &Sheet, head: usize, columns: &[Option<Field>], year: Option<i32>) -> Result<Vec<(XProject, Option<XUnit>)>> {
    const PROJECT: [Field; 2] = [Field::Code, Field::Name];
    let per_project = |f: Field| !matches!(f, Field::Level1 | Field::Level2 | Field::Level3 | Field::Description | Field::Target | Field::Basis | Field::Weight);
    // the project of each row: its code (or name), else the row above's
    let mut groups: Vec<(String, usize, Vec<usize>)> = Vec::new();
    let mut current: Option<usize> = None;
    for r in head + 1..sheet.cells.len() {
        let key = PROJECT.iter().find_map(|f| columns.iter().position(|c| *c == Some(*f)).map(|c| sheet.get(r, c).to_string()).filter(|s| !s.is_empty()));
        let has_indicator = columns.iter().enumerate().any(|(c, f)| *f == Some(Field::Level3) && !sheet.get(r, c).is_empty());
        match key {
            Some(k) => {
                let i = match groups.iter().position(|g| g.0 == k) {
                    Some(i) => i,
                    None => {
                        groups.push((k, r, vec![]));
                        groups.len() - 1
                    }
                };
                current = Some(i);
            }
            None if !has_indicator => continue,
            None => {}
        }
        if let Some(i) = current {
            groups[i].2.push(r);
        }
    }
    let mut out = Vec::new();
    for (_, first, rows) in groups {
        let mut places = Places::default();
        for (c, f) in columns.iter().enumerate() {
            if let Some(f) = f.filter(|f| per_project(*f)) {
                // the first of the project's rows that fills the field
                let r = rows.iter().copied().find(|&r| !sheet.get(r, c).is_empty()).unwrap_or(first);
                places.at.push((f, r, c));
            }
        }
        let indicator_rows: Vec<Vec<(Field, usize, usize)>> =
            rows.iter().map(|&r| columns.iter().enumerate().filter_map(|(c, f)| f.filter(|f| !per_project(*f)).map(|f| (f, r, c))).collect()).collect();
        out.push(project(sheet, &places, &indicator_rows, year)?);
    }
    Ok(out)
}

/// Reads a workbook into an exchange file. `year` is used where a sheet does
/// not say.
pub fn read(bytes: &[u8], year: Option<i32>) -> Result<File> {
    let mut file = File { format: FORMAT.into(), version: VERSION, units: vec![], projects: vec![] };
    for sheet in sheets(bytes)? {
        let Some((head, columns)) = header(&sheet) else { continue };
        let flat = columns.contains(&Some(Field::Code)) || columns.contains(&Some(Field::Name));
        let read = if flat { read_flat(&sheet, head, &columns, year)? } else { read_form(&sheet, head, &columns, year)?.into_iter().collect() };
        for (p, unit) in read {
            if let Some(u) = unit
                && !file.units.iter().any(|x| x.code == u.code)
            {
                file.units.push(u);
            }
            if file.projects.iter().any(|q| q.year == p.year && q.code == p.code) {
                return Err(Error::Invalid(format!("工作表「{}」：项目 {} 在工作簿中出现了两次", sheet.name, p.code)));
            }
            file.projects.push(p);
        }
    }
    if file.projects.is_empty() {
        return Err(Error::Invalid("工作簿中没有找到填写了的绩效目标表（应有“三级指标”“指标值”等表头）".into()));
    }
    Ok(file)
}
