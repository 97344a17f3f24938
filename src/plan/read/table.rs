//! 主要指标 and 年度分解 tables as any PDF extractor gives them: cells split by
//! tabs or by runs of spaces (a blank cell placed by its column), the header
//! repeated after a page break, a wrapped name continued on the next line,
//! category lines, notes below (`注：带“*”号的为2019年数据`), the years from
//! the header. A row whose cells cannot be told apart is an error naming it.

use super::words::{direction_of, is_qualitative_wording, kind_of};
use crate::error::{Error, Result};
use crate::model::plan::{Attribute, Baseline, Milestone, PlanIndicator, PlanKind, PlanTarget, Responsible, Role};
use crate::target::{Kind, Op};
use crate::text::{has_digit, leading_number, normalize};
use rust_decimal::Decimal;

/// A run of text on a line with where it starts and ends, in characters and
/// in display columns (a CJK character is two): extractors place by the one,
/// people typing spaces by the other.
#[derive(Debug, Clone)]
struct Seg {
    chars: (usize, usize),
    width: (usize, usize),
    text: String,
}

fn wide(c: char) -> bool {
    crate::text::is_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FF60}').contains(&c) || "“”‘’—…（）《》【】〔〕".contains(c)
}

/// The cells of a line: split at tabs (every cell kept, blank ones too), or at
/// runs of two or more spaces (an ideographic space counts as two).
fn segs(line: &str) -> (Vec<Seg>, bool) {
    if line.contains('\t') {
        let cells = line.split('\t').enumerate().map(|(i, t)| Seg { chars: (i, i + 1), width: (i, i + 1), text: t.trim().to_string() }).collect();
        return (cells, true);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut w) = (0, 0);
    let width = |c: char| if wide(c) { 2 } else { 1 };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            w += if chars[i] == '\u{3000}' { 2 } else { 1 };
            i += 1;
            continue;
        }
        let (start, wstart) = (i, w);
        let mut text = String::new();
        while i < chars.len() {
            let c = chars[i];
            let gap = chars[i..].iter().take_while(|c| **c == ' ').count();
            if c == '\u{3000}' || gap >= 2 || (gap == 1 && i + 1 == chars.len()) {
                break;
            }
            text.push(c);
            w += width(c);
            i += 1;
        }
        out.push(Seg { chars: (start, i), width: (wstart, w), text: text.trim().to_string() });
    }
    (out, false)
}

/// What a column of the header holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Name,
    Unit,
    Attribute,
    /// A year's value: its year (when the header says it), whether it is the
    /// baseline (`基期`) or the target (`目标`) by its words.
    Year { year: Option<i32>, base: bool, target: bool },
    Unit_(Role),
    Category,
    /// A person's reading, overriding the reader's: 指标类型, 方向.
    Kind,
    Direction,
    Other,
}

/// The year in a header cell (`2020年`, `2025年目标`, `十四五末` → 2025).
fn header_year(t: &str) -> Option<i32> {
    if let Some(i) = t.find(|c: char| c.is_ascii_digit()) {
        let y: String = t[i..].chars().take_while(char::is_ascii_digit).collect();
        return (y.len() == 4).then(|| y.parse().ok()).flatten().filter(|y| (1990..=2100).contains(y));
    }
    let end = super::words::period_years(t).map(|(_, end)| end)?;
    // 十三五末 is where 十四五 starts
    (t.contains('末') || t.contains("期末")).then_some(end)
}

