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

/// Whether `c` is part of a word: a letter or a combining mark.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
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
