//! Fresh ULIDs and random tokens.
//!
//! A ULID is 48 bits of milliseconds and 80 random bits. Within one millisecond this
//! source adds one to the previous random part instead of drawing a new one, so ids from
//! one process are strictly increasing; the random start of each millisecond keeps ids
//! from different processes apart. If the clock steps back, ids keep counting from the
//! last millisecond used rather than going back with it.

use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use concord_domain::id::RawId;
use concord_domain::time::Timestamp;
use concord_ports::ids::IdSource;

use crate::clock::millis_since_epoch;

/// The largest value the 80 random bits of a ULID can hold.
const MAX_RANDOM: u128 = (1 << 80) - 1;

/// The characters random tokens are made of.
const TOKEN_ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Random bytes at or above this are discarded, so that every alphabet character is
/// equally likely: 248 is the largest multiple of 62 that fits in a byte.
const UNBIASED_LIMIT: u8 = 248;

/// The last id handed out, as its two parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Last {
    millis: u64,
    random: u128,
}

/// Makes strictly increasing ULIDs and random tokens from the operating system.
#[derive(Debug)]
pub struct UlidSource {
    last: Mutex<Last>,
}

impl UlidSource {
    /// A source that has not handed out any id yet.
    pub fn new() -> Self {
        Self {
            last: Mutex::new(Last {
                millis: 0,
                random: 0,
            }),
        }
    }
}

impl Default for UlidSource {
    fn default() -> Self {
        Self::new()
    }
}

impl IdSource for UlidSource {
    fn next_id(&self) -> RawId {
        let now = u64::try_from(millis_since_epoch(SystemTime::now())).unwrap_or(0);

        // The lock only guards the last id; a panic elsewhere cannot leave it half-written.
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        *last = advance(*last, now, random_bits);

        let millis = i64::try_from(last.millis).unwrap_or(i64::MAX);
        RawId::from_parts(Timestamp(millis), last.random)
    }

    fn unguessable_id(&self) -> RawId {
        let now = millis_since_epoch(SystemTime::now());
        RawId::from_parts(Timestamp(now), random_bits())
    }

    fn random_token(&self, length: usize) -> String {
        let mut token = String::with_capacity(length);
        let mut bytes = [0_u8; 64];

        while token.len() < length {
            fill_random(&mut bytes);
            let accepted = bytes.iter().filter(|&&byte| byte < UNBIASED_LIMIT);
            for &byte in accepted.take(length - token.len()) {
                token.push(char::from(TOKEN_ALPHABET[usize::from(byte) % 62]));
            }
        }

        token
    }
}

/// The id that follows `last` when the clock reads `now`, drawing random bits from
/// `fresh` whenever a new millisecond starts.
fn advance(last: Last, now: u64, fresh: impl FnOnce() -> u128) -> Last {
    if now > last.millis {
        Last {
            millis: now,
            random: fresh(),
        }
    } else if last.random < MAX_RANDOM {
        Last {
            millis: last.millis,
            random: last.random + 1,
        }
    } else {
        // This millisecond is used up: borrow the next one.
        Last {
            millis: last.millis + 1,
            random: fresh(),
        }
    }
}

/// 80 random bits, from the operating system.
fn random_bits() -> u128 {
    let mut bytes = [0_u8; 16];
    fill_random(&mut bytes[6..]);
    u128::from_be_bytes(bytes)
}

/// Fills `bytes` from the operating system's cryptographic source.
fn fill_random(bytes: &mut [u8]) {
    // Without a working random source no id or secret is safe to hand out, and the
    // port gives no way to report it: failing loudly is the only honest answer.
    getrandom::fill(bytes).expect("the operating system's random source failed");
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_strictly_increase_over_a_hundred_thousand_draws() {
        let source = UlidSource::new();
        let mut previous = source.next_id();

        for _ in 0..100_000 {
            let next = source.next_id();
            assert!(next > previous, "{next:?} is not after {previous:?}");
            previous = next;
        }
    }

    #[test]
    fn ids_carry_the_current_time() {
        let before = millis_since_epoch(SystemTime::now());
        let id = concord_domain::id::UserId::from(UlidSource::new().next_id());
        let after = millis_since_epoch(SystemTime::now());

        assert!((before..=after).contains(&id.created_at().as_millis()));
    }

    #[test]
    fn within_one_millisecond_the_random_part_counts_up() {
        let last = Last {
            millis: 10,
            random: 41,
        };
        let next = advance(last, 10, || unreachable!("no new millisecond started"));
        assert_eq!(
            next,
            Last {
                millis: 10,
                random: 42
            }
        );
    }

    #[test]
    fn a_clock_stepping_back_does_not_send_ids_back() {
        let last = Last {
            millis: 10,
            random: 7,
        };
        assert_eq!(
            advance(last, 3, || 0),
            Last {
                millis: 10,
                random: 8
            }
        );
    }

    #[test]
    fn an_exhausted_millisecond_moves_on_to_the_next_one() {
        let last = Last {
            millis: 10,
            random: MAX_RANDOM,
        };
        assert_eq!(
            advance(last, 10, || 5),
            Last {
                millis: 11,
                random: 5
            }
        );
    }

    #[test]
    fn random_bits_fit_in_eighty_bits() {
        assert!(
            (0..100)
                .map(|_| random_bits())
                .all(|bits| bits <= MAX_RANDOM)
        );
    }

    #[test]
    fn tokens_have_the_requested_length_and_alphabet() {
        let source = UlidSource::new();

        for length in [0, 1, 32, 200] {
            let token = source.random_token(length);
            assert_eq!(token.len(), length);
            assert!(
                token.bytes().all(|byte| byte.is_ascii_alphanumeric()),
                "{token}"
            );
        }
    }

    #[test]
    fn tokens_differ_from_one_another() {
        let source = UlidSource::new();
        let tokens: HashSet<String> = (0..1_000).map(|_| source.random_token(32)).collect();
        assert_eq!(tokens.len(), 1_000);
    }

    #[test]
    fn unguessable_ids_of_one_millisecond_do_not_follow_each_other() {
        let source = UlidSource::new();
        let ids: Vec<u128> = (0..100).map(|_| source.unguessable_id().0.0).collect();

        let neighbours = ids
            .windows(2)
            .filter(|pair| pair[1].abs_diff(pair[0]) < 1 << 40);
        assert_eq!(neighbours.count(), 0, "ids too close together: {ids:?}");
    }
}
