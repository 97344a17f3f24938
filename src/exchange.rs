//! Exchange format v1 (exchange-format.md): the JSON file a unit sends to its
//! supervising department. Import is all-or-nothing: the whole file is checked
//! before anything is written, then written in one transaction.

use crate::error::{Error, Result};
use crate::model::{ActualInput, Budget, EvaluationTexts, Indicator, Level, Likelihood, MoneyUnit, Period, PlanPoint, ReasonCategory};
use crate::store::{IndicatorInput, ProjectInput, Store, check_actual, parse_amount};
use crate::target;
use crate::text::{leading_number, normalize};
use crate::units::Accumulation;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "jixiao-exchange";
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub format: String,
    pub version: i64,
    #[serde(default)]
    pub units: Vec<XUnit>,
    #[serde(default)]
    pub projects: Vec<XProject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XUnit {
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XBudget {
    #[serde(default)]
    pub total: Option<String>,
    #[serde(default)]
    pub fiscal: Option<String>,
    #[serde(default)]
    pub other: Option<String>,
    #[serde(default)]
    pub adjusted: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XPlan {
    pub month: u32,
    #[serde(default)]
    pub amount: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XIndicator {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub level1: Option<String>,
    #[serde(default)]
    pub level2: Option<String>,
    pub level3: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub weight: Option<String>,
    #[serde(default)]
    pub accumulation: Option<String>,
    #[serde(default)]
    pub not_applicable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XActual {
    pub indicator: String,
    pub period: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub ratio: Option<String>,
    #[serde(default)]
    pub done_on: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub measures: Option<String>,
    #[serde(default)]
    pub forecast: Option<String>,
    #[serde(default)]
    pub likelihood: Option<String>,
    #[serde(default)]
    pub reason_category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XSpending {
    pub period: String,
    #[serde(default)]
    pub amount: Option<String>,
    /// jixiao's addition: the explanation of a lagging budget execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XTexts {
    #[serde(default)]
    pub achieved: Option<String>,
    #[serde(default)]
    pub conclusion: Option<String>,
    #[serde(default)]
    pub problems: Option<String>,
    #[serde(default)]
    pub improvements: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XProject {
    pub year: i32,
    pub code: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub money_unit: Option<String>,
    #[serde(default)]
    pub budget: Option<XBudget>,
    #[serde(default)]
    pub fund_use: Option<String>,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub spending_plan: Vec<XPlan>,
    #[serde(default)]
    pub indicators: Vec<XIndicator>,
    #[serde(default)]
    pub actuals: Vec<XActual>,
    #[serde(default)]
    pub spending: Vec<XSpending>,
    #[serde(default)]
    pub evaluation: Option<XTexts>,
}

impl XActual {
    /// The fields as an [`ActualInput`]; an error names the field and why.
    pub fn to_input(&self) -> std::result::Result<ActualInput, (&'static str, String)> {
        Ok(ActualInput {
            value: self.value.clone(),
            done_on: self.done_on.clone(),
            level: self.level.as_deref().map(Level::parse).transpose().map_err(|e| ("level", e.to_string()))?,
            ratio: self.ratio.as_deref().map(decimal).transpose().map_err(|why| ("ratio", why))?,
            reason: self.reason.clone(),
            measures: self.measures.clone(),
            forecast: self.forecast.clone(),
            likelihood: self.likelihood.as_deref().map(Likelihood::parse).transpose().map_err(|e| ("likelihood", e.to_string()))?,
            reason_category: self
                .reason_category
                .as_deref()
                .map(ReasonCategory::parse)
                .transpose()
                .map_err(|e| ("reason_category", e.to_string()))?,
            // an entry is a record even when it holds nothing ("not done yet")
            not_done: true,
        })
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ImportSummary {
    pub units: usize,
    pub projects: usize,
    pub indicators: usize,
    pub actuals: usize,
    pub spending: usize,
    /// `year code` of projects that already existed and were replaced.
    pub replaced: Vec<String>,
    /// The backup taken before replacing anything.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
}

/// A decimal written as a string, with the number syntax of targets
/// (full-width digits, spaces, thousands separators).
fn decimal(text: &str) -> std::result::Result<Decimal, String> {
    let s = normalize(text);
    match leading_number(&s) {
        Some((d, "")) => Ok(d),
        _ => Err(format!("“{text}”不是数字")),
    }
}

/// One project, checked and ready to write.
struct Planned {
    project: ProjectInput,
    indicators: Vec<IndicatorInput>,
    actuals: Vec<(usize, crate::model::Actual)>,
    spending: Vec<(Period, Decimal, Option<String>, Option<String>)>,
}

/// Reads an exchange file's text, refusing what does not follow format v1.
pub fn parse_file(text: &str) -> Result<File> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::Import(format!("不是有效的 JSON（第 {} 行第 {} 列）：{e}", e.line(), e.column())))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err(Error::Import(format!("文件格式应为“{FORMAT}”，实际为 {}", value.get("format").map_or("（无）".to_string(), |f| f.to_string()))));
    }
    let version = value.get("version").and_then(|v| v.as_i64());
    if version != Some(VERSION) {
        return Err(Error::Import(format!("本程序只能读取第 {VERSION} 版交换文件，该文件的版本为 {}", value.get("version").map_or("（无）".to_string(), |v| v.to_string()))));
    }
    serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let at = describe_path(&value, &path);
        let inner = e.into_inner().to_string();
        let why = if let Some(f) = inner.strip_prefix("unknown field `") {
            format!("未知字段“{}”（字段名可能拼写有误）", f.split('`').next().unwrap_or(f))
        } else if inner.starts_with("missing field") {
            format!("缺少必填字段“{}”", inner.split('`').nth(1).unwrap_or(""))
        } else if inner.starts_with("invalid type") {
            format!("类型不对（金额和数值须写成字符串，如 \"455.00\"）：{inner}")
        } else {
            inner
        };
        Error::Import(format!("{at}：{why}"))
    })
}

/// `projects[2].indicators[0].nmae` → `项目 2023 X 的第 1 个指标（受奖补数据中心数量），字段 projects[2].indicators[0].nmae`.
fn describe_path(v: &serde_json::Value, path: &str) -> String {
    let mut out = String::new();
    if let Some(rest) = path.strip_prefix("projects[")
        && let Some(i) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok())
    {
        let p = &v["projects"][i];
        out += &format!("项目 {} {}", p["year"], p["code"].as_str().unwrap_or("?"));
        if let Some(j) = path.split("indicators[").nth(1).and_then(|r| r.split(']').next()).and_then(|n| n.parse::<usize>().ok()) {
            out += &format!("，指标“{}”", p["indicators"][j]["level3"].as_str().unwrap_or("?"));
        }
        out += "，";
    }
    out + &format!("字段 {path}")
}

/// Checks every project of the file against the rules and the database.
fn plan(store: &Store, file: &File) -> Result<Vec<Planned>> {
    let settings = store.settings()?;
    let err = |m: String| Err(Error::Import(m));
    // units
    let mut unit_codes = HashSet::new();
    for u in &file.units {
        if u.code.trim().is_empty() {
            return err("units：单位编码不能为空".into());
        }
        if !unit_codes.insert(u.code.as_str()) {
            return err(format!("单位编码“{}”在文件中重复", u.code));
        }
    }
    let known_unit = |code: &str| -> Result<bool> { Ok(unit_codes.contains(code) || store.unit(code).is_ok()) };
    for u in &file.units {
        if let Some(p) = &u.parent
            && (p == &u.code || !known_unit(p)?)
        {
            return err(format!("单位“{}”的上级单位“{p}”在文件和数据库中都不存在", u.code));
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for xp in &file.projects {
        let ctx = format!("项目 {} {}", xp.year, xp.code);
        if !seen.insert((xp.year, xp.code.as_str())) {
            return err(format!("{ctx}：在文件中重复出现"));
        }
        let field = |name: &str, why: String| Error::Import(format!("{ctx}，字段 {name}：{why}"));
        let unit = match (&xp.unit, file.units.as_slice()) {
            (Some(u), _) => u.clone(),
            (None, [only]) => only.code.clone(),
            (None, _) => return Err(field("unit", "未指明项目所属单位".into())),
        };
        if !known_unit(&unit)? {
            return Err(field("unit", format!("单位“{unit}”在文件和数据库中都不存在")));
        }
        let money_unit = match &xp.money_unit {
            Some(m) => MoneyUnit::parse(m).map_err(|e| field("money_unit", e.to_string()))?,
            None => MoneyUnit::WanYuan,
        };
        let b = xp.budget.clone().unwrap_or_default();
        let dec_field = |name: &str, v: &Option<String>| -> Result<Option<Decimal>> {
            v.as_deref().map(decimal).transpose().map_err(|why| field(name, why))
        };
        let budget = Budget {
            total: dec_field("budget.total", &b.total)?,
            fiscal: dec_field("budget.fiscal", &b.fiscal)?,
            other: dec_field("budget.other", &b.other)?,
            adjusted: dec_field("budget.adjusted", &b.adjusted)?,
        };
        let spending_plan = xp
            .spending_plan
            .iter()
            .map(|p| Ok(PlanPoint { month: p.month, amount: dec_field(&format!("spending_plan（{} 月）", p.month), &p.amount)? }))
            .collect::<Result<Vec<_>>>()?;
        let texts = xp.evaluation.clone().unwrap_or_default();
        let project = ProjectInput {
            year: xp.year,
            code: xp.code.clone(),
            name: xp.name.clone().unwrap_or_default(),
            unit_code: unit,
            money_unit,
            budget,
            fund_use: xp.fund_use.clone(),
            goal: xp.goal.clone(),
            spending_plan,
            texts: EvaluationTexts {
                achieved: texts.achieved,
                conclusion: texts.conclusion,
                problems: texts.problems,
                improvements: texts.improvements,
            },
        };
        project.check().map_err(|e| Error::Import(e.to_string()))?;

        // indicators, parsed as they will be stored, to check actuals against them
        let mut keys = HashSet::new();
        let mut indicators = Vec::new();
        let mut parsed = Vec::new();
        for (n, xi) in xp.indicators.iter().enumerate() {
            let ictx = |name: &str, why: String| Error::Import(format!("{ctx}，指标“{}”，字段 {name}：{why}", xi.level3));
            if let Some(id) = &xi.id
                && !keys.insert(id.as_str())
            {
                return Err(ictx("id", format!("编号“{id}”在本项目中重复")));
            }
            let accumulation = match xi.accumulation.as_deref() {
                Some(a) => Some(Accumulation::parse(a).ok_or_else(|| ictx("accumulation", format!("应为 cumulative 或 level，而不是“{a}”")))?),
                None => None,
            };
            let input = IndicatorInput {
                key: xi.id.clone(),
                level1: xi.level1.clone().unwrap_or_default(),
                level2: xi.level2.clone().unwrap_or_default(),
                level3: xi.level3.clone(),
                description: xi.description.clone(),
                target_text: xi.target.clone().unwrap_or_default(),
                basis: xi.basis.clone(),
                weight: xi.weight.as_deref().map(decimal).transpose().map_err(|why| ictx("weight", why))?,
                accumulation,
                not_applicable: xi.not_applicable.clone(),
            };
            input.check().map_err(|e| Error::Import(format!("{ctx}，第 {} 个指标：{e}", n + 1)))?;
            parsed.push(Indicator {
                id: n as i64,
                project_id: 0,
                key: input.key.clone(),
                position: n as i64 + 1,
                level1: input.level1.clone(),
                level2: input.level2.clone(),
                level3: input.level3.clone(),
                description: None,
                target_text: input.target_text.clone(),
                target: target::parse(&input.target_text, xp.year),
                target_manual: false,
                basis: None,
                weight: input.weight,
                accumulation_set: accumulation,
                not_applicable: input.not_applicable.clone(),
            });
            indicators.push(input);
        }
        let mut actuals = Vec::new();
        let mut actual_keys = HashSet::new();
        for xa in &xp.actuals {
            let actx = |name: &str, why: String| Error::Import(format!("{ctx}，指标“{}”的 {} 实际值，字段 {name}：{why}", xa.indicator, xa.period));
            let idx = match parsed.iter().position(|i| i.key.as_deref() == Some(xa.indicator.as_str())) {
                Some(i) => i,
                None => {
                    let by_name: Vec<usize> = (0..parsed.len()).filter(|&i| parsed[i].level3 == xa.indicator).collect();
                    match by_name.as_slice() {
                        [one] => *one,
                        [] => return Err(actx("indicator", "本项目没有这个指标".into())),
                        _ => return Err(actx("indicator", "本项目有多个同名指标，请用 id 指明".into())),
                    }
                }
            };
            let period = Period::parse(&xa.period).map_err(|e| actx("period", e.to_string()))?;
            if period.year != xp.year {
                return Err(actx("period", format!("不在项目年度 {} 之内", xp.year)));
            }
            if !actual_keys.insert((idx, period)) {
                return Err(actx("period", "同一指标同一期间出现了两次".into()));
            }
            let input = xa.to_input().map_err(|(name, why)| actx(name, why))?;
            let a = check_actual(&parsed[idx], period, &input, &settings).map_err(|(field, e)| actx(field, e.to_string()))?;
            actuals.push((idx, a));
        }
        let mut spending = Vec::new();
        let mut spending_periods = HashSet::new();
        for xs in &xp.spending {
            let sctx = |name: &str, why: String| Error::Import(format!("{ctx}，{} 执行数，字段 {name}：{why}", xs.period));
            let period = Period::parse(&xs.period).map_err(|e| sctx("period", e.to_string()))?;
            if period.year != xp.year {
                return Err(sctx("period", format!("不在项目年度 {} 之内", xp.year)));
            }
            if !spending_periods.insert(period) {
                return Err(sctx("period", "同一期间出现了两次".into()));
            }
            let Some(amount) = xs.amount.as_deref() else { continue };
            let (v, unit) = parse_amount(amount).map_err(|e| sctx("amount", e.to_string()))?;
            let v = crate::units::convert(v, unit.as_deref().unwrap_or(""), money_unit.as_str()).map_err(|e| sctx("amount", e.to_string()))?;
            spending.push((period, v, xs.reason.clone(), xs.measures.clone()));
        }
        out.push(Planned { project, indicators, actuals, spending });
    }
    Ok(out)
}

/// Imports an exchange file's text: all of it, or nothing.
pub fn import_str(store: &mut Store, text: &str) -> Result<ImportSummary> {
    let file = parse_file(text)?;
    let planned = plan(store, &file)?;
    let mut summary = ImportSummary { units: file.units.len(), projects: planned.len(), ..Default::default() };
    for p in &planned {
        if store.project(p.project.year, &p.project.code).is_ok() {
            summary.replaced.push(format!("{} {}", p.project.year, p.project.code));
        }
    }
    if !summary.replaced.is_empty() {
        summary.backup = store.auto_backup("before-import")?;
    }
    store.write(|tx| {
        use crate::store::raw;
        // units first without parents, then parents, so order in the file does not matter
        for u in &file.units {
            let name = u.name.clone().or_else(|| store_unit_name(tx, &u.code)).unwrap_or_default();
            raw::upsert_unit(tx, &u.code, &name, None)?;
        }
        for u in &file.units {
            let name = u.name.clone().or_else(|| store_unit_name(tx, &u.code)).unwrap_or_default();
            raw::upsert_unit(tx, &u.code, &name, u.parent.as_deref())?;
        }
        for p in &planned {
            if let Some(id) = raw::project_id(tx, p.project.year, &p.project.code)? {
                tx.execute("DELETE FROM projects WHERE id = ?1", [id])?;
            }
            let pid = raw::insert_project(tx, &p.project)?;
            let mut ids = Vec::new();
            for (n, i) in p.indicators.iter().enumerate() {
                ids.push(raw::insert_indicator(tx, pid, n as i64 + 1, i)?);
            }
            for (idx, a) in &p.actuals {
                let mut a = a.clone();
                a.indicator_id = ids[*idx];
                // an entry in the file is a record, even an empty one ("not done yet")
                raw::upsert_actual(tx, &a, true)?;
            }
            for (period, amount, reason, measures) in &p.spending {
                raw::upsert_spending(tx, pid, *period, *amount, reason.as_deref(), measures.as_deref())?;
            }
            summary.indicators += p.indicators.len();
            summary.actuals += p.actuals.len();
            summary.spending += p.spending.len();
        }
        Ok(())
    })?;
    Ok(summary)
}

fn store_unit_name(conn: &rusqlite::Connection, code: &str) -> Option<String> {
    conn.query_row("SELECT name FROM units WHERE code = ?1", [code], |r| r.get(0)).ok()
}

pub fn import_file(store: &mut Store, path: &Path) -> Result<ImportSummary> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Import("文件不是 UTF-8 编码的文本".into()))?;
    import_str(store, text.trim_start_matches('\u{FEFF}'))
}

fn s(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// The database's content (of one year, if given) as an exchange file.
pub fn export(store: &Store, year: Option<i32>) -> Result<File> {
    let units = store.units()?.into_iter().map(|u| XUnit { code: u.code, name: Some(u.name), parent: u.parent }).collect();
    let mut projects = Vec::new();
    for p in store.projects(year, None)? {
        let inds = store.indicators(p.id)?;
        let mut name_count: HashMap<&str, usize> = HashMap::new();
        for i in &inds {
            *name_count.entry(i.level3.as_str()).or_default() += 1;
        }
        // an indicator without key and with a duplicate name gets one, so actuals can name it
        let keys: HashMap<i64, Option<String>> = inds
            .iter()
            .map(|i| {
                let k = match &i.key {
                    Some(k) => Some(k.clone()),
                    None if name_count[i.level3.as_str()] > 1 => Some(format!("#{}", i.position)),
                    None => None,
                };
                (i.id, k)
            })
            .collect();
        let reference = |id: i64| -> String {
            let i = inds.iter().find(|i| i.id == id).expect("actual of this project");
            keys[&id].clone().unwrap_or_else(|| i.level3.clone())
        };
        let actuals = store
            .all_actuals(p.id)?
            .into_iter()
            .map(|a| XActual {
                indicator: reference(a.indicator_id),
                period: a.period.to_string(),
                value: a.value.map(|v| format!("{v}{}", a.value_unit.as_deref().unwrap_or(""))),
                level: a.level.map(|l| l.as_str().to_string()),
                ratio: s(a.ratio),
                done_on: a.done_on.map(|d| d.to_string()),
                reason: a.reason,
                measures: a.measures,
                forecast: a.forecast,
                likelihood: a.likelihood.map(|l| l.as_str().to_string()),
                reason_category: a.reason_category.map(|c| c.as_str().to_string()),
            })
            .collect();
        let spending = store
            .all_spending(p.id)?
            .into_iter()
            .map(|x| XSpending { period: x.period.to_string(), amount: Some(x.amount.to_string()), reason: x.reason, measures: x.measures })
            .collect();
        projects.push(XProject {
            year: p.year,
            code: p.code,
            unit: Some(p.unit_code),
            name: Some(p.name),
            money_unit: Some(p.money_unit.as_str().to_string()),
            budget: Some(XBudget { total: s(p.budget.total), fiscal: s(p.budget.fiscal), other: s(p.budget.other), adjusted: s(p.budget.adjusted) }),
            fund_use: p.fund_use,
            goal: p.goal,
            spending_plan: p.spending_plan.iter().map(|x| XPlan { month: x.month, amount: s(x.amount) }).collect(),
            indicators: inds
                .iter()
                .map(|i| XIndicator {
                    id: keys[&i.id].clone(),
                    level1: Some(i.level1.clone()),
                    level2: Some(i.level2.clone()),
                    level3: i.level3.clone(),
                    description: i.description.clone(),
                    target: Some(i.target_text.clone()),
                    basis: i.basis.clone(),
                    weight: s(i.weight),
                    accumulation: i.accumulation_set.map(|a| a.as_str().to_string()),
                    not_applicable: i.not_applicable.clone(),
                })
                .collect(),
            actuals,
            spending,
            evaluation: Some(XTexts {
                achieved: p.texts.achieved,
                conclusion: p.texts.conclusion,
                problems: p.texts.problems,
                improvements: p.texts.improvements,
            }),
        });
    }
    Ok(File { format: FORMAT.into(), version: VERSION, units, projects })
}

/// Writes the export to `path` as pretty UTF-8 JSON (via a temporary file, so a
/// crash never leaves half a file).
pub fn export_file(store: &Store, year: Option<i32>, path: &Path) -> Result<File> {
    let file = export(store, year)?;
    let text = serde_json::to_string_pretty(&file)? + "\n";
    crate::fsutil::write_atomic(path, text.as_bytes())?;
    Ok(file)
}
