//! The commands the UI invokes. Each one takes its arguments, calls one core
//! function and returns its result; errors are the core's `jixiao::Error`, which
//! serializes as `{kind, message}` with a Chinese message for the officer.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use jixiao::Error;
use jixiao::exchange::ImportSummary;
use jixiao::service;
use jixiao::model::{Actual, ActualInput, EvaluationTexts, Indicator, Project, Spending, SpendingInput, Unit};
use jixiao::scoring::{Evaluation, SettingView};
use jixiao::store::Store;
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;

/// The database the app works on, opened once at start. If it could not be
/// opened (for instance, it was written by a newer program), every command
/// answers with that error, so the window can say why.
pub struct AppState {
    pub db_path: PathBuf,
    store: std::result::Result<Mutex<Store>, String>,
}

impl AppState {
    /// The CLI's database. With `sample_on_first_start`, a database created by
    /// this start (no file before) gets the sample bureau, as `jixiao demo` would.
    pub fn open_default(sample_on_first_start: bool) -> Self {
        let db_path = jixiao::default_db_path();
        let first_start = !db_path.exists();
        let store = service::open(&db_path).map_err(|e| e.to_string()).map(|mut store| {
            if sample_on_first_start && first_start {
                // On failure the officer still gets the empty database and its welcome screen.
                if let Err(e) = service::demo::load_demo(&mut store) {
                    eprintln!("jixiao: the sample bureau was not loaded: {e}");
                }
            }
            Mutex::new(store)
        });
        AppState { db_path, store }
    }

    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        match &self.store {
            Ok(m) => Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(message) => Err(Error::Invalid(message.clone())),
        }
    }
}

type S<'a> = State<'a, AppState>;

fn period(text: &str) -> Result<Period> {
    Period::parse(text)
}

#[derive(Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
}

#[tauri::command]
pub fn app_info(state: S<'_>) -> AppInfo {
    AppInfo { version: env!("CARGO_PKG_VERSION"), db_path: state.db_path.display().to_string() }
}

#[tauri::command]
pub fn is_empty(state: S<'_>) -> Result<bool> {
    state.store()?.is_empty()
}

#[tauri::command]
pub fn years(state: S<'_>) -> Result<Vec<i32>> {
    state.store()?.years()
}

#[tauri::command]
pub fn units(state: S<'_>) -> Result<Vec<Unit>> {
    state.store()?.units()
}

#[tauri::command]
pub fn load_demo(state: S<'_>) -> Result<service::demo::DemoSummary> {
    service::demo::load_demo(&mut *state.store()?)
}

#[tauri::command]
pub fn evaluate(state: S<'_>, period: String, unit: Option<String>, project: Option<String>) -> Result<Evaluation> {
    let p = self::period(&period)?;
    service::evaluate(&*state.store()?, p, unit.as_deref(), project.as_deref())
}

#[tauri::command]
pub fn projects(state: S<'_>, year: i32, unit: Option<String>) -> Result<Vec<Project>> {
    state.store()?.projects(Some(year), unit.as_deref())
}

#[tauri::command]
pub fn project(state: S<'_>, year: i32, code: String) -> Result<Project> {
    state.store()?.project(year, &code)
}

#[tauri::command]
pub fn indicators(state: S<'_>, project_id: i64) -> Result<Vec<Indicator>> {
    state.store()?.indicators(project_id)
}

#[tauri::command]
pub fn actuals(state: S<'_>, project_id: i64, period: String) -> Result<HashMap<i64, Actual>> {
    let p = self::period(&period)?;
    state.store()?.actuals(project_id, p)
}

#[tauri::command]
pub fn set_actual(state: S<'_>, indicator_id: i64, period: String, input: ActualInput) -> Result<Option<Actual>> {
    let p = self::period(&period)?;
    service::set_actual(&mut *state.store()?, indicator_id, p, &input)
}

#[tauri::command]
pub fn all_spending(state: S<'_>, project_id: i64) -> Result<Vec<Spending>> {
    state.store()?.all_spending(project_id)
}

#[tauri::command]
pub fn set_spending(state: S<'_>, project_id: i64, period: String, input: SpendingInput) -> Result<Option<Spending>> {
    let p = self::period(&period)?;
    service::set_spending(&mut *state.store()?, project_id, p, &input)
}

#[tauri::command]
pub fn set_evaluation_texts(state: S<'_>, project_id: i64, texts: EvaluationTexts) -> Result<Project> {
    state.store()?.set_evaluation_texts(project_id, &texts)
}

#[tauri::command]
pub fn settings(state: S<'_>) -> Result<Vec<SettingView>> {
    Ok(service::all_settings(&*state.store()?)?.views())
}

/// `value: null` resets the setting to its default.
#[tauri::command]
pub fn set_setting(state: S<'_>, key: String, value: Option<String>) -> Result<Vec<SettingView>> {
    Ok(service::set_setting(&mut *state.store()?, &key, value.as_deref())?.views())
}

#[tauri::command]
pub fn import_file(state: S<'_>, path: PathBuf) -> Result<ImportSummary> {
    service::exchange::import_file(&mut *state.store()?, &path)
}

#[derive(Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub projects: usize,
}

#[tauri::command]
pub fn export_file(state: S<'_>, path: PathBuf, year: Option<i32>) -> Result<ExportSummary> {
    let file = service::exchange::export_file(&*state.store()?, year, &path)?;
    Ok(ExportSummary { path, projects: file.projects.len() })
}
