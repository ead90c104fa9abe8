//! The realtime gateway at `GET /gateway`: WebSocket connections speaking JSON frames
//! `{op, d, s?, t?}`.
//!
//! Opcodes: 0 DISPATCH, 1 HEARTBEAT, 2 IDENTIFY, 3 PRESENCE_UPDATE, 6 RESUME,
//! 7 RECONNECT, 9 INVALID_SESSION, 10 HELLO, 11 HEARTBEAT_ACK. The server greets with
//! HELLO; the client answers IDENTIFY `{token}` (or RESUME `{token, session_id, seq}`)
//! within the identify timeout, then heartbeats at the announced interval. Sessions,
//! rooms and presence live in the core ([`concord_app::gateway`]); this module only
//! speaks the protocol over a socket, one task per connection.

mod frames;

use std::sync::Arc;
use std::time::Duration;

use concord_app::AppError;
use concord_app::gateway::{Gateway, ResumeError, Session, SessionState, Status};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use poem::web::Data;
use poem::web::websocket::{Message, WebSocket, WebSocketConfig, WebSocketStream};
use poem::{IntoResponse, handler};
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until};
use tracing::{debug, warn};

use crate::metrics::gateway::GatewayMetrics;
use frames::{ClientFrame, Close, FrameError, Op};

/// Largest frame or message a client may send, in bytes.
const MAX_CLIENT_MESSAGE: usize = 16 * 1024;
/// Frames a client may send per window before it is closed with 4008.
const CLIENT_FRAMES_PER_WINDOW: u32 = 120;
/// How long a resume may wait for another connection to let go of the session.
const TAKE_OVER: Duration = Duration::from_secs(5);
/// How long a closing connection waits for the client's close frame.
const CLOSE_HANDSHAKE: Duration = Duration::from_secs(1);
/// The frame-rate window.
const CLIENT_FRAME_WINDOW: Duration = Duration::from_secs(60);

/// Timing of the protocol.
#[derive(Debug, Clone, Copy)]
pub struct GatewayTiming {
    /// Heartbeat interval announced in HELLO.
    pub heartbeat: Duration,
    /// How long a client may take to IDENTIFY or RESUME.
    pub identify_timeout: Duration,
}

/// What the gateway endpoint needs: the core, the protocol timing, and the signal that
/// the server is shutting down.
#[derive(Clone)]
pub struct GatewayEdge {
    /// The gateway core.
    pub gateway: Gateway,
    /// The protocol timing.
    pub timing: GatewayTiming,
    /// Becomes true when the server starts shutting down.
    pub draining: watch::Receiver<bool>,
    /// What the connections report: frames written, clients dropped.
    pub metrics: GatewayMetrics,
}

type Sink = SplitSink<WebSocketStream, Message>;
type Source = SplitStream<WebSocketStream>;

/// Upgrades the request to a WebSocket served by the gateway.
#[handler]
pub fn endpoint(ws: WebSocket, edge: Data<&GatewayEdge>) -> impl IntoResponse {
    let edge = edge.0.clone();
    ws.config(socket_config())
        .on_upgrade(move |socket| async move {
            let _open = edge.metrics.connection_opened();
            let (sink, source) = socket.split();
            Connection::new(edge, sink, source).run().await;
        })
}

/// Resolves once the server starts shutting down.
async fn until_draining(draining: &mut watch::Receiver<bool>) {
    let _ = draining.wait_for(|draining| *draining).await;
}

/// Small buffers, so an idle connection costs little, and bounded messages.
fn socket_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_write_buffer_size(1024 * 1024)
        .max_message_size(Some(MAX_CLIENT_MESSAGE))
        .max_frame_size(Some(MAX_CLIENT_MESSAGE))
}

/// One client connection.
struct Connection {
    edge: GatewayEdge,
    sink: Sink,
    source: Source,
    deadline: Instant,
    frames_in_window: u32,
    window_start: Instant,
}

