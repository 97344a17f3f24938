//! Queries on `settings`.

use super::Store;
use crate::error::Result;
use crate::scoring::Settings;
use rusqlite::params;

impl Store {
    /// The scoring settings in force (defaults for what was never set).
    pub fn settings(&self) -> Result<Settings> {
        let mut st = self.conn().prepare("SELECT key, value FROM settings")?;
        let pairs: Vec<(String, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Settings::from_pairs(pairs)
    }

    /// Sets one setting; `None` resets it to its default.
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<Settings> {
        let value = Settings::check(key, value.unwrap_or(Settings::def(key)?.default))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            // refuse a combination that makes no sense, before it is committed
            let mut st = tx.prepare("SELECT key, value FROM settings")?;
            let pairs: Vec<(String, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            Settings::from_pairs(pairs)
        })
    }
}
