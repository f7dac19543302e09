//! Recording request outcomes and latencies during a run; [`Recorder::report`] makes the
//! report of them (the types of `report.rs`).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use hdrhistogram::Histogram;

use super::report::{BenchReport, ClassReport, Latency, ReportHead, Totals};
use super::workload::QueryClass;

/// Longest latency the histograms hold, in microseconds (longer ones count as this).
const MAX_MICROS: u64 = 3_600_000_000;
/// Significant digits kept by the histograms: 0.1 % resolution, exact below 2 ms.
const SIGNIFICANT_DIGITS: u8 = 3;
/// Most distinct error messages kept as examples.
const MAX_ERROR_SAMPLES: usize = 5;
/// Longest error body read for an example, in bytes.
pub(super) const MAX_ERROR_BODY: usize = 4096;

/// How one request ended.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Outcome {
    /// A response (any status), with the size of its body and, for a JSON error body, its
    /// `code` and `message`.
    Response {
        status: u16,
        bytes: u64,
        error: Option<(String, String)>,
    },
    /// No response within the per-request timeout.
    Timeout,
    /// The connection failed or broke.
    Transport(String),
}

/// Counts and a latency histogram for one query class.
struct ClassCounts {
    latency: Histogram<u64>,
    requests: u64,
    ok: u64,
    errors: u64,
    shed: u64,
    timeouts: u64,
    transport_errors: u64,
    bytes: u64,
    statuses: BTreeMap<u16, u64>,
}

impl ClassCounts {
    fn new() -> Self {
        ClassCounts {
            latency: Histogram::new_with_bounds(1, MAX_MICROS, SIGNIFICANT_DIGITS)
                .expect("valid histogram bounds"),
            requests: 0,
            ok: 0,
            errors: 0,
            shed: 0,
            timeouts: 0,
            transport_errors: 0,
            bytes: 0,
            statuses: BTreeMap::new(),
        }
    }

    fn add(&mut self, other: &ClassCounts) {
        self.latency
            .add(&other.latency)
            .expect("histograms with the same bounds add up");
        self.requests += other.requests;
        self.ok += other.ok;
        self.errors += other.errors;
        self.shed += other.shed;
        self.timeouts += other.timeouts;
        self.transport_errors += other.transport_errors;
        self.bytes += other.bytes;
        for (status, n) in &other.statuses {
            *self.statuses.entry(*status).or_default() += n;
        }
    }

    fn summary(&self, seconds: f64) -> Totals {
        let per_second = |n: u64| {
            if seconds > 0.0 {
                n as f64 / seconds
            } else {
                0.0
            }
        };
        let ms = |micros: u64| micros as f64 / 1000.0;
        let latency = (!self.latency.is_empty()).then(|| Latency {
            p50: ms(self.latency.value_at_quantile(0.50)),
            p90: ms(self.latency.value_at_quantile(0.90)),
            p99: ms(self.latency.value_at_quantile(0.99)),
            p99_9: ms(self.latency.value_at_quantile(0.999)),
            max: ms(self.latency.max()),
            mean: self.latency.mean() / 1000.0,
        });
        Totals {
            requests: self.requests,
            ok: self.ok,
            errors: self.errors,
            shed: self.shed,
            timeouts: self.timeouts,
            transport_errors: self.transport_errors,
            statuses: self
                .statuses
                .iter()
                .map(|(s, n)| (s.to_string(), *n))
                .collect(),
            bytes: self.bytes,
            requests_per_second: per_second(self.requests),
            bytes_per_second: per_second(self.bytes),
            latency_ms: latency,
        }
    }
}

/// Where the drivers record every measured request; shared by all of them.
pub(super) struct Recorder {
    classes: Vec<Mutex<ClassCounts>>,
    samples: Mutex<Vec<String>>,
}

impl Recorder {
    pub(super) fn new() -> Self {
        Recorder {
            classes: QueryClass::ALL
                .iter()
                .map(|_| Mutex::new(ClassCounts::new()))
                .collect(),
            samples: Mutex::new(Vec::new()),
        }
    }

