//! Workbooks: our template filled in (one sheet per project, fields above,
//! indicators below), our own Excel forms, and the flat layout budget systems
//! export (one row per indicator, the project's fields repeated or merged).
//! Columns and fields are recognised by their header names, in any order.
//! An error names the sheet, the cell and the problem.

use super::preview::GUESSED_OP;
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
    /// A target's operator in a column of its own (`指标性质`, `符号`: `≥`,
    /// `大于等于`, `正向`, `反向`, `定性`).
    Operator,
    /// A target's unit in a column of its own (`度量单位`, `计量单位`).
    MeasureUnit,
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
    ("年度目标值", Field::Target),
    ("权重", Field::Weight),
    ("分值", Field::Weight),
    ("指标分值", Field::Weight),
    ("指标权重", Field::Weight),
    ("指标性质", Field::Operator),
    ("符号", Field::Operator),
    ("运算符", Field::Operator),
    ("运算符号", Field::Operator),
    ("比较符", Field::Operator),
    ("比较符号", Field::Operator),
    ("关系", Field::Operator),
    ("度量单位", Field::MeasureUnit),
    ("计量单位", Field::MeasureUnit),
    ("指标单位", Field::MeasureUnit),
    ("单位", Field::MeasureUnit),
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
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) cells: Vec<Vec<String>>,
}

impl Sheet {
    fn get(&self, row: usize, col: usize) -> &str {
        self.cells.get(row).and_then(|r| r.get(col)).map_or("", String::as_str)
    }

    fn error(&self, row: usize, col: usize, what: String) -> Error {
        Error::Invalid(format!("工作表「{}」{}：{what}", self.name, cell_name(row, col)))
    }
}

/// A number cell as a person sees it in the spreadsheet: to the 15
/// significant digits a spreadsheet shows and keeps, trailing zeros dropped.
/// A value typed as `0.3` reads `0.3`; a formula's `0.1+0.2`
/// (0.30000000000000004 in binary) reads `0.3` too, as it is shown; a cell
/// formatted as a percentage (`0.95` shown `95%`) reads `95%`.
pub(crate) fn number_text(f: f64, percent: bool) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let shown = rust_decimal::Decimal::from_scientific(&format!("{f:.14e}"));
    match (shown, percent) {
        (Ok(d), true) => match d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", p.normalize()),
            None => format!("{}%", f * 100.0),
        },
        (Ok(d), false) => d.normalize().to_string(),
        (Err(_), true) => format!("{}%", f * 100.0),
        (Err(_), false) => f.to_string(),
    }
}

/// A cell's value as the officer sees it: numbers as shown (see
/// [`number_text`]), dates as `2023-08-31`. `percent`: the cell's number
/// format shows a percentage.
fn text_of(d: &Data, percent: bool) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) if percent => number_text(*i as f64, true),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f, percent),
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

/// Whether a number format code shows its number as a percentage (`0%`,
/// `0.00%`): a `%` outside quotes and brackets, in the format for positive numbers.
fn shows_percent(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => return false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// Every sheet's cells as the officer sees them (merged cells filled in).
pub(crate) fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let bad = |e: &dyn std::fmt::Display| Error::Invalid(format!("工作簿无法读取（应为 .xlsx 或 .xls 文件）：{e}"));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
        let Some((r0, c0)) = range.start() else {
            out.push(Sheet { name, cells: vec![] });
            continue;
        };
        // number formats (xlsx only): a percentage is shown ×100 with `%`
        let styles = book.worksheet_style(&name).unwrap_or_else(|_| calamine::StyleRange::empty());
        let percent = |r: usize, c: usize| styles.get((r as u32, c as u32)).and_then(|s| s.number_format.as_ref()).is_some_and(|f| shows_percent(&f.format_code));
        let (r0, c0) = (r0 as usize, c0 as usize);
        let mut cells = vec![vec![String::new(); c0 + range.width()]; r0 + range.height()];
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let numeric = matches!(v, Data::Float(_) | Data::Int(_));
                cells[r0 + r][c0 + c] = text_of(v, numeric && percent(r0 + r, c0 + c));
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
    let (head, mut fields) = sheet.cells.iter().enumerate().find_map(|(r, row)| {
        let fields: Vec<Option<Field>> = row.iter().map(|c| field_of(c)).collect();
        let has = |f: Field| fields.contains(&Some(f));
        (has(Field::Level3) && (has(Field::Target) || has(Field::Level1))).then_some((r, fields))
    })?;
    // a column headed just 单位 holds the targets' units, unless it names
    // organisations (`某区教育局`): then it is the project's unit
    for (c, f) in fields.iter_mut().enumerate() {
        let bare = sheet.get(head, c).chars().filter(|c| !c.is_whitespace()).collect::<String>() == "单位";
        if bare && *f == Some(Field::MeasureUnit) && (head + 1..sheet.cells.len()).any(|r| names_an_organisation(sheet.get(r, c))) {
            *f = Some(Field::UnitName);
        }
    }
    Some((head, fields))
}

