//! 总览 (issue 17): a year of projects at a glance, summed up from the one
//! evaluation (`scoring::evaluate_project`, what the lists and forms show) of
//! each project at each quarter. Nothing here scores: a [`Tally`] is given
//! each project's four evaluations and counts and adds what they say.
//!
//! - `lights`: every indicator of the year's projects by the light its
//!   evaluation gives it at the quarter (`none` for grey: no actual; `blue`,
//!   ahead of the 序时进度, is a light of its own as everywhere else).
//! - Money in 万元, each project's amounts as its evaluation writes them (2
//!   places in its own money unit) converted (`units::convert`), summed
//!   exactly and written with 2 places:
//!   `budget` the full-year budget (the adjusted one where entered), `planned`
//!   the spending plan's cumulative amount due by the quarter's end, `spent`
//!   the cumulative spending, as the evaluation's budget execution has them.
//! - 序时进度 is the time share of the year at the quarter's end (scoring.md
//!   §7: `f = 3q / 12`): `schedule` is the budget × f in 万元 (the line the
//!   spending is measured against besides the plan), `schedule_percent` the
//!   share itself in percent.
//! - 执行率 (`rate`) = spent ÷ budget (scoring.md §4), of the money added up
//!   (not an average of rates), as the 汇总表's subtotals; `None` without budget.
//! - `grades`: each project's grade in the Q4 evaluation.
//! - `period`: the latest quarter in which any actual or spending is recorded;
//!   `behind` (the ten projects with the most red, then yellow, indicator
//!   lights, none without either) and `units` are of that quarter.

use crate::error::{Error, Result};
use crate::model::{Period, Project};
use crate::scoring::{Light, ProjectEvaluation, round};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// How many projects `behind` lists.
pub const BEHIND: usize = 10;

fn ser_2<S: Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(&round(*d, 2))
}
fn ser_opt<S: Serializer>(d: &Option<Decimal>, places: u32, s: S) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&round(*d, places)),
        None => s.serialize_none(),
    }
}
fn ser_opt_2<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    ser_opt(d, 2, s)
}
fn ser_opt_4<S: Serializer>(d: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
    ser_opt(d, 4, s)
}

/// Indicators by light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct OverviewLights {
    pub green: u32,
    pub yellow: u32,
    pub red: u32,
    /// Ahead of the 序时进度 (≥ 120%).
    pub blue: u32,
    /// No light: nothing recorded (grey).
    pub none: u32,
}

impl OverviewLights {
    fn count(&mut self, light: Light) {
        *match light {
            Light::Green => &mut self.green,
            Light::Yellow => &mut self.yellow,
            Light::Red => &mut self.red,
            Light::Blue => &mut self.blue,
            Light::Grey => &mut self.none,
        } += 1;
    }
}

/// One quarter of the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct OverviewQuarter {
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    pub lights: OverviewLights,
    /// 万元, 2 places.
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub planned: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Decimal,
    /// 序时进度 in 万元: the budget × the time share of the year at the quarter's end.
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub schedule: Decimal,
    /// 执行率 (spent ÷ budget) in percent, 2 places; none without budget.
    #[serde(serialize_with = "ser_opt_2")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub rate_percent: Option<Decimal>,
    /// Whether any actual or spending is recorded in the quarter (spending not
    /// entered counts as 0 spent, as the evaluation has it; a chart may leave a gap).
    pub recorded: bool,
}

/// Projects by their Q4 grade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct OverviewGrades {
    #[serde(rename = "优")]
    pub excellent: u32,
    #[serde(rename = "良")]
    pub good: u32,
    #[serde(rename = "中")]
    pub fair: u32,
    #[serde(rename = "差")]
    pub poor: u32,
}

/// A project behind in [`Overview::period`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct OverviewBehind {
    pub code: String,
    pub name: String,
    /// The unit's code.
    pub unit: String,
    pub unit_name: String,
    pub red: u32,
    pub yellow: u32,
    /// The internal id (what the app opens).
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
}

/// One unit's money in [`Overview::period`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct OverviewUnit {
    pub code: String,
    pub name: String,
    pub projects: u32,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub planned: Decimal,
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub spent: Decimal,
    /// 执行率 = spent ÷ budget, 4 places; none without budget.
    #[serde(serialize_with = "ser_opt_4")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub rate: Option<Decimal>,
    /// The same in percent, 2 places (`75.23`): what a chart draws.
    #[serde(serialize_with = "ser_opt_2")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub rate_percent: Option<Decimal>,
    /// 执行率 below the 序时进度 of the quarter (what the chart marks).
    pub behind_schedule: bool,
}

