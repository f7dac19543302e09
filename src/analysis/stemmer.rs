//! Snowball stemming through rust-stemmers, as a tantivy token filter.

use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::WordMap;

/// Words remembered per thread with their stems. Word frequencies are Zipfian, so a small
/// cache answers most tokens; it is emptied when full.
const STEM_CACHE_ENTRIES: usize = 50_000;

thread_local! {
    /// Word → stem, one map per Snowball algorithm (indexed by `Algorithm as usize`).
    static STEMS: RefCell<Vec<WordMap<String>>> = const { RefCell::new(Vec::new()) };
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
            // A hit costs one lookup by `&str` and a copy into the token's buffer.
            let word = token.text.as_str();
            let stem = WordMap::in_slot(caches, algorithm as usize).get_or_insert_with(
                word,
                STEM_CACHE_ENTRIES,
                || stem_folded(stemmer, algorithm, word),
            );
            token.text.clear();
            token.text.push_str(stem);
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

/// The stem [`SnowballFilter`] gives `word` (lower-cased, accent-folded), without its cache.
#[must_use]
pub fn stem_word(algorithm: Algorithm, word: &str) -> String {
    stem_folded(&Stemmer::create(algorithm), algorithm, word)
}

/// Stems an accent-folded word so that its accented spellings, and its singular and plural,
/// meet.
///
/// Snowball's suffix tables are written with accents. Folded first, Spanish `organizacion`
/// keeps its `-acion` while `organizaciones` loses `-aciones`, and `asesoria` keeps its `-ia`
/// while the accented `asesoría` loses `-ía`. So the two Spanish endings whose accent the
/// stemmer keys on get it back before stemming, and the stem is folded again: `-cion` (every
/// `-ción`) and `-ia`/`-ias` after a consonant (`economía`, `asesoría`, and the unaccented
/// `infancia` too, which is harmless since index and queries go through the same steps).
/// Folding first still makes `organización` and `organizacion` one word.
///
/// In French, folding makes the feminine `-ée` of a participle or a noun `-ee`, which the
/// stemmer does not take for an ending (`chargee` gives `charge`, `chargé` gives `charg`):
/// one `e` of a final `-ee`/`-ees` is dropped first, so that `chargée`, `employée`,
/// `diplômée`, `qualifiées` meet their masculine forms.
fn stem_folded(stemmer: &Stemmer, algorithm: Algorithm, word: &str) -> String {
    if matches!(algorithm, Algorithm::French) && word.len() >= 5 {
        let masculine = word
            .strip_suffix("ees")
            .map(|head| format!("{head}es"))
            .or_else(|| word.strip_suffix("ee").map(|head| format!("{head}e")));
        if let Some(masculine) = masculine {
            return stemmer.stem(&masculine).into_owned();
        }
    }
    if matches!(algorithm, Algorithm::Spanish) {
        if let Some(accented) = spanish_accent(word) {
            return stemmer
                .stem(&accented)
                .chars()
                .map(|c| match c {
                    'ó' => 'o',
                    'í' => 'i',
                    other => other,
                })
                .collect();
        }
    }
    stemmer.stem(word).into_owned()
}

/// `word` (folded) with the accent Snowball's Spanish tables expect on its ending, if any.
fn spanish_accent(word: &str) -> Option<String> {
    if let Some(head) = word.strip_suffix("cion") {
        return Some(format!("{head}ción"));
    }
    for (plain, accented) in [("ias", "ías"), ("ia", "ía")] {
        if let Some(head) = word.strip_suffix(plain) {
            let consonant = head
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiou".contains(c));
            if consonant && head.len() >= 2 {
                return Some(format!("{head}{accented}"));
            }
        }
    }
    None
}
