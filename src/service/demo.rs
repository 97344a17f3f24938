//! The sample bureau: the real 绩效目标表 of `shared/samples` (copied into
//! `fixtures/`, compiled in) with plausible Q2 and Q4 actuals, entered through
//! the same store functions an officer's keystrokes go through.

use super::exchange::import_str;
use crate::error::{Error, Result};
use crate::exchange::{XActual, XSpending};
use crate::model::{Period, SpendingInput};
use crate::store::Store;
use serde::Deserialize;

const SAMPLES: [&str; 2] = [
    include_str!("../../fixtures/bigdata-2023-part1.json"),
    include_str!("../../fixtures/industry-2025-narrative.json"),
];
const ACTUALS: &str = include_str!("../../fixtures/demo-actuals.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProject {
    year: i32,
    code: String,
    actuals: Vec<XActual>,
    spending: Vec<XSpending>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    projects: Vec<DemoProject>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct DemoSummary {
    pub projects: usize,
    pub indicators: usize,
    pub actuals: usize,
    pub spending: usize,
}

/// Loads the sample bureau into an empty database.
pub fn load_demo(store: &mut Store) -> Result<DemoSummary> {
    if !store.is_empty()? {
        return Err(Error::Invalid("数据库中已有数据：示例数据只能载入空数据库".into()));
    }
    let mut summary = DemoSummary::default();
    for text in SAMPLES {
        let s = import_str(store, text)?;
        summary.projects += s.projects;
        summary.indicators += s.indicators;
    }
    let demo: DemoFile = serde_json::from_str(ACTUALS)?;
    for p in demo.projects {
        let project = store.project(p.year, &p.code)?;
        for a in &p.actuals {
            let ind = store.find_indicator(project.id, &a.indicator)?;
            let input = a.to_input().map_err(|(f, why)| Error::Invalid(format!("示例数据 {f}：{why}")))?;
            super::saving::save_actual(store, ind.id, Period::parse(&a.period)?, &input, true)?;
            summary.actuals += 1;
        }
        for s in &p.spending {
            let input = SpendingInput { amount: s.amount.clone(), reason: s.reason.clone(), measures: s.measures.clone() };
            super::saving::save_spending(store, project.id, Period::parse(&s.period)?, &input, true)?;
            summary.spending += 1;
        }
    }
    Ok(summary)
}