/// The 总览 of a year (of a unit and its sub-units, or of all units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Overview {
    pub year: i32,
    /// The unit's code, or none: all units.
    pub unit: Option<String>,
    pub projects: u32,
    pub quarters: Vec<OverviewQuarter>,
    pub grades: OverviewGrades,
    pub behind: Vec<OverviewBehind>,
    pub units: Vec<OverviewUnit>,
    /// The quarter `behind` and `units` are of: the latest with any actual or
    /// spending recorded; none when nothing is (then `units` are of Q1).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub period: Option<Period>,
    /// 序时进度 at that quarter's end, in percent (`75.00`): the line across the units' 执行率.
    #[serde(serialize_with = "ser_2")]
    #[cfg_attr(test, ts(type = "string"))]
    pub schedule_percent: Decimal,
}

/// 序时进度 at the end of `period`: the share of the year gone (scoring.md §7).
pub fn time_share(period: Period) -> Decimal {
    Decimal::from(period.end_month()) / Decimal::from(12)
}

/// `amount` in the project's money unit as 万元: as the evaluation writes it
/// (2 places in the project's unit), so that a sum equals the sum of the
/// figures the lists and forms show.
fn wan(amount: Decimal, p: &Project) -> Result<Decimal> {
    crate::units::convert(round(amount, 2), p.money_unit.as_str(), "万元")
}

/// 执行率: `spent ÷ budget` of the money added up (not an average of rates);
/// none without budget.
fn rate(spent: Decimal, budget: Decimal) -> Option<Decimal> {
    if budget > Decimal::ZERO { spent.checked_div(budget) } else { None }
}

/// [`rate`] in percent.
fn percent(spent: Decimal, budget: Decimal) -> Option<Decimal> {
    rate(spent, budget).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
}

