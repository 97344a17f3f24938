//! PDF through Typst used as a library: a small `World` serves one embedded
//! template (`forms.typ`) and the report as `/data.json`, which the template
//! reads with `json(..)`. The officer's text reaches Typst only as JSON data,
//! never spliced into markup, so `#set page(..)` or `]` in a name prints as text.
//! Fonts come from the system (CJK fonts only) or a named font file.

use super::{RenderOptions, Report};
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

/// Loaded font files, kept for the life of the process (the app prints many
/// reports; reading 20 MB collections once is enough).
static FILES: OnceLock<Mutex<HashMap<PathBuf, Bytes>>> = OnceLock::new();

fn load(path: &Path) -> Result<Bytes> {
    let mut files = FILES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = files.get(path) {
        return Ok(b.clone());
    }
    let data = std::fs::read(path).map_err(|e| Error::Font(format!("无法读取字体文件 {}：{e}", path.display())))?;
    let b = Bytes::new(data);
    files.insert(path.to_path_buf(), b.clone());
    Ok(b)
}

/// One face of a font file, parsed on first use.
struct Slot {
    data: Bytes,
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
        let data = load(f)?;
        let infos: Vec<(u32, FontInfo)> = FontInfo::iter(&data).enumerate().map(|(i, info)| (i as u32, info)).collect();
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
            slots.push(Slot { data: data.clone(), index, font: OnceLock::new() });
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
        let Ok(data) = load(&f) else { continue };
        for (index, info) in FontInfo::iter(&data).enumerate() {
            if covers_chinese(&info) && !families.contains(&info.family) {
                families.push(info.family.clone());
            }
            book.push(info);
            slots.push(Slot { data: data.clone(), index: index as u32, font: OnceLock::new() });
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
        slot.font.get_or_init(|| Font::new(slot.data.clone(), slot.index)).clone()
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

#[derive(Serialize)]
struct TemplateData<'a> {
    fonts: &'a FontSource,
    report: &'a Report,
}

/// Typesets a report as a PDF.
pub fn render_pdf(report: &Report, opts: &RenderOptions) -> Result<Vec<u8>> {
    let fonts = collect_fonts(opts)?;
    let data = serde_json::to_vec(&TemplateData { fonts: &fonts.source, report })?;
    let main = Source::new(file_id("/forms.typ"), TEMPLATE.to_string());
    let world = FormWorld {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(fonts.book),
        slots: fonts.slots,
        main,
        data_id: file_id("/data.json"),
        data: Bytes::new(data),
    };
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|e| Error::Report(format!("排版失败：{}", diagnostics(&world, &e))))?;
    let options = typst_pdf::PdfOptions { tagged: false, ..Default::default() };
    typst_pdf::pdf(&doc, &options).map_err(|e| Error::Report(format!("生成 PDF 失败：{}", diagnostics(&world, &e))))
}
