//! The rules of review.md, each one triggered and each one not.

use super::*;
use crate::model::{Budget, EvaluationTexts, MoneyUnit, Period};
use crate::target::parse;
use std::str::FromStr;

const YEAR: i32 = 2024;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn project(budget: &str) -> Project {
    Project {
        id: 1,
        year: YEAR,
        code: "37020024P1".into(),
        name: "基层医务人员培训".into(),
        unit_code: "505001".into(),
        unit_name: "卫生健康委员会本级".into(),
        money_unit: MoneyUnit::WanYuan,
        budget: Budget { total: Some(d(budget)), fiscal: Some(d(budget)), other: None, adjusted: None },
        fund_use: None,
        goal: None,
        spending_plan: Vec::new(),
        texts: EvaluationTexts::default(),
    }
}

fn ind(level1: &str, level2: &str, level3: &str, target: &str) -> Indicator {
    Indicator {
        id: 0,
        project_id: 1,
        key: None,
        position: 0,
        level1: level1.into(),
        level2: level2.into(),
        level3: level3.into(),
        description: None,
        target_text: target.into(),
        target: parse(target, YEAR),
        target_manual: false,
        basis: Some("计划标准".into()),
        weight: None,
        accumulation_set: None,
        not_applicable: None,
    }
}

/// A table that passes every rule.
fn clean() -> Vec<Indicator> {
    let mut v = vec![
        ind("成本指标", "经济成本指标", "人均培训成本", "≤3000元"),
        ind("产出指标", "数量指标", "培训基层医务人员", "≥1200人次"),
        ind("产出指标", "质量指标", "培训考核合格率", "≥95%"),
        ind("产出指标", "时效指标", "培训完成时间", "小于等于2024年10月"),
        ind("效益指标", "社会效益指标", "基层诊疗服务能力提升人数", "≥1000人"),
        ind("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"),
    ];
    for (i, x) in v.iter_mut().enumerate() {
        x.id = i as i64 + 1;
        x.position = i as i64 + 1;
    }
    v
}

fn run(inds: &[Indicator]) -> Review {
    review(&project("500"), inds, None, &ReviewSettings::default())
}

fn of(r: &Review, rule: Rule) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

/// The table with row `i` replaced.
fn with(i: usize, x: Indicator) -> Vec<Indicator> {
    let mut v = clean();
    v[i] = x;
    v
}

/// The one finding of `rule` on `r`, checked for severity and indicator.
fn one(r: &Review, rule: Rule, severity: Severity, indicator: Option<&str>) -> Finding {
    let f = of(r, rule);
    assert_eq!(f.len(), 1, "{rule:?}: {:#?}", r.findings);
    assert_eq!(f[0].severity, severity, "{f:?}");
    assert_eq!(f[0].criterion, rule.criterion());
    assert_eq!(f[0].indicator.as_deref(), indicator);
    f[0].clone()
}

fn none(r: &Review, rule: Rule) {
    assert!(of(r, rule).is_empty(), "{rule:?} fired: {:#?}", r.findings);
}

#[test]
fn a_clean_table_has_no_findings() {
    let r = run(&clean());
    assert_eq!(r.findings, vec![]);
    assert_eq!(r.conclusion, Conclusion::Excellent);
}

#[test]
fn json_is_the_issues_shape() {
    let r = run(&with(2, ind("产出指标", "质量指标", "服务能力", "进一步提升")));
    let j = serde_json::to_value(&r).unwrap();
    assert_eq!(j["conclusion"], "中");
    assert_eq!(
        j["findings"][0],
        serde_json::json!({
            "rule": "vague-target", "severity": "error", "criterion": "可行性", "indicator": "服务能力",
            "message": "指标值“进一步提升”含模糊表述“进一步”，无法衡量，请量化（如“≥5%”）或分档"
        })
    );
    let whole = YearReview { year: YEAR, projects: vec![ProjectReview::new(&project("500"), r.clone())] };
    let w = serde_json::to_value(&whole).unwrap();
    assert_eq!(w["year"], YEAR);
    let keys: Vec<&String> = w["projects"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["code", "name", "conclusion", "findings"]);
    assert_eq!(w["projects"][0]["findings"], j["findings"]);
    let back: Review = serde_json::from_value(j).unwrap();
    assert_eq!(back.findings[0].rule, Rule::VagueTarget);
    for rule in Rule::ALL {
        assert_eq!(serde_json::to_value(rule).unwrap(), rule.id());
        assert_eq!(Rule::parse(rule.id()), Some(rule));
    }
}

