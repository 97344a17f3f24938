//! 绩效目标审核 (review.md): a target table reviewed as the finance bureau will,
//! before it is submitted. Each rule of review.md is one named function below;
//! [`review`] runs them all and suggests the conclusion ([`conclusion`]).
//! Pure: the caller loads the project, its indicators and last year's record
//! (found by [`find_previous`]); nothing here touches the store.
//!
//! Table rules: [`missing_category`], [`missing_output_dimension`], [`weights_sum`].
//! Row rules: [`empty_target`], [`missing_basis`], [`basis_category`],
//! [`vague_target`], [`unquantified`], [`no_unit`], [`timeliness_form`],
//! [`deadline_outside_year`], [`satisfaction_form`], [`satisfaction_misplaced`],
//! [`quality_misplaced`], [`duplicate_indicator`], [`cost_over_budget`], [`below_last_year`].

pub mod form;
mod settings;

pub use settings::{DEFS as SETTING_DEFS, ReviewSettings};

use crate::model::{Actual, Indicator, Project};
use crate::target::{Kind, Op, Target};
use crate::text::normalize;
use crate::units::{convert, parts};
use chrono::Datelike;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How serious a finding is. `info` never changes the conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// The word an officer reads: 错误 / 警告 / 提示.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// The four criteria of 财预〔2015〕88号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Criterion {
    #[serde(rename = "完整性")]
    Completeness,
    #[serde(rename = "相关性")]
    Relevance,
    #[serde(rename = "适当性")]
    Appropriateness,
    #[serde(rename = "可行性")]
    Feasibility,
}

impl Criterion {
    /// In the order the 审核意见表 lists them.
    pub const ALL: [Criterion; 4] = [Criterion::Completeness, Criterion::Relevance, Criterion::Appropriateness, Criterion::Feasibility];
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Completeness => "完整性",
            Criterion::Relevance => "相关性",
            Criterion::Appropriateness => "适当性",
            Criterion::Feasibility => "可行性",
        }
    }
}

/// The rules of review.md, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Rule {
    MissingCategory,
    MissingOutputDimension,
    EmptyTarget,
    MissingBasis,
    BasisCategory,
    VagueTarget,
    Unquantified,
    NoUnit,
    TimelinessForm,
    DeadlineOutsideYear,
    SatisfactionForm,
    SatisfactionMisplaced,
    QualityMisplaced,
    DuplicateIndicator,
    WeightsSum,
    CostOverBudget,
    BelowLastYear,
}

impl Rule {
    pub const ALL: [Rule; 17] = [
        Rule::MissingCategory,
        Rule::MissingOutputDimension,
        Rule::EmptyTarget,
        Rule::MissingBasis,
        Rule::BasisCategory,
        Rule::VagueTarget,
        Rule::Unquantified,
        Rule::NoUnit,
        Rule::TimelinessForm,
        Rule::DeadlineOutsideYear,
        Rule::SatisfactionForm,
        Rule::SatisfactionMisplaced,
        Rule::QualityMisplaced,
        Rule::DuplicateIndicator,
        Rule::WeightsSum,
        Rule::CostOverBudget,
        Rule::BelowLastYear,
    ];
    /// The id of review.md: `missing-category`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::MissingCategory => "missing-category",
            Rule::MissingOutputDimension => "missing-output-dimension",
            Rule::EmptyTarget => "empty-target",
            Rule::MissingBasis => "missing-basis",
            Rule::BasisCategory => "basis-category",
            Rule::VagueTarget => "vague-target",
            Rule::Unquantified => "unquantified",
            Rule::NoUnit => "no-unit",
            Rule::TimelinessForm => "timeliness-form",
            Rule::DeadlineOutsideYear => "deadline-outside-year",
            Rule::SatisfactionForm => "satisfaction-form",
            Rule::SatisfactionMisplaced => "satisfaction-misplaced",
            Rule::QualityMisplaced => "quality-misplaced",
            Rule::DuplicateIndicator => "duplicate-indicator",
            Rule::WeightsSum => "weights-sum",
            Rule::CostOverBudget => "cost-over-budget",
            Rule::BelowLastYear => "below-last-year",
        }
    }
    pub fn parse(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
    /// The criterion review.md files the rule under.
    pub fn criterion(self) -> Criterion {
        use Criterion::*;
        match self {
            Rule::MissingCategory | Rule::MissingOutputDimension | Rule::EmptyTarget | Rule::MissingBasis | Rule::BasisCategory | Rule::WeightsSum => {
                Completeness
            }
            Rule::SatisfactionMisplaced | Rule::QualityMisplaced | Rule::DuplicateIndicator | Rule::CostOverBudget => Relevance,
            Rule::NoUnit | Rule::TimelinessForm | Rule::SatisfactionForm | Rule::BelowLastYear => Appropriateness,
            Rule::VagueTarget | Rule::Unquantified | Rule::DeadlineOutsideYear => Feasibility,
        }
    }
}

