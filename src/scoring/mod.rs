//! The scoring engine: each rule of scoring.md in one named function.
//! §2 [`judge`], §3 [`weights`], §4 [`budget_execution`], §5 [`grade`],
//! §6 [`indicator_needs_explanation`], §7 [`progress_light`], [`planned_by_now`].
//! Arithmetic is exact; only [`round`] (for display and export) rounds.
//! No input makes it panic: a quotient is capped at ±[`MAX_RATIO`] ([`ratio`]),
//! a score ratio is kept within 0…1, sums and differences of amounts saturate
//! at the limits of a `Decimal`, and weights too large to add up fall back to the
//! equal shares of §3 with a warning.

mod evaluate;
mod series;
mod settings;

pub use evaluate::{BudgetExecution, Evaluation, IndicatorEvaluation, MoneyQuarter, ProjectEvaluation, evaluate_project, money_quarters};
pub use series::{IndicatorSeries, SeriesPoint, indicator_series};
pub use settings::{DEFS as SETTING_DEFS, LeFormula, MAX_SETTING, SettingDef, SettingValue, SettingView, Settings};

use crate::model::{Actual, Indicator, Level, Period, PlanPoint};
use crate::target::{Kind, Op, Target};
use crate::arith::mul_div;
use crate::units::{Accumulation, convert};
use rust_decimal::Decimal;
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

impl Status {
    /// The word the forms and the app's screens show for it (a level's 达成 /
    /// 部分达成 / 未达成 is the officer's judgement of a label, not this).
    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "达标",
            Status::Fail => "未达标",
            Status::Missing => "未填报",
            Status::NotApplicable => "不适用",
            Status::NotUnderstood => "指标值未识别",
        }
    }
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

pub use crate::display::round;

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
    let (achieved, partial) = (s.label_achieved_min(), s.label_partial_min());
    match level {
        Level::Achieved => (achieved, Decimal::ONE, true),
        Level::Partial => (partial, achieved, false),
        Level::NotAchieved => (Decimal::ZERO, partial, false),
    }
}

/// The score ratio of a label judgement: the officer's ratio, else the level's default.
pub fn label_score_ratio(s: &Settings, level: Level, ratio: Option<Decimal>) -> Decimal {
    ratio.unwrap_or_else(|| {
        match level {
            Level::Achieved => s.label_achieved_default(),
            Level::Partial => s.label_partial_default(),
            Level::NotAchieved => s.label_not_achieved_default(),
        }
    })
}

/// Lights a progress ratio `p` (§7): red < 60 %, yellow < 80 %, green < 120 %, else blue.
pub fn progress_light(p: Decimal, s: &Settings) -> Light {
    if p < s.light_red_below() {
        Light::Red
    } else if p < s.light_yellow_below() {
        Light::Yellow
    } else if p < s.light_blue_from() {
        Light::Green
    } else {
        Light::Blue
    }
}

/// The time share `f = 3q / 12` at the end of quarter `q`.
pub fn time_share(period: Period) -> Decimal {
    #[allow(clippy::arithmetic_side_effects)] // a month (1…12) divided by the constant 12
    let f = Decimal::from(period.end_month()) / Decimal::from(12);
    f
}

/// The largest ratio scoring gives: 10¹² (10¹⁴ %). A completion ratio, 序时进度 or
/// 预算执行率 beyond it is reported as 10¹². No real figure comes near (plausibility
/// questions a value over 100× its target); the cap turns the quotient of an
/// absurd input (10²⁸ against a target of 0.001) from an overflow into a number,
/// and keeps every later product (× 100 for a percentage, × points) far inside a
/// `Decimal`.
pub const MAX_RATIO: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);
const MIN_RATIO: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, true, 0);

/// `a / b` within ±[`MAX_RATIO`]; a quotient too large for a `Decimal`, or a
/// division by 0, gives the cap with the quotient's sign (0 / 0 gives 0).
pub fn ratio(a: Decimal, b: Decimal) -> Decimal {
    match a.checked_div(b) {
        Some(r) => r.clamp(MIN_RATIO, MAX_RATIO),
        None if a.is_zero() => Decimal::ZERO,
        None if a.is_sign_negative() == b.is_sign_negative() => MAX_RATIO,
        None => MIN_RATIO,
    }
}

