//! The project list's query before scoring: which projects of a year belong to
//! a unit (and its sub-units) and match a search, counted, ordered by code,
//! name or unit and cut to one page in SQL. Scores are not the store's business:
//! `service::list` evaluates the rows it returns.

use super::Store;
use crate::error::Result;
use rusqlite::params;

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
    pub fn project_ids(&self, q: &ProjectIdQuery) -> Result<(u32, Vec<i64>)> {
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
