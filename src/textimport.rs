//! Reading 绩效目标表 from the text a PDF gives (target-table.md, "When the table
//! arrives as text") and targets written as prose ("When the targets arrive as
//! prose"). Both produce an exchange [`File`], which the officer can check and then
//! import like any other; nothing here writes to the database.

use crate::error::{Error, Result};
use crate::exchange::{FORMAT, File, VERSION, XBudget, XIndicator, XPlan, XProject, XUnit};
use crate::target::{self, Kind};
use crate::text::{leading_number, normalize};

/// The level-1 categories (一级指标).
const LEVEL1: [&str; 4] = ["成本指标", "产出指标", "效益指标", "满意度指标"];
/// The level-2 categories (二级指标) seen in tables; longest first.
const LEVEL2: [&str; 12] = [
    "服务对象满意度指标", "生态环境成本指标", "可持续影响指标", "经济成本指标", "社会成本指标", "经济效益指标",
    "社会效益指标", "生态效益指标", "满意度指标", "数量指标", "质量指标", "时效指标",
];
/// 指标值确定依据: every table row ends with one.
const BASIS: [&str; 6] = ["计划标准", "历史标准", "历史指标", "行业标准", "其他标准", "国家标准"];

/// Text with the white space a PDF extractor scatters through it removed; the
/// characters themselves are kept as written.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line that is only a page number: `- 56 -`.
fn is_page_marker(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with('-') && t.ends_with('-') && t.len() > 2 && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// Joins the lines of extracted text: a line that ends in a space ends a cell (a
/// space is kept), any other line breaks a word and continues on the next.
fn join_cells(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim().is_empty() || is_page_marker(line) {
            continue;
        }
        let ends_cell = line.ends_with([' ', '\t', '\u{3000}']);
        out.push_str(line.trim());
        if ends_cell {
            out.push(' ');
        }
    }
    out
}

/// Splits `s` at the longest tail of whole space-separated words that reads as a
/// target: `受奖补数据中心数量 ≥3个` → (`受奖补数据中心数量`, `≥3个`). A label is
/// taken only when no tail reads as a number or a date, and then the shortest,
/// so a description never becomes part of it.
fn split_target(s: &str, year: i32) -> Option<(String, String)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    // the longest tail read as a quantity or date; else the shortest read as a label
    let mut longest: Option<usize> = None;
    let mut label: Option<usize> = None;
    for k in 1..words.len() {
        match target::parse(&words[words.len() - k..].concat(), year).kind {
            Kind::Quantity | Kind::Date => longest = Some(k),
            Kind::Label => label = label.or(Some(k)),
            Kind::NotUnderstood => {}
        }
    }
    let best = longest.or(label);
    let k = best?;
    Some((words[..words.len() - k].join(" "), words[words.len() - k..].concat()))
}

/// Reads `name` and `description` from what is left of a row: two cells, or one
/// cell holding the same words twice.
fn split_name(rest: &str) -> (String, String) {
    let words: Vec<&str> = rest.split_whitespace().collect();
    match words.as_slice() {
        [] => (String::new(), String::new()),
        [one] => {
            let chars: Vec<char> = one.chars().collect();
            let half = chars.len() / 2;
            if chars.len() % 2 == 0 && chars[..half] == chars[half..] {
                let h: String = chars[..half].iter().collect();
                (h.clone(), h)
            } else {
                (one.to_string(), one.to_string())
            }
        }
        [first, more @ ..] => (first.to_string(), more.concat()),
    }
}

fn strip_any<'a>(s: &'a str, words: &[&'static str]) -> Option<(&'static str, &'a str)> {
    words.iter().find_map(|w| s.strip_prefix(w).map(|r| (*w, r.trim_start())))
}

/// The first number after `label` in `s` (spaces allowed between).
fn number_after(s: &str, label: &str) -> Option<String> {
    let at = s.find(label)? + label.len();
    let rest: String = s[at..].chars().take(20).collect();
    let rest = normalize(&rest);
    let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')).unwrap_or(&rest);
    leading_number(rest).map(|(d, _)| d.to_string())
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let a = s.find(start)? + start.len();
    let b = s[a..].find(end)? + a;
    Some(s[a..b].trim())
}

/// Reads one or more 绩效目标表 from PDF text. `year` is used where the text
/// does not say (`2023年单位预算绩效目标`).
pub fn parse_target_tables(text: &str, year: Option<i32>) -> Result<File> {
    let year = year
        .or_else(|| {
            let flat = normalize(text);
            let at = flat.find("年单位预算绩效目标").or_else(|| flat.find("年部门预算绩效目标"))?;
            flat[..at].get(at.saturating_sub(4)..)?.parse().ok()
        })
        .ok_or_else(|| Error::Invalid("文本中没有写明年度，请指定年度".into()))?;
    // tables start at a title line `N.名称绩效目标表`
    let lines: Vec<&str> = text.lines().collect();
    let is_title = |l: &str| {
        let t = normalize(l);
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && t[digits..].starts_with(['.', '、']) && t.ends_with("绩效目标表")
    };
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_title(lines[i])).collect();
    if starts.is_empty() {
        return Err(Error::Invalid("文本中没有找到“……绩效目标表”".into()));
    }
    let mut file = File { format: FORMAT.into(), version: VERSION, units: vec![], projects: vec![] };
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let chunk = lines[start..end].join("\n");
        let title = squeeze(lines[start]);
        let p = parse_table(&chunk, year, &title).map_err(|e| Error::Invalid(format!("第 {} 张表（{title}）：{e}", n + 1)))?;
        if let Some(u) = &p.1
            && !file.units.iter().any(|x| x.code == u.code)
        {
            file.units.push(u.clone());
        }
        file.projects.push(p.0);
    }
    Ok(file)
}

