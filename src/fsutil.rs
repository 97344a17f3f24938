//! Writing the files an officer asked for (exports, printed forms) so that a
//! failure never leaves half a file where the officer will look for it.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// Writes `bytes` to `path` through a temporary file beside it (`NAME.tmp`),
/// flushed to disk and then renamed over `path`: a crash or a full disk leaves
/// the old file (or none), never part of the new one. On failure the temporary
/// file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temporary(path);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}

/// `自评表.pdf` → `自评表.pdf.tmp`, in the same directory (a rename within one
/// file system is atomic).
fn temporary(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("自评表.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![OsString::from("自评表.pdf")]);
    }

    #[test]
    fn a_failed_write_keeps_what_was_there_and_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should go: the rename fails after the temporary was written.
        let path = dir.path().join("汇总表.xlsx");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), b"kept").unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read(path.join("inside")).unwrap(), b"kept");
        assert!(!dir.path().join("汇总表.xlsx.tmp").exists());
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(&dir.path().join("无此目录").join("a.json"), b"x").is_err());
    }
}
