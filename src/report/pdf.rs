//! PDF through Typst used as a library: a small `World` serves one embedded
//! template (`forms.typ`) and the report as `/data.json`, which the template
//! reads with `json(..)`. The officer's text reaches Typst only as JSON data,
//! never spliced into markup, so `#set page(..)` or `]` in a name prints as text.
//! Fonts come from the system (CJK fonts only) or a named font file.

use super::{ProjectForm, RenderOptions, Report};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("forms.typ");

/// Font files looked for, by file name (lower case), in order of preference:
/// Noto Serif CJK (宋体-like) first, then Windows' 宋体/仿宋/黑体/雅黑, macOS'
/// 宋体, 文泉驿 and the Noto Sans CJK fallbacks.
const FONT_FILES: &[&str] = &[
    "notoserifcjk-regular.ttc",
    "notoserifcjk-bold.ttc",
    "notoserifcjksc-regular.otf",
    "notoserifcjksc-bold.otf",
    "notoserifsc-regular.otf",
    "notoserifsc-bold.otf",
    "simsun.ttc",
    "simfang.ttf",
    "simhei.ttf",
    "msyh.ttc",
    "msyhbd.ttc",
    "songti.ttc",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "notosanscjk-regular.ttc",
    "notosanscjk-bold.ttc",
    "notosanscjksc-regular.otf",
    "notosanscjksc-bold.otf",
];

/// Family names for body text and headings, best first; the first present wins,
/// the rest are fallbacks for characters it lacks.
const BODY_FAMILIES: &[&str] = &[
    "Noto Serif CJK SC",
    "SimSun",
    "FangSong",
    "Songti SC",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
];
const HEADING_FAMILIES: &[&str] =
    &["Noto Serif CJK SC", "SimHei", "Microsoft YaHei", "Songti SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "SimSun"];

/// The directories searched for fonts on this system (`JIXIAO_FONT_DIRS`, a
/// path list, replaces them: for a machine with fonts in odd places, and tests).
fn font_dirs() -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os("JIXIAO_FONT_DIRS") {
        return std::env::split_paths(&list).collect();
    }
    let mut dirs = Vec::new();
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from);
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").map(PathBuf::from).unwrap_or_else(|| "C:\\Windows".into());
        dirs.push(windir.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft").join("Windows").join("Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.extend(["/System/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts"].map(PathBuf::from));
        if let Some(h) = &home {
            dirs.push(h.join("Library/Fonts"));
        }
    } else {
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Some(h) = &home {
            dirs.push(h.join(".local/share/fonts"));
            dirs.push(h.join(".fonts"));
        }
    }
    dirs
}

/// The known CJK font files present under `dir` (a few levels deep).
fn scan(dir: &Path, depth: u32, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() || (ft.is_symlink() && path.is_dir()) {
            if depth > 0 {
                scan(&path, depth - 1, found);
            }
        } else if let Some(name) = path.file_name().and_then(|n| n.to_str())
            && FONT_FILES.contains(&name.to_ascii_lowercase().as_str())
        {
            found.push(path);
        }
    }
}

/// Where the fonts of a report come from.
#[derive(Debug, Clone, Serialize)]
pub struct FontSource {
    pub files: Vec<PathBuf>,
    pub body: Vec<String>,
    pub heading: Vec<String>,
}

/// Font files as read, kept for the life of the process (the app prints many
/// reports; reading 20 MB collections once is enough). Only the files whose
/// faces a report uses are read: a file found but not used costs its faces'
/// descriptions (`INFOS`) and nothing more.
static FILES: OnceLock<Mutex<HashMap<PathBuf, Bytes>>> = OnceLock::new();
/// The faces of each font file found, described once per process.
static INFOS: OnceLock<Mutex<HashMap<PathBuf, Vec<(u32, FontInfo)>>>> = OnceLock::new();

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Font(format!("无法读取字体文件 {}：{e}", path.display())))
}

fn load(path: &Path) -> Result<Bytes> {
    let mut files = FILES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = files.get(path) {
        return Ok(b.clone());
    }
    let b = Bytes::new(read(path)?);
    files.insert(path.to_path_buf(), b.clone());
    Ok(b)
}

