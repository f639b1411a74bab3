//! PDF documents with a text layer, read by poppler's `pdftotext` (Debian
//! package `poppler-utils`) run as a subprocess.
//!
//! Why a subprocess: the pure-Rust readers tried (`pdf-extract` on `lopdf`)
//! did not read the Cyrillic PDFs here as reliably as poppler does, and
//! poppler keeps a hostile file's parsing out of Tandem's process. The tool
//! runs with `-bbox-layout`, which gives pages, text blocks (paragraphs) and
//! lines with their positions, plus the Info dictionary's title and
//! creation date; its output is parsed as it streams, one page at a time.
//! A file on disk is read by the tool from its path; bytes already in
//! memory (standard input, a decompressed `.pdf.gz`) are fed to its
//! standard input.
//!
//! What this module makes of it: blocks become paragraphs (a blank line
//! between them); the lines of a block end with a trailing space, the mark
//! the text stage takes for a soft wrap, so it joins them and repairs
//! hyphenation; a page break is a paragraph break unless the sentence
//! visibly goes on (no closing punctuation, next page starts in
//! lowercase). Running headers and footers — blocks near the top or bottom
//! edge repeated on most pages, digits aside — and bare page numbers are
//! dropped. The stored text is this text; every offset points into it.
//!
//! A PDF whose text is larger than a part (1 MiB) is read a part at a time
//! ([`PdfParts`]): pages are gathered until they hold a part's worth of
//! text, and the part ends at the next page break that does not fall
//! inside a sentence (or at twice the size, whatever comes). Each part is a
//! document of its own (`source#part-N`, its title saying its pages), so
//! memory is bounded by a part, not by the file. Running heads are told on
//! the part's pages and the previous part's, so a part of a few pages at
//! the end still loses them. A PDF of one part is one document, as it
//! always was.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use quick_xml::events::{BytesStart, Event};
use tandem_model::DocDate;
use wait_timeout::ChildExt as _;

use crate::xml::resolve_ref;
use crate::{content_id, Format, Reason, SourceDoc};

/// The tool and the Debian package that has it.
const TOOL: &str = "pdftotext";
const PACKAGE: &str = "poppler-utils";

/// Longest the tool may work on a PDF: the time spent waiting for its
/// output (time Tandem spends on the parts already read is not counted).
const TIMEOUT: Duration = Duration::from_secs(300);

/// Share of the page height at the top and at the bottom where running
/// headers and footers sit.
const EDGE: f64 = 0.12;

/// Bytes at the end of a file where its `%%EOF` marker is looked for.
const TAIL: u64 = 2048;

/// Whether the bytes start with a PDF header (after blank bytes, if any).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0)
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF-")
}

/// Refuses a file whose last bytes hold no `%%EOF` marker: it was cut short.
fn check_end(tail: &[u8]) -> Result<(), Reason> {
    if tail.windows(5).any(|w| w == b"%%EOF") {
        Ok(())
    } else {
        Err(Reason::Pdf(
            "truncated: no %%EOF end marker (the file was cut short)".into(),
        ))
    }
}

/// Reads a PDF held in memory, fed to the tool on its standard input: its
/// one document, or its parts of about `part_bytes` of text each and the
/// rejection that ended them, if any. The text is limited to `max_bytes`.
pub(crate) fn read(
    source: &str,
    name: &str,
    bytes: &[u8],
    max_bytes: u64,
    part_bytes: u64,
) -> Vec<Result<SourceDoc, Reason>> {
    if let Err(reason) = check_end(&bytes[bytes.len().saturating_sub(TAIL as usize)..]) {
        return vec![Err(reason)];
    }
    std::thread::scope(|scope| {
        let tool = Tool::start(None, max_bytes).map(|(tool, stdin)| {
            if let Some(mut stdin) = stdin {
                // A tool that exits early closes its input: a write error then says nothing new.
                scope.spawn(move || {
                    let _ = stdin.write_all(bytes);
                });
            }
            tool
        });
        PdfParts::new(source, name, tool, part_bytes).collect()
    })
}

