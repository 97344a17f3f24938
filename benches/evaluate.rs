//! `make bench`: how long the core takes for a big unit. Prints timings; no
//! thresholds (targets are read from these numbers, not asserted in tests).
//! A unit of 300 projects × 10 indicators with a year of Q4 actuals.

use jixiao::model::{ActualInput, Period, SpendingInput};
use jixiao::{service, target};
use std::time::Instant;

fn main() {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.sqlite3");
    let mut store = service::open(&path).unwrap();

    // 300 projects: the sample's three, under 100 codes each
    let sample: serde_json::Value = serde_json::from_str(include_str!("../fixtures/bigdata-2023-part1.json")).unwrap();
    let mut file = sample.clone();
    let projects = file["projects"].as_array_mut().unwrap();
    let base = projects.clone();
    projects.clear();
    for n in 0..100 {
        for p in &base {
            let mut p = p.clone();
            p["code"] = format!("{}-{n:03}", p["code"].as_str().unwrap()).into();
            projects.push(p);
        }
    }
    let text = serde_json::to_string(&file).unwrap();
    let t = Instant::now();
    let s = service::exchange::import_str(&mut store, &text).unwrap();
    println!("import {} projects / {} indicators: {:?}", s.projects, s.indicators, t.elapsed());

    let q4 = Period::parse("2023Q4").unwrap();
    let t = Instant::now();
    let mut n = 0;
    for p in jixiao::service::records::projects(&store, Some(2023), None).unwrap() {
        for i in jixiao::service::records::indicators(&store, p.id).unwrap() {
            let input = match i.target.kind {
                target::Kind::Date => ActualInput { done_on: Some("2023-08-01".into()), ..Default::default() },
                target::Kind::Label => ActualInput { level: Some(jixiao::model::Level::Achieved), ..Default::default() },
                _ => ActualInput { value: i.target.value.map(|v| v.to_string()), ..Default::default() },
            };
            service::saving::save_actual(&mut store, i.id, q4, &input, true).unwrap();
            n += 1;
        }
        service::saving::save_spending(&mut store, p.id, q4, &SpendingInput { amount: Some("100".into()), ..Default::default() }, true).unwrap();
    }
    let e = t.elapsed();
    println!("set {n} actuals one by one (each its own durable transaction): {e:?}, {:?} each", e / n);

    let t = Instant::now();
    let ev = service::evaluate(&store, q4, None, None).unwrap();
    println!("evaluate {} projects: {:?}", ev.projects.len(), t.elapsed());

    let one = jixiao::service::records::project(&store, 2023, &format!("{}-000", base[2]["code"].as_str().unwrap())).unwrap();
    let s = service::settings(&store).unwrap();
    let t = Instant::now();
    for _ in 0..100 {
        service::evaluate_project(&store, &one, q4, &s).unwrap();
    }
    println!("evaluate one project (what the grid asks after each cell): {:?}", t.elapsed() / 100);

    let texts = ["≥20次", "小于等于\n2023 年 8\n月", "≤1178.41万\n元", "基础型以上", "达到340家以上", "90%-95%", "≥abc"];
    let t = Instant::now();
    for _ in 0..10_000 {
        for x in texts {
            std::hint::black_box(target::parse(x, 2023));
        }
    }
    println!("parse a target: {:?}", t.elapsed() / (10_000 * texts.len() as u32));
    drop(store);
    std::fs::remove_dir_all(&dir).ok();
}
