//! The search page and its scripts and style sheet, embedded in the binary.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::ApiError;

/// `Content-Security-Policy` of the page: its own scripts and styles only.
pub const PAGE_CSP: &str =
    "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/// One embedded file.
pub struct Asset {
    /// Path under `/assets/` (empty for the page itself).
    pub name: &'static str,
    /// `Content-Type` header value.
    pub content_type: &'static str,
    /// The file.
    pub body: &'static str,
    /// Strong entity tag: a hash of the body, quoted.
    pub etag: String,
}

/// The embedded file `body`, served as `name` with `content_type`.
pub(super) fn asset(name: &'static str, content_type: &'static str, body: &'static str) -> Asset {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    Asset {
        name,
        content_type,
        body,
        etag: format!("\"{:016x}\"", hasher.finish()),
    }
}

const JS: &str = "text/javascript; charset=utf-8";

static PAGE: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "",
        "text/html; charset=utf-8",
        include_str!("../../web/index.html"),
    )
});

static FILES: LazyLock<[Asset; 3]> = LazyLock::new(|| {
    [
        asset("app.js", JS, include_str!("../../web/app.js")),
        asset("i18n.js", JS, include_str!("../../web/i18n.js")),
        asset(
            "style.css",
            "text/css; charset=utf-8",
            include_str!("../../web/style.css"),
        ),
    ]
});

/// True when `If-None-Match` names `etag` (or is `*`); weak tags compare equal.
pub(super) fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// `asset` with its entity tag (304 when `If-None-Match` names it), `no-cache` and `nosniff`;
/// with `page`, the security headers of an HTML page too.
pub(super) fn respond(asset: &Asset, headers: &HeaderMap, page: bool) -> Response {
    let etag = HeaderValue::from_str(&asset.etag).expect("hex etag is a valid header");
    let mut response = if etag_matches(headers, &asset.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = asset.body.into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        response
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if page {
        page_security(h);
    }
    response
}

/// `body` as `content_type`, with `nosniff`.
pub(super) fn with_type(body: String, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The security headers of an HTML page: [`PAGE_CSP`] and a same-origin referrer policy.
pub(super) fn page_security(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

/// `GET /`: the search page.
#[utoipa::path(
    get,
    path = "/",
    tag = "page",
    responses(
        (status = 200, description = "The search page", content_type = "text/html", body = String),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match"),
    )
)]
pub async fn page(headers: HeaderMap) -> Response {
    respond(&PAGE, &headers, true)
}

/// `GET /assets/{file}`: a script or the style sheet.
#[utoipa::path(
    get,
    path = "/assets/{file}",
    tag = "page",
    params(("file" = String, Path, description = "app.js, i18n.js or style.css")),
    responses(
        (status = 200, description = "The file", body = String),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match"),
        (status = 404, description = "No such file", body = super::error::ErrorBody),
    )
)]
pub async fn file(Path(name): Path<String>, headers: HeaderMap) -> Response {
    match FILES.iter().find(|a| a.name == name) {
        Some(asset) => respond(asset, &headers, false),
        None => ApiError::not_found(format!("no asset named `{}`", crate::error::echo(&name)))
            .into_response(),
    }
}
