//! Importing and exporting exchange files: the whole file is checked
//! (`exchange::plan`) before anything is written, then written in one
//! transaction; replacing a project backs the database up first. `preview`
//! shows the app what a file would import, its doubts and review findings.

use crate::error::{Error, Result};
use crate::exchange::{File, ImportSummary, Known, XUnit, as_stored, file_of, parse_file, project_to_x};
use crate::import::preview::Preview;
use crate::import::{Format, ImportOptions};
use crate::model::NewUnit;
use crate::progress::{self, Progress, Quiet};
use super::Store;
use std::path::Path;

/// Imports an exchange file's text: all of it, or nothing.
pub fn import_str(store: &mut Store, text: &str) -> Result<ImportSummary> {
    import(store, &parse_file(text)?)
}

/// The units a file's projects name, settled against the database: a
/// project's unit may be given by name (a sheet's 实施单位 or 填报单位,
/// `--unit NAME`) as well as by code. A name is matched with a unit of the
/// file or the database of that name; a reference that matches nothing is a
/// unit the database does not have yet, added to the file as a new unit (its
/// code the text as written, until the officer gives it another), so that a
/// hand-typed sheet goes into a new database. `None` when nothing changes.
fn settled(store: &Store, file: &File) -> Result<Option<(File, Vec<XUnit>)>> {
    let stored = store.units()?;
    let mut out: Option<(File, Vec<XUnit>)> = None;
    for (n, xp) in file.projects.iter().enumerate() {
        let Some(reference) = xp.unit.as_deref().map(str::trim).filter(|r| !r.is_empty()) else { continue };
        let units = out.as_ref().map_or(&file.units, |(f, _)| &f.units);
        if units.iter().any(|u| u.code == reference) || stored.iter().any(|u| u.code == reference) {
            continue;
        }
        let by_name = units
            .iter()
            .find(|u| u.name.as_deref().map(str::trim) == Some(reference))
            .map(|u| u.code.clone())
            .or_else(|| stored.iter().find(|u| u.name.trim() == reference).map(|u| u.code.clone()));
        let (f, new) = out.get_or_insert_with(|| (file.clone(), Vec::new()));
        f.projects[n].unit = Some(match by_name {
            Some(code) => code,
            None => {
                let unit = XUnit { code: reference.to_string(), name: Some(reference.to_string()), parent: None };
                f.units.push(unit.clone());
                new.push(unit);
                reference.to_string()
            }
        });
    }
    Ok(out)
}

/// Imports what was read from a file of `format`. A table (workbook, PDF,
/// text) may name its projects' unit by name, or a unit the database does
/// not have yet: that unit is created (`new_units`). An exchange file lists
/// its units: a project naming another is refused, as by [`import`]. Targets
/// whose direction the file does not state are refused unless the officer
/// accepts them (see [`check_directions`]).
pub fn import_read(store: &mut Store, file: &File, format: Format, accept_doubtful: bool) -> Result<ImportSummary> {
    import_read_with(store, file, format, accept_doubtful, &Quiet)
}

/// [`import_read`], reporting its progress (and stopped, writing nothing,
/// when cancelled before the backup and the writing begin).
pub fn import_read_with(store: &mut Store, file: &File, format: Format, accept_doubtful: bool, p: &dyn Progress) -> Result<ImportSummary> {
    check_directions(file, accept_doubtful)?;
    // a table's units are settled first; an exchange file lists its own
    let table = if format == Format::Json { None } else { settled(store, file)? };
    match table {
        Some((file, _)) => import_with(store, &file, p),
        None => import_with(store, file, p),
    }
}

/// Imports a file the officer has seen in the app's preview (its units
/// settled there): as [`import`], once the officer has confirmed the targets
/// whose direction the file does not state (`accept_doubtful`).
pub fn import_previewed(store: &mut Store, file: &File, accept_doubtful: bool) -> Result<ImportSummary> {
    import_previewed_with(store, file, accept_doubtful, &Quiet)
}

/// [`import_previewed`], reporting its progress (see [`import_with`]).
pub fn import_previewed_with(store: &mut Store, file: &File, accept_doubtful: bool, p: &dyn Progress) -> Result<ImportSummary> {
    check_directions(file, accept_doubtful)?;
    import_with(store, file, p)
}

/// A target whose direction the file does not state (a bare `95%`, marked
/// by the reader: `import::preview::unstated_direction`) is read as `≥`; a
/// cost cap would be turned around, so such an import needs the officer's
/// word (`accept_doubtful`): without it, `Error::Doubtful` naming the rows.
pub fn check_directions(file: &File, accept_doubtful: bool) -> Result<()> {
    let rows = crate::import::preview::unstated_directions(file);
    if accept_doubtful || rows.is_empty() {
        return Ok(());
    }
    let doubts = rows
        .iter()
        .map(|(code, n, level3, target)| crate::error::Doubt {
            kind: crate::error::DoubtKind::DirectionUnstated,
            message: format!("项目 {code} 第 {n} 行“{level3}”的指标值“{target}”没有写明比较方向（≥、≤、=），将按“≥”理解"),
        })
        .collect();
    Err(Error::Doubtful(doubts))
}

/// Imports a parsed file: checks all of it, then writes all of it in one
/// transaction; every unit it names must be listed in it or stored. The
/// summary names the units the database did not have (`new_units`), whichever
/// road the file came by (a table, the app's preview, an exchange file).
pub fn import(store: &mut Store, file: &File) -> Result<ImportSummary> {
    import_with(store, file, &Quiet)
}

