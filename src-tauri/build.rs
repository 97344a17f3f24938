// The configuration lives at the repository root (`../tauri.conf.json`); the
// `tauri.conf.json` beside this file is a symlink to it so that both cargo and the
// Tauri CLI find it and resolve its relative paths from this directory.
//
// The app manifest lists our commands so that each one needs a permission in
// `capabilities/`: the window may call exactly what is listed there.
const COMMANDS: &[&str] = &[
    "app_info",
    "is_empty",
    "years",
    "units",
    "load_demo",
    "evaluate",
    "projects",
    "project",
    "indicators",
    "actuals",
    "set_actual",
    "all_spending",
    "set_spending",
    "set_evaluation_texts",
    "settings",
    "set_setting",
    "import_file",
    "export_file",
    "report_preview",
    "report_export",
    "report_print",
    "create_project",
    "update_project",
    "project_dependents",
    "delete_project",
    "create_indicator",
    "update_indicator",
    "move_indicator",
    "indicator_dependents",
    "delete_indicator",
    "set_target_understanding",
    "save_unit",
    "parse_target",
    "check_actual",
    "money_quarters",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the tauri build script");
}