/// One finding: a rule that fired, on one indicator or on the whole table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub criterion: Criterion,
    /// The indicator's level-3 name; `None` for the whole table.
    pub indicator: Option<String>,
    /// What is wrong and what to change, in Chinese.
    pub message: String,
    /// The indicator's index in the slice given to [`review`] (two rows can share
    /// a level-3 name under different level-2 names); not part of the JSON.
    #[serde(skip)]
    pub row: Option<usize>,
}

/// 审核结论 (review.md, "The suggested conclusion").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Conclusion {
    #[serde(rename = "优")]
    Excellent,
    #[serde(rename = "良")]
    Good,
    #[serde(rename = "中")]
    Fair,
    #[serde(rename = "差")]
    Poor,
}

impl Conclusion {
    pub const ALL: [Conclusion; 4] = [Conclusion::Excellent, Conclusion::Good, Conclusion::Fair, Conclusion::Poor];
    pub fn as_str(self) -> &'static str {
        match self {
            Conclusion::Excellent => "优",
            Conclusion::Good => "良",
            Conclusion::Fair => "中",
            Conclusion::Poor => "差",
        }
    }
    /// What it means for the unit (review.md).
    pub fn meaning(self) -> &'static str {
        match self {
            Conclusion::Excellent => "按原表进入预算编审流程",
            Conclusion::Good => "经与财政部门协商修改后进入下一步流程",
            Conclusion::Fair => "修改完善后重新报送审核",
            Conclusion::Poor => "不得进入下一步预算安排流程",
        }
    }
}

/// A reviewed table: the findings (table-level first, then row by row) and the suggested conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Review {
    pub conclusion: Conclusion,
    pub findings: Vec<Finding>,
}

impl Review {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// One project's review as `jixiao review --json` writes it: `{"code", "name",
/// "conclusion", "findings"}`, and beside the findings, when the officer marked
/// some of them 已知悉, `"acknowledged"` (those notes that cover a finding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectReview {
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub review: Review,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged: Vec<Acknowledgement>,
}

/// The reviews of a year (`{"year", "projects": [...]}`, issue 13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct YearReview {
    pub year: i32,
    pub projects: Vec<ProjectReview>,
}

impl ProjectReview {
    pub fn new(project: &Project, review: Review) -> Self {
        ProjectReview { code: project.code.clone(), name: project.name.clone(), review, acknowledged: Vec::new() }
    }

    /// Keeps, of the officer's `acknowledgements`, those that cover a finding of
    /// this review (each once, in the order of the findings); the others are of
    /// findings that no longer occur.
    pub fn with_acknowledgements(mut self, acknowledgements: &[Acknowledgement]) -> Self {
        let mut kept: Vec<Acknowledgement> = Vec::new();
        for f in &self.review.findings {
            if let Some(a) = acknowledgements.iter().find(|a| a.covers(f))
                && !kept.contains(a)
            {
                kept.push(a.clone());
            }
        }
        self.acknowledged = kept;
        self
    }
}

