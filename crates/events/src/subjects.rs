//! What a signed document is about: the subject of an agreement, as
//! written ("соглашение о сотрудничестве в области энергетики" →
//! "сотрудничестве в области энергетики"; "сауда туралы келісім" →
//! "сауда").
//!
//! The rules, one line each (the words are the `[agreement_words]` of
//! `lexicon/<lang>.toml`, per
//! language):
//! * an opening word (`after`) right after a document word opens its
//!   subject, which runs on to the first stop; words naming the kind of
//!   the document (`kinds`: "memorandum of understanding on", "меморандум
//!   о взаимопонимании по") are passed over, with the opening word after
//!   them;
//! * a closing word (`before`) at most two words before a document word
//!   closes its subject, which runs back to the first stop (and on to the
//!   opening quote of a name it ends inside);
//! * an ending of the document word (`joined`, the Tajik izofa:
//!   "созишномаи сармоягузорӣ") opens its subject right after it;
//! * a stop is a comma, semicolon, colon, bracket, dash or full stop, a
//!   stop word (`stops`), a figure, a date, an event, office, signing or
//!   document word, a country in a subject that precedes (and one named
//!   as the other side, "with Uzbekistan", in one that follows), or the
//!   tenth word (the sixth in a subject that precedes);
//! * a subject cut by the next document word loses the short words
//!   joining them ("о торговле и меморандум…" → "торговле");
//! * a sentence naming several subjects gives them all, joined by "; ".

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use tandem_extract::reading::{Role, Sentence, WordKind};
use tandem_model::Figure;

/// Most words of a subject that follows its document word.
const MAX_AFTER: usize = 10;
/// Most words of a subject that precedes its document word.
const MAX_BEFORE: usize = 6;
/// Most words between a closing word and its document word.
const GAP: usize = 2;

/// The words of one language (`[agreement_words]` of its lexicon file).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    joined: Vec<String>,
    #[serde(default)]
    stops: Vec<String>,
    #[serde(default)]
    companies: Vec<String>,
}

/// An entry: its words as search keys, each with whether any ending may
/// follow (`*`).
type Entry = Vec<(String, bool)>;

/// The compiled words of one language.
#[derive(Debug, Default)]
struct Lists {
    after: Vec<Entry>,
    before: Vec<Entry>,
    kinds: Vec<Entry>,
    /// Endings of a document word opening its subject, as search keys.
    joined: Vec<String>,
    stops: Vec<Entry>,
    companies: Vec<Entry>,
}

/// The language files of the lexicon with their language (the file
/// name: `uz` for Uzbek in either script), `common.toml` left out.
fn language_files() -> Vec<(&'static str, &'static str)> {
    tandem_extract::LEXICON_FILES
        .iter()
        .filter_map(|(name, raw)| Some((name.strip_suffix(".toml")?, *raw)))
        .filter(|(lang, _)| *lang != "common")
        .collect()
}

/// The `[agreement_words]` section of one lexicon file.
#[derive(Debug, Default, serde::Deserialize)]
struct Section {
    #[serde(default)]
    agreement_words: Words,
}

fn key(word: &str) -> String {
    match tandem_search::lexicon::Lexicon::get() {
        Ok(l) => l.fold.key(word),
        Err(_) => word.to_lowercase(),
    }
    .chars()
    .filter(|c| c.is_alphanumeric())
    .collect()
}

fn compile(list: &[String]) -> Vec<Entry> {
    list.iter()
        .map(|e| {
            e.split_whitespace()
                .map(|w| match w.strip_suffix('*') {
                    Some(stem) => (key(stem), true),
                    None => (key(w), false),
                })
                .collect()
        })
        .collect()
}

/// Parses the `[agreement_words]` of lexicon files (`files`: language and
/// text): the lists by language.
fn parse(files: &[(&str, &str)]) -> Result<HashMap<String, Lists>, String> {
    let mut out = HashMap::new();
    for (lang, raw) in files {
        let w = toml::from_str::<Section>(raw)
            .map_err(|e| format!("lexicon/{lang}.toml [agreement_words]: {e}"))?
            .agreement_words;
        out.insert(lang.to_string(), w);
    }
    Ok(out
        .into_iter()
        .map(|(lang, w)| {
            let lists = Lists {
                after: compile(&w.after),
                before: compile(&w.before),
                kinds: compile(&w.kinds),
                joined: w.joined.iter().map(|e| key(e)).collect(),
                stops: compile(&w.stops),
                companies: compile(&w.companies),
            };
            (lang, lists)
        })
        .collect())
}

