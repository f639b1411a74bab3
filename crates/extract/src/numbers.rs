//! Reading digit strings: thousands and decimal separators in every
//! convention (`3,39`, `2.5`, `1 056`, `17.739,4`, `346,800`,
//! `1,844,036,360.12`), decided from the language and the context.

/// Characters that may separate digit groups.
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Reads `s` (digits, `,`, `.` and single spaces) as a number.
///
/// * `decimal_comma`: the language writes decimals with a comma (ru, kk, uz…).
/// * `scale_follows`: a scale word (млн, bn…) follows, which makes
///   "2.500 млрд" a decimal in comma languages.
///
/// Returns `None` when the separators are inconsistent (`1.2.3`).
pub(crate) fn parse_digits(s: &str, decimal_comma: bool, scale_follows: bool) -> Option<f64> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    // digit groups and the separators between them (separator `k` stands
    // between groups `k` and `k + 1`)
    let groups = || s.split(|c: char| !c.is_ascii_digit());
    let seps = || s.chars().filter(|c| !c.is_ascii_digit());
    if seps().any(|c| !(c == ',' || c == '.' || is_group_space(c))) || groups().any(str::is_empty) {
        return None;
    }
    let puncts = || seps().enumerate().filter(|&(_, c)| c == ',' || c == '.');
    // index of the separator that is the decimal point, if any
    let decimal: Option<usize> = match puncts().count() {
        0 => None,
        1 => {
            let (i, c) = puncts().next()?;
            let after = groups().nth(i + 1)?;
            if after.len() != 3 {
                Some(i)
            } else if c == ',' {
                decimal_comma.then_some(i)
            } else if decimal_comma {
                scale_follows.then_some(i)
            } else if !scale_follows && after.ends_with('0') && !s.starts_with('0') {
                // "15.300 square kilometers": decimals are not written with
                // a trailing zero, so a dot before three digits ending in
                // one groups thousands (a scale word keeps "10.500 billion")
                None
            } else {
                Some(i)
            }
        }
        many => {
            let (li, lc) = puncts().last()?;
            let distinct_last = puncts().take(many - 1).all(|(_, c)| c != lc);
            if distinct_last {
                Some(li)
            } else {
                None
            }
        }
    };
    // the number as `f64::from_str` reads it: the digits, and "." before
    // the decimals; never longer than `s` (kept on the stack when short)
    let mut short = [0u8; 32];
    let mut long = Vec::new();
    let text: &mut [u8] = if s.len() <= short.len() {
        &mut short
    } else {
        long.resize(s.len(), 0);
        &mut long
    };
    let mut len = 0;
    let mut put = |part: &[u8]| {
        text[len..len + part.len()].copy_from_slice(part);
        len += part.len();
    };
    for (gi, g) in groups().enumerate() {
        if gi > 0 {
            let sep_i = gi - 1;
            if Some(sep_i) == decimal {
                put(b".");
                put(g.as_bytes());
                continue;
            }
            if g.len() != 3 || decimal.is_some_and(|d| sep_i > d) {
                return None;
            }
        }
        if decimal.is_some_and(|d| gi > d) {
            return None;
        }
        put(g.as_bytes());
    }
    std::str::from_utf8(&text[..len]).ok()?.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, comma: bool) -> Option<f64> {
        parse_digits(s, comma, false)
    }

    #[test]
    fn every_separator_convention() {
        assert_eq!(p("3,39", true), Some(3.39));
        assert_eq!(p("2.5", true), Some(2.5));
        assert_eq!(p("1 056", true), Some(1056.0));
        assert_eq!(p("15 000", true), Some(15000.0));
        assert_eq!(p("17.739,4", true), Some(17739.4));
        assert_eq!(p("346,800", false), Some(346800.0));
        assert_eq!(p("1,844,036,360.12", false), Some(1_844_036_360.12));
        assert_eq!(p("1.844.036.360,12", true), Some(1_844_036_360.12));
        assert_eq!(p("19,992", true), Some(19.992));
        assert_eq!(p("2.500", true), Some(2500.0));
        assert_eq!(parse_digits("2.500", true, true), Some(2.5));
        assert_eq!(parse_digits("2.500", false, true), Some(2.5));
        assert_eq!(p("2.500", false), Some(2500.0));
        assert_eq!(p("15.300", false), Some(15300.0));
        assert_eq!(p("10.514", false), Some(10.514));
        assert_eq!(p("0.750", false), Some(0.75));
        assert_eq!(p("1 056,5", true), Some(1056.5));
    }

    #[test]
    fn inconsistent_separators_are_rejected() {
        assert_eq!(p("1.2.3", true), None);
        assert_eq!(p("12,34,5", false), None);
        assert_eq!(p("1,", true), None);
        assert_eq!(p("x", true), None);
    }
}
