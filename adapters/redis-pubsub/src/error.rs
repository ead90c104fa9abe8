//! The errors of setting the adapter up.
//!
//! Once running, the adapter reports failures through the port's
//! [`PubSubError`](concord_ports::pubsub::PubSubError) and recovers on its own; only
//! [`RedisPubSub::connect`](crate::RedisPubSub::connect) returns these.

use redis::RedisError;

/// Why the Redis pub/sub adapter could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RedisPubSubError {
    /// The URL is not a Redis URL the driver understands.
    #[error("invalid redis url")]
    InvalidUrl(#[source] RedisError),
    /// Redis refused or did not answer the connections within the start-up window, or
    /// rejected their set-up (credentials, or a server older than Redis 6 without RESP3).
    #[error(
        "redis at {addr} did not accept a connection within {waited_ms} ms ({attempts} attempts)"
    )]
    Unreachable {
        /// The address named by the URL, without credentials.
        addr: String,
        /// How many times both connections were tried.
        attempts: u32,
        /// How long the adapter kept trying.
        waited_ms: u128,
        /// The last attempt's error.
        #[source]
        source: RedisError,
    },
}
