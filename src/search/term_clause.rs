//! One term in one field with its boosts, readable a block of postings at a time.
//!
//! A word's clause is a term query under up to three boosts (the title's, the word's weight,
//! the query language's). As tantivy's `BoostQuery`s around a `TermQuery`, its scorer is a
//! term scorer behind a virtual call per document and per score. [`TermClause`] builds that
//! same weight for every other reader, and also tells [`super::dense_and`] which term and
//! boost it stands for: the AND then reads the term's postings itself ([`BlockTerm`]),
//! 128 documents a block, scoring each with the same BM25 weight and field norms, without
//! a call per document.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, BoostQuery, BoostWeight, EnableScoring, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::term_set::TermSetClause;

/// Documents in a block of postings (tantivy's compression block).
const BLOCK: usize = 128;

/// A term query (frequencies read, BM25-scored) under boosts, innermost first.
#[derive(Clone, Debug)]
pub struct TermClause {
    term: Term,
    boosts: Vec<Score>,
}

impl TermClause {
    /// The term query of `term`, unboosted.
    #[must_use]
    pub fn new(term: Term) -> TermClause {
        TermClause {
            term,
            boosts: Vec::new(),
        }
    }

    /// The boost tantivy gives the term scorer when the clause's scorer is asked for with
    /// `boost`: each boost, outermost first, multiplies it (as nested `BoostWeight`s do).
    fn boost(&self, boost: Score) -> Score {
        self.boosts.iter().rev().fold(boost, |acc, b| acc * b)
    }

    /// What [`BlockTerm`] needs of this clause: `None` when scoring is disabled (the
    /// clause's own weight then reads the postings without frequencies).
    fn block_weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Option<BlockWeight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = scoring
        else {
            return Ok(None);
        };
        let bm25 = Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(&self.term))?;
        Ok(Some(BlockWeight {
            clause: self.clone(),
            bm25,
        }))
    }
}

/// `query` with its score multiplied by `weight`: a term clause keeps the boost itself (and
/// stays readable block by block), as a prefix's term set does (and stays one a union can
/// join, see [`super::term_set`]); any other query is wrapped in tantivy's `BoostQuery`.
/// Scores are the same either way.
pub(crate) fn boost_query(query: Box<dyn Query>, weight: Score) -> Box<dyn Query> {
    if let Some(set) = query.downcast_ref::<TermSetClause>() {
        return Box::new(set.clone().boosted(weight));
    }
    match query.downcast_ref::<TermClause>() {
        Some(clause) => {
            let mut clause = clause.clone();
            clause.boosts.push(weight);
            Box::new(clause)
        }
        None => Box::new(BoostQuery::new(query, weight)),
    }
}