fn classify(cell: &str) -> Col {
    let t = normalize(cell);
    let t = t.as_str();
    match t {
        "序号" | "编号" | "序" | "No." => return Col::Id,
        "指标名称" | "指标" | "主要指标" | "名称" | "指标内容" | "具体指标" => return Col::Name,
        "单位" | "计量单位" | "指标单位" | "单位名称" => return Col::Unit,
        "属性" | "指标属性" | "指标性质" | "性质" => return Col::Attribute,
        "牵头单位" | "牵头部门" => return Col::Unit_(Role::Lead),
        "责任单位" | "责任部门" | "责任主体" => return Col::Unit_(Role::Responsible),
        "配合单位" | "配合部门" => return Col::Unit_(Role::Support),
        "类别" | "领域" | "分类" | "类型" | "维度" | "一级指标" => return Col::Category,
        "指标类型" | "指标种类" => return Col::Kind,
        "方向" | "指标方向" => return Col::Direction,
        _ => {}
    }
    if ["年均", "增速", "增长", "累计", "备注", "说明"].iter().any(|w| t.contains(w)) && !t.contains("目标") {
        return Col::Other;
    }
    let base = ["基期", "现状", "基准", "基数"].iter().any(|w| t.contains(w)) || (t.contains("十三五") && !t.contains("目标"));
    let target = ["目标", "规划值", "预期"].iter().any(|w| t.contains(w)) || t.contains("十四五末") || t.contains("十五五末");
    let year = header_year(t);
    if base || target || year.is_some() && t.chars().count() <= 12 {
        return Col::Year { year, base, target: target && !base };
    }
    Col::Other
}

/// A header: three or more cells, a name column and a year column.
fn header_of(segs: &[Seg]) -> Option<Vec<Col>> {
    let cols: Vec<Col> = segs.iter().map(|s| classify(&s.text)).collect();
    let ok = segs.len() >= 3 && cols.contains(&Col::Name) && cols.iter().any(|c| matches!(c, Col::Year { .. }));
    ok.then_some(cols)
}

/// An indicator read from a row, with what a person might read otherwise.
#[derive(Debug, Clone)]
pub struct ReadRow {
    pub indicator: PlanIndicator,
    /// (field, message)
    pub doubts: Vec<(&'static str, String)>,
}

/// A table read.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: Option<String>,
    /// A 年度分解 table: its year columns are milestones.
    pub yearly: bool,
    pub rows: Vec<ReadRow>,
    /// The baseline column's year and the target column's, as the header gives them.
    pub base_year: Option<i32>,
    pub end_year: Option<i32>,
    /// The lines the table took (header to its notes), for the prose reader to skip.
    pub lines: std::ops::Range<usize>,
}

/// The years a reader fills in when a table does not say them.
#[derive(Debug, Clone, Copy)]
pub struct Years {
    pub base: i32,
    pub end: i32,
}

