//! A synthetic bureau (`jixiao demo --synthetic N`): N projects over 50 units,
//! 8–12 indicators each with targets in the forms of the real samples
//! (`≥20次`, `≤1178.41万元`, `小于等于2023年8月`, `基础型以上`, `90%-95%`,
//! `达到70亿元以上`, …), four quarters of actuals and spending with some
//! missing. The same seed gives the same file. It is built as an exchange
//! [`File`] and imported through [`super::exchange::import`], so it passes every
//! check an officer's file passes.

use crate::error::{Error, Result};
use crate::exchange::{File, FORMAT, ImportSummary, VERSION, XActual, XBudget, XIndicator, XPlan, XProject, XSpending, XUnit};
use crate::store::Store;
use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticOptions {
    pub projects: usize,
    pub seed: u64,
    pub year: i32,
}

/// The number of units of a synthetic bureau: 10 departments of 5 units.
pub const UNITS: usize = 50;

const DEPARTMENTS: [(&str, &str); 10] = [
    ("教育局", "教育"),
    ("卫生健康委员会", "卫生健康"),
    ("民政局", "民政"),
    ("交通运输局", "交通运输"),
    ("农业农村局", "农业农村"),
    ("文化和旅游局", "文化旅游"),
    ("生态环境局", "生态环境"),
    ("住房和城乡建设局", "住房建设"),
    ("科学技术局", "科技"),
    ("大数据发展管理局", "大数据"),
];
const SUB_UNITS: [&str; 4] = ["本级", "事务服务中心", "信息中心", "综合保障中心"];
const TOPICS: [&str; 24] = [
    "新型数据中心建设", "智慧社区", "中小学校舍维修", "基层医疗卫生机构", "困难群众救助", "农村公路养护",
    "高标准农田建设", "公共文化服务", "大气污染防治", "老旧小区改造", "科技创新券", "政务信息化",
    "养老服务", "职业技能培训", "城市公交运营", "水环境综合治理", "乡村振兴示范", "非遗保护传承",
    "人才引进", "应急物资储备", "智慧城市", "企业技术改造", "公共法律服务", "全民健身设施",
];
const KINDS: [&str; 8] = ["奖补资金", "专项业务费", "运行维护经费", "购买服务项目", "补助资金", "建设项目", "专项资金", "工作经费"];

