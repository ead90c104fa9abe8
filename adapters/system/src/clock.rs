//! The wall clock, read from [`std::time::SystemTime`].

use std::time::{SystemTime, UNIX_EPOCH};

use concord_domain::time::Timestamp;
use concord_ports::clock::Clock;

/// The operating system's wall clock, in UTC milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp(millis_since_epoch(SystemTime::now()))
    }
}

/// Milliseconds between the epoch and `at`, negative before it, saturating at the ends.
pub(crate) fn millis_since_epoch(at: SystemTime) -> i64 {
    match at.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_clock_reads_a_time_after_this_code_was_written() {
        let november_2023 = 1_700_000_000_000;
        assert!(SystemClock.now().as_millis() > november_2023);
    }

    #[test]
    fn times_before_the_epoch_are_negative() {
        let before = UNIX_EPOCH - Duration::from_millis(1_500);
        assert_eq!(millis_since_epoch(before), -1_500);
        assert_eq!(millis_since_epoch(UNIX_EPOCH + Duration::from_millis(7)), 7);
    }
}
