//! Reading the change log (append-only since migration 0003) of one project:
//! its targets, its indicators' actuals (also of indicators deleted since), its
//! spending, its 已知悉 notes and its submissions.

use super::{ChangeLogRow, LOG_SELECT, Store, log_row};
use crate::error::Result;

/// The project a log row's value names directly.
const OWN: &str = "json_extract(coalesce(new_value, old_value), '$.project_id')";

impl Store {
    /// Every change-log row of a project, oldest first.
    pub(crate) fn project_log(&self, project_id: i64) -> Result<Vec<ChangeLogRow>> {
        let sql = format!(
            "{LOG_SELECT}
             WHERE (entity IN ('target', 'spending', 'acknowledgement', 'submission') AND {OWN} = ?1)
                OR (entity = 'actual' AND json_extract(coalesce(new_value, old_value), '$.indicator_id') IN
                    (SELECT entity_id FROM change_log WHERE entity = 'target' AND {OWN} = ?1))
             ORDER BY id"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([project_id], log_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
