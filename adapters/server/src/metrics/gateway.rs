//! Gateway metrics: open connections, dispatches written, clients dropped for being too
//! slow, and how long a new message takes to reach a client's socket.
//!
//! The gateway edge reports to [`GatewayMetrics`] as it writes frames. The core's own
//! counts (sessions held, rooms listened to) are read from [`Gateway`] at scrape time.
//! Fan-out latency runs from a message's `created_at`, stamped by the core just before it
//! is stored, to the moment its `MESSAGE_CREATE` was written to a socket: storing,
//! publishing, crossing replicas, queueing and writing. It is read from the event's JSON,
//! so the core publishes nothing extra; across replicas it relies on their clocks agreeing.

use std::time::{SystemTime, UNIX_EPOCH};

use concord_app::gateway::Gateway;
use prometheus::{Histogram, HistogramOpts, IntCounter, IntGauge, Registry};

use super::pulled::{Kind, Pulled};

/// Fan-out latency buckets in seconds.
const FANOUT_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// What a serialised `MESSAGE_CREATE` event starts with.
const MESSAGE_CREATE: &str = r#"{"t":"MESSAGE_CREATE","d":{"#;
/// The message's last field, its creation time in milliseconds.
const CREATED_AT: &str = r#","created_at":"#;

/// The gateway metrics of one server. Cheap to clone.
#[derive(Clone)]
pub struct GatewayMetrics {
    connections: IntGauge,
    dispatches: IntCounter,
    slow_consumers: IntCounter,
    fanout: Histogram,
}

impl GatewayMetrics {
    /// Creates the metrics the edge reports to and registers them with `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let connections = IntGauge::new(
            "concord_gateway_connections",
            "Gateway WebSocket connections open now.",
        )?;
        let dispatches = IntCounter::new(
            "concord_gateway_dispatches_total",
            "Dispatch frames (op 0) written to gateway clients, replays included.",
        )?;
        let slow_consumers = IntCounter::new(
            "concord_gateway_slow_consumers_total",
            "Gateway connections closed because the client read too slowly to keep up.",
        )?;
        let fanout = Histogram::with_opts(
            HistogramOpts::new(
                "concord_gateway_fanout_seconds",
                "Time from a message's creation (just before it is stored) to the write of \
                 its MESSAGE_CREATE to a client socket.",
            )
            .buckets(FANOUT_BUCKETS.to_vec()),
        )?;
        registry.register(Box::new(connections.clone()))?;
        registry.register(Box::new(dispatches.clone()))?;
        registry.register(Box::new(slow_consumers.clone()))?;
        registry.register(Box::new(fanout.clone()))?;
        Ok(Self {
            connections,
            dispatches,
            slow_consumers,
            fanout,
        })
    }

    /// Registers the core's session and room counts, read from `gateway` at each scrape.
    pub fn watch(registry: &Registry, gateway: &Gateway) -> prometheus::Result<()> {
        let sessions = gateway.clone();
        registry.register(Box::new(Pulled::new(
            "concord_gateway_sessions",
            "Gateway sessions this process holds, connected or waiting to be resumed.",
            Kind::Gauge,
            move || sessions.session_count() as f64,
        )?))?;
        let rooms = gateway.clone();
        registry.register(Box::new(Pulled::new(
            "concord_gateway_rooms",
            "Rooms this process listens to for its gateway sessions.",
            Kind::Gauge,
            move || rooms.room_count() as f64,
        )?))
    }

    /// Counts a connection as open until the returned guard is dropped.
    pub fn connection_opened(&self) -> OpenConnection {
        self.connections.inc();
        OpenConnection {
            connections: self.connections.clone(),
        }
    }

    /// Counts `count` dispatches written outside the live stream (READY, replays).
    pub fn dispatched(&self, count: u64) {
        self.dispatches.inc_by(count);
    }

    /// Counts one live dispatch of `event` written now, timing it if it is a new message.
    pub fn delivered(&self, event: &str) {
        self.dispatches.inc();
        if let Some(created_at) = message_created_at(event) {
            self.fanout.observe(seconds_since(created_at));
        }
    }

    /// Counts a connection closed for reading too slowly.
    pub fn slow_consumer(&self) {
        self.slow_consumers.inc();
    }
}

/// Holds one open connection in the gauge.
pub struct OpenConnection {
    connections: IntGauge,
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.connections.dec();
    }
}

/// The `created_at` of a `MESSAGE_CREATE` event, in milliseconds since the epoch.
/// Reads the last field without parsing the whole event.
fn message_created_at(event: &str) -> Option<i64> {
    let message = event.strip_prefix(MESSAGE_CREATE)?.strip_suffix("}}")?;
    // The trailing digits, then the field name before them: a few bytes are looked at,
    // where searching the message for the name cost a few percent of a busy gateway.
    let fields = message.trim_end_matches(|c: char| c.is_ascii_digit());
    let millis = &message[fields.len()..];
    fields.ends_with(CREATED_AT).then(|| millis.parse().ok())?
}

/// Seconds from `millis` since the epoch to now; never negative, even when another
/// replica's clock runs ahead.
fn seconds_since(millis: i64) -> f64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64());
    (now - millis as f64 / 1000.0).max(0.0)
}

#[cfg(test)]
mod tests {
    use concord_app::events::Event;
    use concord_domain::id::RawId;
    use concord_domain::message::Message;
    use concord_domain::time::Timestamp;

    use super::*;

    fn message_at(created_at: i64) -> Message {
        let id = RawId::from_parts(Timestamp(created_at), 7);
        Message {
            id: id.into(),
            channel_id: id.into(),
            author_id: id.into(),
            content: r#"a "created_at":1 in the text"#.to_owned(),
            nonce: Some("n".to_owned()),
            reply_to: Some(id.into()),
            attachments: Vec::new(),
            mentions: vec![id.into()],
            reactions: Vec::new(),
            edited_at: None,
            created_at: Timestamp(created_at),
        }
    }

    #[test]
    fn the_creation_time_is_read_from_a_serialised_message_create() {
        let event = serde_json::to_string(&Event::MessageCreate(message_at(1_700_000_000_123)));
        assert_eq!(message_created_at(&event.unwrap()), Some(1_700_000_000_123));
    }

    #[test]
    fn other_events_are_not_timed() {
        let event = serde_json::to_string(&Event::MessageUpdate(message_at(5))).unwrap();
        assert_eq!(message_created_at(&event), None);
        assert_eq!(message_created_at(r#"{"t":"TYPING_START","d":{}}"#), None);
    }

    #[test]
    fn latency_is_never_negative() {
        assert_eq!(seconds_since(i64::MAX / 2), 0.0);
        assert!(seconds_since(0) > 1.0e9);
    }
}
