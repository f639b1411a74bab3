//! Extraction throughput on plain-text files:
//! `cargo run --release -p tandem-extract --example bench_extract -- FILE...`.
//! Prints MB/s of `tandem_extract::bench_extract` (text analysis excluded),
//! best of five runs.

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let mut best = f64::MAX;
    let mut bytes = 0;
    for _ in 0..5 {
        let (b, secs) = tandem_extract::bench_extract(&texts);
        bytes = b;
        best = best.min(secs);
    }
    println!(
        "{} bytes, {:.3} s, {:.1} MB/s",
        bytes,
        best,
        bytes as f64 / 1e6 / best.max(1e-9)
    );
}
