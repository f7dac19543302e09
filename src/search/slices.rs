//! Searches split into slices of documents, collected on several threads while cores are idle.
//!
//! A search's cost is mostly per match: every match is scored, ranked and counted in every
//! facet, on one thread per search. When fewer searches are running than the engine has
//! threads, a search that matches many documents cuts its segments' document ids into
//! contiguous ranges (the way Lucene's `IndexSearcher` slices segments, but inside a segment
//! too), which the calling thread and idle pool threads claim one at a time. Each range gets
//! its own scorer from the same `Weight`, moved to the range's first document, and its own
//! segment collector; the
//! collectors of one segment are then added together ([`FacetedSegment::absorb`]) before the
//! segment's counts are named and cut, and the segments are merged as tantivy merges them.
//! Counts, totals and kept hits are those of the unsplit search: ranges are disjoint and
//! cover every document, and the rank key orders every hit the same way in any range.
//!
//! This lowers latency by using idle cores; it costs a little more CPU per search (one more
//! scorer per range, a thread hand-off), so it stays off under load: a search is split into
//! at most `threads / searches in flight` slices, and when the split searches show that the
//! cores are busy anyway (other processes), the next ones run on one thread for a while.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::time::Instant;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader};

use super::collector::{FacetedCollector, FacetedSegment, TopAndCounts};
use super::dense_or::{DenseOrQuery, DenseOrScorer};
use crate::Result;

/// Least estimated work (tantivy's `cost`: about the postings the query's scorers walk,
/// summed over segments) for which a search is split: below it the thread hand-off and the
/// extra scorers cost more than they save.
pub const DEFAULT_MIN_SLICED_COST: u64 = 32_768;

/// Runs searches, split into slices when cores are idle (see the module documentation).
pub struct Slicer {
    /// Most slices of one search (the calling thread runs one, the pool the others).
    threads: usize,
    /// See [`DEFAULT_MIN_SLICED_COST`].
    min_cost: u64,
    /// Searches running now.
    in_flight: AtomicUsize,
    /// Searches left to run on one thread before splitting again (see [`Slicer::learn`]).
    skip: AtomicUsize,
    /// What `skip` is set to the next time a split does not pay.
    backoff: AtomicUsize,
    /// `threads - 1` workers, started by the first split search.
    pool: OnceLock<Option<rayon::ThreadPool>>,
}

