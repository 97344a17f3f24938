//! The architecture's rules, executed (ARCHITECTURE.md, "Layers").
//!
//! Every `.rs` file of `src/` (the library and the CLI's `main.rs`) and of
//! `src-tauri/src/` (the desktop app) is read as Rust (syn), and every path in
//! it that names a module of the library is followed to the top-level module it
//! lands in:
//! - `use` trees, with nested groups, `self`, globs and renames
//!   (`use crate::{model, store::{self as s}}`);
//! - paths in expressions, types, patterns and attributes
//!   (`let s = crate::store::Store::open(…)`, `#[derive(clap::Parser)]`, serde's
//!   `with = "…"`), and the tokens of macro bodies (`format!`, `vec!`,
//!   `tauri::generate_handler![…]`, `macro_rules!`), which syn leaves unread;
//! - whatever they start with: `crate::`, `$crate::`, `self::` and `super::`
//!   (from the module they are written in), `jixiao::`, or an alias of the
//!   crate root (`use jixiao as j;`, `extern crate self as j;`);
//! - names the crate root brings in (`crate::Store`, `jixiao::Result`) to the
//!   module they come from, through the `use` items of `src/lib.rs`; a name the
//!   crate root does not have is reported, and so is a glob of the crate root.
//!
//! Each unit — a top-level module of the library, `lib` (`src/lib.rs`), `main`
//! (`src/main.rs`), `src-tauri` (every file of the app) — may name only the
//! modules LAYERS gives it (and itself): the shells never name the store. Only
//! the store names `rusqlite`; only `main.rs` names `clap`; only the app names
//! `tauri`. A new module fails here until it is given its place.
//!
//! Reported too, as they would hide code from the check: `#[path]` modules,
//! `include!`, and macros the crate root defines or hoists (`#[macro_use]
//! mod`), which every module after them could call without a path.
//!
//! Not checked: what is compiled only for the tests — items under
//! `#[cfg(test)]` (or `cfg(all(test, …))`) wherever they are in a file, and
//! the files of modules declared so (`#[cfg(test)] mod tests;`, `mod testing;`).
//! An item with `#[cfg_attr(test, …)]` ships and is checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Attribute, ImplItem, Item, Meta, Token, TraitItem, UseTree};

/// What the shells — the CLI (`src/main.rs`) and the app (`src-tauri/src/`) —
/// may name: the use-cases (`service`, whose `Store` is the handle they hold),
/// the pure modules and the crate root's own items (`lib`: `default_db_path`).
/// Never the store.
const SHELL: &[&str] = &[
    "arith",
    "display",
    "entry",
    "error",
    "exchange",
    "fsutil",
    "import",
    "lib",
    "model",
    "overview",
    "plan",
    "plausibility",
    "progress",
    "report",
    "review",
    "scoring",
    "service",
    "target",
    "text",
    "units",
];

/// Unit → the crate modules it may use. The pure core is everything below
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
    // long work's done/total and its cancel flag
    ("progress", &["error"]),
    ("store", &["error", "model", "target", "text", "units"]),
    ("exchange", &["entry", "error", "model", "plausibility", "scoring", "target", "text", "units"]),
    ("import", &["error", "exchange", "model", "report", "review", "target", "text", "units"]),
    ("review", &["display", "error", "model", "scoring", "target", "text", "units"]),
    // plans: their exchange file, judging, readers (the PDF text layer and the
    // workbook reader of `import`), entry checks (`entry`'s number syntax)
    ("plan", &["arith", "display", "entry", "error", "fsutil", "import", "model", "scoring", "target", "text", "units"]),
    ("report", &["display", "error", "fsutil", "model", "progress", "review", "scoring", "target", "text", "units"]),
    // the 总览: sums of evaluations
    ("overview", &["error", "model", "scoring", "units"]),
    ("service", &["*"]),
    // builders for the unit tests (`#[cfg(test)]`), never compiled into the program
    ("testing", &["*"]),
    ("lib", &["*"]),
    // the shells
    ("main", SHELL),
    ("src-tauri", SHELL),
];

/// External crates only these units may name.
const CRATES: &[(&str, &[&str])] = &[("rusqlite", &["store"]), ("rusqlite_migration", &["store"]), ("clap", &["main"]), ("indicatif", &["main"]), ("tauri", &["src-tauri"])];

/// The crate a file belongs to: what `crate::`, `self::` and `super::` mean in it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Crate {
    /// the library, `src/lib.rs` and its modules
    Core,
    /// the CLI, `src/main.rs`
    Cli,
    /// the desktop app, `src-tauri/src/`
    App,
}

/// One file, read.
struct Source {
    /// as the messages show it: `src/scoring/mod.rs`
    rel: String,
    krate: Crate,
    /// its module in its crate: `["scoring", "evaluate"]`, `[]` for a crate root
    module: Vec<String>,
    /// its row in LAYERS
    unit: String,
    ast: syn::File,
}

/// A path as written, and where.
#[derive(Clone, Debug)]
struct Written {
    line: usize,
    /// the (inline) module it is written in
    module: Vec<String>,
    /// its segments; the `self` that closes a use group (`store::{self}`) dropped
    segs: Vec<String>,
    leading_colon: bool,
    glob: bool,
    /// the name a `use` or an `extern crate` binds it to
    binds: Option<String>,
    extern_crate: bool,
}

impl Written {
    fn shown(&self) -> String {
        let lead = if self.leading_colon { "::" } else { "" };
        let glob = if self.glob { "::*" } else { "" };
        format!("{lead}{}{glob}", self.segs.join("::"))
    }
}

