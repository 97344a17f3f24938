//! The commands of 绩效目标审核 on screen (issue 13): a project's findings
//! beside its rows in 项目详情 and, as the table is typed, in 编辑; 已知悉 with
//! a note. The rules and the notes are the core's (`service::review`).

use jixiao::Result;
use jixiao::review::{Acknowledgement, Finding};
use jixiao::service::review::{self, DraftRow, ShownReview};
use tauri::State;

use crate::commands::AppState;

type S<'a> = State<'a, AppState>;

/// The stored project's review (项目详情, and 编辑 when it opens).
#[tauri::command]
pub async fn review_project(state: S<'_>, project_id: i64) -> Result<ShownReview> {
    state.with_store(move |s| review::shown(s, project_id)).await
}

/// The review of the table as it is typed in 编辑, saved or not.
#[tauri::command]
pub async fn review_draft(state: S<'_>, project_id: i64, rows: Vec<DraftRow>) -> Result<ShownReview> {
    state.with_store(move |s| review::shown_draft(s, project_id, &rows)).await
}

/// Marks a finding the project has now as 已知悉, with a note (required).
#[tauri::command]
pub async fn acknowledge_finding(state: S<'_>, project_id: i64, finding: Finding, note: String) -> Result<Acknowledgement> {
    state.with_store(move |s| review::acknowledge(s, project_id, &finding, &note)).await
}

/// Takes a finding's 已知悉 back.
#[tauri::command]
pub async fn unacknowledge_finding(state: S<'_>, project_id: i64, finding: Finding) -> Result<bool> {
    state.with_store(move |s| review::unacknowledge(s, project_id, &finding)).await
}