/// A search counted as running until dropped (see [`Slicer::enter`]).
pub struct Running<'a>(&'a AtomicUsize);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A range of documents `start..end` of the segment `segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    segment: usize,
    start: DocId,
    end: DocId,
}

impl Slicer {
    /// Splits searches into at most `threads` slices (1: never), each search costing at
    /// least `min_cost` (see [`DEFAULT_MIN_SLICED_COST`]).
    #[must_use]
    pub fn new(threads: usize, min_cost: u64) -> Slicer {
        Slicer {
            threads: threads.max(1),
            min_cost,
            in_flight: AtomicUsize::new(0),
            skip: AtomicUsize::new(0),
            backoff: AtomicUsize::new(1),
            pool: OnceLock::new(),
        }
    }

    /// The default number of threads: the machine's available cores.
    #[must_use]
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    }

    /// Most slices of one search.
    #[must_use]
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Least estimated work of a split search.
    #[must_use]
    pub fn min_cost(&self) -> u64 {
        self.min_cost
    }

    /// Counts a search as running until the returned guard is dropped.
    pub fn enter(&self) -> Running<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        Running(&self.in_flight)
    }

    /// Slices a search may use now: the threads left idle by the searches running (one
    /// while backing off, see [`Slicer::learn`]).
    fn slices(&self) -> usize {
        let running = self.in_flight.load(Ordering::Relaxed).max(1);
        let slices = (self.threads / running).max(1);
        if slices > 1 && self.skip.load(Ordering::Relaxed) > 0 {
            // Racy by design: an approximate count of searches left on one thread.
            let _ = self
                .skip
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |s| s.checked_sub(1));
            return 1;
        }
        slices
    }

    /// Learns from a split search whether splitting pays on this machine now. It pays when a
    /// pool thread collected a piece and the calling thread, done with its own pieces, waited
    /// at most half as long as they took: the cores were idle. Otherwise (other processes
    /// keep the cores busy, so the pool thread starts late or is preempted) the next
    /// searches run on one thread: 1, 2, 4... up to 256 of them after successive failures,
    /// then a split search tries again. With a least cost of 0 (every search split, as in
    /// tests) nothing is learnt.
    fn learn(&self, pays: bool) {
        if self.min_cost == 0 {
            return;
        }
        if pays {
            self.backoff.store(1, Ordering::Relaxed);
        } else {
            let backoff = self.backoff.load(Ordering::Relaxed);
            self.skip.store(backoff, Ordering::Relaxed);
            self.backoff
                .store((backoff * 2).min(MAX_BACKOFF), Ordering::Relaxed);
        }
    }

    fn pool(&self) -> Option<&rayon::ThreadPool> {
        self.pool
            .get_or_init(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(self.threads - 1)
                    .thread_name(|i| format!("search-slice-{i}"))
                    .build()
                    .map_err(|e| tracing::warn!("searches stay on one thread: {e}"))
                    .ok()
            })
            .as_ref()
    }

    /// Runs `collector` over the matches of `query`: what `searcher.search` finds, split
    /// into slices when that pays and threads are idle. Scores are computed from
    /// `statistics` (the searcher itself, or what is kept of its statistics).
    pub fn search(
        &self,
        searcher: &Searcher,
        statistics: &dyn Bm25StatisticsProvider,
        query: &dyn Query,
        collector: &FacetedCollector,
    ) -> Result<TopAndCounts> {
        let slices = self.slices();
        let pool = match (slices > 1).then(|| self.pool()).flatten() {
            Some(pool) => pool,
            None => return whole(searcher, statistics, query, collector),
        };
        let scored = collector.requires_scoring();
        let scoring = if scored {
            EnableScoring::enabled_from_statistics_provider(statistics, searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let weight = query.weight(scoring)?;
        let readers = searcher.segment_readers();
        let mut scorers = Vec::with_capacity(readers.len());
        for reader in readers {
            scorers.push(Some(weight.scorer(reader, 1.0)?));
        }
        let cost: u64 = scorers.iter().flatten().map(|s| s.cost()).sum();
        let slices = if cost < self.min_cost { 1 } else { slices };
        let max_docs: Vec<DocId> = readers.iter().map(SegmentReader::max_doc).collect();
        let pieces: Vec<Piece> = plan(&max_docs, slices * PIECES_PER_SLICE)
            .into_iter()
            .flatten()
            .collect();
        let built = pieces
            .iter()
            .map(|p| {
                let scorer = (p.start == 0).then(|| scorers[p.segment].take()).flatten();
                Mutex::new(scorer)
            })
            .collect();
        let work = Arc::new(Work {
            searcher: searcher.clone(),
            weight,
            collector: FacetedCollector {
                floor: Some(Arc::default()),
                ..collector.clone()
            },
            scored,
            pieces,
            built,
            next: AtomicUsize::new(0),
            done: Mutex::new(Done::default()),
            finished: Condvar::new(),
        });
        for _ in 1..slices {
            let work = Arc::clone(&work);
            pool.spawn(move || work.claim(true));
        }
        let started = Instant::now();
        work.claim(false);
        let own = started.elapsed();
        let mut found = work.wait();
        if slices > 1 {
            let waited = started.elapsed() - own;
            let helped = work.done.lock().map_or(0, |d| d.by_pool) > 0;
            self.learn(helped && waited <= own / 2);
        }
        found.sort_by_key(|(piece, _)| *piece);
        let mut by_segment: BTreeMap<usize, FacetedSegment> = BTreeMap::new();
        for (piece, child) in found {
            let child = match child {
                Ok(child) => child?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            match by_segment.entry(work.pieces[piece].segment) {
                Entry::Occupied(mut e) => e.get_mut().absorb(child),
                Entry::Vacant(e) => {
                    e.insert(child);
                }
            }
        }
        let fruits = by_segment
            .into_values()
            .map(SegmentCollector::harvest)
            .collect();
        Ok(collector.merge_fruits(fruits)?)
    }
}

/// Most searches run on one thread after splits that did not pay (see [`Slicer::learn`]).
const MAX_BACKOFF: usize = 256;

/// Pieces per slice. The threads claim pieces one at a time, so that a pool thread that
/// starts late (its core busy with something else) leaves its piece to the calling thread
/// instead of being waited for. More pieces would even out uneven ones, but each costs a
/// scorer (whose union buffers a window of documents before the piece's start), a
/// collector and a merge: measured on `evaluation` (40,000 matches), 2 pieces per slice
/// cost 0.32 ms of CPU more than one thread, 1 piece 0.20 ms.
const PIECES_PER_SLICE: usize = 1;

/// What a piece's collector found, or its panic.
type PieceResult = std::thread::Result<tantivy::Result<FacetedSegment>>;

/// Pieces collected so far.
#[derive(Default)]
struct Done {
    count: usize,
    /// Pieces collected by pool threads.
    by_pool: usize,
    found: Vec<(usize, PieceResult)>,
}

/// The pieces of one split search, claimed one at a time by the calling thread and the
/// pool's threads.
struct Work {
    searcher: Searcher,
    weight: Box<dyn Weight>,
    collector: FacetedCollector,
    scored: bool,
    pieces: Vec<Piece>,
    /// The scorer built (to estimate the cost) for each piece starting a segment.
    built: Vec<Mutex<Option<Box<dyn Scorer>>>>,
    /// The next piece to claim.
    next: AtomicUsize,
    done: Mutex<Done>,
    /// Signalled when every piece is collected.
    finished: Condvar,
}

impl Work {
    /// Collects pieces until none is left to claim.
    fn claim(&self, pool: bool) {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = self.pieces.get(i) else {
                return;
            };
            let found = std::panic::catch_unwind(AssertUnwindSafe(|| self.collect(i, *piece)));
            let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
            done.count += 1;
            done.by_pool += usize::from(pool);
            done.found.push((i, found));
            if done.count == self.pieces.len() {
                self.finished.notify_all();
            }
        }
    }

    /// Waits until every piece is collected; returns what each found.
    fn wait(&self) -> Vec<(usize, PieceResult)> {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        while done.count < self.pieces.len() {
            done = self
                .finished
                .wait(done)
                .unwrap_or_else(PoisonError::into_inner);
        }
        std::mem::take(&mut done.found)
    }

    /// Collects piece `i` with a collector of its own.
    fn collect(&self, i: usize, piece: Piece) -> tantivy::Result<FacetedSegment> {
        let reader = self.searcher.segment_reader(piece.segment as u32);
        let built = self.built[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let scorer = match built {
            Some(scorer) => scorer,
            None => self.weight.scorer(reader, 1.0)?,
        };
        let mut child = self.collector.for_segment(piece.segment as u32, reader)?;
        child.within(piece.start, piece.end, self.collector.complement);
        drive(&mut child, scorer, reader, piece, self.scored);
        Ok(child)
    }
}

/// What `searcher.search(query, collector)` finds, on this thread; an OR walked a window at
/// a time ([`DenseOrQuery`]) hands its matches to the collector a window at a time (see
/// [`FacetedCollector::collect_windows`]).
fn whole(
    searcher: &Searcher,
    statistics: &dyn Bm25StatisticsProvider,
    query: &dyn Query,
    collector: &FacetedCollector,
) -> Result<TopAndCounts> {
    if !collector.requires_scoring() || query.downcast_ref::<DenseOrQuery>().is_none() {
        return Ok(searcher.search_with_statistics_provider(query, collector, statistics)?);
    }
    // As tantivy's `Searcher::search_with_statistics_provider`: the weight scored from the
    // statistics, each segment collected in order, the fruits merged.
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
        statistics, searcher,
    ))?;
    let mut fruits = Vec::with_capacity(searcher.segment_readers().len());
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let segment = segment as u32;
        let mut scorer = weight.scorer(reader, 1.0)?;
        fruits.push(match DenseOrScorer::of(&mut *scorer) {
            Some(or) => collector.collect_windows(segment, reader, or)?,
            None => collector.collect_segment(&*weight, segment, reader)?,
        });
    }
    Ok(collector.merge_fruits(fruits)?)
}

/// Feeds the live matches of `piece` to `child`, as tantivy's own collection does (score 0
/// when the collector does not need scores).
fn drive(
    child: &mut FacetedSegment,
    mut scorer: Box<dyn Scorer>,
    reader: &SegmentReader,
    piece: Piece,
    scored: bool,
) {
    let mut doc = scorer.doc();
    if doc < piece.start {
        doc = scorer.seek(piece.start);
    }
    let alive = reader.alive_bitset();
    // `TERMINATED` is above every document id.
    while doc < piece.end {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            let score = if scored { scorer.score() } else { 0.0 };
            child.collect(doc, score);
        }
        doc = scorer.advance();
    }
}

/// Cuts the segments' documents (`max_docs[s]` ids each) into `slices` groups of contiguous,
/// disjoint, non-empty pieces of about equal size, covering every document once.
fn plan(max_docs: &[DocId], slices: usize) -> Vec<Vec<Piece>> {
    let total: u64 = max_docs.iter().map(|&d| u64::from(d)).sum();
    let slices = slices.max(1);
    let share = total.div_ceil(slices as u64).max(1);
    let mut out: Vec<Vec<Piece>> = vec![Vec::new(); slices];
    let mut slice = 0;
    let mut room = share;
    for (segment, &max_doc) in max_docs.iter().enumerate() {
        let mut start = 0;
        while start < max_doc {
            let take = (u64::from(max_doc - start)).min(room) as DocId;
            let end = start + take;
            out[slice].push(Piece {
                segment,
                start,
                end,
            });
            start = end;
            room -= u64::from(take);
            if room == 0 && slice + 1 < slices {
                slice += 1;
                room = share;
            } else if room == 0 {
                room = u64::MAX;
            }
        }
    }
    out.retain(|pieces| !pieces.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every document of every segment is in exactly one piece, pieces are in order.
    fn check(max_docs: &[DocId], slices: usize) {
        let plan = plan(max_docs, slices);
        assert!(plan.len() <= slices.max(1));
        let mut next = vec![0; max_docs.len()];
        for piece in plan.iter().flatten() {
            assert!(piece.start < piece.end, "{piece:?}");
            assert_eq!(piece.start, next[piece.segment], "{max_docs:?} {slices}");
            next[piece.segment] = piece.end;
        }
        assert_eq!(next, max_docs, "{max_docs:?} {slices}");
    }

    #[test]
    fn pieces_cover_every_document_once() {
        for max_docs in [
            vec![],
            vec![0],
            vec![1],
            vec![100_000],
            vec![7, 0, 13],
            vec![150_000, 150_000, 149_999, 3, 80_000],
            vec![5; 9],
        ] {
            for slices in 1..6 {
                check(&max_docs, slices);
            }
        }
    }

    #[test]
    fn slices_are_about_equal() {
        let plan = plan(&[100_000], 2);
        assert_eq!(plan.len(), 2);
        assert_eq!(plan[0][0].end, 50_000);
        let plan = plan_sizes(&[60_000, 20_000, 20_000], 2);
        assert_eq!(plan, vec![50_000, 50_000]);
    }

    fn plan_sizes(max_docs: &[DocId], slices: usize) -> Vec<u32> {
        plan(max_docs, slices)
            .iter()
            .map(|p| p.iter().map(|x| x.end - x.start).sum())
            .collect()
    }

    #[test]
    fn only_idle_threads_are_used() {
        let slicer = Slicer::new(2, 1);
        assert_eq!(slicer.slices(), 2);
        let a = slicer.enter();
        assert_eq!(slicer.slices(), 2);
        let b = slicer.enter();
        assert_eq!(slicer.slices(), 1);
        drop(a);
        drop(b);
        // Splits that do not pay: the next searches stay on one thread, more after each.
        slicer.learn(false);
        assert_eq!(slicer.slices(), 1);
        assert_eq!(slicer.slices(), 2);
        slicer.learn(false);
        assert_eq!(
            (slicer.slices(), slicer.slices(), slicer.slices()),
            (1, 1, 2)
        );
        slicer.learn(true);
        slicer.learn(false);
        assert_eq!((slicer.slices(), slicer.slices()), (1, 2));
        assert_eq!(Slicer::new(1, 0).slices(), 1);
        assert_eq!(Slicer::new(0, 0).threads(), 1);
    }
}
