//! A phrase of two words in the body, read from the index's word pairs.
//!
//! The same for a phrase of two terms two positions apart (`"gestion de projet"`: the stop
//! word between them is not indexed), read from the skip pairs.
//!
//! The body is also indexed as its pairs of neighbouring terms (see
//! [`crate::analysis::pairs`]), each with how many times the pair occurs in the posting.
//! For a phrase of two terms side by side (`"project management"`), that posting list is
//! exactly the postings tantivy's phrase query finds, and the pair's count is its phrase
//! count: no word positions are read. Scores are the phrase query's own: the same BM25
//! weight (both words' statistics in the body), the body's field norms and the same count.

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use crate::analysis::pairs::pair_term_at;

/// The phrase of two body terms side by side, matched through the pair field.
#[derive(Clone)]
pub struct PairPhraseQuery {
    /// The same phrase as tantivy's query: its terms, statistics and highlighting.
    phrase: PhraseQuery,
    /// The pair's term in the pair field.
    pair: Term,
}

impl fmt::Debug for PairPhraseQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PairPhraseQuery")
            .field("phrase", &self.phrase)
            .field("pair", &self.pair)
            .finish()
    }
}

impl PairPhraseQuery {
    /// The phrase of `first` and `second` `gap` positions apart in `body` (tantivy's phrase
    /// of the two terms at positions 0 and `gap`, no slop, whatever lies between), read from
    /// `pairs` (2: its skip pairs).
    #[must_use]
    pub fn at(body: Field, pairs: Field, first: &str, second: &str, gap: usize) -> PairPhraseQuery {
        PairPhraseQuery {
            phrase: PhraseQuery::new_with_offset(vec![
                (0, Term::from_field_text(body, first)),
                (gap, Term::from_field_text(body, second)),
            ]),
            pair: Term::from_field_text(pairs, &pair_term_at(first, second, gap)),
        }
    }
}

impl Query for PairPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // The weight tantivy's phrase weight scores with (see `PhraseQuery::weight`).
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(
                statistics_provider,
                &self.phrase.phrase_terms(),
            )?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PairPhraseWeight {
            body: self.phrase.field(),
            pair: self.pair.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.phrase.query_terms(visitor);
    }
}

struct PairPhraseWeight {
    body: Field,
    pair: Term,
    /// `None` when scores are not needed (every match then scores 1, as tantivy's).
    bm25: Option<Bm25Weight>,
}

