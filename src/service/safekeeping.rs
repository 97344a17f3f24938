//! Keeping an officer's work: automatic backups (first start of each day,
//! before every import and restore; the store takes one before a migration),
//! backup and restore by hand, 报送 (locking a submitted quarter), and the
//! history of a project as people read it.

use crate::error::{Error, Result};
use crate::model::{Period, Project, Submission};
use crate::scoring::{SettingDef, SettingView};
use crate::store::{self, BackupInfo, ChangeLogRow, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept (the newest).
pub const BACKUP_KEEP: SettingDef = SettingDef { key: "backup_keep", default: "30", label: "自动备份保留份数（最近的几份）" };

/// The number of backups to keep, from its stored text.
fn keep(pairs: &[(String, String)]) -> usize {
    pairs.iter().find(|(k, _)| k == BACKUP_KEEP.key).and_then(|(_, v)| v.parse().ok()).unwrap_or(30)
}

/// Checks a value for `backup_keep`: a whole number from 1 to 1000.
pub fn check_keep(value: &str) -> Result<String> {
    match value.trim().parse::<u32>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n.to_string()),
        _ => Err(Error::Invalid(format!("{}：应为 1—1000 的整数，而不是“{value}”", BACKUP_KEEP.label))),
    }
}

/// The 设置 screen's row of `backup_keep`.
pub fn keep_view(pairs: &[(String, String)]) -> SettingView {
    SettingView { key: BACKUP_KEEP.key, value: keep(pairs).to_string(), default: BACKUP_KEEP.default, label: BACKUP_KEEP.label }
}

/// Backs the database up beside itself and keeps the newest `backup_keep`.
/// Nothing for an in-memory store.
pub fn auto_backup(store: &Store, why: &str) -> Result<Option<PathBuf>> {
    let Some(path) = store.auto_backup(why)? else { return Ok(None) };
    if let Some(db) = store.path() {
        store::prune_backups(db, keep(&store.setting_pairs()?))?;
    }
    Ok(Some(path))
}

/// [`daily_backup`] through a read-only connection of its own to the
/// database at `db`, so that a store open on it for writing goes on answering
/// (and writing) while the copy is made. Returns the copy, if one was due.
pub fn daily_backup_beside(db: &Path) -> Result<Option<PathBuf>> {
    daily_backup(&Store::open_reader(db)?)
}

/// The first start of a day backs up a database that holds anything.
pub(crate) fn daily_backup(store: &Store) -> Result<Option<PathBuf>> {
    let Some(db) = store.path() else { return Ok(None) };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let done_today = store::list_backups(db)?.iter().any(|b| b.taken_at.starts_with(&today));
    if done_today || store.is_empty()? {
        return Ok(None);
    }
    auto_backup(store, "daily")
}

/// The backups of the database, newest first, with date, size and project count.
pub fn backups(store: &Store) -> Result<Vec<BackupInfo>> {
    let Some(db) = store.path() else { return Ok(Vec::new()) };
    let mut list = store::list_backups(db)?;
    store::count_projects(&mut list);
    Ok(list)
}

/// Writes a copy of the database to `dest` (`jixiao backup -o FILE`).
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    store.backup_to(dest)?;
    // the copy must open as a good database before we say it is one
    store::probe(dest, false).map(|_| ())
}

/// Replaces the database with the backup at `src`: the file is checked first
/// (ours, not newer, `integrity_check` ok), the current database is backed up,
/// then the backup's content is copied in. Returns the database reopened (and
/// migrated if the backup was older) and the backup taken before.
pub fn restore(store: Store, src: &Path) -> Result<(Store, Option<PathBuf>)> {
    store::probe(src, false)?;
    let before = auto_backup(&store, "before-restore")?;
    let path = store.path().map(Path::to_path_buf);
    let mut store = store;
    store.overwrite_from(src)?;
    let store = match path {
        Some(p) => {
            drop(store);
            super::open(&p)?
        }
        None => store,
    };
    Ok((store, before))
}

/// Restores the backup `src` over a database that does not open (damaged, or
/// not a database): the damaged file is set aside untouched (renamed
/// `<file>.damaged-<stamp>`), the backup copied in its place, and opened.
/// A database that opens, or one written by a newer program, is refused:
/// those are restored with [`restore`] or opened by the newer program.
/// Returns the store and where the damaged file went.
pub fn restore_damaged(db: &Path, src: &Path) -> Result<(Store, PathBuf)> {
    store::probe(src, false)?;
    if db.is_file() {
        match store::probe(db, true) {
            Err(Error::Damaged { .. } | Error::Invalid(_)) => {}
            Err(e) => return Err(e),
            Ok(_) => return Err(Error::Invalid("数据库完好，无需从损坏中恢复；如需恢复备份，请在「备份与恢复」中操作".into())),
        }
    }
    let aside = store::replace_damaged(db, src)?;
    Ok((super::open(db)?, aside))
}

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
    Ok(ps)
}

