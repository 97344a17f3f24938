//! Long work's progress in the window (issue 17): a command that imports,
//! exports a report, backs up or restores takes a channel (`on_progress`, a
//! `Channel<ProgressEvent>` of `@tauri-apps/api/core`) from the window and
//! sends each step the core reports through it (the
//! window's `TaskProgress` shows done/total and what is being done); 取消
//! (`task_cancel`) sets the running task's cancel flag, which the core looks
//! at only while nothing is written yet. The channel may be left out (a
//! script's call): the work then runs without showing its steps.

use std::sync::{Arc, Mutex};

use jixiao::progress::{CancelFlag, Progress, ProgressEvent};
use jixiao::Result;
use tauri::ipc::{Channel, JavaScriptChannelId};
use tauri::{State, Webview};

use crate::commands::AppState;

/// The cancel flag of the task running now, if any (one at a time: the
/// window's progress dialog is modal).
#[derive(Default)]
pub struct Tasks {
    running: Mutex<Option<Arc<CancelFlag>>>,
}

impl Tasks {
    /// A new task reporting to the window's `channel` (if given); it becomes
    /// the one 取消 stops.
    pub(crate) fn start(&self, webview: Webview, channel: Option<JavaScriptChannelId>) -> Task {
        let channel = channel.map(|id| id.channel_on(webview));
        let flag = Arc::new(CancelFlag::default());
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(&flag));
        Task { channel, flag }
    }

    /// Asks the running task to stop (if it still may: see `jixiao::progress`).
    fn cancel(&self) {
        if let Some(flag) = &*self.running.lock().unwrap_or_else(|e| e.into_inner()) {
            flag.cancel();
        }
    }
}

/// One command's progress: each step sent to the window.
pub struct Task {
    channel: Option<Channel<ProgressEvent>>,
    flag: Arc<CancelFlag>,
}

impl Progress for Task {
    fn report(&self, event: ProgressEvent) {
        // a window that went away does not stop the work
        if let Some(channel) = &self.channel {
            let _ = channel.send(event);
        }
    }
    fn cancelled(&self) -> bool {
        self.flag.is_set()
    }
}

/// 取消: stops the running task at its next point where nothing has been
/// written yet; it then answers `cancelled` (已取消，未写入任何内容).
#[tauri::command]
pub fn task_cancel(state: State<'_, AppState>) -> Result<()> {
    crate::commands::guard(|| {
        state.tasks.cancel();
        Ok(())
    })
}
