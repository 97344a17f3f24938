//! `jixiao review` end to end (issue 13): the real binary on a real database,
//! the findings as JSON and as text, 已知悉 notes, the review settings, last
//! year's actuals, and an older database upgraded to hold the notes.

mod common;
use common::*;
use serde_json::{Value, json};

const CODE: &str = "X-TRAIN";

/// A 绩效目标表 of year `year` as an exchange file: every row is `(level1,
/// level2, level3, target, basis)`.
fn table(year: i32, rows: &[(&str, &str, &str, &str, &str)]) -> String {
    let indicators: Vec<Value> = rows
        .iter()
        .map(|(l1, l2, l3, target, basis)| json!({"level1": l1, "level2": l2, "level3": l3, "target": target, "basis": basis}))
        .collect();
    json!({
        "format": "jixiao-exchange",
        "version": 1,
        "units": [{"code": "801001", "name": "市卫生健康委员会本级"}],
        "projects": [{
            "year": year, "unit": "801001", "code": CODE, "name": "基层医务人员培训",
            "money_unit": "万元", "budget": {"total": "500.00", "fiscal": "500.00", "other": null},
            "indicators": indicators
        }]
    })
    .to_string()
}

/// A whole, proper table whose 服务能力 target is `service` (under 产出—质量).
fn training(year: i32, service: &str) -> String {
    table(
        year,
        &[
            ("成本指标", "经济成本指标", "培训经费", "≤50万元", "计划标准"),
            ("产出指标", "数量指标", "培训基层医务人员", "≥1200人次", "历史标准"),
            ("产出指标", "质量指标", "服务能力", service, "行业标准"),
            ("产出指标", "时效指标", "培训完成时间", "≤2024年11月", "计划标准"),
            ("效益指标", "社会效益指标", "基层首诊人次增长", "≥5%", "历史标准"),
            ("满意度指标", "服务对象满意度指标", "受训人员满意度", "≥90%", "行业标准"),
        ],
    )
}

/// `(rule, severity, indicator)` of every finding of the first project.
fn findings(review: &Value) -> Vec<(String, String, Option<String>)> {
    review["projects"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().into(), f["severity"].as_str().unwrap().into(), f["indicator"].as_str().map(String::from)))
        .collect()
}

fn one(rule: &str, severity: &str, indicator: Option<&str>) -> (String, String, Option<String>) {
    (rule.into(), severity.into(), indicator.map(String::from))
}

fn review_json(db: &Db, year: &str) -> Value {
    db.json(&["review", "--year", year, "--project", CODE, "--json"])
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

fn import(db: &Db, name: &str, text: &str) {
    let f = db.write(name, text);
    db.ok(&["import", s(&f)]);
}

#[test]
fn the_sample_bureau_passes_in_the_issues_shape() {
    let db = Db::new();
    db.ok(&["demo"]);
    for year in ["2023", "2025"] {
        let r = db.json(&["review", "--year", year, "--json"]);
        assert_eq!(keys(&r), ["projects", "year"]);
        assert_eq!(r["year"], year.parse::<i64>().unwrap());
        for p in r["projects"].as_array().unwrap() {
            // no note was marked: exactly the issue's keys
            assert_eq!(keys(p), ["code", "conclusion", "findings", "name"], "{p}");
            for f in p["findings"].as_array().unwrap() {
                assert_eq!(keys(f), ["criterion", "indicator", "message", "rule", "severity"], "{f}");
                assert_ne!(f["severity"], "error", "{f}");
            }
        }
    }
    // the published tables: two notes in 2023 (all 优), the prose of 2025 lacks its bases (良)
    let r2023 = db.json(&["review", "--year", "2023", "--json"]);
    let projects = r2023["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 3);
    assert!(projects.iter().all(|p| p["conclusion"] == "优"), "{r2023}");
    let notes: Vec<(&str, &str)> = projects
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap().iter().map(|f| (f["rule"].as_str().unwrap(), f["indicator"].as_str().unwrap())))
        .collect();
    assert_eq!(notes, [("unquantified", "社区达标类别"), ("basis-category", "大数据发展专项业务预算控制数")]);
    let basis = projects.iter().flat_map(|p| p["findings"].as_array().unwrap()).find(|f| f["rule"] == "basis-category").unwrap();
    assert_eq!((basis["severity"].as_str(), basis["criterion"].as_str()), (Some("info"), Some("完整性")));
    assert_eq!(basis["message"], "“历史指标”应为“历史标准”");
    let r2025 = db.json(&["review", "--year", "2025", "--unit", "000000", "--json"]);
    assert_eq!(r2025["projects"][0]["conclusion"], "良");
    assert_eq!(r2025["projects"][0]["findings"].as_array().unwrap().len(), 10);
    assert_eq!(db.json(&["review", "--year", "2023", "--unit", "000000", "--json"])["projects"], json!([]));
    // one project; the text summary; a year without projects is an empty report
    let one = db.json(&["review", "--year", "2023", "--project", P3, "--json"]);
    assert_eq!((one["projects"].as_array().unwrap().len(), one["projects"][0]["code"].as_str()), (1, Some(P3)));
    let text = db.ok(&["review", "--year", "2023"]);
    assert!(text.contains("conclusion 优") && text.contains("提示 完整性 大数据发展专项业务预算控制数"), "{text}");
    assert_eq!(db.json(&["review", "--year", "2030", "--json"]), json!({"year": 2030, "projects": []}));
    assert!(db.fails(&["review", "--year", "2023", "--project", "NONE"]).contains("NONE"));
    assert!(db.fails(&["review"]).contains("--year"));
}

#[test]
fn a_vague_target_is_found_and_goes_when_the_target_is_fixed() {
    let db = Db::new();
    import(&db, "vague.json", &training(2024, "进一步提高"));
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), [one("vague-target", "error", Some("服务能力"))]);
    let f = &r["projects"][0]["findings"][0];
    assert_eq!(f["criterion"], "可行性");
    assert!(f["message"].as_str().unwrap().contains("进一步提高"), "{f}");
    assert_eq!(r["projects"][0]["conclusion"], "中");
    // findings are a report, not a failure: exit status 0 with the text summary too
    let text = db.ok(&["review", "--year", "2024"]);
    assert!(text.contains("错误 可行性 服务能力") && text.contains("(vague-target)") && text.contains("conclusion 中"), "{text}");
    // the officer quantifies the target and imports the table again
    import(&db, "fixed.json", &training(2024, "≥90%"));
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), []);
    assert_eq!(r["projects"][0]["conclusion"], "优");
}

