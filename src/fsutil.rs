//! Writing files an officer keeps: through a temporary file beside the target
//! and a rename, so a crash or a full disk never leaves half a file.
//!
//! On Windows a file cannot be replaced while another program holds it open
//! without sharing it (Excel, WPS and PDF readers do this with the file they
//! show; a virus scanner briefly does it with a file just written): the rename
//! is tried again for about a second, then refused with a message that says
//! which file to close. The old file stays whole either way.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// How often, and how far apart, a rename refused because the file is held open is tried.
const TRIES: u32 = 10;
const PAUSE: Duration = Duration::from_millis(100);

/// Writes `bytes` to `path` atomically (the old file, if any, stays whole
/// until the new one is complete and synced).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("out");
    let tmp = path.with_extension(format!("{ext}.tmp"));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // closed before the rename: Windows renames an open file only if it was opened sharing deletion
        drop(f);
        replace(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| {
        if held_open(&e) {
            Error::Invalid(format!("无法写入“{}”：这个文件正被其他程序打开（如 Excel、WPS 或 PDF 阅读器），请关闭它后重试", path.display()))
        } else {
            e.into()
        }
    })
}

/// Renames `from` over `to`, trying again while Windows says `to` is held open.
fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut tries = 1;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if held_open(&e) && tries < TRIES => {
                tries += 1;
                std::thread::sleep(PAUSE);
            }
            other => return other,
        }
    }
}

/// Whether a rename failed because another program holds the file open: on
/// Windows, access denied (5) or a sharing violation (32). Elsewhere an open
/// file never stops a rename, and a refusal means something else.
fn held_open(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32))
}

#[cfg(test)]
mod tests {
    use super::write_atomically;
    use std::path::Path;

    /// Opens `path` for reading as Excel and PDF readers do on Windows: others
    /// may read it, not delete or replace it. (Elsewhere, a plain open.)
    fn hold_open(path: &Path) -> std::fs::File {
        let mut o = std::fs::OpenOptions::new();
        o.read(true);
        #[cfg(windows)]
        std::os::windows::fs::OpenOptionsExt::share_mode(&mut o, 1 /* FILE_SHARE_READ */);
        o.open(path).unwrap()
    }

    #[test]
    fn a_file_is_replaced_whole_in_a_folder_with_chinese_and_spaces() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("2023年 绩效 报表");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("自评表 (第一版).pdf");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["自评表 (第一版).pdf"], "no temporary file left");
    }

    /// A file another program holds open: on Windows the write is refused
    /// with a message naming it and the old file is kept whole; elsewhere it
    /// is replaced. No temporary file is left either way, and once the file is
    /// closed it is written.
    #[test]
    fn a_file_held_open_by_another_program() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("监控表.xlsx");
        std::fs::write(&path, b"old").unwrap();
        let holder = hold_open(&path);
        let result = write_atomically(&path, b"new");
        if cfg!(windows) {
            let e = result.unwrap_err().to_string();
            assert!(e.contains("监控表.xlsx") && e.contains("正被其他程序打开"), "{e}");
            assert_eq!(std::fs::read(&path).unwrap(), b"old");
        } else {
            result.unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
        }
        assert!(!dir.path().join("监控表.xlsx.tmp").exists());
        drop(holder);
        write_atomically(&path, b"newer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"newer");
    }
}
