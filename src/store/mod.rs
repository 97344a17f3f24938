//! The SQLite store: the only code that reads or writes the database. It checks
//! the schema version before touching a file, applies the embedded migrations,
//! and wraps every write in one transaction that names who is writing, so the
//! change-log triggers record it.

mod acknowledgements;
mod actuals;
mod indicators;
mod projects;
mod settings;
mod spending;
mod units;


mod backup;
mod clean;
mod batch;
mod summaries;
mod year;
mod history;
mod plans;
mod submissions;
mod kept;

pub(crate) use clean::closed_cleanly;
pub use backup::BackupInfo;
pub(crate) use backup::{count_projects, list_backups, newest_good_backup, probe, prune_backups, replace_damaged};

pub(crate) use acknowledgements::AckRecord;
pub(crate) use summaries::{ProjectIdQuery, ProjectOrder};
pub(crate) use year::ProjectRows;
pub(crate) use kept::Kept;

use crate::error::{Error, Result};
use include_dir::{Dir, include_dir};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;

static MIGRATION_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// `application_id` in the SQLite header: "JXiao".
const APPLICATION_ID: i64 = 0x4A58_4941;

/// The embedded `migrations/NNNN_name.sql`, in order.
static MIGRATIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut files: Vec<_> = MIGRATION_DIR
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort_by_key(|f| f.path().to_path_buf());
    files.iter().map(|f| f.contents_utf8().expect("migrations are UTF-8")).collect()
});

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e.to_string())
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Error::Migration(e.to_string())
    }
}

