//! The id port: fresh time-ordered ids and unguessable random secrets.

use concord_domain::id::RawId;

/// Produces ids and random secrets.
pub trait IdSource: Send + Sync {
    /// A fresh id, ordered after every id this source produced before.
    fn next_id(&self) -> RawId;

    /// A fresh id whose 80 random bits are all drawn anew, so that knowing other ids
    /// does not help to guess it (unlike [`next_id`](IdSource::next_id), whose ids from
    /// one millisecond follow each other). For ids that act as secrets, such as file URLs.
    fn unguessable_id(&self) -> RawId;

    /// `length` random characters from `[A-Za-z0-9]`, from a cryptographic source.
    fn random_token(&self, length: usize) -> String;
}
