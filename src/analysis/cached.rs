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
pub enum Analysed {
    /// The word is dropped (stop word, over-long token).
    Dropped,
    /// A short term, held in place: `len` bytes of `bytes`.
    Inline {
        /// The term's length in bytes.
        len: u8,
        /// The term's bytes, then zeros.
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

    /// The word's term; `None` when the word is dropped.
    #[must_use]
    pub fn term(&self) -> Option<&str> {
        match self {
            Analysed::Dropped => None,
            Analysed::Inline { len, bytes } => Some(
                std::str::from_utf8(&bytes[..usize::from(*len)])
                    .expect("a term's bytes are copied from a str"),
            ),
            Analysed::Long(term) => Some(term),
        }
    }

    /// Writes the term into `text`; false when the word is dropped.
    fn write(&self, text: &mut String) -> bool {
        let Some(term) = self.term() else {
            return false;
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
    /// Words whose term the caller does not need (see [`Shortcut`]).
    shortcut: Option<Shortcut>,
}

impl CachedAnalyzer {
    /// An analyzer splitting with `words`, then analysing each word with `tail`, its terms
    /// remembered in the per-thread map `slot` (one per distinct chain).
    #[must_use]
    pub fn new(slot: usize, words: WordTokenizer, tail: TextAnalyzer) -> Self {
        CachedAnalyzer {
            slot,
            words,
            tail,
            shortcut: None,
        }
    }

    /// What this analyzer makes of `word`, one word of its tokenizer: the term it indexes
    /// for it, or dropped.
    pub fn analyse_word(&mut self, word: &str) -> Analysed {
        analyse_word(self.slot, &mut self.tail, word)
    }

    /// The same analyzer, except that a word `shortcut` decides on is not analysed: it is
    /// dropped, or kept as an empty token (its offsets and position stand, its term does
    /// not matter to the caller).
    #[must_use]
    pub fn with_shortcut(mut self, shortcut: Shortcut) -> Self {
        self.shortcut = Some(shortcut);
        self
    }
}

/// For a caller that only needs to know which words give one of a few terms, and where every
/// word the analyzer keeps stands (the snippet generator): the words of ASCII letters and
/// digits that begin with no such term's [`super::term_start`] are settled without the word
/// map: such a word's term cannot be one of them. Whether the analyzer keeps a settled word is
/// decided as its steps decide for an ASCII word: dropped when it is at least `max_bytes`
/// long or, lower-cased, one of the stop words.
#[derive(Clone, Debug)]
pub struct Shortcut {
    /// The [`super::term_start`] of each term the caller needs, lower case.
    starts: Vec<Box<[u8]>>,
    /// The analyzer's stop words of at most 8 bytes, packed by [`packed`], sorted.
    stop: Vec<u64>,
    /// The analyzer's longer stop words (none in the lists of this crate).
    long_stop: Vec<&'static str>,
    /// The analyzer's shortest dropped length (bytes).
    max_bytes: usize,
}

impl Shortcut {
    /// The shortcut for the `terms` a caller needs, in an analyzer with stop words `stop` and
    /// dropping words of `max_bytes` or more.
    #[must_use]
    pub fn new<'a>(
        terms: impl IntoIterator<Item = &'a str>,
        stop: &'static [&'static str],
        max_bytes: usize,
    ) -> Shortcut {
        let starts = terms
            .into_iter()
            .filter(|term| !term.is_empty())
            .map(|term| {
                super::term_start(term)
                    .as_bytes()
                    .to_ascii_lowercase()
                    .into_boxed_slice()
            })
            .collect();
        let mut packed_stop: Vec<u64> = stop.iter().filter_map(|w| packed(w.as_bytes())).collect();
        packed_stop.sort_unstable();
        Shortcut {
            starts,
            stop: packed_stop,
            long_stop: stop.iter().copied().filter(|w| w.len() > 8).collect(),
            max_bytes,
        }
    }

    /// Whether the analyzer keeps `word`, when it is a word the shortcut settles.
    fn decide(&self, word: &str) -> Option<bool> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || !bytes.is_ascii() {
            return None;
        }
        let may_match = self.starts.iter().any(|start| {
            bytes.len() >= start.len() && bytes[..start.len()].eq_ignore_ascii_case(start)
        });
        if may_match {
            return None;
        }
        if bytes.len() >= self.max_bytes {
            return Some(false);
        }
        let stop = match packed(bytes) {
            Some(key) => self.stop.binary_search(&key).is_ok(),
            None => self
                .long_stop
                .iter()
                .any(|w| w.len() == bytes.len() && w.as_bytes().eq_ignore_ascii_case(bytes)),
        };
        Some(!stop)
    }
}

/// An ASCII word of at most 8 bytes as one number, lower-cased (its bytes from the highest,
/// then zeros: no two such words give the same number, since none holds a zero byte).
fn packed(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = [0u8; 8];
    for (k, b) in key.iter_mut().zip(word) {
        *k = b.to_ascii_lowercase();
    }
    Some(u64::from_be_bytes(key))
}

/// What `tail`, the steps after the tokenizer, make of `word`.
fn analyse(tail: &mut TextAnalyzer, word: &str) -> Analysed {
    let mut stream = tail.token_stream(word);
    let term = stream.advance().then(|| stream.token().text.clone());
    debug_assert!(!stream.advance(), "the steps keep or drop a word");
    Analysed::new(term.as_deref())
}

/// What the analyzer of slot `slot`, with steps `tail`, makes of `word`, remembered per
/// thread.
fn analyse_word(slot: usize, tail: &mut TextAnalyzer, word: &str) -> Analysed {
    WORDS.with_borrow_mut(|maps| {
        WordMap::in_slot(maps, slot)
            .get_or_insert_with(word, WORD_CACHE_ENTRIES, || analyse(tail, word))
            .clone()
    })
}

impl Tokenizer for CachedAnalyzer {
    type TokenStream<'a> = CachedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedStream<'a> {
        CachedStream {
            slot: self.slot,
            words: self.words.token_stream(text),
            tail: &mut self.tail,
            shortcut: self.shortcut.as_ref(),
        }
    }
}

/// The token stream of [`CachedAnalyzer`].
pub struct CachedStream<'a> {
    slot: usize,
    words: WordStream<'a>,
    tail: &'a mut TextAnalyzer,
    shortcut: Option<&'a Shortcut>,
}

impl TokenStream for CachedStream<'_> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let token = self.words.token_mut();
            if let Some(kept) = self.shortcut.and_then(|s| s.decide(&token.text)) {
                if kept {
                    token.text.clear();
                    return true;
                }
                continue;
            }
            let tail = &mut *self.tail;
            let kept = WORDS.with_borrow_mut(|maps| {
                let word = token.text.as_str();
                WordMap::in_slot(maps, self.slot)
                    .get_or_insert_with(word, WORD_CACHE_ENTRIES, || analyse(tail, word))
                    .write(&mut token.text)
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
