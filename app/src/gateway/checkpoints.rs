//! Checkpoints: how a session's numbering is shared with other processes.
//!
//! With a transport that keeps history, a session records a checkpoint when READY or
//! RESUMED is sent, whenever its rooms change, on every heartbeat and when its
//! connection drops. Between two checkpoints its dispatches are exactly the events of
//! the checkpoint's rooms, in position order, each after its room's start, so another
//! process can number them again the same way (see `resume`).
//!
//! A session may move between processes and back: its connection to one drops (that
//! process keeps a copy), it resumes on another, which rebuilds it and records
//! checkpoints of its own, and later it may come back. Each copy remembers a
//! fingerprint of the last checkpoint it recorded; when the newest checkpoint in the
//! log is not that one, another process has served the session since, and the copy is
//! out of date: it is retired, records and forgets nothing more, and the session is
//! rebuilt from the log instead.

use std::hash::{DefaultHasher, Hash, Hasher};

use concord_ports::resume::Checkpoint;
use tracing::{debug, warn};

use super::{Gateway, Session, SessionState};

impl Gateway {
    /// Records the session's numbering, if checkpoints are shared and this copy is not
    /// out of date.
    pub(super) async fn checkpoint(&self, session: &Session, state: &SessionState) {
        let Some(log) = self.resume_log() else { return };
        if session.retired() {
            return;
        }
        let checkpoint = Checkpoint {
            user_id: session.user_id,
            seq: state.seq,
            position: state.position,
            rooms: session
                .rooms()
                .into_iter()
                .map(|(room, start)| (room.to_string(), start))
                .collect(),
        };
        let ttl = self.checkpoint_ttl_secs();
        match log.record(&session.id, &checkpoint, ttl).await {
            Ok(()) => session.set_recorded(fingerprint(&checkpoint)),
            Err(error) => warn!(session_id = %session.id, %error, "could not record a checkpoint"),
        }
    }

    /// Drops the session's checkpoints: it ended for good. An out-of-date copy leaves
    /// them to the process serving the session.
    pub(super) async fn forget(&self, session: &Session) {
        let Some(log) = self.resume_log() else { return };
        if session.retired() {
            return;
        }
        if let Err(error) = log.forget(&session.id).await {
            warn!(session_id = %session.id, %error, "could not drop checkpoints");
        }
    }

    /// Whether another process has recorded a checkpoint of the session since this copy
    /// last did. When the log cannot be read, the copy is trusted.
    pub(super) async fn served_elsewhere(&self, session: &Session) -> bool {
        let Some(log) = self.resume_log() else {
            return false;
        };
        match log.latest(&session.id).await {
            Ok(Some(newest)) if fingerprint(&newest) != session.recorded() => {
                debug!(session_id = %session.id, "session served elsewhere since");
                true
            }
            Ok(_) => false,
            Err(error) => {
                warn!(session_id = %session.id, %error, "could not read the latest checkpoint");
                false
            }
        }
    }

    /// The checkpoint log, when the transport's history makes checkpoints useful.
    pub(super) fn resume_log(&self) -> Option<&dyn concord_ports::resume::ResumeLog> {
        if !self.pubsub.keeps_history() {
            return None;
        }
        self.concord.deps.resume_log.as_deref()
    }

    /// Checkpoints outlive the resume window a little.
    fn checkpoint_ttl_secs(&self) -> u64 {
        (self.settings.resume_window_millis / 1000).max(1) as u64 + 30
    }
}

/// What tells one checkpoint from another, never 0 (a copy's "none recorded yet").
fn fingerprint(checkpoint: &Checkpoint) -> u64 {
    let mut hasher = DefaultHasher::new();
    let Checkpoint {
        user_id,
        seq,
        position,
        rooms,
    } = checkpoint;
    (user_id, seq, position, rooms).hash(&mut hasher);
    hasher.finish() | 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_domain::id::UserId;
    use concord_domain::time::Timestamp;

    fn checkpoint(seq: u64, rooms: &[(&str, u64)]) -> Checkpoint {
        Checkpoint {
            user_id: UserId::lowest_at(Timestamp(1)),
            seq,
            position: 40,
            rooms: rooms.iter().map(|(r, s)| ((*r).to_owned(), *s)).collect(),
        }
    }

    #[test]
    fn fingerprints_tell_numberings_apart_and_are_never_zero() {
        let mine = checkpoint(7, &[("room:user:1", 3)]);
        assert_eq!(fingerprint(&mine), fingerprint(&mine.clone()));
        assert_ne!(
            fingerprint(&mine),
            fingerprint(&checkpoint(8, &[("room:user:1", 3)]))
        );
        assert_ne!(
            fingerprint(&mine),
            fingerprint(&checkpoint(7, &[("room:user:1", 4)]))
        );
        assert_ne!(fingerprint(&mine), 0);
    }
}
