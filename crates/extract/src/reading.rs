//! What the figure extractor reads of a document besides its figures,
//! handed to later stages (events and agreements, `tandem-events`) so they
//! build on the same reading instead of reading the text again: the
//! sentences that hold an event or agreement word, with their language,
//! the countries, cities and heads of state named in them and the role
//! their case gives, the days and months they name resolved against the
//! document's date, and the lexicon's event, office, agreement and day
//! words; and the sentences that hold a project word, with the project,
//! sector and status words (read by `tandem-events` for projects).

use std::ops::Range;

use tandem_model::DocDate;
use tandem_text::Analysis;

use crate::context::Doc;
use crate::countries::Mention;
use crate::lexicon::{Case, GROUP};
use crate::matcher::{kind, Tag};
use crate::periods;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// The reading of one document.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The document's date (given, from its header or its dateline); `None`
    /// when it has none: then no day or month without a year is resolved.
    pub date: Option<DocDate>,
    /// The two countries the document names most often, in the order it
    /// first names them.
    pub main_pair: (Option<&'static str>, Option<&'static str>),
    /// Sentences holding an event, agreement or project word, in reading
    /// order.
    pub sentences: Vec<Sentence>,
}

/// One sentence of a [`Reading`].
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Language code of its paragraph.
    pub lang: &'static str,
    /// The country this language's news speaks of when it names none
    /// (the lexicon's `home`: Kazakh → KZ), if any.
    pub home: Option<&'static str>,
    /// Countries named, in order (a group of countries, "Central Asia", has
    /// the code `""`).
    pub countries: Vec<Country>,
    /// Cities and regions named (`[places]` and `[venues]`), in order.
    pub places: Vec<Place>,
    /// Days, day ranges and months named, resolved against the document's
    /// date (`2025-11-15`, `2025-11-11..2025-11-12`, `2025-11`).
    pub dates: Vec<DateMention>,
    /// Event, office, agreement and day words.
    pub words: Vec<Word>,
    /// Indices of the sentence's figures in the figures [`crate::extract_with_reading`]
    /// returns.
    pub figures: Range<usize>,
}

/// Role a country's case ending or preposition gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Origin ("из Казахстана", "Qozog'istondan").
    From,
    /// Destination ("в Узбекистан", "Өзбекстанға").
    To,
    /// Owner ("Казахстана", genitive; an adjective).
    Of,
    /// Location ("в Ташкенте", "Астанада").
    At,
    /// The other side ("с Казахстаном", "Қозоғистон билан").
    With,
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedBy {
    /// Its name.
    Name,
    /// An adjective ("казахстанский").
    Adjective,
    /// One of its cities or regions.
    Place,
    /// Its head of state.
    Person,
}

/// A country named in a sentence.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`""` for a group of countries).
    pub code: &'static str,
    /// Role from the ending or preposition.
    pub role: Option<Role>,
    /// How it is named.
    pub by: NamedBy,
    /// The words that name it, as written.
    pub text: String,
    /// Byte range of those words in the original text.
    pub span: Range<usize>,
}

/// A city or region named in a sentence.
#[derive(Debug, Clone)]
pub struct Place {
    /// ISO 3166-1 alpha-2 code of its country.
    pub code: &'static str,
    /// Its name as written.
    pub text: String,
    /// Byte range in the original text.
    pub span: Range<usize>,
}

/// A day, day range or month named in a sentence.
#[derive(Debug, Clone)]
pub struct DateMention {
    /// Resolved like a figure's period.
    pub date: String,
    /// Byte range in the original text.
    pub span: Range<usize>,
}

