//! The realtime gateway at `GET /gateway`: WebSocket connections speaking JSON frames
//! `{op, d, s?, t?}`.
//!
//! Opcodes: 0 DISPATCH, 1 HEARTBEAT, 2 IDENTIFY, 3 PRESENCE_UPDATE, 6 RESUME,
//! 7 RECONNECT, 9 INVALID_SESSION, 10 HELLO, 11 HEARTBEAT_ACK. The server greets with
//! HELLO; the client answers IDENTIFY `{token}` (or RESUME `{token, session_id, seq}`)
//! within the identify timeout, then heartbeats at the announced interval. Sessions,
//! rooms and presence live in the core ([`concord_app::gateway`]); this module only
//! speaks the protocol over a socket, one task per connection.
//!
//! - `upgrade`: the HTTP upgrade to a WebSocket.
//! - `handshake`: a connection's first steps: IDENTIFY with READY, or RESUME.
//! - `socket`: the WebSocket as a connection uses it: small buffers, batched writes,
//!   reads gated by `read_gate`.
//! - `frames`: opcodes, close codes and the JSON of each frame.

mod frames;
mod handshake;
mod per_address;
mod read_gate;
mod socket;
mod upgrade;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use concord_app::gateway::{Delivery, Gateway, Session, SessionState, Status};
use poem::web::Data;
use poem::{IntoResponse, Request, Response, Upgraded, handler};
use tokio::sync::Notify;
use tokio::sync::futures::Notified;
use tokio::time::{Instant, sleep_until};
use tokio_tungstenite::tungstenite::Message;
use tracing::{debug, warn};

use crate::client_address::{TrustedProxyHops, client_address};
use crate::metrics::gateway::GatewayMetrics;
use frames::{ClientFrame, Close, FrameError, Op};
pub use per_address::AddressLimit;
use socket::{Socket, SocketError};

/// Largest frame or message a client may send, in bytes.
const MAX_CLIENT_MESSAGE: usize = 16 * 1024;
/// Frames a client may send per window before it is closed with 4008.
const CLIENT_FRAMES_PER_WINDOW: u32 = 120;
/// How long a resume may wait for another connection to let go of the session.
const TAKE_OVER: Duration = Duration::from_secs(5);
/// How long a closing connection waits for the client's close frame.
const CLOSE_HANDSHAKE: Duration = Duration::from_secs(1);
/// How long a closing connection waits for a client that reads nothing to take its
/// close frame, behind whatever it had not read yet; then it lets go of the client.
const CLOSE_BACKLOG: Duration = Duration::from_secs(5);
/// The frame-rate window.
const CLIENT_FRAME_WINDOW: Duration = Duration::from_secs(60);
/// The most queued deliveries written before one flush; then the task looks at its
/// other duties (and lets others run) before it writes more.
const MAX_BATCH: usize = 64;

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
    /// Started when the server starts shutting down.
    pub draining: Arc<Draining>,
    /// What the connections report: frames written, clients dropped.
    pub metrics: GatewayMetrics,
    /// The cap on connections per client address.
    pub per_address: Arc<AddressLimit>,
}

/// Upgrades the request to a WebSocket served by the gateway.
#[handler]
pub fn endpoint(request: &Request, edge: Data<&Arc<GatewayEdge>>) -> poem::Result<Response> {
    let edge = Arc::clone(edge.0);
    let hops = request
        .data::<TrustedProxyHops>()
        .copied()
        .unwrap_or_default();
    let address = client_address(request, hops);
    let Some(slot) = edge.per_address.admit(&address.0) else {
        warn!(address = %address.0, "gateway connection refused: too many from one address");
        return Ok(too_many_connections());
    };
    upgrade::upgrade(request, MAX_CLIENT_MESSAGE, move |socket| {
        // Built here and borrowed by `run`: a future stores what it captures apart from
        // its own locals, so building the connection inside it would hold two copies.
        let mut connection = Connection::new(edge, socket);
        async move {
            let _slot = slot;
            let _open = connection.edge.metrics.connection_opened();
            connection.run().await;
        }
    })
}

/// The answer to an upgrade from an address that has too many connections open: 429.
fn too_many_connections() -> Response {
    let problem = crate::api::problem::Problem {
        code: "too_many_connections".into(),
        message: "too many gateway connections from this address".into(),
        field: None,
    };
    poem_openapi::payload::Json(problem)
        .with_status(poem::http::StatusCode::TOO_MANY_REQUESTS)
        .into_response()
}

/// The signal that the server is shutting down. Every connection waits on it for all
/// its life, so the wait is small: a flag and a [`Notify`] rather than a watch channel,
/// whose wait is twice the size.
#[derive(Debug, Default)]
pub struct Draining {
    started: AtomicBool,
    wake: Notify,
}

