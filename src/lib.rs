//! jixiao core: the model of 绩效目标 work, the target parser, scoring, the
//! SQLite store, the exchange format and the reports. No Tauri in here: the CLI
//! (`src/main.rs`) and the desktop app (`src-tauri/`) are thin shells over it.

pub mod demo;
pub mod display;
pub mod error;
pub mod exchange;
pub mod fsutil;
pub mod target;
pub mod textimport;
pub mod text;
pub mod units;

pub use error::{Error, Result};
pub mod model;
pub mod report;
pub mod scoring;
pub mod store;

pub use model::Period;
pub use store::Store;

/// The database the CLI and the app open by default: `$JIXIAO_DB`, else
/// `jixiao.sqlite3` in the OS data directory.
pub fn default_db_path() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("JIXIAO_DB").filter(|p| !p.is_empty()) {
        return p.into();
    }
    directories::ProjectDirs::from("", "", "jixiao")
        .map(|d| d.data_dir().join("jixiao.sqlite3"))
        .unwrap_or_else(|| "jixiao.sqlite3".into())
}
