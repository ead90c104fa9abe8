//! HTTP metrics: every request counted by method, route template and status, and timed.
//!
//! The route is the template of the route that matched, never the raw path, so that ids
//! do not multiply the series. poem leaves the innermost matched pattern on the response
//! (or on the error when a handler failed); poem-openapi registers its operations under
//! patterns with numbered parameters (`/channels/:param0/messages`), so [`RouteNames`]
//! maps those back to the operation paths of the OpenAPI document
//! (`/api/v1/channels/{channel_id}/messages`). A request that matched nothing is
//! labelled `unmatched`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use poem::http::{Method, StatusCode};
use poem::{Endpoint, IntoResponse, Middleware, PathPattern, Request, Response};
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

/// The route label of requests no route matched.
pub const UNMATCHED: &str = "unmatched";

/// Latency buckets in seconds, from a cached read to a slow write.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The HTTP request metrics of one server.
#[derive(Clone)]
pub struct HttpMetrics {
    requests: IntCounterVec,
    latency: HistogramVec,
}

impl HttpMetrics {
    /// Creates the metrics and registers them with `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let requests = IntCounterVec::new(
            Opts::new(
                "concord_http_requests_total",
                "HTTP requests answered, by method, route template and status.",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "concord_http_request_duration_seconds",
                "Time from receiving an HTTP request to having its response, by method and \
                 route template.",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["method", "route"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        Ok(Self { requests, latency })
    }

    /// The middleware that measures every request, naming API routes with `routes`.
    pub fn measure(&self, routes: RouteNames) -> MeasureRequests {
        MeasureRequests {
            metrics: self.clone(),
            routes: Arc::new(routes),
        }
    }

    fn observe(&self, method: &Method, route: &str, status: StatusCode, started: Instant) {
        let method = method_label(method);
        self.requests
            .with_label_values(&[method, route, status.as_str()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(started.elapsed().as_secs_f64());
    }
}

/// Route templates of the OpenAPI operations, by the pattern poem matches them with.
#[derive(Debug, Default)]
pub struct RouteNames {
    by_pattern: HashMap<String, String>,
}

impl RouteNames {
    /// The operation paths of the OpenAPI document `spec` (JSON), served under `prefix`.
    pub fn from_openapi(prefix: &str, spec: &str) -> Self {
        let spec: serde_json::Value = serde_json::from_str(spec).unwrap_or_default();
        let paths = spec["paths"]
            .as_object()
            .into_iter()
            .flat_map(|paths| paths.keys());
        let by_pattern = paths
            .map(|path| {
                (
                    format!("{prefix}{}", numbered(path)),
                    format!("{prefix}{path}"),
                )
            })
            .collect();
        Self { by_pattern }
    }

    /// The template of a matched `pattern`.
    fn name(&self, pattern: &str) -> String {
        match self.by_pattern.get(pattern) {
            Some(name) => name.clone(),
            None => template(pattern),
        }
    }
}

/// Measures every request of the endpoint it wraps.
pub struct MeasureRequests {
    metrics: HttpMetrics,
    routes: Arc<RouteNames>,
}

impl<E: Endpoint> Middleware<E> for MeasureRequests {
    type Output = Measured<E>;

    fn transform(&self, inner: E) -> Self::Output {
        Measured {
            inner,
            metrics: self.metrics.clone(),
            routes: self.routes.clone(),
        }
    }
}

/// An endpoint whose requests are counted and timed.
pub struct Measured<E> {
    inner: E,
    metrics: HttpMetrics,
    routes: Arc<RouteNames>,
}

impl<E: Endpoint> Endpoint for Measured<E> {
    type Output = Response;

    async fn call(&self, request: Request) -> poem::Result<Response> {
        let started = Instant::now();
        let method = request.method().clone();
        let path = request.uri().path().to_owned();

        let result = self
            .inner
            .call(request)
            .await
            .map(IntoResponse::into_response);
        let (status, pattern) = match &result {
            Ok(response) => (response.status(), response.data::<PathPattern>()),
            Err(error) => (error.status(), error.data::<PathPattern>()),
        };
        let pattern = pattern.map(|pattern| &*pattern.0);
        let route = route_label(pattern, &path, status, &self.routes);
        self.metrics.observe(&method, &route, status, started);
        result
    }
}

/// The route template of a matched pattern, or [`UNMATCHED`]. A 404 whose pattern is only
/// a mount point that the path extends (`/api/v1` for `/api/v1/nope`) means nothing below
/// the mount matched.
fn route_label(
    pattern: Option<&str>,
    path: &str,
    status: StatusCode,
    routes: &RouteNames,
) -> String {
    let Some(pattern) = pattern else {
        return UNMATCHED.to_owned();
    };
    let has_params = pattern.contains([':', '*']);
    if status == StatusCode::NOT_FOUND && !has_params && pattern.trim_end_matches('/') != path {
        return UNMATCHED.to_owned();
    }
    routes.name(pattern)
}

/// An OpenAPI path as poem-openapi registers it: `{name}` becomes `:param0`, `:param1`...
fn numbered(path: &str) -> String {
    let mut count = 0;
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                count += 1;
                format!(":param{}", count - 1)
            } else {
                segment.to_owned()
            }
        })
        .collect();
    segments.join("/")
}

