//! Figures, events and agreements written out for analysts' own tools:
//! CSV, JSON Lines and Parquet, one row per figure (with its document's
//! name, title, date and language), per event or per agreement (with their
//! sources, [`crate::events`]). The columns are the same in every format.

use std::io::Write;
use std::sync::Arc;

use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use tandem_store::FigureRecord;

use crate::events::{AgreementRecord, EventRecord, SourceRef};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet, one row group.
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "jsonl" => Ok(Format::Jsonl),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!(
                "unknown export format `{other}` (expected csv, jsonl or parquet)"
            )),
        }
    }
}

/// Column names, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "document_id",
    "document_name",
    "document_title",
    "document_date",
    "language",
    "text",
    "occurrence",
    "value",
    "value_max",
    "unit",
    "approx",
    "indicator",
    "measure",
    "subject",
    "partner",
    "kind",
    "period",
    "product",
    "start",
    "end",
    "sentence",
    "source_kind",
    "cell",
];

/// One cell of a row.
pub enum Cell<'a> {
    /// An integer.
    Int(i64),
    /// A number.
    Float(f64),
    /// Text.
    Text(&'a str),
    /// No value.
    Null,
}

fn opt<S: AsRef<str>>(s: &Option<S>) -> Cell<'_> {
    s.as_ref().map_or(Cell::Null, |s| Cell::Text(s.as_ref()))
}

