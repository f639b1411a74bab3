//! The projects of one document, from its reading: named projects ("the
//! «Rogun» hydropower station", "UzKazTrade trading company") and counts of
//! projects ("78 joint projects worth over $1.7 bn").
//!
//! The rules, one line each:
//! * a project word (`[projects]`: "завод", "ГЭС", "project", "loyiha",
//!   "жоба"…) with a quoted name starting with a capital within four words
//!   before or after it, nothing but words between, names a project: the
//!   quoted name ("нерӯгоҳи барқи обии «Роғун»", "«Тоқтаусыз транзит»
//!   пилоттық жобасы");
//! * a quoted name joined to such a name by a comma or one word is one
//!   more project of the same list ("«Норак» ва «Қайроққум»");
//! * else a run of capitalised words right before or right after the
//!   project word names it ("Kandym gas processing plant", "Жаңы Анжиян
//!   долбоору"), when a status or joint word says it is a project being
//!   done, and the run is not only the sentence's first word or names of
//!   countries, places, people or offices;
//! * its sector is the one its project word implies, else the sector word
//!   nearest it (`[sectors]`);
//! * its sides are the countries its sentence names (by name, adjective,
//!   head of state or city); with one of the document's two main countries
//!   and a joint word in the sentence or the one read before it in the
//!   paragraph, the other one too; with none, the home country of the
//!   language (Tajik news → TJ);
//! * its place is the city or region named nearest it;
//! * its value, capacity and jobs are the figures of its sentence: an
//!   amount of money, an amount in another unit, a figure of indicator
//!   `jobs` (value and jobs none when the sentence counts projects or
//!   names several: the amount is their total);
//! * its status is the status word (`[project_status]`) nearest it, its
//!   date the sentence's day or month, else the document's date;
//! * a figure of indicator `projects` counting two or more projects is a
//!   count of projects, with the money, jobs, sides, status and date of its
//!   sentence (an aggregate, no project);
//! * a name holding a word for a signed document ("«… Жол картасы»") is
//!   a document, no project;
//! * a name the document writes right before or after a word for a
//!   company (`companies` of `[agreement_words]` in `lexicon/<lang>.toml`: "the company
//!   LUKOIL", "«Лукойл» компаниясы"), that word no part of a project word,
//!   is a company, no project;
//! * reports of one project in a document (the same [`name_key`]) are one,
//!   their sides joined.

use std::ops::Range;

use tandem_extract::reading::{NamedBy, Reading, Sentence, WordKind};
use tandem_model::{Figure, ProjectReport};

use crate::subjects::company_word;

/// Currencies a money figure may be in.
const MONEY: &[&str] = &["USD", "EUR", "RUB", "KZT", "UZS", "KGS", "TJS", "CNY"];

/// Most words between a project word and its quoted name.
const NEAR_WORDS: usize = 4;

/// Opening and closing quotes.
const QUOTES: &[(char, char)] = &[('«', '»'), ('“', '”'), ('„', '“'), ('"', '"')];

/// The key under which reports of one project are one: the name's words
/// folded to ASCII across scripts, each cut to its first five letters so
/// endings do not count ("Южного потока" and "Южный поток" both
/// `yuzhn potok`).
pub fn name_key(name: &str) -> String {
    let fold = tandem_search::lexicon::Lexicon::get().map(|l| &l.fold);
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let key = match &fold {
                Ok(f) => f.key(w),
                Err(_) => w.to_lowercase(),
            };
            key.chars().take(5).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two name keys name one project: equal, or one is a run of
/// whole words of the other ("Орталық Азия" in "«Орталық Азия»
/// Халықаралық … орталығы").
pub fn same_name(a: &str, b: &str) -> bool {
    let inside = |short: &str, long: &str| {
        !short.is_empty() && format!(" {long} ").contains(&format!(" {short} "))
    };
    inside(a, b) || inside(b, a)
}

/// The quoted names of `text` (byte ranges of the names inside the
/// quotes, offset by `base`), each starting with a capital.
fn quoted(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let close = QUOTES.iter().find(|(o, _)| *o == c).map(|(_, cl)| *cl);
        i += c.len_utf8();
        let Some(close) = close else { continue };
        if let Some(len) = text[i..].find(close) {
            let name = &text[i..i + len];
            let capital = name.chars().next().is_some_and(char::is_uppercase);
            if capital && len > 0 && name.chars().count() <= 80 {
                out.push(base + i..base + i + len);
            }
            i += len + close.len_utf8();
        }
    }
    out
}

/// Words of a gap of text: `None` when it holds a sentence-like stop
/// (comma, colon, semicolon, bracket).
fn gap_words(gap: &str) -> Option<usize> {
    if gap.contains([',', ';', ':', '(', ')', '.']) {
        return None;
    }
    Some(gap.split_whitespace().count())
}

