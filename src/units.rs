//! Units of measure (value-forms.md, "Units of an actual value"): which units can
//! be compared, and the factor between them. Every conversion goes through
//! [`convert`]; nothing else multiplies by 10⁴.

use crate::arith::mul_div;
use crate::error::{Error, Result, TOO_LARGE};
use rust_decimal::Decimal;

/// A unit read as `factor × base`: `万元` = 10⁴ × `元`, `小时` = 3600 × `秒`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitParts {
    /// The family's base unit; empty for a bare magnitude (`万`) or no unit at all.
    pub base: String,
    pub factor: Decimal,
}

/// Splits a unit into its base and factor. Magnitude prefixes multiply
/// (`亿万元` = 10¹² 元); a factor beyond what a `Decimal` holds is an error.
pub fn parts(unit: &str) -> Result<UnitParts> {
    let mut factor = Decimal::ONE;
    let mut rest = unit;
    loop {
        if let Some((base, f)) = known(rest) {
            let factor = factor.checked_mul(f).ok_or_else(|| Error::too_large(unit))?;
            return Ok(UnitParts { base: base.to_string(), factor });
        }
        let magnitude = [("亿", Decimal::from(100_000_000)), ("万", Decimal::from(10_000))]
            .into_iter()
            .find_map(|(prefix, f)| rest.strip_prefix(prefix).map(|r| (r, f)));
        match magnitude {
            Some((r, f)) => {
                factor = factor.checked_mul(f).ok_or_else(|| Error::too_large(unit))?;
                rest = r;
            }
            None => return Ok(UnitParts { base: rest.to_string(), factor }),
        }
    }
}

/// The units with a base and factor of their own (without a magnitude prefix).
fn known(unit: &str) -> Option<(&'static str, Decimal)> {
    Some(match unit {
        "" => ("", Decimal::ONE),
        // money
        "元" => ("元", Decimal::ONE),
        "千元" => ("元", Decimal::ONE_THOUSAND),
        // time: 个月 and 年 only compare with themselves (they are their own base)
        "秒" => ("秒", Decimal::ONE),
        "分钟" => ("秒", Decimal::from(60)),
        "小时" => ("秒", Decimal::from(3600)),
        "天" | "日" => ("秒", Decimal::from(86400)),
        "%" => ("%", Decimal::ONE),
        // tables write 人/次 for 人次 (a count of visits)
        "人/次" => ("人次", Decimal::ONE),
        _ => return None,
    })
}

/// Converts `value` written in `from` into the unit `to` (a target's unit).
/// An empty `from` means "in the target's unit". A target unit with no base
/// (`万`, or none) accepts any unit, scaled by magnitude. Across families it is
/// an error naming both units; a result beyond what a `Decimal` holds is
/// [`Error::too_large`].
pub fn convert(value: Decimal, from: &str, to: &str) -> Result<Decimal> {
    if from.is_empty() || from == to {
        return Ok(value);
    }
    let written = || Error::too_large(&format!("{value}{from}"));
    let f = parts(from).map_err(|_| written())?;
    let t = parts(to).map_err(|_| Error::Invalid(format!("指标值的单位“{to}”{TOO_LARGE}，请修改指标值")))?;
    if t.base.is_empty() || f.base == t.base {
        return mul_div(value, f.factor, t.factor).ok_or_else(written);
    }
    Err(Error::Invalid(format!(
        "单位不符：实际值的单位“{from}”不能与指标值的单位“{to}”比较"
    )))
}

/// How an indicator is expected to progress through the year (scoring.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum Accumulation {
    /// Counts and amounts grow through the year: expected `t × f` by quarter's end.
    Cumulative,
    /// Rates, grades, durations: expected at `t` already.
    Level,
}

impl Accumulation {
    pub fn as_str(self) -> &'static str {
        match self {
            Accumulation::Cumulative => "cumulative",
            Accumulation::Level => "level",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "cumulative" => Some(Self::Cumulative),
            "level" => Some(Self::Level),
            _ => None,
        }
    }
}