/// `x × n / d` for `0 ≤ n ≤ d`, `d > 0` (a share of `x`): never larger than `x`,
/// so it always fits.
fn share_of(x: Decimal, n: Decimal, d: Decimal) -> Decimal {
    if n == d {
        return x;
    }
    mul_div(x, n, d).unwrap_or(x)
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
        Kind::Quantity => match in_target_unit(t, a) {
            Some(Ok(v)) => judge_quantity(t, v, ind.accumulation(), period, s),
            Some(Err(_)) => Judgement::without_ratio(Status::Fail, Decimal::ZERO, Light::Red),
            None => missing,
        },
        Kind::NotUnderstood => unreachable!("handled above"),
    }
}

/// A quantity actual's value in its target's unit; `None` without a value.
/// Units were checked on entry; a target edited since may no longer match (`Err`).
pub fn in_target_unit(t: &Target, a: &Actual) -> Option<crate::error::Result<Decimal>> {
    a.value.map(|v| convert(v, a.value_unit.as_deref().unwrap_or(""), t.unit_str()))
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
    Decimal::ONE.saturating_sub(ratio(a.saturating_sub(t).abs(), t)).max(Decimal::ZERO)
}

/// `max(0, 1 − (a − t) / t)`, or `t / a` with the `inverse` setting.
fn over_limit_ratio(a: Decimal, t: Decimal, s: &Settings) -> Decimal {
    match s.le_formula() {
        LeFormula::Linear => Decimal::ONE.saturating_sub(ratio(a.saturating_sub(t), t)).max(Decimal::ZERO),
        LeFormula::Inverse => ratio(t, a),
    }
}

