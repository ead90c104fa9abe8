//! The rate-limit port: counts attempts per key within a window.

use async_trait::async_trait;

/// A limit: at most `count` attempts within `window_secs` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Attempts allowed per window.
    pub count: u32,
    /// The window length in seconds.
    pub window_secs: u32,
}

/// An attempt was over the limit; the caller may try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rate limited for {retry_after_secs}s")]
pub struct Limited {
    /// Seconds until an attempt would be allowed.
    pub retry_after_secs: u32,
}

/// Throttles attempts by key.
#[async_trait]
pub trait RateLimiter: Send + Sync {
    /// Records one attempt under `key` and says whether it is within `rate`.
    async fn hit(&self, key: &str, rate: Rate) -> Result<(), Limited>;
}
