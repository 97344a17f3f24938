//! The domain's records, as the store keeps them and the UI receives them.
//! Money and values are `Decimal` end to end; serde writes them as strings.

use crate::error::{Error, Result};
use crate::target::Target;
use crate::units::Accumulation;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A quarter of a year, `2023Q2`. Values recorded for it are cumulative from
/// 1 January to the quarter's last day (scoring.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub quarter: u32,
}

impl Period {
    pub fn new(year: i32, quarter: u32) -> Result<Self> {
        if !(1..=4).contains(&quarter) {
            return Err(Error::Invalid(format!("季度必须是 1—4，而不是 {quarter}")));
        }
        Ok(Period { year, quarter })
    }
    pub fn year_end(year: i32) -> Self {
        Period { year, quarter: 4 }
    }
    pub fn parse(s: &str) -> Result<Self> {
        let bad = || Error::Invalid(format!("期间“{s}”的格式应为 YYYYQn，例如 2023Q2"));
        let t = s.trim().to_ascii_uppercase();
        let (y, q) = t.split_once('Q').ok_or_else(bad)?;
        if y.len() != 4 {
            return Err(bad());
        }
        Period::new(y.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?)
    }
    /// The last month of the quarter: 3, 6, 9, 12.
    pub fn end_month(self) -> u32 {
        self.quarter * 3
    }
    /// "Now" for an evaluation: the quarter's last day, never today's date.
    pub fn end_date(self) -> chrono::NaiveDate {
        crate::target::last_day_of_month(self.year, self.end_month()).expect("quarter end is a valid date")
    }
    pub fn is_year_end(self) -> bool {
        self.quarter == 4
    }
    /// The one check that a period belongs to a project's (or a request's) year.
    pub fn check_in_year(self, year: i32) -> Result<()> {
        if self.year == year { Ok(()) } else { Err(Error::Invalid(format!("期间 {self} 不在 {year} 年度之内"))) }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Defines an enum of fixed Chinese words with `as_str`/`parse` and serde as the word.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
        pub enum $name { $(#[serde(rename = $word)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
            pub fn parse(s: &str) -> $crate::error::Result<Self> {
                let t = s.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == t).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::error::Error::Invalid(format!(concat!($what, "“{}”无效，应为：{}"), s, words.join(" / ")))
                })
            }
        }
    };
}

/// Plans (规划) and their indicators; their closed sets of words are `word_enum!`s.
pub mod plan;

word_enum!(
    /// The officer's judgement of a qualitative target (财政部 定性指标).
    Level, "完成程度" { Achieved = "达成", Partial = "部分达成", NotAchieved = "未达成" }
);
word_enum!(
    /// 完成目标可能性 (monitoring).
    Likelihood, "完成目标可能性" { Certain = "确定能", Possible = "有可能", Impossible = "完全不可能" }
);
word_enum!(
    /// 偏差原因 category (monitoring).
    ReasonCategory, "偏差原因类别" {
        Funding = "经费保障", Rules = "制度保障", Staff = "人员保障", Hardware = "硬件条件保障", Other = "其他"
    }
);
word_enum!(
    /// The money unit of a project's amounts.
    MoneyUnit, "金额单位" { Yuan = "元", WanYuan = "万元", YiYuan = "亿元" }
);

/// 预算单位.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Unit {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent: Option<String>,
}

/// Checks that the `parent` given to unit `code` exists and does not lead
/// back to `code` (a unit under itself, or under one of its own sub-units).
/// `parent_of(c)` is `None` when no unit `c` exists, else `Some` of its parent.
pub fn check_unit_parent(code: &str, parent: Option<&str>, parent_of: impl Fn(&str) -> Option<Option<String>>) -> Result<()> {
    let mut next = parent.map(str::to_string);
    // a chain longer than the units there are is a cycle among other units: stop
    for _ in 0..10_000 {
        let Some(p) = next else { return Ok(()) };
        if p == code {
            return Err(Error::Invalid(format!("单位“{code}”的上级单位不能是它自己或它的下级单位（上下级关系成环）")));
        }
        next = parent_of(&p).ok_or_else(|| Error::NotFound(format!("单位“{code}”的上级单位“{p}”不存在")))?;
    }
    Err(Error::Invalid(format!("单位“{code}”的上级单位关系成环")))
}

