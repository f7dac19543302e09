//! Ranking of the hits the collector keeps: the rank key (sort order, then score, then the
//! earlier document) and a bounded buffer of the best keys.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::Arc;

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

/// The highest floor of several [`TopK`]s keeping the best keys of disjoint parts of one
/// search (see [`super::slices`]). A floor is below `limit` keys of the whole search, so no
/// key below it can be among the best: every part may reject below the highest floor of
/// all, which rises faster than each one's own.
#[derive(Debug, Default)]
pub(crate) struct SharedFloor(AtomicU64);

impl SharedFloor {
    /// `value` as an unsigned number of the same order (0: no floor yet).
    fn encode(value: f64) -> u64 {
        let bits = value.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | (1 << 63)
        }
    }

    fn get(&self) -> f64 {
        match self.0.load(AtomicOrdering::Relaxed) {
            0 => f64::NEG_INFINITY,
            v if v >> 63 == 1 => f64::from_bits(v & !(1 << 63)),
            v => f64::from_bits(!v),
        }
    }

    fn raise(&self, floor: f64) {
        self.0
            .fetch_max(Self::encode(floor), AtomicOrdering::Relaxed);
    }
}

/// Keeps the `limit` best keys.
///
/// Keys above the floor are appended to a buffer of up to twice `limit`; when it is full, the
/// best `limit` are selected (in linear time) and the floor rises to the worst of them. Each
/// key kept costs a few comparisons, where a heap of 200 sifts it down eight levels.
///
/// A key equal to the floor may still be among the best (the merge of the segments' best
/// keys offers them in no order), unless the keys come in ascending document order and
/// the primary key decides everything but the document ([`TopK::ties_lose`]): then a key
/// equal to the worst of `limit` kept ones loses to each of them, and is rejected by the
/// floor's one comparison. Copies of a posting score alike: on the 100k replica (99 copies
/// of each record), dense searches pushed every copy of the record at the floor and cut the
/// buffer again and again.
///
/// tantivy's `TopNComputer` works this way too but does not fit: it always rejects a key
/// equal to its threshold, it allocates twice its limit up front (an export asks for every
/// match), and its threshold is not shared with the search's other parts.
pub(crate) struct TopK {
    limit: usize,
    keys: Vec<RankKey>,
    /// The primary key of the worst of `limit` keys known to be kept.
    floor: f64,
    /// What an offered key's primary must reach: the floor, or just above it when a key
    /// equal to the floor loses (see [`TopK::ties_lose`]). A key below it is rejected with
    /// one comparison (most keys, once the buffer has been cut once).
    bar: f64,
    /// Whether keys come in ascending document order and their primary decides all but
    /// the document (see [`TopK::ties_lose`]).
    ties_lose: bool,
    /// The floor shared with the search's other parts, if any.
    shared: Option<Arc<SharedFloor>>,
}

impl TopK {
    pub(crate) fn new(limit: usize) -> Self {
        TopK {
            limit,
            keys: Vec::with_capacity(limit.min(1024) * 2),
            floor: f64::NEG_INFINITY,
            bar: f64::NEG_INFINITY,
            ties_lose: false,
            shared: None,
        }
    }

    /// Declares (or, with `false`, stops declaring) that the keys offered from now on come
    /// in ascending document order and that their primary key decides all but the document
    /// (ranking by score): a key equal to the floor that the buffer's own keys set is then
    /// turned away, since each of the `limit` kept keys beats it.
    pub(crate) fn ties_lose(&mut self, lose: bool) {
        self.ties_lose = lose;
        if !lose {
            self.bar = self.floor;
        }
    }

    /// Keeps the best keys of one part of a search whose other parts share `shared` (the
    /// best keys of the whole search stay in some part).
    pub(crate) fn sharing(limit: usize, shared: Option<Arc<SharedFloor>>) -> Self {
        TopK {
            shared,
            ..TopK::new(limit)
        }
    }

    /// The primary key below which an offered key is turned away: the floor, or just above
    /// it while ties with the floor lose (it only rises, but for that step back when they
    /// stop losing).
    pub(crate) fn bar(&self) -> f64 {
        self.bar
    }

    /// Whether a key of `primary` offered under `bar` (see [`TopK::bar`]) gets past the
    /// floor's test of [`TopK::push`]: it does unless it is below (a NaN does), a test
    /// without a branch for callers that decide many keys at once.
    #[inline(always)]
    pub(crate) fn clears(primary: f64, bar: f64) -> bool {
        (primary >= bar) | primary.is_nan()
    }

    /// Offers `key`. Most keys of a long search fall below the floor: that test is inlined
    /// into the caller's loop, the rest is not.
    #[inline(always)]
    pub(crate) fn push(&mut self, key: RankKey) {
        // NaN primaries (never produced) fall through to the full comparison.
        if key.primary < self.bar {
            return;
        }
        self.push_above_floor(key);
    }

    #[inline(never)]
    fn push_above_floor(&mut self, key: RankKey) {
        if let Some(shared) = &self.shared {
            let floor = shared.get();
            if key.primary < floor {
                // Set by another part of the search, whose keys may come after this one's:
                // a key equal to it may still win its tie.
                self.floor = floor;
                self.bar = floor;
                return;
            }
        }
        if self.limit == 0 {
            return;
        }
        if self.keys.len() >= self.limit.saturating_mul(2) {
            self.cut();
            if key.primary < self.bar {
                return;
            }
        }
        self.keys.push(key);
    }

