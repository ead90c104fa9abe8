//! Hostile HTTP: bodies nested or encoded to break parsers, floods of headers, path
//! tricks on `/files`, browsers on other origins, and attempts to read others' emails.
//! Every answer must be a clear 4xx (a JSON problem where Concord itself answers), never
//! a 5xx, and the server must keep serving afterwards.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, read_json, spawn_app, spawn_app_with, text};

/// Asserts that the server still answers its probes.
async fn assert_still_serving(app: &TestApp) {
    let response = app.anon.get(format!("{}/healthz", app.base)).send().await;
    assert_eq!(response.expect("an answer").status(), StatusCode::OK);
}

/// Sends `body` as JSON to `path` with a token and returns status and body.
async fn post_raw(app: &TestApp, token: &str, path: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let response = app
        .anon
        .post(app.api(path))
        .bearer_auth(token)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .expect("an answer");
    read_json(response).await
}

#[tokio::test]
async fn hostile_json_gets_a_400_problem() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let deep = format!(
        "{{\"name\": {}1{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let invalid_utf8 = b"{\"name\": \"\xff\xfe\xfd\"}".to_vec();
    let lone_surrogate = br#"{"name": "\ud800"}"#.to_vec();
    let huge_number = format!(
        "{{\"name\": \"x\", \"permissions\": 1{}}}",
        "0".repeat(5_000)
    );
    for (what, body) in [
        ("JSON nested 50,000 deep", deep.into_bytes()),
        ("invalid UTF-8", invalid_utf8),
        ("a lone surrogate", lone_surrogate),
        ("a number with 5,000 digits", huge_number.into_bytes()),
        ("a truncated document", br#"{"name": "#.to_vec()),
    ] {
        let (status, body) = post_raw(&app, &ada.token, "/guilds", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {body}");
        assert!(
            body["code"].is_string() && body["message"].is_string(),
            "{what}: {body}"
        );
    }
    assert_still_serving(&app).await;
}

#[tokio::test]
async fn floods_of_headers_are_refused_and_the_server_keeps_serving() {
    let app = spawn_app().await;

    let mut many = app.anon.get(app.api("/users/@me"));
    for n in 0..500 {
        many = many.header(format!("x-flood-{n}"), "x");
    }
    let huge = app
        .anon
        .get(app.api("/users/@me"))
        .header("x-huge", "x".repeat(1024 * 1024));
    for (what, request) in [("500 headers", many), ("a 1 MiB header", huge)] {
        // The server may answer 431 or close the connection; either way no 5xx.
        if let Ok(response) = request.send().await {
            let status = response.status();
            assert!(status.is_client_error(), "{what}: answered {status}");
        }
    }
    assert_still_serving(&app).await;
}

#[tokio::test]
async fn path_tricks_on_files_find_nothing() {
    let app = spawn_app().await;
    let long = "A".repeat(10_000);
    for path in [
        "/files/..%2F..%2Fetc%2Fpasswd",
        "/files/%2e%2e/%2e%2e/etc/passwd",
        "/files/../../etc/passwd",
        "/files/01ARZ3NDEKTSV4RRFFQ69G5FAV/..%2F..%2Fconcord.redb",
        "/files/01ARZ3NDEKTSV4RRFFQ69G5FAV/%00",
        "/files/%00",
        "/files/%FF%FE",
        "/files//etc/passwd",
        &format!("/files/{long}"),
    ] {
        let response = app.anon.get(format!("{}{path}", app.base)).send().await;
        let response = response.expect("an answer");
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(
            status.is_client_error(),
            "{path}: answered {status}: {body}"
        );
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    assert_still_serving(&app).await;
}

#[tokio::test]
async fn only_the_configured_origin_may_read_answers_cross_origin() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let allowed = "http://127.0.0.1";

    let preflight = |origin: &str| {
        app.anon
            .request(Method::OPTIONS, app.api("/users/@me"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .send()
    };
    let answer = preflight(allowed).await.expect("an answer");
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    let header = |response: &reqwest::Response, name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        header(&answer, "access-control-allow-origin").as_deref(),
        Some(allowed)
    );
    assert_eq!(
        header(&answer, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let methods = header(&answer, "access-control-allow-methods").unwrap_or_default();
    assert!(methods.contains("PATCH"), "{methods}");

    let refused = read_json(preflight("https://evil.example").await.expect("an answer")).await;
    assert_eq!(refused.0, StatusCode::FORBIDDEN);
    assert_eq!(refused.1["code"], "forbidden_origin");

    let read = |origin: &'static str| {
        app.anon
            .get(app.api("/users/@me"))
            .bearer_auth(&ada.token)
            .header("Origin", origin)
            .send()
    };
    let same = read(allowed).await.expect("an answer");
    assert_eq!(
        header(&same, "access-control-allow-origin").as_deref(),
        Some(allowed)
    );
    let foreign = read("https://evil.example").await.expect("an answer");
    assert_eq!(header(&foreign, "access-control-allow-origin"), None);
    assert_eq!(header(&foreign, "access-control-allow-credentials"), None);
}

#[tokio::test]
async fn no_one_sees_another_users_email() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    app.befriend(&ada, &bob).await;
    let (status, dm) = bob.open_dm(&ada).await;
    assert_eq!(status, StatusCode::OK);

    let seen_by_bob = [
        bob.get(&format!("/users/{}", ada.user_id)).await.1,
        bob.get(&format!("/guilds/{}/members", guild.id)).await.1,
        bob.get("/users/@me/relationships").await.1,
        bob.get("/users/@me/channels").await.1,
        bob.get(&format!("/channels/{}", text(&dm["id"]))).await.1,
        bob.send(&guild.general, "hello").await,
    ];
    for body in seen_by_bob {
        let serialized = body.to_string();
        assert!(
            !serialized.contains(&ada.email),
            "bob saw ada's email in {serialized}"
        );
    }
    let (_, own) = ada.get("/users/@me").await;
    assert_eq!(own["email"], json!(ada.email), "one's own email is shown");
}

#[tokio::test]
async fn a_request_that_stops_half_way_loses_its_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    // Heartbeats of 200 ms let the idle timeout go down to its 1 s setting.
    let app = spawn_app_with(|config| {
        config.idle_timeout = 1;
        config.heartbeat_interval = 200;
    })
    .await;
    let address = app.base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connects");
    socket
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\nX-Slow: ").as_bytes())
        .await
        .expect("sends half a request");

    let mut rest = Vec::new();
    let closed = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        socket.read_to_end(&mut rest),
    )
    .await;
    assert!(
        closed.is_ok(),
        "the half-sent request kept its connection open"
    );
    assert_still_serving(&app).await;
}
