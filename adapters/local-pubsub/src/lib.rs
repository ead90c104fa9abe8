//! The pub/sub port for a single process: publishing is a direct call to the inbox.
//!
//! [`LocalPubSub`] keeps the set of rooms this process subscribed to and the attached
//! [`Inbox`]. An event published to a subscribed room is handed to the inbox before
//! `publish` returns; one published to any other room, or before an inbox is attached,
//! is dropped, just as a networked transport would drop it.
//!
//! It reaches no other process, so it suits one-node deployments and tests; several
//! nodes need a networked adapter behind the same port. Events are numbered from a
//! counter, but publishes racing on different threads may deliver out of that order,
//! so this transport keeps no history (see [`PubSub::keeps_history`]).

use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use async_trait::async_trait;
use concord_ports::pubsub::{History, Inbox, PubSub, PubSubError};

/// Delivers published events to this process's own inbox.
#[derive(Default)]
pub struct LocalPubSub {
    rooms: Mutex<HashSet<String>>,
    inbox: RwLock<Option<Arc<dyn Inbox>>>,
    last_position: AtomicU64,
}

impl LocalPubSub {
    /// A transport with no subscriptions and no inbox yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether events published to `room` are delivered right now.
    fn is_subscribed(&self, room: &str) -> bool {
        // The set is valid after any panic, so a poisoned lock is still safe to use.
        self.rooms
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(room)
    }

    /// The attached inbox, if any, cloned so that no lock is held while it runs.
    fn inbox(&self) -> Option<Arc<dyn Inbox>> {
        self.inbox
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl fmt::Debug for LocalPubSub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rooms = self
            .rooms
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        f.debug_struct("LocalPubSub")
            .field("rooms", &rooms)
            .field("attached", &self.inbox().is_some())
            .finish()
    }
}

#[async_trait]
impl PubSub for LocalPubSub {
    async fn publish(&self, room: &str, payload: Arc<str>) -> Result<u64, PubSubError> {
        let position = self.last_position.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.is_subscribed(room) {
            return Ok(position);
        }

        // Delivered outside every lock, so the inbox may call back into this transport.
        if let Some(inbox) = self.inbox() {
            inbox.deliver(room, position, payload);
        }
        Ok(position)
    }

    async fn subscribe(&self, room: &str) -> Result<(), PubSubError> {
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms.insert(room.to_owned());
        Ok(())
    }

    async fn unsubscribe(&self, room: &str) -> Result<(), PubSubError> {
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms.remove(room);
        Ok(())
    }

    fn attach(&self, inbox: Arc<dyn Inbox>) {
        *self.inbox.write().unwrap_or_else(PoisonError::into_inner) = Some(inbox);
    }

    async fn healthy(&self) -> bool {
        true
    }

    fn keeps_history(&self) -> bool {
        false
    }

    async fn position(&self) -> Result<u64, PubSubError> {
        Ok(self.last_position.load(Ordering::Relaxed))
    }

    async fn history(&self, _room: &str, _after: u64) -> Result<History, PubSubError> {
        Ok(History::Unsupported)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// An inbox that remembers every delivery, in order.
    #[derive(Default)]
    struct Recorder {
        seen: Mutex<Vec<(String, String)>>,
    }

    impl Recorder {
        fn seen(&self) -> Vec<(String, String)> {
            self.seen.lock().unwrap().clone()
        }
    }

    impl Inbox for Recorder {
        fn deliver(&self, room: &str, _position: u64, payload: Arc<str>) {
            self.seen
                .lock()
                .unwrap()
                .push((room.to_owned(), payload.to_string()));
        }
    }

    fn delivery(room: &str, payload: &str) -> (String, String) {
        (room.to_owned(), payload.to_owned())
    }

    fn attached() -> (LocalPubSub, Arc<Recorder>) {
        let pubsub = LocalPubSub::new();
        let recorder = Arc::new(Recorder::default());
        pubsub.attach(recorder.clone());
        (pubsub, recorder)
    }

    #[tokio::test]
    async fn events_of_a_subscribed_room_reach_the_inbox_before_publish_returns() {
        let (pubsub, recorder) = attached();
        pubsub.subscribe("room:channel:1").await.unwrap();

        pubsub
            .publish("room:channel:1", "first".into())
            .await
            .unwrap();
        pubsub
            .publish("room:channel:1", "second".into())
            .await
            .unwrap();

        let expected = vec![
            delivery("room:channel:1", "first"),
            delivery("room:channel:1", "second"),
        ];
        assert_eq!(recorder.seen(), expected);
    }

    #[tokio::test]
    async fn events_stop_after_unsubscribing() {
        let (pubsub, recorder) = attached();
        pubsub.subscribe("room:guild:1").await.unwrap();
        pubsub.unsubscribe("room:guild:1").await.unwrap();

        pubsub.publish("room:guild:1", "late".into()).await.unwrap();

        assert!(recorder.seen().is_empty());
    }

    #[tokio::test]
    async fn events_of_other_rooms_are_dropped() {
        let (pubsub, recorder) = attached();
        pubsub.subscribe("room:user:1").await.unwrap();

        pubsub
            .publish("room:user:2", "not for us".into())
            .await
            .unwrap();
        pubsub
            .publish("room:user:1", "for us".into())
            .await
            .unwrap();

        assert_eq!(recorder.seen(), vec![delivery("room:user:1", "for us")]);
    }

    #[tokio::test]
    async fn events_before_an_inbox_is_attached_are_dropped() {
        let pubsub = LocalPubSub::new();
        pubsub.subscribe("room:dm:1").await.unwrap();
        pubsub
            .publish("room:dm:1", "too early".into())
            .await
            .unwrap();

        let recorder = Arc::new(Recorder::default());
        pubsub.attach(recorder.clone());
        pubsub.publish("room:dm:1", "on time".into()).await.unwrap();

        assert_eq!(recorder.seen(), vec![delivery("room:dm:1", "on time")]);
    }

    #[tokio::test]
    async fn the_local_transport_is_always_healthy() {
        assert!(LocalPubSub::new().healthy().await);
    }
}
