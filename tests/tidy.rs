//! The architecture's rules, executed (ARCHITECTURE.md, "Layers"). Each
//! top-level module of `src/` may name only the modules listed for it; only the
//! store names `rusqlite`; only `main.rs` names `clap`; nothing in the core
//! names `tauri`. A new module fails here until it is given its place. Files
//! named `tests.rs` and `#[cfg(test)] mod …` blocks (a module's unit tests)
//! are not checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module → the crate modules it may use. The pure core is everything below
/// `service`: it never reaches the database.
const LAYERS: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("arith", &["error"]),
    ("text", &["error"]),
    ("units", &["arith", "error", "text"]),
    ("target", &["error", "text", "units"]),
    ("display", &["error"]),
    ("model", &["display", "error", "target", "text", "units"]),
    ("scoring", &["arith", "display", "error", "model", "target", "text", "units"]),
    ("plausibility", &["arith", "display", "error", "model", "target", "text", "units"]),
    ("entry", &["error", "model", "scoring", "target", "text", "units"]),
    ("fsutil", &["error"]),
    ("store", &["error", "model", "target", "text", "units"]),
    ("exchange", &["entry", "error", "model", "plausibility", "scoring", "target", "text", "units"]),
    // the text reader and the file readers are one importer (textimport reads
    // pdftotext -layout through import::layout; import reads text through textimport)
    ("textimport", &["error", "exchange", "import", "model", "target", "text", "units"]),
    ("import", &["error", "exchange", "model", "report", "review", "target", "text", "textimport", "units"]),
    ("review", &["display", "error", "model", "scoring", "target", "text", "units"]),
    ("report", &["display", "error", "fsutil", "model", "review", "scoring", "target", "text", "units"]),
    ("service", &["*"]),
    // builders for the unit tests (`#[cfg(test)]`), never compiled into the program
    ("testing", &["*"]),
    ("lib", &["*"]),
    ("main", &["*"]),
];

/// External crates only these modules may name.
const CRATES: &[(&str, &[&str])] = &[("rusqlite", &["store"]), ("rusqlite_migration", &["store"]), ("clap", &["main"]), ("tauri", &[])];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/store/mod.rs` → `store`, `src/main.rs` → `main`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The file without its unit-test module (`#[cfg(test)] mod …` to the end).
fn shipped_part(text: &str) -> &str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "#[cfg(test)]" && text[at + line.len()..].trim_start().starts_with("mod ") {
            return &text[..at];
        }
        at += line.len();
    }
    text
}

/// Every `crate::NAME` (and `jixiao::NAME`, as main.rs writes it) in code, not in comments.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for prefix in ["crate::", "jixiao::"] {
            let mut rest = code;
            while let Some(i) = rest.find(prefix) {
                let name: String = rest[i + prefix.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name.chars().next().unwrap().is_lowercase() {
                    out.insert(name);
                }
                rest = &rest[i + prefix.len()..];
            }
        }
    }
    out
}

/// Whether a line of code names the external crate `name` as a path or a `use`.
fn names_crate(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split("//").next().unwrap_or("").trim();
        let as_path = format!("{name}::");
        code.contains(&as_path) && !code.contains(&format!("_{as_path}")) || code.starts_with(&format!("use {name}")) || code.contains(&format!("derive({name}"))
    })
}

fn violations(src: &Path) -> Vec<String> {
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in &files {
        // a module's own tests may reach across layers (e.g. scoring's tests
        // type an actual through `entry`); what ships may not
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let module = module_of(src, f);
        let text = std::fs::read_to_string(f).unwrap();
        let text = shipped_part(&text);
        let rel = f.strip_prefix(src).unwrap().display().to_string();
        let Some(allowed) = layers.get(module.as_str()) else {
            out.push(format!("src/{rel}: module `{module}` has no place in tests/tidy.rs LAYERS (and ARCHITECTURE.md)"));
            continue;
        };
        if !allowed.contains(&"*") {
            for used in used_modules(&text) {
                if used != module && !allowed.contains(&used.as_str()) {
                    out.push(format!("src/{rel}: `{module}` must not use `{used}`"));
                }
            }
        }
        for (krate, who) in CRATES {
            if !who.contains(&module.as_str()) && names_crate(&text, krate) {
                out.push(format!("src/{rel}: only {who:?} may name the crate `{krate}`"));
            }
        }
    }
    out
}

#[test]
fn the_core_keeps_its_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let v = violations(&src);
    assert!(v.is_empty(), "layering violations:\n{}", v.join("\n"));
}

#[test]
fn the_rules_catch_what_they_forbid() {
    // a scoring file that reaches for the store, a report naming clap, a store-free
    // module with SQL, and an unknown module: each is reported
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("scoring")).unwrap();
    std::fs::write(src.join("scoring/mod.rs"), "use crate::store::Store;\n// crate::service in a comment is fine\n").unwrap();
    std::fs::write(src.join("report.rs"), "#[derive(clap::Args)]\nstruct A;\n").unwrap();
    std::fs::write(src.join("exchange.rs"), "use rusqlite::Connection;\n").unwrap();
    std::fs::write(src.join("stray.rs"), "").unwrap();
    std::fs::write(src.join("text.rs"), "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::store::Store;\n}\n").unwrap();
    std::fs::write(src.join("units.rs"), "use crate::text::normalize;\nfn f() -> rusqlite_migrationless::X {}\n").unwrap();
    let v = violations(src);
    let has = |needle: &str| v.iter().any(|m| m.contains(needle));
    assert!(has("`scoring` must not use `store`"), "{v:#?}");
    assert!(has("src/report.rs: only [\"main\"] may name the crate `clap`"), "{v:#?}");
    assert!(has("src/exchange.rs: only [\"store\"] may name the crate `rusqlite`"), "{v:#?}");
    assert!(has("module `stray` has no place"), "{v:#?}");
    assert!(!v.iter().any(|m| m.contains("units.rs") || m.contains("text.rs")), "{v:#?}");
    assert!(!has("service"), "comments are not code: {v:#?}");
}
