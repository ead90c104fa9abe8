//! The pub/sub port across processes, through Redis PUBLISH and SUBSCRIBE.
//!
//! [`RedisPubSub`] holds two connections however many rooms it serves:
//!
//! - a publisher, a [`ConnectionManager`] on which every event costs one script call
//!   (see `history`: it numbers the event, appends it to its room's capped stream and
//!   PUBLISHes it), whatever the number of recipients; it reconnects on its own;
//! - a subscriber, a RESP3 connection named `concord-sub-<pid>-<n>` with CLIENT SETNAME,
//!   on which rooms are subscribed and unsubscribed and whose events one background task
//!   hands to the attached [`Inbox`].
//!
//! The adapter keeps the set of rooms it holds. If the subscriber connection is lost it
//! reports itself unhealthy, reconnects with capped, jittered backoff (100 ms to 5 s),
//! resubscribes every held room and reports itself healthy again. Meanwhile publishing
//! and subscribing fail with a [`PubSubError`] and the caller carries on; events
//! published while the subscriber is away are lost, as Redis pub/sub keeps nothing.
//!
//! The same Redis also holds what replicas share besides events: presence (`presence`),
//! session checkpoints (`resume_log`) and rate-limit counters (`rate_limit`).
//!
//! Modules: `subscriber` (the subscription state and event delivery), `supervisor` (the
//! background task: reading, heartbeat, reconnecting), `backoff`, `counters` and `error`
//! ([`RedisPubSubError`]). Redis 6 or newer is needed, for RESP3.

mod backoff;
mod breaker;
mod counters;
mod error;
mod history;
mod presence;
mod rate_limit;
mod resume_log;
mod subscriber;
mod supervisor;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use breaker::Breaker;
use concord_ports::pubsub::{History, Inbox, PubSub, PubSubError};
use concord_ports::rate_limit::RateLimiter;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, IntoConnectionInfo, ProtocolVersion, RedisResult};
use tokio::task::JoinHandle;
use tokio::time::{self, Instant};
use tracing::{info, warn};

pub use error::RedisPubSubError;
pub use presence::RedisPresence;
pub use rate_limit::RedisRateLimiter;
pub use resume_log::RedisResumeLog;

use backoff::Backoff;
use subscriber::{Link, Subscriber};

/// How long opening one connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// How long one command may wait for its answer.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(1);
/// How often the subscriber connection is checked with a PING.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// The first delay before reconnecting.
const RECONNECT_FLOOR: Duration = Duration::from_millis(100);
/// The longest delay between reconnection attempts.
const RECONNECT_CAP: Duration = Duration::from_secs(5);
/// How long [`RedisPubSub::connect`] keeps trying before it gives up.
const STARTUP_WINDOW: Duration = Duration::from_secs(3);
/// How often a PUBLISH retries opening a lost publisher connection before failing.
const PUBLISHER_RETRIES: usize = 1;

/// Numbers the subscriber connections of this process.
static NEXT_SUBSCRIBER: AtomicU64 = AtomicU64::new(0);

/// Publishes to and receives from Redis pub/sub channels, one per room.
pub struct RedisPubSub {
    subscriber: Arc<Subscriber>,
    publisher: ConnectionManager,
    publish_script: redis::Script,
    /// Shared by publishing and rate limiting: see `breaker`.
    breaker: Arc<Breaker>,
    task: JoinHandle<()>,
}

impl RedisPubSub {
    /// Connects to the Redis at `url` (`redis://[user:password@]host:port[/db]`) and
    /// starts the subscriber task on the current tokio runtime.
    ///
    /// Retries for a few seconds if Redis is not reachable yet, then fails.
    pub async fn connect(url: &str) -> Result<Self, RedisPubSubError> {
        let info = url
            .into_connection_info()
            .map_err(RedisPubSubError::InvalidUrl)?;
        let addr = info.addr().to_string();
        let resp3 = info
            .redis_settings()
            .clone()
            .set_protocol(ProtocolVersion::RESP3);
        let subscriber_client = Client::open(info.clone().set_redis_settings(resp3))
            .map_err(RedisPubSubError::InvalidUrl)?;
        let publisher_client = Client::open(info).map_err(RedisPubSubError::InvalidUrl)?;

        let name = format!(
            "concord-sub-{}-{}",
            std::process::id(),
            NEXT_SUBSCRIBER.fetch_add(1, Ordering::Relaxed)
        );
        let subscriber = Arc::new(Subscriber::new(name, subscriber_client));
        let (link, publisher) = start(&subscriber, &publisher_client, &addr).await?;

        let task = supervisor::spawn(subscriber.clone(), link);
        info!(subscriber = subscriber.name(), %addr, "redis pub/sub connected");
        Ok(Self {
            subscriber,
            publisher,
            publish_script: history::publish_script(),
            breaker: Arc::default(),
            task,
        })
    }

    /// Shared presence on the same Redis, sharing the publisher connection.
    pub fn presence(&self) -> RedisPresence {
        RedisPresence::new(self.publisher.clone())
    }

    /// Rate limits counted on the same Redis, sharing the publisher connection; attempts
    /// made while Redis is unreachable are counted by `fallback` instead.
    pub fn rate_limiter(&self, fallback: Arc<dyn RateLimiter>) -> RedisRateLimiter {
        RedisRateLimiter::new(self.publisher.clone(), self.breaker.clone(), fallback)
    }

