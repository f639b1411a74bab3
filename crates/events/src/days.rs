//! Calendar arithmetic for event dates: days named relative to the
//! document's date ("yesterday", "next week") and the span of days a date
//! covers, for merging reports of one event.

use tandem_model::DocDate;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub(crate) fn to_days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count of [`to_days`].
pub(crate) fn from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

fn show(z: i64) -> String {
    let (y, m, d) = from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A day word (`today`, `yesterday`, `tomorrow`, `next_week`, `last_week`,
/// or a day of the week: the last such day up to the document's date, as
/// news reports what happened "on Wednesday") resolved against the
/// document's date: a day, or the days Monday to Sunday of a week; `None`
/// without a full date.
pub(crate) fn relative(word: &str, date: Option<DocDate>) -> Option<String> {
    let date = date?;
    let z = to_days(date.year, date.month?, date.day?);
    // 1970-01-01 was a Thursday: Monday is weekday 0
    let weekday = (z + 3).rem_euclid(7);
    let monday = z - weekday;
    if let Some(w) = tandem_extract::WEEKDAYS.iter().position(|d| *d == word) {
        return Some(show(z - (weekday - w as i64).rem_euclid(7)));
    }
    Some(match word {
        "today" => show(z),
        "yesterday" => show(z - 1),
        "tomorrow" => show(z + 1),
        "next_week" => format!("{}..{}", show(monday + 7), show(monday + 13)),
        "last_week" => format!("{}..{}", show(monday - 7), show(monday - 1)),
        _ => return None,
    })
}

/// The first and last day a date covers (`2025-11` → the whole month,
/// `2025-11-11..2025-11-12` → two days).
pub(crate) fn span(date: &str) -> Option<(i64, i64)> {
    let one = |s: &str, last: bool| -> Option<i64> {
        let d = DocDate::parse(s)?;
        let m = d.month?;
        match d.day {
            Some(day) => Some(to_days(d.year, m, day)),
            None if last => {
                let (ny, nm) = if m == 12 {
                    (d.year + 1, 1)
                } else {
                    (d.year, m + 1)
                };
                Some(to_days(ny, nm, 1) - 1)
            }
            None => Some(to_days(d.year, m, 1)),
        }
    };
    match date.split_once("..") {
        Some((a, b)) => Some((one(a, false)?, one(b, true)?)),
        None => Some((one(date, false)?, one(date, true)?)),
    }
}

/// Most days before the document's date a date written without a year is
/// taken to be (news looks back at the past months).
pub(crate) const BACK: i64 = 305;
/// Most days after it (visits and forums are announced weeks ahead).
pub(crate) const AHEAD: i64 = 62;

/// A date written without a year (`date` resolved in the document's year)
/// moved to the year, the same, the one before or the one after, that puts
/// its first day between [`BACK`] days before the document's date and
/// [`AHEAD`] days after it ("in October" of a January report is last
/// October); unchanged when the document has no month, when no year does,
/// or when `date` is not in the document's year (a year the sentence gives
/// elsewhere).
pub(crate) fn year_of_undated(date: &str, doc: Option<DocDate>) -> String {
    let Some((d, Some(m))) = doc.map(|d| (d, d.month)) else {
        return date.to_string();
    };
    if !date.starts_with(&format!("{:04}", d.year)) {
        return date.to_string();
    }
    let reference = to_days(d.year, m, d.day.unwrap_or(15));
    let shifted = |k: i32| -> Option<String> {
        let parts: Option<Vec<String>> = date
            .split("..")
            .map(|p| {
                let y: i32 = p.get(..4)?.parse().ok()?;
                Some(format!("{:04}{}", y + k, p.get(4..)?))
            })
            .collect();
        parts.map(|p| p.join(".."))
    };
    [0, -1, 1]
        .into_iter()
        .filter_map(shifted)
        .find(|s| span(s).is_some_and(|(a, _)| (reference - BACK..=reference + AHEAD).contains(&a)))
        .unwrap_or_else(|| date.to_string())
}

/// The days around a document's date an undated event it reports is taken
/// to be in when merging (`None` without a full date).
pub(crate) fn around(date: Option<DocDate>) -> Option<(i64, i64)> {
    let d = date?;
    let z = to_days(d.year, d.month?, d.day?);
    Some((z - 3, z))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for z in [-1000, 0, 19_000, 20_405, 30_000] {
            let (y, m, d) = from_days(z);
            assert_eq!(to_days(y, m, d), z);
        }
        assert_eq!(to_days(1970, 1, 1), 0);
    }

    #[test]
    fn relative_days() {
        // 2025-11-15 is a Saturday
        let d = DocDate::parse("2025-11-15");
        assert_eq!(relative("yesterday", d).unwrap(), "2025-11-14");
        assert_eq!(relative("next_week", d).unwrap(), "2025-11-17..2025-11-23");
        assert_eq!(relative("today", DocDate::parse("2025-11")), None);
        assert_eq!(relative("today", None), None);
        // a day of the week: the last such day up to the document's date
        assert_eq!(relative("wednesday", d).unwrap(), "2025-11-12");
        assert_eq!(relative("saturday", d).unwrap(), "2025-11-15");
        assert_eq!(relative("sunday", d).unwrap(), "2025-11-09");
        assert_eq!(
            relative("monday", DocDate::parse("2026-01-01")).unwrap(),
            "2025-12-29"
        );
    }

    #[test]
    fn a_date_without_year_is_of_the_past_months_or_the_next_weeks() {
        let jan = DocDate::parse("2026-01-15");
        assert_eq!(year_of_undated("2026-10", jan), "2025-10");
        assert_eq!(year_of_undated("2026-02-03", jan), "2026-02-03");
        let nov = DocDate::parse("2025-11-15");
        assert_eq!(year_of_undated("2025-05-05", nov), "2025-05-05");
        assert_eq!(year_of_undated("2025-12", nov), "2025-12");
        let dec = DocDate::parse("2025-12");
        assert_eq!(
            year_of_undated("2025-01-20..2025-01-23", dec),
            "2026-01-20..2026-01-23"
        );
        assert_eq!(year_of_undated("2025-11", dec), "2025-11");
        assert_eq!(year_of_undated("2025-11", None), "2025-11");
        assert_eq!(year_of_undated("2018-03-15", jan), "2018-03-15");
    }

    #[test]
    fn spans() {
        assert_eq!(span("2025-11").map(|(a, b)| b - a), Some(29));
        assert_eq!(span("2025-12").map(|(a, b)| b - a), Some(30));
        assert_eq!(span("2025-11-11..2025-11-12").map(|(a, b)| b - a), Some(1));
        assert_eq!(span("2025"), None);
    }
}
