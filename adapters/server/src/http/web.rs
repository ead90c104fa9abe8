//! The web client: the built single-page app served from the web folder at `/`.
//!
//! Files are served as they are; any other path outside the server's own routes gets
//! `index.html`, so the client's history-mode routes survive a reload. The API, the
//! gateway, the explorer and the probes never fall back to the page: an unknown path
//! under them stays a JSON 404. Every response from here carries a Content-Security-Policy
//! that allows only this origin (and its WebSocket twin for the gateway).

use std::path::{Path, PathBuf};

use poem::endpoint::StaticFilesEndpoint;
use poem::error::NotFoundError;
use poem::web::Html;
use poem::{Endpoint, IntoResponse, Request, Response};

/// Path prefixes that belong to the server, never to the client (operational paths
/// included, so a mistyped one is a 404 rather than the app).
const RESERVED: &[&str] = &[
    "/api", "/gateway", "/docs", "/healthz", "/readyz", "/metrics", "/debug",
];

/// What `/` says when the web folder holds no built client.
const BUILD_HINT: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Concord</title></head><body><h1>Concord is running</h1>\
<p>The web client has not been built. Run <code>npm ci &amp;&amp; npm run build</code> in \
<code>frontend/</code> (or start the server with <code>bash ops/run.sh</code>), or point \
<code>CONCORD_WEB_DIR</code> at a built client.</p>\
<p>The API is at <a href=\"/api/v1\">/api/v1</a>, its explorer at <a href=\"/docs\">/docs</a>.\
</p></body></html>\n";

/// Serves the built client with the history-mode fallback.
pub struct WebClient {
    files: StaticFilesEndpoint,
    index: PathBuf,
    csp: String,
}

impl WebClient {
    /// Serves the client in `dir` to browsers that reach the server at `public_url`.
    pub fn new(dir: &Path, public_url: &str) -> Self {
        let files = StaticFilesEndpoint::new(dir)
            .index_file("index.html")
            .fallback_to_index()
            .no_cache_index();
        Self {
            files,
            index: dir.join("index.html"),
            csp: content_security_policy(&super::origin_of(public_url)),
        }
    }
}

impl Endpoint for WebClient {
    type Output = Response;

    async fn call(&self, request: Request) -> poem::Result<Response> {
        let path = request.original_uri().path().to_owned();
        if is_reserved(&path) {
            return Err(NotFoundError.into());
        }

        // Checked per request, so a client built after start-up is served at once.
        let response = if self.index.is_file() {
            self.files.call(request).await?
        } else if path == "/" {
            Html(BUILD_HINT).into_response()
        } else {
            return Err(NotFoundError.into());
        };
        Ok(response
            .with_header("Content-Security-Policy", self.csp.as_str())
            .into_response())
    }
}

fn is_reserved(path: &str) -> bool {
    RESERVED.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Scripts, styles, fonts and fetches from this origin only; the gateway over `ws(s)://`
/// on the same host; images also from `blob:` (previews of files about to be uploaded)
/// and `data:`. Inline styles are allowed because the component library sets some.
fn content_security_policy(origin: &str) -> String {
    let socket_origin = origin
        .replacen("https://", "wss://", 1)
        .replacen("http://", "ws://", 1);
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' blob: data:; font-src 'self' data:; \
         connect-src 'self' {socket_origin}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::{content_security_policy, is_reserved};

    #[test]
    fn server_routes_are_reserved_but_look_alikes_are_not() {
        for path in [
            "/api",
            "/api/v2/x",
            "/gateway",
            "/docs/",
            "/healthz",
            "/readyz",
            "/debug/x",
        ] {
            assert!(is_reserved(path), "{path}");
        }
        for path in ["/", "/apiary", "/channels/@me", "/docsy", "/invite/abc"] {
            assert!(!is_reserved(path), "{path}");
        }
    }

    #[test]
    fn the_policy_allows_the_gateway_on_the_same_host() {
        let policy = content_security_policy("https://chat.example.org");
        assert!(policy.contains("connect-src 'self' wss://chat.example.org;"));
        let policy = content_security_policy("http://127.0.0.1:8080");
        assert!(policy.contains("connect-src 'self' ws://127.0.0.1:8080;"));
    }
}
