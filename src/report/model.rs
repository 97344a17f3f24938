//! The report model: the forms as data, with numbers already rounded and
//! written for display (the JSON the Typst template and the app read).

use crate::error::{Error, Result};
use crate::model::Period;
use crate::review::form::ReviewForm;
use crate::scoring::{Light, Status};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// Which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum FormKind {
    /// 项目支出绩效自评表, one per project, after the year end.
    SelfEval,
    /// 项目支出绩效目标执行监控表, one per project, in the year.
    Monitor,
    /// 汇总表, one row per project.
    Summary,
    /// 绩效目标审核意见表, one per project, before the budget is approved (issue 13).
    Review,
    /// 规划主要指标监测表, one per plan and year (plan-indicators.md §6).
    Plan,
}

/// Read as [`FormKind::parse`] reads it (the app's commands take a `FormKind`).
impl<'de> serde::Deserialize<'de> for FormKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        FormKind::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl FormKind {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "self-eval" => Ok(FormKind::SelfEval),
            "monitor" => Ok(FormKind::Monitor),
            "summary" => Ok(FormKind::Summary),
            "review" => Ok(FormKind::Review),
            "plan" => Ok(FormKind::Plan),
            _ => Err(Error::Invalid(format!(
                "报表类型“{s}”无效，应为 self-eval（自评表）/ monitor（监控表）/ summary（汇总表）/ review（审核意见表）/ plan（规划主要指标监测表）"
            ))),
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            FormKind::SelfEval => "项目支出绩效自评表",
            FormKind::Monitor => "项目支出绩效目标执行监控表",
            FormKind::Summary => "项目支出绩效汇总表",
            FormKind::Review => crate::review::form::TITLE,
            FormKind::Plan => "规划主要指标监测表",
        }
    }
    /// The sheet the form is printed on, in every format (PDF, xlsx, the app's
    /// print dialog): A4, portrait for the 自评表 and the 审核意见表, landscape
    /// for the wide 监控表 and 汇总表.
    pub fn page(self) -> PageSetup {
        match self {
            FormKind::SelfEval | FormKind::Review => PageSetup { landscape: false, margin_top_mm: 16, margin_x_mm: 16, margin_bottom_mm: 18 },
            FormKind::Monitor | FormKind::Summary | FormKind::Plan => {
                PageSetup { landscape: true, margin_top_mm: 12, margin_x_mm: 14, margin_bottom_mm: 16 }
            }
        }
    }
    /// The period a form shows when none is asked for: the year end, or Q2
    /// (the mid-year monitoring) for the 监控表.
    pub fn default_period(self, year: i32) -> Period {
        match self {
            FormKind::Monitor => Period { year, quarter: 2 },
            _ => Period::year_end(year),
        }
    }
}

/// An A4 sheet's orientation and margins (millimetres; the page number sits in
/// the bottom margin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PageSetup {
    pub landscape: bool,
    pub margin_top_mm: u32,
    pub margin_x_mm: u32,
    pub margin_bottom_mm: u32,
}


/// An amount or a score as a form shows it: text with 2 places, rounded as
/// `jixiao evaluate` rounds, `—` when there is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", type = "string"))]
pub struct Fixed2(pub Option<Decimal>);

/// A ratio as a form shows it: a percentage with 2 places, `—` when there is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", type = "string"))]
pub struct Percent(pub Option<Decimal>);

impl Serialize for Fixed2 {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&crate::display::fixed2_text(self.0))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&crate::display::percent_text(self.0))
    }
}

impl From<Fixed2> for Option<Decimal> {
    fn from(v: Fixed2) -> Self {
        v.0
    }
}

impl From<Percent> for Option<Decimal> {
    fn from(v: Percent) -> Self {
        v.0
    }
}

fn ser_light<S: Serializer>(l: &Light, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(l.word())
}

