// The app's commands, written once. `main.rs` hands them to
// `tauri::generate_handler!`; `build.rs` (which `include!`s this file) puts
// their names in the app manifest, so that each one needs its `allow-…`
// permission in `capabilities/default.json`. The tests in `command_checks.rs`
// hold that capability file and every `call('name'` of ui/src to this list.
//
// This file is read by the build script too: it holds only macros.

/// `for_each_command!(then)` is `then! { module::command, … }` over every command.
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            commands::app_info,
            commands::is_empty,
            commands::years,
            commands::units,
            commands::load_demo,
            commands::evaluate,
            commands::project_page,
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
            importing::import_preview,
            importing::import_recheck,
            importing::import_confirm,
            importing::import_template,
            commands::export_file,
            reports::report_preview,
            reports::report_export,
            reports::report_print,
            editing::check_decimal,
            checking::check_project,
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
            editing::indicator_series,
            editing::save_png,
            safekeeping::start_problem,
            safekeeping::backups,
            safekeeping::backup_now,
            safekeeping::backup_to,
            safekeeping::restore_backup,
            safekeeping::indicator_history,
            safekeeping::project_history,
            safekeeping::submissions,
            safekeeping::submit_period,
            safekeeping::unlock_period,
            safekeeping::quit,
            reviewing::review_project,
            reviewing::review_draft,
            reviewing::acknowledge_finding,
            reviewing::unacknowledge_finding,
            planning::plan_list,
            planning::plan_sheet,
            planning::plan_set_actual,
            planning::plan_set_verdict,
            planning::plan_preview,
            planning::plan_import,
            planning::plan_template,
            planning::plan_report_preview,
            planning::plan_report_export,
            overview::overview,
            tasks::task_cancel,
        }
    };
}

/// The commands' names: `for_each_command!(command_names)` is a `&[&str]`
/// (the app itself uses the names only in its tests).
#[allow(unused_macros)]
macro_rules! command_names {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// The commands as (module, name): `for_each_command!(command_paths)` (the
/// tests read each command's parameters from its module's file).
#[allow(unused_macros)]
macro_rules! command_paths {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$((stringify!($module), stringify!($command))),*]
    };
}
