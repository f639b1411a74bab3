//! The language of each position of a document: its paragraph's language
//! (from `tandem-text`), else the document's main language.

use tandem_text::{Analysis, Paragraph};

use crate::lexicon::Lexicon;

/// Paragraph languages of one document.
pub(crate) struct Languages<'a> {
    paragraphs: &'a [Paragraph],
    main: &'static str,
}

impl<'a> Languages<'a> {
    /// Reads the paragraph languages of `analysis`.
    pub fn new(analysis: &'a Analysis) -> Languages<'a> {
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
        let main = by_lang
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or("und", |(c, _)| *c);
        Languages {
            paragraphs: &analysis.paragraphs,
            main,
        }
    }

    /// Language code at view byte `byte`.
    pub fn at(&self, byte: usize) -> &'static str {
        let idx = self.paragraphs.partition_point(|p| p.start <= byte);
        let code = idx
            .checked_sub(1)
            .map(|i| &self.paragraphs[i])
            .filter(|p| byte < p.end)
            .map_or("und", |p| p.lang.code());
        if code == "und" {
            self.main
        } else {
            code
        }
    }
}

/// Whether `lang` writes decimals with a comma (undetermined: yes, as most
/// of Tandem's languages do).
pub(crate) fn decimal_comma(lex: &Lexicon, lang: &str) -> bool {
    lang == "und" || lex.decimal_comma.iter().any(|l| l == lang)
}