/// The shape of one target and how its actuals grow.
#[derive(Clone, Copy)]
enum Form {
    /// `≥N unit` and its wordings, counted through the year.
    Count { unit: &'static str, lo: i64, hi: i64 },
    /// A level such as a rate: `≥95%`, `达到100%`, `100%`.
    Rate { lo: i64, hi: i64 },
    /// `≤X 万元` (a cost ceiling), sometimes in 元 or as `≤250万`.
    Cost,
    /// `达到70亿元以上`: a large amount.
    Amount,
    /// `90%-95%`.
    Range,
    /// A deadline: `小于等于2023年8月`, `小于等于2023年12月20日`, `不晚于9月份`, `2023年12月20日前`, `年底前`.
    Deadline,
    /// A duration: `≤4个月`, `≤2小时`.
    Duration,
    /// A label judged by the officer: `基础型以上`, `有效提升`.
    Label(&'static str),
    /// A grade or score kept at a level: `≥3A级`, `≥50分`, `达到6倍以上`.
    Level { unit: &'static str, lo: i64, hi: i64 },
}

struct Template {
    level1: &'static str,
    level2: &'static str,
    name: &'static str,
    form: Form,
}

const fn t(level1: &'static str, level2: &'static str, name: &'static str, form: Form) -> Template {
    Template { level1, level2, name, form }
}

const COST: [Template; 4] = [
    t("成本指标", "经济成本指标", "项目预算控制数", Form::Cost),
    t("成本指标", "经济成本指标", "单位服务成本", Form::Cost),
    t("成本指标", "经济成本指标", "单个项目补助标准", Form::Cost),
    t("成本指标", "经济成本指标", "设备购置成本", Form::Cost),
];
const QUANTITY: [Template; 10] = [
    t("产出指标", "数量指标", "服务对象人次", Form::Count { unit: "人次", lo: 200, hi: 20_000 }),
    t("产出指标", "数量指标", "开展培训次数", Form::Count { unit: "次", lo: 4, hi: 60 }),
    t("产出指标", "数量指标", "支持企业数量", Form::Count { unit: "家", lo: 10, hi: 400 }),
    t("产出指标", "数量指标", "建成站点数量", Form::Count { unit: "个", lo: 3, hi: 120 }),
    t("产出指标", "数量指标", "覆盖人口", Form::Count { unit: "万人", lo: 1, hi: 90 }),
    t("产出指标", "数量指标", "购置设备数量", Form::Count { unit: "台", lo: 5, hi: 300 }),
    t("产出指标", "数量指标", "完成项目数量", Form::Count { unit: "项", lo: 2, hi: 40 }),
    t("产出指标", "数量指标", "带动投资额", Form::Amount),
    t("产出指标", "数量指标", "提供法律意见次数", Form::Count { unit: "次", lo: 10, hi: 50 }),
    t("产出指标", "数量指标", "宣传活动场次", Form::Count { unit: "场", lo: 2, hi: 30 }),
];
const QUALITY: [Template; 6] = [
    t("产出指标", "质量指标", "验收合格率", Form::Rate { lo: 90, hi: 100 }),
    t("产出指标", "质量指标", "资金使用合规率", Form::Rate { lo: 100, hi: 100 }),
    t("产出指标", "质量指标", "设施完好率", Form::Range),
    t("产出指标", "质量指标", "社区达标类别", Form::Label("基础型以上")),
    t("产出指标", "质量指标", "服务标准等级", Form::Level { unit: "A级", lo: 2, hi: 5 }),
    t("产出指标", "质量指标", "政策符合度", Form::Rate { lo: 95, hi: 100 }),
];
const TIMELINESS: [Template; 4] = [
    t("产出指标", "时效指标", "资金下达时间", Form::Deadline),
    t("产出指标", "时效指标", "项目完成时限", Form::Deadline),
    t("产出指标", "时效指标", "问题整改时限", Form::Duration),
    t("产出指标", "时效指标", "验收完成时间", Form::Deadline),
];
const BENEFIT: [Template; 6] = [
    t("效益指标", "社会效益指标", "群众获得感", Form::Label("有效提升")),
    t("效益指标", "社会效益指标", "公共服务水平", Form::Label("明显改善")),
    t("效益指标", "经济效益指标", "财政资金带动社会投资倍数", Form::Level { unit: "倍", lo: 2, hi: 8 }),
    t("效益指标", "社会效益指标", "考核得分", Form::Level { unit: "分", lo: 50, hi: 90 }),
    t("效益指标", "生态效益指标", "空气质量优良天数比例", Form::Rate { lo: 70, hi: 90 }),
    t("效益指标", "可持续影响指标", "长效管护机制", Form::Label("保障")),
];
const SATISFACTION: [Template; 3] = [
    t("满意度指标", "服务对象满意度指标", "服务对象满意度", Form::Rate { lo: 85, hi: 95 }),
    t("满意度指标", "服务对象满意度指标", "受益群众满意度", Form::Rate { lo: 80, hi: 95 }),
    t("满意度指标", "服务对象满意度指标", "企业满意度", Form::Rate { lo: 85, hi: 95 }),
];

/// Picks `n` distinct templates of `pool`, in the pool's order.
fn pick<'a>(rng: &mut ChaCha8Rng, pool: &'a [Template], n: usize) -> Vec<&'a Template> {
    let mut idx: Vec<usize> = (0..pool.len()).collect();
    for i in 0..n.min(idx.len()) {
        let j = rng.random_range(i..idx.len());
        idx.swap(i, j);
    }
    let mut chosen = idx[..n.min(pool.len())].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| &pool[i]).collect()
}