/// Reads the PDF file at `path` a part at a time (see [`PdfParts`]), the
/// tool reading it from its path. The text is limited to `max_bytes`.
pub(crate) fn read_file(
    source: &str,
    name: &str,
    path: &Path,
    max_bytes: u64,
    part_bytes: u64,
) -> PdfParts {
    let tool = tail_of(path)
        .and_then(|tail| check_end(&tail))
        .and_then(|()| Tool::start(Some(path), max_bytes))
        .map(|(tool, _)| tool);
    PdfParts::new(source, name, tool, part_bytes)
}

/// The last [`TAIL`] bytes of a file.
fn tail_of(path: &Path) -> Result<Vec<u8>, Reason> {
    let mut file = std::fs::File::open(path).map_err(|e| crate::inputs::io_reason(&e))?;
    let len = file
        .metadata()
        .map_err(|e| crate::inputs::io_reason(&e))?
        .len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL)))
        .map_err(|e| crate::inputs::io_reason(&e))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)
        .map_err(|e| crate::inputs::io_reason(&e))?;
    Ok(tail)
}

/// A PDF read a part at a time: each item is one document of about
/// `part_bytes` of text (whole pages), or the rejection that ends the
/// reading. The tool runs ahead of the reader only as far as its output
/// pipe holds, so memory stays bounded by a part and a page whatever the
/// file's size. A PDF of one part gives the one document it always gave
/// (source the file, title its metadata's); one of several gives
/// `source#part-N`, titled with its title (or file name) and its pages,
/// each with the PDF's date.
pub(crate) struct PdfParts {
    source: String,
    name: String,
    part_bytes: u64,
    /// The tool while it has pages to give.
    tool: Option<Tool>,
    /// Why the tool could not start, handed out first.
    error: Option<Reason>,
    /// Title and date from the metadata, once read.
    meta: Option<(Option<String>, Option<DocDate>)>,
    /// A page read ahead, with its number (1-based), to start the next part.
    ahead: Option<(usize, Page)>,
    /// Pages taken from the tool so far.
    pages: usize,
    /// Parts read so far.
    parts: usize,
    /// Documents handed out so far.
    given: usize,
    /// The edge blocks of the previous part, to tell running heads.
    heads: Heads,
    /// Nothing more to hand out.
    over: bool,
}

impl PdfParts {
    fn new(source: &str, name: &str, tool: Result<Tool, Reason>, part_bytes: u64) -> Self {
        let (tool, error) = match tool {
            Ok(tool) => (Some(tool), None),
            Err(reason) => (None, Some(reason)),
        };
        PdfParts {
            source: source.to_string(),
            name: name.to_string(),
            part_bytes: part_bytes.max(1),
            tool,
            error,
            meta: None,
            ahead: None,
            pages: 0,
            parts: 0,
            given: 0,
            heads: Heads::default(),
            over: false,
        }
    }

    /// The next page from the tool with its number; `None` once the tool
    /// has ended well.
    fn pull(&mut self) -> Result<Option<(usize, Page)>, Reason> {
        let Some(tool) = self.tool.as_mut() else {
            return Ok(None);
        };
        let page = tool.next_page();
        if self.meta.is_none() {
            let title = tool
                .pages
                .title
                .as_deref()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty());
            let date = tool.pages.date.as_deref().and_then(parse_date);
            self.meta = Some((title, date));
        }
        match page {
            Ok(Some(page)) => {
                self.pages += 1;
                Ok(Some((self.pages, page)))
            }
            other => {
                self.tool = None;
                other.map(|_| None)
            }
        }
    }

    /// The pages of the next part: at least `part_bytes` of text unless the
    /// PDF ends first, cut where a page does not go on into the next (or at
    /// twice the size).
    fn read_part(&mut self) -> Result<Vec<(usize, Page)>, Reason> {
        let mut part: Vec<(usize, Page)> = self.ahead.take().into_iter().collect();
        let mut size: u64 = part.iter().map(|(_, p)| p.bytes).sum();
        while let Some((n, page)) = self.pull()? {
            if let Some((_, last)) = part.last() {
                if size >= self.part_bytes && (!runs_on(last, &page) || size >= 2 * self.part_bytes)
                {
                    self.ahead = Some((n, page));
                    break;
                }
            }
            size += page.bytes;
            part.push((n, page));
        }
        Ok(part)
    }

    /// The document of a part's pages; `None` when they hold no text.
    fn document(&mut self, pages: Vec<(usize, Page)>) -> Option<SourceDoc> {
        let whole = self.parts == 0 && self.tool.is_none() && self.ahead.is_none();
        self.parts += 1;
        let (first, last) = (pages.first()?.0, pages.last()?.0);
        let (text, heads) = assemble(pages.into_iter().map(|(_, p)| p).collect(), &self.heads);
        self.heads = heads;
        if text.trim().is_empty() {
            return None;
        }
        let (title, date) = self.meta.clone().unwrap_or_default();
        let (source, title) = if whole {
            (self.source.clone(), title)
        } else {
            (
                format!("{}#part-{}", self.source, self.parts),
                Some(format!(
                    "{} (part {}: pages {first}–{last})",
                    title.as_deref().unwrap_or(&self.name),
                    self.parts
                )),
            )
        };
        Some(SourceDoc {
            id: content_id(title.as_deref(), date, &text),
            name: self.name.clone(),
            source,
            url: None,
            title,
            date,
            format: Format::Pdf,
            table: None,
            text,
        })
    }
}