/// An officer's 已知悉 on one finding, with a note the review form prints. It
/// covers the finding with the same rule, indicator and message: when the
/// finding changes (the target is edited, say) it is a new finding, not yet known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Acknowledgement {
    pub rule: Rule,
    pub indicator: Option<String>,
    pub message: String,
    pub note: String,
    /// Who marked it, and when (ISO 8601, UTC); empty when not known.
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub at: String,
}

impl Acknowledgement {
    pub fn covers(&self, f: &Finding) -> bool {
        self.rule == f.rule && self.indicator == f.indicator && self.message == f.message
    }
}

/// Last year's record of the same project (found by [`find_previous`]): what
/// `below-last-year` compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousYear {
    pub project: Project,
    pub indicators: Vec<PreviousIndicator>,
}

/// One of last year's indicators with its year-end (Q4) actual, if one was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousIndicator {
    pub indicator: Indicator,
    pub year_end: Option<Actual>,
}

impl PreviousYear {
    /// Assembles last year's record from what the store holds: each indicator
    /// gets its actual of `year Q4` (actuals of other periods are ignored).
    pub fn new(project: Project, indicators: Vec<Indicator>, actuals: &[Actual]) -> Self {
        let end = crate::model::Period::year_end(project.year);
        let indicators = indicators
            .into_iter()
            .map(|indicator| {
                let year_end = actuals.iter().find(|a| a.indicator_id == indicator.id && a.period == end).cloned();
                PreviousIndicator { indicator, year_end }
            })
            .collect();
        PreviousYear { project, indicators }
    }
}

/// The same project the year before (review.md, `below-last-year`): among
/// `candidates` of `project.year − 1`, the one with the same code; where none has
/// that code, the one with the same name in the same unit (budget codes often
/// carry the year). An ambiguous match is no match.
pub fn find_previous<'a>(project: &Project, candidates: &'a [Project]) -> Option<&'a Project> {
    PreviousIndex::new(candidates).find(project).map(|i| &candidates[i])
}

/// [`find_previous`] for many projects against the same candidates: they are
/// indexed once by year and code, and by year, unit and name, so that each
/// look-up costs a hash, not a pass over last year's projects.
#[derive(Debug, Default)]
pub struct PreviousIndex {
    by_code: HashMap<(i32, String), Vec<usize>>,
    by_name: HashMap<(i32, String, String), Vec<usize>>,
}

impl PreviousIndex {
    pub fn new(candidates: &[Project]) -> Self {
        let mut index = PreviousIndex::default();
        for (i, c) in candidates.iter().enumerate() {
            index.by_code.entry((c.year, normalize(&c.code))).or_default().push(i);
            index.by_name.entry((c.year, c.unit_code.clone(), normalize(&c.name))).or_default().push(i);
        }
        index
    }

    /// The position, among the candidates the index was made of, of the same
    /// project the year before.
    pub fn find(&self, project: &Project) -> Option<usize> {
        let year = project.year.checked_sub(1)?;
        if let Some(by_code) = self.by_code.get(&(year, normalize(&project.code))) {
            return only(by_code.clone());
        }
        let name = normalize(&project.name);
        if name.is_empty() {
            return None;
        }
        only(self.by_name.get(&(year, project.unit_code.clone(), name))?.clone())
    }
}

fn only<T>(mut v: Vec<T>) -> Option<T> {
    if v.len() == 1 { v.pop() } else { None }
}

/// The level-1 categories of 财预〔2021〕101号.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Cost,
    Output,
    Benefit,
    Satisfaction,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Cost, Category::Output, Category::Benefit, Category::Satisfaction];
    pub fn stem(self) -> &'static str {
        match self {
            Category::Cost => "成本",
            Category::Output => "产出",
            Category::Benefit => "效益",
            Category::Satisfaction => "满意度",
        }
    }
    /// The category a level-1 cell names: compared by stem after normalisation
    /// (`产出指标` = `产出`); anything else is no category.
    pub fn of(level1: &str) -> Option<Category> {
        let s = stem(level1);
        Category::ALL.into_iter().find(|c| c.stem() == s)
    }
}

/// A level-1 or level-2 name normalised (full-width → half-width, spaces
/// removed) and without its `指标`: `数量指标` → `数量`.
pub fn stem(name: &str) -> String {
    let n = normalize(name);
    match n.strip_suffix("指标") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => n,
    }
}

