//! jixiao core: the model of 绩效目标 work, the target parser, scoring, the
//! SQLite store, the exchange format and the reports. No Tauri in here: the CLI
//! (`src/main.rs`) and the desktop app (`src-tauri/`) are thin shells over it.

pub mod arith;
pub mod display;
pub mod entry;
pub mod error;
pub mod exchange;
pub mod fsutil;
pub mod import;
pub mod plan;
pub mod overview;
pub mod plausibility;
pub mod progress;
pub mod target;
pub mod text;
#[cfg(test)]
mod testing;
pub mod units;

pub use error::{Error, Result};
pub mod model;
pub mod report;
pub mod review;
pub mod scoring;
pub mod service;
pub(crate) mod store;

pub use model::Period;

/// The database the CLI and the app open by default: `$JIXIAO_DB`, else
/// `jixiao.sqlite3` in the OS data directory.
pub fn default_db_path() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("JIXIAO_DB").filter(|p| !p.is_empty()) {
        return p.into();
    }
    os_db_path()
}

/// `jixiao.sqlite3` in the OS data directory: on Windows the roaming
/// application data (`%APPDATA%\jixiao\data`), on Linux `~/.local/share/jixiao`.
fn os_db_path() -> std::path::PathBuf {
    directories::ProjectDirs::from("", "", "jixiao")
        .map(|d| d.data_dir().join("jixiao.sqlite3"))
        .unwrap_or_else(|| "jixiao.sqlite3".into())
}

#[cfg(test)]
#[test]
fn the_default_database_is_in_the_os_data_directory() {
    use std::path::PathBuf;
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let want = if cfg!(windows) {
        env("APPDATA").expect("APPDATA").join("jixiao").join("data")
    } else if cfg!(target_os = "linux") {
        env("XDG_DATA_HOME").filter(|p| p.is_absolute()).unwrap_or_else(|| env("HOME").expect("HOME").join(".local/share")).join("jixiao")
    } else {
        return;
    };
    assert_eq!(os_db_path(), want.join("jixiao.sqlite3"));
}
