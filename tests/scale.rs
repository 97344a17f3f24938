//! The project list a page at a time (`service::list`) on a synthetic bureau:
//! totals, pages, orders, search and filters agree with `service::evaluate`
//! over the same projects.

use jixiao::model::{ActualInput, Period};
use jixiao::review::Severity;
use jixiao::scoring::{Light, ProjectEvaluation, round};
use jixiao::service::list::{ListQuery, MAX_LIMIT, ProjectSummaryRow, SortKey, project_page};
use jixiao::service::synthetic::{SyntheticOptions, load_synthetic};
use jixiao::service::{self};
use jixiao::service::Store;
use std::collections::BTreeSet;

const YEAR: i32 = 2024;
const N: usize = 90;

fn bureau() -> Store {
    let mut store = service::open_in_memory().unwrap();
    load_synthetic(&mut store, &SyntheticOptions { projects: N, seed: 11, year: YEAR }).unwrap();
    store
}

fn q2() -> Period {
    Period::new(YEAR, 2).unwrap()
}

/// Every row of the list for `q`, page by page.
fn all_pages(store: &Store, mut q: ListQuery, limit: u32) -> (u32, Vec<ProjectSummaryRow>) {
    q.limit = limit;
    let mut rows = Vec::new();
    let mut total = None;
    loop {
        let page = project_page(store, &q).unwrap();
        assert_eq!(page.offset, q.offset);
        assert!(page.rows.len() <= limit as usize);
        assert!(*total.get_or_insert(page.total) == page.total, "the total does not change from page to page");
        if page.rows.is_empty() {
            break;
        }
        q.offset += page.rows.len() as u32;
        rows.extend(page.rows);
    }
    (total.unwrap(), rows)
}

/// The row the list should show for an evaluated project.
fn assert_agrees(row: &ProjectSummaryRow, e: &ProjectEvaluation) {
    assert_eq!((row.id, row.code.as_str(), row.name.as_str(), row.unit.as_str()), (e.project_id, e.code.as_str(), e.name.as_str(), e.unit.as_str()));
    assert_eq!(row.score, round(e.total_score, 2), "{}", e.code);
    assert_eq!(row.grade, e.grade);
    assert_eq!(row.budget, round(e.budget_execution.budget, 2));
    assert_eq!(row.spent, round(e.budget_execution.spent, 2));
    assert_eq!(row.rate, e.budget_execution.rate.map(|r| round(r, 4)));
    assert_eq!(row.rate_pct, e.budget_execution.rate_pct);
    assert_eq!(row.money_light, e.budget_execution.light);
    let count = |l: Light| e.indicators.iter().filter(|i| i.light == l).count() as u32;
    assert_eq!(
        (row.lights.red, row.lights.yellow, row.lights.green, row.lights.blue, row.lights.grey),
        (count(Light::Red), count(Light::Yellow), count(Light::Green), count(Light::Blue), count(Light::Grey))
    );
    let missing = e.unexplained_rows().count() + usize::from(e.budget_execution.explanation_missing);
    assert_eq!(row.missing_explanations as usize, missing);
}

