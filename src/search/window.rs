//! A word's clauses read a window of documents at a time: the part shared by the AND
//! ([`super::dense_and`]) and the OR ([`super::dense_or`]) of words.
//!
//! A word is the union of its clauses (its term in the title and in the body, in each
//! language). [`Word::fill`] reads every clause's documents of one window of [`WINDOW`]
//! documents into a bitset and an array of scores: a term clause's postings directly, 128
//! documents a block ([`BlockTerm`]), any other clause through its scorer. A word's score
//! adds its clauses' scores in their order, starting from zero, as tantivy's union does, so
//! the word scores what tantivy's union of its clauses scores, bit for bit.

use std::fmt;

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::explain::explain_sum;
use super::term_clause::{BlockTerm, BlockWeight};

/// Documents in one window.
pub(super) const WINDOW: u32 = 4096;

/// A word filled within the documents holding other words scores all its postings when
/// more than one document of a window in this many is kept (see [`Word::fill_within`]).
const DENSE_WITHIN: u32 = 8;

/// 64-bit words of a window's bitset.
pub(super) const BUCKETS: usize = (WINDOW / 64) as usize;

/// Score arrays kept by a thread for its next windows: at most this many (4 MB).
const SPARE_SCORES: usize = 256;

thread_local! {
    static SPARES: std::cell::RefCell<Vec<Vec<Score>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A score for each document of a window, valid only where the window's bitset is set. The
/// array is taken from the thread's spares and given back when dropped: a search opens each
/// word of its query once per segment, and zeroing a new 16 kB array for each was 1.3 % of
/// a search (the scores written by an earlier window or search are never read). It reads
/// as the window's array.
pub(super) struct Scores(Vec<Score>);

impl Scores {
    pub(super) fn new() -> Scores {
        let spare = SPARES.with(|spares| spares.borrow_mut().pop());
        Scores(spare.unwrap_or_else(|| vec![0.0; WINDOW as usize]))
    }
}

impl std::ops::Deref for Scores {
    type Target = [Score; WINDOW as usize];

    #[inline]
    fn deref(&self) -> &Self::Target {
        self.0
            .as_slice()
            .try_into()
            .expect("score arrays hold a window")
    }
}

impl std::ops::DerefMut for Scores {
    #[inline]
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0
            .as_mut_slice()
            .try_into()
            .expect("score arrays hold a window")
    }
}

impl Drop for Scores {
    fn drop(&mut self) {
        let scores = std::mem::take(&mut self.0);
        // A thread being torn down keeps nothing.
        let _ = SPARES.try_with(|spares| {
            let mut spares = spares.borrow_mut();
            if spares.len() < SPARE_SCORES {
                spares.push(scores);
            }
        });
    }
}

/// A clause's weight, and for a term clause what reading its postings directly needs.
pub(super) struct ClauseWeight {
    pub(super) weight: Box<dyn Weight>,
    pub(super) block: Option<BlockWeight>,
}

/// Words, each the list of its clauses (queries): what the AND and the OR of words hold.
pub(super) struct WordClauses(pub(super) Vec<Vec<Box<dyn Query>>>);

