//! The terms a prefix stands for, matched as sets of documents scoring a constant.
//!
//! `coord*` is, in each language's title and body, the set of postings holding one of the
//! terms the prefix stands for ([`super::prefix`]), each scoring its boosts (as tantivy's
//! `TermSetQuery` under `BoostQuery`s scores them). tantivy builds that set by compiling the
//! terms into an automaton and walking the field's dictionary with it, for each field and
//! segment, and the query's union then walks the eight sets a document at a time, adding
//! their scores through a virtual call each. Here each term is looked up in the dictionary
//! directly ([`TermSetClause`]), and a union of such clauses ([`TermSetUnion`]) ORs their
//! bitsets a word of 64 documents at a time and adds the scores of the sets holding a
//! document where it is walked.
//!
//! Matches and scores are tantivy's, bit for bit: a clause scores its boosts multiplied in
//! the order nested `BoostWeight`s multiply them, and a document of the union scores the sum
//! of its clauses' scores in their order, starting from zero, as tantivy's union adds them.

use std::sync::Arc;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::explain::explain_sum;

/// The postings of `field` holding one of `terms`, each scoring its boosts (1 unboosted).
#[derive(Clone, Debug)]
pub struct TermSetClause {
    field: Field,
    terms: Arc<[Term]>,
    /// Boosts, innermost first.
    boosts: Vec<Score>,
}

impl TermSetClause {
    /// The clause of `terms` in `field` (each term must be of that field), unboosted.
    #[must_use]
    pub fn new(field: Field, terms: Vec<Term>) -> TermSetClause {
        debug_assert!(terms.iter().all(|t| t.field() == field));
        TermSetClause {
            field,
            terms: terms.into(),
            boosts: Vec::new(),
        }
    }

    /// The same clause with its score multiplied by `weight` (outside the boosts it has).
    #[must_use]
    pub fn boosted(mut self, weight: Score) -> TermSetClause {
        self.boosts.push(weight);
        self
    }

    /// The score of a match when the clause's scorer is asked for with `boost`: each boost,
    /// outermost first, multiplies it (as nested `BoostWeight`s do).
    fn score(&self, boost: Score) -> Score {
        self.boosts.iter().rev().fold(boost, |acc, b| acc * b)
    }

    /// The segment's documents holding one of the terms, as 64-bit words (none when no
    /// document does).
    fn bits(&self, reader: &SegmentReader) -> tantivy::Result<Option<Vec<u64>>> {
        let index = reader.inverted_index(self.field)?;
        let dictionary = index.terms();
        let mut bits: Option<Vec<u64>> = None;
        for term in self.terms.iter() {
            let Some(info) = dictionary.get(term.serialized_value_bytes())? else {
                continue;
            };
            let words = bits.get_or_insert_with(|| vec![0; words_for(reader.max_doc())]);
            let mut postings =
                index.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            loop {
                let docs = postings.docs();
                if docs.is_empty() {
                    break;
                }
                for &doc in docs {
                    words[(doc / 64) as usize] |= 1 << (doc % 64);
                }
                postings.advance();
            }
        }
        Ok(bits)
    }
}

/// 64-bit words holding a bit for each of `max_doc` documents.
fn words_for(max_doc: DocId) -> usize {
    max_doc.div_ceil(64) as usize
}

