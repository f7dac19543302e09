//! The JSON and text endpoints: search, one posting, similar postings, skills, health,
//! metrics.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::params::{decode_pairs, parse_bool, parse_count, parse_search_params};
use super::{ApiError, AppState};
use crate::search::{Hit, SearchResponse, SimilarRequest, DEFAULT_SIMILAR};
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

/// A JSON body written already (an answer, on its search thread; see
/// [`AppState::run_json`]), served as axum's `Json` serves one.
pub struct JsonBytes(pub Vec<u8>);

impl IntoResponse for JsonBytes {
    fn into_response(self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.0,
        )
            .into_response()
    }
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
        ("skill" = Option<Vec<String>>, Query, style = Form, explode, description = "ESCO skill concept id, e.g. 7111b95d-0ce3-441a-9d92-4c75d05c4388 for project management (repeatable, OR'ed); facets.skill lists ids with labels in `lang`"),
        ("occupation" = Option<Vec<String>>, Query, style = Form, explode, description = "ISCO-08 group code of 1 to 4 digits (2, 24, 242, 2421): postings whose ESCO occupation lies under it (repeatable, OR'ed); facets.occupation lists the major groups and the children of the selected groups"),
        ("location" = Option<Vec<String>>, Query, style = Form, explode, description = "Location path /Region[/Sub-region[/CCC[/Duty station]]] (repeatable, OR'ed); facets.location lists its children"),
        ("open" = Option<bool>, Query, description = "true: only postings closing today or later, or with no closing date and published in the last 60 days (serve --unknown-closing-days)"),
        ("published_after" = Option<chrono::NaiveDate>, Query, description = "Published on or after (YYYY-MM-DD)"),
        ("published_before" = Option<chrono::NaiveDate>, Query, description = "Published on or before (YYYY-MM-DD)"),
        ("closing_after" = Option<chrono::NaiveDate>, Query, description = "Closing on or after (YYYY-MM-DD)"),
        ("closing_before" = Option<chrono::NaiveDate>, Query, description = "Closing on or before (YYYY-MM-DD)"),
        ("sort" = Option<String>, Query, description = "relevance (default), published (newest first) or closing (soonest first)"),
        ("page" = Option<usize>, Query, description = "1-based page number (default 1)"),
        ("per_page" = Option<usize>, Query, description = "Hits per page, 1 to 100 (default 20)"),
        ("lang" = Option<String>, Query, description = "The searcher's language: en, fr or es (any other value is a 400). Postings in it rank first where they match as well, and skill and occupation labels are in it (English by default). Without it the query language is inferred from the query's words, then taken from Accept-Language"),
        ("facets" = Option<String>, Query, description = "Facets to count, comma-separated (grade,country,location...), or none; all by default. Counting costs time on every matching posting: ask for the facets you show"),
        ("facet_size" = Option<usize>, Query, description = "Values listed per facet, most frequent first, 1 to 1000 (default 100); selected values are always listed"),
        ("snippets" = Option<bool>, Query, description = "false: hits come without a highlighted snippet (faster); true by default"),
        ("fields" = Option<String>, Query, description = "Properties each hit carries, comma-separated: id, title, organization, grade, unit, department, duty_station, country, region, subregion, contract_type, language, published, closing, score, snippet, skills, occupation; all by default, id always. fields=id (or id,score) reads no stored posting: the cheapest hits"),
        ("Accept-Language" = Option<String>, Header, description = "Used for the query language when neither `lang` nor the query's words decide"),
    ),
    responses(
        (status = 200, description = "A page of hits with facet counts", body = SearchResponse),
        super::error::SearchErrors,
    )
)]
pub async fn search(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<JsonBytes, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let today = chrono::Local::now().date_naive();
    let mut request = parse_search_params(raw.as_deref(), today)?;
    request.accept_lang = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(super::params::accept_language);
    // Written by `SearchResponse::to_json` (its facet counts by hand), not through serde.
    let body = state
        .run_blocking("search", move || -> Result<Vec<u8>, ApiError> {
            engine
                .search(&request)?
                .to_json()
                .map_err(|e| ApiError::internal(format!("search: cannot write the answer: {e}")))
        })
        .await??;
    Ok(JsonBytes(body))
}

