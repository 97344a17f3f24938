//! Nothing an officer saved is lost: backups and restore, damaged files
//! refused without a write, 报送 locking, an append-only history.

mod common;
use common::*;
use std::path::Path;

const Q2: &[&str] = &["--year", "2023", "--project", P3, "--period", "2023Q2"];

fn set_q2(db: &Db, value: &str) -> std::process::Output {
    let mut args = vec!["actual", "set", "--indicator", "提供法律意见次数", "--value", value];
    args.extend_from_slice(Q2);
    db.cmd().args(&args).output().unwrap()
}

fn q2_value(db: &Db) -> serde_json::Value {
    let ev = db.json(&["evaluate", "--year", "2023", "--project", P3, "--period", "2023Q2", "--json"]);
    ev["projects"][0]["indicators"].as_array().unwrap().iter().find(|i| i["level3"] == "提供法律意见次数").unwrap()["actual"].clone()
}

fn backups(db: &Db) -> Vec<serde_json::Value> {
    db.json(&["backups", "--json"]).as_array().unwrap().clone()
}

#[test]
fn a_backup_restores_what_was_saved_and_the_replaced_state_is_kept() {
    let db = Db::new();
    db.ok(&["demo"]);
    assert!(set_q2(&db, "7次").status.success());
    let copy = db.dir.path().join("copy.sqlite3");
    db.ok(&["backup", "-o", s(&copy)]);
    assert!(set_q2(&db, "11次").status.success());
    let out = db.ok(&["restore", s(&copy)]);
    assert!(out.contains("before the restore"), "{out}");
    assert_eq!(q2_value(&db), "7次");
    // the state before the restore is itself a backup, and restores
    let before = backups(&db).into_iter().find(|b| b["why"] == "before-restore").unwrap();
    assert_eq!(before["projects"], 4, "the sample bureau: 3 projects of 2023, 1 of 2025");
    db.ok(&["restore", before["path"].as_str().unwrap()]);
    assert_eq!(q2_value(&db), "11次");
}

#[test]
fn restore_refuses_a_file_that_does_not_check_and_changes_nothing() {
    let db = Db::new();
    db.ok(&["demo"]);
    let before = db.bytes();
    let junk = db.write("junk.sqlite3", "this is not a database at all, just text");
    let err = db.fails(&["restore", s(&junk)]);
    assert!(err.contains("不是本程序的数据库"), "{err}");
    assert_eq!(db.bytes(), before);
}

#[test]
fn backups_are_kept_to_the_setting() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    db.ok(&["settings", "set", "backup_keep", "2"]);
    for _ in 0..4 {
        db.ok(&["import", SAMPLE]); // each import into a non-empty database backs up first
    }
    let list = backups(&db);
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(list.iter().all(|b| b["projects"] == 3));
    assert!(db.fails(&["settings", "set", "backup_keep", "0"]).contains("1—1000"));
}

/// A copy of `src` with `f` applied to its bytes.
fn damaged(src: &Path, dest: &Path, f: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(src).unwrap();
    f(&mut bytes);
    std::fs::write(dest, bytes).unwrap();
}

