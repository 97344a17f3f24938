//! The project list (项目列表) a page at a time: the UI asks for one page of
//! summary rows, filtered, searched and sorted here, never for every project.
//!
//! Scores come from the one evaluation (`service::evaluate_project` →
//! `scoring::evaluate_project`) and the counts of review findings from the one
//! review (`service::review::Reviewer` → `review::review`), summed up in a row per project and period that
//! the store keeps (`Store::cached_summaries`) until a write makes it stale:
//! every write to a project's indicators, actuals, spending, plan or header,
//! to units or to settings drops the rows it affects in its own transaction
//! (and a write to last year's record of a project, which its review reads,
//! the rows of the year after).
//! When the order and the filters need no score (by code, name or unit, without
//! a light or grade filter) SQL counts, orders and cuts the page and only the
//! page is summed up; otherwise every matching project is (from the kept rows
//! where they are fresh), and the page is cut from them here.

use crate::error::{Error, Result};
use crate::model::{Indicator, Period, Project};
use crate::review::{Review, Severity};
use crate::scoring::{Light, ProjectEvaluation, round};
use crate::store::{ProjectIdQuery, ProjectOrder, Store};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use super::review::Reviewer;
use std::cmp::Ordering;

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
    /// The review's errors, then its warnings.
    Review,
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The rate as the evaluation shows it (`33.33%`).
    pub rate_pct: String,
    /// The budget execution's light.
    pub money_light: Light,
    /// The indicators' lights.
    pub lights: LightCounts,
    #[cfg_attr(test, ts(type = "string"))]
    pub score: Decimal,
    pub grade: String,
    /// Rows (indicators and the budget) that still need a reason and measures.
    pub missing_explanations: u32,
    /// The review's findings (绩效目标审核) of severity `error`.
    pub review_errors: u32,
    /// The review's findings of severity `warning`.
    pub review_warnings: u32,
}

/// One page of the list and how many projects match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ProjectSummaryRow>,
}

/// A project's row with the exact values the list sorts and filters by: what
/// is kept (as JSON) in the store's summary cache.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Summary {
    row: ProjectSummaryRow,
    score: Decimal,
    rate: Option<Decimal>,
    /// The lights of the indicators and of the budget execution.
    lights: Vec<Light>,
}

impl Summary {
    fn of(project: &Project, e: &ProjectEvaluation, review: &Review) -> Summary {
        let b = &e.budget_execution;
        let mut c = LightCounts::default();
        for i in &e.indicators {
            *match i.light {
                Light::Red => &mut c.red,
                Light::Yellow => &mut c.yellow,
                Light::Green => &mut c.green,
                Light::Blue => &mut c.blue,
                Light::Grey => &mut c.grey,
            } += 1;
        }
        let mut lights: Vec<Light> = e.indicators.iter().map(|i| i.light).chain([b.light]).collect();
        lights.dedup();
        let row = ProjectSummaryRow {
            id: project.id,
            code: e.code.clone(),
            name: e.name.clone(),
            unit: e.unit.clone(),
            unit_name: project.unit_name.clone(),
            // budget and spent carry the project's own places, at most 2 shown
            budget: round(b.budget, 2),
            spent: round(b.spent, 2),
            rate: b.rate.map(|r| round(r, 4)),
            rate_pct: b.rate_pct.clone(),
            money_light: b.light,
            lights: c,
            score: round(e.total_score, 2),
            grade: e.grade.to_string(),
            missing_explanations: e.missing_explanations,
            review_errors: review.count(Severity::Error) as u32,
            review_warnings: review.count(Severity::Warning) as u32,
        };
        Summary { row, score: e.total_score, rate: b.rate, lights }
    }
}

const GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// `a` against `b` by `key` (reversed if `descending`); ties by code, ascending
/// (as SQL orders the same keys).
fn compare(key: SortKey, descending: bool, a: &Summary, b: &Summary) -> Ordering {
    let rank = |g: &str| GRADES.iter().position(|x| *x == g);
    let (x, y) = (&a.row, &b.row);
    let by = match key {
        SortKey::Code => x.code.cmp(&y.code),
        SortKey::Name => x.name.cmp(&y.name),
        SortKey::Unit => x.unit_name.cmp(&y.unit_name),
        SortKey::Budget => x.budget.cmp(&y.budget),
        SortKey::Spent => x.spent.cmp(&y.spent),
        // no rate (no budget) after every rate
        SortKey::Rate => match (a.rate, b.rate) {
            (Some(r), Some(s)) => r.cmp(&s),
            (r, s) => s.is_some().cmp(&r.is_some()),
        },
        SortKey::Red => x.lights.red.cmp(&y.lights.red),
        SortKey::Yellow => x.lights.yellow.cmp(&y.lights.yellow),
        SortKey::Score => a.score.cmp(&b.score),
        SortKey::Grade => rank(&x.grade).cmp(&rank(&y.grade)),
        SortKey::Review => (x.review_errors, x.review_warnings).cmp(&(y.review_errors, y.review_warnings)),
    };
    let by = if descending { by.reverse() } else { by };
    by.then_with(|| x.code.cmp(&y.code))
}

/// The summaries of these projects at `period`, in their order: kept ones from
/// the store's cache, the others evaluated and reviewed (and kept).
fn summaries(store: &Store, period: Period, ids: &[i64]) -> Result<Vec<Summary>> {
    let mut kept = store.cached_summaries(period)?;
    let mut settings = None;
    let mut reviewer = None;
    let mut fresh = Vec::new();
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(s) = kept.remove(&id).and_then(|text| serde_json::from_str::<Summary>(&text).ok()) {
            out.push(s);
            continue;
        }
        let s = match &settings {
            Some(s) => s,
            None => settings.insert(super::settings(store)?),
        };
        let reviewer = match &reviewer {
            Some(r) => r,
            None => reviewer.insert(Reviewer::new(store, period.year)?),
        };
        let project = store.project_by_id(id)?;
        let indicators: Vec<Indicator> = store.indicators(id)?;
        let evaluation = super::evaluate_with_indicators(store, &project, &indicators, period, s)?;
        let summary = Summary::of(&project, &evaluation, &reviewer.review(store, &project, &indicators)?);
        fresh.push((id, serde_json::to_string(&summary)?));
        out.push(summary);
    }
    store.cache_summaries(period, &fresh)?;
    Ok(out)
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
    let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let unit = q.unit.as_deref().filter(|u| !u.is_empty());
    let sql_order = match q.sort {
        SortKey::Code => Some(ProjectOrder::Code),
        SortKey::Name => Some(ProjectOrder::Name),
        SortKey::Unit => Some(ProjectOrder::Unit),
        _ => None,
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
        // the order needs no score: SQL cuts the page, only the page is summed up
        let (total, page) = store.project_ids(&ids)?;
        let rows = summaries(store, q.period, &page)?.into_iter().map(|s| s.row).collect();
        return Ok(ProjectPage { total, offset: q.offset, rows });
    }
    // scores decide the order or the filter: every matching project is summed up
    ids.offset = 0;
    ids.limit = None;
    let (_, matching) = store.project_ids(&ids)?;
    let mut all: Vec<Summary> = summaries(store, q.period, &matching)?
        .into_iter()
        .filter(|s| q.light.is_none_or(|l| s.lights.contains(&l)) && q.grade.as_deref().is_none_or(|g| g == s.row.grade))
        .collect();
    all.sort_by(|a, b| compare(q.sort, q.descending, a, b));
    let total = all.len() as u32;
    let rows = all.into_iter().skip(q.offset as usize).take(q.limit as usize).map(|s| s.row).collect();
    Ok(ProjectPage { total, offset: q.offset, rows })
}

/// Forgets every kept summary row: the next page is computed cold (benchmarks;
/// and after a write that touches every row: a setting, a unit, an import).
pub fn forget_kept(store: &Store) -> Result<()> {
    store.forget_summaries()
}

/// After a write to `project` (its header, indicators, figures, notes or
/// 报送): its kept rows are stale, and so are those of the year after, whose
/// review reads this year's record (`review::find_previous`: by code, or by
/// unit and name). Every write of the service calls this or [`forget_kept`].
pub(crate) fn forget_project(store: &Store, project: &Project) -> Result<()> {
    store.forget_summaries_of(project.id)?;
    store.forget_summaries_of_year(project.year.saturating_add(1))
}
