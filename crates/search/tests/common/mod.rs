//! Test support: reads a corpus directory with the ingest crate (every
//! format it accepts), labels each document with its main language (by
//! paragraph length, as the store does) and indexes it into a temporary
//! index.

use std::collections::HashMap;
use std::path::Path;

use tandem_search::{IndexDoc, SearchIndex};

/// A document owned by the test.
pub struct Doc {
    pub id: String,
    pub name: String,
    pub title: String,
    pub date: Option<String>,
    pub lang: String,
    pub text: String,
}

impl Doc {
    pub fn as_index_doc(&self) -> IndexDoc<'_> {
        IndexDoc {
            id: &self.id,
            name: &self.name,
            title: &self.title,
            date: self.date.as_deref(),
            lang: &self.lang,
            text: &self.text,
        }
    }
}

fn main_language(text: &str) -> String {
    let analysis = tandem_text::analyze(text);
    let mut bytes: HashMap<&'static str, usize> = HashMap::new();
    for p in &analysis.paragraphs {
        *bytes.entry(p.lang.code()).or_default() += p.end - p.start;
    }
    bytes
        .into_iter()
        .filter(|(l, _)| *l != "und")
        .max_by_key(|&(_, n)| n)
        .map_or_else(|| "und".to_string(), |(l, _)| l.to_string())
}

/// Every document under `dir`, read by the ingest crate.
pub fn read_corpus(dir: &Path) -> Vec<Doc> {
    let (inputs, _) = tandem_ingest::collect_inputs(&[dir.to_path_buf()]);
    let mut docs = Vec::new();
    for input in &inputs {
        if input.file_name().is_some_and(|n| n.ends_with(".md")) {
            continue;
        }
        for d in tandem_ingest::read_input(input, 50 << 20).docs {
            docs.push(Doc {
                lang: main_language(&d.text),
                id: d.id,
                name: d.name,
                title: d.title.unwrap_or_default(),
                date: d.date.map(|x| x.to_string()),
                text: d.text,
            });
        }
    }
    docs
}

/// Indexes `docs` into a fresh index in `dir`.
pub fn index_docs(dir: &Path, docs: &[Doc]) -> SearchIndex {
    let mut index = SearchIndex::open(dir).unwrap();
    let batch: Vec<IndexDoc> = docs.iter().map(Doc::as_index_doc).collect();
    index.add(&batch).unwrap();
    index
}

/// The bundled sample corpus.
pub fn examples_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// The shared real corpus, if present.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.is_dir().then_some(dir)
}
