//! Text as it really arrives: full-width characters, spaces and line breaks
//! anywhere, thousands separators. One normalisation, used by the target parser
//! and by actual values, so both read numbers the same way.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Full-width ASCII twins to ASCII, ideographic space to space, and every kind of
/// white space removed. `１００％` → `100%`; `小于等于\n2023 年 8\n月` → `小于等于2023年8月`.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => u32::from(c).checked_sub(0xFEE0).and_then(char::from_u32).unwrap_or(c),
                '\u{3000}' => ' ',
                // dashes and tildes that mean "to" in a range
                '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' | '\u{2212}' => '—',
                '\u{301C}' => '~',
                _ => c,
            };
            if c.is_whitespace() { None } else { Some(c) }
        })
        .collect()
}

/// Reads an unsigned decimal number at the start of `s` (already normalised):
/// digits with optional thousands separators (`9,216.72`) and one decimal point.
/// Returns the number and the rest of the text; `None` when `s` does not start
/// with a number or the number does not fit a `Decimal` (see [`number_prefix`]).
pub fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    number_prefix(s).ok().flatten()
}

/// Integer digits beyond this many are too large for a `Decimal` (29 at most).
const INT_DIGITS: usize = 30;
/// Decimals kept: a `Decimal` rounds at 28 places, so 30 decide the rounding.
const FRAC_DIGITS: usize = 30;

