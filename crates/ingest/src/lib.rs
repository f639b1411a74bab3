//! Reading documents for Tandem: files, directories, standard input; plain
//! text, HTML and JSON Lines, any of them gzip-compressed; UTF-8, UTF-16 with
//! a BOM and windows-1251; and statistics tables (XLSX, ODS, CSV), whose
//! figures are read from their layout ([`TableReading`]).
//!
//! This crate only turns bytes into [`SourceDoc`]s (text plus metadata) and
//! says why an input was rejected. It knows nothing of storage: the `tandem`
//! binary wires it to the text analysis, extraction and the store.

mod decode;
mod html;
mod inputs;
mod jsonl;
mod plain;
mod tables;

use std::path::Path;

use tandem_model::{DocDate, Figure};

pub use inputs::{collect_inputs, walk_inputs, Input, InputWalk};

/// A document read from an input, ready for analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// Stable id from the content (title, date and text): 32 hex digits of a blake3 hash.
    pub id: String,
    /// Short name: the file name without extensions, or the JSON Lines `id`.
    pub name: String,
    /// Where it came from: the path, `path#id` (or `path#line`) inside JSON Lines, `-` for stdin.
    pub source: String,
    /// URL, when the input gives one.
    pub url: Option<String>,
    /// Title, when known.
    pub title: Option<String>,
    /// Date, when known.
    pub date: Option<DocDate>,
    /// `txt`, `html`, `jsonl`, `csv`, `xlsx` or `ods`.
    pub format: Format,
    /// The text every offset refers to. For plain text it is the whole
    /// decoded file, including a ` date YYYY-MM-DD Title` first line; for
    /// a table, its rows as lines of tab-separated cells.
    pub text: String,
    /// For a statistics table, the figures read from its layout (no text
    /// extraction runs on it); `None` for text documents.
    pub table: Option<TableReading>,
}

/// What was read from a statistics table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableReading {
    /// Official figures, each with the cell it was read from and its span
    /// in the document text.
    pub figures: Vec<Figure>,
    /// Why no figure could be read, when none was: the table is then
    /// stored as text only.
    pub unread: Option<String>,
}

/// The format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// HTML page (main text extracted).
    Html,
    /// One object of a JSON Lines file.
    Jsonl,
    /// A CSV (or tab-separated) statistics table.
    Csv,
    /// An Excel workbook (Office Open XML).
    Xlsx,
    /// An OpenDocument spreadsheet.
    Ods,
}

impl Format {
    /// Name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }

