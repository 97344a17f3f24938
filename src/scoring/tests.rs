//! The rules of scoring.md, case by case.

use super::*;
use crate::model::{Actual, Indicator};
use crate::testing::{d, indicator, quantity_actual};
use std::collections::HashMap;

fn ind(level1: &str, target: &str) -> Indicator {
    indicator(level1, "指标", target)
}

fn actual(value: &str) -> Actual {
    let (v, unit) = crate::entry::parse_amount(value).unwrap();
    quantity_actual(Period::year_end(2023), v, unit)
}

fn q(n: u32) -> Period {
    Period::new(2023, n).unwrap()
}

fn judge_at(target: &str, a: &str, period: Period, s: &Settings) -> Judgement {
    judge(&ind("产出指标", target), Some(&actual(a)), period, s)
}

/// (status, completion ratio to 4 places, score ratio to 4 places)
fn year_end(target: &str, a: &str) -> (Status, Option<String>, String) {
    let j = judge_at(target, a, q(4), &Settings::default());
    (j.status, j.completion_ratio.map(|r| round(r, 4).to_string()), round(j.score_ratio, 4).to_string())
}

fn r(status: Status, ratio: Option<&str>, s: &str) -> (Status, Option<String>, String) {
    (status, ratio.map(str::to_string), s.to_string())
}

#[test]
fn at_least() {
    use Status::*;
    assert_eq!(year_end("≥20次", "18次"), r(Fail, Some("0.9000"), "0.9000"));
    assert_eq!(year_end("≥20次", "20"), r(Pass, Some("1.0000"), "1.0000"));
    // over-completion: ratio above 1, score ratio capped
    assert_eq!(year_end("≥800人/次", "1100"), r(Pass, Some("1.3750"), "1.0000"));
}

#[test]
fn strict_operators_fail_at_equality_but_keep_full_score_ratio() {
    use Status::*;
    assert_eq!(year_end(">5个", "5个"), r(Fail, Some("1.0000"), "1.0000"));
    assert_eq!(year_end(">5个", "4个"), r(Fail, Some("0.8000"), "0.8000"));
    assert_eq!(year_end(">5个", "6个"), r(Pass, Some("1.2000"), "1.0000"));
    assert_eq!(year_end("<5%", "5%"), r(Fail, Some("1.0000"), "1.0000"));
    assert_eq!(year_end("<5%", "4%"), r(Pass, Some("1.2500"), "1.0000"));
}

#[test]
fn at_most_both_formulas() {
    use Status::*;
    assert_eq!(year_end("≤3000元", "2800元"), r(Pass, Some("1.0714"), "1.0000"));
    assert_eq!(year_end("≤3000元", "0"), r(Pass, Some("1.0000"), "1.0000"));
    // linear: 1 − (3600 − 3000) / 3000 = 0.8
    assert_eq!(year_end("≤3000元", "3600元"), r(Fail, Some("0.8333"), "0.8000"));
    // far over the limit: not below zero
    assert_eq!(year_end("≤3000元", "9000元"), r(Fail, Some("0.3333"), "0.0000"));
    let mut s = Settings::from_pairs([("le_formula".to_string(), "inverse".to_string())]).unwrap();
    let j = judge_at("≤3000元", "3600元", q(4), &s);
    assert_eq!(round(j.score_ratio, 4).to_string(), "0.8333");
    s = Settings::default();
    assert_eq!(s.le_formula(), LeFormula::Linear);
}

#[test]
fn equal_about_and_range() {
    use Status::*;
    assert_eq!(year_end("=100%", "100%"), r(Pass, Some("1.0000"), "1.0000"));
    assert_eq!(year_end("=100%", "95%"), r(Fail, Some("0.9500"), "0.9500"));
    assert_eq!(year_end("=100%", "250%"), r(Fail, Some("0.0000"), "0.0000"));
    assert_eq!(year_end("13%左右", "13.5%"), r(Pass, Some("0.9615"), "1.0000"));
    assert_eq!(year_end("13%左右", "12%"), r(Fail, Some("0.9231"), "0.9231"));
    assert_eq!(year_end("5—6个", "5个"), r(Pass, Some("1.0000"), "1.0000"));
    assert_eq!(year_end("5—6个", "4个"), r(Fail, Some("0.8000"), "0.8000"));
    // above: ratio hi / a, score 1 − (a − hi) / hi
    assert_eq!(year_end("5—6个", "8个"), r(Fail, Some("0.7500"), "0.6667"));
}