/// The output dimensions `missing-output-dimension` asks for.
const OUTPUT_DIMENSIONS: [&str; 3] = ["数量", "质量", "时效"];

/// One indicator as the rules see it.
pub struct Row<'a> {
    pub index: usize,
    pub ind: &'a Indicator,
    pub category: Option<Category>,
    /// The level-2 stem: `数量`.
    pub dimension: String,
    /// The level-3 name, normalised.
    pub name: String,
}

impl<'a> Row<'a> {
    pub fn new(index: usize, ind: &'a Indicator) -> Self {
        Row { index, ind, category: Category::of(&ind.level1), dimension: stem(&ind.level2), name: normalize(&ind.level3) }
    }
    /// Under 成本: the level-1 category, or a 成本 level-2 under 产出 (the
    /// layout of 财预〔2015〕88号, where 成本指标 was an output dimension).
    pub fn is_cost(&self) -> bool {
        self.category == Some(Category::Cost) || (self.category == Some(Category::Output) && self.dimension.ends_with("成本"))
    }
    fn target(&self) -> &Target {
        &self.ind.target
    }
    /// The target as written, on one line.
    fn written(&self) -> String {
        normalize(&self.ind.target_text)
    }
    fn blank_target(&self) -> bool {
        self.ind.target_text.trim().is_empty()
    }
    fn finding(&self, rule: Rule, severity: Severity, message: String) -> Finding {
        Finding { rule, severity, criterion: rule.criterion(), indicator: Some(self.ind.level3.clone()), message, row: Some(self.index) }
    }
}

fn table_finding(rule: Rule, severity: Severity, message: String) -> Finding {
    Finding { rule, severity, criterion: rule.criterion(), indicator: None, message, row: None }
}

/// The first word of `words` that `text` contains.
fn first_word<'w>(text: &str, words: &'w [String]) -> Option<&'w str> {
    words.iter().map(String::as_str).find(|w| !w.is_empty() && text.contains(w))
}

/// A decimal as a person writes it: `85`, not `85.00`.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Reviews one project's 绩效目标表. `previous` is last year's record of the
/// same project, if any ([`find_previous`]).
pub fn review(project: &Project, indicators: &[Indicator], previous: Option<&PreviousYear>, settings: &ReviewSettings) -> Review {
    let rows: Vec<Row> = indicators.iter().enumerate().map(|(i, ind)| Row::new(i, ind)).collect();
    let mut findings = missing_category(&rows, settings);
    findings.extend(missing_output_dimension(&rows));
    findings.extend(weights_sum(&rows, settings));
    for row in &rows {
        let checks = [
            empty_target(row),
            missing_basis(row),
            basis_category(row, settings),
            vague_target(row, settings),
            unquantified(row, settings),
            no_unit(row),
            timeliness_form(row),
            deadline_outside_year(row, project.year),
            satisfaction_form(row),
            satisfaction_misplaced(row, settings),
            quality_misplaced(row, settings),
            duplicate_indicator(&rows, row),
            cost_over_budget(row, project),
            previous.and_then(|p| below_last_year(row, p)),
        ];
        findings.extend(checks.into_iter().flatten());
    }
    Review { conclusion: conclusion(&findings), findings }
}

/// The suggested conclusion: 优 no error and no warning; 良 warnings only; 中 one
/// or two errors, none of them `missing-category` or `empty-target`; 差 otherwise.
pub fn conclusion(findings: &[Finding]) -> Conclusion {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    let fatal = errors.iter().any(|f| matches!(f.rule, Rule::MissingCategory | Rule::EmptyTarget));
    if fatal || errors.len() >= 3 {
        Conclusion::Poor
    } else if !errors.is_empty() {
        Conclusion::Fair
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Conclusion::Good
    } else {
        Conclusion::Excellent
    }
}

