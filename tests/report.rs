//! The printed forms through the CLI: PDFs checked with poppler's tools
//! (pdftotext, pdffonts, pdfinfo — package poppler-utils) and a CJK font on the
//! machine (fonts-noto-cjk); xlsx files read back with calamine. As Windows code
//! under wine (`make test-windows`) the tests that need poppler are ignored (the
//! PDFs are still typeset there, with the fonts in C:\windows\Fonts, by the
//! tests that do not read them back).

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Db, P3};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

fn demo() -> Db {
    let db = Db::new();
    db.ok(&["demo"]);
    db
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for these tests (apt install poppler-utils): {e}"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The text of pages `first..=last` (all when 0), in content order.
fn pdf_text(file: &Path, first: u32, last: u32, mode: &str) -> String {
    let (f, l) = (first.to_string(), last.to_string());
    let mut args = vec![mode];
    if first > 0 {
        args.extend(["-f", &f, "-l", &l]);
    }
    tool("pdftotext", &args, file)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(file: &Path) -> u32 {
    let info = tool("pdfinfo", &[], file);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn page_size(file: &Path) -> String {
    let info = tool("pdfinfo", &[], file);
    info.lines().find(|l| l.starts_with("Page size:")).unwrap().to_string()
}

fn report(db: &Db, args: &[&str], name: &str) -> std::path::PathBuf {
    let out = db.dir.path().join(name);
    let mut all = vec!["report"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let msg = db.ok(&all);
    assert!(msg.starts_with("wrote "), "{msg}");
    out
}

fn evaluate(db: &Db, args: &[&str]) -> Value {
    let mut all = vec!["evaluate", "--json"];
    all.extend(args);
    db.json(&all)
}

/// Every page's `第 N 页 共 M 页`, as (N, M).
fn page_numbers(file: &Path) -> Vec<(u32, u32)> {
    (1..=pages(file))
        .map(|n| {
            let t = pdf_text(file, n, n, "-raw");
            let line = t.lines().find(|l| l.starts_with("第 ") && l.contains(" 页 共 ")).unwrap_or_else(|| panic!("no page number on page {n}: {t}"));
            let nums: Vec<u32> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (nums[0], nums[1])
        })
        .collect()
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn self_eval_pdf_shows_what_evaluate_computes() {
    let db = demo();
    let pdf = report(&db, &["self-eval", "--year", "2023", "--project", P3, "--format", "pdf"], "p3.pdf");
    assert!(page_size(&pdf).contains("595.276 x 841.89"), "A4 portrait: {}", page_size(&pdf));
    let layout = pdf_text(&pdf, 0, 0, "-layout");
    let raw = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    let ev = evaluate(&db, &["--year", "2023", "--project", P3]);
    let p = &ev["projects"][0];
    assert!(layout.contains("项目支出绩效自评表") && layout.contains("（2023 年度）"));
    assert!(layout.contains(p["name"].as_str().unwrap()));
    assert!(layout.contains("≥20次"), "a target as written");
    let total = p["total_score"].as_str().unwrap();
    assert_eq!(total, "93.02");
    assert!(layout.contains(total), "the total score");
    for i in p["indicators"].as_array().unwrap() {
        assert!(raw.contains(&squeeze(i["level3"].as_str().unwrap())), "level-3 name {}", i["level3"]);
        assert!(raw.contains(&squeeze(i["target"].as_str().unwrap())), "target {}", i["target"]);
        assert!(raw.contains(i["score"].as_str().unwrap()), "score {}", i["score"]);
    }
    // a failed row is marked; a missing explanation is said plainly
    let failed = p["indicators"].as_array().unwrap().iter().filter(|i| i["status"] == "fail").count();
    assert_eq!(layout.matches("【未达标】").count(), failed);
    let missing = p["indicators"].as_array().unwrap().iter().filter(|i| i["explanation_missing"] == true).count();
    assert_eq!(layout.matches("未填写偏差原因").count(), missing);
    for s in ["项目负责人", "财务负责人", "填报日期", "评分设置"] {
        assert!(layout.contains(s), "{s}");
    }
    assert_eq!(page_numbers(&pdf), [(1, 1)]);
    let fonts = tool("pdffonts", &[], &pdf);
    let cjk: Vec<&str> = fonts.lines().filter(|l| l.contains("CJK")).collect();
    assert!(!cjk.is_empty(), "a CJK font: {fonts}");
    for l in cjk {
        let cols: Vec<&str> = l.split_whitespace().collect();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "a subset: {l}");
        assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "embedded, subset, unicode: {l}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_unit_in_one_pdf_numbered_per_form() {
    let db = demo();
    let pdf = report(&db, &["self-eval", "--year", "2023"], "all.pdf");
    let ev = evaluate(&db, &["--year", "2023"]);
    let text = pdf_text(&pdf, 0, 0, "-layout");
    for p in ev["projects"].as_array().unwrap() {
        assert!(text.contains(p["name"].as_str().unwrap()));
    }
    // each project starts on a new page, numbered from 1
    let numbers = page_numbers(&pdf);
    let forms = numbers.iter().filter(|(n, _)| *n == 1).count();
    assert_eq!(forms, ev["projects"].as_array().unwrap().len());
    for w in numbers.windows(2) {
        assert!(w[1].0 == 1 || (w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1), "{numbers:?}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn monitor_pdf_is_landscape_with_lights_as_words() {
    let db = demo();
    let pdf = report(&db, &["monitor", "--year", "2023", "--project", P3], "mon.pdf");
    assert!(page_size(&pdf).contains("841.89 x 595.276"), "A4 landscape: {}", page_size(&pdf));
    let text = pdf_text(&pdf, 0, 0, "-raw");
    assert!(text.contains("项目支出绩效目标执行监控表") && text.contains("截至 2023 年 6 月 30 日"));
    let ev = evaluate(&db, &["--year", "2023", "--project", P3, "--period", "2023Q2"]);
    let words = |l: &str| match l {
        "red" => "红",
        "yellow" => "黄",
        "green" => "绿",
        "blue" => "蓝",
        _ => "未填",
    };
    let sq = squeeze(&text);
    for i in ev["projects"][0]["indicators"].as_array().unwrap() {
        assert!(sq.contains(&squeeze(i["target"].as_str().unwrap())));
        assert!(sq.contains(words(i["light"].as_str().unwrap())));
        if let Some(p) = i["progress"].as_str() {
            let pct: f64 = p.parse::<f64>().unwrap() * 100.0;
            assert!(sq.contains(&format!("{pct:.2}%")), "progress {pct:.2}%");
        }
    }
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn summary_pdf_and_xlsx_have_the_totals() {
    let db = demo();
    let ev = evaluate(&db, &["--year", "2023"]);
    let pdf = report(&db, &["summary", "--year", "2023"], "sum.pdf");
    let text = pdf_text(&pdf, 0, 0, "-layout");
    for p in ev["projects"].as_array().unwrap() {
        assert!(text.contains(p["code"].as_str().unwrap()));
        assert!(text.contains(p["total_score"].as_str().unwrap()));
    }
    assert!(text.contains("合计"));
    let xlsx = report(&db, &["summary", "--year", "2023", "--format", "xlsx"], "sum.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("汇总表").unwrap();
    for p in ev["projects"].as_array().unwrap() {
        let row = range.rows().find(|r| r[1] == Data::String(p["code"].as_str().unwrap().into())).unwrap();
        assert_eq!(number(&row[10], 2), p["total_score"].as_str().unwrap());
        assert_eq!(number(&row[5], 4), p["budget_execution"]["rate"].as_str().unwrap());
        assert_eq!(number(&row[6], 0), p["indicators"].as_array().unwrap().len().to_string());
    }
}

/// A number cell as `evaluate --json` writes it (a text cell fails the test).
fn number(d: &Data, dp: usize) -> String {
    match d {
        Data::Float(f) => format!("{f:.dp$}"),
        Data::Int(i) => format!("{i}"),
        other => panic!("expected a number cell, got {other:?}"),
    }
}

fn find_row<'a>(range: &'a calamine::Range<Data>, col: usize, text: &str) -> &'a [Data] {
    range.rows().find(|r| r.get(col) == Some(&Data::String(text.into()))).unwrap_or_else(|| panic!("no row with {text}"))
}

#[test]
fn xlsx_numbers_are_the_numbers_of_evaluate() {
    let db = demo();
    let ev = evaluate(&db, &["--year", "2023"]);
    let xlsx = report(&db, &["self-eval", "--year", "2023", "--format", "xlsx"], "se.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), ev["projects"].as_array().unwrap().len());
    for p in ev["projects"].as_array().unwrap() {
        let range = wb.worksheet_range(p["name"].as_str().unwrap()).unwrap();
        for i in p["indicators"].as_array().unwrap() {
            let row = find_row(&range, 2, i["level3"].as_str().unwrap());
            assert_eq!(row[3], Data::String(i["target"].as_str().unwrap().into()));
            assert_eq!(number(&row[5], 2), i["weight"].as_str().unwrap());
            assert_eq!(number(&row[6], 2), i["score"].as_str().unwrap());
        }
        let total = find_row(&range, 2, "总得分");
        assert_eq!(number(&total[3], 2), p["total_score"].as_str().unwrap());
        let money = find_row(&range, 0, "年度资金总额");
        let b = &p["budget_execution"];
        assert_eq!(number(&money[2], 2), b["budget"].as_str().unwrap());
        assert_eq!(number(&money[3], 2), b["spent"].as_str().unwrap());
        assert_eq!(number(&money[5], 4), b["rate"].as_str().unwrap());
        assert_eq!(number(&money[6], 2), b["score"].as_str().unwrap());
    }
    // the monitoring sheet: 序时进度 as numbers
    let ev = evaluate(&db, &["--year", "2023", "--project", P3, "--period", "2023Q2"]);
    let xlsx = report(&db, &["monitor", "--year", "2023", "--project", P3, "--format", "xlsx"], "mon.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range(ev["projects"][0]["name"].as_str().unwrap()).unwrap();
    for i in ev["projects"][0]["indicators"].as_array().unwrap() {
        let row = find_row(&range, 2, i["level3"].as_str().unwrap());
        match i["progress"].as_str() {
            Some(p) => assert_eq!(number(&row[5], 4), p),
            None => assert_eq!(row[5], Data::String("—".into())),
        }
    }
}

const SCRIPT: &str = "<script>alert(1)</script>";
const TYPST: &str = "#set page(width: 1pt)";
const PUNCT: &str = "] \\ $ *粗体* _x_ @ref <label> `raw` // 注释";

fn long_text() -> String {
    "指标名称很长abcdefghij".repeat(125)
}

/// A project with 40 indicators, some with hostile names, one 2,000 characters long.
fn hostile_project(db: &Db) {
    let mut indicators = Vec::new();
    let mut actuals = Vec::new();
    for k in 1..=40 {
        let level3 = match k {
            3 => SCRIPT.to_string(),
            4 => TYPST.to_string(),
            5 => PUNCT.to_string(),
            6 => long_text(),
            _ => format!("测试指标{k:02}"),
        };
        let (l1, l2) = match k {
            1..=30 => ("产出指标", "数量指标"),
            31..=36 => ("效益指标", "社会效益指标"),
            _ => ("满意度指标", "服务对象满意度指标"),
        };
        indicators.push(json!({"id": format!("i{k:02}"), "level1": l1, "level2": l2, "level3": level3, "target": "≥20次"}));
        actuals.push(json!({"indicator": format!("i{k:02}"), "period": "2023Q4", "value": if k % 3 == 0 { "18次" } else { "20次" },
            "reason": if k == 9 { Some(TYPST) } else { None }, "measures": if k == 9 { Some(SCRIPT) } else { None }}));
    }
    let file = json!({
        "format": "jixiao-exchange", "version": 1,
        "units": [{"code": "900001", "name": "测试单位"}],
        "projects": [{
            "year": 2023, "code": "T-40", "unit": "900001", "name": "恶意[测试]/项目*名称?很长很长很长很长很长很长很长很长很长很长",
            "money_unit": "万元", "budget": {"total": "100", "fiscal": "100", "other": null},
            "goal": format!("{SCRIPT} {TYPST} {PUNCT}"),
            "indicators": indicators, "actuals": actuals,
            "spending": [{"period": "2023Q4", "amount": "95"}]
        }]
    });
    let path = db.write("hostile.json", &serde_json::to_string(&file).unwrap());
    db.ok(&["import", path.to_str().unwrap()]);
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn forty_indicators_span_pages_with_the_header_repeated() {
    let db = Db::new();
    hostile_project(&db);
    let pdf = report(&db, &["self-eval", "--year", "2023", "--project", "T-40"], "t40.pdf");
    let n = pages(&pdf);
    assert!(n >= 3, "{n} pages");
    assert_eq!(page_numbers(&pdf), (1..=n).map(|k| (k, n)).collect::<Vec<_>>());
    let mut with_rows = 0;
    for k in 1..=n {
        let t = pdf_text(&pdf, k, k, "-raw");
        if t.contains("测试指标") || t.contains("指标名称很长") {
            with_rows += 1;
            assert_eq!(t.matches("三级指标").count(), 1, "the header once on page {k}");
            // A page break never leaves a page of rows without their level-1
            // label (the 产出指标 group alone is 30 rows, more than a page) —
            // except on a page holding nothing but the rest of the 2,000-character row.
            if t.contains("测试指标") {
                assert!(["产出指标", "效益指标", "满意度"].iter().any(|l| t.contains(l)), "a level-1 label on page {k}");
            }
        }
    }
    assert!(with_rows >= 2);
}

/// Every page is A4 portrait (`#set page(width: 1pt)` set nothing) and no word
/// runs past the right margin.
fn within_the_margins(pdf: &Path) {
    let info = tool("pdfinfo", &["-f", "1", "-l", "99"], pdf);
    assert!(info.lines().filter(|l| l.starts_with("Page") && l.contains("size:")).all(|l| l.contains("595.276 x 841.89")), "{info}");
    let bbox = tool("pdftotext", &["-bbox"], pdf);
    for w in bbox.split("<word ").skip(1) {
        let x_max: f64 = w.split("xMax=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(x_max < 595.0 - 30.0, "a word beyond the margin: {w}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn hostile_text_prints_as_text_and_wraps() {
    let db = Db::new();
    hostile_project(&db);
    let pdf = report(&db, &["self-eval", "--year", "2023", "--project", "T-40"], "t40.pdf");
    let raw = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    for s in [SCRIPT, TYPST, PUNCT] {
        assert!(raw.matches(&squeeze(s)).count() >= 2, "{s} printed as text (name and goal)");
    }
    let piece = "指标名称很长abcdefghij";
    assert!(raw.matches(piece).count() >= 120, "the long name, wrapped: {}", raw.matches(piece).count());
    within_the_margins(&pdf);

    let xlsx = report(&db, &["self-eval", "--year", "2023", "--project", "T-40", "--format", "xlsx"], "t40.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let name = wb.sheet_names()[0].clone();
    assert!(name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name}");
    let range = wb.worksheet_range(&name).unwrap();
    for s in [SCRIPT.to_string(), TYPST.to_string(), PUNCT.to_string(), long_text()] {
        find_row(&range, 2, &s);
    }
}

#[test]
fn no_cjk_font_says_what_to_do() {
    let db = demo();
    let out = db.dir.path().join("x.pdf");
    let empty = db.dir.path().join("nofonts");
    std::fs::create_dir(&empty).unwrap();
    let err = db
        .cmd()
        .env("JIXIAO_FONT_DIRS", &empty)
        .env_remove("JIXIAO_FONT")
        .args(["report", "self-eval", "--year", "2023", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!err.status.success());
    let msg = String::from_utf8(err.stderr).unwrap();
    assert!(msg.contains("找不到中文字体") && msg.contains("fonts-noto-cjk") && msg.contains("--font") && msg.contains("simsun.ttc"), "{msg}");
    assert!(!out.exists());
    let not_a_font = db.write("x.ttf", "not a font");
    let msg = db.fails(&["report", "self-eval", "--year", "2023", "--font", not_a_font.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(msg.contains("不是可用的字体文件"), "{msg}");
}

/// Four projects, their money in 万元 or 元: unit 900101 holds M-1 (万元),
/// M-2 (元), M-3 (万元), in that order; unit 900102 holds M-4 (万元).
fn mixed_money_units(db: &Db) {
    let project = |code: &str, unit: &str, money: &str, budget: &str, spent: &str| {
        json!({
            "year": 2023, "code": code, "unit": unit, "name": format!("项目{code}"),
            "money_unit": money, "budget": {"total": budget, "fiscal": budget, "other": null},
            "indicators": [{"id": "i1", "level1": "产出指标", "level2": "数量指标", "level3": "次数", "target": "≥20次"}],
            "actuals": [{"indicator": "i1", "period": "2023Q4", "value": "20次"}],
            "spending": [{"period": "2023Q4", "amount": spent}]
        })
    };
    let file = json!({
        "format": "jixiao-exchange", "version": 1,
        "units": [{"code": "900101", "name": "测试单位甲"}, {"code": "900102", "name": "测试单位乙"}],
        "projects": [
            project("M-1", "900101", "万元", "10", "5"),
            project("M-2", "900101", "元", "30000", "15000"),
            project("M-3", "900101", "万元", "2", "1"),
            project("M-4", "900102", "万元", "4", "3"),
        ]
    });
    let path = db.write("mixed.json", &serde_json::to_string(&file).unwrap());
    db.ok(&["import", path.to_str().unwrap()]);
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_mixed_unit_summary_adds_the_money_in_one_unit() {
    let db = Db::new();
    mixed_money_units(&db);
    let xlsx = report(&db, &["summary", "--year", "2023", "--format", "xlsx"], "mixed.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("汇总表").unwrap();
    // every amount in 元: 10 万元 = 100000 元
    for (code, budget, spent) in [("M-1", "100000.00", "50000.00"), ("M-2", "30000.00", "15000.00"), ("M-3", "20000.00", "10000.00"), ("M-4", "40000.00", "30000.00")] {
        let row = find_row(&range, 1, code);
        assert_eq!((number(&row[3], 2).as_str(), number(&row[4], 2).as_str()), (budget, spent), "{code}");
    }
    let sub = find_row(&range, 2, "小计：测试单位甲");
    assert_eq!((number(&sub[3], 2).as_str(), number(&sub[4], 2).as_str(), number(&sub[5], 4).as_str()), ("150000.00", "75000.00", "0.5000"));
    let total = find_row(&range, 2, "合计");
    assert_eq!((number(&total[3], 2).as_str(), number(&total[4], 2).as_str(), number(&total[5], 4).as_str()), ("190000.00", "105000.00", "0.5526"));
    let pdf = report(&db, &["summary", "--year", "2023"], "mixed.pdf");
    let text = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    assert!(text.contains("金额单位：元") && text.contains("190000.00") && text.contains("105000.00"), "{text}");
}

#[test]
fn the_summary_header_names_each_unit_once() {
    let db = Db::new();
    mixed_money_units(&db);
    let xlsx = report(&db, &["summary", "--year", "2023", "--format", "xlsx"], "mixed.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("汇总表").unwrap();
    let head: Vec<String> = range.rows().nth(2).unwrap().iter().filter_map(|c| match c {
        Data::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }).collect();
    // the money units 万元, 元, 万元 (in project order) are one unit, named once
    assert_eq!(head, ["单位：测试单位甲、测试单位乙", "金额单位：元"]);
}

/// A 2024 table as an exchange project: `(level1, level2, level3, target, basis)` rows.
fn review_project(code: &str, name: &str, rows: &[(&str, &str, &str, &str, &str)]) -> Value {
    let indicators: Vec<Value> = rows
        .iter()
        .map(|(l1, l2, l3, target, basis)| json!({"level1": l1, "level2": l2, "level3": l3, "target": target, "basis": basis}))
        .collect();
    json!({
        "year": 2024, "unit": "801001", "code": code, "name": name, "money_unit": "万元",
        "budget": {"total": "500.00", "fiscal": "500.00", "other": null},
        "goal": "开展基层医务人员培训，提升基层卫生服务能力。",
        "indicators": indicators
    })
}

const ACK_NOTE: &str = "按上级文件表述，年中细化为可量化指标";

/// Three projects of unit 801001 for the 审核意见表: X-TRAIN (review.md's
/// example: 差, a finding marked 已知悉), X-CLEAN (no finding), X-MANY (thirty
/// vague targets: 可行性 runs over a page).
fn review_projects(db: &Db) {
    let train = review_project(
        "X-TRAIN",
        "基层医务人员培训",
        &[
            ("产出指标", "数量指标", "培训基层医务人员", "≥1200人次", "历史指标"),
            ("产出指标", "质量指标", "服务能力", "进一步提升", "其他标准"),
            ("产出指标", "质量指标", "培训合格率", "≥95", ""),
            ("效益指标", "社会效益指标", "群众满意度", "≥90%", "行业标准"),
        ],
    );
    let clean = review_project(
        "X-CLEAN",
        "规范的培训项目",
        &[
            ("成本指标", "经济成本指标", "培训经费", "≤50万元", "计划标准"),
            ("产出指标", "数量指标", "培训人数", "≥1200人次", "历史标准"),
            ("产出指标", "质量指标", "培训合格率", "≥95%", "行业标准"),
            ("产出指标", "时效指标", "培训完成时间", "≤2024年11月", "计划标准"),
            ("效益指标", "社会效益指标", "基层首诊人次增长", "≥5%", "历史标准"),
            ("满意度指标", "服务对象满意度指标", "受训人员满意度", "≥90%", "行业标准"),
        ],
    );
    let vague: Vec<(String, String)> = (0..30).map(|i| (format!("服务质量指标{i}"), format!("进一步提升{}", "服务水平".repeat(i % 4)))).collect();
    let rows: Vec<(&str, &str, &str, &str, &str)> =
        vague.iter().map(|(l3, t)| ("产出指标", "质量指标", l3.as_str(), t.as_str(), "行业标准")).collect();
    let many = review_project("X-MANY", "问题较多的项目", &rows);
    let file = json!({
        "format": "jixiao-exchange", "version": 1,
        "units": [{"code": "801001", "name": "市卫生健康委员会本级"}],
        "projects": [train, clean, many]
    });
    let f = db.write("review.json", &file.to_string());
    db.ok(&["import", common::s(&f)]);
    db.ok(&["review", "ack", "--year", "2024", "--project", "X-TRAIN", "--rule", "vague-target", "--indicator", "服务能力", "--note", ACK_NOTE]);
}

/// Every text cell of every sheet, in row order, and the number cells.
fn xlsx_cells(file: &Path) -> (Vec<String>, Vec<String>, Vec<f64>) {
    let mut wb: Xlsx<_> = open_workbook(file).unwrap();
    let names = wb.sheet_names();
    let (mut texts, mut numbers) = (Vec::new(), Vec::new());
    for n in &names {
        for row in wb.worksheet_range(n).unwrap().rows() {
            for c in row {
                match c {
                    Data::String(s) => texts.push(s.clone()),
                    Data::Float(f) => numbers.push(*f),
                    Data::Int(i) => numbers.push(*i as f64),
                    _ => {}
                }
            }
        }
    }
    (names, texts, numbers)
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn review_form_pdf_and_xlsx_print_the_review() {
    let db = Db::new();
    review_projects(&db);
    let review = db.json(&["review", "--year", "2024", "--project", "X-TRAIN", "--json"]);
    let p = &review["projects"][0];
    assert_eq!(p["conclusion"], "差");
    let findings = p["findings"].as_array().unwrap();
    let vague = findings.iter().find(|f| f["rule"] == "vague-target").unwrap()["message"].as_str().unwrap();
    let basis = findings.iter().find(|f| f["rule"] == "basis-category").unwrap()["message"].as_str().unwrap();

    let pdf = report(&db, &["review", "--year", "2024", "--project", "X-TRAIN"], "review.pdf");
    assert!(page_size(&pdf).contains("595.276 x 841.89"), "A4 portrait: {}", page_size(&pdf));
    assert_eq!(page_numbers(&pdf), [(1, 1)]);
    let layout = pdf_text(&pdf, 0, 0, "-layout");
    let raw = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    assert!(layout.contains("绩效目标审核意见表") && layout.contains("（2024 年度）"), "{layout}");
    for s in ["基层医务人员培训", "X-TRAIN", "市卫生健康委员会本级", "500.00", "一、完整性", "二、相关性", "三、适当性", "四、可行性"] {
        assert!(raw.contains(s), "{s}: {layout}");
    }
    // every finding's message, wrapped or not; the note beside the one marked 已知悉
    for f in findings {
        assert!(raw.contains(&squeeze(f["message"].as_str().unwrap())), "{}", f["message"]);
    }
    assert!(raw.contains(&squeeze(vague)) && raw.contains(&squeeze(basis)));
    assert!(raw.contains(&format!("已知悉：{ACK_NOTE}")), "{layout}");
    assert_eq!(raw.matches("已知悉：").count(), 1);
    assert!(!raw.contains("未发现问题"), "every criterion of X-TRAIN has a finding");
    // the suggested conclusion with its meaning, then the signature lines
    assert!(raw.contains("审核结论（建议）差不得进入下一步预算安排流程"), "{layout}");
    for s in ["审核人：", "复核人：", "审核日期：", "□优", "□差"] {
        assert!(raw.contains(s), "{s}: {layout}");
    }
    let conclusion_at = raw.find("审核结论（建议）").unwrap();
    assert!(raw.find("审核人：").unwrap() > conclusion_at, "the signatures under the conclusion");

    let xlsx = report(&db, &["review", "--year", "2024", "--project", "X-TRAIN", "--format", "xlsx"], "review.xlsx");
    let (sheets, texts, numbers) = xlsx_cells(&xlsx);
    assert_eq!(sheets, ["基层医务人员培训"]);
    let all = texts.join("\n");
    for s in ["绩效目标审核意见表", "（2024 年度）", "X-TRAIN", vague, basis, &format!("已知悉：{ACK_NOTE}"), "差", "不得进入下一步预算安排流程"] {
        assert!(texts.iter().any(|t| t == s), "{s}: {all}");
    }
    for s in ["审核人：", "复核人：", "审核日期：", "完整性", "可行性"] {
        assert!(all.contains(s), "{s}: {all}");
    }
    for f in findings {
        assert!(texts.iter().any(|t| t == f["message"].as_str().unwrap()), "{}", f["message"]);
    }
    assert_eq!(numbers.iter().filter(|&&n| n == 500.0).count(), 2, "年度资金总额 and 财政资金 as numbers: {numbers:?}");
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_table_without_findings_prints_no_problems_under_each_criterion() {
    let db = Db::new();
    review_projects(&db);
    let pdf = report(&db, &["review", "--year", "2024", "--project", "X-CLEAN"], "clean.pdf");
    let raw = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    assert_eq!(raw.matches("未发现问题").count(), 4, "{raw}");
    assert!(raw.contains("审核结论（建议）优按原表进入预算编审流程"), "{raw}");
    assert!(!raw.contains("序号"), "no empty findings table");
    let xlsx = report(&db, &["review", "--year", "2024", "--project", "X-CLEAN", "--format", "xlsx"], "clean.xlsx");
    let (_, texts, _) = xlsx_cells(&xlsx);
    assert_eq!(texts.iter().filter(|t| *t == "未发现问题").count(), 4, "{texts:?}");
    assert!(texts.iter().any(|t| t == "优"));
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_units_review_forms_each_start_a_page_and_a_long_criterion_repeats_its_header() {
    let db = Db::new();
    review_projects(&db);
    let pdf = report(&db, &["review", "--year", "2024", "--unit", "801001"], "unit.pdf");
    // in code order: X-CLEAN, X-MANY (two pages), X-TRAIN; each numbered on its own
    assert_eq!(page_numbers(&pdf), [(1, 1), (1, 2), (2, 2), (1, 1)]);
    let page = |n| pdf_text(&pdf, n, n, "-raw");
    assert!(squeeze(&page(1)).contains("规范的培训项目"));
    assert!(squeeze(&page(2)).contains("问题较多的项目"));
    assert!(squeeze(&page(4)).contains("基层医务人员培训"));
    // the 可行性 block runs over to page 3: its name and column heads come again
    let p3 = squeeze(&page(3));
    assert!(p3.starts_with("四、可行性"), "{p3}");
    assert!(p3.contains("序号类别指标审核意见已知悉说明"), "{p3}");
    assert!(p3.contains("服务质量指标29") && p3.contains("审核人："), "{p3}");
    assert!(!squeeze(&page(2)).contains("服务质量指标29"));
    let xlsx = report(&db, &["review", "--year", "2024", "--unit", "801001", "--format", "xlsx"], "unit.xlsx");
    let (sheets, _, _) = xlsx_cells(&xlsx);
    assert_eq!(sheets, ["规范的培训项目", "问题较多的项目", "基层医务人员培训"]);
    // no project, no form
    let err = db.fails(&["report", "review", "--year", "2030", "-o", common::s(&db.dir.path().join("none.pdf"))]);
    assert!(err.contains("2030 年度没有项目"), "{err}");
}

#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_review_form_prints_hostile_names_and_notes_as_text_and_wraps_them() {
    let db = Db::new();
    hostile_project(&db);
    db.ok(&["review", "ack", "--year", "2023", "--project", "T-40", "--rule", "missing-basis", "--indicator", TYPST, "--note", &format!("{SCRIPT}{}", "B".repeat(120))]);
    let pdf = report(&db, &["review", "--year", "2023", "--project", "T-40"], "t40-review.pdf");
    within_the_margins(&pdf);
    let raw = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
    for s in [SCRIPT, TYPST, PUNCT] {
        assert!(raw.contains(&squeeze(s)), "{s} printed as text");
    }
    assert!(raw.contains(&format!("已知悉：{SCRIPT}BBBB")), "the note as text");
    let piece = "指标名称很长abcdefghij";
    assert!(raw.matches(piece).count() >= 120, "the long name, wrapped: {}", raw.matches(piece).count());
    let n = pages(&pdf);
    assert_eq!(page_numbers(&pdf), (1..=n).map(|k| (k, n)).collect::<Vec<_>>());
}

/// A report typeset a few forms per compile (its PDFs joined) is the report
/// typeset at once: the same pages with the same text, each form numbered from
/// 1 with its own total (a form of several pages included), every project's
/// text, fonts embedded as subsets, one page count in the metadata.
#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn a_report_typeset_in_chunks_is_the_report_typeset_at_once() {
    use jixiao::report::{Format, FormKind, RenderOptions};
    let db = demo();
    hostile_project(&db);
    let whole = report(&db, &["self-eval", "--year", "2023"], "whole.pdf");
    let store = jixiao::service::open(&db.path).unwrap();
    let built = jixiao::service::report::build(&store, FormKind::SelfEval, jixiao::model::Period::year_end(2023), None, None).unwrap();
    assert_eq!(built.projects.len(), 4);
    let ev = evaluate(&db, &["--year", "2023"]);
    let n = pages(&whole);
    for per in [1, 3] {
        let opts = RenderOptions { forms_per_compile: per, ..RenderOptions::from_env() };
        let pdf = db.dir.path().join(format!("chunks-{per}.pdf"));
        std::fs::write(&pdf, jixiao::report::render(&built, Format::Pdf, &opts).unwrap()).unwrap();
        assert_eq!(pages(&pdf), n, "{per} forms a compile");
        for k in 1..=n {
            assert_eq!(pdf_text(&pdf, k, k, "-layout"), pdf_text(&whole, k, k, "-layout"), "page {k}, {per} forms a compile");
        }
        // each form numbered 1..=M of its own M; the 40-indicator form has several pages
        let numbers = page_numbers(&pdf);
        let mut forms = Vec::new();
        for (k, &(page, total)) in numbers.iter().enumerate() {
            if page == 1 {
                forms.push(total);
            } else {
                assert_eq!((page, total), (numbers[k - 1].0 + 1, numbers[k - 1].1), "{numbers:?}");
            }
        }
        assert_eq!(forms.len(), 4, "{numbers:?}");
        assert!(forms.iter().any(|&t| t >= 3), "{numbers:?}");
        assert_eq!(forms.iter().sum::<u32>(), n);
        let text = squeeze(&pdf_text(&pdf, 0, 0, "-raw"));
        for p in ev["projects"].as_array().unwrap() {
            for key in ["name", "code", "total_score"] {
                assert!(text.contains(&squeeze(p[key].as_str().unwrap())), "{key} {}", p[key]);
            }
        }
        let fonts = tool("pdffonts", &[], &pdf);
        for l in fonts.lines().skip(2) {
            let cols: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "embedded, subset, unicode: {l}");
        }
        let meta = tool("pdfinfo", &["-meta"], &pdf);
        assert!(meta.contains(&format!("<xmpTPg:NPages>{n}</xmpTPg:NPages>")), "{meta}");
        let info = tool("pdfinfo", &[], &pdf);
        assert!(info.contains("项目支出绩效自评表"), "the title: {info}");
    }
}

#[test]
fn the_screen_gets_the_first_forms_of_a_report_and_the_count_of_all() {
    use jixiao::report::FormKind;
    let db = demo();
    let store = jixiao::service::open(&db.path).unwrap();
    let year_end = jixiao::Period::parse("2023Q4").unwrap();
    let build = |kind| jixiao::service::report::build(&store, kind, year_end, None, None).unwrap();
    let page = build(FormKind::SelfEval).first(2);
    assert_eq!((page.shown, page.total, page.report.projects.len()), (2, 3, 2));
    let all = build(FormKind::SelfEval).first(jixiao::report::PREVIEW_PROJECTS);
    assert_eq!((all.shown, all.total), (3, 3));
    // the summary: its first rows, and every total row
    let full = build(FormKind::Summary);
    let totals = full.summary.as_ref().unwrap().rows.iter().filter(|r| r.is_total).count();
    assert!(totals > 0);
    let page = full.first(1);
    let rows = &page.report.summary.as_ref().unwrap().rows;
    assert_eq!((page.shown, page.total), (1, 3));
    assert_eq!(rows.iter().filter(|r| r.is_total).count(), totals);
    // the screen's preview builds only the forms it shows, the same forms
    for kind in [FormKind::SelfEval, FormKind::Monitor, FormKind::Summary, FormKind::Review] {
        let period = if kind == FormKind::Monitor { jixiao::Period::parse("2023Q2").unwrap() } else { year_end };
        let cut = jixiao::service::report::build(&store, kind, period, None, None).unwrap().first(2);
        let first = jixiao::service::report::build_first(&store, kind, period, None, None, 2).unwrap();
        assert_eq!((first.shown, first.total), (cut.shown, cut.total), "{kind:?}");
        assert_eq!(serde_json::to_value(&first.report).unwrap(), serde_json::to_value(&cut.report).unwrap(), "{kind:?}");
    }
    let review = build(FormKind::Review).first(1);
    assert_eq!((review.shown, review.total, review.report.reviews.len()), (1, 3, 1));
}

/// The 规划主要指标监测表 (plan-indicators.md §6) of the worked example's plan:
/// the figures `plan evaluate` gives, a column per year up to the year
/// judged, the counts, A4 landscape; the same in the workbook; a unit with
/// no rows and a missing --plan are errors.
#[test]
#[cfg_attr(windows, ignore = "checks the PDF with poppler's pdftotext/pdfinfo/pdffonts, Linux programs")]
fn plan_form_pdf_and_xlsx_print_what_plan_evaluate_judged() {
    let db = Db::new();
    db.ok(&["plan", "import", concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans/science-2021.json")]);
    let ev = db.json(&["plan", "evaluate", "--plan", "KJ-14", "--year", "2023", "--json"]);
    let r5 = ev["indicators"].as_array().unwrap().iter().find(|r| r["id"] == "5").unwrap();
    assert_eq!((r5["expected"].as_str(), r5["label"].as_str()), (Some("6558.40"), Some("基本符合预期")));

    let pdf = report(&db, &["plan", "--plan", "KJ-14", "--year", "2023", "--format", "pdf"], "plan.pdf");
    assert!(page_size(&pdf).contains("841.89 x 595.276"), "A4 landscape: {}", page_size(&pdf));
    let text = squeeze(&pdf_text(&pdf, 0, 0, "-layout"));
    for s in ["规划主要指标监测表", "（2023年度）", "序时目标", "牵头单位", "2021年", "2022年", "2023年", "高新技术企业数量", "6600", "6558.40", "101.92%", "基本符合预期", "快于预期", "进度滞后", "填报人", "第1页共1页"] {
        assert!(text.contains(s), "the PDF has {s}: {text}");
    }
    assert!(!text.contains("2024年"), "no column after the year judged");

    let xlsx = report(&db, &["plan", "--plan", "KJ-14", "--year", "2023", "--format", "xlsx"], "plan.xlsx");
    let (names, texts, numbers) = xlsx_cells(&xlsx);
    assert_eq!(names.len(), 1);
    for s in ["规划主要指标监测表", "高新技术企业数量", "基本符合预期（绿灯）", "101.92%"] {
        assert!(texts.iter().any(|t| t.contains(s)), "the workbook has {s}: {texts:?}");
    }
    assert!(numbers.contains(&6600.0) && numbers.contains(&6558.4), "{numbers:?}");

    let e = db.fails(&["report", "plan", "--year", "2023", "-o", "x.pdf"]);
    assert!(e.contains("--plan"), "{e}");
    let e = db.fails(&["report", "plan", "--plan", "KJ-14", "--year", "2023", "--unit", "没有的单位", "-o", "x.pdf"]);
    assert!(e.contains("没有的单位"), "{e}");
    let e = db.fails(&["report", "plan", "--plan", "KJ-14", "--year", "2031", "-o", "x.pdf"]);
    assert!(e.contains("2031"), "{e}");
}
