//! Queries on `indicators` (the rows of a 绩效目标表). The target text is parsed
//! here on every write, so what is stored as understood always matches the text
//! (unless the officer corrected the understanding by hand).

use super::{Dec, Store, dec, undec};
use crate::error::{Error, Result};
use crate::model::{Indicator, IndicatorInput};
use crate::target::{self, Kind, Op, Target};
use crate::units::Accumulation;
use rusqlite::{Connection, OptionalExtension, params};

const SELECT: &str = "SELECT id, project_id, key, position, level1, level2, level3, description, target_text, target_kind,
    target_op, target_value, target_value_max, target_unit, target_date, target_label, target_manual, basis, weight,
    accumulation, not_applicable FROM indicators";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Indicator> {
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

fn project_year(conn: &Connection, project_id: i64) -> Result<i32> {
    conn.query_row("SELECT year FROM projects WHERE id = ?1", [project_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("项目（内部编号 {project_id}）不存在")))
}

fn unique_violation(e: rusqlite::Error, input: &IndicatorInput) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => Error::Invalid(
            format!("指标“{}”：编号“{}”在本项目中已被使用", input.level3, input.key.as_deref().unwrap_or("")),
        ),
        e => e.into(),
    }
}

/// Inserts an indicator at `position`, parsing its target with the project's year.
pub(crate) fn insert_indicator(conn: &Connection, project_id: i64, position: i64, input: &IndicatorInput) -> Result<i64> {
    input.check()?;
    let year = project_year(conn, project_id)?;
    let t = target::parse(&input.target_text, year);
    conn.execute(
        "INSERT INTO indicators (project_id, key, position, level1, level2, level3, description, target_text, target_kind,
            target_op, target_value, target_value_max, target_unit, target_date, target_label, basis, weight,
            accumulation, not_applicable)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            project_id, input.key, position, input.level1.trim(), input.level2.trim(), input.level3.trim(),
            input.description, input.target_text, t.kind.as_str(), t.op.map(Op::as_str), dec(t.value),
            dec(t.value_max), t.unit, t.date, t.label, input.basis, dec(input.weight),
            input.accumulation.map(Accumulation::as_str), input.not_applicable
        ],
    )
    .map_err(|e| unique_violation(e, input))?;
    let id = conn.last_insert_rowid();
    Ok(id)
}

/// Re-reads every target not corrected by hand (after the project's year changed).
pub(crate) fn reparse_targets(conn: &Connection, project_id: i64, year: i32) -> Result<()> {
    let mut st = conn.prepare("SELECT id, target_text FROM indicators WHERE project_id = ?1 AND target_manual = 0")?;
    let rows: Vec<(i64, String)> = st.query_map([project_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (id, text) in rows {
        let t = target::parse(&text, year);
        let old: Indicator = conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)?;
        if old.target != t {
            write_target(conn, id, &t, false)?;
        }
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
    pub fn indicators(&self, project_id: i64) -> Result<Vec<Indicator>> {
        indicators_of(self.conn(), project_id)
    }

    pub fn indicator(&self, id: i64) -> Result<Indicator> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("指标（内部编号 {id}）不存在")))
    }

    /// Finds an indicator of a project (`Indicator::find`).
    pub fn find_indicator(&self, project_id: i64, reference: &str) -> Result<Indicator> {
        Indicator::find(&self.indicators(project_id)?, reference).cloned()
    }

    /// Adds an indicator at the end of the table.
    pub fn create_indicator(&mut self, project_id: i64, input: &IndicatorInput) -> Result<Indicator> {
        let id = self.write(|tx| {
            let pos: i64 = tx.query_row("SELECT COALESCE(MAX(position), 0) + 1 FROM indicators WHERE project_id = ?1", [project_id], |r| r.get(0))?;
            insert_indicator(tx, project_id, pos, input)
        })?;
        self.indicator(id)
    }

    /// Replaces an indicator's fields. A changed target text is parsed anew
    /// (and any correction by hand is dropped, since it was about the old text).
    pub fn update_indicator(&mut self, id: i64, input: &IndicatorInput) -> Result<Indicator> {
        input.check()?;
        let old = self.indicator(id)?;
        let year = self.project_by_id(old.project_id)?.year;
        // the row as it will be: `Indicator::drafted` holds the rule (a changed
        // text is read again; a correction by hand stays while the text is the same)
        let row = Indicator::drafted(Some(&old), old.project_id, old.position, year, input);
        self.write(|tx| {
            tx.execute(
                "UPDATE indicators SET key = ?2, level1 = ?3, level2 = ?4, level3 = ?5, description = ?6, target_text = ?7,
                    basis = ?8, weight = ?9, accumulation = ?10, not_applicable = ?11 WHERE id = ?1",
                params![
                    id, row.key, row.level1, row.level2, row.level3, row.description, row.target_text, row.basis,
                    dec(row.weight), row.accumulation_set.map(Accumulation::as_str), row.not_applicable
                ],
            )
            .map_err(|e| unique_violation(e, input))?;
            if row.target != old.target || row.target_manual != old.target_manual {
                write_target(tx, id, &row.target, row.target_manual)?;
            }
            Ok(())
        })?;
        self.indicator(id)
    }

    /// The officer's own understanding of a target (`None` = parse the text again).
    pub fn set_target_understanding(&mut self, id: i64, understood: Option<&Target>) -> Result<Indicator> {
        let old = self.indicator(id)?;
        let year = self.project_by_id(old.project_id)?.year;
        if let Some(t) = understood {
            check_understanding(t)?;
        }
        self.write(|tx| match understood {
            Some(t) => write_target(tx, id, t, true),
            None => write_target(tx, id, &target::parse(&old.target_text, year), false),
        })?;
        self.indicator(id)
    }

    /// Moves an indicator to `position` (1-based) in its table, shifting the others.
    pub fn move_indicator(&mut self, id: i64, position: i64) -> Result<Vec<Indicator>> {
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
    pub fn indicator_dependents(&self, id: i64) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM actuals WHERE indicator_id = ?1", [id], |r| r.get(0))?)
    }

    pub fn delete_indicator(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM indicators WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound(format!("指标（内部编号 {id}）不存在")));
            }
            Ok(())
        })
    }
}

/// An understanding typed by hand must be complete for its kind.
fn check_understanding(t: &Target) -> Result<()> {
    let ok = match t.kind {
        Kind::Quantity => t.op.is_some() && t.value.is_some() && (t.op != Some(Op::Range) || t.value_max.is_some_and(|m| Some(m) >= t.value)),
        Kind::Date => t.deadline().is_some(),
        Kind::Label => t.label.as_deref().is_some_and(|l| !l.trim().is_empty()),
        Kind::NotUnderstood => true,
    };
    if ok { Ok(()) } else { Err(Error::Invalid("指标值的理解不完整：请填写比较方式和数值（区间需上下限）、日期或定性内容".into())) }
}
