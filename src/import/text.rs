//! Reading 绩效目标表 from the text a PDF gives (target-table.md, "When the table
//! arrives as text") and targets written as prose ("When the targets arrive as
//! prose"). Both produce an exchange [`File`], which the officer can check and then
//! import like any other; nothing here writes to the database.
//!
//! Extractors differ in white space, line breaks and the order of lines, so the
//! table reader does not rely on any of them: it reads the text without its
//! white space, and keeps only where a piece of text began as a hint of where a
//! cell may end. Text laid out in columns (`pdftotext -layout`) is first put
//! back into cells by [`super::layout`].

use crate::error::{Error, Result};
use crate::exchange::{FORMAT, File, VERSION, XBudget, XIndicator, XPlan, XProject, XUnit};
use crate::target::{self, Kind};
use crate::model::{LEVEL1, LEVEL2};
use crate::text::{leading_number, normalize};

/// The names in `XIndicator::guessed` of a level-1 and a level-2 the reader
/// inferred from the indicator's wording rather than read.
pub const GUESSED_LEVEL1: &str = "level1";
pub const GUESSED_LEVEL2: &str = "level2";
/// 指标值确定依据: every table row ends with one (`历史指标` is a typo seen in
/// real tables and kept as written).
pub const BASIS: [&str; 12] = [
    "计划标准", "历史标准", "行业标准", "其他标准", "国家标准", "地方标准", "省级标准", "市级标准", "预算标准", "历史指标", "计划指标", "行业指标",
];

/// A project of `year` and `code` with nothing else yet: the readers fill in
/// what their source has.
pub(crate) fn blank_project(year: i32, code: String) -> XProject {
    XProject {
        year,
        code,
        unit: None,
        name: None,
        money_unit: None,
        budget: None,
        fund_use: None,
        goal: None,
        spending_plan: vec![],
        indicators: vec![],
        actuals: vec![],
        spending: vec![],
        evaluation: None,
    }
}

/// Text with the white space a PDF extractor scatters through it removed; the
/// characters themselves are kept as written.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line that is only a page number: `- 56 -`.
pub(crate) fn is_page_marker(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with('-') && t.ends_with('-') && t.len() > 2 && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// Display width in half-width columns: a Chinese character or full-width sign
/// is two, ASCII one. Lines of one wrapped cell have about the same width.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Text as pieces: the text without white space (`flat`) and the byte offsets in
/// it where a whitespace-separated piece began. A cell ends only where a piece
/// ends, but a piece may end inside a cell (a wrapped line).
struct Pieces {
    flat: String,
    starts: Vec<usize>,
}

impl Pieces {
    fn new(text: &str) -> Self {
        let mut flat = String::new();
        let mut starts = Vec::new();
        for line in text.lines().filter(|l| !is_page_marker(l)) {
            for w in line.split_whitespace() {
                starts.push(flat.len());
                flat.push_str(w);
            }
        }
        Pieces { flat, starts }
    }

    /// The piece starts strictly inside `a..b`, relative to `a`.
    fn inside(&self, a: usize, b: usize) -> Vec<usize> {
        self.starts.iter().filter(|&&s| s > a && s < b).map(|s| s - a).collect()
    }

    /// The pieces without those from `a` to `b` (both piece starts).
    fn without(&self, a: usize, b: usize) -> Pieces {
        let mut flat = self.flat[..a].to_string();
        flat.push_str(&self.flat[b..]);
        let starts = self.starts.iter().filter(|&&s| s < a || s >= b).map(|&s| if s < a { s } else { s - (b - a) }).collect();
        Pieces { flat, starts }
    }

    /// The pieces from `a` to `b`, as they were written.
    fn words(&self, a: usize, b: usize) -> Vec<&str> {
        let mut cuts = vec![0];
        cuts.extend(self.inside(a, b));
        cuts.push(b - a);
        let s = &self.flat[a..b];
        cuts.windows(2).map(|w| &s[w[0]..w[1]]).filter(|w| !w.is_empty()).collect()
    }
}

/// Splits a row's `names + target` at the start of the target: the longest tail
/// read as a quantity or a date (one that starts where a piece starts, if any
/// does); else the shortest tail that starts a piece and reads as a label.
fn target_start(s: &str, starts: &[usize], year: i32) -> Option<usize> {
    let measurable = |i: usize| matches!(target::parse(&s[i..], year).kind, Kind::Quantity | Kind::Date);
    if let Some(&i) = starts.iter().find(|&&i| measurable(i)) {
        return Some(i);
    }
    if let Some((i, _)) = s.char_indices().skip(1).find(|&(i, _)| measurable(i)) {
        return Some(i);
    }
    let label = |i: &&usize| target::parse(&s[**i..], year).kind == Kind::Label;
    starts.iter().rev().filter(|&&i| s[i..].chars().count() >= 2).find(label).or_else(|| starts.iter().rev().find(label)).copied()
}

/// How badly `lines` fit one wrapped cell: every line but the last is about as
/// wide as the widest of them, and the last is not wider.
fn misfit(lines: &[&str]) -> usize {
    const SLACK: usize = 3;
    let Some((last, body)) = lines.split_last() else { return 0 };
    let Some(full) = body.iter().map(|l| width(l)).max() else { return 0 };
    body.iter().map(|l| full.saturating_sub(width(l) + SLACK)).sum::<usize>() + width(last).saturating_sub(full + SLACK)
}

/// How many two-character pairs of `a` also occur in `b`, in per mille of the
/// pairs of both: a name and its description share most of their words.
fn shared_pairs(a: &str, b: &str) -> usize {
    let pairs = |s: &str| -> Vec<(char, char)> { s.chars().zip(s.chars().skip(1)).collect() };
    let (pa, mut pb) = (pairs(a), pairs(b));
    let total = pa.len() + pb.len();
    let mut shared: usize = 0;
    for p in pa {
        if let Some(i) = pb.iter().position(|q| *q == p) {
            pb.swap_remove(i);
            shared += 1;
        }
    }
    (2000 * shared).checked_div(total).unwrap_or(0)
}

/// Splits what is left of a row into 三级指标 and 绩效指标描述: the same words
/// twice, or the split at which both parts look like one wrapped cell each.
fn split_names(names: &str, starts: &[usize], has_description: bool) -> (String, Option<String>) {
    if !has_description {
        return (names.to_string(), None);
    }
    let chars: Vec<char> = names.chars().collect();
    let half = chars.len() / 2;
    if chars.len().is_multiple_of(2) && chars[..half] == chars[half..] {
        let h: String = chars[..half].iter().collect();
        return (h.clone(), Some(h));
    }
    let mut cuts = vec![0];
    cuts.extend_from_slice(starts);
    cuts.push(names.len());
    let lines: Vec<&str> = cuts.windows(2).map(|w| &names[w[0]..w[1]]).collect();
    if lines.len() < 2 {
        return (names.to_string(), Some(names.to_string()));
    }
    let best = (1..lines.len())
        .min_by_key(|&k| {
            let (l3, d) = (lines[..k].concat(), lines[k..].concat());
            (misfit(&lines[..k]) + misfit(&lines[k..]), std::cmp::Reverse(shared_pairs(&l3, &d)), k)
        })
        .unwrap_or(1);
    (lines[..best].concat(), Some(lines[best..].concat()))
}

/// Labels of the budget cells, which an extractor may print between another
/// label and its amount.
const BUDGET_LABELS: [&str; 11] = ["其中", "财政资金", "财政拨款", "其他资金", "预算数", "年度资金总额", "资金总额", "预算规模及", "资金用途", "(万元)", "万元"];

/// The number written after `label` in `s`, other budget labels allowed
/// between (`预算数 其中：财政资金 800.00` as one extractor orders the cells).
fn number_after(s: &str, label: &str) -> Option<String> {
    let at = s.find(label)? + label.len();
    let rest: String = s[at..].chars().take(40).collect();
    let mut rest = normalize(&rest);
    loop {
        let t = rest.trim_start_matches([':', '：']);
        match BUDGET_LABELS.iter().find(|w| t.starts_with(**w)) {
            Some(w) => rest = t[w.len()..].to_string(),
            None => return first_amount(t).map(|(d, _)| d),
        }
    }
}

/// The amount at the start of `s` (normalised), and the rest: `800.00`, or
/// the first of `800.00800.00`, which an extractor gives for two cells (each
/// then has its two decimals).
fn first_amount(s: &str) -> Option<(String, &str)> {
    let (d, rest) = leading_number(s)?;
    let point = s.find('.').filter(|&p| p < s.len() - rest.len());
    match point {
        Some(p) if rest.starts_with('.') && p + 3 < s.len() - rest.len() => {
            let cut = p + 3;
            leading_number(&s[..cut]).map(|(d, _)| (d.to_string(), &s[cut..]))
        }
        _ => Some((d.to_string(), rest)),
    }
}

/// The amounts in one piece of text (`800.00`, `800.00800.00`).
fn amounts(piece: &str) -> Vec<String> {
    let s = normalize(piece);
    let mut out = Vec::new();
    let mut rest = s.as_str();
    while let Some((d, tail)) = first_amount(rest) {
        out.push(d);
        rest = tail;
    }
    if rest.is_empty() { out } else { vec![] }
}

/// The budget year a document states: `2023年单位预算绩效目标`, `2023年度`.
pub(crate) fn stated_year(flat: &str) -> Option<i32> {
    let n = normalize(flat);
    for (at, _) in n.match_indices('年') {
        let Some(digits) = n.get(at.saturating_sub(4)..at) else { continue };
        let after = &n[at + '年'.len_utf8()..];
        if digits.bytes().all(|b| b.is_ascii_digit())
            && ["单位预算", "部门预算", "预算", "度", "项目"].iter().any(|w| after.starts_with(w))
            && let Ok(y) = digits.parse::<i32>()
            && crate::model::YEARS.contains(&y)
        {
            return Some(y);
        }
    }
    None
}

/// True for the title line of a table: `1.新型数据中心建设奖补资金绩效目标表`,
/// `项目支出绩效目标表`.
fn is_title(line: &str) -> bool {
    let t = squeeze(line);
    t.ends_with("绩效目标表") || t.ends_with("绩效目标申报表")
}

/// Reads one or more 绩效目标表 from PDF text. The year is the one the text
/// states (`2023年单位预算绩效目标`), else `year`. Parts of the text that hold
/// no table (other pages of a budget document) are skipped.
pub fn parse_target_tables(text: &str, year: Option<i32>) -> Result<File> {
    let text = crate::import::layout::to_cells(text);
    let year = stated_year(&squeeze(&text))
        .or(year)
        .ok_or_else(|| Error::Invalid("文本中没有写明年度，请指定年度".into()))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut starts: Vec<usize> = (0..lines.len()).filter(|&i| is_title(lines[i])).collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut file = File { format: FORMAT.into(), version: VERSION, units: vec![], projects: vec![] };
    let mut n = 0;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let chunk = lines[start..end].join("\n");
        let flat = squeeze(&chunk);
        // a table has its fields and its indicator header; other text is skipped
        if !(flat.contains("项目名称") || flat.contains("项目编码")) || !flat.contains("一级指标") {
            continue;
        }
        n += 1;
        let title = if is_title(lines[start]) { squeeze(lines[start]) } else { String::new() };
        let p = parse_table(&chunk, year, &title).map_err(|e| Error::Invalid(format!("第 {n} 张表（{}）：{e}", title_or(&title, &flat))))?;
        if let Some(u) = &p.1
            && !file.units.iter().any(|x| x.code == u.code)
        {
            file.units.push(u.clone());
        }
        file.projects.push(p.0);
    }
    if file.projects.is_empty() {
        return Err(Error::Invalid("文本中没有找到绩效目标表（项目名称……一级指标……）".into()));
    }
    Ok(file)
}