/// The lists of every language, parsed once (none when the embedded file
/// does not parse: a unit test keeps it parsing).
fn lists() -> &'static HashMap<String, Lists> {
    static LISTS: OnceLock<HashMap<String, Lists>> = OnceLock::new();
    LISTS.get_or_init(|| parse(&language_files()).unwrap_or_default())
}

/// The lists of language `lang` (Uzbek in either script: `uz-Cyrl`,
/// `uz-Latn` → `uz`).
fn of(lang: &str) -> Option<&'static Lists> {
    let all = lists();
    all.get(lang)
        .or_else(|| all.get(lang.split('-').next().unwrap_or("")))
}

/// Whether `word` is a word for a company in language `lang` (the
/// `companies` of the `[agreement_words]` of its lexicon file).
pub(crate) fn company_word(lang: &str, word: &str) -> bool {
    let Some(lists) = of(lang) else {
        return false;
    };
    let k = key(word);
    lists.companies.iter().any(|e| match e.as_slice() {
        [(w, true)] => k.starts_with(w.as_str()),
        [(w, false)] => k == *w,
        _ => false,
    })
}

/// A word of the sentence: its byte range, its key, and whether a stop
/// mark (comma, bracket, dash, full stop…) lies between it and the word
/// before.
struct Tok {
    span: Range<usize>,
    key: String,
    cut_before: bool,
}