/// 预算数, split into 财政资金 and 其他资金; `adjusted` is 调整后预算数.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Budget {
    #[cfg_attr(test, ts(type = "string | null"))]
    pub total: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub fiscal: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub other: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub adjusted: Option<Decimal>,
}

impl Budget {
    /// 全年预算数: the adjusted budget where one is entered (scoring.md §4).
    pub fn full_year(&self) -> Decimal {
        self.adjusted.or(self.total).unwrap_or_default()
    }
}

/// One checkpoint of 资金支出计划: cumulative amount planned by the month's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanPoint {
    pub month: u32,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub amount: Option<Decimal>,
}

/// The officer's texts of the 自评表.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct EvaluationTexts {
    pub achieved: Option<String>,
    pub conclusion: Option<String>,
    pub problems: Option<String>,
    pub improvements: Option<String>,
}

impl EvaluationTexts {
    /// Each text within the length any field may have.
    pub fn check(&self) -> Result<()> {
        let texts = [("总体完成情况", &self.achieved), ("评价结论", &self.conclusion), ("存在问题", &self.problems), ("改进措施", &self.improvements)];
        for (label, text) in texts {
            if let Some(t) = text {
                crate::text::check_length(label, t)?;
            }
        }
        Ok(())
    }
}

/// 预算项目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectRecord"))]
pub struct Project {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub year: i32,
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub money_unit: MoneyUnit,
    pub budget: Budget,
    pub fund_use: Option<String>,
    pub goal: Option<String>,
    pub spending_plan: Vec<PlanPoint>,
    pub texts: EvaluationTexts,
}

crate::display::display_fields!(
    /// A project as the app receives it: the record, and its amounts as shown.
    Project as ProjectShown = "Project", deserialize {
        /// The budget and the plan with 2 places, `—` where none.
        amounts: ProjectAmounts = Project::amounts,
    }
);

/// A project's amounts as people read them: 2 places, `—` where none
/// ([`crate::display::fixed2_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectAmounts {
    pub total: String,
    pub fiscal: String,
    pub other: String,
    pub adjusted: String,
    /// 资金支出计划, in the order of `spending_plan`.
    pub plan: Vec<MonthAmount>,
}

/// One month's amount of [`ProjectAmounts::plan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct MonthAmount {
    pub month: u32,
    pub amount: String,
}

impl Project {
    /// The budget and the plan as shown.
    pub fn amounts(&self) -> ProjectAmounts {
        use crate::display::fixed2_text;
        let b = &self.budget;
        ProjectAmounts {
            total: fixed2_text(b.total),
            fiscal: fixed2_text(b.fiscal),
            other: fixed2_text(b.other),
            adjusted: fixed2_text(b.adjusted),
            plan: self.spending_plan.iter().map(|p| MonthAmount { month: p.month, amount: fixed2_text(p.amount) }).collect(),
        }
    }
}

/// One row of the 绩效目标表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "IndicatorRecord"))]
pub struct Indicator {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub project_id: i64,
    /// The exchange file's `id`, unique in the project, if one was given.
    pub key: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub position: i64,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub description: Option<String>,
    /// 指标值 as written.
    pub target_text: String,
    /// What the program (or the officer, when `target_manual`) understood.
    pub target: Target,
    pub target_manual: bool,
    pub basis: Option<String>,
    /// 分值, if the table gives one.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub weight: Option<Decimal>,
    /// Set by the officer; `None` = guessed (see [`Indicator::accumulation`]).
    pub accumulation_set: Option<Accumulation>,
    /// 不适用 reason; present = left out of scoring.
    pub not_applicable: Option<String>,
}

