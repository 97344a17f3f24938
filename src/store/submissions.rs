//! Queries on `submissions` (报送). The triggers of migration 0003 refuse any
//! write to a locked period's actuals or spending and log every change.

use super::Store;
use crate::error::Result;
use crate::model::{Period, Submission};
use rusqlite::{OptionalExtension, params};

fn row(r: &rusqlite::Row) -> rusqlite::Result<Submission> {
    let period: String = r.get(1)?;
    Ok(Submission {
        project_id: r.get(0)?,
        period: Period::parse(&period).map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?,
        locked: r.get::<_, i64>(2)? == 1,
        submitted_at: r.get(3)?,
        unlock_reason: r.get(4)?,
    })
}

const SELECT: &str = "SELECT project_id, period, locked, submitted_at, unlock_reason FROM submissions";

impl Store {
    /// The submissions of a project, by period.
    pub(crate) fn submissions(&self, project_id: i64) -> Result<Vec<Submission>> {
        let mut st = self.conn().prepare_cached(&format!("{SELECT} WHERE project_id = ?1 ORDER BY period"))?;
        let rows = st.query_map([project_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The submission of one quarter of a project, if any.
    pub(crate) fn submission(&self, project_id: i64, period: Period) -> Result<Option<Submission>> {
        Ok(self
            .conn()
            .query_row(&format!("{SELECT} WHERE project_id = ?1 AND period = ?2"), params![project_id, period.to_string()], row)
            .optional()?)
    }

    /// Submits (locks) `period` of each project, in one transaction.
    pub(crate) fn submit(&mut self, project_ids: &[i64], period: Period, at: &str) -> Result<()> {
        self.write(|tx| {
            for id in project_ids {
                tx.execute(
                    "INSERT INTO submissions (project_id, period, locked, submitted_at) VALUES (?1, ?2, 1, ?3)
                     ON CONFLICT (project_id, period) DO UPDATE SET locked = 1, submitted_at = excluded.submitted_at, unlock_reason = NULL
                     WHERE submissions.locked = 0",
                    params![id, period.to_string(), at],
                )?;
            }
            Ok(())
        })
    }

    /// Unlocks `period` of each project that is locked, with the reason, in one
    /// transaction. Returns how many were unlocked.
    pub(crate) fn unlock(&mut self, project_ids: &[i64], period: Period, reason: &str) -> Result<usize> {
        self.write(|tx| {
            let mut n = 0;
            for id in project_ids {
                n += tx.execute(
                    "UPDATE submissions SET locked = 0, unlock_reason = ?3 WHERE project_id = ?1 AND period = ?2 AND locked = 1",
                    params![id, period.to_string(), reason.trim()],
                )?;
            }
            Ok(n)
        })
    }
}
