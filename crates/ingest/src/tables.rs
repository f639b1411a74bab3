//! Statistics tables (XLSX, ODS, CSV) read as official figures.
//!
//! A table is first turned into a grid of cells (XLSX and ODS through
//! `calamine`, after a check that the archive does not inflate beyond a
//! bound, XLSX cells read one by one, and the grid and its text bounded
//! too; CSV through the `csv` crate, with the delimiter guessed and the
//! encoding decoded like any text, a row in another encoding refused).
//! The grid becomes the document's text — one line per row, cells
//! separated by tabs, one block per sheet — and its figures are read from
//! the layout, not from that text:
//!
//! - a UN Comtrade export: a header row with reporter, partner, period,
//!   flow, commodity code and value columns; one figure per row;
//! - a national statistics office table: partner countries in one column
//!   (or one row), periods and indicators in the headers, the reporting
//!   country, the indicator and the unit in a title row or the sheet name.
//!
//! A CSV table is read as a stream ([`CsvParts`]): one larger than a part
//! (1 MiB of rows) becomes several documents, each with the table's head on
//! top, so that a table of any size is read in bounded memory.
//!
//! A figure's `sentence` is its row's line; its `occurrence` counts the cells before it (in the order of the
//! text) that hold the same text, so that it stays cheap on large tables.
//!
//! Countries, indicator words, scales and units of headers and titles are
//! looked up with the extraction lexicon ([`tandem_extract::label_terms`]),
//! so a header in any language Tandem reads is understood. A table whose
//! layout is not recognised is still stored as text, with the reason.

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use quick_xml::events::Event;

use tandem_extract::label_terms;
use tandem_model::{Figure, SourceKind};

use crate::{content_id, decode, Format, Reason, SourceDoc, TableReading};

/// A cell of a grid.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(x) => format_number(*x),
        }
    }

    /// The number a cell holds: a numeric cell, or text that reads as a
    /// number (`1 234,5`, `1,234.5`, `3390`).
    fn number(&self) -> Option<f64> {
        match self {
            Cell::Number(x) => Some(*x),
            Cell::Text(s) => parse_number(s),
            Cell::Empty => None,
        }
    }
}

fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = if t.contains('.') {
        t.replace(',', "")
    } else {
        t.replace(',', ".")
    };
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// One sheet of a table.
struct Sheet {
    /// Sheet name (`None` for CSV, which has one unnamed sheet).
    name: Option<String>,
    /// Rows of cells.
    rows: Vec<Vec<Cell>>,
    /// Row and column of the grid's first cell in the sheet (0-based).
    origin: (usize, usize),
    /// Rows at the top repeated from the table's head (a part of a large
    /// CSV table, see [`CsvParts`]): no figure is read from them, and the
    /// rows after them stand `skipped` rows further down in the table.
    head_rows: usize,
    /// Rows of the table between the head and this part's own rows.
    skipped: usize,
}

impl Sheet {
    fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&Cell::Empty)
    }

    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// `Sheet1!C7` or `C7`.
    fn reference(&self, r: usize, c: usize) -> String {
        let r = if r < self.head_rows {
            r
        } else {
            r + self.skipped
        };
        let cell = format!(
            "{}{}",
            column_letters(c + self.origin.1),
            r + self.origin.0 + 1
        );
        match &self.name {
            Some(n) => format!("{n}!{cell}"),
            None => cell,
        }
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What the layout reader makes of one value cell.
struct Found {
    row: usize,
    col: usize,
    value: f64,
    indicator: String,
    subject: Option<String>,
    partner: Option<String>,
    period: String,
    product: Option<String>,
    unit: String,
}

/// The text of a table document and where each cell stands in it.
struct Rendered {
    text: String,
    /// Per sheet, per row, per column: byte range of the cell's text.
    spans: Vec<Vec<Vec<(usize, usize)>>>,
    /// Per sheet, per row: byte range of the row's line.
    lines: Vec<Vec<(usize, usize)>>,
}

fn render(title: &str, sheets: &[Sheet]) -> Rendered {
    let mut text = format!("{title}\n");
    let mut spans = Vec::new();
    let mut lines = Vec::new();
    for sheet in sheets {
        if let Some(name) = &sheet.name {
            text.push_str(&format!("\n# {name}\n"));
        }
        let mut sheet_spans = Vec::new();
        let mut sheet_lines = Vec::new();
        for row in &sheet.rows {
            let line_start = text.len();
            let mut row_spans = Vec::with_capacity(row.len());
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                let start = text.len();
                // a cell's own line breaks and tabs would break the layout
                let t = cell.text().replace(['\t', '\n', '\r'], " ");
                text.push_str(&t);
                row_spans.push((start, text.len()));
            }
            sheet_lines.push((line_start, text.len()));
            text.push('\n');
            sheet_spans.push(row_spans);
        }
        spans.push(sheet_spans);
        lines.push(sheet_lines);
    }
    Rendered { text, spans, lines }
}