impl Query for TermSetClause {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(TermSetWeight {
            clauses: vec![self.clone()],
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in self.terms.iter() {
            visitor(term, false);
        }
    }
}

/// The union of term set clauses: a document matches when one of them does and scores the
/// sum of their scores, in their order.
#[derive(Clone, Debug)]
pub struct TermSetUnion {
    clauses: Vec<TermSetClause>,
}

impl TermSetUnion {
    /// The union of `clauses`, in the order their scores are added.
    #[must_use]
    pub fn new(clauses: Vec<TermSetClause>) -> TermSetUnion {
        TermSetUnion { clauses }
    }
}

impl Query for TermSetUnion {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(TermSetWeight {
            clauses: self.clauses.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

/// The weight of one clause or of a union of them (the same scorer).
struct TermSetWeight {
    clauses: Vec<TermSetClause>,
}

impl TermSetWeight {
    /// The scorer of the sets in the segment of `reader`, asked for with `boost`.
    fn open(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<TermSetScorer> {
        let mut sets = Vec::with_capacity(self.clauses.len());
        for clause in &self.clauses {
            if let Some(bits) = clause.bits(reader)? {
                sets.push((bits, clause.score(boost)));
            }
        }
        Ok(TermSetScorer::new(sets))
    }
}

impl Weight for TermSetWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.open(reader, boost)?))
    }

    /// Every match with its score, walked without a virtual call per document.
    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut scorer = self.open(reader, 1.0)?;
        while scorer.doc != TERMINATED {
            callback(scorer.doc, scorer.score());
            scorer.advance_from_word();
        }
        Ok(())
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let parts = std::iter::empty::<&Box<dyn Weight>>();
        explain_sum(self, "sum of the sets holding a term", parts, reader, doc)
    }
}

/// The documents of one or more sets, in order, each scoring the sum of the scores of the
/// sets holding it.
struct TermSetScorer {
    /// Each set's documents (64-bit words) and the score of its matches.
    sets: Vec<(Vec<u64>, Score)>,
    /// Words in each set.
    len: usize,
    /// The index of the word being walked.
    at: usize,
    /// The union's documents in that word, with the bits walked cleared.
    word: u64,
    /// The sets holding a document in that word: their word and score, in their order.
    active: Vec<(u64, Score)>,
    doc: DocId,
}

impl TermSetScorer {
    fn new(sets: Vec<(Vec<u64>, Score)>) -> TermSetScorer {
        let len = sets.first().map_or(0, |(bits, _)| bits.len());
        let mut scorer = TermSetScorer {
            active: Vec::with_capacity(sets.len()),
            sets,
            len,
            at: 0,
            word: 0,
            doc: TERMINATED,
        };
        if len > 0 {
            scorer.load(0);
        }
        scorer.advance_from_word();
        scorer
    }

    /// Makes word `at` the one walked: the union of the sets' words and the sets holding a
    /// document there.
    #[inline]
    fn load(&mut self, at: usize) {
        self.at = at;
        self.word = 0;
        self.active.clear();
        for (bits, score) in &self.sets {
            let word = bits[at];
            if word != 0 {
                self.word |= word;
                self.active.push((word, *score));
            }
        }
    }