/// Checked sums: an overflow is 数值过大, never a panic.
fn add(sum: &mut Decimal, x: Decimal) -> Result<()> {
    *sum = sum.checked_add(x).ok_or_else(|| Error::too_large("金额合计"))?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
struct Money {
    budget: Decimal,
    planned: Decimal,
    spent: Decimal,
}

#[derive(Debug)]
struct Marks {
    id: i64,
    code: String,
    name: String,
    unit: String,
    unit_name: String,
    /// Red and yellow indicator lights, by quarter.
    red: [u32; 4],
    yellow: [u32; 4],
}

#[derive(Debug, Default)]
struct UnitSums {
    name: String,
    projects: u32,
    money: [Money; 4],
}

/// The sums of a 总览 while its projects are added one at a time.
#[derive(Debug)]
pub struct Tally {
    year: i32,
    unit: Option<String>,
    projects: u32,
    lights: [OverviewLights; 4],
    money: [Money; 4],
    grades: OverviewGrades,
    recorded: [bool; 4],
    marks: Vec<Marks>,
    units: BTreeMap<String, UnitSums>,
}

impl Tally {
    pub fn new(year: i32, unit: Option<&str>) -> Tally {
        Tally {
            year,
            unit: unit.map(str::to_string),
            projects: 0,
            lights: Default::default(),
            money: Default::default(),
            grades: OverviewGrades::default(),
            recorded: [false; 4],
            marks: Vec::new(),
            units: BTreeMap::new(),
        }
    }

    /// Adds `project` with its evaluations at Q1…Q4 (`quarters[q - 1]`) and,
    /// per quarter, whether anything (an actual, spending) is recorded in it.
    pub fn add(&mut self, project: &Project, quarters: &[ProjectEvaluation; 4], recorded: [bool; 4]) -> Result<()> {
        self.projects += 1;
        let unit = self.units.entry(project.unit_code.clone()).or_default();
        unit.name.clone_from(&project.unit_name);
        unit.projects += 1;
        let mut marks = Marks {
            id: project.id,
            code: project.code.clone(),
            name: project.name.clone(),
            unit: project.unit_code.clone(),
            unit_name: project.unit_name.clone(),
            red: [0; 4],
            yellow: [0; 4],
        };
        for (q, e) in quarters.iter().enumerate() {
            for i in &e.indicators {
                self.lights[q].count(i.light);
                marks.red[q] += u32::from(i.light == Light::Red);
                marks.yellow[q] += u32::from(i.light == Light::Yellow);
            }
            let b = &e.budget_execution;
            let (budget, planned, spent) = (wan(b.budget, project)?, wan(b.planned, project)?, wan(b.spent, project)?);
            for m in [&mut self.money[q], &mut unit.money[q]] {
                add(&mut m.budget, budget)?;
                add(&mut m.planned, planned)?;
                add(&mut m.spent, spent)?;
            }
            self.recorded[q] |= recorded[q];
        }
        match quarters[3].grade {
            "优" => self.grades.excellent += 1,
            "良" => self.grades.good += 1,
            "中" => self.grades.fair += 1,
            _ => self.grades.poor += 1,
        }
        self.marks.push(marks);
        Ok(())
    }

    /// The 总览 of what was added.
    pub fn finish(self) -> Result<Overview> {
        let latest = self.recorded.iter().rposition(|&r| r);
        let q = latest.unwrap_or(0);
        let period = |q: usize| Period::new(self.year, q as u32 + 1);
        let mut quarters = Vec::with_capacity(4);
        for (i, ((lights, m), &recorded)) in self.lights.iter().zip(&self.money).zip(&self.recorded).enumerate() {
            let p = period(i)?;
            let schedule = m.budget.checked_mul(time_share(p)).ok_or_else(|| Error::too_large("金额合计"))?;
            let rate_percent = percent(m.spent, m.budget);
            quarters.push(OverviewQuarter { period: p, lights: *lights, budget: m.budget, planned: m.planned, spent: m.spent, schedule, rate_percent, recorded });
        }
        let mut behind: Vec<&Marks> = self.marks.iter().filter(|m| m.red[q] + m.yellow[q] > 0).collect();
        behind.sort_by(|a, b| b.red[q].cmp(&a.red[q]).then(b.yellow[q].cmp(&a.yellow[q])).then_with(|| a.code.cmp(&b.code)));
        let behind = if latest.is_none() { Vec::new() } else { behind };
        let behind = behind
            .into_iter()
            .take(BEHIND)
            .map(|m| OverviewBehind {
                code: m.code.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                unit_name: m.unit_name.clone(),
                red: m.red[q],
                yellow: m.yellow[q],
                id: m.id,
            })
            .collect();
        let share = time_share(period(q)?);
        let units = self
            .units
            .into_iter()
            .map(|(code, u)| {
                let m = &u.money[q];
                let rate = rate(m.spent, m.budget);
                OverviewUnit {
                    code,
                    name: u.name,
                    projects: u.projects,
                    budget: m.budget,
                    planned: m.planned,
                    spent: m.spent,
                    rate,
                    rate_percent: percent(m.spent, m.budget),
                    behind_schedule: rate.is_some_and(|r| r < share),
                }
            })
            .collect();
        Ok(Overview {
            year: self.year,
            unit: self.unit,
            projects: self.projects,
            quarters,
            grades: self.grades,
            behind,
            units,
            period: latest.map(period).transpose()?,
            schedule_percent: share * Decimal::ONE_HUNDRED,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, EvaluationTexts, MoneyUnit, PlanPoint, Spending};
    use crate::scoring::{Settings, evaluate_project};
    use crate::testing::{d, indicator, quantity_actual};
    use std::collections::HashMap;

    fn project(id: i64, code: &str, unit: &str, money: MoneyUnit, budget: &str) -> Project {
        Project {
            id,
            year: 2023,
            code: code.into(),
            name: format!("项目{code}"),
            unit_code: unit.into(),
            unit_name: format!("单位{unit}"),
            money_unit: money,
            budget: Budget { total: Some(d(budget)), fiscal: None, other: None, adjusted: None },
            fund_use: None,
            goal: None,
            spending_plan: vec![PlanPoint { month: 12, amount: Some(d(budget)) }],
            texts: EvaluationTexts::default(),
        }
    }

    /// `p` evaluated at each quarter with one `≥100个` indicator at `value` from Q2 on, and `spent` at Q2.
    fn quarters(p: &Project, value: Option<&str>, spent: &str) -> [ProjectEvaluation; 4] {
        let s = Settings::default();
        let ind = indicator("产出指标", "数量", "≥100个");
        std::array::from_fn(|q| {
            let period = Period::new(2023, q as u32 + 1).unwrap();
            let actuals: HashMap<i64, _> =
                value.filter(|_| q >= 1).map(|v| (1, quantity_actual(period, d(v), Some("个".into())))).into_iter().collect();
            let spending = (q >= 1).then(|| Spending { id: 1, project_id: p.id, period, amount: d(spent), reason: None, measures: None, updated_at: String::new() });
            evaluate_project(p, std::slice::from_ref(&ind), &actuals, spending.as_ref(), period, &s)
        })
    }

    #[test]
    fn money_in_yuan_is_summed_as_wan_yuan_and_the_rate_is_of_the_sums() {
        let mut t = Tally::new(2023, None);
        let a = project(1, "A", "U1", MoneyUnit::WanYuan, "100");
        let b = project(2, "B", "U1", MoneyUnit::Yuan, "500000");
        t.add(&a, &quarters(&a, Some("50"), "30"), [false, true, true, true]).unwrap();
        t.add(&b, &quarters(&b, Some("90"), "250000"), [false, true, true, true]).unwrap();
        let o = t.finish().unwrap();
        assert_eq!(o.projects, 2);
        let q2 = &o.quarters[1];
        assert_eq!((q2.budget, q2.spent), (d("150"), d("55")));
        // planned: the straight line to 12月底, 6/12 of each budget
        assert_eq!(q2.planned, d("75"));
        assert_eq!(q2.schedule, d("75"));
        let u = &o.units[0];
        assert_eq!((u.projects, u.budget, u.spent), (2, d("150"), d("55")));
        // Q4 is the latest recorded: 55 / 150, not the mean of 30% and 50%
        assert_eq!(o.period, Some(Period::new(2023, 4).unwrap()));
        assert_eq!(serde_json::to_value(u).unwrap()["rate"], "0.3667");
        assert_eq!(serde_json::to_value(u).unwrap()["rate_percent"], "36.67");
        assert!(u.behind_schedule);
        assert_eq!(serde_json::to_value(&o).unwrap()["schedule_percent"], "100.00");
    }

    #[test]
    fn behind_ranks_red_then_yellow_then_code_and_keeps_ten() {
        let mut t = Tally::new(2023, Some("U"));
        // at Q2 a ≥100 count is expected at 50: 10 is red, 35 yellow (70%), 50 green
        for (k, value) in ["10", "35", "50", "10", "35"].iter().cycle().take(14).enumerate() {
            let p = project(k as i64 + 1, &format!("P{:02}", 20 - k), "U", MoneyUnit::WanYuan, "10");
            t.add(&p, &quarters(&p, Some(value), "1"), [false, true, false, false]).unwrap();
        }
        let o = t.finish().unwrap();
        assert_eq!(o.period, Some(Period::new(2023, 2).unwrap()));
        assert_eq!(o.quarters[1].lights.red, 6);
        assert_eq!(o.quarters[1].lights.yellow, 5);
        assert_eq!(o.quarters[0].lights.none, 14);
        assert_eq!(o.behind.len(), BEHIND);
        let reds: Vec<(u32, u32)> = o.behind.iter().map(|b| (b.red, b.yellow)).collect();
        assert_eq!(&reds[..6], &[(1, 0); 6]);
        assert_eq!(&reds[6..], &[(0, 1); 4]);
        let codes: Vec<&str> = o.behind[..6].iter().map(|b| b.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "ties by code");
        assert!(o.behind.iter().all(|b| b.red + b.yellow > 0));
    }

    #[test]
    fn nothing_recorded_means_no_period_and_nobody_behind() {
        let mut t = Tally::new(2023, None);
        let p = project(1, "A", "U", MoneyUnit::WanYuan, "10");
        t.add(&p, &quarters(&p, None, "0"), [false; 4]).unwrap();
        let o = t.finish().unwrap();
        assert_eq!(o.period, None);
        assert!(o.behind.is_empty());
        assert_eq!(o.schedule_percent, d("25"));
        let empty = Tally::new(2023, None).finish().unwrap();
        assert_eq!((empty.projects, empty.units.len(), empty.quarters.len()), (0, 0, 4));
        assert_eq!(empty.quarters[0].rate_percent, None);
    }
}
