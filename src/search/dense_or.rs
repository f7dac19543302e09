//! An OR of words, each the union of its clauses (title and body), walked a window of
//! documents at a time.
//!
//! A query relaxed to any of its words (no posting has all of them), or an explicit `OR`,
//! is a union of words, each itself a union of its clauses in every language. tantivy walks
//! that as a union of unions: each word's union buffers a window, and the outer union pulls
//! its documents one at a time through a virtual call, then clears them one at a time.
//! [`DenseOrQuery`] fills one window of each word instead ([`super::window::Word`]: a term
//! clause's postings read 128 documents a block), ORs the words' bitsets and adds their
//! scores, and walks what is left.
//!
//! Matches and scores are those of tantivy's `BooleanQuery` of `Should` unions, bit for bit:
//! a word's score adds its clauses' scores in order starting from zero (its union), and a
//! document's score adds the scores of the words it holds in their order, starting from zero
//! (the outer union).

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::window::{self, Walk, Windowed, Word, WordClauses, WordWeights, BUCKETS, WINDOW};

/// The OR of `words`, each matching when one of its clauses does and scoring their sum; a
/// document scores the sum of its words' scores.
#[derive(Clone, Debug)]
pub struct DenseOrQuery {
    words: WordClauses,
}

impl DenseOrQuery {
    /// The OR of `words`: each a union of clauses (one or more), in the order their scores
    /// are added.
    #[must_use]
    pub fn new(words: Vec<Vec<Box<dyn Query>>>) -> DenseOrQuery {
        DenseOrQuery {
            words: WordClauses(words),
        }
    }

    /// The same OR with one more word (`clauses`), added last.
    #[must_use]
    pub fn with_word(mut self, clauses: Vec<Box<dyn Query>>) -> DenseOrQuery {
        self.words.0.push(clauses);
        self
    }
}

impl Query for DenseOrQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DenseOrWeight {
            words: self.words.weights(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.words.query_terms(visitor);
    }
}

struct DenseOrWeight {
    words: WordWeights,
}

impl Weight for DenseOrWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut words = Vec::with_capacity(self.words.0.len());
        for weights in &self.words.0 {
            // A word without a document in the segment adds nothing to any document.
            if let Some(word) = Word::open(weights, reader, boost)? {
                words.push(word);
            }
        }
        if words.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(DenseOrScorer::new(words)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.words.explain(self, reader, doc)
    }
}

/// The OR of words in one segment (see the [module](self)).
struct DenseOrScorer {
    /// The words, in the order their scores are added.
    words: Vec<Word>,
    /// The window's documents holding any word, not yet walked.
    walk: Walk,
    /// Each document's score in the window (valid where a word is).
    scores: Box<[Score; WINDOW as usize]>,
    /// tantivy's cost of the union: its words' costs added.
    cost: u64,
}

impl DenseOrScorer {
    fn new(words: Vec<Word>) -> DenseOrScorer {
        let cost = words.iter().map(|w| w.cost).sum();
        let mut scorer = DenseOrScorer {
            words,
            walk: Walk::empty(),
            scores: Box::new([0.0; WINDOW as usize]),
            cost,
        };
        window::begin(&mut scorer);
        scorer
    }
}

impl Windowed for DenseOrScorer {
    fn walk(&mut self) -> &mut Walk {
        &mut self.walk
    }

    /// Fills the window starting at the first document of any word at or after `from`;
    /// false when there is none.
    fn fill_window(&mut self, from: DocId) -> bool {
        let mut start = TERMINATED;
        for word in &mut self.words {
            word.seek(from);
            start = start.min(word.doc());
        }
        if start == TERMINATED {
            return false;
        }
        let mut any = [0u64; BUCKETS];
        let end = start.saturating_add(WINDOW);
        for word in &mut self.words {
            if word.doc() >= end || !word.fill(start) {
                continue;
            }
            for (bucket, (any, &bits)) in any.iter_mut().zip(&word.bits).enumerate() {
                // The first word of a document stands for the union's 0.0 + score.
                let mut first = bits & !*any;
                while first != 0 {
                    let delta = bucket * 64 + first.trailing_zeros() as usize;
                    self.scores[delta] = word.scores[delta];
                    first &= first - 1;
                }
                let mut again = bits & *any;
                while again != 0 {
                    let delta = bucket * 64 + again.trailing_zeros() as usize;
                    self.scores[delta] += word.scores[delta];
                    again &= again - 1;
                }
                *any |= bits;
            }
        }
        self.walk.begin(start, any);
        true
    }
}