/// The faces of a font file (their index in the file and description), read
/// and described once; the bytes are not kept (unless a report loaded them).
fn faces(path: &Path) -> Result<Vec<(u32, FontInfo)>> {
    let mut infos = INFOS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = infos.get(path) {
        return Ok(i.clone());
    }
    let loaded = FILES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner()).get(path).cloned();
    let data = match loaded {
        Some(b) => b,
        None => Bytes::new(read(path)?),
    };
    // a collection (`ttcf`) says how many faces it holds; each keeps its index
    // even when one before it cannot be read
    let count = match data.get(..12) {
        Some([b't', b't', b'c', b'f', _, _, _, _, n @ ..]) => u32::from_be_bytes([n[0], n[1], n[2], n[3]]),
        _ => 1,
    };
    let found: Vec<(u32, FontInfo)> = (0..count).filter_map(|i| FontInfo::new(&data, i).map(|info| (i, info))).collect();
    infos.insert(path.to_path_buf(), found.clone());
    Ok(found)
}

/// One face of a font file, read and parsed on first use.
struct Slot {
    path: PathBuf,
    index: u32,
    font: OnceLock<Option<Font>>,
}

struct Fonts {
    book: FontBook,
    slots: Vec<Slot>,
    source: FontSource,
}

fn covers_chinese(info: &FontInfo) -> bool {
    ['中', '国', '绩', '效'].iter().all(|&c| info.coverage.contains(c as u32))
}

/// Finds the fonts for a report: the named file first, then the system's CJK
/// fonts. No CJK font at all is an error that says what was looked for.
pub fn find_fonts(opts: &RenderOptions) -> Result<FontSource> {
    Ok(collect_fonts(opts)?.source)
}

fn collect_fonts(opts: &RenderOptions) -> Result<Fonts> {
    let mut files = Vec::new();
    let mut user_families = Vec::new();
    let mut book = FontBook::new();
    let mut slots = Vec::new();
    if let Some(f) = &opts.font_file {
        let infos = faces(f)?;
        if infos.is_empty() {
            return Err(Error::Font(format!("{} 不是可用的字体文件（应为 .ttf、.otf 或 .ttc）", f.display())));
        }
        if !infos.iter().any(|(_, i)| covers_chinese(i)) {
            return Err(Error::Font(format!("字体文件 {} 不含中文字形，请指定一个中文字体（如宋体 simsun.ttc）", f.display())));
        }
        for (index, info) in infos {
            if covers_chinese(&info) && !user_families.contains(&info.family) {
                user_families.push(info.family.clone());
            }
            book.push(info);
            slots.push(Slot { path: f.clone(), index, font: OnceLock::new() });
        }
        files.push(f.clone());
    }
    let dirs = font_dirs();
    let mut found = Vec::new();
    for d in &dirs {
        scan(d, 4, &mut found);
    }
    // in preference order, one file of each name
    found.sort_by_key(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
        FONT_FILES.iter().position(|f| *f == name).unwrap_or(usize::MAX)
    });
    found.dedup_by_key(|p| p.file_name().map(|n| n.to_ascii_lowercase()));
    let mut families: Vec<String> = Vec::new();
    for f in found {
        let Ok(infos) = faces(&f) else { continue };
        for (index, info) in infos {
            if covers_chinese(&info) && !families.contains(&info.family) {
                families.push(info.family.clone());
            }
            book.push(info);
            slots.push(Slot { path: f.clone(), index, font: OnceLock::new() });
        }
        files.push(f);
    }
    let pick = |wanted: &[&str]| -> Vec<String> {
        let mut out = user_families.clone();
        out.extend(wanted.iter().filter(|w| families.iter().any(|f| f == *w)).map(|w| w.to_string()));
        // any other CJK family found, as a last resort
        out.extend(families.iter().filter(|f| !out.contains(f)).cloned().collect::<Vec<_>>());
        out
    };
    let (body, heading) = (pick(BODY_FAMILIES), pick(HEADING_FAMILIES));
    if body.is_empty() {
        let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        return Err(Error::Font(format!(
            "找不到中文字体，无法生成 PDF。已在 {} 中查找字体文件 {}。解决办法：安装中文字体（Debian/Ubuntu：sudo apt install fonts-noto-cjk；Windows 自带的宋体 simsun.ttc 即可），或用 --font 参数（或 JIXIAO_FONT 环境变量）指定一个中文字体文件（.ttf/.otf/.ttc）。",
            looked.join("、"),
            FONT_FILES.join("、")
        )));
    }
    Ok(Fonts { book, slots, source: FontSource { files, body, heading } })
}

/// The template and the data, nothing else: no packages, no files from disk.
struct FormWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    slots: Vec<Slot>,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

