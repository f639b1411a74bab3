//! Prints the paragraphs, languages and sentences of files, and the
//! analysis speed: `cargo run --release -p tandem-text --example analyze --
//! [--quiet] [--phases] FILE...` (`--quiet`: speed only; `--phases`: also
//! time the repairs alone).

use std::time::Instant;

fn main() {
    let mut total_bytes = 0usize;
    let mut total_secs = 0f64;
    let quiet = std::env::args().any(|a| a == "--quiet");
    let phases = std::env::args().any(|a| a == "--phases");
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if phases {
            let started = Instant::now();
            drop(tandem_text::Text::new(&text));
            eprintln!(
                "{path}: repair alone {:.3} s",
                started.elapsed().as_secs_f64()
            );
        }
        let started = Instant::now();
        let analysis = tandem_text::analyze(&text);
        total_secs += started.elapsed().as_secs_f64();
        total_bytes += text.len();
        if quiet {
            continue;
        }
        println!("== {path}");
        let view = analysis.text.view();
        for p in &analysis.paragraphs {
            println!("[{}] ({} sentences)", p.lang, p.sentences.len());
            for s in &p.sentences {
                println!("    | {}", &view[s.start..s.end]);
            }
        }
    }
    if total_secs > 0.0 {
        eprintln!(
            "{total_bytes} bytes in {total_secs:.3} s: {:.1} MB/s",
            total_bytes as f64 / total_secs / 1e6
        );
    }
}