/// Reads a workbook (XLSX or ODS) from `bytes`. Memory is bounded whatever
/// the archive holds: it may inflate to four times `max_bytes` at most (a
/// zip bomb is refused before it is opened), its sheets may span
/// `max_bytes / 4` cells at most (cells in use and the blank ones between
/// them: two far-apart cells of a tiny file are no grid of billions; only
/// sheets of one-character cells nearly as large as the archive bound
/// have more) and their cells
/// may hold `max_bytes` of text at most, a tab counted after each (one
/// long shared string in every cell is no terabyte of text).
pub(crate) fn read_workbook(
    source: &str,
    stem: &str,
    format: Format,
    bytes: &[u8],
    max_bytes: u64,
) -> Result<SourceDoc, Reason> {
    let kind = format.as_str().to_ascii_uppercase();
    check_archive(bytes, max_bytes.saturating_mul(4), &kind)?;
    let mut budget = Budget::new(max_bytes);
    let bad =
        |e: &dyn std::fmt::Display| Reason::Table(format!("not a readable {kind} workbook: {e}"));
    let mut sheets = Vec::new();
    match format {
        Format::Xlsx => {
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            for name in calamine::Reader::sheet_names(&wb) {
                let mut reader = match wb.worksheet_cells_reader(&name) {
                    Ok(reader) => reader,
                    // a chart sheet holds no cells
                    Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
                    Err(e) => return Err(bad(&e)),
                };
                let mut grid = Grid::default();
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    let value = cell_of(calamine::Data::from(cell.get_value().clone()));
                    if value != Cell::Empty {
                        budget.take(&value)?;
                        let (r, c) = cell.get_position();
                        grid.put(r as usize, c as usize, value, &name, &mut budget)?;
                    }
                }
                sheets.push(grid.sheet(name));
            }
        }
        _ => {
            check_ods_extent(bytes, &mut budget, &kind)?;
            let mut wb: calamine::Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            for name in calamine::Reader::sheet_names(&wb) {
                let range =
                    calamine::Reader::worksheet_range(&mut wb, &name).map_err(|e| bad(&e))?;
                sheets.push(sheet_of(name, &range));
            }
        }
    }
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(Reason::Empty);
    }
    Ok(document(source, stem, stem, format, &sheets))
}

/// What a workbook's sheets may hold, and what they hold so far.
struct Budget {
    /// Cells of the grids: in use, and blank between them.
    cells: u64,
    max_cells: u64,
    /// Bytes of the cells' text.
    text: u64,
    max_text: u64,
}

impl Budget {
    fn new(max_bytes: u64) -> Budget {
        Budget {
            cells: 0,
            max_cells: max_bytes / 4,
            text: 0,
            max_text: max_bytes,
        }
    }

    /// Counts the text of a cell in use, and the tab after it.
    fn take(&mut self, cell: &Cell) -> Result<(), Reason> {
        let len = match cell {
            Cell::Text(s) => s.len() as u64,
            Cell::Number(x) => format_number(*x).len() as u64,
            Cell::Empty => 0,
        };
        self.text_of(len + 1, 1)
    }

    /// Counts `times` cells of `len` bytes of text.
    fn text_of(&mut self, len: u64, times: u64) -> Result<(), Reason> {
        self.text = self.text.saturating_add(len.saturating_mul(times));
        if self.text > self.max_text {
            return Err(Reason::TooLarge {
                size: self.text,
                limit: self.max_text,
            });
        }
        Ok(())
    }

    /// Counts the cells of a sheet's grid.
    fn grid(&mut self, sheet: &str, cells: u64) -> Result<(), Reason> {
        self.cells = self.cells.saturating_add(cells);
        if self.cells > self.max_cells {
            return Err(Reason::Table(format!(
                "not read: its sheets span more than {} cells (sheet {sheet:?} reaches {}; \
                 cells in use and the blank ones between them, at most max_file_bytes / 4)",
                self.max_cells, self.cells
            )));
        }
        Ok(())
    }
}

/// A cell of calamine's.
fn cell_of(d: calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(x) => Cell::Number(x),
        Data::String(s) => Cell::Text(s),
        other => Cell::Text(other.to_string()),
    }
}

/// The cells of a sheet as they are read, one by one, in rows as wide as
/// their last cell in use; each cell added to the grid is counted in the
/// budget before it is made, so a sheet too large is refused before it
/// fills memory.
#[derive(Default)]
struct Grid {
    /// Rows from `first_row`, cells from column 0.
    rows: Vec<Vec<Cell>>,
    first_row: usize,
    /// The leftmost column in use.
    first_col: Option<usize>,
    /// The row (index in `rows`) of the last cell put.
    last_row: Option<usize>,
}