/// A whole report: one form per project, or the summary.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Report {
    pub kind: FormKind,
    /// `kind.page()`, for the template and the app's print styles.
    pub page: PageSetup,
    pub title: String,
    /// `（2023 年度）`, `（截至 2023 年 6 月 30 日）`.
    pub subtitle: String,
    pub year: i32,
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    /// `1—6月`: the months the cumulative values cover.
    pub months: String,
    pub projects: Vec<ProjectForm>,
    pub summary: Option<SummaryForm>,
    /// The 审核意见表s, one per project (`kind` review; empty otherwise).
    pub reviews: Vec<ReviewForm>,
    /// The 规划主要指标监测表 (`kind` plan; none otherwise).
    pub plan: Option<PlanForm>,
    /// The scoring settings in force, for the footnote (the 审核意见表: what
    /// each conclusion means).
    pub footnote: Vec<String>,
}

/// The projects the 报表 screen shows of a report (the rest are in the files).
pub const PREVIEW_PROJECTS: usize = 50;

/// What the 报表 screen shows of a report: its first forms (or the summary's
/// first rows and its totals), so that the window never holds a whole
/// bureau's forms; the files (PDF, xlsx) hold them all.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ReportPage {
    pub report: Report,
    /// The projects shown.
    #[cfg_attr(test, ts(type = "number"))]
    pub shown: usize,
    /// The projects the report covers.
    #[cfg_attr(test, ts(type = "number"))]
    pub total: usize,
}

impl Report {
    /// The first `limit` projects' forms (or summary rows, with every total row).
    pub fn first(mut self, limit: usize) -> ReportPage {
        let total = self.project_count();
        self.projects.truncate(limit);
        self.reviews.truncate(limit);
        if let Some(summary) = &mut self.summary {
            let mut kept = 0;
            summary.rows.retain(|r| {
                kept += usize::from(!r.is_total);
                r.is_total || kept <= limit
            });
        }
        let shown = self.project_count();
        ReportPage { report: self, shown, total }
    }

    /// How many projects the report covers (its forms, or the summary's rows).
    pub fn project_count(&self) -> usize {
        match (&self.summary, self.kind) {
            (Some(s), _) => s.rows.iter().filter(|r| !r.is_total).count(),
            (None, FormKind::Review) => self.reviews.len(),
            (None, FormKind::Plan) => usize::from(self.plan.is_some()),
            (None, _) => self.projects.len(),
        }
    }
}

/// One project's 自评表 or 监控表.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectForm {
    pub code: String,
    pub name: String,
    /// 主管部门: the parent unit where there is one, else the unit itself.
    pub department: String,
    /// 实施单位.
    pub unit_name: String,
    pub unit_code: String,
    pub money_unit: String,
    /// 年度资金总额, 其中：财政资金, 其他资金.
    pub funds: Vec<FundRow>,
    pub execution: ExecutionRow,
    pub goal: String,
    pub achieved: String,
    pub indicators: Vec<IndicatorRow>,
    pub total_points: Fixed2,
    pub total_score: Fixed2,
    pub grade: String,
    pub conclusion: String,
    pub problems: String,
    pub improvements: String,
    /// E.g. weights that were scaled to 90.
    pub warnings: Vec<String>,
    /// `已报送（YYYY-MM-DD）` when the form's quarter was submitted and is locked.
    pub submitted: Option<String>,
}

/// One line of the 项目资金 block. Amounts in the project's money unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct FundRow {
    pub label: String,
    /// 年初预算数.
    pub initial: Fixed2,
    /// 全年预算数 (调整后).
    pub full_year: Fixed2,
    /// 全年执行数 / 1—n月执行数.
    pub spent: Fixed2,
    /// 分值.
    pub points: Fixed2,
    pub rate: Percent,
    pub score: Fixed2,
}

/// The money side of monitoring (§7) and its explanation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ExecutionRow {
    pub initial: Fixed2,
    pub budget: Fixed2,
    pub spent: Fixed2,
    pub rate: Percent,
    /// Planned by the period's end (序时进度（计划）).
    pub planned: Fixed2,
    pub progress: Percent,
    pub light: Light,
    #[serde(serialize_with = "ser_light")]
    #[cfg_attr(test, ts(type = "string"))]
    pub light_word: Light,
    pub reason: String,
    pub measures: String,
    pub needs_explanation: bool,
    pub explanation_missing: bool,
}

