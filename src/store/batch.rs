//! Writing a whole checked import (units and projects with their indicators,
//! actuals and spending) in one transaction: all of it, or nothing.

use super::Store;
use super::{acknowledgements, actuals, indicators, projects, spending, units};
use crate::error::Result;
use crate::model::{NewProject, NewUnit};

impl Store {
    /// Writes the units, then the projects, each replacing a stored project of
    /// the same year and code (with everything that belonged to it, except the
    /// officer's 已知悉 notes: they stay with the project and cover its findings
    /// that are unchanged), in one transaction. An actual is stored as a record
    /// even when empty.
    /// `each(n)` is called before the `n`th project (from 0) is written: the
    /// caller's progress.
    pub(crate) fn write_batch(&mut self, new_units: &[NewUnit], new_projects: &[NewProject], each: &mut dyn FnMut(usize)) -> Result<()> {
        self.write(|tx| {
            // units first without parents, then parents, so their order does not matter
            for with_parent in [false, true] {
                for u in new_units {
                    let name = match &u.name {
                        Some(n) => n.clone(),
                        None => units::unit_name(tx, &u.code)?.unwrap_or_default(),
                    };
                    units::upsert_unit(tx, &u.code, &name, if with_parent { u.parent.as_deref() } else { None })?;
                }
            }
            for (n, p) in new_projects.iter().enumerate() {
                each(n);
                let mut kept = Vec::new();
                if let Some(id) = projects::project_id(tx, p.project.year, &p.project.code)? {
                    kept = acknowledgements::of_project(tx, id)?;
                    projects::delete_project(tx, id)?;
                }
                let pid = projects::insert_project(tx, &p.project)?;
                for a in &kept {
                    acknowledgements::upsert(tx, pid, a)?;
                }
                let mut ids = Vec::with_capacity(p.indicators.len());
                for (n, i) in p.indicators.iter().enumerate() {
                    ids.push(indicators::insert_indicator(tx, pid, n as i64 + 1, i)?);
                }
                for (idx, a) in &p.actuals {
                    let mut a = a.clone();
                    a.indicator_id = ids[*idx];
                    actuals::upsert_actual(tx, &a, true)?;
                }
                for s in &p.spending {
                    if let Some(amount) = s.amount {
                        spending::upsert_spending(tx, pid, s.period, amount, s.reason.as_deref(), s.measures.as_deref())?;
                    }
                }
            }
            Ok(())
        })
    }
}
