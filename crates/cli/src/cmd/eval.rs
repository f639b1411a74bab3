//! `tandem eval`: scores extraction against gold figures, printing the
//! report of `shared/gold/score.py` (same numbers, same format), and the
//! event reader against gold events and agreements (`gold/EVENTS.md`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::context::Context;

/// Arguments of `tandem eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Directory of the documents (`<doc>.txt`).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Directory of gold figures (`<doc>.jsonl`).
    #[arg(long, required_unless_present = "events_gold")]
    pub gold: Option<PathBuf>,
    /// Gold events and agreements (JSON Lines, `gold/EVENTS.md`): score the
    /// events and agreements read from every document of `--corpus`.
    #[arg(long)]
    pub events_gold: Option<PathBuf>,
    /// Score this predictions file (JSON Lines) instead of extracting.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// List missed gold figures and wrong fields.
    #[arg(short, long)]
    pub verbose: bool,
    /// Print the scores as one JSON object (as `score.py --json`).
    #[arg(long)]
    pub json: bool,
}

/// Runs `tandem eval`.
pub fn run(ctx: &Context, args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.events_gold {
        events(&args, path)?;
    }
    let Some(gold) = &args.gold else {
        return Ok(ExitCode::SUCCESS);
    };
    let preds = match &args.pred {
        Some(path) => {
            let raw = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let mut out = Vec::new();
            for (i, line) in raw
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
                    .with_context(|| format!("{}:{}: not a JSON object", path.display(), i + 1))?;
                out.push(v);
            }
            out
        }
        None => {
            let mut figs = Vec::new();
            let mut names: Vec<String> = std::fs::read_dir(gold)
                .with_context(|| format!("cannot list {}", gold.display()))?
                .filter_map(|e| e.ok()?.file_name().to_str().map(str::to_string))
                .filter_map(|n| n.strip_suffix(".jsonl").map(str::to_string))
                .collect();
            names.sort();
            for name in names {
                let path = args.corpus.join(format!("{name}.txt"));
                figs.extend(super::extract::figures_of(&path, ctx.max_file_bytes)?);
            }
            // read together, as `tandem extract` reads its files
            tandem_extract::across::lend_sides(&mut figs);
            tandem_extract::score::figures_to_predictions(&figs)
        }
    };
    let scores = tandem_extract::score::score(&args.corpus, gold, &preds)
        .with_context(|| format!("cannot score against {}", gold.display()))?;
    if args.json {
        println!("{}", tandem_extract::score::to_json(&scores));
    } else {
        print!("{}", tandem_extract::score::render(&scores, args.verbose));
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the events, agreements and projects read from every `.txt` document of the
/// corpus against the gold records of `path`.
fn events(args: &EvalArgs, path: &std::path::Path) -> anyhow::Result<()> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let gold = tandem_events::score::parse_gold(&raw)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut names: Vec<String> = std::fs::read_dir(&args.corpus)
        .with_context(|| format!("cannot list {}", args.corpus.display()))?
        .filter_map(|e| e.ok()?.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    let mut report = tandem_events::score::Report::default();
    for name in &names {
        let file = args.corpus.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let (_, found) = tandem_events::analyse(name, &text, None);
        let lines: Vec<&tandem_events::score::Gold> =
            gold.iter().filter(|g| g.doc() == name).collect();
        report.add(
            name,
            &lines,
            (&found.events, &found.agreements),
            &found.projects,
        );
    }
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(());
    }
    println!(
        "Events, agreements and projects ({} documents)",
        names.len()
    );
    println!("  kind                         gold  pred match     P     R    F1");
    for (label, c) in [
        ("events (type, countries, date)", report.events),
        ("events (type, countries)", report.events_type_countries),
        ("agreements", report.agreements),
        ("agreement subjects", report.agreement_subjects),
        ("projects (name, sides)", report.projects),
        ("project counts", report.project_counts),
    ] {
        println!(
            "  {label:<28} {:>5} {:>5} {:>5} {:>5.3} {:>5.3} {:>5.3}",
            c.gold,
            c.predicted,
            c.matched,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    if args.verbose {
        for (doc, errs) in &report.errors {
            println!("{doc}");
            for e in errs {
                println!("  {e}");
            }
        }
    }
    Ok(())
}
