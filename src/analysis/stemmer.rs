//! Snowball stemming through rust-stemmers, as a tantivy token filter.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread with their stems. Word frequencies are Zipfian, so a small
/// cache answers most tokens; it is emptied when full.
const STEM_CACHE_ENTRIES: usize = 50_000;

thread_local! {
    static STEMS: RefCell<HashMap<(u8, String), String>> = RefCell::new(HashMap::new());
}

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
            algorithm: self.algorithm,
            stemmer: Stemmer::create(self.algorithm),
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`SnowballTokenizer`].
pub struct SnowballStream<S> {
    algorithm: Algorithm,
    stemmer: Stemmer,
    tail: S,
}

impl<S: TokenStream> TokenStream for SnowballStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let algorithm = self.algorithm;
        let stemmer = &self.stemmer;
        STEMS.with_borrow_mut(|cache| {
            let key = (algorithm as u8, std::mem::take(&mut token.text));
            if let Some(stem) = cache.get(&key) {
                token.text.push_str(stem);
                return;
            }
            let stem = stemmer.stem(&key.1).into_owned();
            token.text.push_str(&stem);
            if cache.len() >= STEM_CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(key, stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
