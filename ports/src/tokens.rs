//! The token port: short-lived signed access tokens, and digests of opaque secrets.

use concord_domain::id::UserId;
use concord_domain::time::Timestamp;

/// Why a token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token has expired.
    #[error("token expired")]
    Expired,
    /// The token is malformed, has a bad signature, algorithm or claims.
    #[error("token invalid")]
    Invalid,
    /// A token could not be made.
    #[error("token signing failed: {0}")]
    Signing(String),
}

/// Signs and verifies access tokens.
pub trait TokenService: Send + Sync {
    /// A token for `user` issued at `now`, valid for `ttl_secs` seconds.
    fn issue_access(
        &self,
        user: UserId,
        now: Timestamp,
        ttl_secs: u64,
    ) -> Result<String, TokenError>;

    /// The user a token was issued to, if it is authentic and unexpired at `now`.
    fn verify_access(&self, token: &str, now: Timestamp) -> Result<UserId, TokenError>;

    /// A one-way digest of an opaque secret such as a refresh token, for storage.
    fn digest(&self, secret: &str) -> String;
}