fn codes(rows: &[ProjectSummaryRow]) -> Vec<&str> {
    rows.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn pages_by_code_add_up_to_the_evaluation() {
    let store = bureau();
    for period in [q2(), Period::year_end(YEAR)] {
        let ev = service::evaluate(&store, period, None, None).unwrap();
        let (total, rows) = all_pages(&store, ListQuery::new(period, 0), 25);
        assert_eq!(total as usize, N);
        assert_eq!(rows.len(), N);
        for (row, e) in rows.iter().zip(&ev.projects) {
            assert_agrees(row, e);
        }
        // descending is the same rows reversed
        let (_, back) = all_pages(&store, ListQuery { descending: true, ..ListQuery::new(period, 0) }, 40);
        assert_eq!(codes(&back), codes(&rows).into_iter().rev().collect::<Vec<_>>());
    }
    // past the end: the total, no rows
    let page = project_page(&store, &ListQuery { offset: 500, ..ListQuery::new(q2(), 10) }).unwrap();
    assert_eq!((page.total as usize, page.rows.len()), (N, 0));
}

#[test]
fn every_order_sorts_the_evaluated_rows() {
    let store = bureau();
    let ev = service::evaluate(&store, q2(), None, None).unwrap();
    let by_code = |code: &str| ev.projects.iter().find(|p| p.code == code).unwrap();
    let keys = [SortKey::Code, SortKey::Name, SortKey::Unit, SortKey::Budget, SortKey::Spent, SortKey::Rate, SortKey::Red, SortKey::Yellow, SortKey::Score, SortKey::Grade, SortKey::Review];
    for key in keys {
        for descending in [false, true] {
            let (total, rows) = all_pages(&store, ListQuery { sort: key, descending, ..ListQuery::new(q2(), 0) }, 17);
            assert_eq!((total as usize, rows.len()), (N, N), "{key:?}");
            for r in &rows {
                assert_agrees(r, by_code(&r.code));
            }
            let all: BTreeSet<&str> = codes(&rows).into_iter().collect();
            assert_eq!(all.len(), N, "{key:?}: each project once");
            for w in rows.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let grade = |g: &str| ["优", "良", "中", "差"].iter().position(|x| *x == g).unwrap();
                let rate = |r: &ProjectSummaryRow| (r.rate.is_none(), r.rate);
                let ord = match key {
                    SortKey::Code => a.code.cmp(&b.code),
                    SortKey::Name => a.name.cmp(&b.name),
                    SortKey::Unit => a.unit_name.cmp(&b.unit_name),
                    SortKey::Budget => a.budget.cmp(&b.budget),
                    SortKey::Spent => a.spent.cmp(&b.spent),
                    SortKey::Rate => rate(a).cmp(&rate(b)),
                    SortKey::Red => a.lights.red.cmp(&b.lights.red),
                    SortKey::Yellow => a.lights.yellow.cmp(&b.lights.yellow),
                    SortKey::Score => a.score.cmp(&b.score),
                    SortKey::Grade => grade(&a.grade).cmp(&grade(&b.grade)),
                    SortKey::Review => (a.review_errors, a.review_warnings).cmp(&(b.review_errors, b.review_warnings)),
                };
                let ord = if descending { ord.reverse() } else { ord };
                assert!(ord.is_le(), "{key:?} desc={descending}: {} before {}", a.code, b.code);
                // (scores and rates are shown rounded, and sorted exact)
                if ord.is_eq() && ![SortKey::Code, SortKey::Score, SortKey::Rate].contains(&key) {
                    assert!(a.code < b.code, "{key:?}: ties by code");
                }
            }
        }
    }
    // the scores are spread out enough for the order to mean something
    let scores: BTreeSet<String> = ev.projects.iter().map(|p| round(p.total_score, 2).to_string()).collect();
    assert!(scores.len() > N / 2, "{scores:?}");
}

