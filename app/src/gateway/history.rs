//! A session's replay history: the dispatches it sent recently, numbered, so that a
//! client that reconnects can be sent what it missed.
//!
//! Every session keeps one, and most sessions are idle, so it is kept small:
//!
//! - A dispatch is kept as a pointer to the delivery every session of its room shares;
//!   its sequence number is implied by its place. The numbers are contiguous but for
//!   the few that READY and RESUMED take, which are never replayed: they hold an empty
//!   place, a null pointer.
//! - Times are not kept per dispatch. A mark notes the first dispatch recorded in each
//!   stretch of [`ReplayLimits::keep_millis`]` / 64` milliseconds, so that age is known
//!   to within that stretch; a dispatch is taken to be as young as the end of its
//!   stretch, so nothing younger than `keep_millis` is ever forgotten for its age.
//!
//! For a session that saw a hundred dispatches within a few seconds this is about 1 KiB
//! rather than the 4 KiB that a sequence number, payload pointer and time each cost.
//! And what the client acknowledged in a heartbeat is dropped at once, whatever the
//! limits would keep: it never resumes from before that.

use std::collections::VecDeque;
use std::sync::Arc;

use concord_domain::time::Timestamp;

use super::session::{Delivery, ReplayLimits};

/// Marks per `keep_millis`: the precision of a dispatch's age.
const MARKS_PER_WINDOW: i64 = 64;
/// The most numbers between two dispatches that are filled with empty places; past it
/// the history starts anew.
const MAX_GAP: u64 = 16;

/// The first dispatch recorded at or after a time.
#[derive(Debug, Clone, Copy)]
struct Mark {
    seq: u64,
    at: i64,
}

/// The dispatches a session keeps for replay, oldest first.
#[derive(Debug, Default)]
pub struct ReplayHistory {
    /// The sequence number of the oldest dispatch kept.
    first_seq: u64,
    /// `None` for a number that was not a replayable dispatch.
    dispatches: VecDeque<Option<Arc<Delivery>>>,
    /// Oldest first; the first one covers the oldest dispatch kept.
    marks: VecDeque<Mark>,
}

impl ReplayHistory {
    /// How many dispatches are kept.
    pub fn len(&self) -> usize {
        self.dispatches.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.dispatches.is_empty()
    }

    /// Keeps dispatch `seq`, sent at `now`, then forgets what is both older than
    /// `keep_millis` and beyond the newest `keep_count`, and anything past `max_count`.
    /// Numbers skipped since the last kept one are remembered as not replayable; a
    /// number out of line starts the history anew.
    pub fn push(
        &mut self,
        seq: u64,
        delivery: Arc<Delivery>,
        now: Timestamp,
        limits: ReplayLimits,
    ) {
        let next = self.next_seq();
        if self.dispatches.is_empty() || seq < next || seq - next > MAX_GAP {
            self.dispatches.clear();
            self.marks.clear();
            self.first_seq = seq;
        }
        for _ in self.next_seq()..seq {
            self.dispatches.push_back(None);
        }
        let now = now.as_millis();
        let stretch = stretch(limits);
        if self
            .marks
            .back()
            .is_none_or(|mark| now - mark.at >= stretch)
        {
            self.marks.push_back(Mark { seq, at: now });
        }
        self.dispatches.push_back(Some(delivery));
        self.forget(now, limits);
    }

    /// The dispatches after `seq` with their numbers, or `None` if some of them are no
    /// longer kept. `last_seq` is the number of the last dispatch sent.
    pub fn after(&self, seq: u64, last_seq: u64) -> Option<Vec<(u64, Arc<str>)>> {
        let oldest_kept = if self.dispatches.is_empty() {
            last_seq + 1
        } else {
            self.first_seq
        };
        if seq + 1 < oldest_kept {
            return None;
        }
        let skip = usize::try_from(seq + 1 - oldest_kept).unwrap_or(usize::MAX);
        Some(
            self.dispatches
                .iter()
                .enumerate()
                .skip(skip)
                .filter_map(|(index, kept)| {
                    let payload = kept.as_ref()?.payload.clone();
                    Some((self.first_seq + index as u64, payload))
                })
                .collect(),
        )
    }

