//! Queries on `actuals`. What is written here was checked by `crate::entry`.

use super::{Dec, Store, dec, now_text, undec};
use crate::error::{Error, Result};
use crate::model::{Actual, Level, Likelihood, Period, ReasonCategory};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

pub(super) const SELECT: &str = "SELECT id, indicator_id, period, value, value_unit, done_on, level, ratio, reason, measures, forecast,
    likelihood, reason_category, updated_at FROM actuals";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Actual> {
    let bad = |i: usize, e: Error| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e));
    let period: String = r.get(2)?;
    let done_on: Option<String> = r.get(5)?;
    let level: Option<String> = r.get(6)?;
    let likelihood: Option<String> = r.get(11)?;
    let category: Option<String> = r.get(12)?;
    Ok(Actual {
        id: r.get(0)?,
        indicator_id: r.get(1)?,
        period: Period::parse(&period).map_err(|e| bad(2, e))?,
        value: undec(r.get::<_, Option<Dec>>(3)?),
        value_unit: r.get(4)?,
        done_on: done_on.as_deref().map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")).transpose().map_err(|e| bad(5, Error::Invalid(format!("stored date: {e}"))))?,
        level: level.as_deref().map(Level::parse).transpose().map_err(|e| bad(6, e))?,
        ratio: undec(r.get::<_, Option<Dec>>(7)?),
        reason: r.get(8)?,
        measures: r.get(9)?,
        forecast: r.get(10)?,
        likelihood: likelihood.as_deref().map(Likelihood::parse).transpose().map_err(|e| bad(11, e))?,
        reason_category: category.as_deref().map(ReasonCategory::parse).transpose().map_err(|e| bad(12, e))?,
        updated_at: r.get(13)?,
    })
}

/// Writes the record of `a.period`; a record holding nothing at all is removed
/// unless `keep_empty` (a date target recorded as not done yet).
pub(crate) fn upsert_actual(conn: &Connection, a: &Actual, keep_empty: bool) -> Result<()> {
    let empty = !keep_empty
        && a.value.is_none() && a.done_on.is_none() && a.level.is_none() && a.reason.is_none()
        && a.measures.is_none() && a.forecast.is_none() && a.likelihood.is_none() && a.reason_category.is_none();
    if empty {
        conn.execute("DELETE FROM actuals WHERE indicator_id = ?1 AND period = ?2", params![a.indicator_id, a.period.to_string()])?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO actuals (indicator_id, period, value, value_unit, done_on, level, ratio, reason, measures, forecast,
            likelihood, reason_category, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value, value_unit = excluded.value_unit,
            done_on = excluded.done_on, level = excluded.level, ratio = excluded.ratio, reason = excluded.reason,
            measures = excluded.measures, forecast = excluded.forecast, likelihood = excluded.likelihood,
            reason_category = excluded.reason_category, updated_at = excluded.updated_at",
        params![
            a.indicator_id, a.period.to_string(), dec(a.value), a.value_unit, a.done_on.map(|d| d.to_string()),
            a.level.map(Level::as_str), dec(a.ratio), a.reason, a.measures, a.forecast, a.likelihood.map(Likelihood::as_str),
            a.reason_category.map(ReasonCategory::as_str), now_text()
        ],
    )?;
    Ok(())
}

impl Store {
    /// The actuals of a project's indicators for one period, by indicator id.
    pub(crate) fn actuals(&self, project_id: i64, period: Period) -> Result<HashMap<i64, Actual>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE period = ?2 AND indicator_id IN (SELECT id FROM indicators WHERE project_id = ?1)"
        ))?;
        let rows = st.query_map(params![project_id, period.to_string()], row)?;
        rows.map(|r| r.map(|a| (a.indicator_id, a)).map_err(Error::from)).collect()
    }

    /// Every actual of a project, every period.
    pub(crate) fn all_actuals(&self, project_id: i64) -> Result<Vec<Actual>> {
        let mut st = self.conn().prepare(&format!(
            "{SELECT} WHERE indicator_id IN (SELECT id FROM indicators WHERE project_id = ?1) ORDER BY period, indicator_id"
        ))?;
        let rows = st.query_map([project_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn actual(&self, indicator_id: i64, period: Period) -> Result<Option<Actual>> {
        Ok(self
            .conn()
            .query_row(&format!("{SELECT} WHERE indicator_id = ?1 AND period = ?2"), params![indicator_id, period.to_string()], row)
            .optional()?)
    }

    /// Saves a checked actual (`crate::entry::check_actual`); an actual with
    /// nothing in it and without `keep_empty` removes the period's record.
    /// Returns the record as committed.
    pub(crate) fn set_actual(&mut self, a: &Actual, keep_empty: bool) -> Result<Option<Actual>> {
        self.write(|tx| upsert_actual(tx, a, keep_empty))?;
        self.actual(a.indicator_id, a.period)
    }
}
