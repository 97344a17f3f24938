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
    let pages = pdf::page_texts(&pdf).unwrap();
    std::fs::write("/tmp/sample-test.pdf", &pdf).unwrap();
    eprintln!("{}", pages.join("\n=====PAGE=====\n"));
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
