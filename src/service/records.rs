//! Stored records as they are, for the shells to show: the shells reach the
//! database only through the service, so every read they need is here.

use super::Store;
use crate::error::Result;
use crate::model::{Actual, Indicator, Period, Project, Spending, Submission, Unit};
use std::collections::HashMap;

/// Whether the database holds no project (the app then shows its welcome).
pub fn is_empty(store: &Store) -> Result<bool> {
    store.is_empty()
}

/// The years that have projects, newest first.
pub fn years(store: &Store) -> Result<Vec<i32>> {
    store.years()
}

pub fn units(store: &Store) -> Result<Vec<Unit>> {
    store.units()
}

/// The projects of a year (every year if `None`), of a unit and its sub-units if given, by code.
pub fn projects(store: &Store, year: Option<i32>, unit: Option<&str>) -> Result<Vec<Project>> {
    store.projects(year, unit)
}

/// The project `code` of `year`.
pub fn project(store: &Store, year: i32, code: &str) -> Result<Project> {
    store.project(year, code)
}

/// A project's indicators in table order.
pub fn indicators(store: &Store, project_id: i64) -> Result<Vec<Indicator>> {
    store.indicators(project_id)
}

/// A project's actuals of one period, by indicator id.
pub fn actuals(store: &Store, project_id: i64, period: Period) -> Result<HashMap<i64, Actual>> {
    store.actuals(project_id, period)
}

/// A project's spending, every quarter recorded.
pub fn all_spending(store: &Store, project_id: i64) -> Result<Vec<Spending>> {
    store.all_spending(project_id)
}

/// A project's 报送 records.
pub fn submissions(store: &Store, project_id: i64) -> Result<Vec<Submission>> {
    store.submissions(project_id)
}

/// The schema version this program writes.
pub fn schema_version() -> i64 {
    crate::store::schema_version()
}

/// An indicator of a project by key, name or id (`Indicator::find`).
pub fn find_indicator(store: &Store, project_id: i64, reference: &str) -> Result<Indicator> {
    store.find_indicator(project_id, reference)
}

/// The file behind the open database (none in memory).
pub fn database_path(store: &Store) -> Option<&std::path::Path> {
    store.path()
}

/// A project by its internal id.
pub fn project_by_id(store: &Store, id: i64) -> Result<Project> {
    store.project_by_id(id)
}
