//! Plans (规划) and their main indicators: the `jixiao-plan` exchange file
//! (plan-indicators.md §6) and its whole-file check, the judging rules (§4,
//! [`judge`]), the settings of those rules, and the readers of the tables and
//! prose plans arrive as ([`read`]). Pure: no database; the service loads and
//! writes (`service::plans`).

pub mod entry;
pub mod judge;
pub mod read;
pub mod settings;

use crate::error::{Error, Result};
use crate::model::plan::{Plan, PlanIndicator, PlanKind, Verdict};
pub use crate::model::plan::{FORMAT, PlanFile, VERSION, PlanIndicatorRecord, PlanRecord};
use crate::target::Op;
use rust_decimal::Decimal;
use std::collections::HashSet;

pub use judge::{PlanRow, Trajectory, TrajectoryPoint, judge};
pub use settings::PlanSettings;

/// Reads an exchange file's text; says where a field is wrong.
pub fn parse_file(text: &str) -> Result<PlanFile> {
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| Error::Import(format!("不是有效的 JSON（第 {} 行第 {} 列）：{e}", e.line(), e.column())))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err(Error::Import(format!("规划交换文件的格式应为“{FORMAT}”，实际为 {}", value.get("format").map_or("（无）".to_string(), |f| f.to_string()))));
    }
    if value.get("version").and_then(|v| v.as_i64()) != Some(VERSION) {
        return Err(Error::Import(format!("本程序只能读取第 {VERSION} 版规划交换文件")));
    }
    serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        Error::Import(format!("{path}：{}", e.into_inner()))
    })
}

/// The first year an actual may be recorded for, and the last: the plan's years.
pub fn plan_years(plan: &Plan) -> std::ops::RangeInclusive<i32> {
    plan.base_year + 1..=plan.end_year
}

/// Checks a year of the plan (an actual's, a verdict's, an evaluation's).
pub fn check_year_in_plan(plan: &Plan, year: i32) -> Result<()> {
    if plan_years(plan).contains(&year) {
        Ok(())
    } else {
        Err(Error::Invalid(format!("{year} 年不在规划“{}”的期间（{}—{} 年）之内", plan.name, plan.base_year + 1, plan.end_year)))
    }
}

/// A value within what can be computed with, in its unit.
fn check_magnitude(v: Decimal, unit: &str, what: &str) -> Result<()> {
    crate::units::convert(v, unit, "").map(|_| ()).map_err(|_| Error::too_large(what))
}

/// Checks the whole file before anything is written: each plan's code,
/// name and years; each indicator's id (unique in its plan), name, target
/// (a number, or qualitative wording), years inside the plan; each actual
/// and verdict. The first fault is the error, naming plan and indicator.
pub fn check_file(file: &PlanFile) -> Result<()> {
    if file.plans.is_empty() {
        return Err(Error::Import("文件中没有规划".into()));
    }
    let mut codes = HashSet::new();
    for xp in &file.plans {
        check_plan(xp)?;
        if !codes.insert(xp.plan.code.trim()) {
            return Err(Error::Import(format!("规划编码“{}”在文件中出现了不止一次", xp.plan.code)));
        }
    }
    Ok(())
}

/// [`check_file`] for one plan.
pub fn check_plan(xp: &PlanRecord) -> Result<()> {
    let p = &xp.plan;
    let bad = |why: String| Err(Error::Import(format!("规划“{}”：{why}", p.code)));
    if p.code.trim().is_empty() {
        return Err(Error::Import(format!("规划“{}”没有编码（--code）", p.name)));
    }
    if p.name.trim().is_empty() {
        return bad("没有名称（--name）".into());
    }
    crate::model::check_year(p.base_year).map_err(|e| Error::Import(format!("规划“{}”基期：{e}", p.code)))?;
    crate::model::check_year(p.end_year).map_err(|e| Error::Import(format!("规划“{}”目标年：{e}", p.code)))?;
    if p.end_year <= p.base_year {
        return bad(format!("目标年 {} 应晚于基期 {}", p.end_year, p.base_year));
    }
    for (label, t) in [("名称", Some(&p.name)), ("文号", p.document.as_ref()), ("印发单位", p.issuer.as_ref())] {
        if let Some(t) = t {
            crate::text::check_length(label, t).map_err(|e| Error::Import(format!("规划“{}”：{e}", p.code)))?;
        }
    }
    if xp.indicators.is_empty() {
        return bad("没有任何指标".into());
    }
    let mut ids = HashSet::new();
    for xi in &xp.indicators {
        check_indicator(p, xi).map_err(|e| match e {
            Error::Import(m) | Error::Invalid(m) => Error::Import(format!("规划“{}”指标 {}“{}”：{m}", p.code, xi.indicator.id, xi.indicator.name)),
            e => e,
        })?;
        if !ids.insert(xi.indicator.id.trim()) {
            return bad(format!("指标序号“{}”重复", xi.indicator.id));
        }
    }
    Ok(())
}

