//! Test PDFs typeset with Typst from exchange data: 绩效目标表 laid out like a
//! published budget's, prose pages around them, a page without any text.

use crate::exchange::{File, XProject, XUnit};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

struct TestWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

impl World for TestWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::NotSource) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The system's CJK fonts, loaded once.
fn fonts() -> &'static Vec<Font> {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let source = crate::report::find_fonts(&crate::report::RenderOptions::from_env()).expect("a CJK font for the test PDFs");
        source
            .files
            .iter()
            .filter(|f| f.to_string_lossy().to_ascii_lowercase().contains("regular") || source.files.len() == 1)
            .flat_map(|f| Font::iter(Bytes::new(std::fs::read(f).expect("font file"))).collect::<Vec<_>>())
            .collect()
    })
}

/// Typesets Typst markup into a PDF.
pub fn typeset(markup: &str) -> Vec<u8> {
    let fonts = fonts().clone();
    let book = FontBook::from_fonts(&fonts);
    let id = FileId::new(RootedPath::new(VirtualRoot::Project, VirtualPath::new("/main.typ").unwrap()));
    let world = TestWorld { library: LazyHash::new(Library::default()), book: LazyHash::new(book), fonts, main: Source::new(id, markup.to_string()) };
    let doc: typst_layout::PagedDocument = typst::compile(&world).output.unwrap_or_else(|e| panic!("typst: {e:?}"));
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).unwrap_or_else(|e| panic!("typst pdf: {e:?}"))
}

/// A Typst string literal.
fn q(s: &str) -> String {
    format!("{s:?}")
}

fn cell(s: &str) -> String {
    format!("[#{}]", q(s))
}

pub const PAGE: &str = "#set page(paper: \"a4\", margin: 1.6cm)\n#set text(font: (\"Noto Serif CJK SC\", \"Noto Sans CJK SC\"), size: 9pt, lang: \"zh\")\n";

/// One 绩效目标表 as a budget document prints it: title, unit line, the header
/// fields, then the indicators with each level-1 cell spanning its rows.
pub fn table(n: usize, unit: &XUnit, p: &XProject, valign: &str) -> String {
    let b = p.budget.clone().unwrap_or_default();
    let money = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut m = String::new();
    m += &format!("#align(center)[#text(size: 12pt)[#{}]]\n", q(&format!("{n}.{}绩效目标表", p.name.clone().unwrap_or_default())));
    m += &format!("#grid(columns: (1fr, auto), {}, {})\n", q(&format!("{} {}", unit.code, unit.name.clone().unwrap_or_default())), q("单位：万元"));
    m += &format!("#table(columns: (2.1cm, 2.1cm, 2.6cm, 4.6cm, 2.4cm, 2.2cm), align: left + {valign},\n");
    m += &format!("{}, table.cell(colspan: 2, {}), {}, table.cell(colspan: 2, {}),\n", cell("项目编码"), cell(&p.code), cell("项目名称"), cell(p.name.as_deref().unwrap_or("")));
    m += &format!(
        "table.cell(rowspan: 2, {}), {}, {}, {}, {}, {},\n",
        cell("预算规模及资金用途"),
        cell("预算数"),
        cell(&money(&b.total)),
        cell("其中：财政资金"),
        cell(&money(&b.fiscal)),
        cell(&format!("其他资金 {}", money(&b.other)))
    );
    m += &format!("table.cell(colspan: 5, {}),\n", cell(p.fund_use.as_deref().unwrap_or("")));
    m += &format!("table.cell(rowspan: 2, {}),", cell("资金支出计划"));
    for x in &p.spending_plan {
        m += &cell(&format!("{} 月底", x.month));
        m += ",";
    }
    m += "[],\n";
    for x in &p.spending_plan {
        m += &cell(x.amount.as_deref().unwrap_or(""));
        m += ",";
    }
    m += "[],\n";
    m += &format!("{}, table.cell(colspan: 5, {}),\n", cell("绩效目标"), cell(p.goal.as_deref().unwrap_or("")));
    for h in ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"] {
        m += &cell(h);
        m += ",";
    }
    m += "\n";
    let mut i = 0;
    while i < p.indicators.len() {
        let l1 = p.indicators[i].level1.clone().unwrap_or_default();
        let span = p.indicators[i..].iter().take_while(|x| x.level1.as_deref() == Some(l1.as_str())).count();
        for (k, x) in p.indicators[i..i + span].iter().enumerate() {
            if k == 0 {
                m += &format!("table.cell(rowspan: {span}, {}),", cell(&l1));
            }
            for v in [x.level2.as_deref(), Some(x.level3.as_str()), x.description.as_deref(), x.target.as_deref(), x.basis.as_deref()] {
                m += &cell(v.unwrap_or(""));
                m += ",";
            }
            m += "\n";
        }
        i += span;
    }
    m += ")\n";
    m
}

/// A page of a budget document's prose: numbers and budget words, no table.
pub fn prose_page(n: usize) -> String {
    format!(
        "#heading[第{n}部分 部门预算情况说明]\n#{}\n\n#{}\n",
        q(&format!("{n}.一般公共预算支出{n}0.5万元，比上年增加{n}.2万元，主要用于保障机关运行和重点项目，项目支出的资金来源为财政拨款。")),
        q("本部分说明收支预算的构成、机关运行经费、政府采购和国有资产占有使用情况，以及预算绩效管理工作开展情况。")
    )
}

/// A document of the file's tables, each on its own page, with `prose` pages
/// of other text before, between and after them.
pub fn document(file: &File, year: i32, prose: usize) -> String {
    document_aligned(file, year, prose, "horizon")
}

/// [`document`] with the cells aligned `top`, `horizon` or `bottom` in their rows.
pub fn document_aligned(file: &File, year: i32, prose: usize, valign: &str) -> String {
    let mut pages: Vec<String> = Vec::new();
    let per_gap = prose / (file.projects.len() + 1);
    let mut written = 0;
    for (n, p) in file.projects.iter().enumerate() {
        for _ in 0..per_gap {
            written += 1;
            pages.push(prose_page(written));
        }
        let unit = file.units.iter().find(|u| Some(&u.code) == p.unit.as_ref()).cloned().unwrap_or(XUnit { code: "000000".into(), name: None, parent: None });
        let head = if n == 0 { format!("#align(center)[#{}]\n", q(&format!("{year}年单位预算绩效目标"))) } else { String::new() };
        pages.push(head + &table(n + 1, &unit, p, valign));
    }
    while written < prose {
        written += 1;
        pages.push(prose_page(written));
    }
    format!("{PAGE}{}", pages.join("#pagebreak()\n"))
}

/// A page with a picture and no text: what a scanner gives.
pub fn scanned() -> Vec<u8> {
    typeset(&format!("{PAGE}#rect(width: 12cm, height: 18cm, fill: luma(200))\n#pagebreak()\n#rect(width: 10cm, height: 4cm, fill: luma(120))\n"))
}