#[test]
fn search_unit_light_and_grade_filter_as_the_evaluation_says() {
    let store = bureau();
    let ev = service::evaluate(&store, q2(), None, None).unwrap();
    let expect = |keep: &dyn Fn(&ProjectEvaluation) -> bool| -> Vec<&str> { ev.projects.iter().filter(|p| keep(p)).map(|p| p.code.as_str()).collect() };

    // by part of the code, any case, and by part of the name
    let part = ev.projects[7].code[10..].to_lowercase();
    let (_, rows) = all_pages(&store, ListQuery { search: Some(format!(" {part} ")), ..ListQuery::new(q2(), 0) }, 50);
    assert_eq!(codes(&rows), expect(&|p| p.code.to_lowercase().contains(&part)));
    assert!(!rows.is_empty());
    let (_, rows) = all_pages(&store, ListQuery { search: Some("养老".into()), ..ListQuery::new(q2(), 0) }, 50);
    assert_eq!(codes(&rows), expect(&|p| p.name.contains("养老")));

    // a department (系统) takes its sub-units' projects, as evaluate does
    let unit = "501000";
    let of_unit = service::evaluate(&store, q2(), Some(unit), None).unwrap();
    let (total, rows) = all_pages(&store, ListQuery { unit: Some(unit.into()), ..ListQuery::new(q2(), 0) }, 50);
    assert_eq!(codes(&rows), of_unit.projects.iter().map(|p| p.code.as_str()).collect::<Vec<_>>());
    assert!(total > 0 && (total as usize) < N);

    for light in [Light::Red, Light::Yellow, Light::Green, Light::Grey] {
        let has = |p: &ProjectEvaluation| p.budget_execution.light == light || p.indicators.iter().any(|i| i.light == light);
        let (total, rows) = all_pages(&store, ListQuery { light: Some(light), ..ListQuery::new(q2(), 0) }, 30);
        assert_eq!(codes(&rows), expect(&has), "{light:?}");
        assert_eq!(total as usize, rows.len());
    }
    let red = expect(&|p| p.indicators.iter().any(|i| i.light == Light::Red) || p.budget_execution.light == Light::Red);
    assert!(!red.is_empty() && red.len() < N, "some projects have a red light, not all");

    let mut seen = 0;
    for grade in ["优", "良", "中", "差"] {
        let (_, rows) = all_pages(&store, ListQuery { grade: Some(grade.into()), ..ListQuery::new(q2(), 0) }, 30);
        assert_eq!(codes(&rows), expect(&|p| p.grade == grade), "{grade}");
        seen += rows.len();
    }
    assert_eq!(seen, N);

    // filters combine, and the order of a filtered list is the one SQL gives unfiltered
    let q = ListQuery { sort: SortKey::Name, descending: true, light: Some(Light::Red), unit: Some(unit.into()), ..ListQuery::new(q2(), 0) };
    let (_, filtered) = all_pages(&store, q.clone(), 7);
    let (_, unfiltered) = all_pages(&store, ListQuery { light: None, ..q }, 7);
    let kept: Vec<&str> = codes(&unfiltered).into_iter().filter(|c| filtered.iter().any(|r| r.code == *c)).collect();
    assert_eq!(codes(&filtered), kept);
}

#[test]
fn a_new_actual_shows_in_the_list_at_once() {
    let mut store = bureau();
    let q = ListQuery { sort: SortKey::Score, ..ListQuery::new(Period::year_end(YEAR), 1) };
    let lowest = project_page(&store, &q).unwrap().rows.remove(0);
    let project = jixiao::service::records::project_by_id(&store, lowest.id).unwrap();
    let ind = jixiao::service::records::indicators(&store, project.id)
        .unwrap()
        .into_iter()
        .find(|i| i.target.kind == jixiao::target::Kind::Label)
        .or_else(|| jixiao::service::records::indicators(&store, project.id).unwrap().into_iter().next())
        .unwrap();
    let input = match ind.target.kind {
        jixiao::target::Kind::Label => ActualInput { level: Some(jixiao::model::Level::Achieved), ..Default::default() },
        jixiao::target::Kind::Date => ActualInput { done_on: Some(format!("{YEAR}-01-31")), ..Default::default() },
        _ => ActualInput { value: ind.target.value.map(|v| (v * rust_decimal::Decimal::from(2)).to_string()), ..Default::default() },
    };
    service::saving::save_actual(&mut store, ind.id, Period::year_end(YEAR), &input, true).unwrap();
    let ev = service::evaluate(&store, Period::year_end(YEAR), None, Some(&project.code)).unwrap();
    let (_, rows) = all_pages(&store, ListQuery { search: Some(project.code.clone()), ..q }, 5);
    assert_agrees(&rows[0], &ev.projects[0]);
}

#[test]
fn a_request_out_of_bounds_is_refused() {
    let store = bureau();
    let e = project_page(&store, &ListQuery::new(q2(), MAX_LIMIT + 1)).unwrap_err();
    assert!(e.to_string().contains("每页最多"), "{e}");
    let e = project_page(&store, &ListQuery { grade: Some("A".into()), ..ListQuery::new(q2(), 10) }).unwrap_err();
    assert!(e.to_string().contains("等级"), "{e}");
    // another year: nothing, and no error
    let page = project_page(&store, &ListQuery::new(Period::year_end(YEAR + 1), 10)).unwrap();
    assert_eq!((page.total, page.rows.len()), (0, 0));
}

