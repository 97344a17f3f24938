//! The scoring engine: each rule of scoring.md in one named function.
//! §2 [`judge`], §3 [`weights`], §4 [`budget_execution`], §5 [`grade`],
//! §6 [`indicator_needs_explanation`], §7 [`progress_light`], [`planned_by_now`].
//! Arithmetic is exact; only [`round`] (for display and export) rounds.

mod evaluate;
mod settings;

pub use evaluate::{BudgetExecution, Evaluation, IndicatorEvaluation, MoneyQuarter, ProjectEvaluation, evaluate_project, money_quarters};
pub use settings::{DEFS as SETTING_DEFS, LeFormula, SettingDef, SettingView, Settings};

use crate::model::{Actual, Indicator, Level, Period, PlanPoint};
use crate::target::{Kind, Op, Target};
use crate::units::{Accumulation, convert};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Status {
    Pass,
    Fail,
    Missing,
    NotApplicable,
    NotUnderstood,
}

/// 预警 light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Light {
    Red,
    Yellow,
    Green,
    Blue,
    Grey,
}

impl Light {
    /// The word printed beside the coloured mark (survives black-and-white printing).
    pub fn word(self) -> &'static str {
        match self {
            Light::Red => "红",
            Light::Yellow => "黄",
            Light::Green => "绿",
            Light::Blue => "蓝",
            Light::Grey => "未填",
        }
    }
    pub fn is_warning(self) -> bool {
        matches!(self, Light::Red | Light::Yellow)
    }
}

/// Rounds half away from zero to `dp` places and shows exactly `dp` places.
/// Quotients carry 28 digits, so an exact 1.845 can arrive as 1.84499…9; it is
/// first rounded to 20 places, which restores the midpoint before the real rounding.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    let settled = d.round_dp_with_strategy(20, RoundingStrategy::MidpointAwayFromZero);
    let mut r = settled.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// The verdict on one indicator for one period (scoring.md §2 and §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub status: Status,
    /// 完成率; `None` where §2 gives none.
    pub completion_ratio: Option<Decimal>,
    /// The score ratio `s`, 0…1.
    pub score_ratio: Decimal,
    pub light: Light,
    /// 序时进度 `p` for quantity targets other than `≤`/`<`.
    pub progress: Option<Decimal>,
}

impl Judgement {
    fn without_ratio(status: Status, score_ratio: Decimal, light: Light) -> Self {
        Judgement { status, completion_ratio: None, score_ratio, light, progress: None }
    }
}

/// The band of score ratios for a label level: `(low, high, high is inclusive)`.
pub fn label_band(s: &Settings, level: Level) -> (Decimal, Decimal, bool) {
    let (achieved, partial) = (s.dec("label_achieved_min"), s.dec("label_partial_min"));
    match level {
        Level::Achieved => (achieved, Decimal::ONE, true),
        Level::Partial => (partial, achieved, false),
        Level::NotAchieved => (Decimal::ZERO, partial, false),
    }
}

/// The score ratio of a label judgement: the officer's ratio, else the level's default.
pub fn label_score_ratio(s: &Settings, level: Level, ratio: Option<Decimal>) -> Decimal {
    ratio.unwrap_or_else(|| {
        s.dec(match level {
            Level::Achieved => "label_achieved_default",
            Level::Partial => "label_partial_default",
            Level::NotAchieved => "label_not_achieved_default",
        })
    })
}

/// Lights a progress ratio `p` (§7): red < 60 %, yellow < 80 %, green < 120 %, else blue.
pub fn progress_light(p: Decimal, s: &Settings) -> Light {
    if p < s.dec("light_red_below") {
        Light::Red
    } else if p < s.dec("light_yellow_below") {
        Light::Yellow
    } else if p < s.dec("light_blue_from") {
        Light::Green
    } else {
        Light::Blue
    }
}

/// The time share `f = 3q / 12` at the end of quarter `q`.
pub fn time_share(period: Period) -> Decimal {
    Decimal::from(period.end_month()) / Decimal::from(12)
}

