//! Checks of what is typed, without writing: the 编辑 screen's project header
//! checked whole (every field's error at once). Each calls one core function.

use jixiao::Result;
use jixiao::entry::{ProjectCheck, ProjectDraft};

use crate::commands::guard;

/// The project header as typed: the project to save, or every field's error
/// (`entry::check_project`). Not `async`: no database, no file.
#[tauri::command]
pub fn check_project(draft: ProjectDraft) -> Result<ProjectCheck> {
    guard(|| Ok(jixiao::entry::check_project(&draft)))
}