impl PairPhraseWeight {
    /// The pair's postings in `reader`'s segment with the body's norms, if any posting
    /// holds it.
    fn postings(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<Option<(SegmentPostings, FieldNormReader)>> {
        let inverted = reader.inverted_index(self.pair.field())?;
        let Some(postings) = inverted.read_postings(&self.pair, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        // Read as tantivy's phrase weight reads them (a constant norm for a field without).
        let fieldnorms = reader
            .fieldnorms_readers()
            .get_field(self.body)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        Ok(Some((postings, fieldnorms)))
    }
}

impl Weight for PairPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some((postings, fieldnorms)) = self.postings(reader)? else {
            return Ok(Box::new(EmptyScorer));
        };
        Ok(Box::new(PairScorer {
            postings,
            fieldnorms,
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let found = self
            .postings(reader)?
            .and_then(|(mut postings, fieldnorms)| {
                (postings.seek(doc) == doc).then(|| (postings.term_freq(), fieldnorms))
            });
        let Some((count, fieldnorms)) = found else {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        };
        // As tantivy's phrase weight explains a match.
        let fieldnorm_id = fieldnorms.fieldnorm_id(doc);
        let Some(bm25) = &self.bm25 else {
            return Ok(Explanation::new("Phrase Scorer", 1.0));
        };
        let mut explanation = Explanation::new("Phrase Scorer", bm25.score(fieldnorm_id, count));
        explanation.add_detail(bm25.explain(fieldnorm_id, count));
        Ok(explanation)
    }
}

/// Walks the pair's postings, scoring each as tantivy's phrase scorer does.
struct PairScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        match &self.bm25 {
            Some(bm25) if doc != TERMINATED => {
                bm25.score(self.fieldnorms.fieldnorm_id(doc), self.postings.term_freq())
            }
            _ => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lang;
    use crate::schema::{build_schema, Fields};
    use crate::search::scorer_tests::matches;
    use tantivy::{Index, TantivyDocument};

    /// The pairs of the tests' phrases, kept in English.
    fn every_test_pair(lang: Lang) -> Option<&'static crate::analysis::pairs::PairSet> {
        static SET: std::sync::OnceLock<crate::analysis::pairs::PairSet> =
            std::sync::OnceLock::new();
        let set = SET.get_or_init(|| {
            let mut set: crate::analysis::pairs::PairSet = [
                ("project", "manag"),
                ("manag", "project"),
                ("project", "of"),
            ]
            .into_iter()
            .collect();
            set.insert_at("monitor", "evalu", 2);
            set.insert_at("manag", "project", 2);
            set
        });
        (lang == Lang::English).then_some(set)
    }

    /// An index of `bodies` (English) in the project's schema, with its fields.
    fn index_of(bodies: &[&str]) -> (Index, Fields) {
        let index = Index::create_in_ram(build_schema());
        crate::analysis::register(index.tokenizers());
        crate::analysis::pairs::register(index.tokenizers(), every_test_pair);
        let fields = Fields::from_schema(&index.schema()).expect("fields");
        // One thread: one segment, documents numbered in order.
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for body in bodies {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.body(Lang::English), body);
            doc.add_text(fields.pairs(Lang::English), body);
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        (index, fields)
    }

    #[test]
    fn finds_and_scores_what_the_phrase_query_finds() {
        let (index, fields) = index_of(&[
            "Project management and budgets.",
            "Management of the project.",
            "project management, project management and project managers",
            "A project; management follows.",
            "Project of management.",
            "programme management",
            "management project management project",
            "",
            "The project management office manages projects with project management tools \
             and a long text about many other things that lengthens the field norm.",
        ]);
        let body = fields.body(Lang::English);
        let pairs = fields.pairs(Lang::English);
        for (first, second) in [
            ("project", "manag"),
            ("manag", "project"),
            ("project", "of"),
        ] {
            let ours = PairPhraseQuery::at(body, pairs, first, second, 1);
            let theirs = PhraseQuery::new(vec![
                Term::from_field_text(body, first),
                Term::from_field_text(body, second),
            ]);
            assert_eq!(
                matches(&index, &ours),
                matches(&index, &theirs),
                "{first} {second}"
            );
        }
        // Punctuation does not part neighbours: tantivy's phrase query does not see it.
        let ours = PairPhraseQuery::at(body, pairs, "project", "manag", 1);
        let found: Vec<u32> = matches(&index, &ours).iter().map(|m| m.0).collect();
        assert_eq!(found, vec![0, 2, 3, 6, 8]);
    }

    #[test]
    fn skip_pairs_find_and_score_what_the_phrase_query_two_positions_apart_finds() {
        let (index, fields) = index_of(&[
            "Monitoring and evaluation.",
            "Monitoring evaluation, monitoring the evaluation.",
            "monitoring of evaluation and monitoring in evaluation, monitoring for evaluation",
            "Evaluation and monitoring.",
            "monitoring data evaluation",
            "monitoring of the evaluation",
            "",
            "Management of projects, management for project teams: monitoring and \
             evaluation of the project management office, with a longer text that lengthens \
             the field norm of this posting.",
        ]);
        let body = fields.body(Lang::English);
        let pairs = fields.pairs(Lang::English);
        for (first, second) in [("monitor", "evalu"), ("manag", "project")] {
            let ours = PairPhraseQuery::at(body, pairs, first, second, 2);
            let theirs = PhraseQuery::new_with_offset(vec![
                (0, Term::from_field_text(body, first)),
                (2, Term::from_field_text(body, second)),
            ]);
            let found = matches(&index, &ours);
            assert_eq!(found, matches(&index, &theirs), "{first} {second}");
            assert!(!found.is_empty(), "{first} {second}");
        }
        let ours = PairPhraseQuery::at(body, pairs, "monitor", "evalu", 2);
        let found: Vec<u32> = matches(&index, &ours).iter().map(|m| m.0).collect();
        assert_eq!(found, vec![0, 1, 2, 4, 7]);
    }

    #[test]
    fn explains_a_match_as_the_phrase_query_does() {
        let (index, fields) = index_of(&["project management twice: project management", "none"]);
        let body = fields.body(Lang::English);
        let ours = PairPhraseQuery::at(body, fields.pairs(Lang::English), "project", "manag", 1);
        let theirs = PhraseQuery::new(vec![
            Term::from_field_text(body, "project"),
            Term::from_field_text(body, "manag"),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let address = tantivy::DocAddress::new(0, 0);
        assert_eq!(
            ours.explain(&searcher, address).expect("ours").value(),
            theirs.explain(&searcher, address).expect("theirs").value()
        );
        assert!(ours
            .explain(&searcher, tantivy::DocAddress::new(0, 1))
            .is_err());
        // The words are reported for highlighting, not the pair.
        let mut terms = Vec::new();
        ours.query_terms(&mut |term, _| terms.push(term.clone()));
        assert!(terms.iter().all(|t| t.field() == body), "{terms:?}");
        assert_eq!(terms.len(), 2);
    }
}
