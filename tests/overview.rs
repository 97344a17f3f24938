//! `jixiao overview --json` against a recount written here from what the CLI
//! shows elsewhere: `evaluate --json` at each quarter and `projects --json`
//! (each project's money unit). The recount uses none of the aggregate's code:
//! it counts the lights, adds the amounts, ranks the projects behind and sums
//! the units up from the evaluation's JSON on its own.

mod common;

use common::{Db, SAMPLE, s};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}"))).unwrap()
}

fn fixed(d: Decimal, dp: u32) -> String {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r.to_string()
}

/// How many 万元 one unit of a project's money is.
fn to_wan(unit: &str) -> Decimal {
    match unit {
        "元" => Decimal::new(1, 4),
        "万元" => Decimal::ONE,
        "亿元" => Decimal::from(10_000),
        u => panic!("money unit {u}"),
    }
}

/// The 总览 of `year` (of `unit`) recounted from `evaluate --json` at Q1…Q4.
fn recount(db: &Db, year: i32, unit: Option<&str>) -> Value {
    let mut base = vec!["projects".to_string(), "--year".into(), year.to_string(), "--json".into()];
    if let Some(u) = unit {
        base.extend(["--unit".into(), u.into()]);
    }
    let projects = db.json(&base.iter().map(String::as_str).collect::<Vec<_>>());
    let money: HashMap<String, Decimal> =
        projects.as_array().unwrap().iter().map(|p| (p["code"].as_str().unwrap().to_string(), to_wan(p["money_unit"].as_str().unwrap()))).collect();
    let unit_names: HashMap<String, String> =
        projects.as_array().unwrap().iter().map(|p| (p["unit_code"].as_str().unwrap().to_string(), p["unit_name"].as_str().unwrap().to_string())).collect();
    let mut quarters = Vec::new();
    let mut evaluations = Vec::new();
    let mut latest = None;
    for q in 1..=4 {
        let period = format!("{year}Q{q}");
        let mut args = vec!["evaluate", "--year", &base[2], "--period", &period, "--json"];
        if let Some(u) = unit {
            args.extend(["--unit", u]);
        }
        let e = db.json(&args);
        let mut lights: BTreeMap<&str, u64> = ["green", "yellow", "red", "blue", "none"].iter().map(|k| (*k, 0)).collect();
        let (mut budget, mut planned, mut spent, mut recorded) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, false);
        for p in e["projects"].as_array().unwrap() {
            for i in p["indicators"].as_array().unwrap() {
                let key = match i["light"].as_str().unwrap() {
                    "grey" => "none",
                    l => l,
                };
                *lights.get_mut(key).unwrap() += 1;
                recorded |= !i["actual"].is_null();
            }
            let f = money[p["code"].as_str().unwrap()];
            let b = &p["budget_execution"];
            budget += dec(&b["budget"]) * f;
            planned += dec(&b["planned"]) * f;
            spent += dec(&b["spent"]) * f;
            recorded |= !dec(&b["spent"]).is_zero();
        }
        if recorded {
            latest = Some(q);
        }
        let share = Decimal::from(3 * q) / Decimal::from(12);
        quarters.push(json!({
            "period": period, "lights": lights, "budget": fixed(budget, 2), "planned": fixed(planned, 2),
            "spent": fixed(spent, 2), "schedule": fixed(budget * share, 2),
            "rate_percent": (budget > Decimal::ZERO).then(|| fixed(spent / budget * Decimal::ONE_HUNDRED, 2)),
            "recorded": recorded,
        }));
        evaluations.push(e);
    }
    let mut grades: BTreeMap<&str, u64> = ["优", "良", "中", "差"].iter().map(|k| (*k, 0)).collect();
    for p in evaluations[3]["projects"].as_array().unwrap() {
        *grades.get_mut(p["grade"].as_str().unwrap()).unwrap() += 1;
    }
    let q = latest.unwrap_or(1);
    let at = &evaluations[q - 1]["projects"];
    let mut behind: Vec<(u64, u64, String, &Value)> = at
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let n = |l: &str| p["indicators"].as_array().unwrap().iter().filter(|i| i["light"] == l).count() as u64;
            (n("red"), n("yellow"), p["code"].as_str().unwrap().to_string(), p)
        })
        .filter(|(r, y, ..)| latest.is_some() && r + y > 0)
        .collect();
    behind.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let behind: Vec<Value> = behind
        .iter()
        .take(10)
        .map(|(r, y, code, p)| {
            json!({"code": code, "name": p["name"], "unit": p["unit"], "unit_name": unit_names[p["unit"].as_str().unwrap()],
                "red": r, "yellow": y, "id": p["project_id"]})
        })
        .collect();
    let mut units: BTreeMap<String, (u64, Decimal, Decimal, Decimal)> = BTreeMap::new();
    for p in at.as_array().unwrap() {
        let f = money[p["code"].as_str().unwrap()];
        let b = &p["budget_execution"];
        let u = units.entry(p["unit"].as_str().unwrap().to_string()).or_default();
        u.0 += 1;
        u.1 += dec(&b["budget"]) * f;
        u.2 += dec(&b["planned"]) * f;
        u.3 += dec(&b["spent"]) * f;
    }
    let units: Vec<Value> = units
        .into_iter()
        .map(|(code, (n, budget, planned, spent))| {
            let rate = (budget > Decimal::ZERO).then(|| spent / budget);
            json!({"code": code, "name": unit_names[&code], "projects": n, "budget": fixed(budget, 2), "planned": fixed(planned, 2),
                "spent": fixed(spent, 2), "rate": rate.map(|r| fixed(r, 4)), "rate_percent": rate.map(|r| fixed(r * Decimal::ONE_HUNDRED, 2)),
                "behind_schedule": rate.is_some_and(|r| r * Decimal::from(12) < Decimal::from(3 * q as u64))})
        })
        .collect();
    json!({
        "year": year, "unit": unit, "projects": evaluations[0]["projects"].as_array().unwrap().len(),
        "quarters": quarters, "grades": grades, "behind": behind, "units": units,
        "period": latest.map(|q| format!("{year}Q{q}")),
        "schedule_percent": fixed(Decimal::from(3 * q as u64) / Decimal::from(12) * Decimal::ONE_HUNDRED, 2),
    })
}

