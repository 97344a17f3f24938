//! Exchange format v1 (exchange-format.md): the JSON file a unit sends to its
//! supervising department. This module is the format (`File` and its parts,
//! `parse_file`), the checks an import passes before anything is written
//! (`plan`), and a project as the format writes it (`export`). Pure: reading and
//! writing the database is `crate::service::exchange`, which checks the whole
//! file first and then writes it in one transaction.

mod export;
mod plan;

pub use export::{file_of, project_to_x};
pub use plan::{Known, Plan, Planned, as_stored, plan, plan_each};

use crate::error::{Error, Result};
use crate::model::{ActualInput, Level, Likelihood, ReasonCategory};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub const FORMAT: &str = "jixiao-exchange";
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", rename = "ExchangeFile"))]
pub struct File {
    pub format: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub version: i64,
    #[serde(default)]
    pub units: Vec<XUnit>,
    #[serde(default)]
    pub projects: Vec<XProject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct XUnit {
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct XPlan {
    pub month: u32,
    #[serde(default)]
    pub amount: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
    /// jixiao's addition: what a reader inferred rather than read, for the
    /// officer to check in the import preview: `level1`, `level2`, or `op` (a
    /// target whose direction the file does not state, read as `≥`: an
    /// import of it needs the officer's confirmation,
    /// `service::exchange::check_directions`). An import never writes it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guessed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
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
    /// The backup taken before the import (none into an empty database).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
    /// Values that look like typos (plausibility.rs), imported as written.
    pub warnings: Vec<String>,
    /// Units the file named that the database did not have: created.
    pub new_units: Vec<String>,
}

/// A decimal written as a string (`crate::entry::parse_decimal`), the error as text.
pub(crate) fn decimal(text: &str) -> std::result::Result<Decimal, String> {
    crate::entry::parse_decimal(text).map_err(|e| e.to_string())
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

