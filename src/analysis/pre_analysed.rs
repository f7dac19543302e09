//! Texts analysed before they reach tantivy's indexing threads.
//!
//! Indexing a feed splits every word of a posting's title and body and looks it up in a
//! per-thread map twice: once in the skill tagger (word → label term), once in the index's
//! analyzer (word → indexed term). The tagger's map also keeps each word's indexed term, so
//! the tagger writes the terms of the text as it scans it ([`PreAnalysedWriter`]), and the
//! index's analyzer reads them back ([`DualAnalyzer`]) instead of analysing the text again.
//!
//! The written form is [`MARKER`] followed by one piece per word of the language's tokenizer,
//! in order, separated by single spaces: the word's term, or nothing for a word the analyzer
//! drops (a stop word), so that the piece's rank is the word's position. Terms hold no space
//! (each is made from one word). A posting's own text never reaches the index starting with
//! the marker: files cannot hold a NUL byte, and [`crate::schema::to_document_with`] makes
//! spaces of the NULs of a text that starts with one (a feed's JSON can write `\u0000`). Any
//! other text is analysed as usual.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::cached::{CachedAnalyzer, CachedStream};

/// What starts a pre-analysed text.
pub const MARKER: &str = "\u{0}terms\u{0}";

/// Writes the terms of one text, word by word (see the [module](self)).
#[derive(Debug)]
pub struct PreAnalysedWriter {
    text: String,
    words: usize,
}

impl Default for PreAnalysedWriter {
    fn default() -> Self {
        PreAnalysedWriter {
            text: MARKER.to_owned(),
            words: 0,
        }
    }
}

impl PreAnalysedWriter {
    /// Adds the next word: its term, or `None` when the analyzer drops it.
    pub fn push(&mut self, term: Option<&str>) {
        if self.words > 0 {
            self.text.push(' ');
        }
        if let Some(term) = term {
            debug_assert!(!term.contains(' '), "a term is made from one word");
            self.text.push_str(term);
        }
        self.words += 1;
    }

    /// The written text, for the index's analyzer.
    #[must_use]
    pub fn finish(self) -> String {
        self.text
    }
}

/// The pre-analysed title and body of a posting (see the [module](self)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreAnalysed {
    /// The title's terms.
    pub title: String,
    /// The body's terms.
    pub body: String,
}

/// A language's analyzer that reads pre-analysed texts back and analyses any other text.
#[derive(Clone)]
pub struct DualAnalyzer {
    inner: CachedAnalyzer,
}

impl DualAnalyzer {
    /// Reads pre-analysed texts, analyses the others with `inner`.
    #[must_use]
    pub fn new(inner: CachedAnalyzer) -> DualAnalyzer {
        DualAnalyzer { inner }
    }
}

impl Tokenizer for DualAnalyzer {
    type TokenStream<'a> = DualStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DualStream<'a> {
        match text.strip_prefix(MARKER) {
            Some(terms) => DualStream::Read(ReadStream {
                rest: terms,
                offset: MARKER.len(),
                next_position: 0,
                done: false,
                token: Token::default(),
            }),
            None => DualStream::Analyse(self.inner.token_stream(text)),
        }
    }
}

/// The token stream of [`DualAnalyzer`].
pub enum DualStream<'a> {
    /// Terms read back from a pre-analysed text.
    Read(ReadStream<'a>),
    /// Terms of a text analysed here.
    Analyse(CachedStream<'a>),
}

/// Terms read back from a pre-analysed text.
pub struct ReadStream<'a> {
    rest: &'a str,
    offset: usize,
    next_position: usize,
    done: bool,
    token: Token,
}

impl TokenStream for ReadStream<'_> {
    fn advance(&mut self) -> bool {
        while !self.done {
            // Pieces are a few bytes long: a plain scan beats a searcher's set-up.
            let (piece, rest) = match self.rest.bytes().position(|b| b == b' ') {
                Some(space) => (&self.rest[..space], &self.rest[space + 1..]),
                None => {
                    self.done = true;
                    (self.rest, "")
                }
            };
            let from = self.offset;
            self.offset += piece.len() + 1;
            self.rest = rest;
            let position = self.next_position;
            self.next_position += 1;
            if piece.is_empty() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(piece);
            self.token.offset_from = from;
            self.token.offset_to = from + piece.len();
            self.token.position = position;
            self.token.position_length = 1;
            return true;
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

impl TokenStream for DualStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            DualStream::Read(s) => s.advance(),
            DualStream::Analyse(s) => s.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            DualStream::Read(s) => s.token(),
            DualStream::Analyse(s) => s.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            DualStream::Read(s) => s.token_mut(),
            DualStream::Analyse(s) => s.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lang;

    use crate::analysis::tokens;

    #[test]
    fn written_terms_read_back_as_the_analyzer_makes_them() {
        let mut writer = PreAnalysedWriter::default();
        for term in [
            Some("organis"),
            None,
            None,
            Some("recherch"),
            None,
            Some("competent"),
        ] {
            writer.push(term);
        }
        let mut analyzer = Lang::French.index_analyzer();
        let written = writer.finish();
        assert_eq!(
            tokens(&mut analyzer, &written),
            [
                ("organis".to_owned(), 0),
                ("recherch".to_owned(), 3),
                ("competent".to_owned(), 5)
            ]
        );
        // Any other text is analysed as usual, and nothing written gives nothing.
        let text = "L’Organisation recherche des compétences";
        assert_eq!(
            tokens(&mut analyzer, text),
            tokens(&mut Lang::French.analyzer(), text)
        );
        assert_eq!(tokens(&mut analyzer, text).len(), 3);
        assert!(tokens(&mut analyzer, &PreAnalysedWriter::default().finish()).is_empty());
        let mut one_dropped = PreAnalysedWriter::default();
        one_dropped.push(None);
        assert!(tokens(&mut analyzer, &one_dropped.finish()).is_empty());
    }
}
