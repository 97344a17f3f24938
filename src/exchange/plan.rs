//! The checks an exchange file passes before anything of it is written: each
//! section (units, a project's header, its indicators, actuals, spending) in
//! its own function, with the same rules the grid and the CLI apply
//! (`crate::entry`, `Indicator::find`, `ProjectInput::check`). An error names
//! the project, the indicator and the field.

use super::{File, XActual, XIndicator, XProject, decimal};
use crate::entry::{check_actual, check_spending};
use crate::error::{Error, Result};
use crate::model::{Actual, Budget, Project, CheckedSpending, EvaluationTexts, Indicator, IndicatorInput, MoneyUnit, NewProject, Period, PlanPoint, ProjectInput, SpendingInput};
use crate::model::Spending;
use crate::plausibility;
use crate::scoring::Settings;
use crate::units::Accumulation;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// What the checks need to know of the database.
pub struct Known<'a> {
    pub settings: &'a Settings,
    /// Whether a unit of this code is stored already.
    pub unit_exists: &'a dyn Fn(&str) -> bool,
}

/// The most indicators one project may have: real tables have a few dozen;
/// a file with more is a wrong file, refused before anything is checked or shown.
pub const MAX_INDICATORS: usize = 1_000;

/// One project, checked and ready to write.
pub type Planned = NewProject;

fn import_error(m: String) -> Error {
    Error::Import(m)
}

/// A checked file: the projects to write, and the values that look like typos
/// (imported as written; the summary and the preview list them).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub projects: Vec<Planned>,
    pub warnings: Vec<String>,
}

/// Checks every project of the file against the rules and the database.
pub fn plan(file: &File, known: &Known) -> Result<Plan> {
    plan_each(file, known, &mut |_, _| Ok(()))
}

/// [`plan`], calling `each(n, total)` before the `n`th project (from 0) is
/// checked: a caller's progress, which may stop the check with its error.
pub fn plan_each(file: &File, known: &Known, each: &mut dyn FnMut(usize, usize) -> Result<()>) -> Result<Plan> {
    let unit_codes = plan_units(file, known)?;
    let known_unit = |code: &str| unit_codes.contains(code) || (known.unit_exists)(code);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(file.projects.len());
    let mut warnings = Vec::new();
    for (n, xp) in file.projects.iter().enumerate() {
        each(n, file.projects.len())?;
        let ctx = format!("项目 {} {}", xp.year, xp.code);
        if !seen.insert((xp.year, xp.code.as_str())) {
            return Err(import_error(format!("{ctx}：在文件中重复出现")));
        }
        let project = plan_project(file, xp, &ctx, &known_unit)?;
        let indicators = plan_indicators(xp, &ctx)?;
        let actuals = plan_actuals(xp, &ctx, &indicators, known.settings)?;
        let spending = plan_spending(xp, &ctx, project.money_unit)?;
        let planned = Planned { project, indicators, actuals, spending };
        warnings.extend(doubts(&planned, &planned.indicators).into_iter().map(|w| format!("{ctx}，{w}")));
        out.push(planned);
    }
    Ok(Plan { projects: out, warnings })
}

/// What looks like a typo in a planned project, each with what it is about;
/// a value is compared with the file's record of the latest earlier quarter.
fn doubts(p: &Planned, parsed: &[Indicator]) -> Vec<String> {
    let mut out = Vec::new();
    for (idx, a) in &p.actuals {
        let previous = p.actuals.iter().filter(|(i, b)| i == idx && b.period < a.period).map(|(_, b)| b).max_by_key(|b| b.period);
        let found = plausibility::actual_doubts(&parsed[*idx], previous, a);
        if !found.is_empty() {
            out.push(format!("指标“{}”的 {} 实际值：{}", parsed[*idx].level3, a.period, plausibility::describe(&found)));
        }
    }
    let budget = p.project.budget.full_year();
    for s in &p.spending {
        let Some(amount) = s.amount else { continue };
        let previous = p
            .spending
            .iter()
            .filter(|b| b.period < s.period)
            .filter_map(|b| Some(Spending { id: 0, project_id: 0, period: b.period, amount: b.amount?, reason: None, measures: None, updated_at: String::new() }))
            .max_by_key(|b| b.period);
        let found = plausibility::spending_doubts(p.project.money_unit, budget, previous.as_ref(), s.period, amount);
        if !found.is_empty() {
            out.push(format!("{} 执行数：{}", s.period, plausibility::describe(&found)));
        }
    }
    out
}