fn file_id(path: &str) -> FileId {
    FileId::new(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("a valid virtual path")))
}

impl World for FormWorld {
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
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font.get_or_init(|| Font::new(load(&slot.path).ok()?, slot.index)).clone()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The messages, with the template's line for each (a template bug, not the officer's).
fn diagnostics(world: &FormWorld, ds: &[SourceDiagnostic]) -> String {
    use typst::WorldExt;
    ds.iter()
        .map(|d| {
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            let at = world
                .range(d.span)
                .and_then(|r| world.main.lines().byte_to_line(r.start))
                .map(|l| format!("（forms.typ 第 {} 行）", l + 1))
                .unwrap_or_default();
            let hints = if hints.is_empty() { String::new() } else { format!("（{}）", hints.join("；")) };
            format!("{}{at}{hints}", d.message)
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// What the template reads from `/data.json`: the report with the project
/// forms of one compile.
#[derive(Serialize)]
struct TemplateData<'a> {
    fonts: &'a FontSource,
    report: ReportPart<'a>,
}

/// A report's head (every field but `projects`) and some of its project forms.
#[derive(Serialize)]
struct ReportPart<'a> {
    #[serde(flatten)]
    head: &'a serde_json::Map<String, serde_json::Value>,
    projects: &'a [ProjectForm],
}

/// Typesets a report as a PDF, at most `opts.forms_per_compile` project forms
/// per Typst compile.
///
/// Typst keeps what a compile laid out in its memo cache, and the pages of a
/// document until it is written: the 自评表 of 1,000 projects typeset as one
/// document took 4.4 GB, and even its bare pages (about 200 KB of frames a page)
/// would not fit the 200 MB the forms may use. So the forms are typeset a chunk
/// at a time: each chunk a compile of the same template over its part of the
/// report, written as a PDF, the memo cache emptied (`comemo::evict`), and the
/// chunks' PDFs joined page by page into one file ([`Joined`]). A form is never
/// split between chunks, so its `第 N 页 共 M 页`, counted within the form, is
/// what one compile prints. A report without project forms (汇总表) is one
/// compile, and a report of one chunk is that chunk's PDF as written.
pub fn render_pdf(report: &Report, opts: &RenderOptions) -> Result<Vec<u8>> {
    render_pdf_with(report, opts, &crate::progress::Quiet)
}

/// [`render_pdf`], reporting each chunk typeset (`正在生成第 21–40/1000 张表`).
pub fn render_pdf_with(report: &Report, opts: &RenderOptions, p: &dyn crate::progress::Progress) -> Result<Vec<u8>> {
    let total = report.projects.len();
    crate::progress::checkpoint(p, 0, total, "正在准备字体")?;
    let fonts = collect_fonts(opts)?;
    // the head, shared by every chunk (the forms serialized here are dropped at once)
    let mut head = match serde_json::to_value(report)? {
        serde_json::Value::Object(m) => m,
        _ => return Err(Error::Report("报表数据无法写成 JSON 对象".into())),
    };
    head.remove("projects");
    let mut world = FormWorld {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(fonts.book),
        slots: fonts.slots,
        main: Source::new(file_id("/forms.typ"), TEMPLATE.to_string()),
        data_id: file_id("/data.json"),
        data: Bytes::new(Vec::new()),
    };
    let per = opts.forms_per_compile.max(1);
    let chunks: Vec<&[ProjectForm]> =
        if report.projects.is_empty() { vec![&[]] } else { report.projects.chunks(per).collect() };
    let mut joined: Option<Joined> = None;
    let mut done = 0;
    for projects in chunks {
        let doing = match projects.len() {
            0 => "正在生成报表".to_string(),
            n => format!("正在生成第 {}–{}/{total} 张表", done + 1, done + n),
        };
        crate::progress::checkpoint(p, done, total, doing)?;
        done += projects.len();
        let data = TemplateData { fonts: &fonts.source, report: ReportPart { head: &head, projects } };
        world.data = Bytes::new(serde_json::to_vec(&data)?);
        let pdf = typeset(&world);
        comemo::evict(0);
        let pdf = pdf?;
        match &mut joined {
            None => joined = Some(Joined::new(pdf)),
            Some(j) => j.append(&pdf)?,
        }
    }
    joined.ok_or_else(|| Error::Report("报表没有内容".into()))?.finish()
}

/// One compile of the template over `world`'s data, written as a PDF.
fn typeset(world: &FormWorld) -> Result<Vec<u8>> {
    let doc: PagedDocument =
        typst::compile(world).output.map_err(|e| Error::Report(format!("排版失败：{}", diagnostics(world, &e))))?;
    let options = typst_pdf::PdfOptions { tagged: false, ..Default::default() };
    typst_pdf::pdf(&doc, &options).map_err(|e| Error::Report(format!("生成 PDF 失败：{}", diagnostics(world, &e))))
}

/// PDFs written by typst-pdf joined into one, page after page: the first
/// chunk's catalog, page tree, information and metadata stay, every later
/// chunk's pages are added to its page tree (with their resources: each chunk
/// embeds the subset of the fonts its pages use) and the XMP page count is
/// corrected. typst-pdf writes a flat page tree, each page with its own
/// resources and media box, so nothing is inherited from the tree left behind.
struct Joined {
    /// The first chunk as written, until a second arrives.
    first: Option<Vec<u8>>,
    doc: Option<lopdf::Document>,
}

fn pdf_error(e: lopdf::Error) -> Error {
    Error::Report(format!("合并 PDF 失败：{e}"))
}

/// The page tree root, catalog, information and metadata of a PDF.
fn skeleton(doc: &lopdf::Document) -> lopdf::Result<(lopdf::ObjectId, Vec<lopdf::ObjectId>)> {
    let root = doc.trailer.get(b"Root")?.as_reference()?;
    let catalog = doc.get_dictionary(root)?;
    let pages = catalog.get(b"Pages")?.as_reference()?;
    let mut others = vec![root, pages];
    others.extend(catalog.get(b"Metadata").and_then(lopdf::Object::as_reference).ok());
    others.extend(doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).ok());
    Ok((pages, others))
}

