//! Queries on `units` (预算单位).

use super::Store;
use crate::error::{Error, Result};
use crate::model::Unit;
use rusqlite::{Connection, OptionalExtension, params};

const SELECT: &str = "SELECT u.id, u.code, u.name, p.code FROM units u LEFT JOIN units p ON p.id = u.parent_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Unit> {
    Ok(Unit { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, parent: r.get(3)? })
}

pub(crate) fn unit_id(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM units WHERE code = ?1", [code], |r| r.get(0)).optional()?)
}

/// Creates the unit or renames it; `parent` must already exist (or be None).
/// The stored name of a unit, if it exists.
pub(crate) fn unit_name(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT name FROM units WHERE code = ?1", [code], |r| r.get(0)).optional()?)
}

pub(crate) fn upsert_unit(conn: &Connection, code: &str, name: &str, parent: Option<&str>) -> Result<i64> {
    let parent_id = match parent {
        Some(p) => Some(unit_id(conn, p)?.ok_or_else(|| Error::NotFound(format!("上级单位“{p}”不存在")))?),
        None => None,
    };
    conn.execute(
        "INSERT INTO units (code, name, parent_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id",
        params![code, name, parent_id],
    )?;
    Ok(unit_id(conn, code)?.expect("just written"))
}

impl Store {
    pub(crate) fn units(&self) -> Result<Vec<Unit>> {
        let mut st = self.conn().prepare(&format!("{SELECT} ORDER BY u.code"))?;
        let rows = st.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn unit(&self, code: &str) -> Result<Unit> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE u.code = ?1"), [code], row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("单位“{code}”不存在")))
    }

    pub(crate) fn save_unit(&mut self, code: &str, name: &str, parent: Option<&str>) -> Result<Unit> {
        self.write(|tx| upsert_unit(tx, code.trim(), name.trim(), parent))?;
        self.unit(code.trim())
    }
}
