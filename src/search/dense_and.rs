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
//! document, so a rare word still skips the common ones ahead.
//!
//! A word's term clauses ([`super::term_clause::TermClause`]) fill the window from their
//! postings directly, 128 documents a block, without a virtual call per document; any other
//! clause (a phrase, word pairs) through its scorer.
//!
//! Matches and scores are those of tantivy's `BooleanQuery` of `Must` unions, bit for bit:
//! a word's score adds its clauses' scores in order starting from zero (its union), and the
//! words' scores are added as tantivy's intersection adds them (the two least costly first,
//! then the sum of the others).

use std::fmt;

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::explain::explain_sum;
use super::term_clause::{BlockTerm, BlockWeight};

/// Documents in one window.
const WINDOW: u32 = 4096;

/// 64-bit words of a window's bitset.
const BUCKETS: usize = (WINDOW / 64) as usize;

/// The AND of `words`, each matching when one of its clauses does and scoring their sum.
pub struct DenseAndQuery {
    words: Vec<Vec<Box<dyn Query>>>,
}

impl DenseAndQuery {
    /// The AND of `words`: each a union of clauses (one or more).
    #[must_use]
    pub fn new(words: Vec<Vec<Box<dyn Query>>>) -> DenseAndQuery {
        DenseAndQuery { words }
    }
}

impl Clone for DenseAndQuery {
    fn clone(&self) -> Self {
        DenseAndQuery {
            words: self
                .words
                .iter()
                .map(|clauses| clauses.iter().map(|q| q.box_clone()).collect())
                .collect(),
        }
    }
}

impl fmt::Debug for DenseAndQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DenseAndQuery").field(&self.words).finish()
    }
}

impl DenseAndQuery {
    /// The weight of every clause, with what reading a term clause's postings directly
    /// needs.
    fn dense_weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<DenseAndWeight> {
        let words = self
            .words
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
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(DenseAndWeight { words })
    }
}

impl Query for DenseAndQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.dense_weight(scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in self.words.iter().flatten() {
            clause.query_terms(visitor);
        }
    }
}

/// A clause's weight, and for a term clause what reading its postings directly needs.
struct ClauseWeight {
    weight: Box<dyn Weight>,
    block: Option<BlockWeight>,
}

struct DenseAndWeight {
    words: Vec<Vec<ClauseWeight>>,
}

impl Weight for DenseAndWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut words = Vec::with_capacity(self.words.len());
        for weights in &self.words {
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
            if clauses.is_empty() {
                return Ok(Box::new(EmptyScorer));
            }
            words.push(Word::new(clauses));
        }
        Ok(Box::new(DenseAndScorer::new(words)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let parts = self.words.iter().flatten().map(|c| &c.weight);
        explain_sum(self, "sum of the words' unions", parts, reader, doc)
    }
}

/// One word in a segment: its clauses' scorers and their window.
struct Word {
    /// Its clauses' scorers; a term clause's is a [`BlockTerm`], which fills the window
    /// itself.
    clauses: Vec<Box<dyn Scorer>>,
    /// The window's documents holding the word.
    bits: [u64; BUCKETS],
    /// The word's score of each document of the window (valid where `bits` is set).
    scores: Box<[Score; WINDOW as usize]>,
    /// tantivy's cost of the word's union: its clauses' costs added.
    cost: u64,
}

impl Word {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> Word {
        let cost = clauses.iter().map(|c| c.cost()).sum();
        Word {
            clauses,
            bits: [0; BUCKETS],
            scores: Box::new([0.0; WINDOW as usize]),
            cost,
        }
    }

    /// The first document of any clause.
    fn doc(&self) -> DocId {
        self.clauses
            .iter()
            .map(|c| c.doc())
            .min()
            .unwrap_or(TERMINATED)
    }

    /// Moves every clause before `target` to `target` or past it.
    fn seek(&mut self, target: DocId) {
        for clause in &mut self.clauses {
            if clause.doc() < target {
                clause.seek(target);
            }
        }
    }

