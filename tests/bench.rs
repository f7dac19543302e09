//! `vacancy bench`: the load generator against a real server on a local port, in-process, and
//! from the command line.

mod common;

use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tokio::sync::oneshot;
use vacancy_search::bench::{
    run, BenchConfig, BenchReport, Mode, QueryClass, Target, Totals, Workload,
};
use vacancy_search::server::{serve, AppState, Settings};
use vacancy_search::Error;

/// A workload over the test corpus with every class.
const EVERY_CLASS: &str = "\
# one of each class
water
programme officer
\"senior hydrologist\"
?q=water&region=Africa
?q=&sort=published
rare\thydrologist
";

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn workload(text: &str) -> Workload {
    Workload::parse(text, "test queries", today()).unwrap()
}

/// `vacancy serve`'s loop on `state`, on a port of its own, in a thread with its own runtime;
/// stopped when dropped.
struct Server {
    url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(state: AppState) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                serve(listener, state, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        Server {
            url: format!("http://{addr}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn quick(target: Target, workload: Workload) -> BenchConfig {
    let mut config = BenchConfig::new(target, workload);
    config.concurrency = 4;
    config.duration = Duration::from_secs(1);
    config.warmup = Duration::from_millis(200);
    config
}

fn assert_ordered(name: &str, stats: &Totals) {
    let l = stats
        .latency_ms
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: no latencies: {stats:?}"));
    assert!(l.p50 > 0.0, "{name}: {l:?}");
    assert!(
        l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.p99_9 && l.p99_9 <= l.max,
        "{name}: percentiles out of order: {l:?}"
    );
}

/// Every class present, with requests, no errors and ordered percentiles; class counts add up
/// to the total.
fn assert_clean_run(report: &BenchReport) {
    let total = &report.total;
    assert!(total.requests > 0, "{report}");
    assert_eq!(total.errors, 0, "{report}");
    assert_eq!(total.shed, 0, "{report}");
    assert_eq!(total.ok, total.requests, "{report}");
    assert!(total.statuses.is_empty(), "{:?}", total.statuses);
    assert!(
        report.error_samples.is_empty(),
        "{:?}",
        report.error_samples
    );
    assert_eq!(report.duration_s, 1.0);
    assert!((total.requests_per_second - total.requests as f64).abs() < 1e-9);
    assert_ordered("all", total);
    let classes: Vec<QueryClass> = report.classes.iter().map(|c| c.class).collect();
    assert_eq!(classes, QueryClass::ALL, "{report}");
    for class in &report.classes {
        assert_eq!(class.queries, 1, "{:?}", class.class);
        assert!(class.stats.requests > 0, "{:?}: {report}", class.class);
        assert_ordered(class.class.name(), &class.stats);
    }
    let sum: u64 = report.classes.iter().map(|c| c.stats.requests).sum();
    assert_eq!(sum, total.requests);
    let max = report
        .classes
        .iter()
        .map(|c| c.stats.latency_ms.as_ref().unwrap().max)
        .fold(0.0, f64::max);
    assert_eq!(max, total.latency_ms.as_ref().unwrap().max);
}

#[test]
fn http_mode_measures_every_class() {
    let fx = common::fixture();
    let server = Server::start(fx.state.clone());
    let report = run(&quick(
        Target::Http(server.url.clone()),
        workload(EVERY_CLASS),
    ))
    .unwrap();
    assert_eq!(report.mode, Mode::Http);
    assert_eq!(report.target, server.url);
    assert_eq!(report.concurrency, 4);
    assert_clean_run(&report);
    assert!(report.total.bytes > 0);
    assert!(report.class(QueryClass::Browse).unwrap().bytes > 0);
}

/// Serves `app` over HTTP/1.1 on a runtime of its own, counting the connections accepted;
/// `keep_alive: false` closes each connection after one response. Returns the runtime (the
/// server stops when it is dropped), the URL and the count.
fn counting_server(
    app: axum::Router,
    keep_alive: bool,
) -> (tokio::runtime::Runtime, String, Arc<AtomicUsize>) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    runtime.spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            counter.fetch_add(1, Ordering::SeqCst);
            let service = hyper_util::service::TowerToHyperService::new(app.clone());
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .keep_alive(keep_alive)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service),
            );
        }
    });
    (runtime, url, accepted)
}