impl Query for TermClause {
    /// tantivy's weight of the term query under its boosts, as `BoostQuery`s would build it.
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut weight =
            TermQuery::new(self.term.clone(), IndexRecordOption::WithFreqs).weight(scoring)?;
        if scoring.is_scoring_enabled() {
            for boost in &self.boosts {
                weight = Box::new(BoostWeight::new(weight, *boost));
            }
        }
        Ok(weight)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

/// A term clause's BM25 weight, before boosts (see [`TermClause::block_weight`]).
pub(super) struct BlockWeight {
    clause: TermClause,
    bm25: Bm25Weight,
}

impl BlockWeight {
    /// What reading `query`'s postings directly needs, if it is a term clause and scoring
    /// is enabled (see [`TermClause::block_weight`]).
    pub(super) fn of(
        query: &dyn Query,
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Option<BlockWeight>> {
        match query.downcast_ref::<TermClause>() {
            Some(term) => term.block_weight(scoring),
            None => Ok(None),
        }
    }

    /// The clause's postings in `reader`, scored as its scorer would be when asked for with
    /// `boost`; `None` when no posting of the segment holds the term.
    pub(super) fn reader(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<BlockTerm>> {
        let field = self.clause.term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_block_postings(&self.clause.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) => fieldnorms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let term = BlockTerm {
            postings,
            at: 0,
            fieldnorms,
            bm25: self.bm25.boost_by(self.clause.boost(boost)),
        };
        Ok((term.doc() != TERMINATED).then_some(term))
    }
}

/// A term's postings in one segment, walked as tantivy's term scorer walks them (a block and
/// a place in it) and scored as it scores them: a scorer of its own (inlined where its type
/// is known, as in [`super::either_field`]), or read a window at a time by
/// [`BlockTerm::each_kept_before`].
pub(super) struct BlockTerm {
    postings: BlockSegmentPostings,
    /// The current document's place in the block.
    at: usize,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl BlockTerm {
    /// Calls `each` with every document before `end` from the current one on that `keep`
    /// accepts, and its score (the others are passed over unscored); stops on the first
    /// document at or past `end`.
    #[inline]
    pub(super) fn each_kept_before(
        &mut self,
        end: DocId,
        keep: impl Fn(DocId) -> bool,
        mut each: impl FnMut(DocId, Score),
    ) {
        loop {
            let mut at = self.at;
            while at < BLOCK {
                let doc = self.postings.doc(at);
                if doc >= end {
                    self.at = at;
                    return;
                }
                if keep(doc) {
                    let fieldnorm = self.fieldnorms.fieldnorm_id(doc);
                    each(doc, self.bm25.score(fieldnorm, self.postings.freq(at)));
                }
                at += 1;
            }
            self.at = 0;
            self.postings.advance();
        }
    }
}

impl DocSet for BlockTerm {
    #[inline]
    fn advance(&mut self) -> DocId {
        if self.at == BLOCK - 1 {
            self.at = 0;
            self.postings.advance();
        } else {
            self.at += 1;
        }
        self.doc()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        // The next document first: most seeks land there or close.
        self.at = (self.at + 1).min(BLOCK - 1);
        if self.doc() >= target {
            return self.doc();
        }
        self.at = self.postings.seek(target);
        self.doc()
    }

    /// The current document (`TERMINATED` past the last).
    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc(self.at)
    }

    /// The number of documents holding the term (tantivy's cost of its scorer).
    fn size_hint(&self) -> u32 {
        self.postings.doc_freq()
    }
}

impl Scorer for BlockTerm {
    #[inline]
    fn score(&mut self) -> Score {
        let fieldnorm = self.fieldnorms.fieldnorm_id(self.doc());
        self.bm25.score(fieldnorm, self.postings.freq(self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scorer_tests::{body_index, matches, term};
    use tantivy::query::PhraseQuery;
    use tantivy::schema::Field;
    use tantivy::Index;

    /// Documents holding `word` 1–3 times in bodies of different lengths (several blocks of
    /// postings, a last one partly filled).
    fn index() -> (Index, Field) {
        body_index((0..2_000u32).map(|n| {
            let mut text = "filler ".repeat((n % 7) as usize);
            if n % 3 != 0 {
                text.push_str(&"word ".repeat((n % 4 + 1) as usize));
            }
            text
        }))
    }

    fn clause(body: Field) -> TermClause {
        TermClause::new(Term::from_field_text(body, "word"))
    }

    #[test]
    fn boosts_score_as_tantivys_boost_queries() {
        let (index, body) = index();
        // Three boosts: their product depends on the order they are multiplied in.
        let ours = boost_query(
            boost_query(boost_query(Box::new(clause(body)), 3.0), 0.7),
            1.3,
        );
        let theirs = BoostQuery::new(Box::new(BoostQuery::new(term(body, "word"), 3.0)), 0.7);
        let theirs = BoostQuery::new(Box::new(theirs), 1.3);
        let expected = matches(&index, &theirs);
        assert!(expected.len() > 1_000);
        assert_eq!(matches(&index, &*ours), expected);
        assert_eq!(
            matches(&index, &clause(body)),
            matches(&index, &*term(body, "word"))
        );
    }

    #[test]
    fn only_term_clauses_keep_their_boosts() {
        let (_, body) = index();
        let kept = boost_query(Box::new(clause(body)), 2.0);
        let kept = kept
            .downcast_ref::<TermClause>()
            .expect("still a term clause");
        assert_eq!(kept.boosts, [2.0]);
        assert_eq!(kept.boost(0.5), 1.0);
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(body, "filler"),
            Term::from_field_text(body, "word"),
        ]);
        let wrapped = boost_query(Box::new(phrase), 2.0);
        assert!(wrapped.downcast_ref::<BoostQuery>().is_some());
    }

    /// The documents and score bits of `term` from its current document on, read in
    /// windows of `width` documents.
    fn walk(term: &mut BlockTerm, width: DocId) -> Vec<(DocId, u32)> {
        let mut walked = Vec::new();
        let mut end = term.doc();
        while term.doc() != TERMINATED {
            end += width;
            term.each_kept_before(
                end,
                |_| true,
                |doc, score| walked.push((doc, score.to_bits())),
            );
        }
        walked
    }

    #[test]
    fn blocks_give_the_documents_and_scores_of_tantivys_scorer() {
        let (index, body) = index();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let boosted = boost_query(
            boost_query(boost_query(Box::new(clause(body)), 3.0), 0.7),
            1.3,
        );
        let expected = matches(&index, &*boosted);
        let boosted = boosted.downcast_ref::<TermClause>().expect("term clause");
        let block = boosted
            .block_weight(scoring)
            .expect("weight")
            .expect("scored");
        for width in [1, 5, 64, 128, 300, 4_096] {
            let mut ours = block.reader(reader, 1.0).expect("reader").expect("found");
            assert_eq!(ours.cost(), expected.len() as u64);
            assert_eq!(walk(&mut ours, width), expected, "windows of {width}");
        }
        // As a scorer of its own, advanced a document at a time.
        let mut ours = block.reader(reader, 1.0).expect("reader").expect("found");
        let mut stepped = Vec::new();
        while ours.doc() != TERMINATED {
            stepped.push((ours.doc(), ours.score().to_bits()));
            ours.advance();
        }
        assert_eq!(stepped, expected, "advanced");
        // Seeks within the first block, to a later one, to its last document and past the end.
        let weight = boosted.weight(scoring).expect("weight");
        for target in [0, 2, 130, 1_000, 1_999, 2_000, 5_000] {
            let mut ours = block.reader(reader, 1.0).expect("reader").expect("found");
            let mut theirs = weight.scorer(reader, 1.0).expect("scorer");
            if theirs.doc() < target {
                theirs.seek(target);
            }
            assert_eq!(ours.seek(target), theirs.doc(), "seek {target}");
            let rest: Vec<_> = expected
                .iter()
                .copied()
                .filter(|(doc, _)| *doc >= target)
                .collect();
            assert_eq!(walk(&mut ours, 100), rest, "after seeking {target}");
        }
        let unscored = EnableScoring::disabled_from_searcher(&searcher);
        assert!(boosted.block_weight(unscored).expect("weight").is_none());
    }
}
