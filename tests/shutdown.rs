//! `vacancy serve` stopped by SIGTERM: the request in flight is answered, then the process
//! exits with status 0 and the port is closed.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::process::{free_port, get, spawn_serve};

#[test]
fn sigterm_answers_the_request_in_flight_then_exits_0() {
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut server = spawn_serve(port, &work.path().join("index"), &[]);

    // Ready once the bundled corpus is indexed.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let answer = get(port, "/healthz").unwrap_or_default();
        if answer.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(Instant::now() < deadline, "never ready: {answer}");
        std::thread::sleep(Duration::from_millis(100));
    }

    // A search sent, then SIGTERM before its answer is read.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /api/search?q=water&per_page=100 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let pid = server.0.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"total\""), "{answer}");

    let deadline = Instant::now() + Duration::from_secs(30);
    let exit = loop {
        if let Some(exit) = server.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "still running 30 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(exit.code(), Some(0), "{exit:?}");
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port still accepts connections"
    );
}
