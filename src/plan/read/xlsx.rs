//! The plan workbook: a blank template (`jixiao plan template`) and a filled
//! one read back. The indicator rows are a 主要指标 table with a column per
//! year (the base year, the milestones, the target year) and the person's
//! own 指标类型 and 方向; they are read by the same table reader as text.

use super::{PlanRead, PlanReadOptions, read_text};
use crate::error::{Error, Result};
use crate::model::plan::{Attribute, Direction, PlanKind};
use rust_xlsxwriter::{DataValidation, Format, FormatBorder, Workbook};
use std::path::Path;

/// The sheet of the template.
const SHEET: &str = "规划主要指标";
/// The plan's fields above the table: label, what it holds.
const FIELDS: [&str; 7] = ["规划编码", "规划名称", "文号", "印发单位", "印发日期", "基期年", "目标年"];
/// The row of the indicator header (zero-based).
const HEADER_ROW: u32 = 9;
/// Indicator rows the template offers.
const ROWS: u32 = 40;

/// The indicator header for a plan from `base` to `end`.
fn header(base: i32, end: i32) -> Vec<String> {
    let mut h: Vec<String> = ["序号", "指标名称", "单位"].iter().map(|s| s.to_string()).collect();
    h.push(format!("{base}年（基期）"));
    h.extend((base + 1..end).map(|y| format!("{y}年")));
    h.push(format!("{end}年（目标）"));
    h.extend(["属性", "指标类型", "方向", "牵头单位", "责任单位", "配合单位"].iter().map(|s| s.to_string()));
    h
}

/// A blank workbook for a plan from `base` to `end`: the plan's fields, the
/// header, drop-down lists for 属性, 指标类型 and 方向.
pub fn template(base: i32, end: i32) -> Result<Vec<u8>> {
    crate::model::check_year(base)?;
    crate::model::check_year(end)?;
    if end <= base || end - base > 15 {
        return Err(Error::Invalid(format!("目标年 {end} 应晚于基期年 {base}，且相隔不超过 15 年")));
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let xl = |e: rust_xlsxwriter::XlsxError| Error::Report(e.to_string());
    ws.set_name(SHEET).map_err(xl)?;
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#F2F2F2");
    let cell = Format::new().set_border(FormatBorder::Thin);
    ws.write_string_with_format(0, 0, "规划主要指标表（填写后：jixiao plan import 本文件）", &Format::new().set_bold().set_font_size(14)).map_err(xl)?;
    for (r, label) in FIELDS.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string_with_format(row, 0, *label, &bold).map_err(xl)?;
        match *label {
            "基期年" => ws.write_number_with_format(row, 1, base as f64, &cell).map_err(xl)?,
            "目标年" => ws.write_number_with_format(row, 1, end as f64, &cell).map_err(xl)?,
            _ => ws.write_blank(row, 1, &cell).map_err(xl)?,
        };
    }
    let h = header(base, end);
    for (c, text) in h.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, text, &bold).map_err(xl)?;
        ws.set_column_width(c as u16, if c == 1 { 36 } else { 12 }).map_err(xl)?;
    }
    let col = |name: &str| h.iter().position(|x| x == name).map(|c| c as u16).unwrap_or(0);
    let lists: [(&str, Vec<&str>); 3] = [
        ("属性", Attribute::ALL.iter().map(|a| a.as_str()).collect()),
        ("指标类型", PlanKind::ALL.iter().map(|k| k.label()).collect()),
        ("方向", Direction::ALL.iter().map(|d| d.label()).collect()),
    ];
    for (name, items) in lists {
        let v = DataValidation::new().allow_list_strings(&items).map_err(xl)?;
        let c = col(name);
        ws.add_data_validation(HEADER_ROW + 1, c, HEADER_ROW + ROWS, c, &v).map_err(xl)?;
    }
    wb.save_to_buffer().map_err(xl)
}

/// [`template`] written to `path`.
pub fn write_template(path: &Path, base: i32, end: i32) -> Result<()> {
    crate::fsutil::write_atomically(path, &template(base, end)?)
}

