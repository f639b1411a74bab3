//! Language identification of a paragraph.
//!
//! Three kinds of evidence are added up per language, each capped so none
//! can win alone against the other two:
//! - letters (`data/langid/letters.txt`): ә ұ і point to Kazakh, ў to
//!   Uzbek, ӣ ӯ ҷ to Tajik, ң ө ү without Kazakh letters to Kyrgyz, o'/g'
//!   to Uzbek Latin; letters a language never uses rule it out;
//! - function words (`data/langid/words/*.txt`), which carry short
//!   paragraphs;
//! - cld2's top three guesses, weighted by its percentages.
//!
//! Only languages of the paragraph's dominant script compete.

mod cues;

use crate::chars::{is_apostrophe_variant, is_letter, lower, script_of, Script};
use crate::Lang;
use cues::{cues, index};

/// Score given to Russian (Cyrillic) or English (Latin) when no other
/// language shows any cue.
const PRIOR: f32 = 2.5;

/// At most this many bytes of a paragraph are examined.
const SAMPLE_BYTES: usize = 768;

/// The outcome of identifying one paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Detection {
    /// The language (or [`Lang::Und`]).
    pub(crate) lang: Lang,
    /// Whether the evidence was clear enough not to defer to neighbours.
    pub(crate) confident: bool,
    /// The dominant script ([`Script::Other`] when there are no letters).
    pub(crate) script: Script,
}

/// Detects the language of a paragraph: `kk`, `uz-Cyrl`, `uz-Latn`, `ky`,
/// `tg`, `ru`, `en`, else [`Lang::Und`].
pub fn detect_language(paragraph: &str) -> Lang {
    detect(paragraph).lang
}

/// Evidence counted over a paragraph sample.
#[derive(Default)]
struct Counts {
    latin: u32,
    cyrillic: u32,
    letter_weights: [i32; 7],
    words: u32,
    function_words: [u32; 7],
}

fn count(sample: &str) -> Counts {
    let table = cues();
    let mut counts = Counts::default();
    let mut word = String::new();
    let mut chars = sample.chars().peekable();
    let mut prev_letter = false;
    while let Some(c) = chars.next() {
        let script = match c as u32 {
            0x41..=0x5A | 0x61..=0x7A => Some(Script::Latin),
            0x400..=0x481 | 0x48A..=0x52F => Some(Script::Cyrillic),
            0x00..=0x7F => None,
            _ => is_letter(c).then(|| script_of(c)),
        };
        if let Some(script) = script {
            match script {
                Script::Latin => counts.latin += 1,
                Script::Cyrillic => counts.cyrillic += 1,
                Script::Other => {}
            }
            if let Some(w) = table.letter(c) {
                for (sum, w) in counts.letter_weights.iter_mut().zip(w) {
                    *sum += i32::from(*w);
                }
            }
            word.push(lower(c));
            prev_letter = true;
            continue;
        }
        if prev_letter && is_apostrophe_variant(c) && chars.peek().is_some_and(|&n| is_letter(n)) {
            word.push('\'');
            prev_letter = false;
            continue;
        }
        prev_letter = false;
        finish_word(&mut counts, &mut word);
    }
    finish_word(&mut counts, &mut word);
    counts
}

fn finish_word(counts: &mut Counts, word: &mut String) {
    if word.is_empty() {
        return;
    }
    let table = cues();
    counts.words += 1;
    let known = (word.len() <= table.longest_word)
        .then(|| table.words.get(word.as_str()))
        .flatten();
    if let Some(bits) = known {
        for (i, hits) in counts.function_words.iter_mut().enumerate() {
            if bits & (1 << i) != 0 {
                *hits += 1;
            }
        }
    }
    for (pair, w) in &table.bigrams {
        let pair = pair.as_bytes();
        let n = word
            .as_bytes()
            .windows(pair.len())
            .filter(|window| window.iter().zip(pair).all(|(a, b)| a == b))
            .count() as i32;
        if n > 0 {
            for (sum, w) in counts.letter_weights.iter_mut().zip(w) {
                *sum += n * i32::from(*w);
            }
        }
    }
    word.clear();
}

/// Maps a cld2 language code to ours, with a weight factor.
fn from_cld2(code: &str, script: Script) -> Option<(Lang, f32)> {
    Some(match code {
        "kk" => (Lang::Kk, 1.0),
        "tt" | "ba" => (Lang::Kk, 0.5),
        "uz" if script == Script::Latin => (Lang::UzLatn, 1.0),
        "uz" => (Lang::UzCyrl, 1.0),
        "ky" => (Lang::Ky, 1.0),
        "tg" => (Lang::Tg, 1.0),
        "ru" => (Lang::Ru, 1.0),
        "uk" | "be" | "bg" | "mk" | "sr" => (Lang::Ru, 0.4),
        "en" => (Lang::En, 1.0),
        _ => return None,
    })
}

