//! The service over a real store: round trips, the change log, editing a target table.

use crate::model::{ActualInput, Budget, EvaluationTexts, MoneyUnit, Period, PlanPoint, SpendingInput};
use crate::service::{self, editing, exchange};
use crate::model::{IndicatorInput, ProjectInput};
use crate::target::{Kind, Op};
use crate::service::Store;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn store_with_project() -> (Store, i64) {
    let mut s = service::open_in_memory().unwrap();
    s.set_who("张会计");
    editing::save_unit(&mut s, "100001", "测试单位", None).unwrap();
    let p = editing::create_project(&mut s, &ProjectInput {
            year: 2024,
            code: "P-1".into(),
            name: "测试项目".into(),
            unit_code: "100001".into(),
            money_unit: MoneyUnit::WanYuan,
            budget: Budget { total: Some(d("9216.72")), fiscal: Some(d("9000.10")), other: Some(d("216.62")), adjusted: None },
            fund_use: Some("用途".into()),
            goal: Some("目标".into()),
            spending_plan: vec![PlanPoint { month: 3, amount: None }, PlanPoint { month: 6, amount: Some(d("4000.00")) }],
            texts: EvaluationTexts::default(),
        })
        .unwrap();
    (s, p.id)
}

fn indicator(level3: &str, target: &str) -> IndicatorInput {
    IndicatorInput { level1: "产出指标".into(), level2: "数量指标".into(), level3: level3.into(), target_text: target.into(), ..Default::default() }
}

#[test]
fn decimals_come_back_exactly() {
    let (s, id) = store_with_project();
    let p = s.project_by_id(id).unwrap();
    assert_eq!(p.budget.total.unwrap().to_string(), "9216.72");
    assert_eq!(p.budget.fiscal.unwrap().to_string(), "9000.10");
    assert_eq!(p.spending_plan[1].amount.unwrap().to_string(), "4000.00");
    assert_eq!(p.spending_plan[0].amount, None);
}

#[test]
fn every_write_of_a_target_actual_or_spending_is_logged() {
    let (mut s, pid) = store_with_project();
    let ind = editing::create_indicator(&mut s, pid, &indicator("培训人次", "≥1,000人次")).unwrap();
    let q2 = Period::parse("2024Q2").unwrap();
    service::saving::save_actual(&mut s, ind.id, q2, &ActualInput { value: Some("400".into()), ..Default::default() }, true).unwrap();
    service::saving::save_actual(&mut s, ind.id, q2, &ActualInput { value: Some("450".into()), ..Default::default() }, true).unwrap();
    service::saving::save_spending(&mut s, pid, q2, &SpendingInput { amount: Some("3,000".into()), ..Default::default() }, true).unwrap();
    editing::delete_indicator(&mut s, ind.id).unwrap();
    let log = s.change_log(100).unwrap();
    let actions: Vec<(String, String)> = log.iter().rev().map(|r| (r.entity.clone(), r.action.clone())).collect();
    let pairs: Vec<(&str, &str)> = actions.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        pairs,
        vec![("target", "insert"), ("actual", "insert"), ("actual", "update"), ("spending", "insert"), ("actual", "delete"), ("target", "delete")]
    );
    assert!(log.iter().all(|r| r.who == "张会计"));
    let update = log.iter().find(|r| r.action == "update").unwrap();
    assert!(update.old_value.as_deref().unwrap().contains("\"400\"") && update.new_value.as_deref().unwrap().contains("\"450\""));
}

