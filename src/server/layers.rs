//! The middleware stack: limits, panics, body size, JSON errors, metrics, tracing.

use std::any::Any;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use tower::timeout::TimeoutLayer;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use super::admission::{admit, Admission};
use super::{metrics, ApiError, AppState, Settings};

/// Timeout and admission (a bounded number in flight, a bounded queue with a deadline; see
/// [`super::admission`]) shared by all of `routes`. The timeout counts from admission.
pub(super) fn limited(routes: Router<AppState>, settings: &Settings) -> Router<AppState> {
    routes
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(
                    Admission::new(settings),
                    admit,
                ))
                .layer(HandleErrorLayer::new(limit_error))
                .layer(TimeoutLayer::new(settings.request_timeout)),
        )
}

/// Fallbacks and the layers every route gets.
pub(super) fn common(routes: Router<AppState>, state: AppState) -> Router {
    let max_body = state.settings().max_body_bytes;
    routes
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such resource")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this resource does not accept that method",
    )
}

/// Turns the errors of the timeout layer into responses.
async fn limit_error(error: BoxError) -> ApiError {
    if error.is::<tower::timeout::error::Elapsed>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took too long",
        )
    } else {
        ApiError::internal(error)
    }
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    ApiError::internal(format!("handler panicked: {detail}")).into_response()
}

/// Safety net: gives any error response without a JSON body the JSON error shape, keeping its
/// status and headers.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if status.as_u16() < 400 {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let replacement = ApiError::from_status(status).into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, replacement.into_body())
}