/// `注：带“*”号的为2019年数据` → ('*', 2019); `△为2021年数` → ('△', 2021).
fn note_years(line: &str) -> Vec<(char, i32)> {
    let t = normalize(line);
    let mut out = Vec::new();
    for (i, c) in t.char_indices() {
        if "*△※#".contains(c) && !out.iter().any(|(m, _)| *m == c) {
            let after = &t[i + c.len_utf8()..];
            let lead: String = after.chars().take(16).collect();
            if let Some(p) = lead.find(|c: char| c.is_ascii_digit()) {
                let y: String = lead[p..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(y) = y.parse::<i32>()
                    && y.to_string().len() == 4
                    && lead[p + 4..].starts_with('年')
                {
                    out.push((c, y));
                }
            }
        }
    }
    out
}

fn is_blank_value(t: &str) -> bool {
    matches!(t, "" | "—" | "-" | "——" | "/" | "无" | "…" | "--")
}

/// A baseline cell: `4396`, `—` (none), `11.2左右` (approx), `99.7*` (the
/// note's year), `61.77（2019年）`, `第12位`.
fn baseline(cell: &str, col_year: i32, notes: &[(char, i32)]) -> std::result::Result<Option<Baseline>, String> {
    let t = normalize(cell);
    if is_blank_value(&t) || t.chars().all(|c| c == '—' || c == '-') {
        return Ok(None);
    }
    let mut s = t.as_str();
    let mut year = col_year;
    let mut marked = None;
    if let Some(m) = s.chars().last().filter(|c| "*△※#".contains(*c)) {
        s = s.trim_end_matches(m);
        marked = Some(m);
    }
    if let Some(open) = s.find('(')
        && let Some(y) = s[open + 1..].strip_suffix(')').and_then(|inner| inner.trim_end_matches("年").parse::<i32>().ok())
    {
        year = y;
        s = &s[..open];
    }
    if let Some(m) = marked {
        match notes.iter().find(|(c, _)| *c == m) {
            Some((_, y)) => year = *y,
            None => return Err(format!("基期值“{cell}”带“{m}”号，但表下没有说明它的年份")),
        }
    }
    let approx = s.ends_with("左右") || s.starts_with('约');
    let s = s.trim_end_matches("左右").trim_start_matches('约').trim_start_matches("第").trim_start_matches('前');
    match leading_number(s) {
        Some((value, _)) => Ok(Some(Baseline { text: cell.trim().to_string(), value, year, approx })),
        None => Err(format!("基期值“{cell}”不是数字")),
    }
}

/// A rank written as a target: `前5位`, `前10名`, `第3位以内`, `前50强`.
fn rank_target(t: &str) -> Option<Decimal> {
    let s = t.strip_prefix("全国").or_else(|| t.strip_prefix("全省")).unwrap_or(t);
    let s = s.strip_prefix('前').or_else(|| s.strip_prefix('第'))?;
    let (n, rest) = leading_number(s)?;
    matches!(rest, "位" | "名" | "强" | "位以内" | "名以内" | "位以前").then_some(n)
}

/// The target cell, understood: op, value, value max, unit; a rank; a
/// bracketed total (`〔18〕`); qualitative wording.
pub struct ReadTarget {
    pub target: PlanTarget,
    pub unit: Option<String>,
    pub rank: bool,
    pub bracketed: bool,
    pub qualitative: bool,
    /// The op was not written (a bare number).
    pub bare: bool,
}

pub fn target(cell: &str, year: i32) -> std::result::Result<ReadTarget, String> {
    let t = normalize(cell);
    let (inner, bracketed) = match t.strip_prefix(['〔', '[', '【']).and_then(|r| r.strip_suffix(['〕', ']', '】'])) {
        Some(inner) => (inner.to_string(), true),
        None => (t.trim_end_matches(['*', '△']).to_string(), false),
    };
    let mut r = ReadTarget {
        target: PlanTarget { text: cell.trim().to_string(), op: None, value: None, value_max: None, year },
        unit: None,
        rank: false,
        bracketed,
        qualitative: false,
        bare: false,
    };
    if let Some(n) = rank_target(&inner) {
        r.target.op = Some(Op::Le);
        r.target.value = Some(n);
        r.rank = true;
        return Ok(r);
    }
    let parsed = crate::target::parse(&inner, year);
    match parsed.kind {
        Kind::Quantity => {
            r.target.op = parsed.op;
            r.target.value = parsed.value;
            r.target.value_max = parsed.value_max;
            r.unit = parsed.unit.clone();
            r.bare = !crate::target::states_op(&inner, year);
            Ok(r)
        }
        _ if is_qualitative_wording(&inner) => {
            r.qualitative = true;
            Ok(r)
        }
        _ => Err(format!("目标值“{}”既没有数值也不是定性表述", cell.trim())),
    }
}

/// The attribute cell: 预期性 / 约束性 (also 预期, 约束, in brackets).
fn attribute(cell: &str) -> Option<Attribute> {
    let t = normalize(cell);
    let t = t.trim_matches(['[', ']', '〔', '〕', '【', '】', '(', ')']);
    if t.starts_with("约束") {
        Some(Attribute::Binding)
    } else if t.starts_with("预期") {
        Some(Attribute::Expected)
    } else {
        None
    }
}

/// A name with its unit in brackets: `研发投入强度（%）` → (`研发投入强度`, `%`).
fn name_and_unit(cell: &str) -> (String, Option<String>) {
    let t = cell.trim().replace(['（', '）'], "|").replace(['(', ')'], "|");
    let parts: Vec<&str> = t.split('|').collect();
    match parts.as_slice() {
        [name, unit, ""] if !name.is_empty() && unit.chars().count() <= 6 && !has_digit(unit) => (name.trim().to_string(), Some(normalize(unit))),
        _ => (cell.trim().to_string(), None),
    }
}

/// Reads every table of `lines`. `years` gives a header's 基期 / 目标 columns
/// without a year of their own their years.
pub fn read_tables(lines: &[&str], years: Years) -> Result<Vec<Table>> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (segs, _) = segs(lines[i]);
        let Some(cols) = header_of(&segs) else {
            i += 1;
            continue;
        };
        let (table, next) = read_table(lines, i, segs, cols, years)?;
        if !table.rows.is_empty() {
            tables.push(table);
        }
        i = next;
    }
    Ok(tables)
}