#[test]
fn missing_category_fires_per_missing_category() {
    let mut v = clean();
    v.retain(|i| i.level1 != "效益指标" && i.level1 != "成本指标");
    let r = run(&v);
    let f = of(&r, Rule::MissingCategory);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f.iter().all(|f| f.severity == Severity::Error && f.indicator.is_none() && f.criterion == Criterion::Completeness));
    assert!(f.iter().any(|f| f.message == "缺少“效益指标”，请补充"));
    assert!(f.iter().any(|f| f.message.contains("成本指标")));
    assert_eq!(r.conclusion, Conclusion::Poor);
}

#[test]
fn missing_category_not_for_stems_or_cost_when_not_required() {
    // `产出` is `产出指标`, full-width spaces do not matter
    let mut v = clean();
    v[1].level1 = "产出".into();
    v[4].level1 = "效益　指标".into();
    none(&run(&v), Rule::MissingCategory);
    // the 2015 layout: 成本指标 as a level-2 under 产出
    let mut v = clean();
    v[0].level1 = "产出指标".into();
    v[0].level2 = "成本指标".into();
    none(&run(&v), Rule::MissingCategory);
    let mut v = clean();
    v.remove(0);
    let s = ReviewSettings { require_cost: false, ..ReviewSettings::default() };
    none(&review(&project("500"), &v, None, &s), Rule::MissingCategory);
    one(&run(&v), Rule::MissingCategory, Severity::Error, None);
}

#[test]
fn missing_output_dimension() {
    let mut v = clean();
    v.remove(3);
    let f = one(&run(&v), Rule::MissingOutputDimension, Severity::Warning, None);
    assert_eq!(f.message, "产出指标缺少“时效指标”，请补充");
    assert_eq!(run(&v).conclusion, Conclusion::Good);
    // `时效` without 指标 is the same dimension
    let mut v = clean();
    v[3].level2 = "时效".into();
    none(&run(&v), Rule::MissingOutputDimension);
    // no 产出 at all is missing-category only
    let mut v = clean();
    v.retain(|i| i.level1 != "产出指标");
    let r = run(&v);
    none(&r, Rule::MissingOutputDimension);
    one(&r, Rule::MissingCategory, Severity::Error, None);
}

#[test]
fn empty_target() {
    let r = run(&with(1, ind("产出指标", "数量指标", "培训基层医务人员", " \n")));
    one(&r, Rule::EmptyTarget, Severity::Error, Some("培训基层医务人员"));
    // and nothing else about that target
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    assert_eq!(r.conclusion, Conclusion::Poor);
    none(&run(&with(1, ind("产出指标", "数量指标", "培训基层医务人员", "≥1人次"))), Rule::EmptyTarget);
}

#[test]
fn missing_basis() {
    let mut v = clean();
    v[2].basis = Some("  ".into());
    one(&run(&v), Rule::MissingBasis, Severity::Warning, Some("培训考核合格率"));
    v[2].basis = None;
    one(&run(&v), Rule::MissingBasis, Severity::Warning, Some("培训考核合格率"));
    v[2].basis = Some("行业标准".into());
    none(&run(&v), Rule::MissingBasis);
}