/// The file's units: codes present and unique, parents known. Returns the codes.
fn plan_units<'f>(file: &'f File, known: &Known) -> Result<HashSet<&'f str>> {
    let mut codes = HashSet::new();
    for u in &file.units {
        if u.code.trim().is_empty() {
            return Err(import_error("units：单位编码不能为空".into()));
        }
        if !codes.insert(u.code.as_str()) {
            return Err(import_error(format!("单位编码“{}”在文件中重复", u.code)));
        }
    }
    let in_file: HashMap<&str, Option<String>> = file.units.iter().map(|u| (u.code.as_str(), u.parent.clone())).collect();
    // a unit of the file has the file's parent; one of the database is a root here
    let parent_of = |c: &str| in_file.get(c).cloned().or_else(|| (known.unit_exists)(c).then_some(None));
    for u in &file.units {
        crate::model::check_unit_parent(&u.code, u.parent.as_deref(), parent_of).map_err(|e| match e {
            crate::Error::NotFound(_) => import_error(format!("单位“{}”的上级单位“{}”在文件和数据库中都不存在", u.code, u.parent.as_deref().unwrap_or(""))),
            e => import_error(e.to_string()),
        })?;
    }
    Ok(codes)
}

/// A project's header: unit, money unit, budget, plan, texts.
fn plan_project(file: &File, xp: &XProject, ctx: &str, known_unit: &dyn Fn(&str) -> bool) -> Result<ProjectInput> {
    let field = |name: &str, why: String| import_error(format!("{ctx}，字段 {name}：{why}"));
    let unit = match (&xp.unit, file.units.as_slice()) {
        (Some(u), _) => u.clone(),
        (None, [only]) => only.code.clone(),
        (None, _) => return Err(field("unit", "未指明项目所属单位".into())),
    };
    if !known_unit(&unit) {
        return Err(field("unit", format!("单位“{unit}”在文件和数据库中都不存在")));
    }
    let money_unit = match &xp.money_unit {
        Some(m) => MoneyUnit::parse(m).map_err(|e| field("money_unit", e.to_string()))?,
        None => MoneyUnit::WanYuan,
    };
    let b = xp.budget.clone().unwrap_or_default();
    let dec_field = |name: &str, v: &Option<String>| -> Result<Option<Decimal>> { v.as_deref().map(decimal).transpose().map_err(|why| field(name, why)) };
    let budget = Budget {
        total: dec_field("budget.total", &b.total)?,
        fiscal: dec_field("budget.fiscal", &b.fiscal)?,
        other: dec_field("budget.other", &b.other)?,
        adjusted: dec_field("budget.adjusted", &b.adjusted)?,
    };
    let spending_plan = xp
        .spending_plan
        .iter()
        .map(|p| Ok(PlanPoint { month: p.month, amount: dec_field(&format!("spending_plan（{} 月）", p.month), &p.amount)? }))
        .collect::<Result<Vec<_>>>()?;
    let texts = xp.evaluation.clone().unwrap_or_default();
    let project = ProjectInput {
        year: xp.year,
        code: xp.code.clone(),
        name: xp.name.clone().unwrap_or_default(),
        unit_code: unit,
        money_unit,
        budget,
        fund_use: xp.fund_use.clone(),
        goal: xp.goal.clone(),
        spending_plan,
        texts: EvaluationTexts { achieved: texts.achieved, conclusion: texts.conclusion, problems: texts.problems, improvements: texts.improvements },
    };
    project.check().map_err(|e| import_error(e.to_string()))?;
    Ok(project)
}

/// The indicators as they will be stored and understood (actuals are checked
/// against them). They carry negative ids, so no reference in the file can
/// name them by number.
fn plan_indicators(xp: &XProject, ctx: &str) -> Result<Vec<Indicator>> {
    if xp.indicators.len() > MAX_INDICATORS {
        return Err(import_error(format!(
            "{ctx}：有 {} 个指标，超过每个项目 {MAX_INDICATORS} 个的上限，请确认文件是否正确",
            xp.indicators.len()
        )));
    }
    let mut keys = HashSet::new();
    let mut parsed = Vec::with_capacity(xp.indicators.len());
    for (n, xi) in xp.indicators.iter().enumerate() {
        let input = indicator_input(xi, ctx, &mut keys)?;
        input.check().map_err(|e| import_error(format!("{ctx}，第 {} 个指标：{e}", n + 1)))?;
        let row = understood(&input, n, xp.year);
        row.target.check_magnitude(&row.target_text).map_err(|e| import_error(format!("{ctx}，指标“{}”：{e}", row.level3)))?;
        parsed.push(row);
    }
    Ok(parsed)
}

/// The `n`-th indicator (from 0) as it will be stored and understood
/// (`Indicator::drafted`, as the editor's review sees a typed row), with the
/// negative id `-(n + 1)`.
fn understood(input: &IndicatorInput, n: usize, year: i32) -> Indicator {
    let position = n as i64 + 1;
    Indicator { id: -position, ..Indicator::drafted(None, 0, position, year, input) }
}

