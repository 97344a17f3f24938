//! Text as it really arrives: full-width characters, spaces and line breaks
//! anywhere, thousands separators. One normalisation, used by the target parser
//! and by actual values, so both read numbers the same way.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Full-width ASCII twins to ASCII, ideographic space to space, and every kind of
/// white space removed. `１００％` → `100%`; `小于等于\n2023 年 8\n月` → `小于等于2023年8月`.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
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
/// Returns the number and the rest of the text.
pub fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_point = false;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits.push(b as char);
            end += 1;
        } else if b == b',' && !seen_point && !digits.is_empty()
            // a thousands separator is followed by exactly three digits
            && bytes.len() >= end + 4
            && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 1;
        } else if b == b'.' && !seen_point && !digits.is_empty()
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            seen_point = true;
            digits.push('.');
            end += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    Decimal::from_str(&digits).ok().map(|d| (d, &s[end..]))
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
    }
}