/// `a × f‰`, rounded to `dp` places.
fn scaled(a: Decimal, permille: i64, dp: u32) -> Decimal {
    (a * Decimal::new(permille, 3)).round_dp(dp)
}

/// A random amount of money in [lo, hi) 万元, with two places.
fn money(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> Decimal {
    Decimal::new(rng.random_range(lo * 100..hi * 100), 2)
}

fn last_day(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    first_next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

/// An indicator and what it will record each quarter (`None`: not entered).
struct Generated {
    indicator: XIndicator,
    quarters: [Option<XActual>; 4],
}

/// Quarter by quarter, the share of the year's achievement reached (‰).
fn growth(rng: &mut ChaCha8Rng) -> [i64; 4] {
    let q1 = rng.random_range(100..300);
    let q2 = q1 + rng.random_range(150..350);
    let q3 = q2 + rng.random_range(100..300);
    [q1, q2, q3, 1000]
}

/// Probability that a quarter's record is missing (Q1 is often left blank).
const MISSING: [f64; 4] = [0.30, 0.20, 0.25, 0.10];

fn actual(name: &str, year: i32, q: usize) -> XActual {
    XActual {
        indicator: name.to_string(),
        period: format!("{year}Q{}", q + 1),
        value: None,
        level: None,
        ratio: None,
        done_on: None,
        reason: None,
        measures: None,
        forecast: None,
        likelihood: None,
        reason_category: None,
    }
}

/// A reason and measures for a lagging record, about half of the time.
fn explain(rng: &mut ChaCha8Rng, a: &mut XActual) {
    const REASONS: [(&str, &str, &str); 4] = [
        ("项目招标进度滞后", "加快采购流程，督促中标单位按期实施", "制度保障"),
        ("配套资金未及时到位", "协调财政部门加快资金拨付", "经费保障"),
        ("专业技术人员不足", "通过购买服务补充技术力量", "人员保障"),
        ("受天气等客观因素影响", "合理调整施工计划，确保年底前完成", "其他"),
    ];
    if rng.random_bool(0.5) {
        let (r, m, c) = REASONS[rng.random_range(0..REASONS.len())];
        a.reason = Some(r.to_string());
        a.measures = Some(m.to_string());
        a.reason_category = Some(c.to_string());
    }
}

fn generate_indicator(rng: &mut ChaCha8Rng, tpl: &Template, year: i32) -> Generated {
    let name = tpl.name;
    let mut quarters: [Option<XActual>; 4] = Default::default();
    let present: Vec<bool> = MISSING.iter().map(|p| !rng.random_bool(*p)).collect();
    let target: String;
    // the year's achievement against the target, ‰ (a few fall well short)
    let reach = if rng.random_bool(0.15) { rng.random_range(450..850) } else { rng.random_range(900..1300) };
    match tpl.form {
        Form::Count { unit, lo, hi } => {
            let n = Decimal::from(rng.random_range(lo..=hi));
            target = match rng.random_range(0..4) {
                0 => format!("达到{n}{unit}以上"),
                1 => format!("不少于{n}{unit}"),
                _ => format!("≥{n}{unit}"),
            };
            let g = growth(rng);
            let whole = unit.starts_with('万');
            for q in 0..4 {
                let v = scaled(n, reach * g[q] / 1000, if whole { 1 } else { 0 });
                let mut a = actual(name, year, q);
                a.value = Some(if rng.random_bool(0.3) { v.to_string() } else { format!("{v}{unit}") });
                if reach < 900 {
                    explain(rng, &mut a);
                }
                if q == 1 || q == 2 {
                    a.forecast = Some(format!("{}{unit}", scaled(n, reach, 0)));
                    a.likelihood = Some(if reach >= 1000 { "确定能" } else { "有可能" }.to_string());
                }
                quarters[q] = Some(a);
            }
        }
        Form::Rate { lo, hi } => {
            let n = rng.random_range(lo..=hi);
            target = match (n, rng.random_range(0..3)) {
                (100, 0) => "100%".to_string(),
                (_, 1) => format!("达到{n}%"),
                _ => format!("≥{n}%"),
            };
            for (q, slot) in quarters.iter_mut().enumerate() {
                let v = (Decimal::from(n) * Decimal::new(reach.min(1100) + rng.random_range(-30..30), 3)).round_dp(1).min(Decimal::ONE_HUNDRED);
                let mut a = actual(name, year, q);
                a.value = Some(format!("{v}%"));
                if reach < 900 {
                    explain(rng, &mut a);
                }
                *slot = Some(a);
            }
        }
        Form::Cost => {
            let ceiling = money(rng, 10, 3000);
            let (text, in_yuan) = match rng.random_range(0..5) {
                0 => (format!("≤{}万", ceiling.round_dp(0)), false),
                1 => (format!("不超过{ceiling}万元"), false),
                2 => (format!("≤{}元", ceiling.round_dp(0) * Decimal::from(10_000)), true),
                _ => (format!("≤{ceiling}万元"), false),
            };
            target = text;
            let g = growth(rng);
            // spending against a ceiling: mostly under it, sometimes over
            let end = if reach < 900 { rng.random_range(1020..1150) } else { rng.random_range(800..1000) };
            for q in 0..4 {
                let wan = scaled(ceiling, end * g[q] / 1000, 2);
                let mut a = actual(name, year, q);
                a.value = Some(if in_yuan || rng.random_bool(0.2) { format!("{}元", (wan * Decimal::from(10_000)).round_dp(0)) } else { format!("{wan}万元") });
                quarters[q] = Some(a);
            }
        }
        Form::Amount => {
            let n = Decimal::from(rng.random_range(1..=90));
            target = format!("达到{n}亿元以上");
            let g = growth(rng);
            for q in 0..4 {
                let yi = scaled(n, reach * g[q] / 1000, 2);
                let mut a = actual(name, year, q);
                a.value = Some(if rng.random_bool(0.5) { format!("{yi}亿元") } else { format!("{}万元", yi * Decimal::from(10_000)) });
                quarters[q] = Some(a);
            }
        }
        Form::Range => {
            let lo = rng.random_range(85..=92);
            target = format!("{lo}%-{}%", lo + 5);
            for (q, slot) in quarters.iter_mut().enumerate() {
                let v = Decimal::from(lo) + Decimal::new(rng.random_range(-40..80), 1);
                let mut a = actual(name, year, q);
                a.value = Some(format!("{v}%"));
                *slot = Some(a);
            }
        }
        Form::Deadline => {
            let month = rng.random_range(5..=12);
            let day = rng.random_range(10..=28);
            let (text, due) = match rng.random_range(0..5) {
                0 => (format!("小于等于{year}年{month}月"), last_day(year, month)),
                1 => (format!("小于等于{year}年{month}月{day}日"), NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)),
                2 => (format!("不晚于{month}月份"), last_day(year, month)),
                3 => (format!("{year}年{month}月{day}日前"), NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)),
                _ => ("年底前".to_string(), last_day(year, 12)),
            };
            target = text;
            // done a little early or late, within the year
            let late = if reach < 900 { rng.random_range(5..60) } else { -rng.random_range(0..90) };
            let done = (due + Duration::days(late)).clamp(NaiveDate::from_ymd_opt(year, 1, 15).unwrap_or(due), last_day(year, 12));
            for (q, slot) in quarters.iter_mut().enumerate() {
                let mut a = actual(name, year, q);
                let end = last_day(year, 3 * (q as u32 + 1));
                if done <= end {
                    a.done_on = Some(done.to_string());
                } else if late > 0 {
                    explain(rng, &mut a);
                }
                *slot = Some(a);
            }
        }
        Form::Duration => {
            let (n, unit) = if rng.random_bool(0.5) { (rng.random_range(2..=6), "个月") } else { (rng.random_range(2..=48), "小时") };
            target = format!("≤{n}{unit}");
            for (q, slot) in quarters.iter_mut().enumerate() {
                let v = scaled(Decimal::from(n), 2000 - reach.min(1300) + rng.random_range(-100..100), 1);
                let mut a = actual(name, year, q);
                a.value = Some(format!("{v}{unit}"));
                *slot = Some(a);
            }
        }
        Form::Label(label) => {
            target = label.to_string();
            for (q, slot) in quarters.iter_mut().enumerate() {
                let mut a = actual(name, year, q);
                let roll = rng.random_range(0..100) + if reach < 900 { 40 } else { 0 };
                a.level = Some(match roll {
                    0..75 => "达成",
                    75..100 => "部分达成",
                    _ => "未达成",
                }
                .to_string());
                if roll >= 75 {
                    explain(rng, &mut a);
                }
                *slot = Some(a);
            }
        }
        Form::Level { unit, lo, hi } => {
            let n = Decimal::from(rng.random_range(lo..=hi));
            target = if rng.random_bool(0.5) { format!("≥{n}{unit}") } else { format!("达到{n}{unit}以上") };
            for (q, slot) in quarters.iter_mut().enumerate() {
                let v = scaled(n, reach + rng.random_range(-50..50), 0);
                let mut a = actual(name, year, q);
                a.value = Some(format!("{v}{unit}"));
                *slot = Some(a);
            }
        }
    }
    for (q, p) in present.iter().enumerate() {
        if !p {
            quarters[q] = None;
        }
    }
    let indicator = XIndicator {
        id: None,
        level1: Some(tpl.level1.to_string()),
        level2: Some(tpl.level2.to_string()),
        level3: name.to_string(),
        description: Some(format!("考察{name}")),
        target: Some(target),
        basis: Some(if rng.random_bool(0.7) { "计划标准" } else { "历史标准" }.to_string()),
        weight: None,
        accumulation: None,
        not_applicable: None,
        guessed: vec![],
    };
    Generated { indicator, quarters }
}

