//! `tandem-extract`: finds the figures of a document — amounts, percentages,
//! tonnages, counts — and reads what each one means: indicator, the two
//! countries, measure, kind, approximation and period.
//!
//! The pipeline over one document:
//! 1. tokenise the repaired view once ([`tokens`]) and tag every word and
//!    phrase the lexicon knows ([`matcher`]; the words live in
//!    `lexicon/*.toml`, see [`lexicon`]);
//! 2. split sentences ([`sentences`]) and read quantities: digits in every
//!    separator convention ([`numbers`]) or words, with scale, unit, range
//!    and glued endings ([`quantities`]), plus table cells ([`tables`]);
//!    carry units across ranges and lists ([`inherit`]);
//! 3. read each quantity's meaning from its sentence ([`meaning`]): country
//!    mentions ([`countries`]), period marks ([`periods`]), indicator and
//!    cue words; the document's main pair of countries and its current
//!    year are the fall-backs.
//!
//! Offsets of figures are byte offsets into the original document, mapped
//! back from the view with [`tandem_text::Text::original_range`].

mod context;
mod countries;
mod inherit;
mod lexicon;
mod matcher;
mod meaning;
mod numbers;
mod occurrence;
mod periods;
mod quantities;
pub mod score;
mod sentences;
mod tables;
mod tokens;

use std::time::Instant;

use tandem_model::{DocDate, Figure};
use tandem_text::Analysis;

use context::Doc;
use matcher::Tag;
use meaning::SentInfo;
use quantities::Quantity;

/// Checks that the embedded lexicon files parse; returns the error message
/// (naming the file) otherwise. [`extract`] returns no figures when this fails.
pub fn check_lexicon() -> Result<(), String> {
    lexicon::lexicon().map(|_| ()).map_err(str::to_string)
}

/// Reads the ` date YYYY-MM-DD Title` header line of a plain-text document.
pub fn header_date(original: &str) -> Option<DocDate> {
    let first = original.lines().next()?.trim_start();
    let rest = first.strip_prefix("date ")?;
    DocDate::parse(rest.split_whitespace().next()?)
}

/// Byte length of the header's `date YYYY-MM-DD` part (0 without a header).
fn header_len(view: &str) -> usize {
    let lead = view.len() - view.trim_start().len();
    let body = &view[lead..];
    match body.strip_prefix("date ") {
        Some(rest) => {
            let d = rest.split_whitespace().next().unwrap_or("");
            if DocDate::parse(d).is_some() {
                lead + 5 + d.len()
            } else {
                0
            }
        }
        None => 0,
    }
}

