//! Queries on `plans`, `plan_indicators`, `plan_actuals` and `plan_verdicts`
//! (migration 0005, whose triggers log every change). Milestones and
//! responsible units are JSON arrays in their indicator's row.

use super::{ChangeLogRow, Dec, LOG_SELECT, Store, dec, log_row, undec};
use crate::error::{Error, Result};
use crate::model::plan::{
    Attribute, Baseline, Direction, Plan, PlanActual, PlanIndicator, PlanKind, PlanStatus, PlanTarget, Verdict, PlanIndicatorRecord, PlanRecord,
};
use crate::target::Op;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

fn conversion(col: usize, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, e.to_string().into())
}

const PLAN_SELECT: &str = "SELECT id, code, name, document, issuer, issued_on, base_year, end_year, keeper FROM plans";

fn plan_row(r: &Row) -> rusqlite::Result<(i64, Plan)> {
    Ok((
        r.get(0)?,
        Plan {
            code: r.get(1)?,
            name: r.get(2)?,
            document: r.get(3)?,
            issuer: r.get(4)?,
            issued_on: r.get(5)?,
            base_year: r.get(6)?,
            end_year: r.get(7)?,
            unit: r.get(8)?,
        },
    ))
}

const INDICATOR_SELECT: &str = "SELECT id, code, section, name, unit, kind, attribute, direction, baseline_text, baseline_value, baseline_year, baseline_approx,
    target_text, target_op, target_value, target_value_max, target_year, milestones, responsible, source FROM plan_indicators";

fn indicator_row(r: &Row) -> rusqlite::Result<(i64, PlanIndicator)> {
    let kind = PlanKind::parse(&r.get::<_, String>(5)?).map_err(|e| conversion(5, e))?;
    let attribute = r.get::<_, Option<String>>(6)?.map(|a| Attribute::parse(&a)).transpose().map_err(|e| conversion(6, e))?;
    let direction = Direction::parse(&r.get::<_, String>(7)?).map_err(|e| conversion(7, e))?;
    let baseline = match (r.get::<_, Option<String>>(8)?, r.get::<_, Option<Dec>>(9)?, r.get::<_, Option<i32>>(10)?) {
        (Some(text), Some(value), Some(year)) => Some(Baseline { text, value: value.0, year, approx: r.get::<_, i64>(11)? == 1 }),
        _ => None,
    };
    let op = r.get::<_, Option<String>>(13)?.map(|o| Op::parse(&o).ok_or_else(|| conversion(13, o))).transpose()?;
    let milestones: String = r.get(17)?;
    let responsible: String = r.get(18)?;
    Ok((
        r.get(0)?,
        PlanIndicator {
            id: r.get(1)?,
            section: r.get(2)?,
            name: r.get(3)?,
            unit: r.get(4)?,
            kind,
            attribute,
            direction,
            baseline,
            target: PlanTarget { text: r.get(12)?, op, value: undec(r.get(14)?), value_max: undec(r.get(15)?), year: r.get(16)? },
            milestones: serde_json::from_str(&milestones).map_err(|e| conversion(17, e))?,
            responsible: serde_json::from_str(&responsible).map_err(|e| conversion(18, e))?,
            source: r.get(19)?,
        },
    ))
}

