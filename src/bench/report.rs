//! What a run found: the report's types (counts, throughput, latency percentiles, per
//! query class), as JSON and as a table.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::workload::QueryClass;

/// The fixed facts of a run, known before the counts.
pub(super) struct ReportHead {
    pub(super) mode: Mode,
    pub(super) target: String,
    pub(super) concurrency: usize,
    pub(super) warmup_s: f64,
    pub(super) duration_s: f64,
}

/// How the load was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// HTTP requests to a running service.
    Http,
    /// Searches on an index opened in this process.
    InProcess,
}

/// Latency percentiles of the successful (2xx) requests, in milliseconds (microsecond
/// resolution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// 99.9th percentile.
    pub p99_9: f64,
    /// Slowest.
    pub max: f64,
    /// Mean.
    pub mean: f64,
}

/// Counts, throughput and latency of a set of requests (all, or one class).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Requests finished during the measured period, whatever their outcome.
    pub requests: u64,
    /// Requests answered with a 2xx status.
    pub ok: u64,
    /// Failed requests: non-2xx responses other than shedding, timeouts and transport errors.
    pub errors: u64,
    /// Requests refused by the service's load shedding (503 `overloaded`); not in `errors`.
    pub shed: u64,
    /// Requests without a response within the timeout (included in `errors`).
    pub timeouts: u64,
    /// Connections that failed or broke (included in `errors`).
    pub transport_errors: u64,
    /// Responses per non-2xx status (shed ones included), keyed by status code.
    pub statuses: BTreeMap<String, u64>,
    /// Response body bytes received (0 in-process).
    pub bytes: u64,
    /// `requests` per measured second.
    pub requests_per_second: f64,
    /// `bytes` per measured second.
    pub bytes_per_second: f64,
    /// Latency of the 2xx requests; `None` when there was none.
    pub latency_ms: Option<Latency>,
}

/// The figures of one query class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassReport {
    /// The class.
    pub class: QueryClass,
    /// Queries of this class in the workload.
    pub queries: usize,
    /// Its figures.
    #[serde(flatten)]
    pub stats: Totals,
}

/// The result of a benchmark run; `--json` prints it as it serialises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// `http` or `in-process`.
    pub mode: Mode,
    /// The URL or the index directory.
    pub target: String,
    /// Connections (HTTP) or threads (in-process) sending requests.
    pub concurrency: usize,
    /// Warm-up before measuring, in seconds (its requests are not counted).
    pub warmup_s: f64,
    /// Measured period, in seconds.
    pub duration_s: f64,
    /// Queries in the workload.
    pub queries: usize,
    /// Figures over every request.
    pub total: Totals,
    /// Figures per query class present in the workload, in [`QueryClass::ALL`] order.
    pub classes: Vec<ClassReport>,
    /// A few distinct failures, as `query string → what happened`.
    pub error_samples: Vec<String>,
}

impl BenchReport {
    /// The figures of `class`, if the workload has it.
    #[must_use]
    pub fn class(&self, class: QueryClass) -> Option<&Totals> {
        self.classes
            .iter()
            .find(|c| c.class == class)
            .map(|c| &c.stats)
    }
}

/// The report as a table for people.
impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            Mode::Http => "connections",
            Mode::InProcess => "threads (in-process)",
        };
        writeln!(
            f,
            "{}: {} {mode}, {:.1} s measured after {:.1} s of warm-up, {} queries",
            self.target, self.concurrency, self.duration_s, self.warmup_s, self.queries
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>7} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "class",
            "requests",
            "req/s",
            "errors",
            "shed",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms",
            "KB/s"
        )?;
        let bytes = self.mode == Mode::Http;
        row(f, "all", &self.total, bytes)?;
        for class in &self.classes {
            row(f, class.class.name(), &class.stats, bytes)?;
        }
        let total = &self.total;
        if total.errors + total.shed > 0 {
            writeln!(f)?;
            let statuses: Vec<String> = total
                .statuses
                .iter()
                .map(|(s, n)| format!("{n}×{s}"))
                .collect();
            writeln!(
                f,
                "failures: {} errors ({} timeouts, {} transport), {} shed; statuses: {}",
                total.errors,
                total.timeouts,
                total.transport_errors,
                total.shed,
                if statuses.is_empty() {
                    "none".to_owned()
                } else {
                    statuses.join(", ")
                }
            )?;
            for sample in &self.error_samples {
                writeln!(f, "  {sample}")?;
            }
        }
        Ok(())
    }
}

/// One line of the table; `bytes` is false in-process, where no body is sent.
fn row(f: &mut fmt::Formatter<'_>, name: &str, stats: &Totals, bytes: bool) -> fmt::Result {
    write!(
        f,
        "{name:<8} {:>9} {:>9.1} {:>7} {:>6}",
        stats.requests, stats.requests_per_second, stats.errors, stats.shed
    )?;
    match &stats.latency_ms {
        Some(l) => write!(
            f,
            " {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            l.p50, l.p90, l.p99, l.p99_9, l.max
        )?,
        None => write!(f, " {:>9} {:>9} {:>9} {:>9} {:>9}", "-", "-", "-", "-", "-")?,
    }
    if bytes {
        writeln!(f, " {:>9.1}", stats.bytes_per_second / 1000.0)
    } else {
        writeln!(f, " {:>9}", "-")
    }
}
