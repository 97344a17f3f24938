//! Judging a plan indicator in year t: plan-indicators.md §4, each rule in
//! one named function, in the order of the document. All arithmetic is exact
//! decimal (checked: an overflow is `数值过大`, never a panic); only the row
//! written out is rounded (expected 2 places, progress 4, average_growth 2,
//! needed_per_year 2, half away from zero).

use super::settings::PlanSettings;
use crate::display::round;
use crate::error::{Error, Result};
use crate::model::plan::{Attribute, Direction, Plan, PlanActual, PlanIndicator, PlanKind, PlanLight, PlanStatus, Verdict};
use crate::target::Op;
use rust_decimal::Decimal;
use serde::Serialize;

/// How an actual is compared with its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Cmp {
    pub fn holds(self, a: Decimal, bound: Decimal) -> bool {
        match self {
            Cmp::Ge => a >= bound,
            Cmp::Gt => a > bound,
            Cmp::Le => a <= bound,
            Cmp::Lt => a < bound,
            Cmp::Eq => a == bound,
        }
    }
}

/// T of §4: for a range, value_max when the direction is down, else value.
pub fn target_value(ind: &PlanIndicator) -> Option<Decimal> {
    match (ind.target.op, ind.direction) {
        (Some(Op::Range), Direction::Down) => ind.target.value_max.or(ind.target.value),
        _ => ind.target.value,
    }
}

/// The tolerance of a 左右 target: `plan_approx_points` when the unit is %,
/// else T × `plan_approx_relative`.
pub fn approx_tolerance(ind: &PlanIndicator, t: Decimal, s: &PlanSettings) -> Option<Decimal> {
    if ind.unit_str() == "%" { Some(s.approx_points) } else { t.abs().checked_mul(s.approx_relative) }
}

/// "Met" of §4 as a bound and a comparison: `≥`: A ≥ T … `range`: up A ≥
/// value, down A ≤ value_max; `≈`: up A ≥ T − tol, down A ≤ T + tol (a 左右
/// target is a floor for an up indicator, a ceiling for a down one).
pub fn met_bound(ind: &PlanIndicator, s: &PlanSettings) -> Option<(Decimal, Cmp)> {
    let op = ind.target.op?;
    let t = target_value(ind)?;
    let up = ind.direction == Direction::Up;
    Some(match op {
        Op::Ge => (t, Cmp::Ge),
        Op::Gt => (t, Cmp::Gt),
        Op::Le => (t, Cmp::Le),
        Op::Lt => (t, Cmp::Lt),
        Op::Eq => (t, Cmp::Eq),
        Op::Range if up => (ind.target.value?, Cmp::Ge),
        Op::Range => (ind.target.value_max.or(ind.target.value)?, Cmp::Le),
        Op::Approx => {
            let tol = approx_tolerance(ind, t, s)?;
            if up { (t.checked_sub(tol)?, Cmp::Ge) } else { (t.checked_add(tol)?, Cmp::Le) }
        }
    })
}

/// One indicator judged in one year: what `plan evaluate --json` writes (§6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanRow {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub kind: PlanKind,
    pub attribute: Option<Attribute>,
    pub direction: Direction,
    /// The actual of year t (for `growth`: that year's rate).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub actual: Option<Decimal>,
    /// `average`: the mean of the yearly actuals so far (what is judged), 2 places.
    #[cfg_attr(test, ts(type = "string | null"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<Decimal>,
    /// E: the milestone or the point on the baseline-to-target path, 2 places.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub expected: Option<Decimal>,
    /// p = (A − B) / (E − B), 4 places.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub progress: Option<Decimal>,
    /// `growth`: (P^(1/n) − 1) × 100, 2 places.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub average_growth: Option<Decimal>,
    pub status: PlanStatus,
    pub label: &'static str,
    pub light: PlanLight,
    /// What each remaining year still needs: level-like (T − A) / (Y − t); for
    /// `average` the mean the remaining years need; for `growth` the average
    /// rate (in %) the remaining years need. None once met or at Y.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub needed_per_year: Option<Decimal>,
    /// The 牵头 unit, for the list's filter.
    pub lead_unit: Option<String>,
}