#[test]
fn basis_category() {
    let mut v = clean();
    v[2].basis = Some("历史指标".into());
    let f = one(&run(&v), Rule::BasisCategory, Severity::Info, Some("培训考核合格率"));
    assert_eq!(f.message, "“历史指标”应为“历史标准”");
    v[2].basis = Some("上级文件".into());
    let f = one(&run(&v), Rule::BasisCategory, Severity::Info, Some("培训考核合格率"));
    assert!(f.message.contains("计划标准 / 行业标准 / 历史标准 / 其他标准"), "{}", f.message);
    // info does not change the conclusion
    assert_eq!(run(&v).conclusion, Conclusion::Excellent);
    v[2].basis = Some("计划标准、历史指标".into());
    let f = one(&run(&v), Rule::BasisCategory, Severity::Info, Some("培训考核合格率"));
    assert_eq!(f.message, "“历史指标”应为“历史标准”");
    for ok in ["历史标准", " 其他标准 ", "", "计划标准、历史标准"] {
        v[2].basis = Some(ok.into());
        none(&run(&v), Rule::BasisCategory);
    }
}

#[test]
fn vague_target_by_category() {
    let f = one(&run(&with(2, ind("产出指标", "质量指标", "服务能力", "进一步提升"))), Rule::VagueTarget, Severity::Error, Some("服务能力"));
    assert!(f.message.contains("进一步提升"), "{}", f.message);
    one(&run(&with(0, ind("成本指标", "经济成本指标", "成本", "有效控制"))), Rule::VagueTarget, Severity::Error, Some("成本"));
    one(&run(&with(4, ind("效益指标", "社会效益指标", "服务水平", "明显改善"))), Rule::VagueTarget, Severity::Warning, Some("服务水平"));
    // review.md's newer default words
    for t in ["有所提高", "一定程度改善", "较大提升"] {
        one(&run(&with(2, ind("产出指标", "质量指标", "服务能力", t))), Rule::VagueTarget, Severity::Error, Some("服务能力"));
    }
    // not understood: vague-target only, whatever the words
    let r = run(&with(1, ind("产出指标", "数量指标", "培训人数", "3/4/5")));
    let f = one(&r, Rule::VagueTarget, Severity::Error, Some("培训人数"));
    assert!(f.message.contains("无法识别"), "{}", f.message);
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    // under 满意度 it is satisfaction-form only
    let r = run(&with(5, ind("满意度指标", "服务对象满意度指标", "参训人员满意度", "明显提高")));
    none(&r, Rule::VagueTarget);
    one(&r, Rule::SatisfactionForm, Severity::Warning, Some("参训人员满意度"));
}

#[test]
fn vague_target_not_for_clear_targets() {
    for t in ["≥95%", "基础型以上", "保障", "全覆盖", "小于等于2024年10月"] {
        none(&run(&with(2, ind("产出指标", "质量指标", "服务能力", t))), Rule::VagueTarget);
    }
    // the word list is a setting
    let s = ReviewSettings { vague_words: vec![], ..ReviewSettings::default() };
    none(&review(&project("500"), &with(2, ind("产出指标", "质量指标", "服务能力", "进一步提升")), None, &s), Rule::VagueTarget);
}

#[test]
fn unquantified() {
    let f = one(&run(&with(2, ind("产出指标", "质量指标", "社区达标类别", "基础型以上"))), Rule::Unquantified, Severity::Info, Some("社区达标类别"));
    assert!(f.message.contains("达成 / 部分达成 / 未达成"), "{}", f.message);
    one(&run(&with(4, ind("效益指标", "社会效益指标", "保障", "保障"))), Rule::Unquantified, Severity::Info, Some("保障"));
    // a vague label is vague-target instead; a number is quantified; 满意度 is satisfaction-form
    none(&run(&with(2, ind("产出指标", "质量指标", "服务能力", "持续提升"))), Rule::Unquantified);
    none(&run(&clean()), Rule::Unquantified);
    none(&run(&with(5, ind("满意度指标", "服务对象满意度指标", "参训人员满意度", "满意"))), Rule::Unquantified);
}

