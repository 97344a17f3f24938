//! The use-cases: what the CLI and the desktop app ask of the core, each one
//! function that loads from the store, applies the pure rules (`entry`,
//! `scoring`, `exchange`, `report`) and writes through the store. The only
//! layer that composes the store with the rules; the shells call nothing below
//! it that touches the database.

pub mod demo;
pub mod exchange;
pub mod list;
pub mod report;
pub mod synthetic;

use crate::entry::{self, ActualChanges};
use crate::error::Result;
use crate::model::{Actual, ActualInput, Indicator, Period, Project, Spending, SpendingInput};
use crate::scoring::{self, Evaluation, MoneyQuarter, ProjectEvaluation, SETTING_DEFS, Settings};
use crate::store::Store;
use std::path::Path;

/// Opens (creating and migrating if need be) the database at `path`, with every
/// scoring setting stored at its default where none is stored yet.
pub fn open(path: &Path) -> Result<Store> {
    prepare(Store::open(path)?)
}

/// A fresh database in memory (for tests and benchmarks), prepared as [`open`] does.
pub fn open_in_memory() -> Result<Store> {
    prepare(Store::open_in_memory()?)
}

fn prepare(mut store: Store) -> Result<Store> {
    let defaults: Vec<(&str, &str)> = SETTING_DEFS.iter().map(|d| (d.key, d.default)).collect();
    store.seed_settings(&defaults)?;
    Ok(store)
}

/// The scoring settings in force.
pub fn settings(store: &Store) -> Result<Settings> {
    Settings::from_pairs(store.setting_pairs()?)
}

/// Sets one setting (`None`: back to its default). A value that does not check,
/// or that contradicts the others, is refused and nothing changes.
pub fn set_setting(store: &mut Store, key: &str, value: Option<&str>) -> Result<Settings> {
    let value = Settings::check(key, value.unwrap_or(Settings::def(key)?.default))?;
    store.put_setting(key, &value, Settings::from_pairs)
}

/// Evaluates the projects of `period.year` (of one unit, or one project, if given).
pub fn evaluate(store: &Store, period: Period, unit: Option<&str>, project_code: Option<&str>) -> Result<Evaluation> {
    let s = settings(store)?;
    let projects = match project_code {
        Some(code) => vec![store.project(period.year, code)?],
        None => store.projects(Some(period.year), unit)?,
    };
    let projects = projects.iter().map(|p| evaluate_project(store, p, period, &s)).collect::<Result<_>>()?;
    Ok(Evaluation { year: period.year, period, projects })
}

/// Evaluates one stored project at `period`.
pub fn evaluate_project(store: &Store, project: &Project, period: Period, s: &Settings) -> Result<ProjectEvaluation> {
    let indicators = store.indicators(project.id)?;
    let actuals = store.actuals(project.id, period)?;
    let spending = store.spending(project.id, period)?;
    Ok(scoring::evaluate_project(project, &indicators, &actuals, spending.as_ref(), period, s))
}

/// The 资金 screen's quarters of one project.
pub fn money_quarters(store: &Store, project_id: i64) -> Result<Vec<MoneyQuarter>> {
    let project = store.project_by_id(project_id)?;
    let s = settings(store)?;
    let mut spending: [Option<Spending>; 4] = Default::default();
    for (q, slot) in (1..=4).zip(spending.iter_mut()) {
        *slot = store.spending(project_id, Period::new(project.year, q)?)?;
    }
    scoring::money_quarters(&project, spending, &s)
}

/// The one place an actual for a stored indicator is checked: the period
/// against the project's year, then `entry::parse_actual` with the settings in force.
fn checked_actual(store: &Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<(Indicator, Actual)> {
    let ind = store.indicator(indicator_id)?;
    let project = store.project_by_id(ind.project_id)?;
    period.check_in_year(project.year)?;
    let a = entry::parse_actual(&ind, period, input, &settings(store)?)
        .map_err(|e| crate::Error::Invalid(format!("指标“{}”：{e}", ind.level3)))?;
    Ok((ind, a))
}

/// Checks and saves an actual; returns the record as committed (`None` when
/// the input was empty, without `not_done`, and the record was removed).
pub fn set_actual(store: &mut Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Option<Actual>> {
    let (_, a) = checked_actual(store, indicator_id, period, input)?;
    store.set_actual(&a, input.not_done)
}

/// The checks of [`set_actual`] without writing anything: for a value being
/// typed (the grid shows the message before the cell is left).
pub fn check_actual(store: &Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<()> {
    checked_actual(store, indicator_id, period, input).map(|_| ())
}

/// What a change to one stored record saved, and where.
#[derive(Debug, Clone)]
pub struct Saved<T> {
    pub project: Project,
    pub indicator: Option<Indicator>,
    pub record: Option<T>,
}

/// Changes the actual of one indicator (by key, name or id) of the project
/// `code` of `year`: what is not given keeps its stored value (the CLI's
/// `actual set`).
pub fn update_actual(store: &mut Store, year: i32, code: &str, indicator: &str, period: Period, changes: ActualChanges) -> Result<Saved<Actual>> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let ind = store.find_indicator(project.id, indicator)?;
    let input = changes.apply(store.actual(ind.id, period)?.as_ref())?;
    let record = set_actual(store, ind.id, period, &input)?;
    Ok(Saved { project, indicator: Some(ind), record })
}

/// Checks and saves the money spent by the end of `period`; an empty amount
/// removes the record.
pub fn set_spending(store: &mut Store, project_id: i64, period: Period, input: &SpendingInput) -> Result<Option<Spending>> {
    let project = store.project_by_id(project_id)?;
    let checked = entry::check_spending(project.year, project.money_unit, period, input)?;
    store.set_spending(project_id, &checked)
}

/// Sets the spending of the project `code` of `year`; texts not given keep
/// their stored values (the CLI's `spending set`).
pub fn update_spending(
    store: &mut Store,
    year: i32,
    code: &str,
    period: Period,
    amount: Option<String>,
    reason: Option<String>,
    measures: Option<String>,
) -> Result<Saved<Spending>> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let input = entry::spending_changes(store.spending(project.id, period)?.as_ref(), amount, reason, measures);
    let record = set_spending(store, project.id, period, &input)?;
    Ok(Saved { project, indicator: None, record })
}