/// 8–12 indicators in the usual layout: 成本, 产出 (数量, 质量, 时效), 效益, 满意度.
fn indicators(rng: &mut ChaCha8Rng, year: i32) -> Vec<Generated> {
    let n = rng.random_range(8..=12);
    // one cost and one satisfaction; the rest shared among the others
    let rest = n - 2;
    let quantity = 2 + rng.random_range(0..=(rest - 5).min(3));
    let quality = 1 + rng.random_range(0..=1.min(rest - quantity - 3));
    let timeliness = 1 + usize::from(rest - quantity - quality > 2 && rng.random_bool(0.5));
    let benefit = rest - quantity - quality - timeliness;
    let mut chosen = pick(rng, &COST, 1);
    chosen.extend(pick(rng, &QUANTITY, quantity));
    chosen.extend(pick(rng, &QUALITY, quality));
    chosen.extend(pick(rng, &TIMELINESS, timeliness));
    chosen.extend(pick(rng, &BENEFIT, benefit));
    chosen.extend(pick(rng, &SATISFACTION, 1));
    let mut out: Vec<Generated> = chosen.into_iter().map(|tpl| generate_indicator(rng, tpl, year)).collect();
    // half the projects give weights (分值): 90 points shared out
    if rng.random_bool(0.5) {
        let n = out.len();
        for (k, g) in out.iter_mut().enumerate() {
            let w = 90 / n + usize::from(k < 90 % n);
            g.indicator.weight = Some(w.to_string());
        }
    }
    out
}