#[test]
fn no_unit() {
    let f = one(&run(&with(2, ind("产出指标", "质量指标", "培训考核合格率", "≥95"))), Rule::NoUnit, Severity::Warning, Some("培训考核合格率"));
    assert!(f.message.contains("≥95"), "{}", f.message);
    none(&run(&with(2, ind("产出指标", "质量指标", "培训考核合格率", "≥95%"))), Rule::NoUnit);
    none(&run(&with(2, ind("产出指标", "质量指标", "等级", "基础型以上"))), Rule::NoUnit);
}

#[test]
fn timeliness_form() {
    // a label under 时效: timeliness-form, plus unquantified (no vague word) or vague-target
    let r = run(&with(3, ind("产出指标", "时效指标", "培训完成时间", "及时完成")));
    one(&r, Rule::TimelinessForm, Severity::Warning, Some("培训完成时间"));
    one(&r, Rule::Unquantified, Severity::Info, Some("培训完成时间"));
    none(&r, Rule::VagueTarget);
    let r = run(&with(3, ind("产出指标", "时效指标", "办理时限", "进一步缩短")));
    one(&r, Rule::TimelinessForm, Severity::Warning, Some("办理时限"));
    one(&r, Rule::VagueTarget, Severity::Error, Some("办理时限"));
    // not understood under 时效: vague-target only
    let r = run(&with(3, ind("产出指标", "时效指标", "办理时限", "≥abc")));
    none(&r, Rule::TimelinessForm);
    one(&r, Rule::VagueTarget, Severity::Error, Some("办理时限"));
    // deadlines and durations are fine
    for t in ["小于等于2024年10月", "≤30天", "≥1次/年", "年底前"] {
        none(&run(&with(3, ind("产出指标", "时效指标", "办理时限", t))), Rule::TimelinessForm);
    }
}

#[test]
fn deadline_outside_year() {
    let f = one(&run(&with(3, ind("产出指标", "时效指标", "培训完成时间", "2025年3月底前"))), Rule::DeadlineOutsideYear, Severity::Warning, Some("培训完成时间"));
    assert!(f.message.contains("2024"), "{}", f.message);
    one(&run(&with(3, ind("产出指标", "时效指标", "培训完成时间", "小于等于2023年12月20日"))), Rule::DeadlineOutsideYear, Severity::Warning, Some("培训完成时间"));
    for t in ["小于等于2024年12月", "2024年1月1日前", "不晚于9月份", "≤30天"] {
        none(&run(&with(3, ind("产出指标", "时效指标", "培训完成时间", t))), Rule::DeadlineOutsideYear);
    }
}

#[test]
fn satisfaction_form() {
    for t in ["≥90", "=100%", "≤90%", "90%-95%", "较满意", "≥90分"] {
        one(&run(&with(5, ind("满意度指标", "服务对象满意度指标", "参训人员满意度", t))), Rule::SatisfactionForm, Severity::Warning, Some("参训人员满意度"));
    }
    for t in ["≥90%", "达到90%以上", "不低于85%", "90%", ">90%", "≥ ９０ ％"] {
        none(&run(&with(5, ind("满意度指标", "服务对象满意度指标", "参训人员满意度", t))), Rule::SatisfactionForm);
    }
    // only under 满意度
    none(&run(&with(2, ind("产出指标", "质量指标", "合格率", "=100%"))), Rule::SatisfactionForm);
}

#[test]
fn satisfaction_misplaced() {
    let f = one(&run(&with(4, ind("效益指标", "社会效益指标", "群众满意度", "≥90%"))), Rule::SatisfactionMisplaced, Severity::Warning, Some("群众满意度"));
    assert_eq!(f.message, "“群众满意度”是满意度指标，应归入“满意度指标”");
    one(&run(&with(4, ind("", "", "服务对象满意率", "≥90%"))), Rule::SatisfactionMisplaced, Severity::Warning, Some("服务对象满意率"));
    none(&run(&clean()), Rule::SatisfactionMisplaced);
    none(&run(&with(5, ind("满意度", "满意度指标", "群众满意度", "≥90%"))), Rule::SatisfactionMisplaced);
}

