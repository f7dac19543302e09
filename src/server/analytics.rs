//! The analyst's page: `GET /analytics` (HTML), `GET /analytics/{chart}.svg` (one chart),
//! `GET /analytics/analytics.css` and `analytics.js`, and `GET /api/stats.csv` (the numbers of a chart).
//! The page is rendered on the server from [`crate::search::Engine::dashboard`], which
//! counts with the same code as `/api/stats`.

use std::sync::LazyLock;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::assets::{asset, page_security, respond, with_type, Asset};
use super::params::{decode_pairs, parse_params_with};
use super::stats::StatsQuery;
use super::{ApiError, AppState};
use crate::render::analytics::{self, Chart, View};
use crate::search::{Dashboard, SearchRequest};

/// The page's style sheet and script.
static FILES: LazyLock<[Asset; 2]> = LazyLock::new(|| {
    [
        asset(
            "analytics.css",
            "text/css; charset=utf-8",
            include_str!("../../web/analytics.css"),
        ),
        asset(
            "analytics.js",
            "text/javascript; charset=utf-8",
            include_str!("../../web/analytics.js"),
        ),
    ]
});

/// The view and the request of an analytics address: the search parameters as the search
/// page writes them (`open` absent: open vacancies only), `lang` and `trend`.
fn view_and_request(raw: Option<&str>) -> Result<(View, SearchRequest), ApiError> {
    let pairs = decode_pairs(raw.unwrap_or(""))?;
    let view = View::from_pairs(&pairs);
    let today = chrono::Local::now().date_naive();
    let api = view.api_query();
    let (request, _) = parse_params_with(Some(&api), today, &[])?;
    Ok((view, request))
}

async fn dashboard(state: &AppState, raw: Option<&str>) -> Result<(View, Dashboard), ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let (view, request) = view_and_request(raw)?;
    let trend = view.trend;
    let d = state
        .run_blocking("analytics", move || engine.dashboard(&request, trend))
        .await??;
    Ok((view, d))
}

/// `GET /analytics`: the analytics page.
#[utoipa::path(
    get,
    path = "/analytics",
    tag = "page",
    params(
        ("q" = Option<String>, Query, description = "Query text, as for /api/search"),
        ("grade" = Option<Vec<String>>, Query, style = Form, explode, description = "Facet filters and location, as for /api/search (repeatable)"),
        ("open" = Option<bool>, Query, description = "false: open and closed vacancies; absent or true: open vacancies only (as on the search page)"),
        ("published_after" = Option<chrono::NaiveDate>, Query, description = "As for /api/search; also published_before, closing_after, closing_before"),
        ("lang" = Option<String>, Query, description = "Interface language: en (default), fr or es"),
        ("trend" = Option<String>, Query, description = "Facet of the trend lines: organization (default), grade, region, contract_type or skill"),
    ),
    responses(
        (status = 200, description = "The analytics page: map, trends, cross-tabs, top lists", content_type = "text/html", body = String),
        super::error::SearchErrors,
    )
)]
pub async fn page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (view, d) = dashboard(&state, raw.as_deref()).await?;
    let html = analytics::page(&d, &view).into_string();
    let mut response = with_type(html, "text/html; charset=utf-8");
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    page_security(h);
    Ok(response)
}

/// `GET /analytics/{file}`: one chart as SVG (`map.svg`, `published.svg`, `closing.svg`,
/// `region-grade.svg`, `organization-contract_type.svg`, `top-{facet}.svg`) or the page's
/// style sheet (`analytics.css`) or script (`analytics.js`).
#[utoipa::path(
    get,
    path = "/analytics/{file}",
    tag = "page",
    params(
        ("file" = String, Path, description = "analytics.css, analytics.js, or a chart: map.svg, published.svg, closing.svg, region-grade.svg, organization-contract_type.svg, top-region.svg, top-duty_station.svg, top-organization.svg, top-grade.svg, top-contract_type.svg, top-skill.svg"),
        ("q" = Option<String>, Query, description = "The parameters of /analytics"),
    ),
    responses(
        (status = 200, description = "The chart (image/svg+xml), the style sheet or the script", body = String),
        (status = 404, description = "No such chart", body = super::error::ErrorBody),
        super::error::SearchErrors,
    )
)]
pub async fn file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    if let Some(file) = FILES.iter().find(|a| a.name == name) {
        return Ok(respond(file, &headers, false));
    }
    let chart = name
        .strip_suffix(".svg")
        .and_then(Chart::from_id)
        .ok_or_else(|| {
            ApiError::not_found(format!("no chart named `{}`", crate::error::echo(&name)))
        })?;
    let (view, d) = dashboard(&state, raw.as_deref()).await?;
    let svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        chart.svg(&d, &view).into_string()
    );
    let mut response = with_type(svg, "image/svg+xml; charset=utf-8");
    page_security(response.headers_mut());
    Ok(response)
}

/// `GET /api/stats.csv`: what `/api/stats` answers for the same parameters, as CSV.
#[utoipa::path(
    get,
    path = "/api/stats.csv",
    tag = "search",
    params(
        ("by" = String, Query, description = "As for /api/stats"),
        ("series" = Option<usize>, Query, description = "As for /api/stats: the monthly histograms are written instead of the counts"),
        ("q" = Option<String>, Query, description = "Query text and every filter, as for /api/stats"),
    ),
    responses(
        (status = 200, description = "CSV with a header row: one column per `by` facet then `count`; with `series`: `<facet>,month,published,closing`, first for every matching posting (empty facet value) then per series value", content_type = "text/csv", body = String),
        super::error::SearchErrors,
    )
)]
pub async fn stats_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let query = StatsQuery::parse(raw.as_deref())?;
    let names: Vec<&str> = query.by.iter().map(|f| f.name()).collect();
    let filename = format!("attachment; filename=\"stats-{}.csv\"", names.join("-"));
    let body = state
        .run_blocking("stats csv", move || -> crate::Result<Vec<u8>> {
            let stats = query.run(&engine)?;
            let mut out = Vec::new();
            stats.write_csv(&mut out)?;
            Ok(out)
        })
        .await??;
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&filename) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