impl Draining {
    /// Tells every connection, those waiting and those yet to wait, to move on.
    pub fn start(&self) {
        self.started.store(true, Ordering::Release);
        self.wake.notify_waiters();
    }

    /// Resolves once the server starts shutting down.
    async fn started(&self) {
        // Waiting counts from here, so a start between the check and the first poll
        // still wakes this wait.
        let wake = self.wake.notified();
        if self.started.load(Ordering::Acquire) {
            return;
        }
        wake.await;
    }
}

/// One client connection.
struct Connection {
    /// Shared by every connection: it is a few hundred bytes.
    edge: Arc<GatewayEdge>,
    socket: Socket<Upgraded>,
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

/// Why deliveries stopped being written.
enum Stop {
    /// The connection failed; the session may be resumed.
    Failed,
    /// The session was ended while a write waited (it overflowed or was ended).
    Killed,
}

impl Connection {
    fn new(edge: Arc<GatewayEdge>, socket: Socket<Upgraded>) -> Self {
        let now = Instant::now();
        let deadline = now + edge.timing.identify_timeout;
        Self {
            edge,
            socket,
            deadline,
            frames_in_window: 0,
            window_start: now,
        }
    }

    async fn run(&mut self) {
        let hello = frames::hello(self.edge.timing.heartbeat.as_millis() as u64);
        if self.send(hello).await.is_err() {
            return;
        }
        // A future keeps room for its largest state all its life. The handshake (which
        // gathers READY) and the disconnection are boxed, so that the connection's task
        // holds only what serving needs.
        let Some((session, mut state)) = Box::pin(self.authenticate()).await else {
            return;
        };
        self.deadline = Instant::now() + self.heartbeat_grace();

        let ending = self.serve(&session, &mut state).await;
        let resumable = matches!(ending, Ending::Resumable);
        let gateway = &self.edge.gateway;
        Box::pin(gateway.disconnect(&session, state, resumable)).await;
    }

    /// Serves an authenticated session until the connection or session ends.
    ///
    /// Every connection's task holds this future while it waits, so what runs only now
    /// and then (handling a frame, writing deliveries, closing) is boxed: its state is
    /// allocated while it runs rather than kept in every idle connection.
    async fn serve(&mut self, session: &Arc<Session>, state: &mut SessionState) -> Ending {
        // Made once rather than each time round: a delivery wakes the task far more often
        // than anything else happens.
        let edge = self.edge.clone();
        let draining = edge.draining.started();
        let superseded = session.superseded.notified();
        let kill = session.kill.notified();
        let timeout = sleep_until(self.deadline);
        tokio::pin!(draining, superseded, kill, timeout);
        // How the session ends, and with which close code when the connection is to be
        // closed from this side.
        let (close, ending) = loop {
            tokio::select! {
                biased;
                () = &mut draining => {
                    // Clients move to another replica and resume there.
                    let _ = Box::pin(self.send(frames::reconnect())).await;
                    break (Some(Close::GoingAway), Ending::Resumable);
                }
                () = &mut superseded => break (Some(Close::Unknown), Ending::Resumable),
                () = &mut kill => {
                    let close = if session.overflowed() { Close::TooSlow } else { Close::Unknown };
                    break (Some(close), Ending::Final);
                }
                () = &mut timeout => break (Some(Close::SessionTimedOut), Ending::Resumable),
                frame = self.next_frame() => match frame {
                    Ok(Some(frame)) => {
                        if let Err(close) = Box::pin(self.handle(session, state, frame)).await {
                            break (Some(close), Ending::Resumable);
                        }
                        if timeout.deadline() != self.deadline {
                            timeout.as_mut().reset(self.deadline);
                        }
                    }
                    Ok(None) => break (None, Ending::Resumable),
                    Err(close) => break (Some(close), Ending::Resumable),
                },
                delivery = session.next_delivery() => {
                    let delivered = self.deliver(session, state, delivery, kill.as_mut());
                    match Box::pin(delivered).await {
                        Ok(()) => {}
                        Err(Stop::Failed) => break (None, Ending::Resumable),
                        Err(Stop::Killed) => break (Some(Close::TooSlow), Ending::Final),
                    }
                }
            }
        };
        if let Some(close) = close {
            Box::pin(self.close(close)).await;
        }
        ending
    }

