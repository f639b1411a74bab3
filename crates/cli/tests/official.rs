//! Official statistics against the news, end to end: a statistics table
//! and a news item ingested by `tandem ingest`, then read back from the
//! store, `tandem series` and `tandem conflicts --checks`.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tandem");

fn tandem(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .args(args)
        .output()
        .expect("run tandem");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// A statistics office table (2023 and 2024) and a news item that reports
/// 2024 at $4.4 bn: 8.75 % above the official $4.0459 bn.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(
        dir.join("in/stat.csv"),
        "Товарооборот Республики Казахстан, млн долл. США\n\
         Страна;2023;2024\n\
         Узбекистан;4398,2;4045,9\n\
         Кыргызстан;1804,3;1903,5\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("in/news.txt"),
        " date 2025-02-11 Товарооборот вырос\nТоварооборот между Казахстаном и Узбекистаном в 2024 году составил 4,4 млрд долларов США.\n",
    )
    .unwrap();
    std::fs::write(dir.join("in/notes.csv"), "product;2023;2024\nwheat;10;12\n").unwrap();
}

#[test]
fn official_figures_are_stored_and_set_against_the_news() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d);
    let s = json(&tandem(d, &["ingest", "--json", "in"]));
    assert_eq!(s["new"], 3, "{s}");
    assert_eq!(s["official"], 4, "{s}");
    let as_text = s["tables_as_text"].as_array().unwrap();
    assert_eq!(as_text.len(), 1, "{s}");
    assert!(
        as_text[0].as_str().unwrap().ends_with(
            "notes.csv: stored as text, no figures read: no country column or row found"
        ),
        "{s}"
    );

    let conn = rusqlite::Connection::open(d.join("tandem-data/tandem.db")).unwrap();
    let (value, subject, partner, period, cell, kind): (
        f64,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT value, subject, partner, period, cell, source_kind FROM figures
             WHERE cell = 'C3'",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        (
            value,
            subject.as_str(),
            partner.as_str(),
            period.as_str(),
            cell.as_str(),
            kind.as_str()
        ),
        (4045.9e6, "KZ", "UZ", "2024", "C3", "official")
    );
    // its sentence is its own row, stored as one of the document's sentences
    let (sentence, rows_as_sentences): (String, i64) = conn
        .query_row(
            "SELECT f.sentence, (SELECT COUNT(*) FROM sentence_texts s
                                 WHERE s.document_id = f.document_id AND s.text = f.sentence)
             FROM figures f WHERE f.cell = 'C3'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sentence, "Узбекистан\t4398,2\t4045,9");
    assert_eq!(rows_as_sentences, 1);
    let news: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM figures WHERE source_kind = 'news' AND value = 4.4e9",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(news, 1);

    let v = json(&tandem(
        d,
        &[
            "series",
            "--indicator",
            "trade.turnover",
            "--pair",
            "KZ-UZ",
            "--json",
        ],
    ));
    let series = v.as_array().unwrap();
    let kinds: Vec<&str> = series
        .iter()
        .map(|s| s["source_kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["news", "official"], "{v}");
    let point = &series[0]["points"][0];
    assert_eq!(point["period"], "2024");
    assert_eq!(point["official"], 4045.9e6);
    let gap = point["gap_pct"].as_f64().unwrap();
    assert!(
        (gap - (4.4e9 - 4045.9e6) / 4045.9e6 * 100.0).abs() < 1e-9,
        "{gap}"
    );
    let text = String::from_utf8(
        tandem(
            d,
            &["series", "--indicator", "trade.turnover", "--pair", "KZ-UZ"],
        )
        .stdout,
    )
    .unwrap();
    assert!(text.contains("+8.8%"), "{text}");

    let v = json(&tandem(d, &["conflicts", "--checks", "--json"]));
    let official: Vec<&serde_json::Value> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["check"] == "official")
        .collect();
    assert_eq!(official.len(), 1, "{v}");
    assert_eq!(official[0]["pass"], false);
    assert_eq!(official[0]["stated"], 4.4e9);
    assert_eq!(official[0]["implied"], 4045.9e6);
    // within a 10 % tolerance the news agrees with the statistics
    let v = json(&tandem(
        d,
        &["conflicts", "--checks", "--json", "--tolerance", "10"],
    ));
    let check = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "official")
        .unwrap();
    assert_eq!(check["pass"], true);
    // news and official figures never make a conflict between them
    assert!(v["conflicts"].as_array().unwrap().is_empty(), "{v}");
}

