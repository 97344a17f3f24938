//! The `jixiao` command line end to end, as an officer or a script would use it.

mod common;
use common::*;

#[test]
fn target_parse_prints_a_json_line_per_text() {
    let db = Db::new();
    let out = db.ok(&["target", "parse", "--year", "2023", "≥20次", "不晚于9月份", "基础型以上", "≥abc", "小于等于\n2023 年 8\n月"]);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], serde_json::json!({"input": "≥20次", "kind": "quantity", "op": "≥", "value": "20", "value_max": null, "unit": "次", "date": null, "label": null}));
    assert_eq!((lines[1]["kind"].as_str(), lines[1]["date"].as_str()), (Some("date"), Some("2023-09")));
    assert_eq!((lines[2]["kind"].as_str(), lines[2]["label"].as_str(), lines[2]["op"].as_str()), (Some("label"), Some("基础型"), Some("≥")));
    assert_eq!(lines[3], serde_json::json!({"input": "≥abc", "kind": "not_understood", "op": null, "value": null, "value_max": null, "unit": null, "date": null, "label": null}));
    assert_eq!(lines[4]["date"], "2023-08");
}

#[test]
fn actual_set_checks_and_prints_the_committed_record() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let base = ["actual", "set", "--year", "2023", "--project", P3, "--period", "2023Q2"];
    let with = |extra: &[&str]| -> Vec<String> { base.iter().chain(extra).map(|s| s.to_string()).collect() };
    let args = with(&["--indicator", "提供法律意见次数", "--value", "８次", "--json"]);
    let rec: serde_json::Value = serde_json::from_str(&db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())).unwrap();
    assert_eq!((rec["value"].as_str(), rec["value_unit"].as_str(), rec["period"].as_str()), (Some("8"), Some("次"), Some("2023Q2")));
    // wrong unit: refused, naming both units; nothing stored
    let args = with(&["--indicator", "提供法律意见次数", "--value", "8万元"]);
    let err = db.fails(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("万元") && err.contains("次") && err.contains("提供法律意见次数"), "{err}");
    let args = with(&["--indicator", "提供法律意见次数", "--value", "很多"]);
    assert!(db.fails(&args.iter().map(String::as_str).collect::<Vec<_>>()).contains("不是数字"));
    let args = with(&["--indicator", "考察项目完成时限", "--done-on", "2023-13-01"]);
    assert!(db.fails(&args.iter().map(String::as_str).collect::<Vec<_>>()).contains("YYYY-MM-DD"));
    let args = with(&["--indicator", "考察项目完成时限", "--value", "3"]);
    assert!(db.fails(&args.iter().map(String::as_str).collect::<Vec<_>>()).contains("完成日期"));
    let args = with(&["--indicator", "没有这个指标", "--value", "3"]);
    assert!(db.fails(&args.iter().map(String::as_str).collect::<Vec<_>>()).contains("没有这个指标"));
    // the stored value is still 8
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--period", "2023Q2", "--json"]);
    let legal = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap().clone();
    assert_eq!(legal["actual"], "8次");
    // texts given later keep the value
    let args = with(&["--indicator", "提供法律意见次数", "--reason", "上半年需求少", "--json"]);
    let rec: serde_json::Value = serde_json::from_str(&db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())).unwrap();
    assert_eq!((rec["value"].as_str(), rec["reason"].as_str()), (Some("8"), Some("上半年需求少")));
}

#[test]
fn labels_and_their_bands() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let p = "37020023P130005100027";
    let args = ["actual", "set", "--year", "2023", "--project", p, "--indicator", "社区达标类别", "--period", "2023Q4", "--level", "部分达成", "--ratio", "0.9"];
    assert!(db.fails(&args).contains("部分达成"));
    let args = ["actual", "set", "--year", "2023", "--project", p, "--indicator", "社区达标类别", "--period", "2023Q4", "--level", "部分达成", "--ratio", "0.65"];
    db.ok(&args);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", p, "--json"]);
    let row = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "社区达标类别").unwrap().clone();
    // 9 indicators: 成本+产出 6 share 50
    assert_eq!((row["status"].as_str(), row["weight"].as_str(), row["score"].as_str(), row["light"].as_str()), (Some("fail"), Some("8.33"), Some("5.42"), Some("yellow")));
}