    /// Forgets the dispatches up to `seq`, which the client said it has: it never
    /// resumes from before them. Whatever the limits would keep, a session whose client
    /// heartbeats keeps only what it sent since the last heartbeat.
    pub fn acknowledge(&mut self, seq: u64) {
        while self.first_seq <= seq && self.forget_oldest() {}
        if self.dispatches.is_empty() {
            // Gives the slots back; the next dispatch starts the history anew.
            *self = Self::default();
        }
    }

    fn next_seq(&self) -> u64 {
        self.first_seq + self.dispatches.len() as u64
    }

    fn forget(&mut self, now: i64, limits: ReplayLimits) {
        let stretch = stretch(limits);
        while let Some(oldest) = self.marks.front() {
            let len = self.dispatches.len();
            let too_many = len > limits.max_count;
            // The oldest dispatch was sent before the end of its mark's stretch.
            let old = now - (oldest.at + stretch) > limits.keep_millis;
            if !(too_many || (old && len > limits.keep_count)) {
                break;
            }
            self.forget_oldest();
        }
    }

    /// Forgets the oldest dispatch, and its mark once the next mark covers what is left;
    /// false if there was none.
    fn forget_oldest(&mut self) -> bool {
        if self.dispatches.pop_front().is_none() {
            return false;
        }
        self.first_seq += 1;
        if self
            .marks
            .get(1)
            .is_some_and(|next| next.seq <= self.first_seq)
        {
            self.marks.pop_front();
        }
        true
    }
}

