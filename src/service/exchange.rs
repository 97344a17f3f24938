//! Importing and exporting exchange files: the whole file is checked
//! (`exchange::plan`) before anything is written, then written in one
//! transaction; replacing a project backs the database up first.

use crate::error::{Error, Result};
use crate::exchange::{File, ImportSummary, Known, file_of, parse_file, plan, project_to_x};
use crate::model::NewUnit;
use crate::store::Store;
use std::path::Path;

/// Imports an exchange file's text: all of it, or nothing.
pub fn import_str(store: &mut Store, text: &str) -> Result<ImportSummary> {
    import(store, &parse_file(text)?)
}

/// Imports an exchange file: all of it, or nothing.
pub fn import_file(store: &mut Store, path: &Path) -> Result<ImportSummary> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Import("文件不是 UTF-8 编码的文本".into()))?;
    import_str(store, text.trim_start_matches('\u{FEFF}'))
}

/// Imports a parsed file: checks all of it, then writes all of it in one transaction.
pub fn import(store: &mut Store, file: &File) -> Result<ImportSummary> {
    let settings = super::settings(store)?;
    let unit_exists = |code: &str| store.unit(code).is_ok();
    let plan = plan(file, &Known { settings: &settings, unit_exists: &unit_exists })?;
    let planned = plan.projects;
    let mut summary = ImportSummary { units: file.units.len(), projects: planned.len(), warnings: plan.warnings, ..Default::default() };
    for p in &planned {
        if let Ok(old) = store.project(p.project.year, &p.project.code) {
            super::safekeeping::check_replaceable(store, &old)?;
            summary.replaced.push(format!("{} {}", p.project.year, p.project.code));
        }
    }
    if !store.is_empty()? {
        summary.backup = super::safekeeping::auto_backup(store, "before-import")?;
    }
    let units: Vec<NewUnit> = file.units.iter().map(|u| NewUnit { code: u.code.clone(), name: u.name.clone(), parent: u.parent.clone() }).collect();
    store.write_batch(&units, &planned)?;
    for p in &planned {
        summary.indicators += p.indicators.len();
        summary.actuals += p.actuals.len();
        summary.spending += p.spending.iter().filter(|s| s.amount.is_some()).count();
    }
    Ok(summary)
}

/// The database's content (of one year, if given) as an exchange file.
pub fn export(store: &Store, year: Option<i32>) -> Result<File> {
    let mut projects = Vec::new();
    for p in store.projects(year, None)? {
        let inds = store.indicators(p.id)?;
        let actuals = store.all_actuals(p.id)?;
        let spending = store.all_spending(p.id)?;
        projects.push(project_to_x(p, &inds, actuals, spending));
    }
    Ok(file_of(store.units()?, projects))
}

/// Writes the export to `path` as pretty UTF-8 JSON (via a temporary file, so a
/// crash never leaves half a file).
pub fn export_file(store: &Store, year: Option<i32>, path: &Path) -> Result<File> {
    let file = export(store, year)?;
    let text = serde_json::to_string_pretty(&file)? + "\n";
    crate::fsutil::write_atomically(path, text.as_bytes())?;
    Ok(file)
}
