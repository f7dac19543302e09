//! Ranking of the hits the collector keeps: the rank key (sort order, then score, then the
//! earlier document) and a bounded heap of the best keys.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::{DocAddress, Score};

/// How hits are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankBy {
    /// Score, best first.
    Score,
    /// Publication day, newest first, then score.
    PublishedDesc,
    /// Closing day, soonest first, then score.
    ClosingAsc,
}

/// A hit's rank key: larger is better. Ties go to the earlier document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RankKey {
    pub(crate) primary: f64,
    pub(crate) score: Score,
    pub(crate) doc: DocAddress,
}

impl Eq for RankKey {}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary
            .total_cmp(&other.primary)
            .then(self.score.total_cmp(&other.score))
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Keeps the `limit` best keys.
pub(crate) struct TopK {
    limit: usize,
    // Min-heap through Reverse: the worst kept key is on top.
    heap: BinaryHeap<std::cmp::Reverse<RankKey>>,
    /// Once the heap is full, the primary key of its worst entry: a key below it is
    /// rejected with one comparison (most keys, once the heap holds good ones).
    floor: f64,
}

impl TopK {
    pub(crate) fn new(limit: usize) -> Self {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1024)),
            floor: f64::NEG_INFINITY,
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, key: RankKey) {
        // NaN primaries (never produced) fall through to the full comparison.
        if key.primary < self.floor {
            return;
        }
        self.insert(key);
    }

    fn insert(&mut self, key: RankKey) {
        if self.limit == 0 {
            return;
        }
        if self.heap.len() < self.limit {
            self.heap.push(std::cmp::Reverse(key));
        } else if let Some(worst) = self.heap.peek() {
            if key > worst.0 {
                self.heap.pop();
                self.heap.push(std::cmp::Reverse(key));
            }
        }
        if self.heap.len() == self.limit {
            if let Some(worst) = self.heap.peek() {
                self.floor = worst.0.primary;
            }
        }
    }

    pub(crate) fn into_sorted(self) -> Vec<RankKey> {
        let mut keys: Vec<RankKey> = self.heap.into_iter().map(|r| r.0).collect();
        keys.sort_by(|a, b| b.cmp(a));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(primary: f64, doc: u32) -> RankKey {
        RankKey {
            primary,
            score: 0.0,
            doc: DocAddress::new(0, doc),
        }
    }

    #[test]
    fn top_k_keeps_the_best_and_breaks_ties_by_document() {
        let mut top = TopK::new(3);
        for (p, d) in [(1.0, 0), (5.0, 1), (3.0, 2), (5.0, 3), (0.5, 4)] {
            top.push(key(p, d));
        }
        let docs: Vec<u32> = top.into_sorted().iter().map(|k| k.doc.doc_id).collect();
        assert_eq!(docs, vec![1, 3, 2]);
    }

    #[test]
    fn the_floor_rejects_exactly_what_the_heap_would() {
        // Many ties and a full heap: the fast rejection must agree with the full order.
        let mut fast = TopK::new(5);
        let mut keys = Vec::new();
        let mut seed = 3u64;
        for d in 0..500 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let k = key(((seed >> 40) % 7) as f64, d);
            fast.push(k);
            keys.push(k);
        }
        keys.sort_by(|a, b| b.cmp(a));
        keys.truncate(5);
        assert_eq!(fast.into_sorted(), keys);
    }

    #[test]
    fn zero_limit_keeps_nothing() {
        let mut top = TopK::new(0);
        top.push(key(1.0, 0));
        assert!(top.into_sorted().is_empty());
    }
}
