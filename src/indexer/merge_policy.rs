//! Which segments merge, and into what: merges whose output never exceeds a bound, so that the
//! memory a merge touches (its inputs are read through memory maps) and the work it redoes stay
//! bounded however large the index grows.
//!
//! Two moments merge segments:
//!
//! * **during a run**, [`BoundedMergePolicy`] groups segments of similar size the way tantivy's
//!   [`LogMergePolicy`] does, but [`SEGMENTS_PER_MERGE`] of a level at a time rather than eight,
//!   ignores segments already holding half the bound, and cuts each group into merges of at
//!   most the bound;
//! * **at the end of a run**, [`final_merges`] consolidates what the run wrote: the segments
//!   created since the writer was opened are packed into as few segments as the bound allows
//!   (one segment for any index up to the bound, as Lucene's `forceMerge(1)`); an older segment
//!   joins them only while it is no larger than what is merged with it, so that adding a few
//!   postings to a large index rewrites a few small segments, never the whole index.

use std::collections::{HashMap, HashSet};

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Default bound on the live postings of a segment made by a merge. At ~5–6 kB of index per
/// posting (generated and real notices), a merge reads at most ~0.9 GB of segment files;
/// with the writer's buffers, indexing 1M postings peaks at 1.4 GB resident (2.0 GB with a
/// bound of 200,000 on a quiet machine, where merges overlap more of the indexing).
pub const MAX_SEGMENT_DOCS: u32 = 150_000;

/// Segments of a level merged together during a run (tantivy's default is eight). A run
/// commits a segment per indexing thread every [`crate::ingest::COMMIT_EVERY`] postings, so
/// with eight and two threads a run of 100,000 postings merged 80,000 of them into segments
/// of 40,000 that its final merge rewrote again (~5 % of the run's CPU). With 32, a run of up
/// to the bound ([`MAX_SEGMENT_DOCS`]) merges nothing before its final merge, and a larger one
/// merges its small segments once, into segments near the bound, instead of twice.
pub const SEGMENTS_PER_MERGE: usize = 32;

/// The merge policy of a writing run: tantivy's log levels, with merges cut to `max_docs`.
#[derive(Debug, Clone)]
pub struct BoundedMergePolicy {
    max_docs: u32,
    levels: LogMergePolicy,
}

impl BoundedMergePolicy {
    /// A policy whose merges make segments of at most `max_docs` live postings (at least 2).
    #[must_use]
    pub fn new(max_docs: u32) -> BoundedMergePolicy {
        let max_docs = max_docs.max(2);
        let mut levels = LogMergePolicy::default();
        // A segment holding half the bound or more is done: merging it would pass the bound
        // or rewrite a large segment for a small gain.
        levels.set_max_docs_before_merge((max_docs / 2 - 1).max(1) as usize);
        levels.set_min_layer_size((max_docs / 20).clamp(1, 10_000));
        levels.set_min_num_segments(SEGMENTS_PER_MERGE);
        // No merge of a lone segment for its deletions (tantivy's default). Such a merge, still
        // running when its writer was dropped, once brought deleted postings back
        // (tests/indexer_model.rs found it); dropping an `Indexer` now waits for its merges,
        // but rewriting a segment for its deletions alone is not worth it at our sizes.
        BoundedMergePolicy { max_docs, levels }
    }

    /// The bound on the live postings of a merged segment.
    #[must_use]
    pub fn max_docs(&self) -> u32 {
        self.max_docs
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let by_id: HashMap<SegmentId, &SegmentMeta> =
            segments.iter().map(|s| (s.id(), s)).collect();
        self.levels
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| {
                let group: Vec<&SegmentMeta> = candidate
                    .0
                    .iter()
                    .filter_map(|id| by_id.get(id).copied())
                    .collect();
                pack(&group, self.max_docs)
            })
            .map(MergeCandidate)
            .collect()
    }
}

/// The merges that end a run on `segments` (the committed segments), `existing` being the
/// segments the index held when the run started: each returned group is merged into one
/// segment of at most `max_docs` live postings.
///
/// Every segment the run created is merged; an existing segment joins, smallest first, while it
/// holds no more postings than those gathered so far and the total stays within the bound.
/// Each posting is thus rewritten a logarithmic number of times over many runs, as in a
/// binary counter, and a run adding `n` postings rewrites O(`n`) postings in the usual case.
#[must_use]
pub fn final_merges(
    segments: &[SegmentMeta],
    existing: &HashSet<SegmentId>,
    max_docs: u32,
) -> Vec<Vec<SegmentId>> {
    let max_docs = max_docs.max(2);
    let (old, mut chosen): (Vec<&SegmentMeta>, Vec<&SegmentMeta>) =
        segments.iter().partition(|s| existing.contains(&s.id()));
    if chosen.is_empty() {
        // Nothing written: the index stays as it is (even if it could be merged further).
        return Vec::new();
    }
    let mut gathered: u64 = chosen.iter().map(|s| u64::from(s.num_docs())).sum();
    let mut old = old;
    old.sort_by_key(|s| s.num_docs());
    for segment in old {
        let docs = u64::from(segment.num_docs());
        if docs > gathered || gathered + docs > u64::from(max_docs) {
            break;
        }
        gathered += docs;
        chosen.push(segment);
    }
    pack(&chosen, max_docs)
}

