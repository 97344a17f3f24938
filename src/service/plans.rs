//! Plans (规划主要指标): importing and exporting them (all or nothing, a backup
//! first), recording a year's actual or a qualitative verdict, and the reads
//! the CLI and the 规划 screen show — the list with its counts, a plan's
//! evaluation in a year, its sheet (indicators × years, each row's status,
//! light, expected value, need a year and chart), an indicator's history.

use super::Store;
use super::history::{HistoryEntry, plan_indicator_history};
use crate::error::{Error, Result};
use crate::model::plan::{Plan, PlanActual, PlanFile, PlanIndicator, PlanStatus, Verdict, PlanIndicatorRecord, PlanRecord};
use crate::plan::read::{PlanRead, RowDoubt};
use crate::plan::{PlanRow, PlanSettings, Trajectory, check_file, check_year_in_plan};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The plan settings in force.
pub fn settings(store: &Store) -> Result<PlanSettings> {
    PlanSettings::from_pairs(store.setting_pairs()?)
}

/// What an import wrote.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanImportSummary {
    pub plans: usize,
    pub indicators: usize,
    pub actuals: usize,
    pub verdicts: usize,
    /// Codes of stored plans the import replaced.
    pub replaced: Vec<String>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
}

/// Imports a plan file: checked whole, the database backed up (when it holds
/// anything), then written in one transaction; a fault writes nothing.
pub fn import(store: &mut Store, file: &PlanFile) -> Result<PlanImportSummary> {
    check_file(file)?;
    let mut s = PlanImportSummary { plans: file.plans.len(), ..Default::default() };
    for xp in &file.plans {
        if store.plan(&xp.plan.code).is_ok() {
            s.replaced.push(xp.plan.code.clone());
        }
        s.indicators += xp.indicators.len();
        s.actuals += xp.indicators.iter().map(|i| i.actuals.len()).sum::<usize>();
        s.verdicts += xp.indicators.iter().map(|i| i.verdicts.len()).sum::<usize>();
    }
    if !store.is_empty()? {
        s.backup = super::backups::auto_backup(store, "before-plan-import")?;
    }
    store.write_plans(&file.plans)?;
    Ok(s)
}

/// One plan of a preview: what it would replace.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PreviewPlan {
    pub code: String,
    pub replaces: bool,
    pub indicators: usize,
}

/// What importing a read file would do, for the app's preview: the file (to
/// show and correct in place, then give to [`import`]), the reader's doubts
/// per row, each plan's replacement, the first check the file fails, and
/// whether a backup is taken first. Writes nothing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanPreview {
    pub file: PlanFile,
    pub doubts: Vec<RowDoubt>,
    pub plans: Vec<PreviewPlan>,
    pub error: Option<String>,
    pub backup: bool,
}

pub fn preview(store: &Store, read: PlanRead) -> Result<PlanPreview> {
    let plans = read
        .file
        .plans
        .iter()
        .map(|xp| PreviewPlan { code: xp.plan.code.clone(), replaces: store.plan(&xp.plan.code).is_ok(), indicators: xp.indicators.len() })
        .collect();
    let error = check_file(&read.file).err().map(|e| e.to_string());
    Ok(PlanPreview { file: read.file, doubts: read.doubts, plans, error, backup: !store.is_empty()? })
}

/// [`preview`] of the file at `path` (any format `plan::read` reads; the
/// options name what the file does not say).
pub fn preview_file(store: &Store, path: &Path, opts: &crate::plan::read::PlanReadOptions) -> Result<PlanPreview> {
    preview(store, crate::plan::read::read_file(path, None, opts)?)
}

/// The stored plans (or one) as an exchange file, with their actuals and verdicts.
pub fn export(store: &Store, code: Option<&str>) -> Result<PlanFile> {
    let plans = match code {
        Some(c) => vec![store.plan(c)?],
        None => store.plans()?,
    };
    let mut out = Vec::with_capacity(plans.len());
    for (id, plan) in plans {
        let mut actuals = store.plan_actuals(id)?;
        let mut verdicts = store.plan_verdicts(id)?;
        let indicators = store
            .plan_indicators(id)?
            .into_iter()
            .map(|(row, indicator)| PlanIndicatorRecord { indicator, actuals: actuals.remove(&row).unwrap_or_default(), verdicts: verdicts.remove(&row).unwrap_or_default() })
            .collect();
        out.push(PlanRecord { plan, indicators });
    }
    Ok(PlanFile::new(out))
}

