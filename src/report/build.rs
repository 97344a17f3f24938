//! Building a report: pure, data in and [`Report`] out. The numbers come from
//! one [`Evaluation`] — what `jixiao evaluate` shows, never recomputed here —
//! and the header and texts from each project's [`ProjectSource`]. This file
//! builds the 自评表 and 监控表 (one form per project); the 汇总表 is in `summary.rs`.

use super::layout::set_spans;
use super::summary::summary_form;
use super::{ExecutionRow, Fixed2, FormKind, FundRow, IndicatorRow, Percent, ProjectForm, Report};
use crate::error::{Error, Result};
use crate::model::{Actual, Project, Spending};
use crate::scoring::{self, Evaluation, IndicatorEvaluation, ProjectEvaluation, Settings, Status};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What a report needs of one evaluated project besides its evaluation.
#[derive(Debug, Clone)]
pub struct ProjectSource {
    pub project: Project,
    /// 主管部门: the name of the unit's parent unit, else the unit's own name.
    pub department: String,
    /// The actuals at the evaluation's period, by indicator id.
    pub actuals: HashMap<i64, Actual>,
    /// The spending recorded at the evaluation's period.
    pub spending: Option<Spending>,
    /// When the evaluation's quarter was submitted (报送), if it is locked.
    pub submitted: Option<String>,
}

