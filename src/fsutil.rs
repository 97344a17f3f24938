//! Writing files an officer keeps: through a temporary file beside the target
//! and a rename, so a crash or a full disk never leaves half a file.

use crate::error::Result;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (the old file, if any, stays whole
/// until the new one is complete and synced).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("out");
    let tmp = path.with_extension(format!("{ext}.tmp"));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(result?)
}