#[test]
fn http_mode_keeps_one_connection_per_worker() {
    let fx = common::fixture();
    let (_server, url, accepted) = counting_server(fx.app.clone(), true);
    let mut config = quick(Target::Http(url), workload(EVERY_CLASS));
    config.concurrency = 3;
    let report = run(&config).unwrap();
    assert!(report.total.requests > 3 * 6, "{report}");
    assert_eq!(report.total.errors, 0, "{report}");
    // One connection for the health probe, then one per worker for the whole run.
    assert_eq!(accepted.load(Ordering::SeqCst), 1 + 3);
}

#[test]
fn http_mode_reconnects_when_the_server_closes_connections() {
    let fx = common::fixture();
    let (_server, url, accepted) = counting_server(fx.app.clone(), false);
    let mut config = quick(Target::Http(url), workload(EVERY_CLASS));
    config.concurrency = 2;
    let report = run(&config).unwrap();
    assert!(report.total.requests > 0, "{report}");
    assert_eq!(report.total.errors, 0, "{report}");
    // A new connection for every request (warm-up and probe included).
    let connections = accepted.load(Ordering::SeqCst) as u64;
    assert!(
        connections > report.total.requests,
        "{connections} connections for {} requests",
        report.total.requests
    );
}

/// A service whose `/healthz` answers after `health` and `/api/search` after `search`.
fn slow_service(health: Duration, search: Duration) -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route(
            "/healthz",
            get(move || async move {
                tokio::time::sleep(health).await;
                "ok"
            }),
        )
        .route(
            "/api/search",
            get(move || async move {
                tokio::time::sleep(search).await;
                "{}"
            }),
        )
}

#[test]
fn responses_slower_than_the_timeout_are_timeout_errors() {
    // Answers come after 30 s: a run of 2 s that waited for one would show it. The timeout
    // leaves the health probe (answered at once) room on a loaded machine.
    let app = slow_service(Duration::ZERO, Duration::from_secs(30));
    let (_server, url, accepted) = counting_server(app, true);
    let mut config = quick(Target::Http(url), workload("water"));
    config.concurrency = 2;
    config.duration = Duration::from_secs(2);
    config.warmup = Duration::ZERO;
    config.timeout = Duration::from_millis(600);
    let started = Instant::now();
    let report = run(&config).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "{report}");
    let total = &report.total;
    // Each client times out about three times; at least once each, however loaded.
    assert!(total.timeouts >= 2, "{report}");
    assert_eq!(total.errors, total.timeouts);
    assert_eq!(total.requests, total.timeouts);
    assert_eq!(total.ok, 0);
    assert_eq!(
        report.error_samples,
        ["q=water&per_page=10 → no response within the timeout"]
    );
    // An abandoned request's connection is not reused.
    assert!(accepted.load(Ordering::SeqCst) as u64 > total.timeouts);
}

#[test]
fn a_service_that_does_not_answer_is_refused_within_the_timeout() {
    let app = slow_service(Duration::from_secs(10), Duration::ZERO);
    let (_server, url, _) = counting_server(app, true);
    let mut config = quick(Target::Http(url), workload("water"));
    config.timeout = Duration::from_millis(300);
    let refused_within_the_timeout = |config: &BenchConfig| {
        let started = Instant::now();
        let shown = run(config).unwrap_err().to_string();
        assert!(started.elapsed() < Duration::from_secs(2), "{shown}");
        assert!(
            shown.contains("no answer from /healthz within 300ms"),
            "{shown}"
        );
        shown
    };
    refused_within_the_timeout(&config);
    // A service that hangs is not starting: waiting for one that is does not retry it.
    config.wait = Duration::from_secs(10);
    let shown = refused_within_the_timeout(&config);
    assert!(!shown.contains("after waiting"), "{shown}");
}