fn title_or(title: &str, flat: &str) -> String {
    if title.is_empty() { flat.chars().take(20).collect() } else { title.to_string() }
}

/// The labels of the goal's cell, longest first.
const GOAL_LABELS: [&str; 6] = ["年度总体目标", "年度绩效目标", "总体绩效目标", "年度目标", "总体目标", "绩效目标"];

/// The last goal label before the indicator header that is not part of a
/// title (`…绩效目标表`): where it starts, and the label.
fn goal_label(flat: &str) -> Option<(usize, &'static str)> {
    GOAL_LABELS
        .iter()
        .flat_map(|w| flat.match_indices(w).map(move |(at, _)| (at, *w)))
        .filter(|&(at, w)| !["表", "申报表"].iter().any(|t| flat[at + w.len()..].starts_with(t)))
        .max_by_key(|&(at, w)| (at + w.len(), std::cmp::Reverse(at)))
}

const MONEY_UNITS: [&str; 3] = ["万元", "亿元", "元"];

/// Labels of the header block: a field's value ends where one begins.
const FIELD_LABELS: [&str; 27] = [
    "项目名称", "项目编码", "主管部门", "实施单位", "填报单位", "年度资金总额", "资金总额", "项目资金", "预算规模", "预算数", "其中", "财政资金", "财政拨款", "其他资金", "资金用途",
    "资金支出", "年度总体目标", "年度绩效目标", "年度目标", "绩效目标", "单位：", "单位:", "项目属性", "项目期", "年度绩效指标", "一级指标", "项目负责人",
];

