//! How a query's parts are put together: unions opened so that one tantivy union walks a
//! word's clauses, ANDs and ORs of words walked a window at a time where they can be
//! ([`DenseAndQuery`], [`DenseOrQuery`]), and unions inside intersections sought lazily. Each
//! shape finds the same matches with the same scores as tantivy's plain boolean query of the
//! same parts.

use tantivy::query::{BooleanQuery, Occur, Query};

use super::dense_and::DenseAndQuery;
use super::dense_or::DenseOrQuery;
use super::either_field::EitherFieldQuery;
use super::lazy_union::LazyUnionQuery;
use super::term_clause::boost_query;
use super::term_set::{TermSetClause, TermSetUnion};

/// `query` with its score multiplied by `weight` (itself when the weight is 1). A union's
/// weight is given to each of its clauses instead, which scores the same (tantivy passes a
/// boost down to the clauses, multiplied in the same order) and leaves the union one that
/// [`join_union`] can open.
pub(super) fn boosted(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if (weight - 1.0).abs() <= f32::EPSILON {
        return query;
    }
    if let Some(and) = query.downcast_ref::<DenseAndQuery>() {
        return Box::new(and.clone().boosted(weight));
    }
    match union_clauses(&*query) {
        Some(clauses) => Box::new(BooleanQuery::new(
            clauses
                .iter()
                .map(|(_, clause)| (Occur::Should, boosted(clause.box_clone(), weight)))
                .collect(),
        )),
        None => boost_query(query, weight),
    }
}

/// The clauses of `query` if it is a union: a boolean query of `Should` clauses only, any one
/// of which matches.
pub(super) fn union_clauses(query: &dyn Query) -> Option<&[(Occur, Box<dyn Query>)]> {
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    (boolean.get_minimum_number_should_match() <= 1
        && boolean
            .clauses()
            .iter()
            .all(|(occur, _)| *occur == Occur::Should))
    .then(|| boolean.clauses())
}

/// Adds `query` to the `Should` clauses of a union; a union itself gives its clauses instead,
/// so that a document's clauses are walked and added up by one tantivy union rather than two
/// nested ones (one buffer of scores instead of two, and one tantivy can specialise when
/// every clause is a term).
///
/// The scores stay the same bit for bit when no clause already in `clauses` matches a
/// document that `query` matches (the sum then starts from zero and adds `query`'s clauses in
/// their order, as `query`'s own union does): the callers join clauses of disjoint languages,
/// or a query as the first clause.
pub(super) fn join_union(clauses: &mut Vec<(Occur, Box<dyn Query>)>, query: Box<dyn Query>) {
    match union_clauses(&*query) {
        Some(inner) => clauses.extend(
            inner
                .iter()
                .map(|(_, clause)| (Occur::Should, clause.box_clone())),
        ),
        None => clauses.push((Occur::Should, query)),
    }
}

/// `subs` as a [`DenseAndQuery`] when they are two or more required unions (words whose
/// title-or-body unions all buffer their windows, none sought lazily): the same matches and
/// scores, walked a window at a time.
fn dense_and(subs: &[(Occur, Box<dyn Query>)]) -> Option<Box<dyn Query>> {
    if subs.len() < 2 {
        return None;
    }
    let words = subs
        .iter()
        .map(|(occur, query)| {
            let clauses = union_clauses(&**query).filter(|_| *occur == Occur::Must)?;
            Some(clauses.iter().map(|(_, c)| c.box_clone()).collect())
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Box::new(DenseAndQuery::new(words)))
}

/// `clauses` (all `Should`) as a [`DenseOrQuery`] when some of them are unions themselves
/// (words whose clauses are their term in the title and in the body) or ANDs of such words
/// (a query of several words, one AND per language): the same matches and scores as
/// tantivy's union of them, walked a window at a time. A union of single clauses (one
/// word's terms) stays tantivy's, which walks it as well.
pub(super) fn dense_or(clauses: &[(Occur, Box<dyn Query>)]) -> Option<Box<dyn Query>> {
    let nested = |query: &dyn Query| {
        union_clauses(query).is_some_and(|c| c.len() >= 2)
            || query.downcast_ref::<DenseAndQuery>().is_some()
    };
    if clauses.len() < 2 || !clauses.iter().any(|(_, query)| nested(&**query)) {
        return None;
    }
    let parts = clauses
        .iter()
        .map(|(occur, query)| {
            if *occur != Occur::Should {
                return None;
            }
            if let Some(and) = query.downcast_ref::<DenseAndQuery>() {
                return Some(and.clone());
            }
            let word = match union_clauses(&**query) {
                Some(inner) => inner.iter().map(|(_, c)| c.box_clone()).collect(),
                None => vec![query.box_clone()],
            };
            Some(DenseAndQuery::new(vec![word]))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Box::new(DenseOrQuery::of_parts(parts)))
}

/// tantivy's `BooleanQuery` of `subs`, for an AND that [`dense_and`] cannot walk a window at
/// a time (one of its words is sought far ahead, or it excludes words): when two or more
/// words are required, their unions move lazily ([`lazy_union`]), since the intersection
/// seeks each one to the documents of the rarest.
fn intersection(subs: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    // One required word is walked, not sought.
    let sought = subs.iter().filter(|(o, _)| *o == Occur::Must).count() >= 2;
    let subs = subs
        .into_iter()
        .map(|(occur, query)| match occur {
            Occur::Must if sought => (occur, lazy_union(query)),
            _ => (occur, query),
        })
        .collect();
    Box::new(BooleanQuery::new(subs))
}

/// The AND of `subs`: walked a window at a time when [`dense_and`] can, else tantivy's
/// [`intersection`].
pub(super) fn all_of(subs: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    dense_and(&subs).unwrap_or_else(|| intersection(subs))
}

/// `query` as a union that moves lazily when it is one (a word's title and body, or a
/// concept's forms): the same matches and scores, bit for bit, as tantivy's buffered union,
/// which clears its window of 4,096 scores at every seek past it. Any other query is
/// returned as it is.
pub(super) fn lazy_union(query: Box<dyn Query>) -> Box<dyn Query> {
    match union_clauses(&*query) {
        Some([(_, first), (_, second)]) => Box::new(EitherFieldQuery::new(
            lazy_union(first.box_clone()),
            lazy_union(second.box_clone()),
        )),
        Some(clauses) if clauses.len() > 2 => Box::new(LazyUnionQuery::new(
            clauses
                .iter()
                .map(|(_, c)| lazy_union(c.box_clone()))
                .collect(),
        )),
        _ => query,
    }
}

/// The OR of `clauses` (all `Should`), or the clause itself when there is one. Clauses that
/// are all a prefix's term sets (one word's, in each language's title and body) are one
/// [`TermSetUnion`]: the same matches and scores, their sets ORed a word of 64 documents at a
/// time.
pub(super) fn union(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, q)| q),
        _ => Some(term_set_union(&clauses).unwrap_or_else(|| Box::new(BooleanQuery::new(clauses)))),
    }
}

/// `clauses` as a [`TermSetUnion`] when every one is a `Should` [`TermSetClause`].
fn term_set_union(clauses: &[(Occur, Box<dyn Query>)]) -> Option<Box<dyn Query>> {
    let sets = clauses
        .iter()
        .map(|(occur, query)| {
            (*occur == Occur::Should)
                .then(|| query.downcast_ref::<TermSetClause>().cloned())
                .flatten()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Box::new(TermSetUnion::new(sets)))
}
