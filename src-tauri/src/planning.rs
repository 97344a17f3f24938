//! The 规划 screen's commands (plan-indicators.md): the plans with their
//! counts, a plan's sheet (indicators × years), a year's actual or a
//! qualitative verdict, a plan file's preview and import, the blank plan
//! workbook, and the printed 规划主要指标监测表. Each one calls the core.

use std::path::PathBuf;

use jixiao::Result;
use jixiao::model::plan::PlanFile;
use jixiao::plan::read::PlanReadOptions;
use jixiao::report::{Format, RenderOptions, ReportPage, Written};
use jixiao::service;
use jixiao::service::plans::{PlanImportSummary, PlanPreview, PlanSaved, PlanSheet, PlanSummary};
use tauri::State;

use crate::commands::{AppState, off_main_thread};

type S<'a> = State<'a, AppState>;

/// Every plan with its count per status (in `year`, else its latest year).
#[tauri::command]
pub async fn plan_list(state: S<'_>, year: Option<i32>) -> Result<Vec<PlanSummary>> {
    state.with_store(move |s| service::plans::list(s, year)).await
}

/// Plan `code`'s indicators × years judged in `year`, the rows of `unit` (a responsible unit) when given.
#[tauri::command]
pub async fn plan_sheet(state: S<'_>, code: String, year: Option<i32>, unit: Option<String>) -> Result<PlanSheet> {
    state.with_store(move |s| service::plans::sheet(s, &code, year, unit.as_deref())).await
}

/// Records (an empty `value` erases) the actual of `year`; a value far off the
/// path is refused as `doubtful` unless `force`.
#[tauri::command]
pub async fn plan_set_actual(
    state: S<'_>,
    code: String,
    indicator: String,
    year: i32,
    value: String,
    note: Option<String>,
    force: bool,
) -> Result<PlanSaved> {
    state.with_store(move |s| service::plans::set_actual(s, &code, &indicator, year, &value, note.as_deref(), force)).await
}

/// Records a qualitative indicator's verdict in `year` (the note is required).
#[tauri::command]
pub async fn plan_set_verdict(state: S<'_>, code: String, indicator: String, year: i32, status: String, note: String) -> Result<PlanSaved> {
    state.with_store(move |s| service::plans::set_verdict(s, &code, &indicator, year, &status, &note)).await
}

/// What the plan file at `path` would import (nothing written); `code`,
/// `name`, `baseYear`, `endYear` where the file does not say.
#[tauri::command]
pub async fn plan_preview(
    state: S<'_>,
    path: PathBuf,
    code: Option<String>,
    name: Option<String>,
    base_year: Option<i32>,
    end_year: Option<i32>,
) -> Result<PlanPreview> {
    let opts = PlanReadOptions { code, name, base_year, end_year };
    state.with_store(move |s| service::plans::preview_file(s, &path, &opts)).await
}

/// Imports the (corrected) plan file: all or nothing, the database backed up first.
#[tauri::command]
pub async fn plan_import(state: S<'_>, file: PlanFile) -> Result<PlanImportSummary> {
    state.with_store(move |s| service::plans::import(s, &file)).await
}

/// Writes the blank plan workbook (years `base_year`–`end_year`) to `path`.
#[tauri::command]
pub async fn plan_template(path: PathBuf, base_year: i32, end_year: i32) -> Result<PathBuf> {
    off_main_thread(move || jixiao::plan::read::xlsx::write_template(&path, base_year, end_year).map(|()| path)).await
}

/// The 规划主要指标监测表 of plan `code` in `year` (of `unit`'s rows), as the 报表 screen shows it.
#[tauri::command]
pub async fn plan_report_preview(state: S<'_>, code: String, year: i32, unit: Option<String>) -> Result<ReportPage> {
    state.with_store(move |s| service::plans::report(s, &code, Some(year), unit.as_deref()).map(|r| r.first(1))).await
}

/// Writes the 监测表 to `path` as `format` (`pdf` | `xlsx`); built under the
/// store's lock, typeset after it is released.
#[tauri::command]
pub async fn plan_report_export(state: S<'_>, code: String, year: i32, unit: Option<String>, format: Format, path: PathBuf) -> Result<Written> {
    let store = state.lock_store().await?;
    off_main_thread(move || {
        let built = service::plans::report(&store, &code, Some(year), unit.as_deref())?;
        drop(store);
        jixiao::report::write(&built, format, &path, &RenderOptions::from_env())
    })
    .await
}
