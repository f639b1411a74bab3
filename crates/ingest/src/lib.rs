//! Reading documents for Tandem: files, directories, standard input; plain
//! text, HTML, JSON Lines, PDF (through poppler's `pdftotext`) and DOCX, any
//! of them gzip-compressed; UTF-8, UTF-16 with a BOM and windows-1251; and
//! statistics tables (XLSX, ODS, CSV), whose figures are read from their
//! layout ([`TableReading`]).
//!
//! This crate only turns bytes into [`SourceDoc`]s (text plus metadata) and
//! says why an input was rejected. It knows nothing of storage: the `tandem`
//! binary wires it to the text analysis, extraction and the store.

mod decode;
mod docx;
mod html;
mod inputs;
mod jsonl;
mod pdf;
mod plain;
mod tables;
mod xml;

use std::io::Read as _;
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
    /// `txt`, `html`, `jsonl`, `pdf`, `docx`, `csv`, `xlsx` or `ods`.
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
    /// PDF with a text layer.
    Pdf,
    /// Word document (Office Open XML).
    Docx,
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
            Format::Pdf => "pdf",
            Format::Docx => "docx",
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
    /// A PDF that cannot be read (truncated, damaged, or the tool failed).
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    /// A PDF that needs a password.
    #[error("encrypted PDF: it cannot be read without its password")]
    EncryptedPdf,
    /// A PDF whose pages hold no text (scanned images).
    #[error(
        "no text layer: its {pages} page(s) hold no text (a scanned PDF? run OCR on it first)"
    )]
    NoTextLayer {
        /// Pages in the file.
        pages: usize,
    },
    /// A DOCX that cannot be read.
    #[error("unreadable DOCX: {0}")]
    Docx(String),
    /// An external program needed for this format is not installed.
    #[error("needs `{tool}`, which is not installed (Debian package {package})")]
    MissingTool {
        /// The program.
        tool: &'static str,
        /// The Debian package that has it.
        package: &'static str,
    },
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

impl Read {
    /// Adds a document of `source`, or its rejection.
    fn add(&mut self, source: &str, doc: Result<SourceDoc, Reason>) {
        match doc {
            Ok(doc) => self.docs.push(doc),
            Err(reason) => self.rejected.push(Rejection {
                source: source.to_string(),
                reason,
            }),
        }
    }
}

/// Text per document, in bytes, for the inputs read in parts: a CSV table
/// or a PDF larger than this is read in parts of about this size, each a
/// document of its own (see [`read_parts`]).
pub const PART_BYTES: u64 = 1 << 20;

/// The path of `input` when it is to be read in parts of `part_bytes`
/// (normally [`PART_BYTES`]), with [`read_parts`] rather than
/// [`read_input`]: a CSV table file larger than `part_bytes` on disk or
/// gzip-compressed (`.csv.gz`, whose size once inflated is known only by
/// reading it), to which `max_file_bytes` does not apply; or a `.pdf` file
/// larger than `part_bytes` on disk, which the PDF tool then reads from its
/// path, not from memory.
pub fn large_input(input: &Input, part_bytes: u64) -> Option<&Path> {
    let name = input.file_name()?.to_ascii_lowercase();
    let compressed = name.ends_with(".gz");
    match input {
        Input::File(path)
            if Format::of_table(&name) == Some(Format::Csv)
                && (compressed || input.len() > part_bytes) =>
        {
            Some(path)
        }
        Input::File(path) if name.ends_with(".pdf") && input.len() > part_bytes => Some(path),
        _ => None,
    }
}

/// A file read a part at a time (see [`read_parts`]).
pub struct Parts {
    source: String,
    inner: PartsOf,
}

enum PartsOf {
    Csv(tables::CsvParts<Box<dyn std::io::Read + Send>>),
    Pdf(pdf::PdfParts),
    /// Read whole (a `.pdf` file that is no PDF), or why it could not be
    /// opened, handed out once.
    Once(Option<Read>),
}

impl Iterator for Parts {
    type Item = Read;

    fn next(&mut self) -> Option<Read> {
        let part = match &mut self.inner {
            PartsOf::Csv(parts) => parts.next()?,
            PartsOf::Pdf(parts) => parts.next()?,
            PartsOf::Once(read) => return read.take(),
        };
        let mut read = Read::default();
        read.add(&self.source, part);
        Some(read)
    }
}

