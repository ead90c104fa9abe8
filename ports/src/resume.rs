//! The resume-log port: checkpoints of gateway sessions, shared by every process.
//!
//! A checkpoint says that a session had sent dispatches up to sequence number `seq`
//! after handling every event up to `position`, while listening to `rooms` (each from
//! its own start position). Together with a transport that keeps history, the
//! checkpoints let any process rebuild exactly which dispatch got which sequence number,
//! and so resume a session whose process has gone.

use async_trait::async_trait;
use concord_domain::id::UserId;

use crate::pubsub::PubSubError;

/// A session's numbering at one point in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Whose session it is.
    pub user_id: UserId,
    /// The last sequence number sent.
    pub seq: u64,
    /// The position of the last event handled.
    pub position: u64,
    /// The rooms listened to, each with the position after which its events count.
    pub rooms: Vec<(String, u64)>,
}

/// Keeps the recent checkpoints of sessions for a limited time.
#[async_trait]
pub trait ResumeLog: Send + Sync {
    /// Appends a checkpoint to the session's log and keeps the log `ttl_secs` longer.
    async fn record(
        &self,
        session_id: &str,
        checkpoint: &Checkpoint,
        ttl_secs: u64,
    ) -> Result<(), PubSubError>;

    /// The session's recent checkpoints, oldest first; empty when unknown or expired.
    async fn checkpoints(&self, session_id: &str) -> Result<Vec<Checkpoint>, PubSubError>;

    /// The session's newest checkpoint, whichever process recorded it.
    async fn latest(&self, session_id: &str) -> Result<Option<Checkpoint>, PubSubError>;

    /// Drops the session's log.
    async fn forget(&self, session_id: &str) -> Result<(), PubSubError>;
}