/// `missing-category`: no indicator under 产出, 效益 or 满意度 (or 成本, when
/// required; a 成本 level-2 under 产出 counts, see [`Row::is_cost`]).
pub fn missing_category(rows: &[Row], s: &ReviewSettings) -> Vec<Finding> {
    Category::ALL
        .into_iter()
        .filter(|&c| c != Category::Cost || s.require_cost)
        .filter(|&c| !rows.iter().any(|r| r.category == Some(c) || (c == Category::Cost && r.is_cost())))
        .map(|c| table_finding(Rule::MissingCategory, Severity::Error, format!("缺少“{}指标”，请补充", c.stem())))
        .collect()
}

/// `missing-output-dimension`: 产出 has no 数量, no 质量 or no 时效 indicator
/// (a table with no 产出 at all gets `missing-category` instead).
pub fn missing_output_dimension(rows: &[Row]) -> Vec<Finding> {
    let output: Vec<&Row> = rows.iter().filter(|r| r.category == Some(Category::Output)).collect();
    if output.is_empty() {
        return Vec::new();
    }
    OUTPUT_DIMENSIONS
        .into_iter()
        .filter(|d| !output.iter().any(|r| r.dimension == *d))
        .map(|d| table_finding(Rule::MissingOutputDimension, Severity::Warning, format!("产出指标缺少“{d}指标”，请补充")))
        .collect()
}

/// `weights-sum`: weights given on some indicators but not all, or all given and
/// not adding up to `review_indicator_weight_total`.
pub fn weights_sum(rows: &[Row], s: &ReviewSettings) -> Option<Finding> {
    let given = rows.iter().filter(|r| r.ind.weight.is_some()).count();
    if given == 0 {
        return None;
    }
    let total = s.indicator_weight_total;
    if given < rows.len() {
        let missing = rows.len() - given;
        return Some(table_finding(
            Rule::WeightsSum,
            Severity::Error,
            format!("{given} 个指标填写了分值，{missing} 个未填写：请全部填写（合计 {}）或全部不填", plain(total)),
        ));
    }
    // a sum too large for a Decimal is not the total either
    let sum = rows.iter().filter_map(|r| r.ind.weight).try_fold(Decimal::ZERO, |a, w| a.checked_add(w));
    let shown = match sum {
        Some(sum) if sum == total => return None,
        Some(sum) => plain(sum),
        None => "过大".to_string(),
    };
    Some(table_finding(Rule::WeightsSum, Severity::Error, format!("指标分值合计 {shown}，应为 {}", plain(total))))
}

/// `empty-target`: the 指标值 is blank.
pub fn empty_target(row: &Row) -> Option<Finding> {
    row.blank_target().then(|| row.finding(Rule::EmptyTarget, Severity::Error, "指标值为空，请填写".into()))
}

/// `missing-basis`: 指标值确定依据 is blank.
pub fn missing_basis(row: &Row) -> Option<Finding> {
    let blank = row.ind.basis.as_deref().is_none_or(|b| b.trim().is_empty());
    blank.then(|| {
        row.finding(Rule::MissingBasis, Severity::Warning, "未填写指标值确定依据，请填写（计划标准 / 行业标准 / 历史标准 / 其他标准）".into())
    })
}

/// `basis-category`: a basis other than the standard forms; a near variant is
/// named with its standard form. A basis naming several standards
/// (`计划标准、历史标准`) is standard.
pub fn basis_category(row: &Row, s: &ReviewSettings) -> Option<Finding> {
    let basis = normalize(row.ind.basis.as_deref().unwrap_or(""));
    let odd = basis.split(['、', ',', ';', '/']).filter(|p| !p.is_empty()).find(|p| !s.basis_standards.iter().any(|std| std == p))?;
    let message = match s.basis_variants.iter().find(|(v, _)| v == odd) {
        Some((v, standard)) => format!("“{v}”应为“{standard}”"),
        None => format!("指标值确定依据“{basis}”不是规范写法，应为 {} 之一", s.basis_standards.join(" / ")),
    };
    Some(row.finding(Rule::BasisCategory, Severity::Info, message))
}

