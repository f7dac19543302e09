//! Adding a query's proximity boosts to the scores of its best postings only.
//!
//! Checking word positions costs a read of the positions of every posting that has all the
//! words; for two frequent words (`programme officer`) that is most of the index. The boosts
//! only reorder postings the words already found, so the search keeps the best
//! [`RESCORE_DEPTH`] postings by their word scores, and the boosts are computed for those
//! alone: the order at the top is the one the whole query would give whenever the postings
//! that the boosts lift into the first page come from the first [`RESCORE_DEPTH`].

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocId, Score, Searcher, SeekDangerResult, TERMINATED};

use crate::Result;

/// How many of the best postings by word scores get their proximity boosts added.
pub const RESCORE_DEPTH: usize = 200;

/// `top` (best first) with the scores of `boosts` added, best first again, cut to `limit`.
/// Ties go to the earlier document, as in the collector.
pub fn rescore(
    searcher: &Searcher,
    boosts: &[Box<dyn Query>],
    mut top: Vec<(Score, DocAddress)>,
    limit: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    if !top.is_empty() && !boosts.is_empty() {
        // Positions are read forward only: visit the postings in index order.
        let mut order: Vec<usize> = (0..top.len()).collect();
        order.sort_unstable_by_key(|&i| top[i].1);
        for boost in boosts {
            let weight = boost.weight(EnableScoring::enabled_from_searcher(searcher))?;
            let mut start = 0;
            while start < order.len() {
                let segment = top[order[start]].1.segment_ord;
                let end = start
                    + order[start..]
                        .iter()
                        .take_while(|&&i| top[i].1.segment_ord == segment)
                        .count();
                let reader = searcher.segment_reader(segment);
                // Placed on the first posting to check, not on the first match of the segment:
                // a phrase rare in this language's fields would otherwise be searched for
                // through every posting holding its words, up to its first match.
                let first = top[order[start]].1.doc_id;
                let (found, mut scorer) = weight.scorer_danger(reader, first, 1.0)?;
                add_scores(&mut *scorer, found, first, &order[start..end], &mut top);
                start = end;
            }
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    top.truncate(limit);
    Ok(top)
}

/// Adds `scorer`'s score to each posting of `top` at `order` (one segment, ascending
/// documents) that it matches, checking each posting alone (`seek_danger`) rather than
/// scanning the matches between them. `found` is where the scorer was created: at `first`
/// (the first posting of `order`) or, on a miss, below its next match.
fn add_scores(
    scorer: &mut dyn Scorer,
    found: SeekDangerResult,
    first: DocId,
    order: &[usize],
    top: &mut [(Score, DocAddress)],
) {
    let (mut at, mut lower) = match found {
        SeekDangerResult::Found => (Some(first), first),
        SeekDangerResult::SeekLowerBound(bound) => (None, bound),
    };
    for &i in order {
        let doc = top[i].1.doc_id;
        if lower == TERMINATED {
            return;
        }
        if doc < lower {
            continue;
        }
        if at != Some(doc) {
            match scorer.seek_danger(doc) {
                SeekDangerResult::Found => at = Some(doc),
                SeekDangerResult::SeekLowerBound(bound) => {
                    at = None;
                    lower = bound;
                    continue;
                }
            }
        }
        top[i].0 += scorer.score();
        lower = doc + 1;
    }
}
