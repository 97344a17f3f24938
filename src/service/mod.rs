//! The use-cases: what the CLI and the desktop app ask of the core, each one
//! function that loads from the store, applies the pure rules (`entry`,
//! `scoring`, `exchange`, `report`) and writes through the store. The only
//! layer that composes the store with the rules; the shells call nothing below
//! it that touches the database.

pub mod demo;
pub mod exchange;
pub mod list;
pub mod report;
pub mod safekeeping;
pub mod review;
pub mod synthetic;

use crate::entry::{self, ActualChanges};
use crate::error::Result;
use crate::model::{Actual, ActualInput, Indicator, Period, Project, Spending, SpendingInput};
use crate::plausibility::{self, Doubt};
use crate::review::{self as rules, ReviewSettings};
use crate::scoring::{self, Evaluation, MoneyQuarter, ProjectEvaluation, SettingView, Settings};
use crate::store::Store;
use std::path::Path;

/// Opens (creating and migrating if need be) the database at `path`, with every
/// setting (scoring and review) stored at its default where none is stored yet.
/// The first open of each day backs the database up first (the CLI's way:
/// each command is one process).
pub fn open(path: &Path) -> Result<Store> {
    let store = open_leaving_daily_backup(path)?;
    // a failed daily copy must not keep the officer from working: say it, go on
    if let Err(e) = safekeeping::daily_backup(&store) {
        eprintln!("jixiao: 今日自动备份失败：{e}");
    }
    Ok(store)
}

/// [`open`] without the daily backup, for a caller that takes it beside the
/// open store, off the path to its first answer
/// ([`safekeeping::daily_backup_beside`]): the desktop app.
pub fn open_leaving_daily_backup(path: &Path) -> Result<Store> {
    prepare(Store::open(path)?)
}

/// A fresh database in memory (for tests and benchmarks), prepared as [`open`] does.
pub fn open_in_memory() -> Result<Store> {
    prepare(Store::open_in_memory()?)
}

fn prepare(mut store: Store) -> Result<Store> {
    let defaults: Vec<(&str, &str)> = scoring::SETTING_DEFS.iter().chain(rules::SETTING_DEFS).map(|d| (d.key, d.default)).collect();
    store.seed_settings(&defaults)?;
    Ok(store)
}

/// The scoring settings in force.
pub fn settings(store: &Store) -> Result<Settings> {
    Settings::from_pairs(store.setting_pairs()?)
}

/// The review settings (`review_*`) in force.
pub fn review_settings(store: &Store) -> Result<ReviewSettings> {
    ReviewSettings::from_pairs(store.setting_pairs()?)
}

/// Both families of settings in force: what the 设置 screen and `jixiao settings` show.
#[derive(Debug, Clone)]
pub struct AllSettings {
    pub scoring: Settings,
    pub review: ReviewSettings,
    /// `backup_keep`
    pub safekeeping: SettingView,
}

impl AllSettings {
    fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self> {
        let safekeeping = safekeeping::keep_view(&pairs);
        Ok(AllSettings { scoring: Settings::from_pairs(pairs.clone())?, review: ReviewSettings::from_pairs(pairs)?, safekeeping })
    }

    /// The value of `key` as stored, whichever family it belongs to.
    pub fn get(&self, key: &str) -> Result<String> {
        match Family::of(key)? {
            Family::Review => self.review.get(key),
            Family::Scoring => self.scoring.get(key),
            Family::Safekeeping => Ok(self.safekeeping.value.clone()),
        }
    }

    /// Every setting with its default and label: the scoring ones, the review
    /// ones, then how many backups are kept.
    pub fn views(&self) -> Vec<SettingView> {
        let mut v = self.scoring.views();
        v.extend(self.review.views());
        v.push(self.safekeeping.clone());
        v
    }
}

/// Which table of definitions a setting's key belongs to: the one place that decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Scoring,
    Review,
    Safekeeping,
}

impl Family {
    /// The family whose table defines `key`; an unknown key is refused with every key listed.
    fn of(key: &str) -> Result<Family> {
        if key == safekeeping::BACKUP_KEEP.key {
            Ok(Family::Safekeeping)
        } else if ReviewSettings::is_key(key) {
            Ok(Family::Review)
        } else if Settings::def(key).is_ok() {
            Ok(Family::Scoring)
        } else {
            let keys: Vec<&str> = scoring::SETTING_DEFS.iter().chain(rules::SETTING_DEFS).chain([&safekeeping::BACKUP_KEEP]).map(|d| d.key).collect();
            Err(crate::Error::Invalid(format!("没有设置项“{key}”。可用的设置项：{}", keys.join(", "))))
        }
    }
}

