//! Results remembered for one index generation, and values kept per segment.
//!
//! Some answers depend only on their inputs and on the index: the typo correction of a word,
//! the counts and top hits of a request without query text (the landing page, browsing by
//! facet: a job board's most frequent requests). They are kept until the searcher's
//! generation changes, or until the cache is full, then forgotten all at once: bounded memory,
//! nothing stale, no eviction bookkeeping on the search path.

use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

/// At most `N` values kept by key, the oldest let go first: for what is computed once per
/// segment and asked for under a handful of keys (ranges of documents, sets of skills).
pub struct FewKept<K, V, const N: usize> {
    kept: Mutex<Vec<(K, V)>>,
}

impl<K, V, const N: usize> Default for FewKept<K, V, N> {
    fn default() -> Self {
        FewKept {
            kept: Mutex::default(),
        }
    }
}

impl<K: PartialEq, V: Clone, const N: usize> FewKept<K, V, N> {
    /// The value kept for `key`, or the one `compute` makes, then kept. The lock is not held
    /// while computing; when two callers compute the same key at once, the first value kept
    /// is the one both get.
    pub fn get_or_compute<E>(
        &self,
        key: K,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some(found) = self.find(&key) {
            return Ok(found);
        }
        let value = compute()?;
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, other)) = kept.iter().find(|(k, _)| *k == key) {
            return Ok(other.clone());
        }
        if kept.len() >= N {
            kept.remove(0);
        }
        kept.push((key, value.clone()));
        Ok(value)
    }

    /// [`FewKept::get_or_compute`] for a computation that cannot fail.
    pub fn get_or_insert_with(&self, key: K, compute: impl FnOnce() -> V) -> V {
        match self.get_or_compute::<Infallible>(key, || Ok(compute())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// Lets go of the values whose key fails `keep`.
    pub fn retain(&self, mut keep: impl FnMut(&K) -> bool) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.retain(|(k, _)| keep(k));
    }

    fn find(&self, key: &K) -> Option<V> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

/// A bounded map of answers valid for one index generation.
pub struct GenerationCache<K, V> {
    capacity: usize,
    entries: Mutex<(u64, HashMap<K, V>)>,
}

impl<K: Hash + Eq, V: Clone> GenerationCache<K, V> {
    /// An empty cache holding at most `capacity` answers.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        GenerationCache {
            capacity,
            entries: Mutex::new((0, HashMap::new())),
        }
    }

    /// The answer for `key` on `generation`, computed by `compute` when not known. Two
    /// searches may compute the same answer at once; both get a correct one (the lock is not
    /// held while computing).
    pub fn get_or_compute<E>(
        &self,
        generation: u64,
        key: K,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if entries.0 == generation {
                if let Some(found) = entries.1.get(&key) {
                    return Ok(found.clone());
                }
            }
        }
        let found = compute()?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.0 != generation || entries.1.len() >= self.capacity {
            entries.1.clear();
            entries.0 = generation;
        }
        entries.1.insert(key, found.clone());
        Ok(found)
    }

    /// Answers held now.
    #[cfg(test)]
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .len()
    }

    /// Whether no answer is held.
    #[cfg(test)]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_generation_and_stays_bounded() {
        let cache: GenerationCache<u32, u32> = GenerationCache::new(2);
        let calls = std::cell::Cell::new(0);
        let get = |generation, key| {
            cache
                .get_or_compute::<()>(generation, key, || {
                    calls.set(calls.get() + 1);
                    Ok(key * 10)
                })
                .unwrap()
        };
        assert_eq!(get(1, 1), 10);
        assert_eq!(get(1, 1), 10);
        assert_eq!(get(1, 2), 20);
        // A new generation forgets the old answers.
        assert_eq!(get(2, 1), 10);
        // Full: the next new key starts afresh.
        assert_eq!(get(2, 3), 30);
        assert_eq!(get(2, 4), 40);
        assert_eq!(calls.get(), 5);
        assert!(cache.len() <= 2);
    }

    #[test]
    fn few_kept_lets_the_oldest_go() {
        let kept: FewKept<u32, u32, 2> = FewKept::default();
        let calls = std::cell::Cell::new(0);
        let get = |key| {
            kept.get_or_compute::<()>(key, || {
                calls.set(calls.get() + 1);
                Ok(key * 10)
            })
            .unwrap()
        };
        assert_eq!((get(1), get(2), get(1)), (10, 20, 10));
        assert_eq!(calls.get(), 2);
        // A third key lets the first go; the second stays.
        assert_eq!((get(3), get(2)), (30, 20));
        assert_eq!(calls.get(), 3);
        assert_eq!(get(1), 10);
        assert_eq!(calls.get(), 4);
        kept.retain(|k| *k != 1);
        assert_eq!(get(1), 10);
        assert_eq!(calls.get(), 5);
        assert!(kept.get_or_compute(9, || Err("boom")).is_err());
        assert_eq!(get(9), 90);
    }

    #[test]
    fn a_failed_computation_is_not_remembered() {
        let cache: GenerationCache<&str, u32> = GenerationCache::new(4);
        assert!(cache.get_or_compute(1, "a", || Err("boom")).is_err());
        assert!(cache.is_empty());
        assert_eq!(cache.get_or_compute::<()>(1, "a", || Ok(7)), Ok(7));
    }
}
