//! The judging rules of plan-indicators.md §4 on small plans, the worked
//! example of §5 exactly, and the exchange file of §6.

use super::*;
use crate::model::plan::*;
use crate::target::Op;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn plan() -> Plan {
    Plan { code: "KJ-14".into(), name: "科技创新规划".into(), document: None, issuer: None, issued_on: None, base_year: 2020, end_year: 2025, unit: None }
}

/// An indicator: baseline `(value, year)`, target `op value [value_max]` in 2025.
fn ind(name: &str, unit: &str, kind: PlanKind, direction: Direction, baseline: Option<(&str, i32)>, op: Op, value: &str, value_max: Option<&str>) -> PlanIndicator {
    PlanIndicator {
        id: "1".into(),
        section: None,
        name: name.into(),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
        kind,
        attribute: Some(Attribute::Expected),
        direction,
        baseline: baseline.map(|(v, y)| Baseline { text: v.into(), value: d(v), year: y, approx: false }),
        target: PlanTarget { text: value.into(), op: Some(op), value: Some(d(value)), value_max: value_max.map(d), year: 2025 },
        milestones: Vec::new(),
        responsible: Vec::new(),
        source: None,
    }
}

fn level(baseline: Option<(&str, i32)>, op: Op, value: &str) -> PlanIndicator {
    ind("指标", "家", PlanKind::Level, Direction::Up, baseline, op, value, None)
}

fn acts(values: &[(i32, &str)]) -> Vec<PlanActual> {
    values.iter().map(|(y, v)| PlanActual { year: *y, value: d(v), note: None }).collect()
}

fn run(i: &PlanIndicator, actuals: &[(i32, &str)], t: i32) -> PlanRow {
    judge(&plan(), i, &acts(actuals), &[], t, &PlanSettings::default()).unwrap()
}

fn status(i: &PlanIndicator, actuals: &[(i32, &str)], t: i32) -> PlanStatus {
    run(i, actuals, t).status
}

fn text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

#[test]
fn the_worked_example_of_section_5() {
    // 高新技术企业数量 4396 (2020) → 8000 (2025), 6600 in 2023
    let r = run(&level(Some(("4396", 2020)), Op::Ge, "8000"), &[(2023, "6600")], 2023);
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("6558.40".into()), Some("1.0192".into()), PlanStatus::OnTrack));
    assert_eq!(text(r.needed_per_year).as_deref(), Some("700.00"));
    assert_eq!((r.label, r.light), ("基本符合预期", PlanLight::Green));
    // 技术合同成交额 286.6 → 500, 430
    let r = run(&ind("技术合同成交额", "亿元", PlanKind::Level, Direction::Up, Some(("286.6", 2020)), Op::Ge, "500", None), &[(2023, "430")], 2023);
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("414.64".into()), Some("1.1200".into()), PlanStatus::Ahead));
    // 万名就业人员中研发人员 99.7 (2019: its own year) → 103, 101.0
    let r = run(&ind("万名就业人员中研发人员", "人年", PlanKind::Level, Direction::Up, Some(("99.7", 2019)), Op::Ge, "103", None), &[(2023, "101.0")], 2023);
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("101.90".into()), Some("0.5909".into()), PlanStatus::Behind));
    assert_eq!(r.light, PlanLight::Yellow);
    // 每万人高价值发明专利拥有量 11.2左右 → 20, 20.4: met before 2025
    let mut i = ind("每万人高价值发明专利拥有量", "件", PlanKind::Level, Direction::Up, Some(("11.2", 2020)), Op::Ge, "20", None);
    i.baseline.as_mut().unwrap().approx = true;
    let r = run(&i, &[(2023, "20.4")], 2023);
    assert_eq!((r.expected, r.progress, r.status), (None, None, PlanStatus::DoneEarly));
    // 研发经费投入年均增长 11%: 12.5, 9.8, 10.6 → P = 1.3661865 < 1.11³ = 1.367631
    let g = ind("研发经费投入年均增长", "%", PlanKind::Growth, Direction::Up, None, Op::Ge, "11", None);
    let r = run(&g, &[(2021, "12.5"), (2022, "9.8"), (2023, "10.6")], 2023);
    assert_eq!((r.status, text(r.average_growth)), (PlanStatus::Behind, Some("10.96".into())));
    assert_eq!(r.actual, Some(d("10.6")));
}

