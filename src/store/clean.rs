//! Whether a database file is as this program left it when it last closed it.
//!
//! Opening checks a file with `quick_check` before anything is written to it
//! (about a second for a bureau's 170 MB). A file this program closed cleanly
//! and that nothing has touched since needs no such check: on a clean close
//! the store writes the file's size and modification time beside it
//! (`<file>-clean`); an open that finds the same size and time, and no
//! write-ahead log left behind, skips the check. Anything else — a killed
//! process (its `-wal` is left), a copy, a file written by another program, a
//! bit flipped by hand — changes the fingerprint, and the file is checked.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The file beside the database at `db` whose name is the database's with
/// `suffix` appended (`-wal`, `-clean`, `.backups`, …).
pub(crate) fn beside(db: &Path, suffix: &str) -> PathBuf {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    db.with_file_name(format!("{name}{suffix}"))
}

/// The stamp file of the database at `db`.
fn stamp_path(db: &Path) -> PathBuf {
    beside(db, "-clean")
}

/// Size and modification time (ns) of the file, as one line.
fn fingerprint(db: &Path) -> Option<String> {
    let meta = std::fs::metadata(db).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!("{} {}", meta.len(), modified.as_nanos()))
}

/// Records that `db` was just closed cleanly. A failure only costs the next
/// open its check, so it is not an error.
pub(crate) fn mark(db: &Path) {
    if let Some(f) = fingerprint(db) {
        let _ = std::fs::write(stamp_path(db), f);
    }
}

/// Forgets the mark (the file is about to be replaced or set aside).
pub(crate) fn forget(db: &Path) {
    let _ = std::fs::remove_file(stamp_path(db));
}

/// True when `db` is exactly as this program closed it: the stamp matches its
/// size and time, and no non-empty write-ahead log is beside it.
pub(crate) fn closed_cleanly(db: &Path) -> bool {
    if std::fs::metadata(beside(db, "-wal")).is_ok_and(|m| m.len() > 0) {
        return false;
    }
    match (std::fs::read_to_string(stamp_path(db)), fingerprint(db)) {
        (Ok(stamp), Some(now)) => stamp.trim() == now,
        _ => false,
    }
}