impl Parts {
    fn failed(source: String, reason: Reason) -> Parts {
        let rejected = vec![Rejection {
            source: source.clone(),
            reason,
        }];
        Parts {
            source,
            inner: PartsOf::Once(Some(Read {
                docs: vec![],
                rejected,
            })),
        }
    }
}

/// Reads a file that [`large_input`] chose a part at a time, in parts of
/// about `part_bytes` of text: a PDF with [`read_pdf_parts`], a CSV table
/// with [`read_table_parts`].
pub fn read_parts(path: &Path, part_bytes: u64, max_bytes: u64) -> Parts {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".pdf") {
        read_pdf_parts(path, part_bytes, max_bytes)
    } else {
        read_table_parts(path, part_bytes)
    }
}

/// Reads a PDF file a part at a time: each item is one document of about
/// `part_bytes` of text (whole pages, cut where a sentence does not go on
/// across the page break), titled with the PDF's title (or the file name)
/// and its pages, dated with the PDF's date, with source `path#part-N`; or
/// the rejection that ends the reading (naming the file). `pdftotext` reads
/// the file from its path and the next part is read only when asked for,
/// so memory stays bounded by a part whatever the file's size. A PDF of one
/// part is the one document [`read_input`] gives, with the same id. A file
/// larger than `max_bytes`, or whose text is, is refused as with
/// [`read_input`]; one that is no PDF is read as [`read_input`] reads it.
pub fn read_pdf_parts(path: &Path, part_bytes: u64, max_bytes: u64) -> Parts {
    let source = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut head = Vec::with_capacity(1024);
    let opened = std::fs::File::open(path).and_then(|file| {
        let len = file.metadata()?.len();
        file.take(1024).read_to_end(&mut head)?;
        Ok(len)
    });
    match opened {
        Err(e) => Parts::failed(source, inputs::io_reason(&e)),
        Ok(size) if size > max_bytes => Parts::failed(
            source,
            Reason::TooLarge {
                size,
                limit: max_bytes,
            },
        ),
        Ok(_) if !pdf::is_pdf(&head) => Parts {
            inner: PartsOf::Once(Some(read_path(path, max_bytes))),
            source,
        },
        Ok(_) => Parts {
            inner: PartsOf::Pdf(pdf::read_file(
                &source,
                &stem_of(&name),
                path,
                max_bytes,
                part_bytes,
            )),
            source,
        },
    }
}

/// Reads a CSV table file (gzip-compressed or not) a part at a time: each
/// item is one document of about `part_bytes` of rows, with the table's
/// title and header rows repeated at its top and the cell references of the
/// whole table, or the rejection that ends the table (naming the file).
/// The next part is read only when asked for, so memory stays bounded by
/// one part whatever the file's size, and `max_file_bytes` does not apply:
/// statistics offices publish large tables. A table of one part is the one
/// document [`read_input`] gives.
pub fn read_table_parts(path: &Path, part_bytes: u64) -> Parts {
    let source = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opened = std::fs::File::open(path)
        .map_err(|e| inputs::io_reason(&e))
        .and_then(|file| {
            let mut file = std::io::BufReader::new(file);
            let magic = std::io::BufRead::fill_buf(&mut file).map_err(|e| inputs::io_reason(&e))?;
            let inner: Box<dyn std::io::Read + Send> = if decode::is_gzip(magic) {
                Box::new(flate2::read::MultiGzDecoder::new(file))
            } else {
                Box::new(file)
            };
            tables::CsvParts::new(&source, &stem_of(&name), inner, part_bytes)
        });
    match opened {
        Ok(parts) => Parts {
            source,
            inner: PartsOf::Csv(parts),
        },
        Err(reason) => Parts::failed(source, reason),
    }
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
    let lower = name.to_ascii_lowercase();
    let stem = stem_of(&name);
    let one = |doc: Result<SourceDoc, Reason>| match doc {
        Ok(doc) => Read {
            docs: vec![doc],
            rejected: vec![],
        },
        Err(reason) => reject(reason),
    };
    match Format::of_table(&name) {
        Some(Format::Csv) => {
            return match tables::CsvParts::new(source, &stem, bytes, PART_BYTES) {
                Ok(parts) => parts.fold(Read::default(), |mut read, part| {
                    read.add(source, part);
                    read
                }),
                Err(reason) => reject(reason),
            }
        }
        Some(format) => {
            return one(tables::read_workbook(
                source, &stem, format, bytes, max_bytes,
            ))
        }
        None => {}
    }
    if pdf::is_pdf(bytes) {
        return pdf::read(source, &stem, bytes, max_bytes, PART_BYTES)
            .into_iter()
            .fold(Read::default(), |mut read, part| {
                read.add(source, part);
                read
            });
    }
    if lower.ends_with(".pdf") {
        return reject(Reason::Pdf("not a PDF: no %PDF- header".into()));
    }
    if decode::is_zip(bytes) && (lower.ends_with(".docx") || docx::is_docx(bytes)) {
        return one(docx::read(source, &stem, bytes, max_bytes));
    }
    let text = match decode::decode(bytes) {
        Ok(t) => t,
        Err(reason) => return reject(reason),
    };
    if text.trim().is_empty() {
        return reject(Reason::Empty);
    }
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

/// A page fetched from the web, with what the feed that listed it said.
#[derive(Debug, Clone, Copy)]
pub struct WebPage<'a> {
    /// The page's URL: the document's URL, source and (last path segment) name.
    pub url: &'a str,
    /// The body as received.
    pub bytes: &'a [u8],
    /// The `charset` of the HTTP `Content-Type`, if any.
    pub charset: Option<&'a str>,
    /// The feed's title for the page, used when the page has none.
    pub title: Option<&'a str>,
    /// The feed's date for the page, used when the page has none.
    pub date: Option<DocDate>,
}

