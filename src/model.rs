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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
        pub enum $name { $(#[serde(rename = $word)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
            pub fn parse(s: &str) -> Result<Self> {
                let t = s.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == t).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    Error::Invalid(format!(concat!($what, "“{}”无效，应为：{}"), s, words.join(" / ")))
                })
            }
        }
    };
}

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

/// 预算项目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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

/// One row of the 绩效目标表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
}

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

/// A stored actual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
    /// Both reason and measures are written (scoring.md §6).
    pub fn explained(&self) -> bool {
        let filled = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        filled(&self.reason) && filled(&self.measures)
    }
}

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

    #[test]
    fn words() {
        assert_eq!(Level::parse("部分达成").unwrap(), Level::Partial);
        let e = Level::parse("完成").unwrap_err().to_string();
        assert!(e.contains("达成 / 部分达成 / 未达成"), "{e}");
    }
}