    /// Reads the window `start..start + WINDOW`; every clause ends past it. Returns whether
    /// the word has a document there.
    fn fill(&mut self, start: DocId) -> bool {
        self.bits = [0; BUCKETS];
        let end = start + WINDOW;
        let mut any = false;
        for clause in &mut self.clauses {
            // The first clause's score stands for the union's 0.0 + score.
            let mut add = |doc: DocId, score: Score| {
                let delta = (doc - start) as usize;
                let (bucket, bit) = (delta / 64, 1u64 << (delta % 64));
                if self.bits[bucket] & bit == 0 {
                    self.bits[bucket] |= bit;
                    self.scores[delta] = score;
                } else {
                    self.scores[delta] += score;
                }
                any = true;
            };
            if let Some(term) = clause.downcast_mut::<BlockTerm>() {
                term.each_before(end, &mut add);
            } else {
                let mut doc = clause.doc();
                while doc < end {
                    add(doc, clause.score());
                    doc = clause.advance();
                }
            }
        }
        any
    }
}

/// The AND of words in one segment (see the [module](self)).
struct DenseAndScorer {
    /// The words, least costly first (tantivy's intersection order).
    words: Vec<Word>,
    /// The window's first document.
    start: DocId,
    /// The window's documents holding every word, not yet walked.
    both: [u64; BUCKETS],
    /// The bucket of `both` being walked.
    bucket: usize,
    /// Where the next window may start.
    next: DocId,
    doc: DocId,
}

impl DenseAndScorer {
    fn new(mut words: Vec<Word>) -> DenseAndScorer {
        words.sort_by_key(|w| w.cost);
        let mut scorer = DenseAndScorer {
            words,
            start: 0,
            both: [0; BUCKETS],
            bucket: BUCKETS,
            next: 0,
            doc: 0,
        };
        scorer.advance();
        scorer
    }

    /// Fills the next window holding every word at or after `from`; false when there is none.
    fn next_window(&mut self, from: DocId) -> bool {
        let mut start = from;
        loop {
            if start >= TERMINATED {
                self.next = TERMINATED;
                return false;
            }
            // Where every word has a document: the latest of their first documents.
            loop {
                for word in &mut self.words {
                    word.seek(start);
                }
                let latest = self.words.iter().map(Word::doc).max().unwrap_or(TERMINATED);
                if latest == TERMINATED {
                    self.next = TERMINATED;
                    return false;
                }
                if latest == start {
                    break;
                }
                start = latest;
            }
            self.start = start;
            self.both = [u64::MAX; BUCKETS];
            let mut any = true;
            for word in &mut self.words {
                if !word.fill(start) {
                    any = false;
                    break;
                }
                let mut left = 0;
                for (both, bits) in self.both.iter_mut().zip(&word.bits) {
                    *both &= *bits;
                    left |= *both;
                }
                if left == 0 {
                    any = false;
                    break;
                }
            }
            self.next = start + WINDOW;
            if any {
                self.bucket = 0;
                return true;
            }
            start += WINDOW;
        }
    }
}