fn parse_table(chunk: &str, year: i32, title: &str) -> Result<(XProject, Option<XUnit>)> {
    let flat = join_cells(chunk);
    let bad = |what: &str| Error::Invalid(format!("没有找到{what}"));
    // `505000 青岛市大数据发展管理局本级(系统) 单位：万元`
    let unit_line = chunk.lines().find(|l| l.contains("单位：") || l.contains("单位:"));
    let (unit, money_unit) = match unit_line {
        Some(l) => {
            let t = l.trim();
            let (left, right) = t.split_once("单位：").or_else(|| t.split_once("单位:")).unwrap_or((t, "万元"));
            let mut it = left.split_whitespace();
            let code = it.next().unwrap_or_default().to_string();
            let name = it.collect::<Vec<_>>().join(" ");
            let unit = (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then(|| XUnit { code, name: Some(name), parent: None });
            (unit, squeeze(right))
        }
        None => (None, "万元".to_string()),
    };
    let code_line = chunk.lines().find(|l| l.contains("项目编码")).ok_or_else(|| bad("项目编码"))?;
    let after_code = code_line.split("项目编码").nth(1).unwrap_or_default();
    let (code, name) = match after_code.split_once("项目名称") {
        Some((c, n)) => (squeeze(c), squeeze(n)),
        None => (squeeze(after_code), String::new()),
    };
    let name = if name.is_empty() {
        title.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、').trim_end_matches("绩效目标表").to_string()
    } else {
        name
    };
    let nflat = normalize(&flat);
    let total = number_after(&flat, "预算数");
    let fiscal = number_after(&nflat, "财政资金");
    let other = number_after(&nflat, "其他资金");
    // 资金用途: the paragraph after 其他资金 [amount], up to 资金支出计划
    let fund_use = between(&flat, "其他资金", "资金支出").map(|s| {
        let s = squeeze(s);
        match leading_number(&s) {
            Some((_, rest)) if other.is_some() => rest.to_string(),
            _ => s,
        }
    });
    // 资金支出计划: amounts under `3 月底 6 月底 10 月底 12 月底`; a blank cell is lost
    // in the text, and the blank is the earliest checkpoint
    let plan_text = between(&flat, "资金支出计划", "绩效目标").or_else(|| between(&flat, "资金支出 计划", "绩效目标")).unwrap_or_default();
    let months: Vec<u32> = {
        let n = normalize(plan_text);
        let parts: Vec<&str> = n.split("月底").collect();
        parts[..parts.len() - 1].iter().filter_map(|p| p.rsplit(|c: char| !c.is_ascii_digit()).next().and_then(|d| d.parse().ok())).collect()
    };
    let after_headers = plan_text.rsplit("月底").next().unwrap_or_default();
    let amounts: Vec<String> = after_headers.split_whitespace().filter_map(|w| leading_number(&normalize(w)).map(|(d, _)| d.to_string())).collect();
    let blanks = months.len().saturating_sub(amounts.len());
    let spending_plan = months
        .iter()
        .enumerate()
        .map(|(i, &m)| XPlan { month: m, amount: if i < blanks { None } else { amounts.get(i - blanks).cloned() } })
        .collect();
    // 绩效目标: the last heading of that name before the indicator table's header
    let goal = flat.find("一级指标").and_then(|end| {
        let start = flat[..end].rfind("绩效目标")? + "绩效目标".len();
        Some(squeeze(&flat[start..end]))
    });
    let rows_text = flat.split("指标值确定依据").nth(1).ok_or_else(|| bad("指标表头（一级指标 … 指标值确定依据）"))?;
    let indicators = parse_rows(rows_text, year)?;
    let project = XProject {
        year,
        code,
        unit: unit.as_ref().map(|u| u.code.clone()),
        name: Some(name),
        money_unit: Some(money_unit),
        budget: Some(XBudget { total, fiscal, other, adjusted: None }),
        fund_use: fund_use.filter(|s| !s.is_empty()),
        goal: goal.filter(|s| !s.is_empty()),
        spending_plan,
        indicators,
        actuals: vec![],
        spending: vec![],
        evaluation: None,
    };
    Ok((project, unit))
}

/// The indicator rows: each ends with its 指标值确定依据; a level-1 or level-2
/// cell that spans rows is written once, before its first row.
fn parse_rows(text: &str, year: i32) -> Result<Vec<XIndicator>> {
    let mut out = Vec::new();
    let (mut level1, mut level2) = (String::new(), String::new());
    let mut rest = text;
    loop {
        let next = BASIS.iter().filter_map(|b| rest.find(b).map(|i| (i, *b))).min();
        let Some((at, basis)) = next else { break };
        let row = rest[..at].trim();
        rest = &rest[at + basis.len()..];
        let mut r = row;
        if let Some((l1, after)) = strip_any(r, &LEVEL1) {
            level1 = l1.to_string();
            level2.clear();
            r = after;
        }
        if let Some((l2, after)) = strip_any(r, &LEVEL2) {
            // `满意度指标` alone after a level-1 满意度指标 is the level-2 cell only if more follows
            if !after.is_empty() {
                level2 = l2.to_string();
                r = after;
            }
        }
        let (names, target) = split_target(r, year)
            .ok_or_else(|| Error::Invalid(format!("读不出这一行的指标值：“{}”", normalize(row))))?;
        let (level3, description) = split_name(&names);
        out.push(XIndicator {
            id: None,
            level1: Some(level1.clone()),
            level2: Some(level2.clone()),
            level3,
            description: Some(description),
            target: Some(target),
            basis: Some(basis.to_string()),
            weight: None,
            accumulation: None,
            not_applicable: None,
        });
    }
    if out.is_empty() {
        return Err(Error::Invalid("没有读到任何指标行".into()));
    }
    Ok(out)
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
    let year = year
        .or_else(|| budget_text.split_once('年').and_then(|(y, _)| y.get(y.len().saturating_sub(4)..)?.parse().ok()))
        .or_else(|| section("周期").and_then(|t| t.get(..4)?.parse().ok()))
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
            let level1 = level1.unwrap_or_else(|| guess_level1(&level3));
            indicators.push(XIndicator {
                id: None,
                level1: Some(level1.to_string()),
                level2: Some(guess_level2(level1, &level3).to_string()),
                description: Some(level3.clone()),
                level3,
                target: Some(target),
                basis: None,
                weight: None,
                accumulation: None,
                not_applicable: None,
            });
        }
    }
    if indicators.is_empty() {
        return Err(Error::Invalid("“绩效目标和指标”一节中没有读到指标".into()));
    }
    let project = XProject {
        year,
        code: code.map(str::to_string).unwrap_or_else(|| name.clone()),
        unit: unit.map(str::to_string),
        name: Some(name),
        money_unit: Some(money_unit),
        budget: Some(XBudget { total: total.clone(), fiscal: total, other: None, adjusted: None }),
        fund_use: section("概述").map(str::to_string),
        goal: None,
        spending_plan: vec![],
        indicators,
        actuals: vec![],
        spending: vec![],
        evaluation: None,
    };
    Ok(File { format: FORMAT.into(), version: VERSION, units: vec![], projects: vec![project] })
}

