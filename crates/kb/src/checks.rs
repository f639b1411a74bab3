//! Consistency checks between facts that must hang together:
//! exports plus imports against turnover for the same pair, goods and
//! period (each flow taken from either side's statistics), and a stated
//! growth rate or ratio against the two levels (never absolute changes) it
//! links, of the same goods; and every level the news reports against the
//! official statistics of the same indicator, pair, goods, period and unit.

use std::collections::HashMap;

use serde::Serialize;

use crate::agreement::{allowed, relative_difference, stated, Interval, Tolerance};
use crate::facts::{Fact, FactKey, Sides};
use tandem_model::SourceKind;

/// A fact a check used, and the role it played.
#[derive(Debug, Clone, Serialize)]
pub struct CheckInput {
    /// What the fact stands for in the check (`turnover`, `export KZ→UZ`, …).
    pub role: String,
    /// The fact's key.
    #[serde(flatten)]
    pub key: FactKey,
    /// Its reported value.
    pub value: f64,
    /// Its reported qualifier.
    pub approx: String,
    /// Every figure stating it, with document, sentence and span.
    pub sources: Vec<tandem_store::FigureRecord>,
}

/// The result of one check.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// `trade_sum`, `growth`, `ratio` or `official` (a news level against
    /// the statistics).
    pub check: &'static str,
    /// Indicator checked.
    pub indicator: String,
    /// Sides.
    #[serde(flatten)]
    pub sides: Sides,
    /// Goods checked: the two-digit HS chapter, `None` for all goods or none.
    pub product: Option<String>,
    /// Period checked.
    pub period: String,
    /// Unit of `stated` and `implied` (the turnover's currency, `percent`
    /// for growth rates, `times` for ratios).
    pub unit: String,
    /// One-line description in English.
    pub description: String,
    /// The value stated (turnover, growth rate, ratio).
    pub stated: f64,
    /// The value the other facts imply.
    pub implied: f64,
    /// `stated` minus `implied`, in `discrepancy_unit`.
    pub discrepancy: f64,
    /// `percent` (relative to `stated`) or `percent_point`.
    pub discrepancy_unit: &'static str,
    /// Whether the facts agree within the tolerance and their qualifiers.
    pub pass: bool,
    /// The facts used.
    pub inputs: Vec<CheckInput>,
}

fn input(role: String, fact: &Fact) -> CheckInput {
    CheckInput {
        role,
        key: fact.key.clone(),
        value: fact.reported.value,
        approx: fact.reported.approx.clone(),
        sources: fact.sources.clone(),
    }
}

fn interval_of(fact: &Fact, tolerance: &Tolerance) -> Interval {
    allowed(
        fact.reported.value,
        fact.reported.value_max,
        &fact.reported.approx,
        tolerance,
    )
}

