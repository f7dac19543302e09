//! The JSON and text endpoints: search, one posting, health, metrics, OpenAPI document.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::OpenApi;

use super::openapi::ApiDoc;
use super::params::parse_search_params;
use super::{ApiError, AppState};
use crate::search::SearchResponse;
use crate::Posting;

/// Body of a healthy `GET /healthz`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok`.
    pub status: &'static str,
    /// Postings in the open index (the posting count).
    pub documents: u64,
    /// The generation of the index served (16 hex digits, a hash of its segments): equal on
    /// every replica serving the same published commit, and to what `vacancy publish`
    /// printed for it.
    pub generation: String,
}

/// Searches the index.
///
/// Facet parameters may repeat (values of one facet are OR'ed, facets AND'ed); other
/// parameters may appear once; unknown parameters are refused.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(
        ("q" = Option<String>, Query, description = "Query text: words, \"phrases\", AND/OR/NOT, -word, +word, parentheses, field:word for title, organization, grade... Empty or * browses everything."),
        ("grade" = Option<Vec<String>>, Query, style = Form, explode, description = "Canonical grade (repeatable)"),
        ("unit" = Option<Vec<String>>, Query, style = Form, explode, description = "Organisation unit (repeatable)"),
        ("department" = Option<Vec<String>>, Query, style = Form, explode, description = "Department (repeatable)"),
        ("organization" = Option<Vec<String>>, Query, style = Form, explode, description = "Organisation (repeatable)"),
        ("duty_station" = Option<Vec<String>>, Query, style = Form, explode, description = "Duty station (repeatable)"),
        ("contract_type" = Option<Vec<String>>, Query, style = Form, explode, description = "Canonical contract type (repeatable)"),
        ("language" = Option<Vec<String>>, Query, style = Form, explode, description = "ISO 639-1 language code (repeatable)"),
        ("country" = Option<Vec<String>>, Query, style = Form, explode, description = "ISO 3166-1 alpha-3 country code (repeatable)"),
        ("region" = Option<Vec<String>>, Query, style = Form, explode, description = "UN M49 region (repeatable)"),
        ("subregion" = Option<Vec<String>>, Query, style = Form, explode, description = "UN M49 sub-region (repeatable)"),
        ("location" = Option<Vec<String>>, Query, style = Form, explode, description = "Location path /Region[/Sub-region[/CCC[/Duty station]]] (repeatable, OR'ed); facets.location lists its children"),
        ("open" = Option<bool>, Query, description = "true: only postings closing today or later, or with no closing date"),
        ("published_after" = Option<chrono::NaiveDate>, Query, description = "Published on or after (YYYY-MM-DD)"),
        ("published_before" = Option<chrono::NaiveDate>, Query, description = "Published on or before (YYYY-MM-DD)"),
        ("closing_after" = Option<chrono::NaiveDate>, Query, description = "Closing on or after (YYYY-MM-DD)"),
        ("closing_before" = Option<chrono::NaiveDate>, Query, description = "Closing on or before (YYYY-MM-DD)"),
        ("sort" = Option<String>, Query, description = "relevance (default), published (newest first) or closing (soonest first)"),
        ("page" = Option<usize>, Query, description = "1-based page number (default 1)"),
        ("per_page" = Option<usize>, Query, description = "Hits per page, 1 to 100 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of hits with facet counts", body = SearchResponse),
        (status = 400, description = "Invalid query or parameter", body = super::error::ErrorBody),
        (status = 503, description = "Index not ready, overloaded or timed out", body = super::error::ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let today = chrono::Local::now().date_naive();
    let request = parse_search_params(raw.as_deref(), today)?;
    let response = state
        .run_blocking("search", move || engine.search(&request))
        .await??;
    Ok(Json(response))
}

/// One whole posting.
#[utoipa::path(
    get,
    path = "/api/postings/{id}",
    tag = "search",
    params(("id" = String, Path, description = "Posting id")),
    responses(
        (status = 200, description = "The posting", body = Posting),
        (status = 404, description = "No posting has this id", body = super::error::ErrorBody),
        (status = 503, description = "Index not ready", body = super::error::ErrorBody),
    )
)]
pub async fn posting(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Posting>, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let lookup = id.clone();
    let found = state
        .run_blocking("posting", move || engine.posting(&lookup))
        .await??;
    found.map(Json).ok_or_else(|| {
        let shown: String = id.chars().take(super::params::ECHO_CHARS).collect();
        ApiError::not_found(format!("no posting with id `{shown}`"))
    })
}

/// Health: 200 once the index is open.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The index is not open yet", body = super::error::ErrorBody),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    Ok(Json(Health {
        status: "ok",
        documents: engine.num_docs(),
        generation: engine.generation(),
    }))
}

/// Metrics in the OpenMetrics text format.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    responses((status = 200, description = "Request counts, latency histogram, indexed documents", content_type = "application/openmetrics-text", body = String))
)]
pub async fn metrics(State(state): State<AppState>) -> Response {
    if let Some(engine) = state.engine() {
        state.metrics().set_documents(engine.num_docs());
    }
    let mut response = state.metrics().render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}

/// This API's OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "operations",
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json", body = Object))
)]
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
