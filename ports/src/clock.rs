//! The clock port: where "now" comes from, so tests can control time.

use concord_domain::time::Timestamp;

/// Tells the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}
