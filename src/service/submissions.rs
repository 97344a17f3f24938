//! 报送: a submitted quarter of a project is locked, and unlocked only with a
//! reason kept in the history; the checks that refuse a write to it.

use crate::error::{Error, Result};
use crate::model::{Period, Project, Submission};
use crate::store::Store;

/// The projects of `year` a submission names: one project, or every project of a unit.
fn targets(store: &Store, year: i32, project: Option<&str>, unit: Option<&str>) -> Result<Vec<Project>> {
    match (project, unit) {
        (Some(code), _) => Ok(vec![store.project(year, code)?]),
        (None, Some(u)) => {
            store.unit(u)?;
            let ps = store.projects(Some(year), Some(u))?;
            if ps.is_empty() {
                return Err(Error::NotFound(format!("单位 {u} 在 {year} 年度没有项目")));
            }
            Ok(ps)
        }
        (None, None) => Err(Error::Invalid("请指明项目或单位".into())),
    }
}

/// Submits (报送) `period` of one project or of every project of a unit: its
/// figures are then locked. Returns the projects submitted.
pub fn submit(store: &mut Store, period: Period, project: Option<&str>, unit: Option<&str>) -> Result<Vec<Project>> {
    let ps = targets(store, period.year, project, unit)?;
    let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    store.submit(&ps.iter().map(|p| p.id).collect::<Vec<_>>(), period, &at)?;
    for p in &ps {
        super::list::forget_project(store, p)?;
    }
    Ok(ps)
}

/// Unlocks a submitted `period`; the reason is required and kept in the history.
/// Returns how many projects were unlocked.
pub fn unlock(store: &mut Store, period: Period, project: Option<&str>, unit: Option<&str>, reason: &str) -> Result<usize> {
    if reason.trim().is_empty() {
        return Err(crate::Error::Invalid("解除报送须填写原因".into()));
    }
    crate::text::check_length("解除原因", reason)?;
    let ps = targets(store, period.year, project, unit)?;
    let n = store.unlock(&ps.iter().map(|p| p.id).collect::<Vec<_>>(), period, reason)?;
    for p in &ps {
        super::list::forget_project(store, p)?;
    }
    Ok(n)
}

/// Refuses a write to a submitted period, saying when it was submitted and how to change it.
pub fn check_unlocked(store: &Store, project: &Project, period: Period) -> Result<()> {
    match store.submission(project.id, period)? {
        Some(Submission { locked: true, submitted_at, .. }) => Err(Error::Locked(format!(
            "项目“{}”的 {period} 已报送（{submitted_at}），数据已锁定；如需修改，请先解除报送（须填写原因）",
            project.name
        ))),
        _ => Ok(()),
    }
}

/// A project's locked periods, as one message, if any (an import may not replace it).
pub fn check_replaceable(store: &Store, project: &Project) -> Result<()> {
    let locked: Vec<String> = store.submissions(project.id)?.into_iter().filter(|s| s.locked).map(|s| s.period.to_string()).collect();
    if locked.is_empty() {
        Ok(())
    } else {
        Err(Error::Locked(format!("项目“{}”（{}）的 {} 已报送，不能导入覆盖；如需修改，请先解除报送", project.name, project.code, locked.join("、"))))
    }
}
