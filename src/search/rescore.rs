//! Adding a query's proximity boosts to the scores of its best postings only.
//!
//! Checking word positions costs a read of the positions of every posting that has all the
//! words; for two frequent words (`programme officer`) that is most of the index. The boosts
//! only reorder postings the words already found, so the search keeps the best
//! [`RESCORE_DEPTH`] postings by their word scores, and the boosts are computed for those
//! alone: the order at the top is the one the whole query would give whenever the postings
//! that the boosts lift into the first page come from the first [`RESCORE_DEPTH`].

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED};

use crate::Result;

/// How many of the best postings by word scores get their proximity boosts added.
pub const RESCORE_DEPTH: usize = 200;

/// `top` (best first) with the scores of `boosts` added, best first again, cut to `limit`.
/// Ties go to the earlier document, as in the collector.
pub fn rescore(
    searcher: &Searcher,
    boosts: &dyn Query,
    mut top: Vec<(Score, DocAddress)>,
    limit: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    if top.is_empty() {
        return Ok(top);
    }
    let weight = boosts.weight(EnableScoring::enabled_from_searcher(searcher))?;
    // Positions are read forward only: visit the postings in index order.
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&i| top[i].1);
    let mut scorer = None;
    let mut scorer_segment = None;
    for i in order {
        let address = top[i].1;
        if scorer_segment != Some(address.segment_ord) {
            let reader = searcher.segment_reader(address.segment_ord);
            scorer = Some(weight.scorer(reader, 1.0)?);
            scorer_segment = Some(address.segment_ord);
        }
        let Some(scorer) = scorer.as_mut() else {
            continue;
        };
        let mut doc = scorer.doc();
        if doc != TERMINATED && doc < address.doc_id {
            doc = scorer.seek(address.doc_id);
        }
        if doc == address.doc_id {
            top[i].0 += scorer.score();
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    top.truncate(limit);
    Ok(top)
}
