//! `jixiao plan …` on real databases: import and export of the exchange file
//! (nothing lost), all or nothing, the worked example of plan-indicators.md
//! §5 through the CLI, entry checks, the list and the settings.

mod common;
use common::{Db, s};

const SCIENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans/science-2021.json");

#[test]
fn export_then_import_loses_nothing() {
    let db = Db::new();
    let out = db.ok(&["plan", "import", SCIENCE]);
    assert!(out.contains("imported 1 plans, 6 indicators, 7 actuals, 1 verdicts"), "{out}");
    let first = db.dir.path().join("first.json");
    db.ok(&["plan", "export", "-o", s(&first)]);
    let orig: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SCIENCE).unwrap()).unwrap();
    let exported: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    assert_eq!(exported, orig, "the export is the file imported");
    // into a new database and out again: the same
    let other = Db::new();
    other.ok(&["plan", "import", s(&first)]);
    let second = other.dir.path().join("second.json");
    other.ok(&["plan", "export", "-o", s(&second)]);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
}

#[test]
fn dry_run_prints_the_file_and_writes_nothing() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.bytes();
    let v = db.json(&["plan", "import", SCIENCE, "--dry-run", "--code", "KJ"]);
    assert_eq!(v["format"], "jixiao-plan");
    assert_eq!(v["plans"][0]["code"], "KJ");
    assert_eq!(db.bytes(), before);
    assert!(db.fails(&["plan", "evaluate", "--plan", "KJ", "--year", "2023"]).contains("KJ"));
}

#[test]
fn a_bad_file_writes_nothing_and_a_replacing_import_backs_up_first() {
    let db = Db::new();
    db.ok(&["plan", "import", SCIENCE]);
    let text = std::fs::read_to_string(SCIENCE).unwrap();
    // the last indicator fails: nothing of the file is written
    let bad = db.write("bad.json", &text.replace("\"name\": \"技术合同成交额\"", "\"name\": \"技术合同成交额\", \"extra\": 1").replace("\"year\": 2023, \"status\"", "\"year\": 2031, \"status\""));
    let before = db.bytes();
    let e = db.fails(&["plan", "import", s(&bad)]);
    assert!(e.contains("2031") && e.contains("区域创新能力"), "{e}");
    assert_eq!(db.bytes(), before);
    // a good file replacing the plan: a backup first
    let changed = db.write("changed.json", &text.replace("\"value\": \"6600\"", "\"value\": \"6700\""));
    let out = db.ok(&["plan", "import", s(&changed)]);
    assert!(out.contains("replaced: KJ-14") && out.contains("backup before import"), "{out}");
    let v = db.json(&["plan", "evaluate", "--plan", "KJ-14", "--year", "2023", "--json"]);
    assert_eq!(v["indicators"][3]["actual"], "6700");
}