fn cells(r: &FigureRecord) -> [Cell<'_>; 24] {
    let f = &r.figure;
    let d = &r.document;
    [
        Cell::Int(r.id),
        Cell::Text(&d.id),
        Cell::Text(&d.name),
        opt(&d.title),
        opt(&d.date),
        opt(&d.language),
        Cell::Text(&f.text),
        Cell::Int(i64::from(f.occurrence)),
        Cell::Float(f.value),
        f.value_max.map_or(Cell::Null, Cell::Float),
        Cell::Text(&f.unit),
        Cell::Text(&f.approx),
        Cell::Text(&f.indicator),
        Cell::Text(&f.measure),
        opt(&f.subject),
        opt(&f.partner),
        Cell::Text(&f.kind),
        opt(&f.period),
        opt(&f.product),
        Cell::Int(i64::try_from(f.start).unwrap_or(i64::MAX)),
        Cell::Int(i64::try_from(f.end).unwrap_or(i64::MAX)),
        Cell::Text(&f.sentence),
        Cell::Text(f.source_kind.as_str()),
        opt(&f.cell),
    ]
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes `records` as CSV with a header row.
pub fn write_csv(records: &[FigureRecord], out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<[Cell<'_>; 24]> = records.iter().map(cells).collect();
    csv_rows(COLUMNS, &rows, out)
}

/// Writes rows of cells as CSV under a header row of `columns`.
pub fn csv_rows<'a, R: AsRef<[Cell<'a>]>>(
    columns: &[&str],
    rows: &[R],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", columns.join(","))?;
    for r in rows {
        let row: Vec<String> = r
            .as_ref()
            .iter()
            .map(|c| match c {
                Cell::Int(i) => i.to_string(),
                Cell::Float(x) => x.to_string(),
                Cell::Text(s) => csv_field(s),
                Cell::Null => String::new(),
            })
            .collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// Writes `records` as JSON Lines with the same columns as the CSV.
pub fn write_jsonl(records: &[FigureRecord], out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<[Cell<'_>; 24]> = records.iter().map(cells).collect();
    jsonl_rows(COLUMNS, &rows, out)
}

/// Writes rows of cells as JSON Lines, one object with `columns` a row.
pub fn jsonl_rows<'a, R: AsRef<[Cell<'a>]>>(
    columns: &[&str],
    rows: &[R],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for r in rows {
        let obj: serde_json::Map<String, serde_json::Value> = columns
            .iter()
            .zip(r.as_ref())
            .map(|(name, c)| {
                let v = match *c {
                    Cell::Int(i) => serde_json::Value::from(i),
                    Cell::Float(x) => serde_json::Value::from(x),
                    Cell::Text(s) => serde_json::Value::from(s),
                    Cell::Null => serde_json::Value::Null,
                };
                ((*name).to_owned(), v)
            })
            .collect();
        serde_json::to_writer(&mut *out, &obj)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

const PARQUET_SCHEMA: &str = "message figure {
    required int64 id;
    required binary document_id (UTF8);
    required binary document_name (UTF8);
    optional binary document_title (UTF8);
    optional binary document_date (UTF8);
    optional binary language (UTF8);
    required binary text (UTF8);
    required int64 occurrence;
    required double value;
    optional double value_max;
    required binary unit (UTF8);
    required binary approx (UTF8);
    required binary indicator (UTF8);
    required binary measure (UTF8);
    optional binary subject (UTF8);
    optional binary partner (UTF8);
    required binary kind (UTF8);
    optional binary period (UTF8);
    optional binary product (UTF8);
    required int64 start;
    required int64 end;
    required binary sentence (UTF8);
    required binary source_kind (UTF8);
    optional binary cell (UTF8);
}";

/// Writes `records` as a Parquet file (uncompressed, one row group).
pub fn write_parquet<W: Write + Send>(
    records: &[FigureRecord],
    out: W,
) -> parquet::errors::Result<()> {
    let rows: Vec<[Cell<'_>; 24]> = records.iter().map(cells).collect();
    parquet_rows(PARQUET_SCHEMA, &rows, out)
}

/// Writes rows of cells as a Parquet file of message type `schema`
/// (uncompressed, one row group): `int64`, `double` and UTF-8 `binary`
/// columns in the order of the cells, `optional` where a cell may be null.
pub fn parquet_rows<'a, W: Write + Send, R: AsRef<[Cell<'a>]>>(
    schema: &str,
    rows: &[R],
    out: W,
) -> parquet::errors::Result<()> {
    let schema = Arc::new(parse_message_type(schema)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let rows: Vec<&[Cell<'a>]> = rows.iter().map(AsRef::as_ref).collect();
    let mut group = writer.next_row_group()?;
    let mut column = 0;
    while let Some(mut col) = group.next_column()? {
        let present: Vec<i16> = rows
            .iter()
            .map(|r| i16::from(!matches!(r[column], Cell::Null)))
            .collect();
        match col.untyped() {
            ColumnWriter::Int64ColumnWriter(w) => {
                let v: Vec<i64> = rows
                    .iter()
                    .filter_map(|r| {
                        if let Cell::Int(i) = r[column] {
                            Some(i)
                        } else {
                            None
                        }
                    })
                    .collect();
                let def = (w.get_descriptor().max_def_level() > 0).then_some(present.as_slice());
                w.write_batch(&v, def, None)?;
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                let v: Vec<f64> = rows
                    .iter()
                    .filter_map(|r| {
                        if let Cell::Float(x) = r[column] {
                            Some(x)
                        } else {
                            None
                        }
                    })
                    .collect();
                let def = (w.get_descriptor().max_def_level() > 0).then_some(present.as_slice());
                w.write_batch(&v, def, None)?;
            }
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let v: Vec<ByteArray> = rows
                    .iter()
                    .filter_map(|r| {
                        if let Cell::Text(s) = r[column] {
                            Some(ByteArray::from(s))
                        } else {
                            None
                        }
                    })
                    .collect();
                let def = (w.get_descriptor().max_def_level() > 0).then_some(present.as_slice());
                w.write_batch(&v, def, None)?;
            }
            _ => {
                return Err(ParquetError::General(format!(
                    "column {column} has an unexpected type"
                )))
            }
        }
        col.close()?;
        column += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}

/// Any error while writing an export.
pub type ExportError = Box<dyn std::error::Error + Send + Sync>;

/// Writes rows of cells in `format` (`columns` for CSV and JSON Lines, the
/// message type `schema` for Parquet).
fn write_rows<'a, W: Write + Send, R: AsRef<[Cell<'a>]>>(
    format: Format,
    (columns, schema): (&[&str], &str),
    rows: &[R],
    mut out: W,
) -> Result<(), ExportError> {
    match format {
        Format::Csv => csv_rows(columns, rows, &mut out)?,
        Format::Jsonl => jsonl_rows(columns, rows, &mut out)?,
        Format::Parquet => parquet_rows(schema, rows, out)?,
    }
    Ok(())
}

/// Columns of the events export, in order: one row per event.
pub const EVENT_COLUMNS: &[&str] = &[
    "date",
    "type",
    "countries",
    "city",
    "place_country",
    "participants",
    "agreements",
    "documents_signed",
    "sources",
    "source_titles",
    "source_locations",
    "source_languages",
    "sentence",
];

const EVENT_SCHEMA: &str = "message event {
    optional binary date (UTF8);
    required binary type (UTF8);
    required binary countries (UTF8);
    optional binary city (UTF8);
    optional binary place_country (UTF8);
    required binary participants (UTF8);
    required int64 agreements;
    optional int64 documents_signed;
    required int64 sources;
    required binary source_titles (UTF8);
    required binary source_locations (UTF8);
    required binary source_languages (UTF8);
    required binary sentence (UTF8);
}";

/// The text columns of an event row that are joined from lists.
struct EventText {
    countries: String,
    participants: String,
    titles: String,
    locations: String,
    languages: String,
}

fn event_text(r: &EventRecord) -> EventText {
    let join =
        |f: &dyn Fn(&SourceRef) -> String| r.sources.iter().map(f).collect::<Vec<_>>().join(" | ");
    EventText {
        countries: r.countries.join(","),
        participants: r
            .participants
            .iter()
            .map(|p| {
                format!(
                    "{} {} ({})",
                    p.office.as_deref().unwrap_or("-"),
                    p.name.as_deref().unwrap_or("-"),
                    p.country.as_deref().unwrap_or("?")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        titles: join(&|s| s.title().to_owned()),
        locations: join(&|s| s.location().to_owned()),
        languages: join(&|s| s.language.clone()),
    }
}

fn event_cells<'a>(r: &'a EventRecord, t: &'a EventText) -> [Cell<'a>; 13] {
    let counts: Vec<u32> = r.agreements.iter().filter_map(|a| a.count).collect();
    [
        opt(&r.date),
        Cell::Text(&r.event_type),
        Cell::Text(&t.countries),
        opt(&r.city),
        opt(&r.place_country),
        Cell::Text(&t.participants),
        Cell::Int(r.agreements.len() as i64),
        if counts.is_empty() {
            Cell::Null
        } else {
            Cell::Int(counts.iter().map(|&c| i64::from(c)).sum())
        },
        Cell::Int(r.sources.len() as i64),
        Cell::Text(&t.titles),
        Cell::Text(&t.locations),
        Cell::Text(&t.languages),
        Cell::Text(r.sources.first().map_or("", |s| s.sentence.as_str())),
    ]
}

/// Writes event records in `format`, one row per event with the columns of
/// [`EVENT_COLUMNS`] (lists joined: countries by `,`, participants by `; `,
/// sources by ` | `).
pub fn write_events<W: Write + Send>(
    records: &[EventRecord],
    format: Format,
    out: W,
) -> Result<(), ExportError> {
    let text: Vec<EventText> = records.iter().map(event_text).collect();
    let rows: Vec<[Cell<'_>; 13]> = records
        .iter()
        .zip(&text)
        .map(|(r, t)| event_cells(r, t))
        .collect();
    write_rows(format, (EVENT_COLUMNS, EVENT_SCHEMA), &rows, out)
}

/// Columns of the agreements export, in order: one row per agreement.
pub const AGREEMENT_COLUMNS: &[&str] = &[
    "date",
    "count",
    "value",
    "currency",
    "subject",
    "sides",
    "event_type",
    "event_date",
    "event_countries",
    "document_id",
    "document_title",
    "document_location",
    "language",
    "start",
    "end",
    "sentence",
];

const AGREEMENT_SCHEMA: &str = "message agreement {
    optional binary date (UTF8);
    optional int64 count;
    optional double value;
    optional binary currency (UTF8);
    optional binary subject (UTF8);
    required binary sides (UTF8);
    optional binary event_type (UTF8);
    optional binary event_date (UTF8);
    optional binary event_countries (UTF8);
    required binary document_id (UTF8);
    required binary document_title (UTF8);
    required binary document_location (UTF8);
    required binary language (UTF8);
    required int64 start;
    required int64 end;
    required binary sentence (UTF8);
}";

fn agreement_cells<'a>(r: &'a AgreementRecord, joined: &'a (String, String)) -> [Cell<'a>; 16] {
    let a = &r.signed;
    let s = &a.source;
    let event = r.event.as_ref();
    [
        opt(&a.date),
        a.count.map_or(Cell::Null, |c| Cell::Int(i64::from(c))),
        a.value.map_or(Cell::Null, Cell::Float),
        opt(&a.currency),
        opt(&a.subject),
        Cell::Text(&joined.0),
        event.map_or(Cell::Null, |e| Cell::Text(&e.event_type)),
        event.map_or(Cell::Null, |e| opt(&e.date)),
        event.map_or(Cell::Null, |_| Cell::Text(&joined.1)),
        Cell::Text(&s.document.id),
        Cell::Text(s.title()),
        Cell::Text(s.location()),
        Cell::Text(&s.language),
        Cell::Int(i64::try_from(s.start).unwrap_or(i64::MAX)),
        Cell::Int(i64::try_from(s.end).unwrap_or(i64::MAX)),
        Cell::Text(&s.sentence),
    ]
}

/// Writes agreement records in `format`, one row per agreement with the
/// columns of [`AGREEMENT_COLUMNS`] (sides and the event's countries joined
/// by `,`).
pub fn write_agreements<W: Write + Send>(
    records: &[AgreementRecord],
    format: Format,
    out: W,
) -> Result<(), ExportError> {
    let joined: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r.signed.sides.join(","),
                r.event
                    .as_ref()
                    .map(|e| e.countries.join(","))
                    .unwrap_or_default(),
            )
        })
        .collect();
    let rows: Vec<[Cell<'_>; 16]> = records
        .iter()
        .zip(&joined)
        .map(|(r, j)| agreement_cells(r, j))
        .collect();
    write_rows(format, (AGREEMENT_COLUMNS, AGREEMENT_SCHEMA), &rows, out)
}

/// Columns of the projects export, in order: one row per project.
pub const PROJECT_COLUMNS: &[&str] = &[
    "id",
    "name",
    "sides",
    "sector",
    "place",
    "status",
    "date",
    "value",
    "currency",
    "jobs",
    "reports",
    "source_titles",
    "source_locations",
    "source_languages",
];

const PROJECT_SCHEMA: &str = "message project {
    required int64 id;
    required binary name (UTF8);
    required binary sides (UTF8);
    optional binary sector (UTF8);
    optional binary place (UTF8);
    optional binary status (UTF8);
    optional binary date (UTF8);
    optional double value;
    optional binary currency (UTF8);
    optional double jobs;
    required int64 reports;
    required binary source_titles (UTF8);
    required binary source_locations (UTF8);
    required binary source_languages (UTF8);
}";

/// Writes project records in `format`, one row per project with the
/// columns of [`PROJECT_COLUMNS`] (its latest status, value and jobs; sides
/// joined by `,`, its reports' sources by ` | `, oldest first).
pub fn write_projects<W: Write + Send>(
    records: &[crate::projects::ProjectRecord],
    format: Format,
    out: W,
) -> Result<(), ExportError> {
    let text: Vec<[String; 4]> = records
        .iter()
        .map(|r| {
            let join = |f: &dyn Fn(&SourceRef) -> String| {
                r.history
                    .iter()
                    .map(|h| f(&h.source))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            [
                r.sides.join(","),
                join(&|s| s.title().to_owned()),
                join(&|s| s.location().to_owned()),
                join(&|s| s.language.clone()),
            ]
        })
        .collect();
    let rows: Vec<[Cell<'_>; 14]> = records
        .iter()
        .zip(&text)
        .map(|(r, t)| {
            [
                Cell::Int(r.id),
                Cell::Text(&r.name),
                Cell::Text(&t[0]),
                opt(&r.sector),
                opt(&r.place),
                opt(&r.status),
                opt(&r.date),
                r.value.map_or(Cell::Null, Cell::Float),
                opt(&r.currency),
                r.jobs.map_or(Cell::Null, Cell::Float),
                Cell::Int(r.history.len() as i64),
                Cell::Text(&t[1]),
                Cell::Text(&t[2]),
                Cell::Text(&t[3]),
            ]
        })
        .collect();
    write_rows(format, (PROJECT_COLUMNS, PROJECT_SCHEMA), &rows, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::rec;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    fn sample() -> Vec<FigureRecord> {
        let mut a = rec(
            7,
            "doc1",
            "2025-10-01",
            3.39e9,
            "exact",
            "trade.turnover KZ UZ level actual 2025-01..2025-09 USD",
        );
        a.figure.sentence = "Turnover, they said, reached \"3.39 bn\".".to_owned();
        let mut b = rec(
            8,
            "doc2",
            "",
            18.0,
            "exact",
            "trade.export KZ - change_pct actual - percent",
        );
        b.figure.value_max = Some(19.0);
        b.figure.product = Some("10".into());
        b.document.title = None;
        vec![a, b]
    }

    #[test]
    fn csv_quotes_and_leaves_nulls_empty() {
        let mut out = Vec::new();
        write_csv(&sample(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].split(',').count(), COLUMNS.len());
        assert!(
            lines[1].contains("\"Turnover, they said, reached \"\"3.39 bn\"\".\""),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("8,doc2,name-doc2,,,ru,"),
            "{}",
            lines[2]
        );
        let product = COLUMNS.iter().position(|c| *c == "product").unwrap();
        assert_eq!(lines[2].split(',').nth(product), Some("10"));
        assert_eq!(lines[1].split(',').nth(product), Some(""));
    }

    #[test]
    fn jsonl_rows_have_every_column() {
        let mut out = Vec::new();
        write_jsonl(&sample(), &mut out).unwrap();
        let rows: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].as_object().unwrap().len(), COLUMNS.len());
        assert_eq!(rows[0]["period"], "2025-01..2025-09");
        assert_eq!(rows[1]["value_max"], 19.0);
        assert_eq!(rows[1]["product"], "10");
        assert!(rows[0]["product"].is_null(), "all goods: null");
        assert!(rows[1]["partner"].is_null());
    }

    fn event_sample() -> (Vec<EventRecord>, Vec<AgreementRecord>) {
        use crate::events::{EventBrief, SignedRecord};
        use tandem_store::ReportDocument;
        let doc = |name: &str, title: Option<&str>, url: Option<&str>| ReportDocument {
            id: format!("id-{name}"),
            name: name.to_owned(),
            title: title.map(str::to_owned),
            url: url.map(str::to_owned),
            path: format!("corpus/{name}.txt"),
            date: Some("2025-11-16".to_owned()),
            language: "ru".to_owned(),
        };
        let source = |d: ReportDocument, lang: &str| SourceRef {
            document: d,
            language: lang.to_owned(),
            start: 3,
            end: 40,
            sentence: "Visit, \"state\" one.".to_owned(),
        };
        let signed = SignedRecord {
            count: Some(17),
            value: Some(1.5e9),
            currency: Some("USD".to_owned()),
            subject: Some("trade and energy".to_owned()),
            sides: vec!["KZ".to_owned(), "UZ".to_owned()],
            date: Some("2025-11-15".to_owned()),
            source: source(
                doc("a", Some("Visit, day two"), Some("https://x.org/a")),
                "ru",
            ),
        };
        let events = vec![EventRecord {
            event_type: "state_visit".to_owned(),
            countries: vec!["KZ".to_owned(), "UZ".to_owned()],
            date: Some("2025-11-15".to_owned()),
            city: Some("Ташкент".to_owned()),
            place_country: Some("UZ".to_owned()),
            participants: Vec::new(),
            agreements: vec![signed.clone()],
            sources: vec![
                source(
                    doc("a", Some("Visit, day two"), Some("https://x.org/a")),
                    "ru",
                ),
                source(doc("b", None, None), "kk"),
            ],
        }];
        let agreements = vec![
            AgreementRecord {
                signed: signed.clone(),
                event: Some(EventBrief {
                    event_type: "state_visit".to_owned(),
                    countries: vec!["KZ".to_owned(), "UZ".to_owned()],
                    date: Some("2025-11-15".to_owned()),
                    city: None,
                }),
            },
            AgreementRecord {
                signed: SignedRecord {
                    count: None,
                    value: None,
                    currency: None,
                    subject: None,
                    date: None,
                    ..signed
                },
                event: None,
            },
        ];
        (events, agreements)
    }

    #[test]
    fn projects_read_back_in_every_format() {
        use crate::projects::{ProjectRecord, ProjectStep};
        let (events, _) = event_sample();
        let source = events[0].sources[0].clone();
        let step = ProjectStep {
            name: Some("Сарбанд".to_owned()),
            count: None,
            sides: vec!["TJ".to_owned()],
            sector: Some("energy".to_owned()),
            place: None,
            value: Some(1.3e9),
            currency: Some("TJS".to_owned()),
            capacity: None,
            capacity_unit: None,
            jobs: None,
            status: Some("under_construction".to_owned()),
            date: Some("2019-12-26".to_owned()),
            source: source.clone(),
        };
        let records = vec![ProjectRecord {
            id: 4,
            name: "Сарбанд".to_owned(),
            sides: vec!["RU".to_owned(), "TJ".to_owned()],
            sector: Some("energy".to_owned()),
            place: None,
            status: Some("under_construction".to_owned()),
            date: Some("2019-12-26".to_owned()),
            value: Some(1.3e9),
            currency: Some("TJS".to_owned()),
            jobs: None,
            history: vec![
                step.clone(),
                ProjectStep {
                    source: events[0].sources[1].clone(),
                    ..step
                },
            ],
        }];
        let mut csv = Vec::new();
        write_projects(&records, Format::Csv, &mut csv).unwrap();
        let text = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], PROJECT_COLUMNS.join(","));
        assert!(
            lines[1].starts_with(
                "4,Сарбанд,\"RU,TJ\",energy,,under_construction,2019-12-26,1300000000,TJS,,2,"
            ),
            "{}",
            lines[1]
        );
        let mut jsonl = Vec::new();
        write_projects(&records, Format::Jsonl, &mut jsonl).unwrap();
        let row: serde_json::Value =
            serde_json::from_str(String::from_utf8(jsonl).unwrap().trim()).unwrap();
        assert_eq!(row.as_object().unwrap().len(), PROJECT_COLUMNS.len());
        assert_eq!(row["source_languages"], "ru | kk");
        assert!(row["jobs"].is_null());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("projects.parquet");
        write_projects(
            &records,
            Format::Parquet,
            std::fs::File::create(&path).unwrap(),
        )
        .unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 1);
        let first = reader.get_row_iter(None).unwrap().next().unwrap().unwrap();
        assert!(first.to_string().contains("Сарбанд"), "{first}");
    }

    #[test]
    fn events_and_agreements_read_back_in_every_format() {
        let (events, agreements) = event_sample();
        let mut csv = Vec::new();
        write_events(&events, Format::Csv, &mut csv).unwrap();
        let text = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], EVENT_COLUMNS.join(","));
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].starts_with("2025-11-15,state_visit,\"KZ,UZ\",Ташкент,UZ,,1,17,2,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("\"Visit, day two | b\",https://x.org/a | corpus/b.txt,ru | kk,"),
            "title else file name, URL else path: {}",
            lines[1]
        );
        let mut jsonl = Vec::new();
        write_agreements(&agreements, Format::Jsonl, &mut jsonl).unwrap();
        let rows: Vec<serde_json::Value> = String::from_utf8(jsonl)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].as_object().unwrap().len(), AGREEMENT_COLUMNS.len());
        assert_eq!(rows[0]["count"], 17);
        assert_eq!(rows[0]["subject"], "trade and energy");
        assert!(rows[1]["subject"].is_null());
        assert_eq!(rows[0]["event_type"], "state_visit");
        assert_eq!(rows[0]["document_location"], "https://x.org/a");
        assert!(rows[1]["count"].is_null() && rows[1]["event_type"].is_null());
        let dir = tempfile::tempdir().unwrap();
        for (name, rows) in [("events", 1), ("agreements", 2)] {
            let path = dir.path().join(format!("{name}.parquet"));
            let file = std::fs::File::create(&path).unwrap();
            if name == "events" {
                write_events(&events, Format::Parquet, file).unwrap();
            } else {
                write_agreements(&agreements, Format::Parquet, file).unwrap();
            }
            let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
            assert_eq!(reader.metadata().file_metadata().num_rows(), rows);
            let first = reader
                .get_row_iter(None)
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .to_string();
            if name == "events" {
                assert!(first.contains("countries: \"KZ,UZ\""), "{first}");
                assert!(first.contains("documents_signed: 17"), "{first}");
            } else {
                assert!(first.contains("value: 1500000000"), "{first}");
                assert!(first.contains("subject: \"trade and energy\""), "{first}");
                assert!(first.contains("event_countries: \"KZ,UZ\""), "{first}");
            }
        }
    }

    #[test]
    fn parquet_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.parquet");
        write_parquet(&sample(), std::fs::File::create(&path).unwrap()).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let first = rows[0].to_string();
        assert!(first.contains("id: 7"), "{first}");
        assert!(first.contains("period: \"2025-01..2025-09\""), "{first}");
        assert!(first.contains("value: 3390000000"), "{first}");
        let second = rows[1].to_string();
        assert!(second.contains("value_max: 19"), "{second}");
        assert!(second.contains("product: \"10\""), "{second}");
        assert!(first.contains("product: null"), "{first}");
        assert!(second.contains("partner: null"), "{second}");
        assert!(second.contains("document_title: null"), "{second}");
    }
}
