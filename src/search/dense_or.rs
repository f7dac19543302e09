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

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::dense_and::{AllWords, DenseAndQuery, DenseAndWeight};
use super::explain::explain_sum;
use super::window::{self, Scores, Walk, Windowed, BUCKETS, WINDOW};

/// The OR of `words`, each matching when one of its clauses does and scoring their sum; a
/// document scores the sum of its words' scores. A part of the OR may also be an AND of
/// words ([`DenseOrQuery::of_parts`]): one per language, each the AND of the query's words
/// in that language.
#[derive(Clone, Debug)]
pub struct DenseOrQuery {
    /// The parts, in the order their scores are added; a word is an AND of one word.
    parts: Vec<DenseAndQuery>,
}

impl DenseOrQuery {
    /// The OR of `words`: each a union of clauses (one or more), in the order their scores
    /// are added.
    #[must_use]
    pub fn new(words: Vec<Vec<Box<dyn Query>>>) -> DenseOrQuery {
        DenseOrQuery {
            parts: words
                .into_iter()
                .map(|clauses| DenseAndQuery::new(vec![clauses]))
                .collect(),
        }
    }

    /// The OR of `parts`, each an AND of words, in the order their scores are added: the
    /// same matches and scores as tantivy's union of them.
    #[must_use]
    pub fn of_parts(parts: Vec<DenseAndQuery>) -> DenseOrQuery {
        DenseOrQuery { parts }
    }

    /// The same OR with one more word (`clauses`), added last.
    #[must_use]
    pub fn with_word(mut self, clauses: Vec<Box<dyn Query>>) -> DenseOrQuery {
        self.parts.push(DenseAndQuery::new(vec![clauses]));
        self
    }
}

impl Query for DenseOrQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DenseOrWeight {
            parts: self
                .parts
                .iter()
                .map(|part| part.dense_weight(scoring))
                .collect::<tantivy::Result<_>>()?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

struct DenseOrWeight {
    parts: Vec<DenseAndWeight>,
}

impl DenseOrWeight {
    /// The OR's scorer in the segment of `reader`; `None` when no part has a document there.
    fn open(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<DenseOrScorer>> {
        let mut parts = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            // A part without a document in the segment adds nothing to any document.
            if let Some(words) = part.all_words(reader, boost)? {
                parts.push(words);
            }
        }
        Ok((!parts.is_empty()).then(|| DenseOrScorer::new(parts)))
    }
}

impl Weight for DenseOrWeight {
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
        // The clauses of the parts matching `doc` (every word of it).
        let parts = self
            .parts
            .iter()
            .filter(|part| part.matches(reader, doc))
            .flat_map(|part| part.words.0.iter().flatten().map(|c| &c.weight));
        explain_sum(self, "sum of the words' unions", parts, reader, doc)
    }
}

/// The OR of parts in one segment (see the [module](self)).
pub(super) struct DenseOrScorer {
    /// The parts, in the order their scores are added.
    parts: Vec<AllWords>,
    /// The window's documents holding any part, not yet walked.
    walk: Walk,
    /// Each document's score in the window (valid where a part is).
    scores: Scores,
    /// tantivy's cost of the union: its parts' costs added.
    cost: u64,
}

impl DenseOrScorer {
    fn new(parts: Vec<AllWords>) -> DenseOrScorer {
        let cost = parts.iter().map(AllWords::cost).sum();
        let mut scorer = DenseOrScorer {
            parts,
            walk: Walk::empty(),
            scores: Scores::new(),
            cost,
        };
        window::begin(&mut scorer);
        scorer
    }
}

/// A window of matches handed on by [`DenseOrScorer::for_each_window`]: its first document,
/// its matches as a bitset (bit `i` for document `start + i`) and their scores (valid where
/// a bit is set).
pub(super) type WindowOfMatches<'a> = (DocId, &'a [u64; BUCKETS], &'a [Score; WINDOW as usize]);

impl DenseOrScorer {
    /// The OR's scorer behind `scorer`, if it is one.
    pub(super) fn of(scorer: &mut dyn Scorer) -> Option<&mut DenseOrScorer> {
        scorer.downcast_mut::<DenseOrScorer>()
    }

    /// Hands `each` every window of matches from the current document on, in order: what
    /// walking the scorer to its end finds, a window at a time instead of a document at a
    /// time. The scorer has ended after.
    pub(super) fn for_each_window(&mut self, each: &mut dyn FnMut(WindowOfMatches<'_>)) {
        if self.walk.doc() == TERMINATED {
            return;
        }
        let (mut start, mut bits) = self.walk.unwalked();
        loop {
            each((start, &bits, &self.scores));
            if !self.fill_window(start.saturating_add(WINDOW)) {
                break;
            }
            (start, bits) = self.walk.unwalked();
        }
        self.walk.end();
    }
}

impl Windowed for DenseOrScorer {
    fn walk(&mut self) -> &mut Walk {
        &mut self.walk
    }

