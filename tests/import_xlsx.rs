//! Workbooks shaped the way budget systems and offices make them (issue 18):
//! operator and unit columns under their various names, in any order, with
//! title rows, header blocks, merged levels, full-width digits, totals,
//! formula cells and dates. Every row is checked: its levels, its target as
//! understood (kind, operator, value, unit or date), its weight, and whether
//! its direction is a guess the officer must confirm.

mod common;
use common::*;

use jixiao::exchange::File;
use jixiao::import::{ImportOptions, read_bytes};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

/// A cell as a spreadsheet holds it.
#[derive(Clone)]
enum C {
    /// Text.
    T(&'static str),
    /// A number.
    N(f64),
    /// A number shown with this number format (`0%`, `0.0%`).
    Fmt(f64, &'static str),
    /// A formula and the result the spreadsheet computed for it.
    F(&'static str, &'static str),
    /// A date cell (year, month, day).
    D(u16, u8, u8),
    /// Nothing.
    E,
}
use C::*;

fn put(ws: &mut Worksheet, r: u32, c: u16, cell: &C) {
    match cell {
        T(t) => {
            ws.write_string(r, c, *t).unwrap();
        }
        N(n) => {
            ws.write_number(r, c, *n).unwrap();
        }
        Fmt(n, f) => {
            ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(*f)).unwrap();
        }
        F(f, result) => {
            ws.write_formula(r, c, Formula::new(*f).set_result(*result)).unwrap();
        }
        D(y, m, d) => {
            ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
        }
        E => {}
    }
}

/// What a row must read as: level-1, level-2, level-3, the target's text,
/// the target as understood (`kind op value unit`, `date ≤ YYYY-MM-DD`,
/// `label = words`), its weight, and whether its direction is a guess.
type Want = (&'static str, &'static str, &'static str, &'static str, &'static str, Option<&'static str>, bool);

fn understood(text: &str, year: i32) -> String {
    let t = jixiao::target::parse(text, year);
    let op = t.op.map(|o| o.as_str()).unwrap_or("");
    match t.kind.as_str() {
        "quantity" => format!("quantity {op} {} {}", t.value.map(|v| v.normalize().to_string()).unwrap_or_default(), t.unit.unwrap_or_default()),
        "date" => format!("date {op} {}", t.date.unwrap_or_default()),
        "label" => format!("label {op} {}", t.label.unwrap_or_default()),
        k => k.to_string(),
    }
}

/// Compares every indicator of `file` (all projects, in order) with `want`;
/// prints how many rows read as written, then asserts all of them do.
fn check(layout: &str, file: &File, want: &[Want]) {
    let rows: Vec<(String, String, String, String, String, Option<String>, bool)> = file
        .projects
        .iter()
        .flat_map(|p| {
            p.indicators.iter().map(move |i| {
                let target = i.target.clone().unwrap_or_default();
                (
                    i.level1.clone().unwrap_or_default(),
                    i.level2.clone().unwrap_or_default(),
                    i.level3.clone(),
                    target.clone(),
                    understood(&target, p.year),
                    i.weight.clone(),
                    i.guessed.iter().any(|g| g == "op"),
                )
            })
        })
        .collect();
    let mut as_written = 0;
    let mut wrong = Vec::new();
    for (n, w) in want.iter().enumerate() {
        let w_owned = (w.0.to_string(), w.1.to_string(), w.2.to_string(), w.3.to_string(), w.4.to_string(), w.5.map(str::to_string), w.6);
        match rows.get(n) {
            Some(g) if *g == w_owned => as_written += 1,
            g => wrong.push(format!("row {}: want {w_owned:?}\n          got  {g:?}", n + 1)),
        }
    }
    eprintln!("{layout}: {as_written} of {} rows read as written", want.len());
    assert!(wrong.is_empty() && rows.len() == want.len(), "{layout}: {} rows read, {} wanted\n{}", rows.len(), want.len(), wrong.join("\n"));
}

fn book(build: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(wb.add_worksheet().set_name("Sheet1").unwrap());
    wb.save_to_buffer().unwrap()
}

fn grid(ws: &mut Worksheet, top: u32, rows: &[Vec<C>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            put(ws, top + r as u32, c as u16, cell);
        }
    }
}

fn opts(year: i32) -> ImportOptions {
    ImportOptions { year: Some(year), ..Default::default() }
}

