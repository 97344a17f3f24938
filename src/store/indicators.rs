//! Queries on `indicators` (the rows of a 绩效目标表). Rows are stored as the
//! service gives them, understood target included: the store reads no text.

use super::{Dec, Store, dec, undec};
use crate::error::{Error, Result};
use crate::model::Indicator;
use crate::target::{Kind, Op, Target};
use crate::units::Accumulation;
use rusqlite::{Connection, OptionalExtension, params};

pub(super) const SELECT: &str = "SELECT id, project_id, key, position, level1, level2, level3, description, target_text, target_kind,
    target_op, target_value, target_value_max, target_unit, target_date, target_label, target_manual, basis, weight,
    accumulation, not_applicable FROM indicators";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Indicator> {
    let kind: String = r.get(9)?;
    let op: Option<String> = r.get(10)?;
    let acc: Option<String> = r.get(19)?;
    Ok(Indicator {
        id: r.get(0)?,
        project_id: r.get(1)?,
        key: r.get(2)?,
        position: r.get(3)?,
        level1: r.get(4)?,
        level2: r.get(5)?,
        level3: r.get(6)?,
        description: r.get(7)?,
        target_text: r.get(8)?,
        target: Target {
            kind: Kind::parse(&kind).unwrap_or(Kind::NotUnderstood),
            op: op.as_deref().and_then(Op::parse),
            value: undec(r.get::<_, Option<Dec>>(11)?),
            value_max: undec(r.get::<_, Option<Dec>>(12)?),
            unit: r.get(13)?,
            date: r.get(14)?,
            label: r.get(15)?,
        },
        target_manual: r.get(16)?,
        basis: r.get(17)?,
        weight: undec(r.get::<_, Option<Dec>>(18)?),
        accumulation_set: acc.as_deref().and_then(Accumulation::parse),
        not_applicable: r.get(20)?,
    })
}

fn write_target(conn: &Connection, id: i64, t: &Target, manual: bool) -> Result<()> {
    conn.execute(
        "UPDATE indicators SET target_kind = ?2, target_op = ?3, target_value = ?4, target_value_max = ?5,
            target_unit = ?6, target_date = ?7, target_label = ?8, target_manual = ?9 WHERE id = ?1",
        params![id, t.kind.as_str(), t.op.map(Op::as_str), dec(t.value), dec(t.value_max), t.unit, t.date, t.label, manual],
    )?;
    Ok(())
}

fn unique_violation(e: rusqlite::Error, row: &Indicator) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => Error::Invalid(
            format!("指标“{}”：编号“{}”在本项目中已被使用", row.level3, row.key.as_deref().unwrap_or("")),
        ),
        e => e.into(),
    }
}

/// Inserts an indicator row as given (checked and understood by the caller) at `position`.
pub(crate) fn insert_indicator(conn: &Connection, project_id: i64, position: i64, row: &Indicator) -> Result<i64> {
    let t = &row.target;
    conn.execute(
        "INSERT INTO indicators (project_id, key, position, level1, level2, level3, description, target_text, target_kind,
            target_op, target_value, target_value_max, target_unit, target_date, target_label, target_manual, basis, weight,
            accumulation, not_applicable)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        params![
            project_id, row.key, position, row.level1, row.level2, row.level3, row.description, row.target_text,
            t.kind.as_str(), t.op.map(Op::as_str), dec(t.value), dec(t.value_max), t.unit, t.date, t.label,
            row.target_manual, row.basis, dec(row.weight), row.accumulation_set.map(Accumulation::as_str), row.not_applicable
        ],
    )
    .map_err(|e| unique_violation(e, row))?;
    Ok(conn.last_insert_rowid())
}

/// Stores understood targets (id, target, corrected by hand) as given.
pub(crate) fn write_targets(conn: &Connection, targets: &[(i64, Target, bool)]) -> Result<()> {
    for (id, t, manual) in targets {
        write_target(conn, *id, t, *manual)?;
    }
    Ok(())
}