fn overview(db: &Db, year: i32, unit: Option<&str>) -> Value {
    let y = year.to_string();
    let mut args = vec!["overview", "--year", &y, "--json"];
    if let Some(u) = unit {
        args.extend(["--unit", u]);
    }
    db.json(&args)
}

/// Compares key by key, so that a difference is named.
fn assert_same(got: &Value, want: &Value) {
    let (g, w) = (got.as_object().unwrap(), want.as_object().unwrap());
    for k in w.keys() {
        assert_eq!(g.get(k), w.get(k), "field {k}");
    }
    assert_eq!(g.keys().collect::<Vec<_>>(), w.keys().collect::<Vec<_>>(), "the same fields, in order");
}

#[test]
fn the_sample_bureau_overview_equals_a_recount_of_each_quarters_evaluation() {
    let db = Db::new();
    db.ok(&["demo"]);
    for year in [2023, 2025] {
        let got = overview(&db, year, None);
        let want = recount(&db, year, None);
        assert_same(&got, &want);
        assert!(got["projects"].as_u64().unwrap() > 0, "{year}: the sample has projects");
    }
    // the sample has actuals: lights other than none, money spent, a quarter with actuals
    let o = overview(&db, 2023, None);
    let q4 = &o["quarters"][3];
    assert!(q4["lights"]["green"].as_u64().unwrap() > 0, "{q4}");
    assert_ne!(q4["spent"], "0.00", "{q4}");
    assert!(o["period"].is_string(), "{o}");
    // one unit of the bureau
    let unit = o["units"][0]["code"].as_str().unwrap().to_string();
    assert_same(&overview(&db, 2023, Some(&unit)), &recount(&db, 2023, Some(&unit)));
    // the human table names the same figures
    let text = db.ok(&["overview", "--year", "2023"]);
    assert!(text.contains(&format!("{} 个项目", o["projects"])), "{text}");
    assert!(text.contains(o["quarters"][3]["spent"].as_str().unwrap()), "{text}");
}

#[test]
fn a_synthetic_bureau_with_projects_in_yuan_equals_the_recount() {
    let db = Db::new();
    let file = db.dir.path().join("synthetic.json");
    db.ok(&["demo", "--synthetic", "60", "--seed", "5", "--year", "2024", "-o", s(&file)]);
    // every third project keeps its money in 元 (its amounts then read as 元)
    let mut x: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut yuan = 0;
    for (k, p) in x["projects"].as_array_mut().unwrap().iter_mut().enumerate() {
        if k % 3 == 0 {
            p["money_unit"] = json!("元");
            yuan += 1;
        }
    }
    assert!(yuan > 10);
    std::fs::write(&file, serde_json::to_string(&x).unwrap()).unwrap();
    db.ok(&["import", s(&file)]);
    let got = overview(&db, 2024, None);
    assert_same(&got, &recount(&db, 2024, None));
    assert_eq!(got["projects"], 60);
    assert_eq!(got["behind"].as_array().unwrap().len(), 10, "60 synthetic projects have ten with red or yellow lights");
    assert!(got["units"].as_array().unwrap().len() > 1);
    let sum: u64 = got["units"].as_array().unwrap().iter().map(|u| u["projects"].as_u64().unwrap()).sum();
    assert_eq!(sum, 60, "every project in one unit");
    let unit = got["units"][1]["code"].as_str().unwrap().to_string();
    assert_same(&overview(&db, 2024, Some(&unit)), &recount(&db, 2024, Some(&unit)));
}

#[test]
fn a_year_without_projects_or_actuals_is_an_empty_overview() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    // the sample's projects without any actual: every light none, nobody behind
    let o = overview(&db, 2023, None);
    assert_same(&o, &recount(&db, 2023, None));
    assert!(o["period"].is_null() && o["behind"].as_array().unwrap().is_empty(), "{o}");
    assert_eq!(o["quarters"][0]["lights"]["none"], o["quarters"][0]["lights"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum::<u64>());
    let none = overview(&db, 1999, None);
    assert_eq!(none["projects"], 0);
    assert_eq!(none["quarters"][3]["budget"], "0.00");
    // a unit without projects (as the list: none of its projects)
    assert_eq!(overview(&db, 2023, Some("nope"))["projects"], 0);
}