impl Grid {
    /// Puts a cell in use at row `r`, column `c` (a later cell at the same
    /// place wins); cells come row by row but need not.
    fn put(
        &mut self,
        r: usize,
        c: usize,
        value: Cell,
        sheet: &str,
        budget: &mut Budget,
    ) -> Result<(), Reason> {
        if self.rows.is_empty() {
            self.first_row = r;
        }
        if r < self.first_row {
            budget.grid(sheet, (self.first_row - r) as u64)?;
            let above = std::iter::repeat_with(Vec::new).take(self.first_row - r);
            self.rows.splice(0..0, above);
            self.last_row = self.last_row.map(|last| last + self.first_row - r);
            self.first_row = r;
        }
        let i = r - self.first_row;
        // a row left is done (when cells come row by row): no room to spare
        if self.last_row.is_some_and(|last| last != i) {
            if let Some(row) = self.last_row.and_then(|last| self.rows.get_mut(last)) {
                row.shrink_to_fit();
            }
        }
        self.last_row = Some(i);
        if self.rows.len() <= i {
            budget.grid(sheet, (i + 1 - self.rows.len()) as u64)?;
            self.rows.resize_with(i + 1, Vec::new);
        }
        let row = &mut self.rows[i];
        if row.len() <= c {
            budget.grid(sheet, (c + 1 - row.len()) as u64)?;
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = value;
        self.first_col = Some(self.first_col.map_or(c, |f| f.min(c)));
        Ok(())
    }

    /// The sheet, its grid starting at its first row and column in use.
    fn sheet(mut self, name: String) -> Sheet {
        if let Some(row) = self.last_row.and_then(|last| self.rows.get_mut(last)) {
            row.shrink_to_fit();
        }
        let first_col = self.first_col.unwrap_or(0);
        if first_col > 0 {
            for row in &mut self.rows {
                row.drain(..first_col.min(row.len()));
            }
        }
        Sheet {
            name: Some(name),
            rows: self.rows,
            origin: (self.first_row, first_col),
            head_rows: 0,
            skipped: 0,
        }
    }
}

/// Counts the grid and the text of an ODS workbook's sheets from its
/// `content.xml`, as they will be once its repeated rows and columns
/// (`number-rows-repeated`, `number-columns-repeated`) are expanded, before
/// the workbook is opened: a few bytes may otherwise ask for billions of
/// cells. Blank cells and rows count only between cells in use.
fn check_ods_extent(bytes: &[u8], budget: &mut Budget, kind: &str) -> Result<(), Reason> {
    let bad =
        |e: &dyn std::fmt::Display| Reason::Table(format!("not a readable {kind} workbook: {e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let Ok(content) = zip.by_name("content.xml") else {
        // calamine says what is wrong
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1u64)
            .max(1)
    };
    // per sheet: its name, the extent of its cells in use, the row and
    // column reached, and the repeats of the current row and cell
    let mut sheet = String::new();
    let mut extent: Option<(u64, u64, u64, u64)> = None;
    let (mut row, mut col, mut rows_repeated) = (0u64, 0u64, 1u64);
    let mut cell: Option<(u64, bool, u64)> = None; // columns repeated, in use, text bytes
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| bad(&e))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.local_name().as_ref() {
                "table" if !empty => {
                    sheet = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    extent = None;
                    row = 0;
                }
                "table-row" => {
                    rows_repeated = repeat(&e, "table:number-rows-repeated");
                    col = 0;
                    if empty {
                        row = row.saturating_add(rows_repeated);
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    let repeated = repeat(&e, "table:number-columns-repeated");
                    let valued = e
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                    cell = Some((repeated, valued, 0));
                    if empty {
                        end_cell(&mut cell, &mut col, row, rows_repeated, &mut extent, budget)?;
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(t) => {
                if let Some((_, used, len)) = cell.as_mut() {
                    let t = t.xml10_content();
                    let n = t.len() as u64;
                    if !t.trim().is_empty() {
                        *used = true;
                    }
                    *len += n;
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" => {
                    end_cell(&mut cell, &mut col, row, rows_repeated, &mut extent, budget)?;
                }
                "table-row" => row = row.saturating_add(rows_repeated),
                "table" => {
                    if let Some((r0, r1, c0, c1)) = extent.take() {
                        budget.grid(&sheet, (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))?;
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Ends an ODS cell at column `col` of row `row` (repeated `rows`
/// times): widens the sheet's extent when it is in use, counts its text.
fn end_cell(
    cell: &mut Option<(u64, bool, u64)>,
    col: &mut u64,
    row: u64,
    rows: u64,
    extent: &mut Option<(u64, u64, u64, u64)>,
    budget: &mut Budget,
) -> Result<(), Reason> {
    let Some((repeated, used, len)) = cell.take() else {
        return Ok(());
    };
    if used {
        let (r1, c1) = (
            row.saturating_add(rows - 1),
            col.saturating_add(repeated - 1),
        );
        *extent = Some(match *extent {
            None => (row, r1, *col, c1),
            Some((a, b, c, d)) => (a.min(row), b.max(r1), c.min(*col), d.max(c1)),
        });
        budget.text_of(len + 1, repeated.saturating_mul(rows))?;
    }
    *col = col.saturating_add(repeated);
    Ok(())
}

fn sheet_of(name: String, range: &calamine::Range<calamine::Data>) -> Sheet {
    let origin = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let rows = range
        .rows()
        .map(|row| {
            let mut cells: Vec<Cell> = row.iter().cloned().map(cell_of).collect();
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    Sheet {
        name: Some(name),
        rows,
        origin,
        head_rows: 0,
        skipped: 0,
    }
}

/// Refuses an archive whose entries would inflate beyond `limit` bytes in
/// all (a zip bomb posing as a workbook), or one that cannot be opened. Each
/// entry is inflated into nothing, reading at most one byte more than it
/// declares, so that a lying size is caught too.
fn check_archive(bytes: &[u8], limit: u64, kind: &str) -> Result<(), Reason> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Reason::Table(format!(
            "not a readable {kind} workbook (truncated or not a zip archive): {e}"
        ))
    })?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| Reason::Table(format!("not a readable {kind} workbook: {e}")))?;
        let declared = entry.size();
        total = total.saturating_add(declared);
        if total > limit {
            return Err(Reason::TooLarge { size: total, limit });
        }
        let inflated = std::io::copy(
            &mut entry.by_ref().take(declared.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| Reason::Table(format!("not a readable {kind} workbook: {e}")))?;
        if inflated > declared {
            return Err(Reason::Table(format!(
                "not a readable {kind} workbook: entry {} inflates beyond its declared {declared} bytes",
                entry.name().map(|n| n.into_owned()).unwrap_or_default()
            )));
        }
    }
    Ok(())
}

/// Bytes of a CSV table read before its encoding and delimiter are told.
const HEAD_BYTES: usize = 64 * 1024;
/// Longest CSV row read: a longer one (a file of one endless line, an
/// unclosed quote) is refused rather than held in memory.
const MAX_ROW_BYTES: u64 = 1 << 20;

/// The text of a CSV table as the parser reads it: its first bytes (read
/// to tell the encoding) then the rest, decoded, rows bounded.
type CsvStream<R> = RowGuard<decode::Utf8Reader<std::io::Chain<Cursor<Vec<u8>>, R>>>;

/// A CSV (or tab-separated) table read a part at a time, so that memory
/// stays bounded by one part whatever the table's size. Each part is a
/// document of about `part_bytes` of rows, with the table's head (its rows
/// before the first figure: title and header rows) repeated at its top, so
/// that its figures are read as the whole table's would be, with the cell
/// references of the whole table, and each part reads alone. A table of one
/// part is one document, as if read whole; a table of several is
/// `source#part-N`, titled with its rows.
pub(crate) struct CsvParts<R> {
    source: String,
    stem: String,
    reader: csv::Reader<CsvStream<R>>,
    part_bytes: u64,
    /// The head repeated in every part after the first (`None` until the
    /// first part is read).
    head: Option<Vec<Vec<Cell>>>,
    /// Rows of the table read so far.
    rows_read: usize,
    /// Parts handed out so far.
    parts: usize,
    /// A row read ahead (with its length in bytes), to tell the last part.
    lookahead: Option<(Vec<Cell>, u64)>,
    /// An error met while reading ahead, handed out after the part before it.
    error: Option<Reason>,
    /// Nothing more to read.
    done: bool,
}

impl<R: std::io::Read> CsvParts<R> {
    /// Starts reading a table from `inner`: its first bytes tell the
    /// encoding (as for any text) and the delimiter.
    pub(crate) fn new(
        source: &str,
        stem: &str,
        mut inner: R,
        part_bytes: u64,
    ) -> Result<Self, Reason> {
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut inner)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|e| Reason::Io(e.to_string()))?;
        let (encoding, bom_len) = decode::sniff_encoding(&head)?;
        head.drain(..bom_len);
        let (text, _) = encoding.decode_without_bom_handling(&head);
        if head.len() + bom_len < HEAD_BYTES && text.trim().is_empty() {
            return Err(Reason::Empty);
        }
        let delimiter = sniff_delimiter(&text);
        let stream =
            decode::Utf8Reader::new(Cursor::new(head).chain(inner), encoding, bom_len as u64);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(RowGuard {
                inner: stream,
                delivered: 0,
                row_start: 0,
            });
        Ok(CsvParts {
            source: source.to_owned(),
            stem: stem.to_owned(),
            reader,
            part_bytes,
            head: None,
            rows_read: 0,
            parts: 0,
            lookahead: None,
            error: None,
            done: false,
        })
    }

    /// The next row and its length in bytes; `None` at the end.
    fn read_row(&mut self) -> Result<Option<(Vec<Cell>, u64)>, Reason> {
        let before = self.reader.position().byte();
        let mut record = csv::StringRecord::new();
        let more = self.reader.read_record(&mut record).map_err(|e| {
            Reason::Table(format!(
                "not a readable CSV table: row {}: {e}",
                self.rows_read + 1
            ))
        })?;
        if !more {
            return Ok(None);
        }
        let after = self.reader.position().byte();
        self.reader.get_mut().row_start = after;
        self.rows_read += 1;
        if let Some(what) = garbled(record.iter(), self.reader.get_ref().inner.encoding()) {
            return Err(Reason::Table(format!(
                "not a readable CSV table: row {}: {what}",
                self.rows_read
            )));
        }
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_owned())
                }
            })
            .collect();
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        Ok(Some((cells, after - before)))
    }

    /// Reads the rows of the next part; sets `done` (and `error`) at the end.
    fn read_part(&mut self) -> Vec<Vec<Cell>> {
        let mut rows = Vec::new();
        let mut bytes = 0;
        if let Some((row, n)) = self.lookahead.take() {
            rows.push(row);
            bytes += n;
        }
        // one row more than the part holds tells whether it is the last
        while !self.done && self.lookahead.is_none() {
            match self.read_row() {
                Ok(Some((row, n))) if bytes < self.part_bytes => {
                    rows.push(row);
                    bytes += n;
                }
                Ok(Some(ahead)) => self.lookahead = Some(ahead),
                Ok(None) => self.done = true,
                Err(reason) => {
                    self.error = Some(reason);
                    self.done = true;
                }
            }
        }
        rows
    }

    /// The document of the part `rows`, its first row being the table's
    /// row `first` (0-based).
    fn part_document(&mut self, rows: Vec<Vec<Cell>>, first: usize) -> Result<SourceDoc, Reason> {
        let whole = self.parts == 1 && self.done && self.error.is_none();
        let (source, title) = if whole {
            (self.source.clone(), self.stem.clone())
        } else {
            (
                format!("{}#part-{}", self.source, self.parts),
                format!(
                    "{} (part {}: rows {}–{})",
                    self.stem,
                    self.parts,
                    first + 1,
                    first + rows.len()
                ),
            )
        };
        let Some(head) = &self.head else {
            // the first part
            if rows.iter().all(Vec::is_empty) {
                return Err(Reason::Empty);
            }
            if !rows.iter().any(|r| r.len() >= 2) {
                return Err(Reason::Table(
                    "not a table: no row has two or more cells (delimiters tried: comma, semicolon, tab)"
                        .into(),
                ));
            }
            let sheets = [Sheet {
                name: None,
                rows,
                origin: (0, 0),
                head_rows: 0,
                skipped: 0,
            }];
            let doc = document(&source, &self.stem, &title, Format::Csv, &sheets);
            // the head: the rows before the first figure's (the text's
            // first line is the title), else the first row
            let head_rows = doc
                .table
                .as_ref()
                .and_then(|t| t.figures.first())
                .map_or(1, |f| doc.text[..f.start].matches('\n').count() - 1);
            let rows = &sheets[0].rows;
            let head = rows[..head_rows.min(rows.len())].to_vec();
            self.head = Some(head);
            return Ok(doc);
        };
        let head_rows = head.len();
        let mut all = head.clone();
        all.extend(rows);
        let sheet = Sheet {
            name: None,
            rows: all,
            origin: (0, 0),
            head_rows,
            skipped: first - head_rows,
        };
        Ok(document(&source, &self.stem, &title, Format::Csv, &[sheet]))
    }
}

impl<R: std::io::Read> Iterator for CsvParts<R> {
    type Item = Result<SourceDoc, Reason>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.lookahead.is_none() {
            return self.error.take().map(Err);
        }
        let first = self.rows_read - usize::from(self.lookahead.is_some());
        let rows = self.read_part();
        if rows.is_empty() {
            return self.next();
        }
        self.parts += 1;
        Some(self.part_document(rows, first))
    }
}

