//! Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as day ranges, coded as
//! `yyyymmdd` numbers so that a range query on the index can filter them.

use crate::error::SearchError;

/// The first and last day a partial date covers, as `yyyymmdd` numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    /// First day, e.g. `20250101` for `2025`.
    pub start: u64,
    /// Last day, e.g. `20251231` for `2025`.
    pub end: u64,
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn number(part: &str, digits: usize) -> Option<u64> {
    (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` if it is none of them
/// or names a month or day that does not exist.
pub fn parse_partial_date(text: &str) -> Option<DayRange> {
    let mut parts = text.trim().split('-');
    let year = number(parts.next()?, 4)?;
    let month = match parts.next() {
        Some(m) => Some(number(m, 2)?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(number(d, 2)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let base = year * 10_000;
    match (month, day) {
        (None, _) => Some(DayRange {
            start: base + 101,
            end: base + 1231,
        }),
        (Some(m), None) if (1..=12).contains(&m) => Some(DayRange {
            start: base + m * 100 + 1,
            end: base + m * 100 + days_in_month(year, m),
        }),
        (Some(m), Some(d))
            if (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d) =>
        {
            let day = base + m * 100 + d;
            Some(DayRange {
                start: day,
                end: day,
            })
        }
        _ => None,
    }
}

/// Parses a user-given date filter, with a message naming `what` on error.
pub fn parse_filter_date(what: &str, text: &str) -> Result<DayRange, SearchError> {
    parse_partial_date(text).ok_or_else(|| {
        SearchError::BadFilter(format!(
            "{what} date `{text}` is not YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_days() {
        let r = |s| parse_partial_date(s).map(|d| (d.start, d.end));
        assert_eq!(r("2025"), Some((20250101, 20251231)));
        assert_eq!(r("2024-02"), Some((20240201, 20240229)));
        assert_eq!(r("2025-02"), Some((20250201, 20250228)));
        assert_eq!(r("2025-11-15"), Some((20251115, 20251115)));
        assert_eq!(r("2025-13"), None);
        assert_eq!(r("2025-02-30"), None);
        assert_eq!(r("25"), None);
        assert_eq!(r("2025-1-1"), None);
        assert_eq!(r(""), None);
    }
}
