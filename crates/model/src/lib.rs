//! Record types shared by every Tandem crate.
//!
//! These types are the contract between the pipeline stages: `extract`
//! produces [`Figure`]s, `store` persists them, `kb` and `server` read them
//! back. They carry no behaviour beyond (de)serialisation and small helpers,
//! so that a stage can be understood without reading the others.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How precise a document date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// `YYYY-MM-DD`
    Day,
    /// `YYYY-MM`
    Month,
    /// `YYYY`
    Year,
}

impl DatePrecision {
    /// The name stored in the database (`day`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// A (possibly partial) calendar date of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1..=12, when known.
    pub month: Option<u32>,
    /// Day 1..=31, when known.
    pub day: Option<u32>,
}

impl DocDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns `None` for anything else
    /// (including impossible months or days).
    pub fn parse(s: &str) -> Option<DocDate> {
        let s = s.trim();
        let mut parts = s.split('-');
        let y = parts.next()?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 => {
                Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?)
            }
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 && month.is_some() => {
                Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?)
            }
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(DocDate { year, month, day })
    }

    /// The precision of this date.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
}

impl std::fmt::Display for DocDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// One figure found in a document: a quoted amount with what it measures.
///
/// Field names and values follow `shared/gold/SCHEMA.md` exactly, plus the
/// byte span (`start`, `end`, end exclusive) of `text` in the original
/// document and the `sentence` it stands in.
///
/// The fields whose values come from closed sets (`unit`, `approx`,
/// `indicator`, `measure`, `subject`, `partner`, `kind`, `product`) are
/// [`Cow`]s: extraction borrows its vocabulary's `&'static str`s instead of
/// allocating a string for each, and a figure read back from a store or
/// from JSON owns its values. Either way they serialise as plain strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Document id.
    pub doc: String,
    /// The quantity exactly as written (number, scale word, unit).
    pub text: String,
    /// 1-based occurrence of `text` in the document.
    pub occurrence: u32,
    /// Value in base units (3,39 млрд → 3390000000; 18,2% → 18.2).
    pub value: f64,
    /// Upper end of a range, else `None`.
    pub value_max: Option<f64>,
    /// `USD`, `KZT`, …, `percent`, `tonne`, `count`, `times`, `other`…
    pub unit: Cow<'static, str>,
    /// `exact`, `about`, `over` or `under`.
    pub approx: Cow<'static, str>,
    /// Indicator id from the schema vocabulary (`trade.turnover`, …).
    pub indicator: Cow<'static, str>,
    /// `level`, `change_pct`, `share_pct`, `ratio` or `change_abs`.
    pub measure: Cow<'static, str>,
    /// ISO 3166-1 alpha-2 code of the first side, if any.
    pub subject: Option<Cow<'static, str>>,
    /// ISO 3166-1 alpha-2 code of the second side, if any.
    pub partner: Option<Cow<'static, str>>,
    /// `actual`, `target` or `forecast`.
    pub kind: Cow<'static, str>,
    /// Period covered (`2024`, `2025-01..2025-09`, `..2030`, …) or `None`.
    pub period: Option<String>,
    /// Goods the figure is about: the two-digit HS chapter (`"10"` cereals,
    /// `"27"` mineral fuels and electricity…), `None` for all goods or none.
    #[serde(default)]
    pub product: Option<Cow<'static, str>>,
    /// Byte offset of `text` in the original document (inclusive).
    pub start: usize,
    /// Byte offset of the end of `text` in the original document (exclusive).
    pub end: usize,
    /// The sentence the figure stands in (for a figure read from a
    /// statistics table: its row, cells separated by tabs).
    pub sentence: String,
    /// Whether the figure comes from a statistics table (`official`) or
    /// from the text of a news item or paper (`news`).
    #[serde(default)]
    pub source_kind: SourceKind,
    /// For a figure read from a statistics table, the cell it was read
    /// from: `Sheet1!C7` (XLSX, ODS), `C7` (CSV); `None` for text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

/// Where a figure comes from: official statistics or what the news said.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Extracted from the text of a document (news, papers, reports).
    #[default]
    News,
    /// Read from a statistics table (national statistics office, UN Comtrade).
    Official,
}

impl SourceKind {
    /// The name stored in the database (`news`, `official`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::News => "news",
            SourceKind::Official => "official",
        }
    }

    /// Parses `news` or `official`.
    pub fn parse(s: &str) -> Option<SourceKind> {
        match s {
            "news" => Some(SourceKind::News),
            "official" => Some(SourceKind::Official),
            _ => None,
        }
    }
}

/// Indicators whose two sides are ordered (subject → partner).
pub const DIRECTED_INDICATORS: &[&str] =
    &["trade.export", "trade.import", "investment", "enterprises"];

/// Every indicator id of the schema vocabulary.
pub const INDICATORS: &[&str] = &[
    "trade.turnover",
    "trade.export",
    "trade.import",
    "investment",
    "projects",
    "jobs",
    "enterprises",
    "freight",
    "gdp",
    "population",
    "area",
    "agreements",
    "other",
];