fn is_page_marker(line: &str) -> bool {
    let t = normalize(line);
    let core = t.trim_matches(|c: char| c == '—' || c == '-' || c == '第' || c == '页');
    !t.is_empty() && core.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '共') && core.chars().any(|c| c.is_ascii_digit()) && t.chars().count() <= 12
}

/// The title above a header: the nearest non-empty line before it, if it is
/// not prose (no sentence punctuation).
fn title_above(lines: &[&str], header: usize) -> Option<String> {
    let line = lines[..header].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty())?;
    let t = line.trim();
    let prose = t.contains('。') || t.contains('，') || t.chars().count() > 60;
    (!prose && !is_page_marker(t)).then(|| t.to_string())
}

/// The cells of a row placed in the header's columns: by count, else (a blank
/// cell) by position; `None` when they cannot be told apart.
fn place(row: &[Seg], tabs: bool, header: &[Seg], by_width: bool) -> Option<Vec<String>> {
    let n = header.len();
    if tabs || row.len() == n {
        if row.len() > n && row[n..].iter().any(|s| !s.text.is_empty()) {
            return None;
        }
        let mut cells: Vec<String> = row.iter().take(n).map(|s| s.text.clone()).collect();
        cells.resize(n, String::new());
        return Some(cells);
    }
    if row.len() > n {
        return None;
    }
    let span = |s: &Seg| if by_width { s.width } else { s.chars };
    let mut cells = vec![String::new(); n];
    for s in row {
        let (a, b) = span(s);
        // the column whose span overlaps most, else the nearest centre
        let best = (0..n)
            .map(|c| {
                let (ha, hb) = span(&header[c]);
                let overlap = b.min(hb) as i64 - a.max(ha) as i64;
                let centre = ((a + b) as i64 - (ha + hb) as i64).abs();
                (c, overlap, centre)
            })
            .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))?
            .0;
        if !cells[best].is_empty() {
            return None;
        }
        cells[best] = s.text.clone();
    }
    Some(cells)
}

/// Whether rows that fill every cell line up with the header better by
/// display columns than by characters.
fn aligned_by_width(header: &[Seg], rows: &[Vec<Seg>]) -> bool {
    let cost = |by_width: bool| -> usize {
        rows.iter()
            .filter(|r| r.len() == header.len())
            .flat_map(|r| r.iter().zip(header))
            .map(|(s, h)| {
                let (a, b) = if by_width { (s.width, h.width) } else { (s.chars, h.chars) };
                ((a.0 + a.1) as i64 - (b.0 + b.1) as i64).unsigned_abs() as usize
            })
            .sum()
    };
    cost(true) <= cost(false)
}

