//! The commands the UI invokes. Each one takes its arguments, calls one core
//! function and returns its result; errors are the core's `jixiao::Error`, which
//! serializes as `{kind, message}` with a Chinese message for the officer.
//!
//! Tauri runs a command that is not `async` on the main thread, the one that
//! draws the window; so every command that reads the database or a file is
//! `async` and does its work on a blocking thread (`AppState::with_store`), and
//! the window keeps answering while an import, an export or a whole year's
//! evaluation runs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jixiao::Error;
use jixiao::service;
use jixiao::model::{Actual, ActualInput, EvaluationTexts, Indicator, Project, Spending, SpendingInput, Unit};
use jixiao::scoring::{Evaluation, SettingView};
use jixiao::store::Store;
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The database the app works on, opened once at start. If it could not be
/// opened (for instance, it was written by a newer program), every command
/// answers with that error, so the window can say why.
pub struct AppState {
    pub db_path: PathBuf,
    /// A fair lock: the commands get the store in the order they ask for it,
    /// as they did when they ran one after another on the main thread (a
    /// row's second save never overtakes its first; answers come in order).
    store: std::result::Result<Arc<Mutex<Store>>, String>,
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
            Arc::new(Mutex::new(store))
        });
        AppState { db_path, store }
    }

    /// The store, locked when its turn comes; the guard can go to another
    /// thread and is released when dropped.
    pub(crate) async fn lock_store(&self) -> Result<OwnedMutexGuard<Store>> {
        match &self.store {
            Ok(m) => Ok(Arc::clone(m).lock_owned().await),
            Err(message) => Err(Error::Invalid(message.clone())),
        }
    }

    /// Runs `work` on a blocking thread with the store locked for the whole of it.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let mut store = self.lock_store().await?;
        off_main_thread(move || work(&mut store)).await
    }
}

/// Runs `work` on Tauri's pool of blocking threads, never the main thread.
/// A panic there (a bug) leaves nothing half-written, since every write is one
/// transaction: it becomes an error for the window to show.
pub(crate) async fn off_main_thread<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Invalid(format!("程序内部错误，操作未完成：{e}")))?
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

/// Not `async`: it reads nothing but the state (and answers at once on the main thread).
#[tauri::command]
pub fn app_info(state: S<'_>) -> AppInfo {
    AppInfo { version: env!("CARGO_PKG_VERSION"), db_path: state.db_path.display().to_string() }
}

#[tauri::command]
pub async fn is_empty(state: S<'_>) -> Result<bool> {
    state.with_store(|s| s.is_empty()).await
}

#[tauri::command]
pub async fn years(state: S<'_>) -> Result<Vec<i32>> {
    state.with_store(|s| s.years()).await
}

#[tauri::command]
pub async fn units(state: S<'_>) -> Result<Vec<Unit>> {
    state.with_store(|s| s.units()).await
}

#[tauri::command]
pub async fn load_demo(state: S<'_>) -> Result<service::demo::DemoSummary> {
    state.with_store(service::demo::load_demo).await
}

#[tauri::command]
pub async fn evaluate(state: S<'_>, period: String, unit: Option<String>, project: Option<String>) -> Result<Evaluation> {
    let p = self::period(&period)?;
    state.with_store(move |s| service::evaluate(s, p, unit.as_deref(), project.as_deref())).await
}

#[tauri::command]
pub async fn projects(state: S<'_>, year: i32, unit: Option<String>) -> Result<Vec<Project>> {
    state.with_store(move |s| s.projects(Some(year), unit.as_deref())).await
}

#[tauri::command]
pub async fn project(state: S<'_>, year: i32, code: String) -> Result<Project> {
    state.with_store(move |s| s.project(year, &code)).await
}

#[tauri::command]
pub async fn indicators(state: S<'_>, project_id: i64) -> Result<Vec<Indicator>> {
    state.with_store(move |s| s.indicators(project_id)).await
}

#[tauri::command]
pub async fn actuals(state: S<'_>, project_id: i64, period: String) -> Result<HashMap<i64, Actual>> {
    let p = self::period(&period)?;
    state.with_store(move |s| s.actuals(project_id, p)).await
}

#[tauri::command]
pub async fn set_actual(state: S<'_>, indicator_id: i64, period: String, input: ActualInput) -> Result<Option<Actual>> {
    let p = self::period(&period)?;
    state.with_store(move |s| service::set_actual(s, indicator_id, p, &input)).await
}

#[tauri::command]
pub async fn all_spending(state: S<'_>, project_id: i64) -> Result<Vec<Spending>> {
    state.with_store(move |s| s.all_spending(project_id)).await
}

#[tauri::command]
pub async fn set_spending(state: S<'_>, project_id: i64, period: String, input: SpendingInput) -> Result<Option<Spending>> {
    let p = self::period(&period)?;
    state.with_store(move |s| service::set_spending(s, project_id, p, &input)).await
}

#[tauri::command]
pub async fn set_evaluation_texts(state: S<'_>, project_id: i64, texts: EvaluationTexts) -> Result<Project> {
    state.with_store(move |s| s.set_evaluation_texts(project_id, &texts)).await
}

#[tauri::command]
pub async fn settings(state: S<'_>) -> Result<Vec<SettingView>> {
    state.with_store(|s| Ok(service::all_settings(s)?.views())).await
}

/// `value: null` resets the setting to its default.
#[tauri::command]
pub async fn set_setting(state: S<'_>, key: String, value: Option<String>) -> Result<Vec<SettingView>> {
    state.with_store(move |s| Ok(service::set_setting(s, &key, value.as_deref())?.views())).await
}

#[derive(Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub projects: usize,
}

#[tauri::command]
pub async fn export_file(state: S<'_>, path: PathBuf, year: Option<i32>) -> Result<ExportSummary> {
    state
        .with_store(move |s| {
            let file = service::exchange::export_file(s, year, &path)?;
            Ok(ExportSummary { path, projects: file.projects.len() })
        })
        .await
}