/// What a lexicon word of [`Word`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// An event of this type (`[events]`).
    Event(&'static str),
    /// A person's office (`[offices]`).
    Office(&'static str),
    /// An agreement word (`[agreements]`: `documents`, `signing`, `unsigned`).
    Agreement(&'static str),
    /// A day relative to the document's date (`[days]`).
    Day(&'static str),
    /// A project word (`[projects]`), with the sector it implies.
    Project(Option<&'static str>),
    /// A sector word (`[sectors]`).
    Sector(&'static str),
    /// A project status word (`[project_status]`), or `joint`.
    Status(&'static str),
}

/// An event, office, agreement or day word of a sentence.
#[derive(Debug, Clone)]
pub struct Word {
    /// What it says.
    pub kind: WordKind,
    /// Byte range in the original text.
    pub span: Range<usize>,
}

/// Whether a sentence's words (OR-ed [`kind`] bits) call for a reading.
pub(crate) fn wanted(present: kind::Kinds) -> bool {
    present & (kind::EVENT | kind::SIGNING | kind::PROJECT) != 0
}

/// Byte range in the original text of tokens `a..b` of the view.
fn span(d: &Doc, analysis: &Analysis, a: usize, b: usize) -> Range<usize> {
    let t = &d.toks.toks;
    analysis
        .text
        .original_range(t[a].start..t[b.max(a + 1) - 1].end)
}

/// The reading of sentence `s` (whose countries are `mentions`; its
/// dateline tokens, if any, `dateline`).
pub(crate) fn sentence(
    d: &Doc,
    analysis: &Analysis,
    s: &Sent,
    lang: &'static str,
    mentions: &[Mention],
    date: Option<DocDate>,
    dateline: Option<(usize, usize)>,
) -> Sentence {
    let countries = mentions
        .iter()
        .map(|m| {
            // the whole name a city or a person is matched with
            let named = d.tags(m.tok).find_map(|(mm, t)| match t {
                Tag::Place(_) => Some((NamedBy::Place, mm.end)),
                Tag::Person(_) => Some((NamedBy::Person, mm.end)),
                _ => None,
            });
            let (by, end) = match named {
                Some(n) => n,
                None if m.adjective => (NamedBy::Adjective, m.tok + 1),
                None => (NamedBy::Name, m.tok + 1),
            };
            let sp = span(d, analysis, m.tok, end);
            Country {
                code: if m.code == GROUP { "" } else { m.code },
                role: m.case.map(|c| match c {
                    Case::From => Role::From,
                    Case::To => Role::To,
                    Case::Of => Role::Of,
                    Case::At => Role::At,
                    Case::With => Role::With,
                }),
                by,
                text: analysis
                    .text
                    .original()
                    .get(sp.clone())
                    .unwrap_or("")
                    .to_string(),
                span: sp,
            }
        })
        .collect();
    let refs = periods::Refs {
        year: date.map(|d| d.year),
        month: date.and_then(|d| d.month),
        ..Default::default()
    };
    let dates = periods::marks(d, s, lang, &refs)
        .into_iter()
        .filter(|m| dateline.is_none_or(|(a, b)| !(a..b).contains(&m.tok)))
        .filter(|m| m.own() && !m.until && m.as_of.is_none())
        .filter_map(|m| {
            let p = m.period?;
            day_or_month(&p).then(|| DateMention {
                date: p.to_string(),
                span: span(d, analysis, m.tok, m.end),
            })
        })
        .collect();
    let mut places = Vec::new();
    for i in (s.start..s.end).filter(|&i| d.has_kind(i, kind::PLACE)) {
        let found = d.tags(i).find_map(|(m, t)| match t {
            Tag::Place(c) => Some((m.end, c.as_str())),
            _ => None,
        });
        if let Some((end, code)) = found {
            let sp = span(d, analysis, i, end.min(s.end));
            places.push(Place {
                code,
                text: analysis
                    .text
                    .original()
                    .get(sp.clone())
                    .unwrap_or("")
                    .to_string(),
                span: sp,
            });
        }
    }
    let first_word = (s.start..s.end).find(|&k| d.toks.kind(k) != Kind::Space);
    // a one-word event entry written as a name mid-sentence is a name
    // ("Сапар Исаков", "Saparov"), not a visit
    let name_like = |i: usize, end: usize| {
        let w = d.toks.text(i);
        let mut cs = w.chars();
        end == i + 1
            && Some(i) != first_word
            && cs.next().is_some_and(char::is_uppercase)
            && cs.any(char::is_lowercase)
    };
    let mut words = Vec::new();
    for i in s.start..s.end {
        let wanted = kind::EVENT
            | kind::OFFICE
            | kind::SIGNING
            | kind::DAY
            | kind::PROJECT
            | kind::SECTOR
            | kind::STATUS;
        if !d.has_kind(i, wanted) {
            continue;
        }
        // the longest word starting here
        let best = d
            .tags(i)
            .filter_map(|(m, t)| {
                let k = match t {
                    Tag::Event(_) if name_like(i, m.end) => return None,
                    Tag::Event(k) => WordKind::Event(k.as_str()),
                    Tag::Office(k) => WordKind::Office(k.as_str()),
                    Tag::Signing(k) => WordKind::Agreement(k.as_str()),
                    Tag::Day(k) => WordKind::Day(k.as_str()),
                    Tag::Project(k) => WordKind::Project(k.as_deref()),
                    Tag::Sector(k) => WordKind::Sector(k.as_str()),
                    Tag::Status(k) => WordKind::Status(k.as_str()),
                    _ => return None,
                };
                Some((m.end, k))
            })
            .max_by_key(|(end, _)| *end);
        if let Some((end, k)) = best {
            words.push(Word {
                kind: k,
                span: span(d, analysis, i, end.min(s.end)),
            });
        }
    }
    // a word inside a longer one of the same family is part of it
    // ("визит" in "государственный визит")
    let kept: Vec<Word> = words
        .iter()
        .filter(|w| {
            !words.iter().any(|o| {
                std::mem::discriminant(&o.kind) == std::mem::discriminant(&w.kind)
                    && o.span != w.span
                    && o.span.start <= w.span.start
                    && w.span.end <= o.span.end
            })
        })
        .cloned()
        .collect();
    Sentence {
        span: span(d, analysis, s.start, s.end),
        lang,
        home: d.lex.home.get(lang).copied(),
        countries,
        places,
        dates,
        words: kept,
        figures: 0..0,
    }
}

/// Whether a period is a day, a day range within a month, or a month.
fn day_or_month(p: &str) -> bool {
    let day = |x: &str| x.len() == 10 && x.as_bytes()[4] == b'-' && x.as_bytes()[7] == b'-';
    let month = |x: &str| x.len() == 7 && x.as_bytes()[4] == b'-';
    match p.split_once("..") {
        Some((a, b)) => day(a) && day(b) && a[..7] == b[..7],
        None => day(p) || month(p),
    }
}

#[cfg(test)]
mod tests {
    use super::day_or_month;

    #[test]
    fn days_and_months_only() {
        assert!(day_or_month("2025-11-15"));
        assert!(day_or_month("2025-11"));
        assert!(day_or_month("2025-11-11..2025-11-12"));
        assert!(!day_or_month("2025"));
        assert!(!day_or_month("2025-01..2025-09"));
    }
}
