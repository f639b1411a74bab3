//! Figures written out for analysts' own tools: CSV, JSON Lines and
//! Parquet, one row per figure with its document's name, title, date and
//! language. The columns are the same in every format.

use std::io::Write;
use std::sync::Arc;

use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use tandem_store::FigureRecord;

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
enum Cell<'a> {
    Int(i64),
    Float(f64),
    Text(&'a str),
    Null,
}

fn opt(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Null, Cell::Text)
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
    writeln!(out, "{}", COLUMNS.join(","))?;
    for r in records {
        let row: Vec<String> = cells(r)
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
    for r in records {
        let obj: serde_json::Map<String, serde_json::Value> = COLUMNS
            .iter()
            .zip(cells(r))
            .map(|(name, c)| {
                let v = match c {
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
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let rows: Vec<[Cell<'_>; 24]> = records.iter().map(cells).collect();
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
        b.figure.product = Some("10".to_owned());
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
