//! The printed forms of reports.md: 项目支出绩效自评表, 项目支出绩效目标执行监控表
//! and the unit summary (汇总表). Each is built from one [`Evaluation`] — the
//! numbers `jixiao evaluate` shows, never recomputed here — plus the project's
//! header and texts from the store, then written as PDF ([`pdf`], Typst as a
//! library) or xlsx ([`xlsx`]). The model serializes to the JSON the Typst
//! template reads, with numbers already rounded for display.

mod cli;
mod pdf;
mod xlsx;

pub use cli::{ReportArgs, run_cli};
pub use pdf::{FontSource, find_fonts, render_pdf};
pub use xlsx::render_xlsx;

use crate::error::{Error, Result};
use crate::model::{Period, Project};
use crate::scoring::{self, Evaluation, IndicatorEvaluation, Light, ProjectEvaluation, Settings, Status, round};
use crate::store::Store;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
}

impl FormKind {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "self-eval" => Ok(FormKind::SelfEval),
            "monitor" => Ok(FormKind::Monitor),
            "summary" => Ok(FormKind::Summary),
            _ => Err(Error::Invalid(format!("报表类型“{s}”无效，应为 self-eval（自评表）/ monitor（监控表）/ summary（汇总表）"))),
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            FormKind::SelfEval => "项目支出绩效自评表",
            FormKind::Monitor => "项目支出绩效目标执行监控表",
            FormKind::Summary => "项目支出绩效汇总表",
        }
    }
    /// The sheet the form is printed on, in every format (PDF, xlsx, the app's
    /// print dialog): A4, portrait for the 自评表, landscape for the wide 监控表
    /// and 汇总表.
    pub fn page(self) -> PageSetup {
        match self {
            FormKind::SelfEval => PageSetup { landscape: false, margin_top_mm: 16, margin_x_mm: 16, margin_bottom_mm: 18 },
            FormKind::Monitor | FormKind::Summary => {
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

/// The file format of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(Error::Invalid(format!("输出格式“{s}”无效，应为 pdf 或 xlsx"))),
        }
    }
}

// Display serializers: the template receives strings, rounded as `jixiao evaluate` rounds.
fn ser_money<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::display::fixed2_text(*d))
}
fn ser_score<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    ser_money(d, s)
}
fn ser_score_req<S: Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&round(*d, 2).to_string())
}
fn ser_pct<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&percent_text(*d))
}
fn ser_light<S: Serializer>(l: &Light, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(l.word())
}

pub use crate::display::percent_text;

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
    /// The scoring settings in force, for the footnote.
    pub footnote: Vec<String>,
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
    #[serde(serialize_with = "ser_score_req")]
    #[cfg_attr(test, ts(type = "string"))]
    pub total_points: Decimal,
    #[serde(serialize_with = "ser_score_req")]
    #[cfg_attr(test, ts(type = "string"))]
    pub total_score: Decimal,
    pub grade: String,
    pub conclusion: String,
    pub problems: String,
    pub improvements: String,
    /// E.g. weights that were scaled to 90.
    pub warnings: Vec<String>,
}

/// One line of the 项目资金 block. Amounts in the project's money unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct FundRow {
    pub label: String,
    /// 年初预算数.
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub initial: Option<Decimal>,
    /// 全年预算数 (调整后).
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub full_year: Option<Decimal>,
    /// 全年执行数 / 1—n月执行数.
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Option<Decimal>,
    /// 分值.
    #[serde(serialize_with = "ser_score")]
    #[cfg_attr(test, ts(type = "string"))]
    pub points: Option<Decimal>,
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub rate: Option<Decimal>,
    #[serde(serialize_with = "ser_score")]
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Option<Decimal>,
}