/// Why a row's text, decoded in `encoding` (told from the table's first
/// bytes), is not text but bytes of another encoding, if it is: the
/// encoding of a file may change past its first bytes (rows appended from
/// another export), and those rows would otherwise be stored as garbage.
/// Bytes invalid in `encoding` are an error of the decoder already; this
/// catches what decodes without error:
///
/// - control characters (NUL and the like): UTF-16 text read as UTF-8 or
///   windows-1251 (its ASCII has a NUL byte per character, its Cyrillic
///   a 0x04 byte);
/// - in windows-1251, UTF-8 Cyrillic: each letter becomes `Р` or `С`
///   followed by a character of the code page's 0x80–0xBF range
///   (`РўРѕРІР°СЂ`); real text has that pair rarely (`Сўм`), so most of the
///   row's non-ASCII characters must be in such pairs;
/// - in UTF-16, bytes of a one-byte encoding: pairs of them make code
///   points far above the Cyrillic block (CJK, Hangul), most of the row.
fn garbled<'a>(
    fields: impl Iterator<Item = &'a str>,
    encoding: &'static encoding_rs::Encoding,
) -> Option<String> {
    let one_byte = encoding == encoding_rs::WINDOWS_1251;
    let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    let (mut non_ascii, mut paired, mut far, mut chars) = (0usize, 0usize, 0usize, 0usize);
    for field in fields {
        let mut previous = ' ';
        for c in field.chars() {
            // tab and line breaks may stand in a quoted cell; 0x1A ends old DOS files
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a') {
                return Some(format!(
                    "control character U+{:04X}: bytes of another encoding (UTF-16?) than the {} its first bytes were read as",
                    u32::from(c),
                    encoding.name()
                ));
            }
            if !c.is_whitespace() {
                chars += 1;
            }
            if !c.is_ascii() {
                non_ascii += 1;
                if one_byte && matches!(previous, 'Р' | 'С') && in_1251_upper_block(c) {
                    paired += 2;
                }
                // beyond letterlike symbols (№, ™) and the currency signs
                if utf16 && u32::from(c) >= 0x2100 && !matches!(c, '№' | '™' | '\u{feff}') {
                    far += 1;
                }
            }
            previous = c;
        }
    }
    if one_byte && non_ascii >= 4 && paired * 10 >= non_ascii * 6 {
        return Some(format!(
            "UTF-8 text in a table whose first bytes were read as {}",
            encoding.name()
        ));
    }
    if utf16 && far >= 2 && far * 3 >= chars {
        return Some(format!(
            "bytes that do not read as {}: a one-byte encoding past the first bytes?",
            encoding.name()
        ));
    }
    None
}