/// The list's row of one project, as the list shows it now.
fn row_of(store: &Store, period: Period, code: &str) -> ProjectSummaryRow {
    let page = project_page(store, &ListQuery { search: Some(code.into()), ..ListQuery::new(period, 5) }).unwrap();
    page.rows.into_iter().find(|r| r.code == code).unwrap()
}

fn agrees_with_evaluate(store: &Store, period: Period) {
    let ev = service::evaluate(store, period, None, None).unwrap();
    let (_, rows) = all_pages(store, ListQuery { sort: SortKey::Score, ..ListQuery::new(period, 0) }, 200);
    for e in &ev.projects {
        assert_agrees(rows.iter().find(|r| r.code == e.code).unwrap(), e);
    }
    agrees_with_review(store, period, &rows);
}

/// The rows' counts of review findings are those of `jixiao review`.
fn agrees_with_review(store: &Store, period: Period, rows: &[ProjectSummaryRow]) {
    let review = jixiao::service::review::review_year(store, period.year, None, None).unwrap();
    assert_eq!(review.projects.len(), rows.len());
    for p in &review.projects {
        let row = rows.iter().find(|r| r.code == p.code).unwrap();
        let count = |s| p.review.count(s) as u32;
        assert_eq!((row.review_errors, row.review_warnings), (count(Severity::Error), count(Severity::Warning)), "{}", p.code);
    }
}

#[test]
fn the_review_counts_follow_last_years_record() {
    let mut store = bureau();
    let next = YEAR + 1;
    let file = jixiao::service::synthetic::generate(&SyntheticOptions { projects: N, seed: 11, year: next }).unwrap();
    jixiao::service::exchange::import(&mut store, &file).unwrap();
    let q4 = Period::year_end(next);
    let (_, rows) = all_pages(&store, ListQuery { sort: SortKey::Review, descending: true, ..ListQuery::new(q4, 0) }, 50);
    agrees_with_review(&store, q4, &rows);
    assert!(rows.iter().any(|r| r.review_errors + r.review_warnings > 0), "the synthetic tables have findings");
    // a 2025 target of `≥` kind whose 2024 record is found: last year's Q4
    // actual raised far above it makes a `below-last-year` warning in 2025
    let last_year = jixiao::service::records::projects(&store, Some(YEAR), None).unwrap();
    let (row, ind, prev_ind) = rows
        .iter()
        .find_map(|row| {
            let p = jixiao::service::records::project_by_id(&store, row.id).unwrap();
            let prev = jixiao::review::find_previous(&p, &last_year)?;
            let prev_inds = jixiao::service::records::indicators(&store, prev.id).unwrap();
            let now = jixiao::service::review::review_project(&store, p.id).unwrap();
            jixiao::service::records::indicators(&store, p.id).unwrap().into_iter().find_map(|i| {
                let flagged = now.review.findings.iter().any(|f| f.rule == jixiao::review::Rule::BelowLastYear && f.indicator.as_deref() == Some(i.level3.as_str()));
                let ok = !flagged && i.target.kind == jixiao::target::Kind::Quantity && i.target.op == Some(jixiao::target::Op::Ge) && i.target.value.is_some();
                let same = prev_inds.iter().find(|x| x.level3 == i.level3 && x.target.unit_str() == i.target.unit_str())?;
                ok.then(|| (row.clone(), i.clone(), same.clone()))
            })
        })
        .expect("a project of 2025 found in 2024 with a `≥` target");
    let high = (ind.target.value.unwrap() * rust_decimal::Decimal::from(1000)).to_string();
    service::saving::save_actual(&mut store, prev_ind.id, Period::year_end(YEAR), &ActualInput { value: Some(high), ..Default::default() }, true).unwrap();
    let fresh = jixiao::service::review::review_project(&store, row.id).unwrap();
    assert!(fresh.review.findings.iter().any(|f| f.rule == jixiao::review::Rule::BelowLastYear && f.indicator.as_deref() == Some(ind.level3.as_str())), "{fresh:?}");
    let (_, rows) = all_pages(&store, ListQuery { sort: SortKey::Review, ..ListQuery::new(q4, 0) }, 50);
    agrees_with_review(&store, q4, &rows);
    let after = row_of(&store, q4, &row.code);
    assert_eq!(after.review_warnings, row.review_warnings + 1, "{}: {}", row.code, ind.level3);
}

