//! 绩效目标审核 (issue 13) over the store: each project's indicators and last
//! year's record (its indicators and Q4 actuals) are loaded, the pure rules of
//! `crate::review` run, and the officer's 已知悉 notes are set beside the
//! findings they cover. The notes are kept here too: a note is stored only for a
//! finding the table has now.

use super::review_settings;
use crate::error::{Error, Result};
use crate::model::{Indicator, IndicatorInput, Period, Project};
use crate::review::form::ReviewForm;
use crate::review::{self, Acknowledgement, Conclusion, Finding, PreviousIndex, PreviousYear, ProjectReview, Review, ReviewSettings, Rule, Severity, YearReview};
use crate::store::{AckRecord, Store};
use serde::{Deserialize, Serialize};

/// Reviews the projects of `year` (of one unit, or one project by its code, if given).
pub fn review_year(store: &Store, year: i32, unit: Option<&str>, project: Option<&str>) -> Result<YearReview> {
    let projects = reviewed_projects(store, &Reviewer::new(store, year)?, year, unit, project)?.into_iter().map(|(_, _, r)| r).collect();
    Ok(YearReview { year, projects })
}

/// The 绩效目标审核意见表 of each project of `year` (of one unit, or one
/// project by its code, if given), in the order `review_year` gives.
pub fn review_forms(store: &Store, year: i32, unit: Option<&str>, project: Option<&str>) -> Result<Vec<ReviewForm>> {
    let reviewer = Reviewer::new(store, year)?;
    Ok(reviewed_projects(store, &reviewer, year, unit, project)?
        .into_iter()
        .map(|(p, indicators, r)| ReviewForm::build(&p, &r.review, &r.acknowledged, indicators, &reviewer.settings))
        .collect())
}

/// Each chosen project, its number of indicators, and its review.
fn reviewed_projects(
    store: &Store,
    reviewer: &Reviewer,
    year: i32,
    unit: Option<&str>,
    project: Option<&str>,
) -> Result<Vec<(Project, usize, ProjectReview)>> {
    let projects = match project {
        Some(code) => vec![store.project(year, code)?],
        None => store.projects(Some(year), unit)?,
    };
    projects
        .into_iter()
        .map(|p| {
            let indicators = store.indicators(p.id)?;
            let r = reviewer.with_notes(store, &p, &indicators)?;
            Ok((p, indicators.len(), r))
        })
        .collect()
}

/// Reviews one stored project (the app's 项目详情 and 编辑).
pub fn review_project(store: &Store, project_id: i64) -> Result<ProjectReview> {
    let project = store.project_by_id(project_id)?;
    review_indicators(store, &project, &store.indicators(project_id)?)
}

/// Reviews `project` with `indicators` as given: a table being edited, or one
/// about to be imported (the import preview), against last year's stored
/// record; the notes are those of the stored project of the same year and code.
pub fn review_indicators(store: &Store, project: &Project, indicators: &[Indicator]) -> Result<ProjectReview> {
    Reviewer::new(store, project.year)?.with_notes(store, project, indicators)
}

/// A project's review as the app shows it (项目详情, 编辑): each finding with the
/// row of the table it is about and its 已知悉 note, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ShownReview {
    pub conclusion: Conclusion,
    /// How many findings are errors, and warnings (the 项目列表's column).
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<ShownFinding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ShownFinding {
    #[serde(flatten)]
    pub finding: Finding,
    /// The finding's row in the table reviewed (0-based); `None`: the whole table.
    pub row: Option<usize>,
    pub acknowledged: Option<Acknowledgement>,
}

impl From<ProjectReview> for ShownReview {
    fn from(r: ProjectReview) -> Self {
        let findings = r
            .review
            .findings
            .iter()
            .map(|f| ShownFinding { finding: f.clone(), row: f.row, acknowledged: r.acknowledged.iter().find(|a| a.covers(f)).cloned() })
            .collect();
        ShownReview { conclusion: r.review.conclusion, errors: r.review.count(Severity::Error), warnings: r.review.count(Severity::Warning), findings }
    }
}

