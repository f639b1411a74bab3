//! PDF documents with a text layer, read by poppler's `pdftotext` (Debian
//! package `poppler-utils`) run as a subprocess.
//!
//! Why a subprocess: the pure-Rust readers tried (`pdf-extract` on `lopdf`)
//! did not read the Cyrillic PDFs here as reliably as poppler does, and
//! poppler keeps a hostile file's parsing out of Tandem's process. The tool
//! runs with `-bbox-layout`, which gives pages, text blocks (paragraphs) and
//! lines with their positions, plus the Info dictionary's title and
//! creation date; its output is parsed as it streams, one page at a time.
//!
//! What this module makes of it: blocks become paragraphs (a blank line
//! between them); the lines of a block end with a trailing space, the mark
//! the text stage takes for a soft wrap, so it joins them and repairs
//! hyphenation; a page break is a paragraph break unless the sentence
//! visibly goes on (no closing punctuation, next page starts in
//! lowercase). Running headers and footers — blocks near the top or bottom
//! edge repeated on most pages, digits aside — and bare page numbers are
//! dropped. The stored text is this text; every offset points into it.

use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

use quick_xml::events::{BytesStart, Event};
use tandem_model::DocDate;
use wait_timeout::ChildExt as _;

use crate::xml::resolve_ref;
use crate::{content_id, Format, Reason, SourceDoc};

/// The tool and the Debian package that has it.
const TOOL: &str = "pdftotext";
const PACKAGE: &str = "poppler-utils";

/// Longest a PDF may take to convert.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Share of the page height at the top and at the bottom where running
/// headers and footers sit.
const EDGE: f64 = 0.12;

/// Whether the bytes start with a PDF header (after blank bytes, if any).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0)
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF-")
}

/// Reads a PDF; the text is limited to `max_bytes`.
pub(crate) fn read(
    source: &str,
    name: &str,
    bytes: &[u8],
    max_bytes: u64,
) -> Result<SourceDoc, Reason> {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(Reason::Pdf(
            "truncated: no %%EOF end marker (the file was cut short)".into(),
        ));
    }
    let converted = convert(bytes, max_bytes)?;
    let pages = converted.pages.len();
    let text = assemble(converted.pages);
    if text.trim().is_empty() {
        return Err(Reason::NoTextLayer { pages });
    }
    let title = converted
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let date = converted.date.as_deref().and_then(parse_date);
    Ok(SourceDoc {
        id: content_id(title.as_deref(), date, &text),
        name: name.to_string(),
        source: source.to_string(),
        url: None,
        title,
        date,
        format: Format::Pdf,
        table: None,
        text,
    })
}

/// The date part of poppler's `2025-11-24T09:00:00Z` or of a raw PDF date
/// `D:20251124090000Z`.
fn parse_date(s: &str) -> Option<DocDate> {
    let s = s.trim();
    if let Some(raw) = s.strip_prefix("D:") {
        let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
        let date = match digits.len() {
            n if n >= 8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]),
            6 | 7 => format!("{}-{}", &digits[..4], &digits[4..6]),
            4 | 5 => digits[..4].to_string(),
            _ => return None,
        };
        return DocDate::parse(&date);
    }
    let cut = s.find(['T', ' ']).unwrap_or(s.len());
    DocDate::parse(&s[..cut])
}

/// One text block (paragraph) of a page, with its vertical extent.
#[derive(Debug, Default)]
struct Block {
    lines: Vec<String>,
    top: f64,
    bottom: f64,
}

impl Block {
    fn text(&self) -> String {
        self.lines.join(" ")
    }
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    blocks: Vec<Block>,
}

#[derive(Debug, Default)]
struct Converted {
    title: Option<String>,
    date: Option<String>,
    pages: Vec<Page>,
}

