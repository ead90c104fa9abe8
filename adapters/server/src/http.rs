//! The route table and the middleware every response passes through.
//!
//! - `/api/v1/...`: the REST API; `/api/openapi.json`: its OpenAPI document;
//!   `/docs`: an interactive explorer of it.
//! - `/files/{id}/{filename}`: uploaded files (see [`files`]).
//! - `/gateway`: the realtime WebSocket gateway.
//! - `/healthz`: the process is alive; `/readyz`: its dependencies answer. Both are also
//!   API operations (`/api/v1/healthz`, `/api/v1/readyz`) with the same answers.
//! - `/metrics`: Prometheus metrics; `/debug/pprof/profile`: CPU flamegraphs, when a
//!   profiling token is configured.
//! - everything else: the built web client (`web`), `index.html` for its own routes.
//!
//! Every request is counted and timed by its route template. Every error, whether raised
//! by a handler or by the framework, leaves as a JSON problem, and every response carries
//! the basic security headers. Only the configured public origin may read answers
//! cross-origin (see `cors`).

use std::sync::Arc;

use concord_app::Concord;
use poem::http::StatusCode;
use poem::middleware::{CookieJarManager, SetHeader, Tracing};
use poem::web::Data;
use poem::{Body, Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get, handler};

use crate::Config;
use crate::api::health;
use crate::api::problem::problem_for_framework_error;
use crate::api::{CookiePolicy, service};
use crate::client_address::TrustedProxyHops;
use crate::gateway::GatewayEdge;
use crate::metrics::Metrics;
use crate::metrics::http::RouteNames;
use crate::profiling::Profiling;

mod cors;
pub(crate) mod files;
mod web;

/// Builds the whole HTTP application.
pub fn routes(
    config: &Config,
    concord: Concord,
    gateway: GatewayEdge,
    metrics: Metrics,
) -> impl Endpoint + 'static {
    let cookies = CookiePolicy {
        secure: config.secure_cookies,
        origin: origin_of(&config.public_url),
    };
    let api = service(concord.clone(), cookies);
    let spec = api.spec_endpoint();
    let docs = api.swagger_ui();
    let max_body = BodyLimits {
        other: config.max_body as u64,
        upload: config
            .max_avatar_bytes
            .max(config.max_icon_bytes)
            .max(config.max_attachment_bytes)
            + UPLOAD_FORM_OVERHEAD,
    };
    let profiling = Profiling::new(config.pprof_token.clone());
    let origin: std::sync::Arc<str> = origin_of(&config.public_url).into();
    let measured = metrics
        .http()
        .measure(RouteNames::from_openapi("/api/v1", &api.spec()));

    Route::new()
        .nest("/api/v1", api)
        .at("/api/openapi.json", spec)
        .nest("/docs", docs)
        .at(
            "/files/:id",
            get(files::by_id).head(files::by_id).data(concord.clone()),
        )
        .at(
            "/files/:id/:filename",
            get(files::by_name)
                .head(files::by_name)
                .data(concord.clone()),
        )
        .at(
            "/gateway",
            get(crate::gateway::endpoint).data(Arc::new(gateway)),
        )
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz).data(concord))
        .at("/metrics", get(crate::metrics::endpoint).data(metrics))
        .at(
            "/debug/pprof/profile",
            get(crate::profiling::profile).data(profiling),
        )
        .nest(
            "/",
            web::WebClient::new(&config.web_dir, &config.public_url),
        )
        .data(TrustedProxyHops(config.trusted_proxy_hops))
        .with(CookieJarManager::new())
        .around(move |endpoint, request| limit_body(endpoint, request, max_body))
        .with(measured)
        .catch_all_error(problem_for_framework_error)
        .around(move |endpoint, request| cors::cors(endpoint, request, origin.clone()))
        .with(
            SetHeader::new()
                .overriding("X-Content-Type-Options", "nosniff")
                .overriding("Referrer-Policy", "no-referrer")
                .overriding("X-Frame-Options", "DENY"),
        )
        .with(Tracing)
}

/// The OpenAPI document as JSON text, for tools and drift checks.
pub fn openapi_json(config: &Config, concord: Concord) -> String {
    let cookies = CookiePolicy {
        secure: false,
        origin: origin_of(&config.public_url),
    };
    service(concord, cookies).spec()
}

/// Room in an upload's body for the form around the file: boundaries, headers, the
/// purpose field.
const UPLOAD_FORM_OVERHEAD: u64 = 64 * 1024;

/// The largest request bodies accepted.
#[derive(Debug, Clone, Copy)]
struct BodyLimits {
    /// Uploads (`POST /api/v1/files`), whose own limits depend on their purpose and are
    /// enforced by the upload as it streams.
    upload: u64,
    /// Every other request.
    other: u64,
}

/// Refuses bodies over their limit with 413: at once when `Content-Length` says so,
/// and, for requests other than uploads, by reading at most the limit when the body is
/// streamed without a length. Uploads are never read ahead: they stream into storage,
/// which counts their bytes.
async fn limit_body<E: Endpoint>(
    endpoint: std::sync::Arc<E>,
    mut request: Request,
    limits: BodyLimits,
) -> poem::Result<Response> {
    let too_large =
        || poem::Error::from_string("request body too large", StatusCode::PAYLOAD_TOO_LARGE);
    let is_upload =
        request.method() == poem::http::Method::POST && request.uri().path() == "/api/v1/files";
    let max = if is_upload {
        limits.upload
    } else {
        limits.other
    };
    let declared = request
        .headers()
        .get(poem::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    match declared {
        Some(length) if length > max => return Err(too_large()),
        Some(_) => {}
        None if !is_upload
            && request
                .headers()
                .contains_key(poem::http::header::TRANSFER_ENCODING) =>
        {
            let bytes = request
                .take_body()
                .into_bytes_limit(usize::try_from(max).unwrap_or(usize::MAX))
                .await
                .map_err(|_| too_large())?;
            request.set_body(Body::from(bytes));
        }
        None => {}
    }
    endpoint
        .call(request)
        .await
        .map(IntoResponse::into_response)
}

/// `/healthz` at the root, for probes that do not know the API's prefix.
#[handler]
fn healthz() -> impl IntoResponse {
    health::liveness()
}

/// `/readyz` at the root, for probes that do not know the API's prefix.
#[handler]
async fn readyz(concord: Data<&Concord>) -> impl IntoResponse {
    health::readiness(&concord).await
}

/// The `scheme://host[:port]` part of a URL, as browsers send it in `Origin`.
fn origin_of(url: &str) -> String {
    let url = url.trim_end_matches('/');
    match url.find("://") {
        Some(scheme_end) => {
            let rest = &url[scheme_end + 3..];
            let host_end = rest.find('/').map_or(url.len(), |i| scheme_end + 3 + i);
            url[..host_end].to_owned()
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_drop_paths_and_trailing_slashes() {
        assert_eq!(
            origin_of("https://chat.example.org/app/"),
            "https://chat.example.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(origin_of("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
    }
}
