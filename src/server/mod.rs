//! The HTTP service: a thin axum layer over [`crate::search::Engine`].
//!
//! Routes: `GET /api/search`, `GET /api/postings/{id}`, `GET /api/stats`,
//! `GET /api/export.csv`, `GET /api/stats.csv`, `GET /healthz`, `GET /metrics`,
//! `GET /api/openapi.json`, `GET /` and `GET /assets/{file}` (the embedded search page);
//! for job seekers and crawlers `GET /api/search.atom`, `GET /api/postings/{id}/similar`,
//! `GET /postings/{id}` (and `{id}.ics`), `GET /sitemap.xml`, `GET /sitemaps/{file}` and
//! `GET /robots.txt`; for analysts `GET /analytics` and `GET /analytics/{file}`.
//! Every response with a status of 400 or more has a JSON body
//! `{"error": {"code": "...", "message": "..."}}`, whichever layer produced it.

mod admission;
mod analytics;
mod assets;
mod error;
mod export;
mod feed;
mod handlers;
mod layers;
mod metrics;
mod openapi;
mod pages;
// The search parameters are the library's; `super::params` keeps reading as it did.
use crate::search::params;
mod serve;
mod stats;
mod workers;

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::routing::get;
use axum::Router;

pub use assets::PAGE_CSP;
pub use error::{ApiError, ErrorBody, ErrorDetail};
pub use handlers::Health;
pub use metrics::{Metrics, UNMATCHED_ROUTE};
pub use openapi::ApiDoc;
pub use serve::{
    follow_commits, run, serve, shutdown_signal, ServedIndex, ANSWERED_AT_SHUTDOWN,
    FIRST_READ_GRACE, HEADER_READ_TIMEOUT, REFRESH_EVERY,
};

use crate::search::Engine;

/// Limits the service applies to requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Longest time an `/api` request may take before a 503 `timeout`.
    pub request_timeout: Duration,
    /// Most `/api` requests handled at once; more wait in a queue (see `max_queued`).
    pub max_concurrent: usize,
    /// Most `/api` requests waiting for a place in flight; more are refused at once with 503
    /// `overloaded` and `Retry-After`.
    pub max_queued: usize,
    /// Longest wait in the queue; a request that could not start by then gets 503
    /// `overloaded` with `Retry-After`.
    pub queue_timeout: Duration,
    /// Largest accepted request body, in bytes (413 `payload_too_large` beyond).
    pub max_body_bytes: usize,
    /// Searches (and other index work) running at once, each on a thread of its own (default:
    /// the cores, at least two); requests beyond wait their turn within their timeout. Bounds
    /// the threads, and so the memory, that a burst of requests (or requests abandoned at
    /// their timeout) can take. A search holds its core until it is done, so more searches
    /// than cores only share the cores: on two cores at 8 connections, two at once answered
    /// 1,815 requests a second with a p99 of 8 ms, three 1,855 with 10.3 ms and four 1,818
    /// with 13.8 ms (docs/benchmarks.md, "Searches fed to their threads"). Not the threads
    /// one search may use: see [`Engine::with_search_threads`].
    pub concurrent_searches: usize,
    /// The public address of the service, for the absolute links of feeds, posting pages and
    /// sitemaps; `None`: the request's `Host` over plain HTTP.
    pub public_url: Option<crate::render::Site>,
    /// Most addresses in one sitemap file before `/sitemap.xml` becomes an index of files.
    pub sitemap_urls: usize,
    /// Longest time an export stream waits for a client that reads nothing more; then the
    /// response is cut off (the client sees an incomplete transfer) and its thread is freed.
    pub export_idle_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            request_timeout: Duration::from_secs(10),
            max_concurrent: 64,
            max_queued: 1024,
            queue_timeout: Duration::from_secs(1),
            max_body_bytes: 64 * 1024,
            concurrent_searches: available_cores().max(2),
            public_url: None,
            sitemap_urls: pages::SITEMAP_URLS,
            export_idle_timeout: Duration::from_secs(30),
        }
    }
}

impl Settings {
    /// The search slots [`Settings::concurrent_searches`] gives: at least one.
    #[must_use]
    pub fn search_slots(&self) -> usize {
        self.concurrent_searches.max(1)
    }
}