/// [`export`] written to `path` as pretty UTF-8 JSON (atomically).
pub fn export_file(store: &Store, code: Option<&str>, path: &Path) -> Result<PlanFile> {
    let file = export(store, code)?;
    crate::fsutil::write_atomically(path, (serde_json::to_string_pretty(&file)? + "\n").as_bytes())?;
    Ok(file)
}

/// A plan loaded whole.
struct Loaded {
    plan: Plan,
    /// (row id, indicator, actuals, verdicts)
    rows: Vec<(i64, PlanIndicator, Vec<PlanActual>, Vec<Verdict>)>,
}

fn load(store: &Store, code: &str) -> Result<Loaded> {
    let (id, plan) = store.plan(code)?;
    let mut actuals = store.plan_actuals(id)?;
    let mut verdicts = store.plan_verdicts(id)?;
    let rows = store
        .plan_indicators(id)?
        .into_iter()
        .map(|(row, i)| (row, i, actuals.remove(&row).unwrap_or_default(), verdicts.remove(&row).unwrap_or_default()))
        .collect();
    Ok(Loaded { plan, rows })
}

/// How many indicators have each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct StatusCount {
    pub status: PlanStatus,
    pub label: &'static str,
    pub count: usize,
}

fn counts(rows: &[PlanRow]) -> Vec<StatusCount> {
    PlanStatus::ALL
        .iter()
        .map(|&status| StatusCount { status, label: status.label(), count: rows.iter().filter(|r| r.status == status).count() })
        .collect()
}

/// A plan judged in a year: `plan evaluate --json` (§6).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanEvaluation {
    pub plan: String,
    pub year: i32,
    pub indicators: Vec<PlanRow>,
    pub counts: Vec<StatusCount>,
}

fn judge_all(l: &Loaded, year: i32, s: &PlanSettings) -> Result<Vec<PlanRow>> {
    check_year_in_plan(&l.plan, year)?;
    l.rows.iter().map(|(_, i, a, v)| crate::plan::judge(&l.plan, i, a, v, year, s)).collect()
}

/// Every indicator of plan `code` judged in `year` (a year of the plan).
pub fn evaluate(store: &Store, code: &str, year: i32) -> Result<PlanEvaluation> {
    let l = load(store, code)?;
    let indicators = judge_all(&l, year, &settings(store)?)?;
    Ok(PlanEvaluation { plan: l.plan.code.clone(), year, counts: counts(&indicators), indicators })
}

/// A plan in the list: its counts per status in the year shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanSummary {
    pub plan: Plan,
    pub indicators: usize,
    /// The year judged: the one asked for (within the plan's years), else the
    /// latest year with an actual or a verdict, else the plan's first year.
    pub year: i32,
    pub counts: Vec<StatusCount>,
}

/// The year a plan is shown in when none is asked for.
fn latest_year(l: &Loaded) -> i32 {
    let years = l.rows.iter().flat_map(|(_, _, a, v)| a.iter().map(|a| a.year).chain(v.iter().map(|v| v.year)));
    years.max().unwrap_or(l.plan.base_year + 1)
}

/// Every plan with its counts per status (`plan list`, the 规划 screen's list).
pub fn list(store: &Store, year: Option<i32>) -> Result<Vec<PlanSummary>> {
    let s = settings(store)?;
    let mut out = Vec::new();
    for (_, p) in store.plans()? {
        let l = load(store, &p.code)?;
        let y = year.map(|y| y.clamp(l.plan.base_year + 1, l.plan.end_year)).unwrap_or_else(|| latest_year(&l));
        let rows = judge_all(&l, y, &s)?;
        out.push(PlanSummary { indicators: l.rows.len(), year: y, counts: counts(&rows), plan: l.plan });
    }
    Ok(out)
}

/// One indicator on the 规划 screen: as stored, its figures by year, its row
/// in the year shown and its chart.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SheetRow {
    pub indicator: PlanIndicator,
    pub actuals: Vec<PlanActual>,
    pub verdicts: Vec<Verdict>,
    pub evaluation: PlanRow,
    pub trajectory: Trajectory,
}

/// The 规划 screen's grid: the plan, its years (the columns), a row per
/// indicator, the counts per status in `year`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanSheet {
    pub plan: Plan,
    pub year: i32,
    pub years: Vec<i32>,
    pub rows: Vec<SheetRow>,
    pub counts: Vec<StatusCount>,
    /// The responsible units named, for the filter.
    pub units: Vec<String>,
}

