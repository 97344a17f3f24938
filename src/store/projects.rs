//! Queries on `projects` and their `spending_plan`.

use super::{Dec, Store, dec, undec};
use crate::error::{Error, Result};
use crate::model::{Budget, EvaluationTexts, MoneyUnit, PlanPoint, Project, ProjectInput};
use crate::target::Target;
use rusqlite::{Connection, OptionalExtension, params};

pub(super) const SELECT: &str = "SELECT p.id, p.year, p.code, p.name, u.code, u.name, p.money_unit, p.budget_total, p.budget_fiscal,
    p.budget_other, p.budget_adjusted, p.fund_use, p.goal, p.eval_achieved, p.eval_conclusion, p.eval_problems,
    p.eval_improvements FROM projects p JOIN units u ON u.id = p.unit_id";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Project> {
    let money: String = r.get(6)?;
    Ok(Project {
        id: r.get(0)?,
        year: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        unit_code: r.get(4)?,
        unit_name: r.get(5)?,
        money_unit: MoneyUnit::parse(&money).unwrap_or(MoneyUnit::WanYuan),
        budget: Budget {
            total: undec(r.get(7)?),
            fiscal: undec(r.get(8)?),
            other: undec(r.get(9)?),
            adjusted: undec(r.get(10)?),
        },
        fund_use: r.get(11)?,
        goal: r.get(12)?,
        spending_plan: Vec::new(),
        texts: EvaluationTexts {
            achieved: r.get(13)?,
            conclusion: r.get(14)?,
            problems: r.get(15)?,
            improvements: r.get(16)?,
        },
    })
}

fn load_plan(conn: &Connection, p: &mut Project) -> Result<()> {
    let mut st = conn.prepare_cached("SELECT month, amount FROM spending_plan WHERE project_id = ?1 ORDER BY month")?;
    let rows = st.query_map([p.id], |r| Ok(PlanPoint { month: r.get(0)?, amount: undec(r.get::<_, Option<Dec>>(1)?) }))?;
    p.spending_plan = rows.collect::<rusqlite::Result<_>>()?;
    Ok(())
}

fn write_plan(conn: &Connection, id: i64, plan: &[PlanPoint]) -> Result<()> {
    conn.execute("DELETE FROM spending_plan WHERE project_id = ?1", [id])?;
    for p in plan {
        conn.execute("INSERT INTO spending_plan (project_id, month, amount) VALUES (?1, ?2, ?3)", params![id, p.month, dec(p.amount)])?;
    }
    Ok(())
}

pub(crate) fn project_id(conn: &Connection, year: i32, code: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM projects WHERE year = ?1 AND code = ?2", params![year, code], |r| r.get(0)).optional()?)
}

/// Deletes a project with everything that belongs to it (the schema cascades).
pub(crate) fn delete_project(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM projects WHERE id = ?1", [id])?;
    Ok(())
}

/// Inserts a project header as given (checked by the caller).
pub(crate) fn insert_project(conn: &Connection, p: &ProjectInput) -> Result<i64> {
    let unit_id = super::units::unit_id(conn, &p.unit_code)?
        .ok_or_else(|| Error::NotFound(format!("项目“{}”的单位“{}”不存在", p.code, p.unit_code)))?;
    conn.execute(
        "INSERT INTO projects (year, code, name, unit_id, money_unit, budget_total, budget_fiscal, budget_other,
            budget_adjusted, fund_use, goal, eval_achieved, eval_conclusion, eval_problems, eval_improvements)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            p.year, p.code.trim(), p.name.trim(), unit_id, p.money_unit.as_str(), dec(p.budget.total), dec(p.budget.fiscal),
            dec(p.budget.other), dec(p.budget.adjusted), p.fund_use, p.goal, p.texts.achieved, p.texts.conclusion,
            p.texts.problems, p.texts.improvements
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Error::Invalid(format!("{} 年度已有编码为“{}”的项目", p.year, p.code))
        }
        e => e.into(),
    })?;
    let id = conn.last_insert_rowid();
    write_plan(conn, id, &p.spending_plan)?;
    Ok(id)
}