/// The runtime threads the service gives to its sockets (`vacancy serve --http-threads`): a
/// quarter of the machine's cores, at least one.
///
/// Searches, and the JSON answers they write, run on threads of their own
/// ([`Settings::concurrent_searches`], the cores by default), so the runtime's threads only
/// read requests and write bytes: about a fifth of the service's time under load. Runtime
/// threads beyond that share the cores with the searches: on two cores at 8 connections, one
/// runtime thread answered 0.3–7.4 % more requests a second than two, with a lower p99, in
/// eleven alternated pairs over three query mixes (docs/benchmarks.md, "Then: one thread for
/// the sockets").
#[must_use]
pub fn default_http_threads() -> usize {
    http_threads_for(available_cores())
}

/// [`default_http_threads`] on a machine of `cores` cores.
fn http_threads_for(cores: usize) -> usize {
    (cores / 4).max(1)
}

/// The machine's cores, as the operating system lets this process use them (1 when it will
/// not say).
fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

struct Shared {
    engine: RwLock<Option<Arc<Engine>>>,
    metrics: Metrics,
    /// One thread per [`Settings::concurrent_searches`].
    searches: workers::Workers,
    settings: Settings,
    /// When each index state was first served (feeds' `Last-Modified`).
    change_clock: feed::ChangeClock,
}

/// What every handler shares: the engine (once open), metrics and settings. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

impl AppState {
    /// A state with no engine yet: `/healthz` and `/api/*` answer 503 until
    /// [`AppState::set_engine`].
    ///
    /// # Panics
    ///
    /// When the operating system will not start the search threads; [`AppState::try_new`]
    /// returns that as an error.
    #[must_use]
    pub fn new(settings: Settings) -> Self {
        Self::try_new(settings).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`AppState::new`], or [`crate::Error::Threads`] when the operating system will not
    /// start the search threads ([`Settings::concurrent_searches`] of them).
    pub fn try_new(settings: Settings) -> crate::Result<Self> {
        let slots = settings.search_slots();
        let metrics = Metrics::new();
        metrics.set_search_slots(slots);
        let searches = workers::Workers::start(slots).map_err(crate::Error::Threads)?;
        Ok(AppState {
            shared: Arc::new(Shared {
                engine: RwLock::new(None),
                metrics,
                searches,
                settings,
                change_clock: feed::ChangeClock::default(),
            }),
        })
    }

    /// A state serving `engine` at once.
    #[must_use]
    pub fn with_engine(engine: impl Into<Arc<Engine>>, settings: Settings) -> Self {
        let state = Self::new(settings);
        state.set_engine(engine);
        state
    }

    /// Starts (or switches to) serving `engine`.
    pub fn set_engine(&self, engine: impl Into<Arc<Engine>>) {
        let engine = engine.into();
        self.shared.metrics.set_documents(engine.num_docs());
        *self
            .shared
            .engine
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(engine);
    }

    /// The engine, if one is set.
    #[must_use]
    pub fn engine(&self) -> Option<Arc<Engine>> {
        self.shared
            .engine
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The service's metrics.
    #[must_use]
    pub fn metrics(&self) -> &Metrics {
        &self.shared.metrics
    }

    /// The service's limits.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.shared.settings
    }

    /// When each index state was first served.
    pub(crate) fn change_clock(&self) -> &feed::ChangeClock {
        &self.shared.change_clock
    }

    /// Searches (and other index work) running now, out of
    /// [`Settings::concurrent_searches`].
    #[must_use]
    pub fn searches_running(&self) -> usize {
        self.shared.searches.running()
    }

    /// Runs `work` on a search thread once one is free (see [`Settings::concurrent_searches`]).
    /// Work abandoned by its request before a thread took it is skipped; work already started
    /// runs to its end, so abandoned work never piles up beyond the threads.
    pub(crate) async fn run_blocking<T: Send + 'static>(
        &self,
        what: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        self.shared
            .searches
            .run(work)
            .await
            .ok_or_else(|| ApiError::internal(format!("{what} failed")))
    }

    /// [`AppState::run_blocking`] for work answering a value, written out as JSON on the
    /// search thread too: the runtime's threads are left to the sockets.
    pub(crate) async fn run_json<T: serde::Serialize>(
        &self,
        what: &'static str,
        work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<handlers::JsonBytes, ApiError> {
        let body = self
            .run_blocking(what, move || -> Result<Vec<u8>, ApiError> {
                serde_json::to_vec(&work()?).map_err(|e| {
                    ApiError::internal(format!("{what}: cannot write the answer: {e}"))
                })
            })
            .await??;
        Ok(handlers::JsonBytes(body))
    }
}

