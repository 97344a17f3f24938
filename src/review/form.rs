//! The 绩效目标审核意见表 (issue 13, "Form"): one project's review as the form
//! prints it — the findings grouped by the four criteria, the suggested
//! conclusion, the officer's 已知悉 notes, signature lines. Built purely from a
//! [`Review`] and its project; the report code lays it out (PDF, xlsx) and never
//! reviews anything itself.

use super::{Acknowledgement, Conclusion, Criterion, Finding, Review, ReviewSettings, Rule, Severity};
use crate::display::fixed2_text;
use crate::model::Project;
use serde::Serialize;

pub const TITLE: &str = "绩效目标审核意见表";

/// The signature lines at the foot of the form, left to right.
pub const SIGNATURES: [&str; 3] = ["审核人", "复核人", "审核日期"];

/// One project's 绩效目标审核意见表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ReviewForm {
    pub title: String,
    /// `（2024 年度）`.
    pub subtitle: String,
    pub year: i32,
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub money_unit: String,
    /// 预算数, 财政资金, 其他资金 with 2 places, `—` when not given.
    pub budget: String,
    pub fiscal: String,
    pub other: String,
    /// 绩效目标 as entered.
    pub goal: String,
    /// How many indicators the table has.
    pub indicators: usize,
    /// The four criteria in order (完整性, 相关性, 适当性, 可行性), each with its findings.
    pub criteria: Vec<CriterionSection>,
    pub conclusion: Conclusion,
    /// What the conclusion means for the unit: `修改完善后重新报送审核`.
    pub conclusion_meaning: String,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// `错误 1 项，警告 2 项，提示 0 项`.
    pub counts: String,
    /// The labels of the signature lines ([`SIGNATURES`]).
    pub signatures: Vec<String>,
    /// Notes under the form: review settings that differ from their defaults.
    pub footnote: Vec<String>,
}

/// One criterion's block of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct CriterionSection {
    pub criterion: Criterion,
    /// What the criterion asks, in the officer's words.
    pub explanation: String,
    pub items: Vec<FormItem>,
    /// `未发现问题`, or `错误 1 项，警告 1 项`.
    pub summary: String,
}

/// One finding as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct FormItem {
    /// 序号 within its criterion, from 1.
    pub number: usize,
    pub rule: Rule,
    pub severity: Severity,
    /// 错误 / 警告 / 提示.
    pub severity_word: String,
    /// The level-3 name, or `全表` for a finding on the whole table.
    pub indicator: String,
    pub message: String,
    /// The officer's 已知悉 note, when the finding was acknowledged.
    pub acknowledged: Option<String>,
}

/// What a criterion checks (review.md).
pub fn explanation(c: Criterion) -> &'static str {
    match c {
        Criterion::Completeness => "成本、产出、效益、满意度指标齐全，指标值、确定依据、分值填写完整",
        Criterion::Relevance => "指标归类恰当，与项目内容和预算相符，不重复",
        Criterion::Appropriateness => "指标值表述规范、计量单位明确，目标不低于以往实际水平",
        Criterion::Feasibility => "指标可衡量、可考核，能在预算年度内完成",
    }
}

/// `错误 1 项，警告 2 项`: the counts of the severities present (all three with `all`).
fn counts_text(findings: &[&Finding], all: bool) -> String {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s, findings.iter().filter(|f| f.severity == s).count()))
        .filter(|&(_, n)| all || n > 0)
        .map(|(s, n)| format!("{} {n} 项", s.word()))
        .collect::<Vec<_>>()
        .join("，")
}

impl ReviewForm {
    /// The form of `project`'s `review`; `acknowledged` are the officer's 已知悉
    /// notes of this project (those that match no finding are not printed).
    pub fn build(project: &Project, review: &Review, acknowledged: &[Acknowledgement], indicators: usize, settings: &ReviewSettings) -> Self {
        let criteria = Criterion::ALL
            .into_iter()
            .map(|c| {
                let mine: Vec<&Finding> = review.findings.iter().filter(|f| f.criterion == c).collect();
                let items = mine
                    .iter()
                    .enumerate()
                    .map(|(n, f)| FormItem {
                        number: n + 1,
                        rule: f.rule,
                        severity: f.severity,
                        severity_word: f.severity.word().to_string(),
                        indicator: f.indicator.clone().unwrap_or_else(|| "全表".into()),
                        message: f.message.clone(),
                        acknowledged: acknowledged.iter().find(|a| a.covers(f)).map(|a| a.note.clone()),
                    })
                    .collect();
                let summary = if mine.is_empty() { "未发现问题".to_string() } else { counts_text(&mine, false) };
                CriterionSection { criterion: c, explanation: explanation(c).to_string(), items, summary }
            })
            .collect();
        let all: Vec<&Finding> = review.findings.iter().collect();
        let footnote = settings.changed().into_iter().map(|v| format!("审核设置“{}”为“{}”（默认“{}”）", v.label, v.value, v.default)).collect();
        ReviewForm {
            title: TITLE.to_string(),
            subtitle: format!("（{} 年度）", project.year),
            year: project.year,
            code: project.code.clone(),
            name: project.name.clone(),
            unit_code: project.unit_code.clone(),
            unit_name: project.unit_name.clone(),
            money_unit: project.money_unit.as_str().to_string(),
            budget: fixed2_text(project.budget.total),
            fiscal: fixed2_text(project.budget.fiscal),
            other: fixed2_text(project.budget.other),
            goal: project.goal.clone().unwrap_or_default(),
            indicators,
            criteria,
            conclusion: review.conclusion,
            conclusion_meaning: review.conclusion.meaning().to_string(),
            errors: review.count(Severity::Error),
            warnings: review.count(Severity::Warning),
            infos: review.count(Severity::Info),
            counts: counts_text(&all, true),
            signatures: SIGNATURES.iter().map(|s| s.to_string()).collect(),
            footnote,
        }
    }
}