/// [`PlanSheet`] of plan `code` judged in `year` (default: as [`list`]), its
/// rows those of `unit` (a responsible unit) when given.
pub fn sheet(store: &Store, code: &str, year: Option<i32>, unit: Option<&str>) -> Result<PlanSheet> {
    let l = load(store, code)?;
    let s = settings(store)?;
    let year = year.unwrap_or_else(|| latest_year(&l));
    check_year_in_plan(&l.plan, year)?;
    let mut units: Vec<String> = l.rows.iter().flat_map(|(_, i, _, _)| i.responsible.iter().map(|r| r.unit.clone())).collect();
    units.sort();
    units.dedup();
    let mut rows = Vec::new();
    for (_, i, a, v) in &l.rows {
        if unit.is_some_and(|u| !i.responsible.iter().any(|r| r.unit == u)) {
            continue;
        }
        let evaluation = crate::plan::judge(&l.plan, i, a, v, year, &s)?;
        rows.push(SheetRow { trajectory: crate::plan::judge::trajectory(&l.plan, i, a), indicator: i.clone(), actuals: a.clone(), verdicts: v.clone(), evaluation });
    }
    let judged: Vec<PlanRow> = rows.iter().map(|r| r.evaluation.clone()).collect();
    Ok(PlanSheet { years: crate::plan::plan_years(&l.plan).collect(), year, counts: counts(&judged), rows, units, plan: l.plan })
}

/// The 规划主要指标监测表 of plan `code` in `year` (default: as [`sheet`]),
/// of the rows of `unit` when given: the figures of [`sheet`], written for the form.
pub fn report(store: &Store, code: &str, year: Option<i32>, unit: Option<&str>) -> Result<crate::report::Report> {
    use crate::report::{PlanSource, plan_report};
    let sh = sheet(store, code, year, unit)?;
    if sh.rows.is_empty() {
        return Err(Error::NotFound(format!("规划“{}”中没有责任单位为“{}”的指标", sh.plan.code, unit.unwrap_or_default())));
    }
    let rows: Vec<PlanSource> = sh
        .rows
        .iter()
        .map(|r| PlanSource {
            indicator: &r.indicator,
            actuals: &r.actuals,
            verdicts: &r.verdicts,
            expected: r.evaluation.expected,
            progress: r.evaluation.progress,
            status: r.evaluation.status,
            light: r.evaluation.light,
        })
        .collect();
    let counts: Vec<_> = sh.counts.iter().map(|c| (c.status, crate::plan::judge::light(c.status, None), c.count)).collect();
    Ok(plan_report(&sh.plan, sh.year, unit, &rows, &counts))
}

/// The stored row of indicator `id` of plan `code`.
fn find<'a>(l: &'a Loaded, id: &str) -> Result<&'a (i64, PlanIndicator, Vec<PlanActual>, Vec<Verdict>)> {
    l.rows
        .iter()
        .find(|(_, i, _, _)| i.id == id.trim() || i.name == id.trim())
        .ok_or_else(|| Error::NotFound(format!("规划“{}”中没有序号或名称为“{}”的指标", l.plan.code, id.trim())))
}

/// What a write returns: the indicator's row judged in the year written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanSaved {
    pub plan: String,
    pub indicator: String,
    pub year: i32,
    pub evaluation: PlanRow,
}

/// Records the actual of `year` of indicator `id` (序号 or name) of plan
/// `code`: checked (a year of the plan, a number in the indicator's unit,
/// not too large); a value far off the path is refused with its doubts
/// unless `force`. An empty value erases the year's actual.
pub fn set_actual(store: &mut Store, code: &str, id: &str, year: i32, value: &str, note: Option<&str>, force: bool) -> Result<PlanSaved> {
    let l = load(store, code)?;
    check_year_in_plan(&l.plan, year)?;
    let (row, ind, _, _) = find(&l, id)?;
    if value.trim().is_empty() {
        store.delete_plan_actual(*row, year)?;
    } else {
        let v = crate::plan::entry::parse_value(ind, value)?;
        super::refuse_doubts(&crate::plan::entry::doubts(&l.plan, ind, v), force)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        if let Some(n) = &note {
            crate::text::check_length("说明", n)?;
        }
        store.set_plan_actual(*row, &PlanActual { year, value: v, note })?;
    }
    saved(store, code, &ind.id, year)
}

/// Records a person's verdict on a qualitative indicator in `year` (note required).
pub fn set_verdict(store: &mut Store, code: &str, id: &str, year: i32, status: &str, note: &str) -> Result<PlanSaved> {
    let l = load(store, code)?;
    check_year_in_plan(&l.plan, year)?;
    let (row, ind, _, _) = find(&l, id)?;
    let v = Verdict { year, status: PlanStatus::read(status)?, note: note.trim().to_string() };
    crate::plan::check_verdict(ind, &v)?;
    store.set_plan_verdict(*row, &v)?;
    saved(store, code, &ind.id, year)
}