#[test]
fn a_table_is_edited_reordered_and_deleted_with_care() {
    let (mut s, pid) = store_with_project();
    let a = editing::create_indicator(&mut s, pid, &indicator("甲", "≥1个")).unwrap();
    let b = editing::create_indicator(&mut s, pid, &indicator("乙", "不晚于9月份")).unwrap();
    let c = editing::create_indicator(&mut s, pid, &indicator("丙", "≥abc")).unwrap();
    assert_eq!(b.target.date.as_deref(), Some("2024-09"));
    assert_eq!(c.target.kind, Kind::NotUnderstood);
    // reorder: 丙 first
    let order: Vec<String> = editing::move_indicator(&mut s, c.id, 1).unwrap().into_iter().map(|i| i.level3).collect();
    assert_eq!(order, ["丙", "甲", "乙"]);
    // the officer corrects the understanding by hand; a new text drops the correction
    let mut t = c.target.clone();
    t.kind = Kind::Quantity;
    t.op = Some(Op::Ge);
    t.value = Some(d("3"));
    t.unit = Some("个".into());
    let fixed = editing::set_target_understanding(&mut s, c.id, Some(&t)).unwrap();
    assert!(fixed.target_manual);
    assert_eq!(fixed.target.value, Some(d("3")));
    let incomplete = crate::target::Target { kind: Kind::Quantity, ..crate::target::Target::not_understood() };
    assert!(editing::set_target_understanding(&mut s, c.id, Some(&incomplete)).is_err());
    let mut edit = indicator("丙", "≥4个");
    edit.weight = Some(d("10"));
    let edited = editing::update_indicator(&mut s, c.id, &edit).unwrap();
    assert!(!edited.target_manual);
    assert_eq!(edited.target.value, Some(d("4")));
    // changing the project's year re-reads month-only deadlines
    let mut input = ProjectInput::from(&s.project_by_id(pid).unwrap());
    input.year = 2025;
    editing::update_project(&mut s, pid, &input).unwrap();
    assert_eq!(s.indicator(b.id).unwrap().target.date.as_deref(), Some("2025-09"));
    // deleting says what goes with it
    let q4 = Period::parse("2025Q4").unwrap();
    service::saving::save_actual(&mut s, a.id, q4, &ActualInput { value: Some("1".into()), ..Default::default() }, true).unwrap();
    assert_eq!(editing::indicator_dependents(&s, a.id).unwrap(), 1);
    assert_eq!(editing::project_dependents(&s, pid).unwrap(), editing::ProjectDependents { indicators: 3, actuals: 1, spending: 0 });
    editing::delete_project(&mut s, pid).unwrap();
    assert!(s.projects(None, None).unwrap().is_empty());
}

#[test]
fn an_empty_entry_clears_the_record() {
    let (mut s, pid) = store_with_project();
    let a = editing::create_indicator(&mut s, pid, &indicator("甲", "≥1个")).unwrap();
    let q = Period::parse("2024Q4").unwrap();
    assert!(service::saving::save_actual(&mut s, a.id, q, &ActualInput { value: Some("2".into()), ..Default::default() }, true).unwrap().record.is_some());
    assert!(service::saving::save_actual(&mut s, a.id, q, &ActualInput::default(), true).unwrap().record.is_none());
    assert!(s.actual(a.id, q).unwrap().is_none());
    // a period outside the project's year is refused
    let e = service::saving::save_actual(&mut s, a.id, Period::parse("2023Q4").unwrap(), &ActualInput { value: Some("2".into()), ..Default::default() }, true);
    assert!(e.unwrap_err().to_string().contains("2024"));
}

#[test]
fn the_import_is_one_transaction() {
    // a file whose second project breaks a rule is refused before anything is written
    let mut s = service::open_in_memory().unwrap();
    let text = r#"{"format": "jixiao-exchange", "version": 1, "units": [{"code": "1", "name": "单位"}],
        "projects": [{"year": 2024, "code": "A", "unit": "1", "name": "甲"},
                     {"year": 2024, "code": "B", "unit": "1", "name": "乙", "money_unit": "美元"}]}"#;
    assert!(exchange::import_str(&mut s, text).is_err());
    assert!(s.is_empty().unwrap());

    // A valid file whose writing fails half-way leaves nothing of itself either: the
    // database (through a trigger another connection adds) refuses the actual of project
    // 乙, after the unit, project 甲 with its two indicators and an actual, and project 乙
    // with its indicators are written; without one transaction around the import, those
    // would stay.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jixiao.sqlite3");
    let mut s = Store::open(&path).unwrap();
    editing::save_unit(&mut s, "9", "已有单位", None).unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "CREATE TRIGGER refuse_second_actual BEFORE INSERT ON actuals
         WHEN (SELECT count(*) FROM actuals) = 1
         BEGIN SELECT RAISE(ABORT, '磁盘已满（测试）'); END;",
    )
    .unwrap();
    let ind = |name: &str| format!(r#"{{"level1": "产出指标", "level2": "数量指标", "level3": "{name}", "target": "≥10个"}}"#);
    let text = format!(
        r#"{{"format": "jixiao-exchange", "version": 1, "units": [{{"code": "1", "name": "单位"}}],
        "projects": [{{"year": 2024, "code": "A", "unit": "1", "name": "甲", "indicators": [{}, {}],
                       "actuals": [{{"indicator": "甲一", "period": "2024Q1", "value": "3个"}}]}},
                     {{"year": 2024, "code": "B", "unit": "1", "name": "乙", "indicators": [{}, {}],
                       "actuals": [{{"indicator": "乙二", "period": "2024Q2", "value": "5个"}}]}}]}}"#,
        ind("甲一"),
        ind("甲二"),
        ind("乙一"),
        ind("乙二")
    );
    let count = |table: &str| -> i64 { db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap() };
    let tables = ["units", "projects", "spending_plan", "indicators", "actuals", "spending", "change_log"];
    let before: Vec<i64> = tables.iter().map(|t| count(t)).collect();
    assert_eq!(before[..5], [1, 0, 0, 0, 0]);
    let err = exchange::import_str(&mut s, &text).expect_err("the second actual cannot be written").to_string();
    assert!(err.contains("磁盘已满（测试）"), "the database's refusal reaches the caller: {err}");
    let after: Vec<i64> = tables.iter().map(|t| count(t)).collect();
    assert_eq!(after, before, "rows in {tables:?}: nothing of the failed import stays");
    let units: Vec<String> = s.units().unwrap().into_iter().map(|u| u.code).collect();
    assert_eq!(units, ["9"], "only the unit that was there before");
    assert!(s.projects(None, None).unwrap().is_empty());

    // the same file imports whole once the database takes it (so the trigger fired
    // half-way through the writing, not on a file the checks refuse)
    db.execute_batch("DROP TRIGGER refuse_second_actual").unwrap();
    let summary = exchange::import_str(&mut s, &text).unwrap();
    assert_eq!((summary.projects, summary.indicators, summary.actuals), (2, 4, 2));
    assert_eq!((count("projects"), count("indicators"), count("actuals")), (2, 4, 2));
}

