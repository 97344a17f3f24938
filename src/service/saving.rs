//! The one road of a quarter's figures into the database: an actual of an
//! indicator, a project's spending. Each save loads its context once (the
//! indicator, its project, the settings), checks the input against it, asks
//! about a value that looks like a typo unless `force`, writes, and answers
//! with what was committed. The CLI and the app call the same functions.

use super::{Store, evaluate_project, list, refuse_doubts, settings, submissions};
use crate::entry::{self, ActualChanges};
use crate::error::{Error, Result};
use crate::model::{Actual, ActualInput, Indicator, Period, Project, Spending, SpendingInput};
use crate::plausibility::{self, Doubt};
use crate::scoring::{ProjectEvaluation, Settings};

/// What saving one actual did.
#[derive(Debug, Clone)]
pub struct ActualOutcome {
    pub project: Project,
    pub indicator: Indicator,
    /// The record as committed; `None` when an empty input removed it.
    pub record: Option<Actual>,
    /// The project's evaluation at the period, after the save: the score the
    /// officer looks at next.
    pub evaluation: ProjectEvaluation,
}

/// What saving one quarter's spending did.
#[derive(Debug, Clone)]
pub struct SpendingOutcome {
    pub project: Project,
    /// The record as committed; `None` when an empty amount removed it.
    pub record: Option<Spending>,
}

/// Everything an actual is checked against, loaded once.
struct ActualContext {
    project: Project,
    indicator: Indicator,
    settings: Settings,
    period: Period,
}

impl ActualContext {
    /// The indicator's project, the period in its year and not submitted, the settings in force.
    fn load(store: &Store, indicator: Indicator, period: Period) -> Result<Self> {
        let project = store.project_by_id(indicator.project_id)?;
        period.check_in_year(project.year)?;
        submissions::check_unlocked(store, &project, period)?;
        Ok(ActualContext { project, indicator, settings: settings(store)?, period })
    }

    /// The input as a record of this indicator, or why it is not one.
    fn parse(&self, input: &ActualInput) -> Result<Actual> {
        entry::parse_actual(&self.indicator, self.period, input, &self.settings)
            .map_err(|e| Error::Invalid(format!("指标“{}”：{e}", self.indicator.level3)))
    }

    /// What looks like a typo about `a` (plausibility.rs), against the latest
    /// record of an earlier quarter of the same year.
    fn doubts(&self, store: &Store, a: &Actual) -> Result<Vec<Doubt>> {
        let previous = latest_earlier(self.period, |p| store.actual(self.indicator.id, p))?;
        Ok(plausibility::actual_doubts(&self.indicator, previous.as_ref(), a))
    }

    fn save(self, store: &mut Store, input: &ActualInput, force: bool) -> Result<ActualOutcome> {
        let a = self.parse(input)?;
        if !force {
            refuse_doubts(&self.doubts(store, &a)?, false)?;
        }
        let record = store.set_actual(&a, input.not_done)?;
        list::forget_project(store, &self.project)?;
        let evaluation = evaluate_project(store, &self.project, self.period, &self.settings)?;
        Ok(ActualOutcome { project: self.project, indicator: self.indicator, record, evaluation })
    }
}