/// Where a path leads from the library's crate root.
#[derive(Clone, Debug, PartialEq)]
enum Lands {
    /// into a top-level module (`lib` for the crate root's own items)
    Module(String),
    /// into an external crate the crate root re-exports
    Crate(String),
    /// the crate root itself (`crate`, `jixiao`, an alias of either)
    Root,
    /// to a name the crate root does not have
    Unknown(String),
}

/// Findings: (file, line, message), sorted and without repeats.
type Findings = BTreeSet<(String, usize, String)>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `scoring/evaluate.rs` → `["scoring", "evaluate"]`, `store/mod.rs` → `["store"]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut m: Vec<String> = rel.with_extension("").components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if m.last().is_some_and(|l| l == "mod") {
        m.pop();
    }
    m
}

/// Every `.rs` file of `src/` and `src-tauri/src/` under `root`, read as Rust.
fn read_sources(root: &Path, findings: &mut Findings) -> Vec<Source> {
    let mut out = Vec::new();
    for (dir, shell) in [("src", false), ("src-tauri/src", true)] {
        let dir = root.join(dir);
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        files.sort();
        for f in files {
            let rel_in = f.strip_prefix(&dir).unwrap();
            // with `/` on every system, as the findings and the rules name files
            let rel = f.strip_prefix(root).unwrap().components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let (krate, module) = match (shell, rel_in == Path::new("main.rs"), rel_in == Path::new("lib.rs")) {
                (true, true, _) => (Crate::App, Vec::new()),
                (true, false, _) => (Crate::App, module_path(rel_in)),
                (false, true, _) => (Crate::Cli, Vec::new()),
                (false, false, true) => (Crate::Core, Vec::new()),
                (false, false, false) => (Crate::Core, module_path(rel_in)),
            };
            let unit = match krate {
                Crate::Core => module.first().cloned().unwrap_or_else(|| "lib".to_string()),
                Crate::Cli => "main".to_string(),
                Crate::App => "src-tauri".to_string(),
            };
            match syn::parse_file(&std::fs::read_to_string(&f).unwrap()) {
                Ok(ast) => out.push(Source { rel, krate, module, unit, ast }),
                Err(e) => {
                    let line = e.span().start().line;
                    findings.insert((rel, line, format!("not read as Rust, so not checked: {e}")));
                }
            }
        }
    }
    out
}

/// Whether a `#[cfg(…)]` among `attrs` keeps the item out of all but the tests:
/// `cfg(test)`, `cfg(all(test, …))`, `cfg(any(test, all(test, …)))`.
/// `cfg_attr(test, …)` does not: the item ships.
fn test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg") && a.parse_args::<Meta>().is_ok_and(|m| needs_test(&m)))
}

fn needs_test(m: &Meta) -> bool {
    match m {
        Meta::Path(p) => p.is_ident("test"),
        Meta::List(l) => {
            let Ok(parts) = l.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else { return false };
            if l.path.is_ident("all") {
                parts.iter().any(needs_test)
            } else if l.path.is_ident("any") {
                !parts.is_empty() && parts.iter().all(needs_test)
            } else {
                false
            }
        }
        Meta::NameValue(_) => false,
    }
}

