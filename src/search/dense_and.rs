//! An AND of words, each the union of its clauses (title and body), walked a window of
//! documents at a time.
//!
//! tantivy intersects unions document by document: the rarest word's union moves to its
//! next document and every other word's union is sought there. When every word is common
//! (each union buffers a window of 4,096 documents anyway, see [`super::either_field`]),
//! the seeks cost more than the postings: each one clears and pops the union's buffer a
//! document at a time, through a virtual call per level. [`DenseAndQuery`] fills one window
//! of each word instead (its documents as a bitset, its scores as an array), ANDs the
//! bitsets 64 documents at a time and walks what is left. A word whose window holds nothing
//! leaves the other words unfilled, and the next window starts where every word has a
//! document, so a rare word still skips the common ones ahead. Each word after the least
//! costly is read only where the words before it all have a document: its other postings
//! are passed over unscored (all scored and masked afterwards when the words before it leave
//! many documents, see [`Word::fill_within`]).
//!
//! A word's term clauses ([`super::term_clause::TermClause`]) fill the window from their
//! postings directly, 128 documents a block, without a virtual call per document; any other
//! clause (a phrase, word pairs) through its scorer.
//!
//! Matches and scores are those of tantivy's `BooleanQuery` of `Must` unions, bit for bit:
//! a word's score adds its clauses' scores in order starting from zero (its union), and the
//! words' scores are added as tantivy's intersection adds them (the two least costly first,
//! then the sum of the others).

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::window::{self, Walk, Windowed, Word, WordClauses, WordWeights, BUCKETS, WINDOW};

/// The AND of `words`, each matching when one of its clauses does and scoring their sum.
#[derive(Clone, Debug)]
pub struct DenseAndQuery {
    words: WordClauses,
    /// Boosts of the whole AND, innermost first (see [`DenseAndQuery::boosted`]).
    boosts: Vec<Score>,
}

impl DenseAndQuery {
    /// The AND of `words`: each a union of clauses (one or more).
    #[must_use]
    pub fn new(words: Vec<Vec<Box<dyn Query>>>) -> DenseAndQuery {
        DenseAndQuery {
            words: WordClauses(words),
            boosts: Vec::new(),
        }
    }

    /// The same AND with its scores multiplied by `weight`: what a `BoostQuery` around it
    /// scores, bit for bit (the boost is passed down to the clauses in the same order), and
    /// still an AND that [`super::dense_or::DenseOrQuery`] can take as a part.
    #[must_use]
    pub fn boosted(mut self, weight: Score) -> DenseAndQuery {
        self.boosts.push(weight);
        self
    }

    /// The weight of every clause, with what reading a term clause's postings directly
    /// needs.
    pub(super) fn dense_weight(
        &self,
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<DenseAndWeight> {
        Ok(DenseAndWeight {
            words: self.words.weights(scoring)?,
            boosts: self.boosts.clone(),
        })
    }
}

impl Query for DenseAndQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.dense_weight(scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.words.query_terms(visitor);
    }
}

/// The weight of a [`DenseAndQuery`].
pub(super) struct DenseAndWeight {
    pub(super) words: WordWeights,
    boosts: Vec<Score>,
}

impl DenseAndWeight {
    /// The AND's words in the segment of `reader`, scored as when its scorer is asked for
    /// with `boost`; `None` when some word has no document there.
    pub(super) fn all_words(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<AllWords>> {
        // As nested `BoostWeight`s: each boost, outermost first, multiplies the one given.
        let boost = self.boosts.iter().rev().fold(boost, |acc, b| acc * b);
        let mut words = Vec::with_capacity(self.words.0.len());
        for weights in &self.words.0 {
            match Word::open(weights, reader, boost)? {
                Some(word) => words.push(word),
                None => return Ok(None),
            }
        }
        Ok(Some(AllWords::new(words)))
    }

    /// The AND's scorer in the segment of `reader`; `None` when some word has no document
    /// there.
    fn open(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<DenseAndScorer>> {
        Ok(self.all_words(reader, boost)?.map(DenseAndScorer::new))
    }

    /// Whether every word has a clause matching `doc`.
    pub(super) fn matches(&self, reader: &SegmentReader, doc: DocId) -> bool {
        self.words.0.iter().all(|clauses| {
            clauses
                .iter()
                .any(|c| c.weight.explain(reader, doc).is_ok())
        })
    }
}

impl Weight for DenseAndWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(window::boxed(self.open(reader, boost)?))
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        window::for_each(self.open(reader, 1.0)?, callback);
        Ok(())
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.words.explain(self, reader, doc)
    }
}