#[test]
fn every_kind_of_write_refreshes_the_kept_rows() {
    let mut store = bureau();
    let q4 = Period::year_end(YEAR);
    agrees_with_evaluate(&store, q4); // every row is kept now
    let first = row_of(&store, q4, &service::evaluate(&store, q4, None, None).unwrap().projects[0].code);

    // spending
    let before = row_of(&store, q4, &first.code);
    let half = (before.budget / rust_decimal::Decimal::from(2)).round_dp(2).to_string();
    service::saving::save_spending(&mut store, first.id, q4, &jixiao::model::SpendingInput { amount: Some(half), ..Default::default() }, true).unwrap();
    let after = row_of(&store, q4, &first.code);
    assert_ne!(before.spent, after.spent);
    agrees_with_evaluate(&store, q4);

    // a setting changes every score
    let before = row_of(&store, q4, &first.code);
    service::set_setting(&mut store, "budget_points", Some("20")).unwrap();
    assert_ne!(before.score, row_of(&store, q4, &first.code).score);
    agrees_with_evaluate(&store, q4);

    // the project's header (its budget) and an indicator's target
    let project = jixiao::service::records::project_by_id(&store, first.id).unwrap();
    let mut input = jixiao::model::ProjectInput {
        year: project.year,
        code: project.code.clone(),
        name: "改过名的项目".into(),
        unit_code: project.unit_code.clone(),
        money_unit: project.money_unit,
        budget: project.budget.clone(),
        fund_use: project.fund_use.clone(),
        goal: project.goal.clone(),
        spending_plan: project.spending_plan.clone(),
        texts: project.texts.clone(),
    };
    input.budget.adjusted = Some(rust_decimal::Decimal::from(1));
    jixiao::service::editing::update_project(&mut store, first.id, &input).unwrap();
    let row = row_of(&store, q4, &first.code);
    assert_eq!((row.name.as_str(), row.budget.to_string().as_str()), ("改过名的项目", "1.00"));
    agrees_with_evaluate(&store, q4);
}

#[test]
fn a_write_by_another_connection_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bureau.sqlite3");
    let mut writer = service::open(&path).unwrap();
    load_synthetic(&mut writer, &SyntheticOptions { projects: 30, seed: 4, year: YEAR }).unwrap();
    let reader = service::open(&path).unwrap();
    let q4 = Period::year_end(YEAR);
    agrees_with_evaluate(&reader, q4);
    let code = service::evaluate(&reader, q4, None, None).unwrap().projects[3].code.clone();
    let before = row_of(&reader, q4, &code);
    let id = jixiao::service::records::project(&writer, YEAR, &code).unwrap().id;
    service::saving::save_spending(&mut writer, id, q4, &jixiao::model::SpendingInput { amount: Some("0".into()), ..Default::default() }, true).unwrap();
    let after = row_of(&reader, q4, &code);
    assert_ne!(before.spent, after.spent);
    assert_eq!(after.spent.to_string(), "0.00");
    agrees_with_evaluate(&reader, q4);
}

mod common;

#[test]
fn the_cli_writes_the_same_file_for_a_seed_and_loads_it() {
    let db = common::Db::new();
    let a = db.dir.path().join("a.json");
    let b = db.dir.path().join("b.json");
    for f in [&a, &b] {
        db.ok(&["demo", "--synthetic", "25", "--seed", "9", "--year", "2024", "-o", f.to_str().unwrap()]);
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // the file imports as any exchange file; demo --synthetic loads the same projects
    db.ok(&["import", a.to_str().unwrap()]);
    let other = common::Db::new();
    other.ok(&["demo", "--synthetic", "25", "--seed", "9", "--year", "2024"]);
    let eval = |d: &common::Db| d.ok(&["evaluate", "--year", "2024", "--json"]);
    assert_eq!(eval(&db), eval(&other));
    let v: serde_json::Value = serde_json::from_str(&eval(&db)).unwrap();
    assert_eq!(v["projects"].as_array().unwrap().len(), 25);
    // a year out of range is refused, nothing written
    let third = common::Db::new();
    third.cmd().args(["demo", "--synthetic", "5", "--year", "3000"]).assert().failure();
}