/// The money side of monitoring (§7) and its explanation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ExecutionRow {
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub initial: Option<Decimal>,
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Option<Decimal>,
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Option<Decimal>,
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub rate: Option<Decimal>,
    /// Planned by the period's end (序时进度（计划）).
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub planned: Option<Decimal>,
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub progress: Option<Decimal>,
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
    /// 实际完成值 with its unit; empty when none was entered.
    pub actual: String,
    pub status: Status,
    /// 达标 / 未达标 / 未填报 / 不适用 / 指标值未识别.
    pub status_word: String,
    /// The row is shaded: failed at the year end (自评表), a red or yellow
    /// light in the year (监控表).
    pub failed: bool,
    /// Printed under the actual: `【未达标】` on a 自评表 (on a 监控表 the
    /// 预警 column says it, and a target not yet reached mid-year is no failure).
    pub mark: String,
    #[serde(serialize_with = "ser_score")]
    #[cfg_attr(test, ts(type = "string"))]
    pub weight: Option<Decimal>,
    /// `None` for an indicator left out of scoring.
    #[serde(serialize_with = "ser_score")]
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Option<Decimal>,
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub completion_ratio: Option<Decimal>,
    /// 序时进度.
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub progress: Option<Decimal>,
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
    /// The units in it, `青岛市… / 青岛市…`.
    pub units: String,
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
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Option<Decimal>,
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Option<Decimal>,
    #[serde(serialize_with = "ser_pct")]
    #[cfg_attr(test, ts(type = "string"))]
    pub rate: Option<Decimal>,
    pub indicators: usize,
    pub passed: usize,
    pub failed: usize,
    pub missing: usize,
    #[serde(serialize_with = "ser_score")]
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Option<Decimal>,
    pub grade: String,
}

/// Builds a report at `period`, evaluating with `jixiao::scoring::evaluate`.
pub fn build(store: &Store, kind: FormKind, period: Period, unit: Option<&str>, project: Option<&str>) -> Result<Report> {
    let ev = scoring::evaluate(store, period, unit, project)?;
    if ev.projects.is_empty() {
        let whose = unit.map(|u| format!("单位 {u} ")).unwrap_or_default();
        return Err(Error::NotFound(format!("{whose}{} 年度没有项目，无法生成报表", period.year)));
    }
    from_evaluation(store, kind, &ev)
}

/// Builds a report from an evaluation already made.
pub fn from_evaluation(store: &Store, kind: FormKind, ev: &Evaluation) -> Result<Report> {
    let settings = store.settings()?;
    let period = ev.period;
    let months = if period.end_month() == 1 { "1月".to_string() } else { format!("1—{}月", period.end_month()) };
    let subtitle = match kind {
        FormKind::SelfEval => format!("（{} 年度）", ev.year),
        FormKind::Monitor => {
            let d = period.end_date();
            format!("（截至 {} 年 {} 月 {} 日）", d.format("%Y"), d.format("%-m"), d.format("%-d"))
        }
        FormKind::Summary if period.is_year_end() => format!("（{} 年度）", ev.year),
        FormKind::Summary => {
            let d = period.end_date();
            format!("（{} 年，截至 {} 月 {} 日）", d.format("%Y"), d.format("%-m"), d.format("%-d"))
        }
    };
    let mut projects = Vec::with_capacity(ev.projects.len());
    let mut unit_names: HashMap<String, (String, String)> = HashMap::new();
    for pe in &ev.projects {
        let p = store.project_by_id(pe.project_id)?;
        if !unit_names.contains_key(&p.unit_code) {
            let department = match store.unit(&p.unit_code).ok().and_then(|u| u.parent) {
                Some(parent) => store.unit(&parent).map(|u| u.name).unwrap_or_else(|_| p.unit_name.clone()),
                None => p.unit_name.clone(),
            };
            unit_names.insert(p.unit_code.clone(), (department, p.unit_name.clone()));
        }
        projects.push(project_form(store, kind, &p, pe, period, &settings, &unit_names[&p.unit_code].0)?);
    }
    let summary = (kind == FormKind::Summary).then(|| summary_form(&projects, &ev.projects));
    Ok(Report {
        kind,
        page: kind.page(),
        title: kind.title().to_string(),
        subtitle,
        year: ev.year,
        period,
        months,
        projects: if kind == FormKind::Summary { Vec::new() } else { projects },
        summary,
        footnote: footnote(&settings),
    })
}