#[test]
fn zero_targets_are_decided_by_pass() {
    use Status::*;
    assert_eq!(year_end("≤0起", "0"), r(Pass, Some("1.0000"), "1.0000"));
    assert_eq!(year_end("≤0起", "2"), r(Fail, Some("0.0000"), "0.0000"));
    assert_eq!(year_end("≥0个", "3"), r(Pass, Some("1.0000"), "1.0000"));
    let j = judge_at("≤0起", "2", q(2), &Settings::default());
    assert_eq!(j.light, Light::Red);
    let j = judge_at("≥0个", "0", q(2), &Settings::default());
    assert_eq!(j.light, Light::Green);
}

#[test]
fn unit_conversion_before_comparison() {
    use Status::*;
    assert_eq!(year_end("≥70亿元", "7,000,000,000元"), r(Pass, Some("1.0000"), "1.0000"));
    assert_eq!(year_end("≤250万", "2,000,000元"), r(Pass, Some("1.2500"), "1.0000"));
    assert_eq!(year_end("≥18万个", "9万个"), r(Fail, Some("0.5000"), "0.5000"));
    assert_eq!(year_end("≤2小时", "90分钟"), r(Pass, Some("1.3333"), "1.0000"));
}

#[test]
fn dates() {
    let s = Settings::default();
    let mut i = ind("产出指标", "小于等于2023年8月");
    i.target = crate::target::parse("小于等于2023年8月", 2023);
    let mut a = actual("0");
    a.value = None;
    // not done yet: fails, green while the deadline is ahead
    let j = judge(&i, Some(&a), q(2), &s);
    assert_eq!((j.status, j.light, j.score_ratio, j.completion_ratio), (Status::Fail, Light::Green, Decimal::ZERO, None));
    let j = judge(&i, Some(&a), q(3), &s);
    assert_eq!((j.status, j.light), (Status::Fail, Light::Red));
    // a month deadline is met on its last day
    a.done_on = chrono::NaiveDate::from_ymd_opt(2023, 8, 31);
    assert_eq!(judge(&i, Some(&a), q(4), &s).status, Status::Pass);
    a.done_on = chrono::NaiveDate::from_ymd_opt(2023, 9, 1);
    let j = judge(&i, Some(&a), q(4), &s);
    assert_eq!((j.status, j.light, j.score_ratio), (Status::Fail, Light::Red, Decimal::ZERO));
    // no record at all is missing
    assert_eq!(judge(&i, None, q(4), &s).status, Status::Missing);
}

#[test]
fn labels_with_bands() {
    let s = Settings::default();
    let i = ind("产出指标", "基础型以上");
    let mut a = actual("0");
    a.value = None;
    a.level = Some(Level::Partial);
    let j = judge(&i, Some(&a), q(4), &s);
    assert_eq!((j.status, j.score_ratio, j.light), (Status::Fail, d("0.7"), Light::Yellow));
    a.ratio = Some(d("0.75"));
    assert_eq!(judge(&i, Some(&a), q(4), &s).score_ratio, d("0.75"));
    a.level = Some(Level::Achieved);
    a.ratio = None;
    let j = judge(&i, Some(&a), q(4), &s);
    assert_eq!((j.status, j.score_ratio, j.light), (Status::Pass, d("1.0"), Light::Green));
    assert_eq!(label_band(&s, Level::Partial), (d("0.6"), d("0.8"), false));
    assert_eq!(label_band(&s, Level::Achieved), (d("0.8"), Decimal::ONE, true));
}

