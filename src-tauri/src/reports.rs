//! The 报表 screen's commands: the printed forms of issue 5 (自评表, 监控表,
//! 汇总表). Each command calls one core function of `jixiao::report`; the
//! preview is the very `Report` the PDF and xlsx writers typeset, so what the
//! screen shows is what the file contains.

use std::path::PathBuf;

use jixiao::report::{self, FormKind, Format, RenderOptions, Report, ReportRequest, Written};
use jixiao::{Period, Result};

use crate::commands::AppState;

/// The form as the officer will file it: `form` is `self-eval` | `monitor` |
/// `summary`, `period` `YYYYQn`; without `project`, every project of `unit`
/// (or of the database), one form after another.
#[tauri::command]
pub async fn report_preview(
    state: tauri::State<'_, AppState>,
    form: String,
    period: String,
    unit: Option<String>,
    project: Option<String>,
) -> Result<Report> {
    let (kind, period) = (FormKind::parse(&form)?, Period::parse(&period)?);
    report::build(&*state.store()?, kind, period, unit.as_deref(), project.as_deref())
}

/// Writes the form to `path` (chosen in the save dialog) as `format` (`pdf` |
/// `xlsx`), through a temporary file beside it. The PDF's fonts are the
/// system's CJK fonts, or the file `JIXIAO_FONT` names.
#[tauri::command]
pub async fn report_export(
    state: tauri::State<'_, AppState>,
    form: String,
    period: String,
    unit: Option<String>,
    project: Option<String>,
    format: String,
    path: PathBuf,
) -> Result<Written> {
    let req = ReportRequest {
        kind: FormKind::parse(&form)?,
        period: Period::parse(&period)?,
        unit: unit.as_deref(),
        project: project.as_deref(),
        format: Format::parse(&format)?,
    };
    report::write_report(&*state.store()?, &req, &path, &RenderOptions::from_env())
}