impl Indicator {
    /// The accumulation in force: the officer's, else the guess of scoring.md §7.
    pub fn accumulation(&self) -> Accumulation {
        use crate::target::Kind;
        self.accumulation_set.unwrap_or(match self.target.kind {
            Kind::Quantity => crate::units::guess_accumulation(self.target.unit_str()),
            _ => Accumulation::Level,
        })
    }
    /// How people refer to it: the key if any, else the level-3 name.
    pub fn reference(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.level3)
    }

    /// Finds an indicator of one project by its key, its level-3 name when that
    /// is unique in the project, or its internal id: the one lookup the CLI, the
    /// importer and the app share.
    pub fn find<'a>(all: &'a [Indicator], reference: &str) -> Result<&'a Indicator> {
        let r = reference.trim();
        if let Some(i) = all.iter().find(|i| i.key.as_deref() == Some(r)) {
            return Ok(i);
        }
        let by_name: Vec<&Indicator> = all.iter().filter(|i| i.level3 == r).collect();
        match by_name.as_slice() {
            [one] => return Ok(one),
            [] => {}
            _ => return Err(Error::Invalid(format!("本项目有 {} 个名为“{r}”的指标，请用编号指明", by_name.len()))),
        }
        if let Some(i) = r.parse::<i64>().ok().filter(|&id| id > 0).and_then(|id| all.iter().find(|i| i.id == id)) {
            return Ok(i);
        }
        Err(Error::NotFound(format!("本项目没有指标“{r}”")))
    }

    /// The indicator `input` describes before it is saved (the review of a
    /// table being edited): on `base`, the stored indicator it edits if any,
    /// whose understanding (a correction by hand included) stays while the text
    /// is the same, as the store keeps it; otherwise the text is read for `year`.
    /// Names are trimmed as the store trims them.
    pub fn drafted(base: Option<&Indicator>, project_id: i64, position: i64, year: i32, input: &IndicatorInput) -> Indicator {
        let kept = base.filter(|b| b.target_text == input.target_text);
        Indicator {
            id: base.map_or(0, |b| b.id),
            project_id,
            key: input.key.clone(),
            position,
            level1: input.level1.trim().to_string(),
            level2: input.level2.trim().to_string(),
            level3: input.level3.trim().to_string(),
            description: input.description.clone(),
            target_text: input.target_text.clone(),
            target: kept.map_or_else(|| crate::target::parse(&input.target_text, year), |b| b.target.clone()),
            target_manual: kept.is_some_and(|b| b.target_manual),
            basis: input.basis.clone(),
            weight: input.weight,
            accumulation_set: input.accumulation,
            not_applicable: input.not_applicable.clone(),
        }
    }
}

crate::display::display_fields!(
    /// An indicator as the app receives it: the record, and its target as understood.
    Indicator as IndicatorShown = "Indicator", deserialize {
        /// [`Target::describe`]: `≥ 20 次`, `≤ 2023-08`, or `未能识别`.
        target_description: String = |i: &Indicator| i.target.describe(),
    }
);

/// What was achieved for one indicator by the end of one period (累计完成值).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ActualInput {
    /// A quantity, as typed: `18`, `18次`, `1,694,000元`.
    pub value: Option<String>,
    /// `YYYY-MM-DD`, for a date target.
    pub done_on: Option<String>,
    pub level: Option<Level>,
    /// The officer's score ratio inside the level's band.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub ratio: Option<Decimal>,
    pub reason: Option<String>,
    pub measures: Option<String>,
    /// 全年预计完成值 (monitoring).
    pub forecast: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub reason_category: Option<ReasonCategory>,
    /// Keep the record even with nothing in it: for a date target, "not done yet"
    /// (scoring.md §2); without it an empty input removes the period's record.
    #[serde(default)]
    pub not_done: bool,
}

/// What is written for a project's spending in one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SpendingInput {
    /// In the project's money unit, or with a unit: `450`, `4,500,000元`.
    pub amount: Option<String>,
    pub reason: Option<String>,
    pub measures: Option<String>,
}

/// A stored actual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ActualRecord"))]
pub struct Actual {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub indicator_id: i64,
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    /// The number typed, without its unit.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub value: Option<Decimal>,
    /// The unit typed with it; `None` = the target's unit.
    pub value_unit: Option<String>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub done_on: Option<chrono::NaiveDate>,
    pub level: Option<Level>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub ratio: Option<Decimal>,
    pub reason: Option<String>,
    pub measures: Option<String>,
    pub forecast: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub reason_category: Option<ReasonCategory>,
    pub updated_at: String,
}

