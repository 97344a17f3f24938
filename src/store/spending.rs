//! Queries on `spending` (累计执行数 per project and period).

use super::{Dec, Store, now_text};
use crate::error::{Error, Result};
use crate::model::{Period, Spending};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

const SELECT: &str = "SELECT id, project_id, period, amount, reason, measures, updated_at FROM spending";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Spending> {
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

/// What is written for a project's spending in one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SpendingInput {
    /// In the project's money unit, or with a unit: `450`, `4,500,000元`.
    pub amount: Option<String>,
    pub reason: Option<String>,
    pub measures: Option<String>,
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
    pub fn spending(&self, project_id: i64, period: Period) -> Result<Option<Spending>> {
        Ok(self
            .conn()
            .query_row(&format!("{SELECT} WHERE project_id = ?1 AND period = ?2"), params![project_id, period.to_string()], row)
            .optional()?)
    }

    pub fn all_spending(&self, project_id: i64) -> Result<Vec<Spending>> {
        let mut st = self.conn().prepare(&format!("{SELECT} WHERE project_id = ?1 ORDER BY period"))?;
        let rows = st.query_map([project_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves the money spent by the end of `period`; an empty amount removes the record.
    pub fn set_spending(&mut self, project_id: i64, period: Period, input: &SpendingInput) -> Result<Option<Spending>> {
        let project = self.project_by_id(project_id)?;
        if period.year != project.year {
            return Err(Error::Invalid(format!("期间 {period} 不在项目的年度 {} 之内", project.year)));
        }
        let amount = match input.amount.as_deref().filter(|a| !a.trim().is_empty()) {
            Some(text) => {
                let (v, unit) = super::actuals::parse_amount(text)?;
                Some(crate::units::convert(v, unit.as_deref().unwrap_or(""), project.money_unit.as_str())?)
            }
            None => None,
        };
        let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let (reason, measures) = (text(&input.reason), text(&input.measures));
        self.write(|tx| match amount {
            Some(a) => upsert_spending(tx, project_id, period, a, reason.as_deref(), measures.as_deref()),
            None => {
                tx.execute("DELETE FROM spending WHERE project_id = ?1 AND period = ?2", params![project_id, period.to_string()])?;
                Ok(())
            }
        })?;
        self.spending(project_id, period)
    }
}
