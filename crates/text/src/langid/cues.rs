//! Letter cues and function words per language, from `data/langid/`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::data::data_lines;
use crate::Lang;

/// Index of a language in score arrays (the order of [`Lang::ALL`]).
pub(crate) fn index(lang: Lang) -> Option<usize> {
    Lang::ALL.iter().position(|l| *l == lang)
}

/// Per-language weights for one cue.
pub(crate) type Weights = [i8; 7];

/// The cue tables.
pub(crate) struct Cues {
    /// Single letters.
    pub(crate) letters: HashMap<char, Weights>,
    /// Two-letter sequences, matched in lowercased words.
    pub(crate) bigrams: Vec<([char; 2], Weights)>,
    /// Function words: bit `i` set for language `Lang::ALL[i]`.
    pub(crate) words: HashMap<String, u8>,
}

/// The cue tables, parsed once.
pub(crate) fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues = Cues {
            letters: HashMap::new(),
            bigrams: Vec::new(),
            words: HashMap::new(),
        };
        for line in data_lines(include_str!("../../data/langid/letters.txt")) {
            let mut fields = line.split_whitespace();
            let (Some(lang), Some(weight)) = (fields.next(), fields.next()) else {
                continue;
            };
            let (Some(i), Ok(weight)) = (Lang::from_code(lang).and_then(index), weight.parse::<i8>())
            else {
                continue;
            };
            for token in fields {
                let mut chars = token.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(c), None, _) => cues.letters.entry(c).or_insert([0; 7])[i] += weight,
                    (Some(a), Some(b), None) => {
                        let mut w = [0; 7];
                        w[i] = weight;
                        cues.bigrams.push(([a, b], w));
                    }
                    _ => {}
                }
            }
        }
        let lists = [
            (Lang::Kk, include_str!("../../data/langid/words/kk.txt")),
            (Lang::UzCyrl, include_str!("../../data/langid/words/uz-Cyrl.txt")),
            (Lang::UzLatn, include_str!("../../data/langid/words/uz-Latn.txt")),
            (Lang::Ky, include_str!("../../data/langid/words/ky.txt")),
            (Lang::Tg, include_str!("../../data/langid/words/tg.txt")),
            (Lang::Ru, include_str!("../../data/langid/words/ru.txt")),
            (Lang::En, include_str!("../../data/langid/words/en.txt")),
        ];
        for (lang, list) in lists {
            let Some(i) = index(lang) else { continue };
            for word in data_lines(list) {
                *cues.words.entry(word.to_lowercase()).or_insert(0) |= 1 << i;
            }
        }
        cues
    })
}