fn text(s: &Option<String>) -> String {
    s.as_deref().map(str::trim).unwrap_or_default().to_string()
}

fn project_form(
    store: &Store,
    kind: FormKind,
    p: &Project,
    pe: &ProjectEvaluation,
    period: Period,
    settings: &Settings,
    department: &str,
) -> Result<ProjectForm> {
    let be = &pe.budget_execution;
    let budget_points = settings.dec("budget_points");
    let other_empty = p.budget.other.is_none_or(|o| o.is_zero());
    // The store keeps one spending figure per project, not split by source: the
    // 财政资金 line repeats the totals only when all the money is 财政资金.
    let funds = vec![
        FundRow {
            label: "年度资金总额".into(),
            initial: p.budget.total,
            full_year: Some(be.budget),
            spent: Some(be.spent),
            points: Some(budget_points),
            rate: be.rate,
            score: Some(be.score),
        },
        FundRow {
            label: "其中：财政资金".into(),
            initial: p.budget.fiscal.or(if other_empty { p.budget.total } else { None }),
            full_year: if other_empty { Some(be.budget) } else { None },
            spent: if other_empty { Some(be.spent) } else { None },
            points: None,
            rate: None,
            score: None,
        },
        FundRow {
            label: "其他资金".into(),
            initial: p.budget.other.filter(|o| !o.is_zero()),
            full_year: None,
            spent: None,
            points: None,
            rate: None,
            score: None,
        },
    ];
    let spending = store.spending(p.id, period)?;
    let execution = ExecutionRow {
        initial: p.budget.total,
        budget: Some(be.budget),
        spent: Some(be.spent),
        rate: be.rate,
        planned: Some(be.planned),
        progress: be.progress,
        light: be.light,
        light_word: be.light,
        reason: spending.as_ref().map(|s| text(&s.reason)).unwrap_or_default(),
        measures: spending.as_ref().map(|s| text(&s.measures)).unwrap_or_default(),
        needs_explanation: be.needs_explanation,
        explanation_missing: be.explanation_missing,
    };
    let actuals = store.actuals(p.id, period)?;
    let mut indicators: Vec<IndicatorRow> = pe
        .indicators
        .iter()
        .map(|ie| {
            let a = actuals.get(&ie.indicator_id);
            indicator_row(ie, a, kind == FormKind::Monitor)
        })
        .collect();
    set_spans(&mut indicators);
    Ok(ProjectForm {
        code: p.code.clone(),
        name: p.name.clone(),
        department: department.to_string(),
        unit_name: p.unit_name.clone(),
        unit_code: p.unit_code.clone(),
        money_unit: p.money_unit.as_str().to_string(),
        funds,
        execution,
        goal: text(&p.goal),
        achieved: text(&p.texts.achieved),
        indicators,
        total_points: budget_points + settings.dec("indicator_points"),
        total_score: pe.total_score,
        grade: pe.grade.to_string(),
        conclusion: text(&p.texts.conclusion),
        problems: text(&p.texts.problems),
        improvements: text(&p.texts.improvements),
        warnings: pe.warnings.clone(),
    })
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Pass => "达标",
        Status::Fail => "未达标",
        Status::Missing => "未填报",
        Status::NotApplicable => "不适用",
        Status::NotUnderstood => "指标值未识别",
    }
}

