//! The presence port: which users have a live gateway session anywhere, shared by every
//! process, and the status each user chose.
//!
//! Sessions count as live until their time-to-live runs out unless refreshed, so a
//! process that dies without saying goodbye stops counting after a while.

use async_trait::async_trait;
use concord_domain::id::UserId;

use crate::pubsub::PubSubError;

/// Shared connection counts and chosen statuses.
#[async_trait]
pub trait PresenceStore: Send + Sync {
    /// Counts `session` of `user` as live for `ttl_secs` (again, when refreshing);
    /// returns whether it is the user's only live session.
    async fn connect(
        &self,
        user: UserId,
        session: &str,
        ttl_secs: u64,
    ) -> Result<bool, PubSubError>;

    /// Stops counting `session`; returns whether the user has no live session left.
    async fn disconnect(&self, user: UserId, session: &str) -> Result<bool, PubSubError>;

    /// Whether each of `users` has a live session, in the same order.
    async fn online(&self, users: &[UserId]) -> Result<Vec<bool>, PubSubError>;

    /// Remembers the status `user` chose (`online`, `idle` or `dnd`).
    async fn choose(&self, user: UserId, status: &str) -> Result<(), PubSubError>;

    /// The statuses `users` chose, in the same order; `None` where none was chosen.
    async fn chosen(&self, users: &[UserId]) -> Result<Vec<Option<String>>, PubSubError>;
}
