//! A small gateway client for tests: connect, identify, read frames with time limits.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::support::TestApp;

/// How long a test waits for a frame it expects.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// Long enough for a stray event to arrive if it were going to.
pub const QUIET: Duration = Duration::from_millis(400);

/// One gateway connection.
pub struct Gw {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The sequence number of the last dispatch received.
    pub seq: u64,
    /// The HELLO frame's heartbeat interval.
    pub heartbeat_interval: u64,
}

/// How a connection ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The server sent a close frame with this code.
    Closed(u16),
    /// The stream ended without a close frame.
    Dropped,
}

impl Gw {
    /// Connects and reads HELLO.
    pub async fn connect(app: &TestApp) -> Gw {
        Gw::connect_to(&app.base).await
    }

    /// Connects to the server at `base` (`http://host:port`) and reads HELLO.
    pub async fn connect_to(base: &str) -> Gw {
        let url = format!("{}/gateway", base.replacen("http", "ws", 1));
        let (ws, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("the gateway accepts");
        let mut gw = Gw {
            ws,
            seq: 0,
            heartbeat_interval: 0,
        };
        let hello = gw.frame().await.expect("HELLO");
        assert_eq!(hello["op"], 10);
        gw.heartbeat_interval = hello["d"]["heartbeat_interval"].as_u64().unwrap();
        gw
    }

    /// Connects, identifies with `token` and returns READY's data.
    pub async fn ready(app: &TestApp, token: &str) -> (Gw, Value) {
        Gw::ready_at(&app.base, token).await
    }

    /// Connects to `base`, identifies with `token` and returns READY's data.
    pub async fn ready_at(base: &str, token: &str) -> (Gw, Value) {
        let mut gw = Gw::connect_to(base).await;
        gw.send(json!({"op": 2, "d": {"token": token}})).await;
        let ready = gw.dispatch("READY").await;
        (gw, ready)
    }

    /// Connects to `base` and asks to resume `session_id` after `seq`, as a client that
    /// has seen every dispatch up to `seq`.
    pub async fn resume_at(base: &str, token: &str, session_id: &str, seq: u64) -> Gw {
        let mut gw = Gw::connect_to(base).await;
        gw.seq = seq;
        let resume = json!({"token": token, "session_id": session_id, "seq": seq});
        gw.send(json!({"op": 6, "d": resume})).await;
        gw
    }

    /// Sends a JSON frame.
    pub async fn send(&mut self, frame: Value) {
        self.ws
            .send(Message::text(frame.to_string()))
            .await
            .expect("the frame is sent");
    }

    /// Sends raw text.
    pub async fn send_text(&mut self, text: String) {
        let _ = self.ws.send(Message::text(text)).await;
    }

    /// The next frame, or `None` if the connection ended or nothing came in time.
    pub async fn frame(&mut self) -> Option<Value> {
        self.frame_within(PATIENCE).await
    }

    /// The next frame within `wait`.
    pub async fn frame_within(&mut self, wait: Duration) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(wait, self.ws.next())
                .await
                .ok()??
                .ok()?;
            if let Message::Text(text) = message {
                let frame: Value = serde_json::from_str(&text).expect("frames are JSON");
                if let Some(seq) = frame["s"].as_u64() {
                    assert!(
                        seq > self.seq,
                        "sequence numbers increase: {seq} after {}",
                        self.seq
                    );
                    self.seq = seq;
                }
                return Some(frame);
            }
            if let Message::Close(_) = message {
                return None;
            }
        }
    }

    /// Waits for a dispatch named `name`, skipping others, and returns its data.
    pub async fn dispatch(&mut self, name: &str) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let frame = self.frame_within(left).await;
            let frame = frame.unwrap_or_else(|| panic!("no {name} dispatch arrived"));
            if frame["op"] == 0 && frame["t"] == name {
                return frame["d"].clone();
            }
        }
    }

    /// The status in the next PRESENCE_UPDATE about `user`, skipping others.
    pub async fn presence_of(&mut self, user: &str) -> String {
        loop {
            let update = self.dispatch("PRESENCE_UPDATE").await;
            if update["user_id"] == user {
                return update["status"].as_str().unwrap().to_owned();
            }
        }
    }

    /// Collects dispatches named `name` arriving within `wait`.
    pub async fn dispatches_within(&mut self, name: &str, wait: Duration) -> Vec<Value> {
        let events = self.events_within(wait).await;
        events
            .into_iter()
            .filter(|(t, _)| t == name)
            .map(|(_, d)| d)
            .collect()
    }

    /// Collects every dispatch arriving within `wait`, as its name and data.
    pub async fn events_within(&mut self, wait: Duration) -> Vec<(String, Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        let mut found = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return found;
            }
            match self.frame_within(left).await {
                Some(frame) if frame["op"] == 0 => {
                    let name = frame["t"].as_str().unwrap_or_default().to_owned();
                    found.push((name, frame["d"].clone()));
                }
                Some(_) => {}
                None => return found,
            }
        }
    }

    /// Reads until the server closes the connection and returns how it ended.
    pub async fn ended(&mut self) -> Ended {
        self.ended_within(PATIENCE).await
    }

    /// Reads, skipping whatever comes, until the server closes the connection within
    /// `wait`, and returns how it ended.
    pub async fn ended_within(&mut self, wait: Duration) -> Ended {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let next = tokio::time::timeout(left, self.ws.next()).await;
            match next.expect("the server closes the connection in time") {
                Some(Ok(Message::Close(Some(frame)))) => return Ended::Closed(frame.code.into()),
                Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return Ended::Dropped,
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Closes from the client side, as a browser tab would.
    pub async fn drop_connection(mut self) {
        let _ = self.ws.close(None).await;
    }

    /// Closes as [`Gw::drop_connection`] does; returns the last sequence number seen, the
    /// one to resume after.
    pub async fn leave(self) -> u64 {
        let seq = self.seq;
        self.drop_connection().await;
        seq
    }

    /// The close code a `CloseCode` stands for.
    pub fn code(code: CloseCode) -> u16 {
        code.into()
    }
}
