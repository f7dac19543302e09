//! `vacancy serve --read-only` as a process: it never builds the index, waits for one, and
//! serves it while another process holds the writer lock, following each commit.

mod common;

use std::time::{Duration, Instant};

use common::process::{free_port, get, spawn_serve};

/// Waits (at most 60 s) until `GET /healthz` answers 200, and returns its body.
fn healthy(port: u16) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let answer = get(port, "/healthz").unwrap_or_default();
        if answer.starts_with("HTTP/1.1 200") {
            let body = answer.split("\r\n\r\n").nth(1).unwrap();
            return serde_json::from_str(body).unwrap();
        }
        assert!(Instant::now() < deadline, "never ready: {answer}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_read_only_server_waits_for_an_index_and_follows_the_writer_without_its_lock() {
    use vacancy_search::indexer::Indexer;
    use vacancy_search::Posting;

    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("index");
    let port = free_port();
    let _server = spawn_serve(port, &dir, &["--read-only"]);

    // No index: not ready, and nothing is built from the corpus.
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(port, "/healthz").is_none() {
        assert!(Instant::now() < deadline, "never listening");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(1500));
    let answer = get(port, "/healthz").unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(!dir.exists(), "a read-only server built an index");

    // A writer creates the index and keeps its lock while the server opens and follows it.
    let posting = |n: usize| Posting {
        id: format!("p{n}"),
        title: Some(format!("Hydrologist {n}")),
        language: "en".into(),
        body: "Monitors river basins.".into(),
        ..Posting::default()
    };
    let mut writer = Indexer::open(&dir).unwrap();
    for n in 0..3 {
        writer.upsert(&posting(n)).unwrap();
    }
    writer.commit(true).unwrap();
    let first = serving(port, 3);
    for n in 3..5 {
        writer.upsert(&posting(n)).unwrap();
    }
    writer.commit(true).unwrap();
    let second = serving(port, 5);
    assert_ne!(second["generation"], first["generation"]);
    drop(writer);
}

/// Waits (at most 30 s) until the server on `port` serves `documents` postings; returns its
/// `/healthz` body.
fn serving(port: u16, documents: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let health = healthy(port);
        if health["documents"] == documents {
            return health;
        }
        assert!(
            Instant::now() < deadline,
            "{documents} postings never served: {health}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn search_and_http_threads_come_from_the_command_line_and_show_in_the_metrics() {
    let work = tempfile::tempdir().unwrap();
    // No index and read-only: nothing is built, the metrics answer at once.
    let dir = work.path().join("index");
    let port = free_port();
    let _server = spawn_serve(
        port,
        &dir,
        &[
            "--read-only",
            "--concurrent-searches",
            "3",
            "--http-threads",
            "3",
        ],
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let metrics = loop {
        match get(port, "/metrics") {
            Some(answer) if answer.starts_with("HTTP/1.1 200") => break answer,
            _ => {
                assert!(Instant::now() < deadline, "/metrics never answered");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    };
    let value = |name: &str| {
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no {name} in {metrics}"))
            .to_owned()
    };
    assert_eq!(value("vacancy_search_slots"), "3");
    assert_eq!(value("vacancy_http_threads"), "3");
    assert_eq!(value("vacancy_searches_running"), "0");
}
