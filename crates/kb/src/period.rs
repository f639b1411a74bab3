//! Periods as the extractor writes them (`2024`, `2025-01..2025-09`,
//! `2025-03-15`, `..2030`, `2016..2023`, `2019..`), parsed so that series
//! can be ordered, growth rates linked to the period a year before, and
//! target dates read.

use std::fmt;

/// A month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
}

/// A parsed period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year: `2024`.
    Year(i32),
    /// A run of whole months: `2025-01..2025-09` (or a single month `2025-03`).
    Months(YearMonth, YearMonth),
    /// One day: `2025-03-15`.
    Day(i32, u32, u32),
    /// A span of whole years: `2016..2023`.
    Years(i32, i32),
    /// From a year to an unnamed present: `2019..`.
    Since(i32),
    /// A deadline: `..2030` (by 2030).
    By(i32),
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_month(s: &str) -> Option<YearMonth> {
    let (y, m) = s.split_once('-')?;
    let year = parse_year(y)?;
    if m.len() != 2 {
        return None;
    }
    let month: u32 = m.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some(YearMonth { year, month })
}

fn parse_day(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.splitn(3, '-');
    let ym = parse_month(&format!("{}-{}", it.next()?, it.next()?))?;
    let d = it.next()?;
    if d.len() != 2 {
        return None;
    }
    let day: u32 = d.parse().ok()?;
    (1..=31).contains(&day).then_some((ym.year, ym.month, day))
}

impl Period {
    /// Parses a period string; `None` for anything this module does not know.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once("..") {
            return match (a.is_empty(), b.is_empty()) {
                (true, false) => parse_year(b).map(Period::By),
                (false, true) => parse_year(a).map(Period::Since),
                (false, false) => {
                    if let (Some(x), Some(y)) = (parse_year(a), parse_year(b)) {
                        (x <= y).then_some(Period::Years(x, y))
                    } else {
                        let (x, y) = (parse_month(a)?, parse_month(b)?);
                        (x <= y).then_some(Period::Months(x, y))
                    }
                }
                (true, true) => None,
            };
        }
        match s.len() {
            4 => parse_year(s).map(Period::Year),
            7 => parse_month(s).map(|m| Period::Months(m, m)),
            10 => parse_day(s).map(|(y, m, d)| Period::Day(y, m, d)),
            _ => None,
        }
    }

    /// Whether this is a whole calendar year.
    pub fn is_year(&self) -> bool {
        matches!(self, Period::Year(_))
    }

    /// Whether this is a run of months inside one year that is not the
    /// whole year (`2025-01..2025-09`).
    pub fn is_part_year(&self) -> bool {
        matches!(self, Period::Months(a, b) if a.year == b.year)
    }

    /// The same stretch of time one year earlier, for linking a growth rate
    /// to the level it grew from. Only years, months and days have one.
    pub fn year_before(&self) -> Option<Period> {
        match *self {
            Period::Year(y) => Some(Period::Year(y - 1)),
            Period::Months(a, b) => Some(Period::Months(
                YearMonth {
                    year: a.year - 1,
                    month: a.month,
                },
                YearMonth {
                    year: b.year - 1,
                    month: b.month,
                },
            )),
            Period::Day(y, m, d) => Some(Period::Day(y - 1, m, d)),
            _ => None,
        }
    }

    /// The year a target is due: `..2030` and `2030` both give 2030.
    pub fn deadline_year(&self) -> Option<i32> {
        match *self {
            Period::By(y) | Period::Year(y) => Some(y),
            _ => None,
        }
    }

    /// Start and end of the period as (year, month) pairs, open ends
    /// standing far in the past or future; used for ordering.
    pub fn sort_key(&self) -> (i32, u32, i32, u32) {
        match *self {
            Period::Year(y) => (y, 1, y, 12),
            Period::Months(a, b) => (a.year, a.month, b.year, b.month),
            Period::Day(y, m, _) => (y, m, y, m),
            Period::Years(a, b) => (a, 1, b, 12),
            Period::Since(a) => (a, 1, 9999, 12),
            Period::By(b) => (0, 1, b, 12),
        }
    }

    /// The end of the period as a fractional year (2025-01..2025-09 → 2025.75),
    /// the x position of a point on a chart.
    pub fn end_position(&self) -> f64 {
        match *self {
            Period::Day(y, m, d) => {
                f64::from(y) + (f64::from(m) - 1.0) / 12.0 + f64::from(d) / 372.0
            }
            _ => {
                let (_, _, y, m) = self.sort_key();
                f64::from(y) + f64::from(m) / 12.0
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Months(a, b) if a == b => write!(f, "{:04}-{:02}", a.year, a.month),
            Period::Months(a, b) => write!(
                f,
                "{:04}-{:02}..{:04}-{:02}",
                a.year, a.month, b.year, b.month
            ),
            Period::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
            Period::Years(a, b) => write!(f, "{a:04}..{b:04}"),
            Period::Since(a) => write!(f, "{a:04}.."),
            Period::By(b) => write!(f, "..{b:04}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_shape() {
        for s in [
            "2024",
            "2025-01..2025-09",
            "2025-03",
            "2025-03-15",
            "2016..2023",
            "2019..",
            "..2030",
        ] {
            let p = Period::parse(s).unwrap_or_else(|| panic!("{s} should parse"));
            assert_eq!(p.to_string(), s);
        }
        for bad in [
            "",
            "..",
            "24",
            "2025-13",
            "2025-1",
            "2023..2016",
            "2025-09..2025-01",
            "soon",
            "2025-02-40",
        ] {
            assert!(Period::parse(bad).is_none(), "{bad} should not parse");
        }
    }

    #[test]
    fn links_a_period_to_the_year_before() {
        let p = Period::parse("2025-01..2025-09").unwrap();
        assert_eq!(p.year_before().unwrap().to_string(), "2024-01..2024-09");
        assert_eq!(Period::Year(2024).year_before(), Some(Period::Year(2023)));
        assert_eq!(Period::By(2030).year_before(), None);
        assert!(p.is_part_year());
        assert!(!Period::Year(2024).is_part_year());
    }

    #[test]
    fn orders_years_before_their_months() {
        let mut ps: Vec<Period> = ["2025-01..2025-09", "2024", "2025-01..2025-03", "2023"]
            .iter()
            .filter_map(|s| Period::parse(s))
            .collect();
        ps.sort_by_key(|p| p.sort_key());
        let names: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            names,
            ["2023", "2024", "2025-01..2025-03", "2025-01..2025-09"]
        );
        assert_eq!(Period::parse("..2030").unwrap().deadline_year(), Some(2030));
        assert!((Period::parse("2025-01..2025-09").unwrap().end_position() - 2025.75).abs() < 1e-9);
    }
}
