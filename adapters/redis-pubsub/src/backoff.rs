//! Capped exponential backoff with jitter, for reconnecting to Redis.
//!
//! Each delay is drawn between half and all of a ceiling that doubles after every
//! attempt, from a floor up to a cap. The random half keeps the replicas of a deployment
//! from reconnecting in lockstep after Redis comes back. Knows nothing of Redis.

use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

/// The delays between attempts to reach a server that is away.
#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    cap: Duration,
    ceiling: Duration,
}

impl Backoff {
    /// Delays starting near `floor` and never above `cap`.
    pub(crate) fn new(floor: Duration, cap: Duration) -> Self {
        Self {
            cap,
            ceiling: floor.min(cap),
        }
    }

    /// The delay to wait before the next attempt; each call doubles the next ceiling.
    pub(crate) fn next_delay(&mut self) -> Duration {
        let ceiling = self.ceiling;
        self.ceiling = ceiling.saturating_mul(2).min(self.cap);

        let half = ceiling / 2;
        half + half.mul_f64(random_fraction())
    }
}

/// A number in `[0, 1)`, random enough for jitter: std's hasher keys are seeded per
/// process and change for every `RandomState`.
fn random_fraction() -> f64 {
    let bits = RandomState::new().hash_one(0_u8) >> 11;
    bits as f64 / (1_u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOOR: Duration = Duration::from_millis(100);
    const CAP: Duration = Duration::from_secs(5);

    #[test]
    fn delays_grow_from_the_floor_and_stay_under_the_cap() {
        let mut backoff = Backoff::new(FLOOR, CAP);
        let mut ceiling = FLOOR;
        for _ in 0..20 {
            let delay = backoff.next_delay();
            assert!(
                delay >= ceiling / 2 && delay <= ceiling,
                "{delay:?} vs {ceiling:?}"
            );
            ceiling = (ceiling * 2).min(CAP);
        }
        assert_eq!(ceiling, CAP);
    }

    #[test]
    fn delays_are_jittered() {
        let delays: Vec<_> = (0..8)
            .map(|_| Backoff::new(CAP, CAP).next_delay())
            .collect();
        assert!(delays.iter().any(|d| *d != delays[0]), "{delays:?}");
    }
}
