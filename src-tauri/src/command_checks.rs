//! The one command list (`command_list.rs`) held against the two files that
//! must agree with it and cannot be generated from it at build time: the
//! window's capability (`capabilities/default.json`) and the UI's calls
//! (`ui/src`): each command called, and called with exactly the arguments its
//! Rust function takes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::{COMMAND_PATHS, COMMANDS};

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

/// One `call('name', { … })` (or `invoke`) of the UI: the command's name, and
/// the keys of its arguments, or why they cannot be read (not an object
/// literal, a spread).
#[derive(Debug, PartialEq)]
struct Call {
    name: String,
    keys: Result<BTreeSet<String>, String>,
}

/// Each place in `text` where `call` or `invoke` is applied to a string literal
/// (`call<Project>('project', …)`): the literal and the arguments' keys.
fn calls(text: &str) -> Vec<Call> {
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
                found.push(Call { name: literal[..end].to_owned(), keys: argument_keys(&literal[end + 1..]) });
            }
        }
    }
    found
}

/// The keys of the object literal that follows a command's name (`, { id, input: x }`
/// → `id`, `input`); none when the call ends after the name.
fn argument_keys(after_name: &str) -> Result<BTreeSet<String>, String> {
    let rest = after_name.trim_start();
    if rest.starts_with(')') {
        return Ok(BTreeSet::new());
    }
    let rest = rest.strip_prefix(',').map(str::trim_start).unwrap_or(rest);
    let Some(body) = rest.strip_prefix('{') else {
        return Err("the arguments are not an object literal: write `{ key, key: value }`".to_owned());
    };
    // the literal's top-level items, up to its closing brace
    let (mut items, mut item, mut depth, mut quote) = (Vec::new(), String::new(), 0, None::<char>);
    for c in body.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' => depth -= 1,
                '}' if depth == 0 => {
                    items.push(std::mem::take(&mut item));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(std::mem::take(&mut item));
                    continue;
                }
                _ => {}
            },
        }
        item.push(c);
    }
    let mut keys = BTreeSet::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if item.starts_with("...") {
            return Err(format!("`{item}` spreads an object: name each argument"));
        }
        let key = item.split(':').next().unwrap_or(item).trim().trim_matches(|c| c == '\'' || c == '"');
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            return Err(format!("`{item}`: not a key that can be read"));
        }
        keys.insert(key.to_owned());
    }
    Ok(keys)
}

/// Each place in `text` where `call` or `invoke` is applied to a string literal: the literal.
fn commands_called(text: &str) -> Vec<String> {
    calls(text).into_iter().map(|c| c.name).collect()
}

/// `indicator_id` → `indicatorId`, as Tauri names a command's arguments.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The arguments the command `name` of the Rust file `source` takes from the
/// UI, as the UI names them (camelCase); not those Tauri supplies itself (the
/// state, the window, the app). `None` when the file has no such command.
fn command_parameters(source: &str, name: &str) -> Option<BTreeSet<String>> {
    const SUPPLIED: [&str; 5] = ["State", "AppHandle", "Window", "WebviewWindow", "Webview"];
    let file = syn::parse_file(source).expect("a command file parses");
    let last = |ty: &syn::Type| match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    // the file's own names for them: `type S<'a> = State<'a, AppState>;`
    let mut supplied: BTreeSet<String> = SUPPLIED.iter().map(|s| s.to_string()).collect();
    for item in &file.items {
        if let syn::Item::Type(alias) = item
            && last(&alias.ty).is_some_and(|t| SUPPLIED.contains(&t.as_str()))
        {
            supplied.insert(alias.ident.to_string());
        }
    }
    let function = file.items.iter().find_map(|item| match item {
        syn::Item::Fn(f) if f.sig.ident == name && f.attrs.iter().any(|a| a.path().segments.last().is_some_and(|s| s.ident == "command")) => Some(f),
        _ => None,
    })?;
    let attr = function.attrs.iter().find(|a| a.path().segments.last().is_some_and(|s| s.ident == "command")).unwrap();
    assert!(
        matches!(attr.meta, syn::Meta::Path(_)),
        "`{name}`: `#[tauri::command(…)]` with options; these checks know Tauri's default (camelCase arguments) only"
    );
    let mut params = BTreeSet::new();
    for input in &function.sig.inputs {
        let syn::FnArg::Typed(arg) = input else { continue };
        if last(&arg.ty).is_some_and(|t| supplied.contains(&t)) {
            continue;
        }
        let syn::Pat::Ident(ident) = &*arg.pat else { panic!("`{name}`: an argument that is not a plain name") };
        params.insert(camel(&ident.ident.to_string()));
    }
    Some(params)
}