#[test]
fn quality_misplaced() {
    let f = one(&run(&with(4, ind("效益指标", "社会效益指标", "项目验收合格率", "≥95%"))), Rule::QualityMisplaced, Severity::Info, Some("项目验收合格率"));
    assert!(f.message.contains("产出指标—质量指标"), "{}", f.message);
    // under 产出 it is where it belongs
    none(&run(&with(2, ind("产出指标", "质量指标", "项目验收合格率", "≥95%"))), Rule::QualityMisplaced);
    none(&run(&with(4, ind("效益指标", "社会效益指标", "就业带动人数", "≥100人"))), Rule::QualityMisplaced);
}

#[test]
fn duplicate_indicator() {
    let mut v = clean();
    let mut dup = v[1].clone();
    dup.target_text = "≥1000人次".into();
    dup.target = parse("≥1000人次", YEAR);
    v.push(dup);
    let r = run(&v);
    let f = one(&r, Rule::DuplicateIndicator, Severity::Error, Some("培训基层医务人员"));
    assert_eq!(f.row, Some(6), "named on the repeat");
    assert_eq!(r.conclusion, Conclusion::Fair);
    // the same name under another level-2 is another indicator
    let mut v = clean();
    let mut other = v[1].clone();
    other.level2 = "质量指标".into();
    v.push(other);
    none(&run(&v), Rule::DuplicateIndicator);
}

#[test]
fn weights_sum() {
    let mut v = clean();
    let weights = ["10", "20", "10", "10", "20", "15"];
    for (x, w) in v.iter_mut().zip(weights) {
        x.weight = Some(d(w));
    }
    let f = one(&run(&v), Rule::WeightsSum, Severity::Error, None);
    assert_eq!(f.message, "指标分值合计 85，应为 90");
    v[5].weight = Some(d("20.00"));
    none(&run(&v), Rule::WeightsSum);
    v[5].weight = None;
    let f = one(&run(&v), Rule::WeightsSum, Severity::Error, None);
    assert!(f.message.contains("1 个未填写"), "{}", f.message);
    // none given is fine; the total is a setting
    none(&run(&clean()), Rule::WeightsSum);
    v[5].weight = Some(d("15"));
    let s = ReviewSettings { indicator_weight_total: d("85"), ..ReviewSettings::default() };
    none(&review(&project("500"), &v, None, &s), Rule::WeightsSum);
}

#[test]
fn cost_over_budget() {
    let r = run(&with(0, ind("成本指标", "经济成本指标", "设备购置成本", "≤600万元")));
    let f = one(&r, Rule::CostOverBudget, Severity::Error, Some("设备购置成本"));
    assert_eq!(f.message, "成本指标 600 万元超过项目预算 500 万元，请核对金额或单位");
    // converted to the project's money unit: 6,000,000元 = 600万元
    one(&run(&with(0, ind("成本指标", "经济成本指标", "设备购置成本", "≤6,000,000元"))), Rule::CostOverBudget, Severity::Error, Some("设备购置成本"));
    for t in ["≤500万元", "≤4,999,999元", "≤3000元", "≤600个", "≤16%"] {
        none(&run(&with(0, ind("成本指标", "经济成本指标", "设备购置成本", t))), Rule::CostOverBudget);
    }
    // the 2015 layout: 成本指标 under 产出
    one(&run(&with(0, ind("产出指标", "成本指标", "设备购置成本", "≤600万元"))), Rule::CostOverBudget, Severity::Error, Some("设备购置成本"));
    // money outside 成本 is not a cost
    none(&run(&with(4, ind("效益指标", "经济效益指标", "带动投资", "≥70亿元"))), Rule::CostOverBudget);
}

