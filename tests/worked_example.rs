//! scoring.md §8, to the cent, through the CLI as a user would run it.

mod common;
use common::*;

#[test]
fn worked_example_to_the_cent() {
    let db = Db::new();
    db.ok(&["init"]);
    db.ok(&["import", SAMPLE]);
    enter_worked_example(&db);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!(ev["year"], 2023);
    assert_eq!(ev["period"], "2023Q4");
    let p = &ev["projects"][0];
    assert_eq!(p["name"], "大数据发展专项业务费");
    let b = &p["budget_execution"];
    assert_eq!((b["budget"].as_str(), b["spent"].as_str(), b["rate"].as_str(), b["score"].as_str()), (Some("455.00"), Some("450.00"), Some("0.9890"), Some("9.89")));
    assert_eq!(b["needs_explanation"], false);
    let row = |name: &str| p["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == name).unwrap().clone();
    let legal = row("提供法律意见次数");
    assert_eq!((legal["status"].as_str(), legal["completion_ratio"].as_str(), legal["weight"].as_str(), legal["score"].as_str()), (Some("fail"), Some("0.9000"), Some("6.25"), Some("5.63")));
    assert_eq!(legal["needs_explanation"], true);
    assert_eq!(legal["explanation_missing"], false);
    let late = row("考察项目完成时限");
    assert_eq!((late["status"].as_str(), late["score"].as_str(), &late["completion_ratio"]), (Some("fail"), Some("0.00"), &serde_json::Value::Null));
    assert_eq!(late["explanation_missing"], true);
    let visits = row("城市云脑会客厅年接待人次");
    assert_eq!((visits["status"].as_str(), visits["completion_ratio"].as_str(), visits["weight"].as_str(), visits["score"].as_str()), (Some("pass"), Some("1.3750"), Some("30.00"), Some("30.00")));
    assert_eq!(visits["needs_explanation"], true, "≥130% must be explained");
    assert_eq!(row("服务对象满意度指标")["weight"], "10.00");
    let passes = p["indicators"].as_array().unwrap().iter().filter(|i| i["status"] == "pass").count();
    assert_eq!(passes, 8);
    assert_eq!(p["indicator_score"], "83.13");
    assert_eq!(p["total_score"], "93.02");
    assert_eq!(p["grade"], "优");
}

#[test]
fn an_earlier_quarter_is_never_carried_forward() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    db.ok(&["actual", "set", "--year", "2023", "--project", P3, "--indicator", "提供法律意见次数", "--period", "2023Q1", "--value", "5"]);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--period", "2023Q2", "--json"]);
    let legal = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap().clone();
    assert_eq!(legal["status"], "missing");
    assert_eq!(legal["light"], "grey");
    // mid-year: every period gets the whole evaluation, with lights
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--period", "2023Q1", "--json"]);
    let legal = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap().clone();
    // expected 20 × 3/12 = 5 by the end of March
    assert_eq!((legal["progress"].as_str(), legal["light"].as_str()), (Some("1.0000"), Some("green")));
    assert_eq!(ev["projects"][0]["grade"], "差");
}