impl Actual {
    /// The value with its unit, as an officer reads it: `18次`.
    pub fn value_text(&self, target_unit: &str) -> Option<String> {
        let v = self.value?;
        Some(format!("{}{}", v, self.value_unit.as_deref().unwrap_or(target_unit)))
    }
    /// The input that writes this record again, as an officer types it: the
    /// value with the unit typed with it (`18次`; `18` when it was in the target's
    /// unit). `not_done` when the record holds no value, date or level (a date
    /// target not done yet, or texts alone), so that the record stays when saved as it is.
    pub fn input(&self) -> ActualInput {
        ActualInput {
            value: self.value.map(|v| format!("{v}{}", self.value_unit.as_deref().unwrap_or(""))),
            done_on: self.done_on.map(|d| d.to_string()),
            level: self.level,
            ratio: self.ratio,
            reason: self.reason.clone(),
            measures: self.measures.clone(),
            forecast: self.forecast.clone(),
            likelihood: self.likelihood,
            reason_category: self.reason_category,
            not_done: self.value.is_none() && self.done_on.is_none() && self.level.is_none(),
        }
    }
    /// Both reason and measures are written (scoring.md §6).
    pub fn explained(&self) -> bool {
        let filled = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        filled(&self.reason) && filled(&self.measures)
    }
}

crate::display::display_fields!(
    /// An actual as the app receives it: the record, and the input that writes it again.
    Actual as ActualShown = "Actual", deserialize {
        /// What the 填报 grid's cells hold for it ([`Actual::input`]).
        input: ActualInput = Actual::input,
    }
);

/// Money spent on a project by the end of a period (累计执行数).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Spending {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub project_id: i64,
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
    pub reason: Option<String>,
    pub measures: Option<String>,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let p = Period::parse("2023q2").unwrap();
        assert_eq!(p.to_string(), "2023Q2");
        assert_eq!(p.end_date().to_string(), "2023-06-30");
        assert!(Period::parse("2023Q5").is_err());
        assert!(Period::parse("23Q1").is_err());
        assert!(Period::parse("2023-2").is_err());
    }

    fn actual(value: Option<&str>, unit: Option<&str>, done_on: Option<&str>) -> Actual {
        Actual {
            id: 1,
            indicator_id: 2,
            period: Period::parse("2023Q2").unwrap(),
            value: value.map(|v| v.parse().unwrap()),
            value_unit: unit.map(str::to_string),
            done_on: done_on.map(|d| d.parse().unwrap()),
            level: None,
            ratio: None,
            reason: Some("r".into()),
            measures: None,
            forecast: None,
            likelihood: None,
            reason_category: None,
            updated_at: "t".into(),
        }
    }

    #[test]
    fn an_actual_goes_back_to_what_was_typed() {
        let a = actual(Some("18"), Some("次"), None).input();
        assert_eq!((a.value.as_deref(), a.reason.as_deref(), a.not_done), (Some("18次"), Some("r"), false));
        assert_eq!(actual(Some("1694000.5"), None, None).input().value.as_deref(), Some("1694000.5"));
        let dated = actual(None, None, Some("2023-05-02")).input();
        assert_eq!((dated.done_on.as_deref(), dated.not_done), (Some("2023-05-02"), false));
        // a record without value, date or level: a date target not done yet
        assert!(actual(None, None, None).input().not_done);
    }

    #[test]
    fn records_are_sent_with_their_display_fields() {
        let a = actual(Some("18"), Some("次"), None);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["value"], "18");
        assert_eq!(json["input"]["value"], "18次");
        assert_eq!(json["input"]["not_done"], false);
        // the display fields are ignored when a record is read back
        assert_eq!(serde_json::from_value::<Actual>(json).unwrap(), a);

        let ind = Indicator {
            id: 3,
            project_id: 4,
            key: None,
            position: 1,
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: "培训次数".into(),
            description: None,
            target_text: "≥20次".into(),
            target: crate::target::parse("≥20次", 2023),
            target_manual: false,
            basis: None,
            weight: None,
            accumulation_set: None,
            not_applicable: None,
        };
        let json = serde_json::to_value(&ind).unwrap();
        assert_eq!((json["target_text"].as_str(), json["target_description"].as_str()), (Some("≥20次"), Some("≥ 20 次")));
        assert_eq!(serde_json::from_value::<Indicator>(json).unwrap(), ind);

        let project = Project {
            id: 5,
            year: 2023,
            code: "P1".into(),
            name: "项目".into(),
            unit_code: "U".into(),
            unit_name: "单位".into(),
            money_unit: MoneyUnit::WanYuan,
            budget: Budget { total: Some("1694000.005".parse().unwrap()), fiscal: None, other: Some("12".parse().unwrap()), adjusted: None },
            fund_use: None,
            goal: None,
            spending_plan: vec![PlanPoint { month: 6, amount: Some("40.5".parse().unwrap()) }, PlanPoint { month: 12, amount: None }],
            texts: EvaluationTexts::default(),
        };
        let json = serde_json::to_value(&project).unwrap();
        assert_eq!(json["budget"]["total"], "1694000.005", "the record keeps its exact amounts");
        assert_eq!(
            json["amounts"],
            serde_json::json!({"total": "1694000.01", "fiscal": "—", "other": "12.00", "adjusted": "—",
                "plan": [{"month": 6, "amount": "40.50"}, {"month": 12, "amount": "—"}]})
        );
        assert_eq!(serde_json::from_value::<Project>(json).unwrap(), project);
    }

    #[test]
    fn words() {
        assert_eq!(Level::parse("部分达成").unwrap(), Level::Partial);
        let e = Level::parse("完成").unwrap_err().to_string();
        assert!(e.contains("达成 / 部分达成 / 未达成"), "{e}");
    }

    #[test]
    fn budget_years_are_2000_to_2100() {
        assert!(check_year(2000).is_ok() && check_year(2024).is_ok() && check_year(2100).is_ok());
        for y in [1999, 2101, 203, 20240] {
            assert_eq!(check_year(y).unwrap_err().to_string(), format!("年度 {y} 不在 2000—2100 之间"));
        }
        let p = ProjectInput {
            year: 1998,
            code: "P1".into(),
            name: "项目".into(),
            unit_code: "U".into(),
            money_unit: MoneyUnit::Yuan,
            budget: Budget::default(),
            fund_use: None,
            goal: None,
            spending_plan: vec![],
            texts: EvaluationTexts::default(),
        };
        assert_eq!(p.check().unwrap_err().to_string(), "项目“P1”：年度 1998 不在 2000—2100 之间");
    }
}

