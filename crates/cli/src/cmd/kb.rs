//! `tandem series`, `tandem conflicts` and `tandem targets`: the knowledge
//! layer on the command line, as text tables or `--json`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use tandem_kb::{Check, Fact, Goods, KnowledgeBase, SeriesQuery, Sides, Tolerance};
use tandem_store::Store;

use crate::context::Context;

/// Arguments of `tandem series`.
#[derive(clap::Args)]
pub struct SeriesArgs {
    /// Indicator id (e.g. `trade.turnover`).
    #[arg(long)]
    indicator: String,
    /// Country pair `KZ-UZ` (ordered for directed indicators) or one country `KZ`.
    #[arg(long)]
    pair: Option<String>,
    /// Measure: level, change_pct, share_pct, ratio or change_abs.
    #[arg(long, default_value = "level")]
    measure: String,
    /// Kind: actual, target or forecast.
    #[arg(long, default_value = "actual")]
    kind: String,
    /// Only this unit (e.g. USD).
    #[arg(long)]
    unit: Option<String>,
    /// Only these goods: a two-digit HS chapter (`10` cereals, `27` fuels…),
    /// or `none` for the series about no particular goods.
    #[arg(long)]
    product: Option<String>,
    /// Relative tolerance in percent within which two values agree.
    #[arg(long, default_value_t = 2.0)]
    tolerance: f64,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `tandem conflicts`.
#[derive(clap::Args)]
pub struct ConflictsArgs {
    /// Only this indicator.
    #[arg(long)]
    indicator: Option<String>,
    /// Only this country pair (`KZ-UZ`, any order).
    #[arg(long)]
    pair: Option<String>,
    /// Relative tolerance in percent within which two values agree.
    #[arg(long, default_value_t = 2.0)]
    tolerance: f64,
    /// Also run the consistency checks (export + import vs turnover, growth vs levels).
    #[arg(long)]
    checks: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Arguments of `tandem targets`.
#[derive(clap::Args)]
pub struct TargetsArgs {
    /// Only this indicator.
    #[arg(long)]
    indicator: Option<String>,
    /// Only this country pair (`KZ-UZ`, any order).
    #[arg(long)]
    pair: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn load(ctx: &Context, tolerance: f64) -> anyhow::Result<KnowledgeBase> {
    ctx.require_store()?;
    let tolerance = Tolerance::with_percent(tolerance).map_err(anyhow::Error::msg)?;
    let store = Store::open_read_only(&ctx.db)?;
    KnowledgeBase::load(&store, tolerance).context("cannot read figures")
}

fn check_indicator(indicator: &str) -> anyhow::Result<()> {
    if tandem_model::INDICATORS.contains(&indicator) {
        Ok(())
    } else {
        anyhow::bail!(
            "unknown indicator `{indicator}`; expected one of: {}",
            tandem_model::INDICATORS.join(", ")
        )
    }
}

/// Codes of a `KZ-UZ` pair, upper-cased, for order-insensitive matching.
fn pair_codes(pair: &str) -> anyhow::Result<Vec<String>> {
    let sides = Sides::parse("trade.turnover", pair).map_err(anyhow::Error::msg)?;
    Ok(sides.subject.into_iter().chain(sides.partner).collect())
}

fn same_countries(sides: &Sides, codes: &[String]) -> bool {
    let mut have: Vec<&String> = sides.subject.iter().chain(sides.partner.iter()).collect();
    have.sort();
    let mut want: Vec<&String> = codes.iter().collect();
    want.sort();
    have == want
}

/// A value for people: 3390000000 USD → `3.39 bn USD`, 18.2 percent → `18.2 %`.
pub fn human(value: f64, unit: &str) -> String {
    let unit = match unit {
        "percent" => "%",
        "percent_point" => "pp",
        "times" => "×",
        u => u,
    };
    let a = value.abs();
    let (scaled, scale) = if a >= 1e9 {
        (value / 1e9, " bn")
    } else if a >= 1e6 {
        (value / 1e6, " mln")
    } else if a >= 1e4 {
        (value / 1e3, " thousand")
    } else {
        (value, "")
    };
    let mut num = format!("{scaled:.3}");
    while num.contains('.') && (num.ends_with('0') || num.ends_with('.')) {
        num.pop();
    }
    format!("{num}{scale} {unit}")
}

/// ` HS 10` for a figure about goods of HS chapter 10, empty for all goods.
fn goods(product: Option<&str>) -> String {
    product.map(|p| format!(" HS {p}")).unwrap_or_default()
}

fn qualified(value: f64, approx: &str, unit: &str) -> String {
    let q = match approx {
        "about" => "about ",
        "over" => "over ",
        "under" => "under ",
        _ => "",
    };
    format!("{q}{}", human(value, unit))
}

fn source_lines(out: &mut String, fact: &Fact) {
    for s in &fact.sources {
        let d = &s.document;
        let _ = writeln!(
            out,
            "      {:<16} {} [{}] «{}» bytes {}..{} in {}",
            qualified(s.figure.value, &s.figure.approx, &s.figure.unit),
            d.date.as_deref().unwrap_or("undated"),
            d.name,
            s.figure.text,
            s.figure.start,
            s.figure.end,
            d.title.as_deref().unwrap_or("(untitled)"),
        );
    }
}

/// Runs `tandem series`.
pub fn series(ctx: &Context, args: SeriesArgs) -> anyhow::Result<ExitCode> {
    check_indicator(&args.indicator)?;
    let sides = args
        .pair
        .as_deref()
        .map(|p| Sides::parse(&args.indicator, p))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let product = args
        .product
        .as_deref()
        .map(Goods::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let kb = load(ctx, args.tolerance)?;
    let series = kb.series(&SeriesQuery {
        indicator: Some(args.indicator.clone()),
        sides,
        product,
        measure: Some(args.measure.clone()),
        kind: Some(args.kind.clone()),
        unit: args.unit.clone(),
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&series)?);
        return Ok(ExitCode::SUCCESS);
    }
    if series.is_empty() {
        println!(
            "No {} {} series{}.",
            args.kind,
            args.indicator,
            args.pair.map(|p| format!(" for {p}")).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for s in &series {
        let _ = writeln!(
            out,
            "{} {}{} {} {} ({}), {}",
            s.indicator,
            s.sides.label(),
            goods(s.product.as_deref()),
            s.measure,
            s.kind,
            s.unit,
            s.source_kind.as_str()
        );
        let _ = writeln!(
            out,
            "  {:<18} {:>18}  {:>7}  {:>9}  {:>18}  {:>8}  note",
            "period", "reported", "sources", "documents", "official", "gap"
        );
        for p in &s.points {
            let f = &p.fact;
            let mut notes = Vec::new();
            if !p.yearly {
                notes.push("part-year".to_owned());
            }
            if f.before_its_period {
                notes.push("stated before its period (likely a target or forecast)".to_owned());
            }
            if f.conflict {
                let vals: Vec<String> = f
                    .values
                    .iter()
                    .map(|v| qualified(v.value, &v.approx, &s.unit))
                    .collect();
                notes.push(format!("CONFLICT: {}", vals.join(" / ")));
            }
            let note = notes.join("; ");
            let official = p.official.map(|v| human(v, &s.unit)).unwrap_or_default();
            let gap = p.gap_pct.map(|g| format!("{g:+.1}%")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<18} {:>18}  {:>7}  {:>9}  {official:>18}  {gap:>8}  {note}",
                f.key.period,
                qualified(f.reported.value, &f.reported.approx, &s.unit),
                f.sources.len(),
                f.documents,
            );
        }
        out.push('\n');
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn check_text(out: &mut String, c: &Check) {
    let unit = if c.discrepancy_unit == "percent_point" {
        "pp"
    } else {
        "%"
    };
    let _ = writeln!(
        out,
        "  [{}] {} {}{} {}: stated {} vs implied {} (discrepancy {:+.2} {unit})",
        if c.pass { "pass" } else { "FAIL" },
        c.check,
        c.sides.label(),
        goods(c.product.as_deref()),
        c.period,
        human(c.stated, &c.unit),
        human(c.implied, &c.unit),
        c.discrepancy,
    );
    for i in &c.inputs {
        let names: Vec<&str> = i.sources.iter().map(|s| s.document.name.as_str()).collect();
        let _ = writeln!(
            out,
            "      {:<22} {} {:<18} {} from {}",
            i.role,
            i.key.period,
            qualified(i.value, &i.approx, &i.key.unit),
            i.key.indicator,
            names.join(", ")
        );
    }
}

/// Runs `tandem conflicts`.
pub fn conflicts(ctx: &Context, args: ConflictsArgs) -> anyhow::Result<ExitCode> {
    if let Some(i) = &args.indicator {
        check_indicator(i)?;
    }
    let codes = args.pair.as_deref().map(pair_codes).transpose()?;
    let kb = load(ctx, args.tolerance)?;
    let selected = |indicator: &str, sides: &Sides| {
        args.indicator.as_deref().is_none_or(|i| i == indicator)
            && codes.as_ref().is_none_or(|c| same_countries(sides, c))
    };
    let conflicts: Vec<&Fact> = kb
        .conflicts(None, None)
        .into_iter()
        .filter(|f| selected(&f.key.indicator, &f.key.sides))
        .collect();
    let checks: Vec<&Check> = if args.checks {
        kb.checks()
            .iter()
            .filter(|c| selected(&c.indicator, &c.sides))
            .collect()
    } else {
        Vec::new()
    };
    if args.json {
        let v = serde_json::json!({ "tolerance": kb.tolerance(), "conflicts": conflicts, "checks": checks });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} conflicts (tolerance {} %)",
        conflicts.len(),
        kb.tolerance().relative * 100.0
    );
    for f in &conflicts {
        let k = &f.key;
        let _ = writeln!(
            out,
            "  {} {}{} {} {} {}: reported {} ({} of {} documents agree)",
            k.indicator,
            k.sides.label(),
            goods(k.product.as_deref()),
            k.measure,
            k.kind,
            k.period,
            qualified(f.reported.value, &f.reported.approx, &k.unit),
            f.reported.agreeing_documents,
            f.documents
        );
        source_lines(&mut out, f);
    }
    if args.checks {
        let failed = checks.iter().filter(|c| !c.pass).count();
        let _ = writeln!(out, "\n{} checks, {} failed", checks.len(), failed);
        for c in &checks {
            check_text(&mut out, c);
        }
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Runs `tandem targets`.
pub fn targets(ctx: &Context, args: TargetsArgs) -> anyhow::Result<ExitCode> {
    if let Some(i) = &args.indicator {
        check_indicator(i)?;
    }
    let codes = args.pair.as_deref().map(pair_codes).transpose()?;
    let kb = load(ctx, 2.0)?;
    let targets: Vec<_> = kb
        .targets()
        .iter()
        .filter(|t| {
            args.indicator.as_deref().is_none_or(|i| i == t.indicator)
                && codes.as_ref().is_none_or(|c| same_countries(&t.sides, c))
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&targets)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} targets", targets.len());
    for t in &targets {
        let c = &t.current;
        let _ = writeln!(
            out,
            "  {} {}{} {}: {} by {} (stated by {} document(s), latest {})",
            t.indicator,
            t.sides.label(),
            goods(t.product.as_deref()),
            t.measure,
            qualified(c.value, &c.approx, &t.unit),
            c.year,
            c.documents,
            c.last_stated.as_deref().unwrap_or("undated")
        );
        match &t.progress {
            Some(p) => {
                let need = match p.required_growth_pct {
                    Some(g) => format!("needs {g:.1} % a year for {} years", p.years_left),
                    None if p.reached => "reached".to_owned(),
                    None => "deadline passed".to_owned(),
                };
                let _ = writeln!(
                    out,
                    "      actual {} in {}: {:.0} % reached, {need}",
                    human(p.actual, &t.unit),
                    p.actual_year,
                    p.share * 100.0
                );
            }
            None => {
                let _ = writeln!(out, "      no yearly actual to compare with");
            }
        }
        if t.changed {
            let steps: Vec<String> = t
                .history
                .iter()
                .map(|h| {
                    format!(
                        "{} by {} ({})",
                        qualified(h.value, &h.approx, &t.unit),
                        h.year,
                        h.first_stated.as_deref().unwrap_or("undated")
                    )
                })
                .collect();
            let _ = writeln!(out, "      history: {}", steps.join(" → "));
        }
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_values() {
        assert_eq!(human(3.39e9, "USD"), "3.39 bn USD");
        assert_eq!(human(18.2, "percent"), "18.2 %");
        assert_eq!(human(-12.6, "percent"), "-12.6 %");
        assert_eq!(human(25_000.0, "person"), "25 thousand person");
        assert_eq!(human(1.5e6, "tonne"), "1.5 mln tonne");
        assert_eq!(qualified(4e9, "over", "USD"), "over 4 bn USD");
    }
}