/// The schema version this program writes.
pub(crate) fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The file's `application_id` (ours, none, or another program's) and
/// `user_version` (the schema it was written with), read before anything else.
pub(crate) fn header(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row("SELECT * FROM pragma_application_id, pragma_user_version", [], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// A decimal stored as TEXT, read back exactly.
pub(crate) struct Dec(pub Decimal);

impl ToSql for Dec {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

impl FromSql for Dec {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = v.as_str()?;
        // what this program wrote is short; a longer text is a damaged or foreign
        // file, refused before `Decimal::from_str` (which recurses per digit) sees it
        if s.len() > 64 {
            return Err(FromSqlError::Other(format!("decimal text of {} bytes", s.len()).into()));
        }
        Decimal::from_str(s).map(Dec).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

pub(crate) fn dec(d: Option<Decimal>) -> Option<Dec> {
    d.map(Dec)
}

pub(crate) fn undec(d: Option<Dec>) -> Option<Decimal> {
    d.map(|d| d.0)
}

pub(crate) fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    who: String,
    /// Whether closing marks the file clean ([`clean`]): a store that may
    /// write, on a file.
    marks_clean: bool,
}

impl Drop for Store {
    /// Closes the connection (checkpointing the log into the file when it is
    /// the last one) and, when that succeeds, marks the file clean so that the
    /// next open need not check it.
    fn drop(&mut self) {
        let Some(path) = self.path.clone().filter(|_| self.marks_clean) else { return };
        let Ok(placeholder) = Connection::open_in_memory() else { return };
        if std::mem::replace(&mut self.conn, placeholder).close().is_ok() {
            clean::mark(&path);
        }
    }
}

impl Store {
    /// Opens (creating if need be) and upgrades the database at `path`.
    /// A database written by a newer program is refused and left untouched.
    /// A damaged file is refused without a write (it is only ever opened
    /// read-only to look), naming the newest good backup. The look
    /// (`quick_check`) is skipped for a file exactly as this program last
    /// closed it ([`clean`]).
    pub(crate) fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) && !clean::closed_cleanly(path) {
            backup::probe(path, true).map_err(|e| match e {
                Error::Damaged { path: p, why, .. } => Error::Damaged { backup: backup::newest_good_backup(&p), path: p, why },
                e => e,
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::setup(conn, Some(path.to_path_buf()))
    }

    /// A read-only view of the database at `path`, as it is (no migration, no
    /// check): for copying it out beside the store that writes, without
    /// waiting for that store's lock. Refuses a file that is not ours or newer.
    pub(crate) fn open_reader(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let (app_id, version) = header(&conn)?;
        if app_id != APPLICATION_ID || version != schema_version() {
            return Err(Error::Invalid(format!("“{}”不是本程序当前版本的数据库", path.display())));
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Store { conn, path: Some(path.to_path_buf()), who: String::new(), marks_clean: false })
    }

    /// A fresh database in memory, with the real migrations (for tests).
    pub(crate) fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Look before touching: nothing below may run on a file we refuse.
        let not_ours = |detail: &str| {
            Error::Invalid(format!("该文件不是本程序的数据库（{detail}），未做任何改动"))
        };
        let (app_id, version) = header(&conn)
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => not_ours("不是 SQLite 文件"),
                e => e.into(),
            })?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(not_ours("属于其他程序"));
        }
        if version > schema_version() {
            return Err(Error::TooNew { found: version, supported: schema_version() });
        }
        if version == 0 {
            let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(not_ours("含有其他数据表"));
            }
        }
        // An officer's saved entry must survive a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if version < schema_version() {
            if version > 0
                && let Some(p) = &path
            {
                backup::backup_beside(&conn, p, "before-migration")?;
            }
            let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
            migrations.to_latest(&mut conn)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        // the change log names the OS account (JIXIAO_USER overrides, for tests)
        let who = std::env::var("JIXIAO_USER").ok().filter(|u| !u.is_empty()).or_else(|| whoami::username().ok()).unwrap_or_default();
        let marks_clean = path.is_some();
        Ok(Store { conn, path, who, marks_clean })
    }

    /// The file behind this store, if any.
    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Names the person recorded in the change log for later writes (tests:
    /// the program records the OS account).
    #[cfg(test)]
    pub(crate) fn set_who(&mut self, who: &str) {
        self.who = who.to_string();
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction: all of it is saved, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("UPDATE actor SET who = ?1 WHERE id = 1", [&self.who])?;
        // one more write: what was kept of the data before it is stale (store/kept.rs)
        tx.execute("UPDATE revision SET n = n + 1 WHERE id = 1", [])?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// True when the database holds no project, no unit and no plan.
    pub(crate) fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM units) + (SELECT count(*) FROM plans)", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Rows of the change log, newest first (tests; people read `history`).
    #[cfg(test)]
    pub(crate) fn change_log(&self, limit: i64) -> Result<Vec<ChangeLogRow>> {
        let mut st = self.conn.prepare(&format!("{LOG_SELECT} ORDER BY id DESC LIMIT ?1"))?;
        let rows = st.query_map([limit], log_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The columns of a change-log row, in the order [`log_row`] reads them.
pub(crate) const LOG_SELECT: &str = "SELECT at, who, entity, entity_id, action, old_value, new_value FROM change_log";

pub(crate) fn log_row(r: &rusqlite::Row) -> rusqlite::Result<ChangeLogRow> {
    Ok(ChangeLogRow {
        at: r.get(0)?,
        who: r.get(1)?,
        entity: r.get(2)?,
        entity_id: r.get(3)?,
        action: r.get(4)?,
        old_value: r.get(5)?,
        new_value: r.get(6)?,
    })
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChangeLogRow {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_at_the_old_default_vague_words_gets_the_new_default() {
        // migration 0004: a stored list equal to the old default becomes the new
        // default; a list the officer changed stays as it is
        let dir = tempfile::tempdir().unwrap();
        let old = "有效、进一步、明显、显著、大幅、逐步、不断、持续、较好、良好、稳步、积极、切实、全面";
        for (n, (stored, want)) in [(old, format!("{old}、有所、一定程度、较大")), ("有效、进一步", "有效、进一步".to_string())].into_iter().enumerate() {
            let path = dir.path().join(format!("{n}.sqlite3"));
            {
                let mut c = Connection::open(&path).unwrap();
                Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()).to_version(&mut c, 3).unwrap();
                c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
                c.execute("INSERT INTO settings (key, value) VALUES ('review_vague_words', ?1)", [stored]).unwrap();
            }
            let s = crate::service::open(&path).unwrap();
            assert_eq!(crate::service::all_settings(&s).unwrap().get("review_vague_words").unwrap(), want);
        }
    }

    #[test]
    fn a_panic_in_the_middle_of_a_write_leaves_nothing_half_written() {
        let mut s = Store::open_in_memory().unwrap();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = s.write(|tx| -> Result<()> {
                tx.execute_batch("INSERT INTO units (code, name) VALUES ('P1', '写到一半')")?;
                panic!("in the middle of a write");
            });
        }));
        assert!(r.is_err());
        assert!(s.units().unwrap().is_empty(), "the interrupted write was rolled back");
        s.save_unit("P2", "单位", None).unwrap();
        assert_eq!(s.units().unwrap().len(), 1, "the store works after the panic");
    }

    #[test]
    fn migrations_are_numbered_in_order() {
        let mut names: Vec<String> = MIGRATION_DIR.files().map(|f| f.path().to_string_lossy().into_owned()).collect();
        names.sort();
        for (i, name) in names.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} out of sequence");
        }
        assert!(schema_version() >= 1);
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", schema_version() + 1).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(matches!(err, Error::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("新版本"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        std::fs::write(&path, "this is not sqlite, just text that is long enough to be read as a header......").unwrap();
        assert!(Store::open(&path).is_err());
        let path2 = dir.path().join("other2.sqlite3");
        Connection::open(&path2).unwrap().execute("CREATE TABLE t (x)", []).unwrap();
        let e = Store::open(&path2).err().unwrap().to_string();
        assert!(e.contains("不是本程序的数据库"), "{e}");
    }

    #[test]
    fn a_clean_close_is_remembered_and_anything_after_it_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let mut s = Store::open(&path).unwrap();
        s.write(|tx| Ok(tx.execute("INSERT INTO units (code, name) VALUES ('1', 'u')", [])?)).unwrap();
        assert!(!closed_cleanly(&path), "open: not closed yet");
        drop(s);
        assert!(closed_cleanly(&path), "closed: marked clean");
        assert!(!path.with_file_name("j.sqlite3-wal").exists(), "the log was checkpointed and removed");

        // a reader leaves the mark as it is
        drop(Store::open_reader(&path).unwrap());
        assert!(closed_cleanly(&path));

        // a file written by anything else after the close: not clean
        let other = dir.path().join("k.sqlite3");
        drop(Store::open(&other).unwrap());
        assert!(closed_cleanly(&other));
        // (the file's clock ticks coarsely; a real change comes later than this)
        std::thread::sleep(std::time::Duration::from_millis(30));
        let mut bytes = std::fs::read(&other).unwrap();
        bytes[100] ^= 0x01;
        std::fs::write(&other, &bytes).unwrap();
        assert!(!closed_cleanly(&other), "a changed file");

        // a process killed after a write leaves its log: not clean (last: the
        // connection is leaked, as a killed process's would be)
        let mut s = Store::open(&path).unwrap();
        s.write(|tx| Ok(tx.execute("INSERT INTO units (code, name) VALUES ('2', 'v')", [])?)).unwrap();
        std::mem::forget(s);
        assert!(!closed_cleanly(&path), "a log left behind");
    }

    #[test]
    fn reopening_keeps_the_version_and_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        let (mode, fk, sync, v): (String, i64, i64, i64) = s
            .conn()
            .query_row("SELECT * FROM pragma_journal_mode, pragma_foreign_keys, pragma_synchronous, pragma_user_version", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!((mode.as_str(), fk, sync, v), ("wal", 1, 2, schema_version()));
    }
}
