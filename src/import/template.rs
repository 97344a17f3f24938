//! The Excel template of the 绩效目标表: one sheet per project, the header
//! fields above, the indicator rows below (with 分值) with drop-down lists
//! for 一级指标, 二级指标 and 指标值确定依据 offering exactly what the review
//! accepts: the levels of `model::LEVEL1`/`LEVEL2` and the default basis
//! standards of `review::settings` (lists on a hidden sheet, [`LISTS`]). The
//! same layout filled with projects is what [`super::xlsx`] reads back.

use crate::error::Result;
use crate::exchange::{File, XProject, XUnit};
use crate::model::{LEVEL1, LEVEL2};
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use std::path::Path;

/// Indicator rows a sheet offers (more can be inserted).
const ROWS: u32 = 30;
/// The row of the indicator header (zero-based); indicators start below it.
const HEADER_ROW: u32 = 8;
/// The checkpoints of the spending plan.
const MONTHS: [u32; 4] = crate::model::PLAN_MONTHS;
/// The indicator columns, in order.
const COLUMNS: [&str; 7] = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "分值"];
/// The last column of the sheet (zero-based).
const LAST: u16 = COLUMNS.len() as u16 - 1;
/// The hidden sheet holding the drop-down lists (a list typed into the
/// validation itself may not exceed 255 characters).
pub(crate) const LISTS: &str = "选项";

/// The drop-down lists, as the review accepts them: 一级指标 (`LEVEL1`),
/// 二级指标 (`LEVEL2`, grouped by their level-1 in its order), and
/// 指标值确定依据 (the review's default basis standards).
pub(crate) fn choices() -> [Vec<String>; 3] {
    let level2 = LEVEL1.iter().flat_map(|l1| LEVEL2.iter().filter(move |(_, of)| of == l1).map(|(n, _)| n.to_string())).collect();
    let bases = crate::review::ReviewSettings::default().basis_standards;
    [LEVEL1.iter().map(|s| s.to_string()).collect(), level2, bases]
}

struct Styles {
    title: Format,
    label: Format,
    value: Format,
}

fn styles() -> Styles {
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
    Styles {
        title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
        label: cell.clone().set_bold().set_background_color("#F2F2F2").set_align(FormatAlign::Center),
        value: cell,
    }
}

/// A drop-down of column `col` of the hidden [`LISTS`] sheet holding `n` items.
fn list(col: u16, n: usize) -> DataValidation {
    let letter = (b'A' + col as u8) as char;
    let range = format!("='{LISTS}'!${letter}$1:${letter}${}", n.max(1));
    DataValidation::new().allow_list_formula(Formula::new(range)).set_error_style(DataValidationErrorStyle::Warning)
}

/// One sheet: blank, or filled with a project.
fn sheet(ws: &mut Worksheet, p: Option<&XProject>, unit: Option<&XUnit>, st: &Styles) -> Result<()> {
    let s = |v: Option<&String>| v.cloned().unwrap_or_default();
    let budget = p.and_then(|p| p.budget.clone()).unwrap_or_default();
    for (c, w) in [14.0, 14.0, 20.0, 28.0, 16.0, 16.0, 8.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    let title = p.and_then(|p| p.name.clone()).map_or("绩效目标表".to_string(), |n| format!("{n}绩效目标表"));
    ws.merge_range(0, 0, 0, LAST, &title, &st.title)?;
    let pairs: [[(&str, String); 3]; 3] = [
        [("年度", p.map(|p| p.year.to_string()).unwrap_or_default()), ("单位编码", s(unit.map(|u| &u.code))), ("单位名称", s(unit.and_then(|u| u.name.as_ref())))],
        [("金额单位", p.and_then(|p| p.money_unit.clone()).unwrap_or_else(|| "万元".into())), ("预算数", s(budget.total.as_ref())), ("其中：财政资金", s(budget.fiscal.as_ref()))],
        [("其他资金", s(budget.other.as_ref())), ("", String::new()), ("", String::new())],
    ];
    for (r, row) in [(1u32, &pairs[0]), (3, &pairs[1])] {
        for (k, (label, value)) in row.iter().enumerate() {
            ws.write_string_with_format(r, (2 * k) as u16, *label, &st.label)?;
            ws.write_string_with_format(r, (2 * k + 1) as u16, value, &st.value)?;
        }
    }
    ws.write_string_with_format(2, 0, "项目编码", &st.label)?;
    ws.write_string_with_format(2, 1, p.map(|p| p.code.clone()).unwrap_or_default(), &st.value)?;
    ws.write_string_with_format(2, 2, "项目名称", &st.label)?;
    ws.merge_range(2, 3, 2, LAST, &s(p.and_then(|p| p.name.as_ref())), &st.value)?;
    ws.write_string_with_format(4, 0, pairs[2][0].0, &st.label)?;
    ws.write_string_with_format(4, 1, &pairs[2][0].1, &st.value)?;
    ws.write_string_with_format(4, 2, "资金用途", &st.label)?;
    ws.merge_range(4, 3, 4, LAST, &s(p.and_then(|p| p.fund_use.as_ref())), &st.value)?;
    ws.merge_range(5, 0, 6, 0, "资金支出计划（累计）", &st.label)?;
    for (k, m) in MONTHS.iter().enumerate() {
        let amount = p.and_then(|p| p.spending_plan.iter().find(|x| x.month == *m)).and_then(|x| x.amount.clone()).unwrap_or_default();
        ws.write_string_with_format(5, k as u16 + 1, format!("{m}月底"), &st.label)?;
        ws.write_string_with_format(6, k as u16 + 1, amount, &st.value)?;
    }
    ws.merge_range(5, 5, 6, LAST, "", &st.value)?;
    ws.write_string_with_format(7, 0, "绩效目标", &st.label)?;
    ws.merge_range(7, 1, 7, LAST, &s(p.and_then(|p| p.goal.as_ref())), &st.value)?;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.label)?;
    }
    let indicators = p.map_or(&[][..], |p| p.indicators.as_slice());
    let rows = ROWS.max(indicators.len() as u32);
    for r in 0..rows {
        let i = indicators.get(r as usize);
        let values = [
            i.and_then(|i| i.level1.clone()),
            i.and_then(|i| i.level2.clone()),
            i.map(|i| i.level3.clone()),
            i.and_then(|i| i.description.clone()),
            i.and_then(|i| i.target.clone()),
            i.and_then(|i| i.basis.clone()),
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW + 1 + r, c as u16, v.clone().unwrap_or_default(), &st.value)?;
        }
        // the weight a number, as typed (a weight that is not one stays text, for the import to name)
        let weight = i.and_then(|i| i.weight.clone()).unwrap_or_default();
        match weight.trim().parse::<f64>() {
            Ok(w) if w.is_finite() => ws.write_number_with_format(HEADER_ROW + 1 + r, LAST, w, &st.value)?,
            _ => ws.write_string_with_format(HEADER_ROW + 1 + r, LAST, weight, &st.value)?,
        };
    }
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + rows);
    let [level1, level2, bases] = choices();
    ws.add_data_validation(first, 0, last, 0, &list(0, level1.len()))?;
    ws.add_data_validation(first, 1, last, 1, &list(1, level2.len()))?;
    ws.add_data_validation(first, 5, last, 5, &list(2, bases.len()))?;
    let weight = DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)).set_error_style(DataValidationErrorStyle::Warning);
    ws.add_data_validation(first, LAST, last, LAST, &weight)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(())
}

