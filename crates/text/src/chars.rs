//! Character classes shared by the repairs, language detection and
//! sentence splitting.

/// The script of a letter, as far as this crate cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Other,
}

/// The script of `c` (only meaningful for letters).
pub(crate) fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' => Script::Latin,
        '\u{00C0}'..='\u{024F}' if c != '\u{00D7}' && c != '\u{00F7}' => Script::Latin,
        '\u{0250}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{052F}'
        | '\u{1C80}'..='\u{1C8F}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}' => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// Whether `c` is a letter; fast for ASCII, Latin-1 and Cyrillic, which
/// make up nearly all of the text this crate sees.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0x00..=0x7F => false,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => true,
        0x400..=0x481 | 0x48A..=0x52F => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter or a digit ([`char::is_alphanumeric`], fast for
/// letters of ASCII, Latin-1 and Cyrillic).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// Whether `c` is lowercase ([`char::is_lowercase`], fast for ASCII and
/// Cyrillic).
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    match c as u32 {
        0x61..=0x7A | 0x430..=0x45F => true,
        0x00..=0x7F | 0x400..=0x42F => false,
        // Pairs of capital (even) and small (odd) letters.
        code @ (0x48A..=0x4BF | 0x4D0..=0x52F) => code & 1 == 1,
        _ => c.is_lowercase(),
    }
}

/// Whether `c` is uppercase ([`char::is_uppercase`], fast for ASCII and
/// Cyrillic).
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x400..=0x42F => true,
        0x00..=0x7F | 0x430..=0x45F => false,
        // Pairs of capital (even) and small (odd) letters.
        code @ (0x48A..=0x4BF | 0x4D0..=0x52F) => code & 1 == 0,
        _ => c.is_uppercase(),
    }
}

/// Appends the lowercase of `s` to `out`, exactly as [`str::to_lowercase`]
/// would produce it.
pub(crate) fn push_lowercase(out: &mut String, s: &str) {
    if s.contains('Σ') {
        // Only the capital sigma depends on its neighbours.
        out.push_str(&s.to_lowercase());
    } else {
        for c in s.chars() {
            match lower_fast(c) {
                Some(l) => out.push(l),
                None => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// Lowercase of a letter; fast for ASCII and Cyrillic, falls back to the
/// first char of [`char::to_lowercase`].
#[inline]
pub(crate) fn lower(c: char) -> char {
    lower_fast(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// The lowercase of ASCII and most Cyrillic characters (a single char
/// there), `None` for the others.
#[inline]
fn lower_fast(c: char) -> Option<char> {
    let code = c as u32;
    let mapped = match code {
        0x41..=0x5A | 0x410..=0x42F => code + 0x20,
        0x00..=0x7F | 0x430..=0x45F => code,
        0x400..=0x40F => code + 0x50,
        0x48A..=0x4BF | 0x4D0..=0x52F => code | 1,
        _ => return None,
    };
    char::from_u32(mapped)
}

/// Whether `c` is part of a word: a letter or a combining mark.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    is_letter(c) || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Apostrophe-like characters used for the Uzbek `o'`, `g'` and the
/// tutuq belgisi, unified to U+0027 inside Latin words.
pub(crate) fn is_apostrophe_variant(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{02BB}' | '\u{02BC}' | '\u{2018}' | '\u{2019}' | '\u{00B4}'
    )
}

/// Space characters that the view turns into a plain space.
pub(crate) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible characters that the view drops (soft hyphen, zero-width
/// space, byte-order mark).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{FEFF}')
}

/// Horizontal whitespace (not a line terminator).
pub(crate) fn is_horizontal_space(c: char) -> bool {
    c.is_whitespace() && !is_line_terminator(c)
}

/// Characters that end a line.
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// Hyphens that may split a word at the end of a line.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// Punctuation that ends a sentence.
pub(crate) fn is_sentence_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Closing quotes and brackets that may follow sentence punctuation.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›' | '“'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_lowercase_matches_std() {
        for s in [
            "",
            "Млрд",
            "ABC",
            "İSTANBUL",
            "ΟΔΟΣ ΣΑ",
            "Ǆemal",
            "ẞ",
            "т.Б",
        ] {
            let mut out = String::from("x");
            push_lowercase(&mut out, s);
            assert_eq!(out, format!("x{}", s.to_lowercase()));
        }
    }

    #[test]
    fn fast_paths_agree_with_std() {
        for code in 0..0x700u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_letter(c), c.is_alphabetic(), "is_letter({c:?})");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "is_lowercase({c:?})");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "is_uppercase({c:?})");
            if c.is_alphabetic() {
                assert_eq!(Some(lower(c)), c.to_lowercase().next(), "lower({c:?})");
            }
            if let Some(l) = lower_fast(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string());
            }
        }
    }
}