/// §7: what a quantity target `tv` (`op`; a range's low end) expects to have
/// been reached by the end of `period`, the figure its 序时进度 light divides
/// by: `tv × f` for a cumulative indicator, `tv` itself for a level one. `None`
/// where the light is not a 序时进度: `≤`/`<` (the limit is all that is asked)
/// and a target of 0 (the pass decides).
pub fn pace_expectation(op: Op, tv: Decimal, acc: Accumulation, period: Period) -> Option<Decimal> {
    if matches!(op, Op::Le | Op::Lt) || tv.is_zero() {
        return None;
    }
    let share = if acc == Accumulation::Cumulative { time_share(period) } else { Decimal::ONE };
    // share ≤ 1: the product is no larger than the target
    Some(tv.saturating_mul(share)).filter(|e| !e.is_zero())
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
        Op::Approx => a.saturating_sub(tv).abs() <= s.approx_tolerance().saturating_mul(tv),
        Op::Range => tv <= a && a <= hi,
    };
    let status = if pass { Status::Pass } else { Status::Fail };
    // the divisor of the ratio; at 0 the pass decides everything (§2 "t = 0")
    let divisor = if op == Op::Range && a > hi { hi } else { tv };
    let (completion, s_ratio) = if divisor.is_zero() {
        let r = if pass { one } else { Decimal::ZERO };
        (r, r)
    } else {
        let r = match op {
            Op::Ge | Op::Gt => ratio(a, tv),
            Op::Le | Op::Lt => if a.is_zero() { one } else { ratio(tv, a) },
            Op::Eq | Op::Approx => closeness(a, tv),
            Op::Range if a < tv => ratio(a, tv),
            Op::Range if a > hi => ratio(hi, a),
            Op::Range => one,
        };
        // a passing indicator has s = 1; the formulas are for failures only
        let s_ratio = if pass {
            one
        } else {
            match op {
                Op::Ge => ratio(a, tv),
                Op::Gt => ratio(a, tv).min(one),
                Op::Le | Op::Lt => over_limit_ratio(a, tv, s),
                Op::Eq | Op::Approx => r,
                Op::Range if a < tv => ratio(a, tv),
                Op::Range => one.saturating_sub(ratio(a.saturating_sub(hi), hi)).max(Decimal::ZERO),
            }
        };
        (r, s_ratio)
    };
    // §7: 序时进度
    let (light, progress) = match pace_expectation(op, tv, acc, period) {
        Some(expected) => {
            let p = ratio(a, expected);
            (progress_light(p, s), Some(p))
        }
        // for a cumulative one too, `a ≤ t` is all that is asked
        None if matches!(op, Op::Le | Op::Lt) && !tv.is_zero() => (if a <= tv { Light::Green } else { Light::Red }, None),
        // §2: with t = 0 the pass decides the light too
        None => (if pass { Light::Green } else { Light::Red }, None),
    };
    // s is 0…1 by §2 for targets as parsed (never negative); a target given by
    // hand (an import) may be negative, and s still stays a share of the weight
    let score_ratio = s_ratio.clamp(Decimal::ZERO, one);
    Judgement { status, completion_ratio: Some(completion), score_ratio, light, progress }
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
/// Given weights too large to add up are treated as not given, with a warning.
pub fn weights(inds: &[&Indicator], s: &Settings) -> (Vec<Option<Decimal>>, Vec<String>) {
    let total = s.indicator_points();
    let active: Vec<bool> = inds.iter().map(|i| i.not_applicable.is_none()).collect();
    let mut warnings = Vec::new();
    let all_given = inds.iter().zip(&active).filter(|(_, a)| **a).all(|(i, _)| i.weight.is_some());
    let any_given = inds.iter().any(|i| i.weight.is_some());
    if any_given && !all_given {
        warnings.push("部分指标未填写分值，已按指标类别平均分配分值".to_string());
    }
    if !active.iter().any(|a| *a) {
        return (vec![None; inds.len()], warnings);
    }
    if all_given && any_given {
        match given_weights(inds, &active, total) {
            Some(GivenWeights::Scaled(w, given_sum)) => {
                if given_sum != total {
                    warnings.push(format!("指标分值合计为 {given_sum}，不等于 {total}，已按比例折算为 {total}"));
                }
                return (w, warnings);
            }
            Some(GivenWeights::AllZero) => warnings.push("指标分值全部为 0，已按指标类别平均分配分值".to_string()),
            Some(GivenWeights::ActiveZero) => {}
            None => warnings.push(format!("指标分值{}，已按指标类别平均分配分值", crate::error::TOO_LARGE)),
        }
    }
    // By category: 成本+产出 50, 效益 30, 满意度 10, shared equally; an empty
    // group's points go to the others in proportion.
    let points = |g: Group| match g {
        Group::CostOutput => s.cost_output_points(),
        Group::Benefit => s.benefit_points(),
        Group::Satisfaction => s.satisfaction_points(),
    };
    let count = |g: Group| inds.iter().zip(&active).filter(|(i, a)| **a && group_of(&i.level1) == g).count();
    // settings are at most MAX_SETTING each: the sum of three cannot saturate
    let present = [Group::CostOutput, Group::Benefit, Group::Satisfaction]
        .into_iter()
        .filter(|&g| count(g) > 0)
        .map(points)
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let active_count = Decimal::from(active.iter().filter(|x| **x).count());
    let w = inds
        .iter()
        .zip(&active)
        .map(|(i, a)| {
            a.then(|| {
                let g = group_of(&i.level1);
                // counts are ≥ 1 here (this indicator is active and in g)
                if present.is_zero() {
                    share_of(total, Decimal::ONE, active_count)
                } else {
                    share_of(share_of(total, points(g), present), Decimal::ONE, Decimal::from(count(g)))
                }
            })
        })
        .collect();
    (w, warnings)
}

/// The outcome of weights given on every active indicator.
enum GivenWeights {
    /// The weights scaled to the total, and what the given ones added up to.
    Scaled(Vec<Option<Decimal>>, Decimal),
    /// Every given weight is 0.
    AllZero,
    /// Only not-applicable indicators have points.
    ActiveZero,
}

/// §3 with given weights: not-applicable points stay in their level-1 group,
/// then everything is scaled to `total`. `None` when the weights are too large
/// to compute with.
fn given_weights(inds: &[&Indicator], active: &[bool], total: Decimal) -> Option<GivenWeights> {
    let given_sum = checked_sum(inds.iter().filter_map(|i| i.weight))?;
    if given_sum.is_zero() {
        return Some(GivenWeights::AllZero);
    }
    let mut w: Vec<Option<Decimal>> = vec![None; inds.len()];
    let mut level1s: Vec<&str> = inds.iter().map(|i| i.level1.as_str()).collect();
    level1s.dedup();
    for l1 in level1s {
        let idx: Vec<usize> = (0..inds.len()).filter(|&k| inds[k].level1 == l1).collect();
        let group_all = checked_sum(idx.iter().filter_map(|&k| inds[k].weight))?;
        let group_active = checked_sum(idx.iter().filter(|&&k| active[k]).filter_map(|&k| inds[k].weight))?;
        for &k in idx.iter().filter(|&&k| active[k]) {
            let wk = inds[k].weight.unwrap_or_default();
            w[k] = Some(if group_active.is_zero() { wk } else { mul_div(wk, group_all, group_active)? });
        }
    }
    let scaled_sum = checked_sum(w.iter().flatten().copied())?;
    if scaled_sum.is_zero() {
        return Some(GivenWeights::ActiveZero);
    }
    for x in w.iter_mut().flatten() {
        *x = mul_div(*x, total, scaled_sum)?;
    }
    Some(GivenWeights::Scaled(w, given_sum))
}

