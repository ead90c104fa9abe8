//! The rate-limit port for a single process: a fixed window of counts per key, in memory.
//!
//! A key's window opens with its first attempt and lasts the rate's `window_secs`; the
//! first `count` attempts in it pass and the rest are refused until it closes. That is
//! how a counter with an expiry behaves in a shared store, so a networked adapter can
//! answer alike. As with any fixed window, a client can land `count` attempts at the end
//! of one window and `count` more at the start of the next.
//!
//! Time comes from the clock port, so tests can move it. Closed windows are swept out
//! every [`SWEEP_EVERY`] attempts, which bounds memory by the keys active in the last
//! window plus those seen since the last sweep.
//!
//! The counts live in this process only: several nodes need a shared adapter behind the
//! same port.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use concord_ports::clock::Clock;
use concord_ports::rate_limit::{Limited, Rate, RateLimiter};

/// How many attempts pass between two sweeps of closed windows.
pub const SWEEP_EVERY: u32 = 1_024;

/// One key's current window.
#[derive(Debug, Clone, Copy)]
struct Window {
    /// When the window opened, in milliseconds since the epoch.
    opened: i64,
    /// How long the window lasts, in milliseconds.
    length: i64,
    /// Attempts made in the window, refused ones included.
    attempts: u32,
}

impl Window {
    /// A window opening at `now` for `length` milliseconds, with no attempts yet.
    fn open(now: i64, length: i64) -> Self {
        Self {
            opened: now,
            length,
            attempts: 0,
        }
    }

    /// The first millisecond after the window.
    fn closes(&self) -> i64 {
        self.opened.saturating_add(self.length)
    }

    /// Counts an attempt at `now` and says whether it is among the first `allowed`.
    fn attempt(&mut self, now: i64, allowed: u32) -> Result<(), Limited> {
        self.attempts = self.attempts.saturating_add(1);
        if self.attempts <= allowed {
            return Ok(());
        }

        // Whole seconds, rounded up, so that retrying after them is never too early; the
        // cap keeps a clock that stepped back from asking for more than a window.
        let remaining = self.closes().saturating_sub(now).min(self.length);
        let seconds = remaining.saturating_add(999) / 1_000;
        let retry_after_secs = u32::try_from(seconds.max(1)).unwrap_or(u32::MAX);
        Err(Limited { retry_after_secs })
    }
}

/// Every key's window, and the attempts counted since the last sweep.
#[derive(Debug, Default)]
struct Windows {
    by_key: HashMap<String, Window>,
    since_sweep: u32,
}

impl Windows {
    /// Drops the windows closed at `now` once every [`SWEEP_EVERY`] calls.
    fn sweep_if_due(&mut self, now: i64) {
        self.since_sweep += 1;
        if self.since_sweep < SWEEP_EVERY {
            return;
        }

        self.since_sweep = 0;
        self.by_key.retain(|_, window| now < window.closes());
    }
}

/// Throttles attempts per key within this process, reading time from a clock.
pub struct LocalRateLimiter {
    clock: Arc<dyn Clock>,
    windows: Mutex<Windows>,
}