/// `某区教育局`, `某市基层卫生服务中心`: a unit of government, not of measure.
fn names_an_organisation(text: &str) -> bool {
    const ENDINGS: [&str; 18] = ["局", "委", "中心", "院", "校", "办", "室", "厅", "馆", "会", "部", "处", "队", "司", "社", "府", "站", "所"];
    text.chars().count() >= 4 && ENDINGS.iter().any(|e| text.ends_with(e))
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
            Some(t.parse::<i32>().ok().filter(|y| crate::model::YEARS.contains(y)).ok_or_else(|| sheet.error(r, c, format!("年度“{}”应为 {}—{} 之间的四位数年份", sheet.get(r, c), crate::model::YEARS.start(), crate::model::YEARS.end())))?)
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
        let mut guessed = vec![];
        let target = match get(Field::Target) {
            Some((t, r, c)) if !t.is_empty() => {
                let t = written_target(sheet, &t, (r, c), get(Field::Operator), get(Field::MeasureUnit), year)?;
                if target::parse(&t, year).kind == Kind::NotUnderstood {
                    return Err(sheet.error(r, c, format!("指标值“{t}”无法识别")));
                }
                if !target::states_op(&t, year) {
                    guessed.push(GUESSED_OP.to_string());
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
            guessed,
        });
    }
    let unit_code = text(Field::UnitCode);
    let unit = unit_code.clone().map(|code| XUnit { code, name: text(Field::UnitName), parent: None });
    let project = XProject {
        // a sheet that names its unit without a code: the import settles the
        // name against the database's units (`service::exchange::import_read`)
        unit: unit_code.or_else(|| text(Field::UnitName)),
        name: text(Field::Name),
        money_unit: Some(text(Field::MoneyUnit).unwrap_or_else(|| "万元".into())),
        budget: Some(budget),
        fund_use: text(Field::FundUse),
        goal: text(Field::Goal),
        spending_plan,
        indicators,
        ..crate::import::text::blank_project(year, code)
    };
    Ok((project, unit))
}

