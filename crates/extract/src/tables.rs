//! Tables flattened to text (PDF exports): rows "Label n1 n2 … nK" under a
//! header whose K parenthesised groups give each column's scale and unit,
//! e.g. "Жер көлемі (мың км²) … Тұрғындар (млн.) … Экспорт (млн АҚШ долл.)".
//! A caption year ("2023 ж.") gives the period; the row label the country.

use crate::context::Doc;
use crate::lexicon::TimeCue;
use crate::matcher::{kind, Tag};
use crate::numbers::parse_digits;
use crate::periods::Period;
use crate::quantities::{Fixed, Quantity};
use crate::tokens::Kind;

/// One row: label country and cells (token ranges of the numbers).
struct Row {
    country: Option<&'static str>,
    cells: Vec<(usize, usize)>,
    /// One past the row's last token.
    end: usize,
}

/// Reads a row starting at token `a`: a label of one to four words, the
/// first naming a country, then at least two numbers. Rows may stand on
/// lines of their own or run on in one line (a repaired view may join them).
fn row(doc: &Doc, a: usize) -> Option<Row> {
    let t = &doc.toks;
    let n = t.len();
    if !doc.has_kind(a, kind::COUNTRY) {
        return None;
    }
    let country = doc.tags(a).find_map(|(_, tag)| match tag {
        Tag::Country(c, false) => Some(c.as_str()),
        _ => None,
    })?;
    let mut i = a;
    let mut label_words = 0;
    while i < n && t.kind(i) != Kind::Num {
        match t.kind(i) {
            Kind::Word => label_words += 1,
            Kind::Space if t.newlines_at(i) == 0 => {}
            _ => return None,
        }
        if label_words > 4 {
            return None;
        }
        i += 1;
    }
    let mut cells = Vec::new();
    let mut end = i;
    while i < n && t.kind(i) == Kind::Num {
        let s = i;
        i += 1;
        while i + 1 < n && (t.is_punct(i, ",") || t.is_punct(i, ".")) && t.kind(i + 1) == Kind::Num
        {
            i += 2;
        }
        cells.push((s, i));
        end = i;
        if i < n && t.kind(i) == Kind::Space {
            i += 1;
        } else {
            break;
        }
    }
    // the row ends at a line break or where the next label starts
    let next_ok =
        end >= n || t.kind(end) == Kind::Space && (end + 1 >= n || t.kind(end + 1) == Kind::Word);
    (cells.len() >= 2 && next_ok).then_some(Row {
        country: Some(country),
        cells,
        end,
    })
}

/// A column: scale, unit and indicator.
type Column = (f64, Option<&'static str>, Option<&'static str>);

/// The scale and unit a bracketed group between tokens `open` and `close`
/// names ("(млн АҚШ долл.)": 1e6 and USD; 1 and none where it names none).
pub(crate) fn bracket_unit(doc: &Doc, open: usize, close: usize) -> (f64, Option<&'static str>) {
    let mut scale = 1.0;
    let mut unit = None;
    for i in open..close {
        for (_, tag) in doc.tags(i) {
            match tag {
                Tag::Scale(f) => scale = *f,
                Tag::Unit(u) if unit.is_none() => unit = Some(u.as_str()),
                _ => {}
            }
        }
    }
    (scale, unit)
}

/// Column headers from the parenthesised groups before `before`.
fn header(doc: &Doc, before: usize, k: usize) -> Option<Vec<Column>> {
    let t = &doc.toks;
    let lo = before.saturating_sub(160);
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut close = None;
    for i in (lo..before).rev() {
        if t.is_punct(i, ")") {
            close = Some(i);
        } else if t.is_punct(i, "(") {
            if let Some(c) = close.take() {
                groups.push((i, c));
                if groups.len() == k {
                    break;
                }
            }
        }
    }
    if groups.len() != k {
        return None;
    }
    groups.reverse();
    let mut cols = Vec::new();
    let mut name_from = groups[0].0.saturating_sub(12);
    for &(open, close) in &groups {
        let (scale, unit) = bracket_unit(doc, open, close);
        let mut indicator = None;
        for i in name_from..open {
            for (_, tag) in doc.tags(i) {
                if let Tag::Indicator(ind) = tag {
                    indicator = Some(ind.as_str());
                }
            }
        }
        cols.push((scale, unit, indicator));
        name_from = close + 1;
    }
    Some(cols)
}

/// The caption's year ("Кесте 1. … 2023 ж.") in the tokens before `before`.
fn caption_year(doc: &Doc, before: usize) -> Option<Period> {
    let lo = before.saturating_sub(80);
    (lo..before).rev().find_map(|i| {
        let y = doc.year_at(i)?;
        let next = doc.toks.skip_space(i + 1, before)?;
        doc.has_kind(next, kind::time(TimeCue::Year))
            .then(|| y.to_string().into())
    })
}

/// Finds table cells as quantities with their meaning fixed.
pub(crate) fn find(doc: &Doc, comma_at: impl Fn(usize) -> bool) -> Vec<Quantity> {
    let t = &doc.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // (a row starts with a country name)
        let first = doc
            .has_kind(i, kind::COUNTRY)
            .then(|| row(doc, i))
            .flatten();
        let Some(first) = first else {
            i += 1;
            continue;
        };
        let k = first.cells.len();
        let mut rows = vec![first];
        let mut next = rows[0].end + 1;
        while let Some(r) = (next < t.len())
            .then(|| row(doc, next))
            .flatten()
            .filter(|r| r.cells.len() == k)
        {
            next = r.end + 1;
            rows.push(r);
        }
        let table_end = next;
        if rows.len() >= 2 {
            if let Some(cols) = header(doc, i, k) {
                let period = caption_year(doc, i.saturating_sub(1));
                for r in &rows {
                    for (c, &(a, b)) in r.cells.iter().enumerate() {
                        let (scale, unit, ind) = &cols[c];
                        let text: String = (a..b).map(|i| t.norm(i)).collect();
                        let Some(v) = parse_digits(&text, comma_at(t.toks[a].start), *scale != 1.0)
                        else {
                            continue;
                        };
                        let indicator = ind.unwrap_or("other");
                        let unit = unit.or_else(|| (indicator == "population").then_some("person"));
                        out.push(crate::quantities::in_whole_units(Quantity {
                            start: a,
                            end: b,
                            num_start: a,
                            value: crate::quantities::tidy(v * scale),
                            value_max: None,
                            unit: Some(unit.unwrap_or("other")),
                            noun_indicator: None,
                            scaled: *scale != 1.0,
                            from_case: false,
                            to_case: false,
                            upto: false,
                            fixed: Some(Fixed {
                                indicator,
                                subject: r.country,
                                period: period.clone(),
                            }),
                        }));
                    }
                }
            }
        }
        i = table_end.max(i + 1);
    }
    out
}