/// The value of a header field: the text after `label` (and `（盖章）：`) up
/// to the next label; `None` when blank.
pub(crate) fn field_after(flat: &str, label: &str) -> Option<String> {
    let at = flat.find(label)? + label.len();
    let rest = flat[at..].trim_start_matches(['（', '(']);
    let rest = rest.strip_prefix("盖章").map_or(rest, |r| r.trim_start_matches(['）', ')']));
    let rest = rest.trim_start_matches(['：', ':']);
    let end = FIELD_LABELS.iter().filter_map(|w| rest.find(w)).min().unwrap_or(rest.len()).min(rest.char_indices().nth(60).map_or(rest.len(), |(i, _)| i));
    let value = rest[..end].trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Field labels that end the 项目名称 cell.
const AFTER_NAME: [&str; 10] = ["预算规模", "预算数", "资金用途", "项目资金", "资金总额", "年度资金", "主管部门", "实施单位", "项目属性", "项目期"];

fn parse_table(chunk: &str, year: i32, title: &str) -> Result<(XProject, Option<XUnit>)> {
    let all = Pieces::new(chunk);
    let bad = |what: &str| Error::Invalid(format!("没有找到{what}"));
    // the indicators first: the header's words, whatever columns the table has
    let header_at = all.flat.find("一级指标").ok_or_else(|| bad("指标表头（一级指标 …）"))?;
    let mut header_end = header_at;
    while let Some(w) = HEADER_WORDS.iter().find(|w| all.flat[header_end..].starts_with(**w)) {
        header_end += w.len();
    }
    let header = &all.flat[header_at..header_end];
    let has_description = ["描述", "指标内容", "指标解释", "指标说明"].iter().any(|w| header.contains(w));
    let columns = Columns { has_description, weight: weight_column(header) };
    let (indicators, rows_end) = if header.contains("指标值确定依据") {
        parse_rows(&all, header_end, year, columns)?
    } else if header.contains("指标值") || header.contains("目标值") {
        parse_rows_without_basis(&all, header_end, year, columns)?
    } else {
        return Err(bad("指标表头（一级指标 … 指标值）"));
    };
    // the fields from the rest: an extractor may print some after the rows
    let pieces = all.without(header_at, rows_end);
    let flat = pieces.flat.as_str();
    // `505000 青岛市大数据发展管理局本级(系统) 单位：万元`, on one line or not
    let fields_at = ["项目编码", "项目名称"].iter().filter_map(|w| flat.find(w)).min().unwrap_or(flat.len());
    // where `单位：万元` (or `单位:元`) starts, and its money word: not `填报单位：…`
    let money_label = ["单位：", "单位:"]
        .iter()
        .flat_map(|label| flat[..header_at.min(flat.len())].match_indices(label).map(move |(at, _)| (at, at + label.len())))
        .filter_map(|(at, word)| MONEY_UNITS.into_iter().find(|u| flat[word..].starts_with(u)).map(|u| (at, u)))
        .min();
    let money_at = money_label.map(|(at, _)| at).filter(|&at| at < fields_at);
    let money_unit = money_label.map_or("万元", |(_, u)| u).to_string();
    let unit = pieces.starts.iter().copied().take_while(|&s| s < fields_at).find_map(|s| {
        let code: String = flat[s..].chars().take_while(char::is_ascii_digit).collect();
        let after = s + code.len();
        let is_piece = pieces.starts.contains(&after) || flat[after..].starts_with(|c: char| !c.is_ascii());
        if !(3..=12).contains(&code.len()) || !is_piece {
            return None;
        }
        let end = money_at.filter(|&m| m > after).unwrap_or(fields_at);
        let name = flat[after..end].trim_end_matches("金额").to_string();
        (!name.is_empty() && !name.contains("年")).then_some(XUnit { code, name: Some(name), parent: None })
    });
    // 项目编码: the code right after its label, or the first piece after it that
    // reads as one (an extractor may print the labels' column first)
    // a run of letters and digits from `from`, into the next pieces only while
    // they are whole pieces of such: a code wrapped in its cell, not `A1` + `2024年度`
    let code_run = |from: usize| {
        let from = from + flat[from..].len() - flat[from..].trim_start_matches([':', '：']).len();
        let run_end = from + flat[from..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
        let next_start = |p: usize| pieces.starts.iter().copied().find(|&s| s > p).unwrap_or(flat.len());
        let mut end = next_start(from).min(run_end);
        while end < run_end {
            let next = next_start(end);
            if next > run_end || next - from > 24 {
                break;
            }
            end = next;
        }
        flat[from..end].to_string()
    };
    let is_code = |c: &str| c.len() >= 4 && c.bytes().any(|b| b.is_ascii_digit());
    let code = flat.find("项目编码").map_or_else(String::new, |at| {
        let from = at + "项目编码".len();
        let direct = code_run(from);
        if !direct.is_empty() {
            return direct;
        }
        let until = flat[from..].find("一级指标").map_or(flat.len(), |i| from + i);
        pieces.starts.iter().filter(|&&s| s >= from && s < until).map(|&s| code_run(s)).find(|c| is_code(c)).unwrap_or_default()
    });
    let name = flat.split_once("项目名称").map(|(_, r)| {
        let r = r.trim_start_matches([':', '：']);
        let end = AFTER_NAME.iter().chain(["项目编码"].iter()).filter_map(|w| r.find(w)).min().unwrap_or(r.len());
        r[..end].to_string()
    });
    // `1.…绩效目标表`, `2025年度…项目绩效目标表`: the name between
    let titled = title.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    let titled = if title.starts_with(|c: char| c.is_ascii_digit()) && titled.len() < title.len() {
        titled
    } else {
        title
    };
    let titled = titled.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    let titled = ["年度", "年"].iter().find_map(|w| (title.len() > titled.len() || title.starts_with(|c: char| c.is_ascii_digit())).then(|| titled.strip_prefix(w)).flatten()).unwrap_or(titled);
    let titled = titled.trim_end_matches("绩效目标申报表").trim_end_matches("绩效目标表");
    let titled = titled.strip_suffix("项目").filter(|t| !t.is_empty()).unwrap_or(titled).to_string();
    // a name wrapped around its label's line comes out in pieces: the title has it whole
    let name = match name.filter(|n| !n.is_empty()) {
        Some(n) if titled.is_empty() || !titled.contains(&n) => n,
        _ => titled,
    };
    let code = if code.is_empty() { name.clone() } else { code };
    // the unit that carries the project out, else the one that filled in the form
    let unit_name = field_after(flat, "实施单位").or_else(|| field_after(flat, "填报单位"));
    if code.is_empty() {
        return Err(bad("项目编码和项目名称"));
    }
    let nflat = normalize(flat);
    let first_after = |labels: &[&str]| labels.iter().find_map(|l| number_after(&nflat, l));
    let total = first_after(&["预算数", "年度资金总额", "资金总额", "预算金额"]);
    // (a narrow label column wraps `其中：财政资/金` around its amount)
    let fiscal = first_after(&["财政资金", "财政拨款", "财政资", "财政拨"]);
    let other = number_after(&nflat, "其他资金");
    // 资金用途: the paragraph after 其他资金 [amount], up to the spending plan,
    // without the row's label (which an extractor may put anywhere)
    let fund_use = flat.find("其他资金").filter(|_| flat.contains("资金用途")).map(|a| {
        let from = a + "其他资金".len();
        let s = &flat[from..from + plan_start(&flat[from..])];
        let s = match leading_number(s) {
            Some((_, rest)) if other.is_some() => rest,
            _ => s,
        };
        ["预算规模及资金用途", "预算规模及", "资金用途"].iter().fold(s.to_string(), |s, w| s.replacen(w, "", 1))
    });
    // 资金支出计划: amounts under `3 月底 6 月底 10 月底 12 月底`; a blank cell is lost
    // in the text, and the blank is the earliest checkpoint
    let (spending_plan, plan_end) = spending_plan(&pieces);
    // 绩效目标: the last heading of that name before the indicator table
    // (after the plan's amounts: an extractor may print the label inside the
    // paragraph it labels, beside its middle line)
    let goal = goal_label(&flat[..header_at]).map(|(label, word)| {
        let from = plan_end.filter(|&e| e <= label).unwrap_or(label);
        let goal = flat[from..header_at].replacen(word, "", 1);
        // the label of the indicators' block (`年度绩效指标`), when it comes first
        ["年度绩效指标", "绩效指标"].iter().fold(goal, |g, w| g.strip_suffix(w).map_or(g.clone(), str::to_string))
    });
    let project = XProject {
        unit: unit.as_ref().map(|u| u.code.clone()).or(unit_name),
        name: Some(name),
        money_unit: Some(money_unit),
        budget: Some(XBudget { total, fiscal, other, adjusted: None }),
        fund_use: fund_use.filter(|s| !s.is_empty()),
        goal: goal.filter(|s| !s.is_empty()),
        spending_plan,
        indicators,
        ..blank_project(year, code)
    };
    Ok((project, unit))
}

/// Where the spending plan begins: its label `资金支出计划` or its first `N月底`
/// header, whichever comes first (an extractor may put the label after them);
/// at the latest where 绩效目标 or the indicator header begins.
fn plan_start(flat: &str) -> usize {
    let month = flat.find("月底").map(|at| at - flat[..at].bytes().rev().take_while(u8::is_ascii_digit).count());
    ["资金支出", "绩效目标", "一级指标"].iter().filter_map(|w| flat.find(w)).chain(month).min().unwrap_or(flat.len())
}

/// 资金支出计划: the months of the `N月底` headers and the amounts after them,
/// up to 绩效目标; fewer amounts than months means the earliest are blank.
fn spending_plan(pieces: &Pieces) -> (Vec<XPlan>, Option<usize>) {
    let flat = pieces.flat.as_str();
    // after the project's name: the title also says 绩效目标
    let base = ["项目名称", "项目编码"].iter().filter_map(|w| flat.find(w)).min().unwrap_or(0);
    let start = base + plan_start(&flat[base..]);
    let digits = flat[start..].bytes().take_while(u8::is_ascii_digit).count();
    if !flat[start..].starts_with("资金支出") && !flat[start + digits..].starts_with("月底") {
        return (vec![], None);
    }
    // the headers, wherever they are (an extractor may print some of them
    // after the indicator rows, which are not in these pieces)
    let mut months = Vec::new();
    let mut after_headers = start;
    for (at, _) in flat[start..].match_indices("月底") {
        let at = start + at;
        let digits: String = flat[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        // (`6月底前完成` in a paragraph is a deadline, not a header)
        let deadline = flat[at + "月底".len()..].starts_with(['前', '以', '之']);
        if let Ok(m) = digits.parse::<u32>()
            && (1..=12).contains(&m)
            && !months.contains(&m)
            && !deadline
        {
            months.push(m);
            after_headers = at + "月底".len();
        }
    }
    // the amounts: the run of them after the last header (a piece or two of
    // labels may come first: `划`, `资金支出计划`)
    let mut found = Vec::new();
    let mut last = None;
    let mut at = after_headers;
    let mut skipped = 0;
    for w in pieces.words(after_headers, flat.len()) {
        let a = amounts(w);
        at += w.len();
        if !a.is_empty() {
            found.extend(a);
            last = Some(at);
        } else if !found.is_empty() || skipped == 2 {
            break;
        } else {
            skipped += 1;
        }
    }
    let blanks = months.len().saturating_sub(found.len());
    let plan = months
        .iter()
        .enumerate()
        .map(|(i, &m)| XPlan { month: m, amount: if i < blanks { None } else { found.get(i - blanks).cloned() } })
        .collect();
    (plan, last)
}

/// The most text (bytes) an indicator row holds: past it, the table has ended
/// (a basis word far below it is in other text).
const MAX_ROW: usize = 1500;

/// One indicator row, `start..end` of the pieces' text (its 指标值确定依据 not
/// included). A level-1 or level-2 cell that spans rows is written once, before
/// its first row: `level` carries it on. `None` when the row has no target.
fn parse_row(pieces: &Pieces, start: usize, end: usize, year: i32, columns: Columns, level: &mut (String, String)) -> Option<XIndicator> {
    if end - start > MAX_ROW {
        return None;
    }
    let row = &pieces.flat[start..end];
    let mut at = 0;
    let (mut level1, mut level2) = level.clone();
    let mut level1_here = false;
    if let Some(w) = LEVEL1.iter().find(|w| row.starts_with(**w)) {
        level1 = w.to_string();
        level2.clear();
        level1_here = true;
        at += w.len();
    }
    // `满意度指标` alone after a level-1 满意度指标 is the level-2 cell only if more follows
    if let Some((w, of)) = LEVEL2.iter().find(|(w, _)| row[at..].starts_with(w) && row.len() > at + w.len()) {
        level2 = w.to_string();
        at += w.len();
        if !level1_here && level1 != *of {
            // the level-1 cell was missed or printed elsewhere: the level-2 says which
            level1 = of.to_string();
        }
    }
    let (rest, rest_starts, weight) = take_weight(&row[at..], pieces.inside(start + at, end), columns.weight, year);
    let rest = rest.as_str();
    let t = target_start(rest, &rest_starts, year)?;
    let names = &rest[..t];
    if names.is_empty() {
        return None;
    }
    let name_starts: Vec<usize> = rest_starts.iter().copied().filter(|&s| s < t).collect();
    let (level3, description) = split_names(names, &name_starts, columns.has_description);
    *level = (level1.clone(), level2.clone());
    // a row without a level-2 (none in its cell, none above it) gets one guessed
    // from its wording, marked for the officer to check; the next row does not inherit it
    let mut guessed = vec![];
    if level2.is_empty() && !level1.is_empty() {
        level2 = guess_level2(&level1, &level3).to_string();
        if !level2.is_empty() {
            guessed.push(GUESSED_LEVEL2.to_string());
        }
    }
    Some(XIndicator {
        id: None,
        level1: Some(level1),
        level2: Some(level2),
        level3,
        description,
        target: Some(rest[t..].to_string()),
        basis: None,
        weight,
        accumulation: None,
        not_applicable: None,
        guessed,
    })
}

/// Where a table's 分值 (权重) column is, from its header's words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum WeightAt {
    BeforeTarget,
    AfterTarget,
}

/// The columns a table's header names that change how a row is read.
#[derive(Debug, Clone, Copy)]
struct Columns {
    has_description: bool,
    weight: Option<WeightAt>,
}

fn weight_column(header: &str) -> Option<WeightAt> {
    let weight = ["分值", "权重"].iter().filter_map(|w| header.find(w)).min()?;
    let target = ["年度指标值", "指标值", "目标值"].iter().filter_map(|w| header.find(w)).min();
    Some(if target.is_some_and(|t| weight < t) { WeightAt::BeforeTarget } else { WeightAt::AfterTarget })
}

/// A weight cell as written: a number (`10`, `7.5`, `10分`).
fn bare_weight(piece: &str) -> Option<String> {
    let n = normalize(piece);
    let n = n.strip_suffix('分').unwrap_or(&n);
    match leading_number(n) {
        Some((d, "")) => Some(d.to_string()),
        _ => None,
    }
}

/// A row's names and target (`s`, with the starts of its pieces) without its
/// weight cell: the number piece right after the target when the 分值 column
/// follows the target, right before it when it precedes.
fn take_weight(s: &str, starts: Vec<usize>, at: Option<WeightAt>, year: i32) -> (String, Vec<usize>, Option<String>) {
    let keep = |starts: Vec<usize>| (s.to_string(), starts, None);
    let Some(at) = at else { return keep(starts) };
    let mut cuts = vec![0];
    cuts.extend(starts.iter().copied());
    cuts.push(s.len());
    let n = cuts.len() - 1;
    let piece = |k: usize| &s[cuts[k]..cuts[k + 1]];
    let reads = |t: &str| !t.is_empty() && target::parse(t, year).kind != Kind::NotUnderstood;
    let chosen = match at {
        WeightAt::AfterTarget => (n >= 2 && bare_weight(piece(n - 1)).is_some() && target_start(&s[..cuts[n - 1]], &starts[..n - 2], year).is_some()).then_some(n - 1),
        WeightAt::BeforeTarget => (1..n.saturating_sub(1)).rev().find(|&k| bare_weight(piece(k)).is_some() && reads(&s[cuts[k + 1]..])),
    };
    let Some(k) = chosen else { return keep(starts) };
    let (a, b) = (cuts[k], cuts[k + 1]);
    let text = format!("{}{}", &s[..a], &s[b..]);
    let starts = starts.into_iter().filter(|&x| x != a).map(|x| if x > a { x - (b - a) } else { x }).filter(|&x| x > 0 && x < text.len()).collect();
    (text, starts, bare_weight(piece(k)))
}

/// The words of an indicator header; longest first.
const HEADER_WORDS: [&str; 16] = [
    "指标值确定依据", "绩效指标描述", "年度指标值", "一级指标", "二级指标", "三级指标", "指标描述", "指标内容", "指标解释", "指标说明", "指标名称", "指标值", "目标值", "备注", "分值", "权重",
];

/// The indicator rows of a table without 指标值确定依据: a row ends with its
/// target. A measurable target is known by reading it (and takes the pieces
/// after it that still read as the same target: `小于等于 2023 年 8 月`); a
/// target in words ends its row where a level-1 or level-2 cell begins the next.
fn parse_rows_without_basis(pieces: &Pieces, from: usize, year: i32, columns: Columns) -> Result<(Vec<XIndicator>, usize)> {
    const LOOKAHEAD: usize = 3;
    let flat = pieces.flat.as_str();
    let starts: Vec<usize> = pieces.starts.iter().copied().filter(|&s| s >= from).collect();
    let end_of = |j: usize| starts.get(j + 1).copied().unwrap_or(flat.len());
    let starts_level = |j: usize| starts.get(j).is_some_and(|&s| LEVEL1.iter().any(|w| flat[s..].starts_with(w)) || LEVEL2.iter().any(|(w, _)| flat[s..].starts_with(w)));
    let mut out = Vec::new();
    let mut level = (String::new(), String::new());
    let mut rows_end = from;
    let mut i = 0;
    while i < starts.len() {
        let row_at = |j: usize| {
            let mut l = level.clone();
            parse_row(pieces, starts[i], end_of(j), year, columns, &mut l).map(|r| (r, l))
        };
        let measurable = |r: &XIndicator| r.target.as_deref().is_some_and(|t| matches!(target::parse(t, year).kind, Kind::Quantity | Kind::Date));
        let mut found = None;
        for j in i..starts.len() {
            if starts[j] - starts[i] > MAX_ROW {
                break;
            }
            if j > i && starts_level(j) && !starts_level(j - 1) {
                // the next row begins: this one ends with a target in words
                if let Some(r) = row_at(j - 1) {
                    found = Some((j - 1, r));
                    break;
                }
            }
            if let Some(r) = row_at(j).filter(|(r, _)| measurable(r)) {
                // the longest target that still reads, a few pieces on
                // (a piece with digits, or a short unit after a bare number)
                let bare = r.0.target.as_deref().map(|t| target::parse(t, year)).is_some_and(|t| t.kind == Kind::Quantity && t.unit_str().is_empty());
                let mut best = (j, r);
                for k in j + 1..(j + 1 + LOOKAHEAD).min(starts.len()) {
                    let piece = &flat[starts[k]..end_of(k)];
                    if starts_level(k) || !(crate::text::has_digit(piece) || (bare && piece.chars().count() <= 4)) {
                        break;
                    }
                    if let Some(r) = row_at(k).filter(|(r, _)| measurable(r) && r.level3 == best.1.0.level3) {
                        best = (k, r);
                    }
                }
                found = Some(best);
                break;
            }
        }
        // the rest of the text as the last row, if it is one
        let last = starts.len() - 1;
        let rest = || (flat.len() - starts[i] <= MAX_ROW).then(|| row_at(last).map(|r| (last, r))).flatten();
        let Some((mut j, (mut row, l))) = found.or_else(rest) else { break };
        // the weight cell after a target in words (the next row begins after it)
        if columns.weight == Some(WeightAt::AfterTarget)
            && row.weight.is_none()
            && let Some(w) = starts.get(j + 1).and_then(|_| bare_weight(&flat[starts[j + 1]..end_of(j + 1)]))
        {
            row.weight = Some(w);
            j += 1;
        }
        level = l;
        out.push(row);
        rows_end = end_of(j);
        i = j + 1;
    }
    if out.is_empty() {
        return Err(Error::Invalid("没有读到任何指标行".into()));
    }
    Ok((out, rows_end))
}

/// The indicator rows after the header: each ends with its 指标值确定依据. A
/// basis word inside a cell (`达到国家标准`) does not end a row that has no
/// target yet; a header repeated on a new page is skipped.
fn parse_rows(pieces: &Pieces, from: usize, year: i32, columns: Columns) -> Result<(Vec<XIndicator>, usize)> {
    let flat = pieces.flat.as_str();
    let mut out = Vec::new();
    let mut level = (String::new(), String::new());
    let (mut row_start, mut search) = (from, from);
    loop {
        let next = BASIS.iter().filter_map(|b| flat[search..].find(b).map(|i| (search + i, *b))).min();
        let Some((at, basis)) = next else { break };
        if let Some(h) = flat[row_start..at].rfind("指标值确定依据") {
            row_start += h + "指标值确定依据".len();
        }
        if at - row_start > MAX_ROW {
            break;
        }
        match parse_row(pieces, row_start, at, year, columns, &mut level) {
            Some(mut ind) => {
                ind.basis = Some(basis.to_string());
                out.push(ind);
                row_start = at + basis.len();
            }
            None if at == row_start => row_start = at + basis.len(),
            None => {}
        }
        search = at + basis.len();
    }
    let left = &flat[row_start..];
    if out.is_empty() {
        return Err(Error::Invalid(if left.is_empty() { "没有读到任何指标行".into() } else { format!("读不出这一行的指标值：“{}”", left.chars().take(60).collect::<String>()) }));
    }
    Ok((out, row_start))
}

/// A numbered section heading of a 情况说明: `7.绩效目标和指标`.
fn section_heading(line: &str) -> Option<String> {
    let t = squeeze(line);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t.get(digits..)?;
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix('．')).or_else(|| rest.strip_prefix('、'))?;
    (digits > 0 && !rest.is_empty() && rest.chars().count() <= 16 && !rest.contains('，')).then(|| rest.to_string())
}

/// The level-1 category of a `从成本看` group.
fn level1_of_view(view: &str) -> Option<&'static str> {
    match view {
        "成本" => Some("成本指标"),
        "产出" => Some("产出指标"),
        "效益" => Some("效益指标"),
        "满意度" => Some("满意度指标"),
        _ => None,
    }
}