/// How the session phase of a connection ended.
enum Ending {
    /// The client went away or timed out; the session may be resumed.
    Resumable,
    /// The session is over.
    Final,
}

impl Connection {
    fn new(edge: GatewayEdge, sink: Sink, source: Source) -> Self {
        let now = Instant::now();
        let deadline = now + edge.timing.identify_timeout;
        Self {
            edge,
            sink,
            source,
            deadline,
            frames_in_window: 0,
            window_start: now,
        }
    }

    async fn run(mut self) {
        let hello = frames::hello(self.edge.timing.heartbeat.as_millis() as u64);
        if self.send(hello).await.is_err() {
            return;
        }
        let Some((session, state)) = self.authenticate().await else {
            return;
        };
        self.deadline = Instant::now() + self.heartbeat_grace();

        let (ending, state) = self.serve(&session, state).await;
        let resumable = matches!(ending, Ending::Resumable);
        self.edge
            .gateway
            .disconnect(&session, state, resumable)
            .await;
    }

    /// Waits for IDENTIFY or RESUME; answers heartbeats meanwhile.
    async fn authenticate(&mut self) -> Option<(Arc<Session>, SessionState)> {
        loop {
            let deadline = self.deadline;
            let frame = tokio::select! {
                frame = self.next_frame() => frame,
                _ = sleep_until(deadline) => {
                    self.close(Close::SessionTimedOut).await;
                    return None;
                }
            };
            let frame = match frame {
                Ok(Some(frame)) => frame,
                Ok(None) => return None,
                Err(close) => {
                    self.close(close).await;
                    return None;
                }
            };
            match frame.op {
                Op::Heartbeat => self.send(frames::heartbeat_ack()).await.ok()?,
                Op::Identify => return self.identify(frame).await,
                Op::Resume => match self.resume(frame).await {
                    Ok(session) => return Some(session),
                    Err(Some(close)) => {
                        self.close(close).await;
                        return None;
                    }
                    Err(None) => self.send(frames::invalid_session()).await.ok()?,
                },
                _ => {
                    self.close(Close::NotAuthenticated).await;
                    return None;
                }
            }
        }
    }

    async fn identify(&mut self, frame: ClientFrame) -> Option<(Arc<Session>, SessionState)> {
        let Some(token) = frame.token() else {
            self.close(Close::DecodeError).await;
            return None;
        };
        match self.edge.gateway.identify(&token).await {
            Ok((session, state, ready)) => {
                let ready = frames::dispatch_value("READY", state.seq, &ready);
                if self.send(ready).await.is_err() {
                    self.edge.gateway.disconnect(&session, state, true).await;
                    return None;
                }
                self.edge.metrics.dispatched(1);
                Some((session, state))
            }
            Err(AppError::Unauthorized(_)) => {
                self.close(Close::AuthenticationFailed).await;
                None
            }
            Err(AppError::RateLimited(_)) => {
                self.close(Close::RateLimited).await;
                None
            }
            Err(error) => {
                warn!(%error, "identify failed");
                self.close(Close::Unknown).await;
                None
            }
        }
    }

