//! Every number of scoring.md §1–§7 is a setting, stored with the data, with the
//! documented default. The `settings!` list below is the one place they are
//! named: it writes both the [`DEFS`] table and the typed [`Settings`].

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// The formula for a failed `≤`/`<` target (scoring.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeFormula {
    /// `max(0, 1 − (a − t) / t)`
    Linear,
    /// `t / a`
    Inverse,
}

/// One setting as the store keeps it (key/value TEXT) and the 设置 screen lists it.
pub struct SettingDef {
    pub key: &'static str,
    pub default: &'static str,
    /// What it is, in the officer's words.
    pub label: &'static str,
}

/// The largest value a numeric setting may take: every setting is a number of
/// points or a ratio, and the bound keeps every product of a setting with a
/// (capped) ratio far inside what a `Decimal` holds.
pub const MAX_SETTING: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The type of a setting's value: read from its stored text, written back.
pub trait SettingValue: Sized {
    /// Reads `text` (already trimmed); errors name the setting by `label`.
    fn read(text: &str, label: &str) -> Result<Self>;
    fn text(&self) -> String;
}

impl SettingValue for Decimal {
    fn read(text: &str, label: &str) -> Result<Self> {
        let not_number = || Error::Invalid(format!("{label}：“{text}”不是数字"));
        // Decimal::from_str recurses once per digit: no setting needs 40 characters
        if text.len() > 40 {
            return Err(not_number());
        }
        let n = Decimal::from_str(text).map_err(|_| not_number())?;
        if n < Decimal::ZERO {
            return Err(Error::Invalid(format!("{label}：不能为负数")));
        }
        if n > MAX_SETTING {
            return Err(Error::Invalid(format!("{label}：不能大于 {MAX_SETTING}")));
        }
        Ok(n)
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl SettingValue for LeFormula {
    fn read(text: &str, label: &str) -> Result<Self> {
        match text {
            "linear" => Ok(LeFormula::Linear),
            "inverse" => Ok(LeFormula::Inverse),
            _ => Err(Error::Invalid(format!("{label}：应为 linear 或 inverse，而不是“{text}”"))),
        }
    }
    fn text(&self) -> String {
        match self {
            LeFormula::Linear => "linear",
            LeFormula::Inverse => "inverse",
        }
        .to_string()
    }
}

/// Writes, from the one list of settings, the [`DEFS`] table and a [`Settings`]
/// struct with one typed field per setting: code reads `s.budget_points`, so a
/// misspelt name does not compile; a misspelt key from a person or a file is an
/// error naming the known keys.
macro_rules! settings {
    ($( $field:ident : $ty:ty = $default:literal, $label:literal; )*) => {
        /// Every setting: its key, documented default and label. The store seeds
        /// and the 设置 screen lists them in this order.
        pub const DEFS: &[SettingDef] = &[ $( SettingDef { key: stringify!($field), default: $default, label: $label }, )* ];

        /// The scoring settings in force. Built only from [`DEFS`]' defaults and
        /// checked stored pairs ([`Settings::from_pairs`]), so every numeric one
        /// is within `0..=MAX_SETTING` and they are consistent.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Settings {
            $( $field: $ty, )*
        }

        impl Settings {
            $(
                #[doc = $label]
                pub fn $field(&self) -> $ty {
                    self.$field
                }
            )*

            /// The documented defaults.
            fn defaults() -> Result<Self> {
                Ok(Settings { $( $field: <$ty as SettingValue>::read($default, $label)?, )* })
            }

            /// Sets the setting `key` from its text.
            fn set(&mut self, key: &str, text: &str) -> Result<()> {
                match key {
                    $( stringify!($field) => self.$field = <$ty as SettingValue>::read(text.trim(), $label)?, )*
                    _ => return Err(unknown_key(key)),
                }
                Ok(())
            }

            /// The value of the setting `key` as text.
            pub fn get(&self, key: &str) -> Result<String> {
                match key {
                    $( stringify!($field) => Ok(self.$field.text()), )*
                    _ => Err(unknown_key(key)),
                }
            }

            /// Whether the setting `key` holds the same value in `self` and `other`.
            fn same(&self, other: &Settings, key: &str) -> bool {
                match key {
                    $( stringify!($field) => self.$field == other.$field, )*
                    _ => false,
                }
            }
        }
    };
}

settings! {
    budget_points: Decimal = "10", "预算执行率分值";
    indicator_points: Decimal = "90", "绩效指标总分值";
    cost_output_points: Decimal = "50", "成本指标和产出指标合计分值";
    benefit_points: Decimal = "30", "效益指标分值";
    satisfaction_points: Decimal = "10", "满意度指标分值";
    le_formula: LeFormula = "linear", "反向指标未达标得分公式（linear：1 −（实际 − 目标）/ 目标；inverse：目标 / 实际）";
    approx_tolerance: Decimal = "0.05", "“约/左右”指标允许偏差（占目标值比例）";
    label_achieved_min: Decimal = "0.8", "定性指标“达成”得分比例下限";
    label_achieved_default: Decimal = "1.0", "定性指标“达成”默认得分比例";
    label_partial_min: Decimal = "0.6", "定性指标“部分达成”得分比例下限";
    label_partial_default: Decimal = "0.7", "定性指标“部分达成”默认得分比例";
    label_not_achieved_default: Decimal = "0.3", "定性指标“未达成”默认得分比例";
    grade_excellent_min: Decimal = "90", "评价等级“优”最低总分";
    grade_good_min: Decimal = "80", "评价等级“良”最低总分";
    grade_fair_min: Decimal = "60", "评价等级“中”最低总分";
    explain_over_completion: Decimal = "1.3", "完成率达到此值须说明原因（目标设定偏低）";
    explain_budget_rate_below: Decimal = "0.9", "预算执行率低于此值须说明原因";
    light_red_below: Decimal = "0.6", "序时进度低于此值亮红灯";
    light_yellow_below: Decimal = "0.8", "序时进度低于此值亮黄灯";
    light_blue_from: Decimal = "1.2", "序时进度达到此值亮蓝灯";
}

fn unknown_key(key: &str) -> Error {
    let keys: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
    Error::Invalid(format!("没有设置项“{key}”。可用的设置项：{}", keys.join(", ")))
}

impl Default for Settings {
    fn default() -> Self {
        // the defaults are constants of DEFS; `defaults_read_and_agree` reads them all
        Settings::defaults().expect("every documented default reads")
    }
}

/// One setting as shown on the 设置 screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct SettingView {
    pub key: &'static str,
    pub value: String,
    pub default: &'static str,
    pub label: &'static str,
}