fn units() -> Vec<XUnit> {
    let mut out = Vec::with_capacity(UNITS);
    for (d, (dept, _)) in DEPARTMENTS.iter().enumerate() {
        let system = format!("{}000", 501 + d);
        out.push(XUnit { code: system.clone(), name: Some(format!("青岛市{dept}(系统)")), parent: None });
        for (k, sub) in SUB_UNITS.iter().enumerate() {
            let name = if *sub == "本级" { format!("青岛市{dept}本级") } else { format!("青岛市{dept}{sub}") };
            out.push(XUnit { code: format!("{}{:03}", 501 + d, k + 1), name: Some(name), parent: Some(system.clone()) });
        }
    }
    out
}

fn project(rng: &mut ChaCha8Rng, i: usize, year: i32, units: &[XUnit]) -> XProject {
    let u = rng.random_range(0..units.len());
    let unit = &units[u];
    let (_, short) = DEPARTMENTS[u / 5];
    let topic = TOPICS[rng.random_range(0..TOPICS.len())];
    let kind = KINDS[rng.random_range(0..KINDS.len())];
    let name = if rng.random_bool(0.3) { format!("{short}{topic}{kind}") } else { format!("{topic}{kind}") };
    let code = format!("3702{:02}{}P{:08}", year.rem_euclid(100), &unit.code[..3], i + 1);
    // budgets from 5 万元 to 5 亿元, most of them small
    let total = match rng.random_range(0..10) {
        0..6 => money(rng, 5, 500),
        6..9 => money(rng, 500, 5000),
        _ => money(rng, 5000, 50_000),
    };
    let other = if rng.random_bool(0.2) { (total * Decimal::new(rng.random_range(50..300), 3)).round_dp(2) } else { Decimal::ZERO };
    let g = growth(rng);
    let pace: Vec<Decimal> = g.iter().map(|p| scaled(total, *p, 2)).collect();
    let spending_plan = [(3, 0), (6, 1), (9, 2), (12, 3)]
        .into_iter()
        .map(|(month, q)| XPlan { month, amount: (q > 0 || rng.random_bool(0.5)).then(|| pace[q].to_string()) })
        .collect();
    let mut actuals = Vec::new();
    let inds = indicators(rng, year);
    for q in 0..4 {
        actuals.extend(inds.iter().filter_map(|g| g.quarters[q].clone()));
    }
    // spending: cumulative, a little behind or ahead of the plan, some quarters not entered
    let lag = rng.random_range(600..1100);
    let mut spending = Vec::new();
    for (q, missing) in [0.25, 0.10, 0.15, 0.05].into_iter().enumerate() {
        if rng.random_bool(missing) {
            continue;
        }
        let share = (g[q] * lag / 1000).min(1000);
        let amount = scaled(total, share, 2);
        let behind = share < g[q] * 8 / 10;
        let reason = (behind && rng.random_bool(0.6)).then(|| "项目实施进度滞后，资金尚未拨付".to_string());
        let measures = reason.as_ref().map(|_| "加快项目实施和资金拨付进度".to_string());
        spending.push(XSpending { period: format!("{year}Q{}", q + 1), amount: Some(amount.to_string()), reason, measures });
    }
    XProject {
        year,
        code,
        unit: Some(unit.code.clone()),
        name: Some(name),
        money_unit: Some("万元".to_string()),
        budget: Some(XBudget {
            total: Some(total.to_string()),
            fiscal: Some((total - other).to_string()),
            other: (!other.is_zero()).then(|| other.to_string()),
            adjusted: None,
        }),
        fund_use: Some(format!("用于{topic}相关支出，保障项目顺利实施。")),
        goal: Some(format!("按计划完成{topic}各项任务，提升服务质量和群众满意度。")),
        spending_plan,
        indicators: inds.into_iter().map(|g| g.indicator).collect(),
        actuals,
        spending,
        evaluation: None,
    }
}