// ---- What is written: records as typed or imported, checked before the store writes them.

/// The budget years the program takes: a project's 年度, a year a document
/// states or a workbook's 年度 cell, the year of a synthetic bureau.
///
/// From 2000: the 部门预算 that 绩效目标 belong to began with the 2000 budget
/// reform, so no real table is older, and every budget an officer may still
/// have to import (old tables, the 2020 baselines plans compare with) is
/// inside. To 2100: room for any plan, while a mistyped year (`2203`, `1023`)
/// is refused rather than stored.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The one check of a budget year against [`YEARS`].
pub fn check_year(year: i32) -> Result<()> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Error::Invalid(format!("年度 {year} 不在 {}—{} 之间", YEARS.start(), YEARS.end())))
    }
}

/// A project as typed or imported, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectInput {
    pub year: i32,
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub money_unit: MoneyUnit,
    pub budget: Budget,
    pub fund_use: Option<String>,
    pub goal: Option<String>,
    pub spending_plan: Vec<PlanPoint>,
    pub texts: EvaluationTexts,
}

impl From<&Project> for ProjectInput {
    /// A stored project's fields, to edit and save again.
    fn from(p: &Project) -> Self {
        ProjectInput {
            year: p.year,
            code: p.code.clone(),
            name: p.name.clone(),
            unit_code: p.unit_code.clone(),
            money_unit: p.money_unit,
            budget: p.budget.clone(),
            fund_use: p.fund_use.clone(),
            goal: p.goal.clone(),
            spending_plan: p.spending_plan.clone(),
            texts: p.texts.clone(),
        }
    }
}