impl Iterator for PdfParts {
    type Item = Result<SourceDoc, Reason>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(reason) = self.error.take() {
            self.over = true;
            return Some(Err(reason));
        }
        while !self.over && (self.tool.is_some() || self.ahead.is_some()) {
            let pages = match self.read_part() {
                Ok(pages) => pages,
                Err(reason) => {
                    self.over = true;
                    return Some(Err(reason));
                }
            };
            if let Some(doc) = self.document(pages) {
                self.given += 1;
                return Some(Ok(doc));
            }
        }
        if self.over {
            return None;
        }
        self.over = true;
        (self.given == 0).then_some(Err(Reason::NoTextLayer { pages: self.pages }))
    }
}

/// Whether the text of `last` visibly goes on into `next` (no closing
/// punctuation, `next` starting in lowercase), looking at their blocks
/// away from the edges: a part is not cut there.
fn runs_on(last: &Page, next: &Page) -> bool {
    fn body(p: &Page) -> impl DoubleEndedIterator<Item = &Block> {
        p.blocks.iter().filter(|b| !near_edge(p.height, b))
    }
    let open = body(last)
        .next_back()
        .and_then(|b| b.lines.last())
        .and_then(|l| l.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-' | '‐'));
    open && body(next)
        .next()
        .and_then(|b| b.lines.first())
        .and_then(|l| l.chars().next())
        .is_some_and(char::is_lowercase)
}

/// `pdftotext` at work on one PDF, its output read a page at a time.
struct Tool {
    child: Arc<Mutex<Child>>,
    pages: PageReader<BufReader<Watched>>,
    clock: Arc<Clock>,
    watchdog: Option<JoinHandle<()>>,
    /// What the tool says on its standard error (its first 16 KiB).
    errors: Option<JoinHandle<String>>,
    /// The tool has been waited for.
    ended: bool,
}

impl Tool {
    /// Starts the tool on the file at `path`, or on its standard input
    /// (returned, for the caller to feed) when there is none.
    fn start(path: Option<&Path>, max_bytes: u64) -> Result<(Tool, Option<ChildStdin>), Reason> {
        let mut command = Command::new(TOOL);
        command.args(["-bbox-layout", "-enc", "UTF-8"]);
        match path {
            // `./` keeps a relative path starting with `-` from being an option
            Some(path) if path.is_relative() => command.arg(PathBuf::from(".").join(path)),
            Some(path) => command.arg(path),
            None => command.arg("-"),
        };
        let mut child = command
            .arg("-")
            .stdin(if path.is_some() {
                Stdio::null()
            } else {
                Stdio::piped()
            })
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
        let stdin = child.stdin.take();
        let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Reason::Io(format!("cannot talk to {TOOL}")));
        };
        let errors = std::thread::spawn(move || {
            let mut buf = String::new();
            let _ = (&mut stderr).take(16 * 1024).read_to_string(&mut buf);
            // the rest is read and dropped, so that the tool never blocks on it
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            buf
        });
        let child = Arc::new(Mutex::new(child));
        let clock = Arc::new(Clock::default());
        let watchdog = {
            let (clock, child) = (Arc::clone(&clock), Arc::clone(&child));
            std::thread::spawn(move || clock.watch(&child))
        };
        let output = Watched {
            inner: stdout,
            clock: Arc::clone(&clock),
        };
        let tool = Tool {
            child,
            pages: PageReader::new(BufReader::with_capacity(64 * 1024, output), max_bytes),
            clock,
            watchdog: Some(watchdog),
            errors: Some(errors),
            ended: false,
        };
        Ok((tool, stdin))
    }

    /// The next page; `None` once the tool has ended well.
    fn next_page(&mut self) -> Result<Option<Page>, Reason> {
        match self.pages.next_page() {
            Ok(Some(page)) => Ok(Some(page)),
            Ok(None) => self.end(None).map(|()| None),
            Err(reason) => Err(self
                .end(Some(reason))
                .err()
                .unwrap_or_else(|| Reason::Pdf(format!("the output of {TOOL} could not be read")))),
        }
    }

    /// Waits for the tool (killing it first when reading its output
    /// `failed`) and says how it went.
    fn end(&mut self, failed: Option<Reason>) -> Result<(), Reason> {
        self.clock.halt();
        if let Some(watchdog) = self.watchdog.take() {
            let _ = watchdog.join();
        }
        let mut expired = self.clock.expired();
        let status = {
            let mut child = lock(&self.child);
            if failed.is_some() || expired {
                let _ = child.kill();
                child.wait()
            } else {
                let left = TIMEOUT.saturating_sub(self.clock.spent());
                match child.wait_timeout(left.max(Duration::from_secs(1))) {
                    Ok(Some(status)) => Ok(status),
                    Ok(None) => {
                        expired = true;
                        let _ = child.kill();
                        child.wait()
                    }
                    Err(e) => Err(e),
                }
            }
        };
        self.ended = true;
        let errors = self
            .errors
            .take()
            .and_then(|e| e.join().ok())
            .unwrap_or_default();
        // text past the limit: the reader stopped, and the tool may then
        // die of the closed pipe; the limit is the reason
        if let Some(reason @ Reason::TooLarge { .. }) = failed {
            return Err(reason);
        }
        if expired {
            return Err(Reason::Pdf(format!(
                "{TOOL} did not finish within {} s",
                TIMEOUT.as_secs()
            )));
        }
        if errors.to_ascii_lowercase().contains("password") {
            return Err(Reason::EncryptedPdf);
        }
        if let Some(reason) = failed {
            return Err(reason);
        }
        let status = status.map_err(|e| Reason::Io(format!("waiting for {TOOL}: {e}")))?;
        if status.success() {
            return Ok(());
        }
        let message = errors
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("");
        Err(Reason::Pdf(if message.is_empty() {
            format!("{TOOL} failed ({status})")
        } else {
            message.to_string()
        }))
    }
}