    /// The session checkpoint log on the same Redis, sharing the publisher connection.
    pub fn resume_log(&self) -> RedisResumeLog {
        RedisResumeLog::new(self.publisher.clone())
    }

    /// The CLIENT SETNAME of the subscriber connection, as `CLIENT LIST` shows it.
    pub fn subscriber_name(&self) -> &str {
        self.subscriber.name()
    }

    /// PUBLISH commands that succeeded.
    pub fn publishes(&self) -> u64 {
        self.subscriber.counters().publishes()
    }

    /// PUBLISH commands that failed.
    pub fn publish_failures(&self) -> u64 {
        self.subscriber.counters().publish_failures()
    }

    /// Events handed to the inbox.
    pub fn received(&self) -> u64 {
        self.subscriber.counters().receipts()
    }

    /// Events that arrived but were dropped: before an inbox was attached, or not UTF-8.
    pub fn dropped(&self) -> u64 {
        self.subscriber.counters().drops()
    }

    /// Times the subscriber connection was lost and restored.
    pub fn reconnects(&self) -> u64 {
        self.subscriber.counters().reconnects()
    }

    /// Rooms held right now, subscribed or waiting for the connection to come back.
    pub fn subscribed_rooms(&self) -> usize {
        self.subscriber.counters().rooms()
    }

    /// Stops the subscriber task and closes the subscriber connection; every later call
    /// fails. Dropping the adapter does the same.
    pub async fn shutdown(&self) {
        self.task.abort();
        self.subscriber.close().await;
        info!(
            subscriber = self.subscriber.name(),
            "redis pub/sub shut down"
        );
    }
}

impl Drop for RedisPubSub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl fmt::Debug for RedisPubSub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisPubSub")
            .field("subscriber", &self.subscriber.name())
            .field("connected", &self.subscriber.is_connected())
            .field("rooms", &self.subscribed_rooms())
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl PubSub for RedisPubSub {
    async fn publish(&self, room: &str, payload: Arc<str>) -> Result<u64, PubSubError> {
        if self.subscriber.is_closed() {
            return Err(PubSubError("redis pub/sub adapter shut down".into()));
        }

        // A clone shares the managed connection; it only bumps a reference count.
        let mut publisher = self.publisher.clone();
        let counters = self.subscriber.counters();
        let published = history::publish(
            &self.publish_script,
            &mut publisher,
            &self.breaker,
            room,
            &payload,
        )
        .await;
        match &published {
            Ok(_) => counters.published(),
            Err(_) => counters.publish_failed(),
        }
        published
    }

    async fn subscribe(&self, room: &str) -> Result<(), PubSubError> {
        self.subscriber.subscribe(room).await
    }

    async fn unsubscribe(&self, room: &str) -> Result<(), PubSubError> {
        self.subscriber.unsubscribe(room).await
    }

    fn attach(&self, inbox: Arc<dyn Inbox>) {
        self.subscriber.attach(inbox);
    }

    async fn healthy(&self) -> bool {
        if !self.subscriber.is_connected() || self.subscriber.is_closed() {
            return false;
        }
        // The publisher reconnects lazily; a PING both checks it and wakes it up.
        let mut publisher = self.publisher.clone();
        let pinged = redis::cmd("PING").exec_async(&mut publisher).await;
        self.breaker.record(pinged.as_ref().err());
        pinged.is_ok()
    }

    fn keeps_history(&self) -> bool {
        true
    }

    async fn position(&self) -> Result<u64, PubSubError> {
        history::position(&mut self.publisher.clone()).await
    }

    async fn history(&self, room: &str, after: u64) -> Result<History, PubSubError> {
        history::history(&mut self.publisher.clone(), room, after).await
    }
}

/// Opens both connections, retrying within the start-up window.
async fn start(
    subscriber: &Subscriber,
    publisher: &Client,
    addr: &str,
) -> Result<(Link, ConnectionManager), RedisPubSubError> {
    let began = Instant::now();
    let mut backoff = Backoff::new(RECONNECT_FLOOR, RECONNECT_CAP);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let error = match open_both(subscriber, publisher).await {
            Ok(opened) => return Ok(opened),
            Err(error) => error,
        };

        let delay = backoff.next_delay();
        if began.elapsed() + delay > STARTUP_WINDOW {
            return Err(RedisPubSubError::Unreachable {
                addr: addr.to_owned(),
                attempts,
                waited_ms: began.elapsed().as_millis(),
                source: error,
            });
        }
        warn!(%addr, attempts, %error, "redis not reachable yet; retrying");
        time::sleep(delay).await;
    }
}

async fn open_both(
    subscriber: &Subscriber,
    publisher: &Client,
) -> RedisResult<(Link, ConnectionManager)> {
    let link = subscriber.open().await?;
    subscriber.install(link.conn.clone()).await?;

    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(CONNECT_TIMEOUT))
        .set_response_timeout(Some(RESPONSE_TIMEOUT))
        .set_min_delay(RECONNECT_FLOOR)
        .set_number_of_retries(PUBLISHER_RETRIES);
    let publisher = ConnectionManager::new_with_config(publisher.clone(), config).await?;
    Ok((link, publisher))
}