impl ProjectInput {
    /// The rules every project obeys, whoever writes it: the first one broken.
    pub fn check(&self) -> Result<()> {
        match self.problems().into_iter().next() {
            Some(p) => Err(Error::Invalid(p.message)),
            None => Ok(()),
        }
    }

    /// Every rule of [`check`](Self::check) that the project breaks, each with
    /// the field it is about (the 编辑 form shows each beside its field).
    pub fn problems(&self) -> Vec<FieldError> {
        let who = format!("项目“{}”", self.code.chars().take(40).collect::<String>());
        let mut out = Vec::new();
        let mut problem = |field: String, message: String| out.push(FieldError { field, message });
        if self.code.trim().is_empty() {
            problem("code".into(), "项目编码不能为空".into());
        }
        let texts = [("code", "项目编码", Some(&self.code)), ("name", "项目名称", Some(&self.name)), ("fund_use", "资金用途", self.fund_use.as_ref()), ("goal", "项目总体目标", self.goal.as_ref())];
        for (field, label, text) in texts {
            if let Some(Err(e)) = text.map(|t| crate::text::check_length(label, t)) {
                problem(field.into(), format!("{who}：{e}"));
            }
        }
        if let Err(e) = check_year(self.year) {
            problem("year".into(), format!("{who}：{e}"));
        }
        let b = &self.budget;
        for (field, name, v) in [("total", "预算数", b.total), ("fiscal", "财政资金", b.fiscal), ("other", "其他资金", b.other), ("adjusted", "调整后预算数", b.adjusted)] {
            if v.is_some_and(|v| v < Decimal::ZERO) {
                problem(format!("budget.{field}"), format!("{who}：{name}不能为负数"));
            }
        }
        let mut last = 0;
        for p in &self.spending_plan {
            if !(1..=12).contains(&p.month) || p.month <= last {
                problem(format!("spending_plan.{}", p.month), format!("{who}：资金支出计划的月份必须在 1—12 之间且按顺序排列（{} 月）", p.month));
            }
            if p.amount.is_some_and(|v| v < Decimal::ZERO) {
                problem(format!("spending_plan.{}", p.month), format!("{who}：{} 月底计划金额不能为负数", p.month));
            }
            last = last.max(p.month);
        }
        out
    }
}

/// The level-1 categories (一级指标) of the national framework of 绩效目标表.
pub const LEVEL1: [&str; 4] = ["成本指标", "产出指标", "效益指标", "满意度指标"];
/// The level-2 categories (二级指标) of the national framework with their
/// level-1; longest first, so a longer name wins over its tail.
pub const LEVEL2: [(&str, &str); 14] = [
    ("社会公众或服务对象满意度指标", "满意度指标"),
    ("服务对象满意度指标", "满意度指标"),
    ("生态环境成本指标", "成本指标"),
    ("社会公众满意度指标", "满意度指标"),
    ("可持续影响指标", "效益指标"),
    ("经济成本指标", "成本指标"),
    ("社会成本指标", "成本指标"),
    ("经济效益指标", "效益指标"),
    ("社会效益指标", "效益指标"),
    ("生态效益指标", "效益指标"),
    ("满意度指标", "满意度指标"),
    ("数量指标", "产出指标"),
    ("质量指标", "产出指标"),
    ("时效指标", "产出指标"),
];

/// What is wrong with one field of a form, in Chinese. `field` names it as the
/// record does: `year`, `code`, `budget.total`, `spending_plan.3` (the month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The checkpoints of the 资金支出计划 a 绩效目标表 prints: the end of March,
/// June, October and December (cumulative amounts).
pub const PLAN_MONTHS: [u32; 4] = [3, 6, 10, 12];

