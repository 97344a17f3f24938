//! Builders shared by the core's unit tests.

use crate::model::Indicator;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// An indicator of 2023 named `level3`, its target parsed from `target`.
pub fn indicator(level1: &str, level3: &str, target: &str) -> Indicator {
    Indicator {
        id: 1,
        project_id: 1,
        key: None,
        position: 1,
        level1: level1.into(),
        level2: String::new(),
        level3: level3.into(),
        description: None,
        target_text: target.into(),
        target: crate::target::parse(target, 2023),
        target_manual: false,
        basis: None,
        weight: None,
        accumulation_set: None,
        not_applicable: None,
    }
}

/// A quantity actual of indicator 1 for `period`.
pub fn quantity_actual(period: crate::model::Period, value: Decimal, unit: Option<String>) -> crate::model::Actual {
    crate::model::Actual {
        id: 1,
        indicator_id: 1,
        period,
        value: Some(value),
        value_unit: unit,
        done_on: None,
        level: None,
        ratio: None,
        reason: None,
        measures: None,
        forecast: None,
        likelihood: None,
        reason_category: None,
        updated_at: String::new(),
    }
}
