//! The benchmark's one clock: microseconds since the process started.
//!
//! Senders and receivers live in the same process, so a send timestamp written into a
//! message's content can be compared with the time of receipt without any clock sync.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Microseconds since the first call in this process.
pub fn now_micros() -> u64 {
    START.get_or_init(Instant::now).elapsed().as_micros() as u64
}
