//! One word in a language's title or body: a union of two clauses that moves lazily.
//!
//! A plain word is looked for in its language's title (boosted) and body, an OR of two
//! term queries. tantivy's union buffers the next 4,096 documents of its clauses whenever it
//! moves past its window, scoring every one; inside an AND whose other words are rarer, it is
//! sought far ahead at each step, clears its 16 kB table and fills a window of which it uses a
//! single document. [`EitherFieldQuery`] keeps each clause on its own document instead: a seek
//! is a seek in each posting list, and only the documents asked for are scored.
//!
//! Scores are those of tantivy's union, bit for bit: the clauses' scores of the document
//! added in order, starting from zero.

use std::fmt;

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::explain::explain_sum;
use super::term_clause::BlockWeight;

/// The OR of two clauses (a word's title and body queries), scored as their sum.
pub struct EitherFieldQuery {
    first: Box<dyn Query>,
    second: Box<dyn Query>,
}

impl EitherFieldQuery {
    /// The OR of `first` and `second`; a document's score is the first's score plus the
    /// second's, of those it matches.
    #[must_use]
    pub fn new(first: Box<dyn Query>, second: Box<dyn Query>) -> EitherFieldQuery {
        EitherFieldQuery { first, second }
    }
}

impl Clone for EitherFieldQuery {
    fn clone(&self) -> Self {
        EitherFieldQuery {
            first: self.first.box_clone(),
            second: self.second.box_clone(),
        }
    }
}

impl fmt::Debug for EitherFieldQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EitherFieldQuery")
            .field(&self.first)
            .field(&self.second)
            .finish()
    }
}

impl Query for EitherFieldQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let blocks =
            BlockWeight::of(&*self.first, scoring)?.zip(BlockWeight::of(&*self.second, scoring)?);
        Ok(Box::new(EitherFieldWeight {
            first: self.first.weight(scoring)?,
            second: self.second.weight(scoring)?,
            blocks,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.first.query_terms(visitor);
        self.second.query_terms(visitor);
    }
}

struct EitherFieldWeight {
    first: Box<dyn Weight>,
    second: Box<dyn Weight>,
    /// When both clauses are term clauses (and scored): their postings are read directly, and
    /// the union's calls to them are inlined.
    blocks: Option<(BlockWeight, BlockWeight)>,
}

impl Weight for EitherFieldWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if let Some((first, second)) = &self.blocks {
            return Ok(
                match (first.reader(reader, boost)?, second.reader(reader, boost)?) {
                    (Some(first), Some(second)) => Box::new(EitherScorer::new(first, second)),
                    (Some(only), None) | (None, Some(only)) => Box::new(only),
                    (None, None) => Box::new(EmptyScorer),
                },
            );
        }
        let first = self.first.scorer(reader, boost)?;
        let second = self.second.scorer(reader, boost)?;
        // A clause with no posting in the segment leaves the other alone.
        if first.doc() == TERMINATED {
            return Ok(second);
        }
        if second.doc() == TERMINATED {
            return Ok(first);
        }
        Ok(Box::new(EitherScorer::new(first, second)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let parts = [&self.first, &self.second];
        explain_sum(
            self,
            "sum of the title and body clauses",
            parts,
            reader,
            doc,
        )
    }
}

/// The union of two scorers, each left on its own document (see the [module](self)).
struct EitherScorer<A, B> {
    first: A,
    second: B,
    doc: DocId,
}

impl<A: Scorer, B: Scorer> EitherScorer<A, B> {
    fn new(first: A, second: B) -> Self {
        let doc = first.doc().min(second.doc());
        EitherScorer { first, second, doc }
    }
}

impl<A: Scorer, B: Scorer> DocSet for EitherScorer<A, B> {
    #[inline]
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        let first = if self.first.doc() == doc {
            self.first.advance()
        } else {
            self.first.doc()
        };
        let second = if self.second.doc() == doc {
            self.second.advance()
        } else {
            self.second.doc()
        };
        self.doc = first.min(second);
        self.doc
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let first = if self.first.doc() < target {
            self.first.seek(target)
        } else {
            self.first.doc()
        };
        let second = if self.second.doc() < target {
            self.second.seek(target)
        } else {
            self.second.doc()
        };
        self.doc = first.min(second);
        self.doc
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        // At least the larger clause, at most both: the larger one, as tantivy estimates a
        // union of mostly overlapping lists.
        self.first.size_hint().max(self.second.size_hint())
    }

    fn cost(&self) -> u64 {
        self.first.cost() + self.second.cost()
    }
}