/// Every setting in force, both families.
pub fn all_settings(store: &Store) -> Result<AllSettings> {
    AllSettings::from_pairs(store.setting_pairs()?)
}

/// Sets one setting of either family (`None`: back to its default). A value
/// that does not check, or that contradicts the others, is refused and nothing changes.
pub fn set_setting(store: &mut Store, key: &str, value: Option<&str>) -> Result<AllSettings> {
    let value = match Family::of(key)? {
        Family::Review => ReviewSettings::check(key, value.unwrap_or(ReviewSettings::def(key)?.default))?,
        Family::Scoring => Settings::check(key, value.unwrap_or(Settings::def(key)?.default))?,
        Family::Safekeeping => safekeeping::check_keep(value.unwrap_or(safekeeping::BACKUP_KEEP.default))?,
    };
    store.put_setting(key, &value, AllSettings::from_pairs)
}

/// Evaluates the projects of `period.year` (of one unit, or one project, if given).
pub fn evaluate(store: &Store, period: Period, unit: Option<&str>, project_code: Option<&str>) -> Result<Evaluation> {
    let projects = match project_code {
        Some(code) => vec![store.project(period.year, code)?],
        None => store.projects(Some(period.year), unit)?,
    };
    evaluate_projects(store, period, &projects)
}

/// Evaluates the given stored projects at `period`, in their order.
pub fn evaluate_projects(store: &Store, period: Period, projects: &[Project]) -> Result<Evaluation> {
    let s = settings(store)?;
    let projects = projects.iter().map(|p| evaluate_project(store, p, period, &s)).collect::<Result<_>>()?;
    Ok(Evaluation { year: period.year, period, projects })
}

/// Evaluates one stored project at `period`.
pub fn evaluate_project(store: &Store, project: &Project, period: Period, s: &Settings) -> Result<ProjectEvaluation> {
    evaluate_with_indicators(store, project, &store.indicators(project.id)?, period, s)
}

/// [`evaluate_project`] with the project's indicators already loaded.
pub fn evaluate_with_indicators(store: &Store, project: &Project, indicators: &[Indicator], period: Period, s: &Settings) -> Result<ProjectEvaluation> {
    let actuals = store.actuals(project.id, period)?;
    let spending = store.spending(project.id, period)?;
    Ok(scoring::evaluate_project(project, indicators, &actuals, spending.as_ref(), period, s))
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
    safekeeping::check_unlocked(store, &project, period)?;
    let a = entry::parse_actual(&ind, period, input, &settings(store)?)
        .map_err(|e| crate::Error::Invalid(format!("指标“{}”：{e}", ind.level3)))?;
    Ok((ind, a))
}

/// The latest record of an earlier quarter of the same year: what a new
/// cumulative value is compared with.
fn previous_actual(store: &Store, indicator_id: i64, period: Period) -> Result<Option<Actual>> {
    for q in (1..period.quarter).rev() {
        if let Some(a) = store.actual(indicator_id, Period::new(period.year, q)?)? {
            return Ok(Some(a));
        }
    }
    Ok(None)
}

/// What looks wrong about a checked actual (plausibility.rs): asked before saving.
fn actual_doubts(store: &Store, ind: &Indicator, a: &Actual) -> Result<Vec<Doubt>> {
    Ok(plausibility::actual_doubts(ind, previous_actual(store, ind.id, a.period)?.as_ref(), a))
}