/// The first `max` bytes of `s`, cut at a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Adds cld2's top three guesses to `scores`.
fn add_cld2(sample: &str, script: Script, counts: &Counts, scores: &mut [f32; 7]) {
    let cld = cld2::detect_language_ext(sample, cld2::Format::Text, &Default::default());
    let reliability = if cld.reliability == cld2::Reliability::Reliable {
        1.0
    } else {
        0.6
    };
    for s in cld.scores {
        let Some(code) = s.language else { continue };
        if let Some((lang, factor)) = from_cld2(code.0, script) {
            if let Some(i) = index(lang) {
                // Without a letter or word of its own, a longer paragraph's
                // cld2 guess is likely swayed by names: half weight.
                let own = counts.letter_weights[i] > 0 || counts.function_words[i] > 0;
                let factor = if own || counts.words < 5 {
                    factor
                } else {
                    factor / 2.0
                };
                scores[i] += 8.0 * f32::from(s.percent) / 100.0 * factor * reliability;
            }
        }
    }
}

/// Candidates by descending score (Kazakh in Latin script only with
/// positive evidence).
fn rank(candidates: &[Lang], scores: &[f32; 7], script: Script) -> Vec<(Lang, f32)> {
    let mut ranked: Vec<(Lang, f32)> = candidates
        .iter()
        .filter_map(|&l| index(l).map(|i| (l, scores[i])))
        .filter(|&(l, s)| !(l == Lang::Kk && script == Script::Latin && s <= 4.0))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

/// Identifies a paragraph (see the module docs).
pub(crate) fn detect(paragraph: &str) -> Detection {
    let sample = prefix(paragraph, SAMPLE_BYTES);
    let counts = count(sample);
    let script = if counts.cyrillic == 0 && counts.latin == 0 {
        return Detection {
            lang: Lang::Und,
            confident: false,
            script: Script::Other,
        };
    } else if counts.cyrillic >= counts.latin {
        Script::Cyrillic
    } else {
        Script::Latin
    };
    let candidates: &[Lang] = if script == Script::Cyrillic {
        &[Lang::Kk, Lang::UzCyrl, Lang::Ky, Lang::Tg, Lang::Ru]
    } else {
        &[Lang::UzLatn, Lang::En, Lang::Kk]
    };
    let letters = if script == Script::Cyrillic {
        counts.cyrillic
    } else {
        counts.latin
    } as f32;
    let mut scores = [0f32; 7];
    for (i, score) in scores.iter_mut().enumerate() {
        let letter = counts.letter_weights[i] as f32 * 100.0 / letters;
        let function = counts.function_words[i] as f32 * 50.0 / counts.words.max(1) as f32;
        *score = letter.clamp(-10.0, 10.0) + function.min(10.0);
    }
    // Without any cue of another language, Cyrillic text is most likely
    // Russian and Latin text English: a weak prior, below the confidence
    // bar, so that context can still overrule it.
    let default = if script == Script::Cyrillic {
        Lang::Ru
    } else {
        Lang::En
    };
    let others_silent = candidates.iter().filter(|&&l| l != default).all(|&l| {
        index(l).is_none_or(|i| counts.letter_weights[i] <= 0 && counts.function_words[i] == 0)
    });
    if let (true, Some(i)) = (others_silent, index(default)) {
        scores[i] += PRIOR;
    }
    let mut ranked = rank(candidates, &scores, script);
    // Letters and function words that agree clearly on a long enough
    // paragraph need no second opinion (cld2 is the costliest step).
    let clear = letters >= 40.0
        && ranked.len() > 1
        && ranked[0].1 >= 10.0
        && ranked[0].1 - ranked[1].1 >= 8.0;
    if !clear {
        add_cld2(sample, script, &counts, &mut scores);
        ranked = rank(candidates, &scores, script);
    }
    let (best, best_score) = ranked.first().copied().unwrap_or((Lang::Und, 0.0));
    let second = ranked.get(1).map_or(0.0, |r| r.1);
    if best_score < 2.0 {
        return Detection {
            lang: Lang::Und,
            confident: false,
            script,
        };
    }
    Detection {
        lang: best,
        confident: best_score >= 6.0 && best_score - second >= 3.0 && counts.words >= 2,
        script,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_decide() {
        assert_eq!(detect_language("Бүгін біз жаңа жобаны бастадық."), Lang::Kk);
        assert_eq!(
            detect_language("Бугун биз янги лойиҳани бошладик, бу жуда муҳим."),
            Lang::UzCyrl
        );
        assert_eq!(
            detect_language("Bugun biz yangi loyihani boshladik, bu juda muhim bo'ldi."),
            Lang::UzLatn
        );
    }

    #[test]
    fn no_letters_is_undetermined() {
        assert_eq!(detect_language("2024 — 15,3 %"), Lang::Und);
        assert_eq!(detect_language(""), Lang::Und);
    }

    #[test]
    fn prefix_cuts_at_char_boundary() {
        assert_eq!(prefix("жж", 3), "ж");
        assert_eq!(prefix("ab", 5), "ab");
    }
}
