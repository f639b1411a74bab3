//! `tandem ingest` on PDF and DOCX files: figures with their values and
//! offsets into the stored text, bad files named with their reason in the
//! same run as good ones, nothing stored lost, a missing `pdftotext` named,
//! and the sample corpus's PDF and DOCX.

#[path = "../../ingest/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::docx::{bomb, docx, p, table, zip_parts};
use common::pdf::Pdf;

const BIN: &str = env!("CARGO_BIN_EXE_tandem");

fn tandem(dir: &Path, args: &[&str], path_env: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .args(args);
    if let Some(path) = path_env {
        c.env("PATH", path);
    }
    c.output().expect("run tandem")
}

fn summary(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn rejected(s: &serde_json::Value) -> Vec<String> {
    s["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("tandem-data/tandem.db")).unwrap()
}

/// (figure text, value, start, end) of the figures of the document in `format`.
fn figures(
    conn: &rusqlite::Connection,
    format: &str,
) -> (String, Vec<(String, f64, usize, usize)>) {
    let (seq, text): (i64, String) = conn
        .query_row(
            "SELECT seq, text FROM documents WHERE format = ?1",
            [format],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let figs = conn
        .prepare("SELECT text, value, start_offset, end_offset FROM figures WHERE document = ?1 ORDER BY ordinal")
        .unwrap()
        .query_map([seq], |r| {
            let (start, end): (i64, i64) = (r.get(2)?, r.get(3)?);
            Ok((r.get(0)?, r.get(1)?, start as usize, end as usize))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (text, figs)
}

/// The figure written `written` (line breaks of the PDF's lines aside)
/// with `value`; its offsets must give its text in the stored text.
fn assert_figure(stored: &str, figs: &[(String, f64, usize, usize)], written: &str, value: f64) {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let found = figs
        .iter()
        .find(|(t, v, _, _)| words(t) == written && (*v - value).abs() < 1e-6 * value);
    let Some((t, _, start, end)) = found else {
        panic!("no figure {written:?} = {value} among {figs:?}");
    };
    assert_eq!(&stored[*start..*end], t, "offsets {start}..{end}");
}

fn pdf_report() -> Vec<u8> {
    let head = "Аналитическая записка · 2025";
    let mut pdf = Pdf::new()
        .title("Торговля с Узбекистаном")
        .date("D:20250211120000Z");
    pdf.page(&[
        (72.0, 800.0, 9.0, head),
        (
            72.0,
            700.0,
            12.0,
            "Товарооборот Казахстана и Узбекистана в 2024",
        ),
        (72.0, 685.0, 12.0, "году составил 4,0 млрд долларов США."),
        (300.0, 40.0, 9.0, "- 1 -"),
    ]);
    pdf.page(&[
        (72.0, 800.0, 9.0, head),
        (
            72.0,
            700.0,
            12.0,
            "Экспорт Казахстана в Узбекистан за 2024 год",
        ),
        (72.0, 685.0, 12.0, "составил 2,9 млрд долларов."),
        (300.0, 40.0, 9.0, "- 2 -"),
    ]);
    pdf.to_bytes()
}

fn docx_report() -> Vec<u8> {
    let body = [
        p("Қазақстан мен Өзбекстан арасындағы тауар айналымы 2023 жылы 4,4 млрд долларды құрады."),
        table(&[&["Жыл", "Экспорт", "Импорт"], &["2023", "3,2", "1,2"]]),
    ]
    .concat();
    docx(&body, Some(("Сауда", "2024-02-01T08:00:00Z")))
}

#[test]
fn figures_of_a_pdf_and_a_docx_point_into_the_stored_text_and_bad_files_are_named() {
    common::require_pdftotext();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "in/report.pdf", &pdf_report());
    write(d, "in/sauda.docx", &docx_report());
    let out = tandem(d, &["ingest", "--json", "in"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(summary(&out)["new"], 2);

    let conn = db(d);
    let (text, figs) = figures(&conn, "pdf");
    assert!(
        !text.contains("Аналитическая записка") && !text.contains("- 2 -"),
        "{text}"
    );
    assert_figure(&text, &figs, "4,0 млрд долларов США", 4.0e9);
    assert_figure(&text, &figs, "2,9 млрд долларов", 2.9e9);
    let (title, date): (String, String) = conn
        .query_row(
            "SELECT title, date FROM documents WHERE format = 'pdf'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (title.as_str(), date.as_str()),
        ("Торговля с Узбекистаном", "2025-02-11")
    );
    let (text, figs) = figures(&conn, "docx");
    assert_figure(&text, &figs, "4,4 млрд долларды", 4.4e9);

    // A second run with bad files: each is named with its reason, the good
    // new file is stored, and nothing stored before is lost.
    let full = pdf_report();
    write(d, "bad/cut.pdf", &full[..full.len() * 2 / 3]);
    let mut scan = Pdf::new();
    scan.image_page();
    write(d, "bad/scan.pdf", &scan.to_bytes());
    let encrypted = include_bytes!("../../ingest/tests/data/encrypted.pdf");
    write(d, "bad/locked.pdf", encrypted);
    write(d, "bad/bomb.docx", &bomb(4 << 20));
    // a workbook that inflates to 16 MiB: over four times the 1 MB limit
    write(
        d,
        "bad/bomb.xlsx",
        &zip_parts(&[("xl/worksheets/sheet1.xml", " ".repeat(16 << 20))]),
    );
    write(
        d,
        "bad/other.zip",
        &zip_parts(&[("a.txt", "a".to_string())]),
    );
    write(
        d,
        "bad/new.txt",
        " date 2025-01-05 Импорт\nИмпорт из Узбекистана составил 1,1 млрд долларов.\n".as_bytes(),
    );
    write(d, "tandem.toml", b"max_file_bytes = 1000000\n");
    let out = tandem(d, &["ingest", "--json", "bad"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    let rejected = rejected(&s);
    for (file, reason) in [
        ("cut.pdf", "truncated"),
        ("scan.pdf", "no text layer"),
        ("locked.pdf", "encrypted"),
        ("bomb.docx", "too large"),
        ("bomb.xlsx", "too large"),
        ("other.zip", "ZIP archive"),
    ] {
        assert!(
            rejected
                .iter()
                .any(|r| r.contains(file) && r.contains(reason)),
            "no rejection of {file} for {reason:?} in {rejected:#?}"
        );
    }
    assert_eq!(rejected.len(), 6, "{rejected:#?}");
    assert_eq!(s["new"], 1);
    let formats: Vec<String> = conn
        .prepare("SELECT format FROM documents ORDER BY format")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(formats, ["docx", "pdf", "txt"]);
}

#[test]
fn a_missing_pdftotext_is_named_with_its_package() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "in/report.pdf", &pdf_report());
    write(d, "in/sauda.docx", &docx_report());
    let empty = tempfile::tempdir().unwrap();
    // read whole, then (parts smaller than the file) read from its path in parts
    for (args, new) in [
        (&["ingest", "--json", "in"][..], 1),
        (&["ingest", "--json", "--part-bytes", "100", "in"][..], 0),
    ] {
        let out = tandem(d, args, Some(empty.path().to_str().unwrap()));
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = summary(&out);
        let rejected = rejected(&s);
        assert!(
            rejected.len() == 1
                && rejected[0].contains("report.pdf")
                && rejected[0].contains("pdftotext")
                && rejected[0].contains("poppler-utils"),
            "{rejected:#?}"
        );
        assert_eq!(s["new"], new, "the DOCX needs no tool");
    }
}

/// A bulletin of `pages` pages with a running head and page numbers, each
/// page stating export figures of its own; the import figure of an odd
/// page goes on across the page break.
fn bulletin(pages: usize) -> Vec<u8> {
    let mut pdf = Pdf::new()
        .title("Бюллетень внешней торговли")
        .date("D:20251015080000Z");
    for n in 1..=pages {
        let number = n.to_string();
        let body: Vec<String> = if n % 2 == 1 {
            vec![
                format!("Экспорт за период {n} составил {n},5 млн долларов."),
                format!("Импорт за тот же период составил {}", 100 + n),
            ]
        } else {
            vec![
                "млн долларов, а стороны обсудили новые маршруты.".into(),
                format!("Экспорт зерна достиг {n},25 млн долларов."),
            ]
        };
        let mut lines = vec![(72.0, 800.0, 9.0, "Бюллетень · внешняя торговля")];
        for (i, l) in body.iter().enumerate() {
            lines.push((72.0, 700.0 - 40.0 * i as f32, 12.0, l.as_str()));
        }
        lines.push((300.0, 40.0, 9.0, number.as_str()));
        pdf.page(&lines);
    }
    pdf.to_bytes()
}

/// A PDF larger than a part (here made small by `--part-bytes`) is read
/// from its path a part at a time and stored as several documents, in
/// order, every figure once with offsets into its part's text; a second
/// run stores nothing; a small PDF in the same run stays one document.
#[test]
fn a_large_pdf_is_stored_in_parts_and_a_rerun_stores_nothing_twice() {
    common::require_pdftotext();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let pages = 30;
    write(d, "in/bulletin.pdf", &bulletin(pages));
    write(d, "in/report.pdf", &pdf_report());
    let args = ["ingest", "--json", "--part-bytes", "800", "in"];
    let out = tandem(d, &args, None);
    let s = summary(&out);
    assert_eq!(out.status.code(), Some(0), "{s}");
    let conn = db(d);
    let parts: Vec<(i64, String, String, String, String)> = conn
        .prepare(
            "SELECT seq, source, title, date, text FROM documents
             WHERE source LIKE '%bulletin.pdf#part-%' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(parts.len() >= 3, "{} parts", parts.len());
    assert_eq!(s["new"], parts.len() + 1, "{s}");
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(documents as usize, parts.len() + 1);
    let mut all_figures = Vec::new();
    for (i, (seq, source, title, date, text)) in parts.iter().enumerate() {
        assert!(
            source.ends_with(&format!("in/bulletin.pdf#part-{}", i + 1)),
            "{source}"
        );
        assert!(
            title.starts_with(&format!(
                "Бюллетень внешней торговли (part {}: pages ",
                i + 1
            )),
            "{title}"
        );
        assert_eq!(date, "2025-10-15");
        assert!(!text.contains("Бюллетень"), "{title}: {text}");
        let figs: Vec<(String, usize, usize)> = conn
            .prepare("SELECT text, start_offset, end_offset FROM figures WHERE document = ?1")
            .unwrap()
            .query_map([seq], |r| {
                let (start, end): (i64, i64) = (r.get(1)?, r.get(2)?);
                Ok((r.get(0)?, start as usize, end as usize))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (t, start, end) in figs {
            assert_eq!(&text[start..end], t, "{title}");
            all_figures.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    for n in 1..=pages {
        let expected = if n % 2 == 1 {
            format!("{n},5 млн долларов")
        } else {
            format!("{n},25 млн долларов")
        };
        let mut wanted = vec![expected];
        if n % 2 == 0 {
            wanted.push(format!("{} млн долларов", 99 + n));
        }
        for e in wanted {
            let times = all_figures.iter().filter(|f| **f == e).count();
            assert_eq!(times, 1, "{e:?} in {all_figures:?}");
        }
    }
    // the small PDF is the one document it always was
    let (source, title): (String, String) = conn
        .query_row(
            "SELECT source, title FROM documents WHERE source LIKE '%report.pdf'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(source.ends_with("in/report.pdf"), "{source}");
    assert_eq!(title, "Торговля с Узбекистаном");
    let figures: i64 = conn
        .query_row("SELECT count(*) FROM figures", [], |r| r.get(0))
        .unwrap();

    let out = tandem(d, &args, None);
    let again = summary(&out);
    assert_eq!(out.status.code(), Some(0), "{again}");
    assert_eq!(again["new"], 0, "{again}");
    assert_eq!(again["unchanged"], parts.len() + 1, "{again}");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM documents"), documents);
    assert_eq!(count("SELECT count(*) FROM figures"), figures);
}

#[test]
fn the_sample_corpus_pdf_and_docx_are_ingested_with_their_figures() {
    common::require_pdftotext();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let pdf = corpus.join("kk/2025-11-24_sauda-sholuy.pdf");
    let docx = corpus.join("ru/2025-03-04_spravka-tovarooborot.docx");
    let out = tandem(
        d,
        &[
            "ingest",
            "--json",
            pdf.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = db(d);
    let (text, figs) = figures(&conn, "pdf");
    assert!(!text.contains("Сауда шолуы ·"), "running head kept: {text}");
    assert_figure(&text, &figs, "4,0 млрд долларды", 4.0e9);
    assert_figure(&text, &figs, "3,39 млрд долларға", 3.39e9);
    let (text, figs) = figures(&conn, "docx");
    assert!(text.contains("2024\t4,0\t2,9\t1,1"), "{text}");
    assert_figure(&text, &figs, "4,0 млрд долларов США", 4.0e9);
    let dates: Vec<String> = conn
        .prepare("SELECT date FROM documents ORDER BY date")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(dates, ["2025-03-04", "2025-11-24"]);
}

/// On a PostgreSQL store (`TANDEM_TEST_PG`), where `tandem ingest` goes
/// through the work queue: the same parts and figures as on SQLite, and a
/// second run stores nothing.
#[test]
fn a_large_pdf_in_parts_is_stored_once_on_postgresql() {
    common::require_pdftotext();
    let Some(location) = tandem_store::testing::fresh_postgres() else {
        return;
    };
    let tandem_store::Location::Postgres(url) = &location else {
        unreachable!("fresh_postgres gives a PostgreSQL database")
    };
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "in/bulletin.pdf", &bulletin(30));
    let args = ["ingest", "--json", "--part-bytes", "800", "in"];
    let on_sqlite = summary(&tandem(d, &args, None));
    let parts = on_sqlite["new"].as_i64().unwrap();
    assert!(parts >= 3, "{on_sqlite}");
    let on_postgres = [&["--db", url.as_str()][..], &args[..]].concat();
    let out = tandem(d, &on_postgres, None);
    let first = summary(&out);
    assert_eq!(out.status.code(), Some(0), "{first}");
    assert_eq!(first["new"], parts, "{first}");
    assert_eq!(first["figures"], on_sqlite["figures"], "{first}");
    let out = tandem(d, &on_postgres, None);
    let again = summary(&out);
    assert_eq!(out.status.code(), Some(0), "{again}");
    assert_eq!(again["new"], 0, "{again}");
    let store = tandem_store::Store::open(&location).unwrap();
    let count = |sql: &str| store.query_int(sql).unwrap();
    assert_eq!(
        count("SELECT count(*) FROM documents WHERE source LIKE '%bulletin.pdf#part-%'"),
        parts
    );
    assert_eq!(
        count("SELECT count(*) FROM figures"),
        on_sqlite["figures"].as_i64().unwrap()
    );
}
