//! Generates a synthetic corpus from the command line:
//! `cargo run --release -p tandem-synth --example gen -- OUT_DIR [DOCS] [SEED]`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen OUT_DIR [DOCS=100000] [SEED=1]");
        return ExitCode::FAILURE;
    };
    let docs = match args.next().map(|s| s.parse::<usize>()) {
        None => 100_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("DOCS: {e}");
            return ExitCode::FAILURE;
        }
    };
    let seed = match args.next().map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("SEED: {e}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    match tandem_synth::generate(&out, docs, seed) {
        Ok(s) => {
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{} documents, {} files, {} bytes in {secs:.1} s ({:.1} MB/s)",
                s.documents,
                s.files,
                s.bytes,
                s.bytes as f64 / 1e6 / secs
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