/// How long one mark covers, in milliseconds.
fn stretch(limits: ReplayLimits) -> i64 {
    (limits.keep_millis / MARKS_PER_WINDOW).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ReplayLimits = ReplayLimits {
        keep_count: 3,
        keep_millis: 6400,
        max_count: 5,
    };

    fn delivery(name: &str) -> Arc<Delivery> {
        Arc::new(Delivery {
            room: "r".into(),
            position: 0,
            payload: name.into(),
        })
    }

    fn numbers(replay: Option<Vec<(u64, Arc<str>)>>) -> Vec<u64> {
        replay.unwrap().iter().map(|(seq, _)| *seq).collect()
    }

    #[test]
    fn dispatches_after_a_number_come_back_numbered_in_order() {
        let mut history = ReplayHistory::default();
        for seq in 2..5 {
            history.push(seq, delivery(&format!("e{seq}")), Timestamp(0), LIMITS);
        }
        let replay = history.after(2, 4).unwrap();
        assert_eq!(replay[0], (3, Arc::from("e3")));
        assert_eq!(replay[1], (4, Arc::from("e4")));
        assert!(history.after(4, 4).unwrap().is_empty());
        assert_eq!(numbers(history.after(1, 4)), vec![2, 3, 4]);
        assert!(history.after(0, 4).is_none(), "dispatch 1 was never kept");
    }

    #[test]
    fn an_empty_history_replays_nothing_after_the_last_number_only() {
        let history = ReplayHistory::default();
        assert!(history.after(7, 7).unwrap().is_empty());
        assert!(history.after(6, 7).is_none());
    }

    #[test]
    fn young_dispatches_are_kept_beyond_the_count_up_to_the_maximum() {
        let mut history = ReplayHistory::default();
        for seq in 1..=6 {
            history.push(seq, delivery("e"), Timestamp(seq as i64), LIMITS);
        }
        assert_eq!(history.len(), 5);
        assert_eq!(numbers(history.after(1, 6)), vec![2, 3, 4, 5, 6]);
    }

    #[test]
    fn old_dispatches_are_forgotten_down_to_the_kept_count() {
        let mut history = ReplayHistory::default();
        for seq in 1..=5 {
            history.push(seq, delivery("e"), Timestamp(0), LIMITS);
        }
        history.push(6, delivery("e"), Timestamp(20_000), LIMITS);
        assert_eq!(numbers(history.after(3, 6)), vec![4, 5, 6]);
        assert!(history.after(2, 6).is_none());
    }

    #[test]
    fn nothing_younger_than_the_window_is_forgotten_for_its_age() {
        let mut history = ReplayHistory::default();
        // Marks cover 100 ms each: dispatches 1-4 share the mark at 0.
        for (seq, at) in [(1, 0), (2, 50), (3, 99), (4, 99), (5, 150)] {
            history.push(seq, delivery("e"), Timestamp(at), LIMITS);
        }
        // At 6,499 the dispatch sent at 99 is 6,400 ms old: not older than the window.
        history.push(6, delivery("e"), Timestamp(6_499), LIMITS);
        assert_eq!(history.len(), 5, "only the maximum forgot one");
        // Past 6,500 the whole first stretch may go, down to the kept count.
        history.push(7, delivery("e"), Timestamp(6_501), LIMITS);
        assert_eq!(numbers(history.after(4, 7)), vec![5, 6, 7]);
    }

    #[test]
    fn numbers_taken_by_other_frames_are_skipped_in_a_replay() {
        let mut history = ReplayHistory::default();
        history.push(2, delivery("a"), Timestamp(0), LIMITS);
        // 3 was RESUMED.
        history.push(4, delivery("b"), Timestamp(0), LIMITS);
        assert_eq!(numbers(history.after(1, 4)), vec![2, 4]);
        assert_eq!(numbers(history.after(2, 4)), vec![4]);
        assert_eq!(numbers(history.after(3, 4)), vec![4]);
    }

    #[test]
    fn a_number_far_out_of_line_starts_the_history_anew() {
        let mut history = ReplayHistory::default();
        history.push(1, delivery("a"), Timestamp(0), LIMITS);
        history.push(100, delivery("b"), Timestamp(0), LIMITS);
        assert_eq!(numbers(history.after(99, 100)), vec![100]);
        assert!(history.after(98, 100).is_none());
        history.push(50, delivery("c"), Timestamp(0), LIMITS);
        assert_eq!(numbers(history.after(49, 50)), vec![50]);
    }

    #[test]
    fn acknowledged_dispatches_are_forgotten_and_the_rest_still_replay() {
        let mut history = ReplayHistory::default();
        for seq in 1..=4 {
            history.push(seq, delivery(&format!("e{seq}")), Timestamp(0), LIMITS);
        }
        history.acknowledge(2);
        assert_eq!(history.len(), 2);
        assert_eq!(numbers(history.after(2, 4)), vec![3, 4]);
        assert!(
            history.after(1, 4).is_none(),
            "the client said it has dispatch 2"
        );

        history.acknowledge(4);
        assert!(history.is_empty());
        assert!(history.after(4, 4).unwrap().is_empty());
        history.push(5, delivery("e5"), Timestamp(0), LIMITS);
        assert_eq!(numbers(history.after(4, 5)), vec![5]);
    }

    #[test]
    fn acknowledging_keeps_the_marks_covering_what_is_left() {
        let mut history = ReplayHistory::default();
        // One dispatch per stretch (6400 / 64 = 100 ms), so each has a mark of its own.
        for seq in 1..=5 {
            history.push(seq, delivery("e"), Timestamp(seq as i64 * 100), LIMITS);
        }
        history.acknowledge(3);
        assert_eq!(history.marks.front().map(|mark| mark.seq), Some(4));
        // Old enough to go, but within keep_count: both stay.
        history.forget(100_000, LIMITS);
        assert_eq!(numbers(history.after(3, 5)), vec![4, 5]);
    }

    #[test]
    fn a_kept_place_costs_one_pointer() {
        assert_eq!(size_of::<Option<Arc<Delivery>>>(), size_of::<usize>());
    }
}