/// A guess of the level-1 category from an indicator's wording.
fn guess_level1(name: &str) -> &'static str {
    if name.contains("满意") {
        "满意度指标"
    } else if ["奖补金额", "比例", "成本", "单价", "标准"].iter().any(|w| name.contains(w)) && !name.contains("率") {
        "成本指标"
    } else if ["带动", "效益", "增长", "倍数", "提升"].iter().any(|w| name.contains(w)) {
        "效益指标"
    } else {
        "产出指标"
    }
}

/// A guess of the level-2 category; empty when nothing suggests one (the
/// officer chooses).
fn guess_level2(level1: &str, name: &str) -> &'static str {
    match level1 {
        "成本指标" => "经济成本指标",
        "满意度指标" => "服务对象满意度指标",
        "产出指标" if ["时间", "时限", "及时", "进度"].iter().any(|w| name.contains(w)) => "时效指标",
        "产出指标" if ["率", "合规", "质量", "达标"].iter().any(|w| name.contains(w)) => "质量指标",
        "产出指标" => "数量指标",
        "效益指标" if ["倍数", "带动", "产值", "收入", "投资"].iter().any(|w| name.contains(w)) => "经济效益指标",
        _ => "",
    }
}

/// `支持企业数量达到340家以上` → (`支持企业数量`, `达到340家以上`): the longest tail
/// that reads as a quantity or a date.
fn split_clause(clause: &str, year: i32) -> Option<(String, String)> {
    let starts: Vec<usize> = clause.char_indices().map(|(i, _)| i).collect();
    starts.into_iter().skip(1).find_map(|i| {
        let t = target::parse(&clause[i..], year);
        matches!(t.kind, Kind::Quantity | Kind::Date).then(|| (clause[..i].to_string(), clause[i..].to_string()))
    })
}

