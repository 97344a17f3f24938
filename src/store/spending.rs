//! Queries on `spending` (累计执行数 per project and period).

use super::{Dec, Store, now_text};
use crate::error::Result;
use crate::model::{CheckedSpending, Period, Spending};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

pub(super) const SELECT: &str = "SELECT id, project_id, period, amount, reason, measures, updated_at FROM spending";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Spending> {
    let period: String = r.get(2)?;
    Ok(Spending {
        id: r.get(0)?,
        project_id: r.get(1)?,
        period: Period::parse(&period)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        amount: r.get::<_, Dec>(3)?.0,
        reason: r.get(4)?,
        measures: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

pub(crate) fn upsert_spending(conn: &Connection, project_id: i64, period: Period, amount: Decimal, reason: Option<&str>, measures: Option<&str>) -> Result<()> {
    conn.execute(
        "INSERT INTO spending (project_id, period, amount, reason, measures, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (project_id, period) DO UPDATE SET amount = excluded.amount, reason = excluded.reason,
            measures = excluded.measures, updated_at = excluded.updated_at",
        params![project_id, period.to_string(), Dec(amount), reason, measures, now_text()],
    )?;
    Ok(())
}

impl Store {
    pub(crate) fn spending(&self, project_id: i64, period: Period) -> Result<Option<Spending>> {
        Ok(self
            .conn()
            .query_row(&format!("{SELECT} WHERE project_id = ?1 AND period = ?2"), params![project_id, period.to_string()], row)
            .optional()?)
    }

    pub(crate) fn all_spending(&self, project_id: i64) -> Result<Vec<Spending>> {
        let mut st = self.conn().prepare(&format!("{SELECT} WHERE project_id = ?1 ORDER BY period"))?;
        let rows = st.query_map([project_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves checked spending (`crate::entry::check_spending`); no amount
    /// removes the period's record. Returns the record as committed.
    pub(crate) fn set_spending(&mut self, project_id: i64, c: &CheckedSpending) -> Result<Option<Spending>> {
        let period = c.period;
        self.write(|tx| match c.amount {
            Some(a) => upsert_spending(tx, project_id, period, a, c.reason.as_deref(), c.measures.as_deref()),
            None => {
                tx.execute("DELETE FROM spending WHERE project_id = ?1 AND period = ?2", params![project_id, period.to_string()])?;
                Ok(())
            }
        })?;
        self.spending(project_id, period)
    }
}
