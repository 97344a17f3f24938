//! The target parser: every way a 指标值 is written (value-forms.md) and what it
//! means. [`parse`] never panics and never guesses a number: text it cannot read
//! comes back as `not_understood`, carrying nothing but the text the caller has.

use crate::text::{has_digit, is_cjk, leading_number, normalize};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Kind {
    /// A number with a unit.
    Quantity,
    /// A deadline.
    Date,
    /// Qualitative (定性), judged by the officer.
    Label,
    NotUnderstood,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Label => "label",
            Kind::NotUnderstood => "not_understood",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Kind::Quantity, Kind::Date, Kind::Label, Kind::NotUnderstood]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The comparison a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Op {
    #[serde(rename = "≥")]
    Ge,
    #[serde(rename = "≤")]
    Le,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<")]
    Lt,
    /// 约 / 左右
    #[serde(rename = "≈")]
    Approx,
    /// X—Y
    #[serde(rename = "range")]
    Range,
}

impl Op {
    pub const ALL: [Op; 7] = [Op::Ge, Op::Le, Op::Eq, Op::Gt, Op::Lt, Op::Approx, Op::Range];
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Gt => ">",
            Op::Lt => "<",
            Op::Approx => "≈",
            Op::Range => "range",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Op::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// What a target text was understood to mean. Field names are those of
/// value-forms.md; every field but `kind` is null when not understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Target {
    pub kind: Kind,
    pub op: Option<Op>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub value: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub value_max: Option<Decimal>,
    pub unit: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY-MM` for a month deadline.
    pub date: Option<String>,
    pub label: Option<String>,
}

impl Target {
    /// Its numbers in their unit within what can be computed with (an actual
    /// is held to the same: `units::convert`): `≤1亿亿亿亿元` is refused as
    /// [`crate::error::Error::too_large`] instead of being stored.
    pub fn check_magnitude(&self, written: &str) -> crate::error::Result<()> {
        for v in [self.value, self.value_max].into_iter().flatten() {
            crate::units::convert(v, self.unit_str(), "").map_err(|_| crate::error::Error::too_large(written.trim()))?;
        }
        Ok(())
    }

    /// An understanding typed by hand must be complete for its kind: an
    /// operator and a number (a range with both bounds, in order), a
    /// deadline, or a qualitative label.
    pub fn check_complete(&self) -> crate::error::Result<()> {
        let ok = match self.kind {
            Kind::Quantity => {
                self.op.is_some() && self.value.is_some() && (self.op != Some(Op::Range) || self.value_max.is_some_and(|m| Some(m) >= self.value))
            }
            Kind::Date => self.deadline().is_some(),
            Kind::Label => self.label.as_deref().is_some_and(|l| !l.trim().is_empty()),
            Kind::NotUnderstood => true,
        };
        if ok { Ok(()) } else { Err(crate::error::Error::Invalid("指标值的理解不完整：请填写比较方式和数值（区间需上下限）、日期或定性内容".into())) }
    }

    pub fn not_understood() -> Self {
        Target { kind: Kind::NotUnderstood, op: None, value: None, value_max: None, unit: None, date: None, label: None }
    }
    fn quantity(op: Op, value: Decimal, value_max: Option<Decimal>, unit: &str) -> Self {
        Target {
            kind: Kind::Quantity,
            op: Some(op),
            value: Some(value),
            value_max,
            unit: (!unit.is_empty()).then(|| unit.to_string()),
            date: None,
            label: None,
        }
    }

    /// The unit, or "" when the target has none.
    pub fn unit_str(&self) -> &str {
        self.unit.as_deref().unwrap_or("")
    }

    /// The last day that still meets a date target (a month deadline: its last day).
    pub fn deadline(&self) -> Option<NaiveDate> {
        let date = self.date.as_deref()?;
        if let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            return Some(d);
        }
        let (y, m) = date.split_once('-')?;
        last_day_of_month(y.parse().ok()?, m.parse().ok()?)
    }

    /// The understanding in a person's words: `≥ 20 次`, `≤ 2023-08`, `5 — 6 %`.
    pub fn describe(&self) -> String {
        let op = self.op.map(Op::as_str).unwrap_or("");
        match self.kind {
            Kind::Quantity => {
                let unit = self.unit_str();
                let v = self.value.map(|v| v.to_string()).unwrap_or_default();
                let text = match (self.op, self.value_max) {
                    (Some(Op::Range), Some(max)) => format!("{v} — {max} {unit}"),
                    _ => format!("{op} {v} {unit}"),
                };
                text.trim().to_string()
            }
            Kind::Date => format!("{op} {}", self.date.as_deref().unwrap_or("")),
            Kind::Label => format!("{op} {}", self.label.as_deref().unwrap_or("")),
            Kind::NotUnderstood => "未能识别".to_string(),
        }
    }
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 { (year.checked_add(1)?, 1) } else { (year, month.checked_add(1)?) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// An operator word or sign written before the value. `soft` words (达到, 降至)
/// give way to an operator written after the value (`达到340家以上`).
struct Prefix {
    word: &'static str,
    op: Op,
    sign: bool,
    soft: bool,
}

const fn pre(word: &'static str, op: Op, sign: bool, soft: bool) -> Prefix {
    Prefix { word, op, sign, soft }
}

/// Longest first, so `大于等于` wins over `大于` and `>=` over `>`.
const PREFIXES: &[Prefix] = &[
    pre("大于等于", Op::Ge, false, false),
    pre("小于等于", Op::Le, false, false),
    pre("不低于", Op::Ge, false, false),
    pre("不少于", Op::Ge, false, false),
    pre("不高于", Op::Le, false, false),
    pre("不超过", Op::Le, false, false),
    pre("不晚于", Op::Le, false, false),
    pre("至少", Op::Ge, false, false),
    pre("最高", Op::Le, false, false),
    pre("等于", Op::Eq, false, false),
    pre("大于", Op::Gt, false, false),
    pre("超过", Op::Gt, false, false),
    pre("突破", Op::Gt, false, false),
    pre("多于", Op::Gt, false, false),
    pre("小于", Op::Lt, false, false),
    pre("低于", Op::Lt, false, false),
    pre("少于", Op::Lt, false, false),
    pre("达到", Op::Ge, false, true),
    pre("降至", Op::Le, false, true),
    pre("约", Op::Approx, false, false),
    pre(">=", Op::Ge, true, false),
    pre("<=", Op::Le, true, false),
    pre("==", Op::Eq, true, false),
    pre("≥", Op::Ge, true, false),
    pre("≧", Op::Ge, true, false),
    pre("≤", Op::Le, true, false),
    pre("≦", Op::Le, true, false),
    pre("=", Op::Eq, true, false),
    pre(">", Op::Gt, true, false),
    pre("<", Op::Lt, true, false),
];

/// Operator words written after the value. Longest first.
const SUFFIXES: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("以上", Op::Ge),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("内", Op::Le),
    ("左右", Op::Approx),
    ("之前", Op::Le),
    ("以前", Op::Le),
    ("前", Op::Le),
];

const RANGE_SEPARATORS: [char; 5] = ['—', '-', '~', '至', '到'];

/// Understands one target text. `year` is the project's year, given to a month
/// written without one (`不晚于9月份`).
pub fn parse(text: &str, year: i32) -> Target {
    let s = normalize(text);
    let (prefix, rest) = match PREFIXES.iter().find(|p| s.starts_with(p.word)) {
        Some(p) => (Some(p), &s[p.word.len()..]),
        None => (None, s.as_str()),
    };
    // `…完成` adds nothing to the meaning: `12月底前完成`, `3个月内完成`
    let rest = match rest.strip_suffix("完成") {
        Some(r) if !r.is_empty() => r,
        _ => rest,
    };
    // the whole year as a deadline: `年内`, `年内完成`, `本年度内`
    if matches!(rest, "年内" | "年度内" | "本年内" | "本年度内" | "当年" | "年底前" | "年末前") && prefix.is_none_or(|p| p.op == Op::Le) {
        return Target { kind: Kind::Date, op: Some(Op::Le), date: Some(format!("{year:04}-12")), ..Target::not_understood() };
    }
    let suffix = SUFFIXES.iter().find_map(|(w, op)| rest.strip_suffix(w).filter(|c| !c.is_empty()).map(|c| (*w, *op, c)));
    let (suffix_op, core) = match suffix {
        Some((_, op, core)) => (Some(op), core),
        None => (None, rest),
    };
    if core.is_empty() {
        return Target::not_understood();
    }
    // One operator, from the words before and after the value.
    let op = match (prefix, suffix_op) {
        (Some(p), Some(s)) if p.soft || p.op == s => Some(s),
        (Some(_), Some(_)) => return Target::not_understood(),
        (Some(p), None) => Some(p.op),
        (None, s) => s,
    };

    if let Some(date) = parse_date(core, year) {
        return match op {
            None | Some(Op::Le) => Target { kind: Kind::Date, op: Some(Op::Le), date: Some(date), ..Target::not_understood() },
            _ => Target::not_understood(),
        };
    }
    if let Some((value, after)) = leading_number(core) {
        return parse_quantity(value, after, op);
    }
    // A label: Chinese words without digits, with no operator sign before them.
    let is_label = !has_digit(core)
        && core.chars().all(|c| is_cjk(c) || "、“”\"".contains(c))
        && prefix.is_none_or(|p| !p.sign);
    // an ordinal label takes 以上/以下 (`基础型以上`); other endings are its words (`区域内`)
    let ordinal = suffix.is_none_or(|(w, _, _)| ["以上", "及以上", "以下"].contains(&w));
    if !ordinal && !has_digit(rest) && rest.chars().all(is_cjk) && prefix.is_none() {
        return Target { kind: Kind::Label, op: Some(Op::Eq), label: Some(rest.to_string()), ..Target::not_understood() };
    }
    if is_label && ordinal {
        let (label, op) = match prefix {
            // 达到预期 is a label as a whole
            Some(p) if p.soft && suffix_op.is_none() => (format!("{}{}", p.word, core), Op::Eq),
            _ => (core.to_string(), op.unwrap_or(Op::Eq)),
        };
        return Target { kind: Kind::Label, op: Some(op), label: Some(label), ..Target::not_understood() };
    }
    Target::not_understood()
}

/// Whether a target text states its comparison: a sign or word before or
/// after the value (`≥95%`, `不超过3000元`, `50个以上`) or a range (`5—6`).
/// A bare value (`95%`) does not: [`parse`] takes it as `≥`, which an
/// importer marks as a guess for the officer to confirm. Dates and labels
/// state theirs (a deadline is `≤`; a label is judged in words).
pub fn states_op(text: &str, year: i32) -> bool {
    let t = parse(text, year);
    if t.kind != Kind::Quantity || t.op == Some(Op::Range) {
        return true;
    }
    let s = normalize(text);
    let rest = s.strip_suffix("完成").filter(|r| !r.is_empty()).unwrap_or(&s);
    PREFIXES.iter().any(|p| s.starts_with(p.word)) || SUFFIXES.iter().any(|(w, _)| rest.strip_suffix(w).is_some_and(|c| !c.is_empty()))
}

fn parse_quantity(value: Decimal, after: &str, op: Option<Op>) -> Target {
    if let Some(pos) = after.find(RANGE_SEPARATORS) {
        // X—Y, with the unit after either or both numbers (`90%-95%`, `5—6`)
        let (unit_lo, sep) = after.split_at(pos);
        let mut hi = sep.chars();
        hi.next();
        let Some((max, unit_hi)) = leading_number(hi.as_str()) else {
            return Target::not_understood();
        };
        let unit_ok = unit_lo.is_empty() || unit_lo == unit_hi;
        if op.is_some() || !unit_ok || !valid_unit(unit_hi) || max < value {
            return Target::not_understood();
        }
        return Target::quantity(Op::Range, value, Some(max), unit_hi);
    }
    if !valid_unit(after) {
        return Target::not_understood();
    }
    // a bare value: higher is better unless the officer says otherwise
    Target::quantity(op.unwrap_or(Op::Ge), value, None, after)
}

/// A unit is what is written after a number: no digits, no operator signs.
fn valid_unit(unit: &str) -> bool {
    unit.chars().count() <= 12
        && !has_digit(unit)
        && !unit.chars().any(|c| "≥≤≧≦<>=~—-,.;:：；，。()（）[]".contains(c))
}

/// `2023年12月20日`, `2023年8月`, `9月份`, `12月底`, `年底`, `2023-12-20`.
fn parse_date(s: &str, year: i32) -> Option<String> {
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    let month = |y: i32, m: u32| (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"));
    if matches!(s, "年底" | "年末") {
        return month(year, 12);
    }
    // ISO date
    let iso: Vec<&str> = s.split('-').collect();
    if iso.len() == 3 && iso[0].len() == 4 && iso.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return day(iso[0].parse().ok()?, iso[1].parse().ok()?, iso[2].parse().ok()?);
    }
    let (y, rest) = match s.split_once('年') {
        Some((y, rest)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => (y.parse().ok()?, rest),
        Some(_) => return None,
        None => (year, s),
    };
    if matches!(rest, "底" | "末") && s.contains('年') {
        return month(y, 12);
    }
    let (m, rest) = rest.split_once('月')?;
    if m.is_empty() || m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m: u32 = m.parse().ok()?;
    match rest {
        "" | "份" | "底" | "末" => month(y, m),
        _ => {
            let d = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号'))?;
            if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            day(y, m, d.parse().ok()?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (written, kind, op, value, value_max, unit, date, label)
    type Row = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>);

    fn check(rows: &[Row]) {
        for &(input, kind, op, value, value_max, unit, date, label) in rows {
            let t = parse(input, 2023);
            let got = (
                t.kind.as_str(),
                t.op.map(Op::as_str),
                t.value.map(|v| v.to_string()),
                t.value_max.map(|v| v.to_string()),
                t.unit.clone(),
                t.date.clone(),
                t.label.clone(),
            );
            let want = (
                kind,
                op,
                value.map(str::to_string),
                value_max.map(str::to_string),
                unit.map(str::to_string),
                date.map(str::to_string),
                label.map(str::to_string),
            );
            assert_eq!(got, want, "parsing {input:?}");
        }
    }

    const Q: &str = "quantity";

    #[test]
    fn a_bare_value_states_no_direction_and_every_written_operator_does() {
        for bare in ["95%", "1500元", "３０ 个", "600元/生·年", "1,200"] {
            assert!(!states_op(bare, 2025), "{bare}");
        }
        for stated in ["≥95%", "不超过3000元", "50个以上", "达到100%", "约3000人", "5—6个", "=100%", "2025年6月30日", "保障", "有效提升", "年内完成"] {
            assert!(states_op(stated, 2025), "{stated}");
        }
    }

    #[test]
    fn operators_of_value_forms() {
        check(&[
            ("≥3个", Q, Some("≥"), Some("3"), None, Some("个"), None, None),
            (">=3个", Q, Some("≥"), Some("3"), None, Some("个"), None, None),
            ("＞=3个", Q, Some("≥"), Some("3"), None, Some("个"), None, None),
            ("大于等于3个", Q, Some("≥"), Some("3"), None, Some("个"), None, None),
            ("不低于95%", Q, Some("≥"), Some("95"), None, Some("%"), None, None),
            ("不少于500家", Q, Some("≥"), Some("500"), None, Some("家"), None, None),
            ("至少2次", Q, Some("≥"), Some("2"), None, Some("次"), None, None),
            ("达到340家以上", Q, Some("≥"), Some("340"), None, Some("家"), None, None),
            ("达到6倍以上", Q, Some("≥"), Some("6"), None, Some("倍"), None, None),
            ("50个以上", Q, Some("≥"), Some("50"), None, Some("个"), None, None),
            ("50个及以上", Q, Some("≥"), Some("50"), None, Some("个"), None, None),
            ("达到100%", Q, Some("≥"), Some("100"), None, Some("%"), None, None),
            ("100%", Q, Some("≥"), Some("100"), None, Some("%"), None, None),
            ("≤3000元", Q, Some("≤"), Some("3000"), None, Some("元"), None, None),
            ("<=3000元", Q, Some("≤"), Some("3000"), None, Some("元"), None, None),
            ("小于等于5天", Q, Some("≤"), Some("5"), None, Some("天"), None, None),
            ("不高于5%", Q, Some("≤"), Some("5"), None, Some("%"), None, None),
            ("不超过110万元", Q, Some("≤"), Some("110"), None, Some("万元"), None, None),
            ("最高50万元", Q, Some("≤"), Some("50"), None, Some("万元"), None, None),
            ("3天以内", Q, Some("≤"), Some("3"), None, Some("天"), None, None),
            ("5%以下", Q, Some("≤"), Some("5"), None, Some("%"), None, None),
            ("降至5%以下", Q, Some("≤"), Some("5"), None, Some("%"), None, None),
            ("≤250万", Q, Some("≤"), Some("250"), None, Some("万"), None, None),
            ("=100%", Q, Some("="), Some("100"), None, Some("%"), None, None),
            ("＝100%", Q, Some("="), Some("100"), None, Some("%"), None, None),
            ("等于100%", Q, Some("="), Some("100"), None, Some("%"), None, None),
            (">5 个", Q, Some(">"), Some("5"), None, Some("个"), None, None),
            ("＞5个", Q, Some(">"), Some("5"), None, Some("个"), None, None),
            ("大于5个", Q, Some(">"), Some("5"), None, Some("个"), None, None),
            ("超过5个", Q, Some(">"), Some("5"), None, Some("个"), None, None),
            ("突破1000家", Q, Some(">"), Some("1000"), None, Some("家"), None, None),
            ("多于5个", Q, Some(">"), Some("5"), None, Some("个"), None, None),
            ("<5%", Q, Some("<"), Some("5"), None, Some("%"), None, None),
            ("＜5%", Q, Some("<"), Some("5"), None, Some("%"), None, None),
            ("小于5%", Q, Some("<"), Some("5"), None, Some("%"), None, None),
            ("低于5%", Q, Some("<"), Some("5"), None, Some("%"), None, None),
            ("少于3次", Q, Some("<"), Some("3"), None, Some("次"), None, None),
            ("约13%", Q, Some("≈"), Some("13"), None, Some("%"), None, None),
            ("13%左右", Q, Some("≈"), Some("13"), None, Some("%"), None, None),
            ("3.5左右", Q, Some("≈"), Some("3.5"), None, None, None, None),
            ("5—6", Q, Some("range"), Some("5"), Some("6"), None, None, None),
            ("5-6", Q, Some("range"), Some("5"), Some("6"), None, None, None),
            ("5～6个", Q, Some("range"), Some("5"), Some("6"), Some("个"), None, None),
            ("5至6个", Q, Some("range"), Some("5"), Some("6"), Some("个"), None, None),
            ("90%-95%", Q, Some("range"), Some("90"), Some("95"), Some("%"), None, None),
        ]);
    }

    #[test]
    fn dates_of_value_forms() {
        let d = "date";
        check(&[
            ("小于等于2023年8月", d, Some("≤"), None, None, None, Some("2023-08"), None),
            ("小于等于2023年12月20日", d, Some("≤"), None, None, None, Some("2023-12-20"), None),
            ("2023年12月20日前", d, Some("≤"), None, None, None, Some("2023-12-20"), None),
            ("不晚于9月份", d, Some("≤"), None, None, None, Some("2023-09"), None),
            ("12月底前", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("年底前", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("小于等于\n2023 年 8\n月", d, Some("≤"), None, None, None, Some("2023-08"), None),
            ("2023 年 12 月 20 日", d, Some("≤"), None, None, None, Some("2023-12-20"), None),
            // durations are quantities, not dates
            ("≤4个月", Q, Some("≤"), Some("4"), None, Some("个月"), None, None),
            ("≤2小时", Q, Some("≤"), Some("2"), None, Some("小时"), None, None),
            ("≤3秒", Q, Some("≤"), Some("3"), None, Some("秒"), None, None),
            ("3个月内完成", Q, Some("≤"), Some("3"), None, Some("个月"), None, None),
            ("≤10个工作日", Q, Some("≤"), Some("10"), None, Some("个工作日"), None, None),
            ("12月底前完成", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("12月31日前", d, Some("≤"), None, None, None, Some("2023-12-31"), None),
            ("2023年底前", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("年内完成", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("本年度内", d, Some("≤"), None, None, None, Some("2023-12"), None),
            ("2023-12-20", d, Some("≤"), None, None, None, Some("2023-12-20"), None),
        ]);
        assert_eq!(parse("不晚于9月份", 2025).date.as_deref(), Some("2025-09"));
        assert_eq!(parse("小于等于2023年8月", 2023).deadline(), NaiveDate::from_ymd_opt(2023, 8, 31));
        assert_eq!(parse("年底前", 2024).deadline(), NaiveDate::from_ymd_opt(2024, 12, 31));
    }

    #[test]
    fn labels() {
        let l = "label";
        check(&[
            ("基础型以上", l, Some("≥"), None, None, None, None, Some("基础型")),
            ("保障", l, Some("="), None, None, None, None, Some("保障")),
            ("有效提升", l, Some("="), None, None, None, None, Some("有效提升")),
            ("明显改善", l, Some("="), None, None, None, None, Some("明显改善")),
            ("全覆盖", l, Some("="), None, None, None, None, Some("全覆盖")),
            ("好", l, Some("="), None, None, None, None, Some("好")),
            ("较上年提高", l, Some("="), None, None, None, None, Some("较上年提高")),
            ("达到预期", l, Some("="), None, None, None, None, Some("达到预期")),
            ("合格", l, Some("="), None, None, None, None, Some("合格")),
            ("区域内领先", l, Some("="), None, None, None, None, Some("区域内领先")),
            ("辖区内", l, Some("="), None, None, None, None, Some("辖区内")),
        ]);
    }

    #[test]
    fn text_as_it_really_arrives() {
        check(&[
            ("１００％", Q, Some("≥"), Some("100"), None, Some("%"), None, None),
            ("≤1178.41万\n元", Q, Some("≤"), Some("1178.41"), None, Some("万元"), None, None),
            ("9,216.72", Q, Some("≥"), Some("9216.72"), None, None, None, None),
            ("≤9,216.72万元", Q, Some("≤"), Some("9216.72"), None, Some("万元"), None, None),
            ("≥18万个", Q, Some("≥"), Some("18"), None, Some("万个"), None, None),
            ("≥70亿元", Q, Some("≥"), Some("70"), None, Some("亿元"), None, None),
            ("≥100%", Q, Some("≥"), Some("100"), None, Some("%"), None, None),
            ("≥800人/次", Q, Some("≥"), Some("800"), None, Some("人/次"), None, None),
            ("≥1次/年", Q, Some("≥"), Some("1"), None, Some("次/年"), None, None),
            ("≥3A级", Q, Some("≥"), Some("3"), None, Some("A级"), None, None),
            ("≥100万人", Q, Some("≥"), Some("100"), None, Some("万人"), None, None),
            ("377.3", Q, Some("≥"), Some("377.3"), None, None, None, None),
        ]);
    }

    #[test]
    fn not_understood_is_never_a_number() {
        for input in ["≥abc", "≥", "≤有效", "abc", "3/4/5", "", "  ", "≥5以下", "6-5", "2023年13月", "≥3个\n≥4个"] {
            assert_eq!(parse(input, 2023), Target::not_understood(), "parsing {input:?}");
        }
    }

    #[test]
    fn every_sample_target_is_understood() {
        for file in [
            include_str!("../fixtures/bigdata-2023-part1.json"),
            include_str!("../fixtures/industry-2025-narrative.json"),
        ] {
            let v: serde_json::Value = serde_json::from_str(file).unwrap();
            for p in v["projects"].as_array().unwrap() {
                let year = p["year"].as_i64().unwrap() as i32;
                for i in p["indicators"].as_array().unwrap() {
                    let text = i["target"].as_str().unwrap();
                    let t = parse(text, year);
                    assert_ne!(t.kind, Kind::NotUnderstood, "{text}");
                    if t.kind == Kind::Label {
                        assert_eq!(text, "基础型以上");
                    }
                }
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for input in ["—", "-5", "5—", "年", "月", "12月32日", "2023年", "约", "前", "以上", "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０", "5.", ".5%", "≥0", "0-0"] {
            let _ = parse(input, 2023);
        }
        assert_eq!(parse("≥0", 2023).value, Some(Decimal::ZERO));
    }
}