/// One row of a table being edited: the stored indicator it edits (`None`: a
/// new row) and what is typed in it now.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct DraftRow {
    #[cfg_attr(test, ts(type = "number | null"))]
    pub id: Option<i64>,
    pub input: IndicatorInput,
    /// 分值 as typed, read as the store would read it (`entry::check_decimal`)
    /// in place of `input.weight`; one that does not read counts as none here
    /// (saving the row says what is wrong with it).
    #[serde(default)]
    pub weight: Option<String>,
}

impl DraftRow {
    fn input(&self) -> IndicatorInput {
        let mut input = self.input.clone();
        if let Some(w) = &self.weight {
            input.weight = crate::entry::check_decimal(w, "分值").ok().flatten().and_then(|t| t.parse().ok());
        }
        input
    }
}

/// The review of a stored project, rows in table order (项目详情).
pub fn shown(store: &Store, project_id: i64) -> Result<ShownReview> {
    Ok(review_project(store, project_id)?.into())
}

/// The review of a project's table as it is being typed (编辑), before any
/// row is saved: rows in the order given.
pub fn shown_draft(store: &Store, project_id: i64, rows: &[DraftRow]) -> Result<ShownReview> {
    let project = store.project_by_id(project_id)?;
    let stored = store.indicators(project_id)?;
    let indicators: Vec<Indicator> = rows
        .iter()
        .zip(1..)
        .map(|(r, position)| {
            let base = r.id.and_then(|id| stored.iter().find(|i| i.id == id));
            Indicator::drafted(base, project_id, position, project.year, &r.input())
        })
        .collect();
    Ok(review_indicators(store, &project, &indicators)?.into())
}

/// What reviewing projects of one year needs once, whatever their number: the
/// settings and last year's projects (where [`review::find_previous`] looks), indexed.
pub struct Reviewer {
    settings: ReviewSettings,
    last_year: Vec<Project>,
    index: PreviousIndex,
}

impl Reviewer {
    pub fn new(store: &Store, year: i32) -> Result<Reviewer> {
        let last_year = match year.checked_sub(1) {
            Some(y) => store.projects(Some(y), None)?,
            None => Vec::new(),
        };
        Ok(Reviewer { settings: review_settings(store)?, index: PreviousIndex::new(&last_year), last_year })
    }

    /// The review of `project` with `indicators`, without the officer's notes
    /// (the project list's counts).
    pub fn review(&self, store: &Store, project: &Project, indicators: &[Indicator]) -> Result<Review> {
        let previous = self.previous_year(store, project)?;
        Ok(review::review(project, indicators, previous.as_ref(), &self.settings))
    }

    fn with_notes(&self, store: &Store, project: &Project, indicators: &[Indicator]) -> Result<ProjectReview> {
        let r = self.review(store, project, indicators)?;
        let notes = acknowledgements(store.acknowledgements_of(project.year, &project.code)?);
        Ok(ProjectReview::new(project, r).with_acknowledgements(&notes))
    }

    /// Last year's record of `project`, with its indicators and Q4 actuals.
    fn previous_year(&self, store: &Store, project: &Project) -> Result<Option<PreviousYear>> {
        let Some(prev) = self.index.find(project).map(|i| &self.last_year[i]) else { return Ok(None) };
        let indicators = store.indicators(prev.id)?;
        let actuals: Vec<_> = store.actuals(prev.id, Period::year_end(prev.year))?.into_values().collect();
        Ok(Some(PreviousYear::new(prev.clone(), indicators, &actuals)))
    }
}

/// Stored records as the review's notes; a rule id this program no longer knows is dropped.
fn acknowledgements(records: Vec<AckRecord>) -> Vec<Acknowledgement> {
    records.into_iter().filter_map(acknowledgement).collect()
}

fn acknowledgement(r: AckRecord) -> Option<Acknowledgement> {
    Some(Acknowledgement { rule: Rule::parse(&r.rule)?, indicator: r.indicator, message: r.message, note: r.note, who: r.who, at: r.at })
}