impl Settings {
    /// The definition of `key`, or an error listing the known keys.
    pub fn def(key: &str) -> Result<&'static SettingDef> {
        DEFS.iter().find(|d| d.key == key).ok_or_else(|| unknown_key(key))
    }

    /// Checks a value for `key` (an unknown key is an error) and returns it normalised.
    pub fn check(key: &str, value: &str) -> Result<String> {
        let mut s = Settings::default();
        s.set(key, value)?;
        s.get(key)
    }

    /// Builds the settings from stored pairs. A stored value that no longer
    /// checks is an error (it would silently change every score); a key no
    /// longer defined (retired by an upgrade) is ignored.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self> {
        let mut s = Settings::default();
        for (k, v) in pairs {
            if Self::def(&k).is_ok() {
                s.set(&k, &v)?;
            }
        }
        s.check_consistent()?;
        Ok(s)
    }

    /// Settings that contradict each other would make scores meaningless.
    fn check_consistent(&self) -> Result<()> {
        let s = self;
        let one = Decimal::ONE;
        let rules: [(bool, &str); 7] = [
            (s.label_partial_min <= s.label_achieved_min && s.label_achieved_min <= one, "定性指标得分比例下限应满足 0 ≤ 部分达成下限 ≤ 达成下限 ≤ 1"),
            (s.label_achieved_min <= s.label_achieved_default && s.label_achieved_default <= one, "“达成”默认得分比例应在达成下限和 1 之间"),
            (s.label_partial_min <= s.label_partial_default && s.label_partial_default < s.label_achieved_min, "“部分达成”默认得分比例应不低于部分达成下限、低于达成下限"),
            (s.label_not_achieved_default < s.label_partial_min, "“未达成”默认得分比例应低于部分达成下限"),
            (s.light_red_below <= s.light_yellow_below && s.light_yellow_below <= s.light_blue_from, "预警灯界限应满足 红灯 ≤ 黄灯 ≤ 蓝灯"),
            (s.grade_fair_min <= s.grade_good_min && s.grade_good_min <= s.grade_excellent_min, "评价等级分数线应满足 中 ≤ 良 ≤ 优"),
            (s.approx_tolerance <= one && s.indicator_points > Decimal::ZERO, "允许偏差应不超过 1，绩效指标总分值应大于 0"),
        ];
        match rules.iter().find(|(ok, _)| !ok) {
            Some((_, why)) => Err(Error::Invalid(format!("设置不一致：{why}"))),
            None => Ok(()),
        }
    }

    pub fn views(&self) -> Vec<SettingView> {
        DEFS.iter()
            .map(|d| SettingView { key: d.key, value: self.get(d.key).unwrap_or_default(), default: d.default, label: d.label })
            .collect()
    }

    /// The settings that differ from their defaults, for a report's footnote.
    pub fn changed(&self) -> Vec<SettingView> {
        let default = Settings::default();
        self.views().into_iter().filter(|v| !self.same(&default, v.key)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_read_and_agree() {
        let s = Settings::defaults().unwrap();
        assert_eq!(s.budget_points(), Decimal::from(10));
        assert_eq!(s.le_formula(), LeFormula::Linear);
        assert!(s.check_consistent().is_ok());
        for d in DEFS {
            assert_eq!(s.get(d.key).unwrap(), d.default, "{}", d.key);
        }
        assert!(s.changed().is_empty());
    }

    #[test]
    fn a_misspelt_key_is_an_error_not_zero() {
        // issue 9: `Settings::dec("budget_point")` gave 0; code now reads
        // `s.budget_points()` (a misspelling does not compile) and a key from
        // outside is looked up
        let e = Settings::check("budget_point", "10").unwrap_err().to_string();
        assert!(e.contains("budget_point") && e.contains("budget_points"), "{e}");
        assert!(Settings::default().get("budget_point").is_err());
        assert!(Settings::def("grade_good").is_err());
        // every key of DEFS is a field (the macro writes both from one list)
        for d in DEFS {
            assert_eq!(Settings::check(d.key, d.default).unwrap(), d.default, "{}", d.key);
        }
    }

    #[test]
    fn stored_pairs_set_fields() {
        let pairs = [("budget_points", "20"), ("indicator_points", "80"), ("le_formula", " inverse "), ("retired_key", "x")];
        let s = Settings::from_pairs(pairs.map(|(k, v)| (k.to_string(), v.to_string()))).unwrap();
        assert_eq!((s.budget_points(), s.indicator_points(), s.le_formula()), (Decimal::from(20), Decimal::from(80), LeFormula::Inverse));
        let changed: Vec<&str> = s.changed().iter().map(|v| v.key).collect();
        assert_eq!(changed, ["budget_points", "indicator_points", "le_formula"]);
        // 1 and 1.0 are the same value: not a change
        let s = Settings::from_pairs([("label_achieved_default".to_string(), "1".to_string())]).unwrap();
        assert!(s.changed().is_empty());
    }

    #[test]
    fn values_are_checked() {
        assert!(Settings::check("budget_points", "-1").unwrap_err().to_string().contains("负数"));
        assert!(Settings::check("budget_points", "abc").unwrap_err().to_string().contains("不是数字"));
        assert!(Settings::check("budget_points", "10001").unwrap_err().to_string().contains("不能大于 10000"));
        assert_eq!(Settings::check("budget_points", " 10000 ").unwrap(), "10000");
        assert!(Settings::check("le_formula", "square").is_err());
        assert!(Settings::check("budget_points", &"0".repeat(1 << 20)).is_err());
        let e = Settings::from_pairs([("light_red_below".to_string(), "0.9".to_string())]).unwrap_err().to_string();
        assert!(e.contains("设置不一致"), "{e}");
    }
}
