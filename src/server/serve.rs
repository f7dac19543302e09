//! Serving the router over HTTP/1.1 with hyper, and shutting down gracefully.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use super::{router, AppState, Settings};
use crate::ingest::{index_paths, COMMIT_EVERY};
use crate::search::Engine;
use crate::{Error, Result};

/// How often [`follow_commits`] checks that the server searches the index's last commit.
pub const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// Time a client has to send a request's headers before the connection is dropped
/// (protects against slowloris clients).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Most connections still waiting to be accepted when shutdown begins that are answered
/// (see [`serve`]); the rest are closed.
pub const ANSWERED_AT_SHUTDOWN: usize = 1_024;

/// At shutdown, how long connections accepted but not yet read from have to read their
/// request before the idle ones are closed (see [`serve`]).
pub const FIRST_READ_GRACE: Duration = Duration::from_millis(250);

/// Serves [`router`]`(state)` on `listener` until `shutdown` resolves, then stops accepting,
/// lets requests in flight finish and returns.
///
/// A client whose connection the system had already established when shutdown began (it
/// waits in the listener's queue) has sent its request too, as far as it knows: those
/// connections (up to [`ANSWERED_AT_SHUTDOWN`]) are accepted and answered like the others
/// before the listener closes, instead of being reset unanswered. A connection whose request
/// has not been read yet when shutdown begins gets [`FIRST_READ_GRACE`] to read it: hyper
/// would close it at once as idle.
///
/// Errors accepting a connection (too many open files...) are logged and the loop goes on
/// after a short pause, so it only returns on shutdown.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                match accepted {
                    Ok((stream, peer)) => answer(&builder, &app, &graceful, stream, peer),
                    Err(error) => {
                        tracing::warn!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            }
            () = &mut shutdown => {
                tracing::info!("shutting down: no new connections, finishing requests in flight");
                break;
            }
        }
    }
    let waiting = accept_waiting(listener, ANSWERED_AT_SHUTDOWN);
    if !waiting.is_empty() {
        tracing::info!(
            connections = waiting.len(),
            "answering the connections waiting at shutdown"
        );
    }
    for (stream, peer) in waiting {
        answer(&builder, &app, &graceful, stream, peer);
    }
    // hyper closes a connection told to shut down before it has read anything: connections
    // just accepted get a moment to read the request their client has sent.
    tokio::time::sleep(FIRST_READ_GRACE).await;
    graceful.shutdown().await;
    Ok(())
}

/// Serves `app` on `stream` (from `peer`) on a task of its own, as one of the connections
/// `graceful` shuts down.
fn answer(
    builder: &http1::Builder,
    app: &axum::Router,
    graceful: &GracefulShutdown,
    stream: tokio::net::TcpStream,
    peer: std::net::SocketAddr,
) {
    let service = TowerToHyperService::new(app.clone());
    let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%peer, %error, "connection ended with an error");
        }
    });
}

/// Accepts the connections waiting in `listener`'s queue (at most `most`) without waiting
/// for more, then closes the listener.
fn accept_waiting(
    listener: TcpListener,
    most: usize,
) -> Vec<(tokio::net::TcpStream, std::net::SocketAddr)> {
    let mut accepted = Vec::new();
    // The system's queue asked directly: the runtime may not have seen its readiness yet.
    let Ok(listener) = listener.into_std() else {
        return accepted;
    };
    while accepted.len() < most {
        // The listener is non-blocking: an empty queue ends the loop (`WouldBlock`).
        let Ok((stream, peer)) = listener.accept() else {
            break;
        };
        let stream = stream
            .set_nonblocking(true)
            .and_then(|()| tokio::net::TcpStream::from_std(stream));
        match stream {
            Ok(stream) => accepted.push((stream, peer)),
            Err(error) => tracing::debug!(%peer, %error, "a waiting connection was dropped"),
        }
    }
    accepted
}

/// The index a service serves, and what to do when it does not exist yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedIndex {
    /// The index directory.
    pub index: PathBuf,
    /// The corpus indexed into `index` when there is no index yet (not on a read replica).
    pub corpus: PathBuf,
    /// A read replica: never build or write the index (nor take its writer lock); wait for a
    /// first published generation when there is none.
    pub read_only: bool,
    /// Days after publication that a posting without closing date counts as open.
    pub unknown_closing_days: u32,
    /// Threads one search may use while cores are idle (`None`: the available cores; see
    /// [`Engine::with_search_threads`]).
    pub search_threads: Option<usize>,
}

