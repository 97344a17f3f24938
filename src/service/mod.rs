//! The use-cases: what the CLI and the desktop app ask of the core, each one
//! function that loads from the store, applies the pure rules (`entry`,
//! `scoring`, `exchange`, `report`) and writes through the store. The only
//! layer that composes the store with the rules; the shells call nothing below
//! it that touches the database.

pub mod backups;
pub mod demo;
pub mod editing;
pub mod exchange;
pub mod history;
pub mod list;
pub mod overview;
pub mod plans;
pub mod records;
pub mod report;
pub mod saving;
pub mod review;
pub mod submissions;
#[cfg(feature = "synthetic")]
pub mod synthetic;

use crate::error::Result;
use crate::model::{Indicator, Period, Project, Spending};
use crate::plan::PlanSettings;
use crate::plausibility::Doubt;
use crate::review::{self as rules, ReviewSettings};
use crate::scoring::{self, Evaluation, MoneyQuarter, ProjectEvaluation, SettingView, Settings};
use std::path::Path;

/// The open database: what the shells hold and hand to the service's
/// functions. Its methods are the core's own (`pub(crate)`): a shell can do
/// nothing with it but through the service.
pub use crate::store::Store;
/// A backup file as `backups` lists it.
pub use crate::store::BackupInfo;

/// Opens (creating and migrating if need be) the database at `path`, with every
/// setting (scoring and review) stored at its default where none is stored yet.
/// The first open of each day backs the database up first (the CLI's way:
/// each command is one process).
pub fn open(path: &Path) -> Result<Store> {
    let store = open_leaving_daily_backup(path)?;
    // a failed daily copy must not keep the officer from working: say it, go on
    if let Err(e) = backups::daily_backup(&store) {
        eprintln!("jixiao: 今日自动备份失败：{e}");
    }
    Ok(store)
}

/// [`open`] without the daily backup, for a caller that takes it beside the
/// open store, off the path to its first answer
/// ([`backups::daily_backup_beside`]): the desktop app.
pub fn open_leaving_daily_backup(path: &Path) -> Result<Store> {
    prepare(Store::open(path)?)
}

/// A fresh database in memory (for tests and benchmarks), prepared as [`open`] does.
pub fn open_in_memory() -> Result<Store> {
    prepare(Store::open_in_memory()?)
}

fn prepare(mut store: Store) -> Result<Store> {
    let defaults: Vec<(&str, &str)> = scoring::SETTING_DEFS.iter().chain(rules::SETTING_DEFS).chain(crate::plan::settings::DEFS).map(|d| (d.key, d.default)).collect();
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
    /// `plan_*`
    pub plan: PlanSettings,
    /// `backup_keep`
    pub safekeeping: SettingView,
}

impl AllSettings {
    fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self> {
        let safekeeping = backups::keep_view(&pairs);
        Ok(AllSettings { scoring: Settings::from_pairs(pairs.clone())?, plan: PlanSettings::from_pairs(pairs.clone())?, review: ReviewSettings::from_pairs(pairs)?, safekeeping })
    }

    /// The value of `key` as stored, whichever family it belongs to.
    pub fn get(&self, key: &str) -> Result<String> {
        match Family::of(key)? {
            Family::Review => self.review.get(key),
            Family::Plan => self.plan.get(key),
            Family::Scoring => self.scoring.get(key),
            Family::Safekeeping => Ok(self.safekeeping.value.clone()),
        }
    }

    /// Every setting with its default and label: the scoring ones, the review
    /// ones, the plan ones, then how many backups are kept.
    pub fn views(&self) -> Vec<SettingView> {
        let mut v = self.scoring.views();
        v.extend(self.review.views());
        v.extend(self.plan.views());
        v.push(self.safekeeping.clone());
        v
    }
}

/// Which table of definitions a setting's key belongs to: the one place that decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Scoring,
    Review,
    Plan,
    Safekeeping,
}

impl Family {
    /// The family whose table defines `key`; an unknown key is refused with every key listed.
    fn of(key: &str) -> Result<Family> {
        if key == backups::BACKUP_KEEP.key {
            Ok(Family::Safekeeping)
        } else if ReviewSettings::is_key(key) {
            Ok(Family::Review)
        } else if PlanSettings::is_key(key) {
            Ok(Family::Plan)
        } else if Settings::def(key).is_ok() {
            Ok(Family::Scoring)
        } else {
            let keys: Vec<&str> = scoring::SETTING_DEFS.iter().chain(rules::SETTING_DEFS).chain(crate::plan::settings::DEFS).chain([&backups::BACKUP_KEEP]).map(|d| d.key).collect();
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
        Family::Plan => PlanSettings::check(key, value.unwrap_or(PlanSettings::def(key)?.default))?,
        Family::Scoring => Settings::check(key, value.unwrap_or(Settings::def(key)?.default))?,
        Family::Safekeeping => backups::check_keep(value.unwrap_or(backups::BACKUP_KEEP.default))?,
    };
    let all = store.put_setting(key, &value, AllSettings::from_pairs)?;
    // every row is scored and reviewed with the settings
    list::forget_kept(store)?;
    Ok(all)
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

/// 项目详情's charts: each quantity indicator of a project at the end of each
/// quarter of its year, against its target and its 序时进度 (`scoring::indicator_series`).
pub fn indicator_series(store: &Store, project_id: i64) -> Result<Vec<scoring::IndicatorSeries>> {
    let project = store.project_by_id(project_id)?;
    let s = settings(store)?;
    let indicators = store.indicators(project_id)?;
    let mut actuals: [std::collections::HashMap<i64, crate::model::Actual>; 4] = Default::default();
    for (q, slot) in (1..=4).zip(actuals.iter_mut()) {
        *slot = store.actuals(project_id, Period::new(project.year, q)?)?;
    }
    scoring::indicator_series(project.year, &indicators, &actuals, &s)
}

/// The error of a write refused for its doubts, unless forced.
fn refuse_doubts(doubts: &[Doubt], force: bool) -> Result<()> {
    if doubts.is_empty() || force { Ok(()) } else { Err(crate::Error::Doubtful(doubts.to_vec())) }
}

#[cfg(test)]
mod tests;
