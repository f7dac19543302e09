//! Helpers shared by the tests of the project's own queries and scorers
//! ([`super::either_field`], [`super::dense_and`]), which compare them with tantivy's.

use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

/// A term query on `field` reading frequencies (scored with BM25).
pub(crate) fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
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
