//! The numbers of plan-indicators.md §4 are settings (`plan_*`), stored with
//! the data beside the scoring and review settings, with the documented
//! defaults. [`DEFS`] is the one place they are named.

use crate::error::{Error, Result};
use crate::scoring::{SettingDef, SettingValue, SettingView};
use rust_decimal::Decimal;

pub const AHEAD_RATIO: &str = "plan_ahead_ratio";
pub const ON_TRACK_RATIO: &str = "plan_on_track_ratio";
pub const BINDING_ON_TRACK_RATIO: &str = "plan_binding_on_track_ratio";
pub const APPROX_POINTS: &str = "plan_approx_points";
pub const APPROX_RELATIVE: &str = "plan_approx_relative";

pub const DEFS: &[SettingDef] = &[
    SettingDef { key: AHEAD_RATIO, default: "1.05", label: "规划：进度达到序时进度的此倍数为“快于预期”" },
    SettingDef { key: ON_TRACK_RATIO, default: "0.95", label: "规划：进度达到序时进度的此倍数为“基本符合预期”（预期性指标）" },
    SettingDef { key: BINDING_ON_TRACK_RATIO, default: "1.00", label: "规划：约束性指标“基本符合预期”须达到的序时进度倍数" },
    SettingDef { key: APPROX_POINTS, default: "0.2", label: "规划：“左右”指标（单位为%）允许偏差的百分点" },
    SettingDef { key: APPROX_RELATIVE, default: "0.05", label: "规划：“左右”指标（其他单位）允许偏差（占目标值比例）" },
];

/// The plan settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSettings {
    pub ahead_ratio: Decimal,
    pub on_track_ratio: Decimal,
    pub binding_on_track_ratio: Decimal,
    pub approx_points: Decimal,
    pub approx_relative: Decimal,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings::from_pairs(Vec::new()).expect("the documented defaults check")
    }
}

impl PlanSettings {
    pub fn def(key: &str) -> Result<&'static SettingDef> {
        DEFS.iter().find(|d| d.key == key).ok_or_else(|| Error::Invalid(format!("没有规划设置项“{key}”")))
    }

    pub fn is_key(key: &str) -> bool {
        DEFS.iter().any(|d| d.key == key)
    }

    /// Checks a value for `key` and returns it as stored.
    pub fn check(key: &str, value: &str) -> Result<String> {
        let d = Self::def(key)?;
        Ok(Decimal::read(value.trim(), d.label)?.normalize().to_string())
    }

    fn field(&mut self, key: &str) -> &mut Decimal {
        match key {
            AHEAD_RATIO => &mut self.ahead_ratio,
            ON_TRACK_RATIO => &mut self.on_track_ratio,
            BINDING_ON_TRACK_RATIO => &mut self.binding_on_track_ratio,
            APPROX_POINTS => &mut self.approx_points,
            _ => &mut self.approx_relative,
        }
    }

    /// Built from stored pairs (keys of other families ignored); the defaults
    /// where none is stored. A stored value that does not check is an error.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self> {
        let zero = Decimal::ZERO;
        let mut s = PlanSettings { ahead_ratio: zero, on_track_ratio: zero, binding_on_track_ratio: zero, approx_points: zero, approx_relative: zero };
        for d in DEFS {
            *s.field(d.key) = Decimal::read(d.default, d.label)?;
        }
        for (k, v) in pairs {
            if Self::is_key(&k) {
                let d = Self::def(&k)?;
                *s.field(d.key) = Decimal::read(v.trim(), d.label)?;
            }
        }
        s.check_consistent()?;
        Ok(s)
    }

    fn check_consistent(&self) -> Result<()> {
        let ok = self.on_track_ratio <= self.ahead_ratio && self.binding_on_track_ratio <= self.ahead_ratio && self.approx_relative <= Decimal::ONE;
        if ok {
            Ok(())
        } else {
            Err(Error::Invalid("设置不一致：规划的“基本符合预期”倍数（含约束性）应不大于“快于预期”倍数，“左右”允许偏差比例应不超过 1".into()))
        }
    }

    /// The value of `key` as stored.
    pub fn get(&self, key: &str) -> Result<String> {
        let d = Self::def(key)?;
        let mut s = self.clone();
        Ok(s.field(d.key).normalize().to_string())
    }

    pub fn views(&self) -> Vec<SettingView> {
        DEFS.iter().map(|d| SettingView { key: d.key, value: self.get(d.key).unwrap_or_default(), default: d.default, label: d.label }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones_and_values_are_checked() {
        let s = PlanSettings::default();
        assert_eq!(s.ahead_ratio, Decimal::new(105, 2));
        assert_eq!(s.on_track_ratio, Decimal::new(95, 2));
        assert_eq!(s.binding_on_track_ratio, Decimal::ONE);
        assert_eq!(s.approx_points, Decimal::new(2, 1));
        assert_eq!(s.approx_relative, Decimal::new(5, 2));
        assert_eq!(PlanSettings::check(AHEAD_RATIO, " 1.10 ").unwrap(), "1.1");
        assert!(PlanSettings::check(AHEAD_RATIO, "abc").is_err());
        assert!(PlanSettings::check(AHEAD_RATIO, "-1").is_err());
        let bad = PlanSettings::from_pairs([(ON_TRACK_RATIO.to_string(), "1.2".to_string())]).unwrap_err();
        assert!(bad.to_string().contains("设置不一致"), "{bad}");
        let changed = PlanSettings::from_pairs([(AHEAD_RATIO.to_string(), "1.2".to_string()), ("budget_points".into(), "x".into())]).unwrap();
        assert_eq!(changed.get(AHEAD_RATIO).unwrap(), "1.2");
    }
}
