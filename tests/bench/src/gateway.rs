//! Gateway clients: connect, IDENTIFY, wait for READY, then heartbeat and time every
//! benchmark message that arrives.
//!
//! A benchmark message's content is `bench <window> <micros>`: the measured window it
//! belongs to and its send time on [`crate::clock`]. Receivers recognise it without
//! parsing the whole dispatch as JSON, so that the load generator, which shares the
//! machine with the server, spends as little CPU per delivery as it can.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::{Instant, MissedTickBehavior, interval_at, timeout};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

use crate::clock::now_micros;

/// No window is being measured: arrivals are not recorded.
pub const NO_WINDOW: u32 = u32::MAX;
/// How long a connection may take from TCP connect to READY.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What all clients share with the coordinator.
pub struct Shared {
    /// The window being measured, or [`NO_WINDOW`].
    pub window: AtomicU32,
    /// Messages of the current window received, over all clients.
    pub received: AtomicU64,
    /// Connections that ended before the benchmark stopped them.
    pub dropped: AtomicU64,
    /// Becomes true when the clients should close.
    pub stop: watch::Receiver<bool>,
}

/// The latencies one client measured in the current window, in microseconds.
#[derive(Default)]
pub struct Samples(Mutex<Vec<u32>>);

impl Samples {
    /// Takes the samples gathered so far, leaving none.
    pub fn take(&self) -> Vec<u32> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn push(&self, micros: u32) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(micros);
    }
}

/// An identified connection, READY received.
pub struct Connection {
    socket: Socket,
    heartbeat: Duration,
    seq: u64,
}

/// Connects to `url`, identifies with `token` and waits for READY.
pub async fn connect(url: &str, token: &str) -> Result<Connection, String> {
    timeout(CONNECT_TIMEOUT, handshake(url, token))
        .await
        .map_err(|_| format!("no READY within {CONNECT_TIMEOUT:?}"))?
}

async fn handshake(url: &str, token: &str) -> Result<Connection, String> {
    // Small buffers: thousands of these share the machine with the server.
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0);
    let (mut socket, _) = connect_async_with_config(url, Some(config), true)
        .await
        .map_err(|error| format!("connect {url}: {error}"))?;

    let hello = next_text(&mut socket).await?;
    let heartbeat = hello_interval(&hello).ok_or_else(|| format!("expected HELLO: {hello}"))?;
    let identify = format!(r#"{{"op":2,"d":{{"token":"{token}"}}}}"#);
    socket
        .send(Message::text(identify))
        .await
        .map_err(|error| format!("IDENTIFY: {error}"))?;
    loop {
        let text = next_text(&mut socket).await?;
        if text.contains(r#""t":"READY""#) {
            let seq = sequence(&text).unwrap_or(0);
            return Ok(Connection {
                socket,
                heartbeat,
                seq,
            });
        }
    }
}

/// The next text frame, skipping pings; an error when the connection ends.
async fn next_text(socket: &mut Socket) -> Result<String, String> {
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => return Ok(text.as_str().to_owned()),
            Some(Ok(Message::Close(frame))) => return Err(format!("closed: {frame:?}")),
            Some(Ok(_)) => continue,
            Some(Err(error)) => return Err(format!("read: {error}")),
            None => return Err("connection ended".to_owned()),
        }
    }
}

impl Connection {
    /// Reads until told to stop: heartbeats at the announced interval (the first one
    /// after `phase` of it, to spread them out) and records benchmark messages.
    pub async fn listen(mut self, shared: Arc<Shared>, samples: Arc<Samples>, phase: f64) {
        let first = Instant::now() + self.heartbeat.mul_f64(phase.clamp(0.05, 1.0));
        let mut heartbeat = interval_at(first, self.heartbeat);
        heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut stop = shared.stop.clone();
        loop {
            tokio::select! {
                _ = stopped(&mut stop) => break,
                _ = heartbeat.tick() => {
                    let beat = format!(r#"{{"op":1,"d":{}}}"#, self.seq);
                    if self.socket.send(Message::text(beat)).await.is_err() {
                        shared.dropped.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                }
                frame = self.socket.next() => match frame {
                    Some(Ok(Message::Text(text))) => self.on_text(text.as_str(), &shared, &samples),
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                        shared.dropped.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    Some(Ok(_)) => {}
                },
            }
        }
        let _ = timeout(Duration::from_secs(2), self.socket.close(None)).await;
    }

    fn on_text(&mut self, text: &str, shared: &Shared, samples: &Samples) {
        if let Some(seq) = sequence(text) {
            self.seq = seq;
        }
        let Some((window, sent)) = bench_stamp(text) else {
            return;
        };
        if window != shared.window.load(Ordering::Relaxed) {
            return;
        }
        let latency = now_micros().saturating_sub(sent);
        samples.push(u32::try_from(latency).unwrap_or(u32::MAX));
        shared.received.fetch_add(1, Ordering::Relaxed);
    }
}

/// Resolves once the benchmark tells the clients to stop.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

/// The heartbeat interval of a HELLO frame.
fn hello_interval(text: &str) -> Option<Duration> {
    if !text.contains(r#""op":10"#) {
        return None;
    }
    let millis = number_after(text, r#""heartbeat_interval":"#)?;
    Some(Duration::from_millis(millis.max(1000)))
}

/// The sequence number of a dispatch, which the server writes first: `{"op":0,"s":N,`.
fn sequence(text: &str) -> Option<u64> {
    let rest = text.strip_prefix(r#"{"op":0,"s":"#)?;
    leading_number(rest)
}

/// The window and send time of a MESSAGE_CREATE carrying a benchmark message.
fn bench_stamp(text: &str) -> Option<(u32, u64)> {
    if !text.contains(r#""t":"MESSAGE_CREATE""#) {
        return None;
    }
    let start = text.find(r#""content":"bench "#)? + r#""content":"bench "#.len();
    let rest = &text[start..];
    let window = leading_number(rest)?;
    let space = rest.find(' ')?;
    let sent = leading_number(&rest[space + 1..])?;
    Some((u32::try_from(window).ok()?, sent))
}

fn number_after(text: &str, key: &str) -> Option<u64> {
    let start = text.find(key)? + key.len();
    leading_number(text[start..].trim_start())
}

fn leading_number(text: &str) -> Option<u64> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benchmark_messages_are_recognised_without_json_parsing() {
        let frame = concat!(
            r#"{"op":0,"s":12,"t":"MESSAGE_CREATE","#,
            r#""d":{"id":"1","content":"bench 3 123456","x":1}}"#
        );
        assert_eq!(sequence(frame), Some(12));
        assert_eq!(bench_stamp(frame), Some((3, 123_456)));
        let other = r#"{"op":0,"s":13,"t":"PRESENCE_UPDATE","d":{"content":"bench 3 1"}}"#;
        assert_eq!(bench_stamp(other), None);
    }

    #[test]
    fn hello_gives_the_heartbeat_interval() {
        let hello = r#"{"op":10,"d":{"heartbeat_interval":41250}}"#;
        assert_eq!(hello_interval(hello), Some(Duration::from_millis(41_250)));
        assert_eq!(hello_interval(r#"{"op":11}"#), None);
    }
}