/// Judges one indicator at `period` (§2, with the §7 light).
/// `actual` is the record of that period only: nothing is carried forward.
pub fn judge(ind: &Indicator, actual: Option<&Actual>, period: Period, s: &Settings) -> Judgement {
    let t = &ind.target;
    if ind.not_applicable.is_some() {
        return Judgement::without_ratio(Status::NotApplicable, Decimal::ZERO, Light::Grey);
    }
    if t.kind == Kind::NotUnderstood {
        return Judgement::without_ratio(Status::NotUnderstood, Decimal::ZERO, Light::Grey);
    }
    let missing = Judgement::without_ratio(Status::Missing, Decimal::ZERO, Light::Grey);
    let Some(a) = actual else { return missing };
    match t.kind {
        Kind::Date => judge_date(t, a, period),
        Kind::Label => match a.level {
            Some(level) => {
                let status = if level == Level::Achieved { Status::Pass } else { Status::Fail };
                let light = match level {
                    Level::Achieved => Light::Green,
                    Level::Partial => Light::Yellow,
                    Level::NotAchieved => Light::Red,
                };
                Judgement::without_ratio(status, label_score_ratio(s, level, a.ratio), light)
            }
            None => missing,
        },
        Kind::Quantity => match a.value {
            Some(v) => {
                // units were checked on entry; a target edited since may no longer match
                match convert(v, a.value_unit.as_deref().unwrap_or(""), t.unit_str()) {
                    Ok(v) => judge_quantity(t, v, ind.accumulation(), period, s),
                    Err(_) => Judgement::without_ratio(Status::Fail, Decimal::ZERO, Light::Red),
                }
            }
            None => missing,
        },
        Kind::NotUnderstood => unreachable!("handled above"),
    }
}

/// Dates (§2, §7): done by the deadline passes; not done yet fails with `s = 0`
/// and stays green while the deadline is on or after "now".
fn judge_date(t: &Target, a: &Actual, period: Period) -> Judgement {
    let Some(deadline) = t.deadline() else {
        return Judgement::without_ratio(Status::NotUnderstood, Decimal::ZERO, Light::Grey);
    };
    match a.done_on {
        Some(done) if done <= deadline => Judgement::without_ratio(Status::Pass, Decimal::ONE, Light::Green),
        Some(_) => Judgement::without_ratio(Status::Fail, Decimal::ZERO, Light::Red),
        None => {
            let light = if deadline >= period.end_date() { Light::Green } else { Light::Red };
            Judgement::without_ratio(Status::Fail, Decimal::ZERO, light)
        }
    }
}

/// `1 − |a − t| / t`, at least 0.
fn closeness(a: Decimal, t: Decimal) -> Decimal {
    (Decimal::ONE - (a - t).abs() / t).max(Decimal::ZERO)
}

/// `max(0, 1 − (a − t) / t)`, or `t / a` with the `inverse` setting.
fn over_limit_ratio(a: Decimal, t: Decimal, s: &Settings) -> Decimal {
    match s.le_formula() {
        LeFormula::Linear => (Decimal::ONE - (a - t) / t).max(Decimal::ZERO),
        LeFormula::Inverse => t / a,
    }
}

/// A quantity target against an actual already in the target's unit.
pub fn judge_quantity(t: &Target, a: Decimal, acc: Accumulation, period: Period, s: &Settings) -> Judgement {
    let op = t.op.unwrap_or(Op::Ge);
    let tv = t.value.unwrap_or_default();
    let hi = t.value_max.unwrap_or(tv);
    let one = Decimal::ONE;
    let pass = match op {
        Op::Ge => a >= tv,
        Op::Gt => a > tv,
        Op::Le => a <= tv,
        Op::Lt => a < tv,
        Op::Eq => a == tv,
        Op::Approx => (a - tv).abs() <= s.dec("approx_tolerance") * tv,
        Op::Range => tv <= a && a <= hi,
    };
    let status = if pass { Status::Pass } else { Status::Fail };
    // the divisor of the ratio; at 0 the pass decides everything (§2 "t = 0")
    let divisor = if op == Op::Range && a > hi { hi } else { tv };
    let (ratio, s_ratio) = if divisor.is_zero() {
        let r = if pass { one } else { Decimal::ZERO };
        (r, r)
    } else {
        let ratio = match op {
            Op::Ge | Op::Gt => a / tv,
            Op::Le | Op::Lt => if a.is_zero() { one } else { tv / a },
            Op::Eq | Op::Approx => closeness(a, tv),
            Op::Range if a < tv => a / tv,
            Op::Range if a > hi => hi / a,
            Op::Range => one,
        };
        // a passing indicator has s = 1; the formulas are for failures only
        let s_ratio = if pass {
            one
        } else {
            match op {
                Op::Ge => a / tv,
                Op::Gt => (a / tv).min(one),
                Op::Le | Op::Lt => over_limit_ratio(a, tv, s),
                Op::Eq | Op::Approx => ratio,
                Op::Range if a < tv => a / tv,
                Op::Range => (one - (a - hi) / hi).max(Decimal::ZERO),
            }
        };
        (ratio, s_ratio)
    };
    // §7: 序时进度
    let (light, progress) = match op {
        // §2: with t = 0 the pass decides the light too
        _ if tv.is_zero() => (if pass { Light::Green } else { Light::Red }, None),
        Op::Le | Op::Lt => (if a <= tv { Light::Green } else { Light::Red }, None),
        _ => {
            let share = if acc == Accumulation::Cumulative { time_share(period) } else { one };
            let expected = tv * share;
            if expected.is_zero() {
                (if pass { Light::Green } else { Light::Red }, None)
            } else {
                let p = a / expected;
                (progress_light(p, s), Some(p))
            }
        }
    };
    Judgement { status, completion_ratio: Some(ratio), score_ratio: s_ratio, light, progress }
}

