//! A whole evaluation: every indicator of every project at one period, the
//! budget execution, the totals and the grade. The CLI's `evaluate --json`, the
//! app's screens and the printed forms all show this one structure.

use super::*;
use crate::display::percent_text;
use crate::error::Result;
use crate::model::{Project, Spending};
use serde::Serializer;
use std::collections::HashMap;

fn ser_fixed<S: Serializer>(d: &Decimal, dp: u32, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(&round(*d, dp))
}
fn ser_2<S: Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    ser_fixed(d, 2, s)
}
fn ser_4<S: Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    ser_fixed(d, 4, s)
}
fn ser_opt_2<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_2(d, s),
        None => s.serialize_none(),
    }
}
fn ser_opt_4<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_4(d, s),
        None => s.serialize_none(),
    }
}

/// One indicator's row. Exact values are kept; serde writes ratios with 4
/// places and weights and scores with 2.
#[derive(Debug, Clone, Serialize)]
#[serde(remote = "Self")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "IndicatorEvaluationRecord"))]
pub struct IndicatorEvaluation {
    /// The indicator's key, else its internal id.
    pub id: String,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 with its unit, as an officer reads it.
    pub actual: Option<String>,
    pub status: Status,
    #[serde(serialize_with = "ser_opt_4")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub completion_ratio: Option<Decimal>,
    #[serde(serialize_with = "ser_opt_2")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub weight: Option<Decimal>,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Decimal,
    pub light: Light,
    #[serde(serialize_with = "ser_opt_4")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub progress: Option<Decimal>,
    pub needs_explanation: bool,
    pub explanation_missing: bool,
    /// The internal id (what the app's commands take).
    #[cfg_attr(test, ts(type = "number"))]
    pub indicator_id: i64,
    #[serde(skip)]
    #[cfg_attr(test, ts(type = "string"))]
    pub score_ratio: Decimal,
    #[serde(skip)]
    pub reason: Option<String>,
    #[serde(skip)]
    pub measures: Option<String>,
}

crate::display::display_fields!(
    /// One indicator's row as the app receives it, with its ratio as a percentage.
    IndicatorEvaluation as IndicatorEvaluationShown = "IndicatorEvaluation" {
        /// `completion_ratio` as a percentage (`98.90%`, `—`).
        completion_pct: String = |e: &IndicatorEvaluation| percent_text(e.completion_ratio),
        /// `Status::word`: 达标, 未达标, 未填报, 不适用, 指标值未识别.
        status_word: String = |e: &IndicatorEvaluation| e.status.word().to_string(),
        /// `IndicatorEvaluation::actual_shown`: the 完成值 as the forms print it.
        actual_shown: String = |e: &IndicatorEvaluation| e.actual_shown(),
    }
);

/// 预算执行率 and its light.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct BudgetExecution {
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Decimal,
    #[serde(serialize_with = "ser_opt_4")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub rate: Option<Decimal>,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Decimal,
    pub light: Light,
    pub needs_explanation: bool,
    pub explanation_missing: bool,
    /// Planned by the period's end (§7).
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub planned: Decimal,
    #[serde(serialize_with = "ser_opt_4")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub progress: Option<Decimal>,
    /// `rate` as a percentage (`98.90%`, `—`).
    pub rate_pct: String,
    /// `progress` as a percentage.
    pub progress_pct: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectEvaluation {
    pub code: String,
    pub name: String,
    /// The unit's code.
    pub unit: String,
    pub budget_execution: BudgetExecution,
    #[cfg_attr(test, ts(as = "Vec<IndicatorEvaluationShown<'static>>"))]
    pub indicators: Vec<IndicatorEvaluation>,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub indicator_score: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub total_score: Decimal,
    pub grade: &'static str,
    /// E.g. weights that did not add up to 90 and were scaled.
    pub warnings: Vec<String>,
    /// How many explanations are still due (待说明): the rows' and the money's
    /// (`missing_count`; the project list counts the same).
    pub missing_explanations: u32,
    /// The internal id (what the app's commands take).
    #[cfg_attr(test, ts(type = "number"))]
    pub project_id: i64,
}

impl IndicatorEvaluation {
    /// 实际完成值 as the forms and the app show it: the value with its unit, or
    /// why there is none (未填报, 不适用).
    pub fn actual_shown(&self) -> String {
        match self.status {
            Status::Missing | Status::NotApplicable => self.status.word().to_string(),
            _ => self.actual.clone().unwrap_or_default(),
        }
    }
}

impl ProjectEvaluation {
    /// The rows that still need a reason and measures.
    pub fn unexplained_rows(&self) -> impl Iterator<Item = &IndicatorEvaluation> {
        self.indicators.iter().filter(|i| i.explanation_missing)
    }
}

