//! End-to-end checks of `tandem_synth::generate` on small corpora.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use tandem_synth::{generate, LANGUAGES};

/// One document read back from the generated files.
struct ReadDoc {
    lang: String,
    format: &'static str,
    date: String,
    body: String,
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read_text(path: &Path) -> String {
    let raw = fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_string(&mut s)
            .unwrap();
        s
    } else {
        String::from_utf8(raw).unwrap()
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).map(|i| i + start.len()).unwrap();
    &s[from..from + s[from..].find(end).unwrap()]
}

fn read_back(dir: &Path) -> Vec<ReadDoc> {
    let mut docs = Vec::new();
    for path in files(dir) {
        let rel = path.strip_prefix(dir).unwrap();
        let lang = rel.components().next().unwrap();
        let lang = lang.as_os_str().to_string_lossy().into_owned();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let gz = name.ends_with(".gz");
        let text = read_text(&path);
        if name.contains(".jsonl") {
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                docs.push(ReadDoc {
                    lang: lang.clone(),
                    format: if gz { "jsonl.gz" } else { "jsonl" },
                    date: v["date"].as_str().unwrap().to_string(),
                    body: v["text"].as_str().unwrap().to_string(),
                });
            }
        } else if name.contains(".html") {
            let paragraphs: Vec<&str> = text
                .split("<p>")
                .skip(1)
                .filter_map(|p| p.split_once("</p>").map(|(a, _)| a))
                .collect();
            docs.push(ReadDoc {
                lang,
                format: if gz { "html.gz" } else { "html" },
                date: between(&text, "<time datetime=\"", "\"").to_string(),
                body: paragraphs[..paragraphs.len() - 1].join("\n"),
            });
        } else {
            let (head, body) = text.split_once('\n').unwrap();
            let head = head.trim_start().strip_prefix("date ").unwrap();
            docs.push(ReadDoc {
                lang,
                format: if gz { "txt.gz" } else { "txt" },
                date: head[..10].to_string(),
                body: body.to_string(),
            });
        }
    }
    docs
}

#[test]
fn small_corpus_has_every_language_and_format_and_exact_counts() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 200, 42).unwrap();
    assert_eq!(summary.documents, 200);

    let all = files(dir.path());
    assert_eq!(summary.files, all.len() as u64);
    let on_disk: u64 = all.iter().map(|p| fs::metadata(p).unwrap().len()).sum();
    assert_eq!(summary.bytes, on_disk);

    let docs = read_back(dir.path());
    assert_eq!(docs.len(), 200);

    let mut formats_by_lang: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in &docs {
        formats_by_lang.entry(&d.lang).or_default().insert(d.format);
    }
    let langs: Vec<&str> = formats_by_lang.keys().copied().collect();
    let mut expected = LANGUAGES.to_vec();
    expected.sort_unstable();
    assert_eq!(langs, expected);
    let every = ["html", "html.gz", "jsonl", "jsonl.gz", "txt", "txt.gz"];
    for (lang, formats) in &formats_by_lang {
        assert_eq!(formats.iter().copied().collect::<Vec<_>>(), every, "{lang}");
    }

    let date_lengths: BTreeSet<usize> = docs.iter().map(|d| d.date.len()).collect();
    assert_eq!(date_lengths, BTreeSet::from([4, 7, 10]));
    for d in &docs {
        let year: i32 = d.date[..4].parse().unwrap();
        assert!((2015..=2025).contains(&year), "{}", d.date);
        assert!(d.body.chars().any(|c| c.is_ascii_digit()));
    }

    let unique: HashSet<&str> = docs.iter().map(|d| d.body.as_str()).collect();
    assert_eq!(unique.len(), docs.len(), "document bodies must be unique");
}

#[test]
fn output_depends_only_on_docs_and_seed() {
    let snapshot = |seed: u64| {
        let dir = tempfile::tempdir().unwrap();
        let summary = generate(dir.path(), 150, seed).unwrap();
        let tree: Vec<(PathBuf, Vec<u8>)> = files(dir.path())
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(dir.path()).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                )
            })
            .collect();
        (summary, tree)
    };
    let (s1, t1) = snapshot(7);
    let (s2, t2) = snapshot(7);
    assert_eq!(s1, s2);
    assert!(t1 == t2, "same seed must give byte-identical files");
    let (_, t3) = snapshot(8);
    assert!(t1 != t3, "another seed must give another corpus");
}

#[test]
fn average_document_is_about_two_kilobytes() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 700, 1).unwrap();
    let docs = read_back(dir.path());
    let text_bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let avg = text_bytes / docs.len();
    assert!((1_200..=3_000).contains(&avg), "average body {avg} bytes");
    assert!(summary.bytes / summary.documents >= 1_200);
}

#[test]
fn zero_documents_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 0, 1).unwrap();
    assert_eq!(summary, tandem_synth::Summary::default());
    assert!(files(dir.path()).is_empty());
}