impl LocalRateLimiter {
    /// A limiter with no attempts counted, reading the time from `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            windows: Mutex::new(Windows::default()),
        }
    }

    /// How many keys have a window in memory, closed ones not yet swept included.
    pub fn tracked_keys(&self) -> usize {
        self.lock().by_key.len()
    }

    /// The windows; they stay consistent after any panic, so a poisoned lock is usable.
    fn lock(&self) -> std::sync::MutexGuard<'_, Windows> {
        self.windows.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for LocalRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalRateLimiter")
            .field("keys", &self.tracked_keys())
            .finish()
    }
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn hit(&self, key: &str, rate: Rate) -> Result<(), Limited> {
        let now = self.clock.now().as_millis();
        let length = i64::from(rate.window_secs) * 1_000;

        let mut windows = self.lock();
        windows.sweep_if_due(now);

        match windows.by_key.get_mut(key) {
            Some(window) if now < window.closes() => window.attempt(now, rate.count),
            _ => {
                let mut window = Window::open(now, length);
                let verdict = window.attempt(now, rate.count);
                windows.by_key.insert(key.to_owned(), window);
                verdict
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::atomic::{AtomicI64, Ordering};

    use concord_domain::time::Timestamp;

    use super::*;

    const START: i64 = 1_700_000_000_000;
    const THREE_PER_MINUTE: Rate = Rate {
        count: 3,
        window_secs: 60,
    };

    /// A clock that only moves when told to.
    struct FakeClock(AtomicI64);

    impl FakeClock {
        fn advance_millis(&self, millis: i64) {
            self.0.fetch_add(millis, Ordering::SeqCst);
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> Timestamp {
            Timestamp(self.0.load(Ordering::SeqCst))
        }
    }

    fn limiter() -> (LocalRateLimiter, Arc<FakeClock>) {
        let clock = Arc::new(FakeClock(AtomicI64::new(START)));
        (LocalRateLimiter::new(clock.clone()), clock)
    }

    fn retry_after(secs: u32) -> Result<(), Limited> {
        Err(Limited {
            retry_after_secs: secs,
        })
    }

    #[tokio::test]
    async fn the_first_count_attempts_pass_and_the_next_is_limited() {
        let (limiter, _) = limiter();

        for _ in 0..3 {
            assert_eq!(limiter.hit("login:ana", THREE_PER_MINUTE).await, Ok(()));
        }
        assert_eq!(
            limiter.hit("login:ana", THREE_PER_MINUTE).await,
            retry_after(60)
        );
    }

    #[tokio::test]
    async fn retry_after_counts_the_seconds_left_in_the_window_rounded_up() {
        let (limiter, clock) = limiter();
        for _ in 0..3 {
            limiter.hit("login:ana", THREE_PER_MINUTE).await.unwrap();
        }

        clock.advance_millis(15_500);
        assert_eq!(
            limiter.hit("login:ana", THREE_PER_MINUTE).await,
            retry_after(45)
        );

        clock.advance_millis(44_400);
        assert_eq!(
            limiter.hit("login:ana", THREE_PER_MINUTE).await,
            retry_after(1)
        );
    }

    #[tokio::test]
    async fn attempts_pass_again_once_the_window_has_closed() {
        let (limiter, clock) = limiter();
        for _ in 0..10 {
            let _ = limiter.hit("login:ana", THREE_PER_MINUTE).await;
        }

        clock.advance_millis(60_000);

        for _ in 0..3 {
            assert_eq!(limiter.hit("login:ana", THREE_PER_MINUTE).await, Ok(()));
        }
        assert!(limiter.hit("login:ana", THREE_PER_MINUTE).await.is_err());
    }

    #[tokio::test]
    async fn keys_are_counted_apart() {
        let (limiter, _) = limiter();
        for _ in 0..3 {
            limiter.hit("login:ana", THREE_PER_MINUTE).await.unwrap();
        }

        assert!(limiter.hit("login:ana", THREE_PER_MINUTE).await.is_err());
        assert_eq!(limiter.hit("login:bob", THREE_PER_MINUTE).await, Ok(()));
    }

    #[tokio::test]
    async fn a_zero_count_refuses_everything_for_a_whole_window() {
        let (limiter, _) = limiter();
        let never = Rate {
            count: 0,
            window_secs: 30,
        };

        assert_eq!(limiter.hit("upload:ana", never).await, retry_after(30));
    }

    #[tokio::test]
    async fn a_clock_stepping_back_never_asks_for_more_than_a_window() {
        let (limiter, clock) = limiter();
        for _ in 0..3 {
            limiter.hit("login:ana", THREE_PER_MINUTE).await.unwrap();
        }

        clock.advance_millis(-3_600_000);
        assert_eq!(
            limiter.hit("login:ana", THREE_PER_MINUTE).await,
            retry_after(60)
        );
    }

    #[tokio::test]
    async fn closed_windows_are_swept_out_of_memory() {
        let (limiter, clock) = limiter();
        for user in 0..10 {
            limiter
                .hit(&format!("login:{user}"), THREE_PER_MINUTE)
                .await
                .unwrap();
        }
        assert_eq!(limiter.tracked_keys(), 10);

        clock.advance_millis(60_000);
        let roomy = Rate {
            count: u32::MAX,
            window_secs: 60,
        };
        for _ in 0..SWEEP_EVERY {
            limiter.hit("message:busy", roomy).await.unwrap();
        }

        assert_eq!(limiter.tracked_keys(), 1);
    }
}