/// The sum, `None` when it does not fit a `Decimal`.
fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// §7: money planned to be spent by the end of `month`, from the cumulative
/// spending plan interpolated linearly (from 0 at the start of the year; blank
/// checkpoints skipped; after the last checkpoint toward the budget at 12月底;
/// with no plan at all, a straight line).
pub fn planned_by_now(plan: &[PlanPoint], budget: Decimal, month: u32) -> Decimal {
    let m = Decimal::from(month);
    let twelve = Decimal::from(12);
    let mut points: Vec<(Decimal, Decimal)> = vec![(Decimal::ZERO, Decimal::ZERO)];
    points.extend(plan.iter().filter_map(|p| p.amount.map(|a| (Decimal::from(p.month), a))));
    if points.len() == 1 {
        return share_of(budget, m.min(twelve), twelve);
    }
    let &(last_m, last_a) = points.last().expect("not empty");
    if m > last_m {
        points.push((twelve, budget));
    } else if m == last_m {
        return last_a;
    }
    for w in points.windows(2) {
        let ((m0, a0), (m1, a1)) = (w[0], w[1]);
        if m0 <= m && m <= m1 && m1 > m0 {
            let (done, left, span) = (m.saturating_sub(m0), m1.saturating_sub(m), m1.saturating_sub(m0));
            // a0 + (a1 − a0) × done / span; where a1 − a0 overflows (amounts of
            // opposite signs near the limits), a0 × left / span + a1 × done / span,
            // whose terms and sum lie between a0 and a1
            return a1
                .checked_sub(a0)
                .and_then(|diff| mul_div(diff, done, span))
                .and_then(|step| a0.checked_add(step))
                .unwrap_or_else(|| share_of(a0, left, span).saturating_add(share_of(a1, done, span)));
        }
    }
    last_a
}

/// §4: 预算执行率 and its score: `points × min(rate, 1)`.
pub fn budget_rate_score(spent: Decimal, budget: Decimal, s: &Settings) -> (Option<Decimal>, Decimal) {
    if budget <= Decimal::ZERO {
        return (None, Decimal::ZERO);
    }
    let rate = ratio(spent, budget);
    // points ≤ MAX_SETTING and |rate| ≤ MAX_RATIO: the product fits
    (Some(rate), s.budget_points().saturating_mul(rate.min(Decimal::ONE)))
}

/// §7 for money: the light of spending against the plan.
pub fn money_light(spent: Decimal, planned: Decimal, s: &Settings) -> (Light, Option<Decimal>) {
    if planned <= Decimal::ZERO {
        return (if spent.is_zero() { Light::Green } else { Light::Blue }, None);
    }
    let p = ratio(spent, planned);
    (progress_light(p, s), Some(p))
}

/// §5: the grade of a total, read from the total rounded to 2 places.
pub fn grade(total: Decimal, s: &Settings) -> &'static str {
    let t = round(total, 2);
    if t >= s.grade_excellent_min() {
        "优"
    } else if t >= s.grade_good_min() {
        "良"
    } else if t >= s.grade_fair_min() {
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
                || j.completion_ratio.is_some_and(|r| r >= s.explain_over_completion())
        }
        _ => j.light.is_warning(),
    }
}

/// §6 for money: at year end a rate below 90 %; in the year a red or yellow light.
pub fn budget_needs_explanation(rate: Option<Decimal>, light: Light, period: Period, s: &Settings) -> bool {
    if period.is_year_end() {
        rate.is_some_and(|r| r < s.explain_budget_rate_below())
    } else {
        light.is_warning()
    }
}

#[cfg(test)]
mod tests;
