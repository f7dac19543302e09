//! Facet filters moved into the query when their facet is not counted.
//!
//! The collector applies facet filters itself so that a facet's counts can ignore its own
//! filter (disjunctive counts). A filtered facet whose counts nobody asked for (every facet of
//! a stats pass, an export or a trend line; the facets left out by `facets=`) needs no such
//! care: its filter can narrow the query instead, so that only the postings having one of the
//! accepted values are visited at all. The collector still checks them; the results are the
//! same, only cheaper when the filter is selective.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Up to this many values, a set of terms is searched as one term query per value; beyond,
/// as a `TermSetQuery` (whose weight builds an FST of the values: costly for a few values,
/// cheaper than many term queries' union for many).
const FEW_TERMS: usize = 16;

/// The postings having one of `values` (raw terms) in `field`, unscored.
pub(crate) fn any_term<'v>(
    field: Field,
    values: impl ExactSizeIterator<Item = &'v str>,
) -> Box<dyn Query> {
    if values.len() > FEW_TERMS {
        let terms = values.map(|v| Term::from_field_text(field, v));
        return Box::new(TermSetQuery::new(terms));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = values
        .map(|v| {
            let term = Term::from_field_text(field, v);
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    match clauses.len() {
        1 => clauses.pop().expect("one value").1,
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// `query` restricted to the postings having, for each `(field, values)`, one of the values
/// (raw terms of a `STRING` facet field), or `None` when no filter restricts anything (search
/// with `query` itself: no copy of it is made). Scores are unchanged: the restriction adds 0.
/// A filter with no values restricts nothing (the collector's filters treat it the same way).
pub(crate) fn narrow(query: &dyn Query, filters: &[(Field, &[String])]) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = filters
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(field, values)| {
            let set =
                ConstScoreQuery::new(any_term(*field, values.iter().map(String::as_str)), 0.0);
            (Occur::Must, Box::new(set) as Box<dyn Query>)
        })
        .collect();
    if clauses.is_empty() {
        return None;
    }
    clauses.insert(0, (Occur::Must, query.box_clone()));
    Some(Box::new(BooleanQuery::new(clauses)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    /// The documents whose value is one of `values`, by `any_term`.
    fn matching(values: &[String]) -> Vec<u32> {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("unit", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for i in 0..40 {
            writer.add_document(doc!(field => format!("u{i}"))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let query = any_term(field, values.iter().map(String::as_str));
        let mut docs: Vec<u32> = searcher
            .search(&query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|a| a.doc_id)
            .collect();
        docs.sort_unstable();
        docs
    }

    #[test]
    fn few_and_many_values_find_the_postings_having_one_of_them() {
        // (values that postings have, with a value that none has): one term query, their
        // union up to FEW_TERMS values, a term set beyond.
        for (wanted, absent) in [(1, false), (2, true), (FEW_TERMS, false), (30, true)] {
            // Every other value from u1.
            let mut values: Vec<String> = (0..wanted).map(|i| format!("u{}", 1 + 2 * i)).collect();
            if absent {
                values.push("absent".into());
            }
            let expected: Vec<u32> = (0..40)
                .filter(|d| d % 2 == 1 && d / 2 < wanted as u32)
                .collect();
            assert_eq!(matching(&values), expected, "{wanted} values");
        }
    }
}