/// Language codes Tandem tells apart (`und` when undecided).
pub const LANGUAGES: &[&str] = &["kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];

/// Sectors a project may have (`gold/EVENTS.md`; the lexicon's
/// `[sectors]` and `[projects]` lists are keyed by them).
pub const SECTORS: &[&str] = &[
    "energy",
    "industry",
    "logistics",
    "transport",
    "agriculture",
    "trade",
    "construction",
    "mining",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_of_every_precision() {
        assert_eq!(
            DocDate::parse("2025").unwrap().precision(),
            DatePrecision::Year
        );
        assert_eq!(DocDate::parse("2025-03").unwrap().to_string(), "2025-03");
        assert_eq!(DocDate::parse("2025-03-15").unwrap().day, Some(15));
        assert!(DocDate::parse("2025-13").is_none());
        assert!(DocDate::parse("25-03-15").is_none());
        assert!(DocDate::parse("2025-03-15-1").is_none());
        assert!(DocDate::parse("yesterday").is_none());
    }
}

mod goods;
pub use goods::Goods;

/// One event a document reports: a visit, summit, session, forum, talks or
/// phone call between countries (read by `tandem-events`).
///
/// Several documents may report the same event: each report is one
/// `Event`; `tandem_events::merge` groups them into one record with every
/// source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Document id.
    pub doc: String,
    /// `state_visit`, `official_visit`, `working_visit`, `visit` (of an
    /// unstated kind), `summit`, `session` (of a council or commission),
    /// `forum`, `talks` or `phone_call`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// ISO 3166-1 alpha-2 codes of the countries taking part, sorted.
    pub countries: Vec<String>,
    /// People named as taking part, with their offices.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The city, as written, when the text names one.
    pub city: Option<String>,
    /// The country of the place (the city's, or the host named by case).
    pub place_country: Option<String>,
    /// When it happened or will happen, resolved against the document's
    /// date like a figure's period: a day (`2025-11-15`), a range of days
    /// (`2025-11-11..2025-11-12`) or a month (`2025-11`); `None` when the
    /// text names no date or the document has none to resolve it against.
    pub date: Option<String>,
    /// Language of the sentence that reports it.
    pub lang: String,
    /// Byte offset of the reporting sentence in the original document.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The reporting sentence.
    pub sentence: String,
}

/// A person taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The name as written (`None` when only the office is named:
    /// "the President of Uzbekistan").
    pub name: Option<String>,
    /// `president`, `prime_minister`, `head_of_state`, `head_of_government`,
    /// `minister`, `ambassador` or `governor`, when the text says.
    pub office: Option<String>,
    /// ISO code of the country the person represents.
    pub country: Option<String>,
}

/// One report of a project in a document (read by `tandem-events`): a
/// named project ("the «Rogun» hydropower station, whose two units were
/// launched"), or, with no name, a count of projects ("78 joint projects
/// worth over $1.7 bn"). Reports of one named project in several documents,
/// languages or scripts share their [`ProjectReport::key`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectReport {
    /// Document id.
    pub doc: String,
    /// The project's name as written (`None` for a count of projects).
    pub name: Option<String>,
    /// The name folded across scripts and endings (each word's first five
    /// letters of its transliteration key): equal for reports of one
    /// project; `None` for a count.
    pub key: Option<String>,
    /// How many projects, for a count.
    pub count: Option<u32>,
    /// ISO codes of the countries taking part, sorted.
    pub sides: Vec<String>,
    /// Sector (`energy`, `industry`, `logistics`, `transport`,
    /// `agriculture`, `trade`, `construction`, `mining`), when a word says.
    pub sector: Option<String>,
    /// City or region, as written.
    pub place: Option<String>,
    /// Value (cost, investment), in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    pub currency: Option<String>,
    /// Capacity, in `capacity_unit`.
    pub capacity: Option<f64>,
    /// Unit of `capacity` (as figures write units).
    pub capacity_unit: Option<String>,
    /// Jobs created or to be created.
    pub jobs: Option<f64>,
    /// `planned`, `agreed`, `under_construction` or `launched`, when a word
    /// says.
    pub status: Option<String>,
    /// The date the status was reported: the sentence's day or month,
    /// else the document's date.
    pub date: Option<String>,
    /// Language of the sentence.
    pub lang: String,
    /// Byte offset of the reporting sentence in the original document.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The reporting sentence.
    pub sentence: String,
}

/// Documents signed, as a document reports them ("17 documents were signed
/// following the talks").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Document id.
    pub doc: String,
    /// How many documents were signed, when stated.
    pub count: Option<u32>,
    /// Their total value, when stated, in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    pub currency: Option<String>,
    /// Index of the event they were signed at among the document's events.
    pub event: Option<usize>,
    /// ISO codes of the signing sides, sorted.
    pub sides: Vec<String>,
    /// When they were signed (as [`Event::date`]).
    pub date: Option<String>,
    /// What they are about, as written, when stated ("сотрудничестве в
    /// области энергетики", "trade"); several subjects joined by "; ".
    #[serde(default)]
    pub subject: Option<String>,
    /// Index of the figure of indicator `agreements` that states the count
    /// among the document's figures.
    pub figure: Option<usize>,
    /// Language of the sentence.
    pub lang: String,
    /// Byte offset of the reporting sentence in the original document.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The reporting sentence.
    pub sentence: String,
}
