//! The rest of issue #7's list of bad requests, over HTTP: exclusion-only queries, 60 kB and
//! 100 kB queries, an unknown facet value, broken percent-encoding, paging deeper than the limit, too
//! many filter values. None is a 5xx, errors stay short, and the service answers afterwards.

mod common;

use axum::http::StatusCode;
use common::{fixture, get};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use vacancy_search::search::{MAX_FILTER_VALUES, MAX_PAGE_DEPTH};
use vacancy_search::server::serve;

#[tokio::test]
async fn remaining_bad_requests_are_4xx_or_empty_and_the_service_keeps_answering() {
    let fx = fixture();
    // 60 kB: as long as a URI may be here; 100 kB goes over TCP below.
    let huge = "word+".repeat(12_000);
    let too_many = (0..=MAX_FILTER_VALUES)
        .map(|i| format!("grade=G{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let deep_page = format!("page={}&per_page=100", MAX_PAGE_DEPTH / 100 + 1);
    let refused: Vec<(String, &str)> = vec![
        (format!("q={huge}"), "invalid_query"),
        ("q=a%E2%82".into(), "invalid_parameter"),
        (deep_page, "invalid_parameter"),
        (too_many, "invalid_parameter"),
    ];
    for (params, code) in refused {
        let r = get(&fx.app, &format!("/api/search?{params}")).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{params:.80}: {}",
            r.text()
        );
        let body = r.json();
        assert_eq!(body["error"]["code"], code, "{params:.80}");
        // Never the whole input echoed back.
        assert!(r.body.len() < 1_000, "{params:.80}: {} bytes", r.body.len());
    }

    // Broken escapes are taken literally, as the URL standard says; not errors.
    for q in ["%zz", "%", "a%2", "%%41"] {
        let r = get(&fx.app, &format!("/api/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
    }

    // Exclusion-only queries: every posting but the excluded ones.
    let all = fx.postings.len() as u64;
    let water = get(&fx.app, "/api/search?q=water").await.json()["total"]
        .as_u64()
        .unwrap();
    assert!(water > 0);
    for q in ["-water", "NOT+water", "-water+-hydrologist"] {
        let r = get(&fx.app, &format!("/api/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
        let total = r.json()["total"].as_u64().unwrap();
        assert!(total <= all - water, "{q}: {total}");
        assert!(total > 0, "{q}");
    }

    // An unknown facet value matches nothing; it is not an error.
    let r = get(&fx.app, "/api/search?grade=Z9").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["total"], 0);

    // Still serving.
    let r = get(&fx.app, "/api/search?q=hydrologist").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["hits"][0]["id"], "hydro-title");
}

/// Sends `GET path` over a fresh connection to `addr`; returns the whole response.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn a_100_kb_query_over_tcp_is_refused_with_a_4xx_and_the_server_keeps_answering() {
    let fx = fixture();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, fx.state.clone(), async {
        let _ = stopped.await;
    }));
    let huge = format!("/api/search?q={}", "word+".repeat(20_480));
    assert!(huge.len() > 100_000);
    let response = raw_get(addr, &huge).await;
    let status: u16 = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {response:.200}"));
    assert!((400..500).contains(&status), "{response:.300}");
    assert!(response.len() < 2_000, "{} bytes", response.len());
    let response = raw_get(addr, "/api/search?q=hydrologist").await;
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response:.300}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn every_refused_value_is_quoted_back_cut_short() {
    let fx = fixture();
    let long = "x".repeat(900);
    for (path, status) in [
        (format!("/assets/{long}"), StatusCode::NOT_FOUND),
        (format!("/analytics/{long}.svg"), StatusCode::NOT_FOUND),
        (format!("/api/postings/{long}"), StatusCode::NOT_FOUND),
        (
            format!("/api/postings/{long}/similar"),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/api/search?q={long}:water"),
            StatusCode::BAD_REQUEST,
        ),
        (format!("/api/search?q={long}:*"), StatusCode::BAD_REQUEST),
        (
            format!("/api/search?facets={long}"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/api/stats?by=grade&series={long}"),
            StatusCode::BAD_REQUEST,
        ),
        (format!("/api/stats?by={long}"), StatusCode::BAD_REQUEST),
    ] {
        let r = get(&fx.app, &path).await;
        assert_eq!(r.status, status, "{path:.60}: {}", r.text());
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        let quoted = "x".repeat(vacancy_search::error::ECHO_CHARS);
        assert!(
            message.contains(&format!("{quoted}…")),
            "{path:.60}: {message}"
        );
        assert!(message.len() < 400, "{path:.60}: {message}");
    }
}
