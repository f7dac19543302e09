//! Serving the router over HTTP/1.1 with hyper, and shutting down gracefully.

use std::future::Future;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use super::{router, AppState};

/// How often [`follow_commits`] checks that the server searches the index's last commit.
pub const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// Time a client has to send a request's headers before the connection is dropped
/// (protects against slowloris clients).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves [`router`]`(state)` on `listener` until `shutdown` resolves, then stops accepting,
/// lets requests in flight finish and returns.
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
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(error) => {
                        tracing::warn!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let service = TowerToHyperService::new(app.clone());
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(error) = connection.await {
                        tracing::debug!(%peer, %error, "connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => {
                tracing::info!("shutting down: no new connections, finishing requests in flight");
                break;
            }
        }
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
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
