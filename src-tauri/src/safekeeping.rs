//! The commands of keeping an officer's work (issue 12): 备份与恢复, a start
//! on a damaged database, the history of a cell or a project, and 报送 (locking
//! a submitted quarter). Each one calls `jixiao::service::{backups, history,
//! submissions}`.

use std::path::{Path, PathBuf};

use jixiao::model::Submission;
use jixiao::service::backups::{self, Restored};
use jixiao::service::history::{self, HistoryEntry};
use jixiao::service::{BackupInfo, submissions};
use jixiao::{Period, Result};
use tauri::ipc::JavaScriptChannelId;
use tauri::{State, Webview};

use crate::commands::{AppState, Slot, StartProblem, guard};

type S<'a> = State<'a, AppState>;

/// Why the database did not open at start, if it did not (the window then
/// offers the newest good backup, or to quit).
#[tauri::command]
pub async fn start_problem(state: S<'_>) -> Result<Option<StartProblem>> {
    state.with_slot(|slot, _| Ok(slot.as_ref().err().cloned())).await
}

/// The backups beside the database, newest first (time, why, size, projects).
#[tauri::command]
pub async fn backups(state: S<'_>) -> Result<Vec<BackupInfo>> {
    state.with_store(|s| backups::backups(s)).await
}

/// 立即备份: a backup into the backup folder; returns its path.
#[tauri::command]
pub async fn backup_now(state: S<'_>) -> Result<Option<PathBuf>> {
    state.with_store(|s| backups::auto_backup(s, "manual")).await
}

/// 另存备份…: a copy of the database to `path` (chosen in the save dialog).
#[tauri::command]
pub async fn backup_to(state: S<'_>, path: PathBuf, webview: Webview, on_progress: Option<JavaScriptChannelId>) -> Result<()> {
    let task = state.tasks.start(webview, on_progress);
    state.with_store(move |s| backups::backup_to_with(s, &path, &task)).await
}

/// Replaces the database with the backup at `path`: the file is checked
/// first, the current data backed up (or, when it is damaged, set aside as it
/// is); then every command works on the restored data.
#[tauri::command]
pub async fn restore_backup(state: S<'_>, path: PathBuf, webview: Webview, on_progress: Option<JavaScriptChannelId>) -> Result<Restored> {
    let task = state.tasks.start(webview, on_progress);
    state.with_slot(move |slot, db| restore_into(slot, db, &path, &task)).await
}