/// A budget system's flat export, one row per indicator, its columns in an
/// order of its own: 指标性质 (signs, words, 正向/反向/定性) and 度量单位
/// apart from 指标值, numbers as numeric cells, two projects.
#[test]
fn a_flat_export_with_operator_and_unit_columns_in_an_unusual_order() {
    let head = ["指标值", "度量单位", "三级指标", "项目名称", "指标性质", "二级指标", "一级指标", "项目编码", "单位名称"];
    let p1 = |r: [C; 6]| -> Vec<C> {
        let [v, u, l3, op, l2, l1] = r;
        vec![v, u, l3, T("学生资助"), op, l2, l1, T("XJ-2025-001"), T("某区教育局")]
    };
    let p2 = |r: [C; 6]| -> Vec<C> {
        let [v, u, l3, op, l2, l1] = r;
        vec![v, u, l3, T("校舍改造"), op, l2, l1, T("XJ-2025-002"), T("某区教育局")]
    };
    let rows = vec![
        head.iter().map(|h| T(h)).collect(),
        p1([N(600.0), T("元/生·年"), T("生均补助标准"), T("="), T("经济成本指标"), T("成本指标")]),
        p1([N(1200.0), T("人"), T("资助学生人数"), T("大于等于"), T("数量指标"), T("产出指标")]),
        p1([N(100.0), T("%"), T("资金发放准确率"), T("正向"), T("质量指标"), T("产出指标")]),
        p1([T("2025年9月30日"), E, T("资金发放时间"), T("小于等于"), T("时效指标"), T("产出指标")]),
        p1([T("有效保障"), E, T("困难学生就学保障"), T("定性"), T("社会效益指标"), T("效益指标")]),
        p1([N(90.0), T("%"), T("受助学生满意度"), T("≥"), T("服务对象满意度指标"), T("满意度指标")]),
        p2([N(1500.0), T("元/平方米"), T("单位面积改造成本"), T("≤"), T("经济成本指标"), T("成本指标")]),
        p2([T("8000"), T("平方米"), T("改造校舍面积"), T(">"), T("数量指标"), T("产出指标")]),
        p2([N(100.0), T("%"), T("验收合格率"), T("="), T("质量指标"), T("产出指标")]),
        p2([N(2.0), T("%"), T("校舍安全隐患发生率"), T("反向"), T("可持续影响指标"), T("效益指标")]),
        p2([N(3000.0), T("人"), T("受益学生人数"), T("≈"), T("社会效益指标"), T("效益指标")]),
        p2([T("≥95%"), T("%"), T("师生满意度"), T("≥"), T("服务对象满意度指标"), T("满意度指标")]),
    ];
    let file = read_bytes(&book(|ws| grid(ws, 0, &rows)), None, None, &opts(2025)).unwrap();
    assert_eq!(file.projects.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["XJ-2025-001", "XJ-2025-002"]);
    check(
        "flat export (指标性质, 度量单位)",
        &file,
        &[
            ("成本指标", "经济成本指标", "生均补助标准", "=600元/生·年", "quantity = 600 元/生·年", None, false),
            ("产出指标", "数量指标", "资助学生人数", "≥1200人", "quantity ≥ 1200 人", None, false),
            ("产出指标", "质量指标", "资金发放准确率", "≥100%", "quantity ≥ 100 %", None, false),
            ("产出指标", "时效指标", "资金发放时间", "2025年9月30日", "date ≤ 2025-09-30", None, false),
            ("效益指标", "社会效益指标", "困难学生就学保障", "有效保障", "label = 有效保障", None, false),
            ("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "quantity ≥ 90 %", None, false),
            ("成本指标", "经济成本指标", "单位面积改造成本", "≤1500元/平方米", "quantity ≤ 1500 元/平方米", None, false),
            ("产出指标", "数量指标", "改造校舍面积", ">8000平方米", "quantity > 8000 平方米", None, false),
            ("产出指标", "质量指标", "验收合格率", "=100%", "quantity = 100 %", None, false),
            ("效益指标", "可持续影响指标", "校舍安全隐患发生率", "≤2%", "quantity ≤ 2 %", None, false),
            ("效益指标", "社会效益指标", "受益学生人数", "约3000人", "quantity ≈ 3000 人", None, false),
            ("满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", "quantity ≥ 95 %", None, false),
        ],
    );
}

/// Another system's spellings: 符号 and 计量单位, 分值 as numbers, a title
/// row above the header, the project's cells merged over its rows; one row
/// whose 符号 is blank reads as written and is marked a guess.
#[test]
fn symbol_and_measure_spellings_with_weights_under_a_title_row() {
    let bytes = book(|ws| {
        let fmt = Format::new();
        ws.merge_range(0, 0, 0, 9, "2025年度项目绩效目标申报表", &fmt).unwrap();
        let head = ["项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位", "分值", "指标值确定依据"];
        grid(ws, 1, &[head.iter().map(|h| T(h)).collect()]);
        ws.merge_range(2, 0, 8, 0, "WS-2025-03", &fmt).unwrap();
        ws.merge_range(2, 1, 8, 1, "基层医务人员培训", &fmt).unwrap();
        let rows: Vec<Vec<C>> = vec![
            vec![T("成本指标"), T("经济成本指标"), T("人均培训成本"), T("≤"), N(800.0), T("元/人"), N(10.0), T("计划标准")],
            vec![T("产出指标"), T("数量指标"), T("培训基层医务人员"), T("≥"), N(300.0), T("人次"), N(20.0), T("历史标准")],
            vec![T("产出指标"), T("质量指标"), T("培训考核合格率"), T("≥"), N(90.0), T("%"), N(20.0), T("行业标准")],
            vec![T("产出指标"), T("时效指标"), T("培训完成时间"), T("≤"), T("2025年11月"), E, N(10.0), T("计划标准")],
            vec![T("效益指标"), T("社会效益指标"), T("基层诊疗服务能力"), T("定性"), T("明显提升"), E, N(10.0), T("其他标准")],
            vec![T("效益指标"), T("社会效益指标"), T("村卫生室覆盖率"), E, N(85.0), T("%"), N(10.0), T("计划标准")],
            vec![T("满意度指标"), T("服务对象满意度指标"), T("参训人员满意度"), T("大于等于"), N(90.0), T("%"), N(10.0), T("行业标准")],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(ws, 2 + r as u32, 2 + c as u16, cell);
            }
        }
    });
    let file = read_bytes(&bytes, None, None, &opts(2025)).unwrap();
    assert_eq!((file.projects.len(), file.projects[0].code.as_str(), file.projects[0].name.as_deref()), (1, "WS-2025-03", Some("基层医务人员培训")));
    check(
        "符号 / 计量单位 / 分值",
        &file,
        &[
            ("成本指标", "经济成本指标", "人均培训成本", "≤800元/人", "quantity ≤ 800 元/人", Some("10"), false),
            ("产出指标", "数量指标", "培训基层医务人员", "≥300人次", "quantity ≥ 300 人次", Some("20"), false),
            ("产出指标", "质量指标", "培训考核合格率", "≥90%", "quantity ≥ 90 %", Some("20"), false),
            ("产出指标", "时效指标", "培训完成时间", "2025年11月", "date ≤ 2025-11", Some("10"), false),
            ("效益指标", "社会效益指标", "基层诊疗服务能力", "明显提升", "label = 明显提升", Some("10"), false),
            ("效益指标", "社会效益指标", "村卫生室覆盖率", "85%", "quantity ≥ 85 %", Some("10"), true),
            ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "quantity ≥ 90 %", Some("10"), false),
        ],
    );
    assert_eq!(file.projects[0].indicators[0].basis.as_deref(), Some("计划标准"));
}

