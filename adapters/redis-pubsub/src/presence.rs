//! The presence port on Redis: a sorted set of live sessions per user, scored by expiry.
//!
//! `concord:presence:<user>` holds the user's session ids, each scored with the time its
//! liveness runs out; expired members are swept on every change, so a crashed process's
//! sessions stop counting once their time-to-live passes. `concord:status:<user>` holds
//! the status the user chose.

use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_ports::presence::PresenceStore;
use concord_ports::pubsub::PubSubError;
use redis::aio::ConnectionManager;

use crate::subscriber::failure;

/// How long a chosen status is remembered, in seconds.
const STATUS_TTL_SECS: u64 = 7 * 24 * 60 * 60;

/// Presence in Redis, on the publisher's managed connection.
#[derive(Clone)]
pub struct RedisPresence {
    conn: ConnectionManager,
}

impl RedisPresence {
    pub(crate) fn new(conn: ConnectionManager) -> Self {
        Self { conn }
    }
}

fn sessions_key(user: UserId) -> String {
    format!("concord:presence:{user}")
}

fn status_key(user: UserId) -> String {
    format!("concord:status:{user}")
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[async_trait]
impl PresenceStore for RedisPresence {
    async fn connect(
        &self,
        user: UserId,
        session: &str,
        ttl_secs: u64,
    ) -> Result<bool, PubSubError> {
        let key = sessions_key(user);
        let now = now_millis();
        let (live,): (u64,) = redis::pipe()
            .atomic()
            .cmd("ZREMRANGEBYSCORE")
            .arg(&key)
            .arg("-inf")
            .arg(now)
            .ignore()
            .cmd("ZADD")
            .arg(&key)
            .arg(now + ttl_secs * 1000)
            .arg(session)
            .ignore()
            .cmd("ZCARD")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(ttl_secs)
            .ignore()
            .query_async(&mut self.conn.clone())
            .await
            .map_err(|error| failure("count a session", &error))?;
        Ok(live == 1)
    }

    async fn disconnect(&self, user: UserId, session: &str) -> Result<bool, PubSubError> {
        let key = sessions_key(user);
        let (live,): (u64,) = redis::pipe()
            .atomic()
            .cmd("ZREM")
            .arg(&key)
            .arg(session)
            .ignore()
            .cmd("ZREMRANGEBYSCORE")
            .arg(&key)
            .arg("-inf")
            .arg(now_millis())
            .ignore()
            .cmd("ZCARD")
            .arg(&key)
            .query_async(&mut self.conn.clone())
            .await
            .map_err(|error| failure("uncount a session", &error))?;
        Ok(live == 0)
    }

    async fn online(&self, users: &[UserId]) -> Result<Vec<bool>, PubSubError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let now = now_millis();
        let mut pipe = redis::pipe();
        for user in users {
            pipe.cmd("ZCOUNT")
                .arg(sessions_key(*user))
                .arg(format!("({now}"))
                .arg("+inf");
        }
        let counts: Vec<u64> = pipe
            .query_async(&mut self.conn.clone())
            .await
            .map_err(|error| failure("read presence", &error))?;
        Ok(counts.into_iter().map(|count| count > 0).collect())
    }

    async fn choose(&self, user: UserId, status: &str) -> Result<(), PubSubError> {
        redis::cmd("SET")
            .arg(status_key(user))
            .arg(status)
            .arg("EX")
            .arg(STATUS_TTL_SECS)
            .exec_async(&mut self.conn.clone())
            .await
            .map_err(|error| failure("choose a status", &error))
    }

    async fn chosen(&self, users: &[UserId]) -> Result<Vec<Option<String>>, PubSubError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = users.iter().map(|user| status_key(*user)).collect();
        redis::cmd("MGET")
            .arg(keys)
            .query_async(&mut self.conn.clone())
            .await
            .map_err(|error| failure("read statuses", &error))
    }
}
