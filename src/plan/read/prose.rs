//! Targets in prose (a plan's 发展目标 passage): every target a person reads,
//! several to a sentence, each a name, a comparator word and a number with
//! its unit (`…年均增长13%左右，占生产总值比重达到12%以上；培育…企业12家，建成3个…集群`).
//! The subject carries over (`占…比重` takes the clause before's subject);
//! a year (`到2025年`, `到“十四五”末` = 2025) is the target year of what
//! follows; a year, a date, a document or section number, a figure that
//! qualifies a name (`超过50亿元的`) and a multiple (`1.7倍`) are no targets.

use super::table::ReadRow;
use super::words::{CREATING_VERBS, direction_of, kind_of, period_years, unit_at};
use crate::model::plan::{PlanIndicator, PlanTarget};
use crate::target::Op;
use crate::text::leading_number;

/// Comparator words before a number, longest first. `None`: the word is part
/// of the name (`年均增长13%`, `能耗下降13.5%`) and the op is `≥` unless a
/// word after the number says otherwise. `soft`: a word after the number wins.
const BEFORE: &[(&str, Option<Op>, bool)] = &[
    ("不低于", Some(Op::Ge), false),
    ("不少于", Some(Op::Ge), false),
    ("不高于", Some(Op::Le), false),
    ("不超过", Some(Op::Le), false),
    ("提高到", Some(Op::Ge), true),
    ("提高至", Some(Op::Ge), true),
    ("提升到", Some(Op::Ge), true),
    ("提升至", Some(Op::Ge), true),
    ("增加到", Some(Op::Ge), true),
    ("增加至", Some(Op::Ge), true),
    ("上升到", Some(Op::Ge), true),
    ("上升至", Some(Op::Ge), true),
    ("扩大到", Some(Op::Ge), true),
    ("扩大至", Some(Op::Ge), true),
    ("下降到", Some(Op::Le), true),
    ("下降至", Some(Op::Le), true),
    ("降低到", Some(Op::Le), true),
    ("降低至", Some(Op::Le), true),
    ("控制在", Some(Op::Le), true),
    ("稳定在", Some(Op::Ge), true),
    ("保持在", Some(Op::Ge), true),
    ("达到", Some(Op::Ge), true),
    ("至少", Some(Op::Ge), false),
    ("超过", Some(Op::Gt), false),
    ("突破", Some(Op::Gt), false),
    ("多于", Some(Op::Gt), false),
    ("降至", Some(Op::Le), true),
    ("降到", Some(Op::Le), true),
    ("低于", Some(Op::Lt), false),
    ("少于", Some(Op::Lt), false),
    ("增至", Some(Op::Ge), true),
    ("达", Some(Op::Ge), true),
    ("逾", Some(Op::Gt), false),
    ("约", Some(Op::Approx), false),
    ("≥", Some(Op::Ge), false),
    ("≤", Some(Op::Le), false),
    (">", Some(Op::Gt), false),
    ("<", Some(Op::Lt), false),
    ("为", None, true),
    ("在", None, true),
];

/// Words after the number (and its unit).
const AFTER: &[(&str, Op)] = &[("及以上", Op::Ge), ("以上", Op::Ge), ("以下", Op::Le), ("以内", Op::Le), ("之内", Op::Le), ("左右", Op::Approx)];

/// Words that lead a clause without being part of a name.
const LEADING: &[&str] = &[
    "同时", "其中", "以及", "力争", "确保", "争取", "努力", "实现", "全市", "全省", "全区", "全县", "并且", "和", "及", "并", "且", "使", "让", "、", "，", ",", "“", "”",
];

/// Words that close a name of a thing counted after its number (`建成3个…集群`).
const NAME_ENDS: &[char] = &['、', '，', ',', '和', '及', '并'];

/// What a name says of the indicator without its subject, to which the
/// clause before's subject is carried (`占生产总值比重`).
fn lacks_subject(name: &str) -> bool {
    name.starts_with('占') || ["比重", "占比", "年均增长", "年均增速", "增速", "增长率"].contains(&name)
}

/// The subject of a name: before `占`, or without a trailing growth word.
fn subject_of(name: &str) -> String {
    if let Some(i) = name.find('占') {
        return name[..i].to_string();
    }
    let mut s = name;
    for w in ["年均增长率", "年均增长", "年均增速", "增长率", "增速", "增长"] {
        s = s.strip_suffix(w).unwrap_or(s);
    }
    s.to_string()
}