/// Level facts by (indicator, sides, product, period, unit).
type LevelIndex<'a> =
    HashMap<(&'a str, &'a Sides, Option<&'a str>, &'a str, &'a str), Vec<&'a Fact>>;

/// Runs every check the facts allow. Only `actual` facts take part.
pub fn run_checks(facts: &[Fact], tolerance: &Tolerance) -> Vec<Check> {
    let actual: Vec<&Fact> = facts.iter().filter(|f| f.key.kind == "actual").collect();
    let mut levels: LevelIndex = HashMap::new();
    for f in actual.iter().filter(|f| f.key.measure == "level") {
        levels
            .entry((
                f.key.indicator.as_str(),
                &f.key.sides,
                f.key.product.as_deref(),
                f.key.period.as_str(),
                f.key.unit.as_str(),
            ))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for f in &actual {
        if f.key.indicator == "trade.turnover" && f.key.measure == "level" {
            trade_sum(f, &levels, tolerance, &mut out);
        }
        if f.key.measure == "level" && f.key.source_kind == SourceKind::News {
            against_official(f, &levels, tolerance, &mut out);
        }
        match (f.key.indicator.as_str(), f.key.measure.as_str()) {
            (_, "change_pct") | (_, "ratio") => growth(f, &actual, tolerance, &mut out),
            _ => {}
        }
    }
    out
}

fn trade_sum(turnover: &Fact, levels: &LevelIndex, tolerance: &Tolerance, out: &mut Vec<Check>) {
    let (Some(x), Some(y)) = (&turnover.key.sides.subject, &turnover.key.sides.partner) else {
        return;
    };
    let (period, unit) = (turnover.key.period.as_str(), turnover.key.unit.as_str());
    let product = turnover.key.product.as_deref();
    let find = |indicator: &'static str, a: &str, b: &str| -> Option<&Fact> {
        let sides = Sides::new(indicator, Some(a), Some(b));
        levels
            .get(&(indicator, &sides, product, period, unit))
            .and_then(|v| v.first().copied())
    };
    // Each flow from either side's statistics: x→y is x's export or y's import.
    let flow = |from: &str, to: &str| -> Vec<(String, &Fact)> {
        let mut v = Vec::new();
        if let Some(f) = find("trade.export", from, to) {
            v.push((format!("export {from}→{to}"), f));
        }
        if let Some(f) = find("trade.import", to, from) {
            v.push((format!("import {to}←{from}"), f));
        }
        v
    };
    let stated_iv = interval_of(turnover, tolerance);
    for (role_a, a) in flow(x, y) {
        for (role_b, b) in flow(y, x) {
            let implied = a.reported.value + b.reported.value;
            let pass = interval_of(a, tolerance)
                .plus(&interval_of(b, tolerance))
                .meets(&stated_iv);
            out.push(Check {
                check: "trade_sum",
                indicator: "trade.turnover".into(),
                sides: turnover.key.sides.clone(),
                product: turnover.key.product.clone(),
                period: period.into(),
                unit: unit.into(),
                description: format!("turnover {x}-{y} {period} vs {role_a} + {role_b}"),
                stated: turnover.reported.value,
                implied,
                discrepancy: -relative_difference(implied, turnover.reported.value) * 100.0,
                discrepancy_unit: "percent",
                pass,
                inputs: vec![
                    input("turnover".into(), turnover),
                    input(role_a.clone(), a),
                    input(role_b, b),
                ],
            });
        }
    }
}

/// Compares each value the news reports for a level (every distinct
/// statement of the fact, not only the one most sources agree on) with the
/// official level of the same indicator, sides, goods, period and unit,
/// when the statistics give one.
fn against_official(news: &Fact, levels: &LevelIndex, tolerance: &Tolerance, out: &mut Vec<Check>) {
    let k = &news.key;
    let key = (
        k.indicator.as_str(),
        &k.sides,
        k.product.as_deref(),
        k.period.as_str(),
        k.unit.as_str(),
    );
    let Some(same) = levels.get(&key) else {
        return;
    };
    for official in same
        .iter()
        .filter(|f| f.key.source_kind == SourceKind::Official)
    {
        let implied = official.reported.value;
        let official_iv = interval_of(official, tolerance);
        for value in &news.values {
            let stated_iv = allowed(value.value, value.value_max, &value.approx, tolerance);
            let stating = CheckInput {
                role: "news".into(),
                key: k.clone(),
                value: value.value,
                approx: value.approx.clone(),
                sources: news
                    .sources
                    .iter()
                    .filter(|r| value.figure_ids.contains(&r.id))
                    .cloned()
                    .collect(),
            };
            out.push(Check {
                check: "official",
                indicator: k.indicator.clone(),
                sides: k.sides.clone(),
                product: k.product.clone(),
                period: k.period.clone(),
                unit: k.unit.clone(),
                description: format!(
                    "{} {} {}: news vs official statistics",
                    k.indicator,
                    k.sides.label(),
                    k.period
                ),
                stated: value.value,
                implied,
                discrepancy: relative_difference(value.value, implied) * 100.0,
                discrepancy_unit: "percent",
                pass: stated_iv.meets(&official_iv),
                inputs: vec![stating, input("official".into(), official)],
            });
        }
    }
}

fn growth(rate: &Fact, actual: &[&Fact], tolerance: &Tolerance, out: &mut Vec<Check>) {
    let Some(before) = rate.parsed_period.year_before() else {
        return;
    };
    let before = before.to_string();
    let k = &rate.key;
    let level_at = |period: &str| -> Vec<&Fact> {
        actual
            .iter()
            .filter(|f| {
                f.key.measure == "level"
                    && f.key.indicator == k.indicator
                    && f.key.sides == k.sides
                    && f.key.product == k.product
                    && f.key.period == period
            })
            .copied()
            .collect()
    };
    for now in level_at(&k.period) {
        for then in level_at(&before)
            .into_iter()
            .filter(|f| f.key.unit == now.key.unit)
        {
            let (n, t) = (now.reported.value, then.reported.value);
            if n <= 0.0 || t <= 0.0 {
                continue;
            }
            let ratio = n / t;
            // Levels carry only their qualifiers here: rounding of a level is
            // what the growth tolerance absorbs.
            let no_tolerance = Tolerance {
                relative: 0.0,
                ..*tolerance
            };
            let (ni, ti) = (
                interval_of(now, &no_tolerance),
                interval_of(then, &no_tolerance),
            );
            let ratio_iv = Interval {
                lo: ni.lo / ti.hi,
                hi: ni.hi / ti.lo.max(f64::MIN_POSITIVE),
            };
            let stated_iv = stated(
                rate.reported.value,
                rate.reported.value_max,
                &rate.reported.approx,
                tolerance,
            );
            let (check, implied, pass, discrepancy, unit) = if k.measure == "ratio" {
                let pass = stated_iv.widen(tolerance.relative).meets(&ratio_iv);
                (
                    "ratio",
                    ratio,
                    pass,
                    relative_difference(rate.reported.value, ratio) * 100.0,
                    "percent",
                )
            } else {
                let implied_iv = Interval {
                    lo: ratio_iv.lo * 100.0 - 100.0,
                    hi: ratio_iv.hi * 100.0 - 100.0,
                };
                let g = tolerance.growth_points;
                let pass = Interval {
                    lo: stated_iv.lo - g,
                    hi: stated_iv.hi + g,
                }
                .meets(&implied_iv);
                let implied = ratio * 100.0 - 100.0;
                (
                    "growth",
                    implied,
                    pass,
                    rate.reported.value - implied,
                    "percent_point",
                )
            };
            out.push(Check {
                check,
                indicator: k.indicator.clone(),
                sides: k.sides.clone(),
                product: k.product.clone(),
                period: k.period.clone(),
                unit: if check == "ratio" {
                    "times".into()
                } else {
                    "percent".into()
                },
                description: format!(
                    "{} {} {}: stated {} vs levels {} / {}",
                    k.indicator,
                    k.sides.label(),
                    k.measure,
                    k.period,
                    k.period,
                    before
                ),
                stated: rate.reported.value,
                implied,
                discrepancy,
                discrepancy_unit: unit,
                pass,
                inputs: vec![
                    input(k.measure.clone(), rate),
                    input(format!("level {}", k.period), now),
                    input(format!("level {before}"), then),
                ],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::build_facts;
    use crate::facts::tests::rec;

    fn checks(figs: Vec<tandem_store::FigureRecord>) -> Vec<Check> {
        let t = Tolerance::default();
        run_checks(&build_facts(figs, &t), &t)
    }

    #[test]
    fn export_plus_import_against_turnover_from_both_sides() {
        let figs = vec![
            rec(
                1,
                "a",
                "2025",
                4.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2024 USD",
            ),
            rec(
                2,
                "a",
                "2025",
                2.5e9,
                "exact",
                "trade.export KZ UZ level actual 2024 USD",
            ),
            rec(
                3,
                "a",
                "2025",
                1.5e9,
                "exact",
                "trade.import KZ UZ level actual 2024 USD",
            ),
            // UZ's own statistics: its export to KZ (= KZ's import from UZ) differs.
            rec(
                4,
                "b",
                "2025",
                1.0e9,
                "exact",
                "trade.export UZ KZ level actual 2024 USD",
            ),
        ];
        let cs = checks(figs);
        assert_eq!(cs.len(), 2);
        let ok = cs
            .iter()
            .find(|c| c.inputs.iter().any(|i| i.role == "import KZ←UZ"))
            .unwrap();
        assert!(ok.pass, "{ok:?}");
        assert!(ok.discrepancy.abs() < 1e-9);
        let bad = cs
            .iter()
            .find(|c| c.inputs.iter().any(|i| i.role == "export UZ→KZ"))
            .unwrap();
        assert!(!bad.pass);
        assert!((bad.implied - 3.5e9).abs() < 1.0);
        assert!((bad.discrepancy - 12.5).abs() < 1e-9, "{}", bad.discrepancy);
        assert_eq!(bad.inputs.len(), 3);
    }

    #[test]
    fn growth_rate_against_levels() {
        let base = vec![
            rec(
                1,
                "a",
                "2025",
                4.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2024 USD",
            ),
            rec(
                2,
                "b",
                "2024",
                3.2e9,
                "exact",
                "trade.turnover KZ UZ level actual 2023 USD",
            ),
        ];
        let mut good = base.clone();
        good.push(rec(
            3,
            "a",
            "2025",
            25.3,
            "exact",
            "trade.turnover KZ UZ change_pct actual 2024 percent",
        ));
        let cs = checks(good);
        assert_eq!(cs.len(), 1);
        assert!(cs[0].pass);
        assert!((cs[0].implied - 25.0).abs() < 1e-9);
        let mut bad = base.clone();
        bad.push(rec(
            3,
            "a",
            "2025",
            18.0,
            "exact",
            "trade.turnover KZ UZ change_pct actual 2024 percent",
        ));
        let cs = checks(bad);
        assert!(!cs[0].pass);
        assert!((cs[0].discrepancy + 7.0).abs() < 1e-9);
        let mut over = base.clone();
        over.push(rec(
            3,
            "a",
            "2025",
            20.0,
            "over",
            "trade.turnover KZ UZ change_pct actual 2024 percent",
        ));
        assert!(checks(over)[0].pass);
        let mut ratio = base;
        ratio.push(rec(
            3,
            "a",
            "2025",
            1.25,
            "exact",
            "trade.turnover KZ UZ ratio actual 2024 times",
        ));
        let cs = checks(ratio);
        assert_eq!(cs[0].check, "ratio");
        assert!(cs[0].pass);
    }

    #[test]
    fn every_news_level_meets_the_official_level_of_the_same_goods_and_period_only() {
        let official = |id, value, product: Option<&str>, spec| {
            let mut r = rec(id, "stat", "", value, "exact", spec);
            r.figure.source_kind = SourceKind::Official;
            r.figure.product = product.map(|p| p.to_owned().into());
            r
        };
        let news = |id, doc, value, product: Option<&str>, spec| {
            let mut r = rec(id, doc, "2025", value, "exact", spec);
            r.figure.product = product.map(|p| p.to_owned().into());
            r
        };
        let turnover_2024 = "trade.turnover KZ UZ level actual 2024 USD";
        let figs = vec![
            official(1, 4045.9e6, None, turnover_2024),
            official(2, 500.0e6, Some("10"), turnover_2024),
            // all goods: two documents agree with the statistics, a third
            // states 8.75 % more (the fact's reported value is the two's)
            news(3, "a", 4.0e9, None, turnover_2024),
            news(4, "b", 4.05e9, None, turnover_2024),
            news(5, "c", 4.4e9, None, turnover_2024),
            // cereals, named from the other side: within 2 % of theirs
            news(
                6,
                "a",
                505.0e6,
                Some("10"),
                "trade.turnover UZ KZ level actual 2024 USD",
            ),
            // no statistics for 2023, for exports, or for cement
            news(
                7,
                "a",
                4.4e9,
                None,
                "trade.turnover KZ UZ level actual 2023 USD",
            ),
            news(
                8,
                "a",
                2.9e9,
                None,
                "trade.export KZ UZ level actual 2024 USD",
            ),
            news(9, "a", 90.0e6, Some("25"), turnover_2024),
        ];
        let mut cs: Vec<Check> = checks(figs)
            .into_iter()
            .filter(|c| c.check == "official")
            .collect();
        cs.sort_by(|a, b| a.stated.total_cmp(&b.stated));
        let got: Vec<(Option<&str>, f64, f64, bool)> = cs
            .iter()
            .map(|c| (c.product.as_deref(), c.stated, c.implied, c.pass))
            .collect();
        assert_eq!(
            got,
            [
                (Some("10"), 505.0e6, 500.0e6, true),
                (None, 4.0e9, 4045.9e6, true),
                (None, 4.05e9, 4045.9e6, true),
                (None, 4.4e9, 4045.9e6, false),
            ]
        );
        let off = &cs[3];
        assert!((off.discrepancy - 8.75).abs() < 0.01, "{}", off.discrepancy);
        assert_eq!(off.period, "2024");
        let roles: Vec<&str> = off.inputs.iter().map(|i| i.role.as_str()).collect();
        assert_eq!(roles, ["news", "official"]);
        // the news input is the figure stating that value, not the others
        let ids: Vec<i64> = off.inputs[0].sources.iter().map(|r| r.id).collect();
        assert_eq!(ids, [5]);
        assert_eq!(off.inputs[0].value, 4.4e9);
    }

    #[test]
    fn nothing_to_check_without_the_other_period() {
        let figs = vec![
            rec(
                1,
                "a",
                "2025",
                4.0e9,
                "exact",
                "trade.turnover KZ UZ level actual 2024 USD",
            ),
            rec(
                3,
                "a",
                "2025",
                25.0,
                "exact",
                "trade.turnover KZ UZ change_pct actual 2024 percent",
            ),
        ];
        assert!(checks(figs).is_empty());
    }
}
