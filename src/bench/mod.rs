//! Load generation: drives a running service over HTTP, or an index in this process, with a
//! workload of queries at a given concurrency, and reports throughput and latency
//! percentiles overall and per query class.
//!
//! ```no_run
//! use std::time::Duration;
//! use vacancy_search::bench::{run, BenchConfig, Target, Workload};
//!
//! let today = chrono::Local::now().date_naive();
//! let mut config = BenchConfig::new(
//!     Target::Http("http://127.0.0.1:8080".into()),
//!     Workload::builtin(today),
//! );
//! config.duration = Duration::from_secs(5);
//! let report = run(&config)?;
//! println!("{report}");
//! # Ok::<(), vacancy_search::Error>(())
//! ```
//!
//! Timeline: every connection (or thread) starts at once and sends requests back to back.
//! Requests started during the warm-up are not counted; the measured period is `duration`
//! after it. A request still in flight when it ends is abandoned (HTTP) or left to finish
//! (in-process), and not counted either.

mod http;
mod inprocess;
mod recorder;
mod report;
mod workload;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use report::{BenchReport, ClassReport, Latency, Mode, Totals};
pub use workload::{BenchQuery, QueryClass, Workload};

use crate::search::{Engine, MAX_PER_PAGE};
use crate::{Error, Result};

/// Connections (or threads) when not given.
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Measured period when not given.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(10);
/// Warm-up when not given.
pub const DEFAULT_WARMUP: Duration = Duration::from_secs(2);
/// Hits per page a benchmark query asks for when it does not say (a first page as the search
/// page shows it; the API's own default is [`crate::search::DEFAULT_PER_PAGE`]).
pub const BENCH_PER_PAGE: usize = 10;
/// Per-request timeout when not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// Most connections or threads accepted.
pub const MAX_CONCURRENCY: usize = 4096;

/// What to put under load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A running service, by its base URL (`http://127.0.0.1:8080`).
    Http(String),
    /// An index directory, searched in this process.
    Index(PathBuf),
}

/// A benchmark run.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// What to put under load.
    pub target: Target,
    /// The queries, sent round-robin.
    pub workload: Workload,
    /// Connections (HTTP) or threads (in-process) sending requests back to back.
    pub concurrency: usize,
    /// Measured period.
    pub duration: Duration,
    /// Period before it whose requests are not counted.
    pub warmup: Duration,
    /// `per_page` for queries that do not give one.
    pub per_page: usize,
    /// Longest wait for one response (HTTP) before it counts as a timeout error; also the
    /// limit for reaching the service at the start.
    pub timeout: Duration,
    /// HTTP: how long to wait, before the run, for a service that cannot be reached yet or
    /// answers `/healthz` with 503 `not_ready` (starting up); zero fails at once.
    pub wait: Duration,
    /// In-process: threads one search may use (see
    /// [`crate::search::Engine::with_search_threads`]); `None`: the engine's default.
    pub search_threads: Option<usize>,
}

/// What the run will do, on one line (`benchmarking URL with N queries, ...`).
impl std::fmt::Display for BenchConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("benchmarking ")?;
        match &self.target {
            Target::Http(url) => f.write_str(url)?,
            Target::Index(dir) => write!(f, "{} (in-process)", dir.display())?,
        }
        write!(
            f,
            " with {} queries, concurrency {}: {:.1} s of warm-up, then {:.1} s measured",
            self.workload.queries.len(),
            self.concurrency,
            self.warmup.as_secs_f64(),
            self.duration.as_secs_f64(),
        )
    }
}

impl BenchConfig {
    /// A run of `workload` against `target` with the default settings.
    #[must_use]
    pub fn new(target: Target, workload: Workload) -> Self {
        BenchConfig {
            target,
            workload,
            concurrency: DEFAULT_CONCURRENCY,
            duration: DEFAULT_DURATION,
            warmup: DEFAULT_WARMUP,
            per_page: BENCH_PER_PAGE,
            timeout: DEFAULT_TIMEOUT,
            wait: Duration::ZERO,
            search_threads: None,
        }
    }

    fn validate(&self) -> Result<()> {
        if !(1..=MAX_CONCURRENCY).contains(&self.concurrency) {
            return Err(Error::param(
                "concurrency",
                format!("give 1 to {MAX_CONCURRENCY}"),
            ));
        }
        if self.duration.is_zero() {
            return Err(Error::param("duration", "must be more than zero"));
        }
        if !(1..=MAX_PER_PAGE).contains(&self.per_page) {
            return Err(Error::param(
                "per_page",
                format!("give 1 to {MAX_PER_PAGE}"),
            ));
        }
        if self.timeout.is_zero() {
            return Err(Error::param("timeout", "must be more than zero"));
        }
        if self.workload.queries.is_empty() {
            return Err(Error::param("queries", "the workload has no queries"));
        }
        Ok(())
    }
}

