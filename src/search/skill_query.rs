//! Cross-language search by skill: a query that names an ESCO skill in English, French or
//! Spanish also finds the postings tagged with that skill, whatever their language.
//!
//! The postings found only through the tag get a small constant score
//! ([`SKILL_ONLY_SCORE`]), so they rank after every posting matching the query's words.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::Field;

use super::combine::{join_union, union_clauses};
use super::dense_or::DenseOrQuery;
use super::narrow::any_term;

use crate::skills::{catalog, tagger, LABEL_LANGS};

/// Score of a posting found through a recognised skill only: below any word match's.
pub const SKILL_ONLY_SCORE: f32 = 1e-3;

/// The ESCO skill ids `text` names in any label language, in order of first mention. A label
/// of several words counts anywhere in the query; a one-word label only when it is the
/// whole query and not an everyday word. In the first moments of a process, this waits for
/// the taggers being built (see [`crate::skills::warm_up`]; under a second in a release
/// build) rather than answering without them: a search gives the same answer whenever it
/// comes.
#[must_use]
pub fn recognize(text: &str) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for lang in LABEL_LANGS {
        let Some(tagger) = tagger(lang) else {
            continue;
        };
        for id in tagger.named_in_query(catalog(), text) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// `query`, or the postings tagged with one of `skills` (in the `skill` field), the latter
/// scoring [`SKILL_ONLY_SCORE`] more.
#[must_use]
pub fn widen(query: Box<dyn Query>, skills: &[&str], skill_field: Field) -> Box<dyn Query> {
    if skills.is_empty() {
        return query;
    }
    let tagged = ConstScoreQuery::new(
        any_term(skill_field, skills.iter().copied()),
        SKILL_ONLY_SCORE,
    );
    // The query's own clauses first, then the tag: the query's scores are added up as before.
    let query = match query.downcast::<DenseOrQuery>() {
        Ok(or) => return Box::new(or.with_word(vec![Box::new(tagged)])),
        Err(query) => query,
    };
    // A union (one word's terms, or words any of which may do): its clauses as one word and
    // the tag as another, walked a window at a time; the scores are added in the same order.
    if let Some(word) = union_clauses(&*query) {
        let word = word.iter().map(|(_, clause)| clause.box_clone()).collect();
        let tag: Box<dyn Query> = Box::new(tagged);
        return Box::new(DenseOrQuery::new(vec![word, vec![tag]]));
    }
    let mut clauses = Vec::new();
    join_union(&mut clauses, query);
    clauses.push((Occur::Should, Box::new(tagged)));
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECT_MANAGEMENT: &str = "7111b95d-0ce3-441a-9d92-4c75d05c4388";

    fn ready() {
        for lang in LABEL_LANGS {
            let _ = crate::skills::tagger(lang);
        }
    }

    #[test]
    fn one_skill_in_three_languages() {
        ready();
        for q in [
            "gestion de projets",
            "gestión de proyectos",
            "project management",
        ] {
            assert_eq!(recognize(q), vec![PROJECT_MANAGEMENT], "{q}");
        }
        assert!(recognize("experience in gestion des projets").contains(&PROJECT_MANAGEMENT));
    }

    #[test]
    fn an_or_of_words_is_widened_by_one_more_word() {
        use tantivy::query::TermQuery;
        use tantivy::schema::{IndexRecordOption, Schema, STRING, TEXT};
        use tantivy::Term;
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let skill = schema.add_text_field("skill", STRING);
        let term = |word: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, word),
                IndexRecordOption::WithFreqs,
            ))
        };
        let or = DenseOrQuery::new(vec![vec![term("a"), term("b")], vec![term("c")]]);
        let widened = widen(Box::new(or), &[PROJECT_MANAGEMENT], skill);
        assert!(widened.downcast_ref::<DenseOrQuery>().is_some());
        let mut fields = Vec::new();
        widened.query_terms(&mut |t, _| fields.push(t.field()));
        // The words, then the tag.
        assert_eq!(fields, [body, body, body, skill]);
    }

    #[test]
    fn a_word_widened_by_a_tag_matches_and_scores_as_tantivys_union_of_them() {
        use super::super::scorer_tests::{clauses, index, matches, walk};
        let (index, title, body) = index();
        let word = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                clauses(title, body, "usual", 1.0)
                    .into_iter()
                    .map(|clause| (Occur::Should, clause))
                    .collect(),
            ))
        };
        // The body's `rare` stands for a skill tag.
        let widened = widen(word(), &["rare"], body);
        assert!(widened.downcast_ref::<DenseOrQuery>().is_some());
        let mut union = Vec::new();
        join_union(&mut union, word());
        let tagged = ConstScoreQuery::new(any_term(body, ["rare"].into_iter()), SKILL_ONLY_SCORE);
        union.push((Occur::Should, Box::new(tagged)));
        let theirs = BooleanQuery::new(union);
        let found = matches(&index, &*widened);
        assert!(found.len() > 10_000, "{}", found.len());
        assert_eq!(found, matches(&index, &theirs));
        assert_eq!(walk(&index, &*widened), walk(&index, &theirs));
    }

    #[test]
    fn everyday_words_are_not_skills() {
        ready();
        assert!(recognize("source").is_empty());
        assert!(recognize("nairobi").is_empty());
        assert!(recognize("plan officer").is_empty());
    }
}