fn indicator_row(ie: &IndicatorEvaluation, a: Option<&crate::model::Actual>, monitor: bool) -> IndicatorRow {
    let scored = !matches!(ie.status, Status::NotApplicable);
    IndicatorRow {
        level1: ie.level1.clone(),
        level2: ie.level2.clone(),
        level3: ie.level3.clone(),
        target: ie.target.clone(),
        actual: ie.actual.clone().unwrap_or_default(),
        status: ie.status,
        status_word: status_word(ie.status).to_string(),
        failed: if monitor { ie.light.is_warning() } else { ie.status == Status::Fail },
        mark: if !monitor && ie.status == Status::Fail { "【未达标】".into() } else { String::new() },
        weight: ie.weight,
        score: scored.then_some(ie.score),
        completion_ratio: ie.completion_ratio,
        progress: ie.progress,
        light: ie.light,
        light_word: ie.light,
        forecast: a.map(|a| text(&a.forecast)).unwrap_or_default(),
        likelihood: a.and_then(|a| a.likelihood).map(|l| l.as_str().to_string()).unwrap_or_default(),
        reason_category: a.and_then(|a| a.reason_category).map(|c| c.as_str().to_string()).unwrap_or_default(),
        reason: text(&ie.reason),
        measures: text(&ie.measures),
        needs_explanation: ie.needs_explanation,
        explanation_missing: ie.explanation_missing,
        l1_span: 0,
        l2_span: 0,
        breakable: false,
    }
}

/// Most rows a level-1 cell may span: its group is kept on one page so that a
/// page break never leaves rows without their level-1 and level-2 labels.
const MAX_GROUP_ROWS: usize = 8;
/// Characters in a row beyond which its group may break across pages (a page
/// could not hold it otherwise).
const LONG_ROW_CHARS: usize = 300;

