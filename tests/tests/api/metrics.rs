//! Operations endpoints: the Prometheus metrics at `/metrics` move with the traffic they
//! describe, and the CPU profiler at `/debug/pprof/profile` is off, locked or working.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::support::{TestApp, UNKNOWN_ID, spawn_app, spawn_app_with};

/// The profiling token of the tests that turn profiling on.
const TOKEN: &str = "profiling-token-for-tests";

/// The text exposition, after checking it is served as such.
async fn scrape(app: &TestApp) -> String {
    let response = app
        .anon
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .expect("/metrics answers");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[CONTENT_TYPE]
        .to_str()
        .expect("an ASCII content type")
        .to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    response.text().await.expect("the exposition is text")
}

/// The value of one series, written as in the exposition: `name{label="value",...}`.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|number| number.parse().expect("a sample value"))
}

/// A series name with its labels, as the exposition writes it.
fn series(name: &str, labels: &[(&str, &str)]) -> String {
    let labels: Vec<String> = labels
        .iter()
        .map(|(label, value)| format!("{label}=\"{value}\""))
        .collect();
    format!("{name}{{{}}}", labels.join(","))
}

/// `concord_http_requests_total` of one method, route and status.
fn requests(method: &str, route: &str, status: &str) -> String {
    let labels = [("method", method), ("route", route), ("status", status)];
    series("concord_http_requests_total", &labels)
}

/// The number of timed storage calls of one operation on the store under test.
fn store_calls(operation: &str) -> String {
    let adapter = if crate::support::embedded_store() {
        "embedded"
    } else {
        "mongodb"
    };
    let labels = [("adapter", adapter), ("operation", operation)];
    series("concord_store_operation_duration_seconds_count", &labels)
}

/// Like [`value`], for a series that must be there.
fn must(text: &str, series: &str) -> f64 {
    value(text, series).unwrap_or_else(|| panic!("no {series} in:\n{text}"))
}

#[tokio::test]
async fn requests_are_counted_by_route_template_method_and_status() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let guild = alice.create_guild("metrics").await;
    alice.send(&guild.general, "one").await;
    alice.send(&guild.general, "two").await;
    let (status, _) = alice.get(&format!("/channels/{UNKNOWN_ID}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.get_anon("/no/such/route").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let text = scrape(&app).await;
    let messages = "/api/v1/channels/{channel_id}/messages";
    assert_eq!(must(&text, &requests("POST", messages, "201")), 2.0);
    let channel = "/api/v1/channels/{channel_id}";
    assert_eq!(must(&text, &requests("GET", channel, "404")), 1.0);
    assert_eq!(must(&text, &requests("GET", "unmatched", "404")), 1.0);
    let timed = series(
        "concord_http_request_duration_seconds_count",
        &[("method", "POST"), ("route", messages)],
    );
    assert_eq!(must(&text, &timed), 2.0);
    assert!(
        !text.contains(&guild.general),
        "raw paths never become labels"
    );
}

#[tokio::test]
async fn storage_calls_are_timed_and_new_messages_counted() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let guild = alice.create_guild("metrics").await;
    let path = format!("/channels/{}/messages", guild.general);
    let body = json!({ "content": "once", "nonce": "n-1" });
    for _ in 0..2 {
        let (status, _) = alice.post(&path, body.clone()).await;
        assert!(status.is_success(), "{status}");
    }

    let text = scrape(&app).await;
    assert_eq!(
        must(&text, "concord_messages_created_total"),
        1.0,
        "a nonce retry is no new message"
    );
    assert_eq!(must(&text, &store_calls("create_message")), 2.0);
    assert_eq!(must(&text, &store_calls("create_user")), 1.0);
}