fn read_table(lines: &[&str], start: usize, header: Vec<Seg>, cols: Vec<Col>, years: Years) -> Result<(Table, usize)> {
    let title = title_above(lines, start);
    let header_texts: Vec<String> = header.iter().map(|s| normalize(&s.text)).collect();
    let col = |c: Col| cols.iter().position(|x| *x == c);
    let (name_col, id_col, unit_col, attr_col, cat_col) = (col(Col::Name), col(Col::Id), col(Col::Unit), col(Col::Attribute), col(Col::Category));
    let name_col = name_col.expect("a header has a name column");
    let year_cols: Vec<(usize, Option<i32>, bool, bool)> =
        cols.iter().enumerate().filter_map(|(i, c)| if let Col::Year { year, base, target } = c { Some((i, *year, *base, *target)) } else { None }).collect();
    let plain_years = year_cols.iter().filter(|(_, y, b, t)| y.is_some() && !b && !t).count();
    let yearly = plain_years >= 3;
    // the baseline column: one marked 基期, else the first when it is earlier than the last
    let last = *year_cols.last().expect("a header has a year column");
    // (in a 年度分解 table only a column of the base year or before)
    let base_col = year_cols.iter().find(|c| c.2).copied().or_else(|| {
        let first = year_cols[0];
        match yearly {
            true => first.1.filter(|y| *y <= years.base).map(|_| first),
            false => (year_cols.len() >= 2 && (first.1.is_none() || first.1 < last.1 || last.1.is_none())).then_some(first),
        }
    });
    let target_col = year_cols.iter().rev().find(|c| c.3).copied().unwrap_or(last);
    let end_year = target_col.1.unwrap_or(years.end);
    let base_year = base_col.map(|c| c.1.unwrap_or(years.base));
    let milestone_cols: Vec<(usize, i32)> = if yearly {
        year_cols.iter().filter_map(|(i, y, _, _)| y.filter(|y| Some(*y) != base_year && *y < end_year).map(|y| (*i, y))).collect()
    } else {
        Vec::new()
    };

    // the table's lines: rows, continuations, categories, a repeated header, page marks
    let mut raw: Vec<(usize, Vec<Seg>, bool)> = Vec::new();
    let mut notes: Vec<(char, i32)> = Vec::new();
    let mut end = start + 1;
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.is_empty() || is_page_marker(t) {
            i += 1;
            continue;
        }
        let (s, tabs) = segs(line);
        let texts: Vec<String> = s.iter().map(|x| normalize(&x.text)).collect();
        if header_of(&s).is_some() {
            if texts == header_texts {
                // the header again after a page break
                i += 1;
                end = i;
                continue;
            }
            break;
        }
        if title_above(lines, i + 1).is_some() && lines.get(i + 1..).and_then(|r| r.iter().find(|l| !l.trim().is_empty())).is_some_and(|n| header_of(&segs(n).0).is_some()) {
            // a new table's title
            break;
        }
        let flat = normalize(t);
        if flat.starts_with("注") || flat.starts_with("备注") || flat.starts_with("说明") || (flat.starts_with('*') && flat.contains('年')) {
            notes.extend(note_years(t));
            i += 1;
            end = i;
            continue;
        }
        let filled = s.iter().filter(|x| !x.text.is_empty()).count();
        let sentence = flat.contains('。') || (flat.contains('，') && filled <= 1) || flat.chars().count() > 80;
        if sentence || !notes.is_empty() {
            break;
        }
        raw.push((i, s, tabs));
        i += 1;
        end = i;
    }

    let by_width = aligned_by_width(&header, &raw.iter().filter(|r| !r.2).map(|r| r.1.clone()).collect::<Vec<_>>());
    let name_start = |by_width: bool| if by_width { header[name_col].width.0 } else { header[name_col].chars.0 };
    let mut rows: Vec<ReadRow> = Vec::new();
    let mut category: Option<String> = None;
    for (line_no, s, tabs) in &raw {
        let filled: Vec<&Seg> = s.iter().filter(|x| !x.text.is_empty()).collect();
        if filled.len() == 1 && !has_digit(&filled[0].text) {
            let only = filled[0];
            let index = s.iter().position(|x| !x.text.is_empty()).unwrap_or(0);
            let pos = if by_width { only.width.0 } else { only.chars.0 };
            let continues = if *tabs { index == name_col } else { pos + 1 >= name_start(by_width) && name_col > 0 };
            match rows.last_mut() {
                Some(last) if continues => last.indicator.name.push_str(&only.text),
                _ => category = Some(only.text.clone()),
            }
            continue;
        }
        let cells = place(s, *tabs, &header, by_width).ok_or_else(|| {
            Error::Import(format!("第 {} 行“{}”的各列无法与表头（{}）对应，请检查该行", line_no + 1, lines[*line_no].trim(), header_texts.join(" ")))
        })?;
        if cells[name_col].is_empty() {
            return Err(Error::Import(format!("第 {} 行“{}”没有指标名称", line_no + 1, lines[*line_no].trim())));
        }
        let cell = |c: Option<usize>| c.map(|c| cells[c].trim()).unwrap_or("");
        if let Some(c) = cat_col.filter(|c| !cells[*c].is_empty()) {
            category = Some(cells[c].clone());
        }
        let mut doubts = Vec::new();
        let (name, unit_in_name) = name_and_unit(&cells[name_col]);
        let mut unit = Some(normalize(cell(unit_col))).filter(|u| !is_blank_value(u)).or(unit_in_name);
        let base = match base_col {
            Some((c, y, _, _)) => baseline(&cells[c], y.unwrap_or(years.base), &notes).unwrap_or_else(|why| {
                doubts.push(("baseline", why));
                None
            }),
            None => None,
        };
        let read = target(&cells[target_col.0], end_year).map_err(|why| Error::Import(format!("第 {} 行“{}”：{why}", line_no + 1, name)))?;
        if unit.is_none() {
            unit = read.unit.clone();
        }
        let milestones: Vec<Milestone> = milestone_cols
            .iter()
            .filter_map(|(c, y)| leading_number(&normalize(&cells[*c])).map(|(value, _)| Milestone { year: *y, value }))
            .collect();
        let mut t = read.target.clone();
        let in_row = |what: Error| Error::Import(format!("第 {} 行“{}”：{what}", line_no + 1, name));
        let kind = match cell(col(Col::Kind)) {
            "" if read.qualitative => PlanKind::Qualitative,
            "" => kind_of(&name, unit.as_deref().unwrap_or(""), read.rank, read.bracketed, false),
            k => PlanKind::read(k).map_err(in_row)?,
        };
        let kind_given = !cell(col(Col::Kind)).is_empty();
        if read.bare
            && let (Some(b), Some(v)) = (&base, t.value)
            && v < b.value
        {
            t.op = Some(Op::Le);
            doubts.push(("op", format!("目标值 {v} 低于基期值 {}，按“≤”（越小越好）理解", b.value)));
        }
        if kind == PlanKind::Cumulative && !read.bracketed && !kind_given {
            doubts.push(("kind", "名称含“新增/累计”等，按规划期内累计值理解".to_string()));
        }
        let direction = match cell(col(Col::Direction)) {
            "" => direction_of(t.op, kind, base.as_ref().map(|b| b.value), t.value),
            d => crate::model::plan::Direction::read(d).map_err(in_row)?,
        };
        let mut responsible = Vec::new();
        for (c, role) in cols.iter().enumerate().filter_map(|(c, k)| if let Col::Unit_(r) = k { Some((c, *r)) } else { None }) {
            for u in cells[c].split(['、', '，', ',', '/', ';', '；']).map(str::trim).filter(|u| !u.is_empty() && !is_blank_value(u)) {
                responsible.push(Responsible { unit: u.to_string(), role });
            }
        }
        let id = Some(cell(id_col).trim_end_matches(['.', '、']).to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| (rows.len() + 1).to_string());
        let section = match (&title, &category) {
            (Some(t), Some(c)) => Some(format!("{t}／{c}")),
            (Some(t), None) => Some(t.clone()),
            (None, c) => c.clone(),
        };
        rows.push(ReadRow {
            indicator: PlanIndicator {
                id,
                section,
                name,
                unit,
                kind,
                attribute: attribute(cell(attr_col)),
                direction,
                baseline: base,
                target: t,
                milestones,
                responsible,
                source: title.clone().or(Some("主要指标表".into())),
            },
            doubts,
        });
    }
    // the title's line belongs to the table too
    let first = if title.is_some() { lines[..start].iter().rposition(|l| !l.trim().is_empty()).unwrap_or(start) } else { start };
    Ok((Table { title, yearly, rows, base_year, end_year: Some(end_year), lines: first..end }, end.max(start + 1)))
}

/// A table as the PDF text layer gives a ruled one (`import::pdf`): each cell
/// on a line of its own. The header's cells (every one a header word, a name
/// and a year among them) tell how many cells a row has; the rows after it
/// are joined into tab-separated lines, up to a note or a short group.
/// Other lines are left as they are.
pub fn join_cell_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let single = |l: &str| !l.contains('\t') && segs(l).0.len() == 1;
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| single(l) && classify(l) != Col::Other).count();
        let cols: Vec<Col> = lines[i..i + run].iter().map(|l| classify(l)).collect();
        if run < 3 || !cols.contains(&Col::Name) || !cols.iter().any(|c| matches!(c, Col::Year { .. })) {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        out.push(lines[i..i + run].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\t"));
        i += run;
        while i + run <= lines.len() {
            let group = &lines[i..i + run];
            let stop = group.iter().any(|l| !single(l) || normalize(l).starts_with('注'));
            if stop {
                break;
            }
            out.push(group.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\t"));
            i += run;
        }
    }
    out.join("\n")
}
