//! A map keyed by short words, for per-thread caches of analysis results.
//!
//! Words of up to [`INLINE_BYTES`] bytes (nearly all of them) are keyed by their bytes held in
//! the table itself: a look-up hashes three machine words and compares three, with no pointer
//! to follow to a key allocated elsewhere. Longer words go to an ordinary map.

use rustc_hash::FxHashMap;

/// Longest word kept in the table itself.
pub const INLINE_BYTES: usize = 24;

/// The bytes of a word of at most [`INLINE_BYTES`] bytes, zero-padded. Words hold no NUL
/// byte (tokenizers emit letters, digits and apostrophes), so padding cannot make two words
/// equal; a word with a NUL goes to the map of long words anyway.
type InlineKey = [u64; INLINE_BYTES / 8];

fn inline_key(word: &str) -> Option<InlineKey> {
    let bytes = word.as_bytes();
    if bytes.len() > INLINE_BYTES || bytes.contains(&0) {
        return None;
    }
    let mut padded = [0u8; INLINE_BYTES];
    padded[..bytes.len()].copy_from_slice(bytes);
    let mut key = [0u64; INLINE_BYTES / 8];
    for (slot, chunk) in key.iter_mut().zip(padded.chunks_exact(8)) {
        *slot = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
    }
    Some(key)
}

/// A map from words to `V`.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    short: FxHashMap<InlineKey, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// The value of `word`, if any.
    #[must_use]
    pub fn get(&self, word: &str) -> Option<&V> {
        match inline_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value of `word`, made by `make` and kept first when the map lacks it: one look-up
    /// for a word already in the map (the usual case). A map holding `max_entries` words is
    /// emptied before a missing word is kept (a cache of Zipfian words needs no eviction
    /// order).
    pub fn get_or_insert_with(
        &mut self,
        word: &str,
        max_entries: usize,
        make: impl FnOnce() -> V,
    ) -> &V {
        if self.len() >= max_entries && self.get(word).is_none() {
            self.clear();
        }
        match inline_key(word) {
            Some(key) => self.short.entry(key).or_insert_with(make),
            None => {
                if !self.long.contains_key(word) {
                    self.long.insert(word.into(), make());
                }
                &self.long[word]
            }
        }
    }

    /// Map number `slot` of `maps` (one per analyzer or matcher in a per-thread list), added
    /// empty when missing.
    pub fn in_slot(maps: &mut Vec<WordMap<V>>, slot: usize) -> &mut WordMap<V> {
        if maps.len() <= slot {
            maps.resize_with(slot + 1, WordMap::default);
        }
        &mut maps[slot]
    }

    /// Words in the map.
    #[must_use]
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether the map is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every word.
    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_map_is_emptied_before_a_missing_word_is_kept() {
        let mut map = WordMap::default();
        for word in ["a", "b", "a", "b"] {
            map.get_or_insert_with(word, 2, || word.len());
        }
        assert_eq!(map.len(), 2, "words already kept do not empty a full map");
        map.get_or_insert_with("c", 2, || 3);
        assert_eq!(map.len(), 1);
        assert_eq!(map.get("c"), Some(&3));
        assert_eq!(map.get("a"), None);
    }

    #[test]
    fn short_long_and_prefix_words_are_distinct() {
        let mut map = WordMap::default();
        let long = "x".repeat(INLINE_BYTES + 1);
        let exact = "y".repeat(INLINE_BYTES);
        for (i, word) in ["a", "ab", "abc", "é", "", &long, &exact]
            .iter()
            .enumerate()
        {
            map.get_or_insert_with(word, usize::MAX, || i);
        }
        assert_eq!(map.len(), 7);
        assert_eq!(map.get("a"), Some(&0));
        assert_eq!(map.get("ab"), Some(&1));
        assert_eq!(map.get("abc"), Some(&2));
        assert_eq!(map.get("é"), Some(&3));
        assert_eq!(map.get(""), Some(&4));
        assert_eq!(map.get(&long), Some(&5));
        assert_eq!(map.get(&exact), Some(&6));
        assert_eq!(map.get("abcd"), None);
        assert_eq!(map.get(&long[1..]), None);
        assert_eq!(map.get("a\0"), None);
        let new_long = "z".repeat(INLINE_BYTES + 3);
        let mut made = 0;
        for word in ["a", "new", &long, &new_long, "new", &long, &new_long] {
            map.get_or_insert_with(word, usize::MAX, || {
                made += 1;
                100 + made
            });
        }
        assert_eq!(made, 2, "only the missing words are made");
        assert_eq!(map.get("new"), Some(&101));
        assert_eq!(map.get(&new_long), Some(&102));
        assert_eq!(map.get(&long), Some(&5));
        assert_eq!(map.get("a"), Some(&0));
        map.clear();
        assert!(map.is_empty());
    }
}