/// Reads the main text of a web page with the HTML reader, decoding it by
/// the server's charset when it gave one (else as files are decoded). The
/// document's URL is the page's URL; its title and date fall back to the
/// feed's.
pub fn read_web_page(page: &WebPage<'_>, max_bytes: u64) -> Result<SourceDoc, Reason> {
    if page.bytes.len() as u64 > max_bytes {
        return Err(Reason::TooLarge {
            size: page.bytes.len() as u64,
            limit: max_bytes,
        });
    }
    let text = match page.charset {
        Some(charset) => decode::decode_declared(page.bytes, charset)?,
        None => decode::decode(page.bytes)?,
    };
    if text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    let mut doc = html::read(page.url, &name_of_url(page.url), &text).ok_or(Reason::Empty)?;
    doc.url = Some(page.url.to_string());
    if doc.title.is_none() {
        doc.title = page
            .title
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty());
    }
    if doc.date.is_none() {
        doc.date = page.date;
    }
    doc.id = content_id(doc.title.as_deref(), doc.date, &doc.text);
    Ok(doc)
}

/// A short name for a URL: its last path segment without extensions, else its host.
fn name_of_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    match path.rsplit('/').find(|s| !s.is_empty()) {
        Some(segment) => stem_of(segment),
        None => host.to_string(),
    }
}

/// File name without directories and without its extensions (`a/b.txt.gz` → `b`).
fn stem_of(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut stem = base;
    for ext in [
        ".gz", ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".pdf", ".docx", ".csv",
        ".tsv", ".xlsx", ".ods",
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
    fn web_pages_take_the_feed_title_and_date_when_they_lack_them() {
        let url = "http://news.example/2025/trade-report.html?x=1";
        let html = b"<html><body><p>Exports grew by 12% in 2024.</p></body></html>";
        let page = WebPage {
            url,
            bytes: html,
            charset: Some("utf-8"),
            title: Some("Trade report"),
            date: DocDate::parse("2025-03-01"),
        };
        let doc = read_web_page(&page, 1 << 20).unwrap();
        assert_eq!(doc.url.as_deref(), Some(url));
        assert_eq!(doc.source, url);
        assert_eq!(doc.name, "trade-report");
        assert_eq!(doc.title.as_deref(), Some("Trade report"));
        assert_eq!(doc.date, DocDate::parse("2025-03-01"));
        assert_eq!(
            doc.id,
            content_id(doc.title.as_deref(), doc.date, &doc.text)
        );
        let own =
            b"<html><head><title>Own title</title></head><body><p>Exports grew.</p></body></html>";
        let doc = read_web_page(&WebPage { bytes: own, ..page }, 1 << 20).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Own title"));
        assert!(matches!(
            read_web_page(&page, 10),
            Err(Reason::TooLarge { .. })
        ));
        assert_eq!(name_of_url("https://host.example/"), "host.example");
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
