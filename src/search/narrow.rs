//! Facet filters moved into the query when their facet is not counted.
//!
//! The collector applies facet filters itself so that a facet's counts can ignore its own
//! filter (disjunctive counts). A filtered facet whose counts nobody asked for (every facet of
//! a stats pass, an export or a trend line; the facets left out by `facets=`) needs no such
//! care: its filter can narrow the query instead, so that only the postings having one of the
//! accepted values are visited at all. The collector still checks them; the results are the
//! same, only cheaper when the filter is selective.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermSetQuery};
use tantivy::schema::Field;
use tantivy::Term;

/// `query` restricted to the postings having, for each `(field, values)`, one of the values
/// (raw terms of a `STRING` facet field), or `None` when no filter restricts anything (search
/// with `query` itself: no copy of it is made). Scores are unchanged: the restriction adds 0.
/// A filter with no values restricts nothing (the collector's filters treat it the same way).
pub(crate) fn narrow(query: &dyn Query, filters: &[(Field, &[String])]) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = filters
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(field, values)| {
            let terms = values.iter().map(|v| Term::from_field_text(*field, v));
            let set = ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 0.0);
            (Occur::Must, Box::new(set) as Box<dyn Query>)
        })
        .collect();
    if clauses.is_empty() {
        return None;
    }
    clauses.insert(0, (Occur::Must, query.box_clone()));
    Some(Box::new(BooleanQuery::new(clauses)))
}
