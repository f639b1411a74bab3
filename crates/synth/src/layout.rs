//! Deciding which file each document goes to, and writing it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::document::{self, Document};
use crate::format::{self, DatePrecision, HtmlStyle};
use crate::lang::{self, LangData};
use crate::rng::Rng;
use crate::sink::Sink;
use crate::Summary;

/// Output format of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    TxtGz,
    Html,
    HtmlGz,
    Jsonl,
}

/// One block of a language's format schedule, shuffled anew for each block:
/// every 20 documents of a language have this mix (30% txt, 5% txt.gz, 20%
/// html, 5% html.gz, 40% jsonl), so a corpus of 140 documents or more has
/// every format in every language.
const SCHEDULE: [Format; 20] = [
    Format::Txt,
    Format::Txt,
    Format::Txt,
    Format::Txt,
    Format::Txt,
    Format::Txt,
    Format::TxtGz,
    Format::Html,
    Format::Html,
    Format::Html,
    Format::Html,
    Format::HtmlGz,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
    Format::Jsonl,
];

/// Most documents in one JSON Lines file.
const JSONL_MAX_PER_FILE: usize = 100;
/// Every how many JSON Lines files of a language one is gzipped.
const JSONL_GZIP_EVERY: u64 = 3;
/// Documents per single-document sub-directory.
const SHARD: usize = 1000;
/// Salt separating the layout stream from the document streams.
const LAYOUT_SALT: u64 = 0x5EED_1A70_u64;

/// Writes a synthetic corpus of `docs` documents into `out_dir` (created if
/// missing; existing files with the same names are overwritten).
///
/// Layout: `<lang>/<shard>/<index>.txt|.txt.gz|.html|.html.gz` for
/// single-document files and `<lang>/jsonl/<lang>-<n>.jsonl[.gz]` for JSON
/// Lines files. Documents cycle through [`crate::LANGUAGES`]. The output is a
/// function of `docs` and `seed` only, and memory use does not depend on
/// `docs`: documents are streamed to disk one at a time. Document texts are
/// distinct for up to ten million documents (each lead sentence carries a
/// figure derived bijectively from the document's index).
pub fn generate(out_dir: &Path, docs: usize, seed: u64) -> io::Result<Summary> {
    let langs = lang::load_all()?;
    let mut layout = Rng::new(seed ^ LAYOUT_SALT);
    let mut jsonl: Vec<JsonlFiles> = langs
        .iter()
        .map(|l| JsonlFiles::new(out_dir.join(&l.code).join("jsonl"), &l.code, docs))
        .collect();
    let mut summary = Summary::default();
    let mut schedules = vec![SCHEDULE; langs.len()];

    for index in 0..docs {
        let li = index % langs.len();
        let turn = (index / langs.len()) % SCHEDULE.len();
        if turn == 0 {
            layout.shuffle(&mut schedules[li]);
        }
        let lang = &langs[li];
        let doc = document::build(lang, index as u64, seed);
        match schedules[li][turn] {
            Format::Jsonl => {
                let precision = match layout.below(10) {
                    0 => DatePrecision::Year,
                    1 | 2 => DatePrecision::Month,
                    _ => DatePrecision::Day,
                };
                jsonl[li].write(&format::jsonl(&doc, precision), &mut summary)?;
            }
            single => write_single(
                out_dir,
                lang,
                index,
                &doc,
                single,
                &mut layout,
                &mut summary,
            )?,
        }
        summary.documents += 1;
    }
    for files in jsonl {
        files.finish(&mut summary)?;
    }
    Ok(summary)
}

fn write_single(
    out_dir: &Path,
    lang: &LangData,
    index: usize,
    doc: &Document,
    fmt: Format,
    layout: &mut Rng,
    summary: &mut Summary,
) -> io::Result<()> {
    let (text, ext, gzip) = match fmt {
        Format::Txt | Format::TxtGz => {
            let text = format::txt(doc, layout.chance(0.5));
            (text, "txt", fmt == Format::TxtGz)
        }
        _ => {
            let style = HtmlStyle {
                published_time: layout.chance(0.5),
                article_tag: layout.chance(0.5),
            };
            (
                format::html(doc, lang, style),
                "html",
                fmt == Format::HtmlGz,
            )
        }
    };
    let dir = out_dir
        .join(&lang.code)
        .join(format!("{:04}", index / SHARD));
    fs::create_dir_all(&dir)?;
    let name = if gzip {
        format!("{index:07}.{ext}.gz")
    } else {
        format!("{index:07}.{ext}")
    };
    let mut sink = Sink::create(&dir.join(name), gzip)?;
    sink.write(&text)?;
    summary.bytes += sink.finish()?;
    summary.files += 1;
    Ok(())
}

/// The rotating JSON Lines files of one language.
struct JsonlFiles {
    dir: PathBuf,
    code: String,
    per_file: usize,
    current: Option<(Sink, usize)>,
    opened: u64,
}

impl JsonlFiles {
    fn new(dir: PathBuf, code: &str, total_docs: usize) -> JsonlFiles {
        JsonlFiles {
            dir,
            code: code.to_string(),
            // Small corpora still get several files (so some are gzipped);
            // from 25,000 documents on every file holds 100, so a bigger
            // corpus is more files of the same sizes, and the ingest
            // benchmark's sizes differ in nothing but the number of
            // documents.
            per_file: (total_docs / 250).clamp(4, JSONL_MAX_PER_FILE),
            current: None,
            opened: 0,
        }
    }

    fn write(&mut self, line: &str, summary: &mut Summary) -> io::Result<()> {
        if self.current.is_none() {
            fs::create_dir_all(&self.dir)?;
            let gzip = self.opened % JSONL_GZIP_EVERY == 1;
            let ext = if gzip { "jsonl.gz" } else { "jsonl" };
            let path = self
                .dir
                .join(format!("{}-{:05}.{ext}", self.code, self.opened));
            self.current = Some((Sink::create(&path, gzip)?, 0));
            self.opened += 1;
        }
        if let Some((sink, count)) = self.current.as_mut() {
            sink.write(line)?;
            *count += 1;
            if *count >= self.per_file {
                self.close(summary)?;
            }
        }
        Ok(())
    }

    fn close(&mut self, summary: &mut Summary) -> io::Result<()> {
        if let Some((sink, _)) = self.current.take() {
            summary.bytes += sink.finish()?;
            summary.files += 1;
        }
        Ok(())
    }

    fn finish(mut self, summary: &mut Summary) -> io::Result<()> {
        self.close(summary)
    }
}
