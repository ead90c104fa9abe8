//! The id port: fresh time-ordered ids and unguessable random secrets.

use concord_domain::id::RawId;

/// Produces ids and random secrets.
pub trait IdSource: Send + Sync {
    /// A fresh id, ordered after every id this source produced before.
    fn next_id(&self) -> RawId;

    /// `length` random characters from `[A-Za-z0-9]`, from a cryptographic source.
    fn random_token(&self, length: usize) -> String;
}