/// The weight groups of §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    CostOutput,
    Benefit,
    Satisfaction,
}

/// Which §3 group a level-1 category falls in (成本/产出 share one).
pub fn group_of(level1: &str) -> Group {
    if level1.contains("满意") {
        Group::Satisfaction
    } else if level1.contains("效益") {
        Group::Benefit
    } else {
        Group::CostOutput
    }
}

/// §3: the weight (分值) of each indicator, `None` for 不适用 ones, and warnings.
/// Given weights are used (not-applicable points stay in their level-1 group,
/// the total is scaled to 90); otherwise the group points are shared equally.
pub fn weights(inds: &[&Indicator], s: &Settings) -> (Vec<Option<Decimal>>, Vec<String>) {
    let total = s.dec("indicator_points");
    let active: Vec<bool> = inds.iter().map(|i| i.not_applicable.is_none()).collect();
    let mut warnings = Vec::new();
    let all_given = inds.iter().zip(&active).filter(|(_, a)| **a).all(|(i, _)| i.weight.is_some());
    let any_given = inds.iter().any(|i| i.weight.is_some());
    let given_sum: Decimal = inds.iter().filter_map(|i| i.weight).sum();
    if any_given && !all_given {
        warnings.push("部分指标未填写分值，已按指标类别平均分配分值".to_string());
    }
    if !active.iter().any(|a| *a) {
        return (vec![None; inds.len()], warnings);
    }
    if all_given && any_given && given_sum.is_zero() {
        warnings.push("指标分值全部为 0，已按指标类别平均分配分值".to_string());
    }
    if all_given && any_given && !given_sum.is_zero() {
        if given_sum != total {
            warnings.push(format!("指标分值合计为 {given_sum}，不等于 {total}，已按比例折算为 {total}"));
        }
        let mut w: Vec<Option<Decimal>> = vec![None; inds.len()];
        // not-applicable points stay in their level-1 group
        let mut level1s: Vec<&str> = inds.iter().map(|i| i.level1.as_str()).collect();
        level1s.dedup();
        for l1 in level1s {
            let idx: Vec<usize> = (0..inds.len()).filter(|&k| inds[k].level1 == l1).collect();
            let group_all: Decimal = idx.iter().filter_map(|&k| inds[k].weight).sum();
            let group_active: Decimal = idx.iter().filter(|&&k| active[k]).filter_map(|&k| inds[k].weight).sum();
            for &k in idx.iter().filter(|&&k| active[k]) {
                let wk = inds[k].weight.unwrap_or_default();
                w[k] = Some(if group_active.is_zero() { wk } else { wk * group_all / group_active });
            }
        }
        let sum: Decimal = w.iter().flatten().sum();
        if !sum.is_zero() {
            for x in w.iter_mut().flatten() {
                *x = *x * total / sum;
            }
            return (w, warnings);
        }
    }
    // By category: 成本+产出 50, 效益 30, 满意度 10, shared equally; an empty
    // group's points go to the others in proportion.
    let points = |g: Group| match g {
        Group::CostOutput => s.dec("cost_output_points"),
        Group::Benefit => s.dec("benefit_points"),
        Group::Satisfaction => s.dec("satisfaction_points"),
    };
    let count = |g: Group| inds.iter().zip(&active).filter(|(i, a)| **a && group_of(&i.level1) == g).count();
    let present: Decimal = [Group::CostOutput, Group::Benefit, Group::Satisfaction]
        .into_iter()
        .filter(|&g| count(g) > 0)
        .map(points)
        .sum();
    let w = inds
        .iter()
        .zip(&active)
        .map(|(i, a)| {
            a.then(|| {
                let g = group_of(&i.level1);
                if present.is_zero() {
                    total / Decimal::from(active.iter().filter(|x| **x).count())
                } else {
                    points(g) * total / present / Decimal::from(count(g))
                }
            })
        })
        .collect();
    (w, warnings)
}

