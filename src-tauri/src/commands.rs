//! The commands the UI invokes. Each one calls one core function.

use std::path::PathBuf;

use serde::Serialize;

/// Where the database lives; the store itself is opened lazily by the commands.
pub struct AppState {
    pub db_path: PathBuf,
}

impl AppState {
    pub fn from_env() -> Self {
        let db_path = std::env::var_os("JIXIAO_DB")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("jixiao.sqlite3"));
        AppState { db_path }
    }
}

#[derive(Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
}

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path.display().to_string(),
    }
}