    /// Resumes a session; `Err(None)` asks the client to identify again.
    async fn resume(
        &mut self,
        frame: ClientFrame,
    ) -> Result<(Arc<Session>, SessionState), Option<Close>> {
        let Some((token, session_id, seq)) = frame.resume() else {
            return Err(Some(Close::DecodeError));
        };
        let resuming = self.edge.gateway.resume(&token, &session_id, seq);
        let resumed = match tokio::time::timeout(TAKE_OVER, resuming).await {
            Err(_) => return Err(None),
            Ok(Ok(resumed)) => resumed,
            Ok(Err(ResumeError::Unauthorized)) => return Err(Some(Close::AuthenticationFailed)),
            Ok(Err(ResumeError::InvalidSeq)) => return Err(Some(Close::InvalidSeq)),
            Ok(Err(ResumeError::Invalid)) => return Err(None),
            Ok(Err(ResumeError::App(error))) => {
                warn!(%error, "resume failed");
                return Err(Some(Close::Unknown));
            }
        };

        let (session, mut state) = (resumed.session, resumed.state);
        let mut replayed = resumed.missed.len() as u64;
        for (seq, payload) in resumed.missed {
            if self
                .sink
                .feed(Message::Text(frames::dispatch(&payload, seq)))
                .await
                .is_err()
            {
                self.edge.gateway.disconnect(&session, state, true).await;
                return Err(None);
            }
        }
        // Then what queued up while no connection served the session.
        let now = self.edge.gateway.now();
        let limits = self.edge.gateway.replay_limits();
        while let Ok(delivery) = state.queue.try_recv() {
            if !self.edge.gateway.admit(&session, &mut state, &delivery) {
                continue;
            }
            let seq = state.record(delivery.payload.clone(), now, limits);
            replayed += 1;
            if self
                .sink
                .feed(Message::Text(frames::dispatch(&delivery.payload, seq)))
                .await
                .is_err()
            {
                self.edge.gateway.disconnect(&session, state, true).await;
                return Err(None);
            }
        }
        let seq = self.edge.gateway.resumed(&session, &mut state).await;
        let resumed_frame = frames::dispatch_value("RESUMED", seq, &serde_json::json!({}));
        if self.send(resumed_frame).await.is_err() {
            self.edge.gateway.disconnect(&session, state, true).await;
            return Err(None);
        }
        self.edge.metrics.dispatched(replayed + 1);
        Ok((session, state))
    }

    /// Serves an authenticated session until the connection or session ends.
    async fn serve(
        &mut self,
        session: &Arc<Session>,
        mut state: SessionState,
    ) -> (Ending, SessionState) {
        let gateway = self.edge.gateway.clone();
        let mut draining = self.edge.draining.clone();
        loop {
            let deadline = self.deadline;
            tokio::select! {
                biased;
                _ = until_draining(&mut draining) => {
                    // Clients move to another replica and resume there.
                    let _ = self.send(frames::reconnect()).await;
                    self.close(Close::GoingAway).await;
                    return (Ending::Resumable, state);
                }
                _ = session.superseded.notified() => {
                    self.close(Close::Unknown).await;
                    return (Ending::Resumable, state);
                }
                _ = session.kill.notified() => {
                    let close = if session.overflowed() { Close::TooSlow } else { Close::Unknown };
                    self.close(close).await;
                    return (Ending::Final, state);
                }
                _ = sleep_until(deadline) => {
                    self.close(Close::SessionTimedOut).await;
                    return (Ending::Resumable, state);
                }
                frame = self.next_frame() => match frame {
                    Ok(Some(frame)) => {
                        if let Err(close) = self.handle(session, &state, frame).await {
                            self.close(close).await;
                            return (Ending::Resumable, state);
                        }
                    }
                    Ok(None) => return (Ending::Resumable, state),
                    Err(close) => {
                        self.close(close).await;
                        return (Ending::Resumable, state);
                    }
                },
                delivery = state.queue.recv() => {
                    let Some(delivery) = delivery else { return (Ending::Final, state) };
                    if !gateway.admit(session, &mut state, &delivery) {
                        continue;
                    }
                    let limits = gateway.replay_limits();
                    let seq = state.record(delivery.payload.clone(), gateway.now(), limits);
                    let frame = frames::dispatch(&delivery.payload, seq);
                    // A client that stops reading blocks this write; its queue then
                    // overflows and the kill notice ends the wait.
                    let sent = tokio::select! {
                        sent = self.send(frame) => sent,
                        _ = session.kill.notified() => {
                            self.close(Close::TooSlow).await;
                            return (Ending::Final, state);
                        }
                    };
                    if sent.is_err() {
                        return (Ending::Resumable, state);
                    }
                    self.edge.metrics.delivered(&delivery.payload);
                    if Gateway::changes_access(&delivery, session.user_id)
                        && let Err(error) = gateway.refresh_rooms(session, &mut state).await
                    {
                        warn!(%error, "could not refresh a session's rooms");
                    }
                }
            }
        }
    }