/// The words of `text` in `r` with their byte ranges.
fn words(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let slice = text.get(r.clone()).unwrap_or("");
    for (k, c) in slice.char_indices() {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push(r.start + s..r.start + k);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(r.start + s..r.end);
    }
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether quoted name `b` follows quoted name `a` in a list: nothing but
/// quote marks, a comma and at most one word between.
fn listed(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap: String = text
        .get(a.end..b.start)
        .unwrap_or("")
        .chars()
        .filter(|c| !QUOTES.iter().any(|(o, cl)| c == o || c == cl) && *c != ',')
        .collect();
    gap_words(&gap).is_some_and(|n| n <= 1)
}

/// The capitalised name right before or right after the project word at
/// `at`, if any.
fn capitalised_name(text: &str, s: &Sentence, at: &Range<usize>) -> Option<Range<usize>> {
    let ws = words(text, s.span.clone());
    let first = ws.first().map(|w| w.start);
    let word = |r: &Range<usize>| text.get(r.clone()).unwrap_or("");
    // tokens that name a country, a place, a person or an office
    let named = |r: &Range<usize>| {
        s.countries.iter().any(|c| overlaps(&c.span, r))
            || s.places.iter().any(|p| overlaps(&p.span, r))
            || s.words.iter().any(|w| {
                matches!(w.kind, WordKind::Office(_) | WordKind::Event(_)) && overlaps(&w.span, r)
            })
    };
    let before: Vec<&Range<usize>> = ws.iter().filter(|w| w.end <= at.start).collect();
    let after: Vec<&Range<usize>> = ws.iter().filter(|w| w.start >= at.end).collect();
    let mut runs: Vec<Vec<&Range<usize>>> = Vec::new();
    // right before: the capitalised words ending at the project word
    let mut run: Vec<&Range<usize>> = Vec::new();
    let mut next_start = at.start;
    for &w in before.iter().rev() {
        let gap_ok = text
            .get(w.end..next_start)
            .is_some_and(|g| g.chars().all(|c| c == ' '));
        if !gap_ok || !capitalised(word(w)) {
            break;
        }
        run.insert(0, w);
        next_start = w.start;
    }
    runs.push(run);
    // right after
    let mut run: Vec<&Range<usize>> = Vec::new();
    let mut prev_end = at.end;
    for &w in &after {
        let gap_ok = text
            .get(prev_end..w.start)
            .is_some_and(|g| g.chars().all(|c| c == ' '));
        if !gap_ok || !capitalised(word(w)) {
            break;
        }
        run.push(w);
        prev_end = w.end;
    }
    runs.push(run);
    runs.into_iter()
        .filter(|run| !run.is_empty())
        .filter(|run| !(run.len() == 1 && Some(run[0].start) == first))
        .filter(|run| !run.iter().all(|&w| named(w)))
        .map(|run| run[0].start..run[run.len() - 1].end)
        .next()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The names of projects in sentence `s`, each with the project word it
/// belongs to (its sector).
fn names(
    text: &str,
    s: &Sentence,
    joint_or_status: bool,
) -> Vec<(Range<usize>, Option<&'static str>, usize)> {
    let quotes = quoted(text.get(s.span.clone()).unwrap_or(""), s.span.start);
    let mut out: Vec<(Range<usize>, Option<&'static str>, usize)> = Vec::new();
    for w in &s.words {
        let WordKind::Project(sector) = w.kind else {
            continue;
        };
        let near = quotes.iter().find(|q| {
            // the quote mark itself lies between the name and the word
            let (a, b) = if q.end <= w.span.start {
                (q.end, w.span.start)
            } else if w.span.end <= q.start {
                (w.span.end, q.start)
            } else {
                return false;
            };
            let gap = text.get(a..b).unwrap_or("");
            let gap: String = gap
                .chars()
                .filter(|c| !QUOTES.iter().any(|(o, cl)| c == o || c == cl))
                .collect();
            gap_words(&gap).is_some_and(|n| n <= NEAR_WORDS)
        });
        match near {
            Some(q) => {
                let k = quotes.iter().position(|x| x == q).unwrap_or(0);
                // the quoted names joined to it by a comma or one word
                // ("«Норак» ва «Қайроққум»"): one list
                let mut end = k + 1;
                while end < quotes.len() && listed(text, &quotes[end - 1], &quotes[end]) {
                    end += 1;
                }
                for q in &quotes[k..end] {
                    if !out.iter().any(|(r, ..)| r == q) {
                        out.push((q.clone(), sector, w.span.start));
                    }
                }
            }
            None if joint_or_status => {
                if let Some(r) = capitalised_name(text, s, &w.span) {
                    if !out.iter().any(|(x, ..)| overlaps(x, &r)) {
                        out.push((r, sector, w.span.start));
                    }
                }
            }
            None => {}
        }
    }
    out
}

/// The figures of sentence `s` that give a project's value, capacity and
/// jobs.
struct Amounts {
    value: Option<(f64, String)>,
    capacity: Option<(f64, String)>,
    jobs: Option<f64>,
}

fn amounts(s: &Sentence, figures: &[Figure]) -> Amounts {
    let figs = figures.get(s.figures.clone()).unwrap_or(&[]);
    let value = figs
        .iter()
        .find(|f| MONEY.contains(&&*f.unit) && f.measure == "level")
        .map(|f| (f.value, f.unit.to_string()));
    let jobs = figs.iter().find(|f| f.indicator == "jobs").map(|f| f.value);
    let capacity = figs
        .iter()
        .find(|f| {
            !MONEY.contains(&&*f.unit)
                && !matches!(&*f.unit, "count" | "percent" | "person")
                && !matches!(&*f.indicator, "jobs" | "projects")
                && f.measure == "level"
        })
        .map(|f| (f.value, f.unit.to_string()));
    Amounts {
        value,
        capacity,
        jobs,
    }
}

/// Reads the projects of document `doc` (its original text, reading and
/// figures, as `tandem_extract::extract_with_reading` returned them).
pub fn read_projects(doc: &str, text: &str, r: &Reading, figures: &[Figure]) -> Vec<ProjectReport> {
    let mut out: Vec<ProjectReport> = Vec::new();
    let doc_date = r.date.map(|d| d.to_string());
    // whether the sentence read last had a joint word, and its end
    let mut joint_before: Option<usize> = None;
    for s in &r.sentences {
        let has = |k: &str| {
            s.words
                .iter()
                .any(|w| matches!(w.kind, WordKind::Status(x) if x == k))
        };
        let joint_here = has("joint");
        let joint_context = joint_here
            || joint_before.is_some_and(|end| {
                text.get(end..s.span.start)
                    .is_some_and(|g| !g.contains('\n'))
            });
        joint_before = joint_here.then_some(s.span.end);
        let statuses: Vec<(&str, usize)> = s
            .words
            .iter()
            .filter_map(|w| match w.kind {
                WordKind::Status(k) if k != "joint" => Some((k, w.span.start)),
                _ => None,
            })
            .collect();
        if !s
            .words
            .iter()
            .any(|w| matches!(w.kind, WordKind::Project(_)))
        {
            continue;
        }
        let sentence = text.get(s.span.clone()).unwrap_or("").trim().to_string();
        let date = crate::read::sentence_date(s, r, text).or(doc_date.clone());
        let sides = sides(s, r, joint_context);
        let money = amounts(s, figures);
        let nearest_status = |at: usize| {
            statuses
                .iter()
                .min_by_key(|(_, p)| p.abs_diff(at))
                .map(|(k, _)| k.to_string())
        };
        let sector_near = |at: usize| {
            s.words
                .iter()
                .filter_map(|w| match w.kind {
                    WordKind::Sector(k) => Some((k, w.span.start)),
                    _ => None,
                })
                .min_by_key(|(_, p)| p.abs_diff(at))
                .map(|(k, _)| k.to_string())
        };
        let base = ProjectReport {
            doc: doc.to_string(),
            name: None,
            key: None,
            count: None,
            sides: sides.clone(),
            sector: None,
            place: None,
            value: money.value.as_ref().map(|v| v.0),
            currency: money.value.as_ref().map(|v| v.1.clone()),
            capacity: money.capacity.as_ref().map(|v| v.0),
            capacity_unit: money.capacity.as_ref().map(|v| v.1.clone()),
            jobs: money.jobs,
            status: None,
            date: date.clone(),
            lang: s.lang.to_string(),
            start: s.span.start,
            end: s.span.end,
            sentence: sentence.clone(),
        };
        // a count of projects
        let figs = figures.get(s.figures.clone()).unwrap_or(&[]);
        let counted = figs.iter().find(|f| {
            f.indicator == "projects"
                && f.unit == "count"
                && f.value >= 2.0
                && f.value < 100_000.0
                && f.value.fract() == 0.0
        });
        if let Some(f) = counted {
            out.push(ProjectReport {
                count: Some(f.value as u32),
                status: nearest_status(s.span.start),
                sector: sector_near(s.span.start),
                ..base.clone()
            });
        }
        let found = names(text, s, joint_here || !statuses.is_empty());
        // an amount of a sentence naming several projects is their total
        let shared = counted.is_some() || found.len() > 1;
        for (name, sector, at) in found {
            let written = text
                .get(name.clone())
                .unwrap_or("")
                .trim_matches(|c: char| c.is_whitespace() || c == '\\')
                .to_string();
            let key = name_key(&written);
            if key.is_empty() || document_name(s, &name) || company(text, &written, s.lang, r) {
                continue;
            }
            let place = s
                .places
                .iter()
                .filter(|p| !overlaps(&p.span, &name))
                .min_by_key(|p| p.span.start.abs_diff(at))
                .map(|p| p.text.clone());
            let report = ProjectReport {
                name: Some(written),
                key: Some(key.clone()),
                sector: sector.map(str::to_string).or_else(|| sector_near(at)),
                place,
                status: nearest_status(at),
                // a count's figures, or several projects', are their total
                value: if shared { None } else { base.value },
                currency: if shared { None } else { base.currency.clone() },
                jobs: if shared { None } else { base.jobs },
                ..base.clone()
            };
            match out
                .iter_mut()
                .find(|p| p.key.as_deref().is_some_and(|k| same_name(k, &key)))
            {
                Some(p) => {
                    for c in &report.sides {
                        if !p.sides.contains(c) {
                            p.sides.push(c.clone());
                        }
                    }
                    p.sides.sort();
                    p.sector = p.sector.take().or(report.sector);
                    p.place = p.place.take().or(report.place);
                    p.value = p.value.or(report.value);
                    if p.currency.is_none() {
                        p.currency = report.currency;
                    }
                    p.capacity = p.capacity.or(report.capacity);
                    if p.capacity_unit.is_none() {
                        p.capacity_unit = report.capacity_unit;
                    }
                    p.jobs = p.jobs.or(report.jobs);
                    p.status = p.status.take().or(report.status);
                }
                None => out.push(report),
            }
        }
    }
    // a project whose sentences name no side: the document's main countries
    for p in &mut out {
        if p.sides.is_empty() {
            p.sides = [r.main_pair.0, r.main_pair.1]
                .into_iter()
                .flatten()
                .map(str::to_string)
                .collect();
            p.sides.sort();
        }
    }
    out
}

/// Whether the name at `name` holds a word for a signed document
/// ("«Кедергілер бойынша Жол картасы»", a roadmap): a document, no project.
fn document_name(s: &Sentence, name: &Range<usize>) -> bool {
    s.words.iter().any(|w| {
        matches!(w.kind, WordKind::Agreement("documents"))
            && name.start <= w.span.start
            && w.span.end <= name.end
    })
}

/// Whether the document writes `name` right before or after a word for a
/// company ("the company LUKOIL", "«Лукойл» компаниясы") that is no part
/// of a project word ("UzKazTrade сауда компаниясы"): a company, no
/// project.
fn company(text: &str, name: &str, lang: &str, r: &Reading) -> bool {
    let quote = |c: char| QUOTES.iter().any(|(o, cl)| c == *o || c == *cl);
    let in_project_word = |at: usize| {
        r.sentences.iter().any(|s| {
            s.words.iter().any(|w| {
                matches!(w.kind, WordKind::Project(_)) && w.span.start <= at && at < w.span.end
            })
        })
    };
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || quote(c));
        let word_before = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
            .next()
            .unwrap_or("");
        let after_at = at + name.len();
        let after = text[after_at..].trim_start_matches(|c: char| c.is_whitespace() || quote(c));
        let word_after = after
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .next()
            .unwrap_or("");
        let after_start = text.len() - after.len();
        (!word_before.is_empty()
            && company_word(lang, word_before)
            && !in_project_word(before.len() - word_before.len()))
            || (!word_after.is_empty()
                && company_word(lang, word_after)
                && !in_project_word(after_start))
    })
}

/// The sides of a project in sentence `s` (see the module's rules).
fn sides(s: &Sentence, r: &Reading, joint: bool) -> Vec<String> {
    let mut sides: Vec<String> = s
        .countries
        .iter()
        .filter(|c| matches!(c.by, NamedBy::Name | NamedBy::Adjective | NamedBy::Person))
        .map(|c| c.code)
        .chain(s.places.iter().map(|p| p.code))
        .filter(|c| !c.is_empty() && *c != "EU")
        .map(str::to_string)
        .collect();
    sides.sort();
    sides.dedup();
    let pair = [r.main_pair.0, r.main_pair.1];
    if sides.len() == 1 && joint {
        let other = match pair {
            [Some(a), Some(b)] if sides[0] == a => Some(b),
            [Some(a), Some(b)] if sides[0] == b => Some(a),
            _ => None,
        };
        if let Some(o) = other {
            sides.push(o.to_string());
        }
    }
    if sides.is_empty() {
        if let Some(h) = s.home {
            sides.push(h.to_string());
        }
    }
    sides.sort();
    sides
}