/// Sets the rowspans: consecutive rows with the same level-1 name form a group
/// of whole level-2 runs of at most [`MAX_GROUP_ROWS`] rows (a longer level-2
/// run is cut into pieces); each group starts with its labels, so each page does.
fn set_spans(rows: &mut [IndicatorRow]) {
    let n = rows.len();
    let long: Vec<bool> = rows
        .iter()
        .map(|r| {
            let chars = |s: &str| s.chars().count();
            chars(&r.level3) + chars(&r.target) + chars(&r.actual) + chars(&r.reason) + chars(&r.measures) > LONG_ROW_CHARS
        })
        .collect();
    // level-2 runs, cut to MAX_GROUP_ROWS; a long row stands alone, so that
    // only it may be split by a page break
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n
            && !long[i]
            && !long[j]
            && j - i < MAX_GROUP_ROWS
            && rows[j].level1 == rows[i].level1
            && rows[j].level2 == rows[i].level2
        {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
    // groups of runs under one level-1 name
    let mut k = 0;
    while k < runs.len() {
        let (start, mut end) = runs[k];
        let mut m = k + 1;
        while m < runs.len()
            && !long[start]
            && !long[runs[m].0]
            && rows[runs[m].0].level1 == rows[start].level1
            && runs[m].1 - start <= MAX_GROUP_ROWS
        {
            end = runs[m].1;
            m += 1;
        }
        rows[start].l1_span = end - start;
        rows[start].breakable = long[start];
        for &(a, b) in &runs[k..m] {
            rows[a].l2_span = b - a;
        }
        k = m;
    }
}

fn summary_form(forms: &[ProjectForm], pes: &[ProjectEvaluation]) -> SummaryForm {
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| (&forms[a].unit_code, &forms[a].code).cmp(&(&forms[b].unit_code, &forms[b].code)));
    let many_units = order.windows(2).any(|w| forms[w[0]].unit_code != forms[w[1]].unit_code);
    let row_of = |f: &ProjectForm, pe: &ProjectEvaluation, number: usize| {
        let count = |s: Status| pe.indicators.iter().filter(|i| i.status == s).count();
        SummaryRow {
            number: number.to_string(),
            code: f.code.clone(),
            name: f.name.clone(),
            unit_name: f.unit_name.clone(),
            is_total: false,
            budget: Some(pe.budget_execution.budget),
            spent: Some(pe.budget_execution.spent),
            rate: pe.budget_execution.rate,
            indicators: pe.indicators.len(),
            passed: count(Status::Pass),
            failed: count(Status::Fail),
            missing: count(Status::Missing),
            score: Some(pe.total_score),
            grade: pe.grade.to_string(),
        }
    };
    let total_of = |label: String, rows: &[&SummaryRow]| {
        let budget: Decimal = rows.iter().filter_map(|r| r.budget).sum();
        let spent: Decimal = rows.iter().filter_map(|r| r.spent).sum();
        SummaryRow {
            number: String::new(),
            code: String::new(),
            name: label,
            unit_name: String::new(),
            is_total: true,
            budget: Some(budget),
            spent: Some(spent),
            // the execution rate of the money added up, not an average of rates
            rate: (budget > Decimal::ZERO).then(|| spent / budget),
            indicators: rows.iter().map(|r| r.indicators).sum(),
            passed: rows.iter().map(|r| r.passed).sum(),
            failed: rows.iter().map(|r| r.failed).sum(),
            missing: rows.iter().map(|r| r.missing).sum(),
            score: None,
            grade: String::new(),
        }
    };
    let mut rows = Vec::new();
    let mut all: Vec<SummaryRow> = Vec::new();
    let mut number = 0;
    let mut i = 0;
    while i < order.len() {
        let unit = &forms[order[i]].unit_code;
        let mut unit_rows = Vec::new();
        while i < order.len() && &forms[order[i]].unit_code == unit {
            number += 1;
            unit_rows.push(row_of(&forms[order[i]], &pes[order[i]], number));
            i += 1;
        }
        if many_units {
            let refs: Vec<&SummaryRow> = unit_rows.iter().collect();
            let name = unit_rows[0].unit_name.clone();
            rows.extend(unit_rows.iter().cloned());
            rows.push(total_of(format!("小计：{name}"), &refs));
        } else {
            rows.extend(unit_rows.iter().cloned());
        }
        all.extend(unit_rows);
    }
    let refs: Vec<&SummaryRow> = all.iter().collect();
    let total = total_of("合计".into(), &refs);
    let mut names: Vec<&str> = Vec::new();
    for &k in &order {
        if !names.contains(&forms[k].unit_name.as_str()) {
            names.push(&forms[k].unit_name);
        }
    }
    let mut money: Vec<&str> = forms.iter().map(|f| f.money_unit.as_str()).collect();
    money.dedup();
    SummaryForm { units: names.join("、"), money_unit: money.join("/"), rows, total }
}

/// The scoring settings in force, in the officer's words.
fn footnote(s: &Settings) -> Vec<String> {
    let v = |k: &str| s.get(k).unwrap_or_default().to_string();
    let pct = |k: &str| format!("{}%", (s.dec(k) * Decimal::ONE_HUNDRED).normalize());
    let formula = match s.le_formula() {
        scoring::LeFormula::Linear => "1 −（实际值 − 目标值）/ 目标值",
        scoring::LeFormula::Inverse => "目标值 / 实际值",
    };
    let mut lines = vec![
        format!(
            "评分设置：预算执行率 {} 分，绩效指标 {} 分（未给分值时：成本和产出指标 {} 分、效益指标 {} 分、满意度指标 {} 分，类内平均）；反向指标（≤/<）未达标得分比例 = {}；评价等级：优 ≥ {} 分，良 ≥ {} 分，中 ≥ {} 分，其余为差。",
            v("budget_points"), v("indicator_points"), v("cost_output_points"), v("benefit_points"), v("satisfaction_points"),
            formula, v("grade_excellent_min"), v("grade_good_min"), v("grade_fair_min"),
        ),
        format!(
            "预警：序时进度低于 {} 为红灯，低于 {} 为黄灯，达到 {} 为蓝灯，其余为绿灯；须说明偏差原因：年末未达标、未填报或完成率 ≥ {}，预算执行率低于 {}，年中红灯或黄灯。",
            pct("light_red_below"), pct("light_yellow_below"), pct("light_blue_from"), pct("explain_over_completion"), pct("explain_budget_rate_below"),
        ),
    ];
    let changed = s.changed();
    if !changed.is_empty() {
        let items: Vec<String> = changed.iter().map(|c| format!("{} = {}（默认 {}）", c.label, c.value, c.default)).collect();
        lines.push(format!("与默认值不同的设置：{}。", items.join("；")));
    }
    lines
}

