//! Tokenisation of the view: words, digit runs, punctuation and spaces,
//! each with its byte span, and a lower-cased, apostrophe-folded form of
//! every word for lexicon look-ups.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any script), with inner apostrophes (`O'zbekiston`).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation or symbol character.
    Punct,
    /// A run of white space.
    Space,
}

/// A token: byte span in the view plus its normalised form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Start byte offset in the view.
    pub start: usize,
    /// End byte offset in the view (exclusive).
    pub end: usize,
    /// Kind of token.
    pub kind: Kind,
    /// Number of line breaks (for spaces).
    pub newlines: u32,
    norm_start: u32,
    norm_end: u32,
}

/// The tokens of a view.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    /// The view the spans refer to.
    pub view: &'a str,
    /// Tokens in order.
    pub toks: Vec<Token>,
    norm: String,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʻ' | 'ʼ' | '`' | '‘' | 'ʹ')
}

fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        // Cyrillic letters (U+0482 is a sign, U+0483..U+0489 combining marks)
        '\u{0400}'..='\u{0481}' | '\u{048a}'..='\u{04ff}' | '\u{0483}' => true,
        _ => (c.is_alphanumeric() && !c.is_ascii_digit()) || ('\u{0300}'..='\u{036f}').contains(&c),
    }
}

/// Pushes the lower case of `c` (fast paths for ASCII and basic Cyrillic).
fn push_lower(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7f}' => out.push(c),
        '\u{0410}'..='\u{042f}' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        '\u{0400}'..='\u{040f}' => out.push(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
        '\u{0430}'..='\u{045f}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

impl<'a> Tokens<'a> {
    /// Tokenises `view`.
    pub fn new(view: &'a str) -> Tokens<'a> {
        // (about one token in three bytes of Latin text: a space and a word)
        let mut toks = Vec::with_capacity(view.len() / 2 + 1);
        let mut norm = String::with_capacity(view.len());
        let bytes = view.as_bytes();
        let mut i = 0;
        while i < view.len() {
            let b = bytes[i];
            let start = i;
            let norm_start = norm.len() as u32;
            let (kind, newlines) = if b.is_ascii_digit() {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                norm.push_str(&view[start..i]);
                (Kind::Num, 0)
            } else {
                let c = next_char(view, i);
                if c.is_whitespace() {
                    let len = space_len(&view[i..]);
                    let nl = bytes[i..i + len].iter().filter(|&&b| b == b'\n').count();
                    i += len;
                    (Kind::Space, nl as u32)
                } else if is_word_char(c) {
                    i += word_len(&view[i..], &mut norm);
                    (Kind::Word, 0)
                } else {
                    i += c.len_utf8();
                    if c == '−' || c == '–' || c == '—' {
                        norm.push('-');
                    } else if is_apostrophe(c) {
                        norm.push('\'');
                    } else {
                        push_lower(&mut norm, c);
                    }
                    (Kind::Punct, 0)
                }
            };
            toks.push(Token {
                start,
                end: i,
                kind,
                newlines,
                norm_start,
                norm_end: norm.len() as u32,
            });
        }
        Tokens { view, toks, norm }
    }

    /// The normalised text of token `i` (lower case; dashes folded to `-`).
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.norm[t.norm_start as usize..t.norm_end as usize]
    }

    /// The text of token `i` as written.
    pub fn text(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.view[t.start..t.end]
    }

    /// The text of token `i` as written, as bytes (no check of character
    /// boundaries, which a hash look-up by text does not need).
    pub fn text_bytes(&self, i: usize) -> &'a [u8] {
        let t = &self.toks[i];
        &self.view.as_bytes()[t.start..t.end]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Kind {
        self.toks[i].kind
    }

    /// Line breaks inside token `i` (0 unless it is a space).
    pub fn newlines_at(&self, i: usize) -> u32 {
        self.toks[i].newlines
    }

    /// Whether token `i` is the punctuation `p` (after dash folding).
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Punct && self.norm(i) == p
    }

    /// Index of the next non-space token at or after `i`, if any, within `end`.
    pub fn skip_space(&self, i: usize, end: usize) -> Option<usize> {
        let mut j = i;
        while j < end {
            if self.toks[j].kind != Kind::Space {
                return Some(j);
            }
            j += 1;
        }
        None
    }

    /// Index of the previous non-space token before `i`, not before `start`.
    pub fn prev_non_space(&self, i: usize, start: usize) -> Option<usize> {
        let mut j = i;
        while j > start {
            j -= 1;
            if self.toks[j].kind != Kind::Space {
                return Some(j);
            }
        }
        None
    }

    /// Whether tokens `a` and `b` (a < b) touch (no space between).
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        self.toks[a].end == self.toks[b].start
    }
}

/// Byte length of the word at the start of `rest` (letters, with
/// apostrophes between letters); pushes its lower case to `norm`.
fn word_len(rest: &str, norm: &mut String) -> usize {
    let bytes = rest.as_bytes();
    // `rest[copied..k]` is lower case already and not yet pushed
    let mut copied = 0;
    let mut k = 0;
    while k < bytes.len() {
        // letters that are their own lower case (a..z, basic Cyrillic
        // а..џ = D0 B0..D0 BF, D1 80..D1 9F) are copied in bulk
        let plain = match bytes[k] {
            b'a'..=b'z' => 1,
            0xD0 if matches!(bytes.get(k + 1), Some(0xB0..=0xBF)) => 2,
            0xD1 if matches!(bytes.get(k + 1), Some(0x80..=0x9F)) => 2,
            _ => 0,
        };
        if plain > 0 {
            k += plain;
            continue;
        }
        let c = next_char(rest, k);
        let after = k + c.len_utf8();
        if is_word_char(c) {
            norm.push_str(&rest[copied..k]);
            push_lower(norm, c);
        } else if is_apostrophe(c) && after < rest.len() && is_word_char(next_char(rest, after)) {
            norm.push_str(&rest[copied..k]);
            norm.push('\'');
        } else {
            break;
        }
        k = after;
        copied = k;
    }
    norm.push_str(&rest[copied..k]);
    k
}

/// Byte length of the white space at the start of `rest`.
fn space_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'\t'..=b'\r' | b' ') {
            i += 1; // ASCII white space (the common case)
        } else if b.is_ascii() {
            break;
        } else {
            let c = next_char(rest, i);
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

fn next_char(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_scales_and_keeps_apostrophes() {
        let t = Tokens::new("5,3млн O‘zbekiston-2030 %-ға");
        let kinds: Vec<_> = (0..t.len())
            .map(|i| (t.kind(i), t.norm(i).to_string()))
            .collect();
        assert_eq!(kinds[0], (Kind::Num, "5".into()));
        assert_eq!(kinds[1], (Kind::Punct, ",".into()));
        assert_eq!(kinds[3], (Kind::Word, "млн".into()));
        assert_eq!(kinds[5], (Kind::Word, "o'zbekiston".into()));
        assert_eq!(kinds[6], (Kind::Punct, "-".into()));
        assert_eq!(t.text(10), "-");
    }

    #[test]
    fn lower_case_fast_paths_agree_with_unicode() {
        for c in ('\u{0}'..='\u{052f}').chain("ӘҒҚҢӨҰҮҺІЎҲӢӮҶİ".chars()) {
            let mut fast = String::new();
            push_lower(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "{c:?}");
        }
        for c in '\u{0}'..='\u{04ff}' {
            let expected = (c.is_alphanumeric() && !c.is_ascii_digit())
                || ('\u{0300}'..='\u{036f}').contains(&c)
                || c == '\u{0483}';
            if c != '\u{0482}' && !('\u{0484}'..='\u{0489}').contains(&c) {
                assert_eq!(is_word_char(c), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn words_are_lower_cased_letter_by_letter() {
        for c in ('\u{0}'..='\u{052f}').filter(|&c| is_word_char(c)) {
            let word = format!("{c}а{c}z’{c}");
            let t = Tokens::new(&word);
            let lower: String = c.to_lowercase().collect();
            assert_eq!(t.len(), 1, "{c:?}");
            assert_eq!(t.norm(0), format!("{lower}а{lower}z'{lower}"), "{c:?}");
        }
    }

    #[test]
    fn white_space_fast_path_agrees_with_unicode() {
        for c in '\0'..='\u{3000}' {
            let s = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(&s), expected, "{c:?}");
        }
    }

    #[test]
    fn counts_line_breaks() {
        let t = Tokens::new("a \n\n b");
        assert_eq!(t.toks[1].newlines, 2);
    }
}
