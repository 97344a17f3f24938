//! Progress of long work (`jixiao::progress`): what the service reports, a
//! cancel before the writing writes nothing, none once it began; the CLI's bar
//! only on a terminal.

mod common;
use common::*;

use jixiao::progress::{CancelFlag, Progress, ProgressEvent};
use jixiao::service;
use jixiao::service::synthetic::{SyntheticOptions, generate};
use std::sync::Mutex;

/// Records every step; asks to stop at the first step whose text starts with `stop_at`.
struct Recorder {
    seen: Mutex<Vec<ProgressEvent>>,
    stop_at: Option<&'static str>,
    flag: CancelFlag,
}

impl Recorder {
    fn new(stop_at: Option<&'static str>) -> Self {
        Recorder { seen: Mutex::new(Vec::new()), stop_at, flag: CancelFlag::default() }
    }
    fn seen(&self) -> Vec<ProgressEvent> {
        self.seen.lock().unwrap().clone()
    }
}

impl Progress for Recorder {
    fn report(&self, e: ProgressEvent) {
        if self.stop_at.is_some_and(|s| e.doing.starts_with(s)) {
            self.flag.cancel();
        }
        self.seen.lock().unwrap().push(e);
    }
    fn cancelled(&self) -> bool {
        self.flag.is_set()
    }
}

fn bureau(projects: usize) -> jixiao::exchange::File {
    generate(&SyntheticOptions { projects, seed: 3, year: 2025 }).unwrap()
}

#[test]
fn an_import_reports_checking_then_writing_and_only_checking_is_cancellable() {
    let db = Db::new();
    let mut store = service::open(&db.path).unwrap();
    service::demo::load_demo(&mut store).unwrap();
    let file = bureau(450);
    let rec = Recorder::new(None);
    let summary = service::exchange::import_with(&mut store, &file, &rec).unwrap();
    assert_eq!(summary.projects, 450);
    let seen = rec.seen();
    let first_write = seen.iter().position(|e| !e.cancellable).expect("the writing is reported");
    assert!(seen[..first_write].iter().all(|e| e.cancellable && e.doing.starts_with("正在检查") || e.doing.starts_with("已检查")));
    assert!(seen[first_write..].iter().all(|e| !e.cancellable), "no step after the writing began may be cancelled");
    assert!(seen.iter().any(|e| e.doing == "正在检查第 1/450 个项目" && e.done == 0 && e.total == 450));
    assert!(seen.iter().any(|e| e.doing == "正在备份数据库"), "the demo database is backed up first");
    assert!(seen.iter().any(|e| e.doing.starts_with("正在写入第 ")));
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.total), (450, 450));
    // done never goes back within a phase, never passes total
    assert!(seen.iter().all(|e| e.done <= e.total));
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let db = Db::new();
    {
        let mut store = service::open(&db.path).unwrap();
        service::demo::load_demo(&mut store).unwrap();
    }
    let export = |name: &str| {
        let out = db.dir.path().join(name);
        db.ok(&["export", "-o", s(&out)]);
        std::fs::read_to_string(out).unwrap()
    };
    let was = export("a.json");
    let backups_before = service::backups::backups(&service::open(&db.path).unwrap()).unwrap().len();
    let file = bureau(300);
    for stop_at in ["正在检查第 101/", "已检查"] {
        let mut store = service::open(&db.path).unwrap();
        let rec = Recorder::new(Some(stop_at));
        let e = service::exchange::import_with(&mut store, &file, &rec).unwrap_err();
        assert!(matches!(e, jixiao::Error::Cancelled), "{e}");
        assert_eq!(e.to_string(), "已取消，未写入任何内容");
        assert!(rec.seen().iter().all(|e| e.cancellable), "nothing was written: every step was cancellable");
        drop(store);
        assert_eq!(export("b.json"), was, "a cancelled import changed the database");
        let backups = service::backups::backups(&service::open(&db.path).unwrap()).unwrap().len();
        assert_eq!(backups, backups_before, "a cancelled import took no backup");
    }
}

#[test]
fn a_cancel_asked_for_once_the_writing_began_is_not_heeded() {
    let db = Db::new();
    let mut store = service::open(&db.path).unwrap();
    service::demo::load_demo(&mut store).unwrap();
    let before = service::records::projects(&store, Some(2025), None).unwrap().len();
    let rec = Recorder::new(Some("正在写入第 "));
    let summary = service::exchange::import_with(&mut store, &bureau(50), &rec).unwrap();
    assert_eq!(summary.projects, 50);
    assert!(rec.cancelled());
    assert_eq!(service::records::projects(&store, Some(2025), None).unwrap().len(), before + 50);
}

