//! The project list (项目列表) a page at a time: the UI asks for one page of
//! summary rows, filtered, searched and sorted here, never for every project.
//!
//! Scores come from the one evaluation (`service::evaluate_project` →
//! `scoring::evaluate_project`). When the order and the filters need no score
//! (by code, name or unit, without a light or grade filter) SQL counts, orders
//! and cuts the page and only the page is evaluated; otherwise every matching
//! project is evaluated, and the page is cut from them here.

use crate::error::{Error, Result};
use crate::model::{Period, Project};
use crate::scoring::{Light, ProjectEvaluation, round};
use crate::store::{ProjectIdQuery, ProjectOrder, Store};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashSet;

/// The most rows one page may hold.
pub const MAX_LIMIT: u32 = 500;

/// What the list can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum SortKey {
    #[default]
    Code,
    Name,
    /// The unit's name.
    Unit,
    Budget,
    Spent,
    /// 预算执行率 (projects without a budget last).
    Rate,
    /// The number of red indicators.
    Red,
    /// The number of yellow indicators.
    Yellow,
    Score,
    /// 优, 良, 中, 差 (ascending: best first).
    Grade,
}

/// One request of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ListQuery {
    /// The year and the quarter the scores are for.
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    /// A unit's code: its projects and those of its sub-units.
    #[serde(default)]
    pub unit: Option<String>,
    /// Part of the code or the name.
    #[serde(default)]
    pub search: Option<String>,
    /// Only projects with an indicator, or the budget execution, of this light.
    #[serde(default)]
    pub light: Option<Light>,
    /// Only projects of this grade (优 良 中 差).
    #[serde(default)]
    pub grade: Option<String>,
    #[serde(default)]
    pub sort: SortKey,
    #[serde(default)]
    pub descending: bool,
    #[serde(default)]
    pub offset: u32,
    /// At most [`MAX_LIMIT`].
    pub limit: u32,
}

impl ListQuery {
    /// The first `limit` projects of `period` by code.
    pub fn new(period: Period, limit: u32) -> Self {
        ListQuery { period, unit: None, search: None, light: None, grade: None, sort: SortKey::Code, descending: false, offset: 0, limit }
    }
}

/// The number of indicators of each light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct LightCounts {
    pub red: u32,
    pub yellow: u32,
    pub green: u32,
    pub blue: u32,
    pub grey: u32,
}

/// One row of the list: what `evaluate` says of the project, summed up.
/// Amounts with 2 places, the rate with 4, as the evaluation shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectSummaryRow {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub code: String,
    pub name: String,
    /// The unit's code.
    pub unit: String,
    pub unit_name: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Decimal,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub rate: Option<Decimal>,
    /// The budget execution's light.
    pub money_light: Light,
    /// The indicators' lights.
    pub lights: LightCounts,
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Decimal,
    pub grade: String,
    /// Rows (indicators and the budget) that still need a reason and measures.
    pub missing_explanations: u32,
}

/// One page of the list and how many projects match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ProjectSummaryRow>,
}

/// An evaluated project with the exact values the list sorts by.
struct Entry {
    project: Project,
    eval: ProjectEvaluation,
}

impl Entry {
    fn lights(&self) -> LightCounts {
        let mut c = LightCounts::default();
        for i in &self.eval.indicators {
            *match i.light {
                Light::Red => &mut c.red,
                Light::Yellow => &mut c.yellow,
                Light::Green => &mut c.green,
                Light::Blue => &mut c.blue,
                Light::Grey => &mut c.grey,
            } += 1;
        }
        c
    }

    fn has_light(&self, light: Light) -> bool {
        self.eval.budget_execution.light == light || self.eval.indicators.iter().any(|i| i.light == light)
    }

    fn row(&self) -> ProjectSummaryRow {
        let e = &self.eval;
        let b = &e.budget_execution;
        ProjectSummaryRow {
            id: self.project.id,
            code: e.code.clone(),
            name: e.name.clone(),
            unit: e.unit.clone(),
            unit_name: self.project.unit_name.clone(),
            budget: round(b.budget, 2),
            spent: round(b.spent, 2),
            rate: b.rate.map(|r| round(r, 4)),
            money_light: b.light,
            lights: self.lights(),
            score: round(e.total_score, 2),
            grade: e.grade.to_string(),
            missing_explanations: (e.missing_explanations().count() + usize::from(b.explanation_missing)) as u32,
        }
    }
}

const GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// `a` against `b` by `key` (reversed if `descending`); ties by code, ascending
/// (as SQL orders the same keys).
fn compare(key: SortKey, descending: bool, a: &Entry, b: &Entry) -> Ordering {
    let rank = |g: &str| GRADES.iter().position(|x| *x == g);
    let by = match key {
        SortKey::Code => a.eval.code.cmp(&b.eval.code),
        SortKey::Name => a.eval.name.cmp(&b.eval.name),
        SortKey::Unit => a.project.unit_name.cmp(&b.project.unit_name),
        SortKey::Budget => a.eval.budget_execution.budget.cmp(&b.eval.budget_execution.budget),
        SortKey::Spent => a.eval.budget_execution.spent.cmp(&b.eval.budget_execution.spent),
        // no rate (no budget) after every rate
        SortKey::Rate => match (a.eval.budget_execution.rate, b.eval.budget_execution.rate) {
            (Some(x), Some(y)) => x.cmp(&y),
            (x, y) => y.is_some().cmp(&x.is_some()),
        },
        SortKey::Red => a.lights().red.cmp(&b.lights().red),
        SortKey::Yellow => a.lights().yellow.cmp(&b.lights().yellow),
        SortKey::Score => a.eval.total_score.cmp(&b.eval.total_score),
        SortKey::Grade => rank(a.eval.grade).cmp(&rank(b.eval.grade)),
    };
    let by = if descending { by.reverse() } else { by };
    by.then_with(|| a.eval.code.cmp(&b.eval.code))
}

/// One page of the projects of `q.period.year`, as `q` asks.
pub fn project_page(store: &Store, q: &ListQuery) -> Result<ProjectPage> {
    if q.limit > MAX_LIMIT {
        return Err(Error::Invalid(format!("每页最多 {MAX_LIMIT} 个项目，而不是 {}", q.limit)));
    }
    if let Some(g) = q.grade.as_deref()
        && !GRADES.contains(&g)
    {
        return Err(Error::Invalid(format!("等级应为 优、良、中 或 差，而不是“{g}”")));
    }
    let settings = super::settings(store)?;
    let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let unit = q.unit.as_deref().filter(|u| !u.is_empty());
    let sql_order = match q.sort {
        SortKey::Code => Some(ProjectOrder::Code),
        SortKey::Name => Some(ProjectOrder::Name),
        SortKey::Unit => Some(ProjectOrder::Unit),
        _ => None,
    };
    let evaluate = |project: Project| -> Result<Entry> {
        let eval = super::evaluate_project(store, &project, q.period, &settings)?;
        Ok(Entry { project, eval })
    };
    let mut ids = ProjectIdQuery {
        year: q.period.year,
        unit,
        search,
        order: sql_order.unwrap_or(ProjectOrder::Code),
        descending: q.descending,
        offset: q.offset,
        limit: Some(q.limit),
    };
    if sql_order.is_some() && q.light.is_none() && q.grade.is_none() {
        // the order needs no score: SQL cuts the page, only the page is evaluated
        let (total, page) = store.project_ids(&ids)?;
        let rows = page.into_iter().map(|id| Ok(evaluate(store.project_by_id(id)?)?.row())).collect::<Result<_>>()?;
        return Ok(ProjectPage { total, offset: q.offset, rows });
    }
    // scores decide the order or the filter: every matching project is evaluated
    ids.offset = 0;
    ids.limit = None;
    let (_, matching) = store.project_ids(&ids)?;
    let matching: HashSet<i64> = matching.into_iter().collect();
    let mut entries = Vec::with_capacity(matching.len());
    for p in store.projects(Some(q.period.year), unit)? {
        if !matching.contains(&p.id) {
            continue;
        }
        let e = evaluate(p)?;
        if q.light.is_some_and(|l| !e.has_light(l)) || q.grade.as_deref().is_some_and(|g| g != e.eval.grade) {
            continue;
        }
        entries.push(e);
    }
    entries.sort_by(|a, b| compare(q.sort, q.descending, a, b));
    let total = entries.len() as u32;
    let rows = entries.iter().skip(q.offset as usize).take(q.limit as usize).map(Entry::row).collect();
    Ok(ProjectPage { total, offset: q.offset, rows })
}