/// A sheet typed by hand: a title, a block of fields above the table,
/// columns in an order of their own (关系, 单位), levels as merged cells,
/// full-width digits typed as text, a 合计 row and a signature below.
#[test]
fn a_hand_typed_sheet_with_a_header_block_merged_levels_full_width_digits_and_a_total() {
    let bytes = book(|ws| {
        let fmt = Format::new();
        ws.merge_range(0, 0, 0, 6, "2025年度项目绩效目标表", &fmt).unwrap();
        grid(
            ws,
            1,
            &[
                vec![T("项目名称"), T("基层医务人员能力提升"), E, T("项目编码"), T("WS-2025-07")],
                vec![T("单位名称"), T("某市基层卫生服务中心"), E, T("年度"), T("2025")],
                vec![T("资金总额（万元）"), N(120.0)],
                vec![T("三级指标"), T("一级指标"), T("二级指标"), T("分值"), T("关系"), T("指标值"), T("单位")],
            ],
        );
        ws.merge_range(5, 1, 7, 1, "产出指标", &fmt).unwrap();
        ws.merge_range(5, 2, 6, 2, "数量指标", &fmt).unwrap();
        let rows: Vec<Vec<C>> = vec![
            vec![T("培训人数"), E, E, T("２０"), T("≥"), T("１２００"), T("人次")],
            vec![T("下乡义诊次数"), E, E, N(15.0), T("≥"), T("２４"), T("次")],
            vec![T("培训合格率"), E, T("质量指标"), N(15.0), T("≥"), T("９５"), T("％")],
            vec![T("人均培训费用"), T("成本指标"), T("经济成本指标"), N(15.0), T("≤"), T("1,000"), T("元")],
            vec![T("群众就诊满意度"), T("满意度指标"), T("服务对象满意度指标"), N(25.0), T("≥"), N(90.0), T("%")],
            vec![T("合计"), E, E, N(90.0)],
            vec![T("填报人：张三")],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(ws, 5 + r as u32, c as u16, cell);
            }
        }
    });
    let file = read_bytes(&bytes, None, None, &ImportOptions::default()).unwrap();
    let p = &file.projects[0];
    assert_eq!((p.year, p.code.as_str(), p.name.as_deref()), (2025, "WS-2025-07", Some("基层医务人员能力提升")));
    assert_eq!(p.budget.as_ref().and_then(|b| b.total.as_deref()), Some("120.00"));
    check(
        "hand-typed (title, header block, merged levels, full-width, 合计)",
        &file,
        &[
            ("产出指标", "数量指标", "培训人数", "≥１２００人次", "quantity ≥ 1200 人次", Some("20"), false),
            ("产出指标", "数量指标", "下乡义诊次数", "≥２４次", "quantity ≥ 24 次", Some("15"), false),
            ("产出指标", "质量指标", "培训合格率", "≥９５％", "quantity ≥ 95 %", Some("15"), false),
            ("成本指标", "经济成本指标", "人均培训费用", "≤1,000元", "quantity ≤ 1000 元", Some("15"), false),
            ("满意度指标", "服务对象满意度指标", "群众就诊满意度", "≥90%", "quantity ≥ 90 %", Some("25"), false),
        ],
    );
}

