//! Writes a large UN Comtrade-style CSV table for the memory benchmark of
//! `tandem ingest` (BENCHMARKS.md):
//! `cargo run --release -p tandem-ingest --example make_csv -- OUT.csv 100`
//! gives about 100 MB of rows — reporters, partners, months, flows and HS
//! chapters in turn, each row one figure.

use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(mb)) = (args.next(), args.next()) else {
        eprintln!("usage: make_csv OUT.csv MEGABYTES");
        std::process::exit(2);
    };
    let target: u64 = mb.parse::<u64>().expect("MEGABYTES is a number") << 20;
    let countries = [
        (398, "KAZ", "Kazakhstan"),
        (860, "UZB", "Uzbekistan"),
        (417, "KGZ", "Kyrgyzstan"),
        (762, "TJK", "Tajikistan"),
        (795, "TKM", "Turkmenistan"),
        (643, "RUS", "Russian Federation"),
        (156, "CHN", "China"),
    ];
    let flows = [("X", "Export"), ("M", "Import")];
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let header = "typeCode,freqCode,refYear,period,reporterCode,reporterISO,reporterDesc,\
                  flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,primaryValue\n";
    file.write_all(header.as_bytes())?;
    let mut size = header.len() as u64;
    let mut i: u64 = 0;
    while size < target {
        let reporter = countries[(i % 4) as usize];
        let partner = countries[(1 + i % 4 + (i / 4) % 3) as usize % countries.len()];
        let (flow_code, flow) = flows[((i / 12) % 2) as usize];
        let year = 2015 + (i / 24) % 10;
        let month = 1 + i % 12;
        let chapter = 1 + (i / 240) % 97;
        let value = 1000 + (i * 7919) % 9_000_000;
        let row = format!(
            "C,M,{year},{year}{month:02},{},{},{},{flow_code},{flow},{},{},{},{chapter:02},Chapter {chapter:02},{value}.5\n",
            reporter.0, reporter.1, reporter.2, partner.0, partner.1, partner.2
        );
        file.write_all(row.as_bytes())?;
        size += row.len() as u64;
        i += 1;
    }
    file.flush()?;
    eprintln!("{out}: {size} bytes, {i} rows");
    Ok(())
}