/// [`import`], reporting its progress: each project checked (cancellable:
/// nothing is written yet), then the backup and each project written (no
/// longer cancellable). Cancelled, it returns `Error::Cancelled` having
/// written nothing.
pub fn import_with(store: &mut Store, file: &File, progress: &dyn Progress) -> Result<ImportSummary> {
    let settings = super::settings(store)?;
    let unit_exists = |code: &str| store.unit(code).is_ok();
    let every = progress::every(file.projects.len());
    let plan = crate::exchange::plan_each(file, &Known { settings: &settings, unit_exists: &unit_exists }, &mut |n, total| {
        if n % every == 0 { progress::checkpoint(progress, n, total, format!("正在检查第 {}/{total} 个项目", n + 1)) } else { Ok(()) }
    })?;
    let planned = plan.projects;
    let total = planned.len();
    let mut summary = ImportSummary { units: file.units.len(), projects: planned.len(), warnings: plan.warnings, ..Default::default() };
    for p in &planned {
        if let Ok(old) = store.project(p.project.year, &p.project.code) {
            super::submissions::check_replaceable(store, &old)?;
            summary.replaced.push(format!("{} {}", p.project.year, p.project.code));
        }
    }
    // the last moment the officer may stop: from here on the database is written
    progress::checkpoint(progress, total, total, format!("已检查 {total} 个项目"))?;
    if !store.is_empty()? {
        progress::writing(progress, 0, total, "正在备份数据库");
        summary.backup = super::backups::auto_backup(store, "before-import")?;
    }
    summary.new_units = file.units.iter().filter(|u| store.unit(&u.code).is_err()).map(|u| u.code.clone()).collect();
    let units: Vec<NewUnit> = file.units.iter().map(|u| NewUnit { code: u.code.clone(), name: u.name.clone(), parent: u.parent.clone() }).collect();
    store.write_batch(&units, &planned, &mut |n| {
        if n % every == 0 {
            progress::writing(progress, n, total, format!("正在写入第 {}/{total} 个项目", n + 1));
        }
    })?;
    progress::writing(progress, total, total, format!("已写入 {total} 个项目"));
    super::list::forget_kept(store)?;
    for p in &planned {
        summary.indicators += p.indicators.len();
        summary.actuals += p.actuals.len();
        summary.spending += p.spending.iter().filter(|s| s.amount.is_some()).count();
    }
    Ok(summary)
}

/// What importing `file` would do, for the app's preview: each project's rows
/// as understood, their doubts and review findings, whether it replaces a
/// stored project (or cannot), the units it would create, and the first check
/// the file fails. Writes nothing. The file is a table or one the officer
/// edited in the preview: a unit given by name, or not stored yet, is settled
/// as [`import_read`] settles a table's (the preview says which are new).
pub fn preview(store: &Store, file: File) -> Result<Preview> {
    preview_of(store, file, true, &Quiet)
}

fn preview_of(store: &Store, file: File, settle: bool, progress: &dyn Progress) -> Result<Preview> {
    let (file, new_units) = match settle {
        true => settled(store, &file)?.unwrap_or((file, Vec::new())),
        false => (file, Vec::new()),
    };
    let settings = super::settings(store)?;
    let unit_exists = |code: &str| store.unit(code).is_ok();
    let total = file.projects.len();
    let every = progress::every(total);
    let checked = crate::exchange::plan_each(&file, &Known { settings: &settings, unit_exists: &unit_exists }, &mut |n, total| {
        if n % every == 0 { progress::checkpoint(progress, n, 2 * total, format!("正在检查第 {}/{total} 个项目", n + 1)) } else { Ok(()) }
    });
    if let Err(Error::Cancelled) = checked {
        return Err(Error::Cancelled);
    }
    let mut projects = Vec::with_capacity(file.projects.len());
    for (n, xp) in file.projects.iter().enumerate() {
        if n % every == 0 {
            progress::checkpoint(progress, total + n, 2 * total, format!("正在审核第 {}/{total} 个项目", n + 1))?;
        }
        let mut p = crate::import::preview::project(&xp.indicators, &xp.spending_plan, xp.year);
        if let Ok(old) = store.project(xp.year, &xp.code) {
            p.replaces = true;
            p.refused = super::submissions::check_replaceable(store, &old).err().map(|e| e.to_string());
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
    let new_units = new_units.into_iter().map(|u| u.code).collect();
    let basis_choices = super::review_settings(store)?.basis_standards;
    Ok(Preview { backup: !store.is_empty()?, file, projects, error, warnings, new_units, basis_choices })
}

/// Reads a file of any format (`crate::import::read_file`) into its preview.
pub fn preview_file(store: &Store, path: &Path, format: Option<Format>, opts: &ImportOptions) -> Result<Preview> {
    preview_file_with(store, path, format, opts, &Quiet)
}

/// [`preview_file`], reporting its progress: the file read, each project
/// checked and reviewed. Writes nothing, so it may be cancelled throughout.
pub fn preview_file_with(store: &Store, path: &Path, format: Option<Format>, opts: &ImportOptions, progress: &dyn Progress) -> Result<Preview> {
    let format = crate::import::format_of(path, format)?;
    progress::checkpoint(progress, 0, 1, "正在读取文件")?;
    let file = crate::import::read_file(path, Some(format), opts)?;
    preview_of(store, file, format != Format::Json, progress)
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