/// The UI's copy of the constants above, written by `cargo test` beside the
/// generated types (`make test` fails when the committed file differs).
#[cfg(test)]
#[test]
fn export_constants_for_the_ui() {
    let level1 = serde_json::to_string(&LEVEL1).unwrap();
    let level2 = serde_json::to_string(&LEVEL2).unwrap();
    // in the enum's order (a select lists them so)
    let labels = |pairs: Vec<(&str, &str)>| {
        let items: Vec<String> = pairs.iter().map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), serde_json::to_string(v).unwrap())).collect();
        format!("{{{}}}", items.join(","))
    };
    let kinds = labels(plan::PlanKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect());
    let directions = labels(plan::Direction::ALL.iter().map(|k| (k.as_str(), k.label())).collect());
    let statuses = labels(plan::PlanStatus::ALL.iter().map(|k| (k.as_str(), k.label())).collect());
    let mut text = format!(
        "// Written by `cargo test` from src/model/mod.rs. Do not edit this file manually.\n\n/** The spending plan's checkpoints (months): `model::PLAN_MONTHS`. */\nexport const PLAN_MONTHS = {PLAN_MONTHS:?} as const\n\n/** 一级指标 of the national framework: `model::LEVEL1`. */\nexport const LEVEL1: readonly string[] = {level1}\n\n/** 二级指标 with their 一级指标, longest name first: `model::LEVEL2`. */\nexport const LEVEL2_OF: readonly (readonly [string, string])[] = {level2}\n"
    );
    text.push_str(&format!(
        "\n/** A plan indicator's kinds in the officer's words: `PlanKind::label`. */\nexport const PLAN_KIND_LABELS: Readonly<Record<string, string>> = {kinds}\n\n/** 正向 / 反向: `Direction::label`. */\nexport const DIRECTION_LABELS: Readonly<Record<string, string>> = {directions}\n\n/** A plan status's word: `PlanStatus::label`. */\nexport const PLAN_STATUS_LABELS: Readonly<Record<string, string>> = {statuses}\n"
    ));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated/constants.ts");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

/// An indicator as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct IndicatorInput {
    pub key: Option<String>,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub description: Option<String>,
    pub target_text: String,
    pub basis: Option<String>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub weight: Option<Decimal>,
    pub accumulation: Option<Accumulation>,
    pub not_applicable: Option<String>,
}

impl IndicatorInput {
    pub fn check(&self) -> Result<()> {
        let name = if self.level3.trim().is_empty() { "（未命名）" } else { self.level3.trim() };
        if self.level3.trim().is_empty() {
            return Err(Error::Invalid("三级指标名称不能为空".into()));
        }
        if self.weight.is_some_and(|w| w < Decimal::ZERO) {
            return Err(Error::Invalid(format!("指标“{name}”：分值不能为负数")));
        }
        let texts = [
            ("编号", self.key.as_ref()),
            ("一级指标", Some(&self.level1)),
            ("二级指标", Some(&self.level2)),
            ("三级指标", Some(&self.level3)),
            ("指标描述", self.description.as_ref()),
            ("指标值", Some(&self.target_text)),
            ("评(扣)分依据", self.basis.as_ref()),
            ("不适用说明", self.not_applicable.as_ref()),
        ];
        for (label, text) in texts {
            if let Some(t) = text {
                crate::text::check_length(label, t).map_err(|e| Error::Invalid(format!("指标“{}”：{e}", name.chars().take(40).collect::<String>())))?;
            }
        }
        Ok(())
    }
}

/// Spending checked for storing: the amount in the project's money unit
/// (`None` removes the period's record), the texts trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSpending {
    pub period: Period,
    pub amount: Option<Decimal>,
    pub reason: Option<String>,
    pub measures: Option<String>,
}

/// A unit as an import gives it; a missing name keeps the stored one.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: String,
    pub name: Option<String>,
    pub parent: Option<String>,
}

/// One project, checked and ready to write.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub project: ProjectInput,
    /// Checked and understood (`Indicator::drafted`), in table order; their ids are not stored.
    pub indicators: Vec<Indicator>,
    /// Each actual with the index of its indicator in `indicators`.
    pub actuals: Vec<(usize, Actual)>,
    pub spending: Vec<CheckedSpending>,
}


/// A quarter of a project submitted (报送): while `locked`, its figures cannot change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Submission {
    #[cfg_attr(test, ts(type = "number"))]
    pub project_id: i64,
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    pub locked: bool,
    /// When it was (last) submitted, `YYYY-MM-DD HH:MM:SS`.
    pub submitted_at: String,
    /// Why it was unlocked, when it is not locked.
    pub unlock_reason: Option<String>,
}
