//! How the core writes numbers for people: the one place a ratio becomes a
//! percentage and an amount gets its places. The CLI, the forms and the app (which
//! receives these strings) all show what these functions wrote.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to `dp` places and shows exactly `dp` places.
/// Quotients carry 28 digits, so an exact 1.845 can arrive as 1.84499…9; it is
/// first rounded to 20 places, which restores the midpoint before the real rounding.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    let settled = d.round_dp_with_strategy(20, RoundingStrategy::MidpointAwayFromZero);
    let mut r = settled.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// A ratio as a percentage with 2 places (`0.98901` → `98.90%`), `—` when there is none.
/// The ratio is rounded to 4 places first, as `evaluate --json` writes it.
pub fn percent_text(d: Option<Decimal>) -> String {
    d.map(|d| format!("{}%", round(round(d, 4) * Decimal::ONE_HUNDRED, 2))).unwrap_or_else(|| "—".into())
}

/// An amount or score with 2 places, `—` when there is none.
pub fn fixed2_text(d: Option<Decimal>) -> String {
    d.map(|d| round(d, 2).to_string()).unwrap_or_else(|| "—".into())
}

/// The record's own fields, as its `#[serde(remote = "Self")]` derive writes them
/// (implemented by [`display_fields!`]).
pub trait OwnFields {
    fn serialize_own<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error>;
}

/// `serialize_with` of the record inside a shown struct (see [`display_fields!`]).
pub fn own_fields<T: OwnFields, S: serde::Serializer>(record: &&T, s: S) -> std::result::Result<S::Ok, S::Error> {
    record.serialize_own(s)
}

/// Sends a record with fields computed for display after its own: the app shows
/// them as they come and never derives them, so each rule stays here, in Rust, once.
///
/// `display_fields!(Actual as ActualShown = "Actual" { input: ActualInput = Actual::input })`
/// makes `Actual` serialize as its own fields followed by `input`. The record must
/// derive serde with `#[serde(remote = "Self")]` (its derive then writes inherent
/// `serialize`/`deserialize` functions; `deserialize` adds the `Deserialize` that
/// delegates to them, ignoring the display fields), and, for the generated
/// TypeScript, be renamed (`#[ts(rename = "ActualRecord")]`, not exported): the
/// exported `Actual` is the shown struct, the record's fields and the display fields.
macro_rules! display_fields {
    ($(#[$doc:meta])* $record:ident as $shown:ident = $ts_name:literal $(, $de:ident)? {
        $($(#[$fdoc:meta])* $field:ident: $ty:ty = $compute:expr),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(serde::Serialize)]
        #[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/", rename = $ts_name))]
        pub struct $shown<'a> {
            #[serde(flatten, serialize_with = "crate::display::own_fields")]
            #[cfg_attr(test, ts(flatten))]
            record: &'a $record,
            $($(#[$fdoc])* pub $field: $ty,)+
        }

        impl<'a> $shown<'a> {
            pub fn new(record: &'a $record) -> Self {
                $shown { record, $($field: ($compute)(record),)+ }
            }
        }

        impl crate::display::OwnFields for $record {
            fn serialize_own<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                $record::serialize(self, s)
            }
        }

        impl serde::Serialize for $record {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&$shown::new(self), s)
            }
        }

        $(crate::display::display_fields!(@$de $record);)?
    };
    (@deserialize $record:ident) => {
        impl<'de> serde::Deserialize<'de> for $record {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                $record::deserialize(d)
            }
        }
    };
}
pub(crate) use display_fields;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_like_evaluate() {
        assert_eq!(percent_text(Some(Decimal::new(98901, 5))), "98.90%");
        assert_eq!(percent_text(Some(Decimal::new(18449, 4))), "184.49%");
        assert_eq!(percent_text(None), "—");
        assert_eq!(fixed2_text(Some(Decimal::new(1845, 3))), "1.85");
    }

    #[test]
    fn an_evaluation_row_is_sent_with_its_percentage() {
        use crate::scoring::{IndicatorEvaluation, Light, Status};
        let row = IndicatorEvaluation {
            id: "1".into(),
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: "x".into(),
            target: "≥20次".into(),
            actual: Some("18次".into()),
            status: Status::Fail,
            completion_ratio: Some(Decimal::new(9, 1)),
            weight: None,
            score: Decimal::ZERO,
            light: Light::Red,
            progress: None,
            needs_explanation: false,
            explanation_missing: false,
            indicator_id: 1,
            score_ratio: Decimal::ZERO,
            reason: Some("not sent".into()),
            measures: None,
        };
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!((json["completion_ratio"].as_str(), json["completion_pct"].as_str()), (Some("0.9000"), Some("90.00%")));
        assert!(json.get("reason").is_none(), "skipped fields stay skipped");
        // the word and the actual the forms print, sent as they are
        assert_eq!((json["status_word"].as_str(), json["actual_shown"].as_str()), (Some("未达标"), Some("18次")));
        let missing = IndicatorEvaluation { status: Status::Missing, actual: None, ..row.clone() };
        assert_eq!((missing.status.word(), missing.actual_shown().as_str()), ("未填报", "未填报"));
        let none = IndicatorEvaluation { completion_ratio: None, ..row };
        assert_eq!(serde_json::to_value(&none).unwrap()["completion_pct"], "—");
    }

    #[test]
    fn the_money_side_is_sent_with_its_percentages() {
        use crate::model::{Budget, EvaluationTexts, MoneyUnit, Period, Project, Spending};
        let project = Project {
            id: 1,
            year: 2023,
            code: "P".into(),
            name: "项目".into(),
            unit_code: "U".into(),
            unit_name: "单位".into(),
            money_unit: MoneyUnit::Yuan,
            budget: Budget { total: Some(Decimal::new(3000, 0)), ..Budget::default() },
            fund_use: None,
            goal: None,
            spending_plan: vec![],
            texts: EvaluationTexts::default(),
        };
        let period = Period::parse("2023Q2").unwrap();
        let spent = Spending { id: 1, project_id: 1, period, amount: Decimal::new(1000, 0), reason: None, measures: None, updated_at: String::new() };
        let settings = crate::scoring::Settings::default();
        let e = crate::scoring::evaluate_project(&project, &[], &Default::default(), Some(&spent), period, &settings);
        let b = serde_json::to_value(&e.budget_execution).unwrap();
        // 1000 of 3000: 33.33%; the plan by June is half the budget: 1000 of 1500
        assert_eq!((b["rate"].as_str(), b["rate_pct"].as_str()), (Some("0.3333"), Some("33.33%")));
        assert_eq!((b["progress"].as_str(), b["progress_pct"].as_str()), (Some("0.6667"), Some("66.67%")));
        let none = crate::scoring::evaluate_project(&project, &[], &Default::default(), None, period, &settings);
        assert_eq!(none.budget_execution.rate_pct, "0.00%");
    }
}