/// Extracts the figures of one document.
///
/// `doc` is the document id put in [`Figure::doc`]; `date` is the
/// document's date (read from a ` date YYYY-MM-DD` header line when
/// `None`). Offsets are byte offsets into `analysis.text.original()`.
pub fn extract(doc: &str, analysis: &Analysis, date: Option<DocDate>) -> Vec<Figure> {
    let Ok(lex) = lexicon::lexicon() else {
        return Vec::new();
    };
    let view = analysis.text.view();
    let original = analysis.text.original();
    let date = date.or_else(|| header_date(original));
    let d = Doc::new(view, lex);
    let skip_until = header_len(view);
    let sents = sentences::split(&d.toks, &lex.abbreviations, skip_until > 0);

    // language of each sentence (paragraph language, else the document's)
    let mut by_lang: Vec<(&'static str, usize)> = Vec::new();
    for p in &analysis.paragraphs {
        let code = p.lang.code();
        if code == "und" {
            continue;
        }
        match by_lang.iter_mut().find(|(c, _)| *c == code) {
            Some(e) => e.1 += p.end - p.start,
            None => by_lang.push((code, p.end - p.start)),
        }
    }
    let doc_lang = by_lang
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or("und", |(c, _)| *c);
    let lang_at = |byte: usize| -> &'static str {
        let idx = analysis.paragraphs.partition_point(|p| p.start <= byte);
        let code = idx
            .checked_sub(1)
            .map(|i| &analysis.paragraphs[i])
            .filter(|p| byte < p.end)
            .map_or("und", |p| p.lang.code());
        if code == "und" {
            doc_lang
        } else {
            code
        }
    };

    // quantities, sentence by sentence
    let tables = tables::find(&d, |byte| {
        let l = lang_at(byte);
        l == "und" || lex.decimal_comma.iter().any(|x| x == l)
    });
    let mut in_table = vec![false; d.toks.len()];
    for t in &tables {
        in_table[t.start..t.end].iter_mut().for_each(|x| *x = true);
    }
    let mut per_sent: Vec<(&'static str, Vec<Quantity>)> = Vec::with_capacity(sents.len());
    let mut in_quantity = vec![false; d.toks.len()];
    for s in &sents {
        let lang = lang_at(d.toks.toks[s.start].start);
        let comma = lex.decimal_comma.iter().any(|l| l == lang) || lang == "und";
        let mut qs: Vec<Quantity> = quantities::find(&d, s, lang, comma)
            .into_iter()
            .filter(|q| d.toks.toks[q.start].start >= skip_until)
            .filter(|q| !in_table[q.num_start])
            .collect();
        qs = inherit::resolve(&d, s, qs);
        let first = tables.partition_point(|t| t.start < s.start);
        qs.extend(
            tables[first..]
                .iter()
                .take_while(|t| t.start < s.end)
                .cloned(),
        );
        qs.sort_by_key(|q| q.start);
        for q in &qs {
            in_quantity[q.start..q.end]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        per_sent.push((lang, qs));
    }

    // document-level fall-backs: current year and main pair
    let flags: Vec<(sentences::Sent, bool)> = sents
        .iter()
        .zip(&per_sent)
        .map(|(s, (_, q))| (*s, !q.is_empty()))
        .collect();
    let year = date
        .map(|d| d.year)
        .or_else(|| periods::current_year(&d, &flags));
    let mut all_mentions = Vec::new();
    let mut sent_mentions = Vec::with_capacity(sents.len());
    for (s, (lang, qs)) in sents.iter().zip(&per_sent) {
        let _ = qs;
        let ms = countries::mentions(&d, s.start, s.end, lang, |i| in_quantity[i]);
        all_mentions.extend(ms.iter().cloned());
        sent_mentions.push(ms);
    }
    let main = countries::main_pair(&all_mentions);

    let mut out = Vec::new();
    let mut last_period: Option<Option<String>> = None;
    let mut topic: Option<(String, bool)> = None;
    for ((s, (lang, qs)), mentions) in sents.iter().zip(per_sent).zip(sent_mentions) {
        if s.para_start {
            last_period = None;
            topic = None;
        }
        let marks = periods::marks(&d, s, year);
        let keywords = (s.start..s.end)
            .flat_map(|i| {
                d.tags(i)
                    .filter_map(|(m, t)| match t {
                        Tag::Indicator(ind) => Some((m.start, m.end, ind.clone())),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let own_marks = marks.iter().any(|m| !m.compare);
        let info = SentInfo {
            sent: *s,
            lang,
            mentions,
            keywords,
            inherited: if own_marks { None } else { last_period.take() },
            marks,
            main: main.clone(),
            topic: topic.take(),
        };
        // what the next sentence may lean on: this one's period and topic
        // (a deadline "к 2030 году" belongs to its target, not to what follows)
        if let Some(m) = info.marks.iter().rev().find(|m| !m.compare) {
            last_period = (!m.until).then(|| m.period.clone());
        }
        let share = (s.start..s.end).any(|i| d.has(i, |t| *t == Tag::Share));
        topic = info
            .keywords
            .last()
            .map(|(_, _, ind): &(usize, usize, String)| (ind.clone(), share));
        for (k, q) in qs.iter().enumerate() {
            let close = |a: &Quantity, b: &Quantity| b.start.saturating_sub(a.end) <= 16;
            let reached = |n: &Quantity| {
                n.to_case
                    || n.upto
                    || (n.end..s.end.min(n.end + 4))
                        .any(|i| d.has(i, |t| *t == Tag::Time(lexicon::TimeCue::UntilAfter)))
            };
            let part = if q.from_case && qs.get(k + 1).is_some_and(|n| close(q, n) && reached(n)) {
                meaning::PairPart::From
            } else if k > 0 && qs[k - 1].from_case && close(&qs[k - 1], q) && reached(q) {
                meaning::PairPart::To
            } else {
                meaning::PairPart::None
            };
            let m = meaning::interpret(&d, &info, q, &qs, part);
            let vr = d.toks.toks[q.start].start..d.toks.toks[q.end - 1].end;
            let or = analysis.text.original_range(vr);
            // the sentence, without the header's "date YYYY-MM-DD"
            let s_start = d.toks.toks[s.start].start.max(skip_until);
            let s_end = d.toks.toks[s.end - 1].end.max(s_start);
            let sr = analysis.text.original_range(s_start..s_end);
            let sentence = original.get(sr).map(str::trim);
            let (Some(text), Some(sentence)) = (original.get(or.clone()), sentence) else {
                continue;
            };
            if !m.value.is_finite()
                || q.value_max.is_some_and(|v| !v.is_finite())
                || text.is_empty()
            {
                continue;
            }
            out.push(Figure {
                doc: doc.to_string(),
                text: text.to_string(),
                occurrence: 1,
                value: m.value,
                value_max: q.value_max,
                unit: q.unit.clone().unwrap_or_else(|| "other".into()),
                approx: m.approx.to_string(),
                indicator: m.indicator,
                measure: m.measure.to_string(),
                subject: m.subject,
                partner: m.partner,
                kind: m.kind.to_string(),
                period: m.period,
                start: or.start,
                end: or.end,
                sentence: sentence.to_string(),
            });
        }
    }
    if skip_until > 0 {
        headline_from_body(&mut out, original.find('\n').unwrap_or(original.len()));
    }
    let items: Vec<(&str, usize)> = out.iter().map(|f| (f.text.as_str(), f.start)).collect();
    let occ = occurrence::occurrences(original, &items);
    for (f, o) in out.iter_mut().zip(occ) {
        f.occurrence = o;
    }
    out
}

/// A headline figure repeated in the body takes the body's reading
/// (period, kind, indicator, countries): headlines drop those words.
fn headline_from_body(figs: &mut [Figure], headline_end: usize) {
    let split = figs.partition_point(|f| f.start < headline_end);
    let (head, body) = figs.split_at_mut(split);
    for h in head {
        let same = body.iter().find(|b| {
            b.unit == h.unit
                && (b.value - h.value).abs() <= 0.005 * b.value.abs().max(h.value.abs())
        });
        if let Some(b) = same {
            h.period = b.period.clone();
            h.kind = b.kind.clone();
            h.indicator = b.indicator.clone();
            h.measure = b.measure.clone();
            h.subject = b.subject.clone();
            h.partner = b.partner.clone();
        }
    }
}

/// Analyses every text, then times [`extract`] alone over all of them:
/// returns (bytes extracted, seconds taken) — throughput is `bytes / seconds`.
pub fn bench_extract(texts: &[String]) -> (usize, f64) {
    let analyses: Vec<Analysis> = texts.iter().map(|t| tandem_text::analyze(t)).collect();
    let _ = lexicon::lexicon();
    let t0 = Instant::now();
    let mut bytes = 0;
    for (i, a) in analyses.iter().enumerate() {
        let figs = extract(&format!("bench{i}"), a, None);
        std::hint::black_box(figs);
        bytes += a.text.original().len();
    }
    (bytes, t0.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_date_is_read() {
        let d = header_date(" date 2025-11-15 Title").unwrap();
        assert_eq!(d.to_string(), "2025-11-15");
        assert_eq!(header_len(" date 2025-11-15 Title"), 16);
        assert!(header_date("no header").is_none());
    }
}