#[test]
fn ratio_outside_its_band_is_refused() {
    let s = Settings::default();
    let i = ind("产出指标", "保障");
    let input = |level, ratio: &str| crate::model::ActualInput { level: Some(level), ratio: Some(d(ratio)), ..Default::default() };
    assert!(crate::entry::parse_actual(&i, q(4), &input(Level::Partial, "0.8"), &s).is_err());
    assert!(crate::entry::parse_actual(&i, q(4), &input(Level::Partial, "0.79"), &s).is_ok());
    assert!(crate::entry::parse_actual(&i, q(4), &input(Level::Achieved, "1.0"), &s).is_ok());
    let e = crate::entry::parse_actual(&i, q(4), &input(Level::NotAchieved, "0.6"), &s).unwrap_err().to_string();
    assert!(e.contains("未达成") && e.contains("0.6"), "{e}");
}

#[test]
fn wrong_units_are_refused_on_entry() {
    let s = Settings::default();
    let i = ind("产出指标", "≥20次");
    let input = crate::model::ActualInput { value: Some("18万元".into()), ..Default::default() };
    let e = crate::entry::parse_actual(&i, q(4), &input, &s).unwrap_err().to_string();
    assert!(e.contains("万元") && e.contains("次"), "{e}");
    let input = crate::model::ActualInput { value: Some("十八".into()), ..Default::default() };
    assert!(crate::entry::parse_actual(&i, q(4), &input, &s).unwrap_err().to_string().contains("不是数字"));
}

#[test]
fn not_understood_and_not_applicable() {
    let s = Settings::default();
    let i = ind("产出指标", "≥abc");
    let j = judge(&i, Some(&actual("5")), q(4), &s);
    assert_eq!((j.status, j.light, j.score_ratio, j.completion_ratio), (Status::NotUnderstood, Light::Grey, Decimal::ZERO, None));
    assert!(!indicator_needs_explanation(&j, q(4), &s));
    let mut i = ind("产出指标", "≥5个");
    i.not_applicable = Some("政策调整".into());
    let j = judge(&i, None, q(4), &s);
    assert_eq!(j.status, Status::NotApplicable);
    assert!(!indicator_needs_explanation(&j, q(4), &s));
}

fn weights_of(inds: &[Indicator]) -> (Vec<Option<String>>, Vec<String>) {
    let refs: Vec<&Indicator> = inds.iter().collect();
    let (w, warn) = weights(&refs, &Settings::default());
    (w.into_iter().map(|w| w.map(|w| round(w, 2).to_string())).collect(), warn)
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some(s.to_string())).collect()
}

#[test]
fn weights_by_category() {
    let inds = vec![ind("成本指标", "≤1元"), ind("产出指标", "≥1个"), ind("产出指标", "≥1个"), ind("效益指标", "≥1个"), ind("满意度指标", "≥90%")];
    assert_eq!(weights_of(&inds).0, some(&["16.67", "16.67", "16.67", "30.00", "10.00"]));
    // no 效益: its 30 points go to the others in proportion (50 : 10)
    let inds = vec![ind("产出指标", "≥1个"), ind("满意度指标", "≥90%")];
    assert_eq!(weights_of(&inds).0, some(&["75.00", "15.00"]));
}

#[test]
fn not_applicable_points_stay_in_the_group() {
    let mut inds = vec![ind("产出指标", "≥1个"), ind("产出指标", "≥1个"), ind("效益指标", "≥1个"), ind("满意度指标", "≥90%")];
    inds[1].not_applicable = Some("不适用".into());
    let (w, _) = weights_of(&inds);
    assert_eq!(w, vec![Some("50.00".into()), None, Some("30.00".into()), Some("10.00".into())]);
    // the only 效益 indicator not applicable: the group is empty and gives its points away
    inds[1].not_applicable = None;
    inds[2].not_applicable = Some("不适用".into());
    let (w, _) = weights_of(&inds);
    assert_eq!(w, vec![Some("37.50".into()), Some("37.50".into()), None, Some("15.00".into())]);
}