/// How a report is written.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A font file to use before the system's fonts (`--font`, `JIXIAO_FONT`).
    pub font_file: Option<PathBuf>,
}

impl RenderOptions {
    /// The options from the environment: `JIXIAO_FONT` names a font file.
    pub fn from_env() -> Self {
        RenderOptions { font_file: std::env::var_os("JIXIAO_FONT").filter(|f| !f.is_empty()).map(PathBuf::from) }
    }
}

/// Renders a report into the bytes of a file.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => render_pdf(report, opts),
        Format::Xlsx => render_xlsx(report),
    }
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Written {
    pub projects: usize,
    pub bytes: usize,
}

/// Which report, for whom, in which format.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest<'a> {
    pub kind: FormKind,
    pub period: Period,
    /// Only this unit's projects.
    pub unit: Option<&'a str>,
    /// Only this project (its code).
    pub project: Option<&'a str>,
    pub format: Format,
}

/// Builds, renders and writes a report to `path` (through a temporary file, so
/// a failure leaves no half-written file).
pub fn write_report(store: &Store, req: &ReportRequest, path: &Path, opts: &RenderOptions) -> Result<Written> {
    let report = build(store, req.kind, req.period, req.unit, req.project)?;
    write_file(&report, req.format, path, opts)
}

/// Renders a built report and writes it to `path` (through a temporary file).
/// Needs no store: the app builds the report under the store's lock and calls
/// this after releasing it, so typesetting never holds up other work.
pub fn write_file(report: &Report, format: Format, path: &Path, opts: &RenderOptions) -> Result<Written> {
    let bytes = render(report, format, opts)?;
    crate::fsutil::write_atomic(path, &bytes)?;
    let projects = report.summary.as_ref().map(|s| s.rows.iter().filter(|r| !r.is_total).count()).unwrap_or(report.projects.len());
    Ok(Written { projects, bytes: bytes.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(l1: &str, l2: &str) -> IndicatorRow {
        let ie = IndicatorEvaluation {
            id: "1".into(),
            level1: l1.into(),
            level2: l2.into(),
            level3: "x".into(),
            target: "≥1次".into(),
            actual: None,
            status: Status::Missing,
            completion_ratio: None,
            weight: None,
            score: Decimal::ZERO,
            light: Light::Grey,
            progress: None,
            needs_explanation: false,
            explanation_missing: false,
            indicator_id: 1,
            score_ratio: Decimal::ZERO,
            reason: None,
            measures: None,
        };
        indicator_row(&ie, None, false)
    }

    #[test]
    fn spans_keep_groups_small_and_labelled() {
        let mut rows = vec![row("产出指标", "数量指标"), row("产出指标", "数量指标"), row("产出指标", "质量指标"), row("效益指标", "社会效益")];
        set_spans(&mut rows);
        let spans: Vec<(usize, usize)> = rows.iter().map(|r| (r.l1_span, r.l2_span)).collect();
        assert_eq!(spans, [(3, 2), (0, 0), (0, 1), (1, 1)]);

        let mut rows: Vec<IndicatorRow> = (0..20).map(|_| row("产出指标", "数量指标")).collect();
        set_spans(&mut rows);
        let starts: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.l1_span > 0).map(|(i, _)| i).collect();
        assert_eq!(starts, [0, 8, 16]);
        assert!(rows.iter().all(|r| r.l1_span == r.l2_span && r.l1_span <= MAX_GROUP_ROWS));
    }
}