/// Whether windows-1251 writes `c` with a byte of 0x80–0xBF, the range of
/// the second byte of a two-byte UTF-8 character.
fn in_1251_upper_block(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 1 && (0x80..=0xbf).contains(&bytes[0])
}

/// Hands the CSV parser no more than [`MAX_ROW_BYTES`] past the start of
/// the row it is reading, so that one endless row cannot fill memory.
struct RowGuard<R> {
    inner: R,
    /// Bytes handed to the parser.
    delivered: u64,
    /// Where the row being read starts.
    row_start: u64,
}

impl<R: std::io::Read> std::io::Read for RowGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.delivered - self.row_start > MAX_ROW_BYTES {
            return Err(std::io::Error::other(format!(
                "a row longer than {MAX_ROW_BYTES} bytes"
            )));
        }
        let n = self.inner.read(buf)?;
        self.delivered += n as u64;
        Ok(n)
    }
}

/// The delimiter used most on the first lines: `,`, `;` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(20).collect();
    let count = |d: char| -> usize {
        head.iter()
            .map(|l| {
                let mut quoted = false;
                l.chars()
                    .filter(|&c| {
                        if c == '"' {
                            quoted = !quoted;
                        }
                        c == d && !quoted
                    })
                    .count()
            })
            .sum()
    };
    [(b'\t', count('\t')), (b';', count(';')), (b',', count(','))]
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(b',', |(d, _)| d)
}

