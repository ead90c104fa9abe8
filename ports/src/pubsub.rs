//! The pub/sub port: events published to rooms reach every process subscribed to them.
//!
//! A room is named `room:<type>:<id>` (guild, channel, dm or user). Payloads are
//! serialised events, opaque to the transport. Incoming events for subscribed rooms are
//! handed to the one [`Inbox`] attached to the adapter.

use std::sync::Arc;

use async_trait::async_trait;

/// The transport failed; the caller decides whether that is fatal.
#[derive(Debug, thiserror::Error)]
#[error("pub/sub unavailable: {0}")]
pub struct PubSubError(pub String);

/// Receives the events of the rooms this process subscribed to.
pub trait Inbox: Send + Sync {
    /// Called once per event published to a subscribed room.
    fn deliver(&self, room: &str, payload: Arc<str>);
}

/// Publishes events to rooms and subscribes this process to rooms.
#[async_trait]
pub trait PubSub: Send + Sync {
    /// Sends `payload` to every process subscribed to `room`, this one included.
    async fn publish(&self, room: &str, payload: Arc<str>) -> Result<(), PubSubError>;

    /// Starts delivering `room`'s events to the attached inbox.
    async fn subscribe(&self, room: &str) -> Result<(), PubSubError>;

    /// Stops delivering `room`'s events.
    async fn unsubscribe(&self, room: &str) -> Result<(), PubSubError>;

    /// Sets where incoming events go; events arriving before this are dropped.
    fn attach(&self, inbox: Arc<dyn Inbox>);

    /// Whether the transport is connected right now.
    async fn healthy(&self) -> bool;
}