/// What an operator cell (`指标性质`, `符号`, …) says.
enum Direction {
    /// Nothing: blank, `定量`, a dash.
    Unstated,
    /// `定性`: the value is a qualitative target, as written.
    Qualitative,
    /// The operator, as the target's text writes it (`≥`, `≤`, `=`, `>`, `<`, `约`).
    Op(&'static str),
}

fn direction(text: &str) -> Option<Direction> {
    let t: String = normalize(text).chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches("指标");
    Some(match t {
        "" | "定量" | "—" | "-" | "－" | "/" | "／" | "无" => Direction::Unstated,
        "定性" => Direction::Qualitative,
        "正向" | "越大越好" | "≥" | "≧" | ">=" | "大于等于" | "不低于" | "不少于" => Direction::Op("≥"),
        "反向" | "越小越好" | "≤" | "≦" | "<=" | "小于等于" | "不高于" | "不超过" => Direction::Op("≤"),
        "=" | "==" | "等于" => Direction::Op("="),
        ">" | "大于" => Direction::Op(">"),
        "<" | "小于" => Direction::Op("<"),
        "≈" | "约" | "约等于" | "左右" => Direction::Op("约"),
        _ => return None,
    })
}

/// The target as a person reads its row: the operator cell, the value and
/// the unit cell joined (`=` `600` `元/生·年` → `=600元/生·年`; `正向` `95`
/// `%` → `≥95%`; `反向` → `≤`; `定性` → the value as written). A value that
/// writes its own operator or unit keeps it; one that contradicts its
/// operator or unit cell is an error naming the cell.
fn written_target(sheet: &Sheet, value: &str, (r, c): (usize, usize), op: Option<(String, usize, usize)>, unit: Option<(String, usize, usize)>, year: i32) -> Result<String> {
    let mut text = value.trim().to_string();
    let dash = |u: &str| u.is_empty() || u.chars().all(|c| "—–-－/／".contains(c)) || u == "无";
    if let Some((u, ur, uc)) = unit.filter(|(u, _, _)| !dash(u.trim())) {
        let u = u.trim();
        let parsed = target::parse(&text, year);
        match parsed.kind {
            Kind::Quantity => {
                let (have, want) = (normalize(parsed.unit_str()), normalize(u).replace(' ', ""));
                // the unit goes after the number (and its 万 or 亿), before a word such as 以上
                let end = number_end(&text);
                let magnitude = ["万", "亿"].into_iter().find(|m| have == *m && text[end..].starts_with(m));
                if have.is_empty() {
                    text.insert_str(end, u);
                } else if let Some(m) = magnitude {
                    let rest = want.strip_prefix(m).unwrap_or(&want);
                    text.insert_str(end + m.len(), rest);
                } else if have != want {
                    return Err(sheet.error(ur, uc, format!("度量单位“{u}”与指标值“{value}”中的单位不一致")));
                }
            }
            Kind::NotUnderstood => text.push_str(u),
            // a date or a label has no unit to add; one already written stays
            _ => {}
        }
    }
    let Some((o, or, oc)) = op else { return Ok(text) };
    let Some(dir) = direction(&o) else {
        return Err(sheet.error(or, oc, format!("指标性质“{}”无法识别（应为 ≥、≤、=、>、<、≈、大于等于、小于等于、正向、反向、定性 之一）", o.trim())));
    };
    let Direction::Op(sign) = dir else { return Ok(text) };
    let parsed = target::parse(&text, year);
    if parsed.kind != Kind::Quantity {
        // a deadline is `≤` of itself; a label is judged in words
        return Ok(text);
    }
    if !target::states_op(&text, year) {
        return Ok(format!("{sign}{text}"));
    }
    let wanted = target::parse(&format!("{sign}1"), year).op;
    if parsed.op != wanted {
        return Err(sheet.error(r, c, format!("指标值“{value}”与指标性质“{}”的方向不一致", o.trim())));
    }
    Ok(text)
}

/// Where the number of a quantity's text ends (before its unit or an
/// operator word after it): after the last digit, `.` or `,`.
fn number_end(text: &str) -> usize {
    text.char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || c.is_numeric() || ".,，．".contains(*c) || ('０'..='９').contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(text.len())
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
            // operator and unit columns belong to the indicator table only
            let Some(f) = field_of(&row[c]).filter(|f| !matches!(f, Field::Operator | Field::MeasureUnit)) else {
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
    let year = year.or_else(|| crate::import::text::stated_year(&sheet.cells[..head].concat().concat()));
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
    let per_project = |f: Field| {
        !matches!(f, Field::Level1 | Field::Level2 | Field::Level3 | Field::Description | Field::Target | Field::Basis | Field::Weight | Field::Operator | Field::MeasureUnit)
    };
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