/// One line of a unit's 审核汇总 (a unit's forms, one row each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ReviewSummaryRow {
    pub code: String,
    pub name: String,
    pub unit_name: String,
    pub conclusion: Conclusion,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// The summary of several projects' forms (a unit's), in their order.
pub fn summary(forms: &[ReviewForm]) -> Vec<ReviewSummaryRow> {
    forms
        .iter()
        .map(|f| ReviewSummaryRow {
            code: f.code.clone(),
            name: f.name.clone(),
            unit_name: f.unit_name.clone(),
            conclusion: f.conclusion,
            errors: f.errors,
            warnings: f.warnings,
            infos: f.infos,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, EvaluationTexts, MoneyUnit};
    use rust_decimal::Decimal;

    fn project() -> Project {
        Project {
            id: 1,
            year: 2024,
            code: "P1".into(),
            name: "基层医务人员培训".into(),
            unit_code: "505001".into(),
            unit_name: "卫生健康委员会本级".into(),
            money_unit: MoneyUnit::WanYuan,
            budget: Budget { total: Some(Decimal::new(500, 0)), fiscal: Some(Decimal::new(500, 0)), other: None, adjusted: None },
            fund_use: None,
            goal: Some("培训基层医务人员".into()),
            spending_plan: Vec::new(),
            texts: EvaluationTexts::default(),
        }
    }

    fn finding(rule: Rule, severity: Severity, indicator: Option<&str>, message: &str) -> Finding {
        Finding { rule, severity, criterion: rule.criterion(), indicator: indicator.map(str::to_string), message: message.into(), row: None }
    }

    #[test]
    fn findings_grouped_by_criterion_with_notes() {
        let findings = vec![
            finding(Rule::MissingCategory, Severity::Error, None, "缺少“成本指标”，请补充"),
            finding(Rule::VagueTarget, Severity::Error, Some("服务能力"), "指标值“进一步提升”含模糊表述“进一步”"),
            finding(Rule::MissingBasis, Severity::Warning, Some("服务能力"), "未填写指标值确定依据"),
            finding(Rule::BasisCategory, Severity::Info, Some("培训人数"), "“历史指标”应为“历史标准”"),
        ];
        let review = Review { conclusion: super::super::conclusion(&findings), findings };
        let acks = vec![
            Acknowledgement { rule: Rule::MissingBasis, indicator: Some("服务能力".into()), message: "未填写指标值确定依据".into(), note: "依据见立项文件".into(), who: String::new(), at: String::new() },
            // a note on a finding that no longer exists is not printed
            Acknowledgement { rule: Rule::NoUnit, indicator: Some("服务能力".into()), message: "x".into(), note: "旧".into(), who: String::new(), at: String::new() },
        ];
        let s = ReviewSettings { require_cost: false, ..ReviewSettings::default() };
        let form = ReviewForm::build(&project(), &review, &acks, 3, &s);
        assert_eq!(form.title, "绩效目标审核意见表");
        assert_eq!(form.subtitle, "（2024 年度）");
        assert_eq!(form.budget, "500.00");
        assert_eq!(form.other, "—");
        let names: Vec<&str> = form.criteria.iter().map(|c| c.criterion.as_str()).collect();
        assert_eq!(names, ["完整性", "相关性", "适当性", "可行性"]);
        let complete = &form.criteria[0];
        assert_eq!(complete.items.len(), 3);
        assert_eq!(complete.summary, "错误 1 项，警告 1 项，提示 1 项");
        assert_eq!(complete.items[0].indicator, "全表");
        assert_eq!(complete.items[1].acknowledged.as_deref(), Some("依据见立项文件"));
        assert_eq!(complete.items[0].acknowledged, None);
        assert_eq!(form.criteria[1].summary, "未发现问题");
        assert!(form.criteria[1].items.is_empty());
        assert_eq!(form.criteria[3].items[0].number, 1);
        assert_eq!(form.criteria[3].items[0].severity_word, "错误");
        assert_eq!(form.conclusion, Conclusion::Poor);
        assert_eq!(form.conclusion_meaning, "不得进入下一步预算安排流程");
        assert_eq!(form.counts, "错误 2 项，警告 1 项，提示 1 项");
        assert_eq!(form.signatures, ["审核人", "复核人", "审核日期"]);
        assert_eq!(form.footnote.len(), 1);
        assert!(form.footnote[0].contains("false"), "{:?}", form.footnote);
        let rows = summary(&[form.clone(), form]);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].errors, rows[0].warnings, rows[0].infos), (2, 1, 1));
    }

    #[test]
    fn a_clean_review_prints_no_problems() {
        let review = Review { conclusion: Conclusion::Excellent, findings: vec![] };
        let form = ReviewForm::build(&project(), &review, &[], 6, &ReviewSettings::default());
        assert!(form.criteria.iter().all(|c| c.summary == "未发现问题" && c.items.is_empty()));
        assert_eq!(form.counts, "错误 0 项，警告 0 项，提示 0 项");
        assert_eq!(form.conclusion_meaning, "按原表进入预算编审流程");
        assert!(form.footnote.is_empty());
        let j = serde_json::to_value(&form).unwrap();
        assert_eq!(j["conclusion"], "优");
        assert_eq!(j["criteria"][0]["criterion"], "完整性");
    }
}
