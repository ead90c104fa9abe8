//! Checkpoints: how a session's numbering is shared with other processes.
//!
//! With a transport that keeps history, a session records a checkpoint when READY or
//! RESUMED is sent, whenever its rooms change, on every heartbeat and when its
//! connection drops. Between two checkpoints its dispatches are exactly the events of
//! the checkpoint's rooms, in position order, each after its room's start, so another
//! process can number them again the same way (see `resume`).

use concord_ports::resume::Checkpoint;
use tracing::warn;

use super::{Gateway, Session, SessionState};

impl Gateway {
    /// Records the session's numbering, if checkpoints are shared.
    pub(super) async fn checkpoint(&self, session: &Session, state: &SessionState) {
        let Some(log) = self.resume_log() else { return };
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
        if let Err(error) = log.record(&session.id, &checkpoint, ttl).await {
            warn!(session_id = %session.id, %error, "could not record a checkpoint");
        }
    }

    /// Drops the session's checkpoints: it ended for good.
    pub(super) async fn forget(&self, session: &Session) {
        let Some(log) = self.resume_log() else { return };
        if let Err(error) = log.forget(&session.id).await {
            warn!(session_id = %session.id, %error, "could not drop checkpoints");
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