/// The light of a status (§4's table): `behind` is red for a 约束性 indicator.
pub fn light(status: PlanStatus, attribute: Option<Attribute>) -> PlanLight {
    match status {
        PlanStatus::DoneEarly | PlanStatus::Done | PlanStatus::Ahead | PlanStatus::OnTrack => PlanLight::Green,
        PlanStatus::Behind if attribute == Some(Attribute::Binding) => PlanLight::Red,
        PlanStatus::Behind | PlanStatus::NotYet => PlanLight::Yellow,
        PlanStatus::Missed => PlanLight::Red,
        PlanStatus::NoActual | PlanStatus::Unjudged => PlanLight::Grey,
    }
}

/// What the rules found, before rounding.
#[derive(Debug, Default)]
struct Found {
    actual: Option<Decimal>,
    mean: Option<Decimal>,
    expected: Option<Decimal>,
    progress: Option<Decimal>,
    average_growth: Option<Decimal>,
    needed: Option<Decimal>,
}

fn too_large(ind: &PlanIndicator) -> Error {
    Error::too_large(&format!("指标 {}“{}”的计算", ind.id, ind.name))
}

/// The actual of `year`, if recorded.
fn actual_of(actuals: &[PlanActual], year: i32) -> Option<Decimal> {
    actuals.iter().find(|a| a.year == year).map(|a| a.value)
}

/// `x^n` for a whole n ≥ 0, checked.
pub fn pow(x: Decimal, n: i32) -> Option<Decimal> {
    (0..n).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(x))
}

/// The n-th root of x > 0 (Newton's method in decimal, to 24 places).
pub fn nth_root(x: Decimal, n: i32) -> Option<Decimal> {
    if x <= Decimal::ZERO || n < 1 {
        return None;
    }
    if n == 1 {
        return Some(x);
    }
    let nd = Decimal::from(n);
    let mut r = if x > Decimal::ONE { x.checked_div(nd)?.max(Decimal::ONE) } else { Decimal::ONE };
    let eps = Decimal::new(1, 24);
    for _ in 0..200 {
        let next = (nd - Decimal::ONE).checked_mul(r)?.checked_add(x.checked_div(pow(r, n - 1)?)?)?.checked_div(nd)?;
        let done = (next - r).abs() < eps;
        r = next;
        if done {
            break;
        }
    }
    Some(r)
}

/// §4 in year t. Years are those of the plan; t outside the plan is the
/// caller's error (the service refuses it).
pub fn judge(plan: &Plan, ind: &PlanIndicator, actuals: &[PlanActual], verdicts: &[Verdict], t: i32, s: &PlanSettings) -> Result<PlanRow> {
    let (status, found) = match ind.kind {
        PlanKind::Qualitative => (qualitative(verdicts, t), Found::default()),
        PlanKind::Growth => growth(plan, ind, actuals, t, s)?,
        PlanKind::Average => average(plan, ind, actuals, t, s)?,
        PlanKind::Annual => annual(ind, actuals, t, s)?,
        PlanKind::Level | PlanKind::Cumulative | PlanKind::Rank => level(plan, ind, actuals, t, s)?,
    };
    Ok(PlanRow {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        kind: ind.kind,
        attribute: ind.attribute,
        direction: ind.direction,
        actual: found.actual,
        mean: found.mean.map(|d| round(d, 2)),
        expected: found.expected.map(|d| round(d, 2)),
        progress: found.progress.map(|d| round(d, 4)),
        average_growth: found.average_growth.map(|d| round(d, 2)),
        status,
        label: status.label(),
        light: light(status, ind.attribute),
        needed_per_year: found.needed.map(|d| round(d, 2)),
        lead_unit: ind.lead_unit().map(str::to_string),
    })
}

/// Rule 1: a qualitative indicator has the verdict recorded for t, else `unjudged`.
fn qualitative(verdicts: &[Verdict], t: i32) -> PlanStatus {
    verdicts.iter().find(|v| v.year == t).map_or(PlanStatus::Unjudged, |v| v.status)
}

/// The status of a kind judged on a figure that meets or not: done/missed at
/// or after Y, on_track/behind before it.
fn by_year(met: bool, t: i32, y: i32) -> PlanStatus {
    match (t >= y, met) {
        (true, true) => PlanStatus::Done,
        (true, false) => PlanStatus::Missed,
        (false, true) => PlanStatus::OnTrack,
        (false, false) => PlanStatus::Behind,
    }
}

/// The bound, or a target without one (checked away on import): too large.
fn bound(ind: &PlanIndicator, s: &PlanSettings) -> Result<(Decimal, Cmp)> {
    met_bound(ind, s).ok_or_else(|| Error::Invalid(format!("指标 {}“{}”没有可比较的目标值", ind.id, ind.name)))
}