#[test]
fn check_actual_answers_like_set_actual_and_writes_nothing() {
    let (mut s, pid) = store_with_project();
    let ind = editing::create_indicator(&mut s, pid, &indicator("培训人次", "≥1,000人次")).unwrap();
    let q2 = Period::parse("2024Q2").unwrap();
    let wrong = ActualInput { value: Some("100元".into()), ..Default::default() };
    let checked = service::saving::check_actual(&s, ind.id, q2, &wrong).unwrap_err().to_string();
    let set = service::saving::save_actual(&mut s, ind.id, q2, &wrong, true).unwrap_err().to_string();
    assert_eq!(checked, set, "one rule, one message");
    assert!(checked.contains("培训人次"), "{checked}");
    let not_number = ActualInput { value: Some("很多".into()), ..Default::default() };
    assert!(service::saving::check_actual(&s, ind.id, q2, &not_number).unwrap_err().to_string().contains("不是数字"));
    let other_year = Period::parse("2023Q2").unwrap();
    let right = ActualInput { value: Some("400人次".into()), ..Default::default() };
    assert!(service::saving::check_actual(&s, ind.id, other_year, &right).is_err());
    service::saving::check_actual(&s, ind.id, q2, &right).unwrap();
    assert_eq!(s.actual(ind.id, q2).unwrap(), None, "checking writes nothing");
    assert!(s.change_log(100).unwrap().iter().all(|r| r.entity != "actual"));
}

#[test]
fn money_quarters_interpolate_the_plan_and_carry_the_money_light() {
    let (mut s, pid) = store_with_project();
    let q2 = Period::parse("2024Q2").unwrap();
    service::saving::save_spending(&mut s, pid, q2, &SpendingInput { amount: Some("2,000".into()), ..Default::default() }, true).unwrap();
    let qs = service::money_quarters(&s, pid).unwrap();
    let periods: Vec<String> = qs.iter().map(|q| q.period.to_string()).collect();
    assert_eq!(periods, ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]);
    // plan: 3月底 blank, 6月底 4000, the year's budget 9216.72 at 12月底 (linear in between)
    let planned: Vec<Decimal> = qs.iter().map(|q| q.execution.planned).collect();
    assert_eq!(planned, [d("2000"), d("4000"), d("6608.36"), d("9216.72")]);
    assert!(qs[0].spending.is_none());
    assert_eq!(qs[1].spending.as_ref().unwrap().amount, d("2000"));
    // 2000 of 4000 planned: 50 % of the time-progress, a red light that needs explaining
    assert_eq!(qs[1].execution.progress, Some(d("0.5")));
    assert_eq!(format!("{:?}", qs[1].execution.light), "Red");
    assert!(qs[1].execution.explanation_missing);
}