/// Runs `pdftotext -bbox-layout` on the bytes (fed on its standard input)
/// and parses its output as it comes.
fn convert(bytes: &[u8], max_bytes: u64) -> Result<Converted, Reason> {
    let mut child = Command::new(TOOL)
        .args(["-bbox-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Reason::MissingTool {
                tool: TOOL,
                package: PACKAGE,
            },
            _ => Reason::Io(format!("cannot run {TOOL}: {e}")),
        })?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(Reason::Io(format!("cannot talk to {TOOL}")));
    };
    let (parsed, errors, status) = std::thread::scope(|scope| {
        // A tool that exits early closes its input: a write error then says nothing new.
        scope.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let errors = scope.spawn(move || {
            let mut buf = String::new();
            let _ = stderr.take(16 * 1024).read_to_string(&mut buf);
            buf
        });
        let parsed = scope.spawn(move || parse(BufReader::new(stdout), max_bytes));
        let status = match child.wait_timeout(TIMEOUT) {
            Ok(Some(status)) => Ok(status),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(Reason::Pdf(format!(
                    "{TOOL} did not finish within {} s",
                    TIMEOUT.as_secs()
                )))
            }
            Err(e) => Err(Reason::Io(format!("waiting for {TOOL}: {e}"))),
        };
        let parsed = parsed.join().unwrap_or_else(|_| {
            Err(Reason::Pdf(format!(
                "the output of {TOOL} could not be read"
            )))
        });
        if parsed.is_err() {
            let _ = child.kill();
        }
        (parsed, errors.join().unwrap_or_default(), status)
    });
    // text past the limit: the reader stopped, and the tool may then die of
    // the closed pipe (SIGPIPE); the limit is the reason
    if matches!(parsed, Err(Reason::TooLarge { .. })) {
        return parsed;
    }
    let status = status?;
    if !status.success() {
        let message = errors
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
        if errors.to_ascii_lowercase().contains("password") {
            return Err(Reason::EncryptedPdf);
        }
        return Err(Reason::Pdf(if message.is_empty() {
            format!("{TOOL} failed ({status})")
        } else {
            message
        }));
    }
    parsed
}