/// The yearly actuals of y0+1…t, or None when one is missing (rule 2).
fn every_year(actuals: &[PlanActual], y0: i32, t: i32) -> Option<Vec<Decimal>> {
    (y0 + 1..=t).map(|y| actual_of(actuals, y)).collect()
}

/// Rule 3: growth through the product of the yearly rates.
fn growth(plan: &Plan, ind: &PlanIndicator, actuals: &[PlanActual], t: i32, s: &PlanSettings) -> Result<(PlanStatus, Found)> {
    let y0 = plan.base_year;
    let y = ind.target.year;
    let Some(rates) = every_year(actuals, y0, t).filter(|r| !r.is_empty()) else {
        return Ok((PlanStatus::NoActual, Found { actual: actual_of(actuals, t), ..Found::default() }));
    };
    let big = || too_large(ind);
    let hundred = Decimal::ONE_HUNDRED;
    let factor = |r: Decimal| r.checked_div(hundred).and_then(|f| f.checked_add(Decimal::ONE));
    let p = rates.iter().try_fold(Decimal::ONE, |acc, r| acc.checked_mul(factor(*r)?)).ok_or_else(big)?;
    let n = t - y0;
    let (g_bound, cmp) = bound(ind, s)?;
    let q = pow(factor(g_bound).ok_or_else(big)?, n).ok_or_else(big)?;
    let status = by_year(cmp.holds(p, q), t, y);
    let average_growth = nth_root(p, n).and_then(|r| (r - Decimal::ONE).checked_mul(hundred));
    let needed = match (t < y, target_value(ind)) {
        (true, Some(g)) => {
            let whole = pow(factor(g).ok_or_else(big)?, y - y0).ok_or_else(big)?;
            whole.checked_div(p).and_then(|rest| nth_root(rest, y - t)).and_then(|r| (r - Decimal::ONE).checked_mul(hundred))
        }
        _ => None,
    };
    Ok((status, Found { actual: rates.last().copied(), average_growth, needed, ..Found::default() }))
}

/// Rule 4: the mean of the yearly actuals y0+1…t, judged as A.
fn average(plan: &Plan, ind: &PlanIndicator, actuals: &[PlanActual], t: i32, s: &PlanSettings) -> Result<(PlanStatus, Found)> {
    let y0 = plan.base_year;
    let y = ind.target.year;
    let Some(values) = every_year(actuals, y0, t).filter(|v| !v.is_empty()) else {
        return Ok((PlanStatus::NoActual, Found { actual: actual_of(actuals, t), ..Found::default() }));
    };
    let big = || too_large(ind);
    let sum = values.iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v)).ok_or_else(big)?;
    let mean = sum.checked_div(Decimal::from(values.len())).ok_or_else(big)?;
    let (b, cmp) = bound(ind, s)?;
    let met = cmp.holds(mean, b);
    // the mean the remaining years need for the whole period's mean to reach T
    let needed = match (t < y, met, target_value(ind)) {
        (true, false, Some(tv)) => tv.checked_mul(Decimal::from(y - y0)).and_then(|w| w.checked_sub(sum)).and_then(|r| r.checked_div(Decimal::from(y - t))),
        _ => None,
    };
    Ok((by_year(met, t, y), Found { actual: values.last().copied(), mean: Some(mean), needed, ..Found::default() }))
}

/// Rule 5: each year on its own.
fn annual(ind: &PlanIndicator, actuals: &[PlanActual], t: i32, s: &PlanSettings) -> Result<(PlanStatus, Found)> {
    let Some(a) = actual_of(actuals, t) else { return Ok((PlanStatus::NoActual, Found::default())) };
    let (b, cmp) = bound(ind, s)?;
    Ok((by_year(cmp.holds(a, b), t, ind.target.year), Found { actual: Some(a), ..Found::default() }))
}

/// B and y0 of a level-like indicator: the baseline with its own year; a
/// cumulative one without a baseline starts from 0 at the plan's base year.
pub fn baseline_point(plan: &Plan, ind: &PlanIndicator) -> (Option<Decimal>, i32) {
    match (&ind.baseline, ind.kind) {
        (Some(b), _) => (Some(b.value), b.year),
        (None, PlanKind::Cumulative) => (Some(Decimal::ZERO), plan.base_year),
        (None, _) => (None, plan.base_year),
    }
}

