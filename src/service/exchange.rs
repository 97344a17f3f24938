//! Importing and exporting exchange files: the whole file is checked
//! (`exchange::plan`) before anything is written, then written in one
//! transaction; replacing a project backs the database up first. `preview`
//! shows the app what a file would import, its doubts and review findings.

use crate::error::{Error, Result};
use crate::exchange::{File, ImportSummary, Known, as_stored, file_of, parse_file, plan, project_to_x};
use crate::import::preview::Preview;
use crate::import::{Format, ImportOptions};
use crate::model::NewUnit;
use crate::store::Store;
use std::path::Path;

/// Imports an exchange file's text: all of it, or nothing.
pub fn import_str(store: &mut Store, text: &str) -> Result<ImportSummary> {
    import(store, &parse_file(text)?)
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

/// What importing `file` would do, for the app's preview: each project's rows
/// as understood, their doubts and review findings, whether it replaces a
/// stored project (or cannot), and the first check the file fails. Writes nothing.
pub fn preview(store: &Store, file: File) -> Result<Preview> {
    let settings = super::settings(store)?;
    let unit_exists = |code: &str| store.unit(code).is_ok();
    let checked = plan(&file, &Known { settings: &settings, unit_exists: &unit_exists });
    let mut projects = Vec::with_capacity(file.projects.len());
    for (n, xp) in file.projects.iter().enumerate() {
        let mut p = crate::import::preview::project(&xp.indicators, &xp.spending_plan, xp.year);
        if let Ok(old) = store.project(xp.year, &xp.code) {
            p.replaces = true;
            p.refused = super::safekeeping::check_replaceable(store, &old).err().map(|e| e.to_string());
        }
        if let Ok(plan) = &checked {
            let planned = &plan.projects[n];
            let unit_name = file
                .units
                .iter()
                .find(|u| u.code == planned.project.unit_code)
                .and_then(|u| u.name.clone())
                .or_else(|| store.unit(&planned.project.unit_code).ok().map(|u| u.name))
                .unwrap_or_default();
            let (project, indicators) = as_stored(planned, &unit_name);
            p = p.with_review(super::review::review_indicators(store, &project, &indicators)?.review);
        }
        projects.push(p);
    }
    let (error, warnings) = match checked {
        Ok(plan) => (projects.iter().find_map(|p| p.refused.clone()), plan.warnings),
        // what fails, without the words of a failed import: nothing was tried yet
        Err(Error::Import(why)) => (Some(why), Vec::new()),
        Err(e) => (Some(e.to_string()), Vec::new()),
    };
    Ok(Preview { backup: !store.is_empty()?, file, projects, error, warnings })
}

/// Reads a file of any format (`crate::import::read_file`) into its preview.
pub fn preview_file(store: &Store, path: &Path, format: Option<Format>, opts: &ImportOptions) -> Result<Preview> {
    preview(store, crate::import::read_file(path, format, opts)?)
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
