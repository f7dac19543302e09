//! Snowball stemming through rust-stemmers, as a tantivy token filter.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Replaces each token by its Snowball stem. Expects lower-cased tokens.
#[derive(Clone, Copy, Debug)]
pub struct SnowballFilter {
    algorithm: Algorithm,
}

impl SnowballFilter {
    /// A filter stemming with `algorithm`.
    #[must_use]
    pub fn new(algorithm: Algorithm) -> Self {
        SnowballFilter { algorithm }
    }
}

impl TokenFilter for SnowballFilter {
    type Tokenizer<T: Tokenizer> = SnowballTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballTokenizer<T> {
        SnowballTokenizer {
            algorithm: self.algorithm,
            inner: tokenizer,
        }
    }
}

/// A tokenizer followed by [`SnowballFilter`].
#[derive(Clone)]
pub struct SnowballTokenizer<T> {
    algorithm: Algorithm,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SnowballTokenizer<T> {
    type TokenStream<'a> = SnowballStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballStream {
            stemmer: Stemmer::create(self.algorithm),
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`SnowballTokenizer`].
pub struct SnowballStream<S> {
    stemmer: Stemmer,
    tail: S,
}

impl<S: TokenStream> TokenStream for SnowballStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let (owned, prefix_len) = match self.stemmer.stem(&token.text) {
            Cow::Owned(stem) => (Some(stem), 0),
            Cow::Borrowed(stem) => (None, stem.len()),
        };
        match owned {
            Some(stem) => token.text = stem,
            // The stem is a prefix of the word: cut it in place.
            None => token.text.truncate(prefix_len),
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
