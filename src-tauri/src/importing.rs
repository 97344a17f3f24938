//! The commands of 导入: a file of any format read into a preview (nothing
//! written), the preview edited by the officer checked again, then imported
//! all-or-nothing (`service::exchange::import`, which backs the database up
//! first); and the blank 绩效目标表 workbook (下载模板). Each one calls the core.

use std::path::PathBuf;

use jixiao::Result;
use jixiao::exchange::{File, ImportSummary};
use jixiao::import::preview::Preview;
use jixiao::import::{Format, ImportOptions};
use jixiao::service;
use tauri::ipc::JavaScriptChannelId;
use tauri::{State, Webview};

use crate::commands::{AppState, off_main_thread};

type S<'a> = State<'a, AppState>;

/// What the file would import. `year` and `unit` are used where the file does
/// not say (the year being worked on; the unit chosen); `format` is guessed
/// from the file when not given; `code` names a project read from prose.
#[tauri::command]
pub async fn import_preview(
    state: S<'_>,
    path: PathBuf,
    format: Option<Format>,
    year: Option<i32>,
    unit: Option<String>,
    code: Option<String>,
    webview: Webview,
    on_progress: Option<JavaScriptChannelId>,
) -> Result<Preview> {
    let opts = ImportOptions { year, unit, code, name: None };
    let task = state.tasks.start(webview, on_progress);
    state.with_store(move |s| service::exchange::preview_file_with(s, &path, format, &opts, &task)).await
}

/// The preview of a file the officer has edited in the preview.
#[tauri::command]
pub async fn import_recheck(state: S<'_>, file: File) -> Result<Preview> {
    state.with_store(move |s| service::exchange::preview(s, file)).await
}

/// Imports the (edited) file: all of it or nothing, the database backed up
/// first. `accept_doubtful`: the officer has confirmed the targets the
/// preview marked as stating no direction (`PreviewIndicator::direction_guessed`).
/// Its progress goes to `on_progress`; cancelled before the writing begins,
/// nothing is written.
#[tauri::command]
pub async fn import_confirm(
    state: S<'_>,
    file: File,
    accept_doubtful: Option<bool>,
    webview: Webview,
    on_progress: Option<JavaScriptChannelId>,
) -> Result<ImportSummary> {
    let task = state.tasks.start(webview, on_progress);
    state.with_store(move |s| service::exchange::import_previewed_with(s, &file, accept_doubtful == Some(true), &task)).await
}

/// Writes the blank 绩效目标表 workbook to `path` (one project sheet).
#[tauri::command]
pub async fn import_template(path: PathBuf) -> Result<PathBuf> {
    off_main_thread(move || jixiao::import::template::write_template(&path, 1).map(|()| path)).await
}