impl Store {
    /// The projects of a year (all years if `None`), of a unit and its sub-units if given, by code.
    pub(crate) fn projects(&self, year: Option<i32>, unit: Option<&str>) -> Result<Vec<Project>> {
        let mut st = self.conn().prepare(&format!(
            "{SELECT} WHERE (?1 IS NULL OR p.year = ?1)
               AND (?2 IS NULL OR u.code = ?2 OR u.parent_id = (SELECT id FROM units WHERE code = ?2))
             ORDER BY p.year, p.code"
        ))?;
        let mut out: Vec<Project> = st.query_map(params![year, unit], row)?.collect::<rusqlite::Result<_>>()?;
        for p in &mut out {
            load_plan(self.conn(), p)?;
        }
        Ok(out)
    }

    pub(crate) fn project_by_id(&self, id: i64) -> Result<Project> {
        let mut p = self
            .conn()
            .query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], row)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("项目（内部编号 {id}）不存在")))?;
        load_plan(self.conn(), &mut p)?;
        Ok(p)
    }

    pub(crate) fn project(&self, year: i32, code: &str) -> Result<Project> {
        let id = project_id(self.conn(), year, code)?
            .ok_or_else(|| Error::NotFound(format!("{year} 年度没有编码为“{code}”的项目")))?;
        self.project_by_id(id)
    }

    /// The years that have projects, newest first.
    pub(crate) fn years(&self) -> Result<Vec<i32>> {
        let mut st = self.conn().prepare("SELECT DISTINCT year FROM projects ORDER BY year DESC")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn create_project(&mut self, p: &ProjectInput) -> Result<Project> {
        let id = self.write(|tx| insert_project(tx, p))?;
        self.project_by_id(id)
    }

    /// Replaces a project's header, budget, plan and texts, and in the same
    /// transaction the understood targets given (`(indicator id, target,
    /// corrected by hand)`: what the service read anew for a changed year).
    pub(crate) fn update_project(&mut self, id: i64, p: &ProjectInput, targets: &[(i64, Target, bool)]) -> Result<Project> {
        self.write(|tx| {
            let unit_id = super::units::unit_id(tx, &p.unit_code)?
                .ok_or_else(|| Error::NotFound(format!("单位“{}”不存在", p.unit_code)))?;
            let n = tx.execute(
                "UPDATE projects SET year = ?2, code = ?3, name = ?4, unit_id = ?5, money_unit = ?6, budget_total = ?7,
                    budget_fiscal = ?8, budget_other = ?9, budget_adjusted = ?10, fund_use = ?11, goal = ?12,
                    eval_achieved = ?13, eval_conclusion = ?14, eval_problems = ?15, eval_improvements = ?16
                 WHERE id = ?1",
                params![
                    id, p.year, p.code.trim(), p.name.trim(), unit_id, p.money_unit.as_str(), dec(p.budget.total),
                    dec(p.budget.fiscal), dec(p.budget.other), dec(p.budget.adjusted), p.fund_use, p.goal,
                    p.texts.achieved, p.texts.conclusion, p.texts.problems, p.texts.improvements
                ],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("项目（内部编号 {id}）不存在")));
            }
            write_plan(tx, id, &p.spending_plan)?;
            super::indicators::write_targets(tx, targets)
        })?;
        self.project_by_id(id)
    }

    /// Only the officer's texts of the 自评表 (saved as they are typed).
    pub(crate) fn set_evaluation_texts(&mut self, id: i64, t: &EvaluationTexts) -> Result<Project> {
        self.write(|tx| {
            tx.execute(
                "UPDATE projects SET eval_achieved = ?2, eval_conclusion = ?3, eval_problems = ?4, eval_improvements = ?5 WHERE id = ?1",
                params![id, t.achieved, t.conclusion, t.problems, t.improvements],
            )?;
            Ok(())
        })?;
        self.project_by_id(id)
    }

    /// What deleting a project takes with it: (indicators, actuals, spending rows).
    pub(crate) fn project_dependents(&self, id: i64) -> Result<(i64, i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM indicators WHERE project_id = ?1),
                    (SELECT count(*) FROM actuals a JOIN indicators i ON i.id = a.indicator_id WHERE i.project_id = ?1),
                    (SELECT count(*) FROM spending WHERE project_id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Deletes a project with its indicators, actuals and spending (each logged).
    pub(crate) fn delete_project(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM projects WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound(format!("项目（内部编号 {id}）不存在")));
            }
            Ok(())
        })
    }
}