/// The whole service start-up: serves on `listener` at once (`/healthz` and `/api` answer
/// 503 `not_ready` meanwhile) while the index is opened — built from the corpus first when
/// there is none, waited for on a read replica — then serves it, following its commits,
/// until `shutdown` resolves.
///
/// Returns when the server has stopped, or at once with the error when the index cannot be
/// built or opened.
pub async fn run(
    listener: TcpListener,
    settings: Settings,
    served: ServedIndex,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let state = AppState::try_new(settings)?;
    let ready = state.clone();
    let open = tokio::task::spawn_blocking(move || -> Result<()> {
        let engine = open_served(&served)?;
        tracing::info!("{} postings ready", engine.num_docs());
        ready.set_engine(Arc::new(engine));
        Ok(())
    });
    tokio::spawn(follow_commits(state.clone(), REFRESH_EVERY));
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("listener", e))?;
    tracing::info!("listening on http://{address}");
    let server = tokio::spawn(serve(listener, state, shutdown));
    let joined = |e: tokio::task::JoinError| Error::io("server task", std::io::Error::other(e));
    open.await.map_err(joined)??;
    server
        .await
        .map_err(joined)?
        .map_err(|e| Error::io(address.to_string(), e))?;
    tracing::info!("stopped");
    Ok(())
}

/// Builds (when missing, or written by another version from the served corpus alone, and
/// allowed) or waits for the index of `served`, then opens it.
fn open_served(served: &ServedIndex) -> Result<Engine> {
    let index = served.index.as_path();
    if served.read_only {
        wait_for_index(index);
    } else {
        // An index this build cannot read, built from the served corpus alone (the bundled
        // corpus, after an upgrade that changed the analysis), is built again; one holding
        // other postings is refused when opened, with both schema versions named. The
        // corpus's ids are read only for an index that may be rebuilt.
        let sources = [served.corpus.display().to_string()];
        let corpus_ids = std::sync::OnceLock::new();
        let known = |id: &str| {
            corpus_ids
                .get_or_init(|| posting_ids(&served.corpus))
                .contains(id)
        };
        if crate::store::discard_stale(index, &sources, known)? {
            tracing::warn!(
                "the index at {} was written by another version of vacancy: rebuilding it",
                index.display()
            );
        }
        if !crate::store::index_exists(index) {
            build_from_corpus(index, &served.corpus)?;
        }
    }
    let engine = Engine::open(index)?.with_unknown_closing_days(served.unknown_closing_days);
    Ok(match served.search_threads {
        Some(threads) => engine.with_search_threads(threads),
        None => engine,
    })
}

/// The ids of the postings `corpus` holds (those it would index).
fn posting_ids(corpus: &Path) -> std::collections::HashSet<String> {
    crate::source::read_sources(&[corpus.to_path_buf()])
        .filter_map(|item| match item {
            crate::source::SourceItem::Posting { posting, .. } => Some(posting.id),
            crate::source::SourceItem::Rejected(_) => None,
        })
        .collect()
}

/// Builds the index in `index` from `corpus`, logging rejected postings and the report.
fn build_from_corpus(index: &Path, corpus: &Path) -> Result<()> {
    tracing::info!(
        "no index at {}: building it from {}",
        index.display(),
        corpus.display()
    );
    let report = index_paths(index, &[corpus.to_path_buf()], COMMIT_EVERY, |_| {})?;
    for rejection in &report.rejected {
        tracing::warn!("rejected: {rejection}");
    }
    tracing::info!("{report}");
    Ok(())
}

/// Waits until `index` holds a committed index (a replica started before the first publish).
fn wait_for_index(index: &Path) {
    if !crate::store::index_exists(index) {
        tracing::info!("no index at {} yet: waiting for one", index.display());
        while !crate::store::index_exists(index) {
            std::thread::sleep(REFRESH_EVERY);
        }
    }
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// Keeps the engine of `state` on the last commit of its index, for as long as the runtime
/// runs: every `every`, [`crate::search::Engine::refresh`] switches to the commit `meta.json`
/// describes if the engine is not on it yet (tantivy's own watcher usually got there first;
/// this catches the commits it could not open, such as a generation whose files arrived after
/// its `meta.json`). Failures are logged, once until the next success, and retried.
pub async fn follow_commits(state: AppState, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut serving = None;
    let mut failing = false;
    loop {
        ticker.tick().await;
        let Some(engine) = state.engine() else {
            continue;
        };
        let checked = tokio::task::spawn_blocking(move || {
            let result = engine.refresh();
            (result, engine.generation(), engine.num_docs())
        })
        .await;
        let (result, generation, documents) = match checked {
            Ok(checked) => checked,
            Err(error) => {
                tracing::error!(%error, "checking for a new commit failed");
                continue;
            }
        };
        match result {
            Ok(_) => failing = false,
            Err(error) if !failing => {
                failing = true;
                tracing::warn!(%error, "the index's last commit cannot be opened yet; retrying");
            }
            Err(_) => {}
        }
        if serving.as_ref() != Some(&generation) {
            tracing::info!(%generation, documents, "serving generation");
            state.metrics().set_documents(documents);
            serving = Some(generation);
        }
    }
}
