//! Prometheus metrics: requests by route, method and status, latency, indexed documents.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use super::AppState;

/// Route label for requests that matched no route (kept constant to bound cardinality).
pub const UNMATCHED_ROUTE: &str = "unmatched";

/// Labels of the request counter.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

/// Labels of the latency histogram.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

fn latency_histogram() -> Histogram {
    // 0.5 ms to about 16 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

/// The service's metrics and their registry.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    documents: Gauge,
    search_slots: Gauge,
    searches_running: Gauge,
    http_threads: Gauge,
    doc_store_hits: Gauge,
    doc_store_misses: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric under the `vacancy_` prefix.
    #[must_use]
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("vacancy");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(latency_histogram);
        let documents = Gauge::default();
        let search_slots = Gauge::default();
        let searches_running = Gauge::default();
        let http_threads = Gauge::default();
        let doc_store_hits = Gauge::default();
        let doc_store_misses = Gauge::default();
        registry.register(
            "http_requests",
            "HTTP requests by matched route, method and status",
            requests.clone(),
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time to produce a response, by matched route",
            prometheus_client::registry::Unit::Seconds,
            latency.clone(),
        );
        registry.register(
            "index_documents",
            "Postings in the open index",
            documents.clone(),
        );
        registry.register(
            "search_slots",
            "Searches that may run at once (vacancy serve --concurrent-searches); more wait",
            search_slots.clone(),
        );
        registry.register(
            "searches_running",
            "Searches running when the metrics were read",
            searches_running.clone(),
        );
        registry.register(
            "http_threads",
            "Runtime threads reading requests and writing answers (vacancy serve --http-threads)",
            http_threads.clone(),
        );
        registry.register(
            "doc_store_cache_hits",
            "Stored postings' blocks read from the cache since the index generation was opened",
            doc_store_hits.clone(),
        );
        registry.register(
            "doc_store_cache_misses",
            "Stored postings' blocks decompressed since the index generation was opened",
            doc_store_misses.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            documents,
            search_slots,
            searches_running,
            http_threads,
            doc_store_hits,
            doc_store_misses,
        }
    }

    /// Records one answered request.
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// Sets the indexed document gauge.
    pub fn set_documents(&self, count: u64) {
        self.documents.set(i64::try_from(count).unwrap_or(i64::MAX));
    }

    /// Sets the gauge of searches that may run at once.
    pub fn set_search_slots(&self, slots: usize) {
        self.search_slots
            .set(i64::try_from(slots).unwrap_or(i64::MAX));
    }

    /// Sets the gauge of searches running.
    pub fn set_searches_running(&self, running: usize) {
        self.searches_running
            .set(i64::try_from(running).unwrap_or(i64::MAX));
    }

    /// Sets the gauge of the runtime's threads.
    pub fn set_http_threads(&self, threads: usize) {
        self.http_threads
            .set(i64::try_from(threads).unwrap_or(i64::MAX));
    }

    /// Sets the gauges of the stored postings' block cache.
    pub fn set_doc_store_cache(&self, hits: usize, misses: usize) {
        self.doc_store_hits
            .set(i64::try_from(hits).unwrap_or(i64::MAX));
        self.doc_store_misses
            .set(i64::try_from(misses).unwrap_or(i64::MAX));
    }

    /// The metrics in the Prometheus text format.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The `method` label of a request: one of the standard methods, else `other`, so that a
/// client sending made-up methods cannot add series without bound.
#[must_use]
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// Middleware counting and timing every request by its matched route.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED_ROUTE, |m| m.as_str())
        .to_owned();
    let method = method_label(request.method());
    let response = next.run(request).await;
    state.metrics().observe(
        &route,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histogram_and_gauge() {
        let m = Metrics::new();
        m.observe("/api/search", "GET", 200, 0.003);
        m.observe("/api/search", "GET", 200, 0.004);
        m.set_documents(42);
        let text = m.render();
        assert!(
            text.contains(
                r#"vacancy_http_requests_total{route="/api/search",method="GET",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(
            text.contains("vacancy_http_request_duration_seconds_bucket"),
            "{text}"
        );
        assert!(text.contains("vacancy_index_documents 42"), "{text}");
    }

    #[test]
    fn made_up_methods_share_one_label() {
        for name in ["FOO1", "FOO2", "PURGE"] {
            let method = Method::from_bytes(name.as_bytes()).unwrap();
            assert_eq!(method_label(&method), "other");
        }
        assert_eq!(method_label(&Method::GET), "GET");
    }
}
