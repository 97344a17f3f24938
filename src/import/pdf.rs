//! The text layer of a PDF, read with `hayro` (pure Rust; the PDF interpreter
//! Typst already builds): every glyph with its place on the page, whatever
//! kind of font draws it (Type 1 and 1C, TrueType, Type 3, CID-keyed CFF and
//! TrueType; Unicode through a ToUnicode map, a predefined CMap or the glyph
//! names), and the rules the page draws. A page's text is written as its
//! table's cells in reading order (a cell is the box its rules close around
//! it; a cell merged over several rows comes before the first of them), one
//! cell a line, and the text outside boxes as lines; the pages that hold
//! 绩效目标表 then go through the text importer, the other pages of a budget
//! document are skipped.

use super::text::{BASIS, squeeze};
use crate::error::{Error, Result};
use crate::exchange::File;
use crate::model::{LEVEL1, LEVEL2};
use hayro_interpret::font::Glyph;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use hayro_interpret::TransformExt;
use kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};

pub const NO_TEXT_LAYER: &str = "该 PDF 没有文字层（可能是扫描件），无法识别表格";

/// A glyph as placed on the page (points, y down): its box and its text.
#[derive(Debug, Clone)]
struct Placed {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    text: String,
}

impl Placed {
    fn size(&self) -> f64 {
        (self.bottom - self.top).max(1.0)
    }
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A rule: a horizontal (`at` is y, from..to is x) or vertical line.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f64,
    from: f64,
    to: f64,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Placed>,
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
}

/// Thicker than this, a filled box is a shaded cell, not a line.
const LINE: f64 = 3.0;