/// Reads either kind of text: tables when it has `N.…绩效目标表` titles, else prose.
pub fn parse_text(text: &str, year: Option<i32>, code: Option<&str>, unit: Option<&str>) -> Result<File> {
    if text.lines().any(|l| squeeze(l).ends_with("绩效目标表") && squeeze(l).starts_with(|c: char| c.is_ascii_digit())) {
        parse_target_tables(text, year)
    } else {
        parse_narrative(text, year, code, unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_pdf_text_reads_as_the_sample_json() {
        let got = parse_target_tables(include_str!("../fixtures/bigdata-2023-targets-part1.txt"), None).unwrap();
        let want: File = crate::exchange::parse_file(include_str!("../fixtures/bigdata-2023-part1.json")).unwrap();
        assert_eq!(got.units.len(), want.units.len());
        for (g, w) in got.units.iter().zip(&want.units) {
            assert_eq!((&g.code, &g.name), (&w.code, &w.name));
        }
        assert_eq!(got.projects.len(), want.projects.len());
        for (g, w) in got.projects.iter().zip(&want.projects) {
            assert_eq!((g.year, &g.code, &g.name, &g.unit), (w.year, &w.code, &w.name, &w.unit));
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

    #[test]
    fn the_sample_prose_reads_as_the_sample_json() {
        let got = parse_narrative(include_str!("../fixtures/industry-2025-narrative.txt"), None, Some("X2025-001"), Some("xxx")).unwrap();
        let want: File = crate::exchange::parse_file(include_str!("../fixtures/industry-2025-narrative.json")).unwrap();
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

    #[test]
    fn page_markers_and_broken_cells() {
        assert!(is_page_marker("- 56 - "));
        assert!(!is_page_marker("-5"));
        assert_eq!(join_cells("受奖补数据\n\n中心数量 \n受奖补数据中心数量 ≥3个 计划标准 \n"), "受奖补数据中心数量 受奖补数据中心数量 ≥3个 计划标准 ");
        assert_eq!(split_target("智慧城市奖补工作完成时间 小于等于 2023 年 8月", 2023).unwrap().1, "小于等于2023年8月");
        assert_eq!(split_target("受奖补社区达到山东省《新型智慧社区建设指标》类别 基础型以上", 2023).unwrap().1, "基础型以上");
        assert!(split_target("没有指标值", 2023).is_none());
    }
}