impl DocSet for DenseAndScorer {
    fn advance(&mut self) -> DocId {
        loop {
            while self.bucket < BUCKETS {
                let bits = self.both[self.bucket];
                if bits != 0 {
                    self.both[self.bucket] = bits & (bits - 1);
                    self.doc = self.start + (self.bucket as u32) * 64 + bits.trailing_zeros();
                    return self.doc;
                }
                self.bucket += 1;
            }
            if !self.next_window(self.next) {
                self.doc = TERMINATED;
                self.bucket = BUCKETS;
                return TERMINATED;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if target < self.start + WINDOW {
            let delta = target - self.start;
            let bucket = (delta / 64) as usize;
            for bits in &mut self.both[self.bucket.min(bucket)..bucket] {
                *bits = 0;
            }
            self.both[bucket] &= u64::MAX << (delta % 64);
            self.bucket = self.bucket.max(bucket);
            return self.advance();
        }
        self.both = [0; BUCKETS];
        self.bucket = BUCKETS;
        if !self.next_window(target) {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        self.advance()
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.words
            .first()
            .map_or(0, |w| u32::try_from(w.cost).unwrap_or(u32::MAX))
    }

    fn cost(&self) -> u64 {
        // As tantivy's intersection: the least costly word's.
        self.words.first().map_or(0, |w| w.cost)
    }
}

impl Scorer for DenseAndScorer {
    #[inline]
    fn score(&mut self) -> Score {
        if self.doc == TERMINATED {
            return 0.0;
        }
        let delta = (self.doc - self.start) as usize;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scorer_tests::{matches, term};
    use crate::search::term_clause::{boost_query, TermClause};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur};
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{doc, Index};

    /// Documents holding words of different densities in the title, the body or both, with
    /// long runs without some of them (beyond a window of 4,096 documents).
    fn index() -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        let mut seed = 11u64;
        for n in 0..30_000u32 {
            let mut words = |share: u64| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                (seed >> 33) % 100 < share
            };
            let mut title_words = Vec::new();
            let mut body_words = Vec::new();
            for (word, share) in [("common", 70), ("usual", 45), ("rare", 2)] {
                if words(share / 3) {
                    title_words.push(word);
                }
                if words(share) {
                    body_words.push(word);
                }
            }
            // A long stretch without `gappy`, then a dense one.
            if (n / 9_000) % 2 == 1 && words(60) {
                body_words.push("gappy");
            }
            writer
                .add_document(doc!(
                    title => format!("x {}", title_words.join(" ")),
                    body => format!("y {} y {}", body_words.join(" "), body_words.join(" "))
                ))
                .expect("add");
        }
        writer.commit().expect("commit");
        (index, title, body)
    }

    fn clauses(title: Field, body: Field, word: &str, weight: f32) -> Vec<Box<dyn Query>> {
        vec![
            Box::new(BoostQuery::new(
                Box::new(BoostQuery::new(term(title, word), 3.0)),
                weight,
            )),
            Box::new(BoostQuery::new(term(body, word), weight)),
        ]
    }

    /// The same clauses as [`clauses`], as term clauses (read block by block in the AND).
    fn term_clauses(title: Field, body: Field, word: &str, weight: f32) -> Vec<Box<dyn Query>> {
        let clause = |field| -> Box<dyn Query> {
            Box::new(TermClause::new(Term::from_field_text(field, word)))
        };
        vec![
            boost_query(boost_query(clause(title), 3.0), weight),
            boost_query(clause(body), weight),
        ]
    }

    /// Each word as tantivy's boosted term queries, as term clauses, or half and half.
    fn forms(title: Field, body: Field, words: &[&str]) -> [Vec<Vec<Box<dyn Query>>>; 3] {
        let weight = |i: usize| 0.5 + i as f32 * 0.3;
        let tantivy = words.iter().enumerate();
        [
            tantivy
                .clone()
                .map(|(i, w)| clauses(title, body, w, weight(i)))
                .collect(),
            tantivy
                .clone()
                .map(|(i, w)| term_clauses(title, body, w, weight(i)))
                .collect(),
            tantivy
                .map(|(i, w)| {
                    let mut mixed = clauses(title, body, w, weight(i));
                    mixed[i % 2] = term_clauses(title, body, w, weight(i)).remove(i % 2);
                    mixed
                })
                .collect(),
        ]
    }

    fn tantivys(words: &[Vec<Box<dyn Query>>]) -> BooleanQuery {
        BooleanQuery::new(
            words
                .iter()
                .map(|clauses| {
                    let union = BooleanQuery::new(
                        clauses
                            .iter()
                            .map(|c| (Occur::Should, c.box_clone()))
                            .collect(),
                    );
                    (Occur::Must, Box::new(union) as Box<dyn Query>)
                })
                .collect(),
        )
    }

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
            let expected = matches(&index, &tantivys(&words));
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
        for form in [&words, &terms] {
            seeks_land_where_tantivys_does(&index, &words, form);
        }
    }

    /// Seeks `ours` (the AND of `form`) and tantivy's AND of `words` (the same words) to the
    /// same targets, then walks both.
    fn seeks_land_where_tantivys_does(
        index: &Index,
        words: &[Vec<Box<dyn Query>>],
        form: &[Vec<Box<dyn Query>>],
    ) {
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let ours = DenseAndQuery::new(
            form.iter()
                .map(|w| w.iter().map(|c| c.box_clone()).collect())
                .collect(),
        )
        .weight(scoring)
        .expect("weight");
        let theirs = tantivys(words).weight(scoring).expect("weight");
        for target in [
            0, 1, 4_095, 4_096, 9_000, 9_001, 13_000, 17_999, 29_999, 30_000,
        ] {
            let mut a = ours.scorer(reader, 1.0).expect("scorer");
            let mut b = theirs.scorer(reader, 1.0).expect("scorer");
            // tantivy's intersection is only sought forward.
            let seek = |s: &mut Box<dyn Scorer>| {
                if s.doc() >= target {
                    s.doc()
                } else {
                    s.seek(target)
                }
            };
            let (x, y) = (seek(&mut a), seek(&mut b));
            assert_eq!(x, y, "seek {target}");
            for _ in 0..50 {
                if a.doc() == TERMINATED {
                    break;
                }
                assert_eq!(a.score().to_bits(), b.score().to_bits(), "at {}", a.doc());
                assert_eq!(a.advance(), b.advance());
            }
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