/// A filled workbook: the plan's fields, then its indicator table read as a
/// table of text (cells joined by tabs) is.
pub fn read(bytes: &[u8], opts: &PlanReadOptions) -> Result<PlanRead> {
    let sheets = crate::import::xlsx::sheets(bytes)?;
    for sheet in &sheets {
        let Some(head) = sheet.cells.iter().position(|r| r.iter().any(|c| c.trim() == "指标名称")) else { continue };
        let field = |label: &str| {
            sheet.cells[..head].iter().find_map(|r| {
                let at = r.iter().position(|c| c.trim() == label)?;
                r[at + 1..].iter().find(|c| !c.trim().is_empty()).map(|c| c.trim().to_string())
            })
        };
        let year = |label: &str| -> Result<Option<i32>> {
            field(label).map(|y| y.parse::<i32>().map_err(|_| Error::Invalid(format!("工作表「{}」{label}“{y}”不是年份", sheet.name)))).transpose()
        };
        let mut rows: Vec<String> = Vec::new();
        for r in &sheet.cells[head..] {
            if r.iter().all(|c| c.trim().is_empty()) {
                if rows.len() > 1 {
                    break;
                }
                continue;
            }
            rows.push(r.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect::<Vec<_>>().join("\t"));
        }
        if rows.len() < 2 {
            continue;
        }
        let given = PlanReadOptions {
            code: opts.code.clone().or(field("规划编码")),
            name: opts.name.clone().or(field("规划名称")),
            base_year: opts.base_year.or(year("基期年")?),
            end_year: opts.end_year.or(year("目标年")?),
        };
        let mut read = read_text(&rows.join("\n"), &given).map_err(|e| Error::Invalid(format!("工作表「{}」：{e}", sheet.name)))?;
        if let Some(p) = read.file.plans.first_mut() {
            p.plan.document = field("文号");
            p.plan.issuer = field("印发单位");
            p.plan.issued_on = field("印发日期");
            for row in p.indicators.iter_mut() {
                row.indicator.source = Some(format!("工作表「{}」", sheet.name));
                row.indicator.section = None;
            }
        }
        return Ok(read);
    }
    Err(Error::Invalid("工作簿中没有找到规划主要指标表（应有“指标名称”等表头，可用 jixiao plan template 生成模板）".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template filled in as an officer would: numbers as numbers, a
    /// percentage cell, blank milestones, the kind and direction chosen.
    fn filled() -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let fields = [("规划编码", "TY-14"), ("规划名称", "某市“十四五”体育发展规划"), ("文号", "某政办发〔2021〕8号"), ("印发单位", "某市人民政府办公室")];
        for (r, (label, value)) in fields.iter().enumerate() {
            ws.write_string(r as u32 + 1, 0, *label).unwrap();
            ws.write_string(r as u32 + 1, 1, *value).unwrap();
        }
        ws.write_string(6, 0, "基期年").unwrap();
        ws.write_number(6, 1, 2020.0).unwrap();
        ws.write_string(7, 0, "目标年").unwrap();
        ws.write_number(7, 1, 2025.0).unwrap();
        for (c, h) in header(2020, 2025).iter().enumerate() {
            ws.write_string(HEADER_ROW, c as u16, h).unwrap();
        }
        // 序号 名称 单位 2020 2021 2022 2023 2024 2025 属性 类型 方向 牵头 责任 配合
        let r = HEADER_ROW + 1;
        ws.write_number(r, 0, 1.0).unwrap();
        ws.write_string(r, 1, "体育产业总规模").unwrap();
        ws.write_string(r, 2, "亿元").unwrap();
        ws.write_number(r, 3, 560.0).unwrap();
        ws.write_number(r, 5, 700.0).unwrap();
        ws.write_number(r, 7, 900.0).unwrap();
        ws.write_string(r, 8, "≥1000").unwrap();
        ws.write_string(r, 9, "预期性").unwrap();
        ws.write_string(r, 12, "市体育局").unwrap();
        ws.write_string(r, 13, "市发展改革委、市统计局").unwrap();
        let r = r + 1;
        ws.write_number(r, 0, 2.0).unwrap();
        ws.write_string(r, 1, "经常参加体育锻炼人数比例").unwrap();
        ws.write_string(r, 2, "%").unwrap();
        ws.write_number_with_format(r, 3, 0.402, &Format::new().set_num_format("0.0%")).unwrap();
        ws.write_number(r, 8, 45.0).unwrap();
        ws.write_string(r, 9, "约束性").unwrap();
        let r = r + 1;
        ws.write_number(r, 0, 3.0).unwrap();
        ws.write_string(r, 1, "新建社区健身中心").unwrap();
        ws.write_string(r, 2, "个").unwrap();
        ws.write_number(r, 8, 30.0).unwrap();
        ws.write_string(r, 10, "每年值").unwrap();
        let r = r + 1;
        ws.write_number(r, 0, 4.0).unwrap();
        ws.write_string(r, 1, "平均等候时间").unwrap();
        ws.write_string(r, 2, "分钟").unwrap();
        ws.write_number(r, 3, 30.0).unwrap();
        ws.write_string(r, 8, "20左右").unwrap();
        ws.write_string(r, 11, "反向").unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_filled_template_reads_back() {
        let r = read(&filled(), &PlanReadOptions::default()).unwrap();
        let p = &r.file.plans[0];
        assert_eq!((p.plan.code.as_str(), p.plan.name.as_str(), p.plan.base_year, p.plan.end_year), ("TY-14", "某市“十四五”体育发展规划", 2020, 2025));
        assert_eq!((p.plan.document.as_deref(), p.plan.issuer.as_deref()), (Some("某政办发〔2021〕8号"), Some("某市人民政府办公室")));
        let got: Vec<String> = p
            .indicators
            .iter()
            .map(|x| {
                let i = &x.indicator;
                let ms: Vec<String> = i.milestones.iter().map(|m| format!("{}:{}", m.year, m.value)).collect();
                format!(
                    "{} {} {} {} {} {:?} {:?} {:?} [{}] {}",
                    i.id,
                    i.name,
                    i.kind.as_str(),
                    i.direction.as_str(),
                    i.attribute.map(|a| a.as_str()).unwrap_or("-"),
                    i.baseline.as_ref().map(|b| (b.value.to_string(), b.year)),
                    i.target.op.map(|o| o.as_str()),
                    i.target.value.map(|v| v.to_string()),
                    ms.join(","),
                    i.responsible.iter().map(|u| format!("{}:{}", u.unit, u.role.as_str())).collect::<Vec<_>>().join(",")
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                r#"1 体育产业总规模 level up 预期性 Some(("560", 2020)) Some("≥") Some("1000") [2022:700,2024:900] 市体育局:牵头,市发展改革委:责任,市统计局:责任"#,
                r#"2 经常参加体育锻炼人数比例 level up 约束性 Some(("40.2", 2020)) Some("≥") Some("45") [] "#,
                r#"3 新建社区健身中心 annual up - None Some("≥") Some("30") [] "#,
                r#"4 平均等候时间 level down - Some(("30", 2020)) Some("≈") Some("20") [] "#,
            ]
        );
        crate::plan::check_file(&r.file).unwrap();
    }

    #[test]
    fn the_blank_template_has_the_plan_years_and_reads_as_empty() {
        let blank = template(2020, 2025).unwrap();
        let sheets = crate::import::xlsx::sheets(&blank).unwrap();
        let head = &sheets[0].cells[HEADER_ROW as usize];
        assert_eq!(head[3..9], ["2020年（基期）", "2021年", "2022年", "2023年", "2024年", "2025年（目标）"]);
        let e = read(&blank, &PlanReadOptions::default()).unwrap_err().to_string();
        assert!(e.contains("没有找到"), "{e}");
        assert!(template(2025, 2020).is_err());
        assert!(read(b"not a workbook", &PlanReadOptions::default()).is_err());
    }
}