#[test]
fn inclusive_and_exclusive_operators() {
    for (op, a, want) in [
        (Op::Ge, "8000", PlanStatus::Done),
        (Op::Ge, "7999.99", PlanStatus::Missed),
        (Op::Gt, "8000", PlanStatus::Missed),
        (Op::Gt, "8000.01", PlanStatus::Done),
        (Op::Eq, "8000", PlanStatus::Done),
        (Op::Eq, "8001", PlanStatus::Missed),
    ] {
        assert_eq!(status(&level(Some(("4396", 2020)), op, "8000"), &[(2025, a)], 2025), want, "{op:?} {a}");
    }
    let down = |op| ind("能耗", "吨", PlanKind::Level, Direction::Down, Some(("3200", 2020)), op, "2700", None);
    assert_eq!(status(&down(Op::Le), &[(2025, "2700")], 2025), PlanStatus::Done);
    assert_eq!(status(&down(Op::Lt), &[(2025, "2700")], 2025), PlanStatus::Missed);
    assert_eq!(status(&down(Op::Lt), &[(2025, "2699")], 2025), PlanStatus::Done);
}

#[test]
fn about_in_percent_is_points_and_in_other_units_relative() {
    // 12%左右: a floor of 11.8 for an up indicator (plan_approx_points 0.2)
    let pct = ind("比重", "%", PlanKind::Level, Direction::Up, Some(("10", 2020)), Op::Approx, "12", None);
    assert_eq!(status(&pct, &[(2025, "11.8")], 2025), PlanStatus::Done);
    assert_eq!(status(&pct, &[(2025, "11.79")], 2025), PlanStatus::Missed);
    // 3.5亿元左右: 5% of 3.5 = 0.175
    let money = ind("收入", "亿元", PlanKind::Level, Direction::Up, Some(("2", 2020)), Op::Approx, "3.5", None);
    assert_eq!(status(&money, &[(2025, "3.325")], 2025), PlanStatus::Done);
    assert_eq!(status(&money, &[(2025, "3.32")], 2025), PlanStatus::Missed);
    // a down 左右 target is a ceiling: 8%左右 from 10%
    let down = ind("失业率", "%", PlanKind::Level, Direction::Down, Some(("10", 2020)), Op::Approx, "8", None);
    assert_eq!(status(&down, &[(2025, "8.2")], 2025), PlanStatus::Done);
    assert_eq!(status(&down, &[(2025, "8.21")], 2025), PlanStatus::Missed);
    // the settings decide the tolerance
    let s = PlanSettings::from_pairs([(settings::APPROX_POINTS.to_string(), "0.5".to_string())]).unwrap();
    assert_eq!(judge(&plan(), &pct, &acts(&[(2025, "11.5")]), &[], 2025, &s).unwrap().status, PlanStatus::Done);
}

#[test]
fn a_flat_path_and_a_milestone_without_baseline_judge_by_direction() {
    // >500 from 500: E = B in every year
    let flat = level(Some(("500", 2020)), Op::Gt, "500");
    let r = run(&flat, &[(2023, "500")], 2023);
    assert_eq!((r.status, r.progress, text(r.expected)), (PlanStatus::OnTrack, None, Some("500.00".into())));
    assert_eq!(status(&flat, &[(2023, "499")], 2023), PlanStatus::Behind);
    // a milestone without a baseline
    let mut m = level(None, Op::Ge, "200");
    m.milestones = vec![Milestone { year: 2023, value: d("100") }];
    assert_eq!(status(&m, &[(2023, "101")], 2023), PlanStatus::OnTrack);
    assert_eq!(status(&m, &[(2023, "99")], 2023), PlanStatus::Behind);
    // no baseline, no milestone: nothing to measure the pace against
    assert_eq!(status(&m, &[(2022, "99")], 2022), PlanStatus::NotYet);
    assert_eq!(run(&m, &[(2022, "99")], 2022).light, PlanLight::Yellow);
}

#[test]
fn a_milestone_is_the_expected_value_of_its_year() {
    let mut i = level(Some(("4396", 2020)), Op::Ge, "8000");
    i.milestones = vec![Milestone { year: 2023, value: d("6000") }];
    let r = run(&i, &[(2023, "5800")], 2023);
    // p = (5800 − 4396) / (6000 − 4396) = 0.8753
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("6000.00".into()), Some("0.8753".into()), PlanStatus::Behind));
    // the other years keep the straight path
    assert_eq!(text(run(&i, &[(2022, "5800")], 2022).expected).as_deref(), Some("5837.60"));
}