impl WordClauses {
    /// The weight of every clause of every word, with what reading a term clause's postings
    /// directly needs.
    pub(super) fn weights(&self, scoring: EnableScoring<'_>) -> tantivy::Result<WordWeights> {
        let words = self
            .0
            .iter()
            .map(|clauses| {
                clauses
                    .iter()
                    .map(|q| {
                        Ok(ClauseWeight {
                            weight: q.weight(scoring)?,
                            block: BlockWeight::of(&**q, scoring)?,
                        })
                    })
                    .collect::<tantivy::Result<Vec<_>>>()
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(WordWeights(words))
    }

    /// Shows `visitor` every term of every clause.
    pub(super) fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in self.0.iter().flatten() {
            clause.query_terms(visitor);
        }
    }
}

impl Clone for WordClauses {
    fn clone(&self) -> Self {
        WordClauses(
            self.0
                .iter()
                .map(|clauses| clauses.iter().map(|q| q.box_clone()).collect())
                .collect(),
        )
    }
}

impl fmt::Debug for WordClauses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

/// Each word's clauses' weights (see [`WordClauses::weights`]).
pub(super) struct WordWeights(pub(super) Vec<Vec<ClauseWeight>>);

impl WordWeights {
    /// Why `weight` (the AND or the OR of these words) scores `doc` what it does: its score,
    /// detailed by each clause matching `doc`.
    pub(super) fn explain(
        &self,
        weight: &dyn Weight,
        reader: &SegmentReader,
        doc: DocId,
    ) -> tantivy::Result<Explanation> {
        let parts = self.0.iter().flatten().map(|c| &c.weight);
        explain_sum(weight, "sum of the words' unions", parts, reader, doc)
    }
}

/// One word in a segment: its clauses' scorers and their window.
pub(super) struct Word {
    /// Its clauses' scorers; a term clause's is a [`BlockTerm`], which fills the window
    /// itself.
    clauses: Vec<Box<dyn Scorer>>,
    /// The window's documents holding the word.
    pub(super) bits: [u64; BUCKETS],
    /// The word's score of each document of the window (valid where `bits` is set).
    pub(super) scores: Scores,
    /// tantivy's cost of the word's union: its clauses' costs added.
    pub(super) cost: u64,
}

impl Word {
    /// The word of the clauses `weights` in the segment of `reader`; `None` when no clause
    /// has a document there.
    pub(super) fn open(
        weights: &[ClauseWeight],
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<Word>> {
        let mut clauses = Vec::with_capacity(weights.len());
        for clause in weights {
            // A block reader is given only for a term some posting of the segment holds.
            let scorer: Box<dyn Scorer> = match &clause.block {
                Some(block) => match block.reader(reader, boost)? {
                    Some(term) => Box::new(term),
                    None => continue,
                },
                None => match clause.weight.scorer(reader, boost)? {
                    scorer if scorer.doc() == TERMINATED => continue,
                    scorer => scorer,
                },
            };
            clauses.push(scorer);
        }
        Ok((!clauses.is_empty()).then(|| Word::new(clauses)))
    }

    fn new(clauses: Vec<Box<dyn Scorer>>) -> Word {
        let cost = clauses.iter().map(|c| c.cost()).sum();
        Word {
            clauses,
            bits: [0; BUCKETS],
            scores: Scores::new(),
            cost,
        }
    }

    /// The first document of any clause.
    pub(super) fn doc(&self) -> DocId {
        self.clauses
            .iter()
            .map(|c| c.doc())
            .min()
            .unwrap_or(TERMINATED)
    }

    /// Moves every clause before `target` to `target` or past it.
    pub(super) fn seek(&mut self, target: DocId) {
        for clause in &mut self.clauses {
            if clause.doc() < target {
                clause.seek(target);
            }
        }
    }

    /// Reads the window `start..start + WINDOW` (no clause is before `start`); every clause
    /// ends past it. Returns whether the word has a document there.
    pub(super) fn fill(&mut self, start: DocId) -> bool {
        self.fill_kept(start, |_| true)
    }

    /// As [`Word::fill`], keeping only the window's documents set in `within`: the others
    /// are not set in `bits`. Returns whether the word has one of them.
    ///
    /// An AND fills its words so, each within the documents holding the words before it.
    /// When they are few, a common word is not scored where a rarer one is missing: each
    /// posting is tested first. When more than one document in [`DENSE_WITHIN`] is kept,
    /// every posting of the window is scored and the bits masked afterwards: the test is
    /// then a branch the processor mispredicts often (up to one posting in two), which
    /// costs more than scoring the postings left out (their scores are never read).
    pub(super) fn fill_within(&mut self, start: DocId, within: &[u64; BUCKETS]) -> bool {
        let kept: u32 = within.iter().map(|w| w.count_ones()).sum();
        if kept > WINDOW / DENSE_WITHIN {
            self.fill(start);
            let mut any = false;
            for (bits, within) in self.bits.iter_mut().zip(within) {
                *bits &= within;
                any |= *bits != 0;
            }
            return any;
        }
        self.fill_kept(start, |delta| {
            within[delta / 64] & (1u64 << (delta % 64)) != 0
        })
    }

    /// Reads the window at `start`, keeping the documents `keep` accepts.
    #[inline]
    fn fill_kept(&mut self, start: DocId, keep: impl Fn(usize) -> bool + Copy) -> bool {
        self.bits = [0; BUCKETS];
        let bits = &mut self.bits;
        let scores = &mut *self.scores;
        let end = start + WINDOW;
        let mut any = false;
        for clause in &mut self.clauses {
            // A document's score is its earlier clauses' (nothing where its bit is not
            // set yet) plus this one's, added without a branch on whether an earlier clause
            // had it (for the second clause of a word, often a coin toss): the array's
            // score is multiplied by 0 or 1. What an earlier window or search left there is
            // a score, finite, so that gives 0 or the score itself.
            let mut add = |doc: DocId, score: Score| {
                let delta = (doc - start) as usize;
                let (bucket, shift) = (delta / 64, delta % 64);
                let earlier = ((bits[bucket] >> shift) & 1) as u8;
                debug_assert!(scores[delta].is_finite());
                scores[delta] = scores[delta] * Score::from(earlier) + score;
                bits[bucket] |= 1 << shift;
                any = true;
            };
            if let Some(term) = clause.downcast_mut::<BlockTerm>() {
                term.each_kept_before(end, |doc| keep((doc - start) as usize), &mut add);
            } else {
                let mut doc = clause.doc();
                while doc < end {
                    if keep((doc - start) as usize) {
                        add(doc, clause.score());
                    }
                    doc = clause.advance();
                }
            }
        }
        any
    }
}

/// The documents of a window left to walk, as a bitset, in order, and the one walked last.
pub(super) struct Walk {
    /// The window's first document.
    start: DocId,
    /// The documents not yet walked.
    bits: [u64; BUCKETS],
    /// The bucket of `bits` being walked.
    bucket: usize,
    /// The document walked last ([`TERMINATED`] past the last window).
    doc: DocId,
}

impl Walk {
    /// A walk with nothing to walk, before the first window.
    pub(super) fn empty() -> Walk {
        Walk {
            start: 0,
            bits: [0; BUCKETS],
            bucket: BUCKETS,
            doc: 0,
        }
    }

