//! Snowball stemming through rust-stemmers, as a tantivy token filter.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread with their stems. Word frequencies are Zipfian, so a small
/// cache answers most tokens; it is emptied when full.
const STEM_CACHE_ENTRIES: usize = 50_000;

thread_local! {
    /// Word → stem, one map per Snowball algorithm (indexed by `Algorithm as usize`).
    static STEMS: RefCell<Vec<FxHashMap<String, String>>> = const { RefCell::new(Vec::new()) };
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
        STEMS.with_borrow_mut(|caches| {
            let slot = algorithm as usize;
            if caches.len() <= slot {
                caches.resize_with(slot + 1, FxHashMap::default);
            }
            let cache = &mut caches[slot];
            // A hit costs one lookup by `&str` and a copy into the token's buffer.
            if let Some(stem) = cache.get(token.text.as_str()) {
                token.text.clear();
                token.text.push_str(stem);
                return;
            }
            let stem = stem_folded(stemmer, algorithm, &token.text);
            if cache.len() >= STEM_CACHE_ENTRIES {
                cache.clear();
            }
            let word = std::mem::replace(&mut token.text, stem.clone());
            cache.insert(word, stem);
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

/// Stems an accent-folded word so that its accented spellings, and its singular and plural,
/// meet.
///
/// Snowball's suffix tables are written with accents, and its Spanish stemmer removes
/// `-aciones` but not `-acion`: folded first, `organizacion` and `organizaciones` would get
/// different stems. Folded words ending in `-cion` (every Spanish `-ción`, the one accented
/// ending that loses its accent in the plural) get their accent back before stemming, and the
/// stem is folded again. Folding first still makes `organización` and `organizacion` one word.
fn stem_folded(stemmer: &Stemmer, algorithm: Algorithm, word: &str) -> String {
    if matches!(algorithm, Algorithm::Spanish) {
        if let Some(head) = word.strip_suffix("cion") {
            let stem = stemmer.stem(&format!("{head}ción")).into_owned();
            return stem.replace('ó', "o");
        }
    }
    stemmer.stem(word).into_owned()
}
