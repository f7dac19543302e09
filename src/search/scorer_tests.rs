//! Helpers shared by the tests of the project's own queries and scorers
//! ([`super::either_field`], [`super::dense_and`], [`super::dense_or`]), which compare them
//! with tantivy's.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Scorer, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
use tantivy::{doc, DocSet, Index, Term, TERMINATED};

use super::term_clause::{boost_query, TermClause};

/// A term query on `field` reading frequencies (scored with BM25).
pub(crate) fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// tantivy's AND of the words' unions (each word a union of its clauses).
pub(crate) fn and_of_unions(words: &[Vec<Box<dyn Query>>]) -> BooleanQuery {
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

/// Every match of `query` in the first segment of `index` with its score's bits, walked by
/// its scorer (no collector choosing another way through it).
pub(crate) fn walk(index: &Index, query: &dyn Query) -> Vec<(u32, u32)> {
    let searcher = index.reader().expect("reader").searcher();
    let scoring = EnableScoring::enabled_from_searcher(&searcher);
    let weight = query.weight(scoring).expect("weight");
    let mut scorer = weight
        .scorer(searcher.segment_reader(0), 1.0)
        .expect("scorer");
    let mut found = Vec::new();
    while scorer.doc() != TERMINATED {
        found.push((scorer.doc(), scorer.score().to_bits()));
        scorer.advance();
    }
    found
}

/// Every match of `query` in `index` with its score's bits, in document order.
pub(crate) fn matches(index: &Index, query: &dyn Query) -> Vec<(u32, u32)> {
    let searcher = index.reader().expect("reader").searcher();
    let mut found: Vec<(u32, u32)> = searcher
        .search(query, &TopDocs::with_limit(100_000).order_by_score())
        .expect("search")
        .into_iter()
        .map(|(score, address)| (address.doc_id, score.to_bits()))
        .collect();
    found.sort_unstable();
    found
}

/// An index of one body field holding `bodies`, a document each, in one segment.
pub(crate) fn body_index(bodies: impl IntoIterator<Item = String>) -> (Index, Field) {
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    for text in bodies {
        writer.add_document(doc!(body => text)).expect("add");
    }
    writer.commit().expect("commit");
    (index, body)
}

/// Documents holding words of different densities in the title, the body or both, with
/// long runs without some of them (beyond a window of 4,096 documents).
pub(crate) fn index() -> (Index, Field, Field) {
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

pub(crate) fn clauses(title: Field, body: Field, word: &str, weight: f32) -> Vec<Box<dyn Query>> {
    vec![
        Box::new(BoostQuery::new(
            Box::new(BoostQuery::new(term(title, word), 3.0)),
            weight,
        )),
        Box::new(BoostQuery::new(term(body, word), weight)),
    ]
}

/// The same clauses as [`clauses`], as term clauses (read block by block in the AND).
pub(crate) fn term_clauses(
    title: Field,
    body: Field,
    word: &str,
    weight: f32,
) -> Vec<Box<dyn Query>> {
    let clause =
        |field| -> Box<dyn Query> { Box::new(TermClause::new(Term::from_field_text(field, word))) };
    vec![
        boost_query(boost_query(clause(title), 3.0), weight),
        boost_query(clause(body), weight),
    ]
}

/// Each word as tantivy's boosted term queries, as term clauses, or half and half.
pub(crate) fn forms(title: Field, body: Field, words: &[&str]) -> [Vec<Vec<Box<dyn Query>>>; 3] {
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

/// Seeks `ours` and `theirs` (tantivy's query of the same matches) to the same targets, then
/// walks both a while, seeks them again within the window and past it, comparing documents
/// and scores' bits all along.
pub(crate) fn seeks_land_alike(index: &Index, ours: &dyn Query, theirs: &dyn Query) {
    let searcher = index.reader().expect("reader").searcher();
    let reader = searcher.segment_reader(0);
    let scoring = EnableScoring::enabled_from_searcher(&searcher);
    let ours = ours.weight(scoring).expect("weight");
    let theirs = theirs.weight(scoring).expect("weight");
    for target in [
        0, 1, 63, 64, 4_095, 4_096, 4_097, 9_000, 9_001, 13_000, 17_999, 29_999, 30_000,
    ] {
        let mut a = ours.scorer(reader, 1.0).expect("scorer");
        let mut b = theirs.scorer(reader, 1.0).expect("scorer");
        // tantivy's scorers are only sought forward.
        let seek = |s: &mut Box<dyn Scorer>| {
            if s.doc() >= target {
                s.doc()
            } else {
                s.seek(target)
            }
        };
        let (x, y) = (seek(&mut a), seek(&mut b));
        assert_eq!(x, y, "seek {target}");
        for _ in 0..200 {
            if a.doc() == TERMINATED {
                break;
            }
            assert_eq!(a.score().to_bits(), b.score().to_bits(), "at {}", a.doc());
            assert_eq!(a.advance(), b.advance());
        }
        // A second seek inside the same window, then one past it.
        for to in [a.doc().saturating_add(100), a.doc().saturating_add(5_000)] {
            if a.doc() == TERMINATED {
                break;
            }
            let (x, y) = (a.seek(to), b.seek(to));
            assert_eq!(x, y, "seek {to} after {target}");
            if x != TERMINATED {
                assert_eq!(a.score().to_bits(), b.score().to_bits(), "at {x}");
            }
        }
    }
}