    /// Records a request of `class` sent as `query_string` that took `latency`.
    pub(super) fn record(
        &self,
        class: QueryClass,
        query_string: &str,
        latency: Duration,
        outcome: &Outcome,
    ) {
        let index = QueryClass::ALL
            .iter()
            .position(|c| *c == class)
            .expect("every class is listed");
        let sample = {
            let mut stats = self.classes[index]
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            stats.requests += 1;
            match outcome {
                Outcome::Response { status, bytes, .. } if (200..300).contains(status) => {
                    stats.ok += 1;
                    stats.bytes += bytes;
                    let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
                    stats.latency.saturating_record(micros.max(1));
                    None
                }
                Outcome::Response {
                    status,
                    bytes,
                    error,
                } => {
                    stats.bytes += bytes;
                    *stats.statuses.entry(*status).or_default() += 1;
                    let code = error.as_ref().map(|(code, _)| code.as_str());
                    if is_shed(*status, code) {
                        stats.shed += 1;
                        None
                    } else {
                        stats.errors += 1;
                        Some(match error {
                            Some((code, message)) => format!("{status} {code}: {message}"),
                            None => format!("status {status}"),
                        })
                    }
                }
                Outcome::Timeout => {
                    stats.errors += 1;
                    stats.timeouts += 1;
                    Some("no response within the timeout".to_owned())
                }
                Outcome::Transport(message) => {
                    stats.errors += 1;
                    stats.transport_errors += 1;
                    Some(message.clone())
                }
            }
        };
        if let Some(message) = sample {
            let sample = format!("{query_string} → {message}");
            let mut samples = self.samples.lock().unwrap_or_else(PoisonError::into_inner);
            if samples.len() < MAX_ERROR_SAMPLES && !samples.contains(&sample) {
                samples.push(sample);
            }
        }
    }

    /// The report over `measured` seconds; `queries` gives how many queries each class has.
    pub(super) fn report(self, head: ReportHead, queries: &[(QueryClass, usize)]) -> BenchReport {
        let seconds = head.duration_s;
        let mut total = ClassCounts::new();
        let mut classes = Vec::new();
        for (class, stats) in QueryClass::ALL.into_iter().zip(self.classes) {
            let stats = stats.into_inner().unwrap_or_else(PoisonError::into_inner);
            total.add(&stats);
            if let Some((_, n)) = queries.iter().find(|(c, _)| *c == class) {
                classes.push(ClassReport {
                    class,
                    queries: *n,
                    stats: stats.summary(seconds),
                });
            }
        }
        BenchReport {
            mode: head.mode,
            target: head.target,
            concurrency: head.concurrency,
            warmup_s: head.warmup_s,
            duration_s: seconds,
            queries: queries.iter().map(|(_, n)| n).sum(),
            total: total.summary(seconds),
            classes,
            error_samples: self
                .samples
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
        }
    }
}

/// Whether a response is the service shedding load: 503 (or 429) with the error code
/// `overloaded`. Other 503s (`timeout`, `not_ready`, `index_missing`) are errors.
fn is_shed(status: u16, code: Option<&str>) -> bool {
    matches!(status, 503 | 429) && code == Some("overloaded")
}