#[test]
fn ranges_up_and_down() {
    // 5—6 from 3: up, met from 5
    let up = ind("个数", "个", PlanKind::Level, Direction::Up, Some(("3", 2020)), Op::Range, "5", Some("6"));
    assert_eq!(status(&up, &[(2025, "5")], 2025), PlanStatus::Done);
    assert_eq!(status(&up, &[(2025, "4.9")], 2025), PlanStatus::Missed);
    // 5—6 from 8: down, met up to 6, and T = 6 for the path
    let down = ind("天数", "天", PlanKind::Level, Direction::Down, Some(("8", 2020)), Op::Range, "5", Some("6"));
    assert_eq!(status(&down, &[(2025, "6")], 2025), PlanStatus::Done);
    assert_eq!(status(&down, &[(2025, "6.1")], 2025), PlanStatus::Missed);
    let r = run(&down, &[(2023, "7")], 2023);
    // E = 8 + (6 − 8) × 3/5 = 6.8; p = (7 − 8) / (6.8 − 8) = 0.8333
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("6.80".into()), Some("0.8333".into()), PlanStatus::Behind));
}

#[test]
fn growth_through_the_product_of_the_yearly_rates() {
    let g = |op| ind("增加值年均增长", "%", PlanKind::Growth, Direction::Up, None, op, "11", None);
    let five = [(2021, "11"), (2022, "11"), (2023, "11"), (2024, "11"), (2025, "11")];
    assert_eq!(status(&g(Op::Ge), &five, 2025), PlanStatus::Done);
    assert_eq!(status(&g(Op::Gt), &five, 2025), PlanStatus::Missed, "> needs more than exactly 11% a year");
    // 年均增长11%左右: 10.8 a year is within 0.2 points
    let about = [(2021, "10.8"), (2022, "10.8"), (2023, "10.8"), (2024, "10.8"), (2025, "10.8")];
    assert_eq!(status(&g(Op::Approx), &about, 2025), PlanStatus::Done);
    assert_eq!(status(&g(Op::Ge), &about, 2025), PlanStatus::Missed);
    let low = [(2021, "10.8"), (2022, "10.8"), (2023, "10.8"), (2024, "10.8"), (2025, "10.79")];
    assert_eq!(status(&g(Op::Approx), &low, 2025), PlanStatus::Missed);
    // a high year makes up for a low one: 1.08 × 1.142 = 1.23336 ≥ 1.11² = 1.2321
    assert_eq!(status(&g(Op::Ge), &[(2021, "8"), (2022, "14.2")], 2022), PlanStatus::OnTrack);
    assert_eq!(status(&g(Op::Ge), &[(2021, "8"), (2022, "14.0")], 2022), PlanStatus::Behind);
    // a missing year: no_actual
    assert_eq!(status(&g(Op::Ge), &[(2021, "12"), (2023, "12")], 2023), PlanStatus::NoActual);
    // what the remaining years need: ((1.11^5 / P)^(1/2) − 1) × 100
    let r = run(&g(Op::Ge), &[(2021, "12.5"), (2022, "9.8"), (2023, "10.6")], 2023);
    assert_eq!(text(r.needed_per_year).as_deref(), Some("11.06"));
    // a negative year is a real rate
    assert_eq!(status(&g(Op::Ge), &[(2021, "-2"), (2022, "30")], 2022), PlanStatus::OnTrack);
}

#[test]
fn average_of_the_yearly_counts() {
    let a = ind("年均承办国际国内赛事数量", "项", PlanKind::Average, Direction::Up, None, Op::Ge, "20", None);
    let r = run(&a, &[(2021, "18"), (2022, "22"), (2023, "21")], 2023);
    assert_eq!((r.status, text(r.mean)), (PlanStatus::OnTrack, Some("20.33".into())));
    assert_eq!(status(&a, &[(2021, "18"), (2022, "20"), (2023, "21")], 2023), PlanStatus::Behind);
    assert_eq!(status(&a, &[(2021, "18"), (2023, "21")], 2023), PlanStatus::NoActual);
    // the remaining two years need (20 × 5 − 59) / 2 = 20.5 each
    assert_eq!(text(run(&a, &[(2021, "18"), (2022, "20"), (2023, "21")], 2023).needed_per_year).as_deref(), Some("20.50"));
    let five = [(2021, "18"), (2022, "22"), (2023, "21"), (2024, "19"), (2025, "20")];
    assert_eq!(status(&a, &five, 2025), PlanStatus::Done);
}

