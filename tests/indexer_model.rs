//! Model-based test of the [`Indexer`]: random sequences of additions, replacements,
//! deletions, commits and abandoned writers, checked after every commit against a map of the
//! live postings.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use vacancy_search::indexer::{Indexer, Upsert};
use vacancy_search::search::Engine;
use vacancy_search::Posting;

/// Distinct ids drawn from, few enough that replacements and deletions hit existing ones.
const IDS: u8 = 6;

#[derive(Debug, Clone)]
enum Op {
    /// Adds or replaces posting `id` with content `marker`.
    Upsert { id: u8, marker: u16 },
    /// Deletes posting `id`.
    Delete { id: u8 },
    /// Commits.
    Commit,
    /// Drops the writer without committing and opens a new one.
    Abandon,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..IDS, any::<u16>()).prop_map(|(id, marker)| Op::Upsert { id, marker }),
        2 => (0..IDS).prop_map(|id| Op::Delete { id }),
        2 => Just(Op::Commit),
        1 => Just(Op::Abandon),
    ]
}

fn id_of(id: u8) -> String {
    format!("posting-{id}")
}

fn posting(id: u8, marker: u16) -> Posting {
    Posting {
        id: id_of(id),
        title: Some(format!("Officer {id}")),
        language: "en".into(),
        body: format!("Content marker {marker}."),
        ..Posting::default()
    }
}

/// The marker written in a stored body.
fn marker_of(posting: &Posting) -> u16 {
    posting
        .body
        .strip_prefix("Content marker ")
        .and_then(|rest| rest.strip_suffix('.'))
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("unexpected body {:?}", posting.body))
}

/// Checks the committed index in `dir` against `model`, both by reading every stored
/// document and by looking each id up.
fn check(dir: &Path, engine: &Engine, model: &BTreeMap<String, u16>) {
    engine.reload().unwrap();
    let mut stored = BTreeMap::new();
    for p in common::stored_postings(dir) {
        let marker = marker_of(&p);
        assert!(
            stored.insert(p.id.clone(), marker).is_none(),
            "{} twice",
            p.id
        );
    }
    assert_eq!(&stored, model);
    assert_eq!(engine.num_docs(), model.len() as u64);
    for id in 0..IDS {
        let found = engine.posting(&id_of(id)).unwrap().map(|p| marker_of(&p));
        assert_eq!(found, model.get(&id_of(id)).copied(), "lookup of {id}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::proptest_cases(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn indexer_matches_a_model_of_the_live_set(ops in prop::collection::vec(op(), 1..24)) {
        let dir = common::ram_tempdir();
        let mut indexer = Indexer::open(dir.path()).unwrap();
        indexer.commit(false).unwrap();
        let engine = Engine::open_manual(dir.path()).unwrap();
        // What the last commit holds, and what the writer's pending state makes of it.
        let mut committed: BTreeMap<String, u16> = BTreeMap::new();
        let mut live = committed.clone();
        for op in ops {
            match op {
                Op::Upsert { id, marker } => {
                    let expected = if live.contains_key(&id_of(id)) {
                        Upsert::Replaced
                    } else {
                        Upsert::Added
                    };
                    prop_assert_eq!(indexer.upsert(&posting(id, marker)).unwrap(), expected);
                    live.insert(id_of(id), marker);
                }
                Op::Delete { id } => {
                    let existed = live.remove(&id_of(id)).is_some();
                    prop_assert_eq!(indexer.delete(&id_of(id)).unwrap(), existed);
                }
                Op::Commit => {
                    indexer.commit(false).unwrap();
                    committed = live.clone();
                    check(dir.path(), &engine, &committed);
                }
                Op::Abandon => {
                    drop(indexer);
                    indexer = Indexer::open(dir.path()).unwrap();
                    live = committed.clone();
                    check(dir.path(), &engine, &committed);
                }
            }
        }
        indexer.finish().unwrap();
        check(dir.path(), &engine, &live);
    }
}

/// Found by the model: a deletion and a re-addition of one id in the same batch used to
/// report a replacement, and a second deletion used to report that the posting existed.
#[test]
fn deletions_in_the_pending_batch_count_for_upsert_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut indexer = Indexer::open(dir.path()).unwrap();
    assert_eq!(indexer.upsert(&posting(1, 10)).unwrap(), Upsert::Added);
    indexer.commit(false).unwrap();
    assert!(indexer.delete(&id_of(1)).unwrap());
    assert!(!indexer.delete(&id_of(1)).unwrap());
    assert_eq!(indexer.upsert(&posting(1, 11)).unwrap(), Upsert::Added);
    assert_eq!(indexer.upsert(&posting(1, 12)).unwrap(), Upsert::Replaced);
    indexer.finish().unwrap();
    let stored = common::stored_postings(dir.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(marker_of(&stored[0]), 12);
}
