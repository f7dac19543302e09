//! A language's analyzer with a per-thread memory of the term each word gives.
//!
//! Every step after splitting into words (long-token removal, lower-casing, accent folding,
//! stop words, stemming) works on one word at a time, so a word gives the same term wherever
//! it stands. [`CachedAnalyzer`] splits the text with the language's [`WordTokenizer`] and
//! looks each word up in a per-thread map (word as written → term, or dropped); only a word
//! not seen yet goes through the other steps. A hit costs one look-up instead of four passes
//! over the word and two look-ups (stop words, stems). Word frequencies are Zipfian, so
//! nearly every word of a posting is a hit.

use std::cell::RefCell;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::tokenizer::WordStream;
use super::{WordMap, WordTokenizer};

/// Words remembered per thread and language; the map is emptied when full.
const WORD_CACHE_ENTRIES: usize = 100_000;

/// Longest term held in the map's own slot (longer ones are allocated).
const INLINE_TERM_BYTES: usize = 22;

/// What the steps after the tokenizer make of a word.
#[derive(Debug, Clone)]
enum Analysed {
    /// The word is dropped (stop word, over-long token).
    Dropped,
    /// A short term, held in place: `len` bytes of `bytes`.
    Inline {
        len: u8,
        bytes: [u8; INLINE_TERM_BYTES],
    },
    /// A longer term.
    Long(Box<str>),
}

impl Analysed {
    fn new(term: Option<&str>) -> Analysed {
        match term {
            None => Analysed::Dropped,
            Some(term) if term.len() <= INLINE_TERM_BYTES => {
                let mut bytes = [0u8; INLINE_TERM_BYTES];
                bytes[..term.len()].copy_from_slice(term.as_bytes());
                Analysed::Inline {
                    len: term.len() as u8,
                    bytes,
                }
            }
            Some(term) => Analysed::Long(term.into()),
        }
    }

    /// Writes the term into `text`; false when the word is dropped.
    fn write(&self, text: &mut String) -> bool {
        let term = match self {
            Analysed::Dropped => return false,
            Analysed::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)])
                .expect("a term's bytes are copied from a str"),
            Analysed::Long(term) => term,
        };
        text.clear();
        text.push_str(term);
        true
    }
}

thread_local! {
    /// Word → what the analyzer makes of it, one map per analyzer slot.
    static WORDS: RefCell<Vec<WordMap<Analysed>>> = const { RefCell::new(Vec::new()) };
}

/// A [`WordTokenizer`] followed by the steps in `tail`, with the term of each word
/// remembered per thread (see the module documentation).
#[derive(Clone)]
pub struct CachedAnalyzer {
    /// This analyzer's map in [`WORDS`]; analyzers sharing a slot must have the same steps.
    slot: usize,
    words: WordTokenizer,
    /// The steps after the tokenizer, behind a tokenizer that emits its whole input as one
    /// token: each of them keeps or drops a token, so a word gives at most one term.
    tail: TextAnalyzer,
}

impl CachedAnalyzer {
    /// An analyzer splitting with `words`, then analysing each word with `tail`, its terms
    /// remembered in the per-thread map `slot` (one per distinct chain).
    #[must_use]
    pub fn new(slot: usize, words: WordTokenizer, tail: TextAnalyzer) -> Self {
        CachedAnalyzer { slot, words, tail }
    }
}

impl Tokenizer for CachedAnalyzer {
    type TokenStream<'a> = CachedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedStream<'a> {
        CachedStream {
            slot: self.slot,
            words: self.words.token_stream(text),
            tail: &mut self.tail,
        }
    }
}

/// The token stream of [`CachedAnalyzer`].
pub struct CachedStream<'a> {
    slot: usize,
    words: WordStream<'a>,
    tail: &'a mut TextAnalyzer,
}

impl TokenStream for CachedStream<'_> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let token = self.words.token_mut();
            let tail = &mut *self.tail;
            let kept = WORDS.with_borrow_mut(|maps| {
                if maps.len() <= self.slot {
                    maps.resize_with(self.slot + 1, WordMap::default);
                }
                let map = &mut maps[self.slot];
                if let Some(analysed) = map.get(&token.text) {
                    return analysed.write(&mut token.text);
                }
                let analysed = {
                    let mut stream = tail.token_stream(&token.text);
                    let term = stream.advance().then(|| stream.token().text.clone());
                    debug_assert!(!stream.advance(), "the steps keep or drop a word");
                    Analysed::new(term.as_deref())
                };
                if map.len() >= WORD_CACHE_ENTRIES {
                    map.clear();
                }
                map.insert(&token.text, analysed.clone());
                analysed.write(&mut token.text)
            });
            if kept {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_long_terms_round_trip() {
        let long = "x".repeat(INLINE_TERM_BYTES + 5);
        for term in ["", "a", "economi", "señal", &"é".repeat(11), &long] {
            let mut text = String::from("previous");
            assert!(Analysed::new(Some(term)).write(&mut text));
            assert_eq!(text, term);
        }
        let mut text = String::from("kept");
        assert!(!Analysed::new(None).write(&mut text));
        assert_eq!(text, "kept");
    }
}
