//! The one error type of the HTTP layer and the JSON shape of every error response.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::error::ErrorCode;
use crate::Error;

/// An HTTP error: a status, a stable machine-readable code and a message for people.
///
/// Rendered as `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Response status.
    pub status: StatusCode,
    /// Stable code (`invalid_query`, `not_found`...).
    pub code: &'static str,
    /// Explanation shown to the user.
    pub message: String,
    /// Sent as `Retry-After` (seconds) when set.
    pub retry_after: Option<u32>,
}

/// The body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code.
    pub code: String,
    /// Explanation for people.
    pub message: String,
}

/// The error responses of every route that runs a search, declared once for the OpenAPI
/// document (`responses(..., SearchErrors)`).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes responses; never built: `ApiError` is what is sent.
pub enum SearchErrors {
    /// Invalid query or parameter
    #[response(status = 400)]
    Invalid(ErrorBody),
    /// Index not ready, overloaded or timed out
    #[response(status = 503)]
    Unavailable(ErrorBody),
}

/// The error responses of every route that looks a posting up by its id, declared once for
/// the OpenAPI document (`responses(..., PostingErrors)`).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes responses; never built: `ApiError` is what is sent.
pub enum PostingErrors {
    /// No posting has this id
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// Index not ready
    #[response(status = 503)]
    NotReady(ErrorBody),
}

impl ApiError {
    /// An error with `status`, `code` and `message`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 404 `not_found` for a posting id no posting has (the id quoted, cut to
    /// [`crate::error::ECHO_CHARS`]).
    pub fn no_posting(id: &str) -> Self {
        let shown = crate::error::echo(id);
        Self::not_found(format!("no posting with id `{shown}`"))
    }

    /// 503 `not_ready`: the index is not open yet.
    #[must_use]
    pub fn not_ready() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_ready",
            "the index is not open yet; try again shortly",
        )
        .retry_after(1)
    }

    /// 503 `not_ready` while the skill taggers a search would wait for are being built.
    pub fn warming_up() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_ready",
            "the skill taggers are being built; try again shortly",
        )
        .retry_after(1)
    }

    /// 500 `internal`; the detail is logged, never sent.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal server error",
        )
    }

    /// Adds a `Retry-After` of `seconds`.
    #[must_use]
    pub fn retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The error a bare status stands for, with a generic message (used to give JSON bodies
    /// to responses produced by layers outside the handlers).
    #[must_use]
    pub fn from_status(status: StatusCode) -> Self {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => ("not_found", "no such resource"),
            StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "method not allowed"),
            StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "request body too large"),
            StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => {
                ("timeout", "the request took too long")
            }
            StatusCode::SERVICE_UNAVAILABLE => ("unavailable", "service unavailable"),
            StatusCode::TOO_MANY_REQUESTS => ("overloaded", "too many requests"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ("unsupported_media_type", "unsupported media type")
            }
            s if s.is_server_error() => ("internal", "internal server error"),
            _ => ("bad_request", "the request could not be understood"),
        };
        Self::new(status, code, message)
    }
}

impl From<Error> for ApiError {
    /// The status and code are the library's ([`Error::code`]); only the message of an error
    /// the caller can correct is sent, the rest is logged.
    fn from(error: Error) -> Self {
        let code = error.code();
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match code {
            ErrorCode::InvalidQuery | ErrorCode::InvalidParameter => {
                Self::new(status, code.as_str(), error.public_message())
            }
            ErrorCode::IndexMissing => {
                tracing::error!(error = %error, "no index");
                Self::new(status, code.as_str(), error.public_message()).retry_after(5)
            }
            ErrorCode::Internal => Self::internal(error),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_map_to_statuses_and_codes() {
        let e = ApiError::from(Error::InvalidQuery("bad".into()));
        assert_eq!(
            (e.status, e.code),
            (StatusCode::BAD_REQUEST, "invalid_query")
        );
        let e = ApiError::from(Error::param("page", "too deep"));
        assert_eq!(
            (e.status, e.code),
            (StatusCode::BAD_REQUEST, "invalid_parameter")
        );
        assert!(e.message.contains("page"));
        let e = ApiError::from(Error::IndexMissing("/secret/dir".into()));
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(!e.message.contains("/secret"));
        let e = ApiError::from(Error::InvalidIndex("/secret/dir is broken".into()));
        assert_eq!(
            (e.status, e.code),
            (StatusCode::INTERNAL_SERVER_ERROR, "internal")
        );
        assert!(!e.message.contains("secret"));
    }

    #[test]
    fn bare_statuses_get_codes() {
        assert_eq!(
            ApiError::from_status(StatusCode::NOT_FOUND).code,
            "not_found"
        );
        assert_eq!(
            ApiError::from_status(StatusCode::METHOD_NOT_ALLOWED).code,
            "method_not_allowed"
        );
        assert_eq!(
            ApiError::from_status(StatusCode::PAYLOAD_TOO_LARGE).code,
            "payload_too_large"
        );
        assert_eq!(
            ApiError::from_status(StatusCode::BAD_GATEWAY).code,
            "internal"
        );
    }
}
