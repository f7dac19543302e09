//! A real server on a local port: a search over TCP and graceful shutdown.

mod common;

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use vacancy_search::server::serve;

/// Sends one HTTP/1.1 request with `Connection: close` and returns the whole response.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn serves_searches_and_shuts_down_gracefully() {
    let fx = common::fixture();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, fx.state.clone(), async {
        let _ = stopped.await;
    }));

    let response = raw_get(addr, "/api/search?q=hydrologist").await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    let body = response.split("\r\n\r\n").nth(1).unwrap();
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["hits"][0]["id"], "hydro-title");

    // A request in flight when shutdown starts still gets its answer: open a connection, send
    // half a request, trigger shutdown, then finish the request.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    slow.write_all(b"Connection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    slow.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");

    let result = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returns after shutdown")
        .unwrap();
    result.unwrap();
    // No longer accepting.
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn idle_connections_do_not_hold_shutdown() {
    let fx = common::fixture();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, fx.state.clone(), async {
        let _ = stopped.await;
    }));
    // A keep-alive connection that has finished its request and sits idle.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 512];
    let n = idle.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200 OK"));
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("idle keep-alive connections are closed on shutdown")
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn connections_waiting_when_shutdown_begins_are_answered() {
    let fx = common::fixture();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Clients connected (the system has queued their connections) and their requests sent
    // before the server runs at all, with its shutdown already due.
    let mut waiting = Vec::new();
    for i in 0..8 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "GET /api/search?q=hydrologist&page={} HTTP/1.1\r\nHost: localhost\r\n\
             Connection: close\r\n\r\n",
            1 + i % 2
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        waiting.push(stream);
    }
    let server = tokio::spawn(serve(listener, fx.state.clone(), std::future::ready(())));
    for mut stream in waiting {
        let mut answer = String::new();
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_string(&mut answer))
            .await
            .expect("answered")
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");
        assert!(answer.contains("\"total\""), "{answer}");
    }
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returns after shutdown")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn clients_slow_to_send_headers_are_dropped() {
    let fx = common::fixture();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, fx.state.clone(), async {
        let _ = stopped.await;
    }));
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let limit = vacancy_search::server::HEADER_READ_TIMEOUT + Duration::from_secs(3);
    let read = tokio::time::timeout(limit, slow.read_to_end(&mut rest))
        .await
        .expect("the server drops a client that never finishes its headers");
    // Either a bare close or a 408 before closing; never a 200.
    assert!(read.is_err() || !String::from_utf8_lossy(&rest).contains("200 OK"));
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

/// Reads `stream` to its end or its first error; whether it ended cleanly.
async fn read_all(stream: &mut TcpStream, out: &mut Vec<u8>) -> bool {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => return true,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_client_that_stops_reading_is_cut_off_at_the_idle_timeout() {
    // Enough rows (with bodies) to outgrow the stream's chunks ahead and the socket buffers.
    const POSTINGS: usize = 6_000;
    let body = "Hydrology and water resources management in the field. ".repeat(20);
    let postings: Vec<_> = (0..POSTINGS)
        .map(|i| common::posting(&format!("p{i:05}"), "en", "Hydrologist", &body))
        .collect();
    let dir = tempfile::TempDir::new().unwrap();
    common::write_index(dir.path(), &postings);
    let engine = vacancy_search::search::Engine::open_manual(dir.path()).unwrap();
    // The search below is timed: the skill taggers it would wait for are built first.
    vacancy_search::skills::build_taggers();
    let idle = Duration::from_millis(300);
    let state = vacancy_search::server::AppState::with_engine(
        engine,
        vacancy_search::server::Settings {
            export_idle_timeout: idle,
            concurrent_searches: 2,
            ..Default::default()
        },
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, state, async {
        let _ = stopped.await;
    }));
    let request = b"GET /api/export.csv?include_body=true HTTP/1.1\r\nHost: localhost\r\n\
                    Connection: close\r\n\r\n";

    // A client that reads along gets the whole export: it does outgrow the buffers.
    let mut reader = TcpStream::connect(addr).await.unwrap();
    reader.write_all(request).await.unwrap();
    let mut whole = Vec::new();
    assert!(read_all(&mut reader, &mut whole).await);
    assert!(whole.starts_with(b"HTTP/1.1 200 OK"));
    assert!(whole.ends_with(b"0\r\n\r\n"), "a complete chunked body");
    assert!(whole.len() > 6_000_000, "{} bytes", whole.len());

    // Clients with a small receive buffer that send the request and read nothing more.
    let mut stalled = Vec::new();
    for _ in 0..4 {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut stream = socket.connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        stalled.push(stream);
    }
    tokio::time::sleep(idle * 2).await;
    // Searches are answered meanwhile: the stalled exports hold no search slot.
    let answer = tokio::time::timeout(Duration::from_secs(5), raw_get(addr, "/api/search?q=water"))
        .await
        .expect("searches are answered while exports stall");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    tokio::time::sleep(idle * 3).await;

    // Read late: each response was cut off (no final chunk, shorter than whole) and the
    // connection closed, rather than waiting for the client for ever.
    for mut stream in stalled {
        let mut got = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), read_all(&mut stream, &mut got))
            .await
            .expect("the server closed the stalled connection");
        assert!(got.starts_with(b"HTTP/1.1 200 OK"));
        assert!(!got.ends_with(b"0\r\n\r\n"), "cut off, not complete");
        assert!(got.len() < whole.len(), "{} of {}", got.len(), whole.len());
    }
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("shutdown is not held by the exports")
        .unwrap()
        .unwrap();
}