    /// Handles a frame from an authenticated client.
    async fn handle(
        &mut self,
        session: &Session,
        state: &SessionState,
        frame: ClientFrame,
    ) -> Result<(), Close> {
        match frame.op {
            Op::Heartbeat => {
                self.deadline = Instant::now() + self.heartbeat_grace();
                self.edge.gateway.heartbeat(session, state).await;
                self.send(frames::heartbeat_ack())
                    .await
                    .map_err(|_| Close::Unknown)
            }
            Op::Identify | Op::Resume => Err(Close::AlreadyAuthenticated),
            Op::PresenceUpdate => {
                let status = frame.status().ok_or(Close::DecodeError)?;
                if status != Status::Offline {
                    self.edge.gateway.set_status(session, status).await;
                }
                Ok(())
            }
            _ => Err(Close::UnknownOpcode),
        }
    }

    /// The next client frame: `Ok(None)` when the client closed, `Err` for a frame that
    /// breaks the protocol or the frame-rate limit.
    async fn next_frame(&mut self) -> Result<Option<ClientFrame>, Close> {
        loop {
            let message = match self.source.next().await {
                None => return Ok(None),
                Some(Ok(message)) => message,
                Some(Err(error)) => {
                    debug!(%error, "gateway read failed");
                    return Err(Close::DecodeError);
                }
            };
            let text = match message {
                Message::Text(text) => text,
                Message::Binary(_) => return Err(Close::DecodeError),
                Message::Close(_) => return Ok(None),
                Message::Ping(_) | Message::Pong(_) => continue,
            };
            self.count_frame()?;
            return ClientFrame::parse(&text)
                .map(Some)
                .map_err(|error| match error {
                    FrameError::UnknownOpcode => Close::UnknownOpcode,
                    FrameError::Malformed => Close::DecodeError,
                });
        }
    }

    fn count_frame(&mut self) -> Result<(), Close> {
        let now = Instant::now();
        if now.duration_since(self.window_start) > CLIENT_FRAME_WINDOW {
            self.window_start = now;
            self.frames_in_window = 0;
        }
        self.frames_in_window += 1;
        if self.frames_in_window > CLIENT_FRAMES_PER_WINDOW {
            return Err(Close::RateLimited);
        }
        Ok(())
    }

    fn heartbeat_grace(&self) -> Duration {
        self.edge.timing.heartbeat + self.edge.timing.heartbeat / 2
    }

    async fn send(&mut self, text: String) -> Result<(), ()> {
        self.sink.send(Message::Text(text)).await.map_err(|_| ())
    }

    /// Closes with a code, then waits briefly for the client's close frame so that the
    /// close code is not lost to a reset of a connection with unread data.
    async fn close(&mut self, close: Close) {
        let (code, reason) = close.code_and_reason();
        debug!(code, reason, "closing gateway connection");
        if close == Close::TooSlow {
            self.edge.metrics.slow_consumer();
        }
        let farewell = self
            .sink
            .send(Message::Close(Some((code.into(), reason.to_owned()))));
        // A client that reads nothing may never take the close frame either.
        let _ = tokio::time::timeout(CLOSE_HANDSHAKE, farewell).await;
        let drain = async {
            while let Some(Ok(message)) = self.source.next().await {
                if matches!(message, Message::Close(_)) {
                    break;
                }
            }
        };
        let _ = tokio::time::timeout(CLOSE_HANDSHAKE, drain).await;
        let _ = self.sink.close().await;
    }
}
