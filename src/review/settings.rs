//! Every word list and number of review.md is a setting (`review_*`), stored
//! with the data beside the scoring settings, with the documented default.
//! [`DEFS`] (key, default, label: the scoring settings' [`SettingDef`]) is the
//! one place they are named.
//!
//! A list is one text value, its items separated by `、` (`,` `，` `;` `；` are
//! read as `、` too; spaces are dropped). A pair of a list is written
//! `变体=标准`. A yes/no setting is `true` or `false` (是 / 否 are read too).

use crate::error::{Error, Result};
use crate::scoring::{SettingDef, SettingView};
use crate::text::normalize;
use rust_decimal::Decimal;
use std::str::FromStr;

const fn def(key: &'static str, default: &'static str, label: &'static str) -> SettingDef {
    SettingDef { key, default, label }
}

pub const REQUIRE_COST: &str = "review_require_cost";
pub const VAGUE_WORDS: &str = "review_vague_words";
pub const BASIS_STANDARDS: &str = "review_basis_standards";
pub const BASIS_VARIANTS: &str = "review_basis_variants";
pub const SATISFACTION_WORDS: &str = "review_satisfaction_words";
pub const QUALITY_WORDS: &str = "review_quality_words";
pub const INDICATOR_WEIGHT_TOTAL: &str = "review_indicator_weight_total";

pub const DEFS: &[SettingDef] = &[
    def(REQUIRE_COST, "true", "审核：绩效目标表必须有成本指标（true / false）"),
    def(
        VAGUE_WORDS,
        "有效、进一步、明显、显著、大幅、逐步、不断、持续、较好、良好、稳步、积极、切实、全面、有所、一定程度、较大",
        "审核：指标值中的模糊表述（用“、”分隔）",
    ),
    def(BASIS_STANDARDS, "计划标准、行业标准、历史标准、其他标准", "审核：指标值确定依据的规范写法（用“、”分隔）"),
    def(
        BASIS_VARIANTS,
        "历史指标=历史标准、计划指标=计划标准、行业指标=行业标准、其他=其他标准",
        "审核：指标值确定依据的近似写法及其规范写法（“近似=规范”，用“、”分隔）",
    ),
    def(SATISFACTION_WORDS, "满意", "审核：三级指标名称含这些词即为满意度指标（用“、”分隔）"),
    def(QUALITY_WORDS, "合格率、达标率、验收、准确率、完好率、完成率", "审核：效益指标名称含这些词疑似质量指标（用“、”分隔）"),
    def(INDICATOR_WEIGHT_TOTAL, "90", "审核：绩效指标分值合计应为"),
];

/// The review settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSettings {
    /// `missing-category` asks for 成本 too.
    pub require_cost: bool,
    /// Words that make a target vague (`vague-target`).
    pub vague_words: Vec<String>,
    /// The standard forms of 指标值确定依据 (`basis-category`).
    pub basis_standards: Vec<String>,
    /// Near variants of a basis and the standard form each should be (`历史指标` → `历史标准`).
    pub basis_variants: Vec<(String, String)>,
    /// A level-3 name holding one of these is a satisfaction indicator (`satisfaction-misplaced`).
    pub satisfaction_words: Vec<String>,
    /// A level-3 name under 效益 holding one of these looks like a quality indicator (`quality-misplaced`).
    pub quality_words: Vec<String>,
    /// What the weights (分值) of all indicators must add up to (`weights-sum`).
    pub indicator_weight_total: Decimal,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        let mut s = ReviewSettings {
            require_cost: true,
            vague_words: Vec::new(),
            basis_standards: Vec::new(),
            basis_variants: Vec::new(),
            satisfaction_words: Vec::new(),
            quality_words: Vec::new(),
            indicator_weight_total: Decimal::from(90),
        };
        for d in DEFS {
            let v = ReviewSettings::check(d.key, d.default).expect("defaults check");
            s.set(d.key, &v).expect("defaults apply");
        }
        s
    }
}

/// The items of a list value, normalised, empty items dropped.
fn items(value: &str) -> Vec<String> {
    normalize(value)
        .split(['、', ',', ';'])
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect()
}

fn pairs(value: &str) -> std::result::Result<Vec<(String, String)>, String> {
    items(value)
        .into_iter()
        .map(|item| match item.split_once('=') {
            Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('=') => Ok((a.to_string(), b.to_string())),
            _ => Err(format!("“{item}”应写成“近似=规范”，如“历史指标=历史标准”")),
        })
        .collect()
}

