//! Progress of long work (issue 17): importing, exporting a report of many
//! projects, backup and restore say how far they are (`done` of `total`) and
//! what they are doing, in Chinese (`正在检查第 120/1500 个项目`). The service
//! reports through a [`Progress`] the shell gives it: the CLI draws a bar on a
//! terminal, the app sends each step to the window; [`Quiet`] for a caller that
//! does not care.
//!
//! A step says whether the work can still be stopped: only while nothing has
//! been written yet (`cancellable`). The service asks [`Progress::cancelled`]
//! only at such points ([`checkpoint`]) and then returns [`Error::Cancelled`];
//! once writing begins ([`writing`]) no step is cancellable and a cancel
//! asked for is not looked at again.

use crate::error::{Error, Result};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};

/// One step of long work: what the window and the terminal show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProgressEvent {
    /// Done so far, of `total` (0 ≤ done ≤ total; `total` may be 1 for one step).
    pub done: u32,
    pub total: u32,
    /// What is being done, as the officer reads it (`正在写入第 3/1500 个项目`).
    pub doing: String,
    /// Whether the work may still be stopped (nothing written yet).
    pub cancellable: bool,
}

/// Where the service reports its progress, and whether it is asked to stop.
pub trait Progress: Sync {
    /// A step is done (or begins).
    fn report(&self, event: ProgressEvent);
    /// Whether the officer asked to stop. Looked at only where nothing has
    /// been written yet.
    fn cancelled(&self) -> bool {
        false
    }
}

/// No progress shown, never cancelled.
pub struct Quiet;

impl Progress for Quiet {
    fn report(&self, _: ProgressEvent) {}
}

/// A cancel flag a shell can set from another thread (the app's 取消).
#[derive(Debug, Default)]
pub struct CancelFlag(AtomicBool);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reports a step before anything is written, and stops with
/// [`Error::Cancelled`] when the officer asked to (before or as it was shown).
pub fn checkpoint(p: &dyn Progress, done: usize, total: usize, doing: impl Into<String>) -> Result<()> {
    if p.cancelled() {
        return Err(Error::Cancelled);
    }
    p.report(ProgressEvent { done: clamp(done), total: clamp(total), doing: doing.into(), cancellable: true });
    if p.cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(())
}

/// Reports a step of the writing: no longer cancellable.
pub fn writing(p: &dyn Progress, done: usize, total: usize, doing: impl Into<String>) {
    p.report(ProgressEvent { done: clamp(done), total: clamp(total), doing: doing.into(), cancellable: false });
}

/// How often a loop over `total` items reports: about 200 steps in all, so
/// that a bar moves smoothly and the window is not flooded.
pub fn every(total: usize) -> usize {
    (total / 200).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    struct Seen(Mutex<Vec<ProgressEvent>>, CancelFlag);
    impl Progress for Seen {
        fn report(&self, e: ProgressEvent) {
            self.0.lock().unwrap().push(e);
        }
        fn cancelled(&self) -> bool {
            self.1.is_set()
        }
    }

    #[test]
    fn a_checkpoint_reports_until_cancelled_and_writing_is_never_cancellable() {
        let seen = Seen(Mutex::new(Vec::new()), CancelFlag::default());
        checkpoint(&seen, 1, 3, "正在检查第 1/3 个项目").unwrap();
        seen.1.cancel();
        assert!(matches!(checkpoint(&seen, 2, 3, "x"), Err(Error::Cancelled)));
        writing(&seen, 3, 3, "正在写入");
        let got = seen.0.lock().unwrap();
        assert_eq!(got.len(), 2, "a cancelled checkpoint shows nothing more");
        assert!(got[0].cancellable && !got[1].cancellable);
        assert_eq!(Error::Cancelled.to_string(), "已取消，未写入任何内容");
    }
}
