//! Problems: the one place where errors become HTTP responses.
//!
//! Every error a client sees is a JSON object `{code, message}` with the right status.
//! Use-case errors are mapped here; errors raised by the framework itself (malformed
//! JSON, unknown routes, missing credentials, oversized bodies) are rewritten into the
//! same shape by [`problem_for_framework_error`]; parameters that fail to parse become
//! `invalid_input` problems naming the parameter, like malformed ids.

use concord_app::AppError;
use poem::http::StatusCode;
use poem::{IntoResponse, Response};
use poem_openapi::error::ParseParamError;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

/// What went wrong, for clients: a stable machine-readable code and a sentence.
#[derive(Debug, Clone, Object)]
pub struct Problem {
    /// Stable identifier of the kind of problem, such as `unknown_guild`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// The request field at fault, for validation problems.
    #[oai(skip_serializing_if_is_none)]
    pub field: Option<String>,
}

impl Problem {
    fn new(code: impl Into<String>, message: impl Into<String>) -> Json<Self> {
        Json(Self {
            code: code.into(),
            message: message.into(),
            field: None,
        })
    }
}

/// Every error response an endpoint may give.
#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// The request is malformed or breaks a validation rule.
    #[oai(status = 400)]
    BadRequest(Json<Problem>),
    /// Missing, invalid or expired credentials.
    #[oai(status = 401)]
    Unauthorized(Json<Problem>),
    /// Authenticated, but not allowed to do this.
    #[oai(status = 403)]
    Forbidden(Json<Problem>),
    /// No such resource, or not visible to the caller.
    #[oai(status = 404)]
    NotFound(Json<Problem>),
    /// The request conflicts with the current state.
    #[oai(status = 409)]
    Conflict(Json<Problem>),
    /// The request body is too large.
    #[oai(status = 413)]
    PayloadTooLarge(Json<Problem>),
    /// The request body is missing or not JSON, or an upload's contents are not of a
    /// type its purpose allows.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<Problem>),
    /// The byte range asked of a file is not within it.
    #[oai(status = 416)]
    RangeNotSatisfiable(Json<Problem>),
    /// Well-formed, but cannot be carried out.
    #[oai(status = 422)]
    Unprocessable(Json<Problem>),
    /// Too many requests; retry after the given number of seconds.
    #[oai(status = 429)]
    TooManyRequests(Json<Problem>, #[oai(header = "Retry-After")] u32),
    /// An unexpected failure; details are in the server log.
    #[oai(status = 500)]
    Internal(Json<Problem>),
    /// A dependency is unavailable; retry later.
    #[oai(status = 503)]
    Unavailable(Json<Problem>),
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(rule) => ApiError::BadRequest(Json(Problem {
                code: "invalid_input".into(),
                message: rule.to_string(),
                field: Some(rule.field.into()),
            })),
            AppError::Unauthorized(why) => {
                ApiError::Unauthorized(Problem::new("unauthorized", why))
            }
            AppError::Forbidden(why) => ApiError::Forbidden(Problem::new("forbidden", why)),
            AppError::NotFound(what) => ApiError::NotFound(Problem::new(
                format!("unknown_{what}"),
                format!("unknown {what}"),
            )),
            AppError::Conflict { code, message } => ApiError::Conflict(Problem::new(code, message)),
            AppError::Unprocessable { code, message } => {
                ApiError::Unprocessable(Problem::new(code, message))
            }
            AppError::TooLarge { limit } => ApiError::PayloadTooLarge(Problem::new(
                "file_too_large",
                format!("the file is larger than the limit of {limit} bytes for its purpose"),
            )),
            AppError::UnsupportedType { code, message } => {
                ApiError::UnsupportedMediaType(Problem::new(code, message))
            }
            AppError::RangeNotSatisfiable => ApiError::RangeNotSatisfiable(Problem::new(
                "range_not_satisfiable",
                "the requested range is not within the file",
            )),
            AppError::RateLimited(retry_after) => {
                let message = format!("too many requests, retry in {retry_after}s");
                ApiError::TooManyRequests(Problem::new("rate_limited", message), retry_after)
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "dependency unavailable");
                let message = "a dependency is unavailable, retry shortly";
                ApiError::Unavailable(Problem::new("unavailable", message))
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                ApiError::Internal(Problem::new("internal", "an unexpected error occurred"))
            }
        }
    }
}

impl ApiError {
    /// A validation problem on `field` raised at the edge, such as a malformed id.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = format!("{field}: {}", message.into());
        ApiError::BadRequest(Json(Problem {
            code: "invalid_input".into(),
            message,
            field: Some(field.into()),
        }))
    }

    /// A 401 for requests without valid credentials.
    pub fn unauthorized(message: &str) -> Self {
        ApiError::Unauthorized(Problem::new("unauthorized", message))
    }

    /// A 403 with a reason.
    pub fn forbidden(message: &str) -> Self {
        ApiError::Forbidden(Problem::new("forbidden", message))
    }
}

/// The result type of every endpoint.
pub type ApiResult<T> = Result<T, ApiError>;

/// Rewrites an error raised by the framework into a problem response. Responses that
/// already carry a problem body pass through unchanged.
pub async fn problem_for_framework_error(error: poem::Error) -> Response {
    // A path or query parameter that fails to parse is a validation problem on that field,
    // like a malformed id.
    if let Some(param) = error.downcast_ref::<ParseParamError>() {
        return ApiError::invalid(param.name, param.reason.clone()).into_response();
    }

    let status = error.status();
    let message = error.to_string();
    let response = error.into_response();
    let is_json = response
        .content_type()
        .is_some_and(|content_type| content_type.starts_with("application/json"));
    if is_json {
        return response;
    }

    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        status if status.is_server_error() => "internal",
        _ => "error",
    };
    let message = if status.is_server_error() {
        tracing::error!(%status, %message, "request failed");
        "an unexpected error occurred".to_owned()
    } else if message.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        message
    };
    let body = Problem {
        code: code.into(),
        message,
        field: None,
    };
    Json(body).with_status(status).into_response()
}
