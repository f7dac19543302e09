//! Admission of `/api` requests: a bounded number in flight, a bounded queue with a deadline.
//!
//! A burst beyond what the machine answers at once waits its turn (first come, first served)
//! instead of being refused: a job seeker prefers an answer in 300 ms to an error. Only what
//! could not start within [`Settings::queue_timeout`], or finds [`Settings::max_queued`]
//! requests already waiting, is refused with 503 `overloaded` and `Retry-After`. Memory stays
//! bounded by both limits.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::{ApiError, Settings};

/// The shared admission state of one service.
#[derive(Clone)]
pub(super) struct Admission {
    in_flight: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    max_queued: usize,
    queue_timeout: Duration,
}

impl Admission {
    pub(super) fn new(settings: &Settings) -> Admission {
        Admission {
            in_flight: Arc::new(Semaphore::new(settings.max_concurrent.max(1))),
            waiting: Arc::new(AtomicUsize::new(0)),
            max_queued: settings.max_queued,
            queue_timeout: settings.queue_timeout,
        }
    }
}

/// Counts a waiting request for as long as it waits, even when its client goes away.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn overloaded() -> Response {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "overloaded",
        "too many requests at once; try again shortly",
    )
    .retry_after(1)
    .into_response()
}

/// The middleware: runs `request` once a place in flight is free.
pub(super) async fn admit(
    State(admission): State<Admission>,
    request: Request,
    next: Next,
) -> Response {
    let permit = match Arc::clone(&admission.in_flight).try_acquire_owned() {
        Ok(permit) => permit,
        Err(_) => {
            if admission.waiting.fetch_add(1, Ordering::SeqCst) >= admission.max_queued {
                admission.waiting.fetch_sub(1, Ordering::SeqCst);
                return overloaded();
            }
            let _waiting = Waiting(&admission.waiting);
            let queued = Arc::clone(&admission.in_flight).acquire_owned();
            match tokio::time::timeout(admission.queue_timeout, queued).await {
                Ok(Ok(permit)) => permit,
                _ => return overloaded(),
            }
        }
    };
    let response = next.run(request).await;
    drop(permit);
    response
}