pub(crate) fn indicators_of(conn: &Connection, project_id: i64) -> Result<Vec<Indicator>> {
    let mut st = conn.prepare_cached(&format!("{SELECT} WHERE project_id = ?1 ORDER BY position, id"))?;
    let rows = st.query_map([project_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// A project's indicators in table order.
    pub(crate) fn indicators(&self, project_id: i64) -> Result<Vec<Indicator>> {
        indicators_of(self.conn(), project_id)
    }

    pub(crate) fn indicator(&self, id: i64) -> Result<Indicator> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("指标（内部编号 {id}）不存在")))
    }

    /// Finds an indicator of a project (`Indicator::find`).
    pub(crate) fn find_indicator(&self, project_id: i64, reference: &str) -> Result<Indicator> {
        Indicator::find(&self.indicators(project_id)?, reference).cloned()
    }

    /// Adds an indicator row (as the service drafted it) at the end of the
    /// table; its `position` is the table's next.
    pub(crate) fn create_indicator(&mut self, project_id: i64, row: &Indicator) -> Result<Indicator> {
        let id = self.write(|tx| {
            let pos: i64 = tx.query_row("SELECT COALESCE(MAX(position), 0) + 1 FROM indicators WHERE project_id = ?1", [project_id], |r| r.get(0))?;
            insert_indicator(tx, project_id, pos, row)
        })?;
        self.indicator(id)
    }

    /// Replaces the stored indicator `row.id` with `row` (its position and project stay).
    pub(crate) fn update_indicator(&mut self, row: &Indicator) -> Result<Indicator> {
        let id = row.id;
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE indicators SET key = ?2, level1 = ?3, level2 = ?4, level3 = ?5, description = ?6, target_text = ?7,
                        basis = ?8, weight = ?9, accumulation = ?10, not_applicable = ?11 WHERE id = ?1",
                    params![
                        id, row.key, row.level1, row.level2, row.level3, row.description, row.target_text, row.basis,
                        dec(row.weight), row.accumulation_set.map(Accumulation::as_str), row.not_applicable
                    ],
                )
                .map_err(|e| unique_violation(e, row))?;
            if n == 0 {
                return Err(Error::NotFound(format!("指标（内部编号 {id}）不存在")));
            }
            let old = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [id], self::row)?;
            // an unchanged understanding is not written again (no change-log row)
            if old.target != row.target || old.target_manual != row.target_manual {
                write_target(tx, id, &row.target, row.target_manual)?;
            }
            Ok(())
        })?;
        self.indicator(id)
    }

    /// Stores an indicator's understood target as given (`manual`: the officer's own).
    pub(crate) fn set_target(&mut self, id: i64, target: &Target, manual: bool) -> Result<Indicator> {
        self.write(|tx| write_target(tx, id, target, manual))?;
        self.indicator(id)
    }

    /// Moves an indicator to `position` (1-based) in its table, shifting the others.
    pub(crate) fn move_indicator(&mut self, id: i64, position: i64) -> Result<Vec<Indicator>> {
        let ind = self.indicator(id)?;
        let mut ids: Vec<i64> = self.indicators(ind.project_id)?.iter().map(|i| i.id).filter(|&i| i != id).collect();
        let at = (position - 1).clamp(0, ids.len() as i64) as usize;
        ids.insert(at, id);
        self.write(|tx| {
            for (n, iid) in ids.iter().enumerate() {
                tx.execute("UPDATE indicators SET position = ?2 WHERE id = ?1 AND position != ?2", params![iid, n as i64 + 1])?;
            }
            Ok(())
        })?;
        self.indicators(ind.project_id)
    }

    /// How many actuals deleting this indicator would take with it.
    pub(crate) fn indicator_dependents(&self, id: i64) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM actuals WHERE indicator_id = ?1", [id], |r| r.get(0))?)
    }

    pub(crate) fn delete_indicator(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM indicators WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound(format!("指标（内部编号 {id}）不存在")));
            }
            Ok(())
        })
    }
}
