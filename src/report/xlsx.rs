//! The forms as an Excel workbook (rust_xlsxwriter): a sheet per project (or
//! one for the summary), the same tables as the PDF with merged header cells,
//! borders, numbers stored as numbers (`0.00`, `0.00%`) rounded as
//! `jixiao evaluate` rounds them, columns wide enough for their text, and
//! A4 page setup with the header row repeated and `第 N 页 共 M 页`.

use super::{FormKind, IndicatorRow, PageSetup, PlanForm, ProjectForm, Report, SummaryForm, SummaryRow};
use crate::review::Severity;
use crate::review::form::ReviewForm;
use crate::error::{Error, Result};
use crate::scoring::{Light, round};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        Error::Report(format!("写入 Excel 失败：{e}"))
    }
}

/// The one place a `Decimal` becomes a float: rust_xlsxwriter's number cells
/// take `f64`. The value is rounded to what the form shows first.
fn cell_number(d: Decimal, dp: u32) -> f64 {
    round(d, dp).to_f64().unwrap_or_default()
}

const FONT: &str = "宋体";
const FAIL_FILL: u32 = 0xFBE1E1;
const HEAD_FILL: u32 = 0xEBEBEB;

/// The formats of a sheet.
struct Styles {
    title: Format,
    subtitle: Format,
    head: Format,
    center: Format,
    left: Format,
    money: Format,
    score: Format,
    percent: Format,
    count: Format,
    plain: Format,
    note: Format,
    missing: Format,
}

impl Styles {
    fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap();
        Styles {
            title: base.clone().set_font_size(16).set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
            subtitle: base.clone().set_font_size(11).set_align(FormatAlign::Center),
            head: cell.clone().set_bold().set_align(FormatAlign::Center).set_background_color(Color::RGB(HEAD_FILL)),
            center: cell.clone().set_align(FormatAlign::Center),
            left: cell.clone().set_align(FormatAlign::Left),
            money: cell.clone().set_align(FormatAlign::Right).set_num_format("0.00"),
            score: cell.clone().set_align(FormatAlign::Center).set_num_format("0.00"),
            percent: cell.clone().set_align(FormatAlign::Center).set_num_format("0.00%"),
            count: cell.clone().set_align(FormatAlign::Center).set_num_format("0"),
            plain: base.clone().set_align(FormatAlign::VerticalCenter),
            note: base.clone().set_font_size(9).set_text_wrap().set_align(FormatAlign::Top),
            missing: cell.clone().set_align(FormatAlign::Left).set_bold().set_font_color(Color::RGB(0xB00000)),
        }
    }
}

/// How wide a text is in Excel's character units (a Chinese character ≈ 2).
fn text_width(s: &str) -> f64 {
    s.lines().map(|l| l.chars().map(|c| if c.is_ascii() { 1.1 } else { 2.1 }).sum::<f64>()).fold(0.0, f64::max)
}