/// Reads the figures of every sheet and builds the document, whose text
/// starts with `title`.
fn document(source: &str, stem: &str, title: &str, format: Format, sheets: &[Sheet]) -> SourceDoc {
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut why = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        match comtrade(sheet).or_else(|| statistics_office(sheet)) {
            Some(Ok(f)) => found.extend(
                f.into_iter()
                    .filter(|f| f.row >= sheet.head_rows)
                    .map(|f| (i, f)),
            ),
            Some(Err(reason)) => why.push(reason),
            None => why.push("no country column or row found".to_owned()),
        }
    }
    let rendered = render(title, sheets);
    // in reading order, so that `occurrence` counts the cells before
    found.sort_by_key(|(s, f)| (*s, f.row, f.col));
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut next_cell = cells_in_order(&rendered);
    let mut figures = Vec::with_capacity(found.len());
    for (s, f) in found {
        let (start, end) = rendered.spans[s][f.row][f.col];
        let (ls, le) = rendered.lines[s][f.row];
        // count every cell up to this one by its text
        for (a, b) in next_cell.by_ref() {
            let n = seen.entry(&rendered.text[a..b]).or_default();
            *n += 1;
            if a == start {
                break;
            }
        }
        let cell_text = rendered.text[start..end].to_owned();
        let occurrence = seen.get(cell_text.as_str()).copied().unwrap_or(1);
        figures.push(Figure {
            doc: stem.to_owned(),
            text: cell_text,
            occurrence,
            value: f.value,
            value_max: None,
            unit: f.unit.into(),
            approx: "exact".into(),
            indicator: f.indicator.into(),
            measure: "level".into(),
            subject: f.subject.map(Into::into),
            partner: f.partner.map(Into::into),
            kind: "actual".into(),
            period: Some(f.period),
            product: f.product.map(Into::into),
            start,
            end,
            sentence: rendered.text[ls..le].to_owned(),
            source_kind: SourceKind::Official,
            cell: Some(sheets[s].reference(f.row, f.col)),
        });
    }
    // the counts borrow the text, which goes into the document
    drop(seen);
    drop(next_cell);
    let unread = if figures.is_empty() {
        why.dedup();
        Some(if why.is_empty() {
            "no figures found".to_owned()
        } else {
            why.join("; ")
        })
    } else {
        None
    };
    SourceDoc {
        id: content_id(Some(title), None, &rendered.text),
        name: stem.to_owned(),
        source: source.to_owned(),
        url: None,
        title: Some(title.to_owned()),
        date: None,
        format,
        text: rendered.text,
        table: Some(TableReading { figures, unread }),
    }
}

/// Every cell's span, in the order of the text.
fn cells_in_order(rendered: &Rendered) -> impl Iterator<Item = (usize, usize)> + '_ {
    rendered.spans.iter().flatten().flatten().copied()
}