#[test]
fn given_weights_are_scaled_to_90_with_a_warning() {
    let mut inds = vec![ind("产出指标", "≥1个"), ind("效益指标", "≥1个"), ind("满意度指标", "≥90%")];
    for (i, w) in inds.iter_mut().zip(["40", "30", "20"]) {
        i.weight = Some(d(w));
    }
    let (w, warn) = weights_of(&inds);
    assert_eq!(w, some(&["40.00", "30.00", "20.00"]));
    assert!(warn.is_empty());
    inds[2].weight = Some(d("30"));
    let (w, warn) = weights_of(&inds);
    assert_eq!(w, some(&["36.00", "27.00", "27.00"]));
    assert_eq!(warn.len(), 1, "{warn:?}");
    // a not-applicable one leaves its points to its level-1 group
    let mut inds = vec![ind("产出指标", "≥1个"), ind("产出指标", "≥1个"), ind("满意度指标", "≥90%")];
    for (i, w) in inds.iter_mut().zip(["30", "50", "10"]) {
        i.weight = Some(d(w));
    }
    inds[0].not_applicable = Some("不适用".into());
    assert_eq!(weights_of(&inds).0, vec![None, Some("80.00".into()), Some("10.00".into())]);
}

#[test]
fn spending_plan_interpolation() {
    let plan = |pts: &[(u32, Option<&str>)]| -> Vec<PlanPoint> { pts.iter().map(|&(m, a)| PlanPoint { month: m, amount: a.map(d) }).collect() };
    let p = plan(&[(3, None), (6, Some("300")), (10, Some("500")), (12, Some("600"))]);
    assert_eq!(planned_by_now(&p, d("600"), 9), d("450"));
    assert_eq!(planned_by_now(&p, d("600"), 3), d("150"));
    assert_eq!(planned_by_now(&p, d("600"), 6), d("300"));
    assert_eq!(planned_by_now(&p, d("600"), 12), d("600"));
    // past the last checkpoint: toward the budget at 12月底
    let p = plan(&[(6, Some("300")), (10, Some("500"))]);
    assert_eq!(planned_by_now(&p, d("700"), 12), d("700"));
    assert_eq!(planned_by_now(&p, d("700"), 11), d("600"));
    // no plan: a straight line
    let p = plan(&[(3, None), (6, None)]);
    assert_eq!(planned_by_now(&p, d("1200"), 6), d("600"));
    assert_eq!(planned_by_now(&[], d("1200"), 3), d("300"));
}

#[test]
fn money_lights() {
    let s = Settings::default();
    assert_eq!(money_light(d("0"), d("0"), &s).0, Light::Green);
    assert_eq!(money_light(d("5"), d("0"), &s).0, Light::Blue);
    assert_eq!(money_light(d("96.5"), d("100"), &s).0, Light::Green);
    assert_eq!(money_light(d("65"), d("100"), &s).0, Light::Yellow);
    assert_eq!(money_light(d("59.99"), d("100"), &s).0, Light::Red);
    assert_eq!(money_light(d("120"), d("100"), &s).0, Light::Blue);
}

#[test]
fn progress_lights_in_the_year() {
    let s = Settings::default();
    // cumulative: expected t × f; at Q2 half of 20 is 10
    assert_eq!(judge_at("≥20次", "8次", q(2), &s).light, Light::Green);
    assert_eq!(judge_at("≥20次", "7次", q(2), &s).light, Light::Yellow);
    assert_eq!(judge_at("≥20次", "5次", q(2), &s).light, Light::Red);
    assert_eq!(judge_at("≥20次", "12次", q(2), &s).light, Light::Blue);
    // level indicators are expected at t already
    assert_eq!(judge_at("≥95%", "80%", q(2), &s).light, Light::Green);
    assert_eq!(judge_at("≥95%", "70%", q(2), &s).light, Light::Yellow);
    // ≤: green while within the limit
    assert_eq!(judge_at("≤455万元", "210万元", q(2), &s).light, Light::Green);
    assert_eq!(judge_at("≤455万元", "460万元", q(2), &s).light, Light::Red);
    let j = judge_at("≥20次", "8次", q(2), &s);
    assert_eq!(j.progress, Some(d("0.8")));
}