/// The sample corpus's statistics table gives exactly the figures it
/// states: Kazakhstan's trade turnover with each country, for each year
/// with a value, in millions of US dollars — and nothing else.
#[test]
fn the_sample_statistics_table_gives_exactly_what_it_states() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let table = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/corpus/ru/2025_stat-kz-tovarooborot-ca.csv");
    let s = json(&tandem(d, &["ingest", "--json", table.to_str().unwrap()]));
    assert_eq!(s["new"], 1, "{s}");
    assert!(s["tables_as_text"].as_array().unwrap().is_empty(), "{s}");

    let uz = "Узбекистан\t1987,2\t2998,4\t3352,9\t3064,5\t3772,6\t4575,4\t4398,2\t4045,9";
    let kg = "Кыргызстан\t\t\t\t\t\t\t1804,3\t1903,5";
    let tj = "Таджикистан\t\t\t\t\t\t\t1090,0\t1120,4";
    let expected = [
        ("B3", "1987,2", 1987.2e6, "UZ", "2017", uz),
        ("C3", "2998,4", 2998.4e6, "UZ", "2018", uz),
        ("D3", "3352,9", 3352.9e6, "UZ", "2019", uz),
        ("E3", "3064,5", 3064.5e6, "UZ", "2020", uz),
        ("F3", "3772,6", 3772.6e6, "UZ", "2021", uz),
        ("G3", "4575,4", 4575.4e6, "UZ", "2022", uz),
        ("H3", "4398,2", 4398.2e6, "UZ", "2023", uz),
        ("I3", "4045,9", 4045.9e6, "UZ", "2024", uz),
        ("H4", "1804,3", 1804.3e6, "KG", "2023", kg),
        ("I4", "1903,5", 1903.5e6, "KG", "2024", kg),
        ("H5", "1090,0", 1090.0e6, "TJ", "2023", tj),
        ("I5", "1120,4", 1120.4e6, "TJ", "2024", tj),
    ];
    let conn = rusqlite::Connection::open(d.join("tandem-data/tandem.db")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT f.cell, f.text, f.value, f.indicator, f.subject, f.partner, f.period, f.unit,
                    f.product, f.measure, f.kind, f.source_kind, f.sentence,
                    CAST(substr(CAST(d.text AS BLOB), f.start_offset + 1,
                                f.end_offset - f.start_offset) AS TEXT)
             FROM figures f JOIN documents d ON d.seq = f.document ORDER BY f.ordinal",
        )
        .unwrap();
    type Row = (
        String,
        String,
        f64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.len(),
        expected.len(),
        "one figure per value of the table"
    );
    for (row, (cell, text, value, partner, period, sentence)) in rows.iter().zip(expected) {
        let (c, t, v, indicator, subject, p, y, unit, product, measure, kind, source_kind, s, span) =
            row;
        assert_eq!((c.as_str(), t.as_str(), *v), (cell, text, value));
        assert_eq!(
            (indicator.as_str(), subject.as_str(), p.as_str(), y.as_str()),
            ("trade.turnover", "KZ", partner, period),
            "{cell}"
        );
        assert_eq!(
            (unit.as_str(), product, measure.as_str(), kind.as_str()),
            ("USD", &None, "level", "actual"),
            "{cell}"
        );
        assert_eq!(source_kind, "official");
        assert_eq!(s, sentence, "{cell}: the sentence is the row");
        assert_eq!(span, text, "{cell}: the span is the cell's text");
    }
}

/// A CSV table larger than `max_file_bytes` is not refused: it is read as
/// a stream and stored in parts of about 1 MiB of rows, each a document
/// with the header on top, every row's figure stored once with the cell
/// reference of the whole table.
#[test]
fn a_large_csv_table_is_stored_in_parts_past_the_file_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut csv = String::from(
        "reporterISO,reporterDesc,flowDesc,partnerISO,partnerDesc,period,cmdCode,primaryValue\n",
    );
    let mut rows = 0;
    while csv.len() < 1_300_000 {
        csv.push_str(&format!(
            "KAZ,Kazakhstan,Export,UZB,Uzbekistan,2023{:02},{:02},{}\n",
            1 + rows % 12,
            1 + rows % 97,
            1000 + rows
        ));
        rows += 1;
    }
    std::fs::write(d.join("comtrade.csv"), &csv).unwrap();
    std::fs::write(d.join("tandem.toml"), "max_file_bytes = 1000000\n").unwrap();
    let out = tandem(d, &["ingest", "--json", "comtrade.csv"]);
    let s = json(&out);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert_eq!(s["new"], 2, "{s}");
    assert_eq!(s["official"], rows, "{s}");

    let conn = rusqlite::Connection::open(d.join("tandem-data/tandem.db")).unwrap();
    let sources: Vec<String> = conn
        .prepare("SELECT source FROM documents ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(sources, ["comtrade.csv#part-1", "comtrade.csv#part-2"]);
    // the last row: its cell in the whole table, its value, its month
    let (cell, period, header): (String, String, i64) = conn
        .query_row(
            "SELECT f.cell, f.period, instr(d.text, 'reporterISO') FROM figures f
             JOIN documents d ON d.seq = f.document WHERE f.value = ?1",
            [1000 + rows - 1],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(cell, format!("H{}", rows + 1));
    assert_eq!(period, format!("2023-{:02}", 1 + (rows - 1) % 12));
    assert!(header > 0, "the second part has the header on top");

    // gzip-compressed, smaller than the limit on disk but not once
    // inflated, it is read as a stream too: the same parts and figures
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, csv.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    assert!(gz.len() < 1_000_000, "{} bytes", gz.len());
    std::fs::write(d.join("comtrade.csv.gz"), gz).unwrap();
    std::fs::write(d.join("tandem.toml"), "max_file_bytes = 1000000\n").unwrap();
    let out = tandem(d, &["ingest", "--json", "comtrade.csv.gz"]);
    let s = json(&out);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert_eq!(s["new"], 2, "{s}");
    assert_eq!(s["official"], rows, "{s}");
}
