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
    let pdf = testpdf::typeset(&testpdf::document(&want, 2023, 0));
    for layout in [false, true] {
        let Some(text) = pdftotext(&pdf, layout) else {
            eprintln!("pdftotext not installed: skipped");
            return;
        };
        let got = crate::textimport::parse_target_tables(&text, None).unwrap_or_else(|e| panic!("layout {layout}: {e}\n{text}"));
        if let Err(e) = std::panic::catch_unwind(|| assert_same_projects(&got, &want)) {
            std::fs::write(format!("/tmp/pdftotext-{layout}.txt"), &text).unwrap();
            std::fs::write(format!("/tmp/pdftotext-{layout}.cells.txt"), crate::import::layout::to_cells(&text).as_ref()).unwrap();
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