fn previous(level3: &str, target: &str, actual: Option<(&str, Option<&str>)>) -> PreviousYear {
    let mut p = project("480");
    p.year = YEAR - 1;
    let mut i = ind("产出指标", "数量指标", level3, target);
    i.id = 41;
    i.target = parse(target, YEAR - 1);
    let actuals: Vec<Actual> = actual
        .into_iter()
        .map(|(v, unit)| Actual {
            id: 1,
            indicator_id: 41,
            period: Period::year_end(YEAR - 1),
            value: Some(d(v)),
            value_unit: unit.map(str::to_string),
            done_on: None,
            level: None,
            ratio: None,
            reason: None,
            measures: None,
            forecast: None,
            likelihood: None,
            reason_category: None,
            updated_at: String::new(),
        })
        .collect();
    PreviousYear::new(p, vec![i], &actuals)
}

fn run_prev(inds: &[Indicator], prev: &PreviousYear) -> Review {
    review(&project("500"), inds, Some(prev), &ReviewSettings::default())
}

#[test]
fn below_last_year() {
    let prev = previous("培训基层医务人员", "≥1000人次", Some(("1500", None)));
    let f = one(&run_prev(&clean(), &prev), Rule::BelowLastYear, Severity::Warning, Some("培训基层医务人员"));
    assert_eq!(f.message, "目标值“≥1200人次”低于上年实际完成值 1500人次，目标偏低，请参考上年实际调高目标");
    // converted to this year's unit: 0.15万人次 = 1500人次
    let prev = previous("培训基层医务人员", "≥0.1万人次", Some(("0.15", None)));
    one(&run_prev(&clean(), &prev), Rule::BelowLastYear, Severity::Warning, Some("培训基层医务人员"));
    // a `≤` target above last year's actual is too loose
    let v = with(1, ind("产出指标", "数量指标", "办结时限", "≤5天"));
    let prev = previous("办结时限", "≤7天", Some(("72", Some("小时"))));
    let f = one(&run_prev(&v, &prev), Rule::BelowLastYear, Severity::Warning, Some("办结时限"));
    assert!(f.message.contains("高于上年实际完成值 3天"), "{}", f.message);
}

#[test]
fn below_last_year_not_when_target_is_at_least_last_years_actual() {
    for (actual, unit) in [("1200", None), ("1100", None), ("0.12", Some("万人次"))] {
        let prev = previous("培训基层医务人员", "≥1000人次", Some((actual, unit)));
        none(&run_prev(&clean(), &prev), Rule::BelowLastYear);
    }
    // no actual last year, another name, another unit family, a label or `=` target
    none(&run_prev(&clean(), &previous("培训基层医务人员", "≥1000人次", None)), Rule::BelowLastYear);
    none(&run_prev(&clean(), &previous("培训人数", "≥1000人次", Some(("1500", None)))), Rule::BelowLastYear);
    none(&run_prev(&clean(), &previous("培训基层医务人员", "≥1000万元", Some(("1500", None)))), Rule::BelowLastYear);
    let v = with(1, ind("产出指标", "数量指标", "培训基层医务人员", "=1200人次"));
    none(&run_prev(&v, &previous("培训基层医务人员", "≥1000人次", Some(("1500", None)))), Rule::BelowLastYear);
    // without last year's record there is nothing to compare
    none(&run(&clean()), Rule::BelowLastYear);
}

#[test]
fn previous_year_takes_the_year_end_actual_only() {
    let mut prev = previous("培训基层医务人员", "≥1000人次", Some(("1500", None)));
    let q3 = Actual { period: Period::new(YEAR - 1, 3).unwrap(), ..prev.indicators[0].year_end.clone().unwrap() };
    let rebuilt = PreviousYear::new(prev.project.clone(), vec![prev.indicators[0].indicator.clone()], &[q3]);
    assert_eq!(rebuilt.indicators[0].year_end, None);
    prev.indicators[0].year_end = None;
    assert_eq!(rebuilt, prev);
}

