//! A panic in a command (a bug: no input should reach one) becomes a Chinese
//! error for the window, the app keeps running on its store, and nothing
//! half-written is left: what `commands::guard` promises, and that every
//! command runs under it.

use std::path::PathBuf;

use crate::commands::{AppState, guard};
use jixiao::Error;

fn message(e: Error) -> String {
    e.to_string()
}

#[test]
fn a_panic_becomes_a_chinese_error() {
    let e = guard(|| -> jixiao::Result<()> { panic!("boom: overflow") }).unwrap_err();
    let m = message(e);
    assert!(m.starts_with("程序内部错误") && m.contains("已保存的数据不受影响") && m.contains("boom: overflow"), "{m}");
    let e = guard(|| -> jixiao::Result<()> { std::panic::panic_any(42_u8) }).unwrap_err();
    assert!(message(e).starts_with("程序内部错误"));
    assert_eq!(guard(|| Ok(7)).unwrap(), 7, "what does not panic passes through");
}

#[test]
fn after_a_panic_in_a_command_the_store_works() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("db.sqlite3"), false);
    tauri::async_runtime::block_on(async {
        let e = state
            .with_store(|s| -> jixiao::Result<()> {
                jixiao::service::editing::save_unit(s, "P1", "写到一半", None)?;
                panic!("after a write, before the answer");
            })
            .await
            .unwrap_err();
        assert!(message(e).starts_with("程序内部错误"));
        // the next command gets the store (the lock was released) and sees no trace of the write
        let units = state.with_store(|s| jixiao::service::records::units(s)).await.expect("the store works after the panic");
        assert_eq!(units.len(), 1, "the committed write stays: {units:?}");
        state.with_store(|s| jixiao::service::editing::save_unit(s, "P2", "单位", None)).await.unwrap();
        assert_eq!(state.with_store(|s| jixiao::service::records::units(s)).await.unwrap().len(), 2);
    });
}

/// Every `#[tauri::command]` of src-tauri/src with its name, whether it is
/// `async`, and its body.
fn commands() -> Vec<(PathBuf, String, bool, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("\n#[tauri::command]\n") {
            let rest = &text[at..];
            let sig = rest.find("pub ").unwrap();
            let is_async = rest[sig..].starts_with("pub async fn");
            let name_at = sig + rest[sig..].find("fn ").unwrap() + 3;
            let name: String = rest[name_at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let body_end = rest.find("\n}\n").unwrap_or(rest.len());
            out.push((path.clone(), name, is_async, rest[sig..body_end].to_string()));
        }
    }
    out
}

#[test]
fn every_command_runs_under_the_guard() {
    let all = commands();
    assert_eq!(all.len(), crate::COMMANDS.len(), "every listed command is found in src-tauri/src");
    for (path, name, is_async, body) in all {
        // an `async` command does its work in `with_store`/`with_slot`/`off_main_thread`,
        // each under `guard` on a blocking thread; one on the main thread calls `guard` itself
        let guarded = if is_async {
            ["with_store(", "with_slot(", "off_main_thread("].iter().any(|w| body.contains(w))
        } else {
            body.contains("guard(")
        };
        assert!(guarded, "{}: command `{name}` does not run under commands::guard", path.display());
    }
}
