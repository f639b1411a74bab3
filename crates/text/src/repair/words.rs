//! Repairs inside a line: odd spaces, invisible characters, words that mix
//! Latin and Cyrillic look-alike letters, Uzbek Latin apostrophes, NFC.

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::chars::{
    is_apostrophe_variant, is_invisible, is_letter, is_odd_space, is_word_char, script_of, Script,
};
use crate::data::{look_alikes, LookAlikes};
use crate::offset_map::ViewBuilder;
use crate::scan::{any_pair, find_byte, or_flags};

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
            all_nfc: surely_nfc(original.as_bytes())
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
    pub(crate) fn fix(
        &mut self,
        b: &mut ViewBuilder<'_>,
        original: &str,
        range: std::ops::Range<usize>,
    ) {
        let Some(text) = original.get(range.clone()) else {
            return;
        };
        if self.all_nfc && !needs_attention(text.as_bytes()) {
            return;
        }
        self.fix_all(b, original, range);
    }

    /// [`WordFixer::fix`] without the quick check for clean lines.
    fn fix_all(&mut self, b: &mut ViewBuilder<'_>, original: &str, range: std::ops::Range<usize>) {
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
        let minority_strong = if target == Script::Latin {
            cyr_strong
        } else {
            lat_strong
        };
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

/// Whether a line of NFC text may need a repair: it has an odd space, an
/// invisible character or an apostrophe variant, or it mixes Latin and
/// Cyrillic letters. A byte scan, so that clean lines cost next to nothing.
fn needs_attention(bytes: &[u8]) -> bool {
    const LATIN: u8 = 1;
    const CYRILLIC: u8 = 2;
    const SPECIAL: u8 = 4;
    let special_lead =
        |b: u8| (b == b'`') | (b == 0xC2) | (b == 0xCA) | (b == 0xE2) | (b == 0xE3) | (b == 0xEF);
    let flags = or_flags(bytes, |b| {
        let latin = b.is_ascii_alphabetic() | (0xC3..=0xC9).contains(&b);
        (u8::from(latin) * LATIN)
            | (u8::from((0xD0..=0xD4).contains(&b)) * CYRILLIC)
            | (u8::from(special_lead(b)) * SPECIAL)
    });
    if flags & (LATIN | CYRILLIC) == LATIN | CYRILLIC {
        return true;
    }
    if flags & SPECIAL == 0 {
        return false;
    }
    let mut i = 0;
    while let Some(skip) = find_byte(&bytes[i..], special_lead) {
        i += skip;
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let third = bytes.get(i + 2).copied().unwrap_or(0);
        let special = match bytes[i] {
            b'`' => true,
            // U+00A0 no-break space, U+00AD soft hyphen, U+00B4 acute.
            0xC2 => matches!(next, 0xA0 | 0xAD | 0xB4),
            // U+02BB, U+02BC modifier letter apostrophes.
            0xCA => matches!(next, 0xBB | 0xBC),
            // U+2000–U+200B spaces, U+2018/U+2019 quotes, U+202F, U+205F.
            0xE2 => {
                (next == 0x80 && matches!(third, 0x80..=0x8B | 0x98 | 0x99 | 0xAF))
                    || (next == 0x81 && third == 0x9F)
            }
            // U+3000 ideographic space, U+FEFF byte-order mark.
            0xE3 => next == 0x80 && third == 0x80,
            _ => next == 0xBB && third == 0xBF,
        };
        if special {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether UTF-8 text is surely NFC: it only has characters that are NFC
/// whatever surrounds them (below the combining diacritics, Cyrillic
/// letters, general punctuation, currency signs). A byte scan; `false`
/// means "check properly".
fn surely_nfc(bytes: &[u8]) -> bool {
    // Lead bytes of characters from U+0300 up that are never sure, that
    // is all but those of Cyrillic (0xD0–0xD4) and of U+2000–U+2FFF.
    let never_sure = |b: u8| {
        (b >= 0xCC)
            & (b != 0xD0)
            & (b != 0xD1)
            & (b != 0xD2)
            & (b != 0xD3)
            & (b != 0xD4)
            & (b != 0xE2)
    };
    if find_byte(bytes, never_sure).is_some() {
        return false;
    }
    // U+0480–U+04BF is sure except the combining marks U+0483–U+0489.
    if any_pair(bytes, |b, next| (b == 0xD2) & (0x83..=0x89).contains(&next)) {
        return false;
    }
    // U+2002–U+20BF is sure (not the singletons U+2000, U+2001).
    let mut i = 0;
    while let Some(skip) = find_byte(&bytes[i..], |b| b == 0xE2) {
        i += skip;
        let ok = match bytes.get(i + 1) {
            Some(0x80) => bytes.get(i + 2).is_some_and(|&t| t >= 0x82),
            Some(0x81 | 0x82) => true,
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 1;
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, quick: bool) -> String {
        let mut b = ViewBuilder::new(text);
        let mut fixer = WordFixer::new(text);
        if quick {
            fixer.fix(&mut b, text, 0..text.len());
        } else {
            fixer.fix_all(&mut b, text, 0..text.len());
        }
        b.finish().0.unwrap_or_else(|| text.to_owned())
    }

    /// The characters [`surely_nfc`] accepts, one by one.
    fn surely_nfc_char(c: char) -> bool {
        matches!(c, '\0'..='\u{2FF}' | '\u{400}'..='\u{53F}' | '\u{2002}'..='\u{20BF}')
            && !matches!(c, '\u{483}'..='\u{489}')
    }

    proptest::proptest! {
        #[test]
        fn surely_nfc_checks_every_char(s in "[a-zа-яәғқңөұүһі\u{300}-\u{30F}\u{480}-\u{48F}\u{1FF0}-\u{2100}\u{FF00}-\u{FF10} ]{0,80}") {
            proptest::prop_assert_eq!(surely_nfc(s.as_bytes()), s.chars().all(surely_nfc_char));
        }
    }

    #[test]
    fn quick_check_misses_no_repair() {
        for code in 0..0x3100u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if !surely_nfc(c.to_string().as_bytes()) {
                continue;
            }
            for text in [
                format!("ab{c}cd"),
                format!("аб{c}вг"),
                format!("o{c}z"),
                format!("{c}"),
            ] {
                if fixed(&text, false) != text {
                    assert!(
                        needs_attention(text.as_bytes()),
                        "{c:?} U+{code:04X} needs attention"
                    );
                }
                assert_eq!(fixed(&text, true), fixed(&text, false), "U+{code:04X}");
            }
        }
    }
}