#[test]
fn find_previous_by_code_then_by_name_in_unit() {
    let this = project("500");
    let mut same_code = project("480");
    same_code.year = YEAR - 1;
    same_code.name = "改了名字".into();
    let mut same_name = project("480");
    same_name.year = YEAR - 1;
    same_name.code = "37020023P9".into();
    let mut two_years_ago = project("480");
    two_years_ago.year = YEAR - 2;
    let candidates = vec![two_years_ago.clone(), same_name.clone(), same_code.clone()];
    assert_eq!(find_previous(&this, &candidates), Some(&same_code));
    // no project with that code last year: same name, same unit
    let candidates = vec![two_years_ago.clone(), same_name.clone()];
    assert_eq!(find_previous(&this, &candidates), Some(&same_name));
    // same name in another unit is another project; two matches are none
    let mut elsewhere = same_name.clone();
    elsewhere.unit_code = "505002".into();
    assert_eq!(find_previous(&this, &[elsewhere.clone()]), None);
    assert_eq!(find_previous(&this, &[same_name.clone(), same_name.clone()]), None);
    assert_eq!(find_previous(&this, &[two_years_ago]), None);
}

#[test]
fn the_example_of_review_md() {
    let mut v = vec![
        ind("产出指标", "数量指标", "培训基层医务人员", "≥1200人次"),
        ind("产出指标", "质量指标", "服务能力", "进一步提升"),
        ind("效益指标", "社会效益指标", "群众满意度", "≥90%"),
    ];
    v[0].basis = Some("历史指标".into());
    v[1].basis = Some("其他标准".into());
    v[2].basis = Some("行业标准".into());
    let prev = previous("培训基层医务人员", "≥1000人次", Some(("1500", None)));
    let r = run_prev(&v, &prev);
    let mut got: Vec<(&str, Option<&str>)> = r.findings.iter().map(|f| (f.rule.id(), f.indicator.as_deref())).collect();
    got.sort();
    let mut want = vec![
        ("missing-category", None),
        ("missing-category", None),
        ("missing-output-dimension", None),
        ("basis-category", Some("培训基层医务人员")),
        ("vague-target", Some("服务能力")),
        ("satisfaction-misplaced", Some("群众满意度")),
        ("below-last-year", Some("培训基层医务人员")),
    ];
    want.sort();
    assert_eq!(got, want, "{:#?}", r.findings);
    assert_eq!(r.conclusion, Conclusion::Poor);
}

#[test]
fn findings_come_table_first_then_row_by_row() {
    let mut v = clean();
    v.remove(3);
    v[0] = ind("成本指标", "经济成本指标", "成本", "有效控制");
    v[4].target_text = "=100%".into();
    v[4].target = parse("=100%", YEAR);
    let r = run(&v);
    let order: Vec<Option<usize>> = r.findings.iter().map(|f| f.row).collect();
    assert_eq!(order, vec![None, Some(0), Some(4)], "{:#?}", r.findings);
}

fn finding(rule: Rule, severity: Severity) -> Finding {
    Finding { rule, severity, criterion: rule.criterion(), indicator: None, message: String::new(), row: None }
}

#[test]
fn conclusions() {
    use Severity::*;
    let c = |f: &[(Rule, Severity)]| conclusion(&f.iter().map(|&(r, s)| finding(r, s)).collect::<Vec<_>>());
    assert_eq!(c(&[]), Conclusion::Excellent);
    assert_eq!(c(&[(Rule::BasisCategory, Info), (Rule::QualityMisplaced, Info)]), Conclusion::Excellent);
    assert_eq!(c(&[(Rule::MissingBasis, Warning)]), Conclusion::Good);
    assert_eq!(c(&[(Rule::VagueTarget, Error), (Rule::WeightsSum, Error), (Rule::MissingBasis, Warning)]), Conclusion::Fair);
    assert_eq!(c(&[(Rule::VagueTarget, Error), (Rule::WeightsSum, Error), (Rule::DuplicateIndicator, Error)]), Conclusion::Poor);
    assert_eq!(c(&[(Rule::EmptyTarget, Error)]), Conclusion::Poor);
    assert_eq!(c(&[(Rule::MissingCategory, Error)]), Conclusion::Poor);
}

