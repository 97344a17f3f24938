//! The 总览 screen's command: the year at a glance, summed up by the core
//! (`service::overview`). Only the sums cross to the WebView, never a row per
//! project (the ten projects behind excepted).

use jixiao::Result;
use jixiao::overview::Overview;
use jixiao::service;
use tauri::State;

use crate::commands::AppState;

/// The 总览 of `year`, of `unit` and its sub-units (all units if none or empty).
#[tauri::command]
pub async fn overview(state: State<'_, AppState>, year: i32, unit: Option<String>) -> Result<Overview> {
    state.with_store(move |s| service::overview::overview(s, year, unit.as_deref())).await
}