/// The complete service: every route with the middleware stack.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/search", get(handlers::search))
        .route("/api/postings/{id}", get(handlers::posting))
        .route("/api/stats", get(stats::stats))
        .route("/api/skills", get(handlers::skills))
        .route("/api/export.csv", get(export::export_csv))
        .route("/api/stats.csv", get(analytics::stats_csv))
        .route("/analytics", get(analytics::page))
        .route("/analytics/{file}", get(analytics::file))
        .merge(board_routes());
    let routes = Router::new()
        .route("/", get(assets::page))
        .route("/assets/{file}", get(assets::file))
        .route("/healthz", get(handlers::healthz))
        .route("/metrics", get(handlers::metrics))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .merge(layers::limited(api, state.settings()));
    layers::common(routes, state)
}

/// What job seekers and crawlers read besides the search: feeds, similar postings, posting
/// pages and calendars, sitemaps.
fn board_routes() -> Router<AppState> {
    Router::new()
        .route("/api/search.atom", get(feed::search_atom))
        .route("/api/postings/{id}/similar", get(handlers::similar))
        .route("/postings/{id}", get(pages::posting))
        .route("/sitemap.xml", get(pages::sitemap_xml))
        .route("/sitemaps/{file}", get(pages::sitemap_part))
        .route("/robots.txt", get(pages::robots_txt))
}

/// Wraps `routes` in the same middleware as the `/api` routes of [`router`]: timeout, load
/// shedding, JSON errors, panic catching, body limit, metrics. For embedding extra routes and
/// for tests.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    let limited = layers::limited(routes, state.settings());
    layers::common(limited, state)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_metrics_show_the_slots_and_the_searches_running() {
        use axum::body::{to_bytes, Body};
        use axum::http::Request;
        use tower::ServiceExt;

        let state = AppState::new(Settings {
            concurrent_searches: 2,
            ..Settings::default()
        });
        let (started, has_started) = tokio::sync::oneshot::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let work = tokio::spawn({
            let state = state.clone();
            async move {
                state
                    .run_blocking("test", move || {
                        started.send(()).unwrap();
                        released.recv().unwrap();
                    })
                    .await
                    .unwrap();
            }
        });
        has_started.await.unwrap();
        assert_eq!(state.searches_running(), 1);
        let answer = router(state.clone())
            .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let body = to_bytes(answer.into_body(), usize::MAX).await.unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.contains("\nvacancy_search_slots 2\n"), "{text}");
        assert!(text.contains("\nvacancy_searches_running 1\n"), "{text}");
        // The runtime this test runs on has two worker threads.
        assert!(text.contains("\nvacancy_http_threads 2\n"), "{text}");
        release.send(()).unwrap();
        work.await.unwrap();
        assert_eq!(state.searches_running(), 0);
    }

    #[test]
    fn the_sockets_get_a_quarter_of_the_cores_and_at_least_one_thread() {
        let threads: Vec<usize> = [1, 2, 3, 4, 7, 8, 16, 64]
            .into_iter()
            .map(http_threads_for)
            .collect();
        assert_eq!(threads, [1, 1, 1, 1, 1, 2, 4, 16]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn blocking_work_never_exceeds_the_slots_even_when_abandoned() {
        let state = AppState::new(Settings {
            concurrent_searches: 2,
            ..Settings::default()
        });
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..24 {
            let (state, running, most) = (state.clone(), running.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let work = state.run_blocking("test", move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                    i
                });
                // Every other caller gives up early, as a request does at its timeout.
                if i % 2 == 0 {
                    tokio::time::timeout(Duration::from_millis(5), work)
                        .await
                        .ok()
                        .map(|r| r.unwrap())
                } else {
                    Some(work.await.unwrap())
                }
            }));
        }
        let mut finished = Vec::new();
        for task in tasks {
            if let Some(i) = task.await.unwrap() {
                finished.push(i);
            }
        }
        // Work already started by an abandoned caller runs to its end in its slot.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(running.load(Ordering::SeqCst), 0);
        assert!(most.load(Ordering::SeqCst) <= 2, "{most:?}");
        assert!(most.load(Ordering::SeqCst) >= 1);
        for i in (1..24).step_by(2) {
            assert!(
                finished.contains(&i),
                "caller {i} waited and must be answered"
            );
        }
    }
}