/// Restores `backup` over the database `db` whose store (or why it did not
/// open) is `slot`, and leaves in `slot` the store of the result: the restored
/// data, or, when the restore failed, the file opened again as it is.
pub(crate) fn restore_into(slot: &mut Slot, db: &Path, backup: &Path, progress: &dyn jixiao::progress::Progress) -> Result<Restored> {
    let was = std::mem::replace(slot, Err(StartProblem::restoring()));
    let (outcome, store) = backups::restore_over_with(db, was.ok(), backup, progress);
    *slot = store.map_err(|e| StartProblem::new(db, &e));
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao::service;

    #[test]
    fn a_damaged_start_names_the_newest_good_backup_and_restoring_it_opens_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        let good = dir.path().join("good.sqlite3");
        {
            let mut store = service::open(&db).unwrap();
            service::demo::load_demo(&mut store).unwrap();
            backups::auto_backup(&store, "manual").unwrap();
            backups::backup_to(&store, &good).unwrap();
        }
        let bytes = std::fs::read(&good).unwrap();
        std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
        for side in ["db.sqlite3-wal", "db.sqlite3-shm"] {
            let _ = std::fs::remove_file(dir.path().join(side));
        }
        let mut slot: Slot = service::open(&db).map_err(|e| StartProblem::new(&db, &e));
        let problem = slot.as_ref().err().cloned().expect("a damaged file does not open");
        assert_eq!(problem.kind, "damaged", "{}", problem.message);
        let backup = problem.backup.expect("the newest good backup is offered");
        assert!(backup.to_string_lossy().contains("manual"), "{}", backup.display());
        // a file that is not a backup changes nothing
        let junk = dir.path().join("junk.sqlite3");
        std::fs::write(&junk, b"not a database").unwrap();
        assert!(restore_into(&mut slot, &db, &junk, &jixiao::progress::Quiet).is_err());
        assert!(slot.is_err(), "still the damaged file");
        let done = restore_into(&mut slot, &db, &backup, &jixiao::progress::Quiet).unwrap();
        assert!(done.set_aside.is_some() && done.before.is_none());
        let store = slot.as_ref().expect("the restored database is open");
        assert!(!jixiao::service::records::is_empty(&store).unwrap());
        // and on an open store: the data before is backed up first
        let done = restore_into(&mut slot, &db, &good, &jixiao::progress::Quiet).unwrap();
        assert!(done.before.is_some() && slot.is_ok());
    }

    #[test]
    fn a_database_from_a_newer_program_offers_a_readable_backup_and_stays_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        {
            let mut store = service::open(&db).unwrap();
            service::demo::load_demo(&mut store).unwrap();
            backups::auto_backup(&store, "manual").unwrap();
        }
        // the header's user_version (bytes 60–63, big-endian): the schema a newer program wrote
        let mut bytes = std::fs::read(&db).unwrap();
        bytes[60..64].copy_from_slice(&(jixiao::service::records::schema_version() as u32 + 1).to_be_bytes());
        std::fs::write(&db, &bytes).unwrap();
        let before = std::fs::read(&db).unwrap();
        let slot: Slot = service::open(&db).map_err(|e| StartProblem::new(&db, &e));
        let problem = slot.err().expect("a newer database does not open");
        assert_eq!(problem.kind, "too_new", "{}", problem.message);
        assert!(problem.message.contains("新版本"), "{}", problem.message);
        assert!(problem.backup.expect("a backup this program reads").to_string_lossy().contains("manual"));
        assert_eq!(std::fs::read(&db).unwrap(), before, "the newer file was written to");
    }
}

/// The history of one indicator (the 填报 cell's 历史), oldest first.
#[tauri::command]
pub async fn indicator_history(state: S<'_>, indicator_id: i64) -> Result<Vec<HistoryEntry>> {
    state.with_store(move |s| history::indicator_history(s, indicator_id)).await
}

/// The history of a project (项目详情), oldest first.
#[tauri::command]
pub async fn project_history(state: S<'_>, project_id: i64) -> Result<Vec<HistoryEntry>> {
    state.with_store(move |s| history::project_history(s, project_id)).await
}

/// The project's submitted (报送) quarters, locked or unlocked since.
#[tauri::command]
pub async fn submissions(state: S<'_>, project_id: i64) -> Result<Vec<Submission>> {
    state.with_store(move |s| jixiao::service::records::submissions(s, project_id)).await
}

/// 报送: locks `period` of the project `code` of `year`.
#[tauri::command]
pub async fn submit_period(state: S<'_>, year: i32, code: String, period: Period) -> Result<usize> {
    state
        .with_store(move |s| {
            period.check_in_year(year)?;
            Ok(submissions::submit(s, period, Some(&code), None)?.len())
        })
        .await
}

/// 解锁: unlocks `period` of the project; the reason is required and kept in the history.
#[tauri::command]
pub async fn unlock_period(state: S<'_>, year: i32, code: String, period: Period, reason: String) -> Result<usize> {
    state
        .with_store(move |s| {
            period.check_in_year(year)?;
            submissions::unlock(s, period, Some(&code), None, &reason)
        })
        .await
}

/// 退出: the damaged-database dialog's way out.
#[tauri::command]
pub fn quit(app: tauri::AppHandle) -> Result<()> {
    guard(|| {
        app.exit(0);
        Ok(())
    })
}
