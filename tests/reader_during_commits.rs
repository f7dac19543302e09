//! The server reading while the indexer commits: every request succeeds, answers from one
//! whole commit (never a half-written batch), counts only grow, and each new commit is seen
//! without restarting or reloading by hand.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use vacancy_search::indexer::Indexer;
use vacancy_search::search::Engine;
use vacancy_search::server::{router, AppState, Settings};
use vacancy_search::Posting;

/// New postings per batch commit.
const BATCH: usize = 20;
/// Batches of new postings.
const BATCHES: usize = 4;
/// Existing postings replaced in the last commit.
const REPLACED: usize = 10;

fn new_posting(n: usize) -> Posting {
    Posting {
        id: format!("new-{n:03}"),
        title: Some(format!("Glaciologist {n}")),
        language: "en".into(),
        body: "Measures ice mass in mountain ranges.".into(),
        ..Posting::default()
    }
}

#[test]
fn searches_during_commits_never_fail_and_see_each_commit() {
    let dir = tempfile::tempdir().unwrap();
    let initial = common::postings();
    common::write_index(dir.path(), &initial);
    let base = initial.len() as u64;
    // The engine as `vacancy serve` opens it: it reloads by itself after each commit.
    let engine = Engine::open(dir.path()).unwrap();
    // `/healthz` says ready once the skill taggers are built too.
    vacancy_search::skills::build_taggers();
    let app = router(AppState::with_engine(engine, Settings::default()));

    // What the readers saw so far, and whether the writer is done.
    let seen = Arc::new(AtomicU64::new(base));
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let path = dir.path().to_path_buf();
        let seen = seen.clone();
        let done = done.clone();
        let replaced: Vec<Posting> = initial[initial.len() - REPLACED..]
            .iter()
            .map(|p| Posting {
                body: format!("{} Now also surveys permafrost.", p.body),
                ..p.clone()
            })
            .collect();
        std::thread::spawn(move || {
            let mut indexer = Indexer::open(&path).unwrap();
            let wait_until_seen = |count: u64| {
                let started = Instant::now();
                while seen.load(Ordering::SeqCst) < count {
                    assert!(
                        started.elapsed() < Duration::from_secs(20),
                        "readers did not see the commit of {count} postings"
                    );
                    std::thread::sleep(Duration::from_millis(5));
                }
            };
            for batch in 0..BATCHES {
                for n in batch * BATCH..(batch + 1) * BATCH {
                    indexer.upsert(&new_posting(n)).unwrap();
                    // Readers keep answering from the last commit while the batch is built.
                    std::thread::sleep(Duration::from_millis(2));
                }
                indexer.commit(false).unwrap();
                wait_until_seen(base + ((batch + 1) * BATCH) as u64);
            }
            for p in &replaced {
                indexer.upsert(p).unwrap();
            }
            indexer.finish().unwrap();
            done.store(true, Ordering::SeqCst);
        })
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let final_count = base + (BATCHES * BATCH) as u64;
    let (requests, permafrost) = runtime.block_on(async {
        let mut requests = 0u64;
        let mut last = base;
        let started = Instant::now();
        loop {
            let writer_done = done.load(Ordering::SeqCst);
            let browse = common::get(&app, "/api/search?per_page=1").await;
            assert_eq!(browse.status, StatusCode::OK, "{}", browse.text());
            let total = browse.json()["total"].as_u64().unwrap();
            let health = common::get(&app, "/healthz").await;
            assert_eq!(health.status, StatusCode::OK, "{}", health.text());
            let documents = health.json()["documents"].as_u64().unwrap();
            let query = common::get(&app, "/api/search?q=glaciologist").await;
            assert_eq!(query.status, StatusCode::OK, "{}", query.text());
            requests += 3;
            for count in [total, documents] {
                assert!(count >= last, "count went back from {last} to {count}");
                assert_eq!(
                    (count - base) % BATCH as u64,
                    0,
                    "{count} postings: a batch seen in part"
                );
                assert!(count <= final_count, "{count}");
                last = count;
            }
            seen.store(last, Ordering::SeqCst);
            if writer_done && last == final_count {
                let marked = common::get(&app, "/api/search?q=permafrost").await.json()["total"]
                    .as_u64()
                    .unwrap();
                if marked == REPLACED as u64 {
                    return (requests, marked);
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the last commit was not seen within 30 s (at {last})"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    writer.join().unwrap();
    assert_eq!(permafrost, REPLACED as u64);
    assert!(requests > 3 * BATCHES as u64, "{requests} requests");
}
