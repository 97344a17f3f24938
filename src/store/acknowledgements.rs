//! Queries on `acknowledgements`: an officer's 已知悉 on a finding of the
//! 绩效目标审核, stored by the finding's rule id, indicator and message as text.
//! Which findings exist is the review's business (`crate::service::review`).

use super::{Store, now_text};
use crate::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One stored 已知悉.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AckRecord {
    pub project_id: i64,
    /// The rule's id of review.md (`vague-target`).
    pub rule: String,
    /// The indicator's level-3 name; `None` for a finding on the whole table.
    pub indicator: Option<String>,
    pub message: String,
    pub note: String,
    /// Who marked it, and when (UTC, ISO 8601).
    pub who: String,
    pub at: String,
}

const SELECT: &str = "SELECT project_id, rule, indicator, message, note, who, at FROM acknowledgements";

fn row(r: &rusqlite::Row) -> rusqlite::Result<AckRecord> {
    Ok(AckRecord {
        project_id: r.get(0)?,
        rule: r.get(1)?,
        indicator: r.get(2)?,
        message: r.get(3)?,
        note: r.get(4)?,
        who: r.get(5)?,
        at: r.get(6)?,
    })
}

pub(crate) fn of_project(conn: &Connection, project_id: i64) -> Result<Vec<AckRecord>> {
    let mut st = conn.prepare_cached(&format!("{SELECT} WHERE project_id = ?1 ORDER BY id"))?;
    let rows = st.query_map([project_id], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Inserts `a` for `project_id` as it is (its `who` and `at` kept), or changes
/// the note, who and when of the stored one with the same key.
pub(crate) fn upsert(conn: &Connection, project_id: i64, a: &AckRecord) -> Result<()> {
    let changed = conn.execute(
        "UPDATE acknowledgements SET note = ?5, who = ?6, at = ?7
         WHERE project_id = ?1 AND rule = ?2 AND indicator IS ?3 AND message = ?4",
        params![project_id, a.rule, a.indicator, a.message, a.note, a.who, a.at],
    )?;
    if changed == 0 {
        conn.execute(
            "INSERT INTO acknowledgements (project_id, rule, indicator, message, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![project_id, a.rule, a.indicator, a.message, a.note, a.who, a.at],
        )?;
    }
    Ok(())
}

impl Store {
    /// The project's acknowledgements, oldest first (those of findings that no
    /// longer occur included).
    pub(crate) fn acknowledgements(&self, project_id: i64) -> Result<Vec<AckRecord>> {
        of_project(self.conn(), project_id)
    }

    /// The acknowledgements of the stored project of `year` and `code`, if there is
    /// one (a table being edited or about to replace it is reviewed with them).
    pub(crate) fn acknowledgements_of(&self, year: i32, code: &str) -> Result<Vec<AckRecord>> {
        match super::projects::project_id(self.conn(), year, code)? {
            Some(id) => of_project(self.conn(), id),
            None => Ok(Vec::new()),
        }
    }

    /// Marks one finding of the project as known with `note`, recording who
    /// (the store's writer) and when; marking it again replaces the note.
    /// Returns the record as committed.
    pub(crate) fn acknowledge(&mut self, project_id: i64, rule: &str, indicator: Option<&str>, message: &str, note: &str) -> Result<AckRecord> {
        self.project_by_id(project_id)?;
        let record = AckRecord {
            project_id,
            rule: rule.to_string(),
            indicator: indicator.map(str::to_string),
            message: message.to_string(),
            note: note.to_string(),
            who: self.who.clone(),
            at: now_text(),
        };
        self.write(|tx| upsert(tx, project_id, &record))?;
        Ok(record)
    }

    /// Removes the project's acknowledgements of `rule` on `indicator` (`None`:
    /// on the whole table), of `message` only if one is given. Returns how many
    /// were removed.
    pub(crate) fn unacknowledge(&mut self, project_id: i64, rule: &str, indicator: Option<&str>, message: Option<&str>) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM acknowledgements WHERE project_id = ?1 AND rule = ?2 AND indicator IS ?3 AND (?4 IS NULL OR message = ?4)",
                params![project_id, rule, indicator, message],
            )?)
        })
    }
}