/// `vague-target`: a target not understood, or a label with a vague word; an
/// error under 成本 and 产出, a warning under 效益 (and under an unknown level-1).
/// Under 满意度 such a target is `satisfaction-form` only.
pub fn vague_target(row: &Row, s: &ReviewSettings) -> Option<Finding> {
    let severity = match row.category {
        Some(Category::Cost | Category::Output) => Severity::Error,
        Some(Category::Satisfaction) => return None,
        Some(Category::Benefit) | None => Severity::Warning,
    };
    if row.blank_target() {
        return None;
    }
    let written = row.written();
    let message = match row.target().kind {
        Kind::NotUnderstood => match first_word(&written, &s.vague_words) {
            Some(w) => format!("指标值“{written}”含模糊表述“{w}”，无法衡量，请量化（如“≥5%”）或分档"),
            None => format!("指标值“{written}”无法识别，无法衡量，请写成数值、时间节点或档次（如“≥5%”“≤2024年6月”）"),
        },
        Kind::Label => {
            let w = first_word(&written, &s.vague_words)?;
            format!("指标值“{written}”含模糊表述“{w}”，无法衡量，请量化（如“≥5%”）或分档")
        }
        Kind::Quantity | Kind::Date => return None,
    };
    Some(row.finding(Rule::VagueTarget, severity, message))
}

/// `unquantified`: a label without a vague word under 成本, 产出 or 效益.
pub fn unquantified(row: &Row, s: &ReviewSettings) -> Option<Finding> {
    let under = matches!(row.category, Some(Category::Cost | Category::Output | Category::Benefit));
    let written = row.written();
    (under && row.target().kind == Kind::Label && first_word(&written, &s.vague_words).is_none()).then(|| {
        row.finding(Rule::Unquantified, Severity::Info, format!("“{written}”是定性指标，请在自评时按档次（达成 / 部分达成 / 未达成）评分；能量化的请量化"))
    })
}

/// `no-unit`: a quantity target with no unit at all (`≥95`).
pub fn no_unit(row: &Row) -> Option<Finding> {
    let t = row.target();
    (t.kind == Kind::Quantity && t.unit_str().is_empty()).then(|| {
        row.finding(Rule::NoUnit, Severity::Warning, format!("指标值“{}”缺少计量单位，请补充（如“%”“个”“万元”）", row.written()))
    })
}

/// `timeliness-form`: a label under 时效 (a target not understood there is
/// `vague-target` only).
pub fn timeliness_form(row: &Row) -> Option<Finding> {
    (row.dimension == "时效" && row.target().kind == Kind::Label).then(|| {
        row.finding(
            Rule::TimelinessForm,
            Severity::Warning,
            format!("时效指标应为时间节点或时限（如“≤2024年6月”“≤30天”），而不是“{}”", row.written()),
        )
    })
}

/// `deadline-outside-year`: a date target after 31 December or before 1 January of the budget year.
pub fn deadline_outside_year(row: &Row, year: i32) -> Option<Finding> {
    let t = row.target();
    let deadline = t.deadline().filter(|_| t.kind == Kind::Date)?;
    (deadline.year() != year).then(|| {
        row.finding(
            Rule::DeadlineOutsideYear,
            Severity::Warning,
            format!("完成时间“{}”不在预算年度（{year}年）内，请调整为年度内的时间节点", row.written()),
        )
    })
}

/// `satisfaction-form`: under 满意度, a target that is not a percentage with
/// `≥` (`达到…以上`, `不低于`, a bare `90%` and `>` are lower bounds too).
pub fn satisfaction_form(row: &Row) -> Option<Finding> {
    if row.category != Some(Category::Satisfaction) || row.blank_target() {
        return None;
    }
    let t = row.target();
    let ok = t.kind == Kind::Quantity && t.unit_str() == "%" && matches!(t.op, Some(Op::Ge | Op::Gt));
    (!ok).then(|| row.finding(Rule::SatisfactionForm, Severity::Warning, format!("满意度指标应为“≥X%”（如“≥90%”），而不是“{}”", row.written())))
}