/// Checks and saves an actual; returns the record as committed (`None` when
/// the input was empty, without `not_done`, and the record was removed).
/// Doubts are not asked here: the app asks them first ([`check_actual`]) and
/// calls this once the officer confirmed.
pub fn set_actual(store: &mut Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Option<Actual>> {
    let (_, a) = checked_actual(store, indicator_id, period, input)?;
    store.set_actual(&a, input.not_done)
}

/// The checks of [`set_actual`] without writing anything: for a value being
/// typed (the grid shows the message before the cell is left). A value that
/// checks may still look like a typo: those doubts are returned, to confirm.
pub fn check_actual(store: &Store, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Vec<Doubt>> {
    let (ind, a) = checked_actual(store, indicator_id, period, input)?;
    actual_doubts(store, &ind, &a)
}

/// Checks and saves an actual of a stored indicator, refusing a value that
/// looks like a typo (`Error::Doubtful`, naming each doubt) unless `force`:
/// the app's save, which asks the officer and saves again with `force`.
pub fn save_actual(store: &mut Store, indicator_id: i64, period: Period, input: &ActualInput, force: bool) -> Result<Option<Actual>> {
    refuse_doubts(&check_actual(store, indicator_id, period, input)?, force)?;
    set_actual(store, indicator_id, period, input)
}

/// The app's save of one 填报 cell: checked and saved as by [`save_actual`],
/// answered with the project's evaluation at `period` (the score the officer
/// looks at next, without a second request).
pub fn enter_actual(store: &mut Store, indicator_id: i64, period: Period, input: &ActualInput, force: bool) -> Result<ProjectEvaluation> {
    save_actual(store, indicator_id, period, input, force)?;
    let project = store.project_by_id(store.indicator(indicator_id)?.project_id)?;
    evaluate_project(store, &project, period, &settings(store)?)
}

/// Checks and saves the spending of `period`, refusing an amount that looks
/// like a typo unless `force` (the app's save, as [`save_actual`]).
pub fn save_spending(store: &mut Store, project_id: i64, period: Period, input: &SpendingInput, force: bool) -> Result<Option<Spending>> {
    refuse_doubts(&check_spending(store, project_id, period, input)?, force)?;
    set_spending(store, project_id, period, input)
}

/// The error of a write refused for its doubts, unless forced.
fn refuse_doubts(doubts: &[Doubt], force: bool) -> Result<()> {
    if doubts.is_empty() || force { Ok(()) } else { Err(crate::Error::Doubtful(plausibility::describe(doubts))) }
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
/// A value that looks like a typo is refused (`Error::Doubtful`) unless `force`.
pub fn update_actual(store: &mut Store, year: i32, code: &str, indicator: &str, period: Period, changes: ActualChanges, force: bool) -> Result<Saved<Actual>> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let ind = store.find_indicator(project.id, indicator)?;
    let input = changes.apply(store.actual(ind.id, period)?.as_ref())?;
    let record = save_actual(store, ind.id, period, &input, force)?;
    Ok(Saved { project, indicator: Some(ind), record })
}

/// Checks and saves the money spent by the end of `period`; an empty amount
/// removes the record. (Doubts: [`check_spending`], asked first.)
pub fn set_spending(store: &mut Store, project_id: i64, period: Period, input: &SpendingInput) -> Result<Option<Spending>> {
    let project = store.project_by_id(project_id)?;
    let checked = entry::check_spending(project.year, project.money_unit, period, input)?;
    safekeeping::check_unlocked(store, &project, period)?;
    store.set_spending(project_id, &checked)
}

/// The checks of [`set_spending`] without writing, and what looks wrong
/// (above the budget, below the previous quarter), to confirm.
pub fn check_spending(store: &Store, project_id: i64, period: Period, input: &SpendingInput) -> Result<Vec<Doubt>> {
    let project = store.project_by_id(project_id)?;
    let checked = entry::check_spending(project.year, project.money_unit, period, input)?;
    safekeeping::check_unlocked(store, &project, period)?;
    let Some(amount) = checked.amount else { return Ok(Vec::new()) };
    let mut previous = None;
    for q in (1..period.quarter).rev() {
        previous = store.spending(project_id, Period::new(period.year, q)?)?;
        if previous.is_some() {
            break;
        }
    }
    Ok(plausibility::spending_doubts(project.money_unit, project.budget.full_year(), previous.as_ref(), period, amount))
}

/// Sets the spending of the project `code` of `year`; texts not given keep
/// their stored values (the CLI's `spending set`). An amount that looks like a
/// typo is refused unless `force`.
pub fn update_spending(
    store: &mut Store,
    year: i32,
    code: &str,
    period: Period,
    amount: Option<String>,
    reason: Option<String>,
    measures: Option<String>,
    force: bool,
) -> Result<Saved<Spending>> {
    let project = store.project(year, code)?;
    period.check_in_year(project.year)?;
    let input = entry::spending_changes(store.spending(project.id, period)?.as_ref(), amount, reason, measures);
    let record = save_spending(store, project.id, period, &input, force)?;
    Ok(Saved { project, indicator: None, record })
}