/// Every listed command's arguments, read from its module's file.
fn parameters_of_every_command() -> BTreeMap<String, BTreeSet<String>> {
    COMMAND_PATHS
        .iter()
        .map(|(module, name)| {
            let path = manifest_dir().join(format!("src/{module}.rs"));
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let params = command_parameters(&source, name).unwrap_or_else(|| panic!("{} has no `#[tauri::command] fn {name}`", path.display()));
            (name.to_string(), params)
        })
        .collect()
}

/// What is wrong with the arguments of the calls in `text` (the file `file`):
/// a key the command does not take, one it takes but is not given, arguments
/// that cannot be read.
fn argument_mismatches(params: &BTreeMap<String, BTreeSet<String>>, file: &str, text: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for call in calls(text) {
        let Some(taken) = params.get(&call.name) else { continue };
        match &call.keys {
            Err(why) => wrong.push(format!("{file}: `{}`: {why}", call.name)),
            Ok(keys) => {
                let missing: Vec<_> = taken.difference(keys).collect();
                let extra: Vec<_> = keys.difference(taken).collect();
                if !missing.is_empty() || !extra.is_empty() {
                    wrong.push(format!("{file}: `{}` takes {taken:?}: missing {missing:?}, not taken {extra:?}", call.name));
                }
            }
        }
    }
    wrong
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
fn the_ui_passes_each_command_exactly_the_arguments_it_takes() {
    let params = parameters_of_every_command();
    assert_eq!(params.len(), COMMANDS.len());
    // the reader reads: a command with arguments, and one with the window only
    assert_eq!(params["set_actual"], BTreeSet::from(["indicatorId", "period", "input", "force"].map(String::from)));
    assert_eq!(params["report_print"], BTreeSet::from(["form".to_owned()]));
    let mut wrong = Vec::new();
    for (path, text) in ui_sources() {
        wrong.extend(argument_mismatches(&params, &path.display().to_string(), &text));
    }
    assert!(wrong.is_empty(), "calls whose arguments differ from the command's parameters:\n  {}", wrong.join("\n  "));
}

#[test]
fn a_call_with_a_wrong_argument_is_caught() {
    let rust = "type S<'a> = State<'a, AppState>;\n\
                /// Saves one cell.\n\
                #[tauri::command]\n\
                pub async fn set_actual(state: S<'_>, indicator_id: i64, period: Period, input: ActualInput, force: bool) -> Result<()> { todo!() }\n\
                #[tauri::command]\n\
                pub fn report_print(window: tauri::WebviewWindow, form: FormKind) -> Result<()> { todo!() }\n\
                pub fn not_a_command(x: i32) {}";
    let params: BTreeMap<String, BTreeSet<String>> =
        ["set_actual", "report_print"].into_iter().map(|n| (n.to_owned(), command_parameters(rust, n).unwrap())).collect();
    assert_eq!(command_parameters(rust, "not_a_command"), None);
    let ui = "call<X>('set_actual', { indicatorId: row.id, period, input: { value: f(a, b) }, force: true })\n\
              call<void>('report_print', { form })";
    assert!(argument_mismatches(&params, "ok.ts", ui).is_empty(), "{:?}", argument_mismatches(&params, "ok.ts", ui));
    let missing = argument_mismatches(&params, "a.ts", "call('set_actual', { indicatorId, period, input })");
    assert_eq!(missing, ["a.ts: `set_actual` takes {\"force\", \"indicatorId\", \"input\", \"period\"}: missing [\"force\"], not taken []"]);
    // a snake_case key is not the argument Tauri reads
    let snake = argument_mismatches(&params, "b.ts", "call('set_actual', { indicator_id, period, input, force })");
    assert!(snake.len() == 1 && snake[0].contains("missing [\"indicatorId\"], not taken [\"indicator_id\"]"), "{snake:?}");
    let extra = argument_mismatches(&params, "c.ts", "call<void>('report_print', { form, period })");
    assert!(extra.len() == 1 && extra[0].contains("not taken [\"period\"]"), "{extra:?}");
    let none = argument_mismatches(&params, "d.ts", "call<void>('report_print')");
    assert!(none.len() == 1 && none[0].contains("missing [\"form\"]"), "{none:?}");
    let spread = argument_mismatches(&params, "e.ts", "call<void>('report_print', { ...choice })");
    assert!(spread.len() == 1 && spread[0].contains("spreads"), "{spread:?}");
    let variable = argument_mismatches(&params, "f.ts", "call<void>('report_print', args)");
    assert!(variable.len() == 1 && variable[0].contains("not an object literal"), "{variable:?}");
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