impl<A: Scorer, B: Scorer> Scorer for EitherScorer<A, B> {
    #[inline]
    fn score(&mut self) -> Score {
        let mut score: Score = 0.0;
        if self.first.doc() == self.doc {
            score += self.first.score();
        }
        if self.second.doc() == self.doc {
            score += self.second.score();
        }
        score
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

    /// An index whose documents hold `word` in the title, the body, both or neither, in a
    /// pseudo-random pattern with long gaps (beyond tantivy's 4,096-document window).
    fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        let mut seed = 7u64;
        for n in 0..20_000u32 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let r = (seed >> 33) % 100;
            let dense = if n % 3 == 0 { "often" } else { "filler" };
            let in_title = if r < 3 { "word" } else { "other" };
            let in_body = if (5..20).contains(&r) || (n / 5_000) % 2 == 1 && r < 40 {
                "word word"
            } else {
                "nothing"
            };
            writer
                .add_document(doc!(
                    title => format!("{in_title} {dense}"),
                    body => format!("{in_body} text {dense} and more")
                ))
                .expect("add");
        }
        writer.commit().expect("commit");
        (index, title, body)
    }

    /// The title (boosted) and body clauses of `word`: tantivy's term queries, or term
    /// clauses (whose postings the lazy union reads itself).
    fn clauses(title: Field, body: Field, word: &str, terms: bool) -> [Box<dyn Query>; 2] {
        if terms {
            let clause = |field| -> Box<dyn Query> {
                Box::new(TermClause::new(Term::from_field_text(field, word)))
            };
            return [boost_query(clause(title), 3.0), clause(body)];
        }
        [
            Box::new(BoostQuery::new(term(title, word), 3.0)),
            term(body, word),
        ]
    }

    #[test]
    fn matches_and_scores_are_those_of_tantivys_union() {
        let (index, title, body) = index();
        let [a, b] = clauses(title, body, "word", false);
        let buffered = BooleanQuery::new(vec![(Occur::Should, a), (Occur::Should, b)]);
        let expected = matches(&index, &buffered);
        assert!(expected.len() > 1_000);
        for terms in [false, true] {
            let [a, b] = clauses(title, body, "word", terms);
            let lazy = EitherFieldQuery::new(a, b);
            assert_eq!(matches(&index, &lazy), expected, "term clauses: {terms}");
        }
    }

    #[test]
    fn inside_an_and_it_is_sought_like_tantivys_union() {
        let (index, title, body) = index();
        for other in ["often", "filler"] {
            let with = |word: Box<dyn Query>| {
                BooleanQuery::new(vec![(Occur::Must, word), (Occur::Must, term(body, other))])
            };
            let [a, b] = clauses(title, body, "word", false);
            let buffered = with(Box::new(BooleanQuery::new(vec![
                (Occur::Should, a),
                (Occur::Should, b),
            ])));
            let expected = matches(&index, &buffered);
            assert!(!expected.is_empty());
            for terms in [false, true] {
                let [a, b] = clauses(title, body, "word", terms);
                let lazy = with(Box::new(EitherFieldQuery::new(a, b)));
                assert_eq!(matches(&index, &lazy), expected, "AND {other}, {terms}");
            }
        }
    }

    #[test]
    fn a_clause_missing_from_the_segment_leaves_the_other() {
        let (index, title, body) = index();
        let expected = matches(&index, &*term(body, "word"));
        for terms in [false, true] {
            let [absent, _] = clauses(title, body, "absent", terms);
            let [_, word] = clauses(title, body, "word", terms);
            let lazy = EitherFieldQuery::new(absent, word);
            assert_eq!(matches(&index, &lazy), expected, "term clauses: {terms}");
            let mut terms = Vec::new();
            lazy.query_terms(&mut |term, _| terms.push(term.clone()));
            assert_eq!(terms.len(), 2);
        }
    }
}