/// `satisfaction-misplaced`: a level-3 name with `满意` under a level-1 other than 满意度.
pub fn satisfaction_misplaced(row: &Row, s: &ReviewSettings) -> Option<Finding> {
    if row.category == Some(Category::Satisfaction) {
        return None;
    }
    first_word(&row.name, &s.satisfaction_words)?;
    Some(row.finding(Rule::SatisfactionMisplaced, Severity::Warning, format!("“{}”是满意度指标，应归入“满意度指标”", row.name)))
}

/// `quality-misplaced`: a level-3 name with 合格率, 达标率, … under 效益.
pub fn quality_misplaced(row: &Row, s: &ReviewSettings) -> Option<Finding> {
    if row.category != Some(Category::Benefit) {
        return None;
    }
    let w = first_word(&row.name, &s.quality_words)?;
    Some(row.finding(Rule::QualityMisplaced, Severity::Info, format!("“{}”含“{w}”，疑似质量指标，建议归入“产出指标—质量指标”", row.name)))
}

/// `duplicate-indicator`: the same level-3 name under the same level-2 as an
/// earlier row (named once, on the repeat).
pub fn duplicate_indicator(rows: &[Row], row: &Row) -> Option<Finding> {
    let earlier = rows[..row.index.min(rows.len())].iter().any(|r| r.name == row.name && r.dimension == row.dimension);
    earlier.then(|| {
        let under = if row.dimension.is_empty() { String::new() } else { format!("在“{}”下", row.ind.level2.trim()) };
        row.finding(Rule::DuplicateIndicator, Severity::Error, format!("三级指标“{}”{under}重复，请合并或删除", row.name))
    })
}

/// `cost-over-budget`: a 成本 target in money, converted to the project's money
/// unit, above the project's total budget.
pub fn cost_over_budget(row: &Row, project: &Project) -> Option<Finding> {
    let t = row.target();
    if !row.is_cost() || t.kind != Kind::Quantity || parts(t.unit_str()).map_or(true, |p| p.base != "元") {
        return None;
    }
    let budget = project.budget.total.or(project.budget.adjusted).filter(|b| *b > Decimal::ZERO)?;
    let money = project.money_unit.as_str();
    let amount = convert(t.value_max.or(t.value)?, t.unit_str(), money).ok()?;
    (amount > budget).then(|| {
        row.finding(
            Rule::CostOverBudget,
            Severity::Error,
            format!("成本指标 {} {money}超过项目预算 {} {money}，请核对金额或单位", plain(amount), plain(budget)),
        )
    })
}

/// `below-last-year`: last year's Q4 actual of the indicator with the same
/// level-3 name, converted to this year's target unit, is strictly better than
/// this year's `≥`/`>`/`≤`/`<` quantity target.
pub fn below_last_year(row: &Row, previous: &PreviousYear) -> Option<Finding> {
    let t = row.target();
    let op = t.op.filter(|op| matches!(op, Op::Ge | Op::Gt | Op::Le | Op::Lt))?;
    if t.kind != Kind::Quantity {
        return None;
    }
    let target = t.value?;
    let same: Vec<&PreviousIndicator> = previous.indicators.iter().filter(|p| normalize(&p.indicator.level3) == row.name).collect();
    // two of last year's rows with this name: the one under the same level-2
    let prev = match same.as_slice() {
        [one] => *one,
        _ => only(same.into_iter().filter(|p| stem(&p.indicator.level2) == row.dimension).collect())?,
    };
    let actual = prev.year_end.as_ref()?;
    let from = actual.value_unit.as_deref().unwrap_or(prev.indicator.target.unit_str());
    let value = convert(actual.value?, from, t.unit_str()).ok()?;
    let unit = t.unit_str();
    let (better, relation, ask) = match op {
        Op::Ge | Op::Gt => (value > target, "低于", "目标偏低，请参考上年实际调高目标"),
        _ => (value < target, "高于", "目标偏松，请参考上年实际收紧目标"),
    };
    let message = format!("目标值“{}”{relation}上年实际完成值 {}{unit}，{ask}", row.written(), plain(value));
    better.then(|| row.finding(Rule::BelowLastYear, Severity::Warning, message))
}

#[cfg(test)]
mod tests;