/// Builds a report of `kind` from an evaluation, the settings it was made
/// with, and one source per `ev.projects` entry, in the same order.
pub fn build(kind: FormKind, ev: &Evaluation, settings: &Settings, sources: &[ProjectSource]) -> Result<Report> {
    if sources.len() != ev.projects.len() {
        return Err(Error::Report(format!("报表数据不一致：{} 个项目的评价，{} 个项目的资料", ev.projects.len(), sources.len())));
    }
    if let Some((pe, _)) = ev.projects.iter().zip(sources).find(|(pe, src)| pe.project_id != src.project.id) {
        return Err(Error::Report(format!("报表数据不一致：项目 {} 的资料缺失或次序不符", pe.code)));
    }
    if kind == FormKind::Review {
        return Err(Error::Report("审核意见表由审核结果生成，不由评价结果生成".into()));
    }
    if kind == FormKind::Plan {
        return Err(Error::Report("规划主要指标监测表由规划的评价生成，不由项目评价结果生成".into()));
    }
    let period = ev.period;
    let months = if period.end_month() == 1 { "1月".to_string() } else { format!("1—{}月", period.end_month()) };
    let subtitle = match kind {
        FormKind::SelfEval | FormKind::Review | FormKind::Plan => format!("（{} 年度）", ev.year),
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
    let mut footnote = footnote(settings);
    let (projects, summary) = match kind {
        FormKind::Summary => {
            let (form, notes) = summary_form(&ev.projects, sources);
            footnote.extend(notes);
            (Vec::new(), Some(form))
        }
        FormKind::SelfEval | FormKind::Monitor | FormKind::Review | FormKind::Plan => {
            (ev.projects.iter().zip(sources).map(|(pe, src)| project_form(kind, src, pe, settings)).collect(), None)
        }
    };
    Ok(Report {
        kind,
        page: kind.page(),
        title: kind.title().to_string(),
        subtitle,
        year: ev.year,
        period,
        months,
        projects,
        summary,
        reviews: Vec::new(),
        plan: None,
        footnote,
    })
}

fn text(s: &Option<String>) -> String {
    s.as_deref().map(str::trim).unwrap_or_default().to_string()
}

fn project_form(kind: FormKind, src: &ProjectSource, pe: &ProjectEvaluation, settings: &Settings) -> ProjectForm {
    let p = &src.project;
    let be = &pe.budget_execution;
    let budget_points = settings.budget_points();
    let other_empty = p.budget.other.is_none_or(|o| o.is_zero());
    // The store keeps one spending figure per project, not split by source: the
    // 财政资金 line repeats the totals only when all the money is 财政资金.
    let funds = vec![
        FundRow {
            label: "年度资金总额".into(),
            initial: Fixed2(p.budget.total),
            full_year: Fixed2(Some(be.budget)),
            spent: Fixed2(Some(be.spent)),
            points: Fixed2(Some(budget_points)),
            rate: Percent(be.rate),
            score: Fixed2(Some(be.score)),
        },
        FundRow {
            label: "其中：财政资金".into(),
            initial: Fixed2(p.budget.fiscal.or(if other_empty { p.budget.total } else { None })),
            full_year: Fixed2(other_empty.then_some(be.budget)),
            spent: Fixed2(other_empty.then_some(be.spent)),
            points: Fixed2(None),
            rate: Percent(None),
            score: Fixed2(None),
        },
        FundRow {
            label: "其他资金".into(),
            initial: Fixed2(p.budget.other.filter(|o| !o.is_zero())),
            full_year: Fixed2(None),
            spent: Fixed2(None),
            points: Fixed2(None),
            rate: Percent(None),
            score: Fixed2(None),
        },
    ];
    let spending = &src.spending;
    let execution = ExecutionRow {
        initial: Fixed2(p.budget.total),
        budget: Fixed2(Some(be.budget)),
        spent: Fixed2(Some(be.spent)),
        rate: Percent(be.rate),
        planned: Fixed2(Some(be.planned)),
        progress: Percent(be.progress),
        light: be.light,
        light_word: be.light,
        reason: spending.as_ref().map(|s| text(&s.reason)).unwrap_or_default(),
        measures: spending.as_ref().map(|s| text(&s.measures)).unwrap_or_default(),
        needs_explanation: be.needs_explanation,
        explanation_missing: be.explanation_missing,
    };
    let mut indicators: Vec<IndicatorRow> = pe
        .indicators
        .iter()
        .map(|ie| {
            let a = src.actuals.get(&ie.indicator_id);
            indicator_row(ie, a, kind)
        })
        .collect();
    set_spans(&mut indicators);
    ProjectForm {
        code: p.code.clone(),
        name: p.name.clone(),
        department: src.department.clone(),
        submitted: src.submitted.as_ref().map(|at| format!("已报送（{}）", at.get(..10).unwrap_or(at))),
        unit_name: p.unit_name.clone(),
        unit_code: p.unit_code.clone(),
        money_unit: p.money_unit.as_str().to_string(),
        funds,
        execution,
        goal: text(&p.goal),
        achieved: text(&p.texts.achieved),
        indicators,
        total_points: Fixed2(Some(budget_points + settings.indicator_points())),
        total_score: Fixed2(Some(pe.total_score)),
        grade: pe.grade.to_string(),
        conclusion: text(&p.texts.conclusion),
        problems: text(&p.texts.problems),
        improvements: text(&p.texts.improvements),
        warnings: pe.warnings.clone(),
    }
}

/// One indicator's row; the 监控表 marks a red or yellow light, the 自评表 a failure.
pub(super) fn indicator_row(ie: &IndicatorEvaluation, a: Option<&Actual>, kind: FormKind) -> IndicatorRow {
    let monitor = kind == FormKind::Monitor;
    let scored = !matches!(ie.status, Status::NotApplicable);
    IndicatorRow {
        level1: ie.level1.clone(),
        level2: ie.level2.clone(),
        level3: ie.level3.clone(),
        target: ie.target.clone(),
        actual: ie.actual_shown(),
        status: ie.status,
        status_word: ie.status.word().to_string(),
        failed: if monitor { ie.light.is_warning() } else { ie.status == Status::Fail },
        mark: match ie.status {
            Status::Fail if !monitor => format!("【{}】", Status::Fail.word()),
            Status::NotUnderstood => format!("【{}】", Status::NotUnderstood.word()),
            _ => String::new(),
        },
        weight: Fixed2(ie.weight),
        score: Fixed2(scored.then_some(ie.score)),
        completion_ratio: Percent(ie.completion_ratio),
        progress: Percent(ie.progress),
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

/// The scoring settings in force, in the officer's words.
fn footnote(s: &Settings) -> Vec<String> {
    let pct = |d: Decimal| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize());
    let formula = match s.le_formula() {
        scoring::LeFormula::Linear => "1 −（实际值 − 目标值）/ 目标值",
        scoring::LeFormula::Inverse => "目标值 / 实际值",
    };
    let mut lines = vec![
        format!(
            "评分设置：预算执行率 {} 分，绩效指标 {} 分（未给分值时：成本和产出指标 {} 分、效益指标 {} 分、满意度指标 {} 分，类内平均）；反向指标（≤/<）未达标得分比例 = {}；评价等级：优 ≥ {} 分，良 ≥ {} 分，中 ≥ {} 分，其余为差。",
            s.budget_points(), s.indicator_points(), s.cost_output_points(), s.benefit_points(), s.satisfaction_points(),
            formula, s.grade_excellent_min(), s.grade_good_min(), s.grade_fair_min(),
        ),
        format!(
            "预警：序时进度低于 {} 为红灯，低于 {} 为黄灯，达到 {} 为蓝灯，其余为绿灯；须说明偏差原因：年末未达标、未填报或完成率 ≥ {}，预算执行率低于 {}，年中红灯或黄灯。",
            pct(s.light_red_below()), pct(s.light_yellow_below()), pct(s.light_blue_from()), pct(s.explain_over_completion()), pct(s.explain_budget_rate_below()),
        ),
    ];
    let changed = s.changed();
    if !changed.is_empty() {
        let items: Vec<String> = changed.iter().map(|c| format!("{} = {}（默认 {}）", c.label, c.value, c.default)).collect();
        lines.push(format!("与默认值不同的设置：{}。", items.join("；")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, MoneyUnit, Period};
    use crate::scoring::evaluate_project;

    fn source(id: i64, code: &str, unit: &str, money_unit: MoneyUnit, budget: i64) -> ProjectSource {
        let project = Project {
            id,
            year: 2023,
            code: code.into(),
            name: format!("项目{code}"),
            unit_code: unit.into(),
            unit_name: format!("单位{unit}"),
            money_unit,
            budget: Budget { total: Some(Decimal::from(budget)), ..Budget::default() },
            fund_use: None,
            goal: Some(" 目标 ".into()),
            spending_plan: Vec::new(),
            texts: Default::default(),
        };
        ProjectSource { project, department: "主管部门甲".into(), actuals: HashMap::new(), spending: None, submitted: None }
    }

    fn evaluation(sources: &[ProjectSource], settings: &Settings) -> Evaluation {
        let period = Period::year_end(2023);
        let projects = sources.iter().map(|s| evaluate_project(&s.project, &[], &s.actuals, None, period, settings)).collect();
        Evaluation { year: 2023, period, projects }
    }

    #[test]
    fn a_report_is_built_from_data_alone() {
        let settings = Settings::default();
        let sources = [source(1, "A", "001", MoneyUnit::WanYuan, 3), source(2, "B", "001", MoneyUnit::Yuan, 5000)];
        let ev = evaluation(&sources, &settings);

        let r = build(FormKind::SelfEval, &ev, &settings, &sources).unwrap();
        assert_eq!((r.projects.len(), r.projects[0].department.as_str(), r.projects[0].goal.as_str()), (2, "主管部门甲", "目标"));
        assert_eq!(r.projects[0].money_unit, "万元", "a project form keeps the project's own unit");

        let r = build(FormKind::Summary, &ev, &settings, &sources).unwrap();
        let s = r.summary.unwrap();
        assert_eq!((s.money_unit.as_str(), s.total.budget.0), ("元", Some(Decimal::from(35000))));
        assert!(r.footnote.last().unwrap().contains("1 万元 = 10000 元"), "{:?}", r.footnote);

        // a source missing or out of order is an error, never a wrong form
        assert!(build(FormKind::SelfEval, &ev, &settings, &sources[..1]).is_err());
        let swapped = [sources[1].clone(), sources[0].clone()];
        assert!(build(FormKind::Summary, &ev, &settings, &swapped).is_err());
    }
}
