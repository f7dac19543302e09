//! The OpenAPI document of the service.

use utoipa::OpenApi;

use super::error::{ErrorBody, ErrorDetail};
use super::handlers::Health;
use crate::search::{
    FacetCount, Hit, HitOccupation, Labelled, MonthCount, SearchResponse, Stats, StatsCount,
};
use crate::Posting;

/// The OpenAPI 3.1 description of every route, served at `/api/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "vacancy-search",
        description = "Full-text search of job vacancies of international organisations. \
                       Every error response is `{\"error\": {\"code\", \"message\"}}`."
    ),
    paths(
        super::handlers::search,
        super::handlers::posting,
        super::handlers::skills,
        super::reports::stats,
        super::reports::export_csv,
        super::handlers::healthz,
        super::handlers::metrics,
        super::handlers::openapi,
        super::assets::page,
        super::assets::file,
    ),
    components(schemas(SearchResponse, Hit, HitOccupation, Labelled, FacetCount, Stats, StatsCount, MonthCount, Posting, Health, ErrorBody, ErrorDetail)),
    tags(
        (name = "search", description = "Searching postings"),
        (name = "operations", description = "Health, metrics and this document"),
        (name = "page", description = "The search page and its files"),
    )
)]
pub struct ApiDoc;