/// The latest record of an earlier quarter of `period`'s year: what a new
/// cumulative figure is compared with.
fn latest_earlier<T>(period: Period, record: impl Fn(Period) -> Result<Option<T>>) -> Result<Option<T>> {
    for q in (1..period.quarter).rev() {
        if let Some(r) = record(Period::new(period.year, q)?)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// Checks and saves the actual of a stored indicator at `period`. A value
/// that looks like a typo is refused (`Error::Doubtful`, naming each doubt)
/// unless `force`: the app asks the officer and saves again with `force`; the
/// CLI says to add `--force`. An empty input (without `not_done`) removes the record.
pub fn save_actual(store: &mut Store, indicator_id: i64, period: Period, input: &ActualInput, force: bool) -> Result<ActualOutcome> {
    ActualContext::load(store, store.indicator(indicator_id)?, period)?.save(store, input, force)
}

/// The checks of [`save_actual`] without writing anything (the grid shows the
/// message while the value is typed); what looks like a typo comes back to confirm.
pub fn check_actual(store: &Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Vec<Doubt>> {
    let ctx = ActualContext::load(store, store.indicator(indicator_id)?, period)?;
    let a = ctx.parse(input)?;
    ctx.doubts(store, &a)
}

/// Changes the actual of one indicator (by key, name or id) of the project
/// `code` of `year`: what is not given keeps its stored value (the CLI's
/// `actual set`); saved as by [`save_actual`].
pub fn update_actual(store: &mut Store, year: i32, code: &str, indicator: &str, period: Period, changes: ActualChanges, force: bool) -> Result<ActualOutcome> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let ind = store.find_indicator(project.id, indicator)?;
    let input = changes.apply(store.actual(ind.id, period)?.as_ref())?;
    ActualContext::load(store, ind, period)?.save(store, &input, force)
}

/// The project, the period in its year and not submitted, and the input checked in its money unit.
fn checked_spending(store: &Store, project: &Project, period: Period, input: &SpendingInput) -> Result<crate::model::CheckedSpending> {
    period.check_in_year(project.year)?;
    let checked = entry::check_spending(project.year, project.money_unit, period, input)?;
    submissions::check_unlocked(store, project, period)?;
    Ok(checked)
}

/// What looks like a typo about an amount (above the budget, below the
/// latest earlier quarter of the year).
fn spending_doubts(store: &Store, project: &Project, period: Period, amount: rust_decimal::Decimal) -> Result<Vec<Doubt>> {
    let previous = latest_earlier(period, |p| store.spending(project.id, p))?;
    Ok(plausibility::spending_doubts(project.money_unit, project.budget.full_year(), previous.as_ref(), period, amount))
}

fn save_spending_of(store: &mut Store, project: Project, period: Period, input: &SpendingInput, force: bool) -> Result<SpendingOutcome> {
    let checked = checked_spending(store, &project, period, input)?;
    if let (Some(amount), false) = (checked.amount, force) {
        refuse_doubts(&spending_doubts(store, &project, period, amount)?, false)?;
    }
    let record = store.set_spending(project.id, &checked)?;
    list::forget_project(store, &project)?;
    Ok(SpendingOutcome { project, record })
}

/// Checks and saves the money spent by the end of `period`; an empty amount
/// removes the record. An amount that looks like a typo is refused unless
/// `force`, as [`save_actual`].
pub fn save_spending(store: &mut Store, project_id: i64, period: Period, input: &SpendingInput, force: bool) -> Result<SpendingOutcome> {
    save_spending_of(store, store.project_by_id(project_id)?, period, input, force)
}

/// The checks of [`save_spending`] without writing, and what looks wrong, to confirm.
pub fn check_spending(store: &Store, project_id: i64, period: Period, input: &SpendingInput) -> Result<Vec<Doubt>> {
    let project = store.project_by_id(project_id)?;
    match checked_spending(store, &project, period, input)?.amount {
        Some(amount) => spending_doubts(store, &project, period, amount),
        None => Ok(Vec::new()),
    }
}

/// Sets the spending of the project `code` of `year`; texts not given keep
/// their stored values (the CLI's `spending set`); saved as by [`save_spending`].
#[allow(clippy::too_many_arguments)]
pub fn update_spending(
    store: &mut Store,
    year: i32,
    code: &str,
    period: Period,
    amount: Option<String>,
    reason: Option<String>,
    measures: Option<String>,
    force: bool,
) -> Result<SpendingOutcome> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let input = entry::spending_changes(store.spending(project.id, period)?.as_ref(), amount, reason, measures);
    save_spending_of(store, project, period, &input, force)
}
