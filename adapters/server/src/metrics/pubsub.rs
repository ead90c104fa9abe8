//! Pub/sub metrics: the Redis transport's running totals, read at scrape time.
//!
//! The adapter counts with atomics of its own; this module only names them. With the
//! in-process transport there is nothing to export, and these metrics are absent.

use std::sync::Arc;

use concord_redis_pubsub::RedisPubSub;
use prometheus::Registry;

use super::pulled::{Kind, Pulled};

/// A reading of the adapter: name, help, kind and getter.
type Reading = (&'static str, &'static str, Kind, fn(&RedisPubSub) -> f64);

/// What the adapter counts, under the names Concord exports.
const READINGS: &[Reading] = &[
    (
        "concord_pubsub_publishes_total",
        "Events published to Redis (successful PUBLISH commands).",
        Kind::Counter,
        |redis| redis.publishes() as f64,
    ),
    (
        "concord_pubsub_publish_failures_total",
        "PUBLISH commands that failed.",
        Kind::Counter,
        |redis| redis.publish_failures() as f64,
    ),
    (
        "concord_pubsub_received_total",
        "Events received from Redis and handed to the gateway.",
        Kind::Counter,
        |redis| redis.received() as f64,
    ),
    (
        "concord_pubsub_dropped_total",
        "Events received from Redis but dropped (no inbox yet, or not UTF-8).",
        Kind::Counter,
        |redis| redis.dropped() as f64,
    ),
    (
        "concord_pubsub_reconnects_total",
        "Times the subscriber connection to Redis was lost and restored.",
        Kind::Counter,
        |redis| redis.reconnects() as f64,
    ),
    (
        "concord_pubsub_subscribed_rooms",
        "Rooms subscribed to on Redis, or waiting for the connection to come back.",
        Kind::Gauge,
        |redis| redis.subscribed_rooms() as f64,
    ),
];

/// Registers the Redis adapter's totals with `registry`.
pub fn watch_redis(registry: &Registry, redis: &Arc<RedisPubSub>) -> prometheus::Result<()> {
    for &(name, help, kind, read) in READINGS {
        let redis = redis.clone();
        let pulled = Pulled::new(name, help, kind, move || read(&redis))?;
        registry.register(Box::new(pulled))?;
    }
    Ok(())
}
