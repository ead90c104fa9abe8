//! The rate-limit port on Redis, so that limits hold across replicas: a login attempt
//! counts the same whichever replica the load balancer picked.
//!
//! Each key is a counter `concord:rate:<key>` that expires when its window closes: the
//! first attempt creates it with the window as its time-to-live, and the first `count`
//! attempts of a window pass. This is the same fixed window the single-process limiter
//! keeps, counted in one place. One script call per attempt does the increment, the
//! expiry and the reading of the time left, atomically.
//!
//! If Redis cannot be reached, or stalls (see `breaker`), the attempt is counted by a
//! limiter of this process instead: limits then hold per replica, as without Redis,
//! rather than not at all.

use std::sync::Arc;

use async_trait::async_trait;
use concord_ports::rate_limit::{Limited, Rate, RateLimiter};
use redis::Script;
use redis::aio::ConnectionManager;
use tracing::warn;

use crate::breaker::Breaker;

/// Counts an attempt: `KEYS[1]` the counter, `ARGV[1]` the window in milliseconds.
/// Returns the attempts in the window so far and the milliseconds left in it.
const HIT_SCRIPT: &str = r"
local attempts = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    left = tonumber(ARGV[1])
end
return {attempts, left}
";

/// Rate limits counted in Redis, shared by every process using the same Redis.
#[derive(Clone)]
pub struct RedisRateLimiter {
    conn: ConnectionManager,
    script: Script,
    breaker: Arc<Breaker>,
    fallback: Arc<dyn RateLimiter>,
}

impl RedisRateLimiter {
    pub(crate) fn new(
        conn: ConnectionManager,
        breaker: Arc<Breaker>,
        fallback: Arc<dyn RateLimiter>,
    ) -> Self {
        Self {
            conn,
            script: Script::new(HIT_SCRIPT),
            breaker,
            fallback,
        }
    }
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn hit(&self, key: &str, rate: Rate) -> Result<(), Limited> {
        if !self.breaker.allows() {
            return self.fallback.hit(key, rate).await;
        }
        let window_ms = u64::from(rate.window_secs).max(1) * 1_000;
        let counted: Result<(u64, u64), _> = self
            .script
            .key(format!("concord:rate:{key}"))
            .arg(window_ms)
            .invoke_async(&mut self.conn.clone())
            .await;
        self.breaker.record(counted.as_ref().err());

        match counted {
            Ok((attempts, _)) if attempts <= u64::from(rate.count) => Ok(()),
            Ok((_, left_ms)) => {
                // Whole seconds, rounded up, so that retrying after them is never early.
                let seconds = left_ms.min(window_ms).div_ceil(1_000).max(1);
                Err(Limited {
                    retry_after_secs: u32::try_from(seconds).unwrap_or(u32::MAX),
                })
            }
            Err(error) => {
                warn!(%error, "rate limit not counted in redis; counting in this process");
                self.fallback.hit(key, rate).await
            }
        }
    }
}