#[test]
fn settings_change_the_scores_and_are_checked() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    db.ok(&["actual", "set", "--year", "2023", "--project", P3, "--indicator", "大数据发展专项业务预算控制数", "--period", "2023Q4", "--value", "546"]);
    let score = |db: &Db| {
        let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
        ev["projects"][0]["indicators"][0]["score"].as_str().unwrap().to_string()
    };
    // linear: 1 − (546 − 455) / 455 = 0.8 → 5.00
    assert_eq!(score(&db), "5.00");
    db.ok(&["settings", "set", "le_formula", "inverse"]);
    // inverse: 455 / 546 = 0.8333 → 5.21
    assert_eq!(score(&db), "5.21");
    assert_eq!(db.ok(&["settings", "get", "le_formula"]).trim(), "inverse");
    db.ok(&["settings", "reset", "le_formula"]);
    assert_eq!(score(&db), "5.00");
    assert!(db.fails(&["settings", "set", "le_formula", "quadratic"]).contains("linear"));
    assert!(db.fails(&["settings", "set", "budget_points", "ten"]).contains("不是数字"));
    assert!(db.fails(&["settings", "set", "no_such_key", "1"]).contains("budget_points"));
    let all = db.json(&["settings", "get", "--json"]);
    assert!(all.as_array().unwrap().iter().any(|s| s["key"] == "approx_tolerance" && s["default"] == "0.05"));
}

#[test]
fn demo_loads_once_into_an_empty_database() {
    let db = Db::new();
    db.ok(&["demo"]);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!(ev["projects"][0]["total_score"], "93.02");
    let q2 = db.json(&["evaluate", "--year", "2023", "--period", "2023Q2", "--json"]);
    assert_eq!(q2["projects"].as_array().unwrap().len(), 3);
    let y2025 = db.json(&["evaluate", "--year", "2025", "--period", "2025Q2", "--json"]);
    assert_eq!(y2025["projects"][0]["indicators"].as_array().unwrap().len(), 10);
    assert!(db.fails(&["demo"]).contains("空数据库"));
}

#[test]
fn a_newer_or_foreign_database_is_refused() {
    let db = Db::new();
    std::fs::write(&db.path, "not a database at all, but a plain text file of a reasonable length .......").unwrap();
    let err = db.fails(&["init"]);
    assert!(err.contains("不是本程序的数据库"), "{err}");
}

#[test]
fn the_default_database_comes_from_the_environment() {
    let db = Db::new();
    let mut c = assert_cmd::Command::cargo_bin("jixiao").unwrap();
    let out = c.env("JIXIAO_DB", &db.path).arg("init").output().unwrap();
    assert!(out.status.success());
    assert!(db.path.exists());
}

#[test]
fn a_killed_process_loses_nothing_already_saved() {
    use std::time::{Duration, Instant};
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let set = |value: usize| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("jixiao"))
            .env_remove("JIXIAO_DB")
            .arg("--db")
            .arg(&db.path)
            .args(["actual", "set", "--year", "2023", "--project", P3, "--indicator", "提供法律意见次数", "--period", "2023Q4"])
            .args(["--value", &value.to_string()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // how long one write takes on this machine now, so that the kills below land
    // before, during and after writes however fast or loaded the machine is
    let started = Instant::now();
    let out = set(99).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let one_write = started.elapsed();
    let (mut saved, mut killed) = (Vec::new(), 0);
    // `make crash-test` asks for many more kills (JIXIAO_CRASH_KILLS)
    let kills = std::env::var("JIXIAO_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(40usize);
    for n in 0..kills {
        let value = 100 + n;
        let mut child = set(value);
        // at once, at moments through the write, or after it ended
        match n % 8 {
            0 => {}
            7 => while child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(1));
            },
            slot => std::thread::sleep(one_write.mul_f64(slot as f64 / 4.0)),
        }
        let ended_by_itself = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            assert!(String::from_utf8_lossy(&out.stdout).contains("saved"), "a write that ends well says so");
            saved.push(value);
        } else {
            // a child that was not killed and still failed is a bug (a lock left behind, a
            // database a kill damaged). Killed is no exit code (a signal) on Unix; on Windows
            // the kill (TerminateProcess) leaves exit code 1, so there a failure is a kill
            // only when the process was still running when it came
            let was_killed = if cfg!(windows) { !ended_by_itself } else { out.status.code().is_none() };
            assert!(was_killed, "jixiao failed without being killed: {}", String::from_utf8_lossy(&out.stderr));
            killed += 1;
        }
    }
    assert!(killed > 0 && !saved.is_empty(), "the kills must hit some writes and miss others: {killed} killed, saved {saved:?}");
    eprintln!("crash test (CLI): {kills} runs, {killed} killed mid-write, {} acknowledged writes", saved.len());
    // the database opens, is intact, and every acknowledged write is in it: in the
    // change log, and the stored value is the last one acknowledged or a later one
    let check = rusqlite_check(&db.path);
    assert_eq!(check, "ok");
    let c = rusqlite::Connection::open(&db.path).unwrap();
    let logged: Vec<String> = c
        .prepare("SELECT json_extract(new_value, '$.value') FROM change_log WHERE entity = 'actual' AND new_value IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get::<_, Option<String>>(0))
        .unwrap()
        .filter_map(|v| v.unwrap())
        .collect();
    for value in &saved {
        assert!(logged.contains(&value.to_string()), "acknowledged write {value} is not in the change log: {logged:?}");
    }
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    let legal = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap().clone();
    let stored: usize = legal["actual"].as_str().unwrap().trim_end_matches('次').parse().unwrap();
    let last = *saved.last().unwrap();
    assert!(stored >= last, "saved {last} was lost: found {stored}");
}