impl ReviewSettings {
    /// The definition of `key`, or an error listing the known keys.
    pub fn def(key: &str) -> Result<&'static SettingDef> {
        DEFS.iter().find(|d| d.key == key).ok_or_else(|| {
            let keys: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
            Error::Invalid(format!("没有审核设置项“{key}”。可用的设置项：{}", keys.join(", ")))
        })
    }

    /// True for a key of this table (the store keeps review and scoring settings side by side).
    pub fn is_key(key: &str) -> bool {
        DEFS.iter().any(|d| d.key == key)
    }

    /// Checks a value for `key` and returns it as it is stored (lists joined by `、`).
    pub fn check(key: &str, value: &str) -> Result<String> {
        let d = Self::def(key)?;
        let bad = |why: String| Error::Invalid(format!("{}：{why}", d.label));
        match key {
            REQUIRE_COST => match normalize(value).as_str() {
                "true" | "是" => Ok("true".into()),
                "false" | "否" => Ok("false".into()),
                _ => Err(bad(format!("应为 true 或 false，而不是“{value}”"))),
            },
            INDICATOR_WEIGHT_TOTAL => {
                let n = Decimal::from_str(&normalize(value)).map_err(|_| bad(format!("“{value}”不是数字")))?;
                if n <= Decimal::ZERO {
                    return Err(bad("应大于 0".into()));
                }
                Ok(n.normalize().to_string())
            }
            BASIS_VARIANTS => {
                let p = pairs(value).map_err(bad)?;
                Ok(p.iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>().join("、"))
            }
            _ => {
                let list = items(value);
                if list.is_empty() && matches!(key, BASIS_STANDARDS | SATISFACTION_WORDS) {
                    return Err(bad("至少要有一项".into()));
                }
                Ok(list.join("、"))
            }
        }
    }

    /// Applies one checked value.
    fn set(&mut self, key: &str, checked: &str) -> Result<()> {
        match key {
            REQUIRE_COST => self.require_cost = checked == "true",
            INDICATOR_WEIGHT_TOTAL => self.indicator_weight_total = Decimal::from_str(checked).map_err(|e| Error::Invalid(e.to_string()))?,
            BASIS_VARIANTS => self.basis_variants = pairs(checked).map_err(Error::Invalid)?,
            VAGUE_WORDS => self.vague_words = items(checked),
            BASIS_STANDARDS => self.basis_standards = items(checked),
            SATISFACTION_WORDS => self.satisfaction_words = items(checked),
            QUALITY_WORDS => self.quality_words = items(checked),
            _ => {
                Self::def(key)?;
            }
        }
        Ok(())
    }

    /// Builds the settings from stored pairs; keys of other tables are ignored,
    /// a stored review value that no longer checks is an error.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self> {
        let mut s = ReviewSettings::default();
        for (k, v) in pairs {
            if Self::is_key(&k) {
                let v = Self::check(&k, &v)?;
                s.set(&k, &v)?;
            }
        }
        s.check_consistent()?;
        Ok(s)
    }

    /// A variant that names no standard form would tell the officer to write a wrong word.
    fn check_consistent(&self) -> Result<()> {
        match self.basis_variants.iter().find(|(_, std)| !self.basis_standards.contains(std)) {
            Some((v, std)) => Err(Error::Invalid(format!(
                "设置不一致：依据的近似写法“{v}”对应的“{std}”不在规范写法（{}）之中",
                self.basis_standards.join("、")
            ))),
            None => Ok(()),
        }
    }

    /// The value of `key` as stored.
    pub fn get(&self, key: &str) -> Result<String> {
        Self::def(key)?;
        Ok(match key {
            REQUIRE_COST => self.require_cost.to_string(),
            INDICATOR_WEIGHT_TOTAL => self.indicator_weight_total.normalize().to_string(),
            BASIS_VARIANTS => self.basis_variants.iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>().join("、"),
            VAGUE_WORDS => self.vague_words.join("、"),
            BASIS_STANDARDS => self.basis_standards.join("、"),
            SATISFACTION_WORDS => self.satisfaction_words.join("、"),
            _ => self.quality_words.join("、"),
        })
    }

    /// Every review setting as the 设置 screen shows it (the scoring settings' view type).
    pub fn views(&self) -> Vec<SettingView> {
        DEFS.iter()
            .map(|d| SettingView { key: d.key, value: self.get(d.key).unwrap_or_default(), default: d.default, label: d.label })
            .collect()
    }

    /// The settings that differ from their defaults, for a form's footnote.
    pub fn changed(&self) -> Vec<SettingView> {
        let default = ReviewSettings::default();
        self.views().into_iter().filter(|v| default.get(v.key).ok().as_deref() != Some(v.value.as_str())).collect()
    }
}
