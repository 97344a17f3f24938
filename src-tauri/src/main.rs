//! 绩效目标管理 desktop app: a thin Tauri shell over the `jixiao` core.
//!
//! Each command takes its arguments, calls one core function and returns its
//! result; nothing here knows the data or the scoring rules.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod editing;
mod reports;

use tauri::Manager;

/// One running app per database: a second start on the same file brings the
/// first window forward; a start on another file is a separate app.
fn instance_id(db: &std::path::Path) -> String {
    let path = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    // FNV-1a: stable across runs and builds (unlike std's hasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.to_string_lossy().as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("cn.gov.jixiao.desktop.db{h:016x}")
}

fn main() {
    // `make run` passes --sample-on-first-start: a new database opens on the sample bureau.
    let sample = std::env::args().any(|a| a == "--sample-on-first-start");
    let state = commands::AppState::open_default(sample);
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(&state.db_path))
        .callback(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        })
        .build();
    tauri::Builder::default()
        // Must be the first plugin, so that a second instance exits before doing anything.
        .plugin(single_instance)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
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
            reports::report_preview,
            reports::report_export,
            reports::report_print,
            editing::create_project,
            editing::update_project,
            editing::project_dependents,
            editing::delete_project,
            editing::create_indicator,
            editing::update_indicator,
            editing::move_indicator,
            editing::indicator_dependents,
            editing::delete_indicator,
            editing::set_target_understanding,
            editing::save_unit,
            editing::parse_target,
            editing::check_actual,
            editing::money_quarters,
        ])
        .run(tauri::generate_context!())
        .expect("failed to start the app");
}