/// Parses the XHTML of `pdftotext -bbox-layout`, keeping at most
/// `max_bytes` of text.
fn parse(input: impl BufRead, max_bytes: u64) -> Result<Converted, Reason> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = Converted::default();
    let mut page: Option<Page> = None;
    let mut block: Option<Block> = None;
    let mut line: Option<String> = None;
    let mut word: Option<String> = None;
    let mut title: Option<String> = None;
    let mut size: u64 = 0;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Reason::Pdf(format!("unexpected output from {TOOL}: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "title" => title = Some(String::new()),
                "page" => {
                    page = Some(Page {
                        height: number(&e, "height"),
                        blocks: Vec::new(),
                    })
                }
                "block" => {
                    block = Some(Block {
                        lines: Vec::new(),
                        top: number(&e, "yMin"),
                        bottom: number(&e, "yMax"),
                    })
                }
                "line" => line = Some(String::new()),
                "word" => word = Some(String::new()),
                _ => {}
            },
            Event::Empty(e)
                if e.local_name().as_ref() == "meta"
                    && attribute(&e, "name").as_deref() == Some("CreationDate") =>
            {
                out.date = attribute(&e, "content");
            }
            Event::Text(t) => {
                let t = t.xml10_content();
                if let Some(w) = word.as_mut().or(title.as_mut()) {
                    w.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(w), Some(s)) = (word.as_mut().or(title.as_mut()), resolve_ref(&r)) {
                    w.push_str(&s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "title" => out.title = title.take(),
                "word" => {
                    if let (Some(w), Some(l)) = (word.take(), line.as_mut()) {
                        size += w.len() as u64 + 1;
                        if size > max_bytes {
                            return Err(Reason::TooLarge {
                                size,
                                limit: max_bytes,
                            });
                        }
                        if !l.is_empty() {
                            l.push(' ');
                        }
                        l.push_str(&w);
                    }
                }
                "line" => {
                    if let (Some(l), Some(b)) = (line.take(), block.as_mut()) {
                        if !l.trim().is_empty() {
                            b.lines.push(l);
                        }
                    }
                }
                "block" => {
                    if let (Some(b), Some(p)) = (block.take(), page.as_mut()) {
                        if !b.lines.is_empty() {
                            p.blocks.push(b);
                        }
                    }
                }
                "page" => out.pages.extend(page.take()),
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

fn number(e: &BytesStart<'_>, name: &str) -> f64 {
    attribute(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// A block's text with digits folded, so `Page 3` and `Page 4` compare equal.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A page number on its own: `7`, `- 7 -`, `7 / 12`, `Page 7`, `Бет 7`, `xii`.
fn is_page_number(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "-–—/|.()[]".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let numeric = |w: &&str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 6 && w.chars().all(|c| "ivxlcIVXLC".contains(c)))
    };
    let label = |w: &&str| {
        matches!(
            w.to_lowercase().as_str(),
            "page" | "p" | "стр" | "с" | "бет" | "б" | "bet" | "sahifa" | "саҳифа" | "of" | "из"
        )
    };
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(numeric)
        && words.iter().all(|w| numeric(w) || label(w))
}

/// Whether a block sits in the top or bottom margin of a page `height` high.
fn near_edge(height: f64, block: &Block) -> bool {
    height > 0.0 && (block.bottom <= height * EDGE || block.top >= height * (1.0 - EDGE))
}

/// Drops running headers, footers and page numbers, and joins the pages.
fn assemble(mut pages: Vec<Page>) -> String {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let mut seen: Vec<String> = page
            .blocks
            .iter()
            .filter(|b| near_edge(page.height, b))
            .map(|b| shape(&b.text()))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let n = pages.len();
    let running = |s: &str| n >= 2 && counts.get(s).is_some_and(|&c| c >= 2 && c * 2 > n);
    for page in &mut pages {
        let height = page.height;
        page.blocks.retain(|b| {
            !(near_edge(height, b) && (is_page_number(&b.text()) || running(&shape(&b.text()))))
        });
    }
    let mut text = String::new();
    for page in pages.iter().filter(|p| !p.blocks.is_empty()) {
        if !text.is_empty() {
            let goes_on = text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-' | '‐'))
                && page.blocks[0]
                    .lines
                    .first()
                    .and_then(|l| l.chars().next())
                    .is_some_and(char::is_lowercase);
            text.push_str(if goes_on { " \n" } else { "\n\n" });
        }
        for (i, block) in page.blocks.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
            }
            text.push_str(&block.lines.join(" \n"));
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for t in [
            "7",
            "- 7 -",
            "7 / 12",
            "Page 7",
            "Бет 7",
            "xii",
            "стр. 4 из 9",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024 жыл", "Сауда 2025", "", "Page"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn pdf_dates_are_read_in_both_forms() {
        assert_eq!(
            parse_date("2025-11-24T09:00:00Z").unwrap().to_string(),
            "2025-11-24"
        );
        assert_eq!(
            parse_date("D:20240305101500+05'00'").unwrap().to_string(),
            "2024-03-05"
        );
        assert!(parse_date("yesterday").is_none());
    }

    fn block(lines: &[&str], top: f64) -> Block {
        Block {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            top,
            bottom: top + 10.0,
        }
    }

    #[test]
    fn running_heads_and_page_numbers_go_and_sentences_go_on_across_pages() {
        let pages = (1..=3)
            .map(|i| Page {
                height: 400.0,
                blocks: vec![
                    block(&[&format!("Шолу · {} бет", i + 10)], 10.0),
                    block(
                        &[
                            if i == 1 {
                                "Экспорт"
                            } else {
                                "өсті."
                            },
                            if i == 1 {
                                "және импорт"
                            } else {
                                "Соңы."
                            },
                        ],
                        100.0,
                    ),
                    block(&[&i.to_string()], 380.0),
                ],
            })
            .collect();
        assert_eq!(
            assemble(pages),
            "Экспорт \nжәне импорт \nөсті. \nСоңы.\n\nөсті. \nСоңы.\n"
        );
    }
}
