//! `vacancy publish` and the replicas that serve its copies: a published copy is searched
//! like the index, each new publish is picked up without reopening, old files go only when no
//! kept generation uses them, and a replica keeps serving its generation when the next one
//! arrives in the wrong order (meta.json before its segments) or as a replaced directory.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use vacancy_search::indexer::Indexer;
use vacancy_search::publish::{publish, GENERATIONS_DIR};
use vacancy_search::search::{Engine, SearchRequest};
use vacancy_search::{Error, Posting};

/// Adds `count` postings saying `word` to the index in `dir`, in one commit.
fn add(dir: &Path, word: &str, count: usize) {
    let mut indexer = Indexer::open(dir).unwrap();
    for n in 0..count {
        indexer
            .upsert(&Posting {
                id: format!("{word}-{n}"),
                title: Some(format!("{word} officer {n}")),
                language: "en".into(),
                body: format!("The {word} officer keeps the records of the office."),
                ..Posting::default()
            })
            .unwrap();
    }
    indexer.finish().unwrap();
}

fn total(engine: &Engine, query: &str) -> u64 {
    engine.search(&SearchRequest::new(query)).unwrap().total
}

/// The segment files listed by each manifest in `dest`, oldest first.
fn manifests(dest: &Path) -> Vec<BTreeSet<String>> {
    let mut paths: Vec<_> = fs::read_dir(dest.join(GENERATIONS_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let manifest: serde_json::Value =
                serde_json::from_slice(&fs::read(p).unwrap()).unwrap();
            manifest["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn a_published_copy_is_searched_and_follows_each_new_publish() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dest) = (dir.path().join("index"), dir.path().join("replica"));
    let postings = common::postings();
    common::write_index(&src, &postings);

    let first = publish(&src, &dest, 2).unwrap();
    assert!(first.changed);
    assert_eq!(first.documents, postings.len() as u64);
    assert_eq!(first.files, first.linked + first.copied);
    assert!(first.files > 0);
    let replica = Engine::open_manual(&dest).unwrap();
    let source = Engine::open_manual(&src).unwrap();
    assert_eq!(replica.num_docs(), postings.len() as u64);
    assert_eq!(replica.generation(), first.generation);
    assert_eq!(source.generation(), first.generation);
    assert_eq!(
        total(&replica, "hydrologist"),
        total(&source, "hydrologist")
    );
    assert!(!replica.refresh().unwrap(), "nothing new to switch to");

    // Publishing the same commit again writes nothing.
    let again = publish(&src, &dest, 2).unwrap();
    assert!(!again.changed);
    assert_eq!(again.generation, first.generation);

    add(&src, "glaciologist", 5);
    let second = publish(&src, &dest, 2).unwrap();
    assert!(second.changed);
    assert_ne!(second.generation, first.generation);
    assert_eq!(second.documents, postings.len() as u64 + 5);
    assert_eq!(total(&replica, "glaciologist"), 0, "still on the first");
    assert!(replica.refresh().unwrap());
    assert_eq!(replica.generation(), second.generation);
    assert_eq!(total(&replica, "glaciologist"), 5);
    assert_eq!(replica.num_docs(), second.documents);
}

#[test]
fn old_files_go_only_when_no_kept_generation_uses_them() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dest) = (dir.path().join("index"), dir.path().join("replica"));
    common::write_index(&src, &common::postings());
    publish(&src, &dest, 2).unwrap();
    let replica = Engine::open_manual(&dest).unwrap();
    // A batch as large as the index: the indexer merges it with the older segment, which the
    // first generation alone then uses (a small batch leaves a large segment as it is).
    add(&src, "glaciologist", common::postings().len() + 3);
    publish(&src, &dest, 2).unwrap();
    let kept = manifests(&dest);
    assert_eq!(kept.len(), 2);
    // Both generations are whole: a replica still on the first can reopen it.
    for name in kept.iter().flatten() {
        assert!(dest.join(name).is_file(), "{name} removed too early");
    }
    add(&src, "volcanologist", 3);
    let third = publish(&src, &dest, 2).unwrap();
    let now = manifests(&dest);
    assert_eq!(now.len(), 2, "the oldest manifest is dropped");
    assert_eq!(now[0], kept[1]);
    let live: BTreeSet<_> = now.iter().flatten().cloned().collect();
    let gone: Vec<_> = kept[0].difference(&live).collect();
    assert!(
        !gone.is_empty(),
        "the indexer merged: the first files are unused"
    );
    for name in &gone {
        assert!(!dest.join(name).exists(), "{name} kept though unused");
    }
    assert_eq!(third.removed, gone.len());
    // Only segment files of kept generations and the bookkeeping remain.
    for entry in fs::read_dir(&dest).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            live.contains(&name)
                || [
                    "meta.json",
                    GENERATIONS_DIR,
                    ".tantivy-meta.lock",
                    ".vacancy-publish.lock"
                ]
                .contains(&name.as_str()),
            "unexpected {name}"
        );
    }
    // A replica that was on the first generation (its files mapped) switches to the third.
    assert!(replica.refresh().unwrap());
    assert_eq!(total(&replica, "volcanologist"), 3);
}

