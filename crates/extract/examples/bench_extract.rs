//! Throughput on plain-text files, best of five runs on one thread:
//! `cargo run --release -p tandem-extract --example bench_extract -- FILE...`.
//! Prints MB/s of analysis + extraction (`tandem_extract::bench_extract`)
//! and of extraction alone (`tandem_extract::bench_extract_only`).

fn best(f: impl Fn() -> (usize, f64)) -> (usize, f64) {
    (0..5)
        .map(|_| f())
        .fold((0, f64::MAX), |(_, b), (n, s)| (n, b.min(s)))
}

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    for (name, (bytes, secs)) in [
        (
            "analysis + extraction",
            best(|| tandem_extract::bench_extract(&texts)),
        ),
        (
            "extraction alone",
            best(|| tandem_extract::bench_extract_only(&texts)),
        ),
    ] {
        println!(
            "{name}: {bytes} bytes, {secs:.3} s, {:.1} MB/s",
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
}
