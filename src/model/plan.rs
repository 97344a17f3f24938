//! Plans (规划) and their main indicators (主要指标), as plan-indicators.md §3
//! names them: what the store keeps, the exchange file carries (§6) and the
//! UI receives. Values are `Decimal` (strings in JSON); the text as written
//! is kept beside what was understood.

use crate::error::Result;
use crate::target::Op;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

word_enum!(
    /// How the yearly actual is read and judged (§2, "Kind").
    PlanKind, "指标类型" {
        Level = "level", Growth = "growth", Average = "average", Cumulative = "cumulative",
        Annual = "annual", Rank = "rank", Qualitative = "qualitative",
    }
);
word_enum!(
    /// 指标属性.
    Attribute, "指标属性" { Expected = "预期性", Binding = "约束性" }
);
word_enum!(
    /// Whether higher or lower is better.
    Direction, "方向" { Up = "up", Down = "down" }
);
word_enum!(
    /// A responsible unit's part.
    Role, "责任单位角色" { Lead = "牵头", Responsible = "责任", Support = "配合" }
);
word_enum!(
    /// The judgement of an indicator in a year (§4).
    PlanStatus, "评价结果" {
        DoneEarly = "done_early", Done = "done", Ahead = "ahead", OnTrack = "on_track", Behind = "behind",
        Missed = "missed", NotYet = "not_yet", NoActual = "no_actual", Unjudged = "unjudged",
    }
);
word_enum!(
    /// The light beside a status (§4's table).
    PlanLight, "灯" { Green = "green", Yellow = "yellow", Red = "red", Grey = "grey" }
);

impl PlanKind {
    /// 类型 in the officer's words.
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::Level => "水平值",
            PlanKind::Growth => "年均增速",
            PlanKind::Average => "年均值",
            PlanKind::Cumulative => "累计值",
            PlanKind::Annual => "每年值",
            PlanKind::Rank => "位次",
            PlanKind::Qualitative => "定性",
        }
    }
    /// A kind, written as its code (`growth`) or its label (`年均增速`).
    pub fn read(s: &str) -> Result<Self> {
        let t = s.trim();
        PlanKind::ALL.iter().copied().find(|k| k.label() == t).map_or_else(|| PlanKind::parse(t), Ok)
    }
}

impl Direction {
    /// 正向 / 反向, the words a table's 方向 column uses.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "正向",
            Direction::Down => "反向",
        }
    }
    /// `up`/`down`, or 正向/反向 (also 越大越好 / 越小越好).
    pub fn read(s: &str) -> Result<Self> {
        match s.trim() {
            "正向" | "越大越好" | "上升" => Ok(Direction::Up),
            "反向" | "越小越好" | "下降" => Ok(Direction::Down),
            t => Direction::parse(t),
        }
    }
}

impl PlanStatus {
    /// The word printed for the status.
    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::DoneEarly => "已提前完成",
            PlanStatus::Done => "已完成",
            PlanStatus::Ahead => "快于预期",
            PlanStatus::OnTrack => "基本符合预期",
            PlanStatus::Behind => "进度滞后",
            PlanStatus::Missed => "未完成",
            PlanStatus::NotYet => "尚未达到",
            PlanStatus::NoActual => "未填报",
            PlanStatus::Unjudged => "未评价",
        }
    }
    /// A status as a person gives it: its code (`on_track`) or its label (`基本符合预期`).
    pub fn read(s: &str) -> Result<Self> {
        let t = s.trim();
        PlanStatus::ALL.iter().copied().find(|k| k.label() == t).map_or_else(|| PlanStatus::parse(t), Ok)
    }
    /// The statuses a person may record for a qualitative indicator (not
    /// `no_actual` / `unjudged`, which say that nothing was recorded).
    pub fn is_verdict(self) -> bool {
        !matches!(self, PlanStatus::NoActual | PlanStatus::Unjudged)
    }
}

/// A plan (规划): its code is unique in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Plan {
    pub code: String,
    pub name: String,
    /// 文号
    #[serde(default)]
    pub document: Option<String>,
    /// 印发单位
    #[serde(default)]
    pub issuer: Option<String>,
    /// 印发日期, `YYYY-MM-DD`
    #[serde(default)]
    pub issued_on: Option<String>,
    pub base_year: i32,
    pub end_year: i32,
    /// The unit that keeps the plan's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// 基期值: as written, understood, and its own year (2019 for `99.7*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Baseline {
    pub text: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    pub year: i32,
    /// Written `左右` / `约`.
    #[serde(default)]
    pub approx: bool,
}

/// 目标值: as written and understood. A qualitative target has no op and no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanTarget {
    pub text: String,
    pub op: Option<Op>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub value: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    #[serde(default)]
    pub value_max: Option<Decimal>,
    pub year: i32,
}

/// A 年度分解 value: where the indicator should be by the end of `year`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Milestone {
    pub year: i32,
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Responsible {
    pub unit: String,
    pub role: Role,
}

/// A plan indicator (§3). `id` is unique in its plan (the table's 序号 where there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanIndicator {
    pub id: String,
    #[serde(default)]
    pub section: Option<String>,
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub kind: PlanKind,
    #[serde(default)]
    pub attribute: Option<Attribute>,
    pub direction: Direction,
    #[serde(default)]
    pub baseline: Option<Baseline>,
    pub target: PlanTarget,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub responsible: Vec<Responsible>,
    /// The table or paragraph it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl PlanIndicator {
    /// The unit, or "" when it has none.
    pub fn unit_str(&self) -> &str {
        self.unit.as_deref().unwrap_or("")
    }
    /// The 牵头 unit (else the first named), for the list's filter and the form.
    pub fn lead_unit(&self) -> Option<&str> {
        self.responsible.iter().find(|r| r.role == Role::Lead).or(self.responsible.first()).map(|r| r.unit.as_str())
    }
}

/// A year's actual of an indicator, with where the figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanActual {
    pub year: i32,
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    #[serde(default)]
    pub note: Option<String>,
}

/// A person's verdict on a qualitative indicator in a year; the note is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Verdict {
    pub year: i32,
    pub status: PlanStatus,
    pub note: String,
}

pub const FORMAT: &str = "jixiao-plan";
pub const VERSION: i64 = 1;

/// The `jixiao-plan` exchange file (plan-indicators.md §6): what `plan import --dry-run` prints and `plan export` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanFile {
    pub format: String,
    pub version: i64,
    pub plans: Vec<PlanRecord>,
}

impl PlanFile {
    pub fn new(plans: Vec<PlanRecord>) -> Self {
        PlanFile { format: FORMAT.into(), version: VERSION, plans }
    }
}

/// A plan with its indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanRecord {
    #[serde(flatten)]
    pub plan: Plan,
    pub indicators: Vec<PlanIndicatorRecord>,
}

/// An indicator with its actuals and verdicts: `plan export` then `plan
/// import` loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanIndicatorRecord {
    #[serde(flatten)]
    pub indicator: PlanIndicator,
    #[serde(default)]
    pub actuals: Vec<PlanActual>,
    #[serde(default)]
    pub verdicts: Vec<Verdict>,
}