/// The year a sentence states for what it sets (`到2025年`, `到“十四五”末`, `2027年底前`).
fn sentence_year(s: &str) -> Option<i32> {
    for (i, _) in s.match_indices('年') {
        let head = &s[..i];
        let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        if digits.len() == 4
            && let Ok(y) = digits.parse::<i32>()
        {
            let before = &head[..head.len() - 4];
            let lead = ["到", "至", "于", "在"].iter().any(|w| before.ends_with(w)) || before.is_empty() || before.ends_with('，');
            let after = &s[i + '年'.len_utf8()..];
            if lead || ["底", "末", "前"].iter().any(|w| after.starts_with(w)) {
                return Some(y);
            }
        }
    }
    let p = s.find("五”末").or_else(|| s.find("五末")).or_else(|| s.find("五”期末")).or_else(|| s.find("五期间"))?;
    period_years(&s[..p + "五".len()]).map(|(_, end)| end)
}

/// A heading line (`（三）发展目标`, `2.发展目标`, `一、总体要求`): kept apart
/// from the sentence it precedes.
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    n > 0 && n <= 20 && !t.contains('，') && !t.contains('。') && !t.ends_with('；')
}

/// White space removed and full-width digits, letters and signs made ASCII
/// (`１２％` → `12%`), Chinese punctuation kept: a name is kept as written
/// (`执业（助理）医师数`).
fn normalize_keeping_punctuation(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' | '＋' | '－' | '＞' | '＜' | '＝' | '～' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            '\u{2013}' | '\u{2012}' | '\u{2015}' | '\u{2212}' => '—',
            _ => c,
        })
        .collect()
}

/// The sentences of a text: lines joined (a PDF breaks lines and even
/// paragraphs inside a sentence), headings apart.
fn sentences(text: &str) -> Vec<String> {
    let mut joined = String::new();
    for line in text.lines() {
        let t = normalize_keeping_punctuation(line);
        if t.is_empty() {
            continue;
        }
        if is_heading(line) {
            joined.push('。');
            joined.push_str(&t);
            joined.push('。');
        } else {
            joined.push_str(&t);
        }
    }
    // normalize() turns the ideographic full stop's neighbours into ASCII; split at every sentence end
    joined.split(['。', '；', ';', '！', '？', '!', '?']).map(str::to_string).filter(|s| !s.is_empty()).collect()
}

/// A number that is no target by itself, decided by what is around it.
fn not_a_target(before: &str, rest: &str, value: rust_decimal::Decimal, at_start: bool) -> bool {
    let is_year = value.fract().is_zero() && (1900..=2100).contains(&value.trunc().try_into().unwrap_or(0i64));
    (is_year && rest.starts_with('年'))
        || rest.starts_with('月')
        || rest.starts_with('日')
        || rest.starts_with('号')
        || rest.starts_with('〕')
        || rest.starts_with(']')
        || before.ends_with('〔')
        || before.ends_with('表')
        || before.ends_with('图')
        || before.ends_with('[')
        || (before.ends_with('第') && rest.starts_with(['次', '届', '条', '章', '节', '款', '批', '期', '个']))
        || (at_start && rest.starts_with(['.', '、', ')', '．']))
        || (before.ends_with('(') && rest.starts_with(')'))
        || (rest.starts_with(|c: char| c.is_ascii_alphabetic()) && unit_at(rest).is_none())
        || before.ends_with(|c: char| c.is_ascii_alphabetic() || c == '.')
        || rest.starts_with('+')
        || before.ends_with('+')
}

fn strip_leading(mut s: &str) -> &str {
    loop {
        match LEADING.iter().find(|w| s.starts_with(**w)) {
            Some(w) => s = &s[w.len()..],
            None => return s,
        }
    }
}

/// Every target of the text's sentences. `end_year`: the year of a target
/// whose sentence states none.
pub fn read(text: &str, end_year: i32) -> Vec<ReadRow> {
    let mut out = Vec::new();
    let mut year = end_year;
    for sentence in sentences(text) {
        if let Some(y) = sentence_year(&sentence) {
            year = y;
        }
        let mut subject: Option<String> = None;
        for clause in sentence.split(['，', ',', ':', '：']) {
            read_clause(clause, year, &mut subject, &mut out);
        }
    }
    out
}