#[test]
fn http_mode_counts_refused_requests_as_errors_of_their_class() {
    let fx = common::fixture();
    let server = Server::start(fx.state.clone());
    let config = quick(
        Target::Http(server.url.clone()),
        workload("water\nrare\t?q=water&page=0\n"),
    );
    let report = run(&config).unwrap();
    let single = report.class(QueryClass::Single).unwrap();
    let rare = report.class(QueryClass::Rare).unwrap();
    assert!(single.ok > 0 && single.errors == 0, "{report}");
    assert!(rare.requests > 0, "{report}");
    assert_eq!(rare.errors, rare.requests, "{report}");
    assert_eq!(rare.ok, 0);
    assert!(rare.latency_ms.is_none());
    assert_eq!(report.total.errors, rare.errors);
    assert_eq!(report.total.statuses["400"], rare.errors);
    assert_eq!(report.total.shed, 0);
    assert_eq!(
        report.error_samples,
        ["q=water&page=0&per_page=10 → 400 invalid_parameter: invalid parameter `page`: pages are numbered from 1"]
    );
    assert!(report.to_string().contains("statuses: "), "{report}");
}

#[test]
fn load_shedding_is_counted_apart_from_errors() {
    let fx = common::fixture_with(Settings {
        max_concurrent: 1,
        max_queued: 0,
        ..Settings::default()
    });
    let server = Server::start(fx.state.clone());
    let mut config = quick(Target::Http(server.url.clone()), workload(EVERY_CLASS));
    config.concurrency = 8;
    let report = run(&config).unwrap();
    let total = &report.total;
    assert!(total.shed > 0, "{report}");
    assert_eq!(total.errors, 0, "{report}");
    assert_eq!(total.statuses["503"], total.shed);
    assert_eq!(total.ok + total.shed, total.requests);
}

#[test]
fn in_process_mode_measures_every_class() {
    let fx = common::fixture();
    let report = run(&quick(
        Target::Index(fx.dir.path().to_owned()),
        workload(EVERY_CLASS),
    ))
    .unwrap();
    assert_eq!(report.mode, Mode::InProcess);
    assert_eq!(report.target, fx.dir.path().display().to_string());
    assert_clean_run(&report);
    assert_eq!(report.total.bytes, 0);

    let report = run(&quick(
        Target::Index(fx.dir.path().to_owned()),
        workload("water\n?q=water&per_page=1000\n"),
    ))
    .unwrap();
    let total = &report.total;
    assert!(total.errors > 0 && total.ok > 0, "{report}");
    assert_eq!(total.statuses["400"], total.errors);
    assert!(
        report.error_samples[0].starts_with("q=water&per_page=1000 → 400 invalid_parameter"),
        "{:?}",
        report.error_samples
    );
}

/// A local port nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn an_unreachable_service_fails_fast_with_a_message() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    let started = Instant::now();
    let error = run(&quick(Target::Http(url.clone()), workload("water"))).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "{error}");
    let shown = error.to_string();
    assert!(matches!(error, Error::BenchTarget { .. }), "{shown}");
    assert!(
        shown.starts_with(&format!("cannot benchmark {url}: ")),
        "{shown}"
    );
    assert!(shown.contains("cannot connect"), "{shown}");
}

#[test]
fn a_service_without_an_index_is_refused_before_the_run() {
    let server = Server::start(AppState::new(Settings::default()));
    let started = Instant::now();
    let shown = run(&quick(Target::Http(server.url.clone()), workload("water")))
        .unwrap_err()
        .to_string();
    assert!(started.elapsed() < Duration::from_secs(2), "{shown}");
    assert!(shown.contains("/healthz answered 503"), "{shown}");
}

