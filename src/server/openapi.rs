//! The OpenAPI document of the service and its route. It names the handlers; no handler
//! names it.

use axum::Json;
use utoipa::openapi::path::ParameterIn;
use utoipa::{Modify, OpenApi};

use super::error::{ErrorBody, ErrorDetail};
use super::handlers::{Health, SimilarResponse};
use crate::search::{
    FacetCount, Hit, HitOccupation, Labelled, MonthCount, SearchResponse, SkillSuggestion, Stats,
    StatsCount, StatsSeries,
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
        super::handlers::similar,
        super::feed::search_atom,
        super::pages::posting,
        super::pages::sitemap_xml,
        super::pages::sitemap_part,
        super::pages::robots_txt,
        super::stats::stats,
        super::export::export_csv,
        super::analytics::stats_csv,
        super::analytics::page,
        super::analytics::file,
        super::handlers::healthz,
        super::handlers::metrics,
        openapi_json,
        super::assets::page,
        super::assets::file,
    ),
    components(schemas(SearchResponse, Hit, HitOccupation, Labelled, SkillSuggestion, FacetCount, Stats, StatsCount, StatsSeries, MonthCount, Posting, SimilarResponse, Health, ErrorBody, ErrorDetail)),
    modifiers(&FeedParameters, &HitPostingFields),
    tags(
        (name = "search", description = "Searching postings"),
        (name = "operations", description = "Health, metrics and this document"),
        (name = "page", description = "The search page and its files; a page per posting, its calendar file, the sitemap"),
        (name = "feeds", description = "Searches as Atom feeds"),
    )
)]
pub struct ApiDoc;

/// Gives `/api/search.atom` every query parameter of `/api/search` (it takes them all), after
/// which come its own conditional-request headers.
struct FeedParameters;

impl Modify for FeedParameters {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = &mut openapi.paths.paths;
        let Some(search) = paths
            .get("/api/search")
            .and_then(|p| p.get.as_ref())
            .and_then(|op| op.parameters.clone())
        else {
            return;
        };
        if let Some(feed) = paths
            .get_mut("/api/search.atom")
            .and_then(|p| p.get.as_mut())
        {
            let headers = feed
                .parameters
                .take()
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.parameter_in == ParameterIn::Header);
            feed.parameters = Some(search.into_iter().chain(headers).collect());
        }
    }
}

/// Gives the `Hit` schema the properties of the posting fields a hit shows
/// ([`Hit::POSTING_FIELDS`]), as the `Posting` schema describes them: one description of each.
struct HitPostingFields;

impl Modify for HitPostingFields {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Schema};
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        let Some(RefOr::T(Schema::Object(posting))) = components.schemas.get("Posting").cloned()
        else {
            return;
        };
        let Some(RefOr::T(Schema::Object(hit))) = components.schemas.get_mut("Hit") else {
            return;
        };
        let mut required = Vec::new();
        for name in Hit::POSTING_FIELDS {
            if let Some(property) = posting.properties.get(name) {
                hit.properties.insert(name.to_owned(), property.clone());
            }
            if posting.required.iter().any(|r| r == name) {
                required.push(name.to_owned());
            }
        }
        required.append(&mut hit.required);
        hit.required = required;
    }
}

/// This API's OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "operations",
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json", body = Object))
)]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
