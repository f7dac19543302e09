//! `GET /api/export.csv`: every posting matching a search, as a streamed CSV. The export runs
//! on a blocking thread outside the search slots, a few chunks ahead of the client; a client
//! that reads nothing for [`super::Settings::export_idle_timeout`] has its response cut off
//! and frees the thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::Response;
use bytes::Bytes;
use tokio::sync::mpsc::error::SendTimeoutError;

use super::params::{parse_bool, parse_params_with};
use super::stats::FilterParams;
use super::{ApiError, AppState};
use crate::search::ExportFormat;

/// Postings loaded and written per chunk of an export stream.
pub const EXPORT_CHUNK_ROWS: usize = 200;

/// Chunks an export may have ready ahead of a slow client.
const EXPORT_CHUNKS_AHEAD: usize = 4;

/// Every posting matching the search parameters as CSV, streamed.
#[utoipa::path(
    get,
    path = "/api/export.csv",
    tag = "search",
    params(
        ("include_body" = Option<bool>, Query, description = "true: add the body as a last column"),
        FilterParams,
        ("sort" = Option<String>, Query, description = "Row order, as for /api/search"),
        ("lang" = Option<String>, Query, description = "Language of the skill labels: en (default), fr or es"),
    ),
    responses(
        (status = 200, description = "CSV with a header row: id,title,organization,grade,unit,department,duty_station,country,region,subregion,contract_type,language,published,closing,link,occupation,skills,skill_ids[,body] (occupation: ISCO-08 unit group; skills: labels in `lang`, separated by `; `; skill_ids: ESCO ids separated by spaces)", content_type = "text/csv", body = String),
        super::error::SearchErrors,
    )
)]
pub async fn export_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let today = chrono::Local::now().date_naive();
    let (request, extras) = parse_params_with(raw.as_deref(), today, &["include_body"])?;
    let include_body = match extras.get("include_body").map(String::as_str) {
        None | Some("") => false,
        Some(value) => parse_bool("include_body", value)?,
    };
    let mut export = state
        .run_blocking("export", move || {
            engine.start_export(&request, ExportFormat::Csv, include_body)
        })
        .await??;
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(EXPORT_CHUNKS_AHEAD);
    let idle_timeout = state.settings().export_idle_timeout;
    let stalled = Arc::new(AtomicBool::new(false));
    let gave_up = Arc::clone(&stalled);
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        // Waits at most `idle_timeout` for room in the channel: a client that stops reading
        // must not hold this thread for ever. False when the stream is over.
        let send = |item: std::io::Result<Bytes>| {
            match runtime.block_on(tx.send_timeout(item, idle_timeout)) {
                Ok(()) => true,
                Err(SendTimeoutError::Closed(_)) => false, // The client went away.
                Err(SendTimeoutError::Timeout(_)) => {
                    tracing::warn!(?idle_timeout, "export stopped: the client stopped reading");
                    gave_up.store(true, Ordering::SeqCst);
                    false
                }
            }
        };
        let mut buffer = Vec::new();
        let mut step = export.write_header(&mut buffer);
        loop {
            if let Err(e) = step {
                send(Err(std::io::Error::other(e.to_string())));
                return;
            }
            if !buffer.is_empty() && !send(Ok(Bytes::from(std::mem::take(&mut buffer)))) {
                return;
            }
            if export.is_done() {
                return;
            }
            step = export
                .write_next(&mut buffer, EXPORT_CHUNK_ROWS)
                .map(|_| ());
        }
    });
    // A stream cut off for a stalled client ends with an error, so that hyper aborts the
    // response instead of ending it as if it were complete.
    let stream = futures_util::stream::unfold(Some(rx), move |rx| {
        let stalled = Arc::clone(&stalled);
        async move {
            let mut rx = rx?;
            match rx.recv().await {
                Some(item) => Some((item, Some(rx))),
                None if stalled.load(Ordering::SeqCst) => Some((
                    Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the client stopped reading the export",
                    )),
                    None,
                )),
                None => None,
            }
        }
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"vacancies.csv\"",
        )
        .body(Body::from_stream(stream))
        .map_err(|e| ApiError::internal(format!("export response: {e}")))
}
