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
use jixiao::exchange::ImportSummary;
use jixiao::service;
use jixiao::service::list::{ListQuery, ProjectPage};
use jixiao::model::{Actual, ActualInput, EvaluationTexts, Indicator, Project, Spending, SpendingInput, Unit};
use jixiao::scoring::{Evaluation, SettingView};
use jixiao::store::Store;
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;
use tokio::sync::{Mutex, OnceCell, OwnedMutexGuard};

/// The database the app works on, opened once, by the first command that
/// needs it, on a blocking thread: the window is on screen (saying 加载中)
/// while a large file is checked and backed up. If it could not be opened
/// (for instance, it was written by a newer program), every command answers
/// with that error, so the window can say why.
pub struct AppState {
    pub db_path: PathBuf,
    /// Whether the opening loads the sample bureau (asked for, and no file before this start).
    sample: bool,
    /// A fair lock: the commands get the store in the order they ask for it,
    /// as they did when they ran one after another on the main thread (a
    /// row's second save never overtakes its first; answers come in order).
    store: OnceCell<std::result::Result<Arc<Mutex<Store>>, String>>,
}

impl AppState {
    /// `db`, else the CLI's database. With `sample_on_first_start`, a database
    /// created by this start (no file before) gets the sample bureau, as
    /// `jixiao demo` would.
    pub fn open(db: Option<PathBuf>, sample_on_first_start: bool) -> Self {
        let db_path = db.unwrap_or_else(jixiao::default_db_path);
        let sample = sample_on_first_start && !db_path.exists();
        AppState { db_path, sample, store: OnceCell::new() }
    }

    fn open_store(path: &std::path::Path, sample: bool) -> std::result::Result<Arc<Mutex<Store>>, String> {
        let mut store = service::open(path).map_err(|e| e.to_string())?;
        if sample {
            // On failure the officer still gets the empty database and its welcome screen.
            if let Err(e) = service::demo::load_demo(&mut store) {
                eprintln!("jixiao: the sample bureau was not loaded: {e}");
            }
        }
        Ok(Arc::new(Mutex::new(store)))
    }

    /// The store (opened by the first caller, the others waiting for it),
    /// locked when its turn comes; the guard can go to another thread and is
    /// released when dropped.
    pub(crate) async fn lock_store(&self) -> Result<OwnedMutexGuard<Store>> {
        let opened = self
            .store
            .get_or_init(|| {
                let (path, sample) = (self.db_path.clone(), self.sample);
                async move {
                    tauri::async_runtime::spawn_blocking(move || Self::open_store(&path, sample))
                        .await
                        .unwrap_or_else(|e| Err(format!("程序内部错误，数据库未能打开：{e}")))
                }
            })
            .await;
        match opened {
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

/// One page of the 项目列表 (sorted, filtered and searched in the core).
#[tauri::command]
pub async fn project_page(state: S<'_>, query: ListQuery) -> Result<ProjectPage> {
    state.with_store(move |s| service::list::project_page(s, &query)).await
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

#[tauri::command]
pub async fn import_file(state: S<'_>, path: PathBuf) -> Result<ImportSummary> {
    state.with_store(move |s| service::exchange::import_file(s, &path)).await
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