/// Every 已知悉 stored for the project, those of findings that no longer occur included.
pub fn stored_acknowledgements(store: &Store, project_id: i64) -> Result<Vec<Acknowledgement>> {
    Ok(acknowledgements(store.acknowledgements(project_id)?))
}

/// Marks `finding`, one the project's table has now, as 已知悉 with `note`
/// (required); marking it again replaces the note. Returns the note as stored.
pub fn acknowledge(store: &mut Store, project_id: i64, finding: &Finding, note: &str) -> Result<Acknowledgement> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::Invalid("请填写“已知悉”的说明".into()));
    }
    let key = Acknowledgement {
        rule: finding.rule,
        indicator: finding.indicator.clone(),
        message: finding.message.clone(),
        note: note.to_string(),
        who: String::new(),
        at: String::new(),
    };
    let current = review_project(store, project_id)?;
    if !current.review.findings.iter().any(|f| key.covers(f)) {
        return Err(Error::NotFound(format!(
            "项目“{}”当前没有这条审核意见（{}）：绩效目标表可能已修改，请重新审核",
            current.code, finding.message
        )));
    }
    let r = store.acknowledge(project_id, finding.rule.id(), finding.indicator.as_deref(), &finding.message, note)?;
    super::list::forget_project(store, &store.project_by_id(project_id)?)?;
    acknowledgement(r).ok_or_else(|| Error::Invalid(format!("未知的审核规则“{}”", finding.rule.id())))
}

/// Removes the 已知悉 of `finding` (it need not occur any more). Returns
/// whether there was one.
pub fn unacknowledge(store: &mut Store, project_id: i64, finding: &Finding) -> Result<bool> {
    let n = store.unacknowledge(project_id, finding.rule.id(), finding.indicator.as_deref(), Some(&finding.message))?;
    super::list::forget_project(store, &store.project_by_id(project_id)?)?;
    Ok(n > 0)
}

/// The rule of review.md with the id `id`, or an error listing the ids.
pub fn rule(id: &str) -> Result<Rule> {
    Rule::parse(id.trim()).ok_or_else(|| {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        Error::Invalid(format!("没有审核规则“{id}”。可用的规则：{}", ids.join(", ")))
    })
}

/// The CLI's `review ack`: marks as 已知悉 every finding the project `code` of
/// `year` has now of `rule` on `indicator` (its level-3 name; `None`: a finding
/// on the whole table). Returns the notes as stored; no such finding is an error.
pub fn acknowledge_matching(store: &mut Store, year: i32, code: &str, rule_id: &str, indicator: Option<&str>, note: &str) -> Result<Vec<Acknowledgement>> {
    let rule = rule(rule_id)?;
    let project = store.project(year, code)?;
    let current = review_project(store, project.id)?;
    let matching: Vec<&Finding> =
        current.review.findings.iter().filter(|f| f.rule == rule && f.indicator.as_deref() == indicator.map(str::trim)).collect();
    if matching.is_empty() {
        let whole = "全表".to_string();
        return Err(Error::NotFound(format!(
            "项目“{code}”当前没有“{}”的审核意见（{}）",
            rule.id(),
            indicator.map(|i| format!("指标“{}”", i.trim())).unwrap_or(whole)
        )));
    }
    matching.into_iter().map(|f| acknowledge(store, project.id, f, note)).collect()
}

/// The CLI's `review unack`: removes the project's 已知悉 notes of `rule` on
/// `indicator` (`None`: on the whole table), whatever their message. Returns how many.
pub fn unacknowledge_matching(store: &mut Store, year: i32, code: &str, rule_id: &str, indicator: Option<&str>) -> Result<usize> {
    let rule = rule(rule_id)?;
    let project = store.project(year, code)?;
    let n = store.unacknowledge(project.id, rule.id(), indicator.map(str::trim), None)?;
    super::list::forget_project(store, &project)?;
    Ok(n)
}