impl Drop for Tool {
    /// A tool left before its end (the reader stopped early) is killed.
    fn drop(&mut self) {
        if !self.ended {
            let _ = self.end(Some(Reason::Pdf(format!("{TOOL} stopped"))));
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The time spent waiting for the tool's output, and the watchdog that
/// kills the tool once it exceeds [`TIMEOUT`].
#[derive(Default)]
struct Clock {
    state: Mutex<Waiting>,
    changed: Condvar,
}

#[derive(Default)]
struct Waiting {
    /// Waited so far, besides the current wait.
    spent: Duration,
    /// When the current wait began.
    since: Option<Instant>,
    /// The watchdog is to stop.
    halted: bool,
    /// The watchdog killed the tool.
    expired: bool,
}

impl Clock {
    fn begin(&self) {
        lock(&self.state).since = Some(Instant::now());
    }

    fn finish(&self) {
        let mut state = lock(&self.state);
        if let Some(since) = state.since.take() {
            state.spent += since.elapsed();
        }
    }

    fn spent(&self) -> Duration {
        let state = lock(&self.state);
        state.spent + state.since.map_or(Duration::ZERO, |s| s.elapsed())
    }

    fn expired(&self) -> bool {
        lock(&self.state).expired
    }

    fn halt(&self) {
        lock(&self.state).halted = true;
        self.changed.notify_all();
    }

    /// Kills `child` once the time waited for it exceeds [`TIMEOUT`];
    /// returns when halted.
    fn watch(&self, child: &Mutex<Child>) {
        let mut state = lock(&self.state);
        loop {
            if state.halted {
                return;
            }
            let spent = state.spent + state.since.map_or(Duration::ZERO, |s| s.elapsed());
            if spent >= TIMEOUT {
                state.expired = true;
                drop(state);
                let _ = lock(child).kill();
                return;
            }
            let wait = (TIMEOUT - spent).max(Duration::from_secs(1));
            state = self
                .changed
                .wait_timeout(state, wait)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

/// The tool's output, the time spent waiting for it counted on a [`Clock`].
struct Watched {
    inner: ChildStdout,
    clock: Arc<Clock>,
}

impl std::io::Read for Watched {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.clock.begin();
        let read = self.inner.read(buf);
        self.clock.finish();
        read
    }
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
    /// Bytes of its words (each counted with a space).
    bytes: u64,
}

/// The XHTML of `pdftotext -bbox-layout` read a page at a time, keeping at
/// most `max_bytes` of text in all.
struct PageReader<R> {
    reader: quick_xml::Reader<R>,
    buf: Vec<u8>,
    max_bytes: u64,
    /// Text bytes read so far.
    size: u64,
    /// The metadata's title and creation date, read before the first page.
    title: Option<String>,
    date: Option<String>,
}

impl<R: BufRead> PageReader<R> {
    fn new(input: R, max_bytes: u64) -> Self {
        PageReader {
            reader: quick_xml::Reader::from_reader(input),
            buf: Vec::new(),
            max_bytes,
            size: 0,
            title: None,
            date: None,
        }
    }

    /// The next page; `None` at the end of the output.
    fn next_page(&mut self) -> Result<Option<Page>, Reason> {
        let mut page: Option<Page> = None;
        let mut block: Option<Block> = None;
        let mut line: Option<String> = None;
        let mut word: Option<String> = None;
        let mut title: Option<String> = None;
        loop {
            self.buf.clear();
            let event = self
                .reader
                .read_event_into(&mut self.buf)
                .map_err(|e| Reason::Pdf(format!("unexpected output from {TOOL}: {e}")))?;
            match event {
                Event::Eof => return Ok(None),
                Event::Start(e) => match e.local_name().as_ref() {
                    "title" => title = Some(String::new()),
                    "page" => {
                        page = Some(Page {
                            height: number(&e, "height"),
                            ..Page::default()
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
                    self.date = attribute(&e, "content");
                }
                Event::Text(t) => {
                    let t = t.xml10_content();
                    if let Some(w) = word.as_mut().or(title.as_mut()) {
                        w.push_str(&t);
                    }
                }
                Event::GeneralRef(r) => {
                    if let (Some(w), Some(s)) = (word.as_mut().or(title.as_mut()), resolve_ref(&r))
                    {
                        w.push_str(&s);
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "title" => self.title = title.take(),
                    "word" => {
                        if let (Some(w), Some(l)) = (word.take(), line.as_mut()) {
                            let bytes = w.len() as u64 + 1;
                            self.size += bytes;
                            if self.size > self.max_bytes {
                                return Err(Reason::TooLarge {
                                    size: self.size,
                                    limit: self.max_bytes,
                                });
                            }
                            if let Some(p) = page.as_mut() {
                                p.bytes += bytes;
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
                    "page" => {
                        if let Some(page) = page.take() {
                            return Ok(Some(page));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
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

/// The shapes of the blocks near the edges of some pages, each counted
/// once per page it is on, to tell running heads.
#[derive(Debug, Default)]
struct Heads {
    counts: HashMap<String, usize>,
    pages: usize,
}

/// Drops running headers, footers and page numbers, and joins the pages.
/// A block is a running head when it stands near the edge of most of the
/// pages given and of the `previous` ones; the pages' own edge blocks are
/// returned beside the text, for the next part.
fn assemble(mut pages: Vec<Page>, previous: &Heads) -> (String, Heads) {
    let mut own = Heads {
        counts: HashMap::new(),
        pages: pages.len(),
    };
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
            *own.counts.entry(s).or_default() += 1;
        }
    }
    let n = own.pages + previous.pages;
    let running = |s: &str| {
        let c =
            own.counts.get(s).copied().unwrap_or(0) + previous.counts.get(s).copied().unwrap_or(0);
        n >= 2 && c >= 2 && c * 2 > n
    };
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
    (text, own)
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
                bytes: 0,
            })
            .collect();
        assert_eq!(
            assemble(pages, &Heads::default()).0,
            "Экспорт \nжәне импорт \nөсті. \nСоңы.\n\nөсті. \nСоңы.\n"
        );
    }
}