/// Numbers as a spreadsheet holds them: formula results with binary noise
/// (`0.1+0.2`), percentages stored as fractions and shown as `%`, dates as
/// date cells; 权重 from formulas too.
#[test]
fn formula_noise_percent_formats_and_date_cells_read_as_shown() {
    let head = ["项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"];
    let row = |l1, l2, l3, op: C, v: C, u: C, w: C| vec![T("ZW-2025-01"), T("政务云运维"), T(l1), T(l2), T(l3), op, v, u, w];
    let rows = vec![
        head.iter().map(|h| T(h)).collect(),
        row("产出指标", "质量指标", "数据差错率", T("反向"), F("=0.1+0.2", "0.30000000000000004"), T("%"), F("=0.1*3*100", "30.000000000000004")),
        row("产出指标", "质量指标", "系统可用率", T("≥"), Fmt(0.995, "0.0%"), E, N(10.0)),
        row("产出指标", "时效指标", "系统上线时间", T("≤"), D(2025, 6, 30), E, N(10.0)),
        row("产出指标", "时效指标", "验收完成时间", E, D(2025, 11, 15), E, N(10.0)),
        row("产出指标", "数量指标", "接入部门数量", T("定量"), N(35.0), T("个"), N(10.0)),
        row("成本指标", "经济成本指标", "运维费用", T("小于等于"), N(48.6), T("万元"), F("=100/10", "10")),
        row("满意度指标", "服务对象满意度指标", "用户满意度", T("≥"), Fmt(0.9, "0%"), T("%"), N(10.0)),
    ];
    let file = read_bytes(&book(|ws| grid(ws, 0, &rows)), None, None, &opts(2025)).unwrap();
    check(
        "formulas, percent formats, dates",
        &file,
        &[
            ("产出指标", "质量指标", "数据差错率", "≤0.3%", "quantity ≤ 0.3 %", Some("30"), false),
            ("产出指标", "质量指标", "系统可用率", "≥99.5%", "quantity ≥ 99.5 %", Some("10"), false),
            ("产出指标", "时效指标", "系统上线时间", "2025-06-30", "date ≤ 2025-06-30", Some("10"), false),
            ("产出指标", "时效指标", "验收完成时间", "2025-11-15", "date ≤ 2025-11-15", Some("10"), false),
            ("产出指标", "数量指标", "接入部门数量", "35个", "quantity ≥ 35 个", Some("10"), true),
            ("成本指标", "经济成本指标", "运维费用", "≤48.6万元", "quantity ≤ 48.6 万元", Some("10"), false),
            ("满意度指标", "服务对象满意度指标", "用户满意度", "≥90%", "quantity ≥ 90 %", Some("10"), false),
        ],
    );
}