/// When a run's phases end.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Requests started from here on are measured.
    measure_from: Instant,
    /// No request is started from here on, and none finishing later is counted.
    end: Instant,
    /// Per-request timeout.
    timeout: Duration,
}

impl Plan {
    fn starting_now(config: &BenchConfig) -> Plan {
        let measure_from = Instant::now() + config.warmup;
        Plan {
            measure_from,
            end: measure_from + config.duration,
            timeout: config.timeout,
        }
    }
}

/// Runs the benchmark described by `config` and returns its report.
///
/// Fails before sending load if the configuration is invalid, the index cannot be opened, or
/// the service does not answer `GET /healthz` with a 2xx status within the timeout. Failed
/// requests during the run are counted in the report, not returned as errors.
///
/// HTTP mode builds its own tokio runtime: call it outside of one (e.g. from
/// `spawn_blocking`).
pub fn run(config: &BenchConfig) -> Result<BenchReport> {
    config.validate()?;
    let mut workload = config.workload.clone();
    workload.set_default_per_page(config.per_page);
    let queries: Vec<(QueryClass, usize)> = workload
        .classes()
        .into_iter()
        .map(|c| (c, workload.queries.iter().filter(|q| q.class == c).count()))
        .collect();
    let recorder = Arc::new(recorder::Recorder::new());
    let (mode, target, plan) = match &config.target {
        Target::Http(url) => {
            let target = Arc::new(http::HttpTarget::parse(url)?);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| Error::BenchTarget {
                    target: url.clone(),
                    message: format!("cannot start the async runtime: {e}"),
                })?;
            let plan = runtime.block_on(async {
                http::probe(&target, url, config.timeout, config.wait).await?;
                let plan = Plan::starting_now(config);
                http::drive(
                    target,
                    &workload.queries,
                    config.concurrency,
                    plan,
                    recorder.clone(),
                )
                .await?;
                Ok::<_, Error>(plan)
            })?;
            (Mode::Http, url.clone(), plan)
        }
        Target::Index(dir) => {
            let engine = Engine::open_manual(dir)?;
            // The skill taggers a first search waits for are built before the clock starts.
            crate::skills::build_taggers();
            let engine = match config.search_threads {
                Some(threads) => engine.with_search_threads(threads),
                None => engine,
            };
            let plan = Plan::starting_now(config);
            inprocess::drive(
                &engine,
                &workload.queries,
                config.concurrency,
                plan,
                &recorder,
            );
            (Mode::InProcess, dir.display().to_string(), plan)
        }
    };
    let recorder = Arc::into_inner(recorder).expect("the drivers have finished");
    let head = report::ReportHead {
        mode,
        target,
        concurrency: config.concurrency,
        warmup_s: config.warmup.as_secs_f64(),
        duration_s: (plan.end - plan.measure_from).as_secs_f64(),
    };
    Ok(recorder.report(head, &queries))
}

/// Parses a duration given as seconds (`10`, `2.5`) or with a unit: `ms`, `s`, `m`
/// (`500ms`, `30s`, `1m`).
pub fn parse_duration(text: &str) -> Result<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let scale = match unit.trim() {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "m" | "min" => 60.0,
        _ => f64::NAN,
    };
    let seconds = number.parse::<f64>().map(|n| n * scale);
    match seconds {
        Ok(s) if (0.0..1e9).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err(Error::param(
            "duration",
            format!("`{text}` is not a duration such as 10, 2.5s, 500ms or 1m"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_seconds_or_a_unit() {
        assert_eq!(parse_duration("10").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("2.5").unwrap(), Duration::from_millis(2500));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("1m").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("0").unwrap(), Duration::ZERO);
        for bad in ["", "s", "-1", "ten", "5h", "1.2.3", "1e3"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn invalid_settings_are_refused_before_any_load() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let base = BenchConfig::new(
            Target::Index("/nonexistent".into()),
            Workload::builtin(today),
        );
        for (change, name) in [
            (
                (|c: &mut BenchConfig| c.concurrency = 0) as fn(&mut BenchConfig),
                "concurrency",
            ),
            (|c| c.duration = Duration::ZERO, "duration"),
            (|c| c.per_page = MAX_PER_PAGE + 1, "per_page"),
            (|c| c.timeout = Duration::ZERO, "timeout"),
        ] {
            let mut config = base.clone();
            change(&mut config);
            match run(&config) {
                Err(Error::InvalidParameter { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert!(matches!(run(&base), Err(Error::IndexMissing(_))));
    }
}
