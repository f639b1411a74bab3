//! Series: the facts of one indicator, pair, goods, measure, kind and unit
//! laid out in time (years and part-years, e.g. 2024, 2025-01..2025-09).
//! A series never mixes goods (wheat and cement exports are two series)
//! nor measures: absolute changes (`change_abs`) are a series of their
//! own, never points of a level series. Official statistics and the news
//! are two series side by side: each point of a news series carries the
//! official value of the same period, when there is one, and the gap
//! between them in percent.

use serde::Serialize;
use tandem_model::SourceKind;

use crate::facts::{Fact, Sides};
use crate::period::Period;
use tandem_model::Goods;

/// Which series to build; `None` fields match anything.
#[derive(Debug, Clone, Default)]
pub struct SeriesQuery {
    /// Indicator id.
    pub indicator: Option<String>,
    /// The sides, normalised for the indicator ([`Sides::parse`]).
    pub sides: Option<Sides>,
    /// Goods: one HS chapter, or the series about no particular goods.
    pub product: Option<Goods>,
    /// Measure (`level`, `change_pct`, …).
    pub measure: Option<String>,
    /// Kind; `None` means `actual`.
    pub kind: Option<String>,
    /// Unit.
    pub unit: Option<String>,
}

/// One point of a series: a fact and where it stands in time.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPoint {
    /// End of the period as a fractional year (2025-01..2025-09 → 2025.75).
    pub x: f64,
    /// Whether the period is a whole year.
    pub yearly: bool,
    /// The fact: period, reported value, every stated value and source.
    #[serde(flatten)]
    pub fact: Fact,
    /// In a news series, the official value of the same period (from the
    /// matching official series), when the statistics give one.
    pub official: Option<f64>,
    /// The news value's difference from `official`, in percent of it
    /// (`+10` when the news says 10% more than the statistics).
    pub gap_pct: Option<f64>,
}

/// A series of facts in time order.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// Indicator id.
    pub indicator: String,
    /// Sides.
    #[serde(flatten)]
    pub sides: Sides,
    /// Goods: the two-digit HS chapter, `None` for all goods or none.
    pub product: Option<String>,
    /// Measure.
    pub measure: String,
    /// Kind.
    pub kind: String,
    /// Unit.
    pub unit: String,
    /// `official` (statistics tables) or `news` (text).
    pub source_kind: SourceKind,
    /// Points, yearly and part-year, ordered by period.
    pub points: Vec<SeriesPoint>,
}

/// Whether a period is a point in time a series can show (a year, a run of
/// months or a day), not a multi-year span or a deadline.
fn plottable(p: &Period) -> bool {
    matches!(p, Period::Year(_) | Period::Months(..) | Period::Day(..))
}

/// Builds the series matching `query` from facts ordered as
/// [`crate::facts::build_facts`] returns them.
pub fn build_series(facts: &[Fact], query: &SeriesQuery) -> Vec<Series> {
    let kind = query.kind.as_deref().unwrap_or("actual");
    let mut out: Vec<Series> = Vec::new();
    for fact in facts {
        let k = &fact.key;
        let matches = k.kind == kind
            && query.indicator.as_ref().is_none_or(|i| *i == k.indicator)
            && query.sides.as_ref().is_none_or(|s| *s == k.sides)
            && query
                .product
                .as_ref()
                .is_none_or(|g| g.matches(k.product.as_deref()))
            && query.measure.as_ref().is_none_or(|m| *m == k.measure)
            && query.unit.as_ref().is_none_or(|u| *u == k.unit)
            && plottable(&fact.parsed_period);
        if !matches {
            continue;
        }
        let point = SeriesPoint {
            x: fact.parsed_period.end_position(),
            yearly: fact.parsed_period.is_year(),
            fact: fact.clone(),
            official: None,
            gap_pct: None,
        };
        match out.last_mut() {
            Some(s)
                if s.indicator == k.indicator
                    && s.sides == k.sides
                    && s.product == k.product
                    && s.measure == k.measure
                    && s.unit == k.unit
                    && s.source_kind == k.source_kind =>
            {
                s.points.push(point)
            }
            _ => out.push(Series {
                indicator: k.indicator.clone(),
                sides: k.sides.clone(),
                product: k.product.clone(),
                measure: k.measure.clone(),
                kind: k.kind.clone(),
                unit: k.unit.clone(),
                source_kind: k.source_kind,
                points: vec![point],
            }),
        }
    }
    compare_with_official(&mut out);
    out
}

/// Sets `official` and `gap_pct` on every point of a news series whose
/// period the matching official series (same indicator, sides, goods,
/// measure, kind and unit) also has.
fn compare_with_official(series: &mut [Series]) {
    let official: Vec<Series> = series
        .iter()
        .filter(|s| s.source_kind == SourceKind::Official)
        .cloned()
        .collect();
    for news in series
        .iter_mut()
        .filter(|s| s.source_kind == SourceKind::News)
    {
        let Some(stats) = official.iter().find(|o| {
            o.indicator == news.indicator
                && o.sides == news.sides
                && o.product == news.product
                && o.measure == news.measure
                && o.kind == news.kind
                && o.unit == news.unit
        }) else {
            continue;
        };
        for point in &mut news.points {
            let Some(o) = stats
                .points
                .iter()
                .find(|o| o.fact.key.period == point.fact.key.period)
            else {
                continue;
            };
            let value = o.fact.reported.value;
            point.official = Some(value);
            point.gap_pct =
                (value != 0.0).then(|| (point.fact.reported.value - value) / value.abs() * 100.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::Tolerance;
    use crate::facts::build_facts;
    use crate::facts::tests::rec;

    #[test]
    fn series_holds_years_and_part_years_in_order() {
        let figs = vec![
            rec(
                1,
                "a",
                "2025-10-01",
                3.39e9,
                "exact",
                "trade.turnover KZ UZ level actual 2025-01..2025-09 USD",
            ),
            rec(
                2,
                "a",
                "2025-10-01",
                4.0e9,
                "exact",
                "trade.turnover UZ KZ level actual 2024 USD",
            ),
            rec(
                3,
                "b",
                "2024-02-01",
                3.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2023 USD",
            ),
            rec(
                4,
                "b",
                "2024-02-01",
                10.0e9,
                "exact",
                "trade.turnover KZ UZ level target ..2030 USD",
            ),
            rec(
                5,
                "b",
                "2024-02-01",
                12.0,
                "exact",
                "trade.turnover KZ UZ change_pct actual 2024 percent",
            ),
            rec(
                6,
                "c",
                "2024-02-01",
                1.0e9,
                "exact",
                "trade.turnover KZ RU level actual 2023 USD",
            ),
            rec(
                7,
                "c",
                "2024-02-01",
                9.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2016..2023 USD",
            ),
        ];
        let facts = build_facts(figs, &Tolerance::default());
        let q = SeriesQuery {
            indicator: Some("trade.turnover".into()),
            sides: Some(Sides::parse("trade.turnover", "UZ-KZ").unwrap()),
            measure: Some("level".into()),
            ..SeriesQuery::default()
        };
        let series = build_series(&facts, &q);
        assert_eq!(series.len(), 1);
        let periods: Vec<&str> = series[0]
            .points
            .iter()
            .map(|p| p.fact.key.period.as_str())
            .collect();
        assert_eq!(periods, ["2023", "2024", "2025-01..2025-09"]);
        assert!(series[0].points[1].yearly && !series[0].points[2].yearly);
        let all = build_series(&facts, &SeriesQuery::default());
        assert_eq!(all.len(), 3, "KZ-RU level, KZ-UZ change_pct, KZ-UZ level");
    }
}
