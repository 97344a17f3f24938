//! A whole year's rows (every project of a year, of a unit and its sub-units),
//! read with one query per table and handed over one project at a time: what
//! an aggregate over every project (the 总览) reads without a query per
//! project, and without holding the year in memory. The rows are those the
//! per-project reads give (`projects`, `indicators`, `actuals`, `spending`):
//! the same row functions read them.

use super::{Dec, Store, undec};
use crate::error::Result;
use crate::model::{Actual, Indicator, PlanPoint, Project, Spending};
use rusqlite::params;
use std::iter::Peekable;

/// One project with everything the evaluation of any of its quarters reads.
#[derive(Debug)]
pub(crate) struct ProjectRows {
    /// With its spending plan.
    pub project: Project,
    /// In table order.
    pub indicators: Vec<Indicator>,
    /// Every period's.
    pub actuals: Vec<Actual>,
    /// Every period's.
    pub spending: Vec<Spending>,
}

/// The ids of the year's projects of the unit (and its sub-units), `?1` the
/// year and `?2` the unit's code or NULL (as the list filters).
const IDS: &str = "SELECT p.id FROM projects p JOIN units u ON u.id = p.unit_id
    WHERE p.year = ?1 AND (?2 IS NULL OR u.code = ?2 OR u.parent_id = (SELECT id FROM units WHERE code = ?2))";

/// Takes from `rows` (ordered by project id) those of project `id`.
fn take<T>(rows: &mut Peekable<impl Iterator<Item = rusqlite::Result<(i64, T)>>>, id: i64) -> Result<Vec<T>> {
    let mut out = Vec::new();
    while let Some(next) = rows.peek() {
        match next {
            Ok((pid, _)) if *pid > id => break,
            Ok((pid, _)) if *pid < id => {
                rows.next();
            }
            Ok(_) => {
                if let Some(Ok((_, t))) = rows.next() {
                    out.push(t);
                }
            }
            Err(_) => {
                rows.next().transpose()?;
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Calls `f` with each project of `year` (of `unit` and its sub-units if
    /// given) and its rows, in the order of the projects' ids.
    pub(crate) fn each_project_of_year(&self, year: i32, unit: Option<&str>, mut f: impl FnMut(ProjectRows) -> Result<()>) -> Result<()> {
        let conn = self.conn();
        let mut projects = conn.prepare(&format!("{} WHERE p.id IN ({IDS}) ORDER BY p.id", super::projects::SELECT))?;
        let mut plans = conn.prepare(&format!(
            "SELECT project_id, month, amount FROM spending_plan WHERE project_id IN ({IDS}) ORDER BY project_id, month"
        ))?;
        let mut indicators = conn.prepare(&format!(
            "{} WHERE project_id IN ({IDS}) ORDER BY project_id, position, id",
            super::indicators::SELECT
        ))?;
        // the actuals' own columns (as `actuals::row` reads them), then their project
        let mut actuals = conn.prepare(&format!(
            "SELECT a.*, i.project_id FROM ({}) a JOIN indicators i ON i.id = a.indicator_id
             WHERE i.project_id IN ({IDS}) ORDER BY i.project_id",
            super::actuals::SELECT
        ))?;
        let mut spending = conn.prepare(&format!("{} WHERE project_id IN ({IDS}) ORDER BY project_id, period", super::spending::SELECT))?;

        let mut plans = plans
            .query_map(params![year, unit], |r| Ok((r.get(0)?, PlanPoint { month: r.get(1)?, amount: undec(r.get::<_, Option<Dec>>(2)?) })))?
            .peekable();
        let mut indicators = indicators.query_map(params![year, unit], |r| Ok((r.get(1)?, super::indicators::row(r)?)))?.peekable();
        let mut actuals = actuals.query_map(params![year, unit], |r| Ok((r.get(14)?, super::actuals::row(r)?)))?.peekable();
        let mut spending = spending.query_map(params![year, unit], |r| Ok((r.get(1)?, super::spending::row(r)?)))?.peekable();
        for project in projects.query_map(params![year, unit], super::projects::row)? {
            let mut project = project?;
            project.spending_plan = take(&mut plans, project.id)?;
            let id = project.id;
            f(ProjectRows {
                project,
                indicators: take(&mut indicators, id)?,
                actuals: take(&mut actuals, id)?,
                spending: take(&mut spending, id)?,
            })?;
        }
        Ok(())
    }
}