/// Reads a project described in prose (a 重点项目情况说明): its name from the
/// title, its budget from 年度预算安排, its indicators from 绩效目标和指标 only.
pub fn parse_narrative(text: &str, year: Option<i32>, code: Option<&str>, unit: Option<&str>) -> Result<File> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !is_page_marker(l)).collect();
    let title = lines.first().map(|l| squeeze(l)).ok_or_else(|| Error::Invalid("文本是空的".into()))?;
    let name = ["重点项目情况说明", "项目情况说明", "情况说明"]
        .iter()
        .find_map(|s| title.strip_suffix(s))
        .unwrap_or(&title)
        .to_string();
    // the sections, by heading
    let mut sections: Vec<(String, String)> = Vec::new();
    for l in &lines[1..] {
        match section_heading(l) {
            Some(h) => sections.push((h, String::new())),
            None => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push_str(&squeeze(l));
                }
            }
        }
    }
    let section = |word: &str| sections.iter().find(|(h, _)| h.contains(word)).map(|(_, b)| b.as_str());
    let goals = section("绩效目标").ok_or_else(|| Error::Invalid("没有找到“绩效目标和指标”一节".into()))?;
    let budget_text = section("预算").unwrap_or_default();
    // the year the text states, else the one given
    let year = budget_text
        .split_once('年')
        .and_then(|(y, _)| y.get(y.len().saturating_sub(4)..)?.parse().ok())
        .or_else(|| section("周期").and_then(|t| t.get(..4)?.parse().ok()))
        .or(year)
        .ok_or_else(|| Error::Invalid("文本中没有写明年度，请指定年度".into()))?;
    let (total, money_unit) = match budget_text.find("预算") {
        Some(at) => {
            let after = normalize(&budget_text[at + "预算".len()..]);
            match leading_number(&after) {
                Some((d, rest)) => {
                    let unit = ["万元", "亿元", "元"].into_iter().find(|u| rest.starts_with(u)).unwrap_or("万元");
                    (Some(d.to_string()), unit.to_string())
                }
                None => (None, "万元".to_string()),
            }
        }
        None => (None, "万元".to_string()),
    };
    let mut indicators = Vec::new();
    for group in goals.split(['；', ';', '。']).map(str::trim).filter(|g| !g.is_empty()) {
        // `从成本看，…`
        let (level1, body) = match group.strip_prefix('从').and_then(|g| g.split_once('看')) {
            Some((view, body)) => (level1_of_view(view), body.trim_start_matches(['，', ','])),
            None => (None, group),
        };
        for clause in body.split(['，', ',']).map(str::trim).filter(|c| !c.is_empty()) {
            let Some((level3, target)) = split_clause(clause, year) else { continue };
            let (level1, mut guessed) = match level1 {
                Some(l) => (l, vec![]),
                None => (guess_level1(&level3), vec![GUESSED_LEVEL1.to_string()]),
            };
            // prose never names a level-2: it is always a guess (or left blank)
            let level2 = guess_level2(level1, &level3);
            if !level2.is_empty() {
                guessed.push(GUESSED_LEVEL2.to_string());
            }
            indicators.push(XIndicator {
                id: None,
                level1: Some(level1.to_string()),
                level2: Some(level2.to_string()),
                description: Some(level3.clone()),
                level3,
                target: Some(target),
                basis: None,
                weight: None,
                accumulation: None,
                not_applicable: None,
                guessed,
            });
        }
    }
    if indicators.is_empty() {
        return Err(Error::Invalid("“绩效目标和指标”一节中没有读到指标".into()));
    }
    let project = XProject {
        unit: unit.map(str::to_string),
        name: Some(name.clone()),
        money_unit: Some(money_unit),
        budget: Some(XBudget { total: total.clone(), fiscal: total, other: None, adjusted: None }),
        fund_use: section("概述").map(str::to_string),
        indicators,
        ..blank_project(year, code.map(str::to_string).unwrap_or(name))
    };
    Ok(File { format: FORMAT.into(), version: VERSION, units: vec![], projects: vec![project] })
}

