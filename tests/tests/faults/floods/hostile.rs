//! The attackers of the flood test, each a few lines of raw sockets or gateway clients:
//! a connection flood, slowloris, slow readers with a flooder to fill their queues, and
//! oversized frames.
//!
//! An attacker that is told to stop goes quiet but never closes its sockets: only the
//! server's timeouts may end them. The connection flood and slowloris come from an
//! address of their own on loopback, [`ATTACKER`].

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Error as WsError;

use crate::client::{Ended, Gw};
use crate::fixture::try_call;
use crate::traffic::{Target, client};

/// Where the connection flood and slowloris come from: another loopback address, which
/// the per-address cap counts apart from the bystanders on 127.0.0.1.
pub const ATTACKER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
/// How often a slowloris socket sends its next byte; well inside the idle timeout.
const TRICKLE_EVERY: Duration = Duration::from_millis(500);
/// Flooders posting at once.
const FLOODERS: usize = 4;

/// A TCP connection to the server on `port` from [`ATTACKER`].
async fn connect(port: u16) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(ATTACKER, 0))?;
    socket
        .connect(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
}

/// What a connection flood got.
pub struct ConnectionFlood {
    /// Upgrades answered 101, held open and never identified.
    pub held: Vec<WebSocketStream<TcpStream>>,
    /// Upgrades answered 429.
    pub refused: usize,
    /// Attempts that ended otherwise (no connection, another status).
    pub failed: usize,
}

/// Makes `attempts` gateway upgrades to the server on `port` all at once.
pub async fn connection_flood(port: u16, attempts: usize) -> ConnectionFlood {
    let results = join_all((0..attempts).map(|_| upgrade(port))).await;
    let mut flood = ConnectionFlood {
        held: Vec::new(),
        refused: 0,
        failed: 0,
    };
    for result in results {
        match result {
            Ok(ws) => flood.held.push(ws),
            Err(Some(429)) => flood.refused += 1,
            Err(_) => flood.failed += 1,
        }
    }
    flood
}

/// One upgrade: the WebSocket, or the status it was refused with.
async fn upgrade(port: u16) -> Result<WebSocketStream<TcpStream>, Option<u16>> {
    let stream = connect(port).await.map_err(|_| None)?;
    let url = format!("ws://127.0.0.1:{port}/gateway");
    match tokio_tungstenite::client_async(url, stream).await {
        Ok((ws, _)) => Ok(ws),
        Err(WsError::Http(response)) => Err(Some(response.status().as_u16())),
        Err(_) => Err(None),
    }
}

/// Opens `count` connections to the server on `port` and sends each the start of a
/// request head, then one more byte of a header every [`TRICKLE_EVERY`], never finishing
/// it, until `stop`; returns the sockets, open, with how many the server had closed.
pub async fn slowloris(port: u16, count: usize, stop: Arc<AtomicBool>) -> (Vec<TcpStream>, usize) {
    let opened = join_all((0..count).map(|_| connect(port))).await;
    let mut sockets: Vec<TcpStream> = opened.into_iter().map(Result::unwrap).collect();
    let head = format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ");
    let mut closed = vec![false; sockets.len()];
    let mut next = head.as_bytes();
    while !stop.load(Ordering::Relaxed) {
        for (socket, closed) in sockets.iter_mut().zip(&mut closed) {
            if !*closed && socket.write_all(next).await.is_err() {
                *closed = true;
            }
        }
        next = b"z";
        tokio::time::sleep(TRICKLE_EVERY).await;
    }
    let closed = closed.iter().filter(|closed| **closed).count();
    (sockets, closed)
}

/// How many of `sockets` the server closes within `limit`, reading each to its end.
pub async fn closed_within(sockets: Vec<TcpStream>, limit: Duration) -> usize {
    let closing = sockets.into_iter().map(|mut socket| async move {
        let mut sink = Vec::new();
        let read = tokio::time::timeout(limit, socket.read_to_end(&mut sink)).await;
        read.is_ok()
    });
    join_all(closing).await.into_iter().filter(|c| *c).count()
}

/// Identified gateway clients that heartbeat but never read, until `stop`; each task
/// hands back its client, unread, when stopped.
pub async fn slow_readers(
    base: &str,
    tokens: &[String],
    heartbeat: Duration,
    stop: Arc<AtomicBool>,
) -> Vec<JoinHandle<Gw>> {
    let mut readers = Vec::new();
    for token in tokens {
        let (mut gw, _) = Gw::ready_at(base, token).await;
        let stop = stop.clone();
        readers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(heartbeat / 2).await;
                gw.send_text(json!({"op": 1, "d": gw.seq}).to_string())
                    .await;
            }
            gw
        }));
    }
    readers
}

/// Has `target`'s poster post messages of `length` characters to its channel from
/// [`FLOODERS`] loops at once, as fast as the server takes them, until `stop` or `limit`
/// messages; returns how many were acknowledged.
pub async fn flood_messages(
    target: Target,
    length: usize,
    limit: usize,
    stop: Arc<AtomicBool>,
) -> usize {
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(AtomicUsize::new(0));
    let loops = (0..FLOODERS).map(|_| {
        let (target, next, acked, stop) =
            (target.clone(), next.clone(), acked.clone(), stop.clone());
        async move {
            let client = client();
            let path = format!("/channels/{}/messages", target.channel);
            while !stop.load(Ordering::Relaxed) {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= limit {
                    return;
                }
                let prefix = format!("flood {n} ");
                let content = prefix.clone() + &"x".repeat(length - prefix.len());
                let body = Some(json!({ "content": content }));
                let user = Some(&target.user);
                let sent = try_call(&client, &target.base, user, Method::POST, &path, body);
                if let Ok((201, _)) = sent.await {
                    acked.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    });
    join_all(loops).await;
    acked.load(Ordering::Relaxed)
}

/// Identifies with `token` at `base`, sends one text frame of `size` bytes, past the
/// gateway's limit, and says how the connection then ended.
pub async fn oversized(base: String, token: String, size: usize) -> Ended {
    let (mut gw, _) = Gw::ready_at(&base, &token).await;
    let frame = format!(r#"{{"op":1,"d":"{}"}}"#, "x".repeat(size));
    gw.send_text(frame).await;
    gw.ended().await
}
