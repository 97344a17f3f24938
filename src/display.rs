//! How the core writes numbers for people: the one place a ratio becomes a
//! percentage and an amount gets its places. The CLI, the forms and the app (which
//! receives these strings) all show what these functions wrote.

use crate::scoring::round;
use rust_decimal::Decimal;

/// A ratio as a percentage with 2 places (`0.98901` → `98.90%`), `—` when there is none.
/// The ratio is rounded to 4 places first, as `evaluate --json` writes it.
pub fn percent_text(d: Option<Decimal>) -> String {
    d.map(|d| format!("{}%", round(round(d, 4) * Decimal::ONE_HUNDRED, 2))).unwrap_or_else(|| "—".into())
}

/// An amount or score with 2 places, `—` when there is none.
pub fn fixed2_text(d: Option<Decimal>) -> String {
    d.map(|d| round(d, 2).to_string()).unwrap_or_else(|| "—".into())
}

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
}