    /// The table format a file name's extension says (`.csv`, `.tsv`,
    /// `.xlsx`, `.ods`), if any.
    pub fn of_table(file_name: &str) -> Option<Format> {
        let lower = file_name.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        if lower.ends_with(".csv") || lower.ends_with(".tsv") {
            Some(Format::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else if lower.ends_with(".ods") {
            Some(Format::Ods)
        } else {
            None
        }
    }
}

/// Why an input (or one record of it) was not ingested.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// No such file or directory.
    #[error("no such file or directory")]
    NotFound,
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// Nothing but whitespace.
    #[error("empty")]
    Empty,
    /// Larger than the configured limit.
    #[error("too large: {size} bytes, over the limit of {limit} bytes (set max_file_bytes in tandem.toml)")]
    TooLarge {
        /// Size found (or reached while decompressing).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Binary content (not text).
    #[error("binary content, not text ({0})")]
    Binary(String),
    /// Text in an encoding Tandem cannot read.
    #[error("unreadable encoding: not UTF-8, UTF-16 with a BOM or windows-1251")]
    Encoding,
    /// A corrupt gzip stream.
    #[error("corrupt gzip data: {0}")]
    Gzip(String),
    /// A spreadsheet or CSV file that cannot be read as a table.
    #[error("{0}")]
    Table(String),
    /// A JSON Lines record that is not a valid document.
    #[error("line {line}: {message}")]
    BadRecord {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One rejected input or record, with its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The path (or `-`).
    pub source: String,
    /// Why.
    pub reason: Reason,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

/// What reading one input gave: its documents and the records it rejected.
#[derive(Debug, Default)]
pub struct Read {
    /// Documents read.
    pub docs: Vec<SourceDoc>,
    /// Records or the whole input rejected.
    pub rejected: Vec<Rejection>,
}

/// Reads one input (file or stdin), never reading more than `max_bytes`
/// (before or after decompression).
pub fn read_input(input: &Input, max_bytes: u64) -> Read {
    let source = input.source();
    match input.read_bytes(max_bytes) {
        Ok(bytes) => read_bytes(&source, input.file_name().as_deref(), &bytes, max_bytes),
        Err(reason) => Read {
            docs: vec![],
            rejected: vec![Rejection { source, reason }],
        },
    }
}

/// Reads a file path (convenience for one file).
pub fn read_path(path: &Path, max_bytes: u64) -> Read {
    read_input(&Input::File(path.to_path_buf()), max_bytes)
}

/// Reads documents from raw bytes. `file_name` (if any) helps tell the format
/// by its extension; the content decides where it is clear.
pub fn read_bytes(source: &str, file_name: Option<&str>, bytes: &[u8], max_bytes: u64) -> Read {
    let reject = |reason| Read {
        docs: vec![],
        rejected: vec![Rejection {
            source: source.to_string(),
            reason,
        }],
    };
    let mut name = file_name.unwrap_or("stdin").to_string();
    let inflated;
    let bytes = if decode::is_gzip(bytes) {
        match decode::gunzip(bytes, max_bytes) {
            Ok(b) => {
                inflated = b;
                if let Some(stripped) = name.strip_suffix(".gz") {
                    name = stripped.to_string();
                }
                &inflated[..]
            }
            Err(reason) => return reject(reason),
        }
    } else {
        bytes
    };
    if let Some(format) = Format::of_table(&name) {
        let stem = stem_of(&name);
        let read = match format {
            Format::Csv => tables::read_csv(source, &stem, bytes),
            _ => tables::read_workbook(source, &stem, format, bytes, max_bytes),
        };
        return match read {
            Ok(doc) => Read {
                docs: vec![doc],
                rejected: vec![],
            },
            Err(reason) => reject(reason),
        };
    }
    let text = match decode::decode(bytes) {
        Ok(t) => t,
        Err(reason) => return reject(reason),
    };
    if text.trim().is_empty() {
        return reject(Reason::Empty);
    }
    let lower = name.to_ascii_lowercase();
    let stem = stem_of(&name);
    let head = text
        .trim_start()
        .get(..512.min(text.trim_start().len()))
        .unwrap_or("");
    let head_lower = head.to_ascii_lowercase();
    let looks_html = head_lower.starts_with("<!doctype html")
        || head_lower.starts_with("<html")
        || (head_lower.starts_with('<') && head_lower.contains("<body"));
    if lower.ends_with(".html") || lower.ends_with(".htm") || looks_html {
        return match html::read(source, &stem, &text) {
            Some(doc) => Read {
                docs: vec![doc],
                rejected: vec![],
            },
            None => reject(Reason::Empty),
        };
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || jsonl::looks_like(&text) {
        return jsonl::read(source, &text);
    }
    Read {
        docs: vec![plain::read(source, &stem, text)],
        rejected: vec![],
    }
}

/// File name without directories and without its extensions (`a/b.txt.gz` → `b`).
fn stem_of(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut stem = base;
    for ext in [
        ".gz", ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx",
        ".ods",
    ] {
        if stem.to_ascii_lowercase().ends_with(ext) {
            stem = &stem[..stem.len() - ext.len()];
        }
    }
    if stem.is_empty() { base } else { stem }.to_string()
}

/// The content id of a document: blake3 over title, date and text.
pub fn content_id(title: Option<&str>, date: Option<DocDate>, text: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(title.unwrap_or("").as_bytes());
    h.update(&[0]);
    h.update(date.map(|d| d.to_string()).unwrap_or_default().as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    h.finalize().to_hex()[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_every_known_extension() {
        assert_eq!(stem_of("corpus/003_abc.txt"), "003_abc");
        assert_eq!(stem_of("x/news.html.gz"), "news");
        assert_eq!(stem_of("feed.jsonl"), "feed");
        assert_eq!(stem_of(".txt"), ".txt");
    }

    #[test]
    fn content_id_depends_on_text_title_and_date() {
        let a = content_id(Some("T"), DocDate::parse("2025"), "body");
        assert_eq!(a.len(), 32);
        assert_eq!(a, content_id(Some("T"), DocDate::parse("2025"), "body"));
        assert_ne!(a, content_id(Some("T"), DocDate::parse("2024"), "body"));
        assert_ne!(a, content_id(Some("U"), DocDate::parse("2025"), "body"));
        assert_ne!(a, content_id(Some("T"), DocDate::parse("2025"), "body!"));
    }
}
