//! Documents read together: a report published twice, once naming its
//! country and once speaking only of "domestic products", gives the second
//! the first one's country — in `tandem extract` over both files and in an
//! ingest of both — and nothing when the second is read alone.

use std::path::Path;

mod common;

use common::tandem;

const NAMED: &str = " date 2024-10-20 Итоги экспорта\nЭкспорт Республики Таджикистан за девять месяцев 2024 года составил 1 млрд 243 млн долларов США.\n";
const UNNAMED: &str = " date 2024-10-22 Экспорт за девять месяцев\nЭкспорт отечественной продукции за девять месяцев 2024 года составил 1243,0 млн долларов США.\nВ Афганистан за этот период вывезено цемента на 212,5 тыс. долларов США.\n";

/// `(text, subject, partner)` of each figure `tandem extract` prints for `files`.
fn sides(dir: &Path, files: &[&str]) -> Vec<(String, Option<String>, Option<String>)> {
    let mut args = vec!["extract"];
    args.extend(files);
    let out = tandem(dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let side = |k: &str| v[k].as_str().map(str::to_string);
            (
                v["text"].as_str().unwrap().to_string(),
                side("subject"),
                side("partner"),
            )
        })
        .collect()
}

fn write_both(dir: &Path) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/named.txt"), NAMED).unwrap();
    std::fs::write(dir.join("in/unnamed.txt"), UNNAMED).unwrap();
}

#[test]
fn extract_gives_an_unnamed_report_the_country_of_its_named_twin() {
    let tmp = tempfile::tempdir().unwrap();
    write_both(tmp.path());
    let alone = sides(tmp.path(), &["in/unnamed.txt"]);
    assert_eq!(alone.len(), 2, "{alone:?}");
    assert!(alone.iter().all(|(_, s, _)| s.is_none()), "{alone:?}");

    let together = sides(tmp.path(), &["in/named.txt", "in/unnamed.txt"]);
    let tj = Some("TJ".to_string());
    let of = |t: &str| together.iter().find(|(x, _, _)| x.starts_with(t)).unwrap();
    assert_eq!(of("1243,0").1, tj, "{together:?}");
    assert_eq!(of("1243,0").2, None);
    assert_eq!(of("212,5").1, tj, "{together:?}");
    assert_eq!(of("212,5").2.as_deref(), Some("AF"));
}

#[test]
fn an_ingest_of_both_stores_the_country() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write_both(d);
    let out = tandem(d, &["ingest", "in"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(d.join("tandem-data/tandem.db")).unwrap();
    let subject: Option<String> = conn
        .query_row(
            "SELECT f.subject FROM figures f JOIN documents d ON d.seq = f.document
             WHERE d.name LIKE '%unnamed%' AND f.value = 1243000000",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(subject.as_deref(), Some("TJ"));
}
