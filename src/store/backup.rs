//! Copies of the database beside it (`<file>.backups/`), made with SQLite's
//! online backup API (a consistent snapshot while others may read or write),
//! and the checks a file passes before it is restored or opened: ours, not
//! newer than this program, `integrity_check` ok. A damaged file is only ever
//! opened read-only.

use super::clean::beside;
use super::{APPLICATION_ID, Store, schema_version};
use crate::error::{Error, Result};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::ffi::c_int;
use std::time::Duration;

/// One backup file.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct BackupInfo {
    #[cfg_attr(test, ts(type = "string"))]
    pub path: PathBuf,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS` (from its name).
    pub taken_at: String,
    /// Why: `daily`, `before-import`, `before-restore`, `before-migration`, `manual`.
    pub why: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub bytes: u64,
    /// Projects in it; `None` when the file cannot be read.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub projects: Option<i64>,
}

/// What a file holds, read without writing to it.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The schema version the file is at.
    #[allow(dead_code)]
    pub version: i64,
    pub projects: i64,
}

/// The folder of the backups of the database at `db`.
pub(crate) fn backup_dir(db: &Path) -> PathBuf {
    beside(db, ".backups")
}

/// Copies the open database `conn` to `dest` with the online backup API.
fn copy_out(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = dest.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut out = Connection::open(&tmp)?;
        let backup = Backup::new(conn, &mut out)?;
        // every page in one step: one read transaction, a consistent snapshot
        // that a writer on another connection does not restart (in steps, each
        // write elsewhere would start the copy over)
        backup.run_to_completion(c_int::MAX, Duration::from_millis(50), None)?;
    }
    std::fs::rename(&tmp, dest)?;
    Ok(())
}

/// Takes a backup named `<stamp>-<why>.sqlite3` in the backup folder of `db`.
pub(crate) fn backup_beside(conn: &Connection, db: &Path, why: &str) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let dest = backup_dir(db).join(format!("{stamp}-{why}.sqlite3"));
    copy_out(conn, &dest)?;
    Ok(dest)
}

/// Opens `path` read-only and checks that it is a database of this program
/// that this program can read and that SQLite finds intact (`quick_check`
/// when `quick`, else `integrity_check`). Writes nothing, ever.
pub(crate) fn probe(path: &Path, quick: bool) -> Result<Probe> {
    let damaged = |why: String| Error::Damaged { path: path.to_path_buf(), why, backup: None };
    if !path.is_file() {
        return Err(Error::NotFound(format!("文件“{}”不存在", path.display())));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let (app_id, version) = match super::header(&conn) {
        Ok(h) => h,
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase => {
            return Err(Error::Invalid(format!("“{}”不是本程序的数据库（不是 SQLite 文件，或已严重损坏）", path.display())));
        }
        Err(e) => return Err(damaged(e.to_string())),
    };
    let not_ours = || Error::Invalid(format!("“{}”不是本程序的数据库，未做任何改动", path.display()));
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    if version > schema_version() {
        return Err(Error::TooNew { found: version, supported: schema_version() });
    }
    if version == 0 {
        // a new, empty file (created, never migrated) is ours to set up; one
        // with tables of its own is another program's
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(|e| damaged(e.to_string()))?;
        return if tables == 0 { Ok(Probe { version, projects: 0 }) } else { Err(not_ours()) };
    }
    let check: String = conn
        .query_row(if quick { "PRAGMA quick_check(1)" } else { "PRAGMA integrity_check(1)" }, [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if check != "ok" {
        return Err(damaged(check));
    }
    let projects = conn.query_row("SELECT count(*) FROM projects", [], |r| r.get(0)).map_err(|e| damaged(e.to_string()))?;
    Ok(Probe { version, projects })
}

/// The backups of the database at `db`, newest first (`projects` not yet
/// counted: [`count_projects`] opens each).
pub(crate) fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".sqlite3")).map(str::to_string) else { continue };
        let name = name.as_str();
        // 20231231-235959.123-why
        let (date, rest) = name.split_at(name.find('-').unwrap_or(0));
        let rest = rest.trim_start_matches('-');
        let (time, why) = rest.split_once('-').unwrap_or((rest, ""));
        if date.len() != 8 || time.len() < 6 || !date.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let taken_at = format!("{}-{}-{} {}:{}:{}", &date[..4], &date[4..6], &date[6..], &time[..2], &time[2..4], &time[4..6]);
        let bytes = e.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo { path, taken_at, why: why.to_string(), bytes, projects: None });
    }
    out.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(out)
}

/// Counts the projects of each backup (read-only; `None` for a file that does not check).
pub(crate) fn count_projects(list: &mut [BackupInfo]) {
    for b in list {
        b.projects = probe(&b.path, true).ok().map(|p| p.projects);
    }
}

/// Removes the oldest backups beyond the newest `keep`.
pub(crate) fn prune_backups(db: &Path, keep: usize) -> Result<usize> {
    let all = list_backups(db)?;
    let mut removed = 0;
    for b in all.iter().skip(keep.max(1)) {
        std::fs::remove_file(&b.path)?;
        removed += 1;
    }
    Ok(removed)
}

/// The newest backup of `db` that passes [`probe`], if any.
pub(crate) fn newest_good_backup(db: &Path) -> Option<PathBuf> {
    list_backups(db).ok()?.into_iter().find(|b| probe(&b.path, false).is_ok()).map(|b| b.path)
}

/// Sets the damaged database at `db` aside, renamed with its `-wal` and
/// `-shm` files to `<file>.damaged-<stamp>…` (kept as it is, never written to),
/// and puts a copy of `src` (already probed) in its place. Returns where the
/// damaged file went.
pub(crate) fn replace_damaged(db: &Path, src: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = beside(db, &format!(".damaged-{stamp}"));
    // the copy is complete before anything is moved
    let tmp = beside(db, ".restoring");
    std::fs::copy(src, &tmp)?;
    // opened for writing: Windows flushes only a handle that may write (a read-only one is access denied)
    std::fs::OpenOptions::new().write(true).open(&tmp)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let side = beside(db, suffix);
        if side.exists() {
            std::fs::rename(&side, beside(db, &format!(".damaged-{stamp}{suffix}")))?;
        }
    }
    super::clean::forget(db);
    if db.exists() {
        std::fs::rename(db, &aside)?;
    }
    std::fs::rename(&tmp, db)?;
    Ok(aside)
}

impl Store {
    /// Copies the whole database to `dest` (a consistent snapshot, online).
    pub(crate) fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_out(self.conn(), dest)
    }

    /// Backs the database up beside itself, in `<file>.backups/`. Returns the
    /// backup's path (none for an in-memory store).
    pub(crate) fn auto_backup(&self, why: &str) -> Result<Option<PathBuf>> {
        match self.path() {
            Some(path) => Ok(Some(backup_beside(self.conn(), path, why)?)),
            None => Ok(None),
        }
    }

    /// Replaces this database's content with the (probed) file at `src`, in
    /// place, with the online backup API. The caller backs up first.
    pub(crate) fn overwrite_from(&mut self, src: &Path) -> Result<()> {
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let backup = Backup::new(&from, &mut self.conn)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        Ok(())
    }
}