fn check_indicator(p: &Plan, xi: &PlanIndicatorRecord) -> Result<()> {
    let i = &xi.indicator;
    let bad = |why: String| Err(Error::Invalid(why));
    if i.id.trim().is_empty() {
        return bad("没有序号".into());
    }
    if i.name.trim().is_empty() {
        return bad("没有指标名称".into());
    }
    crate::text::check_length("指标名称", &i.name)?;
    crate::text::check_length("目标值", &i.target.text)?;
    let t = &i.target;
    if !(p.base_year + 1..=p.end_year).contains(&t.year) {
        return bad(format!("目标年 {} 不在规划期间（{}—{} 年）之内", t.year, p.base_year + 1, p.end_year));
    }
    match (i.kind, t.op, t.value) {
        (PlanKind::Qualitative, None, _) => {}
        (PlanKind::Qualitative, Some(_), _) => return bad("定性指标不应有比较方式（op 应为 null）".into()),
        (_, Some(op), Some(v)) => {
            check_magnitude(v, i.unit_str(), &t.text)?;
            if op == Op::Range {
                match t.value_max {
                    Some(m) if m >= v => check_magnitude(m, i.unit_str(), &t.text)?,
                    _ => return bad(format!("区间目标“{}”须有上限且不小于下限", t.text)),
                }
            }
        }
        _ => return bad(format!("目标值“{}”既没有数值也不是定性表述", t.text)),
    }
    if let Some(b) = &i.baseline {
        check_magnitude(b.value, i.unit_str(), &b.text)?;
        crate::model::check_year(b.year)?;
        if b.year >= t.year {
            return bad(format!("基期年 {} 应早于目标年 {}", b.year, t.year));
        }
    }
    let mut years = HashSet::new();
    for m in &i.milestones {
        if !(p.base_year + 1..=p.end_year).contains(&m.year) || !years.insert(m.year) {
            return bad(format!("年度目标的年份 {} 不在规划期间内或重复", m.year));
        }
        check_magnitude(m.value, i.unit_str(), &m.value.to_string())?;
    }
    for r in &i.responsible {
        if r.unit.trim().is_empty() {
            return bad("责任单位名称为空".into());
        }
    }
    let mut years = HashSet::new();
    for a in &xi.actuals {
        check_year_in_plan(p, a.year)?;
        if i.kind == PlanKind::Qualitative {
            return bad("定性指标不填完成值，请记录评价".into());
        }
        if !years.insert(a.year) {
            return bad(format!("{} 年的完成值重复", a.year));
        }
        check_magnitude(a.value, i.unit_str(), &a.value.to_string())?;
        if let Some(n) = &a.note {
            crate::text::check_length("说明", n)?;
        }
    }
    let mut years = HashSet::new();
    for v in &xi.verdicts {
        check_year_in_plan(p, v.year)?;
        check_verdict(i, v)?;
        if !years.insert(v.year) {
            return bad(format!("{} 年的评价重复", v.year));
        }
    }
    Ok(())
}

/// A verdict: only on a qualitative indicator, a status a person may give,
/// and a note.
pub fn check_verdict(i: &PlanIndicator, v: &Verdict) -> Result<()> {
    if i.kind != PlanKind::Qualitative {
        return Err(Error::Invalid(format!("指标“{}”不是定性指标：请填写完成值，评价由程序按规则得出", i.name)));
    }
    if !v.status.is_verdict() {
        return Err(Error::Invalid(format!("评价“{}”不能由人填写", v.status.label())));
    }
    if v.note.trim().is_empty() {
        return Err(Error::Invalid("定性指标的评价须写明说明（--note）".into()));
    }
    crate::text::check_length("说明", &v.note)
}

#[cfg(test)]
mod tests;