fn saved(store: &Store, code: &str, id: &str, year: i32) -> Result<PlanSaved> {
    let l = load(store, code)?;
    let (_, i, a, v) = find(&l, id)?;
    let evaluation = crate::plan::judge(&l.plan, i, a, v, year, &settings(store)?)?;
    Ok(PlanSaved { plan: l.plan.code.clone(), indicator: i.id.clone(), year, evaluation })
}

/// Who changed indicator `id` of plan `code`, when, old → new.
pub fn history(store: &Store, code: &str, id: &str) -> Result<Vec<HistoryEntry>> {
    let l = load(store, code)?;
    let (row, ind, _, _) = find(&l, id)?;
    plan_indicator_history(store, *row, &ind.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::read::{PlanReadOptions, read_text};

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_preview_shows_doubts_and_what_an_import_replaces_and_writes_nothing() {
        let mut store = super::super::open_in_memory().unwrap();
        let opts = PlanReadOptions { code: Some("ST".into()), ..Default::default() };
        let read = read_text(&fixture("ecology-table-tabs.txt"), &opts).unwrap();
        let p = preview(&store, read.clone()).unwrap();
        assert_eq!((p.plans[0].code.as_str(), p.plans[0].replaces, p.plans[0].indicators, p.error.clone(), p.backup), ("ST", false, 6, None, false));
        assert_eq!(p.doubts.iter().map(|d| d.field.as_str()).collect::<Vec<_>>(), ["op", "kind"]);
        assert!(store.plans().unwrap().is_empty(), "a preview writes nothing");
        // the officer corrects a kind in the preview: the correction is what is stored
        let mut file = p.file;
        file.plans[0].indicators[4].indicator.kind = crate::model::plan::PlanKind::Level;
        import(&mut store, &file).unwrap();
        let stored = export(&store, Some("ST")).unwrap();
        assert_eq!(stored.plans[0].indicators[4].indicator.kind, crate::model::plan::PlanKind::Level);
        let again = preview(&store, read).unwrap();
        assert!(again.plans[0].replaces && again.backup);
        // a file failing its check says why in the preview
        let mut bad = again.file.clone();
        bad.plans[0].indicators[0].indicator.target.year = 2031;
        let p = preview(&store, PlanRead { file: bad, doubts: Vec::new() }).unwrap();
        assert!(p.error.unwrap().contains("2031"));
    }

    #[test]
    fn the_sheet_has_the_years_each_row_judged_its_chart_and_a_unit_filter() {
        let mut store = super::super::open_in_memory().unwrap();
        let opts = PlanReadOptions { code: Some("ST".into()), ..Default::default() };
        import(&mut store, &read_text(&fixture("ecology-table-tabs.txt"), &opts).unwrap().file).unwrap();
        set_actual(&mut store, "ST", "2", 2023, "83.5", Some("年报"), false).unwrap();
        let s = sheet(&store, "ST", None, None).unwrap();
        assert_eq!((s.year, s.years.clone()), (2023, vec![2021, 2022, 2023, 2024, 2025]));
        let row = &s.rows[1];
        // the milestone of 2023 (83) is the expected value; 83.5 against 80 → 83: p = 1.1667
        assert_eq!((row.evaluation.expected.map(|d| d.to_string()), row.evaluation.status), (Some("83.00".into()), PlanStatus::Ahead));
        let points: Vec<(i32, Option<String>, Option<String>, Option<String>)> = row
            .trajectory
            .points
            .iter()
            .map(|p| (p.year, p.path.map(|d| d.to_string()), p.milestone.map(|d| d.to_string()), p.actual.map(|d| d.to_string())))
            .collect();
        assert_eq!(points[0], (2020, Some("80.00".into()), None, None));
        assert_eq!(points[3], (2023, Some("83.00".into()), Some("83".into()), Some("83.5".into())));
        assert_eq!(points[5], (2025, Some("85.00".into()), None, None));
        assert_eq!(s.units, ["区发展改革局", "区水务局", "区生态环境局", "区自然资源局"]);
        let only = sheet(&store, "ST", Some(2023), Some("区水务局")).unwrap();
        assert_eq!(only.rows.iter().map(|r| r.indicator.id.as_str()).collect::<Vec<_>>(), ["4"]);
        assert!(sheet(&store, "ST", Some(2030), None).is_err());
        assert_eq!(history(&store, "ST", "2").unwrap().len(), 2);
    }
}