/// A planned project as it will be stored (no id yet: 0, the indicators'
/// ids negative), to review it before it is written (the import preview).
pub fn as_stored(p: &Planned, unit_name: &str) -> (Project, Vec<Indicator>) {
    let i = &p.project;
    let project = Project {
        id: 0,
        year: i.year,
        code: i.code.clone(),
        name: i.name.clone(),
        unit_code: i.unit_code.clone(),
        unit_name: unit_name.to_string(),
        money_unit: i.money_unit,
        budget: i.budget.clone(),
        fund_use: i.fund_use.clone(),
        goal: i.goal.clone(),
        spending_plan: i.spending_plan.clone(),
        texts: i.texts.clone(),
    };
    (project, p.indicators.clone())
}

fn indicator_input<'f>(xi: &'f XIndicator, ctx: &str, keys: &mut HashSet<&'f str>) -> Result<IndicatorInput> {
    let ictx = |name: &str, why: String| import_error(format!("{ctx}，指标“{}”，字段 {name}：{why}", xi.level3));
    if let Some(id) = &xi.id
        && !keys.insert(id.as_str())
    {
        return Err(ictx("id", format!("编号“{id}”在本项目中重复")));
    }
    let accumulation = match xi.accumulation.as_deref() {
        Some(a) => Some(Accumulation::parse(a).ok_or_else(|| ictx("accumulation", format!("应为 cumulative 或 level，而不是“{a}”")))?),
        None => None,
    };
    Ok(IndicatorInput {
        key: xi.id.clone(),
        level1: xi.level1.clone().unwrap_or_default(),
        level2: xi.level2.clone().unwrap_or_default(),
        level3: xi.level3.clone(),
        description: xi.description.clone(),
        target_text: xi.target.clone().unwrap_or_default(),
        basis: xi.basis.clone(),
        weight: xi.weight.as_deref().map(decimal).transpose().map_err(|why| ictx("weight", why))?,
        accumulation,
        not_applicable: xi.not_applicable.clone(),
    })
}

/// Each actual checked against its indicator, as the grid checks it.
fn plan_actuals(xp: &XProject, ctx: &str, parsed: &[Indicator], settings: &Settings) -> Result<Vec<(usize, Actual)>> {
    let mut out = Vec::with_capacity(xp.actuals.len());
    let mut seen = HashSet::new();
    for xa in &xp.actuals {
        let (idx, a) = plan_actual(xp, xa, ctx, parsed, settings)?;
        if !seen.insert((idx, a.period)) {
            return Err(import_error(format!("{ctx}，指标“{}”的 {} 实际值，字段 period：同一指标同一期间出现了两次", xa.indicator, xa.period)));
        }
        out.push((idx, a));
    }
    Ok(out)
}

fn plan_actual(xp: &XProject, xa: &XActual, ctx: &str, parsed: &[Indicator], settings: &Settings) -> Result<(usize, Actual)> {
    let actx = |name: &str, why: String| import_error(format!("{ctx}，指标“{}”的 {} 实际值，字段 {name}：{why}", xa.indicator, xa.period));
    let ind = Indicator::find(parsed, &xa.indicator).map_err(|e| actx("indicator", e.to_string()))?;
    let idx = (-ind.id - 1) as usize;
    let period = Period::parse(&xa.period).map_err(|e| actx("period", e.to_string()))?;
    period.check_in_year(xp.year).map_err(|e| actx("period", e.to_string()))?;
    let input = xa.to_input().map_err(|(name, why)| actx(name, why))?;
    let a = check_actual(ind, period, &input, settings).map_err(|(field, e)| actx(field, e.to_string()))?;
    Ok((idx, a))
}

/// Each period's spending, in the project's money unit, as the 资金 screen checks it.
fn plan_spending(xp: &XProject, ctx: &str, money_unit: MoneyUnit) -> Result<Vec<CheckedSpending>> {
    let mut out = Vec::with_capacity(xp.spending.len());
    let mut seen = HashSet::new();
    for xs in &xp.spending {
        let sctx = |name: &str, why: String| import_error(format!("{ctx}，{} 执行数，字段 {name}：{why}", xs.period));
        let period = Period::parse(&xs.period).map_err(|e| sctx("period", e.to_string()))?;
        period.check_in_year(xp.year).map_err(|e| sctx("period", e.to_string()))?;
        if !seen.insert(period) {
            return Err(sctx("period", "同一期间出现了两次".into()));
        }
        if xs.amount.is_none() {
            continue;
        }
        let input = SpendingInput { amount: xs.amount.clone(), reason: xs.reason.clone(), measures: xs.measures.clone() };
        out.push(check_spending(xp.year, money_unit, period, &input).map_err(|e| sctx("amount", e.to_string()))?);
    }
    Ok(out)
}
