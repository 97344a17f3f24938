//! Arithmetic on values that come from input. A `Decimal` holds about 7.9 × 10²⁸;
//! its operators panic beyond that, so code on input uses `checked_*` (an error,
//! [`crate::Error::too_large`]) or `saturating_*` (a result at its limit) instead.

use rust_decimal::Decimal;

/// `x × y / z`, exact when `x × y` fits, else `x / z × y` (a quotient rounded to
/// 28 digits); `None` when the result itself does not fit or `z` is 0.
pub fn mul_div(x: Decimal, y: Decimal, z: Decimal) -> Option<Decimal> {
    x.checked_mul(y).and_then(|p| p.checked_div(z)).or_else(|| x.checked_div(z)?.checked_mul(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_when_it_fits_else_reordered() {
        let d = |n: i64| Decimal::from(n);
        assert_eq!(mul_div(d(50), d(90), d(90)), Some(d(50)));
        // 10²⁵ × 10⁴ overflows; 10²⁵ / 10⁸ × 10⁴ does not
        let big = Decimal::from_i128_with_scale(10i128.pow(25), 0);
        assert_eq!(mul_div(big, d(10_000), d(100_000_000)), Some(Decimal::from_i128_with_scale(10i128.pow(21), 0)));
        assert_eq!(mul_div(Decimal::MAX, d(2), d(1)), None);
        assert_eq!(mul_div(d(1), d(1), Decimal::ZERO), None);
    }
}