/// `segments` cut into groups of at most `max_docs` live postings (first fit, largest first),
/// keeping the groups worth a merge: two segments or more, or one with deleted postings.
fn pack(segments: &[&SegmentMeta], max_docs: u32) -> Vec<Vec<SegmentId>> {
    let mut sorted = segments.to_vec();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
    let mut groups: Vec<(u64, Vec<&SegmentMeta>)> = Vec::new();
    for segment in sorted {
        let docs = u64::from(segment.num_docs());
        match groups
            .iter_mut()
            .find(|(total, _)| total + docs <= u64::from(max_docs))
        {
            Some((total, group)) => {
                *total += docs;
                group.push(segment);
            }
            None => groups.push((docs, vec![segment])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, group)| group.len() > 1 || group.iter().any(|s| s.has_deletes()))
        .map(|(_, group)| group.iter().map(|s| s.id()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use tantivy::index::{SegmentId, SegmentMeta};
    use tantivy::indexer::MergePolicy;
    use tantivy::schema::Schema;
    use tantivy::Index;

    use super::{final_merges, BoundedMergePolicy, SEGMENTS_PER_MERGE};

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn docs(segments: &[SegmentMeta], group: &[SegmentId]) -> u32 {
        segments
            .iter()
            .filter(|s| group.contains(&s.id()))
            .map(SegmentMeta::num_docs)
            .sum()
    }

    #[test]
    fn a_run_up_to_the_bound_ends_in_one_segment() {
        let segments = metas(&[30, 30, 25, 10, 5]);
        let merges = final_merges(&segments, &HashSet::new(), 100);
        assert_eq!(merges.len(), 1);
        assert_eq!(merges[0].len(), 5);
    }

    #[test]
    fn a_larger_run_ends_in_segments_within_the_bound() {
        let segments = metas(&[60, 60, 50, 40, 30, 20, 10, 10, 5]);
        let merges = final_merges(&segments, &HashSet::new(), 100);
        assert!(
            merges.iter().all(|g| docs(&segments, g) <= 100),
            "{merges:?}"
        );
        // 285 postings: three groups of at most 100 hold them all.
        assert_eq!(merges.iter().map(|g| docs(&segments, g)).sum::<u32>(), 285);
        assert_eq!(merges.len(), 3);
    }

    #[test]
    fn large_existing_segments_are_left_alone() {
        // An index of 1,000 in segments of 200 (and a small one of 20), and a run adding 30.
        let segments = metas(&[200, 200, 200, 200, 180, 20, 20, 10]);
        let existing: HashSet<SegmentId> = segments[..6].iter().map(SegmentMeta::id).collect();
        let merges = final_merges(&segments, &existing, 200);
        assert_eq!(merges.len(), 1);
        let mut merged = merges[0].clone();
        merged.sort();
        let mut expected = vec![segments[5].id(), segments[6].id(), segments[7].id()];
        expected.sort();
        // The run's two segments, and the old one of 20 (no larger than the 30 written).
        assert_eq!(merged, expected);
    }

    #[test]
    fn an_existing_segment_larger_than_the_run_is_not_rewritten() {
        let segments = metas(&[100, 10, 5]);
        let existing: HashSet<SegmentId> = [segments[0].id()].into();
        let merges = final_merges(&segments, &existing, 1_000);
        assert_eq!(merges, vec![vec![segments[1].id(), segments[2].id()]]);
        // Nothing written: nothing merged.
        let all: HashSet<SegmentId> = segments.iter().map(SegmentMeta::id).collect();
        assert!(final_merges(&segments, &all, 1_000).is_empty());
    }

    #[test]
    fn merges_during_a_run_stay_within_the_bound() {
        let policy = BoundedMergePolicy::new(1_000);
        // A level of 32 segments: 1,600 postings, cut in merges of at most 1,000.
        let segments = metas(&[50; SEGMENTS_PER_MERGE]);
        let candidates = policy.compute_merge_candidates(&segments);
        let sizes: Vec<u32> = candidates.iter().map(|c| docs(&segments, &c.0)).collect();
        assert_eq!(sizes.iter().sum::<u32>(), 1_600);
        assert!(sizes.iter().all(|&n| n <= 1_000), "{sizes:?}");
        // One segment fewer: nothing merges before the run's final merge.
        assert!(policy.compute_merge_candidates(&segments[1..]).is_empty());
        // Segments of half the bound or more are never merged again.
        assert!(policy
            .compute_merge_candidates(&metas(&[500; SEGMENTS_PER_MERGE + 1]))
            .is_empty());
    }
}
