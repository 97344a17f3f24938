//! The commands of 编辑 (projects and their 绩效目标表), of the as-you-type
//! check in 填报 and of the 资金 screen. Each one calls the core; nothing here
//! knows a rule of its own.

use jixiao::model::{ActualInput, Indicator, Project, Unit};
use jixiao::scoring::MoneyQuarter;
use jixiao::model::{IndicatorInput, ProjectInput};
use jixiao::target::{self, Target};
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;

use crate::commands::AppState;

type S<'a> = State<'a, AppState>;

#[tauri::command]
pub fn create_project(state: S<'_>, input: ProjectInput) -> Result<Project> {
    state.store()?.create_project(&input)
}

#[tauri::command]
pub fn update_project(state: S<'_>, id: i64, input: ProjectInput) -> Result<Project> {
    state.store()?.update_project(id, &input)
}

/// What deleting a project takes with it, to say so before asking.
#[derive(Serialize)]
pub struct ProjectDependents {
    pub indicators: i64,
    pub actuals: i64,
    pub spending: i64,
}

#[tauri::command]
pub fn project_dependents(state: S<'_>, id: i64) -> Result<ProjectDependents> {
    let (indicators, actuals, spending) = state.store()?.project_dependents(id)?;
    Ok(ProjectDependents { indicators, actuals, spending })
}

#[tauri::command]
pub fn delete_project(state: S<'_>, id: i64) -> Result<()> {
    state.store()?.delete_project(id)
}

#[tauri::command]
pub fn create_indicator(state: S<'_>, project_id: i64, input: IndicatorInput) -> Result<Indicator> {
    state.store()?.create_indicator(project_id, &input)
}

#[tauri::command]
pub fn update_indicator(state: S<'_>, id: i64, input: IndicatorInput) -> Result<Indicator> {
    state.store()?.update_indicator(id, &input)
}

/// `position` is 1-based; returns the table in its new order.
#[tauri::command]
pub fn move_indicator(state: S<'_>, id: i64, position: i64) -> Result<Vec<Indicator>> {
    state.store()?.move_indicator(id, position)
}

/// How many actuals go with the indicator.
#[tauri::command]
pub fn indicator_dependents(state: S<'_>, id: i64) -> Result<i64> {
    state.store()?.indicator_dependents(id)
}

#[tauri::command]
pub fn delete_indicator(state: S<'_>, id: i64) -> Result<()> {
    state.store()?.delete_indicator(id)
}

/// The officer's own understanding of a target; `null` = read the text again.
#[tauri::command]
pub fn set_target_understanding(state: S<'_>, id: i64, understood: Option<Target>) -> Result<Indicator> {
    state.store()?.set_target_understanding(id, understood.as_ref())
}

#[tauri::command]
pub fn save_unit(state: S<'_>, code: String, name: String, parent: Option<String>) -> Result<Unit> {
    state.store()?.save_unit(&code, &name, parent.as_deref())
}

/// A target text as the core understands it, while it is being typed.
#[derive(Serialize)]
pub struct ParsedTarget {
    pub target: Target,
    /// `Target::describe()`: `≥ 20 次`, or `未能识别`.
    pub description: String,
}

#[tauri::command]
pub fn parse_target(text: String, year: i32) -> ParsedTarget {
    let target = target::parse(&text, year);
    ParsedTarget { description: target.describe(), target }
}

/// The checks of saving an actual, without saving (the grid calls it as the officer types).
#[tauri::command]
/// Doubts (a value that checks but looks like a typo) come back to be confirmed.
pub fn check_actual(state: S<'_>, indicator_id: i64, period: String, input: ActualInput) -> Result<Vec<jixiao::plausibility::Doubt>> {
    let p = Period::parse(&period)?;
    jixiao::service::check_actual(&*state.store()?, indicator_id, p, &input)
}

/// The 资金 screen's quarters (`service::money_quarters`).
#[tauri::command]
pub fn money_quarters(state: S<'_>, project_id: i64) -> Result<Vec<MoneyQuarter>> {
    jixiao::service::money_quarters(&*state.store()?, project_id)
}