/// Lower-cased header text without spaces and punctuation
/// (`Trade Value (US$)` → `tradevalueus`).
fn header_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A UN Comtrade export: `None` when the sheet has no Comtrade header row.
fn comtrade(sheet: &Sheet) -> Option<Result<Vec<Found>, String>> {
    let header: Vec<String> = sheet
        .rows
        .first()?
        .iter()
        .map(|c| header_key(&c.text()))
        .collect();
    // the first name found wins: `period` (which may be monthly) before `refYear`
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let reporter = (
        col(&["reporterdesc", "reporter"]),
        col(&["reporteriso", "reporteriso3"]),
    );
    let partner = (
        col(&["partnerdesc", "partner"]),
        col(&["partneriso", "partneriso3"]),
    );
    let period = col(&["period", "refyear", "year"])?;
    let flow = col(&["flowdesc", "flow", "tradeflow", "flowcode"])?;
    let value = col(&[
        "primaryvalue",
        "tradevalueus",
        "tradevalue",
        "tradevalueusd",
    ])?;
    if reporter == (None, None) || partner == (None, None) {
        return None;
    }
    let commodity = col(&["cmdcode", "commoditycode"]);
    let country =
        |r: usize, (desc, iso): (Option<usize>, Option<usize>)| -> Option<Option<String>> {
            let iso_text = iso.map(|c| sheet.cell(r, c).text()).unwrap_or_default();
            let desc_text = desc.map(|c| sheet.cell(r, c).text()).unwrap_or_default();
            if header_key(&desc_text) == "world" || iso_text == "W00" || iso_text == "WLD" {
                return Some(None);
            }
            country_code(&iso_text)
                .or_else(|| label_terms(&desc_text).countries.into_iter().next())
                .map(Some)
        };
    let mut out = Vec::new();
    for r in 1..sheet.rows.len() {
        let indicator = match header_key(&sheet.cell(r, flow).text()).as_str() {
            "export" | "exports" | "x" => "trade.export",
            "import" | "imports" | "m" => "trade.import",
            _ => continue, // re-exports, re-imports and others
        };
        let (Some(subject), Some(partner)) = (country(r, reporter), country(r, partner)) else {
            continue;
        };
        let Some(period) = comtrade_period(&sheet.cell(r, period).text()) else {
            continue;
        };
        let Some(v) = sheet.cell(r, value).number() else {
            continue;
        };
        let product = match commodity.map(|c| sheet.cell(r, c).text()) {
            Some(code) if code.len() >= 2 && code.bytes().take(2).all(|b| b.is_ascii_digit()) => {
                Some(code[..2].to_owned())
            }
            _ => None,
        };
        out.push(Found {
            row: r,
            col: value,
            value: v,
            indicator: indicator.into(),
            subject,
            partner,
            period,
            product,
            unit: "USD".into(),
        });
    }
    Some(if out.is_empty() {
        Err("a UN Comtrade header but no row with reporter, partner, period, export or import flow and value".into())
    } else {
        Ok(out)
    })
}

/// `2023` → `2023`; `202301` → `2023-01`.
fn comtrade_period(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 if digits => Some(s.to_owned()),
        6 if digits => {
            let m: u32 = s[4..].parse().ok()?;
            (1..=12)
                .contains(&m)
                .then(|| format!("{}-{:02}", &s[..4], m))
        }
        _ => None,
    }
}

/// An ISO 3166-1 code as Comtrade writes it (alpha-3, or alpha-2) turned
/// into alpha-2, for the countries Tandem follows and their main partners.
fn country_code(iso: &str) -> Option<String> {
    const ALPHA3: &[(&str, &str)] = &[
        ("KAZ", "KZ"),
        ("UZB", "UZ"),
        ("KGZ", "KG"),
        ("TJK", "TJ"),
        ("TKM", "TM"),
        ("RUS", "RU"),
        ("CHN", "CN"),
        ("AFG", "AF"),
        ("AZE", "AZ"),
        ("ARM", "AM"),
        ("GEO", "GE"),
        ("BLR", "BY"),
        ("UKR", "UA"),
        ("TUR", "TR"),
        ("IRN", "IR"),
        ("PAK", "PK"),
        ("IND", "IN"),
        ("KOR", "KR"),
        ("JPN", "JP"),
        ("DEU", "DE"),
        ("ITA", "IT"),
        ("FRA", "FR"),
        ("NLD", "NL"),
        ("GBR", "GB"),
        ("USA", "US"),
        ("ARE", "AE"),
        ("MNG", "MN"),
    ];
    let iso = iso.trim().to_ascii_uppercase();
    if iso.len() == 2 && iso.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(iso);
    }
    ALPHA3
        .iter()
        .find(|(a3, _)| *a3 == iso)
        .map(|(_, a2)| (*a2).to_owned())
}

/// The one country a label names, if exactly one.
fn one_country(label: &str) -> Option<String> {
    let c = label_terms(label).countries;
    (c.len() == 1).then(|| c[0].clone())
}

/// The years a label names (`2024`, `2023 год`, `2024 y.`).
fn years(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = label.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        let word = &b[i..i + 4];
        let edge_before = i == 0 || !b[i - 1].is_ascii_digit();
        let edge_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if edge_before
            && edge_after
            && word.iter().all(u8::is_ascii_digit)
            && (word[0] == b'1' && word[1] == b'9' || word[0] == b'2' && word[1] == b'0')
        {
            out.push(String::from_utf8_lossy(word).into_owned());
        }
    }
    out
}

/// A national statistics office table, countries in a column (or, read
/// transposed, in a row).
fn statistics_office(sheet: &Sheet) -> Option<Result<Vec<Found>, String>> {
    office_layout(sheet, false).or_else(|| office_layout(sheet, true))
}