fn notes(ws: &mut Worksheet) -> Result<()> {
    ws.set_column_width(0, 100.0)?;
    let lines = [
        "填写说明",
        "1. 每个项目一张工作表，可复制工作表添加项目；工作表名称可改为项目名称。",
        "2. 项目编码、项目名称、年度必填；金额按“金额单位”填写，资金支出计划填累计数，未安排的月份留空。",
        "3. 一级指标、二级指标、指标值确定依据可从下拉列表中选择；合并单元格或留空表示与上一行相同。",
        "4. 指标值写明运算符号、数值和单位，如“≥3个”“≤3000元”“=100%”“2023年8月底前”；没有写明比较方向的数值（如“95%”）导入时需确认。",
        "5. 分值填数字，各指标分值合计应与审核设置一致（默认 90）。",
        "6. 填好后在程序中“导入”本文件，确认预览无误后写入。",
    ];
    for (r, l) in lines.iter().enumerate() {
        ws.write_string(r as u32, 0, *l)?;
    }
    Ok(())
}

fn workbook(projects: &[(Option<&XProject>, Option<&XUnit>)]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let st = styles();
    let mut taken = vec!["填写说明".to_string(), LISTS.to_string()];
    for (k, (p, unit)) in projects.iter().enumerate() {
        let name = p.and_then(|p| p.name.clone()).unwrap_or_else(|| format!("项目{}", k + 1));
        let ws = wb.add_worksheet();
        ws.set_name(crate::report::sheet_name(&name, &mut taken))?;
        sheet(ws, *p, *unit, &st)?;
    }
    notes(wb.add_worksheet().set_name("填写说明")?)?;
    let lists = wb.add_worksheet().set_name(LISTS)?;
    for (c, items) in choices().iter().enumerate() {
        for (r, item) in items.iter().enumerate() {
            lists.write_string(r as u32, c as u16, item)?;
        }
    }
    lists.set_hidden(true);
    Ok(wb.save_to_buffer()?)
}

/// A blank template with `projects` sheets (at least one).
pub fn template(projects: usize) -> Result<Vec<u8>> {
    workbook(&vec![(None, None); projects.max(1)])
}

/// The template filled with a file's projects, one sheet each.
pub fn filled(file: &File) -> Result<Vec<u8>> {
    let sheets: Vec<(Option<&XProject>, Option<&XUnit>)> =
        file.projects.iter().map(|p| (Some(p), file.units.iter().find(|u| Some(&u.code) == p.unit.as_ref()))).collect();
    workbook(&sheets)
}

/// Writes a blank template to `path` (`jixiao template -o FILE.xlsx`).
pub fn write_template(path: &Path, projects: usize) -> Result<()> {
    std::fs::write(path, template(projects)?)?;
    Ok(())
}
