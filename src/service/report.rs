//! The printed forms of stored projects: evaluate, gather what the forms show
//! besides the evaluation (each project's 主管部门, actuals and spending), build
//! the pure `Report`. The app builds under the store's lock and renders
//! (`report::write`) after releasing it; the CLI calls [`write_report`].

use crate::error::{Error, Result};
use crate::model::Period;
use crate::report::{self, FormKind, Format, ProjectSource, RenderOptions, Report, ReportPage, Written};
use crate::scoring::Evaluation;
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;

/// The sources of the evaluated projects, in `ev.projects`' order: each
/// project, its 主管部门, and its actuals and spending at `ev.period`.
pub fn sources(store: &Store, ev: &Evaluation) -> Result<Vec<ProjectSource>> {
    let mut departments: HashMap<String, String> = HashMap::new();
    ev.projects
        .iter()
        .map(|pe| {
            let project = store.project_by_id(pe.project_id)?;
            let department = departments
                .entry(project.unit_code.clone())
                .or_insert_with(|| department(store, &project.unit_code).unwrap_or_else(|| project.unit_name.clone()))
                .clone();
            Ok(ProjectSource {
                actuals: store.actuals(project.id, ev.period)?,
                spending: store.spending(project.id, ev.period)?,
                submitted: store.submission(project.id, ev.period)?.filter(|s| s.locked).map(|s| s.submitted_at),
                department,
                project,
            })
        })
        .collect()
}

/// The name of the parent of unit `code`, if it has one.
fn department(store: &Store, code: &str) -> Option<String> {
    let parent = store.unit(code).ok()?.parent?;
    store.unit(&parent).ok().map(|u| u.name)
}

/// Builds a report at `period`, from the same evaluation `jixiao evaluate` shows.
/// The 审核意见表 is of the table as approved, so only `period`'s year counts.
pub fn build(store: &Store, kind: FormKind, period: Period, unit: Option<&str>, project: Option<&str>) -> Result<Report> {
    let no_projects = || {
        let whose = unit.map(|u| format!("单位 {u} ")).unwrap_or_default();
        Error::NotFound(format!("{whose}{} 年度没有项目，无法生成报表", period.year))
    };
    if kind == FormKind::Review {
        let forms = super::review::review_forms(store, period.year, unit, project)?;
        if forms.is_empty() {
            return Err(no_projects());
        }
        return Ok(report::review_report(period.year, forms));
    }
    let ev = super::evaluate(store, period, unit, project)?;
    if ev.projects.is_empty() {
        return Err(no_projects());
    }
    forms(store, kind, &ev)
}

/// The forms of `kind` (not the 审核意见表) of the evaluated projects.
fn forms(store: &Store, kind: FormKind, ev: &Evaluation) -> Result<Report> {
    report::build(kind, ev, &super::settings(store)?, &sources(store, ev)?)
}

/// The first `limit` forms of a report (the 报表 screen's preview) and how
/// many projects it covers: only those projects are evaluated and their
/// forms built. The summary (whose totals need every row) and the 审核意见表
/// are built whole and cut.
pub fn build_first(store: &Store, kind: FormKind, period: Period, unit: Option<&str>, project: Option<&str>, limit: usize) -> Result<ReportPage> {
    let all = match (project, kind) {
        (None, FormKind::SelfEval | FormKind::Monitor) => store.projects(Some(period.year), unit)?,
        _ => Vec::new(),
    };
    if all.is_empty() {
        // one project, a whole-table form, or none (whose error `build` gives)
        return Ok(build(store, kind, period, unit, project)?.first(limit));
    }
    let ev = super::evaluate_projects(store, period, &all[..limit.min(all.len())])?;
    Ok(ReportPage { shown: ev.projects.len(), total: all.len(), report: forms(store, kind, &ev)? })
}

/// Which report, for whom, in which format.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest<'a> {
    pub kind: FormKind,
    pub period: Period,
    /// Only this unit's projects.
    pub unit: Option<&'a str>,
    /// Only this project (its code).
    pub project: Option<&'a str>,
    pub format: Format,
}

/// Builds a report and writes it to `path` (see `report::write`). The app should
/// rather build under the store's lock and write after releasing it.
pub fn write_report(store: &Store, req: &ReportRequest, path: &Path, opts: &RenderOptions) -> Result<Written> {
    write_report_with(store, req, path, opts, &crate::progress::Quiet)
}

/// [`write_report`], reporting its progress (cancellable until the file is written).
pub fn write_report_with(store: &Store, req: &ReportRequest, path: &Path, opts: &RenderOptions, p: &dyn crate::progress::Progress) -> Result<Written> {
    crate::progress::checkpoint(p, 0, 1, "正在计算评价")?;
    let report = build(store, req.kind, req.period, req.unit, req.project)?;
    report::write_with(&report, req.format, path, opts, p)
}

/// The eight bytes every PNG file begins with.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// A chart saved as a picture (另存为图片): the PNG the window drew, written
/// to `path` (chosen in the save dialog) atomically. Anything but a PNG is refused.
pub fn save_png(path: &Path, bytes: &[u8]) -> Result<()> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Err(Error::Invalid("图表图片无效（不是 PNG 图片），未保存".into()));
    }
    crate::fsutil::write_atomically(path, bytes)
}