impl DocSet for DenseOrScorer {
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
        u32::try_from(self.cost).unwrap_or(u32::MAX)
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

impl Scorer for DenseOrScorer {
    #[inline]
    fn score(&mut self) -> Score {
        if self.walk.doc() == TERMINATED {
            return 0.0;
        }
        self.scores[self.walk.offset()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scorer_tests::{clauses, forms, index, matches, seeks_land_alike, walk};
    use tantivy::query::{BooleanQuery, Occur};

    /// tantivy's union of the words' unions (a word of one clause as that clause).
    fn tantivys(words: &[Vec<Box<dyn Query>>]) -> BooleanQuery {
        BooleanQuery::new(
            words
                .iter()
                .map(|clauses| {
                    let word: Box<dyn Query> = match clauses.as_slice() {
                        [one] => one.box_clone(),
                        _ => Box::new(BooleanQuery::new(
                            clauses
                                .iter()
                                .map(|c| (Occur::Should, c.box_clone()))
                                .collect(),
                        )),
                    };
                    (Occur::Should, word)
                })
                .collect(),
        )
    }

    #[test]
    fn matches_and_scores_are_those_of_tantivys_union_of_unions() {
        let (index, title, body) = index();
        for combination in [
            &["common", "usual"][..],
            &["usual", "common"],
            &["rare", "gappy"],
            &["gappy", "common", "usual"],
            &["rare", "gappy", "usual", "common"],
            &["absent", "rare"],
        ] {
            let [words, terms, mixed] = forms(title, body, combination);
            let expected = matches(&index, &tantivys(&words));
            assert!(expected.len() > 10, "{combination:?}");
            for (form, words) in [("tantivy's", words), ("terms", terms), ("mixed", mixed)] {
                let or = DenseOrQuery::new(words);
                assert_eq!(matches(&index, &or), expected, "{form} {combination:?}");
            }
        }
    }

    #[test]
    fn a_word_of_one_clause_and_a_word_added_last_score_as_tantivys() {
        let (index, title, body) = index();
        let [_, terms, _] = forms(title, body, &["gappy", "rare"]);
        let [_, mut words, _] = forms(title, body, &["gappy", "rare"]);
        // The title clause of `usual` alone: a word of one clause.
        let usual = clauses(title, body, "usual", 0.7).remove(0);
        words.push(vec![usual.box_clone()]);
        // Walked: tantivy's top documents of such a union are found by pruning, which adds
        // the same scores in another order.
        let expected = walk(&index, &tantivys(&words));
        let or = DenseOrQuery::new(terms).with_word(vec![usual]);
        let found = walk(&index, &or);
        assert!(expected.len() > 10);
        let first = found.iter().zip(&expected).position(|(a, b)| a != b);
        assert_eq!(
            (found.len(), first),
            (expected.len(), None),
            "{:?}",
            first.map(|i| (found[i], expected[i]))
        );
    }

    #[test]
    fn seeks_land_where_tantivys_union_does() {
        let (index, title, body) = index();
        let [words, terms, _] = forms(title, body, &["rare", "gappy"]);
        let [again, ..] = forms(title, body, &["rare", "gappy"]);
        for form in [again, terms] {
            seeks_land_alike(&index, &DenseOrQuery::new(form), &tantivys(&words));
        }
    }

    #[test]
    fn its_terms_are_its_words() {
        let (_, title, body) = index();
        let or = DenseOrQuery::new(vec![
            clauses(title, body, "common", 1.0),
            clauses(title, body, "rare", 1.0),
        ]);
        let mut terms = Vec::new();
        or.query_terms(&mut |term, _| terms.push(term.clone()));
        assert_eq!(terms.len(), 4);
    }
}