#[test]
fn what_needs_explaining() {
    let s = Settings::default();
    let at = |t: &str, a: &str, p| {
        let j = judge_at(t, a, p, &s);
        indicator_needs_explanation(&j, p, &s)
    };
    assert!(at("≥20次", "18次", q(4)));
    assert!(!at("≥20次", "25次", q(4)));
    assert!(at("≥20次", "26次", q(4)));
    // ≤: ratio t / a ≥ 1.3 when a ≤ t / 1.3 (but a = 0 has ratio 1)
    assert!(at("≤130元", "100元", q(4)));
    assert!(!at("≤130元", "101元", q(4)));
    assert!(!at("≤130元", "0", q(4)));
    // in the year: the light decides
    assert!(at("≥20次", "7次", q(2)));
    assert!(!at("≥20次", "8次", q(2)));
    assert!(budget_needs_explanation(Some(d("0.89")), Light::Green, q(4), &s));
    assert!(!budget_needs_explanation(Some(d("0.9")), Light::Green, q(4), &s));
    assert!(budget_needs_explanation(Some(d("0.5")), Light::Yellow, q(2), &s));
}

#[test]
fn grades_read_the_rounded_total() {
    let s = Settings::default();
    assert_eq!(grade(d("89.995"), &s), "优");
    assert_eq!(grade(d("89.994"), &s), "良");
    assert_eq!(grade(d("80"), &s), "良");
    assert_eq!(grade(d("79.99"), &s), "中");
    assert_eq!(grade(d("60"), &s), "中");
    assert_eq!(grade(d("59.994"), &s), "差");
}

#[test]
fn inverse_formula_with_a_zero_actual_passes_without_dividing() {
    let s = Settings::from_pairs([("le_formula".to_string(), "inverse".to_string())]).unwrap();
    let j = judge_at("≤4个", "0", q(4), &s);
    assert_eq!((j.status, j.score_ratio), (Status::Pass, Decimal::ONE));
    let j = judge_at("<4分", "0", q(4), &s);
    assert_eq!(j.status, Status::Pass);
}

#[test]
fn zero_target_lights_follow_the_pass_for_every_operator() {
    let s = Settings::default();
    // `< 0` with 0 fails, so its light is red (§2, t = 0)
    let j = judge_at("<0家", "0", q(2), &s);
    assert_eq!((j.status, j.light), (Status::Fail, Light::Red));
    assert!(indicator_needs_explanation(&j, q(2), &s));
}

#[test]
fn an_exact_midpoint_score_rounds_up() {
    // 6.75 × 0.82 / 3 = 1.845 exactly, computed through a 28-digit quotient
    let s = Settings::default();
    let j = judge_at("≥3个", "0.82", q(4), &s);
    assert_eq!(round(d("6.75") * j.score_ratio, 2).to_string(), "1.85");
    let inv = Settings::from_pairs([("le_formula".to_string(), "inverse".to_string())]).unwrap();
    let j = judge_at("<5次/年", "6", q(4), &inv);
    assert_eq!(round(d("33.75") * j.score_ratio, 2).to_string(), "28.13");
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(round(d("5.625"), 2).to_string(), "5.63");
    assert_eq!(round(d("0.98901098"), 4).to_string(), "0.9890");
    assert_eq!(round(d("1"), 2).to_string(), "1.00");
}

/// A judgement of `a` (already in the target's unit) against `target` at year end.
fn judge_value(target: &str, a: Decimal) -> Judgement {
    let i = ind("产出指标", target);
    judge_quantity(&i.target, a, i.accumulation(), q(4), &Settings::default())
}

