//! What the service keeps in the file to answer again without recomputing
//! (`kept_overviews`: the 总览 of a year and unit, as the service's text), and
//! the file's write revision it is checked against. The store does not decide
//! whether a kept answer is still good: it hands back what was kept with the
//! revision and program it was kept at.

use super::Store;
use crate::error::Result;
use rusqlite::{OptionalExtension, params};

/// A kept answer: the text, with the revision and program it was made at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kept {
    pub revision: i64,
    pub program: String,
    pub body: String,
}

impl Store {
    /// How many write transactions the file has had (each [`Store::write`] adds one).
    pub(crate) fn revision(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT n FROM revision WHERE id = 1", [], |r| r.get(0))?)
    }

    /// The 总览 kept for `year` and `unit` (`""`: all units), if any.
    pub(crate) fn kept_overview(&self, year: i32, unit: &str) -> Result<Option<Kept>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT revision, program, body FROM kept_overviews WHERE year = ?1 AND unit = ?2",
                params![year, unit],
                |r| Ok(Kept { revision: r.get(0)?, program: r.get(1)?, body: r.get(2)? }),
            )
            .optional()?)
    }

    /// Keeps a 总览. Not a write of the officer's data: no change-log row, and
    /// the revision stays (the kept text is of the data as it is).
    pub(crate) fn keep_overview(&self, year: i32, unit: &str, kept: &Kept) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO kept_overviews (year, unit, revision, program, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![year, unit, kept.revision, kept.program, kept.body],
        )?;
        Ok(())
    }
}
