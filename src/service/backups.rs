//! Keeping an officer's work safe: automatic backups (first start of each
//! day, before every import and restore; the store takes one before a
//! migration), backup and restore by hand, and a restore over a database that
//! does not open.

use crate::error::{Error, Result};
use crate::progress::{self, Progress, Quiet};
use crate::scoring::{SettingDef, SettingView};
use crate::store::{self, BackupInfo, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept (the newest).
pub const BACKUP_KEEP: SettingDef = SettingDef { key: "backup_keep", default: "30", label: "自动备份保留份数（最近的几份）" };

/// The number of backups to keep, from its stored text.
fn keep(pairs: &[(String, String)]) -> usize {
    pairs.iter().find(|(k, _)| k == BACKUP_KEEP.key).and_then(|(_, v)| v.parse().ok()).unwrap_or(30)
}

/// Checks a value for `backup_keep`: a whole number from 1 to 1000.
pub fn check_keep(value: &str) -> Result<String> {
    match value.trim().parse::<u32>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n.to_string()),
        _ => Err(Error::Invalid(format!("{}：应为 1—1000 的整数，而不是“{value}”", BACKUP_KEEP.label))),
    }
}

/// The 设置 screen's row of `backup_keep`.
pub fn keep_view(pairs: &[(String, String)]) -> SettingView {
    SettingView { key: BACKUP_KEEP.key, value: keep(pairs).to_string(), default: BACKUP_KEEP.default, label: BACKUP_KEEP.label }
}

/// Backs the database up beside itself and keeps the newest `backup_keep`.
/// Nothing for an in-memory store.
pub fn auto_backup(store: &Store, why: &str) -> Result<Option<PathBuf>> {
    let Some(path) = store.auto_backup(why)? else { return Ok(None) };
    if let Some(db) = store.path() {
        store::prune_backups(db, keep(&store.setting_pairs()?))?;
    }
    Ok(Some(path))
}

/// [`daily_backup`] through a read-only connection of its own to the
/// database at `db`, so that a store open on it for writing goes on answering
/// (and writing) while the copy is made. Returns the copy, if one was due.
pub fn daily_backup_beside(db: &Path) -> Result<Option<PathBuf>> {
    daily_backup(&Store::open_reader(db)?)
}

/// The first start of a day backs up a database that holds anything.
pub(crate) fn daily_backup(store: &Store) -> Result<Option<PathBuf>> {
    let Some(db) = store.path() else { return Ok(None) };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let done_today = store::list_backups(db)?.iter().any(|b| b.taken_at.starts_with(&today));
    if done_today || store.is_empty()? {
        return Ok(None);
    }
    auto_backup(store, "daily")
}

/// The backups of the database, newest first, with date, size and project count.
pub fn backups(store: &Store) -> Result<Vec<BackupInfo>> {
    let Some(db) = store.path() else { return Ok(Vec::new()) };
    let mut list = store::list_backups(db)?;
    store::count_projects(&mut list);
    Ok(list)
}

/// Writes a copy of the database to `dest` (`jixiao backup -o FILE`).
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    backup_to_with(store, dest, &Quiet)
}

/// [`backup_to`], reporting its two steps (copy, check); not cancellable:
/// the first step writes.
pub fn backup_to_with(store: &Store, dest: &Path, p: &dyn Progress) -> Result<()> {
    progress::writing(p, 0, 2, "正在复制数据库");
    store.backup_to(dest)?;
    // the copy must open as a good database before we say it is one
    progress::writing(p, 1, 2, "正在检查备份文件");
    store::probe(dest, false).map(|_| ())?;
    progress::writing(p, 2, 2, "备份完成");
    Ok(())
}

/// Replaces the database with the backup at `src`: the file is checked first
/// (ours, not newer, `integrity_check` ok), the current database is backed up,
/// then the backup's content is copied in. Returns the database reopened (and
/// migrated if the backup was older) and the backup taken before.
pub fn restore(store: Store, src: &Path) -> Result<(Store, Option<PathBuf>)> {
    restore_with(store, src, &Quiet)
}