#[test]
fn the_review_settings_are_stored_beside_the_scoring_ones_and_change_the_result() {
    let db = Db::new();
    import(&db, "vague.json", &training(2024, "进一步提高"));
    // both families are listed, each with its default
    let all = db.json(&["settings", "get", "--json"]);
    let all = all.as_array().unwrap();
    assert!(all.iter().any(|s| s["key"] == "approx_tolerance"));
    let vague = all.iter().find(|s| s["key"] == "review_vague_words").unwrap();
    assert!(vague["default"].as_str().unwrap().starts_with("有效、进一步、明显"), "{vague}");
    assert!(db.ok(&["settings", "get"]).contains("review_indicator_weight_total"));
    // without 进一步 among the vague words the target is a plain label: a note only
    let out = db.ok(&["settings", "set", "review_vague_words", "有效, 明显，显著"]);
    assert_eq!(out.trim(), "review_vague_words = 有效、明显、显著");
    assert_eq!(db.ok(&["settings", "get", "review_vague_words"]).trim(), "有效、明显、显著");
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), [one("unquantified", "info", Some("服务能力"))]);
    assert_eq!(r["projects"][0]["conclusion"], "优");
    let listed = db.ok(&["settings", "get"]);
    assert!(listed.lines().any(|l| l.starts_with("review_vague_words") && l.ends_with("(changed)")), "{listed}");
    // back to the default: the finding is back
    assert!(db.ok(&["settings", "reset", "review_vague_words"]).contains("(default)"));
    assert_eq!(findings(&review_json(&db, "2024")), [one("vague-target", "error", Some("服务能力"))]);
    // a yes/no setting reads 是 / 否 too
    db.ok(&["settings", "set", "review_require_cost", "否"]);
    assert_eq!(db.ok(&["settings", "get", "review_require_cost"]).trim(), "false");
    // bad values are refused naming the setting, and nothing changes
    assert!(db.fails(&["settings", "set", "review_indicator_weight_total", "ninety"]).contains("不是数字"));
    assert!(db.fails(&["settings", "set", "review_require_cost", "maybe"]).contains("true"));
    assert!(db.fails(&["settings", "set", "review_basis_variants", "历史指标"]).contains("近似=规范"));
    let err = db.fails(&["settings", "set", "review_basis_standards", "计划标准"]);
    assert!(err.contains("不一致"), "{err}");
    assert_eq!(db.ok(&["settings", "get", "review_indicator_weight_total"]).trim(), "90");
    // an unknown key lists the keys of both families
    let err = db.fails(&["settings", "set", "review_nothing", "1"]);
    assert!(err.contains("review_vague_words") && err.contains("budget_points"), "{err}");
}

