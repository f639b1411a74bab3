//! `tandem ingest` end to end: formats, idempotence, versions, bad input,
//! exit statuses, and interruption by `kill -9`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_tandem");

fn tandem(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .args(args)
        .output()
        .expect("run tandem")
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

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("tandem-data/tandem.db")).unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

const RU: &str = " date 2025-10-20 Товарооборот Казахстана и Узбекистана вырос\nТоварооборот между Казахстаном и Узбекистаном за девять месяцев 2025 года составил 3,4 млрд долларов США.\nЭкспорт казахстанских товаров вырос на 25%.\n";
const KK: &str = "date 2024-02-01 Сауда өсті\nҚазақстан мен Өзбекстан арасындағы тауар айналымы 2023 жылы 4 млрд доллардан асты.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn every_format_is_read_and_a_rerun_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "in/ru.txt", RU.as_bytes());
    write(d, "in/sub/kk.txt.gz", &gz(KK.as_bytes()));
    write(
        d,
        "in/page.html",
        br#"<html><head><title>Trade</title><meta name="date" content="2024-06-01"></head>
<body><nav>Menu</nav><article><p>Kazakhstan's exports to Uzbekistan reached $2.5 bn in 2023.</p></article>
<script>var x = 1;</script></body></html>"#,
    );
    write(
        d,
        "in/feed.jsonl",
        "{\"id\":\"u1\",\"url\":\"https://example.org/u1\",\"title\":\"Savdo\",\"date\":\"2025\",\"text\":\"O'zbekiston va Qozog'iston savdosi 4 mlrd dollarga yetdi.\"}\n{\"id\":\"u2\",\"title\":\"Trade\",\"date\":\"2025-03\",\"text\":\"Trade grew by 10% in the first quarter of 2025.\"}\n".as_bytes(),
    );
    let out = tandem(d, &["ingest", "--json", "in"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    assert_eq!(s["new"], 5);
    assert_eq!(s["rejected"].as_array().unwrap().len(), 0);

    let conn = db(d);
    let html_text: String = conn
        .query_row(
            "SELECT text FROM documents WHERE format = 'html'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        html_text.contains("$2.5 bn")
            && !html_text.contains("Menu")
            && !html_text.contains("var x")
    );
    let (date, precision): (String, String) = conn
        .query_row(
            "SELECT date, date_precision FROM documents WHERE name = 'u2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((date.as_str(), precision.as_str()), ("2025-03", "month"));
    let kk_lang: String = conn
        .query_row(
            "SELECT language FROM documents WHERE name = 'kk'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kk_lang, "kk");
    assert!(count(&conn, "SELECT COUNT(*) FROM paragraphs") >= 5);
    assert!(count(&conn, "SELECT COUNT(*) FROM sentences") >= 6);

    let again = tandem(d, &["ingest", "--json", "in"]);
    assert_eq!(again.status.code(), Some(0));
    let s = summary(&again);
    assert_eq!(
        (s["new"].as_i64(), s["unchanged"].as_i64()),
        (Some(0), Some(5))
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 5);
    let human = tandem(d, &["ingest", "in"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("nothing to do"));

    // The same content under another name is the same document.
    std::fs::copy(d.join("in/ru.txt"), d.join("copy.txt")).unwrap();
    let s = summary(&tandem(d, &["ingest", "--json", "copy.txt"]));
    assert_eq!(s["unchanged"], 1);
}

#[test]
fn a_changed_file_becomes_a_new_version() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.txt", RU.as_bytes());
    assert_eq!(tandem(d, &["ingest", "a.txt"]).status.code(), Some(0));
    write(
        d,
        "a.txt",
        format!("{RU}Импорт снизился на 1%.\n").as_bytes(),
    );
    let s = summary(&tandem(d, &["ingest", "--json", "a.txt"]));
    assert_eq!(s["new_versions"], 1);
    let conn = db(d);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 2);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents WHERE is_latest = 1 AND version = 2 AND supersedes IS NOT NULL"), 1);
    // Only the current version is found by search.
    let out = tandem(d, &["search", "--json", "--exact", "товарооборот"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits["total"], 1, "{hits}");
}

#[test]
fn bad_inputs_are_named_with_their_reason_and_the_rest_is_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "in/good.txt", RU.as_bytes());
    write(d, "in/empty.txt", b"  \n\n");
    write(d, "in/binary.dat", b"\x00\x01\x02binary\x00\x00");
    write(d, "in/scan.pdf", b"%PDF-1.7\n...");
    write(
        d,
        "in/latin1.txt",
        b"caf\xe9 cr\xe8me br\xfbl\xe9e au march\xe9",
    );
    write(d, "in/big.txt", &vec![b'a'; 3000]);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251
        .encode("date 2023-05-05 Экспорт\nЭкспорт вырос на 12% в 2022 году.\n");
    write(d, "in/cp1251.txt", &cp1251);
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Импорт из Узбекистана составил 1,1 млрд долларов.".encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(d, "in/utf16.txt", &utf16);
    write(
        d,
        "in/bad.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Trade grew by 5%.\"}\n{broken\n",
    );
    write(d, "tandem.toml", b"max_file_bytes = 2000\n");

    let out = tandem(d, &["ingest", "--json", "in", "missing-dir"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    let rejected: Vec<String> = s["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let find = |path: &str, reason: &str| {
        assert!(
            rejected
                .iter()
                .any(|r| r.contains(path) && r.contains(reason)),
            "no rejection of {path} for {reason:?} in {rejected:#?}"
        )
    };
    find("empty.txt", "empty");
    find("binary.dat", "binary");
    find("scan.pdf", "PDF");
    find("latin1.txt", "encoding");
    find("big.txt", "too large");
    find("bad.jsonl", "line 2");
    find("missing-dir", "no such file");
    assert_eq!(rejected.len(), 7);
    assert_eq!(
        s["new"], 4,
        "good.txt, cp1251.txt, utf16.txt and one JSONL record"
    );

    let conn = db(d);
    let texts: Vec<String> = conn
        .prepare("SELECT text FROM documents ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(texts.iter().any(|t| t.contains("Экспорт вырос на 12%")));
    assert!(texts.iter().any(|t| t.starts_with("Импорт из Узбекистана")));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .current_dir(tmp.path())
        .args(["ingest", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(KK.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(summary(&out)["new"], 1);
    let source: String = db(tmp.path())
        .query_row("SELECT source || ' ' || date FROM documents", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(source, "- 2024-02-01");
}

#[test]
fn nothing_to_do_exits_with_2_and_an_unusable_store_is_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert_eq!(tandem(d, &["ingest"]).status.code(), Some(2));
    write(d, "a.txt", RU.as_bytes());
    let bogus = write(
        d,
        "bogus.db",
        b"not a database, just text that is long enough to be a file header",
    );
    let out = tandem(d, &["--db", "bogus.db", "ingest", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bogus.db"));
    assert_eq!(
        std::fs::read(bogus).unwrap(),
        b"not a database, just text that is long enough to be a file header"
    );
}

/// A corpus of `n` distinct documents of about 2 KB each.
fn make_corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let mut text = format!(
            " date 20{:02}-{:02}-{:02} Новости торговли номер {i}\n",
            15 + i % 10,
            1 + i % 12,
            1 + i % 28
        );
        for j in 0..8 {
            text.push_str(&format!(
                "Товарооборот между Казахстаном и Узбекистаном в 20{} году составил {},{} млрд долларов, а экспорт вырос на {}%. ",
                15 + (i + j) % 10,
                1 + i % 9,
                j,
                3 + (i * 7 + j) % 40
            ));
            text.push('\n');
        }
        std::fs::write(dir.join(format!("doc{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn kill_9_in_the_middle_then_a_rerun_stores_every_document_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let n = 3000;
    make_corpus(&corpus, n);
    let mut child = Command::new(BIN)
        .current_dir(d)
        .args(["ingest", "--quiet", "--batch-bytes", "60000", "corpus"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let db_path = d.join("tandem-data/tandem.db");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut stored_before_kill = 0;
    while std::time::Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db_path.exists() {
            if let Ok(conn) = rusqlite::Connection::open(&db_path) {
                stored_before_kill = conn
                    .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                    .unwrap_or(0);
            }
        }
        if stored_before_kill > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        stored_before_kill > 0 && (stored_before_kill as usize) < n,
        "the kill must land in the middle (stored {stored_before_kill} of {n}, status {status:?})"
    );

    let out = tandem(d, &["ingest", "--json", "corpus"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    let conn = db(d);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), n as i64);
    assert_eq!(
        s["new"].as_i64().unwrap() + s["unchanged"].as_i64().unwrap(),
        n as i64
    );
    assert!(s["unchanged"].as_i64().unwrap() >= stored_before_kill);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.document = d.seq)"),
        0,
        "no document is half-written"
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM figures f WHERE f.document = d.seq)"),
        0,
        "every document kept its figures"
    );
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let again = summary(&tandem(d, &["ingest", "--json", "corpus"]));
    assert_eq!(again["unchanged"].as_i64(), Some(n as i64));
}
