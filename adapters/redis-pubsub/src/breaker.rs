//! A breaker for commands on the request path, so that a stalled Redis costs one
//! request a timeout rather than every request.
//!
//! When Redis stops answering but keeps its connections open (a network stall, a frozen
//! server), each command waits out the response timeout. Publishing an event and
//! counting a rate limit happen while an HTTP request waits, so after one of them times
//! out the breaker opens for [`OPEN_FOR`]: meanwhile those commands fail at once (the
//! event is not delivered live, the attempt is counted in this process) instead of each
//! waiting a second. The first command after that tries Redis again, and any command
//! that succeeds (a readiness check's PING included) closes the breaker at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long the breaker stays open after a timeout.
pub(crate) const OPEN_FOR: Duration = Duration::from_secs(2);

/// Whether commands should be tried, shared by the adapter's request-path commands.
#[derive(Debug, Default)]
pub(crate) struct Breaker {
    /// Until when (ms since the epoch) commands fail at once; 0 when closed.
    open_until: AtomicU64,
}

impl Breaker {
    /// Whether a command should be tried now.
    pub(crate) fn allows(&self) -> bool {
        now_millis() >= self.open_until.load(Ordering::Relaxed)
    }

    /// Records the outcome of a command: a timeout opens the breaker, an answer closes
    /// it.
    pub(crate) fn record(&self, error: Option<&redis::RedisError>) {
        let Some(error) = error else {
            self.open_until.store(0, Ordering::Relaxed);
            return;
        };
        if error.is_timeout() {
            let until = now_millis() + OPEN_FOR.as_millis() as u64;
            self.open_until.store(until, Ordering::Relaxed);
            tracing::warn!(
                open_for_ms = OPEN_FOR.as_millis() as u64,
                "redis did not answer in time; skipping it on the request path for a while"
            );
        }
    }
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_opens_the_breaker_and_other_failures_do_not() {
        let breaker = Breaker::default();
        assert!(breaker.allows());

        let refused =
            redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        breaker.record(Some(&refused));
        assert!(breaker.allows());

        let timed_out = redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::TimedOut));
        assert!(timed_out.is_timeout());
        breaker.record(Some(&timed_out));
        assert!(!breaker.allows());
        breaker.record(None);
        assert!(breaker.allows(), "an answer closes it");
    }
}
