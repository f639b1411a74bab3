//! Tables flattened to text (PDF exports): rows "Label n1 n2 … nK" under a
//! header whose K parenthesised groups give each column's scale and unit,
//! e.g. "Аумағы (млн. км²) … Халық саны (млн.) … ЖІӨ (млрд АҚШ долл.)".
//! A caption year ("2023 ж.") gives the period; the row label the country.

use crate::context::Doc;
use crate::lexicon::TimeCue;
use crate::matcher::Tag;
use crate::numbers::parse_digits;
use crate::quantities::{Fixed, Quantity};
use crate::tokens::Kind;

/// One row: label country and cells (token ranges of the numbers).
struct Row {
    country: Option<String>,
    cells: Vec<(usize, usize)>,
}

/// Reads the line of tokens `a..b` as a table row.
fn row(doc: &Doc, a: usize, b: usize) -> Option<Row> {
    let t = &doc.toks;
    let mut i = a;
    let mut country = None;
    let mut label_words = 0;
    while i < b && t.kind(i) != Kind::Num {
        match t.kind(i) {
            Kind::Word => {
                if country.is_none() {
                    country = doc.tags(i).find_map(|(_, tag)| match tag {
                        Tag::Country(c, _) => Some(c.clone()),
                        _ => None,
                    });
                }
                label_words += 1;
            }
            Kind::Space => {}
            _ => return None,
        }
        i += 1;
    }
    if label_words == 0 || label_words > 4 {
        return None;
    }
    let mut cells = Vec::new();
    while i < b {
        if t.kind(i) != Kind::Num {
            return None;
        }
        let s = i;
        i += 1;
        while i + 1 < b && (t.is_punct(i, ",") || t.is_punct(i, ".")) && t.kind(i + 1) == Kind::Num
        {
            i += 2;
        }
        cells.push((s, i));
        if i < b {
            if t.kind(i) != Kind::Space {
                return None;
            }
            i += 1;
        }
    }
    (cells.len() >= 2).then_some(Row { country, cells })
}

/// A column: scale, unit and indicator.
type Column = (f64, Option<String>, Option<String>);

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
        let mut scale = 1.0;
        let mut unit = None;
        for i in open..close {
            for (_, tag) in doc.tags(i) {
                match tag {
                    Tag::Scale(f) => scale = *f,
                    Tag::Unit(u) if unit.is_none() => unit = Some(u.clone()),
                    _ => {}
                }
            }
        }
        let mut indicator = None;
        for i in name_from..open {
            for (_, tag) in doc.tags(i) {
                if let Tag::Indicator(ind) = tag {
                    indicator = Some(ind.clone());
                }
            }
        }
        cols.push((scale, unit, indicator));
        name_from = close + 1;
    }
    Some(cols)
}

/// The caption's year ("Кесте 1. … 2023 ж.") in the tokens before `before`.
fn caption_year(doc: &Doc, before: usize) -> Option<String> {
    let lo = before.saturating_sub(80);
    (lo..before).rev().find_map(|i| {
        let y = doc.year_at(i)?;
        let next = doc.toks.skip_space(i + 1, before)?;
        doc.has(next, |t| *t == Tag::Time(TimeCue::Year))
            .then(|| y.to_string())
    })
}

/// Finds table cells as quantities with their meaning fixed.
pub(crate) fn find(doc: &Doc, comma_at: impl Fn(usize) -> bool) -> Vec<Quantity> {
    let t = &doc.toks;
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for i in 0..t.len() {
        if t.kind(i) == Kind::Space && t.newlines_at(i) > 0 {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, t.len()));
    let mut out = Vec::new();
    let mut li = 0;
    while li < lines.len() {
        let mut rows = Vec::new();
        let mut lj = li;
        while lj < lines.len() {
            match row(doc, lines[lj].0, lines[lj].1) {
                Some(r) if rows.is_empty() || r.cells.len() == rows_k(&rows) => rows.push(r),
                _ => break,
            }
            lj += 1;
        }
        if rows.len() >= 2 && rows.iter().all(|r| r.country.is_some()) {
            let k = rows_k(&rows);
            let first = lines[li].0;
            if let Some(cols) = header(doc, first, k) {
                let period = caption_year(doc, first.saturating_sub(1));
                for r in &rows {
                    for (c, &(a, b)) in r.cells.iter().enumerate() {
                        let (scale, unit, ind) = &cols[c];
                        let text: String = (a..b).map(|i| t.norm(i)).collect();
                        let Some(v) = parse_digits(&text, comma_at(t.toks[a].start), *scale != 1.0)
                        else {
                            continue;
                        };
                        let indicator = ind.clone().unwrap_or_else(|| "other".into());
                        let unit = unit
                            .clone()
                            .or_else(|| (indicator == "population").then(|| "person".to_string()));
                        out.push(Quantity {
                            start: a,
                            end: b,
                            num_start: a,
                            value: crate::quantities::tidy(v * scale),
                            value_max: None,
                            unit: Some(unit.unwrap_or_else(|| "other".into())),
                            noun_indicator: None,
                            scaled: *scale != 1.0,
                            from_case: false,
                            to_case: false,
                            upto: false,
                            fixed: Some(Fixed {
                                indicator,
                                subject: r.country.clone(),
                                period: period.clone(),
                            }),
                        });
                    }
                }
            }
            li = lj;
        } else {
            li += 1;
        }
    }
    out
}

fn rows_k(rows: &[Row]) -> usize {
    rows.first().map_or(0, |r| r.cells.len())
}