    /// Writes `first` and whatever else is queued, up to [`MAX_BATCH`], then flushes once:
    /// a session that fell behind catches up in a few writes rather than one per dispatch.
    async fn deliver(
        &mut self,
        session: &Arc<Session>,
        state: &mut SessionState,
        first: Arc<Delivery>,
        mut kill: Pin<&mut Notified<'_>>,
    ) -> Result<(), Stop> {
        let Self { edge, socket, .. } = self;
        let gateway = &edge.gateway;
        let (now, limits) = (gateway.now(), gateway.replay_limits());
        let mut next = Some(first);
        let mut taken = 0;
        while let Some(delivery) = next {
            taken += 1;
            if gateway.admit(session, state, &delivery) {
                let seq = state.record(delivery.clone(), now, limits);
                if Gateway::changes_access(&delivery, session.user_id) {
                    // What came before goes out now rather than after the recomputing.
                    until_killed(socket.flush(), kill.as_mut()).await?;
                    follow_access(gateway, session, state).await;
                }
                let frame = frames::dispatch(&delivery.payload, seq);
                until_killed(socket.feed(frame), kill.as_mut()).await?;
                // Counted once queued for writing; the flush below follows at once.
                edge.metrics.delivered(&delivery.payload);
            }
            next = if taken < MAX_BATCH {
                session.try_next_delivery()
            } else {
                None
            };
        }
        until_killed(socket.flush(), kill).await
    }

    /// Handles a frame from an authenticated client.
    async fn handle(
        &mut self,
        session: &Session,
        state: &mut SessionState,
        frame: ClientFrame,
    ) -> Result<(), Close> {
        match frame.op {
            Op::Heartbeat => {
                self.deadline = Instant::now() + self.heartbeat_grace();
                let acknowledged = frame.d.as_u64();
                self.edge
                    .gateway
                    .heartbeat(session, state, acknowledged)
                    .await;
                self.send(frames::heartbeat_ack())
                    .await
                    .map_err(|_| Close::Unknown)
            }
            Op::Identify | Op::Resume => Err(Close::AlreadyAuthenticated),
            Op::PresenceUpdate => {
                let status = frame.status().ok_or(Close::DecodeError)?;
                if status != Status::Offline {
                    // Boxed: rare, and its future is large (see `run`).
                    Box::pin(self.edge.gateway.set_status(session, status)).await;
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
            let message = match self.socket.next_message().await {
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
                // Pings are answered by tungstenite; raw frames are never read.
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => continue,
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

    async fn send(&mut self, text: String) -> Result<(), SocketError> {
        self.socket.send(text).await
    }

    /// Closes with a code, then waits briefly for the client's close frame so that the
    /// close code is not lost to a reset of a connection with unread data.
    async fn close(&mut self, close: Close) {
        let (code, reason) = close.code_and_reason();
        debug!(code, reason, "closing gateway connection");
        if close == Close::TooSlow {
            self.edge.metrics.slow_consumer();
        }
        let farewell = self.socket.send_close(code, reason);
        let said = tokio::time::timeout(CLOSE_HANDSHAKE, farewell).await;
        match said {
            Ok(Ok(())) => {
                let drain = async {
                    while let Some(Ok(message)) = self.socket.next_message().await {
                        if matches!(message, Message::Close(_)) {
                            break;
                        }
                    }
                };
                let _ = tokio::time::timeout(CLOSE_HANDSHAKE, drain).await;
                // Bounded: a client that reads nothing never takes what is left, and an
                // unbounded wait would hold its connection, session and address slot.
                let _ = tokio::time::timeout(CLOSE_HANDSHAKE, self.socket.finish()).await;
            }
            Ok(Err(_)) => {}
            Err(_) => {
                // A client that reads nothing now (a slow one, behind its backlog) gets
                // the close frame, code and all, after the frame left half written, once
                // it reads again; there is no answer to wait for, and reading (which lets
                // tungstenite answer pings) must not write into that frame. One that reads
                // nothing for longer is dropped without it.
                let late = async {
                    // Fails when the first try queued the close frame already (finish
                    // writes it) or the connection broke (finish then gives up at once).
                    let _ = self.socket.send_close(code, reason).await;
                    self.socket.finish().await;
                };
                let _ = tokio::time::timeout(CLOSE_BACKLOG, late).await;
            }
        }
    }
}

/// Recomputes a session's rooms after a dispatch that changes what it may see, before
/// that dispatch is written: whatever follows it is admitted against the new rooms, and
/// a client that sees a guild or channel appear already listens to it, so what is said
/// there in answer reaches it.
async fn follow_access(gateway: &Gateway, session: &Arc<Session>, state: &mut SessionState) {
    // Boxed: rare, and its future is large (see `run`).
    if let Err(error) = Box::pin(gateway.refresh_rooms(session, state)).await {
        warn!(%error, "could not refresh a session's rooms");
    }
}

/// Runs a write unless the session's kill notice comes first: a client that stops
/// reading blocks writes, its queue then overflows, and the notice ends the wait.
async fn until_killed(
    write: impl Future<Output = Result<(), SocketError>>,
    kill: Pin<&mut Notified<'_>>,
) -> Result<(), Stop> {
    tokio::select! {
        written = write => written.map_err(|_| Stop::Failed),
        () = kill => Err(Stop::Killed),
    }
}