/// Rewrites the commit record of the index in `dir` as if an earlier version had written it.
fn record_earlier_schema(dir: &std::path::Path) {
    let meta = dir.join("meta.json");
    let mut metas: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap();
    let mut info: serde_json::Value =
        serde_json::from_str(metas["payload"].as_str().unwrap()).unwrap();
    info["schema_version"] = (vacancy_search::schema::SCHEMA_VERSION - 1).into();
    metas["payload"] = info.to_string().into();
    std::fs::write(&meta, metas.to_string()).unwrap();
}

/// Starts `run` on a free port over `index` built from `corpus` and returns its address and
/// the task, which ends when `run` returns.
async fn start_run(
    index: &std::path::Path,
    corpus: &std::path::Path,
) -> (
    std::net::SocketAddr,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<vacancy_search::Result<()>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let served = vacancy_search::server::ServedIndex {
        index: index.to_path_buf(),
        corpus: corpus.to_path_buf(),
        read_only: false,
        unknown_closing_days: 60,
        search_threads: Some(1),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(vacancy_search::server::run(
        listener,
        vacancy_search::server::Settings::default(),
        served,
        async {
            let _ = stopped.await;
        },
    ));
    (addr, stop, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_of_an_earlier_schema_built_from_the_served_corpus_alone_is_rebuilt() {
    let corpus = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/feed.jsonl"
    ));
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    vacancy_search::ingest::index_paths(&index, &[corpus.to_path_buf()], 1_000, |_| {}).unwrap();
    record_earlier_schema(&index);
    assert!(matches!(
        vacancy_search::store::open_index(&index),
        Err(vacancy_search::Error::SchemaMismatch { .. })
    ));

    let (addr, stop, task) = start_run(&index, corpus).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let health = raw_get(addr, "/healthz").await;
        if health.starts_with("HTTP/1.1 200") {
            break;
        }
        if task.is_finished() {
            panic!("the server stopped: {:?}", task.await.unwrap());
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never ready: {health}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let response = raw_get(addr, "/api/search?q=").await;
    let body = response.split("\r\n\r\n").nth(1).unwrap();
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    let lines = std::fs::read_to_string(corpus).unwrap().lines().count();
    let total = json["total"].as_u64().unwrap();
    assert!(total > 0 && total <= lines as u64, "{json}");
    let (opened, _) = vacancy_search::store::open_index(&index).unwrap();
    let info = vacancy_search::store::last_commit_info(&opened)
        .unwrap()
        .unwrap();
    assert_eq!(info.schema_version, vacancy_search::schema::SCHEMA_VERSION);
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_of_an_earlier_schema_holding_other_postings_is_refused_and_kept() {
    let fixtures = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let corpus = fixtures.join("feed.jsonl");
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    // Notices indexed by an earlier run, then the served corpus: the last commit names the
    // corpus alone, but the index holds the notices too.
    vacancy_search::ingest::index_paths(&index, &[fixtures.join("notices")], 1_000, |_| {})
        .unwrap();
    vacancy_search::ingest::index_paths(&index, std::slice::from_ref(&corpus), 1_000, |_| {})
        .unwrap();
    record_earlier_schema(&index);
    let before = std::fs::read_to_string(index.join("meta.json")).unwrap();

    let (_addr, _stop, task) = start_run(&index, &corpus).await;
    let result = tokio::time::timeout(Duration::from_secs(60), task)
        .await
        .expect("run returns")
        .unwrap();
    assert!(
        matches!(result, Err(vacancy_search::Error::SchemaMismatch { .. })),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read_to_string(index.join("meta.json")).unwrap(),
        before
    );
}
