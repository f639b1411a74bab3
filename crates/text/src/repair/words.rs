//! Repairs inside a line: odd spaces, invisible characters, words that mix
//! Latin and Cyrillic look-alike letters, Uzbek Latin apostrophes, NFC.

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::chars::{
    is_apostrophe_variant, is_invisible, is_letter, is_odd_space, is_word_char, script_of,
    Script,
};
use crate::data::{look_alikes, LookAlikes};
use crate::offset_map::ViewBuilder;

/// Fixes words of a text, feeding a [`ViewBuilder`].
pub(crate) struct WordFixer {
    /// Whether the whole document is already NFC (skips per-word checks).
    all_nfc: bool,
    /// Script of the last word that had a non-ambiguous letter.
    context: Script,
    table: &'static LookAlikes,
    scratch: String,
    chars: Vec<char>,
}

impl WordFixer {
    pub(crate) fn new(original: &str) -> Self {
        WordFixer {
            all_nfc: original.chars().all(surely_nfc)
                || unicode_normalization::is_nfc_quick(original.chars())
                    == unicode_normalization::IsNormalized::Yes,
            context: Script::Other,
            table: look_alikes(),
            scratch: String::new(),
            chars: Vec::new(),
        }
    }

    /// Repairs `original[range]` (which must not contain line terminators
    /// that the caller wants to handle) into the builder.
    pub(crate) fn fix(&mut self, b: &mut ViewBuilder<'_>, original: &str, range: std::ops::Range<usize>) {
        let Some(text) = original.get(range.clone()) else {
            return;
        };
        let base = range.start;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_ascii() && !c.is_ascii_alphabetic() {
                continue;
            }
            if is_odd_space(c) {
                b.replace(base + i..base + i + c.len_utf8(), " ");
            } else if is_invisible(c) {
                b.replace(base + i..base + i + c.len_utf8(), "");
            } else if is_word_char(c) {
                // Find the end of the word: word chars, plus apostrophes
                // between two letters.
                let mut end = i + c.len_utf8();
                let mut prev_letter = is_letter(c);
                while let Some(&(j, d)) = iter.peek() {
                    if is_word_char(d) {
                        prev_letter = is_letter(d);
                    } else if prev_letter && is_apostrophe_variant(d) {
                        let after = text[j + d.len_utf8()..].chars().next();
                        if !after.is_some_and(is_letter) {
                            break;
                        }
                        prev_letter = false;
                    } else {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                }
                self.fix_word(b, original, base + i..base + end);
            }
        }
    }

    fn fix_word(&mut self, b: &mut ViewBuilder<'_>, original: &str, range: std::ops::Range<usize>) {
        let Some(word) = original.get(range.clone()) else {
            return;
        };
        if word.bytes().all(|x| x.is_ascii_alphabetic()) {
            self.context = Script::Latin;
            return;
        }
        let (mut has_latin, mut has_cyrillic, mut has_apostrophe) = (false, false, false);
        for c in word.chars() {
            match script_of(c) {
                Script::Latin => has_latin = true,
                Script::Cyrillic => has_cyrillic = true,
                Script::Other => has_apostrophe |= c != '\'' && is_apostrophe_variant(c),
            }
        }
        let needs_nfc = !self.all_nfc && !is_nfc(word);
        let mixed = has_latin && has_cyrillic;
        if !(mixed || has_apostrophe || needs_nfc) {
            if has_latin {
                self.context = Script::Latin;
            } else if has_cyrillic {
                self.context = Script::Cyrillic;
            }
            return;
        }
        self.chars.clear();
        if needs_nfc {
            self.chars.extend(word.nfc());
        } else {
            self.chars.extend(word.chars());
        }
        let changed_script = self.unify_script();
        let changed_apostrophes = unify_apostrophes(&mut self.chars);
        if !(needs_nfc || changed_script || changed_apostrophes) {
            return;
        }
        if needs_nfc {
            self.scratch.clear();
            self.scratch.extend(self.chars.iter());
            b.replace(range, &self.scratch);
            return;
        }
        // Same number of chars: replace only those that changed.
        let mut buf = [0u8; 4];
        for ((offset, old), new) in word.char_indices().zip(self.chars.iter().copied()) {
            if old != new {
                let start = range.start + offset;
                b.replace(start..start + old.len_utf8(), new.encode_utf8(&mut buf));
            }
        }
    }

    /// Puts a word that mixes Latin and Cyrillic letters into one script,
    /// decided by the majority of its non-ambiguous letters (then the
    /// context). Words whose minority script has letters without a twin are
    /// real mixed tokens and stay as they are.
    fn unify_script(&mut self) -> bool {
        let (mut lat_strong, mut cyr_strong, mut lat_amb, mut cyr_amb) = (0u32, 0u32, 0u32, 0u32);
        for &c in &self.chars {
            match script_of(c) {
                Script::Latin if self.table.to_cyrillic(c).is_some() => lat_amb += 1,
                Script::Latin => lat_strong += 1,
                Script::Cyrillic if self.table.to_latin(c).is_some() => cyr_amb += 1,
                Script::Cyrillic => cyr_strong += 1,
                Script::Other => {}
            }
        }
        let latin = lat_strong + lat_amb;
        let cyrillic = cyr_strong + cyr_amb;
        if latin == 0 || cyrillic == 0 {
            if lat_strong > 0 {
                self.context = Script::Latin;
            } else if cyr_strong > 0 {
                self.context = Script::Cyrillic;
            }
            return false;
        }
        let target = if cyr_strong > lat_strong {
            Script::Cyrillic
        } else if lat_strong > cyr_strong {
            Script::Latin
        } else if self.context != Script::Other {
            self.context
        } else if cyr_amb > lat_amb {
            Script::Cyrillic
        } else if lat_amb > cyr_amb {
            Script::Latin
        } else {
            return false;
        };
        let minority_strong = if target == Script::Latin { cyr_strong } else { lat_strong };
        if minority_strong > 0 {
            return false;
        }
        self.context = target;
        let mut changed = false;
        for c in self.chars.iter_mut() {
            let twin = match (target, script_of(*c)) {
                (Script::Latin, Script::Cyrillic) => self.table.to_latin(*c),
                (Script::Cyrillic, Script::Latin) => self.table.to_cyrillic(*c),
                _ => None,
            };
            if let Some(t) = twin {
                *c = t;
                changed = true;
            }
        }
        changed
    }
}

/// Characters that are NFC whatever surrounds them: below the combining
/// diacritics, precomposed Cyrillic, general punctuation.
fn surely_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x400..=0x482 | 0x48A..=0x52F | 0x2002..=0x206F)
}

/// Turns apostrophe variants between two Latin letters into U+0027.
fn unify_apostrophes(chars: &mut [char]) -> bool {
    let mut changed = false;
    for k in 1..chars.len().saturating_sub(1) {
        let c = chars[k];
        if c != '\'' && is_apostrophe_variant(c) {
            let before = chars[k - 1];
            let after = chars[k + 1];
            if is_letter(before)
                && is_letter(after)
                && script_of(before) == Script::Latin
                && script_of(after) == Script::Latin
            {
                chars[k] = '\'';
                changed = true;
            }
        }
    }
    changed
}
