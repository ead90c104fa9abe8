//! Storage of read states.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::read_state::ReadState;

use super::StoreError;

/// Stores how far each user has read in each channel.
#[async_trait]
pub trait ReadStateStore: Send + Sync {
    /// Sets the user's read position in a channel.
    async fn put_read_state(&self, state: &ReadState) -> Result<(), StoreError>;

    /// All of a user's read states.
    async fn read_states(&self, user: UserId) -> Result<Vec<ReadState>, StoreError>;
}
