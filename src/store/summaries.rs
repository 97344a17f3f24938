//! The project list's queries: which projects of a year belong to a unit (and
//! its sub-units) and match a search, counted, ordered by code, name or unit
//! and cut to one page in SQL; and the summary rows `service::list` keeps per
//! project and period, dropped by every write that makes them stale. Scores are
//! not the store's business: the rows are the service's text.

use super::Store;
use crate::error::Result;
use crate::model::Period;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// The orders SQL can give without scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectOrder {
    Code,
    Name,
    /// By the unit's name, then the project's code.
    Unit,
}

/// Which projects of the list, and which page of them.
#[derive(Debug, Clone, Copy)]
pub struct ProjectIdQuery<'a> {
    pub year: i32,
    /// A unit's code: its projects and those of its sub-units.
    pub unit: Option<&'a str>,
    /// Part of the code or the name, ASCII letters in any case.
    pub search: Option<&'a str>,
    pub order: ProjectOrder,
    pub descending: bool,
    pub offset: u32,
    /// `None`: every matching project.
    pub limit: Option<u32>,
}

const FILTER: &str = "FROM projects p JOIN units u ON u.id = p.unit_id
    WHERE p.year = ?1
      AND (?2 IS NULL OR u.code = ?2 OR u.parent_id = (SELECT id FROM units WHERE code = ?2))
      AND (?3 IS NULL OR instr(lower(p.code), lower(?3)) > 0 OR instr(lower(p.name), lower(?3)) > 0)";

impl Store {
    /// The number of matching projects and the ids of the requested page, in order.
    pub(crate) fn project_ids(&self, q: &ProjectIdQuery) -> Result<(u32, Vec<i64>)> {
        let total: u32 = self.conn().query_row(&format!("SELECT count(*) {FILTER}"), params![q.year, q.unit, q.search], |r| r.get(0))?;
        let dir = if q.descending { "DESC" } else { "ASC" };
        let order = match q.order {
            ProjectOrder::Code => format!("p.code {dir}"),
            ProjectOrder::Name => format!("p.name {dir}, p.code"),
            ProjectOrder::Unit => format!("u.name {dir}, p.code"),
        };
        let limit = q.limit.map_or(-1, i64::from);
        let mut st = self.conn().prepare(&format!("SELECT p.id {FILTER} ORDER BY {order} LIMIT ?4 OFFSET ?5"))?;
        let ids = st.query_map(params![q.year, q.unit, q.search, limit, q.offset], |r| r.get(0))?;
        Ok((total, ids.collect::<rusqlite::Result<_>>()?))
    }
}

/// The list's summary rows, kept for this connection in a TEMP table: the
/// service stores each project's row (opaque text: the store does not score)
/// and says which rows a write of its own made stale (`service::list::forget_*`);
/// a commit by another connection (`data_version`) empties it. Nothing of it
/// is saved in the file.
const CACHE: &str = "CREATE TEMP TABLE IF NOT EXISTS list_summaries (
    project_id INTEGER NOT NULL, period TEXT NOT NULL, row TEXT NOT NULL, PRIMARY KEY (project_id, period)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS temp.list_summaries_period ON list_summaries (period);
CREATE TEMP TABLE IF NOT EXISTS list_summaries_seen (id INTEGER PRIMARY KEY CHECK (id = 1), data_version INTEGER NOT NULL);";

impl Store {
    /// Sets the cache up on first use, and empties it when another connection
    /// has committed since it was last read.
    fn summary_cache(&self) -> Result<()> {
        let conn = self.conn();
        conn.execute_batch(CACHE)?;
        let now: i64 = conn.query_row("PRAGMA main.data_version", [], |r| r.get(0))?;
        let seen: Option<i64> = conn.query_row("SELECT data_version FROM temp.list_summaries_seen", [], |r| r.get(0)).optional()?;
        if seen != Some(now) {
            conn.execute("DELETE FROM temp.list_summaries", [])?;
            conn.execute("INSERT OR REPLACE INTO temp.list_summaries_seen (id, data_version) VALUES (1, ?1)", [now])?;
        }
        Ok(())
    }

    /// The summary rows kept for `period`, by project id.
    pub(crate) fn cached_summaries(&self, period: Period) -> Result<HashMap<i64, String>> {
        self.summary_cache()?;
        let mut st = self.conn().prepare_cached("SELECT project_id, row FROM temp.list_summaries WHERE period = ?1")?;
        let rows = st.query_map([period.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps summary rows of `period` (until a write makes them stale).
    pub(crate) fn cache_summaries(&self, period: Period, rows: &[(i64, String)]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.summary_cache()?;
        let tx = self.conn().unchecked_transaction()?;
        {
            let mut st = tx.prepare_cached("INSERT OR REPLACE INTO temp.list_summaries (project_id, period, row) VALUES (?1, ?2, ?3)")?;
            let period = period.to_string();
            for (id, row) in rows {
                st.execute(params![id, period, row])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets every kept summary row.
    pub(crate) fn forget_summaries(&self) -> Result<()> {
        self.summary_cache()?;
        self.conn().execute("DELETE FROM temp.list_summaries", [])?;
        Ok(())
    }

    /// Forgets the kept rows of one project, every period.
    pub(crate) fn forget_summaries_of(&self, project_id: i64) -> Result<()> {
        self.summary_cache()?;
        self.conn().execute("DELETE FROM temp.list_summaries WHERE project_id = ?1", [project_id])?;
        Ok(())
    }

    /// Forgets the kept rows of every project of `year`.
    pub(crate) fn forget_summaries_of_year(&self, year: i32) -> Result<()> {
        self.summary_cache()?;
        self.conn().execute(
            "DELETE FROM temp.list_summaries WHERE period >= ?1 || 'Q' AND period < ?1 || 'R'",
            [year.to_string()],
        )?;
        Ok(())
    }
}
