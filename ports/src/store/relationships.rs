//! Storage of relationships, both sides of a pair changing together.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::relationship::{Pair, RelationshipKind};

use super::StoreError;

/// One side of a relationship: how `user_id` sees `other_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationshipRow {
    /// The user whose view this is.
    pub user_id: UserId,
    /// The other user.
    pub other_id: UserId,
    /// How the user sees them.
    pub kind: RelationshipKind,
}

/// Stores relationships.
#[async_trait]
pub trait RelationshipStore: Send + Sync {
    /// Every relationship `user` has, from their side.
    async fn relationships(&self, user: UserId) -> Result<Vec<RelationshipRow>, StoreError>;

    /// Both views of the pair (`actor`, `target`).
    async fn relationship_pair(&self, actor: UserId, target: UserId) -> Result<Pair, StoreError>;

    /// Replaces the pair's views with `next` if they still equal `expected`, atomically;
    /// `Conflict("relationship")` if someone changed them in between.
    async fn replace_relationship_pair(
        &self,
        actor: UserId,
        target: UserId,
        expected: Pair,
        next: Pair,
    ) -> Result<(), StoreError>;
}