#[test]
fn annual_is_each_year_on_its_own() {
    let a = ind("每年新增就业", "万人", PlanKind::Annual, Direction::Up, None, Op::Ge, "7", None);
    assert_eq!(status(&a, &[(2021, "3"), (2023, "7")], 2023), PlanStatus::OnTrack);
    assert_eq!(status(&a, &[(2021, "9"), (2023, "6.9")], 2023), PlanStatus::Behind);
    assert_eq!(status(&a, &[(2025, "7.1")], 2025), PlanStatus::Done);
    assert_eq!(status(&a, &[(2025, "6")], 2025), PlanStatus::Missed);
    assert_eq!(status(&a, &[(2024, "8")], 2025), PlanStatus::NoActual);
}

#[test]
fn cumulative_starts_from_zero_at_the_base_year() {
    let c = ind("培育龙头企业", "家", PlanKind::Cumulative, Direction::Up, None, Op::Ge, "12", None);
    // E = 12 × 3/5 = 7.2
    let r = run(&c, &[(2023, "6")], 2023);
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("7.20".into()), Some("0.8333".into()), PlanStatus::Behind));
    assert_eq!(status(&c, &[(2023, "8")], 2023), PlanStatus::Ahead);
    assert_eq!(status(&c, &[(2023, "12")], 2023), PlanStatus::DoneEarly);
}

#[test]
fn rank_lower_is_better() {
    let r = ind("全国排名", "位", PlanKind::Rank, Direction::Down, Some(("12", 2020)), Op::Le, "5", None);
    // E = 12 + (5 − 12) × 3/5 = 7.8; p = (9 − 12)/(7.8 − 12) = 0.7143
    let row = run(&r, &[(2023, "9")], 2023);
    assert_eq!((text(row.expected), text(row.progress), row.status), (Some("7.80".into()), Some("0.7143".into()), PlanStatus::Behind));
    assert_eq!(status(&r, &[(2023, "7")], 2023), PlanStatus::Ahead);
    assert_eq!(status(&r, &[(2023, "5")], 2023), PlanStatus::DoneEarly);
    assert_eq!(status(&r, &[(2025, "6")], 2025), PlanStatus::Missed);
}

#[test]
fn down_indicators_use_the_same_progress_formula() {
    let i = ind("单位能耗", "吨", PlanKind::Level, Direction::Down, Some(("3200", 2020)), Op::Le, "2700", None);
    // E = 3200 − 500 × 3/5 = 2900; p = (3000 − 3200)/(2900 − 3200) = 0.6667
    let r = run(&i, &[(2023, "3000")], 2023);
    assert_eq!((text(r.expected), text(r.progress), r.status), (Some("2900.00".into()), Some("0.6667".into()), PlanStatus::Behind));
    assert_eq!(status(&i, &[(2023, "2880")], 2023), PlanStatus::Ahead);
}

#[test]
fn binding_indicators_need_the_full_pace_and_are_red_when_behind() {
    // p = (6500 − 4396)/(6558.4 − 4396) = 0.9730
    let mut i = level(Some(("4396", 2020)), Op::Ge, "8000");
    assert_eq!(status(&i, &[(2023, "6500")], 2023), PlanStatus::OnTrack);
    i.attribute = Some(Attribute::Binding);
    let r = run(&i, &[(2023, "6500")], 2023);
    assert_eq!((r.status, r.light), (PlanStatus::Behind, PlanLight::Red));
    assert_eq!(status(&i, &[(2023, "6560")], 2023), PlanStatus::OnTrack);
}

#[test]
fn qualitative_takes_the_recorded_verdict() {
    let mut q = level(None, Op::Ge, "1");
    q.kind = PlanKind::Qualitative;
    q.target = PlanTarget { text: "全国前列".into(), op: None, value: None, value_max: None, year: 2025 };
    let verdicts = [Verdict { year: 2023, status: PlanStatus::OnTrack, note: "排名第8".into() }];
    let s = PlanSettings::default();
    assert_eq!(judge(&plan(), &q, &[], &verdicts, 2023, &s).unwrap().status, PlanStatus::OnTrack);
    let r = judge(&plan(), &q, &[], &verdicts, 2024, &s).unwrap();
    assert_eq!((r.status, r.light), (PlanStatus::Unjudged, PlanLight::Grey));
}