/// Skills whose label in `lang` starts with `q` (or has a word starting with it), for
/// suggestions as a searcher types: only skills some posting is tagged with, each with its
/// posting count, ranked by how well a label matches and by that count.
#[utoipa::path(
    get,
    path = "/api/skills",
    tag = "search",
    params(
        ("q" = String, Query, description = "The beginning of a skill label or of one of its words (accents and case ignored)"),
        ("lang" = Option<String>, Query, description = "Label language: en (default), fr or es"),
        ("limit" = Option<usize>, Query, description = "Most suggestions, 1 to 50 (default 10)"),
    ),
    responses(
        (status = 200, description = "Suggested skills: only skills at least one posting is tagged with, best first (a whole label typed, then labels starting with `q`, then labels with a word starting with it, each step worth about 7 times more postings)", body = Vec<crate::search::SkillSuggestion>),
        (status = 400, description = "Invalid parameter", body = super::error::ErrorBody),
        (status = 503, description = "Index not ready", body = super::error::ErrorBody),
    )
)]
pub async fn skills(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<JsonBytes, ApiError> {
    let today = chrono::Local::now().date_naive();
    let (request, extras) = super::params::parse_params_with(raw.as_deref(), today, &["limit"])?;
    let limit = match extras.get("limit") {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=50).contains(n))
            .ok_or_else(|| crate::Error::param("limit", "must be between 1 and 50"))?,
        None => 10,
    };
    let prefix = request.query.trim().to_owned();
    if prefix.is_empty() || prefix.len() > 200 {
        return Err(crate::Error::param("q", "give 1 to 200 bytes of a skill label").into());
    }
    let lang = crate::search::label_lang(request.lang);
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    state
        .run_json("skills", move || {
            Ok(engine.suggest_skills(&prefix, lang, limit)?)
        })
        .await
}

/// One whole posting.
#[utoipa::path(
    get,
    path = "/api/postings/{id}",
    tag = "search",
    params(("id" = String, Path, description = "Posting id")),
    responses(
        (status = 200, description = "The posting", body = Posting),
        super::error::PostingErrors,
    )
)]
pub async fn posting(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<JsonBytes, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    state
        .run_json("posting", move || {
            engine
                .posting(&id)?
                .ok_or_else(|| ApiError::no_posting(&id))
        })
        .await
}

/// Body of `GET /api/postings/{id}/similar`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SimilarResponse {
    /// The posting the others are like.
    pub id: String,
    /// Similar postings, most alike first: same language first, closed ones last.
    pub hits: Vec<Hit>,
}

/// Postings like this one: more-like-this over title and body, postings in the same
/// language first, closed postings last (or left out with `open=true`); never the posting
/// itself.
#[utoipa::path(
    get,
    path = "/api/postings/{id}/similar",
    tag = "search",
    params(
        ("id" = String, Path, description = "Posting id"),
        ("per_page" = Option<usize>, Query, description = "How many, 1 to 100 (default 5)"),
        ("open" = Option<bool>, Query, description = "true: only postings closing today or later, or with no closing date"),
    ),
    responses(
        (status = 200, description = "Similar postings (snippets are the start of each body)", body = SimilarResponse),
        (status = 400, description = "Invalid or unknown parameter", body = super::error::ErrorBody),
        super::error::PostingErrors,
    )
)]
pub async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<JsonBytes, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let today = chrono::Local::now().date_naive();
    let mut request = SimilarRequest {
        id: id.clone(),
        per_page: DEFAULT_SIMILAR,
        open_on: None,
        today,
    };
    let mut seen = Vec::new();
    for (key, value) in decode_pairs(raw.as_deref().unwrap_or(""))? {
        if seen.contains(&key) {
            return Err(crate::Error::param(key, "given more than once").into());
        }
        match key.as_str() {
            _ if value.is_empty() => {}
            "per_page" => request.per_page = parse_count("per_page", &value)?,
            "open" => request.open_on = parse_bool("open", &value)?.then_some(today),
            _ => {
                let shown = crate::error::echo(&key);
                return Err(crate::Error::param(
                    shown,
                    "unknown parameter; known parameters are per_page, open",
                )
                .into());
            }
        }
        seen.push(key);
    }
    state
        .run_json("similar", move || {
            let hits = engine
                .similar(&request)?
                .ok_or_else(|| ApiError::no_posting(&id))?;
            Ok(SimilarResponse { id, hits })
        })
        .await
}

/// Health: 200 once the index is open and a search would not wait for the skill taggers
/// (built in the background when the index opens, under a second in a release build), so
/// that a load balancer sends no search to a replica that would keep it waiting.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The index is not open yet, or the skill taggers are being built", body = super::error::ErrorBody),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    if !crate::skills::taggers_ready() {
        return Err(ApiError::warming_up());
    }
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
        let (hits, misses) = engine.doc_store_cache();
        state.metrics().set_doc_store_cache(hits, misses);
    }
    state
        .metrics()
        .set_searches_running(state.searches_running());
    state
        .metrics()
        .set_http_threads(tokio::runtime::Handle::current().metrics().num_workers());
    let mut response = state.metrics().render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}
