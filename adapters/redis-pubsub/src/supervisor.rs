//! The supervisor: the one task per adapter that reads the subscriber connection, checks
//! it with a heartbeat, and replaces it when it is lost.
//!
//! Events reach the inbox from this task only, in the order Redis sent them. When the
//! connection drops (Redis closed it, the network failed, or a heartbeat went unanswered)
//! the task marks the adapter unhealthy, reconnects with capped, jittered backoff,
//! resubscribes every held room and marks the adapter healthy again. It runs until the
//! adapter aborts it; it knows nothing of publishing.

use std::fmt;
use std::sync::Arc;

use redis::{PushKind, RedisError};
use tokio::task::JoinHandle;
use tokio::time::{self, Instant, MissedTickBehavior};
use tracing::{debug, info, warn};

use crate::backoff::Backoff;
use crate::subscriber::{Link, Subscriber};
use crate::{HEARTBEAT, RECONNECT_CAP, RECONNECT_FLOOR};

/// Starts supervising `link`, already installed on `subscriber`, on the current runtime.
pub(crate) fn spawn(subscriber: Arc<Subscriber>, link: Link) -> JoinHandle<()> {
    tokio::spawn(run(subscriber, link))
}

/// Why a subscriber connection was given up.
enum Loss {
    /// Redis or the network closed it.
    Closed,
    /// It did not answer a PING in time.
    Heartbeat(RedisError),
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Closed => f.write_str("connection closed"),
            Self::Heartbeat(error) => write!(f, "heartbeat failed: {error}"),
        }
    }
}

async fn run(subscriber: Arc<Subscriber>, mut link: Link) {
    loop {
        let loss = serve(&subscriber, &mut link).await;
        subscriber.lose().await;
        warn!(
            subscriber = subscriber.name(),
            reason = %loss,
            "redis subscriber connection lost; reconnecting"
        );

        link = reconnect(&subscriber).await;
    }
}

/// Delivers the connection's events until it is lost.
async fn serve(subscriber: &Subscriber, link: &mut Link) -> Loss {
    let mut heartbeat = time::interval_at(Instant::now() + HEARTBEAT, HEARTBEAT);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);

    loop {
        tokio::select! {
            push = link.pushes.recv() => match push {
                Some(push) if push.kind == PushKind::Disconnection => return Loss::Closed,
                Some(push) => subscriber.deliver(push),
                None => return Loss::Closed,
            },
            _ = heartbeat.tick() => {
                // The connection's response timeout bounds the wait.
                if let Err(error) = redis::cmd("PING").exec_async(&mut link.conn).await {
                    return Loss::Heartbeat(error);
                }
            }
        }
    }
}

/// Opens, names and installs a new connection, waiting longer after every failure.
async fn reconnect(subscriber: &Subscriber) -> Link {
    let mut backoff = Backoff::new(RECONNECT_FLOOR, RECONNECT_CAP);
    let mut attempts: u32 = 0;
    loop {
        time::sleep(backoff.next_delay()).await;
        attempts += 1;

        match restore(subscriber).await {
            Ok((link, rooms)) => {
                subscriber.counters().reconnected();
                info!(
                    subscriber = subscriber.name(),
                    attempts, rooms, "redis subscriber connection restored"
                );
                return link;
            }
            Err(error) => debug!(
                subscriber = subscriber.name(),
                attempts,
                %error,
                "redis subscriber reconnect failed"
            ),
        }
    }
}

async fn restore(subscriber: &Subscriber) -> Result<(Link, usize), RedisError> {
    let link = subscriber.open().await?;
    let rooms = subscriber.install(link.conn.clone()).await?;
    Ok((link, rooms))
}
