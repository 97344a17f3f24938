//! A project's path through its year, for the charts of 项目详情: each quantity
//! indicator's cumulative actual at the end of Q1…Q4 against its target and,
//! where the target accumulates, against the 序时进度 expectation its light is
//! judged by ([`pace_expectation`]), with the light [`judge`] gives each
//! quarter. Figures only: nothing here is computed that the evaluation does not
//! compute the same way.

use super::*;
use crate::error::Result;
use std::collections::HashMap;

/// One quantity indicator's four quarters.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct IndicatorSeries {
    #[cfg_attr(test, ts(type = "number"))]
    pub indicator_id: i64,
    pub level3: String,
    /// 年度指标值 as written.
    pub target_text: String,
    /// The target's unit (the actuals are converted to it).
    pub unit: String,
    /// The full-year target (a range's low end), exact.
    #[cfg_attr(test, ts(type = "string"))]
    pub target: Decimal,
    /// A range's high end.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub target_max: Option<Decimal>,
    /// Counts and amounts that add up over the year (scoring.md §7): their
    /// 序时进度 grows quarter by quarter; a level indicator is expected at its
    /// target from the first quarter.
    pub cumulative: bool,
    /// Q1…Q4 of the project's year.
    pub points: Vec<SeriesPoint>,
}

/// One quarter of an [`IndicatorSeries`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SeriesPoint {
    #[cfg_attr(test, ts(type = "string"))]
    pub period: Period,
    /// The cumulative actual at the quarter's end in the target's unit; `None`
    /// where none is entered (or its unit no longer matches the target's).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub actual: Option<Decimal>,
    /// 序时进度: what a cumulative target expects by the quarter's end; `None`
    /// for a level indicator and where the light is no 序时进度 (`≤`, `<`, a target of 0).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub expected: Option<Decimal>,
    /// The light of the evaluation at that quarter (grey without an actual).
    pub light: Light,
}

/// The series of every quantity indicator of a project (in table order) with a
/// target value, not marked 不适用; `actuals[q - 1]` holds the records of
/// quarter `q` by indicator id.
pub fn indicator_series(year: i32, indicators: &[Indicator], actuals: &[HashMap<i64, Actual>; 4], s: &Settings) -> Result<Vec<IndicatorSeries>> {
    let periods = (1..=4).map(|q| Period::new(year, q)).collect::<Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for ind in indicators {
        let t = &ind.target;
        let (Kind::Quantity, Some(target), None) = (t.kind, t.value, &ind.not_applicable) else { continue };
        let acc = ind.accumulation();
        let op = t.op.unwrap_or(Op::Ge);
        let points = periods
            .iter()
            .zip(actuals)
            .map(|(&period, records)| {
                let a = records.get(&ind.id);
                SeriesPoint {
                    period,
                    actual: a.and_then(|a| in_target_unit(t, a)).and_then(|v| v.ok()).map(|v| v.normalize()),
                    expected: if acc == Accumulation::Cumulative { pace_expectation(op, target, acc, period).map(|e| e.normalize()) } else { None },
                    light: judge(ind, a, period, s).light,
                }
            })
            .collect();
        out.push(IndicatorSeries {
            indicator_id: ind.id,
            level3: ind.level3.clone(),
            target_text: ind.target_text.clone(),
            unit: t.unit_str().to_string(),
            target: target.normalize(),
            target_max: t.value_max.filter(|_| op == Op::Range).map(|v| v.normalize()),
            cumulative: acc == Accumulation::Cumulative,
            points,
        });
    }
    Ok(out)
}