/// The AND of words in one segment, read a window at a time: what [`DenseAndScorer`] walks,
/// and a part of [`super::dense_or::DenseOrQuery`]'s windows.
pub(super) struct AllWords {
    /// The words, least costly first (tantivy's intersection order).
    words: Vec<Word>,
    /// The window's documents holding every word (after [`AllWords::fill`]).
    pub(super) bits: [u64; BUCKETS],
    /// No document holds every word before this one (after [`AllWords::seek`]).
    next: DocId,
}

impl AllWords {
    fn new(mut words: Vec<Word>) -> AllWords {
        words.sort_by_key(|w| w.cost);
        AllWords {
            words,
            bits: [0; BUCKETS],
            next: 0,
        }
    }

    /// tantivy's cost of the intersection: its least costly word's.
    pub(super) fn cost(&self) -> u64 {
        self.words.first().map_or(0, |w| w.cost)
    }

    /// Moves every word to `from` or past it, then further while they disagree: returns
    /// where every word has a document, before which none holds them all ([`TERMINATED`]
    /// when some word has ended).
    pub(super) fn seek(&mut self, from: DocId) -> DocId {
        let mut start = from;
        self.next = loop {
            if start >= TERMINATED {
                break TERMINATED;
            }
            for word in &mut self.words {
                word.seek(start);
            }
            let latest = self.words.iter().map(Word::doc).max().unwrap_or(TERMINATED);
            if latest == TERMINATED || latest == start {
                break latest;
            }
            start = latest;
        };
        self.next
    }

    /// Where the last [`AllWords::seek`] landed.
    pub(super) fn doc(&self) -> DocId {
        self.next
    }

    /// Reads the window `start..start + WINDOW` of every word (none is before `start`) and
    /// sets in `bits` the documents holding them all; false when none does.
    pub(super) fn fill(&mut self, start: DocId) -> bool {
        let Some((first, others)) = self.words.split_first_mut() else {
            return false;
        };
        if !first.fill(start) {
            return false;
        }
        let mut all = first.bits;
        for word in others {
            // Only where every word before has a document: the bits left are the AND.
            if !word.fill_within(start, &all) {
                return false;
            }
            all = word.bits;
        }
        self.bits = all;
        true
    }

    /// The score of the document at `delta` in the window (set in `bits`): the words'
    /// scores added as tantivy's intersection adds them (the two least costly first, then
    /// the sum of the others).
    #[inline]
    pub(super) fn score(&self, delta: usize) -> Score {
        match self.words.as_slice() {
            [left, right, others @ ..] => {
                left.scores[delta]
                    + right.scores[delta]
                    + others.iter().map(|w| w.scores[delta]).sum::<Score>()
            }
            [only] => only.scores[delta],
            [] => 0.0,
        }
    }
}

/// The AND of words in one segment (see the [module](self)).
struct DenseAndScorer {
    words: AllWords,
    /// The window's documents holding every word, not yet walked.
    walk: Walk,
}

impl DenseAndScorer {
    fn new(words: AllWords) -> DenseAndScorer {
        let mut scorer = DenseAndScorer {
            words,
            walk: Walk::empty(),
        };
        window::begin(&mut scorer);
        scorer
    }
}

impl Windowed for DenseAndScorer {
    fn walk(&mut self) -> &mut Walk {
        &mut self.walk
    }

    /// Fills the next window holding every word at or after `from`; false when there is none.
    fn fill_window(&mut self, from: DocId) -> bool {
        let mut start = from;
        loop {
            start = self.words.seek(start);
            if start == TERMINATED {
                return false;
            }
            if self.words.fill(start) {
                self.walk.begin(start, self.words.bits);
                return true;
            }
            start += WINDOW;
        }
    }
}

impl DocSet for DenseAndScorer {
    fn advance(&mut self) -> DocId {
        window::advance(self)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        window::seek(self, target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.walk.doc()
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.words.cost()).unwrap_or(u32::MAX)
    }

    fn cost(&self) -> u64 {
        // As tantivy's intersection: the least costly word's.
        self.words.cost()
    }
}