#[test]
fn a_service_still_opening_its_index_is_waited_for() {
    let fx = common::fixture();
    let state = AppState::new(Settings::default());
    let server = Server::start(state.clone());
    let engine = fx.state.engine().expect("the fixture's engine");
    // The index opens while the bench waits: /healthz answers 503 not_ready until then.
    let opener = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(600));
        state.set_engine(engine);
    });
    let started = Instant::now();
    let mut config = quick(Target::Http(server.url.clone()), workload("water"));
    config.wait = Duration::from_secs(20);
    let report = run(&config).unwrap();
    opener.join().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert!(report.total.requests > 0, "{report}");
    assert_eq!(report.total.errors, 0, "{report}");
}

#[test]
fn waiting_gives_up_on_a_service_that_does_not_become_ready() {
    let server = Server::start(AppState::new(Settings::default()));
    let started = Instant::now();
    let mut config = quick(Target::Http(server.url.clone()), workload("water"));
    config.wait = Duration::from_millis(500);
    let shown = run(&config).unwrap_err().to_string();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(500), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    assert!(shown.contains("/healthz answered 503 not_ready"), "{shown}");
    assert!(shown.contains("after waiting 500ms"), "{shown}");
}

fn vacancy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vacancy"))
}

#[test]
fn the_cli_prints_a_json_report_of_the_builtin_mix() {
    let dir = tempfile::tempdir().unwrap();
    common::write_index(dir.path(), &common::postings());
    let out = vacancy()
        .args([
            "bench",
            "--duration",
            "1s",
            "--warmup",
            "0",
            "--concurrency",
            "2",
        ])
        .args(["--json", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(report["mode"], "in-process");
    assert_eq!(report["concurrency"], 2);
    assert_eq!(report["duration_s"], 1.0);
    assert!(report["total"]["requests"].as_u64().unwrap() > 0);
    assert_eq!(report["total"]["errors"], 0);
    let p50 = report["total"]["latency_ms"]["p50"].as_f64().unwrap();
    let max = report["total"]["latency_ms"]["max"].as_f64().unwrap();
    assert!(p50 > 0.0 && p50 <= max);
    let classes: Vec<&str> = report["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    assert_eq!(
        classes,
        ["single", "several", "phrase", "filters", "browse", "rare"]
    );
    // The typed report reads the same JSON back.
    let typed: BenchReport = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(typed.classes.len(), 6);
}

#[test]
fn the_cli_exits_5_on_failed_requests_and_names_bad_query_lines() {
    let dir = tempfile::tempdir().unwrap();
    common::write_index(dir.path(), &common::postings());
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "water\n?q=water&page=0\n").unwrap();
    let out = vacancy()
        .args(["bench", "--duration", "300ms", "--warmup", "0", "--index"])
        .arg(dir.path())
        .arg("--queries")
        .arg(&queries)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(5), "{stdout}");
    assert!(stdout.contains("400 invalid_parameter"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("single")), "{stdout}");

    std::fs::write(&queries, "water\n\nfrequent\twater\n").unwrap();
    let out = vacancy()
        .args(["bench", "--index"])
        .arg(dir.path())
        .arg("--queries")
        .arg(&queries)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:3: unknown query class `frequent`",
            queries.display()
        )),
        "{stderr}"
    );
}

#[test]
fn the_cli_fails_fast_on_an_unreachable_url_and_wants_one_target() {
    let started = Instant::now();
    let out = vacancy()
        .args(["bench", "--url"])
        .arg(format!("http://127.0.0.1:{}", closed_port()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(5), "{stderr}");
    assert!(
        stderr.contains("error: cannot benchmark http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    // With --wait, a service that cannot be reached is asked again until the wait is over.
    let started = Instant::now();
    let out = vacancy()
        .args(["bench", "--wait", "700ms", "--url"])
        .arg(format!("http://127.0.0.1:{}", closed_port()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() >= Duration::from_millis(700), "{stderr}");
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(stderr.contains("after waiting 700ms"), "{stderr}");

    let out = vacancy().args(["bench"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = vacancy()
        .args(["bench", "--url", "http://x", "--index", "idx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
