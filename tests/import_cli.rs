//! `jixiao import` for every format, as an officer would use it.

mod common;
use common::*;

const TEXT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bigdata-2023-targets-part1.txt");

#[test]
fn the_samples_text_dry_runs_to_the_samples_json_and_writes_nothing() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.bytes();
    let out = db.ok(&["import", TEXT, "--format", "text", "--dry-run"]);
    // the same file, field for field (an absent field and a null one are the same)
    let got = jixiao::exchange::parse_file(&out).unwrap();
    let want = jixiao::exchange::parse_file(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    assert_eq!(got, want);
    assert_eq!(db.bytes(), before, "a dry run writes nothing");
    // the format is guessed when not given, and the real import gives the same projects
    db.ok(&["import", TEXT]);
    let projects = db.json(&["projects", "--year", "2023", "--json"]);
    assert_eq!(projects.as_array().unwrap().len(), 3);
}

#[test]
fn a_template_filled_in_nothing_is_refused_and_bad_files_change_nothing() {
    let db = Db::new();
    db.ok(&["import", SAMPLE]);
    let before = db.bytes();
    let template = db.dir.path().join("模板.xlsx");
    db.ok(&["template", "-o", s(&template)]);
    assert!(template.exists());
    let err = db.fails(&["import", s(&template)]);
    assert!(!err.is_empty() && !err.contains("panicked"), "{err}");
    let junk_xlsx = db.write("坏.xlsx", "PK\u{3}\u{4} not really a workbook");
    let err = db.fails(&["import", s(&junk_xlsx)]);
    assert!(!err.contains("panicked"), "{err}");
    let no_text = db.write("空.pdf", "%PDF-1.4\n%%EOF\n");
    let err = db.fails(&["import", s(&no_text)]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(db.bytes(), before, "a refused import leaves the database byte for byte");
}