fn item_attrs(i: &Item) -> &[Attribute] {
    match i {
        Item::Const(x) => &x.attrs,
        Item::Enum(x) => &x.attrs,
        Item::ExternCrate(x) => &x.attrs,
        Item::Fn(x) => &x.attrs,
        Item::ForeignMod(x) => &x.attrs,
        Item::Impl(x) => &x.attrs,
        Item::Macro(x) => &x.attrs,
        Item::Mod(x) => &x.attrs,
        Item::Static(x) => &x.attrs,
        Item::Struct(x) => &x.attrs,
        Item::Trait(x) => &x.attrs,
        Item::TraitAlias(x) => &x.attrs,
        Item::Type(x) => &x.attrs,
        Item::Union(x) => &x.attrs,
        Item::Use(x) => &x.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(i: &ImplItem) -> &[Attribute] {
    match i {
        ImplItem::Const(x) => &x.attrs,
        ImplItem::Fn(x) => &x.attrs,
        ImplItem::Type(x) => &x.attrs,
        ImplItem::Macro(x) => &x.attrs,
        _ => &[],
    }
}

fn trait_item_attrs(i: &TraitItem) -> &[Attribute] {
    match i {
        TraitItem::Const(x) => &x.attrs,
        TraitItem::Fn(x) => &x.attrs,
        TraitItem::Type(x) => &x.attrs,
        TraitItem::Macro(x) => &x.attrs,
        _ => &[],
    }
}

/// Whether the module `module` of `krate` is compiled only for the tests: it,
/// or a module around it, is declared under `#[cfg(test)]` (or its file says
/// `#![cfg(test)]`). The declarations are followed from the crate root, through
/// inline modules and files. A file no declaration reaches is checked.
fn declared_test_only(files: &BTreeMap<(Crate, Vec<String>), &syn::File>, krate: Crate, module: &[String]) -> bool {
    let Some(root) = files.get(&(krate, Vec::new())) else { return false };
    if test_only(&root.attrs) {
        return true;
    }
    let mut items: &[Item] = &root.items;
    for (depth, seg) in module.iter().enumerate() {
        let declared = items.iter().find_map(|i| match i {
            Item::Mod(m) if m.ident == seg => Some(m),
            _ => None,
        });
        let Some(m) = declared else { return false };
        if test_only(&m.attrs) {
            return true;
        }
        items = match &m.content {
            Some((_, inner)) => inner,
            None => match files.get(&(krate, module[..=depth].to_vec())) {
                Some(f) if test_only(&f.attrs) => return true,
                Some(f) => &f.items,
                None => return false,
            },
        };
    }
    false
}

/// Collects the paths a file writes, and what hides code from the check.
struct Collector {
    krate: Crate,
    module: Vec<String>,
    found: Vec<Written>,
    problems: Vec<(usize, String)>,
}

/// An identifier as a name: `r#type` is `type`.
fn ident(i: &proc_macro2::Ident) -> String {
    let s = i.to_string();
    s.strip_prefix("r#").map_or(s.clone(), str::to_string)
}

fn line_of(span: Span) -> usize {
    span.start().line
}

/// `::` at `tt[i]`.
fn colons_at(tt: &[TokenTree], i: usize) -> bool {
    matches!((tt.get(i), tt.get(i + 1)), (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
        if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
}

impl Collector {
    fn new(krate: Crate, module: &[String]) -> Self {
        Collector { krate, module: module.to_vec(), found: Vec::new(), problems: Vec::new() }
    }

    fn add(&mut self, line: usize, mut segs: Vec<String>, leading_colon: bool, glob: bool, binds: Option<String>) {
        if segs.len() > 1 && segs.last().is_some_and(|s| s == "self") {
            segs.pop();
        }
        if segs.is_empty() {
            return;
        }
        let module = self.module.clone();
        self.found.push(Written { line, module, segs, leading_colon, glob, binds, extern_crate: false });
    }

    /// The leaves of a `use` tree, each with the whole path that leads to it.
    fn use_tree(&mut self, tree: &UseTree, mut prefix: Vec<String>, leading_colon: bool) {
        match tree {
            UseTree::Path(p) => {
                prefix.push(ident(&p.ident));
                self.use_tree(&p.tree, prefix, leading_colon);
            }
            UseTree::Name(n) => {
                let name = ident(&n.ident);
                let binds = if name == "self" { prefix.last().cloned() } else { Some(name.clone()) };
                prefix.push(name);
                self.add(line_of(n.ident.span()), prefix, leading_colon, false, binds);
            }
            UseTree::Rename(r) => {
                prefix.push(ident(&r.ident));
                let binds = Some(ident(&r.rename)).filter(|b| b != "_");
                self.add(line_of(r.ident.span()), prefix, leading_colon, false, binds);
            }
            UseTree::Glob(g) => self.add(line_of(g.star_token.spans[0]), prefix, leading_colon, true, None),
            UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, prefix.clone(), leading_colon);
                }
            }
        }
    }

    /// Paths in tokens that syn does not read (a macro's body, an attribute's
    /// arguments): each `a::b::c` run of identifiers, `a::{b, c::d}` groups
    /// expanded, `a::*` globs; in attributes (`strings`), string literals that
    /// are paths too (serde's `with = "crate::x::f"`).
    fn tokens(&mut self, tokens: TokenStream, prefix: &[String], strings: bool) {
        let tt: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tt.len() {
            let path_start = matches!(tt[i], TokenTree::Ident(_)) || (colons_at(&tt, i) && matches!(tt.get(i + 2), Some(TokenTree::Ident(_))));
            match &tt[i] {
                // `x as y`: `y` is a new name, not a path (`x as crate::a::T` is one)
                TokenTree::Ident(id) if id == "as" => i += if matches!(tt.get(i + 1), Some(TokenTree::Ident(_))) && !colons_at(&tt, i + 2) { 2 } else { 1 },
                _ if path_start => i = self.token_path(&tt, i, prefix, strings),
                TokenTree::Group(g) => {
                    self.tokens(g.stream(), &[], strings);
                    i += 1;
                }
                TokenTree::Punct(p) if p.as_char() == '*' && !prefix.is_empty() => {
                    self.add(line_of(p.span()), prefix.to_vec(), false, true, None);
                    i += 1;
                }
                TokenTree::Literal(l) if strings => {
                    self.path_in_string(l);
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }

    /// The path that starts at `tt[i]`; returns the index after it.
    fn token_path(&mut self, tt: &[TokenTree], mut i: usize, prefix: &[String], strings: bool) -> usize {
        let leading_colon = colons_at(tt, i);
        if leading_colon {
            i += 2;
        }
        let line = line_of(tt[i].span());
        let mut segs = prefix.to_vec();
        while let Some(TokenTree::Ident(id)) = tt.get(i) {
            segs.push(ident(id));
            i += 1;
            if !colons_at(tt, i) {
                break;
            }
            match tt.get(i + 2) {
                Some(TokenTree::Ident(_)) => i += 2,
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                    self.tokens(g.stream(), &segs, strings);
                    return i + 3;
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '*' => {
                    self.add(line, segs, leading_colon, true, None);
                    return i + 3;
                }
                // `path::<T>`
                _ => {
                    i += 2;
                    break;
                }
            }
        }
        self.add(line, segs, leading_colon, false, None);
        i
    }

    fn path_in_string(&mut self, lit: &proc_macro2::Literal) {
        let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into()) else { return };
        if let Ok(p) = s.parse::<syn::Path>() {
            let segs = p.segments.iter().map(|s| ident(&s.ident)).collect();
            self.add(line_of(lit.span()), segs, p.leading_colon.is_some(), false, None);
        }
    }

    /// In the library's crate root, a macro is seen by every module declared
    /// after it, without a path: the check could not tell who calls it.
    fn hoisted_macro(&mut self, i: &Item) {
        if self.krate != Crate::Core || !self.module.is_empty() {
            return;
        }
        match i {
            Item::Macro(m) if m.mac.path.is_ident("macro_rules") => self.problems.push((
                line_of(m.mac.path.segments[0].ident.span()),
                "a macro in the crate root reaches every module after it without a path: define it in its module, `#[macro_export]` it and call it as `crate::name!`".into(),
            )),
            Item::Mod(m) if m.attrs.iter().any(|a| a.path().is_ident("macro_use")) => self.problems.push((
                line_of(m.ident.span()),
                format!("`#[macro_use] mod {}` lets every module after it call its macros without a path: `#[macro_export]` them and call them as `crate::name!`", m.ident),
            )),
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item(&mut self, i: &'ast Item) {
        if test_only(item_attrs(i)) {
            return;
        }
        self.hoisted_macro(i);
        if let Item::Verbatim(ts) = i {
            self.tokens(ts.clone(), &[], false);
        }
        visit::visit_item(self, i);
    }

    fn visit_impl_item(&mut self, i: &'ast ImplItem) {
        if !test_only(impl_item_attrs(i)) {
            visit::visit_impl_item(self, i);
        }
    }

    fn visit_trait_item(&mut self, i: &'ast TraitItem) {
        if !test_only(trait_item_attrs(i)) {
            visit::visit_trait_item(self, i);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if let Some(a) = m.attrs.iter().find(|a| a.path().is_ident("path")) {
            self.problems.push((line_of(a.pound_token.spans[0]), format!("`#[path]` on `mod {}` puts a file where this check does not look for it", m.ident)));
        }
        self.module.push(ident(&m.ident));
        visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        for a in &u.attrs {
            self.visit_attribute(a);
        }
        self.use_tree(&u.tree, Vec::new(), u.leading_colon.is_some());
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        for a in &e.attrs {
            self.visit_attribute(a);
        }
        let binds = e.rename.as_ref().map_or(ident(&e.ident), |(_, r)| ident(r));
        self.add(line_of(e.ident.span()), vec![ident(&e.ident)], false, false, Some(binds));
        if let Some(w) = self.found.last_mut() {
            w.extern_crate = true;
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs = p.segments.iter().map(|s| ident(&s.ident)).collect();
        let line = p.segments.first().map_or(0, |s| line_of(s.ident.span()));
        self.add(line, segs, p.leading_colon.is_some(), false, None);
        visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        visit::visit_macro(self, m);
        if m.path.segments.last().is_some_and(|s| s.ident == "include") {
            self.problems.push((line_of(m.path.segments[0].ident.span()), "`include!` puts code where this check does not read it".into()));
        }
        // a body that is Rust (items, statements, arguments) is read as Rust,
        // `use` trees and aliases included ...
        let body = m.tokens.clone();
        if let Ok(file) = syn::parse2::<syn::File>(body.clone()) {
            self.visit_file(&file);
        } else if let Ok(stmts) = syn::Block::parse_within.parse2(body.clone()) {
            stmts.iter().for_each(|s| self.visit_stmt(s));
        } else if let Ok(args) = Punctuated::<syn::Expr, Token![,]>::parse_terminated.parse2(body.clone()) {
            args.iter().for_each(|e| self.visit_expr(e));
        }
        // ... and, whatever it is, its tokens
        self.tokens(body, &[], false);
    }

    fn visit_attribute(&mut self, a: &'ast Attribute) {
        visit::visit_attribute(self, a);
        if let Meta::List(l) = &a.meta {
            self.tokens(l.tokens.clone(), &[], true);
        }
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        if let syn::Expr::Verbatim(ts) = e {
            self.tokens(ts.clone(), &[], false);
        }
        visit::visit_expr(self, e);
    }

    fn visit_type(&mut self, t: &'ast syn::Type) {
        if let syn::Type::Verbatim(ts) = t {
            self.tokens(ts.clone(), &[], false);
        }
        visit::visit_type(self, t);
    }

    fn visit_pat(&mut self, p: &'ast syn::Pat) {
        if let syn::Pat::Verbatim(ts) = p {
            self.tokens(ts.clone(), &[], false);
        }
        visit::visit_pat(self, p);
    }
}

/// Every path a file writes outside its `#[cfg(test)]` items.
fn collect(s: &Source) -> Collector {
    let mut c = Collector::new(s.krate, &s.module);
    c.visit_file(&s.ast);
    c
}

/// Where a path starts, when it starts at the library's crate root: the path
/// from there (`super::` and `self::` made absolute). `None`: it starts
/// elsewhere (an external crate, a local name, a shell's own modules).
fn from_core_root(w: &Written, krate: Crate, aliases: &BTreeSet<String>) -> Option<Vec<String>> {
    let first = w.segs.first()?;
    if first == "jixiao" || aliases.contains(first) {
        return Some(w.segs[1..].to_vec());
    }
    if w.leading_colon || krate != Crate::Core {
        return None;
    }
    let (mut module, mut rest) = match first.as_str() {
        "crate" => (Vec::new(), &w.segs[1..]),
        "self" => (w.module.clone(), &w.segs[1..]),
        "super" => (w.module.clone(), &w.segs[..]),
        _ => return None,
    };
    // `super::super::x`, `self::super::x`
    while rest.first().is_some_and(|s| s == "super") {
        module.pop()?;
        rest = &rest[1..];
    }
    Some([&module[..], rest].concat())
}

/// Where a path from the crate root lands, by its first name.
fn lands(names: &BTreeMap<String, Lands>, abs: &[String]) -> Lands {
    let mut abs = abs;
    loop {
        let Some(first) = abs.first() else { return Lands::Root };
        match names.get(first) {
            Some(Lands::Root) => abs = &abs[1..],
            Some(l) => return l.clone(),
            None => return Lands::Unknown(first.clone()),
        }
    }
}

/// The names of the library's crate root and where each leads: its modules;
/// the names its `use` and `extern crate` items bring in (`pub use
/// store::Store` → `store`, `pub use error::{Error, Result}` → `error`); its
/// own items (`default_db_path` → `lib`); and the macros exported from
/// anywhere in the library (`#[macro_export] macro_rules! invalid` in
/// `error.rs` → `error`).
fn root_names(sources: &[Source]) -> BTreeMap<String, Lands> {
    let mut names = BTreeMap::new();
    for s in sources.iter().filter(|s| s.krate == Crate::Core) {
        for name in exported_macros(&s.ast) {
            names.insert(name, Lands::Module(s.unit.clone()));
        }
    }
    let Some(lib) = sources.iter().find(|s| s.krate == Crate::Core && s.module.is_empty()) else { return names };
    let mut brought = Collector::new(Crate::Core, &[]);
    for item in &lib.ast.items {
        let own = |i: &syn::Ident| Some((ident(i), Lands::Module("lib".into())));
        let entry = match item {
            Item::Mod(m) => Some((ident(&m.ident), Lands::Module(ident(&m.ident)))),
            Item::Use(u) if !test_only(&u.attrs) => {
                brought.use_tree(&u.tree, Vec::new(), u.leading_colon.is_some());
                None
            }
            Item::ExternCrate(e) if !test_only(&e.attrs) => {
                brought.visit_item_extern_crate(e);
                None
            }
            Item::Const(x) => own(&x.ident),
            Item::Enum(x) => own(&x.ident),
            Item::Fn(x) => own(&x.sig.ident),
            Item::Static(x) => own(&x.ident),
            Item::Struct(x) => own(&x.ident),
            Item::Trait(x) => own(&x.ident),
            Item::TraitAlias(x) => own(&x.ident),
            Item::Type(x) => own(&x.ident),
            Item::Union(x) => own(&x.ident),
            _ => None,
        };
        if let Some((name, l)) = entry {
            names.insert(name, l);
        }
    }
    // each brought-in name, by the path it is brought from (in the crate
    // root, `store::Store` starts there; so does `crate::`, `self::`, `self`)
    let mut pending: Vec<(String, Vec<String>)> = brought
        .found
        .into_iter()
        .filter(|w| !w.glob)
        .filter_map(|w| {
            let from = match w.segs[0].as_str() {
                "crate" | "self" => w.segs[1..].to_vec(),
                _ => w.segs.clone(),
            };
            Some((w.binds?, from))
        })
        .collect();
    let waiting: BTreeSet<String> = pending.iter().map(|(n, _)| n.clone()).collect();
    for _ in 0..=pending.len() {
        pending.retain(|(name, from)| match lands(&names, from) {
            // `pub use a::X; pub use X::Y;`: once X is known
            Lands::Unknown(first) if waiting.contains(&first) => true,
            // `pub use rust_decimal::Decimal`
            Lands::Unknown(first) => {
                names.insert(name.clone(), Lands::Crate(first));
                false
            }
            l => {
                names.insert(name.clone(), l);
                false
            }
        });
    }
    names
}

/// The `#[macro_export]` macros of a file (they live at the crate root).
fn exported_macros(file: &syn::File) -> Vec<String> {
    struct Exported(Vec<String>);
    impl<'ast> Visit<'ast> for Exported {
        fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
            if let Some(name) = &m.ident
                && m.attrs.iter().any(|a| a.path().is_ident("macro_export"))
            {
                self.0.push(ident(name));
            }
        }
    }
    let mut e = Exported(Vec::new());
    e.visit_file(file);
    e.0
}

/// The names a file uses for the library's crate root: `jixiao`, what `use`
/// binds to the root (`use jixiao as j;`, `use crate as c;`), and `around` (the
/// crate's `extern crate … as …` names).
fn root_aliases(found: &[Written], krate: Crate, names: &BTreeMap<String, Lands>, around: &BTreeSet<String>) -> BTreeSet<String> {
    let mut aliases = around.clone();
    loop {
        let more: Vec<String> = found
            .iter()
            .filter(|w| !w.glob)
            .filter_map(|w| {
                let b = w.binds.as_ref()?;
                let abs = from_core_root(w, krate, &aliases)?;
                (lands(names, &abs) == Lands::Root && !aliases.contains(b)).then(|| b.clone())
            })
            .collect();
        if more.is_empty() {
            return aliases;
        }
        aliases.extend(more);
    }
}

/// The rule a written path breaks, if any.
fn judge(w: &Written, s: &Source, allowed: &[&str], names: &BTreeMap<String, Lands>, aliases: &BTreeSet<String>) -> Option<String> {
    let shown = w.shown();
    let Some(abs) = from_core_root(w, s.krate, aliases) else {
        // an external crate: `use clap::Parser`, `rusqlite::Connection`; a
        // lone name (`clap`) is a local one unless `use`d
        let first = &w.segs[0];
        return if w.segs.len() > 1 || w.glob || w.binds.is_some() { crate_rule(first, &s.unit, &shown) } else { None };
    };
    let anything = allowed.contains(&"*");
    match lands(names, &abs) {
        Lands::Root => (w.glob && !anything).then(|| format!("`{shown}` brings in every name of the crate root: name the modules used")),
        Lands::Module(m) => (m != s.unit && !anything && !allowed.contains(&m.as_str())).then(|| format!("`{}` must not use `{m}` (`{shown}`)", s.unit)),
        Lands::Crate(c) => crate_rule(&c, &s.unit, &shown),
        Lands::Unknown(name) => Some(format!("`{shown}`: the crate root has no `{name}` (not a module, nor a name src/lib.rs brings in)")),
    }
}

/// Whether `unit` may name the external crate `krate`.
fn crate_rule(krate: &str, unit: &str, shown: &str) -> Option<String> {
    let (_, who) = CRATES.iter().find(|(k, _)| *k == krate)?;
    (!who.contains(&unit)).then(|| format!("only {who:?} may name the crate `{krate}` (`{shown}`)"))
}

/// Every rule broken under `root` (a tree with `src/` and maybe `src-tauri/src/`),
/// as `file:line: message`.
fn violations(root: &Path) -> Vec<String> {
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut findings = Findings::new();
    let sources = read_sources(root, &mut findings);
    let names = root_names(&sources);
    let files: BTreeMap<(Crate, Vec<String>), &syn::File> = sources.iter().map(|s| ((s.krate, s.module.clone()), &s.ast)).collect();
    let shipped: Vec<(&Source, Collector)> = sources.iter().filter(|s| !declared_test_only(&files, s.krate, &s.module)).map(|s| (s, collect(s))).collect();
    // `extern crate self as j;` (or `jixiao as j`) names the root crate-wide
    let mut around: BTreeMap<Crate, BTreeSet<String>> = BTreeMap::new();
    for (s, c) in &shipped {
        for w in c.found.iter().filter(|w| w.extern_crate) {
            if from_core_root(w, s.krate, &BTreeSet::new()).is_some_and(|abs| lands(&names, &abs) == Lands::Root) {
                around.entry(s.krate).or_default().extend(w.binds.clone());
            }
        }
    }
    for (s, c) in &shipped {
        let Some(allowed) = layers.get(s.unit.as_str()) else {
            findings.insert((s.rel.clone(), 0, format!("module `{}` has no place in tests/tidy.rs LAYERS (and ARCHITECTURE.md)", s.unit)));
            continue;
        };
        for (line, p) in &c.problems {
            findings.insert((s.rel.clone(), *line, p.clone()));
        }
        let aliases = root_aliases(&c.found, s.krate, &names, around.get(&s.krate).unwrap_or(&BTreeSet::new()));
        for w in &c.found {
            if let Some(m) = judge(w, s, allowed, &names, &aliases) {
                findings.insert((s.rel.clone(), w.line, m));
            }
        }
    }
    findings.into_iter().map(|(f, line, m)| if line == 0 { format!("{f}: {m}") } else { format!("{f}:{line}: {m}") }).collect()
}

#[test]
fn the_tree_keeps_its_layers() {
    let v = violations(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(v.is_empty(), "{} layering violations:\n{}", v.len(), v.join("\n"));
}

// The check's own tests: each writes a small tree and expects exactly the
// findings listed, so that each evasion it closes would fail here again.

/// The real crate root's shape: modules, re-exports, an item of its own.
const FAKE_LIB: &str = "\
pub mod error;
pub mod exchange;
pub mod model;
pub mod report;
pub mod scoring;
pub mod service;
pub mod store;
pub mod text;
pub mod units;
#[cfg(test)]
mod testing;
pub use error::{Error, Result};
pub use model::Period;
pub use store::Store;
pub fn default_db_path() {}
";

/// The findings on a tree of `FAKE_LIB` and `files` (`src/lib.rs` among them replaces it).
fn check(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [("src/lib.rs", FAKE_LIB)].iter().chain(files) {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    violations(dir.path())
}

#[test]
fn a_reexported_name_leads_to_its_module() {
    let v = check(&[
        ("src/scoring/mod.rs", "use crate::Store;\nuse crate::{Error, Period, Result};\nfn f() -> crate::Nope { jixiao::Store::open() }\n"),
        ("src/units.rs", "use crate::Result;\n"),
    ]);
    assert_eq!(
        v,
        [
            "src/scoring/mod.rs:1: `scoring` must not use `store` (`crate::Store`)",
            "src/scoring/mod.rs:3: `crate::Nope`: the crate root has no `Nope` (not a module, nor a name src/lib.rs brings in)",
            "src/scoring/mod.rs:3: `scoring` must not use `store` (`jixiao::Store::open`)",
        ]
    );
}

#[test]
fn use_groups_are_read() {
    let v = check(&[
        ("src/scoring/mod.rs", "use crate::{store::Store};\n"),
        ("src/model.rs", "use crate::{text, store::{self}};\n"),
        ("src/units.rs", "use crate::{text::{self as t, normalize}, store::{Store as S}};\n"),
        ("src/text.rs", "use crate::{error::{Error}, *};\n"),
    ]);
    assert_eq!(
        v,
        [
            "src/model.rs:1: `model` must not use `store` (`crate::store`)",
            "src/scoring/mod.rs:1: `scoring` must not use `store` (`crate::store::Store`)",
            "src/text.rs:1: `crate::*` brings in every name of the crate root: name the modules used",
            "src/units.rs:1: `units` must not use `store` (`crate::store::Store`)",
        ]
    );
}

#[test]
fn a_test_module_does_not_hide_what_follows() {
    let v = check(&[
        ("src/model.rs", "#[cfg(test)]\nmod a {}\n\npub fn shipped() {\n    let _ = crate::store::Store::open;\n}\n"),
        ("src/text.rs", "#[cfg(test)]\nmod tests {\n    use crate::store::Store;\n}\n\nuse crate::store;\n"),
    ]);
    assert_eq!(v, ["src/model.rs:5: `model` must not use `store` (`crate::store::Store::open`)", "src/text.rs:6: `text` must not use `store` (`crate::store`)"]);
}

#[test]
fn what_only_the_tests_compile_is_not_checked() {
    let v = check(&[
        (
            "src/model.rs",
            "#[cfg(test)]\nfn helper() { crate::store::Store::open(); }\n#[cfg(all(test, unix))]\nuse crate::store::X;\n\
             struct A;\nimpl A {\n    #[cfg(test)]\n    fn f() { crate::store::Store::open(); }\n}\n\
             #[cfg_attr(test, derive(ts_rs::TS))]\npub struct Shipped(crate::store::Store);\n#[cfg(not(test))]\nuse crate::store::Y;\n",
        ),
        // declared `#[cfg(test)] mod tests;`: not checked; declared without: checked
        ("src/scoring/mod.rs", "#[cfg(test)]\nmod tests;\nmod evaluate;\n"),
        ("src/scoring/tests.rs", "use crate::store::Store;\n"),
        ("src/scoring/evaluate.rs", "use crate::store::Store;\n"),
        ("src/report/mod.rs", "mod tests;\n"),
        ("src/report/tests.rs", "use crate::store::Store;\n"),
        ("src/testing.rs", "use crate::store::Store;\n"),
        ("src/text.rs", "#![cfg(test)]\nuse crate::store::Store;\n"),
    ]);
    assert_eq!(
        v,
        [
            "src/model.rs:11: `model` must not use `store` (`crate::store::Store`)",
            "src/model.rs:13: `model` must not use `store` (`crate::store::Y`)",
            "src/report/tests.rs:1: `report` must not use `store` (`crate::store::Store`)",
            "src/scoring/evaluate.rs:1: `scoring` must not use `store` (`crate::store::Store`)",
        ]
    );
}

#[test]
fn the_shells_never_name_the_store() {
    let v = check(&[
        ("src/main.rs", "use jixiao::{Error, Period, Result, Store};\nfn main() { let _ = jixiao::default_db_path(); }\n"),
        ("src-tauri/src/main.rs", "mod commands;\nuse jixiao::service::Store;\nuse tauri::Manager;\n"),
        (
            "src-tauri/src/commands.rs",
            "use jixiao::store::Store;\nfn f(s: &jixiao::Store) {}\nfn g(s: &jixiao::service::Store) -> jixiao::Result<()> { crate::h() }\n\
             use jixiao as core;\nfn h() { core::store::Store::open(); }\n",
        ),
        ("src-tauri/src/editing.rs", "use ::jixiao::{self as j};\nfn f() { j::Store::open(); }\n"),
    ]);
    assert_eq!(
        v,
        [
            "src-tauri/src/commands.rs:1: `src-tauri` must not use `store` (`jixiao::store::Store`)",
            "src-tauri/src/commands.rs:2: `src-tauri` must not use `store` (`jixiao::Store`)",
            "src-tauri/src/commands.rs:5: `src-tauri` must not use `store` (`core::store::Store::open`)",
            "src-tauri/src/editing.rs:2: `src-tauri` must not use `store` (`j::Store::open`)",
            "src/main.rs:1: `main` must not use `store` (`jixiao::Store`)",
        ]
    );
}

#[test]
fn paths_in_macro_bodies_are_read() {
    let v = check(&[
        ("src/scoring/mod.rs", "pub fn f() -> String {\n    format!(\"{}\", crate::store::NAME)\n}\n"),
        ("src/model.rs", "macro_rules! m {\n    () => { $crate::store::Store::open() };\n    ($x:expr) => { $x as crate::store::Id };\n}\n"),
        ("src/text.rs", "items! { use crate::{store::{self as s}}; }\n"),
        ("src/units.rs", "fn f() { let v = vec![crate::Store::open(); 2]; }\n"),
        ("src-tauri/src/main.rs", "fn main() { tauri::Builder::default().invoke_handler(tauri::generate_handler![jixiao::store::open]); }\n"),
    ]);
    assert_eq!(
        v,
        [
            "src-tauri/src/main.rs:1: `src-tauri` must not use `store` (`jixiao::store::open`)",
            "src/model.rs:2: `model` must not use `store` (`crate::store::Store::open`)",
            "src/model.rs:3: `model` must not use `store` (`crate::store::Id`)",
            "src/scoring/mod.rs:2: `scoring` must not use `store` (`crate::store::NAME`)",
            "src/text.rs:1: `text` must not use `store` (`crate::store`)",
            "src/units.rs:1: `units` must not use `store` (`crate::Store::open`)",
        ]
    );
}

#[test]
fn super_is_read_from_the_module_it_is_written_in() {
    let v = check(&[
        (
            "src/scoring/mod.rs",
            "mod evaluate;\nmod settings;\nfn f() { super::store::Store::open(); }\nmod inner {\n    use super::super::Store;\n    use super::evaluate::X;\n}\n",
        ),
        ("src/scoring/evaluate.rs", "use super::super::store::Store;\nuse super::settings;\n"),
        ("src/scoring/settings.rs", "use self::super::super::text;\nuse super::super::super::beyond;\nuse self::super::super::store::Store;\n"),
    ]);
    assert_eq!(
        v,
        [
            "src/scoring/evaluate.rs:1: `scoring` must not use `store` (`super::super::store::Store`)",
            "src/scoring/mod.rs:3: `scoring` must not use `store` (`super::store::Store::open`)",
            "src/scoring/mod.rs:5: `scoring` must not use `store` (`super::super::Store`)",
            "src/scoring/settings.rs:3: `scoring` must not use `store` (`self::super::super::store::Store`)",
        ]
    );
}

#[test]
fn paths_in_bodies_are_read() {
    let v = check(&[(
        "src/scoring/mod.rs",
        "pub fn f(db: &std::path::Path) {\n    let x = crate::store::Store::open(db);\n    if let Some(crate::store::Found(y)) = x {}\n}\n\
         pub fn g<T: crate::store::Table>(v: Vec<crate::store::Row>) {}\npub fn h() { crate::r#store::Store::open(); }\n",
    )]);
    assert_eq!(
        v,
        [
            "src/scoring/mod.rs:2: `scoring` must not use `store` (`crate::store::Store::open`)",
            "src/scoring/mod.rs:3: `scoring` must not use `store` (`crate::store::Found`)",
            "src/scoring/mod.rs:5: `scoring` must not use `store` (`crate::store::Row`)",
            "src/scoring/mod.rs:5: `scoring` must not use `store` (`crate::store::Table`)",
            "src/scoring/mod.rs:6: `scoring` must not use `store` (`crate::store::Store::open`)",
        ]
    );
}

#[test]
fn comments_and_strings_are_not_code() {
    let v = check(&[(
        "src/scoring/mod.rs",
        "// crate::store::Store\n/// use crate::store;\n#[doc = \"crate::store\"]\npub fn f() -> &'static str {\n    /* jixiao::store */\n    \"crate::store::Store\"\n}\n\
         pub fn g() -> String { format!(\"crate::store {}\", 1) }\n",
    )]);
    assert_eq!(v, Vec::<String>::new());
}

#[test]
fn aliases_of_the_crate_root_are_followed() {
    let v = check(&[
        ("src/lib.rs", &format!("{FAKE_LIB}extern crate self as core_root;\n")),
        ("src/scoring/mod.rs", "use crate as c;\nfn f() { c::store::Store::open(); }\n"),
        ("src/model.rs", "fn f() { core_root::store::Store::open(); }\n"),
        // an alias a macro's body makes
        ("src/units.rs", "items! { use crate as r; }\nfn f() { r::store::Store::open(); }\n"),
    ]);
    assert_eq!(
        v,
        [
            "src/model.rs:1: `model` must not use `store` (`core_root::store::Store::open`)",
            "src/scoring/mod.rs:2: `scoring` must not use `store` (`c::store::Store::open`)",
            "src/units.rs:2: `units` must not use `store` (`r::store::Store::open`)",
        ]
    );
}

#[test]
fn external_crates_stay_where_they_belong() {
    let v = check(&[
        ("src/report/mod.rs", "#[derive(clap::Args)]\nstruct A;\n"),
        ("src/exchange/mod.rs", "use rusqlite::Connection;\nfn f(c: &::rusqlite::Connection) {}\n"),
        ("src/store/mod.rs", "use rusqlite::Connection;\nuse rusqlite_migration::Migrations;\n"),
        ("src/text.rs", "fn f() { tauri::async_runtime::spawn(async {}); }\n"),
        ("src/units.rs", "fn f() -> rusqlite_migrationless::X { let clap = 1; clap }\n"),
        ("src/main.rs", "#[derive(clap::Parser)]\nstruct Cli;\n"),
        ("src-tauri/src/main.rs", "use tauri::Manager;\nuse clap::Parser;\n"),
        ("src/scoring/mod.rs", "#[derive(serde::Serialize)]\nstruct S {\n    #[serde(serialize_with = \"crate::store::ser\")]\n    x: u8,\n}\n"),
    ]);
    assert_eq!(
        v,
        [
            "src-tauri/src/main.rs:2: only [\"main\"] may name the crate `clap` (`clap::Parser`)",
            "src/exchange/mod.rs:1: only [\"store\"] may name the crate `rusqlite` (`rusqlite::Connection`)",
            "src/exchange/mod.rs:2: only [\"store\"] may name the crate `rusqlite` (`::rusqlite::Connection`)",
            "src/report/mod.rs:1: only [\"main\"] may name the crate `clap` (`clap::Args`)",
            "src/scoring/mod.rs:3: `scoring` must not use `store` (`crate::store::ser`)",
            "src/text.rs:1: only [\"src-tauri\"] may name the crate `tauri` (`tauri::async_runtime::spawn`)",
        ]
    );
}

#[test]
fn what_hides_code_is_reported() {
    let v = check(&[
        ("src/lib.rs", &format!("{FAKE_LIB}macro_rules! open {{ () => {{ $crate::store::Store::open() }} }}\n#[macro_use]\npub mod display;\n")),
        ("src/scoring/mod.rs", "#[path = \"../store/mod.rs\"]\nmod s;\ninclude!(\"../store/x.rs\");\n"),
        ("src/stray.rs", ""),
    ]);
    assert_eq!(
        v,
        [
            "src/lib.rs:16: a macro in the crate root reaches every module after it without a path: define it in its module, `#[macro_export]` it and call it as `crate::name!`",
            "src/lib.rs:18: `#[macro_use] mod display` lets every module after it call its macros without a path: `#[macro_export]` them and call them as `crate::name!`",
            "src/scoring/mod.rs:1: `#[path]` on `mod s` puts a file where this check does not look for it",
            "src/scoring/mod.rs:3: `include!` puts code where this check does not read it",
            "src/stray.rs: module `stray` has no place in tests/tidy.rs LAYERS (and ARCHITECTURE.md)",
        ]
    );
}

#[test]
fn exported_macros_belong_to_their_module() {
    let v = check(&[
        ("src/error.rs", "#[macro_export]\nmacro_rules! invalid { () => {} }\n"),
        ("src/store/mod.rs", "#[macro_export]\nmacro_rules! query { () => {} }\n"),
        ("src/units.rs", "fn f() { crate::invalid!(); crate::query!(); }\n"),
    ]);
    assert_eq!(v, ["src/units.rs:1: `units` must not use `store` (`crate::query`)"]);
}