    /// Keeps the best `limit` keys and raises the floor to the worst of them.
    fn cut(&mut self) {
        let last = self.limit - 1;
        self.keys.select_nth_unstable_by(last, |a, b| b.cmp(a));
        self.keys.truncate(self.limit);
        let worst = self.keys[last].primary;
        if worst >= self.floor {
            self.floor = worst;
            self.bar = if self.ties_lose {
                worst.next_up()
            } else {
                worst
            };
        }
        if let Some(shared) = &self.shared {
            shared.raise(self.floor);
        }
    }

    /// The best `limit` keys, best first.
    pub(crate) fn into_sorted(self) -> Vec<RankKey> {
        let mut keys = self.into_best();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys
    }

    /// The best `limit` keys in no order: for a part of a search whose keys are offered to
    /// another [`TopK`], which keeps the same best keys whatever order they come in (a new
    /// one's ties do not lose).
    pub(crate) fn into_best(mut self) -> Vec<RankKey> {
        if self.keys.len() > self.limit {
            if self.limit == 0 {
                self.keys.clear();
            } else {
                self.keys
                    .select_nth_unstable_by(self.limit - 1, |a, b| b.cmp(a));
                self.keys.truncate(self.limit);
            }
        }
        self.keys
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
    fn the_floor_rejects_only_keys_the_full_order_drops() {
        // Many ties and many cuts: the fast rejection must agree with the full order.
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
    fn keys_in_document_order_lose_their_ties_with_the_floor() {
        // Seven values for 2,000 keys: each value is shared by hundreds, as the copies of
        // one posting share a score.
        let mut seed = 11u64;
        let keys: Vec<RankKey> = (0..2000)
            .map(|d| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                key(((seed >> 40) % 7) as f64, d)
            })
            .collect();
        let mut best = keys.clone();
        best.sort_by(|a, b| b.cmp(a));
        best.truncate(9);
        let mut strict = TopK::new(9);
        strict.ties_lose(true);
        for k in &keys {
            strict.push(*k);
        }
        // The ties at the floor were turned away by its one comparison: the buffer was
        // cut a handful of times, not once per nine keys equal to the floor.
        assert!(
            strict.bar() > strict.floor,
            "{} {}",
            strict.bar(),
            strict.floor
        );
        assert_eq!(strict.into_sorted(), best);

        // Three parts in document order, each offered its keys in order, the later parts
        // ahead of the earlier ones (the shared floor a later part raises is no tie an
        // earlier part loses), then merged in no order.
        let shared = Some(Arc::new(SharedFloor::default()));
        let mut parts: Vec<TopK> = (0..3).map(|_| TopK::sharing(9, shared.clone())).collect();
        for part in &mut parts {
            part.ties_lose(true);
        }
        let third = keys.len() / 3;
        for i in 0..keys.len() - 2 * third {
            for p in (0..3).rev() {
                if let Some(k) = keys.get(p * third + i).filter(|_| p == 2 || i < third) {
                    parts[p].push(*k);
                }
            }
        }
        let mut merged = parts.remove(0);
        merged.ties_lose(false);
        for part in parts {
            for k in part.into_best() {
                merged.push(k);
            }
        }
        assert_eq!(merged.into_sorted(), best);

        // A later part raises the shared floor to 5 first; the earlier part's own keys of 5
        // win their ties with it.
        let shared = Some(Arc::new(SharedFloor::default()));
        let (mut early, mut late) = (
            TopK::sharing(3, shared.clone()),
            TopK::sharing(3, shared.clone()),
        );
        early.ties_lose(true);
        late.ties_lose(true);
        for i in 0..100 {
            late.push(key(5.0, 200 + i));
            early.push(key(if i == 90 || i == 95 { 5.0 } else { 1.0 }, i));
        }
        early.ties_lose(false);
        for k in late.into_best() {
            early.push(k);
        }
        let docs: Vec<u32> = early.into_sorted().iter().map(|k| k.doc.doc_id).collect();
        assert_eq!(docs, vec![90, 95, 200]);
    }

    #[test]
    fn parts_sharing_a_floor_keep_the_best_keys_of_all() {
        let mut keys = Vec::new();
        let mut seed = 5u64;
        for d in 0..3000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            // Negative primaries too (closing dates are ranked by their opposite).
            keys.push(key(((seed >> 40) % 41) as f64 - 20.0, d));
        }
        let shared = Some(Arc::new(SharedFloor::default()));
        let mut parts: Vec<TopK> = (0..3).map(|_| TopK::sharing(7, shared.clone())).collect();
        for (i, k) in keys.iter().enumerate() {
            parts[i * 3 / keys.len()].push(*k);
        }
        let mut merged = TopK::new(7);
        for part in parts {
            for k in part.into_best() {
                merged.push(k);
            }
        }
        keys.sort_by(|a, b| b.cmp(a));
        keys.truncate(7);
        assert_eq!(merged.into_sorted(), keys);
    }

    #[test]
    fn the_shared_floor_keeps_the_order_of_numbers() {
        let floor = SharedFloor::default();
        assert_eq!(floor.get(), f64::NEG_INFINITY);
        for v in [-3.5, -0.0, 0.0, 2.0, 1.0, -7.0] {
            floor.raise(v);
        }
        assert_eq!(floor.get(), 2.0);
        let low = SharedFloor::default();
        low.raise(-7.0);
        assert_eq!(low.get(), -7.0);
    }

    #[test]
    fn an_unbounded_limit_keeps_every_key() {
        // Exports ask for every match.
        let mut top = TopK::new(usize::MAX);
        for d in 0..100 {
            top.push(key(f64::from(d % 3), d));
        }
        assert_eq!(top.into_sorted().len(), 100);
    }

    #[test]
    fn zero_limit_keeps_nothing() {
        let mut top = TopK::new(0);
        top.push(key(1.0, 0));
        assert!(top.into_sorted().is_empty());
    }
}