/// One indicator's row, with the spans of its level-1 and level-2 cells.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct IndicatorRow {
    pub level1: String,
    pub level2: String,
    pub level3: String,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 as printed (`IndicatorEvaluation::actual_shown`): with its
    /// unit, or 未填报 / 不适用.
    pub actual: String,
    pub status: Status,
    /// `Status::word`: 达标 / 未达标 / 未填报 / 不适用 / 指标值未识别.
    pub status_word: String,
    /// The row is shaded: failed at the year end (自评表), a red or yellow
    /// light in the year (监控表).
    pub failed: bool,
    /// Printed under the actual: `【未达标】` on a 自评表 (on a 监控表 the
    /// 预警 column says it, and a target not yet reached mid-year is no failure),
    /// `【指标值未识别】` on both.
    pub mark: String,
    pub weight: Fixed2,
    /// `None` for an indicator left out of scoring.
    pub score: Fixed2,
    pub completion_ratio: Percent,
    /// 序时进度.
    pub progress: Percent,
    pub light: Light,
    #[serde(serialize_with = "ser_light")]
    #[cfg_attr(test, ts(type = "string"))]
    pub light_word: Light,
    pub forecast: String,
    pub likelihood: String,
    pub reason_category: String,
    pub reason: String,
    pub measures: String,
    pub needs_explanation: bool,
    pub explanation_missing: bool,
    /// Rows the level-1 cell starting here spans (0: covered by a cell above).
    pub l1_span: usize,
    pub l2_span: usize,
    /// Whether the group starting here may be split by a page break (only
    /// when it holds text too long to keep on one page).
    pub breakable: bool,
}

/// The 汇总表.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SummaryForm {
    /// The units in it, once each in code order: `青岛市…、青岛市…`.
    pub units: String,
    /// The one money unit of every amount in it: the smallest of the
    /// projects' units, amounts in a larger unit converted (see `summary.rs`).
    pub money_unit: String,
    pub rows: Vec<SummaryRow>,
    pub total: SummaryRow,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SummaryRow {
    /// 序号, empty on subtotal and total rows.
    pub number: String,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    /// A unit subtotal or the grand total.
    pub is_total: bool,
    pub budget: Fixed2,
    pub spent: Fixed2,
    pub rate: Percent,
    pub indicators: usize,
    pub passed: usize,
    pub failed: usize,
    pub missing: usize,
    pub score: Fixed2,
    pub grade: String,
}

/// The 规划主要指标监测表 (plan-indicators.md §6): a row per indicator, a
/// column per year of the plan up to the year judged, every figure written
/// by the core (`report::plan_report`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanForm {
    pub code: String,
    pub name: String,
    /// 文号, or empty.
    pub document: String,
    /// The responsible unit the rows were chosen by, or empty (every row).
    pub unit: String,
    /// The year columns: the plan's first year up to the year judged.
    pub years: Vec<i32>,
    pub rows: Vec<PlanFormRow>,
    /// `基本符合预期 3 项`: each status that some row has, in §4's order.
    pub counts: Vec<PlanFormCount>,
}

/// One indicator's row of the 监测表.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanFormRow {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// 预期性 / 约束性, or empty.
    pub attribute: String,
    /// `4396（2020年）`, or `—`.
    pub baseline: String,
    /// `≥8000（2025年）`: the target as written and its year.
    pub target: String,
    /// One per year column: the actual as recorded, a verdict's label for a
    /// qualitative indicator, or empty.
    pub values: Vec<String>,
    /// 序时目标: the expected value of the year judged (2 places), or `—`.
    pub expected: String,
    /// 进度: p as a percentage, or `—`.
    pub progress: String,
    pub label: String,
    /// green / yellow / red / grey.
    pub light: String,
    pub lead_unit: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanFormCount {
    pub label: String,
    pub light: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub count: usize,
}