#[test]
fn an_entry_in_the_app_answers_with_the_projects_new_evaluation() {
    let (mut s, pid) = store_with_project();
    let ind = editing::create_indicator(&mut s, pid, &indicator("培训人次", "≥1,000人次")).unwrap();
    let q2 = Period::parse("2024Q2").unwrap();
    let entered = |s: &mut crate::service::Store, v: &str| {
        service::saving::save_actual(s, ind.id, q2, &ActualInput { value: Some(v.into()), ..Default::default() }, false).unwrap().evaluation
    };
    let half = entered(&mut s, "500");
    let full = entered(&mut s, "1000");
    let row = |e: &crate::scoring::ProjectEvaluation| e.indicators.iter().find(|i| i.indicator_id == ind.id).unwrap().score.clone();
    assert!(row(&half) < row(&full), "{:?} then {:?}", row(&half), row(&full));
    // the same as evaluating the project afresh
    let code = s.project_by_id(pid).unwrap().code;
    let again = service::evaluate(&s, q2, None, Some(&code)).unwrap();
    assert_eq!(again.projects[0].total_score, full.total_score);
}


/// 项目详情's charts on the sample bureau: every point's light is the one the
/// evaluation of that quarter gives the indicator, and its actual is the one entered.
#[test]
fn the_charts_series_are_the_evaluations_quarter_by_quarter() {
    let mut s = service::open_in_memory().unwrap();
    service::demo::load_demo(&mut s).unwrap();
    let projects = service::records::projects(&s, Some(2023), None).unwrap();
    let mut points = 0;
    for p in &projects {
        let series = service::indicator_series(&s, p.id).unwrap();
        for q in 1..=4 {
            let period = Period::new(2023, q).unwrap();
            let ev = service::evaluate(&s, period, None, Some(&p.code)).unwrap().projects.remove(0);
            let actuals = service::records::actuals(&s, p.id, period).unwrap();
            for x in &series {
                let row = ev.indicators.iter().find(|r| r.indicator_id == x.indicator_id).unwrap();
                let point = &x.points[q as usize - 1];
                assert_eq!(point.light, row.light, "{} {period}", x.level3);
                assert_eq!(point.period, period);
                // in the target's unit; the sample's actuals are typed in it
                assert_eq!(point.actual, actuals.get(&x.indicator_id).and_then(|a| a.value).map(|v| v.normalize()), "{} {period}", x.level3);
                if point.actual.is_some() {
                    points += 1;
                }
            }
        }
    }
    assert!(points > 10, "the sample has actuals in the charts ({points})");
}

/// The 总览 is kept in the file and answered from there until the next write:
/// a kept one planted with a wrong figure comes back as kept (so the kept one
/// is what answers), and any write (an actual, a setting) makes it be summed
/// up afresh, equal to one made without anything kept.
#[test]
fn the_overview_is_kept_until_the_next_write() {
    use crate::store::Kept;
    let (mut s, pid) = store_with_project();
    let ind = editing::create_indicator(&mut s, pid, &indicator("培训人次", "≥1,000人次")).unwrap();
    let q2 = Period::parse("2024Q2").unwrap();
    let first = service::overview::overview(&s, 2024, None).unwrap();
    assert_eq!(first.quarters[1].lights.none, 1);

    // what answers is the kept text while nothing was written
    let mut kept = s.kept_overview(2024, "").unwrap().expect("the 总览 is kept");
    assert_eq!(kept.revision, s.revision().unwrap());
    let planted = kept.body.replacen("\"projects\":1", "\"projects\":7", 1);
    assert_ne!(planted, kept.body);
    kept.body = planted;
    s.keep_overview(2024, "", &kept).unwrap();
    assert_eq!(service::overview::overview(&s, 2024, None).unwrap().projects, 7);
    // another unit's or year's 总览 is kept on its own
    assert_eq!(service::overview::overview(&s, 2024, Some("100001")).unwrap().projects, 1);

    // an actual saved: summed up afresh
    service::saving::save_actual(&mut s, ind.id, q2, &ActualInput { value: Some("1000".into()), ..Default::default() }, false).unwrap();
    let after = service::overview::overview(&s, 2024, None).unwrap();
    assert_eq!(after.projects, 1);
    assert_eq!(after.quarters[1].lights.none, 0);
    // equal to one made with nothing kept
    s.keep_overview(2024, "", &Kept { revision: -1, program: String::new(), body: String::new() }).unwrap();
    assert_eq!(service::overview::overview(&s, 2024, None).unwrap(), after);

    // a setting changed is a write too
    let before = s.revision().unwrap();
    service::set_setting(&mut s, "light_red_below", Some("0.5")).unwrap();
    assert!(s.revision().unwrap() > before);
    assert_ne!(s.kept_overview(2024, "").unwrap().unwrap().revision, s.revision().unwrap());
}
