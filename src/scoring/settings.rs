//! Every number of scoring.md §1–§7 is a setting, stored with the data, with the
//! documented default. This table is the one place they are named.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
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

pub struct SettingDef {
    pub key: &'static str,
    pub default: &'static str,
    /// What it is, in the officer's words.
    pub label: &'static str,
}

const fn def(key: &'static str, default: &'static str, label: &'static str) -> SettingDef {
    SettingDef { key, default, label }
}

pub const DEFS: &[SettingDef] = &[
    def("budget_points", "10", "预算执行率分值"),
    def("indicator_points", "90", "绩效指标总分值"),
    def("cost_output_points", "50", "成本指标和产出指标合计分值"),
    def("benefit_points", "30", "效益指标分值"),
    def("satisfaction_points", "10", "满意度指标分值"),
    def("le_formula", "linear", "反向指标未达标得分公式（linear：1 −（实际 − 目标）/ 目标；inverse：目标 / 实际）"),
    def("approx_tolerance", "0.05", "“约/左右”指标允许偏差（占目标值比例）"),
    def("label_achieved_min", "0.8", "定性指标“达成”得分比例下限"),
    def("label_achieved_default", "1.0", "定性指标“达成”默认得分比例"),
    def("label_partial_min", "0.6", "定性指标“部分达成”得分比例下限"),
    def("label_partial_default", "0.7", "定性指标“部分达成”默认得分比例"),
    def("label_not_achieved_default", "0.3", "定性指标“未达成”默认得分比例"),
    def("grade_excellent_min", "90", "评价等级“优”最低总分"),
    def("grade_good_min", "80", "评价等级“良”最低总分"),
    def("grade_fair_min", "60", "评价等级“中”最低总分"),
    def("explain_over_completion", "1.3", "完成率达到此值须说明原因（目标设定偏低）"),
    def("explain_budget_rate_below", "0.9", "预算执行率低于此值须说明原因"),
    def("light_red_below", "0.6", "序时进度低于此值亮红灯"),
    def("light_yellow_below", "0.8", "序时进度低于此值亮黄灯"),
    def("light_blue_from", "1.2", "序时进度达到此值亮蓝灯"),
];

/// The scoring settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    values: BTreeMap<&'static str, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { values: DEFS.iter().map(|d| (d.key, d.default.to_string())).collect() }
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
        DEFS.iter().find(|d| d.key == key).ok_or_else(|| {
            let keys: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
            Error::Invalid(format!("没有设置项“{key}”。可用的设置项：{}", keys.join(", ")))
        })
    }

    /// Checks a value for `key` and returns it normalised.
    pub fn check(key: &str, value: &str) -> Result<String> {
        let d = Self::def(key)?;
        let v = value.trim();
        if key == "le_formula" {
            return match v {
                "linear" | "inverse" => Ok(v.to_string()),
                _ => Err(Error::Invalid(format!("{}：应为 linear 或 inverse，而不是“{value}”", d.label))),
            };
        }
        let n = Decimal::from_str(v).map_err(|_| Error::Invalid(format!("{}：“{value}”不是数字", d.label)))?;
        if n < Decimal::ZERO {
            return Err(Error::Invalid(format!("{}：不能为负数", d.label)));
        }
        Ok(n.to_string())
    }

    /// Builds the settings from stored pairs; a stored value that no longer checks
    /// is an error (it would silently change every score).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self> {
        let mut s = Settings::default();
        for (k, v) in pairs {
            if let Ok(d) = Self::def(&k) {
                let v = Self::check(&k, &v)?;
                s.values.insert(d.key, v);
            }
        }
        s.check_consistent()?;
        Ok(s)
    }

    /// Settings that contradict each other would make scores meaningless.
    fn check_consistent(&self) -> Result<()> {
        let d = |k: &str| self.dec(k);
        let one = Decimal::ONE;
        let rules: [(bool, &str); 7] = [
            (d("label_partial_min") <= d("label_achieved_min") && d("label_achieved_min") <= one, "定性指标得分比例下限应满足 0 ≤ 部分达成下限 ≤ 达成下限 ≤ 1"),
            (d("label_achieved_min") <= d("label_achieved_default") && d("label_achieved_default") <= one, "“达成”默认得分比例应在达成下限和 1 之间"),
            (d("label_partial_min") <= d("label_partial_default") && d("label_partial_default") < d("label_achieved_min"), "“部分达成”默认得分比例应不低于部分达成下限、低于达成下限"),
            (d("label_not_achieved_default") < d("label_partial_min"), "“未达成”默认得分比例应低于部分达成下限"),
            (d("light_red_below") <= d("light_yellow_below") && d("light_yellow_below") <= d("light_blue_from"), "预警灯界限应满足 红灯 ≤ 黄灯 ≤ 蓝灯"),
            (d("grade_fair_min") <= d("grade_good_min") && d("grade_good_min") <= d("grade_excellent_min"), "评价等级分数线应满足 中 ≤ 良 ≤ 优"),
            (d("approx_tolerance") <= one && d("indicator_points") > Decimal::ZERO, "允许偏差应不超过 1，绩效指标总分值应大于 0"),
        ];
        match rules.iter().find(|(ok, _)| !ok) {
            Some((_, why)) => Err(Error::Invalid(format!("设置不一致：{why}"))),
            None => Ok(()),
        }
    }

    pub fn get(&self, key: &str) -> Result<&str> {
        Self::def(key)?;
        Ok(self.values.get(key).map(String::as_str).unwrap_or_default())
    }

    pub fn views(&self) -> Vec<SettingView> {
        DEFS.iter()
            .map(|d| SettingView { key: d.key, value: self.values[d.key].clone(), default: d.default, label: d.label })
            .collect()
    }

    /// A numeric setting (all but `le_formula`).
    pub fn dec(&self, key: &str) -> Decimal {
        self.values.get(key).and_then(|v| Decimal::from_str(v).ok()).unwrap_or_default()
    }

    pub fn le_formula(&self) -> LeFormula {
        if self.values.get("le_formula").map(String::as_str) == Some("inverse") { LeFormula::Inverse } else { LeFormula::Linear }
    }

    /// The settings that differ from their defaults, for a report's footnote.
    pub fn changed(&self) -> Vec<SettingView> {
        self.views().into_iter().filter(|v| v.value != Settings::check(v.key, v.default).unwrap_or_default()).collect()
    }
}
