//! Word documents (DOCX): the body's paragraphs and tables as text, the
//! title and creation date from `docProps/core.xml`.
//!
//! A DOCX is a ZIP archive of XML parts; only `word/document.xml` and
//! `docProps/core.xml` are read, each through a reader that stops at the
//! ingest size limit, so a small archive that inflates to gigabytes (a zip
//! bomb) is refused instead of filling memory.
//!
//! Text layout: one paragraph per block, blocks separated by a blank line;
//! a table is one line per row with its cells separated by tabs (a row of
//! numbers after a label, as the extraction's table reading expects).
//! Headers, footers, footnotes, deleted text of tracked changes and the
//! fallback copies of drawing text are not body text and are skipped.

use std::io::{Cursor, Read as _};

use quick_xml::events::Event;
use tandem_model::DocDate;

use crate::xml::resolve_ref;
use crate::{content_id, Format, Reason, SourceDoc};

const BODY: &str = "word/document.xml";
const CORE: &str = "docProps/core.xml";

/// Whether a ZIP archive holds a Word document body.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(BODY).is_some())
}

/// Reads a DOCX; no part may inflate to more than `max_bytes` in total.
pub(crate) fn read(
    source: &str,
    name: &str,
    bytes: &[u8],
    max_bytes: u64,
) -> Result<SourceDoc, Reason> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Reason::Docx(format!("not a readable ZIP archive: {e}")))?;
    let mut budget = max_bytes;
    let body = part(&mut archive, BODY, &mut budget)?
        .ok_or_else(|| Reason::Docx(format!("no {BODY} in the archive")))?;
    let text = body_text(&body)?;
    if text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    let (title, date) = match part(&mut archive, CORE, &mut budget)? {
        Some(core) => core_properties(&core),
        None => (None, None),
    };
    Ok(SourceDoc {
        id: content_id(title.as_deref(), date, &text),
        name: name.to_string(),
        source: source.to_string(),
        url: None,
        title,
        date,
        format: Format::Docx,
        table: None,
        text,
    })
}

/// Inflates one part, refusing to go past `budget` bytes (what is left of
/// the limit); `None` when the archive has no such part.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, Reason> {
    let Some(index) = archive.index_for_name(name) else {
        return Ok(None);
    };
    let file = archive
        .by_index(index)
        .map_err(|e| Reason::Docx(format!("{name}: {e}")))?;
    let declared = file.size();
    if declared > *budget {
        return Err(Reason::TooLarge {
            size: declared,
            limit: *budget,
        });
    }
    // The declared size may lie: the read itself is bounded too.
    let mut out = Vec::new();
    file.take(budget.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| Reason::Docx(format!("{name}: {e}")))?;
    if out.len() as u64 > *budget {
        return Err(Reason::TooLarge {
            size: out.len() as u64,
            limit: *budget,
        });
    }
    *budget -= out.len() as u64;
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| Reason::Docx(format!("{name} is not UTF-8 XML")))
}

/// A table being read: finished rows, the current row's cells, the current cell.
#[derive(Default)]
struct Table {
    rows: Vec<String>,
    cells: Vec<String>,
    cell: String,
}

/// The body text of `word/document.xml`.
fn body_text(xml: &str) -> Result<String, Reason> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut blocks: Vec<String> = Vec::new();
    // Open paragraphs (a text box may hold paragraphs inside a paragraph).
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    // Depth inside elements whose text is skipped.
    let mut skip = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Reason::Docx(format!("{BODY}: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "w:delText" | "mc:Fallback" | "w:instrText" => skip += 1,
                "w:t" => in_text = true,
                "w:p" => paragraphs.push(String::new()),
                "w:tbl" => tables.push(Table::default()),
                _ => {}
            },
            Event::Empty(e) if skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    match e.name().as_ref() {
                        "w:tab" => p.push('\t'),
                        "w:br" | "w:cr" => p.push(' '),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let (Some(p), Some(s)) = (paragraphs.last_mut(), resolve_ref(&r)) {
                    p.push_str(&s);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:delText" | "mc:Fallback" | "w:instrText" => skip = skip.saturating_sub(1),
                "w:t" => in_text = false,
                "w:p" => {
                    let p = normalise_space(&paragraphs.pop().unwrap_or_default());
                    if p.is_empty() {
                        continue;
                    }
                    match tables.last_mut() {
                        Some(t) => {
                            if !t.cell.is_empty() {
                                t.cell.push(' ');
                            }
                            t.cell.push_str(&p);
                        }
                        None => blocks.push(p),
                    }
                }
                "w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.cells.push(cell);
                    }
                }
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        let cells = std::mem::take(&mut t.cells);
                        if cells.iter().any(|c| !c.is_empty()) {
                            t.rows.push(cells.join("\t"));
                        }
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        let rows = t.rows.join("\n");
                        if rows.is_empty() {
                            continue;
                        }
                        // A table nested in a cell stays inside that cell.
                        match tables.last_mut() {
                            Some(outer) => {
                                if !outer.cell.is_empty() {
                                    outer.cell.push(' ');
                                }
                                outer.cell.push_str(&normalise_space(&rows));
                            }
                            None => blocks.push(rows),
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    let mut text = blocks.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// `dc:title` and `dcterms:created` of `docProps/core.xml`.
fn core_properties(xml: &str) -> (Option<String>, Option<DocDate>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut title, mut created) = (None::<String>, None::<String>);
    let mut current: Option<&'static str> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                current = match e.name().as_ref() {
                    "dc:title" => Some("title"),
                    "dcterms:created" => Some("created"),
                    _ => None,
                }
            }
            Event::Text(t) => {
                let slot = match current {
                    Some("title") => &mut title,
                    Some("created") => &mut created,
                    _ => continue,
                };
                slot.get_or_insert_with(String::new)
                    .push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if current == Some("title") => {
                if let Some(s) = resolve_ref(&r) {
                    title.get_or_insert_with(String::new).push_str(&s);
                }
            }
            Event::End(_) => current = None,
            _ => {}
        }
    }
    let title = title.map(|t| normalise_space(&t)).filter(|t| !t.is_empty());
    let date = created.and_then(|d| {
        let d = d.trim();
        DocDate::parse(&d[..d.find('T').unwrap_or(d.len())])
    });
    (title, date)
}

fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
