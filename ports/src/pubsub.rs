//! The pub/sub port: events published to rooms reach every process subscribed to them.
//!
//! A room is named `room:<type>:<id>` (guild, channel, dm or user). Payloads are
//! serialised events, opaque to the transport. Incoming events for subscribed rooms are
//! handed to the one [`Inbox`] attached to the adapter.
//!
//! Every published event gets a position. A transport that keeps history gives
//! positions that increase across all rooms in the order it delivers events, and can
//! hand back a room's recent events after a position: that is what lets a gateway
//! session be resumed on another process. A transport without history (in-process)
//! still numbers events, but its positions promise no order.

use std::sync::Arc;

use async_trait::async_trait;

/// The transport failed; the caller decides whether that is fatal.
#[derive(Debug, thiserror::Error)]
#[error("pub/sub unavailable: {0}")]
pub struct PubSubError(pub String);

/// Receives the events of the rooms this process subscribed to.
pub trait Inbox: Send + Sync {
    /// Called once per event published to a subscribed room, at `position`.
    fn deliver(&self, room: &str, position: u64, payload: Arc<str>);
}

/// A room's recent events, as kept by the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History {
    /// The transport keeps no history.
    Unsupported,
    /// Some of the events asked for are no longer kept.
    Trimmed,
    /// Every event after the asked position, oldest first.
    Events(Vec<(u64, Arc<str>)>),
}

/// Publishes events to rooms and subscribes this process to rooms.
#[async_trait]
pub trait PubSub: Send + Sync {
    /// Sends `payload` to every process subscribed to `room`, this one included, and
    /// returns the event's position.
    async fn publish(&self, room: &str, payload: Arc<str>) -> Result<u64, PubSubError>;

    /// Starts delivering `room`'s events to the attached inbox.
    async fn subscribe(&self, room: &str) -> Result<(), PubSubError>;

    /// Stops delivering `room`'s events.
    async fn unsubscribe(&self, room: &str) -> Result<(), PubSubError>;

    /// Sets where incoming events go; events arriving before this are dropped.
    fn attach(&self, inbox: Arc<dyn Inbox>);

    /// Whether the transport is connected right now.
    async fn healthy(&self) -> bool;

    /// Whether positions are ordered and [`PubSub::history`] is supported.
    fn keeps_history(&self) -> bool;

    /// The position of the newest event published so far, in any room.
    async fn position(&self) -> Result<u64, PubSubError>;

    /// The events of `room` with positions after `after`, oldest first.
    async fn history(&self, room: &str, after: u64) -> Result<History, PubSubError>;
}