    /// Moves to the first document left in the current word or in the words after it.
    #[inline]
    fn advance_from_word(&mut self) -> DocId {
        while self.word == 0 {
            if self.at + 1 >= self.len {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            self.load(self.at + 1);
        }
        let bit = self.word.trailing_zeros();
        self.word &= self.word - 1;
        self.doc = self.at as DocId * 64 + bit;
        self.doc
    }
}

impl DocSet for TermSetScorer {
    #[inline]
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.advance_from_word()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let at = (target / 64) as usize;
        if at >= self.len {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        if at != self.at {
            self.load(at);
        }
        // Documents of the word before the target are passed over.
        self.word &= u64::MAX << (target % 64);
        self.advance_from_word()
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.sets
            .iter()
            .map(|(bits, _)| bits.iter().map(|w| w.count_ones()).sum::<u32>())
            .sum()
    }
}

impl Scorer for TermSetScorer {
    #[inline]
    fn score(&mut self) -> Score {
        let bit = self.doc % 64;
        let mut score = 0.0;
        for (word, set_score) in &self.active {
            if (word >> bit) & 1 == 1 {
                score += set_score;
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermSetQuery};

    use super::*;
    use crate::search::scorer_tests::{body_index, matches, walk};

    fn terms(field: Field, words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect()
    }

    /// Bodies where the terms fall in several 64-document words, some documents holding
    /// several of them, a long gap with none.
    fn bodies() -> Vec<String> {
        (0..700)
            .map(|i| match i % 7 {
                0 => "coordinator of programmes".to_owned(),
                1 => "coordination and coordinate".to_owned(),
                3 if i < 300 => "cooperation".to_owned(),
                _ => "nothing here".to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_clause_matches_and_scores_as_tantivys_term_set_under_boosts() {
        let (index, body) = body_index(bodies());
        let words = ["coordinator", "coordination", "coordinate", "absent"];
        let ours = TermSetClause::new(body, terms(body, &words))
            .boosted(2.0)
            .boosted(1.5);
        let tantivy = BoostQuery::new(
            Box::new(BoostQuery::new(
                Box::new(TermSetQuery::new(terms(body, &words))),
                2.0,
            )),
            1.5,
        );
        let expected = matches(&index, &tantivy);
        assert_eq!(expected.len(), 200);
        assert_eq!(matches(&index, &ours), expected);
        assert_eq!(walk(&index, &ours), walk(&index, &tantivy));
    }

    #[test]
    fn a_union_adds_its_clauses_scores_in_order_as_tantivys_union() {
        let (index, body) = body_index(bodies());
        let sets: [(&[&str], Score); 3] = [
            (&["coordinator"], 0.3),
            (&["coordinate", "cooperation"], 1.7),
            (&["programmes", "coordination"], 0.1),
        ];
        let ours = TermSetUnion::new(
            sets.iter()
                .map(|(words, boost)| TermSetClause::new(body, terms(body, words)).boosted(*boost))
                .collect(),
        );
        let tantivy = BooleanQuery::new(
            sets.iter()
                .map(|(words, boost)| {
                    let set = Box::new(TermSetQuery::new(terms(body, words)));
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(set, *boost)) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let expected = matches(&index, &tantivy);
        assert_eq!(expected.len(), 200 + 43);
        assert_eq!(matches(&index, &ours), expected);
        assert_eq!(walk(&index, &ours), walk(&index, &tantivy));
        // Explained as scored: `coordinate` and `cooperation` hold document 10 (1.7), and
        // `programmes` and `coordinator` document 7 (0.3 + 0.1); nothing holds document 2.
        let searcher = index.reader().expect("reader").searcher();
        let weight = ours
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let segment = searcher.segment_reader(0);
        let explained = |doc| weight.explain(segment, doc).map(|e| e.value());
        assert_eq!(explained(10).expect("a match"), 1.7);
        assert_eq!(explained(7).expect("a match"), 0.3 + 0.1);
        assert!(explained(2).is_err());
    }

    #[test]
    fn seeking_finds_the_next_match_at_or_past_the_target() {
        let (index, body) = body_index(bodies());
        let ours = TermSetClause::new(body, terms(body, &["coordinator", "cooperation"]));
        let searcher = index.reader().expect("reader").searcher();
        let weight = ours
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut scorer = weight
            .scorer(searcher.segment_reader(0), 1.0)
            .expect("scorer");
        assert_eq!(scorer.doc(), 0);
        assert_eq!(scorer.seek(1), 3);
        assert_eq!(scorer.seek(64), 66);
        assert_eq!(scorer.seek(66), 66);
        assert_eq!(scorer.advance(), 70);
        // Past the last `cooperation` (297), only `coordinator` (multiples of 7).
        assert_eq!(scorer.seek(298), 301);
        assert_eq!(scorer.seek(695), TERMINATED);
        assert_eq!(scorer.doc(), TERMINATED);
        let empty = TermSetClause::new(body, terms(body, &["absent"]));
        let weight = empty
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let scorer = weight
            .scorer(searcher.segment_reader(0), 1.0)
            .expect("scorer");
        assert_eq!(scorer.doc(), TERMINATED);
    }
}
