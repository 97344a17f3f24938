use super::*;
use crate::textimport::tests::{assert_same_projects, sample_tables};

fn tmp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn the_sample_as_a_pdf_reads_as_the_sample() {
    let want = sample_tables();
    let pdf = testpdf::typeset(&testpdf::document(&want, 2023, 0));
    let (_d, path) = tmp("budget.pdf", &pdf);
    let got = read_file(&path, None, &ImportOptions::default()).unwrap();
    assert_same_projects(&got, &want);
}

/// `pdftotext` (poppler) on the PDF, raw and laid out: the importer reads
/// another extractor's text as it reads ours. Skipped where poppler is absent.
fn pdftotext(pdf: &[u8], layout: bool) -> Option<String> {
    let (_d, path) = tmp("t.pdf", pdf);
    let mut cmd = std::process::Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_same_pdf_through_pdftotext_raw_and_layout() {
    let want = sample_tables();
    for valign in ["horizon", "top", "bottom"] {
        let pdf = testpdf::typeset(&testpdf::document_aligned(&want, 2023, 0, valign));
        assert_same_projects(&read_bytes(&pdf, None, None, &ImportOptions::default()).unwrap(), &want);
        through_pdftotext(&pdf, &want, valign);
    }
}

fn through_pdftotext(pdf: &[u8], want: &crate::exchange::File, valign: &str) {
    for layout in [false, true] {
        let Some(text) = pdftotext(pdf, layout) else {
            eprintln!("pdftotext not installed: skipped");
            return;
        };
        let got = crate::textimport::parse_target_tables(&text, None).unwrap_or_else(|e| panic!("{valign}, layout {layout}: {e}\n{text}"));
        if let Err(e) = std::panic::catch_unwind(|| assert_same_projects(&got, want)) {
            std::fs::write(format!("/tmp/pdftotext-{valign}-{layout}.txt"), &text).unwrap();
            std::fs::write(format!("/tmp/pdftotext-{valign}-{layout}.cells.txt"), crate::import::layout::to_cells(&text).as_ref()).unwrap();
            eprintln!("{valign}, layout {layout}");
            std::panic::resume_unwind(e);
        }
    }
}

/// Eight projects: the sample's three, and copies of them under other codes
/// and names.
fn eight_projects() -> crate::exchange::File {
    let mut f = sample_tables();
    let base = f.projects.clone();
    for k in 0..5 {
        let mut p = base[k % 3].clone();
        p.code = format!("{}{k}", &p.code[..p.code.len() - 1]);
        p.name = Some(format!("第{}批{}", k + 2, p.name.clone().unwrap()));
        f.projects.push(p);
    }
    f
}

#[test]
fn a_budget_document_of_40_pages_gives_its_8_tables() {
    let want = eight_projects();
    let pdf = testpdf::typeset(&testpdf::document(&want, 2023, 32));
    let pages = pdf::page_texts(&pdf).unwrap();
    assert_eq!(pages.len(), 40);
    let (_d, path) = tmp("预算公开.pdf", &pdf);
    let got = read_file(&path, Some(Format::Pdf), &ImportOptions::default()).unwrap();
    assert_same_projects(&got, &want);
}

#[test]
fn a_scanned_pdf_and_a_pdf_without_a_table_say_so() {
    let scanned = testpdf::scanned();
    let e = read_bytes(&scanned, None, None, &ImportOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), pdf::NO_TEXT_LAYER);
    let prose = testpdf::typeset(&format!("{}{}", testpdf::PAGE, testpdf::prose_page(1)));
    let e = read_bytes(&prose, None, None, &ImportOptions { year: Some(2023), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("没有绩效目标表"), "{e}");
    // not a PDF at all, though named one; a truncated PDF
    let e = read_bytes(b"%PDF-1.7\n1 0 obj", Some(Path::new("x.pdf")), None, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().starts_with("PDF 无法读取"), "{e}");
}

#[test]
fn formats_are_known_by_content() {
    let pdf = b"%PDF-1.7\n";
    assert_eq!(Format::guess(pdf, Some(Path::new("a.txt"))), Format::Pdf);
    assert_eq!(Format::guess(b"PK\x03\x04rest", Some(Path::new("a.json"))), Format::Xlsx);
    assert_eq!(Format::guess(b"\xEF\xBB\xBF { \"format\": 1}", None), Format::Json);
    assert_eq!(Format::guess("1.项目绩效目标表".as_bytes(), Some(Path::new("a.txt"))), Format::Text);
    assert_eq!(Format::parse("PDF").unwrap(), Format::Pdf);
    assert!(Format::parse("doc").is_err());
}

#[test]
fn the_sample_text_reads_the_same_as_text_and_as_pdf() {
    let text = crate::textimport::tests::TABLES;
    let (_d, path) = tmp("tables.txt", text.as_bytes());
    let from_text = read_file(&path, None, &ImportOptions::default()).unwrap();
    let pdf = testpdf::typeset(&testpdf::document(&sample_tables(), 2023, 0));
    let from_pdf = read_bytes(&pdf, None, None, &ImportOptions::default()).unwrap();
    assert_same_projects(&from_text, &sample_tables());
    assert_same_projects(&from_pdf, &from_text);
}

// ---- workbooks

use rust_xlsxwriter::Workbook;

#[test]
fn a_filled_template_reads_back_and_a_blank_one_says_it_is_blank() {
    let want = sample_tables();
    let bytes = template::filled(&want).unwrap();
    let (_d, path) = tmp("filled.xlsx", &bytes);
    let got = read_file(&path, None, &ImportOptions::default()).unwrap();
    assert_same_projects(&got, &want);
    let blank = template::template(2).unwrap();
    let e = read_bytes(&blank, None, None, &ImportOptions { year: Some(2023), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("没有找到填写了的绩效目标表"), "{e}");
}

/// The columns of a budget system's flat export.
const FLAT: [&str; 19] = [
    "项目编码", "项目名称", "单位编码", "单位名称", "预算年度", "预算数（万元）", "其中：财政资金", "其他资金", "资金用途", "3月底", "6月底", "10月底", "12月底", "绩效目标",
    "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值",
];

/// The sample as a flat export with the columns in `order` (and 指标值确定依据
/// last); with `merged`, each project's fields and each level-1 are merged
/// cells over their rows, else repeated. Amounts are numbers.
fn flat_workbook(order: &[usize], merged: bool) -> Vec<u8> {
    let file = sample_tables();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("项目绩效目标").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    let mut columns: Vec<&str> = order.iter().map(|&i| FLAT[i]).collect();
    columns.push("指标值确定依据");
    for (c, h) in columns.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1u32;
    for p in &file.projects {
        let unit = file.units.iter().find(|u| Some(&u.code) == p.unit.as_ref()).unwrap();
        let b = p.budget.clone().unwrap();
        let plan = |m: u32| p.spending_plan.iter().find(|x| x.month == m).and_then(|x| x.amount.clone());
        let n = p.indicators.len() as u32;
        for (k, i) in p.indicators.iter().enumerate() {
            let r = row + k as u32;
            for (c, h) in columns.iter().enumerate() {
                let c = c as u16;
                let text: Option<String> = match *h {
                    "项目编码" => Some(p.code.clone()),
                    "项目名称" => p.name.clone(),
                    "单位编码" => Some(unit.code.clone()),
                    "单位名称" => unit.name.clone(),
                    "资金用途" => p.fund_use.clone(),
                    "绩效目标" => p.goal.clone(),
                    "一级指标" => i.level1.clone(),
                    "二级指标" => i.level2.clone(),
                    "三级指标" => Some(i.level3.clone()),
                    "绩效指标描述" => i.description.clone(),
                    "指标值" => i.target.clone(),
                    "指标值确定依据" => i.basis.clone(),
                    _ => None,
                };
                let number: Option<f64> = match *h {
                    "预算年度" => Some(p.year as f64),
                    "预算数（万元）" => b.total.as_deref().map(|v| v.parse().unwrap()),
                    "其中：财政资金" => b.fiscal.as_deref().map(|v| v.parse().unwrap()),
                    "其他资金" => b.other.as_deref().map(|v| v.parse().unwrap()),
                    m if m.ends_with("月底") => plan(m.trim_end_matches("月底").parse().unwrap()).map(|v| v.parse().unwrap()),
                    _ => None,
                };
                let per_project = !matches!(*h, "一级指标" | "二级指标" | "三级指标" | "绩效指标描述" | "指标值" | "指标值确定依据");
                if merged && per_project {
                    // one merged cell over the project's rows
                    if k == 0 {
                        let value = text.clone().or(number.map(|v| v.to_string())).unwrap_or_default();
                        if n > 1 {
                            ws.merge_range(r, c, r + n - 1, c, &value, &fmt).unwrap();
                        }
                        match number {
                            Some(v) => ws.write_number(r, c, v).unwrap(),
                            None => ws.write_string(r, c, value).unwrap(),
                        };
                    }
                    continue;
                }
                if merged && *h == "一级指标" && k > 0 && p.indicators[k - 1].level1 == i.level1 {
                    continue; // left blank: merged from above
                }
                match (text, number) {
                    (Some(t), _) => ws.write_string(r, c, t).unwrap(),
                    (None, Some(v)) => ws.write_number(r, c, v).unwrap(),
                    (None, None) => ws,
                };
            }
        }
        row += n;
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn flat_exports_in_any_column_order_read_as_the_sample() {
    let want = sample_tables();
    let natural: Vec<usize> = (0..FLAT.len()).collect();
    let reversed: Vec<usize> = natural.iter().rev().copied().collect();
    let rotated: Vec<usize> = natural.iter().map(|i| (i + 7) % FLAT.len()).collect();
    for order in [&natural, &reversed, &rotated] {
        for merged in [false, true] {
            let got = read_bytes(&flat_workbook(order, merged), None, None, &ImportOptions::default()).unwrap();
            let same = std::panic::catch_unwind(|| assert_same_projects(&got, &want));
            assert!(same.is_ok(), "order {order:?}, merged {merged}");
        }
    }
}

/// A one-sheet workbook from rows of text.
fn workbook(sheet: &str, rows: &[Vec<&str>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn malformed_workbooks_name_the_sheet_the_cell_and_the_problem() {
    let opts = ImportOptions { year: Some(2023), ..Default::default() };
    let err = |bytes: Vec<u8>| read_bytes(&bytes, None, None, &opts).unwrap_err().to_string();
    // a target not understood, in the 14th row
    let mut rows = vec![vec!["项目编码", "三级指标", "指标值", "一级指标"]];
    for _ in 0..12 {
        rows.push(vec!["ZWY-1", "云主机数量", "≥3台", "产出指标"]);
    }
    rows.push(vec!["ZWY-1", "云主机可用率", "≥abc", "产出指标"]);
    assert_eq!(err(workbook("政务云", &rows)), "工作表「政务云」C14：指标值“≥abc”无法识别");
    // an amount that is not a number
    let rows = vec![vec!["预算数", "项目编码", "三级指标", "指标值"], vec!["八百", "ZWY-1", "云主机数量", "≥3台"]];
    assert_eq!(err(workbook("政务云", &rows)), "工作表「政务云」A2：预算数“八百”不是数字");
    // a form without its code
    let rows = vec![vec!["项目编码", "", "项目名称", ""], vec!["一级指标", "三级指标", "指标值"], vec!["产出指标", "云主机数量", "≥3台"]];
    assert_eq!(err(workbook("表1", &rows)), "工作表「表1」B1：没有填写项目编码");
    let rows = vec![vec!["说明", "政务云"], vec!["一级指标", "三级指标", "指标值"], vec!["产出指标", "云主机数量", "≥3台"]];
    assert_eq!(err(workbook("表1", &rows)), "工作表「表1」：没有项目编码");
    // no year anywhere
    let rows = vec![vec!["项目编码", "三级指标", "指标值"], vec!["ZWY-1", "云主机数量", "≥3台"]];
    let e = read_bytes(&workbook("表1", &rows), None, None, &ImportOptions::default()).unwrap_err().to_string();
    assert_eq!(e, "工作表「表1」：没有写明年度，请指定年度");
    // no table; not a workbook
    assert!(err(workbook("说明", &[vec!["填写说明"]])).contains("没有找到填写了的绩效目标表"));
    assert!(err(b"PK\x03\x04 not a zip".to_vec()).starts_with("工作簿无法读取"));
}

#[test]
fn our_own_self_evaluation_workbook_reads_back_its_projects() {
    let want = sample_tables();
    let mut store = crate::service::open_in_memory().unwrap();
    crate::service::exchange::import_str(&mut store, include_str!("../../fixtures/bigdata-2023-part1.json")).unwrap();
    let report = crate::service::report::build(&store, crate::report::FormKind::SelfEval, crate::Period { year: 2023, quarter: 4 }, None, None).unwrap();
    let bytes = crate::report::render_xlsx(&report).unwrap();
    let got = read_bytes(&bytes, Some(Path::new("自评表.xlsx")), None, &ImportOptions::default()).unwrap();
    assert_eq!(got.projects.len(), want.projects.len());
    for w in &want.projects {
        // the forms are in their own order
        let g = got.projects.iter().find(|g| g.code == w.code).unwrap_or_else(|| panic!("{} not read", w.code));
        assert_eq!((g.year, &g.name), (w.year, &w.name));
        assert_eq!(g.budget.as_ref().unwrap().total, w.budget.as_ref().unwrap().total, "{}", w.code);
        let rows = |p: &crate::exchange::XProject| -> Vec<String> {
            p.indicators.iter().map(|i| format!("{:?}|{:?}|{}|{:?}", i.level1, i.level2, i.level3, i.target)).collect()
        };
        assert_eq!(rows(g), rows(w), "{}", w.code);
    }
}

#[test]
fn json_and_prose_through_the_one_entry_point() {
    let json = include_str!("../../fixtures/bigdata-2023-part1.json");
    let (_d, path) = tmp("交换.json", json.as_bytes());
    assert_eq!(read_file(&path, None, &ImportOptions::default()).unwrap(), crate::exchange::parse_file(json).unwrap());
    // prose: the code and unit come from the options
    let prose = include_str!("../../fixtures/industry-2025-narrative.txt");
    let opts = ImportOptions { year: None, unit: Some("505001".into()), code: Some("X2025-001".into()) };
    let f = read_bytes(prose.as_bytes(), Some(Path::new("说明.txt")), Some(Format::Text), &opts).unwrap();
    let p = &f.projects[0];
    assert_eq!((p.code.as_str(), p.unit.as_deref(), p.year), ("X2025-001", Some("505001"), 2025));
    // a workbook without unit takes the given one; one with a unit keeps it
    let rows = vec![vec!["项目编码", "三级指标", "指标值"], vec!["ZWY-1", "云主机数量", "≥3台"]];
    let f = read_bytes(&workbook("表1", &rows), None, None, &ImportOptions { year: Some(2024), ..opts.clone() }).unwrap();
    assert_eq!((f.projects[0].year, f.projects[0].unit.as_deref()), (2024, Some("505001")));
    let f = read_bytes(&template::filled(&sample_tables()).unwrap(), None, None, &opts).unwrap();
    assert_eq!(f.projects[0].unit.as_deref(), Some("505000"));
    // text saved as GBK reads as the same; bytes that are no text at all
    let (gbk, _, lossy) = encoding_rs::GBK.encode(crate::textimport::tests::TABLES);
    assert!(!lossy);
    assert_same_projects(&read_bytes(&gbk, Some(Path::new("gbk.txt")), None, &opts).unwrap(), &sample_tables());
    let e = read_bytes(&[0x31, 0xFF, 0xFF, 0x80], Some(Path::new("x.txt")), None, &opts).unwrap_err();
    assert_eq!(e.to_string(), "文件既不是 UTF-8 也不是 GBK 编码的文本");
    // JSON stays UTF-8 only (the exchange format says so)
    let e = read_bytes(&[b'{', 0xB2, 0xE2], None, Some(Format::Json), &opts).unwrap_err();
    assert_eq!(e.to_string(), "文件不是 UTF-8 编码的文本");
}

#[test]
fn the_template_offers_lists_for_the_levels_and_the_basis() {
    use std::io::Read;
    let bytes = template::template(2).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let mut xml = String::new();
        zip.by_name(sheet).unwrap().read_to_string(&mut xml).unwrap();
        assert_eq!(xml.matches("<dataValidation ").count(), 3, "{sheet}");
        for (range, item) in [("A10:A39", "产出指标"), ("B10:B39", "服务对象满意度指标"), ("F10:F39", "计划标准")] {
            assert!(xml.contains(&format!("sqref=\"{range}\"")), "{sheet} {range}");
            assert!(xml.contains(item), "{sheet} {item}");
        }
    }
}

#[test]
fn cut_and_damaged_input_gives_errors_not_panics() {
    let text = crate::textimport::tests::TABLES;
    let opts = ImportOptions { year: Some(2023), ..Default::default() };
    // every prefix at a line end, and the text with each tenth line left out
    let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    for &e in &ends {
        let _ = read_bytes(text[..e].as_bytes(), None, Some(Format::Text), &opts);
    }
    for skip in 0..10 {
        let damaged: String = text.lines().enumerate().filter(|(i, _)| i % 10 != skip).map(|(_, l)| format!("{l}\n")).collect();
        let _ = read_bytes(damaged.as_bytes(), None, Some(Format::Text), &opts);
        let _ = crate::import::layout::to_cells(&damaged.replace(' ', "   "));
    }
    // workbooks and PDFs cut short
    let xlsx = template::filled(&sample_tables()).unwrap();
    let pdf = testpdf::typeset(&testpdf::document(&sample_tables(), 2023, 0));
    for k in 1..20 {
        let _ = read_bytes(&xlsx[..xlsx.len() * k / 20], None, Some(Format::Xlsx), &opts);
        assert!(read_bytes(&pdf[..pdf.len() * k / 20], None, Some(Format::Pdf), &opts).is_err() || k > 15);
    }
}

/// The sample's first project with the level-2 cell of its first row (成本指标)
/// left blank: a table where the reader has to guess one level-2.
fn a_table_missing_one_level2() -> crate::exchange::File {
    let mut file = sample_tables();
    file.projects.truncate(1);
    file.projects[0].indicators[0].level2 = None;
    file
}

/// The PDF the app's end-to-end import test reads (e2e/fixtures/).
const E2E_PDF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/guessed-level2.pdf");

#[test]
fn a_row_without_its_level2_gets_one_guessed_and_marked_as_a_guess() {
    // the e2e test's PDF: `cargo test -p jixiao --lib write_the_e2e_pdf -- --ignored` writes it
    let got = read_file(std::path::Path::new(E2E_PDF), None, &ImportOptions::default()).unwrap();
    let want = sample_tables();
    let (g, w) = (&got.projects[0], &want.projects[0]);
    assert_eq!(got.projects.len(), 1);
    assert_eq!(g.indicators.len(), w.indicators.len());
    for (n, (gi, wi)) in g.indicators.iter().zip(&w.indicators).enumerate() {
        assert_eq!((&gi.level1, &gi.level3, &gi.target), (&wi.level1, &wi.level3, &wi.target));
        if n == 0 {
            // a 成本指标 row: guessed 经济成本指标, marked
            assert_eq!((gi.level2.as_deref(), gi.guessed.as_slice()), (Some("经济成本指标"), &["level2".to_string()][..]));
        } else {
            assert_eq!((&gi.level2, gi.guessed.len()), (&wi.level2, 0), "row {n}: only the blank cell is guessed");
        }
    }
    // and a table that names every level-2 guesses nothing
    assert!(sample_tables().projects.iter().flat_map(|p| &p.indicators).all(|i| i.guessed.is_empty()));
}

#[test]
#[ignore = "writes e2e/fixtures/guessed-level2.pdf"]
fn write_the_e2e_pdf() {
    let pdf = testpdf::typeset(&testpdf::document(&a_table_missing_one_level2(), 2023, 1));
    std::fs::create_dir_all(std::path::Path::new(E2E_PDF).parent().unwrap()).unwrap();
    std::fs::write(E2E_PDF, pdf).unwrap();
}
