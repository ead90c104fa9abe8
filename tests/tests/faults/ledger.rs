//! What the server promised, and whether its history keeps the promise.
//!
//! Every message a sender posts is an [`Attempt`]: the sender's number and its place in
//! that sender's sequence, from which its content (unique) and nonce follow. Even
//! senders send nonces and odd ones do not, because the server stores the two kinds
//! along different paths.
//!
//! The [`Ledger`] holds every attempt the server acknowledged with 201 and the id it
//! gave, and the attempts without a nonce that got no answer, which cannot be retried
//! safely and so stay in doubt for good. It checks a full history against them: each
//! acknowledged message exactly once, with its content, in id order, each sender's
//! messages in the order they were sent, and nothing else but attempts in doubt, each
//! at most once. It knows nothing of HTTP.

use std::collections::{HashMap, HashSet};

/// One message a sender posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attempt {
    /// Which sender.
    pub sender: usize,
    /// Its place in that sender's sequence, from 0.
    pub seq: u64,
}

impl Attempt {
    /// The nonce, for even senders: unique per attempt, the same on every retry of it.
    pub fn nonce(&self) -> Option<String> {
        self.sender
            .is_multiple_of(2)
            .then(|| format!("s{}-{}", self.sender, self.seq))
    }

    /// The content, unique, and of varying length so that a torn or swapped record shows.
    pub fn content(&self) -> String {
        let filler = "abcdefghijklmnopqrstuvwxyz".repeat(1 + (self.seq % 7) as usize);
        format!("sender {} message {} {filler}", self.sender, self.seq)
    }

    /// Whether `history` holds this attempt's message.
    pub fn is_in(&self, history: &[Stored]) -> bool {
        let content = self.content();
        history.iter().any(|m| m.content == content)
    }
}

/// A message as the server returned it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id; ids sort in the order the server created them.
    pub id: String,
    /// The nonce it was sent with.
    pub nonce: Option<String>,
    /// Its content.
    pub content: String,
}

/// The attempts the server acknowledged, and where each sender's sequence stands.
pub struct Ledger {
    next: Vec<u64>,
    /// By content: the attempt and the id it was acknowledged with.
    acked: HashMap<String, (Attempt, String)>,
    /// By content: attempts without a nonce that got no answer.
    abandoned: HashMap<String, Attempt>,
}

impl Ledger {
    /// An empty ledger for `senders` senders.
    pub fn new(senders: usize) -> Ledger {
        Ledger {
            next: vec![0; senders],
            acked: HashMap::new(),
            abandoned: HashMap::new(),
        }
    }

    /// How many senders there are.
    pub fn senders(&self) -> usize {
        self.next.len()
    }

    /// How many messages were acknowledged.
    pub fn acknowledged(&self) -> usize {
        self.acked.len()
    }

    /// The next attempt of `sender`, left for a round of senders to take.
    pub fn next_of(&self, sender: usize) -> Attempt {
        Attempt {
            sender,
            seq: self.next[sender],
        }
    }

    /// The next attempt of `sender`, which is then taken.
    pub fn take_next(&mut self, sender: usize) -> Attempt {
        let attempt = self.next_of(sender);
        self.next[sender] += 1;
        attempt
    }

    /// Notes that `sender` has used its sequence up to `next`, exclusive.
    pub fn advance(&mut self, sender: usize, next: u64) {
        self.next[sender] = self.next[sender].max(next);
    }

    /// Records the 201 answer `stored` to `attempt`, which must echo what was sent. An
    /// attempt acknowledged twice (a retry) must have been given the same id both times.
    pub fn record(&mut self, attempt: Attempt, stored: &Stored) {
        assert_eq!(stored.content, attempt.content(), "content of {attempt:?}");
        assert_eq!(stored.nonce, attempt.nonce(), "nonce of {attempt:?}");
        let earlier = self
            .acked
            .insert(attempt.content(), (attempt, stored.id.clone()));
        if let Some((_, first_id)) = earlier {
            assert_eq!(
                first_id, stored.id,
                "{attempt:?} acknowledged under two ids"
            );
        }
    }

    /// Leaves `attempt`, which has no nonce and got no answer, in doubt for good.
    pub fn abandon(&mut self, attempt: Attempt) {
        assert!(attempt.nonce().is_none(), "{attempt:?} can be retried");
        self.abandoned.insert(attempt.content(), attempt);
    }

