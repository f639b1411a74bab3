//! Number formatting in a language's conventions (decimal and group separators).

/// Formats `value` with `decimals` decimal places, grouping the integer part
/// in threes with `group` and using `decimal` as the decimal separator.
pub(crate) fn format_number(value: f64, decimals: usize, decimal: &str, group: &str) -> String {
    let fixed = format!("{value:.decimals$}");
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (fixed.as_str(), None),
    };
    let mut out = group_digits(int_part, group);
    if let Some(f) = frac_part {
        out.push_str(decimal);
        out.push_str(f);
    }
    out
}

/// Inserts `group` between groups of three digits of a non-negative integer.
/// Four-digit numbers stay ungrouped, as the press usually writes them.
pub(crate) fn group_digits(digits: &str, group: &str) -> String {
    if digits.len() <= 4 {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * group.len());
    // A separator goes before every digit that starts a group of three.
    let phase = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && i % 3 == phase {
            out.push_str(group);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_each_convention() {
        assert_eq!(format_number(3.39, 2, ",", " "), "3,39");
        assert_eq!(format_number(1234.5, 1, ".", ","), "1234.5");
        assert_eq!(format_number(95000.0, 0, ",", " "), "95 000");
        assert_eq!(format_number(1_318_000.25, 2, ".", ","), "1,318,000.25");
        assert_eq!(group_digits("2400", " "), "2400");
        assert_eq!(group_digits("12400", " "), "12 400");
    }
}