/// §7: money planned to be spent by the end of `month`, from the cumulative
/// spending plan interpolated linearly (from 0 at the start of the year; blank
/// checkpoints skipped; after the last checkpoint toward the budget at 12月底;
/// with no plan at all, a straight line).
pub fn planned_by_now(plan: &[PlanPoint], budget: Decimal, month: u32) -> Decimal {
    let m = Decimal::from(month);
    let mut points: Vec<(Decimal, Decimal)> = vec![(Decimal::ZERO, Decimal::ZERO)];
    points.extend(plan.iter().filter_map(|p| p.amount.map(|a| (Decimal::from(p.month), a))));
    if points.len() == 1 {
        return budget * m / Decimal::from(12);
    }
    let &(last_m, last_a) = points.last().expect("not empty");
    if m > last_m {
        points.push((Decimal::from(12), budget));
    } else if m == last_m {
        return last_a;
    }
    for w in points.windows(2) {
        let ((m0, a0), (m1, a1)) = (w[0], w[1]);
        if m0 <= m && m <= m1 && m1 > m0 {
            return a0 + (a1 - a0) * (m - m0) / (m1 - m0);
        }
    }
    last_a
}

/// §4: 预算执行率 and its score: `points × min(rate, 1)`.
pub fn budget_rate_score(spent: Decimal, budget: Decimal, s: &Settings) -> (Option<Decimal>, Decimal) {
    if budget <= Decimal::ZERO {
        return (None, Decimal::ZERO);
    }
    let rate = spent / budget;
    (Some(rate), s.dec("budget_points") * rate.min(Decimal::ONE))
}

/// §7 for money: the light of spending against the plan.
pub fn money_light(spent: Decimal, planned: Decimal, s: &Settings) -> (Light, Option<Decimal>) {
    if planned <= Decimal::ZERO {
        return (if spent.is_zero() { Light::Green } else { Light::Blue }, None);
    }
    let p = spent / planned;
    (progress_light(p, s), Some(p))
}

/// §5: the grade of a total, read from the total rounded to 2 places.
pub fn grade(total: Decimal, s: &Settings) -> &'static str {
    let t = round(total, 2);
    if t >= s.dec("grade_excellent_min") {
        "优"
    } else if t >= s.dec("grade_good_min") {
        "良"
    } else if t >= s.dec("grade_fair_min") {
        "中"
    } else {
        "差"
    }
}

/// §6 for an indicator: at year end a failure, a missing actual or a completion
/// ratio ≥ 130 %; in the year a red or yellow light.
pub fn indicator_needs_explanation(j: &Judgement, period: Period, s: &Settings) -> bool {
    match j.status {
        Status::NotApplicable | Status::NotUnderstood => false,
        _ if period.is_year_end() => {
            matches!(j.status, Status::Fail | Status::Missing)
                || j.completion_ratio.is_some_and(|r| r >= s.dec("explain_over_completion"))
        }
        _ => j.light.is_warning(),
    }
}

/// §6 for money: at year end a rate below 90 %; in the year a red or yellow light.
pub fn budget_needs_explanation(rate: Option<Decimal>, light: Light, period: Period, s: &Settings) -> bool {
    if period.is_year_end() {
        rate.is_some_and(|r| r < s.dec("explain_budget_rate_below"))
    } else {
        light.is_warning()
    }
}

#[cfg(test)]
mod tests;