#[test]
fn a_damaged_database_is_refused_untouched_and_names_the_newest_good_backup() {
    let db = Db::new();
    db.ok(&["demo"]);
    let good = db.dir.path().join("good.sqlite3");
    db.ok(&["backup", "-o", s(&good)]);
    let page = 4096;
    let size = std::fs::metadata(&good).unwrap().len() as usize;
    let cases: Vec<(&str, Box<dyn Fn(&mut Vec<u8>)>)> = vec![
        ("truncated", Box::new(|b: &mut Vec<u8>| b.truncate(3000))),
        ("half", Box::new(move |b: &mut Vec<u8>| b.truncate(size / 2))),
        ("page-type", Box::new(move |b: &mut Vec<u8>| b[page] = 0x77)),
        ("cell-pointers", Box::new(move |b: &mut Vec<u8>| b[2 * page + 8..2 * page + 16].fill(0xff))),
    ];
    let mut refused = 0;
    for (name, f) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("db.sqlite3");
        damaged(&good, &file, f);
        // a good backup beside it, as the automatic ones are
        let backups = dir.path().join("db.sqlite3.backups");
        std::fs::create_dir_all(&backups).unwrap();
        std::fs::copy(&good, backups.join("20240101-120000.000-daily.sqlite3")).unwrap();
        let before = std::fs::read(&file).unwrap();
        let out = assert_cmd::Command::cargo_bin("jixiao").unwrap().arg("--db").arg(&file).args(["evaluate", "--year", "2023"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{name}: panicked: {err}");
        if !out.status.success() {
            refused += 1;
            assert!(err.contains("已损坏") || err.contains("不是本程序的数据库"), "{name}: {err}");
            if err.contains("已损坏") {
                assert!(err.contains("20240101-120000.000-daily.sqlite3"), "{name}: names the good backup: {err}");
            }
        }
        assert_eq!(std::fs::read(&file).unwrap(), before, "{name}: the damaged file was written to");
    }
    assert!(refused >= 3, "most damage is noticed ({refused} of 4)");
}

#[test]
fn a_database_damaged_after_a_clean_close_is_still_refused_untouched() {
    // a clean close lets the next open skip its check; a change after it must not
    let db = Db::new();
    db.ok(&["demo"]);
    db.ok(&["evaluate", "--year", "2023"]);
    assert!(jixiao::service::backups::closed_cleanly(&db.path), "the CLI closed the file cleanly");
    std::thread::sleep(std::time::Duration::from_millis(30)); // damage comes later than the file clock's tick
    damaged(&db.path, &db.path, |b| b[4096] = 0x77);
    let before = std::fs::read(&db.path).unwrap();
    let err = db.fails(&["evaluate", "--year", "2023"]);
    assert!(err.contains("已损坏"), "{err}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before, "the damaged file was written to");
}

#[test]
fn a_damaged_database_is_set_aside_when_a_backup_is_restored_over_it() {
    let db = Db::new();
    db.ok(&["demo"]);
    let good = db.dir.path().join("good.sqlite3");
    db.ok(&["backup", "-o", s(&good)]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("db.sqlite3");
    damaged(&good, &file, |b| b.truncate(b.len() / 2));
    let damaged_bytes = std::fs::read(&file).unwrap();
    let jixiao = || {
        let mut c = assert_cmd::Command::cargo_bin("jixiao").unwrap();
        c.env_remove("JIXIAO_DB").arg("--db").arg(&file);
        c
    };
    assert!(!jixiao().args(["evaluate", "--year", "2023"]).output().unwrap().status.success());
    // the service: a good database is refused, a damaged one is set aside untouched
    assert!(jixiao::service::backups::restore_damaged(&good, &good).is_err(), "a database that opens is not replaced");
    let out = jixiao().args(["restore", s(&good)]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("set aside"), "{said}");
    let aside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.path()).filter(|p| {
        let name = p.to_string_lossy();
        name.contains(".damaged-") && !name.ends_with("-wal") && !name.ends_with("-shm")
    }).collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged_bytes, "the damaged file is kept as it was");
    let ev = jixiao().args(["evaluate", "--year", "2023", "--json"]).output().unwrap();
    assert!(ev.status.success(), "the restored database opens: {}", String::from_utf8_lossy(&ev.stderr));
    // a file that is not a database is set aside as the app does (service::backups::restore_over)
    std::fs::write(&file, b"not a database at all, but the officer's file").unwrap();
    let out = jixiao().args(["restore", s(&good)]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("set aside"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(jixiao().args(["evaluate", "--year", "2023"]).output().unwrap().status.success());
}

#[test]
fn a_submitted_quarter_is_locked_until_unlocked_with_a_reason() {
    let db = Db::new();
    db.ok(&["demo"]);
    db.ok(&["submit", "--year", "2023", "--period", "2023Q2", "--project", P3]);
    let out = set_q2(&db, "12次");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("已报送"), "{}", String::from_utf8_lossy(&out.stderr));
    let err = db.fails(&["spending", "set", "--year", "2023", "--project", P3, "--period", "2023Q2", "--amount", "100"]);
    assert!(err.contains("已报送"), "{err}");
    // an import may not replace a project with a locked quarter
    let err = db.fails(&["import", SAMPLE]);
    assert!(err.contains("已报送") && err.contains("不能导入覆盖"), "{err}");
    // other quarters stay open
    db.ok(&["actual", "set", "--indicator", "提供法律意见次数", "--value", "19次", "--year", "2023", "--project", P3, "--period", "2023Q4"]);
    assert!(db.fails(&["unlock", "--year", "2023", "--period", "2023Q2", "--project", P3, "--reason", "  "]).contains("原因"));
    db.ok(&["unlock", "--year", "2023", "--period", "2023Q2", "--project", P3, "--reason", "更正录入错误"]);
    assert!(set_q2(&db, "12次").status.success());
    let h = db.json(&["history", "--year", "2023", "--project", P3, "--json"]);
    let h = h.as_array().unwrap();
    let unlock = h.iter().find(|e| e["action"] == "解除报送").unwrap();
    assert!(unlock["changes"].to_string().contains("更正录入错误"));
    let last = h.last().unwrap();
    assert_eq!(last["indicator"], "提供法律意见次数");
    assert_eq!(last["period"], "2023Q2");
    assert!(last["changes"].to_string().contains("→ 12"), "{last}");
}

#[test]
fn a_whole_unit_is_submitted_at_once() {
    let db = Db::new();
    db.ok(&["demo"]);
    let out = db.ok(&["submit", "--year", "2023", "--period", "2023Q4", "--unit", "505000"]);
    assert!(out.contains("of 2 projects"), "{out}");
    for code in ["37020023P130005100027", "37020023P130006100019"] {
        let err = db.fails(&["spending", "set", "--year", "2023", "--project", code, "--period", "2023Q4", "--amount", "1"]);
        assert!(err.contains("已报送"), "{err}");
    }
    // the unit's other project (of 505001) stays open
    db.ok(&["spending", "set", "--year", "2023", "--project", P3, "--period", "2023Q4", "--amount", "440"]);
}

#[test]
fn the_change_log_is_append_only() {
    let db = Db::new();
    db.ok(&["demo"]);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert!(n > 0);
    assert!(conn.execute("UPDATE change_log SET who = 'x'", []).unwrap_err().to_string().contains("只能追加"));
    assert!(conn.execute("DELETE FROM change_log", []).unwrap_err().to_string().contains("只能追加"));
    let m: i64 = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(n, m);
}

#[test]
fn the_forms_of_a_submitted_quarter_say_so() {
    use calamine::{Reader, Xlsx, open_workbook};
    let db = Db::new();
    db.ok(&["demo"]);
    let texts = |name: &str| -> String {
        let path = db.dir.path().join(name);
        db.ok(&["report", "monitor", "--year", "2023", "--project", P3, "--period", "2023Q2", "--format", "xlsx", "-o", s(&path)]);
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        range.rows().flatten().map(|c| c.to_string()).collect::<Vec<_>>().join("|")
    };
    assert!(!texts("before.xlsx").contains("已报送"));
    db.ok(&["submit", "--year", "2023", "--period", "2023Q2", "--project", P3]);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(texts("after.xlsx").contains(&format!("已报送（{today}）")));
    db.ok(&["unlock", "--year", "2023", "--period", "2023Q2", "--project", P3, "--reason", "补充说明"]);
    assert!(!texts("unlocked.xlsx").contains("已报送"));
}

/// Everything an officer does with files, in folders whose names have Chinese
/// characters and spaces (a Windows account named 张 三, a 新建 文件夹): the
/// database and its automatic backups, a backup and its restore, an export, a
/// workbook, and a text file saved by Windows (GBK, CRLF) imported.
#[test]
fn files_in_folders_with_chinese_names_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("张 三").join("新建 文件夹 (2)");
    std::fs::create_dir_all(&folder).unwrap();
    let db = Db { path: folder.join("绩效 数据.sqlite3"), dir };
    db.ok(&["demo"]);
    assert!(set_q2(&db, "7次").status.success());
    let copy = folder.join("备份 第一份.sqlite3");
    db.ok(&["backup", "-o", s(&copy)]);
    assert!(set_q2(&db, "11次").status.success());
    db.ok(&["restore", s(&copy)]);
    assert_eq!(q2_value(&db), "7次");
    let kept = backups(&db);
    assert!(kept.iter().any(|b| b["why"] == "before-restore" && b["path"].as_str().unwrap().contains("绩效 数据.sqlite3.backups")), "{kept:?}");

    let export = folder.join("导出 2023.json");
    db.ok(&["export", "-o", s(&export), "--year", "2023"]);
    assert!(std::fs::read_to_string(&export).unwrap().contains(common::P3));
    let xlsx = folder.join("自评表 2023.xlsx");
    db.ok(&["report", "self-eval", "--year", "2023", "--project", common::P3, "--format", "xlsx", "-o", s(&xlsx)]);
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);

    let utf8 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bigdata-2023-targets-part1.txt")).unwrap();
    let crlf = utf8.replace("\r\n", "\n").replace('\n', "\r\n");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&crlf);
    assert!(!lossy);
    let txt = folder.join("目标 表（GBK）.txt");
    std::fs::write(&txt, &gbk).unwrap();
    let other = Db { path: folder.join("另一个 数据库.sqlite3"), dir: tempfile::tempdir().unwrap() };
    assert!(other.ok(&["import", s(&txt)]).contains("3 projects, 29 indicators"));
}