impl SyntheticOptions {
    /// A year the calendar can hold whole and a sensible number of projects.
    pub fn check(&self) -> Result<()> {
        crate::model::check_year(self.year)?;
        if !(1..=1_000_000).contains(&self.projects) {
            return Err(Error::Invalid(format!("项目数 {} 超出范围（1–1000000）", self.projects)));
        }
        Ok(())
    }
}

/// The exchange file of a synthetic bureau: deterministic for `opts`
/// (checked with [`SyntheticOptions::check`]).
pub fn generate(opts: &SyntheticOptions) -> Result<File> {
    opts.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let units = units();
    let projects = (0..opts.projects).map(|i| project(&mut rng, i, opts.year, &units)).collect();
    Ok(File { format: FORMAT.to_string(), version: VERSION, units, projects })
}

/// Generates a synthetic bureau and imports it into an empty database.
pub fn load_synthetic(store: &mut Store, opts: &SyntheticOptions) -> Result<ImportSummary> {
    if !store.is_empty()? {
        return Err(Error::Invalid("数据库中已有数据：合成数据只能载入空数据库".into()));
    }
    super::exchange::import(store, &generate(opts)?)
}

/// Writes the synthetic bureau's exchange file (compact JSON) to `path`.
pub fn write_synthetic(opts: &SyntheticOptions, path: &std::path::Path) -> Result<File> {
    let file = generate(opts)?;
    let text = serde_json::to_string(&file)? + "\n";
    crate::fsutil::write_atomically(path, text.as_bytes())?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{self, Kind};

    fn opts(n: usize, seed: u64) -> SyntheticOptions {
        SyntheticOptions { projects: n, seed, year: 2024 }
    }

    #[test]
    fn the_same_seed_gives_the_same_file_and_another_seed_another() {
        assert_eq!(generate(&opts(20, 7)).unwrap(), generate(&opts(20, 7)).unwrap());
        assert_ne!(generate(&opts(20, 7)).unwrap(), generate(&opts(20, 8)).unwrap());
        assert!(generate(&SyntheticOptions { year: 300_000, ..opts(1, 1) }).is_err());
        assert!(generate(&opts(0, 1)).is_err());
    }

    #[test]
    fn every_target_is_understood_and_the_shapes_are_realistic() {
        let f = generate(&opts(300, 1)).unwrap();
        assert_eq!(f.units.len(), UNITS);
        let mut kinds = std::collections::BTreeSet::new();
        let mut texts = String::new();
        for p in &f.projects {
            assert!((8..=12).contains(&p.indicators.len()), "{}", p.indicators.len());
            let mut names = std::collections::HashSet::new();
            for i in &p.indicators {
                assert!(names.insert(&i.level3), "indicator names are unique in a project");
                let text = i.target.as_deref().unwrap();
                let t = target::parse(text, p.year);
                assert_ne!(t.kind, Kind::NotUnderstood, "{text}");
                kinds.insert(t.kind.as_str());
                texts += text;
                texts += "\n";
            }
        }
        assert_eq!(kinds.len(), 3, "quantities, dates and labels");
        for form in ["≥", "≤", "万元", "亿元", "%-", "小于等于2024年", "月份", "基础型以上", "达到", "以上", "个月", "A级", "元\n"] {
            assert!(texts.contains(form), "no target like {form}");
        }
        let actuals: usize = f.projects.iter().map(|p| p.actuals.len()).sum();
        let slots: usize = f.projects.iter().map(|p| 4 * p.indicators.len()).sum();
        assert!(actuals * 100 / slots > 70 && actuals * 100 / slots < 90, "{actuals} of {slots}: some missing");
    }

    #[test]
    fn the_file_imports_whole_through_the_checks() {
        let mut store = crate::service::open_in_memory().unwrap();
        let s = load_synthetic(&mut store, &opts(60, 3)).unwrap();
        assert_eq!((s.units, s.projects), (UNITS, 60));
        assert!(s.actuals > 60 * 8 * 4 * 7 / 10);
        let again = load_synthetic(&mut store, &opts(1, 3)).unwrap_err();
        assert!(again.to_string().contains("空数据库"), "{again}");
    }
}
