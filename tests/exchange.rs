//! Exchange format v1: import, export, and refusals, as a user runs them.

mod common;
use common::*;

#[test]
fn imports_the_real_sample_and_round_trips() {
    let db = Db::new();
    let sum = db.json(&["import", SAMPLE, "--json"]);
    assert_eq!((sum["units"].as_i64(), sum["projects"].as_i64(), sum["indicators"].as_i64()), (Some(2), Some(3), Some(29)));
    enter_worked_example(&db);
    db.ok(&["import", NARRATIVE]);
    let out1 = db.dir.path().join("out1.json");
    db.ok(&["export", "-o", s(&out1)]);
    // into a fresh database, and out again: the same content
    let db2 = Db::new();
    db2.ok(&["import", s(&out1)]);
    let out2 = db2.dir.path().join("out2.json");
    db2.ok(&["export", "-o", s(&out2)]);
    let (a, b) = (std::fs::read_to_string(&out1).unwrap(), std::fs::read_to_string(&out2).unwrap());
    assert!(a == b, "export → import → export changed the file");
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["format"], "jixiao-exchange");
    let p3 = v["projects"].as_array().unwrap().iter().find(|p| p["code"] == P3).unwrap();
    assert_eq!(p3["budget"]["total"], "455.00", "decimals come back exactly as written");
    assert_eq!(p3["actuals"].as_array().unwrap().len(), 10);
    // evaluations agree
    // evaluations agree (but for internal ids, which a new database numbers anew)
    let without_ids = |mut v: serde_json::Value| {
        for p in v["projects"].as_array_mut().unwrap() {
            p.as_object_mut().unwrap().remove("project_id");
            for i in p["indicators"].as_array_mut().unwrap() {
                i.as_object_mut().unwrap().remove("id");
                i.as_object_mut().unwrap().remove("indicator_id");
            }
        }
        v
    };
    let e1 = without_ids(db.json(&["evaluate", "--year", "2023", "--json"]));
    let e2 = without_ids(db2.json(&["evaluate", "--year", "2023", "--json"]));
    assert!(e1 == e2, "evaluations differ after export and import");
    // --year filters
    let out3 = db.dir.path().join("out3.json");
    db.ok(&["export", "-o", s(&out3), "--year", "2025"]);
    let v3: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out3).unwrap()).unwrap();
    assert_eq!(v3["projects"].as_array().unwrap().len(), 1);
}

#[test]
fn importing_twice_replaces_and_backs_up() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    enter_worked_example(&db);
    let sum = db.json(&["import", SAMPLE, "--json"]);
    assert_eq!(sum["replaced"].as_array().unwrap().len(), 3);
    let backup = sum["backup"].as_str().expect("a backup was taken");
    assert!(std::path::Path::new(backup).exists());
    let projects = db.json(&["projects", "--json"]);
    assert_eq!(projects.as_array().unwrap().len(), 3, "no duplicates");
    // the sample has no actuals: the replaced project has none
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert!(ev["projects"][0]["indicators"].as_array().unwrap().iter().all(|i| i["status"] == "missing"));
}

fn sample_with(edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn a_failed_import_leaves_the_database_byte_for_byte_unchanged() {
    let db = Db::new();
    db.ok(&["import", NARRATIVE]);
    let before = db.bytes();
    let cases: Vec<(&str, String, &str)> = vec![
        ("unknown-field.json", sample_with(|v| { v["projects"][1]["indicators"][2]["nmae"] = "x".into(); }), "nmae"),
        ("bad-number.json", sample_with(|v| { v["projects"][2]["budget"]["total"] = "四百".into(); }), "budget.total"),
        ("json-number.json", sample_with(|v| { v["projects"][0]["budget"]["total"] = serde_json::json!(800); }), "字符串"),
        ("bad-unit.json", sample_with(|v| {
            v["projects"][2]["actuals"] = serde_json::json!([{"indicator": "提供法律意见次数", "period": "2023Q4", "value": "18万元"}]);
        }), "提供法律意见次数"),
        ("bad-period.json", sample_with(|v| {
            v["projects"][2]["actuals"] = serde_json::json!([{"indicator": "提供法律意见次数", "period": "2024Q1", "value": "18"}]);
        }), "period"),
        ("unknown-indicator.json", sample_with(|v| {
            v["projects"][2]["actuals"] = serde_json::json!([{"indicator": "不存在的指标", "period": "2023Q4", "value": "18"}]);
        }), "不存在的指标"),
        ("bad-unit-ref.json", sample_with(|v| { v["projects"][0]["unit"] = "999999".into(); }), "999999"),
        ("dup-project.json", sample_with(|v| { let p = v["projects"][0].clone(); v["projects"].as_array_mut().unwrap().push(p); }), "重复"),
        ("bad-money-unit.json", sample_with(|v| { v["projects"][0]["money_unit"] = "美元".into(); }), "money_unit"),
        ("bad-level.json", sample_with(|v| {
            v["projects"][1]["actuals"] = serde_json::json!([{"indicator": "社区达标类别", "period": "2023Q4", "level": "完成"}]);
        }), "level"),
        ("wrong-format.json", r#"{"format": "excel", "version": 1}"#.to_string(), "jixiao-exchange"),
        ("wrong-version.json", r#"{"format": "jixiao-exchange", "version": 2}"#.to_string(), "版本"),
        ("truncated.json", sample_with(|_| {})[..500].to_string(), "JSON"),
    ];
    for (name, text, expect) in cases {
        let file = db.write(name, &text);
        let err = db.fails(&["import", s(&file)]);
        assert!(err.contains(expect), "{name}: {err}");
        assert!(err.contains("未写入任何数据"), "{name}: {err}");
        assert_eq!(db.bytes(), before, "{name} changed the database");
    }
    // the error names project, indicator and field
    let file = db.write("u.json", &sample_with(|v| { v["projects"][1]["indicators"][2]["nmae"] = "x".into(); }));
    let err = db.fails(&["import", s(&file)]);
    assert!(err.contains("37020023P130005100027") && err.contains("社区数量") && err.contains("nmae"), "{err}");
}

#[test]
fn omitted_fields_mean_null() {
    let db = Db::new();
    let file = db.write(
        "min.json",
        r#"{"format": "jixiao-exchange", "version": 1,
            "units": [{"code": "100001"}],
            "projects": [{"year": 2024, "code": "P1", "indicators": [{"level3": "培训人次", "level1": "产出指标", "target": "≥1,000人次"}],
                          "actuals": [{"indicator": "培训人次", "period": "2024Q4", "value": "1,200"}],
                          "spending": [{"period": "2024Q4", "amount": "5,200"}]}]}"#,
    );
    db.ok(&["import", s(&file)]);
    let ev = db.json(&["evaluate", "--year", "2024", "--json"]);
    let i = &ev["projects"][0]["indicators"][0];
    assert_eq!((i["status"].as_str(), i["completion_ratio"].as_str()), (Some("pass"), Some("1.2000")));
}