/// The `code` and `message` of a JSON error body `{"error": {"code", "message"}}`.
pub(super) fn error_detail(body: &[u8]) -> Option<(String, String)> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error")?;
    Some((
        error.get("code")?.as_str()?.to_owned(),
        error
            .get("message")
            .and_then(|m| m.as_str())
            .unwrap_or("")
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::report::Mode;
    use super::*;

    fn ok(bytes: u64) -> Outcome {
        Outcome::Response {
            status: 200,
            bytes,
            error: None,
        }
    }

    fn head() -> ReportHead {
        ReportHead {
            mode: Mode::Http,
            target: "http://x".into(),
            concurrency: 2,
            warmup_s: 0.0,
            duration_s: 2.0,
        }
    }

    #[test]
    fn latencies_give_ordered_percentiles_in_milliseconds() {
        let recorder = Recorder::new();
        for micros in 1..=1000u64 {
            recorder.record(
                QueryClass::Single,
                "q=a",
                Duration::from_micros(micros),
                &ok(10),
            );
        }
        let report = recorder.report(head(), &[(QueryClass::Single, 1)]);
        let l = report.total.latency_ms.clone().unwrap();
        assert_eq!(l.p50, 0.5);
        assert_eq!(l.p90, 0.9);
        assert_eq!(l.p99, 0.99);
        assert_eq!(l.p99_9, 0.999);
        assert_eq!(l.max, 1.0);
        assert!((l.mean - 0.5005).abs() < 1e-9, "{}", l.mean);
        assert_eq!(report.total.requests, 1000);
        assert_eq!(report.total.requests_per_second, 500.0);
        assert_eq!(report.total.bytes_per_second, 5000.0);
    }

    #[test]
    fn failures_are_split_into_errors_shed_timeouts_and_transport() {
        let recorder = Recorder::new();
        let d = Duration::from_millis(1);
        let refused = |status: u16, code: &str| Outcome::Response {
            status,
            bytes: 5,
            error: Some((code.to_owned(), "why".to_owned())),
        };
        recorder.record(
            QueryClass::Browse,
            "page=0",
            d,
            &refused(400, "invalid_parameter"),
        );
        recorder.record(
            QueryClass::Browse,
            "page=0",
            d,
            &refused(400, "invalid_parameter"),
        );
        recorder.record(QueryClass::Rare, "q=x", d, &refused(503, "overloaded"));
        recorder.record(QueryClass::Rare, "q=x", d, &refused(503, "timeout"));
        recorder.record(QueryClass::Rare, "q=x", d, &Outcome::Timeout);
        recorder.record(
            QueryClass::Rare,
            "q=x",
            d,
            &Outcome::Transport("reset".into()),
        );
        recorder.record(QueryClass::Rare, "q=x", d, &ok(1));
        let report = recorder.report(head(), &[(QueryClass::Browse, 1), (QueryClass::Rare, 1)]);
        let t = &report.total;
        assert_eq!(
            (
                t.requests,
                t.ok,
                t.errors,
                t.shed,
                t.timeouts,
                t.transport_errors
            ),
            (7, 1, 5, 1, 1, 1)
        );
        assert_eq!(t.statuses["400"], 2);
        assert_eq!(t.statuses["503"], 2);
        assert_eq!(report.class(QueryClass::Browse).unwrap().errors, 2);
        assert!(report
            .class(QueryClass::Browse)
            .unwrap()
            .latency_ms
            .is_none());
        assert_eq!(report.class(QueryClass::Rare).unwrap().ok, 1);
        assert!(report.class(QueryClass::Single).is_none());
        // Distinct samples only, shedding not among them.
        assert_eq!(report.error_samples.len(), 4, "{:?}", report.error_samples);
        assert_eq!(
            report.error_samples[0],
            "page=0 → 400 invalid_parameter: why"
        );
        let table = report.to_string();
        assert!(table.contains("failures: 5 errors (1 timeouts, 1 transport), 1 shed"));
        assert!(table.contains("2×400"), "{table}");
    }

    #[test]
    fn error_bodies_are_read() {
        assert_eq!(
            error_detail(br#"{"error": {"code": "overloaded", "message": "busy"}}"#),
            Some(("overloaded".into(), "busy".into()))
        );
        assert_eq!(error_detail(b"<html>"), None);
        assert_eq!(error_detail(br#"{"error": "x"}"#), None);
    }

    #[test]
    fn the_table_has_a_row_per_class_and_dashes_without_latencies() {
        let recorder = Recorder::new();
        recorder.record(
            QueryClass::Phrase,
            "q=%22a+b%22",
            Duration::from_micros(1500),
            &ok(3),
        );
        let report = recorder.report(head(), &[(QueryClass::Phrase, 2), (QueryClass::Single, 1)]);
        let table = report.to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[2].starts_with("class"), "{table}");
        assert!(lines[3].starts_with("all"), "{table}");
        // Classes in report order, whatever order they were given in.
        assert!(
            lines[4].starts_with("single") && lines[4].contains(" - "),
            "{table}"
        );
        assert!(
            lines[5].starts_with("phrase") && lines[5].contains("1.500"),
            "{table}"
        );
        assert!(!table.contains("failures"), "{table}");
    }
}