/// The guess of §7 for a quantity target's unit.
pub fn guess_accumulation(unit: &str) -> Accumulation {
    const LEVEL_UNITS: [&str; 8] = ["%", "‰", "分", "倍", "秒", "分钟", "小时", "天"];
    let level = LEVEL_UNITS.contains(&unit)
        || ["个月", "年", "工作日", "个工作日", "周", "日"].contains(&unit)
        || unit.ends_with('级')
        || (unit.contains('/') && unit != "人/次");
    if level { Accumulation::Level } else { Accumulation::Cumulative }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_converts() {
        assert_eq!(convert(d("1694000"), "元", "万元").unwrap(), d("169.4"));
        assert_eq!(convert(d("5200"), "万元", "亿元").unwrap(), d("0.52"));
        assert_eq!(convert(d("3"), "亿元", "万元").unwrap(), d("30000"));
    }

    #[test]
    fn magnitudes_on_counted_units() {
        assert_eq!(convert(d("180000"), "个", "万个").unwrap(), d("18"));
        assert_eq!(convert(d("2"), "万人", "人").unwrap(), d("20000"));
        // a bare 万 accepts any unit of its magnitude family
        assert_eq!(convert(d("2000000"), "元", "万").unwrap(), d("200"));
        assert_eq!(convert(d("1100"), "人次", "人/次").unwrap(), d("1100"));
    }

    #[test]
    fn time_converts_but_months_do_not() {
        assert_eq!(convert(d("90"), "分钟", "小时").unwrap(), d("1.5"));
        assert!(convert(d("1"), "年", "个月").is_err());
    }

    #[test]
    fn too_large_to_convert_is_an_error() {
        let e = convert(Decimal::MAX, "亿元", "元").unwrap_err().to_string();
        assert!(e.contains("过大"), "{e}");
    }

    #[test]
    fn mismatch_names_both_units() {
        let e = convert(d("3"), "个", "万元").unwrap_err().to_string();
        assert!(e.contains("个") && e.contains("万元"), "{e}");
        assert!(convert(d("3"), "元", "%").is_err());
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        // issue 12: `1亿亿亿亿元` panicked with "Multiplication overflowed"
        let e = convert(d("1"), "亿亿亿亿元", "万元").unwrap_err().to_string();
        assert_eq!(e, "“1亿亿亿亿元”数值过大，请检查数值和单位");
        let e = convert(d("1"), "元", "亿亿亿亿元").unwrap_err().to_string();
        assert_eq!(e, "指标值的单位“亿亿亿亿元”数值过大，请修改指标值");
        assert!(parts(&"亿".repeat(100_000)).is_err(), "a long prefix chain neither overflows nor recurses");
        let max = Decimal::MAX;
        let e = convert(max, "亿元", "元").unwrap_err().to_string();
        assert!(e.contains("数值过大"), "{e}");
        // the intermediate product overflows, the result does not
        assert_eq!(convert(d("10000000000000000000000000"), "万元", "亿元").unwrap(), d("1000000000000000000000"));
        assert_eq!(convert(max, "元", "万元").unwrap(), max / d("10000"));
        assert_eq!(parts("亿亿元").unwrap(), UnitParts { base: "元".into(), factor: d("10000000000000000") });
    }

    #[test]
    fn accumulation_guess() {
        use Accumulation::*;
        for (u, a) in [
            ("%", Level), ("分", Level), ("A级", Level), ("倍", Level), ("小时", Level),
            ("个月", Level), ("次/年", Level), ("人/次", Cumulative), ("个", Cumulative),
            ("万元", Cumulative), ("家", Cumulative), ("", Cumulative),
        ] {
            assert_eq!(guess_accumulation(u), a, "{u}");
        }
    }
}