/// A poem pattern written as a template: `/files/:id` as `/files/{id}`.
fn template(pattern: &str) -> String {
    let segments: Vec<String> = pattern
        .split('/')
        .map(|segment| match segment.strip_prefix([':', '*']) {
            Some(name) if !name.is_empty() => format!("{{{name}}}"),
            _ => segment.to_owned(),
        })
        .collect();
    match segments.join("/") {
        empty if empty.is_empty() => "/".to_owned(),
        route => route,
    }
}

/// The method as a label, with anything unusual folded into `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_routes() -> RouteNames {
        let spec = r#"{"paths": {
            "/channels/{channel_id}/messages/{message_id}": {},
            "/users/@me": {}
        }}"#;
        RouteNames::from_openapi("/api/v1", spec)
    }

    #[test]
    fn api_routes_are_named_by_their_openapi_path() {
        let routes = api_routes();
        let route = route_label(
            Some("/api/v1/channels/:param0/messages/:param1"),
            "/api/v1/channels/01J/messages/01K",
            StatusCode::CREATED,
            &routes,
        );
        assert_eq!(route, "/api/v1/channels/{channel_id}/messages/{message_id}");
        let path = "/api/v1/users/@me";
        assert_eq!(route_label(Some(path), path, StatusCode::OK, &routes), path);
    }

    #[test]
    fn other_routes_are_their_pattern_with_braced_parameters() {
        let routes = RouteNames::default();
        let healthz = route_label(Some("/healthz"), "/healthz", StatusCode::OK, &routes);
        assert_eq!(healthz, "/healthz");
        let route = route_label(Some("/files/:id"), "/files/1", StatusCode::OK, &routes);
        assert_eq!(route, "/files/{id}");
    }

    #[test]
    fn handler_not_found_keeps_its_route() {
        let route = route_label(
            Some("/api/v1/channels/:param0/messages/:param1"),
            "/api/v1/channels/01J/messages/01K",
            StatusCode::NOT_FOUND,
            &api_routes(),
        );
        assert_eq!(route, "/api/v1/channels/{channel_id}/messages/{message_id}");
    }

    #[test]
    fn nothing_matched_below_a_mount_is_unmatched() {
        let routes = api_routes();
        let not_found = StatusCode::NOT_FOUND;
        assert_eq!(route_label(None, "/nope", not_found, &routes), UNMATCHED);
        let below_mount = route_label(Some("/api/v1"), "/api/v1/nope", not_found, &routes);
        assert_eq!(below_mount, UNMATCHED);
        assert_eq!(
            route_label(Some(""), "/api/nope", not_found, &routes),
            UNMATCHED
        );
    }
}
