//! Cross-origin requests: only the origin of `CONCORD_PUBLIC_URL` may read answers, with
//! credentials.
//!
//! The web client is served from the same origin as the API, so browsers need no CORS
//! at all for it; this is for a client hosted elsewhere under the configured URL (a dev
//! server, a separate static host). Requests from the configured origin get
//! `Access-Control-Allow-Origin` naming it and `Access-Control-Allow-Credentials`, and
//! its preflights are answered. Requests from any other origin get no CORS headers, so
//! browsers keep their answers from the page, and their preflights are refused. Cookie
//! endpoints check `Origin` themselves as well, since a browser sends some cross-origin
//! requests without asking first.

use std::sync::Arc;

use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::api::problem::Problem;

/// The methods the API uses.
const METHODS: &str = "GET, POST, PUT, PATCH, DELETE";

/// The request headers the API reads.
const HEADERS: &str = "authorization, content-type, x-csrf-token";

/// How long browsers may cache a preflight's answer, in seconds.
const MAX_AGE: &str = "600";

/// Runs `endpoint` for `request` and applies the CORS rules for `allowed`, the one
/// origin that may read answers.
pub(crate) async fn cors<E: Endpoint>(
    endpoint: Arc<E>,
    request: Request,
    allowed: Arc<str>,
) -> poem::Result<Response> {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let allowed_origin = origin.filter(|origin| origin.as_bytes() == allowed.as_bytes());

    match (allowed_origin, is_preflight) {
        (Some(origin), true) => Ok(preflight(origin)),
        (None, true) => Ok(refused_preflight()),
        (Some(origin), false) => {
            let mut response = endpoint.call(request).await?.into_response();
            allow(&mut response, origin);
            Ok(response)
        }
        (None, false) => Ok(endpoint.call(request).await?.into_response()),
    }
}

/// The answer to a preflight from the allowed origin.
fn preflight(origin: HeaderValue) -> Response {
    let mut response = Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header(header::ACCESS_CONTROL_ALLOW_METHODS, METHODS)
        .header(header::ACCESS_CONTROL_ALLOW_HEADERS, HEADERS)
        .header(header::ACCESS_CONTROL_MAX_AGE, MAX_AGE)
        .finish();
    allow(&mut response, origin);
    response
}

/// A preflight from any other origin: 403, as a problem.
fn refused_preflight() -> Response {
    let problem = Problem {
        code: "forbidden_origin".into(),
        message: "this origin may not call the API from a browser".into(),
        field: None,
    };
    poem_openapi::payload::Json(problem)
        .with_status(StatusCode::FORBIDDEN)
        .into_response()
}

/// Lets `origin` read `response`, with credentials.
fn allow(response: &mut Response, origin: HeaderValue) {
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}
