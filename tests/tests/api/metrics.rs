//! The Prometheus metrics at `/metrics` move with the traffic they describe.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::support::{TestApp, UNKNOWN_ID, spawn_app};

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

/// The number of timed storage calls of one operation on the embedded store.
fn store_calls(operation: &str) -> String {
    let labels = [("adapter", "embedded"), ("operation", operation)];
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