#[test]
fn quotients_beyond_a_decimal_are_capped_not_a_panic() {
    // issue 12: `a / t` overflowed for a huge actual against a small target
    let max = Decimal::MAX;
    let j = judge_value("≥0.0001个", max);
    assert_eq!((j.status, j.completion_ratio, j.score_ratio, j.light), (Status::Pass, Some(MAX_RATIO), Decimal::ONE, Light::Blue));
    assert_eq!(j.progress, Some(MAX_RATIO));
    // a ratio that fits but is beyond the cap is capped too
    assert_eq!(judge_value("≥1个", d("10000000000000")).completion_ratio, Some(MAX_RATIO));
    assert_eq!(judge_value("≥1个", d("1000000000000")).completion_ratio, Some(MAX_RATIO));
    assert_eq!(judge_value("≥1个", d("999999999999")).completion_ratio, Some(d("999999999999")));
    // failures far off score 0, whichever way the division overflows
    for target in ["≤0.0001元", "<0.0001元", "=0.0001元", "0.0001%左右", "0.0001-0.0002个"] {
        let j = judge_value(target, max);
        assert_eq!((j.status, j.score_ratio), (Status::Fail, Decimal::ZERO), "{target}");
        assert!(j.completion_ratio.is_some_and(|r| (Decimal::ZERO..=MAX_RATIO).contains(&r)), "{target}: {j:?}");
    }
    let inverse = Settings::from_pairs([("le_formula".to_string(), "inverse".to_string())]).unwrap();
    let i = ind("产出指标", "≤0.0001元");
    let j = judge_quantity(&i.target, max, i.accumulation(), q(4), &inverse);
    assert_eq!((j.status, j.light), (Status::Fail, Light::Red));
    assert!(j.score_ratio < d("0.0000000000000000000001"), "{j:?}");
    // the largest target against a tiny actual
    let j = judge_value("≥79228162514264337593543950335个", d("0.0000000000000000000000000001"));
    assert_eq!((j.status, j.completion_ratio, j.score_ratio), (Status::Fail, Some(Decimal::ZERO), Decimal::ZERO));
    // a percentage of the cap fits: display multiplies by 100
    assert_eq!(crate::display::percent_text(Some(MAX_RATIO)), "100000000000000.00%");
}

#[test]
fn ratio_caps_and_signs() {
    assert_eq!(ratio(d("3"), d("4")), d("0.75"));
    assert_eq!(ratio(Decimal::MAX, d("0.1")), MAX_RATIO);
    assert_eq!(ratio(Decimal::MIN, d("0.1")), -MAX_RATIO);
    assert_eq!(ratio(Decimal::MAX, d("-0.1")), -MAX_RATIO);
    assert_eq!(ratio(d("5"), Decimal::ZERO), MAX_RATIO);
    assert_eq!(ratio(Decimal::ZERO, Decimal::ZERO), Decimal::ZERO);
}

#[test]
fn a_target_given_by_hand_keeps_the_score_ratio_within_0_and_1() {
    // a negative target cannot be parsed, but an import may give one by hand
    let mut i = ind("产出指标", "≤5元");
    i.target.value = Some(d("-5"));
    let j = judge_quantity(&i.target, d("3"), i.accumulation(), q(4), &Settings::default());
    assert_eq!(j.status, Status::Fail);
    assert!((Decimal::ZERO..=Decimal::ONE).contains(&j.score_ratio), "{j:?}");
}

#[test]
fn an_actual_that_overflows_in_the_target_unit_fails_without_a_panic() {
    // stored as 10²⁸ 亿元 before the target was changed to 元
    let mut a = actual("1");
    a.value = Some(Decimal::MAX);
    a.value_unit = Some("亿元".into());
    let j = judge(&ind("产出指标", "≥1元"), Some(&a), q(4), &Settings::default());
    assert_eq!((j.status, j.light), (Status::Fail, Light::Red));
}

#[test]
fn money_beyond_a_decimal() {
    let s = Settings::default();
    let max = Decimal::MAX;
    assert_eq!(budget_rate_score(max, d("0.01"), &s), (Some(MAX_RATIO), d("10")));
    assert_eq!(money_light(max, d("0.01"), &s), (Light::Blue, Some(MAX_RATIO)));
    // budget × month overflows, the share does not
    assert_eq!(planned_by_now(&[], max, 12), max);
    // (the quotient first: rounded in its last digit)
    assert!((planned_by_now(&[], max, 6) - max / d("2")).abs() <= Decimal::ONE);
    // from the most negative to the most positive amount: halfway is 0
    let plan = [PlanPoint { month: 3, amount: Some(Decimal::MIN) }, PlanPoint { month: 9, amount: Some(max) }];
    assert!(planned_by_now(&plan, max, 6).abs() <= Decimal::ONE);
    assert_eq!(planned_by_now(&plan, max, 9), max);
}

