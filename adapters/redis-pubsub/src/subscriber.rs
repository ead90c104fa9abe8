//! The receiving side: the one subscriber connection, the rooms held on it and the inbox
//! their events go to.
//!
//! [`Subscriber`] is shared by the adapter, which changes subscriptions, and the
//! supervisor task, which reads events and replaces the connection after a loss. Every
//! change of subscriptions, the resubscription after a reconnect included, runs under one
//! async lock, so SUBSCRIBE and UNSUBSCRIBE reach Redis in the order they were asked for
//! and a room subscribed during a reconnect is never missed. Events never take that lock.
//!
//! The connection speaks RESP3, where a subscribed connection may still run commands: it
//! is named with CLIENT SETNAME and answers the supervisor's heartbeat PINGs.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use concord_ports::pubsub::{Inbox, PubSubError};
use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, PushInfo, PushKind, RedisError, RedisResult, Value};
use tokio::sync::Mutex;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use tracing::debug;

use crate::counters::Counters;
use crate::{CONNECT_TIMEOUT, RESPONSE_TIMEOUT};

/// How many rooms one SUBSCRIBE carries when resubscribing after a reconnect.
const RESUBSCRIBE_BATCH: usize = 256;

/// A fresh subscriber connection and the events it receives.
pub(crate) struct Link {
    /// The connection, for commands.
    pub(crate) conn: MultiplexedConnection,
    /// Its push messages: events, confirmations, and a last one when it drops.
    pub(crate) pushes: UnboundedReceiver<PushInfo>,
}

/// The subscriptions of one adapter and where their events go.
pub(crate) struct Subscriber {
    name: String,
    client: Client,
    held: Mutex<Held>,
    inbox: RwLock<Option<Arc<dyn Inbox>>>,
    connected: AtomicBool,
    closed: AtomicBool,
    counters: Counters,
}

/// What the subscription lock guards.
struct Held {
    /// The rooms callers subscribed to, whether or not Redis has them right now.
    rooms: HashSet<String>,
    /// The live connection, or none while reconnecting.
    conn: Option<MultiplexedConnection>,
}

impl Subscriber {
    /// A subscriber that names its connections `name` and opens them with `client`,
    /// which must ask for RESP3.
    pub(crate) fn new(name: String, client: Client) -> Self {
        Self {
            name,
            client,
            held: Mutex::new(Held {
                rooms: HashSet::new(),
                conn: None,
            }),
            inbox: RwLock::new(None),
            connected: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            counters: Counters::default(),
        }
    }

    /// The CLIENT SETNAME of every connection this subscriber opens.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The adapter's totals.
    pub(crate) fn counters(&self) -> &Counters {
        &self.counters
    }

    /// Whether a connection is installed and every held room subscribed on it.
    pub(crate) fn is_connected(&self) -> bool {
        self.connected.load(Ordering::Acquire)
    }

    /// Whether the adapter was shut down.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// Opens and names a new connection; it receives nothing until installed.
    pub(crate) async fn open(&self) -> RedisResult<Link> {
        let (sender, pushes) = unbounded_channel();
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_push_sender(sender);
        let mut conn = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await?;

        redis::cmd("CLIENT")
            .arg("SETNAME")
            .arg(&self.name)
            .exec_async(&mut conn)
            .await?;
        Ok(Link { conn, pushes })
    }

    /// Subscribes every held room on `conn` and makes it the live connection; returns
    /// how many rooms it holds.
    pub(crate) async fn install(&self, mut conn: MultiplexedConnection) -> RedisResult<usize> {
        let mut held = self.held.lock().await;
        if self.is_closed() {
            return Ok(0);
        }

        let rooms: Vec<&str> = held.rooms.iter().map(String::as_str).collect();
        for batch in rooms.chunks(RESUBSCRIBE_BATCH) {
            conn.subscribe(batch).await?;
        }
        let count = rooms.len();

        held.conn = Some(conn);
        self.connected.store(true, Ordering::Release);
        Ok(count)
    }

    /// Forgets the live connection after it was lost; held rooms are kept.
    pub(crate) async fn lose(&self) {
        self.connected.store(false, Ordering::Release);
        self.held.lock().await.conn = None;
    }

    /// Drops the connection for good; later calls fail.
    pub(crate) async fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.lose().await;
    }

    /// Holds `room` and subscribes it on the live connection. While reconnecting this
    /// fails, but the room stays held and is subscribed once the connection is back.
    pub(crate) async fn subscribe(&self, room: &str) -> Result<(), PubSubError> {
        let mut held = self.held.lock().await;
        self.ensure_open()?;
        if held.rooms.insert(room.to_owned()) {
            self.counters.set_rooms(held.rooms.len());
        }

        let Some(conn) = held.conn.as_mut() else {
            return Err(reconnecting());
        };
        conn.subscribe(room)
            .await
            .map_err(|error| failure("subscribe", &error))
    }

    /// Stops holding `room` and unsubscribes it on the live connection, if any.
    pub(crate) async fn unsubscribe(&self, room: &str) -> Result<(), PubSubError> {
        let mut held = self.held.lock().await;
        self.ensure_open()?;
        if held.rooms.remove(room) {
            self.counters.set_rooms(held.rooms.len());
        }

        // Without a connection there is nothing to undo: the next one never subscribes it.
        let Some(conn) = held.conn.as_mut() else {
            return Ok(());
        };
        conn.unsubscribe(room)
            .await
            .map_err(|error| failure("unsubscribe", &error))
    }

    /// Sets the inbox that events go to from now on.
    pub(crate) fn attach(&self, inbox: Arc<dyn Inbox>) {
        *self.inbox.write().unwrap_or_else(PoisonError::into_inner) = Some(inbox);
    }

    /// Hands one push message to the inbox if it is an event; the only allocation is the
    /// payload's `Arc<str>`.
    pub(crate) fn deliver(&self, push: PushInfo) {
        if push.kind != PushKind::Message {
            return;
        }
        let mut data = push.data.into_iter();
        let (Some(Value::BulkString(room)), Some(Value::BulkString(payload))) =
            (data.next(), data.next())
        else {
            self.counters.dropped();
            return;
        };
        let (Ok(room), Ok(payload)) = (std::str::from_utf8(&room), std::str::from_utf8(&payload))
        else {
            debug!(subscriber = %self.name, "dropped an event that is not UTF-8");
            self.counters.dropped();
            return;
        };

        let Some((position, event)) = crate::history::split_message(payload) else {
            debug!(subscriber = %self.name, "dropped an event without a position");
            self.counters.dropped();
            return;
        };

        // Cloned so that no lock is held while the inbox runs.
        let inbox = self
            .inbox
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(inbox) = inbox else {
            self.counters.dropped();
            return;
        };
        self.counters.received();
        inbox.deliver(room, position, Arc::from(event));
    }

    fn ensure_open(&self) -> Result<(), PubSubError> {
        if self.is_closed() {
            return Err(PubSubError("redis pub/sub adapter shut down".into()));
        }
        Ok(())
    }
}

/// The error of a subscription change made while the connection is away.
fn reconnecting() -> PubSubError {
    PubSubError("redis subscriber reconnecting; the room is held and resubscribed then".into())
}

/// A port error for a failed Redis command.
pub(crate) fn failure(command: &str, error: &RedisError) -> PubSubError {
    PubSubError(format!("redis {command} failed: {error}"))
}
