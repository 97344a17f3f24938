//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bigdata-2023-part1.json");
pub const NARRATIVE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/industry-2025-narrative.json");
pub const P3: &str = "37020023P88002811135Y";

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jixiao.sqlite3");
        Db { dir, path }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("jixiao").unwrap();
        c.arg("--db").arg(&self.path).env_remove("JIXIAO_DB");
        c
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "jixiao {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(!out.status.success(), "jixiao {args:?} should have failed: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// The bytes of the database and its WAL, checkpointed first by nobody.
    pub fn bytes(&self) -> Vec<u8> {
        let mut b = std::fs::read(&self.path).unwrap();
        let wal = self.path.with_extension("sqlite3-wal");
        if wal.exists() {
            b.extend(std::fs::read(&wal).unwrap());
        }
        b
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Enters the actuals of scoring.md §8 through the CLI.
pub fn enter_worked_example(db: &Db) {
    let set = |ind: &str, flag: &str, v: &str, extra: &[&str]| {
        let mut args = vec!["actual", "set", "--year", "2023", "--project", P3, "--indicator", ind, "--period", "2023Q4", flag, v];
        args.extend_from_slice(extra);
        db.ok(&args);
    };
    set("大数据发展专项业务预算控制数", "--value", "450万元", &[]);
    set("提供法律意见次数", "--value", "18次", &["--reason", "部分法律事务延期至次年", "--measures", "加强计划管理"]);
    set("完成数字青岛规划编制数量", "--value", "1", &[]);
    set("完成智慧城市建设和数字青岛规划执行情况评估数量", "--value", "1个", &[]);
    set("法律顾问工作质量达标率", "--value", "98%", &[]);
    set("政务信息化评审完成率", "--value", "100", &[]);
    set("考察项目完成时限", "--done-on", "2023-12-25", &[]);
    set("采购项目评审时间", "--done-on", "2023-12-01", &[]);
    set("城市云脑会客厅年接待人次", "--value", "1100", &[]);
    set("服务对象满意度指标", "--value", "96%", &[]);
    db.ok(&["spending", "set", "--year", "2023", "--project", P3, "--period", "2023Q4", "--amount", "450.00"]);
}