fn rusqlite_check(path: &std::path::Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn tables_from_pdf_text_score_like_the_json() {
    let db = Db::new();
    let txt = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bigdata-2023-targets-part1.txt");
    assert!(db.ok(&["import-text", txt]).contains("3 projects, 29 indicators"));
    enter_worked_example(&db);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!((ev["projects"][0]["total_score"].as_str(), ev["projects"][0]["grade"].as_str()), (Some("93.02"), Some("优")));
    // prose needs a unit to import; with -o it only writes the file to check
    let prose = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/industry-2025-narrative.txt");
    assert!(db.fails(&["import-text", prose]).contains("单位"));
    let out = db.dir.path().join("prose.json");
    db.ok(&["import-text", prose, "-o", s(&out)]);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["projects"][0]["indicators"][2]["target"], "达到340家以上");
    db.ok(&["import-text", prose, "--unit", "505000", "--code", "X2025-001"]);
    assert_eq!(db.json(&["projects", "--year", "2025", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_date_target_recorded_as_not_done() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let p2 = "37020023P130005100027";
    // 奖补工作完成时间: 小于等于2023年8月
    db.ok(&["actual", "set", "--year", "2023", "--project", p2, "--indicator", "奖补工作完成时间", "--period", "2023Q3", "--not-done"]);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", p2, "--period", "2023Q3", "--json"]);
    let row = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "奖补工作完成时间").unwrap().clone();
    assert_eq!((row["status"].as_str(), row["light"].as_str(), row["actual"].as_str()), (Some("fail"), Some("red"), Some("未完成")));
    assert_eq!(row["explanation_missing"], true);
    // at Q2 the deadline is still ahead: green
    db.ok(&["actual", "set", "--year", "2023", "--project", p2, "--indicator", "奖补工作完成时间", "--period", "2023Q2", "--not-done"]);
    let ev = db.json(&["evaluate", "--year", "2023", "--project", p2, "--period", "2023Q2", "--json"]);
    let row = ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "奖补工作完成时间").unwrap().clone();
    assert_eq!((row["status"].as_str(), row["light"].as_str()), (Some("fail"), Some("green")));
    // a quarter's record cannot be done after the quarter's end
    let err = db.fails(&["actual", "set", "--year", "2023", "--project", p2, "--indicator", "奖补工作完成时间", "--period", "2023Q2", "--done-on", "2023-08-01"]);
    assert!(err.contains("晚于"), "{err}");
    // an import names the field at fault
    let file = db.write(
        "bad-date.json",
        r#"{"format": "jixiao-exchange", "version": 1, "units": [{"code": "1", "name": "单位"}],
            "projects": [{"year": 2023, "code": "A", "unit": "1", "indicators": [{"level3": "完成时间", "target": "年底前"}],
                          "actuals": [{"indicator": "完成时间", "period": "2023Q4", "done_on": "2023-02-30"}]}]}"#,
    );
    let err = db.fails(&["import", s(&file)]);
    assert!(err.contains("done_on"), "{err}");
}