impl Collector {
    fn line(&mut self, a: Point, b: Point) {
        if (a.y - b.y).abs() < 0.5 && (a.x - b.x).abs() > 1.0 {
            self.horizontal.push(Rule { at: (a.y + b.y) / 2.0, from: a.x.min(b.x), to: a.x.max(b.x) });
        } else if (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() > 1.0 {
            self.vertical.push(Rule { at: (a.x + b.x) / 2.0, from: a.y.min(b.y), to: a.y.max(b.y) });
        }
    }

    fn rect(&mut self, r: Rect) {
        if r.height() <= LINE && r.width() > LINE {
            self.line(Point::new(r.x0, r.center().y), Point::new(r.x1, r.center().y));
        } else if r.width() <= LINE && r.height() > LINE {
            self.line(Point::new(r.center().x, r.y0), Point::new(r.center().x, r.y1));
        } else if r.width() > LINE && r.height() > LINE {
            // a stroked (or outlined) box: its four sides
            self.line(Point::new(r.x0, r.y0), Point::new(r.x1, r.y0));
            self.line(Point::new(r.x0, r.y1), Point::new(r.x1, r.y1));
            self.line(Point::new(r.x0, r.y0), Point::new(r.x0, r.y1));
            self.line(Point::new(r.x1, r.y0), Point::new(r.x1, r.y1));
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, path: &BezPath, transform: Affine, _: &Paint<'a>, mode: &PathDrawMode) {
        let path = transform * path.clone();
        match mode {
            PathDrawMode::Stroke(_) => {
                let (mut last, mut start) = (Point::ZERO, Point::ZERO);
                for el in path.elements() {
                    match *el {
                        PathEl::MoveTo(p) => {
                            last = p;
                            start = p;
                        }
                        PathEl::LineTo(p) => {
                            self.line(last, p);
                            last = p;
                        }
                        PathEl::ClosePath => {
                            self.line(last, start);
                            last = start;
                        }
                        PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
                    }
                }
            }
            PathDrawMode::Fill(_) => {
                // filled lines: each closed part of the path that is a thin box
                let mut part = BezPath::new();
                for el in path.elements() {
                    if matches!(el, PathEl::MoveTo(_)) && !part.elements().is_empty() {
                        self.rect(part.bounding_box());
                        part = BezPath::new();
                    }
                    part.push(*el);
                }
                if !part.elements().is_empty() {
                    let b = part.bounding_box();
                    if b.width() <= LINE || b.height() <= LINE {
                        self.rect(b);
                    }
                }
            }
        }
    }
    fn draw_rect(&mut self, rect: &Rect, transform: Affine, paint: &Paint<'a>, mode: &PathDrawMode) {
        self.draw_path(&rect.to_path(0.1), transform, paint, mode);
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(&mut self, glyph: &Glyph<'a>, transform: Affine, glyph_transform: Affine, _: &Paint<'a>, _: &GlyphDrawMode) {
        let Some(text) = glyph.as_unicode().map(|u| match u {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        }) else {
            return;
        };
        if text.chars().all(char::is_whitespace) || text.contains('\u{FFFD}') {
            return;
        }
        // the glyph's em square (glyph space is 1000 units to the em)
        let full = transform * glyph_transform;
        let advance = match glyph {
            Glyph::Outline(g) => g.advance_width().map(f64::from).filter(|w| *w > 0.0).unwrap_or(1000.0),
            Glyph::Type3(_) => 1000.0,
        };
        let corners = [Point::new(0.0, -200.0), Point::new(advance, -200.0), Point::new(0.0, 800.0), Point::new(advance, 800.0)].map(|p| full * p);
        let (x0, x1) = corners.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
        let (top, bottom) = corners.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.y), b.max(p.y)));
        if !(x0.is_finite() && x1.is_finite() && top.is_finite() && bottom.is_finite()) {
            return;
        }
        self.glyphs.push(Placed { x0, x1, top, bottom, text });
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Rules on one line (within a point) that touch or overlap, joined.
fn join_rules(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        match out.iter_mut().rev().take_while(|o| (o.at - r.at).abs() <= 1.0).find(|o| r.from <= o.to + 1.5 && r.to >= o.from - 1.5) {
            Some(o) => {
                o.from = o.from.min(r.from);
                o.to = o.to.max(r.to);
            }
            None => out.push(r),
        }
    }
    out
}

/// The box of rules around a point: the nearest rule on each side that
/// passes it. `None` outside a table.
fn cell_of(p: (f64, f64), horizontal: &[Rule], vertical: &[Rule]) -> Option<[i64; 4]> {
    let (x, y) = p;
    let spans = |r: &&Rule, v: f64| r.from - 0.5 <= v && v <= r.to + 0.5;
    let left = vertical.iter().filter(|r| r.at <= x && spans(r, y)).map(|r| r.at).reduce(f64::max)?;
    let right = vertical.iter().filter(|r| r.at >= x && spans(r, y)).map(|r| r.at).reduce(f64::min)?;
    let top = horizontal.iter().filter(|r| r.at <= y && spans(r, x)).map(|r| r.at).reduce(f64::max)?;
    let bottom = horizontal.iter().filter(|r| r.at >= y && spans(r, x)).map(|r| r.at).reduce(f64::min)?;
    Some([top, left, bottom, right].map(|v| v.round() as i64))
}

/// Glyphs grouped by line, top to bottom: a glyph whose middle is within
/// half a type size of a line's first glyph belongs to that line.
fn same_line(mut glyphs: Vec<Placed>) -> Vec<Vec<Placed>> {
    glyphs.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(l) if (g.cy() - l[0].cy()).abs() < l[0].size().min(g.size()) / 2.0 => l.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
}

/// Glyphs as lines of text: glyphs whose middles are on one line, left to
/// right, a space where a gap is wider than a third of the type size.
fn lines_of(glyphs: Vec<Placed>) -> Vec<(f64, f64, String)> {
    let lines = same_line(glyphs);
    lines
        .into_iter()
        .map(|mut l| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut text = String::new();
            let mut end: Option<f64> = None;
            for g in &l {
                if let Some(e) = end
                    && g.x0 - e > g.size() / 3.0
                {
                    text.push(' ');
                }
                text.push_str(&g.text);
                end = Some(end.map_or(g.x1, |e: f64| e.max(g.x1)));
            }
            (l[0].top, l[0].x0, text)
        })
        .collect()
}