/// Reads either kind of text: tables when it has a table's fields and
/// indicator header (`项目名称 … 一级指标`), else prose.
pub fn parse_text(text: &str, year: Option<i32>, code: Option<&str>, unit: Option<&str>) -> Result<File> {
    let flat = squeeze(text);
    if (flat.contains("项目名称") || flat.contains("项目编码")) && flat.contains("一级指标") {
        parse_target_tables(text, year)
    } else {
        parse_narrative(text, year, code, unit)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const TABLES: &str = include_str!("../../fixtures/bigdata-2023-targets-part1.txt");
    const PROSE: &str = include_str!("../../fixtures/industry-2025-narrative.txt");

    /// Asserts that two files hold the same projects, field by field.
    pub(crate) fn assert_same_projects(got: &File, want: &File) {
        assert_eq!(got.units.len(), want.units.len());
        for (g, w) in got.units.iter().zip(&want.units) {
            assert_eq!((&g.code, &g.name), (&w.code, &w.name));
        }
        assert_eq!(got.projects.len(), want.projects.len());
        for (g, w) in got.projects.iter().zip(&want.projects) {
            assert_eq!((g.year, &g.code, &g.name, &g.unit, &g.money_unit), (w.year, &w.code, &w.name, &w.unit, &w.money_unit));
            assert_eq!(g.budget, w.budget, "{}", w.code);
            assert_eq!(g.spending_plan, w.spending_plan, "{}", w.code);
            assert_eq!(g.fund_use, w.fund_use, "{}", w.code);
            assert_eq!(g.goal, w.goal, "{}", w.code);
            assert_eq!(g.indicators.len(), w.indicators.len(), "{}", w.code);
            for (gi, wi) in g.indicators.iter().zip(&w.indicators) {
                assert_eq!(
                    (&gi.level1, &gi.level2, &gi.level3, &gi.description, &gi.target, &gi.basis),
                    (&wi.level1, &wi.level2, &wi.level3, &wi.description, &wi.target, &wi.basis),
                    "{}",
                    w.code
                );
            }
        }
    }

    pub(crate) fn sample_tables() -> File {
        crate::exchange::parse_file(include_str!("../../fixtures/bigdata-2023-part1.json")).unwrap()
    }

    /// The sample's cells: pdftotext ends a cell's last line with a space.
    fn cells(text: &str) -> Vec<Vec<String>> {
        let mut lines = Vec::new();
        let mut cell = String::new();
        for line in text.lines() {
            cell.push_str(line.trim());
            if line.ends_with([' ', '\t', '\u{3000}']) {
                if !cell.is_empty() {
                    lines.push(cell.split(' ').map(str::to_string).collect());
                }
                cell.clear();
            }
        }
        if !cell.is_empty() {
            lines.push(vec![cell]);
        }
        lines
    }

    /// The sample as another extractor could give it: every cell wrapped at
    /// `width` characters (titles and the unit line kept whole), no trailing spaces.
    fn rewrapped(text: &str, width: usize) -> String {
        let mut out = String::new();
        for line in cells(text) {
            let whole = line.join(" ");
            if is_title(&whole) || whole.contains("单位：") || width == 0 {
                out += &whole;
                out.push('\n');
                continue;
            }
            for cell in line {
                let chars: Vec<char> = cell.chars().collect();
                for chunk in chars.chunks(width) {
                    out.extend(chunk);
                    out.push('\n');
                }
            }
        }
        out
    }

    fn variants(text: &str) -> Vec<(&'static str, String)> {
        let trimmed: String = text.lines().map(|l| l.trim_end().to_string() + "\n").collect();
        let collapsed: String = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n").collect();
        let tabs: String = text.lines().map(|l| l.replace(' ', "\t\t") + "\r\n").collect();
        vec![
            ("as given", text.to_string()),
            ("trailing spaces trimmed", trimmed),
            ("runs of spaces collapsed", collapsed),
            ("tabs and CRLF", tabs),
            ("each cell on one line", rewrapped(text, 0)),
            ("cells wrapped at 6", rewrapped(text, 6)),
            ("cells wrapped at 9", rewrapped(text, 9)),
        ]
    }

    #[test]
    fn the_sample_pdf_text_reads_as_the_sample_json() {
        let got = parse_target_tables(TABLES, None).unwrap();
        assert_same_projects(&got, &sample_tables());
    }

    #[test]
    fn the_sample_reads_the_same_whatever_the_spacing_and_wrapping() {
        let want = sample_tables();
        for (what, text) in variants(TABLES) {
            let got = parse_target_tables(&text, None).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(got.projects.len(), 3, "{what}");
            let result = std::panic::catch_unwind(|| assert_same_projects(&got, &want));
            assert!(result.is_ok(), "variant: {what}");
        }
    }

    #[test]
    fn a_table_among_other_text_and_a_year_from_outside() {
        // a budget document: prose pages before and after the tables
        let doc = format!("第一部分 单位概况\n一、主要职责\n负责全市大数据发展。\n- 3 -\n{TABLES}\n第三部分 名词解释\n1.财政拨款收入：指本年度从本级财政部门取得的财政拨款。\n");
        assert_eq!(parse_target_tables(&doc, None).unwrap().projects.len(), 3);
        // a table without its year line takes the given year
        let start = TABLES.find(" 1.新型数据中心").unwrap();
        let end = TABLES.find(" 2.新型智慧城市").unwrap();
        let one = &TABLES[start..end];
        assert!(parse_target_tables(one, None).is_err());
        let got = parse_target_tables(one, Some(2024)).unwrap();
        assert_eq!((got.projects.len(), got.projects[0].year), (1, 2024));
        // no table at all
        let e = parse_target_tables("2023年单位预算绩效目标\n一、主要职责\n", None).unwrap_err();
        assert!(e.to_string().contains("没有找到绩效目标表"), "{e}");
    }

    #[test]
    fn a_table_without_descriptions_and_with_a_basis_word_inside_a_cell() {
        let text = "2024年部门预算\n项目支出绩效目标表\n项目编码 X2024-7 项目名称 社区服务\n预算数 12.5\n\
            一级指标 二级指标 三级指标 指标值 指标值确定依据\n\
            产出指标 数量指标 服务社区\n数量 ≥12个 计划标准\n\
            质量指标 设施符合国家标准比例 100% 行业标准\n\
            时效指标 完成\n时间 2024年10月底前 计划标准\n\
            效益指标 社会效益指标 居民获得感 显著提升 其他标准\n";
        let f = parse_target_tables(text, None).unwrap();
        let p = &f.projects[0];
        assert_eq!((p.year, p.code.as_str(), p.name.as_deref()), (2024, "X2024-7", Some("社区服务")));
        let rows: Vec<(&str, &str, &str, Option<&str>, &str)> = p
            .indicators
            .iter()
            .map(|i| (i.level1.as_deref().unwrap(), i.level2.as_deref().unwrap(), i.level3.as_str(), i.description.as_deref(), i.target.as_deref().unwrap()))
            .collect();
        assert_eq!(
            rows,
            [
                ("产出指标", "数量指标", "服务社区数量", None, "≥12个"),
                ("产出指标", "质量指标", "设施符合国家标准比例", None, "100%"),
                ("产出指标", "时效指标", "完成时间", None, "2024年10月底前"),
                ("效益指标", "社会效益指标", "居民获得感", None, "显著提升"),
            ]
        );
    }

    #[test]
    fn a_table_without_a_basis_column_ends_each_row_with_its_target() {
        // the national template's columns; level-2 cells spanning rows
        let text = "2024年项目支出绩效目标申报表\n项目名称 政务云服务\n项目编码 330100-24-0007\n\
            年度资金总额 1,200.50 其中：财政拨款 1,200.50 其他资金\n年度绩效目标 保障全市政务系统上云运行。\n\
            一级指标 二级指标 三级指标 指标值\n\
            产出指标 数量指标 云主机数量 ≥300台\n托管系统数量 ≥120个\n\
            质量指标 系统可用率 ≥99.9%\n时效指标 故障响应时间 小于等于\n30 分钟\n\
            效益指标 社会效益指标 政务服务连续性 明显提升\n满意度指标 服务对象满意度指标 使用单位满意度 ≥90%\n";
        for text in [text.to_string(), text.replace('\n', " "), text.replace(' ', "\n")] {
            let f = parse_target_tables(&text, None).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let p = &f.projects[0];
            assert_eq!((p.year, p.code.as_str(), p.name.as_deref()), (2024, "330100-24-0007", Some("政务云服务")));
            assert_eq!(p.budget.as_ref().unwrap().total.as_deref(), Some("1200.50"));
            assert_eq!(p.goal.as_deref(), Some("保障全市政务系统上云运行。"));
            let rows: Vec<(&str, &str, &str, &str)> = p
                .indicators
                .iter()
                .map(|i| (i.level1.as_deref().unwrap(), i.level2.as_deref().unwrap(), i.level3.as_str(), i.target.as_deref().unwrap()))
                .collect();
            assert_eq!(
                rows,
                [
                    ("产出指标", "数量指标", "云主机数量", "≥300台"),
                    ("产出指标", "数量指标", "托管系统数量", "≥120个"),
                    ("产出指标", "质量指标", "系统可用率", "≥99.9%"),
                    ("产出指标", "时效指标", "故障响应时间", "小于等于30分钟"),
                    ("效益指标", "社会效益指标", "政务服务连续性", "明显提升"),
                    ("满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"),
                ],
                "{text}"
            );
        }
    }

    #[test]
    fn text_is_read_as_tables_or_as_prose_by_what_it_holds() {
        let layout_like = "  项目名称   甲      项目编码   A1\n2024年度\n一级指标   二级指标   三级指标   指标值\n产出指标   数量指标   甲数量   ≥1个\n";
        assert_eq!(parse_text(layout_like, None, None, None).unwrap().projects[0].code, "A1");
        let f = parse_text(PROSE, Some(1999), Some("X"), None).unwrap();
        // the year the text states wins over the one given
        assert_eq!((f.projects[0].code.as_str(), f.projects[0].year), ("X", 2025));
    }

    #[test]
    fn a_long_document_after_the_tables_is_read_quickly() {
        // pages of prose below the last table, a basis word far down
        let prose = "本年度预算安排情况说明，资金用于保障机关运行。".repeat(4000);
        let text = format!("{TABLES}\n{prose}计划标准\n{prose}\n");
        let started = std::time::Instant::now();
        let got = parse_target_tables(&text, None).unwrap();
        assert_same_projects(&got, &sample_tables());
        let without_basis = format!("2024年\n项目编码 A1 项目名称 甲\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 甲数量 ≥1个\n{prose}\n");
        assert_eq!(parse_target_tables(&without_basis, None).unwrap().projects[0].indicators.len(), 1);
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }

    #[test]
    fn a_level2_names_its_level1_when_the_level1_cell_is_elsewhere() {
        // the level-1 cell printed in the middle of its rows (a layout extractor)
        let text = "2023年单位预算绩效目标\n项目编码 A1 项目名称 甲\n一级指标 二级指标 三级指标 指标值 指标值确定依据\n\
            数量指标 甲数量 ≥1个 计划标准\n产出指标 质量指标 甲合格率 ≥90% 计划标准\n时效指标 甲时间 2023年6月 计划标准\n";
        let p = &parse_target_tables(text, None).unwrap().projects[0];
        assert!(p.indicators.iter().all(|i| i.level1.as_deref() == Some("产出指标")));
    }

    #[test]
    fn the_sample_prose_reads_as_the_sample_json() {
        let want: File = crate::exchange::parse_file(include_str!("../../fixtures/industry-2025-narrative.json")).unwrap();
        let trimmed: String = PROSE.lines().map(|l| l.trim_end().to_string() + "\n").collect();
        let tabs: String = PROSE.lines().map(|l| l.replace('\u{3000}', "\t") + "\r\n").collect();
        let collapsed: String = PROSE.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n").collect();
        for text in [PROSE.to_string(), trimmed, tabs, collapsed] {
            let got = parse_narrative(&text, None, Some("X2025-001"), Some("xxx")).unwrap();
            let (g, w) = (&got.projects[0], &want.projects[0]);
            assert_eq!((g.year, &g.name, &g.money_unit), (w.year, &w.name, &w.money_unit));
            assert_eq!(g.budget.as_ref().unwrap().total, w.budget.as_ref().unwrap().total);
            let rows = |p: &XProject| -> Vec<(Option<String>, String, Option<String>)> {
                p.indicators.iter().map(|i| (i.level1.clone(), i.level3.clone(), i.target.clone())).collect()
            };
            assert_eq!(rows(g), rows(w));
            // the numbers of 项目概述 are not indicators; 从…看 gave every level-1
            assert_eq!(g.indicators.len(), 10);
            let level2: Vec<&str> = g.indicators.iter().map(|i| i.level2.as_deref().unwrap()).collect();
            assert_eq!(level2[..7], ["经济成本指标", "经济成本指标", "数量指标", "数量指标", "质量指标", "质量指标", "时效指标"]);
        }
    }

    #[test]
    fn page_markers_targets_and_names() {
        assert!(is_page_marker("- 56 - "));
        assert!(!is_page_marker("-5"));
        let s = "智慧城市奖补工作完成时间小于等于2023年8月";
        let at = target_start(s, &[], 2023).unwrap();
        assert_eq!(&s[at..], "小于等于2023年8月");
        // a label starts a piece; the shortest of two characters or more
        let s = "受奖补社区达到山东省《新型智慧社区建设指标》类别基础型以上";
        let at = target_start(s, &[s.find("基础").unwrap(), s.find("上").unwrap()], 2023).unwrap();
        assert_eq!(&s[at..], "基础型以上");
        assert!(target_start("没有指标值", &[], 2023).is_none());
        assert_eq!(amounts("800.00800.00"), ["800.00", "800.00"]);
        assert_eq!(amounts("9,216.72"), ["9216.72"]);
        // 三级指标 and its description: two wrapped cells
        let names = "补助发放频次考察补助发放频次";
        let (l3, d) = split_names(names, &[names.find("次").unwrap(), names.find("考").unwrap()], true);
        assert_eq!((l3.as_str(), d.as_deref()), ("补助发放频次", Some("考察补助发放频次")));
        assert_eq!(stated_year("2023年单位预算绩效目标"), Some(2023));
        assert_eq!(stated_year("完成2023年12月"), None);
    }
}