    /// Fills the window starting at the first document of any part at or after `from`;
    /// false when there is none. [`AllWords::seek`] lands on a document holding every word of
    /// its part, so the window holds that document at least.
    fn fill_window(&mut self, from: DocId) -> bool {
        let mut start = TERMINATED;
        for part in &mut self.parts {
            start = start.min(part.seek(from));
        }
        if start == TERMINATED {
            return false;
        }
        let mut any = [0u64; BUCKETS];
        let end = start.saturating_add(WINDOW);
        let scores = &mut *self.scores;
        for part in &mut self.parts {
            if part.doc() >= end || !part.fill(start) {
                continue;
            }
            for (bucket, (any, &bits)) in any.iter_mut().zip(&part.bits).enumerate() {
                // The first part of a document stands for the union's 0.0 + score.
                let mut first = bits & !*any;
                while first != 0 {
                    let delta = bucket * 64 + first.trailing_zeros() as usize;
                    scores[delta] = part.score(delta);
                    first &= first - 1;
                }
                let mut again = bits & *any;
                while again != 0 {
                    let delta = bucket * 64 + again.trailing_zeros() as usize;
                    scores[delta] += part.score(delta);
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
    use crate::search::scorer_tests::{
        and_of_unions, clauses, forms, index, matches, seeks_land_alike, walk,
    };
    use tantivy::query::{BooleanQuery, BoostQuery, Occur};
    use tantivy::schema::Field;
    use tantivy::Index;

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

    /// An OR of a boosted AND, an AND and a word, as ours and as tantivy's union of
    /// intersections (boosted by a `BoostQuery`).
    fn ors_of_ands(index: &(Index, Field, Field)) -> (DenseOrQuery, BooleanQuery) {
        let (_, title, body) = *index;
        let [common_usual, common_usual_terms, _] = forms(title, body, &["common", "usual"]);
        let [gappy_rare, _, gappy_rare_mixed] = forms(title, body, &["gappy", "rare"]);
        let [mut usual, mut usual_terms, _] = forms(title, body, &["usual"]);
        let ours = DenseOrQuery::of_parts(vec![
            DenseAndQuery::new(common_usual_terms)
                .boosted(1.7)
                .boosted(0.9)
                .boosted(1.3),
            DenseAndQuery::new(gappy_rare_mixed),
            DenseAndQuery::new(vec![usual_terms.remove(0)]),
        ]);
        // Three boosts, as some orders of multiplying them give other bits.
        let boosted = BoostQuery::new(
            Box::new(BoostQuery::new(
                Box::new(BoostQuery::new(Box::new(and_of_unions(&common_usual)), 1.7)),
                0.9,
            )),
            1.3,
        );
        let theirs = BooleanQuery::new(vec![
            (Occur::Should, Box::new(boosted) as Box<dyn Query>),
            (Occur::Should, Box::new(and_of_unions(&gappy_rare))),
            (
                Occur::Should,
                Box::new(BooleanQuery::new(
                    usual
                        .remove(0)
                        .into_iter()
                        .map(|c| (Occur::Should, c))
                        .collect(),
                )),
            ),
        ]);
        (ours, theirs)
    }

    #[test]
    fn an_or_of_ands_boosted_or_not_scores_as_tantivys_union_of_intersections() {
        let index = index();
        let (ours, theirs) = ors_of_ands(&index);
        let expected = walk(&index.0, &theirs);
        assert!(expected.len() > 100);
        let found = walk(&index.0, &ours);
        let first = found.iter().zip(&expected).position(|(a, b)| a != b);
        assert_eq!((found.len(), first), (expected.len(), None));
        seeks_land_alike(&index.0, &ours, &theirs);
        // A collector's walk (`Weight::for_each`) finds what the scorer's walk finds.
        let searcher = index.0.reader().expect("reader").searcher();
        let weight = ours
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut each = Vec::new();
        weight
            .for_each(searcher.segment_reader(0), &mut |doc, score| {
                each.push((doc, score.to_bits()));
            })
            .expect("for each");
        assert_eq!(each, expected);
    }

    #[test]
    fn an_or_of_ands_explains_what_it_scores_with_the_parts_matching() {
        let index = index();
        let (ours, _) = ors_of_ands(&index);
        let searcher = index.0.reader().expect("reader").searcher();
        let weight = ours
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let reader = searcher.segment_reader(0);
        let found = walk(&index.0, &ours);
        for &(doc, bits) in found.iter().step_by(97) {
            let explanation = weight.explain(reader, doc).expect("explained");
            assert_eq!(explanation.value().to_bits(), bits, "document {doc}");
        }
        // A document holding one word of an AND and nothing else does not match.
        let matched: Vec<u32> = found.iter().map(|&(doc, _)| doc).collect();
        let unmatched = (0..reader.max_doc()).find(|doc| !matched.contains(doc));
        if let Some(doc) = unmatched {
            assert!(weight.explain(reader, doc).is_err(), "document {doc}");
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
