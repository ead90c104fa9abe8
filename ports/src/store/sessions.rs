//! Storage of refresh tokens, hashed, grouped into families.

use async_trait::async_trait;
use concord_domain::id::{TokenFamilyId, UserId};
use concord_domain::time::Timestamp;

use super::StoreError;

/// A stored refresh token. Only its digest is kept; the secret lives in a cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    /// Digest of the secret.
    pub hash: String,
    /// The family: every token rotated from one login.
    pub family: TokenFamilyId,
    /// Whose token it is.
    pub user_id: UserId,
    /// When it stops being accepted.
    pub expires_at: Timestamp,
}

/// What happened when a refresh token was presented for rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotateOutcome {
    /// The token was current: it is now spent and its successor stored.
    Rotated {
        /// The token's owner.
        user_id: UserId,
    },
    /// The token had already been rotated: it was stolen or replayed, so the whole
    /// family has been revoked.
    Reused,
    /// The token is unknown, expired or its family revoked.
    Invalid,
}

/// Stores refresh tokens and rotates them atomically.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores the first token of a new family.
    async fn create_refresh_token(&self, token: &RefreshToken) -> Result<(), StoreError>;

    /// Spends the token with `hash` and stores its successor `next`, in one step. The
    /// successor joins the spent token's family and user: `next.family` and
    /// `next.user_id` are ignored and replaced by the spent token's.
    ///
    /// When two callers race on the same token exactly one gets `Rotated`; the other
    /// sees a spent token and so gets `Reused`, which revokes the family.
    async fn rotate_refresh_token(
        &self,
        hash: &str,
        next: &RefreshToken,
        now: Timestamp,
    ) -> Result<RotateOutcome, StoreError>;

    /// Revokes the family of the token with `hash`; unknown tokens are ignored.
    async fn revoke_refresh_family(&self, hash: &str) -> Result<(), StoreError>;
}