#[test]
fn settings_defaults_and_lists() {
    let s = ReviewSettings::default();
    assert!(s.require_cost);
    assert_eq!(s.vague_words.len(), 17);
    assert_eq!(s.vague_words[1], "进一步");
    assert_eq!(s.basis_variants[0], ("历史指标".to_string(), "历史标准".to_string()));
    assert_eq!(s.indicator_weight_total, d("90"));
    for def in SETTING_DEFS {
        assert!(def.key.starts_with("review_"), "{}", def.key);
        assert_eq!(ReviewSettings::check(def.key, def.default).unwrap(), def.default, "{}", def.key);
        assert_eq!(s.get(def.key).unwrap(), def.default);
    }
    assert_eq!(s.views().len(), SETTING_DEFS.len());
    assert!(s.changed().is_empty());
    // a list is one value separated by 、 (，, ; are read as 、)
    assert_eq!(ReviewSettings::check(settings::VAGUE_WORDS, "有效， 进一步;明显、").unwrap(), "有效、进一步、明显");
    assert_eq!(ReviewSettings::check(settings::REQUIRE_COST, "否").unwrap(), "false");
    assert!(ReviewSettings::check(settings::REQUIRE_COST, "maybe").is_err());
    assert!(ReviewSettings::check(settings::INDICATOR_WEIGHT_TOTAL, "0").is_err());
    assert!(ReviewSettings::check(settings::BASIS_VARIANTS, "历史指标").is_err());
    assert!(ReviewSettings::check("budget_points", "10").is_err());
}

#[test]
fn settings_from_stored_pairs() {
    let pairs = [
        ("review_require_cost", "false"),
        ("review_indicator_weight_total", "100.0"),
        ("review_quality_words", "合格率、达标率"),
        ("budget_points", "10"),
    ];
    let s = ReviewSettings::from_pairs(pairs.map(|(k, v)| (k.to_string(), v.to_string()))).unwrap();
    assert!(!s.require_cost);
    assert_eq!(s.indicator_weight_total, d("100"));
    assert_eq!(s.quality_words, ["合格率", "达标率"]);
    let changed: Vec<&str> = s.changed().iter().map(|v| v.key).collect();
    assert_eq!(changed, ["review_require_cost", "review_quality_words", "review_indicator_weight_total"]);
    // a variant whose standard form is not a standard is refused
    let bad = [("review_basis_variants".to_string(), "历史指标=历史数据".to_string())];
    assert!(ReviewSettings::from_pairs(bad).unwrap_err().to_string().contains("历史数据"));
}

#[test]
fn odd_input_does_not_panic() {
    for t in ["", "≥", "≤0元", "0%", "9999年12月", "5—6", "—", "≥-1个", "ＡＢＣ", "约"] {
        for l1 in ["成本指标", "产出指标", "效益指标", "满意度指标", "", "　"] {
            let mut p = project("0");
            let r = review(&p, &[ind(l1, "时效指标", "", t)], None, &ReviewSettings::default());
            assert_eq!(r.conclusion, Conclusion::Poor);
            p.budget = Budget::default();
            review(&p, &[ind(l1, "", "满意", t), ind(l1, "", "满意", t)], None, &ReviewSettings::default());
        }
    }
    review(&project("1"), &[], None, &ReviewSettings::default());
    let huge = "≤79228162514264337593543950335亿元";
    let r = run(&with(0, ind("成本指标", "经济成本指标", "设备购置成本", huge)));
    assert!(r.findings.iter().all(|f| f.rule != Rule::BelowLastYear));
    let v = with(1, ind("产出指标", "数量指标", "培训基层医务人员", "≥79228162514264337593543950335人次"));
    let prev = previous("培训基层医务人员", "≥1亿人次", Some(("79228162514264337593543950335", None)));
    run_prev(&v, &prev);
    let mut v = clean();
    for x in &mut v {
        x.weight = Some(Decimal::MAX);
    }
    one(&run(&v), Rule::WeightsSum, Severity::Error, None);
}
