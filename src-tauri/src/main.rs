//! 绩效目标管理 desktop app: a thin Tauri shell over the `jixiao` core.
//!
//! Each command takes its arguments, calls one core function and returns its
//! result; nothing here knows the data or the scoring rules.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// First: the macros of the one command list are used below and in the tests.
#[macro_use]
mod command_list;
mod checking;
#[cfg(test)]
mod command_checks;
mod commands;
#[cfg(test)]
mod crash_checks;
#[cfg(test)]
mod panic_checks;
mod planning;
mod editing;
mod importing;
mod overview;
mod reports;
mod reviewing;
mod safekeeping;
mod tasks;
mod webview2;

use tauri::Manager;

/// Every command's name (`command_list.rs`).
#[cfg(test)]
const COMMANDS: &[&str] = for_each_command!(command_names);

/// Every command as (module, name) (`command_list.rs`).
#[cfg(test)]
const COMMAND_PATHS: &[(&str, &str)] = for_each_command!(command_paths);

/// `tauri::generate_handler!` over the commands of `command_list.rs`.
macro_rules! handler {
    ($($module:ident :: $command:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$command),*]
    };
}

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

/// WebKitGTK's switch for drawing pages without GPU compositing.
#[cfg(any(target_os = "linux", test))]
const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Linux: the app's pages are drawn without GPU compositing (what WebKitGTK does
/// with `WEBKIT_DISABLE_COMPOSITING_MODE=1`) unless the variable is already set
/// (`=0` gives compositing back). Tables and forms gain nothing from it, and where
/// there is no GPU driver (virtual machines, remote desktops, Xvfb) compositing runs
/// in software: at 10,000 projects the WebKit web process held about 100 MB more
/// with it and an entry's p95 was 108–123 ms against 47–48 (docs/benchmarks.md).
/// Returns the value to set.
#[cfg(any(target_os = "linux", test))]
fn compositing_mode(current: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    current.is_none().then_some("1")
}

/// `--db FILE`: the database to open instead of the CLI's default
/// (`$JIXIAO_DB`, else the OS data directory), as `jixiao --db FILE` does.
fn db_argument(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<std::path::PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().filter(|p| !p.is_empty()).map(Into::into);
        }
        if let Some(p) = a.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(p.into()).filter(|p: &std::path::PathBuf| !p.as_os_str().is_empty());
        }
    }
    None
}

#[cfg(test)]
#[test]
fn compositing_is_off_unless_the_user_chose() {
    use std::ffi::OsStr;
    assert_eq!(compositing_mode(None), Some("1"));
    assert_eq!(compositing_mode(Some(OsStr::new("0"))), None);
    assert_eq!(compositing_mode(Some(OsStr::new("1"))), None);
}

#[cfg(test)]
#[test]
fn the_db_argument_names_the_file() {
    let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    assert_eq!(db_argument(args(&["--db", "/tmp/a.sqlite3"])), Some("/tmp/a.sqlite3".into()));
    assert_eq!(db_argument(args(&["--sample-on-first-start", "--db=b.sqlite3"])), Some("b.sqlite3".into()));
    assert_eq!(db_argument(args(&["--db"])), None);
    assert_eq!(db_argument(args(&["--db", ""])), None);
    assert_eq!(db_argument(args(&["x.sqlite3"])), None);
}

fn main() {
    // First, before any thread starts (the environment is then read by WebKit's processes).
    #[cfg(target_os = "linux")]
    if let Some(value) = compositing_mode(std::env::var_os(COMPOSITING_VARIABLE).as_deref()) {
        // SAFETY: no other thread exists yet to read the environment concurrently.
        unsafe { std::env::set_var(COMPOSITING_VARIABLE, value) };
    }
    // Windows: without the WebView2 runtime there can be no window; say what to do and stop.
    #[cfg(windows)]
    if !webview2::runtime_present() {
        std::process::exit(1);
    }
    // `make run` passes --sample-on-first-start: a new database opens on the sample bureau.
    let sample = std::env::args().any(|a| a == "--sample-on-first-start");
    let state = commands::AppState::open(db_argument(std::env::args_os().skip(1)).unwrap_or_else(jixiao::default_db_path), sample);
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
        .invoke_handler(for_each_command!(handler))
        .build(tauri::generate_context!())
        .expect("failed to start the app")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<commands::AppState>().close();
            }
        });
}
