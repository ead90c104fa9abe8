//! The storage port, one trait per aggregate, all implemented by every storage adapter.
//!
//! Each method is one atomic step: where a use case needs several documents to change
//! together (a guild with its role, channel and owner; both sides of a relationship; a
//! refresh-token rotation), the port offers a single method and the adapter makes it
//! all-or-nothing. Rules stay in `domain` and `app`; adapters only keep data and enforce
//! uniqueness.

mod channels;
mod files;
mod guilds;
mod messages;
mod read_states;
mod relationships;
mod sessions;
mod users;

pub use channels::ChannelStore;
pub use files::FileRecordStore;
pub use guilds::{GuildBundle, GuildStore, InviteOutcome};
pub use messages::{HistoryPage, MessageInsert, MessageStore};
pub use read_states::ReadStateStore;
pub use relationships::{RelationshipRow, RelationshipStore};
pub use sessions::{RefreshToken, RotateOutcome, SessionStore};
pub use users::{UserCredentials, UserStore};

use async_trait::async_trait;

/// A storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The addressed record does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule or an expected state did not hold; names what collided.
    #[error("conflict on {0}")]
    Conflict(&'static str),
    /// The backend cannot be reached right now; retrying later may work.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The backend answered with something unexpected, such as a corrupt record.
    #[error("storage failure: {0}")]
    Internal(String),
}

/// Everything a storage adapter provides.
#[async_trait]
pub trait Store:
    UserStore
    + SessionStore
    + GuildStore
    + ChannelStore
    + MessageStore
    + ReadStateStore
    + RelationshipStore
    + FileRecordStore
    + Send
    + Sync
{
    /// Checks that the backend answers, for readiness probes.
    async fn ping(&self) -> Result<(), StoreError>;
}
