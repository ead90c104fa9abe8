//! The password port: one-way hashing of passwords.

use async_trait::async_trait;
use concord_domain::user::Password;

/// A password could not be hashed or a stored hash could not be read.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordError(pub String);

/// Hashes and verifies passwords. Hashing is slow on purpose, so it is async to let
/// adapters move it off the request threads.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes `password` with a fresh salt, into a self-describing string.
    async fn hash(&self, password: &Password) -> Result<String, PasswordError>;

    /// Whether `password` matches `hash`.
    async fn verify(&self, password: &Password, hash: &str) -> Result<bool, PasswordError>;
}
