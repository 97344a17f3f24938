//! 编辑: projects, units and the rows of their 绩效目标表, created, changed,
//! moved and deleted. The service decides (checks the input, reads the target
//! text, re-reads targets when a project's year changes); the store keeps what
//! it is given.

use super::{Store, list};
use crate::error::Result;
use crate::model::{EvaluationTexts, Indicator, IndicatorInput, Project, ProjectInput, Unit};
use crate::target::{self, Target};
use serde::Serialize;

/// Creates a project (its unit must exist).
pub fn create_project(store: &mut Store, input: &ProjectInput) -> Result<Project> {
    input.check()?;
    let p = store.create_project(input)?;
    list::forget_project(store, &p)?;
    Ok(p)
}

/// Replaces a project's header, budget, plan and texts. A changed year
/// re-reads the targets that depend on it (month-only dates) unless the
/// officer corrected their understanding by hand.
pub fn update_project(store: &mut Store, id: i64, input: &ProjectInput) -> Result<Project> {
    input.check()?;
    let targets: Vec<(i64, Target, bool)> = store
        .indicators(id)?
        .into_iter()
        .filter(|i| !i.target_manual)
        .filter_map(|i| {
            let t = target::parse(&i.target_text, input.year);
            (t != i.target).then_some((i.id, t, false))
        })
        .collect();
    let old = store.project_by_id(id)?;
    let p = store.update_project(id, input, &targets)?;
    list::forget_project(store, &old)?;
    list::forget_project(store, &p)?;
    Ok(p)
}

/// Only the officer's texts of the 自评表 (saved as they are typed).
pub fn set_evaluation_texts(store: &mut Store, project_id: i64, texts: &EvaluationTexts) -> Result<Project> {
    texts.check()?;
    let p = store.set_evaluation_texts(project_id, texts)?;
    list::forget_project(store, &p)?;
    Ok(p)
}

/// What deleting a project takes with it, to say so before asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectDependents {
    #[cfg_attr(test, ts(type = "number"))]
    pub indicators: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub actuals: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub spending: i64,
}

pub fn project_dependents(store: &Store, id: i64) -> Result<ProjectDependents> {
    let (indicators, actuals, spending) = store.project_dependents(id)?;
    Ok(ProjectDependents { indicators, actuals, spending })
}

/// Deletes a project with its indicators, actuals and spending (each logged).
pub fn delete_project(store: &mut Store, id: i64) -> Result<()> {
    let old = store.project_by_id(id)?;
    store.delete_project(id)?;
    list::forget_project(store, &old)
}

/// Adds an indicator at the end of its project's table, its target read for the project's year.
pub fn create_indicator(store: &mut Store, project_id: i64, input: &IndicatorInput) -> Result<Indicator> {
    input.check()?;
    let project = store.project_by_id(project_id)?;
    let row = Indicator::drafted(None, project_id, 0, project.year, input);
    row.target.check_magnitude(&row.target_text)?;
    let row = store.create_indicator(project_id, &row)?;
    list::forget_project(store, &project)?;
    Ok(row)
}

/// Replaces an indicator's fields (`Indicator::drafted`: a changed target text
/// is read anew and a correction by hand, which was about the old text, dropped).
pub fn update_indicator(store: &mut Store, id: i64, input: &IndicatorInput) -> Result<Indicator> {
    input.check()?;
    let old = store.indicator(id)?;
    let project = store.project_by_id(old.project_id)?;
    let row = Indicator::drafted(Some(&old), old.project_id, old.position, project.year, input);
    row.target.check_magnitude(&row.target_text)?;
    let row = store.update_indicator(&row)?;
    list::forget_project(store, &project)?;
    Ok(row)
}

/// The officer's own understanding of a target (`None`: read the text again).
pub fn set_target_understanding(store: &mut Store, id: i64, understood: Option<&Target>) -> Result<Indicator> {
    let old = store.indicator(id)?;
    let project = store.project_by_id(old.project_id)?;
    let row = match understood {
        Some(t) => {
            t.check_complete()?;
            t.check_magnitude(&old.target_text)?;
            store.set_target(id, t, true)?
        }
        None => store.set_target(id, &target::parse(&old.target_text, project.year), false)?,
    };
    list::forget_project(store, &project)?;
    Ok(row)
}

/// Moves an indicator to `position` (1-based) in its table; the table in its new order.
pub fn move_indicator(store: &mut Store, id: i64, position: i64) -> Result<Vec<Indicator>> {
    let project = store.project_by_id(store.indicator(id)?.project_id)?;
    let table = store.move_indicator(id, position)?;
    list::forget_project(store, &project)?;
    Ok(table)
}

/// How many actuals deleting the indicator would take with it.
pub fn indicator_dependents(store: &Store, id: i64) -> Result<i64> {
    store.indicator_dependents(id)
}

pub fn delete_indicator(store: &mut Store, id: i64) -> Result<()> {
    let project = store.project_by_id(store.indicator(id)?.project_id)?;
    store.delete_indicator(id)?;
    list::forget_project(store, &project)
}

/// Creates or renames a unit (under `parent`, which must exist and not be itself).
pub fn save_unit(store: &mut Store, code: &str, name: &str, parent: Option<&str>) -> Result<Unit> {
    let (code, name) = (code.trim(), name.trim());
    if code.is_empty() || name.is_empty() {
        return Err(crate::Error::Invalid("单位编码和名称不能为空".into()));
    }
    crate::text::check_length("单位名称", name)?;
    let units = store.units()?;
    let parent = parent.map(str::trim).filter(|p| !p.is_empty());
    crate::model::check_unit_parent(code, parent, |c| units.iter().find(|u| u.code == c).map(|u| u.parent.clone()))?;
    let unit = store.save_unit(code, name, parent)?;
    // a unit's name is on every row of its projects; its parent decides which rows a filter shows
    list::forget_kept(store)?;
    Ok(unit)
}