#[tokio::test]
async fn gateway_metrics_follow_connections_and_dispatches() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let guild = alice.create_guild("metrics").await;
    let before = scrape(&app).await;
    assert_eq!(must(&before, "concord_gateway_connections"), 0.0);
    assert_eq!(must(&before, "concord_gateway_dispatches_total"), 0.0);

    let mut socket = identify(&app, &alice.token).await;
    alice.send(&guild.general, "hello").await;
    next_dispatch(&mut socket, "MESSAGE_CREATE").await;

    let during = scrape(&app).await;
    assert_eq!(must(&during, "concord_gateway_connections"), 1.0);
    assert_eq!(must(&during, "concord_gateway_sessions"), 1.0);
    assert!(
        must(&during, "concord_gateway_rooms") >= 2.0,
        "the user's and the guild's rooms"
    );
    assert!(
        must(&during, "concord_gateway_dispatches_total") >= 2.0,
        "READY and the message"
    );
    assert_eq!(must(&during, "concord_gateway_fanout_seconds_count"), 1.0);
    assert_eq!(must(&during, "concord_gateway_slow_consumers_total"), 0.0);

    socket.close(None).await.unwrap();
    let mut connections = 1.0;
    for _ in 0..50 {
        connections = must(&scrape(&app).await, "concord_gateway_connections");
        if connections == 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(connections, 0.0, "a closed connection leaves the gauge");
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a gateway connection, identifies with `token` and waits for READY.
async fn identify(app: &TestApp, token: &str) -> Socket {
    let url = format!("{}/gateway", app.base.replacen("http", "ws", 1));
    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("an upgrade");
    let identify = json!({ "op": 2, "d": { "token": token } });
    socket
        .send(Message::text(identify.to_string()))
        .await
        .expect("IDENTIFY is sent");
    next_dispatch(&mut socket, "READY").await;
    socket
}

/// Reads frames until a dispatch named `name` arrives, within five seconds.
async fn next_dispatch(socket: &mut Socket, name: &str) -> Value {
    let wait = async {
        while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else {
                continue;
            };
            let frame: Value = serde_json::from_str(&text).expect("frames are JSON");
            if frame["op"] == 0 && frame["t"] == name {
                return frame;
            }
        }
        panic!("the connection ended before {name}");
    };
    tokio::time::timeout(Duration::from_secs(5), wait)
        .await
        .unwrap_or_else(|_| panic!("no {name} within 5 s"))
}

/// A GET of the profiling endpoint with an optional bearer token.
async fn profile(app: &TestApp, query: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = app
        .anon
        .get(format!("{}/debug/pprof/profile{query}", app.base));
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    request
        .send()
        .await
        .expect("the profiling endpoint answers")
}

#[tokio::test]
async fn profiling_is_not_there_without_a_token() {
    let app = spawn_app().await;
    let response = profile(&app, "?seconds=1", Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn profiling_needs_the_right_token_and_a_sane_length() {
    let app = spawn_app_with(|config| config.pprof_token = Some(TOKEN.to_owned())).await;
    let status = |response: reqwest::Response| response.status();
    assert_eq!(
        status(profile(&app, "?seconds=1", None).await),
        StatusCode::UNAUTHORIZED
    );
    let wrong = profile(&app, "?seconds=1", Some("not-the-token")).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    for bad in ["?seconds=0", "?seconds=61", "?seconds=soon"] {
        let response = profile(&app, bad, Some(TOKEN)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn a_profile_is_a_flamegraph_of_the_process() {
    let app = spawn_app_with(|config| config.pprof_token = Some(TOKEN.to_owned())).await;
    // Something to sample: the profiler counts CPU time, and an idle process has none.
    let busy = std::thread::spawn(|| {
        let until = std::time::Instant::now() + Duration::from_millis(1500);
        let mut spins = 0u64;
        while std::time::Instant::now() < until {
            spins = std::hint::black_box(spins.wrapping_add(1));
        }
    });

    let response = profile(&app, "?seconds=1", Some(TOKEN)).await;
    busy.join().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "image/svg+xml");
    let svg = response.text().await.unwrap();
    assert!(svg.contains("<svg"), "{}", &svg[..svg.len().min(200)]);
    assert!(svg.len() > 1000, "a flamegraph with samples: {svg}");
}