fn read_clause(clause: &str, year: i32, subject: &mut Option<String>, out: &mut Vec<ReadRow>) {
    let mut pos = 0;
    // a creating verb leads the whole clause (`打造…2个、…5个`)
    let mut clause_creating = false;
    let mut search = 0;
    while let Some(p) = clause[search..].find(|c: char| c.is_ascii_digit()).map(|i| i + search) {
        let Some((value, rest)) = leading_number(&clause[p..]) else { break };
        let num_end = clause.len() - rest.len();
        search = num_end;
        let before = &clause[pos..p];
        if not_a_target(before, rest, value, strip_leading(&clause[..p]).is_empty()) {
            continue;
        }
        let (unit, ulen) = unit_at(rest).unwrap_or(("", 0));
        let mut unit = unit.to_string();
        let mut end = num_end + ulen;
        let mut value_max = None;
        // a range: 5—6%, 3至5个
        if let Some(sep) = clause[end..].chars().next().filter(|c| ['—', '-', '~', '至', '到'].contains(c))
            && let Some((max, r2)) = leading_number(&clause[end + sep.len_utf8()..])
            && max >= value
        {
            end = clause.len() - r2.len();
            if let Some((u, l)) = unit_at(r2) {
                end += l;
                unit = u.to_string();
            }
            value_max = Some(max);
        }
        let unit = unit.as_str();
        let after_op = AFTER.iter().find(|(w, _)| clause[end..].starts_with(*w)).map(|(w, op)| {
            end += w.len();
            *op
        });
        let next = &clause[end..];
        // a figure qualifying a name (超过50亿元的企业, 千亿级) or a multiple of the past is no target
        if next.starts_with('的') || next.starts_with('级') || unit == "倍" || next.starts_with("倍") {
            continue;
        }
        // the comparator before the number, and the name before it
        let rank = before.ends_with('前') && matches!(unit, "位" | "名" | "强");
        let pre = if rank { before.trim_end_matches('前') } else { before };
        let (name_part, before_op) = match BEFORE.iter().find(|(w, _, _)| pre.ends_with(*w)) {
            Some((w, op, soft)) => (&pre[..pre.len() - w.len()], Some((*w, *op, *soft))),
            None => (pre, None),
        };
        let op = match (before_op, after_op) {
            _ if rank => Some(Op::Le),
            (Some((_, Some(b), false)), _) => Some(b),
            (_, Some(a)) => Some(a),
            (Some((_, b, _)), None) => b,
            (None, None) => None,
        };
        if op.is_none() && unit.is_empty() && value_max.is_none() {
            // a bare number with neither a comparator nor a unit (表1, 第1) is no target
            continue;
        }
        let op = op.unwrap_or(Op::Ge);
        let op = if value_max.is_some() { Op::Range } else { op };
        let mut name = strip_leading(name_part.trim()).to_string();
        for w in ["进入全国", "进入全省", "位居全国", "位居全省", "保持全国", "全国", "全省", "进入", "位居", "保持"] {
            if rank {
                name = name.strip_suffix(w).unwrap_or(&name).to_string();
            }
        }
        let mut creating = false;
        if let Some(r) = name.strip_prefix("累计") {
            // 累计建成…: a total since the plan's start
            name = r.to_string();
            creating = true;
        }
        if let Some(r) = name.strip_suffix("累计") {
            // 城镇新增就业累计达到…: the total is the comparator's, not the name's
            name = r.to_string();
            creating = true;
        }
        // a verb leading a noun (建成区绿化覆盖率) is no verb: a share or a rate keeps its name
        if let Some(v) = CREATING_VERBS.iter().find(|v| name.starts_with(**v)).filter(|_| !super::words::is_share(&name)) {
            name = name[v.len()..].to_string();
            creating = true;
        }
        if name.chars().filter(|c| crate::text::is_cjk(*c)).count() < 2 {
            // the thing counted follows its number: 建成3个千亿级数字经济产业集群
            let tail = &clause[end..];
            let stop = tail.find(NAME_ENDS).unwrap_or(tail.len());
            let after_name = strip_leading(&tail[..stop]).to_string();
            if after_name.chars().filter(|c| crate::text::is_cjk(*c)).count() >= 2 {
                creating |= name.is_empty() || CREATING_VERBS.iter().any(|v| before.contains(v));
                name = format!("{name}{after_name}");
                end += stop;
            } else {
                continue;
            }
        }
        if lacks_subject(&name)
            && let Some(s) = subject.as_ref()
        {
            name = format!("{s}{name}");
        }
        *subject = Some(subject_of(&name));
        let text = format!("{}{}", before_op.map(|(w, _, _)| w).unwrap_or(""), &clause[p..end]).replace(&name, "");
        clause_creating |= creating;
        let kind = kind_of(&name, unit, rank, false, clause_creating);
        let direction = direction_of(Some(op), kind, None, Some(value));
        out.push(ReadRow {
            indicator: PlanIndicator {
                id: String::new(),
                section: None,
                name,
                unit: (!unit.is_empty()).then(|| unit.to_string()),
                kind,
                attribute: None,
                direction,
                baseline: None,
                target: PlanTarget { text, op: Some(op), value: Some(value), value_max, year },
                milestones: Vec::new(),
                responsible: Vec::new(),
                source: Some(clause.to_string()),
            },
            doubts: Vec::new(),
        });
        pos = end;
        search = end;
    }
}