    /// Starts walking the window at `start`, whose documents are then set in `bits`.
    pub(super) fn begin(&mut self, start: DocId, bits: [u64; BUCKETS]) {
        self.start = start;
        self.bits = bits;
        self.bucket = 0;
    }

    /// The document walked last.
    #[inline]
    pub(super) fn doc(&self) -> DocId {
        self.doc
    }

    /// Where the walked document lies in the window.
    #[inline]
    pub(super) fn offset(&self) -> usize {
        (self.doc - self.start) as usize
    }

    /// Walks to the next document of the window; `None` when none is left.
    #[inline]
    fn next(&mut self) -> Option<DocId> {
        while self.bucket < BUCKETS {
            let bits = self.bits[self.bucket];
            if bits != 0 {
                self.bits[self.bucket] = bits & (bits - 1);
                self.doc = self.start + (self.bucket as u32) * 64 + bits.trailing_zeros();
                return Some(self.doc);
            }
            self.bucket += 1;
        }
        None
    }

    /// The window's first document and its documents not walked yet, the one walked last
    /// included when it lies in the window.
    pub(super) fn unwalked(&self) -> (DocId, [u64; BUCKETS]) {
        let mut bits = self.bits;
        if self.holds(self.doc) {
            let delta = (self.doc - self.start) as usize;
            bits[delta / 64] |= 1 << (delta % 64);
        }
        (self.start, bits)
    }

    /// Whether `doc` lies in the window.
    fn holds(&self, doc: DocId) -> bool {
        doc >= self.start && doc < self.start.saturating_add(WINDOW)
    }

    /// Drops the window's documents before `target`, which lies in it.
    fn skip_to(&mut self, target: DocId) {
        let delta = target - self.start;
        let bucket = (delta / 64) as usize;
        for bits in &mut self.bits[self.bucket.min(bucket)..bucket] {
            *bits = 0;
        }
        self.bits[bucket] &= u64::MAX << (delta % 64);
        self.bucket = self.bucket.max(bucket);
    }

    /// Drops every document left; the walk has ended.
    pub(super) fn end(&mut self) -> DocId {
        self.bits = [0; BUCKETS];
        self.bucket = BUCKETS;
        self.doc = TERMINATED;
        TERMINATED
    }
}

/// A scorer walking windows of documents (the AND and the OR of words): what its
/// [`DocSet`] methods ([`begin`], [`advance`], [`seek`]) need of it.
pub(super) trait Windowed {
    /// The current window's walk.
    fn walk(&mut self) -> &mut Walk;
    /// Fills the first window with a match at or after `from` and begins its walk
    /// ([`Walk::begin`]); false when there is none.
    fn fill_window(&mut self, from: DocId) -> bool;
}

/// Walks a new [`Windowed`] scorer to its first document.
pub(super) fn begin(scorer: &mut impl Windowed) {
    if scorer.fill_window(0) {
        advance(scorer);
    } else {
        scorer.walk().end();
    }
}

/// [`DocSet::advance`] of a [`Windowed`] scorer.
pub(super) fn advance(scorer: &mut impl Windowed) -> DocId {
    loop {
        if let Some(doc) = scorer.walk().next() {
            return doc;
        }
        let walk = scorer.walk();
        let following = walk.start.saturating_add(WINDOW);
        if !scorer.fill_window(following) {
            return scorer.walk().end();
        }
    }
}

/// [`Weight::scorer`] of a weight opening a [`Windowed`] scorer: boxed, or the empty scorer
/// when `scorer` is `None` (nothing to match in the segment).
///
/// [`Weight::scorer`]: tantivy::query::Weight::scorer
pub(super) fn boxed<S: Windowed + Scorer + 'static>(scorer: Option<S>) -> Box<dyn Scorer> {
    match scorer {
        Some(scorer) => Box::new(scorer),
        None => Box::new(EmptyScorer),
    }
}

/// [`Weight::for_each`] of a weight opening a [`Windowed`] scorer: every document of
/// `scorer` and its score in order, walked without a virtual call per document (tantivy's
/// default walks a boxed scorer).
///
/// [`Weight::for_each`]: tantivy::query::Weight::for_each
pub(super) fn for_each<S: Windowed + Scorer>(
    scorer: Option<S>,
    callback: &mut dyn FnMut(DocId, Score),
) {
    let Some(mut scorer) = scorer else {
        return;
    };
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        callback(doc, scorer.score());
        doc = scorer.advance();
    }
}

/// [`DocSet::seek`] of a [`Windowed`] scorer.
pub(super) fn seek(scorer: &mut impl Windowed, target: DocId) -> DocId {
    let walk = scorer.walk();
    if walk.doc >= target {
        return walk.doc;
    }
    if walk.holds(target) {
        walk.skip_to(target);
        return advance(scorer);
    }
    walk.end();
    if !scorer.fill_window(target) {
        return TERMINATED;
    }
    advance(scorer)
}
