//! Prints the figures of plain-text files as JSON Lines, without the
//! `tandem` binary: `cargo run -p tandem-extract --example extract_files -- FILE...`.

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut code = std::process::ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        let Ok(bytes) = std::fs::read(p) else {
            eprintln!("cannot read {path}");
            code = std::process::ExitCode::from(1);
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let analysis = tandem_text::analyze(&text);
        for f in tandem_extract::extract(&name, &analysis, None) {
            if serde_json::to_writer(&mut out, &f).is_err() || out.write_all(b"\n").is_err() {
                return std::process::ExitCode::from(1);
            }
        }
    }
    code
}