#[test]
fn a_finding_marked_as_known_keeps_its_note_until_it_changes() {
    let db = Db::new();
    import(&db, "vague.json", &training(2024, "进一步提高"));
    let ack = |extra: &[&str]| {
        let mut args = vec!["review", "ack", "--year", "2024", "--project", CODE];
        args.extend_from_slice(extra);
        let out = db.cmd().env("JIXIAO_USER", "张会计").args(&args).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, out, err) = ack(&["--rule", "vague-target", "--indicator", "服务能力", "--note", "按上级文件表述，年中细化", "--json"]);
    assert!(ok, "{err}");
    let stored: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((stored[0]["note"].as_str(), stored[0]["who"].as_str()), (Some("按上级文件表述，年中细化"), Some("张会计")));
    // the review shows it beside the findings, which stay as they were
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), [one("vague-target", "error", Some("服务能力"))]);
    assert_eq!(r["projects"][0]["conclusion"], "中");
    let acked = r["projects"][0]["acknowledged"].as_array().unwrap();
    assert_eq!(acked.len(), 1);
    assert_eq!(keys(&acked[0]), ["at", "indicator", "message", "note", "rule", "who"]);
    assert_eq!((acked[0]["rule"].as_str(), acked[0]["indicator"].as_str()), (Some("vague-target"), Some("服务能力")));
    assert_eq!(acked[0]["message"], r["projects"][0]["findings"][0]["message"]);
    assert!(acked[0]["at"].as_str().unwrap().starts_with("20"), "{}", acked[0]);
    assert!(db.ok(&["review", "--year", "2024"]).contains("[已知悉: 按上级文件表述，年中细化]"));
    // marking it again replaces the note
    assert!(ack(&["--rule", "vague-target", "--indicator", "服务能力", "--note", "已与财政局沟通"]).1.contains("已与财政局沟通"));
    let r = review_json(&db, "2024");
    assert_eq!(r["projects"][0]["acknowledged"].as_array().unwrap().len(), 1);
    assert_eq!(r["projects"][0]["acknowledged"][0]["note"], "已与财政局沟通");
    // importing the same table again keeps the note
    import(&db, "again.json", &training(2024, "进一步提高"));
    assert_eq!(review_json(&db, "2024")["projects"][0]["acknowledged"][0]["note"], "已与财政局沟通");
    // only a finding the table has now, with a note, can be marked
    let (ok, _, err) = ack(&["--rule", "no-unit", "--indicator", "服务能力", "--note", "x"]);
    assert!(!ok && err.contains("no-unit"), "{err}");
    let (ok, _, err) = ack(&["--rule", "vague", "--indicator", "服务能力", "--note", "x"]);
    assert!(!ok && err.contains("vague-target") && err.contains("missing-category"), "{err}");
    let (ok, _, err) = ack(&["--rule", "vague-target", "--note", "x"]);
    assert!(!ok && err.contains("全表"), "{err}");
    let (ok, _, err) = ack(&["--rule", "vague-target", "--indicator", "服务能力", "--note", "  "]);
    assert!(!ok && err.contains("说明"), "{err}");
    // each write of a note is in the change log
    let c = rusqlite::Connection::open(&db.path).unwrap();
    let logged: Vec<(String, String)> = c
        .prepare("SELECT action, who FROM change_log WHERE entity = 'acknowledgement' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = logged.iter().map(|(a, _)| a.as_str()).collect();
    // insert, update; the re-import deleted the project (and its note) and wrote both again
    assert_eq!(actions, ["insert", "update", "delete", "insert"]);
    assert_eq!(logged[0].1, "张会计");
    // the target is fixed: the finding and its note are gone from the review
    import(&db, "fixed.json", &training(2024, "≥90%"));
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), []);
    assert!(r["projects"][0].get("acknowledged").is_none(), "{r}");
    // a note on the whole table; then removed
    import(
        &db,
        "no-satisfaction.json",
        &table(2024, &[("成本指标", "经济成本指标", "培训经费", "≤50万元", "计划标准"), ("产出指标", "数量指标", "培训基层医务人员", "≥1200人次", "历史标准")]),
    );
    let r = review_json(&db, "2024");
    let missing: Vec<_> = findings(&r).into_iter().filter(|f| f.0 == "missing-category").collect();
    assert_eq!(missing, [one("missing-category", "error", None), one("missing-category", "error", None)]);
    let (ok, out, err) = ack(&["--rule", "missing-category", "--note", "效益和满意度指标另表报送"]);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("全表"), "{out}");
    assert_eq!(review_json(&db, "2024")["projects"][0]["acknowledged"].as_array().unwrap().len(), 2);
    let out = db.ok(&["review", "unack", "--year", "2024", "--project", CODE, "--rule", "missing-category"]);
    assert!(out.contains("removed 2"), "{out}");
    assert!(review_json(&db, "2024")["projects"][0].get("acknowledged").is_none());
}

