//! `tandem eval`: scores extraction against gold figures, printing the
//! report of `shared/gold/score.py` (same numbers, same format).

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
    #[arg(long)]
    pub gold: PathBuf,
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
            let mut names: Vec<String> = std::fs::read_dir(&args.gold)
                .with_context(|| format!("cannot list {}", args.gold.display()))?
                .filter_map(|e| e.ok()?.file_name().to_str().map(str::to_string))
                .filter_map(|n| n.strip_suffix(".jsonl").map(str::to_string))
                .collect();
            names.sort();
            for name in names {
                let path = args.corpus.join(format!("{name}.txt"));
                figs.extend(super::extract::figures_of(&path, ctx.max_file_bytes)?);
            }
            tandem_extract::score::figures_to_predictions(&figs)
        }
    };
    let scores = tandem_extract::score::score(&args.corpus, &args.gold, &preds)
        .with_context(|| format!("cannot score against {}", args.gold.display()))?;
    if args.json {
        println!("{}", tandem_extract::score::to_json(&scores));
    } else {
        print!("{}", tandem_extract::score::render(&scores, args.verbose));
    }
    Ok(ExitCode::SUCCESS)
}
