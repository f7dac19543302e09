//! Crash safety: `vacancy index` killed with SIGKILL between batch commits leaves an index that
//! opens at its last commit, and a re-run completes it with every posting exactly once.

mod common;

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use vacancy_search::generate::{generate, GeneratorConfig};
use vacancy_search::schema::SCHEMA_VERSION;
use vacancy_search::search::{Engine, SearchRequest};
use vacancy_search::source::{read_sources, SourceItem};
use vacancy_search::store::{last_commit_info, open_index, CommitInfo};

/// Postings in the generated corpus: about 4 s of indexing in a debug build.
const POSTINGS: u64 = 1_200;
/// Batch size given to `--commit-every`: a dozen commits per run.
const COMMIT_EVERY: u64 = 100;

fn vacancy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vacancy"))
}

/// Writes the corpus and returns its posting ids in reading order (checked unique).
fn write_corpus(path: &Path) -> Vec<String> {
    let file = std::fs::File::create(path).unwrap();
    let stats = generate(
        &GeneratorConfig::new(POSTINGS, 2024),
        std::io::BufWriter::new(file),
    )
    .unwrap();
    assert_eq!(stats.postings, POSTINGS);
    let ids: Vec<String> = read_sources(&[path.to_path_buf()])
        .map(|item| match item {
            SourceItem::Posting { posting, .. } => posting.id,
            SourceItem::Rejected(r) => panic!("generated posting rejected: {r}"),
        })
        .collect();
    assert_eq!(ids.len() as u64, POSTINGS);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len());
    ids
}

/// The commit record of the index in `dir`, once it has one.
fn commit_info(dir: &Path) -> Option<CommitInfo> {
    let (index, _) = open_index(dir).ok()?;
    last_commit_info(&index).ok()?
}

/// Stored ids of the index in `dir`, checked free of duplicates.
fn unique_stored_ids(dir: &Path) -> BTreeSet<String> {
    let ids: Vec<String> = common::stored_postings(dir)
        .into_iter()
        .map(|p| p.id)
        .collect();
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "duplicate ids in the index");
    set
}

#[test]
fn sigkill_between_commits_keeps_the_last_commit_and_a_rerun_completes() {
    let work = tempfile::tempdir().unwrap();
    let feed = work.path().join("feed.jsonl");
    let expected = write_corpus(&feed);
    let index: PathBuf = work.path().join("index");
    let commit_every = COMMIT_EVERY.to_string();
    let sources = vec![feed.display().to_string()];

    // Start indexing; kill it once three batch commits are visible, while it writes the next.
    let mut child = vacancy()
        .args(["index", "--commit-every", &commit_every, "--index"])
        .arg(&index)
        .arg(&feed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the indexer ended ({status}) before three batch commits were seen");
        }
        if commit_info(&index).is_some_and(|info| info.read >= 3 * COMMIT_EVERY) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no commit within 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "killed by SIGKILL, not finished: {status}"
    );

    // The index opens at its last batch commit, marked incomplete, with the sources recorded.
    let info = commit_info(&index).expect("the killed run left a readable commit");
    assert!(!info.complete, "a killed run is not complete: {info:?}");
    assert_eq!(info.sources, sources);
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    let engine = Engine::open_manual(&index).unwrap();
    let kept = engine.num_docs();
    assert!(
        kept > 0 && kept < POSTINGS,
        "killed in the middle: {kept} of {POSTINGS}"
    );
    assert_eq!(kept % COMMIT_EVERY, 0, "only whole batches are committed");
    assert_eq!(kept, info.read, "documents match the postings read");
    let browse = engine.search(&SearchRequest::new("")).unwrap();
    assert_eq!(browse.total, kept);
    let prefix: BTreeSet<String> = expected[..kept as usize].iter().cloned().collect();
    assert_eq!(unique_stored_ids(&index), prefix);
    drop(engine);

    // A re-run takes the lock the killed process held, replaces what was kept and adds the
    // rest.
    let out = vacancy()
        .args(["index", "--commit-every", &commit_every, "--index"])
        .arg(&index)
        .arg(&feed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "({} added, {kept} replaced), 0 rejected",
            POSTINGS - kept
        )),
        "{stderr}"
    );
    let info = commit_info(&index).unwrap();
    assert!(info.complete, "{info:?}");
    assert_eq!(info.sources, sources);
    assert_eq!(info.read, POSTINGS);
    assert_eq!(Engine::open_manual(&index).unwrap().num_docs(), POSTINGS);
    let all: BTreeSet<String> = expected.into_iter().collect();
    assert_eq!(unique_stored_ids(&index), all);
}