#[test]
fn weights_too_large_to_add_fall_back_to_the_categories() {
    let mut inds = vec![ind("产出指标", "≥1个"), ind("效益指标", "≥1个"), ind("满意度指标", "≥90%")];
    for i in &mut inds {
        i.weight = Some(Decimal::MAX);
    }
    let (w, warn) = weights_of(&inds);
    assert_eq!(w, some(&["50.00", "30.00", "10.00"]));
    assert_eq!(warn, ["指标分值数值过大，已按指标类别平均分配分值"]);
    // large weights whose sum fits are scaled as usual
    let big = d("20000000000000000000000000000");
    for (i, w) in inds.iter_mut().zip([big, big, d("0")]) {
        i.weight = Some(w);
    }
    let (w, _) = weights_of(&inds);
    assert_eq!(w, some(&["45.00", "45.00", "0.00"]));
}

#[test]
fn a_whole_project_of_huge_numbers_evaluates() {
    use crate::model::{Budget, MoneyUnit, Project, Spending};
    let max = Decimal::MAX;
    let project = Project {
        id: 1,
        year: 2023,
        code: "P".into(),
        name: "项目".into(),
        unit_code: "U".into(),
        unit_name: "单位".into(),
        money_unit: MoneyUnit::WanYuan,
        budget: Budget { total: Some(d("0.0001")), fiscal: None, other: None, adjusted: Some(d("0.0001")) },
        fund_use: None,
        goal: None,
        spending_plan: vec![PlanPoint { month: 6, amount: Some(max) }],
        texts: Default::default(),
    };
    let mut inds = vec![ind("产出指标", "≥0.0001个"), ind("效益指标", "≤0.0001元"), ind("满意度指标", "=0.0001%")];
    for (n, i) in inds.iter_mut().enumerate() {
        i.id = n as i64 + 1;
        i.weight = Some(max);
    }
    let actuals = inds
        .iter()
        .map(|i| {
            let mut a = actual("1");
            a.indicator_id = i.id;
            a.value = Some(max);
            (i.id, a)
        })
        .collect();
    let spending = Spending { id: 1, project_id: 1, period: q(4), amount: max, reason: None, measures: None, updated_at: String::new() };
    let e = evaluate_project(&project, &inds, &actuals, Some(&spending), q(4), &Settings::default());
    assert_eq!(e.budget_execution.rate, Some(MAX_RATIO));
    // 10 (budget) + 50 (the passing 产出 indicator's equal share)
    assert_eq!(round(e.total_score, 2), d("60.00"));
    assert!(e.warnings.iter().any(|w| w.contains("数值过大")), "{:?}", e.warnings);
}

/// Indicator `id` of target `target`, and its actual `value` at quarter `q`.
fn numbered(id: i64, target: &str) -> Indicator {
    Indicator { id, ..ind("产出指标", target) }
}
fn at(id: i64, q_: u32, value: &str) -> (usize, i64, Actual) {
    let (v, unit) = crate::entry::parse_amount(value).unwrap();
    (q_ as usize - 1, id, Actual { indicator_id: id, ..quantity_actual(q(q_), v, unit) })
}
fn series_of(inds: &[Indicator], records: &[(usize, i64, Actual)]) -> Vec<IndicatorSeries> {
    let mut actuals: [HashMap<i64, Actual>; 4] = Default::default();
    for (i, id, a) in records {
        actuals[*i].insert(*id, a.clone());
    }
    indicator_series(2023, inds, &actuals, &Settings::default()).unwrap()
}
fn texts(xs: impl IntoIterator<Item = Option<Decimal>>) -> Vec<Option<String>> {
    xs.into_iter().map(|x| x.map(|d| d.to_string())).collect()
}

