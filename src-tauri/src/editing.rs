//! The commands of 编辑 (projects and their 绩效目标表), of the as-you-type
//! check in 填报 and of the 资金 screen. Each one calls the core; nothing here
//! knows a rule of its own. The commands that read the database run off the
//! main thread (`AppState::with_store`).

use jixiao::model::{ActualInput, Indicator, Project, Unit};
use jixiao::scoring::MoneyQuarter;
use jixiao::model::{IndicatorInput, ProjectInput};
use jixiao::target::{self, Target};
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;

use crate::commands::{AppState, guard};

type S<'a> = State<'a, AppState>;

#[tauri::command]
pub async fn create_project(state: S<'_>, input: ProjectInput) -> Result<Project> {
    state.with_store(move |s| s.create_project(&input)).await
}

#[tauri::command]
pub async fn update_project(state: S<'_>, id: i64, input: ProjectInput) -> Result<Project> {
    state.with_store(move |s| s.update_project(id, &input)).await
}

/// What deleting a project takes with it, to say so before asking.
#[derive(Serialize)]
pub struct ProjectDependents {
    pub indicators: i64,
    pub actuals: i64,
    pub spending: i64,
}

#[tauri::command]
pub async fn project_dependents(state: S<'_>, id: i64) -> Result<ProjectDependents> {
    let (indicators, actuals, spending) = state.with_store(move |s| s.project_dependents(id)).await?;
    Ok(ProjectDependents { indicators, actuals, spending })
}

#[tauri::command]
pub async fn delete_project(state: S<'_>, id: i64) -> Result<()> {
    state.with_store(move |s| s.delete_project(id)).await
}

#[tauri::command]
pub async fn create_indicator(state: S<'_>, project_id: i64, input: IndicatorInput) -> Result<Indicator> {
    state.with_store(move |s| s.create_indicator(project_id, &input)).await
}

#[tauri::command]
pub async fn update_indicator(state: S<'_>, id: i64, input: IndicatorInput) -> Result<Indicator> {
    state.with_store(move |s| s.update_indicator(id, &input)).await
}

/// `position` is 1-based; returns the table in its new order.
#[tauri::command]
pub async fn move_indicator(state: S<'_>, id: i64, position: i64) -> Result<Vec<Indicator>> {
    state.with_store(move |s| s.move_indicator(id, position)).await
}

/// How many actuals go with the indicator.
#[tauri::command]
pub async fn indicator_dependents(state: S<'_>, id: i64) -> Result<i64> {
    state.with_store(move |s| s.indicator_dependents(id)).await
}

#[tauri::command]
pub async fn delete_indicator(state: S<'_>, id: i64) -> Result<()> {
    state.with_store(move |s| s.delete_indicator(id)).await
}

/// The officer's own understanding of a target; `null` = read the text again.
#[tauri::command]
pub async fn set_target_understanding(state: S<'_>, id: i64, understood: Option<Target>) -> Result<Indicator> {
    state.with_store(move |s| s.set_target_understanding(id, understood.as_ref())).await
}

#[tauri::command]
pub async fn save_unit(state: S<'_>, code: String, name: String, parent: Option<String>) -> Result<Unit> {
    state.with_store(move |s| s.save_unit(&code, &name, parent.as_deref())).await
}

/// A target text as the core understands it, while it is being typed.
#[derive(Serialize)]
pub struct ParsedTarget {
    pub target: Target,
    /// `Target::describe()`: `≥ 20 次`, or `未能识别`.
    pub description: String,
}

/// Not `async`: it reads neither the database nor a file, and answers at once.
#[tauri::command]
pub fn parse_target(text: String, year: i32) -> Result<ParsedTarget> {
    guard(|| {
        let target = target::parse(&text, year);
        Ok(ParsedTarget { description: target.describe(), target })
    })
}

/// A plain number typed on the 编辑 screen (budget, plan, 分值) as the decimal
/// text the records take; blank is none (`entry::check_decimal`, the rule the
/// importer uses too). Not `async`: no database, no file.
#[tauri::command]
pub fn check_decimal(text: String, label: String) -> Result<Option<String>> {
    guard(|| jixiao::entry::check_decimal(&text, &label))
}

/// The checks of saving an actual, without saving (the grid calls it as the officer types).
/// Doubts (a value that checks but looks like a typo) come back to be confirmed.
#[tauri::command]
pub async fn check_actual(state: S<'_>, indicator_id: i64, period: String, input: ActualInput) -> Result<Vec<jixiao::plausibility::Doubt>> {
    state.with_store(move |s| jixiao::service::check_actual(s, indicator_id, Period::parse(&period)?, &input)).await
}

/// The 资金 screen's quarters (`service::money_quarters`).
#[tauri::command]
pub async fn money_quarters(state: S<'_>, project_id: i64) -> Result<Vec<MoneyQuarter>> {
    state.with_store(move |s| jixiao::service::money_quarters(s, project_id)).await
}
