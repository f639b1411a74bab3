//! Throughput of figure extraction alone on texts dumped by
//! `tandem bench extract … --dump FILE` (one JSON string a line):
//! `cargo bench -p tandem-extract --bench extract_only -- FILE [RUNS]`.
//! Prints the median and best MB/s of [`tandem_extract::extract`] per
//! second of this thread's CPU time (read from `/proc/thread-self/schedstat`,
//! so that other programs on a busy machine disturb the figure less), and
//! per second of wall-clock time.

use std::time::Instant;

/// Nanoseconds this thread has run on a CPU, if the kernel says.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn summary(mut rates: Vec<f64>) -> String {
    rates.sort_by(f64::total_cmp);
    let list: Vec<String> = rates.iter().map(|r| format!("{r:.1}")).collect();
    format!(
        "median {:.1} MB/s, best {:.1} (runs: {})",
        rates[rates.len() / 2],
        rates[rates.len() - 1],
        list.join(", ")
    )
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: extract_only FILE [RUNS]");
        return;
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let analyses: Vec<tandem_text::Analysis> =
        texts.iter().map(|t| tandem_text::analyze(t)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let (c0, t0) = (cpu_ns(), Instant::now());
        for (i, a) in analyses.iter().enumerate() {
            std::hint::black_box(tandem_extract::extract(&format!("bench{i}"), a, None));
        }
        let secs = t0.elapsed().as_secs_f64();
        wall.push(mb / secs.max(1e-9));
        if let (Some(c0), Some(c1)) = (c0, cpu_ns()) {
            cpu.push(mb / ((c1 - c0) as f64 / 1e9).max(1e-9));
        }
    }
    println!("{} texts, {mb:.1} MB, extraction alone", texts.len());
    if !cpu.is_empty() {
        println!("  per CPU second:  {}", summary(cpu));
    }
    println!("  per wall second: {}", summary(wall));
}