#[test]
fn input_that_must_not_be_saved_is_refused_and_nothing_changes() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let set = |extra: &[&str]| -> Vec<String> {
        ["actual", "set", "--year", "2023", "--project", P3, "--period", "2023Q4"].iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let run_ok = |extra: &[&str]| db.ok(&set(extra).iter().map(String::as_str).collect::<Vec<_>>());
    let run_fails = |extra: &[&str]| db.fails(&set(extra).iter().map(String::as_str).collect::<Vec<_>>());
    run_ok(&["--indicator", "提供法律意见次数", "--value", "18次"]);
    let shown = |db: &Db| {
        let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
        ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap()["actual"].clone()
    };
    // an empty value does not erase what was saved: that takes --clear
    let before = db.bytes();
    let err = run_fails(&["--indicator", "提供法律意见次数", "--value", ""]);
    assert!(err.contains("--clear"), "{err}");
    assert!(run_fails(&["--indicator", "提供法律意见次数", "--value", "  "]).contains("--clear"));
    assert_eq!(db.bytes(), before, "nothing written");
    assert_eq!(shown(&db), "18次");
    run_ok(&["--indicator", "提供法律意见次数", "--clear"]);
    assert_ne!(shown(&db), "18次", "cleared");

    // a done date far outside the project's year is a typo, not "on time"
    let p2 = "37020023P130005100027";
    for typo in ["1899-01-01", "2203-06-30"] {
        let err = db.fails(&["actual", "set", "--year", "2023", "--project", p2, "--indicator", "奖补工作完成时间", "--period", "2023Q4", "--done-on", typo]);
        assert!(err.contains("前后一年"), "{typo}: {err}");
    }

    // a target beyond what can be computed is refused at import, naming it
    let file = db.write(
        "huge.json",
        r#"{"format": "jixiao-exchange", "version": 1, "units": [{"code": "1", "name": "单位"}],
            "projects": [{"year": 2023, "code": "H", "unit": "1", "indicators": [{"level3": "成本", "target": "≤1亿亿亿亿元"}]}]}"#,
    );
    let err = db.fails(&["import", s(&file)]);
    assert!(err.contains("数值过大") && err.contains("1亿亿亿亿元"), "{err}");
    // a negative budget says it is negative, not that it is no number
    let file = db.write(
        "neg.json",
        r#"{"format": "jixiao-exchange", "version": 1, "units": [{"code": "1", "name": "单位"}],
            "projects": [{"year": 2023, "code": "N", "unit": "1", "budget": {"total": "-5"}}]}"#,
    );
    let err = db.fails(&["import", s(&file)]);
    assert!(err.contains("不能为负数"), "{err}");
    // a unit under itself is a cycle, not a missing parent
    let file = db.write(
        "cycle.json",
        r#"{"format": "jixiao-exchange", "version": 1, "units": [{"code": "1", "name": "单位", "parent": "1"}], "projects": []}"#,
    );
    let err = db.fails(&["import", s(&file)]);
    assert!(err.contains("成环"), "{err}");
    db.ok(&["unit", "add", "A1", "甲单位"]);
    db.ok(&["unit", "add", "B1", "乙单位", "--parent", "A1"]);
    let err = db.fails(&["unit", "add", "A1", "甲单位", "--parent", "B1"]);
    assert!(err.contains("成环"), "{err}");
    let units = db.json(&["unit", "list", "--json"]);
    let b1 = units.as_array().unwrap().iter().find(|u| u["code"] == "B1").unwrap();
    assert_eq!(b1["parent"], "A1");
    assert!(db.fails(&["unit", "add", "C1", "丙", "--parent", "没有"]).contains("不存在"));
}

#[test]
fn the_history_of_a_new_indicator_names_its_target() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let h = db.json(&["history", "--year", "2023", "--project", P3, "--json"]);
    let changes: Vec<String> = h.as_array().unwrap().iter().flat_map(|e| e["changes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string())).collect();
    assert!(changes.iter().any(|c| c.starts_with("指标值：")), "{changes:?}");
    assert!(!changes.iter().any(|c| c.starts_with("完成值")), "no actual was entered: {changes:?}");
}