#[test]
fn a_preview_and_a_report_export_report_progress_and_stop_when_cancelled() {
    let db = Db::new();
    let mut store = service::open(&db.path).unwrap();
    let file = bureau(120);
    let path = db.dir.path().join("in.json");
    std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
    let rec = Recorder::new(None);
    let preview = service::exchange::preview_file_with(&store, &path, None, &Default::default(), &rec).unwrap();
    assert_eq!(preview.projects.len(), 120);
    let seen = rec.seen();
    assert!(seen.iter().all(|e| e.cancellable));
    assert!(seen.iter().any(|e| e.doing == "正在审核第 120/120 个项目" || e.doing.starts_with("正在审核第 ")));
    let stop = Recorder::new(Some("正在审核第 "));
    assert!(matches!(service::exchange::preview_file_with(&store, &path, None, &Default::default(), &stop), Err(jixiao::Error::Cancelled)));

    service::exchange::import(&mut store, &file).unwrap();
    let out = db.dir.path().join("forms.xlsx");
    let req = service::report::ReportRequest {
        kind: jixiao::report::FormKind::SelfEval,
        period: jixiao::Period::parse("2025Q4").unwrap(),
        unit: None,
        project: None,
        format: jixiao::report::Format::Xlsx,
    };
    let stop = Recorder::new(Some("正在生成第 60/"));
    let e = service::report::write_report_with(&store, &req, &out, &Default::default(), &stop).unwrap_err();
    assert!(matches!(e, jixiao::Error::Cancelled));
    assert!(!out.exists(), "a cancelled export writes no file");
    let rec = Recorder::new(None);
    let w = service::report::write_report_with(&store, &req, &out, &Default::default(), &rec).unwrap();
    assert_eq!(w.projects, 120);
    assert!(rec.seen().iter().any(|e| e.doing == "正在生成第 1/120 张表"));
    assert!(rec.seen().last().is_some_and(|e| !e.cancellable && e.doing == "正在写入文件"));
}

#[test]
fn backup_and_restore_report_their_steps_and_a_cancelled_restore_changes_nothing() {
    let db = Db::new();
    let mut store = service::open(&db.path).unwrap();
    service::demo::load_demo(&mut store).unwrap();
    let copy = db.dir.path().join("copy.sqlite3");
    let rec = Recorder::new(None);
    service::backups::backup_to_with(&store, &copy, &rec).unwrap();
    assert_eq!(rec.seen().iter().map(|e| (e.done, e.total)).collect::<Vec<_>>(), [(0, 2), (1, 2), (2, 2)]);
    service::exchange::import(&mut store, &bureau(5)).unwrap();
    let projects = |store: &service::Store| service::records::projects(store, None, None).unwrap().len();
    let with_five = projects(&store);
    let stop = Recorder::new(Some("正在检查备份文件"));
    let (done, store) = service::backups::restore_over_with(&db.path, Some(store), &copy, &stop);
    assert!(matches!(done, Err(jixiao::Error::Cancelled)));
    let store = store.unwrap();
    assert_eq!(projects(&store), with_five, "a cancelled restore changed nothing");
    let rec = Recorder::new(None);
    let (done, store) = service::backups::restore_over_with(&db.path, Some(store), &copy, &rec);
    done.unwrap();
    assert_eq!(projects(&store.unwrap()), with_five - 5);
    let steps: Vec<_> = rec.seen().iter().map(|e| (e.done, e.cancellable)).collect();
    assert_eq!(steps, [(0, true), (1, true), (1, false), (2, false), (3, false)]);
}

#[test]
fn the_cli_draws_no_bar_when_stderr_is_not_a_terminal() {
    let db = Db::new();
    let file = db.dir.path().join("bureau.json");
    std::fs::write(&file, serde_json::to_string(&bureau(60)).unwrap()).unwrap();
    db.ok(&["init"]);
    let out = db.cmd().args(["import", s(&file)]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8(out.stderr).unwrap();
    for bar in ['█', '▉', '\r', '\u{1b}'] {
        assert!(!err.contains(bar), "a bar on a pipe: {err:?}");
    }
    assert!(!err.contains("正在"), "progress text on a pipe: {err:?}");
    let out = db.cmd().args(["backup", "-o", s(&db.dir.path().join("b.sqlite3"))]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{:?}", String::from_utf8_lossy(&out.stderr));
}
