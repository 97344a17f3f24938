//! Queries on `settings`: stored as key/value text. What the values mean and
//! which combinations are allowed is `crate::scoring::Settings`' business.

use super::Store;
use crate::error::Result;
use rusqlite::{Connection, params};

fn pairs(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    let pairs = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(pairs)
}

impl Store {
    /// Every stored setting as `(key, value)`.
    pub(crate) fn setting_pairs(&self) -> Result<Vec<(String, String)>> {
        pairs(self.conn())
    }

    /// Stores one setting, then lets `accept` see every stored pair before the
    /// change is committed: an error from it leaves the old value.
    pub(crate) fn put_setting<T>(&mut self, key: &str, value: &str, accept: impl FnOnce(Vec<(String, String)>) -> Result<T>) -> Result<T> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            accept(pairs(tx)?)
        })
    }

    /// Stores each `(key, default)` not yet in the database, so the numbers in
    /// force are part of the data. Writes nothing when all are there.
    pub(crate) fn seed_settings(&mut self, defaults: &[(&str, &str)]) -> Result<()> {
        let stored: i64 = self.conn().query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?;
        if stored < defaults.len() as i64 {
            self.write(|tx| {
                for (k, v) in defaults {
                    tx.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)", [k, v])?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}