/// E in year t: the milestone of t, else B + (T − B)(t − y0)/(Y − y0) with a
/// baseline, else none.
pub fn expected(plan: &Plan, ind: &PlanIndicator, t: i32) -> Option<Decimal> {
    ind.milestones.iter().find(|m| m.year == t).map(|m| m.value).or_else(|| path_point(plan, ind, t))
}

/// The baseline-to-target path in year t: B + (T − B)(t − y0)/(Y − y0).
pub fn path_point(plan: &Plan, ind: &PlanIndicator, t: i32) -> Option<Decimal> {
    let (b, y0) = baseline_point(plan, ind);
    let (b, tv) = (b?, target_value(ind)?);
    let span = ind.target.year - y0;
    if span <= 0 {
        return None;
    }
    let rise = crate::arith::mul_div(tv.checked_sub(b)?, Decimal::from(t - y0), Decimal::from(span))?;
    b.checked_add(rise)
}

/// Rule 6: level, cumulative and rank, against the path.
fn level(plan: &Plan, ind: &PlanIndicator, actuals: &[PlanActual], t: i32, s: &PlanSettings) -> Result<(PlanStatus, Found)> {
    let y = ind.target.year;
    let Some(a) = actual_of(actuals, t) else { return Ok((PlanStatus::NoActual, Found::default())) };
    let (b, cmp) = bound(ind, s)?;
    let met = cmp.holds(a, b);
    let mut found = Found { actual: Some(a), ..Found::default() };
    if t >= y {
        return Ok((by_year(met, t, y), found));
    }
    if met {
        return Ok((PlanStatus::DoneEarly, found));
    }
    found.needed = target_value(ind).and_then(|tv| tv.checked_sub(a)).and_then(|d| d.checked_div(Decimal::from(y - t)));
    let Some(e) = expected(plan, ind, t) else { return Ok((PlanStatus::NotYet, found)) };
    found.expected = Some(e);
    let (base, _) = baseline_point(plan, ind);
    let status = match base.filter(|b| *b != e) {
        // a flat path, or a milestone without a baseline: A meets E by the direction
        None => {
            let meets = if ind.direction == Direction::Up { a >= e } else { a <= e };
            if meets { PlanStatus::OnTrack } else { PlanStatus::Behind }
        }
        Some(b) => {
            let p = a.checked_sub(b).and_then(|num| num.checked_div(e - b)).ok_or_else(|| too_large(ind))?;
            found.progress = Some(p);
            let on_track = if ind.attribute == Some(Attribute::Binding) { s.binding_on_track_ratio } else { s.on_track_ratio };
            if p >= s.ahead_ratio {
                PlanStatus::Ahead
            } else if p >= on_track {
                PlanStatus::OnTrack
            } else {
                PlanStatus::Behind
            }
        }
    };
    Ok((status, found))
}

/// One point of an indicator's trajectory chart: the path (baseline to
/// target, or the target rate of a growth indicator), the milestone and the
/// actual of a year. The UI draws these; it computes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct TrajectoryPoint {
    pub year: i32,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub path: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub milestone: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub actual: Option<Decimal>,
}

/// The chart of an indicator: a point a year from y0 to the target year, the
/// target line, and the expected point of year t (from [`PlanRow`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Trajectory {
    pub points: Vec<TrajectoryPoint>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub target: Option<Decimal>,
    pub target_year: i32,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub baseline: Option<Decimal>,
    pub baseline_year: i32,
}

/// The figures of [`Trajectory`], 2 places.
pub fn trajectory(plan: &Plan, ind: &PlanIndicator, actuals: &[PlanActual]) -> Trajectory {
    let (b, y0) = baseline_point(plan, ind);
    let first = if matches!(ind.kind, PlanKind::Growth | PlanKind::Average | PlanKind::Annual) { plan.base_year + 1 } else { y0 };
    let last = ind.target.year.max(plan.end_year);
    let points = (first..=last)
        .map(|year| TrajectoryPoint {
            year,
            path: match ind.kind {
                PlanKind::Qualitative => None,
                PlanKind::Level | PlanKind::Cumulative | PlanKind::Rank if year <= ind.target.year => path_point(plan, ind, year),
                PlanKind::Level | PlanKind::Cumulative | PlanKind::Rank => None,
                _ => target_value(ind),
            }
            .map(|d| round(d, 2)),
            milestone: ind.milestones.iter().find(|m| m.year == year).map(|m| m.value),
            actual: actual_of(actuals, year),
        })
        .collect();
    Trajectory { points, target: target_value(ind), target_year: ind.target.year, baseline: b, baseline_year: y0 }
}