impl Joined {
    fn new(first: Vec<u8>) -> Self {
        Joined { first: Some(first), doc: None }
    }

    fn append(&mut self, pdf: &[u8]) -> Result<()> {
        if let Some(first) = self.first.take() {
            self.doc = Some(lopdf::Document::load_mem(&first).map_err(pdf_error)?);
        }
        let Some(doc) = &mut self.doc else { return Err(Error::Report("合并 PDF 失败：没有第一部分".into())) };
        let mut next = lopdf::Document::load_mem(pdf).map_err(pdf_error)?;
        next.renumber_objects_with(doc.max_id + 1);
        let (root_pages, _) = skeleton(doc).map_err(pdf_error)?;
        let (_, left) = skeleton(&next).map_err(pdf_error)?;
        let kids: Vec<lopdf::ObjectId> = next.page_iter().collect();
        for id in &kids {
            next.get_dictionary_mut(*id).map_err(pdf_error)?.set("Parent", root_pages);
        }
        for id in left {
            next.objects.remove(&id);
        }
        doc.max_id = doc.max_id.max(next.max_id);
        doc.objects.append(&mut next.objects);
        let tree = doc.get_dictionary_mut(root_pages).map_err(pdf_error)?;
        let count = tree.get(b"Count").and_then(lopdf::Object::as_i64).map_err(pdf_error)?;
        tree.set("Count", count + kids.len() as i64);
        tree.get_mut(b"Kids")
            .and_then(lopdf::Object::as_array_mut)
            .map_err(pdf_error)?
            .extend(kids.into_iter().map(lopdf::Object::Reference));
        Ok(())
    }

    fn finish(self) -> Result<Vec<u8>> {
        let Some(mut doc) = self.doc else { return self.first.ok_or_else(|| Error::Report("报表没有内容".into())) };
        let pages = doc.get_pages().len();
        // the XMP metadata's page count (xmpTPg:NPages) is the first chunk's
        if let Ok(id) = doc.catalog().and_then(|c| c.get(b"Metadata")).and_then(lopdf::Object::as_reference)
            && let Ok(lopdf::Object::Stream(xmp)) = doc.get_object_mut(id)
            && xmp.dict.get(b"Filter").is_err()
            && let Ok(text) = std::str::from_utf8(&xmp.content)
            && let Some(a) = text.find("<xmpTPg:NPages>")
            && let Some(b) = text[a..].find("</xmpTPg:NPages>")
        {
            let text = format!("{}<xmpTPg:NPages>{pages}{}", &text[..a], &text[a + b..]);
            xmp.set_content(text.into_bytes());
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).map_err(|e| Error::Report(format!("合并 PDF 失败：{e}")))?;
        Ok(out)
    }
}