/// [`leading_number`], telling a number too large to compute with
/// ([`Error::too_large`]) from no number at all (`Ok(None)`). Any length is read
/// in one pass: leading zeros and decimals past the 30th are dropped before the
/// digits reach `Decimal::from_str` (which recurses once per digit).
pub fn number_prefix(s: &str) -> Result<Option<(Decimal, &str)>> {
    let mut rest = s;
    let mut int = String::new();
    let mut frac = String::new();
    let (mut any_digit, mut seen_point, mut too_many) = (false, false, false);
    loop {
        let after = rest.get(1..).unwrap_or_default();
        let next = after.as_bytes();
        match rest.as_bytes().first() {
            Some(&b) if b.is_ascii_digit() => {
                any_digit = true;
                if seen_point {
                    if frac.len() < FRAC_DIGITS {
                        frac.push(char::from(b));
                    }
                } else if int.len() >= INT_DIGITS {
                    too_many = true;
                } else if !(int.is_empty() && b == b'0') {
                    int.push(char::from(b));
                }
            }
            // a thousands separator is followed by exactly three digits
            Some(b',') if !seen_point && any_digit
                && next.get(..3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && !next.get(3).is_some_and(u8::is_ascii_digit) => {}
            Some(b'.') if !seen_point && any_digit && next.first().is_some_and(u8::is_ascii_digit) => seen_point = true,
            _ => break,
        }
        rest = after;
    }
    if !any_digit {
        return Ok(None);
    }
    let too_large = || Error::too_large(s.get(..s.len().saturating_sub(rest.len())).unwrap_or(s));
    if too_many {
        return Err(too_large());
    }
    let digits = match (int.is_empty(), frac.is_empty()) {
        (true, true) => "0".to_string(),
        (true, false) => format!("0.{frac}"),
        (false, true) => int,
        (false, false) => format!("{int}.{frac}"),
    };
    // decimals beyond 28 places are rounded; an integer part beyond the range
    // of a Decimal is the only error
    Decimal::from_str(&digits).map(|d| Some((d, rest))).map_err(|_| too_large())
}

/// True when `s` holds at least one ASCII digit.
pub fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// True for CJK ideographs (the words of a qualitative target).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_breaks() {
        assert_eq!(normalize("１００％"), "100%");
        assert_eq!(normalize("小于等于\n2023 年 8\n月"), "小于等于2023年8月");
        assert_eq!(normalize("＞5 个"), ">5个");
        assert_eq!(normalize("5　～　6"), "5~6");
    }

    #[test]
    fn numbers() {
        let (d, rest) = leading_number("9,216.72万元").unwrap();
        assert_eq!(d.to_string(), "9216.72");
        assert_eq!(rest, "万元");
        let (d, rest) = leading_number("1,694,000元").unwrap();
        assert_eq!(d.to_string(), "1694000");
        assert_eq!(rest, "元");
        let (d, rest) = leading_number("377.3").unwrap();
        assert_eq!((d.to_string().as_str(), rest), ("377.3", ""));
        // a comma not followed by three digits is not a separator
        let (d, rest) = leading_number("3,4").unwrap();
        assert_eq!((d.to_string().as_str(), rest), ("3", ",4"));
        assert!(leading_number("abc").is_none());
        assert!(leading_number(".5").is_none());
        assert_eq!(leading_number("3,").map(|(d, r)| (d.to_string(), r)), Some(("3".into(), ",")));
        assert_eq!(leading_number("3.").map(|(d, r)| (d.to_string(), r)), Some(("3".into(), ".")));
    }

    #[test]
    fn too_large_is_told_from_no_number() {
        let big = "79228162514264337593543950336"; // Decimal::MAX + 1
        let e = number_prefix(&format!("{big}万元")).unwrap_err().to_string();
        assert!(e.contains("数值过大") && e.contains(big) && !e.contains("万元"), "{e}");
        assert!(leading_number(big).is_none());
        assert_eq!(number_prefix("元").unwrap(), None);
        // Decimal::MAX itself, and decimals beyond 28 digits (rounded), are numbers
        let (d, _) = number_prefix("79,228,162,514,264,337,593,543,950,335").unwrap().unwrap();
        assert_eq!(d, Decimal::MAX);
        let (d, _) = number_prefix("0.12345678901234567890123456789").unwrap().unwrap();
        assert_eq!(d.to_string(), "0.1234567890123456789012345679");
        // a million digits: read in one pass (Decimal::from_str recursed once per digit)
        let zeros = "0".repeat(1 << 20);
        let text = format!("{zeros}12.5{zeros}1元");
        let (d, rest) = number_prefix(&text).unwrap().unwrap();
        assert_eq!((d, rest), (Decimal::new(125, 1), "元"));
        assert_eq!(leading_number(&zeros).map(|(d, r)| (d, r.len())), Some((Decimal::ZERO, 0)));
        let e = number_prefix(&"9".repeat(1 << 20)).unwrap_err().to_string();
        assert!(e.contains("数值过大"));
        // the same rounding as Decimal::from_str of all the digits
        let long = "1000000.000000000000000000000500000001";
        let (d, _) = number_prefix(long).unwrap().unwrap();
        assert_eq!(d, Decimal::from_str(long).unwrap());
    }
}

/// The most characters one field may hold (a cell of a table, a reason, a
/// goal). A 绩效目标表's longest texts are a few hundred characters; a field
/// far beyond this is a wrong file or a paste gone wrong, and refused with a
/// message rather than stored and sent to every screen.
pub const MAX_FIELD_CHARS: usize = 10_000;

/// `value` within [`MAX_FIELD_CHARS`], or an error naming `label`.
pub fn check_length(label: &str, value: &str) -> Result<()> {
    let n = value.chars().count();
    if n > MAX_FIELD_CHARS {
        return Err(Error::Invalid(format!("{label}过长（{n} 字），最多 {MAX_FIELD_CHARS} 字")));
    }
    Ok(())
}

#[cfg(test)]
mod length_tests {
    use super::*;

    #[test]
    fn a_field_of_a_megabyte_is_refused_and_one_at_the_limit_is_not() {
        assert!(check_length("三级指标", &"字".repeat(MAX_FIELD_CHARS)).is_ok());
        let e = check_length("三级指标", &"a".repeat(1 << 20)).unwrap_err().to_string();
        assert!(e.contains("三级指标过长（1048576 字）"), "{e}");
    }
}