/// 运算符 / 比较符 and 单位 spellings; a magnitude written in the value
/// (`600万` with 元); contradictions and unknown operators are refused with
/// the sheet and cell named, never guessed.
#[test]
fn other_spellings_magnitudes_and_contradictions() {
    let sheet = |op_head: &'static str, rows: Vec<Vec<C>>| {
        let mut all = vec![vec![T("项目编码"), T("三级指标"), T("一级指标"), T("二级指标"), T(op_head), T("指标值"), T("单位")]];
        all.extend(rows);
        book(|ws| grid(ws, 0, &all))
    };
    let ok = sheet(
        "运算符",
        vec![
            vec![T("K-1"), T("项目总投资"), T("成本指标"), T("经济成本指标"), T("<="), T("600万"), T("元")],
            vec![T("K-1"), T("设备台数"), T("产出指标"), T("数量指标"), T(">="), T("50以上"), T("台")],
            vec![T("K-1"), T("故障响应时间"), T("产出指标"), T("时效指标"), T("<"), N(2.0), T("小时")],
        ],
    );
    let file = read_bytes(&ok, None, None, &opts(2025)).unwrap();
    check(
        "运算符 / 单位",
        &file,
        &[
            ("成本指标", "经济成本指标", "项目总投资", "≤600万元", "quantity ≤ 600 万元", None, false),
            ("产出指标", "数量指标", "设备台数", "50台以上", "quantity ≥ 50 台", None, false),
            ("产出指标", "时效指标", "故障响应时间", "<2小时", "quantity < 2 小时", None, false),
        ],
    );
    // a column headed just 单位 that names organisations is the project's unit, not a unit of measure
    let rows = vec![
        vec![T("项目编码"), T("单位"), T("三级指标"), T("一级指标"), T("二级指标"), T("指标值"), T("计量单位")],
        vec![T("K-2"), T("某区教育局"), T("培训人数"), T("产出指标"), T("数量指标"), T("≥300"), T("人次")],
    ];
    let file = read_bytes(&book(|ws| grid(ws, 0, &rows)), None, None, &opts(2025)).unwrap();
    assert_eq!(file.projects[0].unit.as_deref(), Some("某区教育局"));
    check("单位 naming the unit, 计量单位", &file, &[("产出指标", "数量指标", "培训人数", "≥300人次", "quantity ≥ 300 人次", None, false)]);
    let compare = sheet("比较符", vec![vec![T("K-1"), T("设备台数"), T("产出指标"), T("数量指标"), T("＞"), N(50.0), T("台")]]);
    assert_eq!(read_bytes(&compare, None, None, &opts(2025)).unwrap().projects[0].indicators[0].target.as_deref(), Some(">50台"));
    let err = |rows| read_bytes(&sheet("比较符", rows), None, None, &opts(2025)).unwrap_err().to_string();
    // a cap written as a minimum in its own column: the file contradicts itself
    let e = err(vec![vec![T("K-1"), T("差错率"), T("产出指标"), T("质量指标"), T("反向"), T("≥5%"), E]]);
    assert_eq!(e, "工作表「Sheet1」F2：指标值“≥5%”与指标性质“反向”的方向不一致");
    let e = err(vec![vec![T("K-1"), T("差错率"), T("产出指标"), T("质量指标"), T("越高越好吧"), N(5.0), T("%")]]);
    assert!(e.starts_with("工作表「Sheet1」E2：指标性质“越高越好吧”无法识别"), "{e}");
    let e = err(vec![vec![T("K-1"), T("运维费用"), T("成本指标"), T("经济成本指标"), T("≤"), T("30万元"), T("元")]]);
    assert_eq!(e, "工作表「Sheet1」G2：度量单位“元”与指标值“30万元”中的单位不一致");
}

