//! The one command list (`command_list.rs`) held against the two files that
//! must agree with it and cannot be generated from it at build time: the
//! window's capability (`capabilities/default.json`) and the UI's calls
//! (`ui/src`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::COMMANDS;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.ts` and `.vue` file of ui/src, except tests, with its text.
fn ui_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, out);
            } else if (name.ends_with(".ts") || name.ends_with(".vue")) && !name.contains(".test.") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&manifest_dir().join("../ui/src"), &mut out);
    assert!(out.len() > 5, "ui/src not found or empty");
    out
}

/// The values a file imports from modules whose name starts with `prefix`, as
/// (module, name): `import { open, save as pick } from '@tauri-apps/plugin-dialog'`
/// → (`@tauri-apps/plugin-dialog`, `open`), (…, `save`). Types (`import type`,
/// `type X`) are not values and need no permission.
fn imports_from(text: &str, prefix: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for quote in ['\'', '"'] {
        let from = format!("from {quote}{prefix}");
        let mut rest = text;
        while let Some(at) = rest.find(&from) {
            let module_start = at + from.len() - prefix.len();
            let module_len = rest[module_start..].find(quote).expect("a closed module name");
            let module = &rest[module_start..module_start + module_len];
            let statement = &rest[rest[..at].rfind("import").expect("`from` after `import`") + "import".len()..at];
            rest = &rest[module_start + module_len..];
            if statement.trim_start().starts_with("type ") {
                continue;
            }
            let (Some(open), Some(close)) = (statement.find('{'), statement.rfind('}')) else {
                panic!("`import{statement}from '{module}'`: import the functions by name, so that their permissions can be read");
            };
            for item in statement[open + 1..close].split(',') {
                let item = item.trim();
                if let Some(name) = item.split_whitespace().next().filter(|n| *n != "type") {
                    found.push((module.to_owned(), name.to_owned()));
                }
            }
        }
    }
    found
}

/// `someName` → `some-name`, as Tauri names permissions.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c == '_' {
            out.push('-');
        } else if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What the window must be allowed: each command of the list, and each
/// function the UI imports from a Tauri plugin (`dialog:allow-open`), and
/// listening to events where the UI imports the window's (`core:event:allow-listen`).
fn permissions_needed(ui: &[(PathBuf, String)]) -> BTreeSet<String> {
    let mut needed: BTreeSet<String> = COMMANDS.iter().map(|c| format!("allow-{}", kebab(c))).collect();
    for (_, text) in ui {
        for (module, name) in imports_from(text, "@tauri-apps/plugin-") {
            let plugin = module.trim_start_matches("@tauri-apps/plugin-");
            needed.insert(format!("{plugin}:allow-{}", kebab(&name)));
        }
        // the window's own events (a file dropped on it: `onDragDropEvent`) are listened to
        if imports_from(text, "@tauri-apps/api/").iter().any(|(module, _)| module.ends_with("/webview") || module.ends_with("/event")) {
            needed.insert("core:event:allow-listen".to_owned());
            needed.insert("core:event:allow-unlisten".to_owned());
        }
    }
    needed
}

fn permissions_granted(capability: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(capability).expect("capabilities/default.json is JSON");
    json["permissions"]
        .as_array()
        .expect("a `permissions` array")
        .iter()
        .map(|p| p.as_str().unwrap_or_else(|| panic!("a permission that is not a plain name: {p}")).to_owned())
        .collect()
}

#[test]
fn the_capability_allows_exactly_the_commands_and_the_plugin_functions_in_use() {
    let path = manifest_dir().join("capabilities/default.json");
    let granted = permissions_granted(&std::fs::read_to_string(&path).unwrap());
    let granted_set: BTreeSet<String> = granted.iter().cloned().collect();
    assert_eq!(granted.len(), granted_set.len(), "a permission is listed twice in {}", path.display());
    let needed = permissions_needed(&ui_sources());
    let missing: Vec<_> = needed.difference(&granted_set).collect();
    let extra: Vec<_> = granted_set.difference(&needed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{} does not match src-tauri/src/command_list.rs and the plugin functions ui/src imports:\n  \
         missing: {missing:?}\n  not needed: {extra:?}\nthe permissions should be:\n{}",
        path.display(),
        serde_json::to_string_pretty(&needed).unwrap()
    );
}

/// Each place in `text` where `call` or `invoke` is applied to a string literal
/// (`call<Project>('project', …)`): the literal.
fn commands_called(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for word in ["call", "invoke"] {
        for (at, _) in text.match_indices(word) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$') {
                continue;
            }
            let mut i = at + word.len();
            if bytes.get(i) == Some(&b'<') {
                // a type argument, which may nest: call<Record<string, Actual>>(
                let mut depth = 0;
                while i < bytes.len() {
                    match bytes[i] {
                        b'<' => depth += 1,
                        b'>' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            if bytes.get(i) != Some(&b'(') {
                continue;
            }
            let args = text[i + 1..].trim_start();
            let Some(quote) = args.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) else { continue };
            let literal = &args[1..];
            if let Some(end) = literal.find(quote) {
                found.push(literal[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn the_ui_calls_every_listed_command_and_nothing_else() {
    let listed: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    assert_eq!(listed.len(), COMMANDS.len(), "a command is listed twice");
    let mut called = BTreeSet::new();
    for (path, text) in ui_sources() {
        // One module talks to Tauri; the others go through its `call`, whose
        // first argument is the command's name as a literal (what this test reads).
        let imports_invoke = !imports_from(&text, "@tauri-apps/api/core").is_empty();
        assert!(
            !imports_invoke || path.ends_with("api.ts") && path.parent().unwrap().ends_with("src"),
            "{} imports from @tauri-apps/api/core: call the commands through `call` of ui/src/api.ts",
            path.display()
        );
        for name in commands_called(&text) {
            assert!(listed.contains(name.as_str()), "{} calls `{name}`, which src-tauri/src/command_list.rs does not list", path.display());
            called.insert(name);
        }
    }
    let never: Vec<_> = listed.iter().filter(|c| !called.contains(**c)).collect();
    assert!(never.is_empty(), "listed in src-tauri/src/command_list.rs but called nowhere in ui/src: {never:?}");
}

#[test]
fn the_readers_see_what_they_must() {
    assert_eq!(kebab("set_target_understanding"), "set-target-understanding");
    assert_eq!(kebab("writeText"), "write-text");
    let text = "import { open, save as pick, type Foo } from '@tauri-apps/plugin-dialog'\n\
                import type { Bar } from \"@tauri-apps/plugin-fs\"\n\
                import { invoke } from '@tauri-apps/api/core'\n\
                const a = call<Record<string, Actual>>('actuals', { x })\n\
                const b = await invoke<T>(cmd, args)\n\
                f.call(this, 'not_a_command'); recall('nor_this')\n\
                call<void>(\n  \"delete_project\", { id })";
    let dialog = |name: &str| ("@tauri-apps/plugin-dialog".to_owned(), name.to_owned());
    assert_eq!(imports_from(text, "@tauri-apps/plugin-"), [dialog("open"), dialog("save")]);
    assert_eq!(imports_from(text, "@tauri-apps/api/core"), [("@tauri-apps/api/core".to_owned(), "invoke".to_owned())]);
    assert_eq!(commands_called(text), ["actuals", "delete_project"]);
}