#[test]
fn a_generation_whose_files_arrive_late_is_picked_up_once_they_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dest, staging) = (
        dir.path().join("index"),
        dir.path().join("replica"),
        dir.path().join("staging"),
    );
    common::write_index(&src, &common::postings());
    let first = publish(&src, &dest, 2).unwrap();
    // Manual: tantivy's watcher must not race the refreshes checked here.
    let replica = Engine::open_manual(&dest).unwrap();
    add(&src, "glaciologist", 4);
    let second = publish(&src, &staging, 2).unwrap();

    // A copy tool that writes meta.json first: the replica cannot open the new generation
    // and keeps answering from its own.
    fs::copy(staging.join("meta.json"), dest.join("meta.json.part")).unwrap();
    fs::rename(dest.join("meta.json.part"), dest.join("meta.json")).unwrap();
    assert!(replica.refresh().is_err());
    assert_eq!(replica.generation(), first.generation);
    assert!(total(&replica, "hydrologist") > 0);

    // The segments arrive: the next refresh switches.
    for entry in fs::read_dir(&staging).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !dest.join(path.file_name().unwrap()).exists() {
            fs::copy(&path, dest.join(path.file_name().unwrap())).unwrap();
        }
    }
    assert!(replica.refresh().unwrap());
    assert_eq!(replica.generation(), second.generation);
    assert_eq!(total(&replica, "glaciologist"), 4);
}

#[test]
fn a_replaced_directory_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dest, next) = (
        dir.path().join("index"),
        dir.path().join("replica"),
        dir.path().join("replica.next"),
    );
    common::write_index(&src, &common::postings());
    publish(&src, &dest, 2).unwrap();
    let replica = Engine::open_manual(&dest).unwrap();
    add(&src, "glaciologist", 2);
    let second = publish(&src, &next, 2).unwrap();
    fs::rename(&dest, dir.path().join("replica.old")).unwrap();
    fs::rename(&next, &dest).unwrap();
    assert!(replica.refresh().unwrap());
    assert_eq!(replica.generation(), second.generation);
    assert_eq!(total(&replica, "glaciologist"), 2);
}

#[test]
fn bad_publishes_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing");
    let error = publish(&missing, &dir.path().join("replica"), 2).unwrap_err();
    assert!(
        matches!(error, Error::IndexMissing(ref p) if p == &missing),
        "{error}"
    );
    common::write_index(&dir.path().join("index"), &common::postings());
    let error = publish(&dir.path().join("index"), &dir.path().join("replica"), 0).unwrap_err();
    assert!(
        matches!(error, Error::InvalidParameter { ref name, .. } if name == "keep"),
        "{error}"
    );
    assert!(!dir.path().join("replica").exists());
}

#[test]
fn another_file_system_gets_copies_instead_of_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let other = common::ram_tempdir();
    let device = |p: &Path| fs::metadata(p).unwrap().dev();
    if device(dir.path()) == device(other.path()) {
        eprintln!("skipped: no second file system for a temporary directory");
        return;
    }
    let (src, dest) = (dir.path().join("index"), other.path().join("replica"));
    common::write_index(&src, &common::postings());
    let published = publish(&src, &dest, 2).unwrap();
    assert_eq!(published.linked, 0);
    assert_eq!(published.copied, published.files);
    let size: u64 = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| manifests(&dest)[0].contains(n))
        .map(|n| fs::metadata(src.join(n)).unwrap().len())
        .sum();
    assert_eq!(published.bytes_copied, size);
    let replica = Engine::open_manual(&dest).unwrap();
    assert_eq!(replica.generation(), published.generation);
    assert_eq!(
        total(&replica, "hydrologist"),
        total(&Engine::open_manual(&src).unwrap(), "hydrologist")
    );
    // No temporary file is left behind.
    assert!(fs::read_dir(&dest).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}