fn tokens(text: &str, r: Range<usize>) -> Vec<Tok> {
    let slice = text.get(r.clone()).unwrap_or("");
    let mut out: Vec<Tok> = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_end = 0;
    let push = |s: usize, e: usize, prev_end: &mut usize, out: &mut Vec<Tok>| {
        let gap = &slice[*prev_end..s];
        out.push(Tok {
            span: r.start + s..r.start + e,
            key: key(&slice[s..e]),
            cut_before: gap.contains([',', ';', ':', '(', ')', '[', ']', '.', '—', '–', '!', '?'])
                || gap.contains(" - "),
        });
        *prev_end = e;
    };
    for (k, c) in slice.char_indices() {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == 'ʻ';
        match (inside, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                push(s, k, &mut prev_end, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, slice.len(), &mut prev_end, &mut out);
    }
    out
}

/// Whether `entry` matches the tokens from `i` on; the number of tokens.
fn matches(entry: &Entry, toks: &[Tok], i: usize) -> Option<usize> {
    for (k, (word, any_ending)) in entry.iter().enumerate() {
        let t = toks.get(i + k)?;
        if k > 0 && t.cut_before {
            return None;
        }
        let ok = if *any_ending {
            t.key.starts_with(word.as_str())
        } else {
            t.key == *word
        };
        if !ok {
            return None;
        }
    }
    Some(entry.len())
}

fn any(list: &[Entry], toks: &[Tok], i: usize) -> Option<usize> {
    list.iter().filter_map(|e| matches(e, toks, i)).max()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The subjects of the agreements sentence `s` names, as written, joined
/// by "; " (see the module's rules); `None` when it names none.
pub(crate) fn subject(text: &str, s: &Sentence, figures: &[Figure]) -> Option<String> {
    let lists = of(s.lang)?;
    let toks = tokens(text, s.span.clone());
    let figs = figures.get(s.figures.clone()).unwrap_or(&[]);
    let is_document = |t: &Tok| {
        s.words.iter().any(|w| {
            matches!(w.kind, WordKind::Agreement("documents")) && overlaps(&w.span, &t.span)
        })
    };
    // a token no subject runs over
    let hard = |t: &Tok| {
        s.words.iter().any(|w| {
            !matches!(
                w.kind,
                WordKind::Sector(_) | WordKind::Project(_) | WordKind::Status(_)
            ) && overlaps(&w.span, &t.span)
        }) || s.dates.iter().any(|d| overlaps(&d.span, &t.span))
            || figs.iter().any(|f| overlaps(&(f.start..f.end), &t.span))
    };
    let mut found: Vec<Range<usize>> = Vec::new();
    for (d, _) in toks.iter().enumerate().filter(|(_, t)| is_document(t)) {
        // the document word may be several tokens ("дорожная карта")
        let mut end = d + 1;
        while end < toks.len() && is_document(&toks[end]) && !toks[end].cut_before {
            end += 1;
        }
        if let Some(r) = following(&toks, &is_document, end, lists, &hard, s) {
            found.push(r);
        }
        if let Some(r) = preceding(text, &toks, d, lists, &hard, s) {
            found.push(r);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for r in found {
        let written = text.get(r).unwrap_or("").trim().to_string();
        if !written.is_empty() && !out.contains(&written) {
            out.push(written);
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// The subject opened by a word right after the document word that ends
/// at token `at`.
fn following(
    toks: &[Tok],
    is_document: &dyn Fn(&Tok) -> bool,
    at: usize,
    lists: &Lists,
    hard: &dyn Fn(&Tok) -> bool,
    s: &Sentence,
) -> Option<Range<usize>> {
    let mut i = at;
    let mut open = None;
    // a document word whose ending opens its subject (Tajik izofa)
    let glued = toks
        .get(at.checked_sub(1)?)
        .is_some_and(|t| lists.joined.iter().any(|e| t.key.ends_with(e.as_str())));
    // an opening word right after it; a kind, right after it or after the
    // opening word, passed over
    for _ in 0..3 {
        if toks.get(i)?.cut_before {
            return None;
        }
        if let Some(k) = any(&lists.kinds, toks, i) {
            i += k;
            continue;
        }
        if glued && i == at {
            open = Some(i);
            break;
        }
        let n = any(&lists.after, toks, i)?;
        if let Some(k) = any(&lists.kinds, toks, i + n) {
            i += n + k;
            continue;
        }
        open = Some(i + n);
        break;
    }
    let first = open?;
    let with = |t: &Tok| {
        s.countries
            .iter()
            .any(|c| c.role == Some(Role::With) && overlaps(&c.span, &t.span))
    };
    let mut last = None;
    let mut next_document = false;
    for (k, t) in toks.iter().enumerate().skip(first).take(MAX_AFTER) {
        if (k > first && t.cut_before) || hard(t) || with(t) || any(&lists.stops, toks, k).is_some()
        {
            next_document = !t.cut_before && is_document(t);
            break;
        }
        last = Some(k);
    }
    let mut last = last?;
    // cut by the next document ("о торговле и меморандум о…", "on trade
    // and a memorandum on…"): the short words joining them are not its
    while next_document && last > first && toks[last].key.chars().count() <= 3 {
        last -= 1;
    }
    Some(toks[first].span.start..toks[last].span.end)
}

/// The subject closed by a word at most two words before the document
/// word at token `at`.
fn preceding(
    text: &str,
    toks: &[Tok],
    at: usize,
    lists: &Lists,
    hard: &dyn Fn(&Tok) -> bool,
    s: &Sentence,
) -> Option<Range<usize>> {
    if lists.before.is_empty() {
        return None;
    }
    let close = (at.saturating_sub(GAP + 1)..at).rev().find(|&j| {
        any(&lists.before, toks, j).is_some_and(|n| j + n <= at)
            && !toks[j + 1..=at].iter().any(|t| t.cut_before)
    })?;
    if toks[close].cut_before {
        return None;
    }
    let country = |t: &Tok| s.countries.iter().any(|c| overlaps(&c.span, &t.span));
    let mut first = None;
    for k in (close.saturating_sub(MAX_BEFORE)..close).rev() {
        let t = &toks[k];
        if hard(t) || country(t) || any(&lists.stops, toks, k).is_some() {
            break;
        }
        first = Some(k);
        if t.cut_before {
            break;
        }
    }
    let first = first?;
    let mut start = toks[first].span.start;
    // back to the opening quote of a name it ends inside
    let inside = text.get(start..toks[close - 1].span.end).unwrap_or("");
    if inside.matches('»').count() > inside.matches('«').count() {
        if let Some(q) = text.get(s.span.start..start).and_then(|b| b.rfind('«')) {
            start = s.span.start + q;
        }
    }
    Some(start..toks[close - 1].span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_gives_subject_words() {
        let files = language_files();
        let lists = parse(&files).expect("parses");
        assert_eq!(lists.len(), files.len());
        assert!(lists
            .values()
            .all(|l| !l.after.is_empty() || !l.before.is_empty()));
    }

    #[test]
    fn a_bad_subjects_file_is_an_error_naming_it() {
        let err = parse(&[("ru", "lang = [\"ru\"]\n[agreement_words]\nafter = 3")]).unwrap_err();
        assert!(err.contains("lexicon/ru.toml"), "{err}");
    }
}
