//! 绩效目标管理 desktop app: a thin Tauri shell over the `jixiao` core.
//!
//! Each command takes its arguments, calls one core function and returns its
//! result; nothing here knows the data or the scoring rules.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        // Must be the first plugin: a second start brings the running window forward.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::AppState::open_default())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::is_empty,
            commands::years,
            commands::units,
            commands::load_demo,
            commands::evaluate,
            commands::projects,
            commands::project,
            commands::indicators,
            commands::actuals,
            commands::set_actual,
            commands::all_spending,
            commands::set_spending,
            commands::set_evaluation_texts,
            commands::settings,
            commands::set_setting,
            commands::import_file,
            commands::export_file,
        ])
        .run(tauri::generate_context!())
        .expect("failed to start the app");
}