/// A bare number in a sheet without any operator column: kept as written,
/// marked `"guessed": ["op"]` in the dry run; the import refuses it (nothing
/// written, the row named) unless `--accept-doubtful`.
#[test]
fn the_cli_refuses_an_unstated_direction_unless_accepted() {
    let db = Db::new();
    db.ok(&["init"]);
    let rows = vec![
        vec![T("项目编码"), T("项目名称"), T("单位名称"), T("一级指标"), T("二级指标"), T("三级指标"), T("指标值")],
        vec![T("WS-2025-01"), T("基层医务人员培训"), T("某市基层卫生服务中心"), T("产出指标"), T("数量指标"), T("培训基层医务人员"), T("≥300人次")],
        vec![T("WS-2025-01"), T("基层医务人员培训"), T("某市基层卫生服务中心"), T("成本指标"), T("经济成本指标"), T("人均培训成本"), N(1500.0)],
    ];
    let path = db.dir.path().join("裸数字.xlsx");
    std::fs::write(&path, book(|ws| grid(ws, 0, &rows))).unwrap();
    let dry = db.cmd().args(["import", s(&path), "--year", "2025", "--dry-run", "--json"]).output().unwrap();
    assert!(dry.status.success());
    let file: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    let inds = &file["projects"][0]["indicators"];
    assert_eq!((inds[1]["target"].as_str(), &inds[1]["guessed"]), (Some("1500"), &serde_json::json!(["op"])));
    assert!(inds[0].get("guessed").is_none(), "{inds}");
    assert!(String::from_utf8_lossy(&dry.stderr).contains("row 2 人均培训成本: 1500"));

    let before = db.bytes();
    let err = db.fails(&["import", s(&path), "--year", "2025"]);
    assert!(err.contains("project WS-2025-01 row 2 人均培训成本: 1500") && err.contains("--accept-doubtful"), "{err}");
    assert!(!err.contains("panicked"));
    assert_eq!(db.bytes(), before, "nothing written");

    let out = db.ok(&["import", s(&path), "--year", "2025", "--accept-doubtful"]);
    assert!(out.contains("imported"), "{out}");
    let projects = db.json(&["projects", "--year", "2025", "--json"]);
    assert_eq!(projects.as_array().map(Vec::len), Some(1), "{projects}");
}

/// The app's preview shows such a row as doubtful, and its import needs the
/// officer's confirmation; a target rewritten with its operator is no longer doubted.
#[test]
fn the_preview_marks_an_unstated_direction_and_the_import_needs_confirmation() {
    use jixiao::service::{self, exchange};
    let rows = vec![
        vec![T("项目编码"), T("单位名称"), T("一级指标"), T("二级指标"), T("三级指标"), T("指标值")],
        vec![T("WS-1"), T("某中心"), T("成本指标"), T("经济成本指标"), T("人均培训成本"), T("1500元")],
        vec![T("WS-1"), T("某中心"), T("产出指标"), T("数量指标"), T("培训人数"), T("≥300人次")],
    ];
    let file = read_bytes(&book(|ws| grid(ws, 0, &rows)), None, None, &opts(2025)).unwrap();
    let mut store = service::open_in_memory().unwrap();
    let p = exchange::preview(&store, file).unwrap();
    let rows: Vec<bool> = p.projects[0].indicators.iter().map(|i| i.direction_guessed).collect();
    assert_eq!(rows, [true, false]);
    assert!(p.projects[0].indicators[0].doubts.iter().any(|d| d.field == "target" && d.message.contains("没有写明比较方向")), "{:?}", p.projects[0].indicators[0].doubts);
    let e = exchange::import_previewed(&mut store, &p.file, false).unwrap_err();
    assert!(matches!(e, jixiao::Error::Doubtful(_)) && e.to_string().contains("人均培训成本"), "{e}");
    assert!(service::records::projects(&store, Some(2025), None).unwrap().is_empty());
    // the officer writes the cap as a cap: nothing left to confirm
    let mut edited = p.file.clone();
    edited.projects[0].indicators[0].target = Some("≤1500元".into());
    let again = exchange::preview(&store, edited.clone()).unwrap();
    assert!(again.projects[0].indicators.iter().all(|i| !i.direction_guessed));
    exchange::import_previewed(&mut store, &again.file, false).unwrap();
    assert_eq!(service::records::projects(&store, Some(2025), None).unwrap().len(), 1);
}