impl Scorer for DenseAndScorer {
    #[inline]
    fn score(&mut self) -> Score {
        if self.walk.doc() == TERMINATED {
            return 0.0;
        }
        self.words.score(self.walk.offset())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scorer_tests::{
        and_of_unions, clauses, forms, index, matches, seeks_land_alike,
    };

    #[test]
    fn matches_and_scores_are_those_of_tantivys_and_of_unions() {
        let (index, title, body) = index();
        for combination in [
            &["common", "usual"][..],
            &["usual", "common"],
            &["common", "rare"],
            &["gappy", "common", "usual"],
            &["rare", "gappy", "usual", "common"],
            &["gappy", "absent"],
        ] {
            let [words, terms, mixed] = forms(title, body, combination);
            let expected = matches(&index, &and_of_unions(&words));
            if !combination.contains(&"absent") {
                assert!(expected.len() > 10, "{combination:?}");
            }
            for (form, words) in [("tantivy's", words), ("terms", terms), ("mixed", mixed)] {
                let dense = DenseAndQuery::new(words);
                assert_eq!(matches(&index, &dense), expected, "{form} {combination:?}");
            }
        }
    }

    #[test]
    fn term_clauses_are_read_block_by_block_when_scored() {
        let (index, title, body) = index();
        let searcher = index.reader().expect("reader").searcher();
        let [words, terms, _] = forms(title, body, &["common", "usual"]);
        let blocks = |words: Vec<Vec<Box<dyn Query>>>, scoring| {
            let weight = DenseAndQuery::new(words)
                .dense_weight(scoring)
                .expect("weight");
            let flat: Vec<bool> = weight
                .words
                .0
                .iter()
                .flatten()
                .map(|c| c.block.is_some())
                .collect();
            flat
        };
        let scored = EnableScoring::enabled_from_searcher(&searcher);
        assert_eq!(blocks(terms, scored), [true; 4]);
        assert_eq!(blocks(words, scored), [false; 4]);
        let [_, terms, _] = forms(title, body, &["common", "usual"]);
        let unscored = EnableScoring::disabled_from_searcher(&searcher);
        assert_eq!(blocks(terms, unscored), [false; 4]);
    }

    #[test]
    fn seeks_land_where_tantivys_intersection_does() {
        let (index, title, body) = index();
        let [words, terms, _] = forms(title, body, &["common", "gappy"]);
        let [again, ..] = forms(title, body, &["common", "gappy"]);
        for form in [again, terms] {
            seeks_land_alike(&index, &DenseAndQuery::new(form), &and_of_unions(&words));
        }
    }

    #[test]
    fn a_word_filled_within_documents_reads_those_only_and_scores_them_alike() {
        let (index, title, body) = index();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let [_, terms, _] = forms(title, body, &["common"]);
        let weight = DenseAndQuery::new(terms)
            .dense_weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let open = || {
            Word::open(&weight.words.0[0], reader, 1.0)
                .expect("open")
                .expect("the word has documents")
        };
        let mut whole = open();
        assert!(whole.fill(0));
        let whole_count: u32 = whole.bits.iter().map(|b| b.count_ones()).sum();
        // Every third document of the window (a dense filter: every posting is read and the
        // bits masked), then every sixteenth (a sparse one: postings tested one by one).
        for step in [3, 16] {
            let mut part = open();
            let mut within = [0u64; BUCKETS];
            for delta in (0..WINDOW as usize).step_by(step) {
                within[delta / 64] |= 1 << (delta % 64);
            }
            assert!(part.fill_within(0, &within));
            let mut kept = 0;
            for delta in 0..WINDOW as usize {
                let (bucket, bit) = (delta / 64, 1u64 << (delta % 64));
                let expected = whole.bits[bucket] & within[bucket] & bit != 0;
                assert_eq!(part.bits[bucket] & bit != 0, expected, "{step}: {delta}");
                if expected {
                    kept += 1;
                    assert_eq!(part.scores[delta].to_bits(), whole.scores[delta].to_bits());
                }
            }
            assert!(kept > 0 && kept < whole_count, "{kept} of {whole_count}");
        }
    }

    #[test]
    fn its_terms_are_its_words() {
        let (_, title, body) = index();
        let dense = DenseAndQuery::new(vec![
            clauses(title, body, "common", 1.0),
            clauses(title, body, "rare", 1.0),
        ]);
        let mut terms = Vec::new();
        dense.query_terms(&mut |term, _| terms.push(term.clone()));
        assert_eq!(terms.len(), 4);
    }
}