#[test]
fn the_worked_example_through_the_cli() {
    let db = Db::new();
    db.ok(&["plan", "import", SCIENCE]);
    let v = db.json(&["plan", "evaluate", "--plan", "KJ-14", "--year", "2023", "--json"]);
    assert_eq!(v["plan"], "KJ-14");
    assert_eq!(v["year"], 2023);
    let row = |id: &str| v["indicators"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    let r5 = row("5");
    assert_eq!(
        (r5["actual"].as_str(), r5["expected"].as_str(), r5["progress"].as_str(), r5["status"].as_str(), r5["label"].as_str(), r5["light"].as_str(), r5["needed_per_year"].as_str()),
        (Some("6600"), Some("6558.40"), Some("1.0192"), Some("on_track"), Some("基本符合预期"), Some("green"), Some("700.00"))
    );
    assert_eq!((row("7")["expected"].as_str(), row("7")["progress"].as_str(), row("7")["status"].as_str()), (Some("414.64"), Some("1.1200"), Some("ahead")));
    assert_eq!((row("2")["expected"].as_str(), row("2")["progress"].as_str(), row("2")["status"].as_str()), (Some("101.90"), Some("0.5909"), Some("behind")));
    assert_eq!((row("4")["expected"].clone(), row("4")["status"].as_str()), (serde_json::Value::Null, Some("done_early")));
    assert_eq!((row("1")["status"].as_str(), row("1")["average_growth"].as_str()), (Some("behind"), Some("10.96")));
    assert_eq!(row("8")["status"], "on_track");
    // the list counts them
    let list = db.json(&["plan", "list", "--year", "2023", "--json"]);
    let counts = &list[0]["counts"];
    let count = |st: &str| counts.as_array().unwrap().iter().find(|c| c["status"] == st).unwrap()["count"].as_u64().unwrap();
    assert_eq!((count("on_track"), count("ahead"), count("behind"), count("done_early")), (2, 1, 2, 1));
    assert!(db.ok(&["plan", "list"]).contains("KJ-14"));
}

#[test]
fn actuals_are_checked_and_a_far_off_value_needs_force() {
    let db = Db::new();
    db.ok(&["plan", "import", SCIENCE]);
    fn set<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut a = vec!["plan", "actual", "set", "--plan", "KJ-14", "--indicator", "5", "--year", "2024"];
        a.extend_from_slice(extra);
        a
    }
    // 80000 家 is over 10× the target: asked about
    let e = db.fails(&set(&["--value", "80001"]));
    assert!(e.contains("10 倍") && e.contains("--force"), "{e}");
    db.ok(&set(&["--value", "80001", "--force"]));
    // under a tenth of the baseline
    assert!(db.fails(&set(&["--value", "400"])).contains("十分之一"));
    // units: 万家 converts, 亿元 does not compare with 家
    let v = db.json(&set(&["--value", "0.72万家", "--json"]));
    assert_eq!(v["evaluation"]["actual"], "7200");
    assert!(db.fails(&set(&["--value", "7000亿元"])).contains("单位不符"));
    assert!(db.fails(&set(&["--value", "abc"])).contains("不是数字"));
    assert!(db.fails(&set(&["--value", "-5"])).contains("负数"));
    assert!(db.fails(&set(&["--value", "99999999999999999999999999999999"])).contains("数值过大"));
    // a year outside the plan, an unknown plan or indicator
    let mut y = set(&["--value", "7000"]);
    y[8] = "2026";
    assert!(db.fails(&y).contains("不在规划"));
    assert!(db.fails(&["plan", "actual", "set", "--plan", "XX", "--indicator", "5", "--year", "2024", "--value", "1"]).contains("XX"));
    assert!(db.fails(&["plan", "actual", "set", "--plan", "KJ-14", "--indicator", "99", "--year", "2024", "--value", "1"]).contains("99"));
    // a growth rate may be negative; the indicator may be named
    let v = db.json(&["plan", "actual", "set", "--plan", "KJ-14", "--indicator", "研发经费投入年均增长", "--year", "2024", "--value", "-1.5", "--note", "统计公报", "--json"]);
    assert_eq!(v["evaluation"]["actual"], "-1.5");
    // a qualitative indicator takes a verdict, with a note
    assert!(db.fails(&["plan", "actual", "set", "--plan", "KJ-14", "--indicator", "8", "--year", "2024", "--value", "1"]).contains("定性"));
    assert!(db.fails(&["plan", "verdict", "set", "--plan", "KJ-14", "--indicator", "8", "--year", "2024", "--status", "ahead", "--note", " "]).contains("说明"));
    assert!(db.fails(&["plan", "verdict", "set", "--plan", "KJ-14", "--indicator", "5", "--year", "2024", "--status", "ahead", "--note", "x"]).contains("不是定性指标"));
    let out = db.ok(&["plan", "verdict", "set", "--plan", "KJ-14", "--indicator", "8", "--year", "2024", "--status", "快于预期", "--note", "全国第6位"]);
    assert!(out.contains("快于预期"), "{out}");
    // every change is in the indicator's history
    let h = db.json(&["plan", "history", "--plan", "KJ-14", "--indicator", "5", "--json"]);
    let whats: Vec<&str> = h.as_array().unwrap().iter().map(|e| e["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["规划指标", "年度完成值", "年度完成值", "年度完成值"], "{h:#}");
    // an empty value erases the year
    db.ok(&set(&["--value", ""]));
    let v = db.json(&["plan", "evaluate", "--plan", "KJ-14", "--year", "2024", "--json"]);
    assert_eq!(v["indicators"][3]["status"], "no_actual");
}

#[test]
fn the_thresholds_are_settings() {
    let db = Db::new();
    db.ok(&["plan", "import", SCIENCE]);
    let all = db.ok(&["settings", "get"]);
    for key in ["plan_ahead_ratio", "plan_on_track_ratio", "plan_binding_on_track_ratio", "plan_approx_points", "plan_approx_relative"] {
        assert!(all.contains(key), "{key} in {all}");
    }
    // 1.0192 is on track at 0.95 and behind at 1.05 (with ahead raised above it)
    db.ok(&["settings", "set", "plan_ahead_ratio", "1.2"]);
    db.ok(&["settings", "set", "plan_on_track_ratio", "1.05"]);
    let v = db.json(&["plan", "evaluate", "--plan", "KJ-14", "--year", "2023", "--json"]);
    assert_eq!(v["indicators"][3]["status"], "behind");
    assert_eq!(v["indicators"][4]["status"], "on_track", "1.12 is no longer ahead of 1.2");
    assert!(db.fails(&["settings", "set", "plan_on_track_ratio", "2"]).contains("设置不一致"));
}

#[test]
fn tables_prose_and_the_template_through_the_cli() {
    let db = Db::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans/plan-science-2021.txt");
    let out = db.ok(&["plan", "import", sample, "--code", "KJ-14"]);
    assert!(out.contains("imported 1 plans, 7 indicators"), "{out}");
    let v = db.json(&["plan", "list", "--json"]);
    assert_eq!(v[0]["plan"]["name"], "青岛市“十四五”科技创新规划");
    // a table's doubts are said on stderr with --dry-run
    let eco = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans/ecology-table-tabs.txt");
    let o = db.cmd().args(["plan", "import", eco, "--dry-run", "--code", "ST"]).output().unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("check: plan ST indicator 3 (op)") && err.contains("indicator 5 (kind)"), "{err}");
    // the blank template: written, and refused as empty without a write
    let t = db.dir.path().join("plan.xlsx");
    db.ok(&["plan", "template", "-o", s(&t), "--base-year", "2020", "--end-year", "2025"]);
    let before = db.bytes();
    assert!(db.fails(&["plan", "import", s(&t)]).contains("没有找到规划主要指标表"));
    assert_eq!(db.bytes(), before);
    // prose without a number is no plan
    let empty = db.write("empty.txt", "到2025年，城市竞争力明显提升。");
    assert!(db.fails(&["plan", "import", s(&empty)]).contains("没有找到规划指标"));
}