/// [`restore`], reporting its four steps: checking the backup (cancellable:
/// nothing is written yet), backing the current data up, copying the backup
/// in, opening it.
fn restore_with(store: Store, src: &Path, p: &dyn Progress) -> Result<(Store, Option<PathBuf>)> {
    progress::checkpoint(p, 0, 4, "正在检查备份文件")?;
    store::probe(src, false)?;
    progress::checkpoint(p, 1, 4, "备份文件完好")?;
    progress::writing(p, 1, 4, "正在备份当前数据");
    let before = auto_backup(&store, "before-restore")?;
    let path = store.path().map(Path::to_path_buf);
    let mut store = store;
    progress::writing(p, 2, 4, "正在恢复数据");
    store.overwrite_from(src)?;
    progress::writing(p, 3, 4, "正在打开恢复后的数据库");
    let store = match path {
        Some(p) => {
            drop(store);
            super::open(&p)?
        }
        None => store,
    };
    Ok((store, before))
}

/// Restores the backup `src` over a database that does not open (damaged, or
/// not a database): the damaged file is set aside untouched (renamed
/// `<file>.damaged-<stamp>`), the backup copied in its place, and opened.
/// A database that opens, or one written by a newer program, is refused:
/// those are restored with [`restore`] or opened by the newer program.
/// Returns the store and where the damaged file went.
pub fn restore_damaged(db: &Path, src: &Path) -> Result<(Store, PathBuf)> {
    store::probe(src, false)?;
    if db.is_file() {
        match store::probe(db, true) {
            Err(Error::Damaged { .. } | Error::Invalid(_)) => {}
            Err(e) => return Err(e),
            Ok(_) => return Err(Error::Invalid("数据库完好，无需从损坏中恢复；如需恢复备份，请在「备份与恢复」中操作".into())),
        }
    }
    let aside = store::replace_damaged(db, src)?;
    Ok((super::open(db)?, aside))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Restored {
    /// The backup of the data as it was before (a database that opened).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub before: Option<PathBuf>,
    /// Where a database that did not open was set aside, untouched.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub set_aside: Option<PathBuf>,
}

/// Restores the backup `src` over the database at `db`, as the CLI's
/// `restore` and the app's 恢复 do: `current` is the store when the database
/// opened, `None` when it did not. An open database is backed up first
/// ([`restore`]); one that did not open is set aside untouched
/// ([`restore_damaged`], which refuses a file that opens after all or that a
/// newer program wrote). Returns what was done, and the store of the result:
/// the restored database, or, when the restore failed, the file opened again
/// as it now is (its error if it still does not open).
pub fn restore_over(db: &Path, current: Option<Store>, src: &Path) -> (Result<Restored>, Result<Store>) {
    restore_over_with(db, current, src, &Quiet)
}

/// [`restore_over`], reporting its progress; cancelled while the backup is
/// checked, nothing is written and the database is opened again as it was.
pub fn restore_over_with(db: &Path, current: Option<Store>, src: &Path, p: &dyn Progress) -> (Result<Restored>, Result<Store>) {
    let done = match current {
        Some(store) => restore_with(store, src, p).map(|(store, before)| (store, Restored { before, set_aside: None })),
        None => {
            progress::writing(p, 0, 1, "正在恢复数据");
            restore_damaged(db, src)
        }
        .map(|(store, aside)| (store, Restored { before: None, set_aside: Some(aside) })),
    };
    match done {
        Ok((store, restored)) => (Ok(restored), Ok(store)),
        // the store was handed over: open the file again, as it is now
        Err(e) => (Err(e), super::open(db)),
    }
}

/// The newest backup of the database at `db` that checks and this program can
/// read: what a start that failed offers instead.
pub fn newest_good_backup(db: &Path) -> Option<PathBuf> {
    crate::store::newest_good_backup(db)
}

/// Checks the database file at `path` whole (`integrity_check`), read-only:
/// a database of this program, readable by it, intact.
pub fn check_file(path: &Path) -> Result<()> {
    crate::store::probe(path, false).map(|_| ())
}

/// Whether the database at `db` was closed cleanly by this program and not
/// changed since (its next open skips the check).
pub fn closed_cleanly(db: &Path) -> bool {
    crate::store::closed_cleanly(db)
}
