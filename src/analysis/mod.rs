//! Stage 2: Swedish text analysis, the same at index and query time.
//!
//! - `tokenizer`: words (å, ä, ö, é are letters), case numbers and other
//!   joined codes (`SLK-2025-00035`, `23RS5009`, `0901/22`) kept whole and
//!   also split into parts, and elided compounds: "Krav- och kvalitetsbok"
//!   also yields "kravbok", "hälso- och sjukvård" yields "hälsovård".
//! - `stem`: lowercasing and Swedish Snowball stemming with rust-stemmers
//!   (tantivy's own `stemmer` feature is off, so there is one stemmer only),
//!   and [`definite_a_form`], which bridges the two stems Snowball gives a
//!   noun in -a (`skol` for "skola", "skolor"; `skolan` for "skolan").
//!
//! Compound parts are matched at query time ([`crate::search`]): those a
//! word begins ("primärvård" finding "primärvårdsuppdrag") by expansion over
//! the index's own term dictionary, those it ends ("skola" finding
//! "grundskolan") over the same words read backwards (`index::heads`).
//!
//! Query-time word knowledge, each in its file (the index is not changed
//! by them, so one analyzer still serves index and query):
//! - `lexicon`: the forms of a word Snowball stems apart ("busskortet" and
//!   "busskort", "böcker" and "bok").
//! - `fold`: letters without their accents ("aldreomsorg").
//! - `stopwords`: question and function words ("hur", "vem", "om").
//! - `parties`: political parties by name and by letters; `organs`: the
//!   kinds of body and their abbreviations ("KS").
//! - `synonyms`: the municipal domain's curated synonyms; `thesaurus`:
//!   Debian's Swedish thesaurus when installed.
//!
//! `person_name`: a person's name as one raw index term (lowercase,
//! accents folded), and its surname, for the `person:`, `moved:` and
//! `reserved:` fields; the same at index and query time.
//!
//! The analyzer is registered with tantivy under [`SWEDISH`] every time an
//! index is opened ([`register`]).

pub mod fold;
pub mod lexicon;
pub mod organs;
pub mod parties;
pub mod person_name;
mod stem;
pub mod stopwords;
pub mod synonyms;
pub mod thesaurus;
mod tokenizer;

pub use stem::definite_a_form;
pub(crate) use tokenizer::tokens_wanted;
pub use tokenizer::{Analyzed, AnalyzedToken, TokenKind, analyze};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

/// Name of the Swedish analyzer in the index schema.
pub const SWEDISH: &str = "sv";

/// Registers paragraf's analyzers with a tantivy tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(SWEDISH, SwedishTokenizer::default());
}

/// The Swedish analyzer as a tantivy tokenizer. Token buffers are reused
/// between calls, so a document costs no allocation per token beyond stemming.
#[derive(Clone)]
pub struct SwedishTokenizer {
    stemmer: stem::Stemmer,
    tokens: Vec<Token>,
    len: usize,
}

impl Default for SwedishTokenizer {
    fn default() -> Self {
        SwedishTokenizer {
            stemmer: stem::Stemmer::new(),
            tokens: Vec::new(),
            len: 0,
        }
    }
}

impl Tokenizer for SwedishTokenizer {
    type TokenStream<'a> = SwedishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SwedishTokenStream<'a> {
        self.len = 0;
        let SwedishTokenizer {
            stemmer,
            tokens,
            len,
        } = self;
        tokenizer::run(text, stemmer, &mut |t: Analyzed<'_>| {
            // Expansions arrive after the words at their position; the index
            // needs each term's positions in order, so they are put in place
            // (a few tokens back) rather than sorting the document.
            let at = if *len > 0 && tokens[*len - 1].position > t.position {
                tokens[..*len].partition_point(|x| x.position <= t.position)
            } else {
                *len
            };
            if *len == tokens.len() {
                tokens.push(Token::default());
            }
            if at < *len {
                // Move the spare token at `len` to `at`, shifting only the few between.
                tokens[at..=*len].rotate_right(1);
            }
            let tok = &mut tokens[at];
            tok.text.clear();
            tok.text.push_str(t.text);
            tok.offset_from = t.from;
            tok.offset_to = t.to;
            tok.position = t.position;
            tok.position_length = 1;
            *len += 1;
        });
        SwedishTokenStream {
            tokens: &mut self.tokens[..self.len],
            next: 0,
        }
    }
}

/// The token stream of [`SwedishTokenizer`].
pub struct SwedishTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for SwedishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, usize)> {
        let mut t = SwedishTokenizer::default();
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push((tok.text.clone(), tok.position));
        }
        out
    }

    #[test]
    fn tantivy_stream_matches_the_analyzer() {
        let t = terms("Krav- och kvalitetsboken");
        assert!(t.contains(&("krav".to_string(), 0)));
        assert!(t.contains(&("och".to_string(), 1)));
        assert!(t.contains(&("kvalitetsbok".to_string(), 2)));
        assert!(t.contains(&("kravbok".to_string(), 0)), "{t:?}");
    }

    #[test]
    fn positions_come_in_order() {
        let t = terms("Krav- och kvalitetsboken samt hälso- och sjukvård");
        assert!(t.windows(2).all(|w| w[0].1 <= w[1].1), "{t:?}");
        assert!(t.contains(&("hälsovård".to_string(), 4)), "{t:?}");
    }

    #[test]
    fn buffers_are_reused_between_calls() {
        let mut t = SwedishTokenizer::default();
        {
            let mut s = t.token_stream("ett två tre fyra");
            let mut n = 0;
            while s.advance() {
                n += 1;
            }
            assert_eq!(n, 4);
        }
        let mut s = t.token_stream("fem");
        assert!(s.advance());
        assert_eq!(s.token().text, "fem");
        assert!(!s.advance());
    }
}
