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
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jixiao::Error;
use jixiao::service;
use jixiao::service::list::{ListQuery, ProjectPage};
use jixiao::model::{Actual, ActualInput, EvaluationTexts, Indicator, Project, Spending, SpendingInput, Unit};
use jixiao::scoring::{Evaluation, ProjectEvaluation, SettingView};
use jixiao::service::{Store, records};
use jixiao::{Period, Result};
use serde::Serialize;
use tauri::State;
use tokio::sync::{Mutex, OwnedMappedMutexGuard, OwnedMutexGuard};

/// Why the database did not open at start (damaged, not a database, written
/// by a newer program), for the window to say so and offer the newest good
/// backup instead of a dead app.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/src/generated/"))]
pub struct StartProblem {
    pub kind: String,
    pub message: String,
    /// The newest backup that checks (and this program can read), when the
    /// file is damaged, not a database, or from a newer program.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
}

impl StartProblem {
    pub(crate) fn new(db: &Path, e: &Error) -> Self {
        let backup = match e {
            Error::Damaged { backup, .. } => backup.clone(),
            // not a database of ours, or one a newer program wrote: a backup
            // this program can read is offered too (the file stays as it is)
            Error::Invalid(_) | Error::TooNew { .. } => service::backups::newest_good_backup(db),
            _ => None,
        };
        StartProblem { kind: e.kind().to_string(), message: e.to_string(), backup }
    }

    /// What the slot says while a restore replaces the store.
    pub(crate) fn restoring() -> Self {
        StartProblem { kind: "restoring".into(), message: "正在从备份恢复，请稍候".into(), backup: None }
    }
}

/// The open store, or why there is none.
pub(crate) type Slot = std::result::Result<Store, StartProblem>;

/// The database the app works on, opened by the first command that needs it,
/// on a blocking thread: the window is on screen (saying 加载中) while a large
/// file is checked and backed up; opened again after a restore. If it could
/// not be opened, every command answers with that error and `start_problem`
/// says why, so the window can offer a backup.
pub struct AppState {
    pub db_path: PathBuf,
    /// Whether the opening loads the sample bureau (asked for, and no file before this start).
    sample: bool,
    /// A fair lock: the commands get the store in the order they ask for it,
    /// as they did when they ran one after another on the main thread (a
    /// row's second save never overtakes its first; answers come in order).
    /// `None` until the first command opens it.
    store: Arc<Mutex<Option<Slot>>>,
    /// The running long task's cancel flag (`tasks.rs`).
    pub(crate) tasks: crate::tasks::Tasks,
}

impl AppState {
    /// The app on `db_path`. With `sample_on_first_start`, a database created
    /// by this start (no file before) gets the sample bureau, as `jixiao demo` would.
    pub fn open(db_path: PathBuf, sample_on_first_start: bool) -> Self {
        let sample = sample_on_first_start && !db_path.exists();
        AppState { db_path, sample, store: Arc::new(Mutex::new(None)), tasks: Default::default() }
    }

    fn open_slot(db_path: &Path, sample: bool) -> Slot {
        let slot = service::open_leaving_daily_backup(db_path).map_err(|e| StartProblem::new(db_path, &e)).map(|mut store| {
            if sample {
                // On failure the officer still gets the empty database and its welcome screen.
                if let Err(e) = service::demo::load_demo(&mut store) {
                    eprintln!("jixiao: the sample bureau was not loaded: {e}");
                }
            }
            store
        });
        if slot.is_ok() {
            // the day's first copy is made beside the open store, through a
            // connection of its own: the first answer does not wait for it
            let db = db_path.to_path_buf();
            std::thread::spawn(move || match guard(|| service::backups::daily_backup_beside(&db)) {
                Ok(Some(copy)) => eprintln!("jixiao-app: daily backup {}", copy.display()),
                Ok(None) => {}
                Err(e) => eprintln!("jixiao: 今日自动备份失败：{e}"),
            });
        }
        slot
    }

    /// Closes the database, waiting a little for a command that holds it, so
    /// that the file is marked as cleanly closed (its next open is not
    /// checked). Called when the app exits.
    pub fn close(&self) {
        for _ in 0..50 {
            if let Ok(mut slot) = self.store.try_lock() {
                drop(slot.take());
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        eprintln!("jixiao-app: the database was busy at exit; its next open checks it");
    }

    /// The slot, locked when its turn comes, opened first if no command has yet.
    async fn slot(&self) -> OwnedMappedMutexGuard<Option<Slot>, Slot> {
        let mut guard = Arc::clone(&self.store).lock_owned().await;
        if guard.is_none() {
            let (path, sample) = (self.db_path.clone(), self.sample);
            let slot = tauri::async_runtime::spawn_blocking(move || guard_open(&path, sample)).await.unwrap_or_else(|e| {
                Err(StartProblem { kind: "invalid".into(), message: format!("程序内部错误，数据库未能打开：{e}"), backup: None })
            });
            *guard = Some(slot);
        }
        OwnedMutexGuard::map(guard, |s| s.get_or_insert_with(|| Err(StartProblem::restoring())))
    }

    /// The store, locked when its turn comes; the guard can go to another
    /// thread and is released when dropped.
    pub(crate) async fn lock_store(&self) -> Result<OwnedMappedMutexGuard<Option<Slot>, Store>> {
        let slot = self.slot().await;
        OwnedMappedMutexGuard::try_map(slot, |s| s.as_mut().ok()).map_err(|slot| match &*slot {
            Err(problem) => Error::Invalid(problem.message.clone()),
            Ok(_) => Error::Invalid("数据库未打开".into()),
        })
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

    /// Runs `work` on a blocking thread over the store or why there is none
    /// (a restore replaces it).
    pub(crate) async fn with_slot<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Slot, &Path) -> Result<T> + Send + 'static,
    {
        let mut slot = self.slot().await;
        let db = self.db_path.clone();
        off_main_thread(move || work(&mut slot, &db)).await
    }
}

/// Opens the store under [`guard`]: a panic while opening is a start problem too.
fn guard_open(path: &Path, sample: bool) -> Slot {
    match guard(|| Ok(AppState::open_slot(path, sample))) {
        Ok(slot) => slot,
        Err(e) => Err(StartProblem::new(path, &e)),
    }
}

/// Runs `work`, turning a panic (a bug: no input should reach one) into a
/// Chinese error for the window, which stays usable. The panic is logged on
/// stderr (by the panic hook, with its place, and here). Nothing half-written
/// stays: every write is one transaction, rolled back when it unwinds.
pub(crate) fn guard<T>(work: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("jixiao-app: a command panicked: {what}");
        Err(Error::Invalid(format!(
            "程序内部错误，本次操作未完成，已保存的数据不受影响。请重试；如仍出错，请联系技术支持（错误信息：{what}）"
        )))
    })
}

