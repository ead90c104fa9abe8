//! Everything around the API: probes, the OpenAPI document and its explorer, security
//! headers, unknown routes and oversized bodies.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{assert_problem, read_json, spawn_app, spawn_app_with};

/// Every operation of the API, as `(method, path)` in the OpenAPI document.
const OPERATIONS: &[(&str, &str)] = &[
    ("post", "/auth/register"),
    ("post", "/auth/login"),
    ("post", "/auth/refresh"),
    ("post", "/auth/logout"),
    ("get", "/users/@me"),
    ("patch", "/users/@me"),
    ("get", "/users/@me/guilds"),
    ("get", "/users/@me/channels"),
    ("post", "/users/@me/channels"),
    ("get", "/users/@me/read_states"),
    ("get", "/users/{user_id}"),
    ("post", "/guilds"),
    ("get", "/guilds/{guild_id}"),
    ("patch", "/guilds/{guild_id}"),
    ("delete", "/guilds/{guild_id}"),
    ("get", "/guilds/{guild_id}/members"),
    ("patch", "/guilds/{guild_id}/members/{user_id}"),
    ("delete", "/guilds/{guild_id}/members/{user_id}"),
    ("get", "/guilds/{guild_id}/bans"),
    ("put", "/guilds/{guild_id}/bans/{user_id}"),
    ("delete", "/guilds/{guild_id}/bans/{user_id}"),
    ("get", "/guilds/{guild_id}/roles"),
    ("post", "/guilds/{guild_id}/roles"),
    ("patch", "/guilds/{guild_id}/roles/{role_id}"),
    ("delete", "/guilds/{guild_id}/roles/{role_id}"),
    ("post", "/guilds/{guild_id}/invites"),
    ("get", "/invites/{code}"),
    ("post", "/invites/{code}"),
    ("get", "/guilds/{guild_id}/channels"),
    ("post", "/guilds/{guild_id}/channels"),
    ("get", "/channels/{channel_id}"),
    ("patch", "/channels/{channel_id}"),
    ("delete", "/channels/{channel_id}"),
    ("get", "/channels/{channel_id}/messages"),
    ("post", "/channels/{channel_id}/messages"),
    ("patch", "/channels/{channel_id}/messages/{message_id}"),
    ("delete", "/channels/{channel_id}/messages/{message_id}"),
    (
        "put",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
    ),
    (
        "delete",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
    ),
    ("post", "/channels/{channel_id}/typing"),
    ("post", "/channels/{channel_id}/ack"),
    ("post", "/files"),
    ("get", "/healthz"),
    ("get", "/readyz"),
];

async fn get_raw(app: &crate::support::TestApp, path: &str) -> reqwest::Response {
    let url = format!("{}{path}", app.base);
    app.anon.get(url).send().await.expect("the server answers")
}

#[tokio::test]
async fn the_probes_report_a_live_and_ready_server_at_the_root_and_in_the_api() {
    let app = spawn_app().await;

    for prefix in ["", "/api/v1"] {
        let (status, live) = read_json(get_raw(&app, &format!("{prefix}/healthz")).await).await;
        assert_eq!((status, live), (StatusCode::OK, json!({ "status": "ok" })));
        let (status, ready) = read_json(get_raw(&app, &format!("{prefix}/readyz")).await).await;
        assert_eq!(status, StatusCode::OK, "{prefix}: {ready}");
        let expected = json!({ "status": "ready", "store": true, "files": true, "pubsub": true });
        assert_eq!(ready, expected, "{prefix}");
    }
}

#[tokio::test]
async fn the_document_describes_the_probes_answers() {
    let app = spawn_app().await;

    let (_, spec) = read_json(get_raw(&app, "/api/openapi.json").await).await;

    let fields_of = |path: &str, status: &str| {
        let operation = &spec["paths"][path]["get"];
        assert_eq!(operation["security"], Value::Null, "no token: {operation}");
        let content = operation["responses"][status]["content"].as_object();
        let json = content.and_then(|types| types.iter().find(|(t, _)| t.contains("json")));
        let schema = &json
            .unwrap_or_else(|| panic!("{path} {status}: {operation}"))
            .1;
        let name = schema["schema"]["$ref"].as_str().unwrap_or_default();
        let name = name.rsplit('/').next().unwrap_or_default();
        spec["components"]["schemas"][name]["properties"].clone()
    };
    assert!(fields_of("/healthz", "200")["status"].is_object());
    for status in ["200", "503"] {
        let fields = fields_of("/readyz", status);
        for field in ["status", "store", "files", "pubsub"] {
            assert!(
                fields[field].is_object(),
                "{status} lacks {field}: {fields}"
            );
        }
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_operation() {
    let app = spawn_app().await;

    let (status, spec) = read_json(get_raw(&app, "/api/openapi.json").await).await;

    assert_eq!(status, StatusCode::OK);
    assert!(
        spec["openapi"].as_str().is_some_and(|v| v.starts_with('3')),
        "{}",
        spec["openapi"]
    );
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
    let paths = spec["paths"].as_object().expect("a paths object");
    let has = |method: &str, path: &str| {
        let trimmed = path.trim_end_matches('/');
        [path.to_owned(), format!("{trimmed}/")]
            .iter()
            .any(|p| paths.get(p).and_then(|ops| ops.get(method)).is_some())
    };
    for (method, path) in OPERATIONS {
        assert!(
            has(method, path),
            "{method} {path} is missing from {:?}",
            paths.keys()
        );
    }
    for (method, path) in [
        ("get", "/users/@me/relationships"),
        ("post", "/users/@me/relationships"),
        ("put", "/users/@me/relationships/{user_id}"),
        ("delete", "/users/@me/relationships/{user_id}"),
    ] {
        assert!(
            has(method, path),
            "{method} {path} is missing from {:?}",
            paths.keys()
        );
    }
    let operations: usize = paths
        .values()
        .filter_map(Value::as_object)
        .map(|ops| ops.len())
        .sum();
    assert_eq!(
        operations,
        OPERATIONS.len() + 4,
        "no operation left untested"
    );
}

#[tokio::test]
async fn the_api_explorer_is_served_as_html() {
    let app = spawn_app().await;

    let response = get_raw(&app, "/docs").await;

    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let page = response.text().await.expect("a body");
    assert!(page.to_lowercase().contains("swagger"), "{page}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    for path in [
        "/healthz",
        "/api/v1/users/@me",
        "/api/v1/nope",
        "/api/openapi.json",
    ] {
        let response = get_raw(&app, path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_problems() {
    let app = spawn_app().await;

    assert_problem(
        &app.get_anon("/nope").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let outside = read_json(get_raw(&app, "/nope").await).await;
    assert_problem(&outside, StatusCode::NOT_FOUND, "not_found");
    let wrong_method = app.call(Method::PUT, "/auth/login", None, None).await;
    assert_problem(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn bodies_over_the_limit_get_a_413_problem() {
    let app = spawn_app_with(|config| config.max_body = 1024).await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/channels/{}/messages", guild.general);

    let big = ada
        .post(&path, json!({ "content": "x".repeat(2000) }))
        .await;
    assert_problem(&big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    let small = ada.post(&path, json!({ "content": "x".repeat(900) })).await;
    assert_eq!(small.0, StatusCode::CREATED, "{}", small.1);
}