fn insert_plan(tx: &Connection, p: &Plan) -> Result<i64> {
    tx.execute(
        "INSERT INTO plans (code, name, document, issuer, issued_on, base_year, end_year, keeper) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![p.code.trim(), p.name.trim(), p.document, p.issuer, p.issued_on, p.base_year, p.end_year, p.unit],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_indicator(tx: &Connection, plan_id: i64, position: usize, i: &PlanIndicator) -> Result<i64> {
    let b = i.baseline.as_ref();
    tx.execute(
        "INSERT INTO plan_indicators (plan_id, position, code, section, name, unit, kind, attribute, direction,
            baseline_text, baseline_value, baseline_year, baseline_approx, target_text, target_op, target_value, target_value_max, target_year,
            milestones, responsible, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            plan_id,
            position as i64,
            i.id.trim(),
            i.section,
            i.name.trim(),
            i.unit,
            i.kind.as_str(),
            i.attribute.map(Attribute::as_str),
            i.direction.as_str(),
            b.map(|b| b.text.clone()),
            b.map(|b| Dec(b.value)),
            b.map(|b| b.year),
            b.is_some_and(|b| b.approx) as i64,
            i.target.text,
            i.target.op.map(Op::as_str),
            dec(i.target.value),
            dec(i.target.value_max),
            i.target.year,
            serde_json::to_string(&i.milestones)?,
            serde_json::to_string(&i.responsible)?,
            i.source,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn upsert_actual(tx: &Connection, indicator_id: i64, a: &PlanActual) -> Result<()> {
    tx.execute(
        "INSERT INTO plan_actuals (indicator_id, year, value, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (indicator_id, year) DO UPDATE SET value = excluded.value, note = excluded.note",
        params![indicator_id, a.year, Dec(a.value), a.note],
    )?;
    Ok(())
}

fn upsert_verdict(tx: &Connection, indicator_id: i64, v: &Verdict) -> Result<()> {
    tx.execute(
        "INSERT INTO plan_verdicts (indicator_id, year, status, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (indicator_id, year) DO UPDATE SET status = excluded.status, note = excluded.note",
        params![indicator_id, v.year, v.status.as_str(), v.note],
    )?;
    Ok(())
}

impl Store {
    /// Every plan, by code, with its row id.
    pub(crate) fn plans(&self) -> Result<Vec<(i64, Plan)>> {
        let mut st = self.conn().prepare(&format!("{PLAN_SELECT} ORDER BY code"))?;
        let rows = st.query_map([], plan_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The plan of `code`, with its row id.
    pub(crate) fn plan(&self, code: &str) -> Result<(i64, Plan)> {
        self.conn()
            .query_row(&format!("{PLAN_SELECT} WHERE code = ?1"), [code.trim()], plan_row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("没有编码为“{}”的规划", code.trim())))
    }

    /// A plan's indicators in their order, with their row ids.
    pub(crate) fn plan_indicators(&self, plan_id: i64) -> Result<Vec<(i64, PlanIndicator)>> {
        let mut st = self.conn().prepare(&format!("{INDICATOR_SELECT} WHERE plan_id = ?1 ORDER BY position"))?;
        let rows = st.query_map([plan_id], indicator_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The actuals of a plan's indicators, by indicator row id, by year.
    pub(crate) fn plan_actuals(&self, plan_id: i64) -> Result<HashMap<i64, Vec<PlanActual>>> {
        let mut st = self.conn().prepare(
            "SELECT a.indicator_id, a.year, a.value, a.note FROM plan_actuals a JOIN plan_indicators i ON i.id = a.indicator_id
             WHERE i.plan_id = ?1 ORDER BY a.year",
        )?;
        let mut out: HashMap<i64, Vec<PlanActual>> = HashMap::new();
        let rows = st.query_map([plan_id], |r| Ok((r.get::<_, i64>(0)?, PlanActual { year: r.get(1)?, value: r.get::<_, Dec>(2)?.0, note: r.get(3)? })))?;
        for row in rows {
            let (id, a) = row?;
            out.entry(id).or_default().push(a);
        }
        Ok(out)
    }

    /// The verdicts of a plan's indicators, by indicator row id, by year.
    pub(crate) fn plan_verdicts(&self, plan_id: i64) -> Result<HashMap<i64, Vec<Verdict>>> {
        let mut st = self.conn().prepare(
            "SELECT v.indicator_id, v.year, v.status, v.note FROM plan_verdicts v JOIN plan_indicators i ON i.id = v.indicator_id
             WHERE i.plan_id = ?1 ORDER BY v.year",
        )?;
        let mut out: HashMap<i64, Vec<Verdict>> = HashMap::new();
        let rows = st.query_map([plan_id], |r| {
            let status: String = r.get(2)?;
            Ok((r.get::<_, i64>(0)?, Verdict { year: r.get(1)?, status: PlanStatus::parse(&status).map_err(|e| conversion(2, e))?, note: r.get(3)? }))
        })?;
        for row in rows {
            let (id, v) = row?;
            out.entry(id).or_default().push(v);
        }
        Ok(out)
    }

    /// Writes checked plans in one transaction, each replacing a stored plan
    /// of the same code with everything that belonged to it.
    pub(crate) fn write_plans(&mut self, plans: &[PlanRecord]) -> Result<()> {
        self.write(|tx| {
            for xp in plans {
                tx.execute("DELETE FROM plans WHERE code = ?1", [xp.plan.code.trim()])?;
                let pid = insert_plan(tx, &xp.plan)?;
                for (n, PlanIndicatorRecord { indicator, actuals, verdicts }) in xp.indicators.iter().enumerate() {
                    let iid = insert_indicator(tx, pid, n + 1, indicator)?;
                    for a in actuals {
                        upsert_actual(tx, iid, a)?;
                    }
                    for v in verdicts {
                        upsert_verdict(tx, iid, v)?;
                    }
                }
            }
            Ok(())
        })
    }

    /// Stores (or replaces) an indicator's actual of a year.
    pub(crate) fn set_plan_actual(&mut self, indicator_id: i64, a: &PlanActual) -> Result<()> {
        self.write(|tx| upsert_actual(tx, indicator_id, a))
    }

    /// Stores (or replaces) a qualitative indicator's verdict of a year.
    pub(crate) fn set_plan_verdict(&mut self, indicator_id: i64, v: &Verdict) -> Result<()> {
        self.write(|tx| upsert_verdict(tx, indicator_id, v))
    }

    /// Every change-log row of one plan indicator (its target, actuals and
    /// verdicts), oldest first.
    pub(crate) fn plan_indicator_log(&self, indicator_id: i64) -> Result<Vec<ChangeLogRow>> {
        let sql = format!(
            "{LOG_SELECT}
             WHERE (entity = 'plan_indicator' AND entity_id = ?1)
                OR (entity IN ('plan_actual', 'plan_verdict') AND json_extract(coalesce(new_value, old_value), '$.indicator_id') = ?1)
             ORDER BY id"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([indicator_id], log_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Erases an indicator's actual of a year (nothing when there is none).
    pub(crate) fn delete_plan_actual(&mut self, indicator_id: i64, year: i32) -> Result<()> {
        self.write(|tx| Ok(tx.execute("DELETE FROM plan_actuals WHERE indicator_id = ?1 AND year = ?2", params![indicator_id, year]).map(|_| ())?))
    }
}