/// Reads the office layout with countries down a column (`transposed`:
/// across a row). `None` when no country column (row) is found.
fn office_layout(sheet: &Sheet, transposed: bool) -> Option<Result<Vec<Found>, String>> {
    let (height, width) = if transposed {
        (sheet.width(), sheet.rows.len())
    } else {
        (sheet.rows.len(), sheet.width())
    };
    // titles: the sheet name and the rows before the table with one filled cell
    let mut title = sheet.name.clone().unwrap_or_default();
    let mut title_rows = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        let filled: Vec<&Cell> = row.iter().filter(|c| **c != Cell::Empty).collect();
        match filled.len() {
            0 => {}
            1 => {
                title.push(' ');
                title.push_str(&filled[0].text());
                title_rows.push(r);
            }
            _ => break,
        }
    }
    let empty = Cell::Empty;
    let at = |r: usize, c: usize| -> &Cell {
        let (sr, sc) = if transposed { (c, r) } else { (r, c) };
        if title_rows.contains(&sr) {
            &empty
        } else {
            sheet.cell(sr, sc)
        }
    };
    // the country column: the one where most cells name one country
    let mut best: Option<(usize, Vec<usize>)> = None;
    for c in 0..width.min(8) {
        let rows: Vec<usize> = (0..height)
            .filter(|&r| matches!(at(r, c), Cell::Text(t) if one_country(t).is_some()))
            .collect();
        if rows.len() >= 2 && best.as_ref().is_none_or(|(_, b)| rows.len() > b.len()) {
            best = Some((c, rows));
        }
    }
    let (country_col, country_rows) = best?;
    let header_rows: Vec<usize> = (0..country_rows[0])
        .filter(|&r| (0..width).any(|c| c != country_col && at(r, c) != &Cell::Empty))
        .collect();
    let title_terms = label_terms(&title);
    let reporter = title_terms.countries.first().cloned();
    let Some(reporter) = reporter else {
        return Some(Err(
            "no reporting country in the title rows or sheet name".into()
        ));
    };
    let unit = title_terms.units.first().cloned();
    let scale: f64 = title_terms.scales.iter().product();
    // each column's header: its header cells, merged cells carried right
    let mut headers = vec![String::new(); width];
    for &r in &header_rows {
        let mut carried = String::new();
        for (c, header) in headers.iter_mut().enumerate() {
            let t = at(r, c).text();
            if !t.is_empty() {
                carried = t;
            }
            if c != country_col && !carried.is_empty() {
                header.push(' ');
                header.push_str(&carried);
            }
        }
    }
    let mut out = Vec::new();
    for c in (0..width).filter(|&c| c != country_col) {
        let h = label_terms(&headers[c]);
        let indicator = h
            .indicators
            .first()
            .or(title_terms.indicators.last())
            .cloned();
        let period = years(&headers[c]).last().cloned().or_else(|| {
            let y = years(&title);
            (y.len() == 1).then(|| y[0].clone())
        });
        let (Some(indicator), Some(period)) = (indicator, period) else {
            continue;
        };
        let Some(unit) = h.units.first().cloned().or_else(|| unit.clone()) else {
            continue;
        };
        let scale = if h.scales.is_empty() {
            scale
        } else {
            h.scales.iter().product()
        };
        for &r in &country_rows {
            let Some(v) = at(r, c).number() else { continue };
            let partner = one_country(&at(r, country_col).text());
            if partner.as_deref() == Some(reporter.as_str()) {
                continue;
            }
            let (row, col) = if transposed { (c, r) } else { (r, c) };
            out.push(Found {
                row,
                col,
                value: v * scale,
                indicator: indicator.clone(),
                subject: Some(reporter.clone()),
                partner,
                period: period.clone(),
                product: None,
                unit: unit.clone(),
            });
        }
    }
    Some(if out.is_empty() {
        Err("a country column but no header with a period and an indicator, or no unit".into())
    } else {
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_and_numbers() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(years("2023 год / 2024"), ["2023", "2024"]);
        assert!(years("12024").is_empty());
        assert_eq!(comtrade_period("202309").as_deref(), Some("2023-09"));
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb,c\n1\t2\n"), b'\t');
    }

    #[test]
    fn a_grid_takes_cells_in_any_order_from_its_first_row_and_column() {
        let mut budget = Budget::new(1 << 20);
        let mut grid = Grid::default();
        let text = |s: &str| Cell::Text(s.into());
        for (r, c, v) in [
            (5, 3, "b"),
            (4, 2, "a"),
            (5, 4, "c"),
            (4, 2, "a2"),
            (7, 6, "d"),
        ] {
            grid.put(r, c, text(v), "S", &mut budget).unwrap();
        }
        let sheet = grid.sheet("S".into());
        assert_eq!(sheet.origin, (4, 2));
        assert_eq!(
            sheet.rows,
            vec![
                vec![text("a2")],
                vec![Cell::Empty, text("b"), text("c")],
                vec![],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    text("d")
                ],
            ]
        );
        assert_eq!(sheet.reference(1, 2), "S!E6");
        // the budget counts rows and the cells up to each row's last
        let mut small = Budget::new(4 * 10);
        let mut grid = Grid::default();
        grid.put(0, 0, text("x"), "S", &mut small).unwrap();
        let err = grid.put(0, 9, text("y"), "S", &mut small).unwrap_err();
        assert!(err.to_string().contains("more than 10 cells"), "{err}");
    }
}
