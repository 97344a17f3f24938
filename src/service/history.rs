//! The history of a project or of one indicator as people read it: who
//! changed what, when, old → new, from the store's change log.

use crate::error::Result;
use crate::store::{ChangeLogRow, Store};
use serde_json::Value;

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
    // plan indicators, their actuals and verdicts (migration 0005)
    ("name", "指标名称"),
    ("kind", "类型"),
    ("direction", "方向"),
    ("attribute", "属性"),
    ("baseline", "基期值"),
    ("baseline_year", "基期年"),
    ("target_year", "目标年"),
    ("milestones", "年度目标"),
    ("responsible", "责任单位"),
    ("status", "评价"),
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
        // a target's row also logs its understood number as `value`: the
        // officer wrote (and reads) the 指标值 text, not a 完成值
        .filter(|(k, _)| !(matches!(row.entity.as_str(), "target" | "plan_indicator") && *k == "value"))
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
        "target" | "plan_indicator" => Some(row.entity_id),
        "actual" | "plan_actual" | "plan_verdict" => field("indicator_id").as_i64(),
        _ => None,
    };
    let what = match row.entity.as_str() {
        "target" => "指标",
        "actual" => "完成情况",
        "spending" => "执行数",
        "acknowledgement" => "已知悉",
        "submission" => "季度",
        "plan_indicator" => "规划指标",
        "plan_actual" => "年度完成值",
        "plan_verdict" => "定性评价",
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
        period: field("period").as_str().map(str::to_string).or_else(|| field("year").as_i64().map(|y| y.to_string())),
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

/// The history of one plan indicator (its row id): its target, actuals and
/// verdicts, oldest first.
pub fn plan_indicator_history(store: &Store, indicator_row: i64, name: &str) -> Result<Vec<HistoryEntry>> {
    let names = std::collections::HashMap::from([(indicator_row, name.to_string())]);
    Ok(store.plan_indicator_log(indicator_row)?.iter().map(|r| entry(r, &names)).collect())
}