/// A page's text: each boxed cell on a line of its own (its wrapped lines
/// joined), cells by their top and then their left edge; text outside boxes
/// as lines, parts far apart on a line (the width of three characters) on
/// lines of their own.
fn page_text(c: Collector) -> String {
    let horizontal = join_rules(c.horizontal);
    let vertical = join_rules(c.vertical);
    let mut cells: std::collections::BTreeMap<[i64; 4], Vec<Placed>> = Default::default();
    let mut loose = Vec::new();
    for g in c.glyphs {
        match cell_of((g.cx(), g.cy()), &horizontal, &vertical) {
            Some(k) => cells.entry(k).or_default().push(g),
            None => loose.push(g),
        }
    }
    if cells.is_empty() {
        // no table drawn with rules: the lines laid out in columns as
        // `pdftotext -layout` does, for `layout` to put back into cells
        return laid_out(loose);
    }
    let mut items: Vec<(f64, f64, String)> = Vec::new();
    for (k, glyphs) in cells {
        let text: String = lines_of(glyphs).into_iter().map(|(_, _, t)| t).collect();
        items.push((k[0] as f64, k[1] as f64, text));
    }
    for (top, _, line) in lines_of(loose) {
        let _ = top;
        items.push((top, 0.0, line));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out = String::new();
    for (_, _, t) in items {
        out += t.trim();
        out.push('\n');
    }
    out
}

/// Lines of text with each run of glyphs at the column its left edge is at
/// (a column is half the type size): runs a character's width apart or more
/// are two or more spaces apart, a wrapped cell's lines start at one column.
fn laid_out(glyphs: Vec<Placed>) -> String {
    let mut sizes: Vec<f64> = glyphs.iter().map(Placed::size).collect();
    sizes.sort_by(f64::total_cmp);
    let unit = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0) / 2.0;
    let lines = same_line(glyphs);
    let mut out = String::new();
    for mut l in lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut line = String::new();
        let mut end: Option<f64> = None;
        for g in &l {
            let gap = end.map_or(f64::MAX, |e| g.x0 - e);
            if gap > g.size() / 3.0 {
                let count = line.chars().count();
                let col = (g.x0 / unit).round().max(0.0) as usize;
                let least = if end.is_none() { 0 } else if gap >= g.size() * 0.9 { count + 2 } else { count + 1 };
                line.extend(std::iter::repeat_n(' ', col.max(least).min(count + 400) - count));
            }
            line.push_str(&g.text);
            end = Some(end.map_or(g.x1, |e: f64| e.max(g.x1)));
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

/// The text of each page. A PDF that cannot be read is an error, never a crash.
pub fn page_texts(bytes: &[u8]) -> Result<Vec<String>> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Error::Invalid("文件不是 PDF".into()));
    }
    let read = std::panic::catch_unwind(|| -> std::result::Result<Vec<String>, String> {
        let pdf = hayro_interpret::hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|e| match e {
            hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => "文件已加密".to_string(),
            _ => "文件已损坏或不是 PDF".to_string(),
        })?;
        let cache = InterpreterCache::new();
        let settings = InterpreterSettings { render_annotations: false, ..InterpreterSettings::default() };
        let mut pages = Vec::new();
        for page in pdf.pages().iter() {
            let (w, h) = page.render_dimensions();
            let mut context = Context::new(page.initial_transform(true).to_kurbo(), Rect::new(0.0, 0.0, w as f64, h as f64), &cache, page.xref(), settings.clone());
            let mut collector = Collector::default();
            interpret_page(page, &mut context, &mut collector);
            pages.push(page_text(collector));
        }
        Ok(pages)
    });
    match read {
        Ok(Ok(pages)) if !pages.is_empty() => Ok(pages),
        Ok(Ok(_)) => Err(Error::Invalid("PDF 无法读取：没有页面".into())),
        Ok(Err(e)) => Err(Error::Invalid(format!("PDF 无法读取：{e}"))),
        Err(_) => Err(Error::Invalid("PDF 无法读取：文件已损坏或使用了不支持的特性".into())),
    }
}

/// True for a page that holds (part of) a 绩效目标表: its header fields, its
/// indicator header, or indicator rows continued from the page before.
fn is_table_page(text: &str) -> bool {
    let flat = squeeze(text);
    ["项目编码", "项目名称", "一级指标", "指标值确定依据", "绩效目标表", "绩效目标申报表"].iter().any(|w| flat.contains(w))
        || (BASIS.iter().any(|b| flat.contains(b)) && LEVEL2.iter().any(|(l, _)| flat.contains(l)))
}

/// The 绩效目标表 of a PDF, read from its text layer. `year` is used where the
/// document does not state one.
pub fn read(bytes: &[u8], year: Option<i32>) -> Result<File> {
    let pages = page_texts(bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(Error::Invalid(NO_TEXT_LAYER.into()));
    }
    // the year is often stated once, on a page before the tables
    let year = crate::import::text::stated_year(&squeeze(&pages.concat())).or(year);
    // a table's pages, and the pages that continue its rows (level names, no header)
    let mut tables: Vec<&str> = Vec::new();
    let mut in_table = false;
    for p in &pages {
        let flat = squeeze(p);
        in_table = is_table_page(p) || (in_table && (LEVEL1.iter().any(|l| flat.contains(l)) || LEVEL2.iter().any(|(l, _)| flat.contains(l))));
        if in_table {
            tables.push(p);
        }
    }
    if tables.is_empty() {
        return Err(Error::Invalid(format!("PDF 的 {} 页中没有绩效目标表（项目名称……一级指标……）", pages.len())));
    }
    crate::import::text::parse_target_tables(&tables.join("\n"), year)
}
