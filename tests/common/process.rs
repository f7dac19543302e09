//! A `vacancy` server process for tests: a free port, raw HTTP/1.1 requests, and a guard that
//! kills the process when a test fails half-way.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::Duration;

/// A port free at the time of the call.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Sends one HTTP/1.1 request on a new connection and returns the raw answer, or `None` when
/// nothing listens.
pub fn get(port: u16, target: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer)
}

/// Kills the server if the test fails half-way.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vacancy serve` on `port` over the index in `index` (built from the bundled
/// `corpus/` when there is none, unless `extra` says `--read-only`), its output discarded.
pub fn spawn_serve(port: u16, index: &std::path::Path, extra: &[&str]) -> Server {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_vacancy"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--index"])
        .arg(index)
        .arg("--corpus")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .args(extra)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    Server(child)
}
