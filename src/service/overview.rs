//! The 总览 of a year (`jixiao overview`, the app's first screen): every
//! project of the year (of a unit and its sub-units) evaluated at its four
//! quarters by the one evaluation (`scoring::evaluate_project`) and summed up
//! by `overview::Tally`.
//!
//! Cost: the year's rows are read once, one query per table for all projects
//! (`Store::each_project_of_year`, streamed a project at a time), and each
//! project is evaluated four times in memory: less than four one-quarter
//! evaluations (`service::evaluate`, which reads five queries per project).
//! The list's kept summary rows (`service::list`) do not fit: they hold
//! neither the plan's amount nor the money unit, are kept per quarter only
//! once the list has summed a project up (review included, which costs more
//! than the evaluation), and are empty on every start of the app. The 总览
//! itself is kept in the file instead, until the next write ([`overview`]).

use crate::error::Result;
use crate::model::{Actual, Period};
use crate::overview::{Overview, Tally};
use crate::scoring::{self, ProjectEvaluation};
use crate::store::{Kept, ProjectRows, Store};
use std::collections::HashMap;

/// The program a kept 总览 must have been made by: the same version (and so
/// the same rules and schema).
const PROGRAM: &str = concat!("jixiao ", env!("CARGO_PKG_VERSION"));

/// The 总览 of `year`, of `unit` and its sub-units (all units if `None`).
///
/// Kept in the file (`Store::keep_overview`) once made, and answered from
/// there while no write has been made since (`Store::revision`): an
/// everyday start of the app shows a bureau's 总览 without evaluating its
/// 10,000 projects again. Any write (an actual, a setting, an import, a unit
/// renamed) makes the kept one stale; a restored file brings its own.
pub fn overview(store: &Store, year: i32, unit: Option<&str>) -> Result<Overview> {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    let key = unit.unwrap_or("");
    let revision = store.revision()?;
    if let Some(kept) = store.kept_overview(year, key)?
        && kept.revision == revision
        && kept.program == PROGRAM
        && let Ok(o) = serde_json::from_str::<Overview>(&kept.body)
    {
        return Ok(o);
    }
    let o = summed_up(store, year, unit)?;
    // Keeping is only a shortcut for the next time: a file that cannot be
    // written just now (another program's write, a read-only copy) still
    // gets its 总览, made again next time.
    if let Ok(body) = serde_json::to_string(&o) {
        let _ = store.keep_overview(year, key, &Kept { revision, program: PROGRAM.to_string(), body });
    }
    Ok(o)
}

/// Every project of the year evaluated at its four quarters and summed up.
fn summed_up(store: &Store, year: i32, unit: Option<&str>) -> Result<Overview> {
    let s = super::settings(store)?;
    let periods = [Period::new(year, 1)?, Period::new(year, 2)?, Period::new(year, 3)?, Period::new(year, 4)?];
    let mut tally = Tally::new(year, unit);
    store.each_project_of_year(year, unit, |rows: ProjectRows| {
        let ProjectRows { project, indicators, actuals, spending } = rows;
        let mut by_period: [HashMap<i64, Actual>; 4] = Default::default();
        let mut recorded = [false; 4];
        for a in actuals {
            if let Some(q) = periods.iter().position(|&p| p == a.period) {
                recorded[q] = true;
                by_period[q].insert(a.indicator_id, a);
            }
        }
        let mut spent = [None, None, None, None];
        for x in spending {
            if let Some(q) = periods.iter().position(|&p| p == x.period) {
                recorded[q] = true;
                spent[q] = Some(x);
            }
        }
        let evaluations: [ProjectEvaluation; 4] = std::array::from_fn(|q| {
            scoring::evaluate_project(&project, &indicators, &by_period[q], spent[q].as_ref(), periods[q], &s)
        });
        tally.add(&project, &evaluations, recorded)
    })?;
    tally.finish()
}

