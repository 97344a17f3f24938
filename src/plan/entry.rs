//! A plan actual as typed, checked as budget actuals are (`crate::entry`):
//! a number with an optional unit converted into the indicator's, magnitudes
//! within what can be computed with (`数值过大`), and a value far off the path
//! questioned (a doubt, saved only when the officer confirms).

use super::judge::{baseline_point, target_value};
use crate::error::{Doubt, DoubtKind, Error, Result};
use crate::model::plan::{Plan, PlanIndicator, PlanKind};
use crate::text::normalize;
use rust_decimal::Decimal;

/// How far from the baseline or target a value may be before it is
/// questioned: over this many times the larger, or under this fraction of the smaller.
pub const FAR_FACTOR: i64 = 10;

/// The value of `text` in the indicator's unit. A growth rate may be
/// negative (`-2.5%`: the indicator fell); other values may not.
pub fn parse_value(ind: &PlanIndicator, text: &str) -> Result<Decimal> {
    if ind.kind == PlanKind::Qualitative {
        return Err(Error::Invalid(format!("指标“{}”是定性指标：请记录评价（plan verdict set），不填数值", ind.name)));
    }
    crate::text::check_length("完成值", text)?;
    let s = normalize(text);
    if s.is_empty() {
        return Err(Error::Invalid("完成值为空".into()));
    }
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) if ind.kind == PlanKind::Growth => (true, r.to_string()),
        _ => (false, s.clone()),
    };
    let (v, unit) = crate::entry::parse_amount(&rest)?;
    // a value in another magnitude (`0.72万家` for 家) is stored in the indicator's unit, as a plain number
    let v = match unit.as_deref() {
        Some(u) if u != ind.unit_str() => crate::units::convert(v, u, ind.unit_str())?.normalize(),
        _ => v,
    };
    // every value of an indicator is computed with its baseline and target: keep it within reach
    crate::units::convert(v, ind.unit_str(), "").map_err(|_| Error::too_large(text.trim()))?;
    if v.abs() > Decimal::from(10i64.pow(15)) {
        return Err(Error::too_large(text.trim()));
    }
    Ok(if negative { -v } else { v })
}

/// Why `value` looks like a typo: over [`FAR_FACTOR`] times the baseline or
/// target (the larger), or under a tenth of them (the smaller). A growth rate
/// is only questioned when too large (a small or negative rate is real).
pub fn doubts(plan: &Plan, ind: &PlanIndicator, value: Decimal) -> Vec<Doubt> {
    let (b, _) = baseline_point(plan, ind);
    let refs: Vec<Decimal> = [b, target_value(ind)].into_iter().flatten().filter(|d| *d > Decimal::ZERO).collect();
    let (Some(hi), Some(lo)) = (refs.iter().max(), refs.iter().min()) else { return Vec::new() };
    let factor = Decimal::from(FAR_FACTOR);
    let unit = ind.unit_str();
    let far_above = hi.checked_mul(factor).is_some_and(|limit| value > limit);
    let far_below = ind.kind != PlanKind::Growth && value < lo / factor;
    let message = match (far_above, far_below) {
        (true, _) => format!("“{}”的完成值 {value}{unit} 超过基期值或目标值（{hi}{unit}）的 {FAR_FACTOR} 倍：请检查小数点和单位", ind.name),
        (_, true) => format!("“{}”的完成值 {value}{unit} 不到基期值或目标值（{lo}{unit}）的十分之一：请检查小数点和单位", ind.name),
        _ => return Vec::new(),
    };
    vec![Doubt { kind: DoubtKind::FarOffPath, message }]
}
