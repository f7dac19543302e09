//! Pages for people and crawlers outside the search page: a page per posting
//! (`/postings/{id}`), its closing date as iCalendar (`/postings/{id}.ics`), the sitemap and
//! `robots.txt`.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

use super::assets::{page_security, with_type};
use super::{ApiError, AppState};
use crate::render::ical::{write_calendar, ICS_CONTENT_TYPE};
use crate::render::page::{posting_page, posting_page_in};
use crate::render::sitemap::{self, Layout, MAX_URLS};
use crate::render::Site;
use crate::search::{SimilarRequest, DEFAULT_SIMILAR};

/// Where the service is reached: the configured public address, else the request's `Host`.
pub(super) fn site_of(state: &AppState, headers: &HeaderMap) -> Result<Site, ApiError> {
    if let Some(site) = &state.settings().public_url {
        return Ok(site.clone());
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    Site::from_host(host).ok_or_else(|| {
        ApiError::from(crate::Error::param(
            "Host",
            "a plain host name is needed to write absolute links (or start the service with a public URL)",
        ))
    })
}

/// A posting's page, or with `.ics` after the id its closing date as a calendar file.
#[utoipa::path(
    get,
    path = "/postings/{id}",
    tag = "page",
    params(
        ("id" = String, Path, description = "Posting id (percent-encoded); add `.ics` for the closing date as an iCalendar file"),
        ("lang" = Option<String>, Query, description = "Interface language of the page (en, fr or es; any other value is a 400): its labels, the skill and occupation names and the links to the search page; the posting's text keeps its language. Default: the posting's language when French or Spanish, else English"),
    ),
    responses(
        (status = 200, description = "The posting as HTML with schema.org JobPosting JSON-LD and five similar postings; or (`.ics`) an all-day VEVENT on its closing date", content_type = "text/html", body = String),
        (status = 404, description = "No posting has this id, or (`.ics`) it has no closing date", body = super::error::ErrorBody),
        (status = 503, description = "Index not ready", body = super::error::ErrorBody),
    )
)]
pub async fn posting(
    State(state): State<AppState>,
    Path(segment): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    // Only `lang` means something here; other parameters (campaign tags...) are ignored.
    let mut ui = None;
    for (key, value) in super::params::decode_pairs(raw.as_deref().unwrap_or(""))? {
        if key == "lang" && !value.is_empty() {
            ui = Some(super::params::parse_lang(&value)?.suffix());
        }
    }
    let site = site_of(&state, &headers)?;
    let today = chrono::Local::now().date_naive();
    let lookup = segment.clone();
    let (posting, calendar, similar) = state
        .run_blocking("posting page", move || -> crate::Result<_> {
            // `x.ics` is the calendar of `x`, unless a posting has the id `x.ics` itself.
            if let Some(id) = lookup.strip_suffix(".ics") {
                if let Some(posting) = engine.posting(id)? {
                    if engine.posting(&lookup)?.is_none() {
                        return Ok((Some(posting), true, Vec::new()));
                    }
                }
            }
            let Some(posting) = engine.posting(&lookup)? else {
                return Ok((None, false, Vec::new()));
            };
            let similar = engine
                .similar(&SimilarRequest {
                    id: posting.id.clone(),
                    per_page: DEFAULT_SIMILAR,
                    open_on: None,
                    today,
                })?
                .unwrap_or_default();
            Ok((Some(posting), false, similar))
        })
        .await??;
    let posting = posting.ok_or_else(|| ApiError::no_posting(&segment))?;
    if calendar {
        let ics = write_calendar(&site, &posting, chrono::Utc::now()).ok_or_else(|| {
            ApiError::not_found(format!(
                "posting `{}` has no closing date",
                crate::error::echo(&posting.id)
            ))
        })?;
        let mut response = with_type(ics, ICS_CONTENT_TYPE);
        response.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"closing-date.ics\""),
        );
        return Ok(response);
    }
    let html = match ui {
        Some(ui) => posting_page_in(&site, &posting, &similar, today, ui),
        None => posting_page(&site, &posting, &similar, today),
    };
    let mut response = with_type(html, "text/html; charset=utf-8");
    page_security(response.headers_mut());
    Ok(response)
}

/// The pages of every open posting, or past [`MAX_URLS`] the index of the sitemap files.
#[utoipa::path(
    get,
    path = "/sitemap.xml",
    tag = "page",
    responses(
        (status = 200, description = "A sitemaps.org urlset of the open postings' pages (newest first), or a sitemapindex of /sitemaps/{n}.xml files when there are more than 50,000", content_type = "application/xml", body = String),
        (status = 503, description = "Index not ready", body = super::error::ErrorBody),
    )
)]
pub async fn sitemap_xml(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    sitemap_response(state, headers, None).await
}

/// One file of a sitemap split past [`MAX_URLS`] addresses.
#[utoipa::path(
    get,
    path = "/sitemaps/{file}",
    tag = "page",
    params(("file" = String, Path, description = "`1.xml`, `2.xml`... as listed by /sitemap.xml")),
    responses(
        (status = 200, description = "A sitemaps.org urlset", content_type = "application/xml", body = String),
        (status = 404, description = "No such sitemap file", body = super::error::ErrorBody),
    )
)]
pub async fn sitemap_part(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let n = file
        .strip_suffix(".xml")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<usize>().ok())
        .ok_or_else(|| ApiError::not_found("no such sitemap file"))?;
    sitemap_response(state, headers, Some(n)).await
}

async fn sitemap_response(
    state: AppState,
    headers: HeaderMap,
    part: Option<usize>,
) -> Result<Response, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let site = site_of(&state, &headers)?;
    let today = chrono::Local::now().date_naive();
    let per_file = state.settings().sitemap_urls;
    let xml = state
        .run_blocking("sitemap", move || -> crate::Result<Option<String>> {
            let open = engine.open_postings(today)?;
            match (part, sitemap::layout(open.len(), per_file)) {
                (None, Layout::Single) => sitemap::write_urlset(&site, &open).map(Some),
                (None, Layout::Split { files }) => sitemap::write_index(&site, files).map(Some),
                (Some(_), Layout::Single) => Ok(None),
                (Some(n), Layout::Split { .. }) => match sitemap::part(&open, n, per_file) {
                    Some(slice) => sitemap::write_urlset(&site, slice).map(Some),
                    None => Ok(None),
                },
            }
        })
        .await??
        .ok_or_else(|| ApiError::not_found("no such sitemap file"))?;
    Ok(with_type(xml, "application/xml; charset=utf-8"))
}

/// `robots.txt`: crawl the pages, not the API (but its feeds); where the sitemap is.
#[utoipa::path(
    get,
    path = "/robots.txt",
    tag = "page",
    responses((status = 200, description = "Crawling rules and the sitemap's address", content_type = "text/plain", body = String))
)]
pub async fn robots_txt(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let site = site_of(&state, &headers)?;
    Ok(with_type(
        sitemap::robots_txt(&site),
        "text/plain; charset=utf-8",
    ))
}

/// Default of [`super::Settings::sitemap_urls`].
pub const SITEMAP_URLS: usize = MAX_URLS;