#[test]
fn no_actual_for_the_year() {
    let r = run(&level(Some(("1", 2020)), Op::Ge, "2"), &[(2022, "1.5")], 2023);
    assert_eq!((r.status, r.light, r.label), (PlanStatus::NoActual, PlanLight::Grey, "未填报"));
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let g = ind("增长", "%", PlanKind::Growth, Direction::Up, None, Op::Ge, "11", None);
    let huge = "79228162514264337593543950335";
    assert!(judge(&plan(), &g, &acts(&[(2021, huge), (2022, huge), (2023, huge)]), &[], 2023, &PlanSettings::default()).is_err());
}

#[test]
fn roots_and_powers() {
    assert_eq!(judge::nth_root(d("8"), 3).map(|r| crate::display::round(r, 10)), Some(d("2.0000000000")));
    assert_eq!(judge::nth_root(d("0"), 3), None);
    assert_eq!(judge::pow(d("1.11"), 3), Some(d("1.367631")));
}

const SECTION6: &str = r#"{"format": "jixiao-plan", "version": 1,
 "plans": [{"code": "KJ-14", "name": "青岛市“十四五”科技创新规划", "document": "青政办发〔2021〕11号",
   "issuer": "青岛市人民政府办公厅", "issued_on": "2021-09-01", "base_year": 2020, "end_year": 2025,
   "indicators": [{"id": "5", "section": "青岛市“十四五”科技创新发展主要指标", "name": "高新技术企业数量",
     "unit": "家", "kind": "level", "attribute": "预期性", "direction": "up",
     "baseline": {"text": "4396", "value": "4396", "year": 2020, "approx": false},
     "target": {"text": "8000", "op": "≥", "value": "8000", "value_max": null, "year": 2025},
     "milestones": [], "responsible": [{"unit": "市科技局", "role": "牵头"}],
     "actuals": [{"year": 2023, "value": "6600", "note": "统计公报"}], "verdicts": []},
    {"id": "8", "section": null, "name": "创新能力", "unit": null, "kind": "qualitative", "attribute": null, "direction": "up",
     "baseline": null, "target": {"text": "全国前列", "op": null, "value": null, "value_max": null, "year": 2025},
     "milestones": [], "responsible": [], "actuals": [], "verdicts": [{"year": 2023, "status": "on_track", "note": "第8位"}]}]}]}"#;

#[test]
fn the_exchange_file_of_section_6_reads_and_writes_back_unchanged() {
    let f = parse_file(SECTION6).unwrap();
    check_file(&f).unwrap();
    let x = &f.plans[0].indicators[0];
    assert_eq!(x.indicator.target.op, Some(Op::Ge));
    assert_eq!(x.actuals[0].value, d("6600"));
    let back: serde_json::Value = serde_json::to_value(&f).unwrap();
    let orig: serde_json::Value = serde_json::from_str(SECTION6).unwrap();
    assert_eq!(back, orig);
}

#[test]
fn a_bad_file_is_refused_naming_plan_and_indicator() {
    let bad = |from: &str, to: &str| {
        let f = parse_file(&SECTION6.replacen(from, to, 1)).and_then(|f| check_file(&f).map(|_| f));
        f.err().map(|e| e.to_string()).unwrap_or_default()
    };
    assert!(bad(r#""8000", "value_max": null, "year": 2025"#, r#""8000", "value_max": null, "year": 2027"#).contains("不在规划期间"));
    let e = bad(r#""op": "≥", "value": "8000""#, r#""op": null, "value": null"#);
    assert!(e.contains("既没有数值也不是定性表述") && e.contains("高新技术企业数量"), "{e}");
    assert!(bad(r#""year": 2023, "value": "6600""#, r#""year": 2026, "value": "6600""#).contains("2026"));
    assert!(bad(r#""note": "第8位""#, r#""note": " ""#).contains("说明"));
    assert!(bad(r#""id": "8""#, r#""id": "5""#).contains("重复"));
    assert!(bad(r#""jixiao-plan""#, r#""jixiao""#).contains("jixiao-plan"));
    assert!(bad(r#""kind": "level""#, r#""kind": "levels""#).contains("levels"));
    assert!(bad(r#""value": "4396", "year": 2020"#, r#""value": "4396", "year": 2025"#).contains("基期年"));
}