/// Runs `work` on Tauri's pool of blocking threads, never the main thread,
/// under [`guard`]: a panic there becomes an error for the window to show.
pub(crate) async fn off_main_thread<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || guard(work))
        .await
        .map_err(|e| Error::Invalid(format!("程序内部错误，本次操作未完成：{e}")))?
}

type S<'a> = State<'a, AppState>;

/// `app_info`: the program's version and the database it works on.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/src/generated/"))]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
}

/// Not `async`: it reads nothing but the state (and answers at once on the main thread).
#[tauri::command]
pub fn app_info(state: S<'_>) -> Result<AppInfo> {
    guard(|| Ok(AppInfo { version: env!("CARGO_PKG_VERSION"), db_path: state.db_path.display().to_string() }))
}

#[tauri::command]
pub async fn is_empty(state: S<'_>) -> Result<bool> {
    state.with_store(|s| records::is_empty(s)).await
}

#[tauri::command]
pub async fn years(state: S<'_>) -> Result<Vec<i32>> {
    state.with_store(|s| records::years(s)).await
}

#[tauri::command]
pub async fn units(state: S<'_>) -> Result<Vec<Unit>> {
    state.with_store(|s| records::units(s)).await
}

#[tauri::command]
pub async fn load_demo(state: S<'_>) -> Result<service::demo::DemoSummary> {
    state.with_store(service::demo::load_demo).await
}

#[tauri::command]
pub async fn evaluate(state: S<'_>, period: Period, unit: Option<String>, project: Option<String>) -> Result<Evaluation> {
    state.with_store(move |s| service::evaluate(s, period, unit.as_deref(), project.as_deref())).await
}

/// One page of the 项目列表 (sorted, filtered and searched in the core).
#[tauri::command]
pub async fn project_page(state: S<'_>, query: ListQuery) -> Result<ProjectPage> {
    state.with_store(move |s| service::list::project_page(s, &query)).await
}

#[tauri::command]
pub async fn projects(state: S<'_>, year: i32, unit: Option<String>) -> Result<Vec<Project>> {
    state.with_store(move |s| records::projects(s, Some(year), unit.as_deref())).await
}

#[tauri::command]
pub async fn project(state: S<'_>, year: i32, code: String) -> Result<Project> {
    state.with_store(move |s| records::project(s, year, &code)).await
}

#[tauri::command]
pub async fn indicators(state: S<'_>, project_id: i64) -> Result<Vec<Indicator>> {
    state.with_store(move |s| records::indicators(s, project_id)).await
}

#[tauri::command]
pub async fn actuals(state: S<'_>, project_id: i64, period: Period) -> Result<HashMap<i64, Actual>> {
    state.with_store(move |s| records::actuals(s, project_id, period)).await
}

/// Saves an actual; a value that looks like a typo is refused (`doubtful`,
/// naming each doubt) unless `force`: the window asks, then saves with `force`.
#[tauri::command]
/// Saves one 填报 cell and answers with the project's new evaluation.
pub async fn set_actual(state: S<'_>, indicator_id: i64, period: Period, input: ActualInput, force: bool) -> Result<ProjectEvaluation> {
    state.with_store(move |s| service::saving::save_actual(s, indicator_id, period, &input, force).map(|o| o.evaluation)).await
}

#[tauri::command]
pub async fn all_spending(state: S<'_>, project_id: i64) -> Result<Vec<Spending>> {
    state.with_store(move |s| records::all_spending(s, project_id)).await
}

/// Saves the spending of a quarter; an amount that looks like a typo is
/// refused (`doubtful`) unless `force`, as [`set_actual`].
#[tauri::command]
pub async fn set_spending(state: S<'_>, project_id: i64, period: Period, input: SpendingInput, force: bool) -> Result<Option<Spending>> {
    state.with_store(move |s| service::saving::save_spending(s, project_id, period, &input, force).map(|o| o.record)).await
}

#[tauri::command]
pub async fn set_evaluation_texts(state: S<'_>, project_id: i64, texts: EvaluationTexts) -> Result<Project> {
    state.with_store(move |s| service::editing::set_evaluation_texts(s, project_id, &texts)).await
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

/// `export_file`: where the file went and how many projects it holds.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/src/generated/"))]
pub struct ExportSummary {
    #[cfg_attr(test, ts(type = "string"))]
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