    /// Checks a channel's full history, oldest first, against the ledger; attempts in
    /// `in_doubt` got no answer and may or may not be there. Panics with every problem.
    pub fn check(&self, history: &[Stored], in_doubt: &[Attempt]) -> Audit {
        let in_doubt: HashMap<String, Attempt> =
            in_doubt.iter().map(|a| (a.content(), *a)).collect();
        let mut audit = Audit::default();
        let mut seen_ids = HashSet::new();
        let mut seen_contents = HashSet::new();
        let mut last_seq: HashMap<usize, u64> = HashMap::new();

        for (position, message) in history.iter().enumerate() {
            if position > 0 && history[position - 1].id >= message.id {
                let previous = &history[position - 1].id;
                audit.problem(format!("{} is not after {previous}", message.id));
            }
            let content = &message.content;
            if !seen_ids.insert(&message.id) || !seen_contents.insert(content) {
                audit.duplicated += 1;
                audit.problem(format!("{message:?} appears twice"));
                continue;
            }

            let doubtful = in_doubt.get(content).or(self.abandoned.get(content));
            let attempt = match (self.acked.get(content), doubtful) {
                (Some((attempt, id)), _) => {
                    if *id != message.id {
                        audit.problem(format!("{attempt:?} acknowledged as {id}: {message:?}"));
                    }
                    *attempt
                }
                (None, Some(attempt)) => {
                    audit.doubtful_present += 1;
                    *attempt
                }
                (None, None) => {
                    audit.unknown += 1;
                    audit.problem(format!("{message:?} was never sent"));
                    continue;
                }
            };
            if message.nonce != attempt.nonce() {
                audit.problem(format!("{attempt:?} stored with nonce {:?}", message.nonce));
            }
            if let Some(previous) = last_seq.insert(attempt.sender, attempt.seq)
                && previous >= attempt.seq
            {
                audit.problem(format!("{attempt:?} comes after seq {previous}"));
            }
        }

        for (content, (attempt, id)) in &self.acked {
            if !seen_contents.contains(content) {
                audit.lost += 1;
                audit.problem(format!("{attempt:?}, acknowledged as {id}, is gone"));
            }
        }
        audit.messages = history.len();
        assert!(audit.problems.is_empty(), "{audit}");
        audit
    }
}

/// The figures of one check.
#[derive(Debug, Default)]
pub struct Audit {
    /// Messages in the history.
    pub messages: usize,
    /// Acknowledged messages missing from it.
    pub lost: usize,
    /// Messages in it twice.
    pub duplicated: usize,
    /// Messages in it that no sender sent.
    pub unknown: usize,
    /// Attempts in doubt that were stored after all.
    pub doubtful_present: usize,
    problems: Vec<String>,
}

impl Audit {
    fn problem(&mut self, problem: String) {
        self.problems.push(problem);
    }
}

impl std::fmt::Display for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} messages: {} lost, {} duplicated, {} unknown; problems:",
            self.messages, self.lost, self.duplicated, self.unknown
        )?;
        for problem in self.problems.iter().take(20) {
            writeln!(f, "  {problem}")?;
        }
        if self.problems.len() > 20 {
            writeln!(f, "  ... and {} more", self.problems.len() - 20)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(attempt: Attempt, id: &str) -> Stored {
        Stored {
            id: id.to_owned(),
            nonce: attempt.nonce(),
            content: attempt.content(),
        }
    }

    #[test]
    fn a_history_holding_every_acknowledged_message_in_order_passes() {
        let mut ledger = Ledger::new(2);
        let (a, b, c) = (
            ledger.take_next(0),
            ledger.take_next(1),
            ledger.take_next(0),
        );
        let history = vec![stored(a, "01"), stored(b, "02"), stored(c, "03")];
        ledger.record(a, &history[0]);
        ledger.record(b, &history[1]);
        let audit = ledger.check(&history, &[c]);
        assert_eq!((audit.messages, audit.doubtful_present), (3, 1));
    }

    #[test]
    fn an_abandoned_attempt_may_stay_missing_or_show_up_later() {
        let mut ledger = Ledger::new(2);
        let a = ledger.take_next(1);
        ledger.abandon(a);
        ledger.check(&[], &[]);
        assert_eq!(ledger.check(&[stored(a, "01")], &[]).doubtful_present, 1);
    }

    #[test]
    #[should_panic(expected = "1 lost")]
    fn a_missing_acknowledged_message_fails() {
        let mut ledger = Ledger::new(1);
        let a = ledger.take_next(0);
        ledger.record(a, &stored(a, "01"));
        ledger.check(&[], &[]);
    }

    #[test]
    #[should_panic(expected = "1 duplicated")]
    fn a_message_stored_twice_fails() {
        let mut ledger = Ledger::new(2);
        let a = ledger.take_next(1);
        ledger.record(a, &stored(a, "01"));
        ledger.check(&[stored(a, "01"), stored(a, "02")], &[]);
    }

    #[test]
    #[should_panic(expected = "comes after")]
    fn a_sender_out_of_order_fails() {
        let mut ledger = Ledger::new(1);
        let (a, b) = (ledger.take_next(0), ledger.take_next(0));
        ledger.record(a, &stored(a, "02"));
        ledger.record(b, &stored(b, "01"));
        ledger.check(&[stored(b, "01"), stored(a, "02")], &[]);
    }
}
