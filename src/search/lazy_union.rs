//! A concept's forms inside an AND with a far rarer word: a union that moves lazily.
//!
//! A run of words naming a concept of the synonym table (`monitoring and evaluation`) is
//! searched as the union of its forms: the words as typed, and each other form as a phrase.
//! Inside an AND whose rarest word is far rarer (`... in West Africa`), tantivy's buffered
//! union is sought far ahead at each of that word's documents: it fills a window of 4,096
//! documents, walking the words' AND and every phrase through it, to use one document. A
//! relaxed query pays this in full before it finds that no posting has every word.
//! [`LazyUnionQuery`] keeps each form on its own document instead, as
//! [`super::either_field`] does for a word's title and body: a seek is a seek in each form.
//!
//! Scores are those of tantivy's union, bit for bit: the forms' scores of the document added
//! in order, starting from zero.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::explain::explain_sum;

/// The OR of clauses, each left on its own document; scored as their sum.
#[derive(Debug)]
pub struct LazyUnionQuery {
    clauses: Vec<Box<dyn Query>>,
}

impl LazyUnionQuery {
    /// The OR of `clauses`; a document's score is the sum of the scores of those it matches,
    /// in their order.
    #[must_use]
    pub fn new(clauses: Vec<Box<dyn Query>>) -> LazyUnionQuery {
        LazyUnionQuery { clauses }
    }
}

impl Clone for LazyUnionQuery {
    fn clone(&self) -> Self {
        LazyUnionQuery {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
        }
    }
}

impl Query for LazyUnionQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(LazyUnionWeight {
            clauses: self
                .clauses
                .iter()
                .map(|c| c.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    clauses: Vec<Box<dyn Weight>>,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.clauses.len());
        for weight in &self.clauses {
            let scorer = weight.scorer(reader, boost)?;
            // A clause with no posting in the segment is left out, as tantivy's union does.
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(LazyUnionScorer::new(scorers)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_sum(self, "sum of the forms", &self.clauses, reader, doc)
    }
}

/// The union of scorers, each left on its own document (see the [module](self)).
struct LazyUnionScorer {
    clauses: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazyUnionScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> LazyUnionScorer {
        let doc = clauses.iter().map(|c| c.doc()).min().unwrap_or(TERMINATED);
        LazyUnionScorer { clauses, doc }
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut doc = TERMINATED;
        for clause in &mut self.clauses {
            let at = if clause.doc() == current {
                clause.advance()
            } else {
                clause.doc()
            };
            doc = doc.min(at);
        }
        self.doc = doc;
        doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut doc = TERMINATED;
        for clause in &mut self.clauses {
            let at = if clause.doc() < target {
                clause.seek(target)
            } else {
                clause.doc()
            };
            doc = doc.min(at);
        }
        self.doc = doc;
        doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        // As [`super::either_field`]: the largest clause, forms mostly overlapping.
        self.clauses
            .iter()
            .map(|c| c.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.clauses.iter().map(|c| c.cost()).sum()
    }
}

impl Scorer for LazyUnionScorer {
    fn score(&mut self) -> Score {
        let mut score: Score = 0.0;
        for clause in &mut self.clauses {
            if clause.doc() == self.doc {
                score += clause.score();
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scorer_tests::{body_index, matches, term};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery};
    use tantivy::schema::Field;
    use tantivy::Index;

    /// An index whose body holds `alpha beta` together, apart or not at all, `gamma` and a
    /// rare `rare`, in a pseudo-random pattern with gaps beyond tantivy's 4,096-document window.
    fn index() -> (Index, Field) {
        let mut seed = 11u64;
        body_index((0..20_000u32).map(|n| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let r = (seed >> 33) % 100;
            let pair = match r {
                0..=29 => "alpha beta",
                30..=44 => "beta filler alpha",
                45..=49 => "gamma delta",
                _ => "filler",
            };
            let rare = if r.is_multiple_of(37) || (n / 6_000) % 2 == 1 && r < 2 {
                "rare"
            } else {
                "common"
            };
            format!("{pair} text {rare} and gamma")
        }))
    }

    /// The forms of one concept: `alpha` AND `beta` (boosted), the phrase `gamma delta`, and
    /// the word `gamma`.
    fn forms(body: Field) -> Vec<Box<dyn Query>> {
        let both: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, term(body, "alpha")),
            (Occur::Must, term(body, "beta")),
        ]));
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(body, "gamma"),
            Term::from_field_text(body, "delta"),
        ]);
        vec![
            Box::new(BoostQuery::new(both, 2.0)),
            Box::new(phrase),
            term(body, "gamma"),
        ]
    }

    fn tantivys(body: Field) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            forms(body)
                .into_iter()
                .map(|f| (Occur::Should, f))
                .collect(),
        ))
    }

    #[test]
    fn matches_and_scores_are_those_of_tantivys_union() {
        let (index, body) = index();
        let expected = matches(&index, &*tantivys(body));
        assert!(expected.len() > 10_000);
        assert_eq!(matches(&index, &LazyUnionQuery::new(forms(body))), expected);
    }

    #[test]
    fn inside_an_and_it_is_sought_like_tantivys_union() {
        let (index, body) = index();
        for other in ["rare", "common"] {
            let with = |forms: Box<dyn Query>| {
                BooleanQuery::new(vec![(Occur::Must, term(body, other)), (Occur::Must, forms)])
            };
            let expected = matches(&index, &with(tantivys(body)));
            assert!(!expected.is_empty());
            let lazy = with(Box::new(LazyUnionQuery::new(forms(body))));
            assert_eq!(matches(&index, &lazy), expected, "AND {other}");
        }
    }

    #[test]
    fn forms_missing_from_the_segment_are_left_out() {
        let (index, body) = index();
        let expected = matches(&index, &*term(body, "gamma"));
        let lazy = LazyUnionQuery::new(vec![term(body, "absent"), term(body, "gamma")]);
        assert_eq!(matches(&index, &lazy), expected);
        let none = LazyUnionQuery::new(vec![term(body, "absent"), term(body, "missing")]);
        assert!(matches(&index, &none).is_empty());
        let mut terms = Vec::new();
        lazy.query_terms(&mut |term, _| terms.push(term.clone()));
        assert_eq!(terms.len(), 2);
    }
}
