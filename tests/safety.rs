//! What an officer types by mistake: absurd magnitudes are refused in words,
//! plausible-looking typos are questioned (refused without `--force`), an
//! import lists them as warnings. Nothing here may panic.

mod common;
use common::*;

fn actual(_db: &Db, indicator: &str, period: &str, value: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["actual", "set", "--year", "2023", "--project", P3, "--indicator", indicator, "--period", period, "--value", value];
    args.extend_from_slice(extra);
    args.iter().map(|s| s.to_string()).collect()
}

fn run(db: &Db, args: &[String]) -> std::process::Output {
    db.cmd().args(args).output().unwrap()
}

#[test]
fn absurd_magnitudes_are_refused_with_a_message_not_a_panic() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    for v in ["1亿亿亿亿元", "99999999999999999999999999999999999999", &"9".repeat(5000)] {
        let out = run(&db, &actual(&db, "大数据发展专项业务预算控制数", "2023Q4", v, &[]));
        assert_eq!(out.status.code(), Some(1), "{v}: {}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("数值过大"), "{err}");
    }
    // the largest number that computes is questioned instead, not saved
    let out = run(&db, &actual(&db, "大数据发展专项业务预算控制数", "2023Q4", "79228162514264337593543950335万元", &[]));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("超过指标值"));
    let out = db.cmd().args(["spending", "set", "--year", "2023", "--project", P3, "--period", "2023Q4", "--amount", "1亿亿亿亿元"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("数值过大"));
    // nothing was stored
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!(ev["projects"][0]["budget_execution"]["spent"], "0.00");
}

#[test]
fn a_likely_typo_is_refused_unless_forced() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    // 提供法律意见次数 targets ≥20次: 2500次 is more than 100× the target
    let typo = actual(&db, "提供法律意见次数", "2023Q4", "2500次", &[]);
    let out = run(&db, &typo);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("该数值可能填写有误") && err.contains("--force"), "{err}");
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    let row = |ev: &serde_json::Value| ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap().clone();
    assert!(row(&ev)["actual"].is_null(), "refused means not saved");
    let forced = actual(&db, "提供法律意见次数", "2023Q4", "2500次", &["--force"]);
    assert!(run(&db, &forced).status.success());
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!(row(&ev)["actual"], "2500次");

    // cumulative spending above the budget (500 万元) is questioned the same way
    let over = ["spending", "set", "--year", "2023", "--project", P3, "--period", "2023Q2", "--amount", "900"];
    let err = db.fails(&over);
    assert!(err.contains("超过全年预算"), "{err}");
    let mut forced: Vec<&str> = over.to_vec();
    forced.push("--force");
    db.ok(&forced);
}

#[test]
fn an_import_lists_likely_typos_as_warnings() {
    let db = Db::new();
    let mut file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let p = file["projects"].as_array_mut().unwrap().iter_mut().find(|p| p["code"] == P3).unwrap();
    p["actuals"] = serde_json::json!([
        {"indicator": "提供法律意见次数", "period": "2023Q2", "value": "12次"},
        {"indicator": "提供法律意见次数", "period": "2023Q4", "value": "8次"}
    ]);
    let path = db.write("typo.json", &file.to_string());
    let s = db.json(&["import", common::s(&path), "--json"]);
    let warnings = s["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].as_str().unwrap();
    assert!(w.contains("提供法律意见次数") && w.contains("2023Q4") && w.contains("低于上一季度"), "{w}");
    assert_eq!(s["actuals"], 2, "imported as written");
}

/// Oversized input (issue 12): a 1 MB cell, a project of 100,000 indicators, a
/// 100 MB "PDF", a 20,000-character reason. Each is refused with a message that
/// says what is too large, and the database is left byte for byte as it was.
#[test]
fn oversized_input_is_refused_with_a_message_and_nothing_is_written() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let before = db.bytes();
    let sample: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut f = sample.clone();
        edit(&mut f["projects"][0]);
        f.to_string()
    };
    let cell = db.write("cell.json", &with(&|p| p["indicators"][0]["level3"] = "长".repeat(1 << 20).into()));
    let err = db.fails(&["import", s(&cell)]);
    assert!(err.contains("三级指标过长（1048576 字），最多 10000 字"), "{err}");
    let many = db.write(
        "many.json",
        &with(&|p| {
            let one = p["indicators"][0].clone();
            p["indicators"] = (0..100_000)
                .map(|i| {
                    let mut x = one.clone();
                    x["level3"] = format!("指标{i}").into();
                    x
                })
                .collect::<Vec<_>>()
                .into();
        }),
    );
    let err = db.fails(&["import", s(&many)]);
    assert!(err.contains("有 100000 个指标，超过每个项目 1000 个的上限"), "{err}");
    let big = db.dir.path().join("budget.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(100 << 20, b' ');
    std::fs::write(&big, &bytes).unwrap();
    let err = db.fails(&["import", s(&big)]);
    assert!(err.contains("文件太大（100 MB）"), "{err}");
    let mut reason = actual(&db, "大数据发展专项业务预算控制数", "2023Q4", "100万元", &[]);
    reason.extend(["--reason".into(), "因".repeat(20_000)]);
    let out = run(&db, &reason);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("偏差原因过长（20000 字）"), "{err}");
    assert!(db.bytes() == before, "nothing was written");
}