#[test]
fn a_cumulative_count_is_charted_against_its_pace_with_the_evaluations_lights() {
    // ≥20次: expected 5, 10, 15, 20; 4 at Q1 (80 %: green), none at Q2, 9 at Q3 (60 %: yellow), 25次 at Q4 (blue)
    let inds = [numbered(7, "≥20次")];
    let s = series_of(&inds, &[at(7, 1, "4"), at(7, 3, "9次"), at(7, 4, "25")]);
    assert_eq!(s.len(), 1);
    let x = &s[0];
    assert_eq!((x.indicator_id, x.unit.as_str(), x.target.to_string(), x.cumulative), (7, "次", "20".to_string(), true));
    assert_eq!(texts(x.points.iter().map(|p| p.expected)), some(&["5", "10", "15", "20"]));
    assert_eq!(texts(x.points.iter().map(|p| p.actual)), vec![Some("4".into()), None, Some("9".into()), Some("25".into())]);
    let lights: Vec<Light> = x.points.iter().map(|p| p.light).collect();
    assert_eq!(lights, [Light::Green, Light::Grey, Light::Yellow, Light::Blue]);
    assert_eq!(x.points.iter().map(|p| p.period.to_string()).collect::<Vec<_>>(), ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]);
    // each light and expectation is the evaluation's own: progress = actual / expected
    for (p, qn) in x.points.iter().zip(1..) {
        let a = p.actual.map(|v| quantity_actual(q(qn), v, None));
        let j = judge(&inds[0], a.as_ref().map(|a| Actual { indicator_id: 7, ..a.clone() }).as_ref(), q(qn), &Settings::default());
        assert_eq!(p.light, j.light);
        if let (Some(a), Some(e)) = (p.actual, p.expected) {
            assert_eq!(Some(ratio(a, e)), j.progress);
        }
    }
}

#[test]
fn level_limit_and_other_indicators_in_the_series() {
    let inds = [
        numbered(1, "≥95%"),           // level: no pace line, expected at its target all year
        numbered(2, "≤3000元"),        // a limit: no pace, green while within
        numbered(3, "小于等于2023年8月"), // a date: no chart
        numbered(4, "达成年度指标"),     // a label: no chart
        numbered(5, "5—6万元"),         // a cumulative range: paced from its low end
        Indicator { not_applicable: Some("无".into()), ..numbered(6, "≥3个") },
    ];
    let s = series_of(&inds, &[at(1, 2, "96%"), at(2, 1, "0.35万元"), at(5, 2, "2万元")]);
    assert_eq!(s.iter().map(|x| x.indicator_id).collect::<Vec<_>>(), [1, 2, 5]);
    assert!(!s[0].cumulative);
    assert_eq!(texts(s[0].points.iter().map(|p| p.expected)), vec![None; 4]);
    assert_eq!(s[0].points[1].light, Light::Green);
    // 0.35万元 in the target's unit: 3500元, over the limit
    assert_eq!(s[1].points[0].actual.map(|d| d.to_string()).as_deref(), Some("3500"));
    assert_eq!(s[1].points[0].light, Light::Red);
    assert_eq!(texts(s[1].points.iter().map(|p| p.expected)), vec![None; 4]);
    assert_eq!((s[2].target.to_string(), s[2].target_max.map(|d| d.to_string())), ("5".to_string(), Some("6".to_string())));
    assert_eq!(texts(s[2].points.iter().map(|p| p.expected)), some(&["1.25", "2.5", "3.75", "5"]));
    // 2 against 2.5: 80 %, green
    assert_eq!(s[2].points[1].light, Light::Green);
    assert_eq!(s[0].target_max, None);
}

#[test]
fn pace_expectation_is_the_light_s_divisor() {
    use crate::units::Accumulation::*;
    let d2 = |x: &str| d(x);
    assert_eq!(pace_expectation(Op::Ge, d2("20"), Cumulative, q(3)), Some(d2("15")));
    assert_eq!(pace_expectation(Op::Ge, d2("20"), Level, q(1)), Some(d2("20")));
    assert_eq!(pace_expectation(Op::Le, d2("20"), Cumulative, q(1)), None);
    assert_eq!(pace_expectation(Op::Lt, d2("20"), Level, q(1)), None);
    assert_eq!(pace_expectation(Op::Ge, Decimal::ZERO, Cumulative, q(1)), None);
}