/// Unlocks a submitted `period`; the reason is required and kept in the history.
/// Returns how many projects were unlocked.
pub fn unlock(store: &mut Store, period: Period, project: Option<&str>, unit: Option<&str>, reason: &str) -> Result<usize> {
    let ps = targets(store, period.year, project, unit)?;
    store.unlock(&ps.iter().map(|p| p.id).collect::<Vec<_>>(), period, reason)
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

/// One change as people read it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct HistoryEntry {
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    pub at: String,
    pub who: String,
    /// 指标值 / 完成值 / 执行数 / 已知悉 / 报送
    pub what: String,
    /// The indicator's level-3 name, where the change is about one.
    pub indicator: Option<String>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub indicator_id: Option<i64>,
    pub period: Option<String>,
    /// 新增 / 修改 / 删除 / 报送 / 解除报送
    pub action: String,
    /// The fields that changed, `old → new`, in Chinese.
    pub changes: Vec<String>,
}

/// Field names of the logged values, in the officer's words (others are not shown).
const FIELDS: &[(&str, &str)] = &[
    ("target", "指标值"),
    ("level3", "三级指标"),
    ("weight", "分值"),
    ("not_applicable", "不适用"),
    ("value", "完成值"),
    ("value_unit", "单位"),
    ("done_on", "完成日期"),
    ("level", "完成程度"),
    ("ratio", "得分比例"),
    ("reason", "偏差原因"),
    ("measures", "改进措施"),
    ("forecast", "全年预计"),
    ("likelihood", "完成可能性"),
    ("reason_category", "原因类别"),
    ("amount", "执行数"),
    ("note", "说明"),
    ("unlock_reason", "解除原因"),
];

fn text(v: &Value) -> String {
    match v {
        Value::Null => "（空）".into(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// A logged moment (UTC, ISO 8601) in local time, `YYYY-MM-DD HH:MM:SS`.
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// One log row as people read it; `names` gives an indicator's level-3 by id.
fn entry(row: &ChangeLogRow, names: &std::collections::HashMap<i64, String>) -> HistoryEntry {
    let parse = |s: &Option<String>| s.as_deref().and_then(|t| serde_json::from_str::<Value>(t).ok()).unwrap_or(Value::Null);
    let (old, new) = (parse(&row.old_value), parse(&row.new_value));
    let field = |k: &str| if new.get(k).is_some_and(|v| !v.is_null()) { new[k].clone() } else { old.get(k).cloned().unwrap_or(Value::Null) };
    let changes = FIELDS
        .iter()
        .filter_map(|(k, label)| {
            let (o, n) = (old.get(*k).cloned().unwrap_or(Value::Null), new.get(*k).cloned().unwrap_or(Value::Null));
            (o != n).then(|| match row.action.as_str() {
                "insert" => format!("{label}：{}", text(&n)),
                "delete" => format!("{label}：{}（已删除）", text(&o)),
                _ => format!("{label}：{} → {}", text(&o), text(&n)),
            })
        })
        .collect();
    let indicator_id = match row.entity.as_str() {
        "target" => Some(row.entity_id),
        "actual" => field("indicator_id").as_i64(),
        _ => None,
    };
    let what = match row.entity.as_str() {
        "target" => "指标",
        "actual" => "完成情况",
        "spending" => "执行数",
        "acknowledgement" => "已知悉",
        "submission" => "季度",
        other => other,
    };
    let action = match (row.entity.as_str(), row.action.as_str()) {
        ("submission", "update") if new.get("locked").and_then(Value::as_i64) == Some(0) => "解除报送",
        ("submission", _) => "报送",
        (_, "insert") => "新增",
        (_, "update") => "修改",
        _ => "删除",
    };
    HistoryEntry {
        at: local_time(&row.at),
        who: row.who.clone(),
        what: what.to_string(),
        indicator: indicator_id.and_then(|id| names.get(&id).cloned()).or_else(|| field("indicator").as_str().map(str::to_string)),
        indicator_id,
        period: field("period").as_str().map(str::to_string),
        action: action.to_string(),
        changes,
    }
}

/// The history of a project, oldest first: who changed what, when, old → new.
pub fn project_history(store: &Store, project_id: i64) -> Result<Vec<HistoryEntry>> {
    let rows = store.project_log(project_id)?;
    // an indicator's name as last logged (it may be deleted or renamed since)
    let mut names = std::collections::HashMap::new();
    for r in rows.iter().filter(|r| r.entity == "target") {
        for v in [&r.old_value, &r.new_value].into_iter().flatten() {
            if let Some(name) = serde_json::from_str::<Value>(v).ok().and_then(|v| v["level3"].as_str().map(str::to_string)) {
                names.insert(r.entity_id, name);
            }
        }
    }
    Ok(rows.iter().map(|r| entry(r, &names)).collect())
}

/// The history of one indicator's target and actuals (the 填报 cell's 历史).
pub fn indicator_history(store: &Store, indicator_id: i64) -> Result<Vec<HistoryEntry>> {
    let ind = store.indicator(indicator_id)?;
    Ok(project_history(store, ind.project_id)?.into_iter().filter(|e| e.indicator_id == Some(indicator_id)).collect())
}