/// A worksheet with the column widths its single cells need.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    widths: Vec<f64>,
    /// The widest a column may grow before its text wraps.
    max_width: f64,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, st: &'a Styles, columns: usize, max_width: f64) -> Self {
        Sheet { ws, st, widths: vec![6.0; columns], max_width }
    }
    fn fit(&mut self, col: u16, s: &str) {
        let w = (text_width(s) + 1.5).min(self.max_width);
        if let Some(x) = self.widths.get_mut(col as usize) {
            *x = x.max(w);
        }
    }
    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws.write_string_with_format(row, col, s, f)?;
        self.fit(col, s);
        Ok(())
    }
    /// A number rounded to `dp` places, or `—`.
    fn num(&mut self, row: u32, col: u16, v: impl Into<Option<Decimal>>, dp: u32, f: &Format) -> Result<()> {
        match v.into() {
            Some(d) => {
                self.ws.write_number_with_format(row, col, cell_number(d, dp), f)?;
                self.fit(col, &round(d, dp).to_string());
            }
            None => {
                self.ws.write_string_with_format(row, col, "—", f)?;
            }
        }
        Ok(())
    }
    fn merge(&mut self, row: u32, c0: u16, row1: u32, c1: u16, s: &str, f: &Format) -> Result<()> {
        if row == row1 && c0 == c1 {
            self.ws.write_string_with_format(row, c0, s, f)?;
        } else {
            self.ws.merge_range(row, c0, row1, c1, s, f)?;
        }
        Ok(())
    }
    /// A merged cell of text that wraps: the row is made tall enough for it
    /// (Excel does not grow rows for merged cells by itself).
    fn merged_text(&mut self, row: u32, c0: u16, c1: u16, s: &str, f: &Format) -> Result<()> {
        self.merge(row, c0, row, c1, s, f)?;
        let width: f64 = self.widths[c0 as usize..=c1 as usize].iter().sum();
        let lines: f64 = s.lines().map(|l| (text_width(l) / width.max(1.0)).ceil().max(1.0)).sum::<f64>().max(1.0);
        if lines > 1.0 {
            self.ws.set_row_height(row, 14.0 * lines + 4.0)?;
        }
        Ok(())
    }
    fn finish(self, page: PageSetup, header_rows: Option<(u32, u32)>) -> Result<()> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        self.ws.set_paper_size(9); // A4
        if page.landscape {
            self.ws.set_landscape();
        }
        let inches = |mm: u32| f64::from(mm) / 25.4;
        let (x, bottom) = (inches(page.margin_x_mm), inches(page.margin_bottom_mm));
        // the page footer (第 N 页) sits halfway into the bottom margin
        self.ws.set_margins(x, x, inches(page.margin_top_mm), bottom, 0.3, bottom / 2.0);
        self.ws.set_print_fit_to_pages(1, 0);
        self.ws.set_print_center_horizontally(true);
        self.ws.set_footer("&C第 &P 页 共 &N 页");
        if let Some((a, b)) = header_rows {
            self.ws.set_repeat_rows(a, b)?;
        }
        Ok(())
    }
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`.
pub(crate) fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base = if clean.is_empty() { "项目".to_string() } else { clean };
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = cut(&base, 31);
    let mut k = 2;
    // Excel compares sheet names without regard to case
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!("({k})");
        name = format!("{}{suffix}", cut(&base, 31 - suffix.chars().count()));
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// Writes a report as the bytes of an xlsx file.
pub fn render_xlsx(report: &Report) -> Result<Vec<u8>> {
    render_xlsx_with(report, &crate::progress::Quiet)
}

/// [`render_xlsx`], reporting each form's sheet (`正在生成第 3/1000 张表`).
pub fn render_xlsx_with(report: &Report, p: &dyn crate::progress::Progress) -> Result<Vec<u8>> {
    let total = report.project_count();
    let every = crate::progress::every(total);
    let step = |n: usize| -> Result<()> {
        if n % every == 0 { crate::progress::checkpoint(p, n, total, format!("正在生成第 {}/{total} 张表", n + 1)) } else { Ok(()) }
    };
    step(0)?;
    let mut wb = Workbook::new();
    let st = Styles::new();
    let mut taken = Vec::new();
    match (&report.kind, &report.summary) {
        (FormKind::Summary, Some(s)) => {
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name("汇总表", &mut taken))?;
            summary_sheet(ws, &st, report, s)?;
        }
        (FormKind::Plan, _) => {
            if let Some(f) = &report.plan {
                let ws = wb.add_worksheet();
                ws.set_name(sheet_name(&f.name, &mut taken))?;
                plan_sheet(ws, &st, report, f)?;
            }
        }
        (FormKind::Review, _) => {
            for (n, f) in report.reviews.iter().enumerate() {
                step(n)?;
                let ws = wb.add_worksheet();
                ws.set_name(sheet_name(&f.name, &mut taken))?;
                review_sheet(ws, &st, report, f)?;
            }
        }
        _ => {
            for (n, p) in report.projects.iter().enumerate() {
                step(n)?;
                let ws = wb.add_worksheet();
                ws.set_name(sheet_name(&p.name, &mut taken))?;
                project_sheet(ws, &st, report, p)?;
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// The title and the subtitle (with a project's 已报送 mark, if given).
fn title_rows(sh: &mut Sheet, report: &Report, submitted: Option<&str>, last_col: u16) -> Result<u32> {
    let st = sh.st;
    sh.merge(0, 0, 0, last_col, &report.title, &st.title)?;
    sh.ws.set_row_height(0, 28.0)?;
    let subtitle = match submitted {
        Some(mark) => format!("{}　{mark}", report.subtitle),
        None => report.subtitle.clone(),
    };
    sh.merge(1, 0, 1, last_col, &subtitle, &st.subtitle)?;
    Ok(2)
}

/// The actual as the form shows it, with the failed mark.
fn actual_text(r: &IndicatorRow) -> String {
    let mut s = r.actual.clone();
    if !r.mark.is_empty() {
        s.push('\n');
        s.push_str(&r.mark);
    }
    s
}

/// The explanation as the form shows it.
fn explanation(missing: bool, parts: &[(&str, &str)]) -> String {
    let mut lines = Vec::new();
    if missing {
        lines.push("未填写偏差原因".to_string());
    }
    for (label, text) in parts {
        if !text.is_empty() {
            lines.push(format!("{label}{text}"));
        }
    }
    lines.join("\n")
}

/// Level-1 and level-2 cells, merged over the rows they span.
fn level_cells(sh: &mut Sheet, row: u32, r: &IndicatorRow) -> Result<()> {
    let st = sh.st;
    if r.l1_span > 0 {
        sh.merge(row, 0, row + r.l1_span as u32 - 1, 0, &r.level1, &st.center)?;
        sh.fit(0, &r.level1);
    }
    if r.l2_span > 0 {
        sh.merge(row, 1, row + r.l2_span as u32 - 1, 1, &r.level2, &st.center)?;
        sh.fit(1, &r.level2);
    }
    Ok(())
}

fn filled(f: &Format, fail: bool) -> Format {
    if fail { f.clone().set_background_color(Color::RGB(FAIL_FILL)) } else { f.clone() }
}

/// The signature lines as one row of text: a line to sign on after each
/// label, a date to fill in after a `…日期`.
fn signature_line(labels: &[&str]) -> String {
    labels
        .iter()
        .map(|l| if l.ends_with("日期") { format!("{l}：______年____月____日") } else { format!("{l}：______________") })
        .collect::<Vec<_>>()
        .join("        ")
}

fn footer_rows(sh: &mut Sheet, report: &Report, row: u32, last_col: u16, warnings: &[String]) -> Result<()> {
    let notes: Vec<String> = report.footnote.iter().cloned().chain(warnings.iter().map(|w| format!("本项目：{w}。"))).collect();
    sign_and_notes(sh, row, last_col, &signature_line(&["项目负责人", "财务负责人", "填报日期"]), &notes)
}

/// The signature row, then the notes (`注：` before the first).
fn sign_and_notes(sh: &mut Sheet, mut row: u32, last_col: u16, signatures: &str, notes: &[String]) -> Result<()> {
    let st = sh.st;
    row += 1;
    sh.merge(row, 0, row, last_col, signatures, &st.plain)?;
    row += 2;
    for (i, n) in notes.iter().enumerate() {
        let n = if i == 0 { format!("注：{n}") } else { format!("　　{n}") };
        sh.merged_text(row, 0, last_col, &n, &st.note)?;
        row += 1;
    }
    Ok(())
}

/// A cell of an indicator row, after its level-1 and level-2 cells.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Level3,
    Target,
    Actual,
    Weight,
    Score,
    /// 偏差原因分析及改进措施 (自评表): the reason and the measures.
    Explanation,
    Progress,
    Light,
    Forecast,
    Likelihood,
    /// 偏差原因 (监控表): the reason's category and the reason.
    Reason,
    Measures,
}

/// What sets a 自评表 sheet apart from a 监控表 sheet; [`project_sheet`] writes both.
struct Layout {
    widths: Vec<f64>,
    /// The header rows: the name over columns `1..=name_end`, the 项目编码 label
    /// over `name_end + 1..=label_end`, the code after it.
    name_end: u16,
    label_end: u16,
    /// 预期目标 over columns `1..=goal_end`, the achieved text after it.
    goal_end: u16,
    achieved_head: String,
    /// The indicator table's columns after 一级指标 and 二级指标.
    cells: Vec<(String, Cell)>,
}

impl Layout {
    fn of(report: &Report) -> Layout {
        let cells = |list: &[(&str, Cell)]| list.iter().map(|(h, c)| (h.to_string(), *c)).collect::<Vec<_>>();
        match report.kind {
            FormKind::Monitor => {
                let mut cells = cells(&[
                    ("三级指标", Cell::Level3),
                    ("年度指标值", Cell::Target),
                    ("实际完成值", Cell::Actual),
                    ("序时进度", Cell::Progress),
                    ("预警", Cell::Light),
                    ("全年预计完成值", Cell::Forecast),
                    ("完成目标可能性", Cell::Likelihood),
                    ("偏差原因（经费/制度/人员/硬件/其他）", Cell::Reason),
                    ("完善措施", Cell::Measures),
                ]);
                cells[2].0.insert_str(0, &report.months);
                Layout {
                    widths: vec![10.0, 12.0, 24.0, 14.0, 14.0, 10.0, 8.0, 14.0, 12.0, 24.0, 24.0],
                    name_end: 5,
                    label_end: 7,
                    goal_end: 5,
                    achieved_head: format!("{}实际完成情况", report.months),
                    cells,
                }
            }
            FormKind::SelfEval | FormKind::Summary | FormKind::Review | FormKind::Plan => Layout {
                widths: vec![10.0, 12.0, 24.0, 14.0, 14.0, 10.0, 10.0, 30.0],
                name_end: 3,
                label_end: 4,
                goal_end: 3,
                achieved_head: "实际完成情况".into(),
                cells: cells(&[
                    ("三级指标", Cell::Level3),
                    ("年度指标值", Cell::Target),
                    ("实际完成值", Cell::Actual),
                    ("分值", Cell::Weight),
                    ("得分", Cell::Score),
                    ("偏差原因分析及改进措施", Cell::Explanation),
                ]),
            },
        }
    }
}

/// A project's 自评表 or 监控表, as `report.kind` says.
fn project_sheet(ws: &mut Worksheet, st: &Styles, report: &Report, p: &ProjectForm) -> Result<()> {
    let monitor = report.kind == FormKind::Monitor;
    let lay = Layout::of(report);
    let last = lay.widths.len() as u16 - 1;
    let mut sh = Sheet::new(ws, st, lay.widths.len(), 30.0);
    sh.widths = lay.widths.clone();
    let mut row = title_rows(&mut sh, report, p.submitted.as_deref(), last)?;
    for (label, value, label2, value2, f2) in
        [("项目名称", &p.name, "项目编码", &p.code, &st.center), ("主管部门", &p.department, "实施单位", &p.unit_name, &st.left)]
    {
        sh.text(row, 0, label, &st.head)?;
        sh.merge(row, 1, row, lay.name_end, value, &st.left)?;
        sh.merge(row, lay.name_end + 1, row, lay.label_end, label2, &st.head)?;
        sh.merge(row, lay.label_end + 1, row, last, value2, f2)?;
        row += 1;
    }
    row = if monitor { monitor_money(&mut sh, report, p, row)? } else { self_eval_money(&mut sh, p, row)? };
    sh.merge(row, 0, row + 1, 0, "年度总体目标", &st.head)?;
    sh.merge(row, 1, row, lay.goal_end, "预期目标", &st.head)?;
    sh.merge(row, lay.goal_end + 1, row, last, &lay.achieved_head, &st.head)?;
    row += 1;
    sh.merged_text(row, 1, lay.goal_end, &p.goal, &st.left)?;
    sh.merge(row, lay.goal_end + 1, row, last, &p.achieved, &st.left)?;
    row += 1;
    let header = row;
    sh.text(row, 0, "一级指标", &st.head)?;
    sh.text(row, 1, "二级指标", &st.head)?;
    for (c, (h, _)) in (2u16..).zip(&lay.cells) {
        sh.text(row, c, h, &st.head)?;
    }
    row += 1;
    for r in &p.indicators {
        level_cells(&mut sh, row, r)?;
        for (c, &(_, cell)) in (2u16..).zip(&lay.cells) {
            indicator_cell(&mut sh, row, c, r, cell)?;
        }
        row += 1;
    }
    if !monitor {
        row = self_eval_tail(&mut sh, p, row)?;
    }
    footer_rows(&mut sh, report, row, last, &p.warnings)?;
    sh.finish(report.page, Some((header, header)))
}

fn indicator_cell(sh: &mut Sheet, row: u32, col: u16, r: &IndicatorRow, cell: Cell) -> Result<()> {
    let st = sh.st;
    let fill = |f: &Format| filled(f, r.failed);
    let explained = if r.explanation_missing { &st.missing } else { &st.left };
    match cell {
        Cell::Level3 => sh.text(row, col, &r.level3, &fill(&st.left)),
        Cell::Target => sh.text(row, col, &r.target, &fill(&st.center)),
        Cell::Actual => sh.text(row, col, &actual_text(r), &fill(&st.center)),
        Cell::Weight => sh.num(row, col, r.weight, 2, &fill(&st.score)),
        Cell::Score => sh.num(row, col, r.score, 2, &fill(&st.score)),
        Cell::Explanation => {
            let text = explanation(r.explanation_missing, &[("", &r.reason), ("改进措施：", &r.measures)]);
            sh.text(row, col, &text, &fill(explained))
        }
        Cell::Progress => sh.num(row, col, r.progress, 4, &fill(&st.percent)),
        Cell::Light => sh.text(row, col, r.light.word(), &light_format(&st.center, r.light)),
        Cell::Forecast => sh.text(row, col, &r.forecast, &fill(&st.center)),
        Cell::Likelihood => sh.text(row, col, &r.likelihood, &fill(&st.center)),
        Cell::Reason => {
            let category = if r.reason_category.is_empty() { String::new() } else { format!("【{}】", r.reason_category) };
            let text = explanation(r.explanation_missing, &[("", &category), ("", &r.reason)]);
            sh.text(row, col, &text, &fill(explained))
        }
        Cell::Measures => sh.text(row, col, &r.measures, &fill(&st.left)),
    }
}

/// The 自评表's 项目资金 block (and the reason for the execution); the next row.
fn self_eval_money(sh: &mut Sheet, p: &ProjectForm, mut row: u32) -> Result<u32> {
    let st = sh.st;
    for (c, h) in [format!("项目资金（{}）", p.money_unit), "年初预算数".into(), "全年预算数".into(), "全年执行数".into(), "分值".into(), "执行率".into()].iter().enumerate() {
        sh.text(row, c as u16, h, &st.head)?;
    }
    sh.merge(row, 6, row, 7, "得分", &st.head)?;
    row += 1;
    for f in &p.funds {
        sh.text(row, 0, &f.label, &st.left)?;
        sh.num(row, 1, f.initial, 2, &st.money)?;
        sh.num(row, 2, f.full_year, 2, &st.money)?;
        sh.num(row, 3, f.spent, 2, &st.money)?;
        sh.num(row, 4, f.points, 2, &st.score)?;
        sh.num(row, 5, f.rate, 4, &st.percent)?;
        match f.score.0 {
            Some(s) => {
                sh.ws.merge_range(row, 6, row, 7, "", &st.score)?;
                sh.ws.write_number_with_format(row, 6, cell_number(s, 2), &st.score)?;
            }
            None => sh.merge(row, 6, row, 7, "—", &st.score)?,
        }
        row += 1;
    }
    let e = &p.execution;
    if e.needs_explanation || !e.reason.is_empty() {
        sh.text(row, 0, "执行偏差原因", &st.head)?;
        let text = explanation(e.explanation_missing, &[("", &e.reason), ("改进措施：", &e.measures)]);
        let f = if e.explanation_missing { &st.missing } else { &st.left };
        sh.merged_text(row, 1, 7, &text, f)?;
        row += 1;
    }
    Ok(row)
}

/// The 自评表's total, grade and texts; the next row.
fn self_eval_tail(sh: &mut Sheet, p: &ProjectForm, mut row: u32) -> Result<u32> {
    let st = sh.st;
    sh.text(row, 0, "总分值", &st.head)?;
    sh.num(row, 1, p.total_points, 2, &st.score)?;
    sh.text(row, 2, "总得分", &st.head)?;
    sh.num(row, 3, p.total_score, 2, &st.score)?;
    sh.text(row, 4, "评价等级", &st.head)?;
    sh.merge(row, 5, row, 7, &p.grade, &st.center)?;
    row += 1;
    for (label, text) in [("评价结论", &p.conclusion), ("存在问题", &p.problems), ("改进措施", &p.improvements)] {
        sh.text(row, 0, label, &st.head)?;
        sh.merged_text(row, 1, 7, text, &st.left)?;
        if text.is_empty() {
            sh.ws.set_row_height(row, 36.0)?;
        }
        row += 1;
    }
    Ok(row)
}

fn light_format(f: &Format, light: Light) -> Format {
    let color = match light {
        Light::Red => 0xF4A6A4,
        Light::Yellow => 0xFFE38A,
        Light::Green => 0xA8DDB0,
        Light::Blue => 0xA9C6F2,
        Light::Grey => return f.clone(),
    };
    f.clone().set_background_color(Color::RGB(color))
}

/// The 监控表's 项目资金 row, with the execution's light and explanation; the next row.
fn monitor_money(sh: &mut Sheet, report: &Report, p: &ProjectForm, mut row: u32) -> Result<u32> {
    let st = sh.st;
    let e = &p.execution;
    sh.merge(row, 0, row + 1, 0, &format!("项目资金（{}）", p.money_unit), &st.head)?;
    let spent_head = format!("{}执行数", report.months);
    for (c, h) in ["年初预算数", "全年预算数", spent_head.as_str(), "执行率", "序时进度计划数", "序时进度", "预警", "偏差原因"].iter().enumerate() {
        sh.text(row, c as u16 + 1, h, &st.head)?;
    }
    sh.merge(row, 9, row, 10, "完善措施", &st.head)?;
    row += 1;
    sh.num(row, 1, e.initial, 2, &st.money)?;
    sh.num(row, 2, e.budget, 2, &st.money)?;
    sh.num(row, 3, e.spent, 2, &st.money)?;
    sh.num(row, 4, e.rate, 4, &st.percent)?;
    sh.num(row, 5, e.planned, 2, &st.money)?;
    sh.num(row, 6, e.progress, 4, &st.percent)?;
    sh.text(row, 7, e.light.word(), &light_format(&st.center, e.light))?;
    let reason = explanation(e.explanation_missing, &[("", &e.reason)]);
    sh.text(row, 8, &reason, if e.explanation_missing { &st.missing } else { &st.left })?;
    sh.merge(row, 9, row, 10, &e.measures, &st.left)?;
    Ok(row + 1)
}

fn summary_sheet(ws: &mut Worksheet, st: &Styles, report: &Report, s: &SummaryForm) -> Result<()> {
    let mut sh = Sheet::new(ws, st, 12, 40.0);
    let mut row = title_rows(&mut sh, report, None, 11)?;
    sh.merge(row, 0, row, 8, &format!("单位：{}", s.units), &st.plain)?;
    sh.merge(row, 9, row, 11, &format!("金额单位：{}", s.money_unit), &st.plain)?;
    row += 1;
    let header = row;
    for (c, h) in ["序号", "项目编码", "项目名称", "预算数", "执行数", "执行率", "指标数", "达标", "未达标", "未填报", "得分", "等级"].iter().enumerate() {
        sh.text(row, c as u16, h, &st.head)?;
    }
    row += 1;
    let bold = |f: &Format, b: bool| if b { f.clone().set_bold() } else { f.clone() };
    let line = |sh: &mut Sheet, row: u32, r: &SummaryRow| -> Result<()> {
        let t = r.is_total;
        match r.number.parse::<u32>() {
            Ok(n) => sh.num(row, 0, Some(Decimal::from(n)), 0, &st.count)?,
            Err(_) => sh.text(row, 0, "", &st.center)?,
        }
        sh.text(row, 1, &r.code, &st.center)?;
        sh.text(row, 2, &r.name, &bold(&st.left, t))?;
        sh.num(row, 3, r.budget, 2, &bold(&st.money, t))?;
        sh.num(row, 4, r.spent, 2, &bold(&st.money, t))?;
        sh.num(row, 5, r.rate, 4, &bold(&st.percent, t))?;
        for (c, n) in [(6u16, r.indicators), (7, r.passed), (8, r.failed), (9, r.missing)] {
            sh.num(row, c, Some(Decimal::from(n)), 0, &bold(&st.count, t))?;
        }
        sh.num(row, 10, r.score, 2, &bold(&st.score, t))?;
        sh.text(row, 11, &r.grade, &st.center)?;
        Ok(())
    };
    for r in &s.rows {
        line(&mut sh, row, r)?;
        row += 1;
    }
    line(&mut sh, row, &s.total)?;
    row += 1;
    footer_rows(&mut sh, report, row, 11, &[])?;
    sh.finish(report.page, Some((header, header)))
}

/// The 规划主要指标监测表: the plan's name, the heads (实际值 over the year
/// columns), a row per indicator (actuals as numbers), the counts, the
/// signature lines.
fn plan_sheet(ws: &mut Worksheet, st: &Styles, report: &Report, f: &PlanForm) -> Result<()> {
    let ys = f.years.len().max(1) as u16;
    let last = 6 + ys + 3;
    let mut sh = Sheet::new(ws, st, usize::from(last) + 1, 30.0);
    let mut row = title_rows(&mut sh, report, None, last)?;
    let mut head = format!("规划名称：{}", f.name);
    if !f.document.is_empty() {
        head.push_str(&format!("（{}）", f.document));
    }
    if !f.unit.is_empty() {
        head.push_str(&format!("　责任单位：{}", f.unit));
    }
    sh.merge(row, 0, row, last, &head, &st.plain)?;
    row += 1;
    let header = row;
    for (c, h) in ["序号", "指标名称", "单位", "属性", "基期值（年）", "目标值（年）"].iter().enumerate() {
        sh.merge(row, c as u16, row + 1, c as u16, h, &st.head)?;
        sh.fit(c as u16, h);
    }
    sh.merge(row, 6, row, 6 + ys - 1, "实际值", &st.head)?;
    for (k, y) in f.years.iter().enumerate() {
        sh.text(row + 1, 6 + k as u16, &format!("{y}年"), &st.head)?;
    }
    for (k, h) in ["序时目标", "进度", "评价", "牵头单位"].iter().enumerate() {
        let c = 6 + ys + k as u16;
        sh.merge(row, c, row + 1, c, h, &st.head)?;
        sh.fit(c, h);
    }
    row += 2;
    let red = |f: &Format, r: bool| if r { f.clone().set_background_color(Color::RGB(FAIL_FILL)) } else { f.clone() };
    for x in &f.rows {
        let r = x.light == "red";
        sh.text(row, 0, &x.id, &red(&st.center, r))?;
        sh.text(row, 1, &x.name, &red(&st.left, r))?;
        sh.text(row, 2, &x.unit, &red(&st.center, r))?;
        sh.text(row, 3, &x.attribute, &red(&st.center, r))?;
        sh.text(row, 4, &x.baseline, &red(&st.center, r))?;
        sh.text(row, 5, &x.target, &red(&st.center, r))?;
        for (k, v) in x.values.iter().enumerate() {
            let c = 6 + k as u16;
            match v.parse::<Decimal>() {
                Ok(d) => {
                    let dp = d.scale();
                    let fmt = if dp == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(dp as usize)) };
                    sh.num(row, c, Some(d), dp, &red(&st.money, r).set_num_format(fmt))?;
                }
                Err(_) => sh.text(row, c, v, &red(&st.center, r))?,
            }
        }
        let c = 6 + ys;
        match x.expected.parse::<Decimal>() {
            Ok(d) => sh.num(row, c, Some(d), 2, &red(&st.money, r))?,
            Err(_) => sh.text(row, c, &x.expected, &red(&st.center, r))?,
        }
        sh.text(row, c + 1, &x.progress, &red(&st.center, r))?;
        sh.text(row, c + 2, &format!("{}（{}）", x.label, light_word(&x.light)), &red(&st.center, r))?;
        sh.text(row, c + 3, &x.lead_unit, &red(&st.center, r))?;
        row += 1;
    }
    let counts: Vec<String> = f.counts.iter().map(|c| format!("{} {} 项", c.label, c.count)).collect();
    sh.merge(row, 0, row, last, &format!("共 {} 项指标：{}", f.rows.len(), counts.join("；")), &st.plain)?;
    row += 1;
    sign_and_notes(&mut sh, row, last, &signature_line(&["填报人", "审核人", "填报日期"]), &report.footnote)?;
    sh.finish(report.page, Some((header, header + 1)))
}

/// A plan light's word, so that it survives black-and-white printing.
fn light_word(light: &str) -> &'static str {
    match light {
        "green" => "绿灯",
        "yellow" => "黄灯",
        "red" => "红灯",
        _ => "灰灯",
    }
}

/// How many lines `s` takes in a column `width` wide.
fn lines_in(s: &str, width: f64) -> f64 {
    s.lines().map(|l| (text_width(l) / width.max(1.0)).ceil().max(1.0)).sum::<f64>().max(1.0)
}

/// A 绩效目标审核意见表: the project head, then the findings, one row each,
/// under their criterion (merged down the first column), the conclusion, the
/// signature lines.
fn review_sheet(ws: &mut Worksheet, st: &Styles, report: &Report, f: &ReviewForm) -> Result<()> {
    const WIDTHS: [f64; 6] = [14.0, 6.0, 8.0, 20.0, 46.0, 28.0];
    let last = WIDTHS.len() as u16 - 1;
    let mut sh = Sheet::new(ws, st, WIDTHS.len(), 46.0);
    sh.widths = WIDTHS.to_vec();
    let mut row = title_rows(&mut sh, report, None, last)?;
    let unit = format!("{}（{}）", f.unit_name, f.unit_code);
    for (label, value, fmt) in [("项目名称", &f.name, &st.left), ("项目编码", &f.code, &st.left), ("实施单位", &unit, &st.left)] {
        sh.text(row, 0, label, &st.head)?;
        sh.merge(row, 1, row, last, value, fmt)?;
        row += 1;
    }
    sh.merge(row, 0, row + 1, 0, &format!("项目资金（{}）", f.money_unit), &st.head)?;
    let money = [(1u16, 3u16, "年度资金总额", &f.budget), (4, 4, "其中：财政资金", &f.fiscal), (5, 5, "其他资金", &f.other)];
    for (c0, c1, head, value) in money {
        sh.merge(row, c0, row, c1, head, &st.head)?;
        // `500.00` as a number, `—` as it is
        match value.parse::<Decimal>() {
            Ok(d) => {
                sh.merge(row + 1, c0, row + 1, c1, "", &st.money)?;
                sh.ws.write_number_with_format(row + 1, c0, cell_number(d, 2), &st.money)?;
            }
            Err(_) => sh.merge(row + 1, c0, row + 1, c1, value, &st.center)?,
        }
    }
    row += 2;
    sh.text(row, 0, "绩效目标", &st.head)?;
    sh.merged_text(row, 1, last, &f.goal, &st.left)?;
    row += 1;
    sh.text(row, 0, "审核情况", &st.head)?;
    sh.merge(row, 1, row, last, &format!("共 {} 个三级指标；审核发现{}", f.indicators, f.counts), &st.left)?;
    row += 1;
    let header = row;
    for (c, h) in ["审核要点", "序号", "类别", "指标", "审核意见", "已知悉说明"].iter().enumerate() {
        sh.text(row, c as u16, h, &st.head)?;
    }
    row += 1;
    let error = st.center.clone().set_bold().set_font_color(Color::RGB(0xB00000));
    let warning = st.center.clone().set_bold();
    for c in &f.criteria {
        let name = if c.items.is_empty() { c.criterion.as_str().to_string() } else { format!("{}\n{}", c.criterion.as_str(), c.summary) };
        if c.items.is_empty() {
            sh.merge(row, 0, row, 0, &name, &st.center)?;
            sh.merge(row, 1, row, last, "未发现问题", &st.center)?;
            row += 1;
            continue;
        }
        let n = c.items.len() as u32;
        sh.merge(row, 0, row + n - 1, 0, &name, &st.center)?;
        let mut heights = Vec::new();
        for it in &c.items {
            sh.ws.write_number_with_format(row, 1, it.number as f64, &st.count)?;
            let sev = match it.severity {
                Severity::Error => &error,
                Severity::Warning => &warning,
                Severity::Info => &st.center,
            };
            sh.ws.write_string_with_format(row, 2, &it.severity_word, sev)?;
            sh.ws.write_string_with_format(row, 3, &it.indicator, &st.left)?;
            sh.ws.write_string_with_format(row, 4, &it.message, &st.left)?;
            let ack = it.acknowledged.as_ref().map(|note| format!("已知悉：{note}")).unwrap_or_default();
            sh.ws.write_string_with_format(row, 5, &ack, &st.left)?;
            let lines = [(3, &it.indicator), (4, &it.message), (5, &ack)].iter().map(|&(c, s)| lines_in(s, WIDTHS[c])).fold(1.0, f64::max);
            heights.push(14.0 * lines + 4.0);
            row += 1;
        }
        // room for the criterion's name and counts (two lines) in the merged cell
        let short = 32.0 - heights.iter().sum::<f64>();
        if let Some(h) = heights.last_mut() {
            *h += short.max(0.0);
        }
        for (r, h) in (row - n..).zip(heights) {
            sh.ws.set_row_height(r, h)?;
        }
    }
    let meaning = &f.conclusion_meaning;
    sh.text(row, 0, "审核结论（建议）", &st.head)?;
    let big = st.center.clone().set_bold().set_font_size(14);
    sh.merge(row, 1, row, 2, f.conclusion.as_str(), &big)?;
    sh.merge(row, 3, row, last, meaning, &st.left)?;
    sh.ws.set_row_height(row, 24.0)?;
    row += 1;
    sh.text(row, 0, "复核结论", &st.head)?;
    sh.merge(row, 1, row, last, "□ 优　　　□ 良　　　□ 中　　　□ 差", &st.left)?;
    row += 1;
    sh.text(row, 0, "其他意见", &st.head)?;
    sh.merge(row, 1, row, last, "", &st.left)?;
    sh.ws.set_row_height(row, 48.0)?;
    row += 1;
    let labels: Vec<&str> = f.signatures.iter().map(String::as_str).collect();
    let notes: Vec<String> = report.footnote.iter().chain(&f.footnote).cloned().collect();
    sign_and_notes(&mut sh, row, last, &signature_line(&labels), &notes)?;
    sh.finish(report.page, Some((header, header)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("a/b[c]:d*e?f\\g", &mut taken), "a_b_c__d_e_f_g");
        let long = "很".repeat(40);
        let a = sheet_name(&long, &mut taken);
        let b = sheet_name(&long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert!(b.ends_with("(2)"));
        assert_eq!(sheet_name("ABC", &mut taken), "ABC");
        assert_eq!(sheet_name("abc", &mut taken), "abc(2)");
        assert_eq!(sheet_name("", &mut taken), "项目");
    }
}
