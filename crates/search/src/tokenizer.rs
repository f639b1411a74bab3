//! The analysers wrapped as tantivy tokenizers. Tantivy does not store
//! custom tokenizers in the index, so [`register`] runs at every open.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

use crate::analyzer::{words, Analyzer, Scratch, Words};
use crate::error::SearchError;
use crate::lang::LangGroup;

/// The tokenizer name of a language group (`tandem_kk`, ...).
pub fn tokenizer_name(lang: LangGroup) -> String {
    format!("tandem_{}", lang.name())
}

/// Registers the tokenizer of every language group with `index`.
pub fn register(index: &Index) -> Result<(), SearchError> {
    for lang in LangGroup::ALL {
        index.tokenizers().register(
            &tokenizer_name(lang),
            TandemTokenizer {
                analyzer: Analyzer::new(lang)?,
                scratch: Scratch::default(),
            },
        );
    }
    Ok(())
}

/// A tantivy tokenizer running one language group's [`Analyzer`].
#[derive(Clone, Debug)]
pub struct TandemTokenizer {
    analyzer: Analyzer,
    scratch: Scratch,
}

/// The token stream of [`TandemTokenizer`].
pub struct TandemTokenStream<'a> {
    analyzer: &'a Analyzer,
    scratch: &'a mut Scratch,
    text: &'a str,
    words: Words<'a>,
    token: Token,
    next_position: usize,
}

impl Tokenizer for TandemTokenizer {
    type TokenStream<'a> = TandemTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TandemTokenStream<'a> {
        TandemTokenStream {
            analyzer: &self.analyzer,
            scratch: &mut self.scratch,
            text,
            words: words(text),
            token: Token::default(),
            next_position: 0,
        }
    }
}

impl TokenStream for TandemTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, end) in self.words.by_ref() {
            if self
                .analyzer
                .term_into(&self.text[start..end], self.scratch, &mut self.token.text)
            {
                self.token.offset_from = start;
                self.token.offset_to = end;
                self.token.position = self.next_position;
                self.token.position_length = 1;
                self.next_position += 1;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
