//! When two figures say the same thing: each value becomes the interval of
//! true values it allows (a range, "about", "over", "under"), widened by a
//! relative tolerance; two figures agree when their intervals meet.

use serde::{Deserialize, Serialize};

/// How far apart two values may be and still agree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// Relative difference two exact values may have (0.02 = 2 %).
    pub relative: f64,
    /// Extra relative slack around a value stated as "about" (0.05 = 5 %).
    pub about: f64,
    /// Percentage points a stated growth rate may differ from the rate its
    /// two levels imply.
    pub growth_points: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            relative: 0.02,
            about: 0.05,
            growth_points: 1.0,
        }
    }
}

impl Tolerance {
    /// The default tolerance with `relative` set from a percentage
    /// (2.0 → 2 %). Rejects negative, non-finite or absurd (≥ 100 %) values.
    pub fn with_percent(percent: f64) -> Result<Tolerance, String> {
        if !percent.is_finite() || !(0.0..100.0).contains(&percent) {
            return Err(format!(
                "tolerance must be a percentage in [0, 100), got {percent}"
            ));
        }
        Ok(Tolerance {
            relative: percent / 100.0,
            ..Tolerance::default()
        })
    }
}

/// A closed interval of values, possibly unbounded on one side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound (may be `-inf`).
    pub lo: f64,
    /// Upper bound (may be `+inf`).
    pub hi: f64,
}

impl Interval {
    /// Whether two intervals share a point.
    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// The interval of sums `a + b`.
    pub fn plus(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }

    /// Widens both ends by `fraction` of their magnitude.
    pub fn widen(&self, fraction: f64) -> Interval {
        Interval {
            lo: self.lo - self.lo.abs() * fraction,
            hi: self.hi + self.hi.abs() * fraction,
        }
    }
}

/// The values a stated figure allows, before any tolerance: a range
/// `value..value_max`; "over"/"under" open the interval upwards/downwards
/// (in magnitude, so "fell by over 5 %" stored as -5 allows -7); "about"
/// widens it by `tolerance.about`.
pub fn stated(value: f64, value_max: Option<f64>, approx: &str, tolerance: &Tolerance) -> Interval {
    let hi = value_max.filter(|m| *m >= value).unwrap_or(value);
    let exact = Interval { lo: value, hi };
    let up = value >= 0.0;
    match approx {
        "over" if up => Interval {
            lo: value,
            hi: f64::INFINITY,
        },
        "over" => Interval {
            lo: f64::NEG_INFINITY,
            hi,
        },
        "under" if value > 0.0 => Interval { lo: 0.0, hi },
        "under" => Interval { lo: value, hi: 0.0 },
        "about" => exact.widen(tolerance.about),
        _ => exact,
    }
}

/// The interval a figure allows, widened by half the relative tolerance on
/// each side so that two exact values agree when they differ by at most
/// about `tolerance.relative`.
pub fn allowed(
    value: f64,
    value_max: Option<f64>,
    approx: &str,
    tolerance: &Tolerance,
) -> Interval {
    stated(value, value_max, approx, tolerance).widen(tolerance.relative / 2.0)
}

/// Relative difference of `observed` from `expected` (0.05 = 5 % more).
pub fn relative_difference(observed: f64, expected: f64) -> f64 {
    if expected == 0.0 {
        if observed == 0.0 {
            0.0
        } else {
            f64::INFINITY
        }
    } else {
        (observed - expected) / expected.abs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agree(a: (f64, &str), b: (f64, &str)) -> bool {
        let t = Tolerance::default();
        allowed(a.0, None, a.1, &t).meets(&allowed(b.0, None, b.1, &t))
    }

    #[test]
    fn exact_values_agree_within_two_percent() {
        assert!(agree((100.0, "exact"), (101.9, "exact")));
        assert!(!agree((100.0, "exact"), (102.5, "exact")));
        assert!(agree((3.39e9, "exact"), (3.4e9, "exact")));
    }

    #[test]
    fn qualifiers_are_respected() {
        assert!(agree((4.0e9, "over"), (4.1e9, "exact")));
        assert!(!agree((4.0e9, "over"), (3.5e9, "exact")));
        assert!(agree((4.0e9, "under"), (3.5e9, "exact")));
        assert!(!agree((4.0e9, "under"), (4.5e9, "exact")));
        assert!(agree((4.0e9, "about"), (4.2e9, "exact")));
        assert!(!agree((4.0e9, "about"), (5.0e9, "exact")));
        // "fell by over 5 %" allows a fall of 7 %, not a rise.
        assert!(agree((-5.0, "over"), (-7.0, "exact")));
        assert!(!agree((-5.0, "over"), (3.0, "exact")));
    }

    #[test]
    fn ranges_cover_their_span() {
        let t = Tolerance::default();
        let r = allowed(18.0, Some(19.0), "exact", &t);
        assert!(r.meets(&allowed(18.5, None, "exact", &t)));
        assert!(!r.meets(&allowed(21.0, None, "exact", &t)));
    }

    #[test]
    fn tolerance_is_validated() {
        assert!(Tolerance::with_percent(5.0).is_ok());
        assert!(Tolerance::with_percent(-1.0).is_err());
        assert!(Tolerance::with_percent(f64::NAN).is_err());
        assert!((relative_difference(105.0, 100.0) - 0.05).abs() < 1e-12);
    }
}