/// How many explanations are still due: each row's, and the money's.
fn missing_count(rows: &[IndicatorEvaluation], money: &BudgetExecution) -> u32 {
    (rows.iter().filter(|i| i.explanation_missing).count() + usize::from(money.explanation_missing)) as u32
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Evaluation {
    pub year: i32,
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    pub projects: Vec<ProjectEvaluation>,
}

/// The actual as an officer reads it: `18次`, `2023-12-25`, `未完成`, `部分达成（0.75）`.
fn actual_text(ind: &Indicator, a: &Actual) -> Option<String> {
    match ind.target.kind {
        Kind::Date => Some(a.done_on.map(|d| d.to_string()).unwrap_or_else(|| "未完成".to_string())),
        Kind::Label => a.level.map(|l| match a.ratio {
            Some(r) => format!("{}（{}）", l.as_str(), r),
            None => l.as_str().to_string(),
        }),
        _ => a.value_text(ind.target.unit_str()),
    }
}

/// Evaluates one project at `period` from what is given (no database access).
pub fn evaluate_project(
    project: &Project,
    indicators: &[Indicator],
    actuals: &HashMap<i64, Actual>,
    spending: Option<&Spending>,
    period: Period,
    s: &Settings,
) -> ProjectEvaluation {
    let refs: Vec<&Indicator> = indicators.iter().collect();
    let (ws, warnings) = weights(&refs, s);
    let mut rows = Vec::with_capacity(indicators.len());
    let mut indicator_score = Decimal::ZERO;
    for (ind, w) in indicators.iter().zip(ws) {
        let a = actuals.get(&ind.id);
        let j = judge(ind, a, period, s);
        let score = w.unwrap_or_default() * j.score_ratio;
        indicator_score += score;
        let needs = indicator_needs_explanation(&j, period, s);
        rows.push(IndicatorEvaluation {
            id: ind.key.clone().unwrap_or_else(|| ind.id.to_string()),
            level1: ind.level1.clone(),
            level2: ind.level2.clone(),
            level3: ind.level3.clone(),
            target: ind.target_text.clone(),
            actual: a.and_then(|a| actual_text(ind, a)),
            status: j.status,
            completion_ratio: j.completion_ratio,
            weight: w,
            score,
            light: j.light,
            progress: j.progress,
            needs_explanation: needs,
            explanation_missing: needs && !a.is_some_and(Actual::explained),
            indicator_id: ind.id,
            score_ratio: j.score_ratio,
            reason: a.and_then(|a| a.reason.clone()),
            measures: a.and_then(|a| a.measures.clone()),
        });
    }
    let budget_execution = budget_execution(project, spending, period, s);
    let total = budget_execution.score + indicator_score;
    let missing_explanations = missing_count(&rows, &budget_execution);
    ProjectEvaluation {
        code: project.code.clone(),
        name: project.name.clone(),
        unit: project.unit_code.clone(),
        budget_execution,
        indicators: rows,
        indicator_score,
        total_score: total,
        grade: grade(total, s),
        warnings,
        missing_explanations,
        project_id: project.id,
    }
}

/// The money side of a project at `period`: execution rate and its score, the
/// plan interpolated to the period's end, the light, whether an explanation is due.
fn budget_execution(project: &Project, spending: Option<&Spending>, period: Period, s: &Settings) -> BudgetExecution {
    let budget = project.budget.full_year();
    let spent = spending.map(|x| x.amount).unwrap_or_default();
    let (rate, score) = budget_rate_score(spent, budget, s);
    let planned = planned_by_now(&project.spending_plan, budget, period.end_month());
    let (light, progress) = money_light(spent, planned, s);
    let needs = budget_needs_explanation(rate, light, period, s);
    let explained = spending.is_some_and(|x| x.reason.as_deref().is_some_and(|r| !r.trim().is_empty()));
    BudgetExecution {
        budget,
        spent,
        rate,
        score,
        light,
        needs_explanation: needs,
        explanation_missing: needs && !explained,
        planned,
        progress,
        rate_pct: percent_text(rate),
        progress_pct: percent_text(progress),
    }
}

/// The 资金 screen: each quarter of the project's year with what was spent by
/// its end (`spending[q - 1]`) and the money side of the evaluation (plan
/// interpolated to the quarter's end, rate, light, whether an explanation is due).
pub fn money_quarters(project: &Project, spending: [Option<Spending>; 4], s: &Settings) -> Result<Vec<MoneyQuarter>> {
    (1..=4u32)
        .zip(spending)
        .map(|(q, spending)| {
            let period = Period::new(project.year, q)?;
            let execution = budget_execution(project, spending.as_ref(), period, s);
            Ok(MoneyQuarter { period, spending, execution })
        })
        .collect()
}

/// One quarter of [`money_quarters`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct MoneyQuarter {
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    pub spending: Option<Spending>,
    pub execution: BudgetExecution,
}
