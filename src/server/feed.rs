//! `GET /api/search.atom`: any search as an Atom feed, with conditional GET so that feed
//! readers polling every few minutes cost a check of the index generation.

use std::sync::{Mutex, PoisonError};

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};

use super::assets::etag_matches;
use super::pages::site_of;
use super::params::{decode_pairs, parse_search_params};
use super::{ApiError, AppState};
use crate::render::atom::{write_feed, FeedInfo, ATOM_CONTENT_TYPE};
use crate::search::{HitFields, SearchRequest, SortOrder};

/// When the service first served each index state: the `Last-Modified` of its feeds.
#[derive(Debug, Default)]
pub struct ChangeClock {
    seen: Mutex<Option<(String, DateTime<Utc>)>>,
}

impl ChangeClock {
    /// The instant `fingerprint` was first seen (now, the first time), to the second.
    pub fn since(&self, fingerprint: &str) -> DateTime<Utc> {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        match &*seen {
            Some((known, at)) if known == fingerprint => *at,
            _ => {
                let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap_or_default();
                *seen = Some((fingerprint.to_owned(), now));
                now
            }
        }
    }
}

/// `HTTP-date` (RFC 9110 §5.6.7) of `t`.
fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The instant of an `If-Modified-Since` header, when it is a valid HTTP-date.
fn if_modified_since(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    let value = headers.get(header::IF_MODIFIED_SINCE)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The feed's title: its query and filters in words.
fn feed_title(request: &SearchRequest) -> String {
    let mut parts = Vec::new();
    let q = request.query.trim();
    if !q.is_empty() && q != "*" {
        parts.push(format!("“{q}”"));
    }
    for (facet, values) in &request.filters {
        parts.push(format!("{} {}", facet.name(), values.join(" or ")));
    }
    parts.extend(request.location.iter().cloned());
    if request.open_on.is_some() {
        parts.push("open".to_owned());
    }
    if parts.is_empty() {
        "Vacancies: all".to_owned()
    } else {
        format!("Vacancies: {}", parts.join(", "))
    }
}

/// The search page's query string for the same search: the page keeps open-only on unless
/// told `open=false`, and has its own paging.
fn page_query(raw: &str, request: &SearchRequest) -> String {
    let mut kept: Vec<&str> = raw
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !matches!(key, "open" | "page" | "per_page")
        })
        .collect();
    if request.open_on.is_none() {
        kept.push("open=false");
    }
    kept.join("&")
}

/// The search as an Atom feed.
///
/// Takes every parameter of `/api/search`; without `sort`, the newest postings come first.
/// Answers 304 to a conditional repeat (`If-None-Match` with the last `ETag`, or
/// `If-Modified-Since` the last `Last-Modified`) while the index and the day are the same.
#[utoipa::path(
    get,
    path = "/api/search.atom",
    tag = "feeds",
    // The query parameters of /api/search are added by the document's `FeedParameters`.
    params(
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
        ("If-Modified-Since" = Option<String>, Header, description = "Last-Modified of a copy the client has"),
    ),
    responses(
        (status = 200, description = "Atom 1.0 feed of the search's first page (or the page asked for), newest first unless `sort` is given", content_type = "application/atom+xml", body = String),
        (status = 304, description = "Unchanged since the ETag or date given"),
        super::error::SearchErrors,
    )
)]
pub async fn search_atom(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let site = site_of(&state, &headers)?;
    let raw = raw.unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    let mut request = parse_search_params(Some(&raw), today)?;
    // An entry shows every field, whatever `fields` asks of the JSON hits.
    request.fields = HitFields::all();
    if !decode_pairs(&raw)?.iter().any(|(key, _)| key == "sort") {
        request.sort = SortOrder::Published;
    }

    // What the answer depends on: the index, the request, the day (for `open`) and where
    // the service is reached (the feed's links).
    let fingerprint = {
        let engine = engine.clone();
        state
            .run_blocking("feed", move || engine.generation())
            .await?
    };
    let mut sha1 = sha1_smol::Sha1::new();
    for part in [fingerprint.as_str(), raw.as_str(), site.base()] {
        sha1.update(part.as_bytes());
        sha1.update(&[0]);
    }
    sha1.update(today.to_string().as_bytes());
    let etag = format!("\"{}\"", &sha1.digest().to_string()[..20]);
    let mut modified = state.change_clock().since(&fingerprint);
    if request.open_on.is_some() {
        modified = modified.max(midnight(today));
    }
    let not_modified = if headers.contains_key(header::IF_NONE_MATCH) {
        etag_matches(&headers, &etag)
    } else {
        if_modified_since(&headers).is_some_and(|since| modified <= since)
    };
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let info = FeedInfo {
            title: feed_title(&request),
            query: raw.clone(),
            self_url: site.url(&format!("/api/search.atom{}", question(&raw))),
            page_url: site.url(&format!("/{}", question(&page_query(&raw, &request)))),
            undated: modified,
        };
        let xml = state
            .run_blocking("feed", move || {
                let found = engine.search(&request)?;
                write_feed(&site, &info, &found.hits)
            })
            .await??;
        let mut response = xml.into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(ATOM_CONTENT_TYPE),
        );
        response
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(ApiError::internal)?,
    );
    h.insert(
        header::LAST_MODIFIED,
        HeaderValue::from_str(&http_date(modified)).map_err(ApiError::internal)?,
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// `?query` or nothing.
fn question(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    }
}

/// The start of `day` on the server's clock, in UTC.
fn midnight(day: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let start = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    chrono::Local
        .from_local_datetime(&start)
        .earliest()
        .map_or_else(|| start.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert_eq!(http_date(t), "Fri, 15 Jan 2027 08:00:00 GMT");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(t)).unwrap(),
        );
        assert_eq!(if_modified_since(&headers), Some(t));
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("yesterday"),
        );
        assert_eq!(if_modified_since(&headers), None);
    }

    #[test]
    fn the_page_link_keeps_the_search_but_not_the_paging() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let raw = "q=eau&open=true&grade=P3&page=2&per_page=5";
        let request = parse_search_params(Some(raw), today).unwrap();
        assert_eq!(page_query(raw, &request), "q=eau&grade=P3");
        let closed_too = parse_search_params(Some("q=eau"), today).unwrap();
        assert_eq!(page_query("q=eau", &closed_too), "q=eau&open=false");
        assert_eq!(feed_title(&request), "Vacancies: “eau”, grade P3, open");
    }
}