#[test]
fn a_target_below_last_years_actual_is_found() {
    let db = Db::new();
    let mut last_year = training(2023, "≥90%").replace("≤2024年11月", "≤2023年11月");
    last_year = last_year.replace("≥1200人次", "≥1000人次");
    import(&db, "2023.json", &last_year);
    import(&db, "2024.json", &training(2024, "≥90%"));
    // no actual last year: nothing to compare with
    assert_eq!(findings(&review_json(&db, "2024")), []);
    let set = |v: &str| {
        db.ok(&["actual", "set", "--year", "2023", "--project", CODE, "--indicator", "培训基层医务人员", "--period", "2023Q4", "--value", v]);
    };
    set("1500人次");
    let r = review_json(&db, "2024");
    assert_eq!(findings(&r), [one("below-last-year", "warning", Some("培训基层医务人员"))]);
    let msg = r["projects"][0]["findings"][0]["message"].as_str().unwrap();
    assert!(msg.contains("1500") && msg.contains("1200"), "{msg}");
    assert_eq!(r["projects"][0]["conclusion"], "良");
    // a year-end actual no better than this year's target is no finding
    set("1200");
    assert_eq!(findings(&review_json(&db, "2024")), []);
}

#[test]
fn an_older_database_is_upgraded_with_its_change_log() {
    let db = Db::new();
    {
        // a database as the first version wrote it, with one logged change
        let c = rusqlite::Connection::open(&db.path).unwrap();
        let v1 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/0001_init.sql")).unwrap();
        c.execute_batch(&v1).unwrap();
        c.execute_batch(
            "INSERT INTO units (code, name) VALUES ('801001', '单位');
             INSERT INTO projects (year, code, name, unit_id) VALUES (2024, 'OLD', '旧项目', 1);
             UPDATE actor SET who = '李会计';
             INSERT INTO indicators (project_id, position, level1, level3, target_text, target_kind) VALUES (1, 1, '产出指标', '旧指标', '进一步提高', 'not_understood');
             PRAGMA user_version = 1; PRAGMA application_id = 1247299905;",
        )
        .unwrap();
    }
    assert!(db.ok(&["init"]).contains(&format!("schema version {}", jixiao::service::records::schema_version())));
    // the upgrade backed the old file up first
    assert!(db.ok(&["backups"]).contains("before-migration"));
    let c = rusqlite::Connection::open(&db.path).unwrap();
    let old: (String, String, i64) = c.query_row("SELECT entity, who, id FROM change_log", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!(old, ("target".into(), "李会计".into(), 1));
    // the old triggers write to the rebuilt log, and notes are logged too
    db.ok(&["review", "ack", "--year", "2024", "--project", "OLD", "--rule", "missing-category", "--note", "旧表"]);
    import(&db, "replace.json", &training(2024, "≥90%").replace(CODE, "OLD"));
    let entities: Vec<String> =
        c.prepare("SELECT entity FROM change_log ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    // 3 notes marked; the import replaces the project: they are deleted with it and kept for the new one
    assert_eq!(entities.iter().filter(|e| *e == "acknowledgement").count(), 3 + 3 + 3, "{entities:?}");
    // the old indicator's insert and delete, the 6 new ones
    assert_eq!(entities.iter().filter(|e| *e == "target").count(), 1 + 1 + 6, "{entities:?}");
    let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn the_apps_calls_review_a_draft_and_mark_a_finding() {
    use jixiao::service::{self, review};
    let mut store = service::open_in_memory().unwrap();
    service::exchange::import_str(&mut store, &training(2024, "进一步提高")).unwrap();
    let project = jixiao::service::records::project(&store, 2024, CODE).unwrap();
    let r = review::review_project(&store, project.id).unwrap();
    assert_eq!((r.code.as_str(), r.review.findings.len()), (CODE, 1));
    let finding = r.review.findings[0].clone();
    // marked with a note; a finding the table does not have is refused
    let a = review::acknowledge(&mut store, project.id, &finding, " 年中细化 ").unwrap();
    assert_eq!((a.rule, a.note.as_str()), (finding.rule, "年中细化"));
    let mut other = finding.clone();
    other.message.push('!');
    assert!(review::acknowledge(&mut store, project.id, &other, "x").is_err());
    assert_eq!(review::review_project(&store, project.id).unwrap().acknowledged, std::slice::from_ref(&a));
    // the table as being edited: the target quantified, the finding gone, not yet saved
    let mut draft = jixiao::service::records::indicators(&store, project.id).unwrap();
    let row = draft.iter_mut().find(|i| i.level3 == "服务能力").unwrap();
    row.target_text = "≥90%".into();
    row.target = jixiao::target::parse("≥90%", 2024);
    let r = review::review_indicators(&store, &project, &draft).unwrap();
    assert!(r.review.findings.is_empty() && r.acknowledged.is_empty(), "{r:?}");
    assert_eq!(review::stored_acknowledgements(&store, project.id).unwrap(), [a]);
    // removed once
    assert!(review::unacknowledge(&mut store, project.id, &finding).unwrap());
    assert!(!review::unacknowledge(&mut store, project.id, &finding).unwrap());
    assert!(review::review_project(&store, project.id).unwrap().acknowledged.is_empty());
    assert!(service::review_settings(&store).unwrap().vague_words.contains(&"进一步".to_string()));
}

/// What 项目详情 and 编辑 show: findings with their rows and notes; the table as
/// typed (a new row, an edited one) reviewed before anything is saved.
#[test]
fn the_screens_see_each_finding_beside_its_row_as_the_table_is_typed() {
    use jixiao::model::IndicatorInput;
    use jixiao::service::{self, review};
    let mut store = service::open_in_memory().unwrap();
    service::exchange::import_str(&mut store, &training(2024, "进一步提高")).unwrap();
    let project = jixiao::service::records::project(&store, 2024, CODE).unwrap();
    let shown = review::shown(&store, project.id).unwrap();
    assert_eq!((shown.errors, shown.warnings, shown.findings.len()), (1, 0, 1));
    let f = &shown.findings[0];
    // 服务能力 is the table's third row
    assert_eq!((f.finding.indicator.as_deref(), f.row, f.acknowledged.as_ref()), (Some("服务能力"), Some(2), None));
    let a = review::acknowledge(&mut store, project.id, &f.finding, "年中细化").unwrap();
    assert_eq!(review::shown(&store, project.id).unwrap().findings[0].acknowledged, Some(a));
    // the JSON the window gets: the finding's fields, its row, its note
    let json = serde_json::to_value(review::shown(&store, project.id).unwrap()).unwrap();
    assert_eq!(json["findings"][0]["rule"], "vague-target");
    assert_eq!(json["findings"][0]["row"], 2);
    assert_eq!(json["findings"][0]["acknowledged"]["note"], "年中细化");

    let stored = jixiao::service::records::indicators(&store, project.id).unwrap();
    let input = |i: &jixiao::model::Indicator| IndicatorInput {
        key: i.key.clone(),
        level1: i.level1.clone(),
        level2: i.level2.clone(),
        level3: i.level3.clone(),
        description: i.description.clone(),
        target_text: i.target_text.clone(),
        basis: i.basis.clone(),
        weight: i.weight,
        accumulation: i.accumulation_set,
        not_applicable: i.not_applicable.clone(),
    };
    let mut rows: Vec<review::DraftRow> = stored.iter().map(|i| review::DraftRow { id: Some(i.id), input: input(i), weight: None }).collect();
    // as stored, the draft says what the stored table says
    assert_eq!(review::shown_draft(&store, project.id, &rows).unwrap().findings, review::shown(&store, project.id).unwrap().findings);
    // 服务能力 quantified, a new vague row typed at the end: the finding moves to the new row
    rows[2].input.target_text = "≥90%".into();
    let mut new = input(&stored[1]);
    new.level3 = "覆盖范围".into();
    new.target_text = "明显改善".into();
    // a 分值 half typed reads as none for the review
    rows.push(review::DraftRow { id: None, input: new, weight: Some("1２a".into()) });
    let d = review::shown_draft(&store, project.id, &rows).unwrap();
    let at: Vec<_> = d.findings.iter().map(|f| (f.finding.rule.id(), f.row)).collect();
    assert_eq!(at, [("vague-target", Some(6))], "{d:?}");
    // nothing was saved
    assert_eq!(jixiao::service::records::indicators(&store, project.id).unwrap(), stored);
    // a row that is not the project's is just a new row; an unknown project is an error
    rows[0].id = Some(999_999);
    assert!(review::shown_draft(&store, project.id, &rows).is_ok());
    assert!(review::shown_draft(&store, 999_999, &rows).is_err());
}
