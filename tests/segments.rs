//! Segments stay bounded: a bulk run ends in segments of at most the writer's bound (one
//! segment below it), and a run adding postings to an index leaves its large segments as they
//! are instead of merging the whole index again. The bound is tiny here; the default applies
//! the same rules to hundreds of thousands of postings.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use vacancy_search::indexer::Indexer;
use vacancy_search::search::{Engine, SearchRequest};
use vacancy_search::store::open_index;

/// Live postings per segment, by segment id.
fn segments(dir: &Path) -> BTreeMap<String, u32> {
    let (index, _) = open_index(dir).unwrap();
    index
        .searchable_segment_metas()
        .unwrap()
        .iter()
        .map(|s| (s.id().uuid_string(), s.num_docs()))
        .collect()
}

/// Adds postings `ids` in one run with the segment bound `bound`, committing every `every`.
fn run(dir: &Path, bound: u32, ids: std::ops::Range<u32>, every: usize) {
    let mut indexer = Indexer::open_with_segment_bound(dir, bound).unwrap();
    for i in ids {
        let body = format!("Gestion de projet et suivi budgétaire, poste {i}.");
        let posting = common::posting(&format!("p{i}"), "fr", "Chargé de projet", &body);
        indexer.upsert(&posting).unwrap();
        if indexer.pending() >= every {
            indexer.commit(false).unwrap();
        }
    }
    indexer.finish().unwrap();
    assert_only_live_segment_files(dir);
}

/// The directory holds the files of the live segments and of no other: the segments merged
/// away were collected.
fn assert_only_live_segment_files(dir: &Path) {
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| Some(name.split_once('.')?.0.to_owned()))
        .filter(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect();
    let live: std::collections::BTreeSet<String> = segments(dir).into_keys().collect();
    assert_eq!(on_disk, live, "segment files left on disk");
}

fn total(dir: &Path) -> u64 {
    let engine = Engine::open_manual(dir).unwrap();
    engine.search(&SearchRequest::new("projet")).unwrap().total
}

#[test]
fn a_bulk_run_below_the_bound_ends_in_one_segment() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), 1_000, 0..120, 10);
    let segs = segments(dir.path());
    assert_eq!(segs.values().copied().collect::<Vec<_>>(), vec![120]);
}

#[test]
fn a_bulk_run_above_the_bound_ends_in_bounded_segments() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), 40, 0..150, 10);
    let segs = segments(dir.path());
    assert!(segs.values().all(|&n| n <= 40), "{segs:?}");
    assert_eq!(segs.values().sum::<u32>(), 150);
    // Packed, not left as the run's 15 commits: 150 postings fit in 4 segments of 40.
    assert!(segs.len() <= 5, "{segs:?}");
    assert_eq!(total(dir.path()), 150);
}

#[test]
fn adding_postings_leaves_the_large_segments_untouched() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), 40, 0..150, 10);
    let before = segments(dir.path());
    run(dir.path(), 40, 150..160, 5);
    let after = segments(dir.path());
    assert_eq!(after.values().sum::<u32>(), 160);
    assert!(after.values().all(|&n| n <= 40), "{after:?}");
    // Every segment of 20 postings or more is still there, by id: not rewritten.
    for (id, &n) in before.iter().filter(|(_, &n)| n >= 20) {
        assert_eq!(
            after.get(id),
            Some(&n),
            "segment {id} was rewritten: {after:?}"
        );
    }
    assert_eq!(total(dir.path()), 160);
}

#[test]
fn small_runs_merge_into_each_other_before_the_large_segment() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), 1_000, 0..200, 50);
    let (first, _) = segments(dir.path()).pop_first().unwrap();
    for k in 0..12 {
        run(dir.path(), 1_000, 200 + k * 5..205 + k * 5, 5);
        let segs = segments(dir.path());
        // The 200-posting segment waits until the small ones together are as large.
        assert_eq!(segs.get(&first), Some(&200), "run {k}: {segs:?}");
        // The small runs cascade like a binary counter: few segments, not one per run.
        assert!(segs.len() <= 4, "run {k}: {segs:?}");
    }
    assert_eq!(total(dir.path()), 260);
}

#[test]
fn dropping_an_indexer_waits_for_its_merges_and_later_deletions_hold() {
    // Forty commits of 100 make forty small segments or more, which the writer's policy merges
    // in the background once a level holds `SEGMENTS_PER_MERGE`; the indexer is dropped at
    // once, without `finish`, while that merge may run.
    let dir = tempfile::tempdir().unwrap();
    let mut indexer = Indexer::open_with_segment_bound(dir.path(), 100_000).unwrap();
    for i in 0..4_000 {
        let body = format!("Gestion de projet et suivi budgétaire, poste {i}.");
        let posting = common::posting(&format!("p{i}"), "fr", "Chargé de projet", &body);
        indexer.upsert(&posting).unwrap();
        if indexer.pending() >= 100 {
            indexer.commit(false).unwrap();
        }
    }
    drop(indexer);
    // The merge ended before the drop returned (a merge left running could commit after the
    // next writer's deletions and bring postings back).
    let after_drop = segments(dir.path());
    assert!(after_drop.len() < 40, "{after_drop:?}");
    assert_eq!(after_drop.values().sum::<u32>(), 4_000);
    // The next writer deletes from the segments that merge was reading.
    let mut indexer = Indexer::open_with_segment_bound(dir.path(), 100_000).unwrap();
    for i in (0..4_000).step_by(4) {
        assert!(indexer.delete(&format!("p{i}")).unwrap(), "p{i}");
    }
    indexer.commit(false).unwrap();
    indexer.finish().unwrap();
    assert_eq!(total(dir.path()), 3_000);
    assert_eq!(segments(dir.path()).values().sum::<u32>(), 3_000);
}
