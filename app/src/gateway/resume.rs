//! Resuming a session on a new connection, with every dispatch the client missed.
//!
//! On the process that holds the session, the missed dispatches come from its
//! in-memory history, unless another process has served the session since (see
//! `checkpoints`). On any other process (its holder may have died), they are rebuilt
//! from the session's checkpoints and the rooms' histories kept by the transport:
//! starting at the newest checkpoint the client had reached, each stretch between two
//! checkpoints is the merge, by position, of its rooms' events after their starts. The
//! numbering is recounted exactly as the holder counted it; the dispatches after the
//! client's sequence number are sent, but only from rooms the user may still see.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use concord_domain::id::UserId;
use concord_ports::pubsub::History;
use concord_ports::resume::Checkpoint;
use tracing::{debug, info};

use super::{Delivery, Gateway, Session, SessionState, lock};
use crate::AppError;

/// Why a resume was refused.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    /// The token is not valid, or belongs to someone else.
    #[error("authentication failed")]
    Unauthorized,
    /// The session is unknown, expired, overflowed, or its history is gone; the client
    /// should identify again and catch up through the REST API.
    #[error("session cannot be resumed")]
    Invalid,
    /// The client claims a sequence number the session never sent.
    #[error("invalid sequence number")]
    InvalidSeq,
    /// Storage or pub/sub failed.
    #[error(transparent)]
    App(#[from] AppError),
}

/// A resumed session with the dispatches its client missed.
pub struct Resumed {
    /// The session.
    pub session: Arc<Session>,
    /// Its connection-side state, now owned by the resuming connection.
    pub state: SessionState,
    /// The dispatches after the client's sequence number, in order.
    pub missed: Vec<(u64, Arc<str>)>,
}

impl Gateway {
    /// Takes over a session for a new connection, with what it missed.
    pub async fn resume(
        &self,
        token: &str,
        session_id: &str,
        seq: u64,
    ) -> Result<Resumed, ResumeError> {
        let user = match self.concord.authenticate(token).await {
            Ok(user) => user,
            Err(AppError::Unauthorized(_)) => return Err(ResumeError::Unauthorized),
            Err(other) => return Err(other.into()),
        };
        let local = lock(&self.sessions).get(session_id).cloned();
        let resumed = match local {
            Some(session) => self.resume_here(session, user, seq).await?,
            None => self.resume_elsewhere(session_id, user, seq).await?,
        };
        self.connected(user, session_id).await;
        debug!(
            session_id,
            missed = resumed.missed.len(),
            "gateway session resumed"
        );
        Ok(resumed)
    }

    /// Numbers the RESUMED dispatch and records where the session now stands.
    pub async fn resumed(&self, session: &Session, state: &mut SessionState) -> u64 {
        state.seq += 1;
        self.checkpoint(session, state).await;
        state.seq
    }

    /// Resumes a session this process holds, from its in-memory history, unless that
    /// copy is out of date: past its window, or served by another process since.
    async fn resume_here(
        &self,
        session: Arc<Session>,
        user: UserId,
        seq: u64,
    ) -> Result<Resumed, ResumeError> {
        if session.user_id != user {
            return Err(ResumeError::Unauthorized);
        }
        if self.expired(&session, self.concord.deps.clock.now()) {
            // As if the reaper had come by already.
            self.end(&session).await;
            return self.resume_elsewhere(&session.id, user, seq).await;
        }
        if session.retired() || self.served_elsewhere(&session).await {
            // Its numbering stopped where the session left this process; the checkpoints
            // go on from there. A connection still serving the copy lets go first.
            session.retire();
            drop(session.take_over().await);
            self.end(&session).await;
            return self.resume_elsewhere(&session.id, user, seq).await;
        }
        if session.overflowed() {
            self.end(&session).await;
            return Err(ResumeError::Invalid);
        }
        let Some(state) = session.take_over().await else {
            return Err(ResumeError::Invalid);
        };
        if seq > state.seq {
            session.park_state(state, self.concord.deps.clock.now());
            return Err(ResumeError::InvalidSeq);
        }
        let Some(missed) = state.replay_after(seq) else {
            self.end(&session).await;
            return Err(ResumeError::Invalid);
        };
        session.mark_connected();
        Ok(Resumed {
            session,
            state,
            missed,
        })
    }

    /// Rebuilds a session held by another (maybe dead) process from its checkpoints.
    async fn resume_elsewhere(
        &self,
        session_id: &str,
        user: UserId,
        seq: u64,
    ) -> Result<Resumed, ResumeError> {
        let Some(log) = self.resume_log() else {
            return Err(ResumeError::Invalid);
        };
        let checkpoints = log.checkpoints(session_id).await.map_err(unavailable)?;
        let Some(last) = checkpoints.last() else {
            return Err(ResumeError::Invalid);
        };
        if last.user_id != user {
            return Err(ResumeError::Unauthorized);
        }
        let Some(first) = checkpoints.iter().rposition(|c| c.seq <= seq) else {
            return Err(ResumeError::Invalid);
        };

        // Listen first, then fix the end of the replay: what comes later arrives live.
        let session = Session::new(session_id.to_owned(), user, self.settings.queue_capacity);
        let mut state = session.take_state().ok_or(ResumeError::Invalid)?;
        lock(&self.sessions).insert(session_id.to_owned(), session.clone());
        if let Err(error) = self.refresh_rooms(&session, &mut state).await {
            self.end(&session).await;
            return Err(error.into());
        }
        let end = self.position_now().await;
        let allowed: HashSet<Arc<str>> = session.rooms().into_keys().collect();

        let replay = self
            .rebuild(&checkpoints[first..], &allowed, &session, seq, end)
            .await;
        let (numbered, missed) = match replay {
            Ok(replay) => replay,
            Err(error) => {
                self.end(&session).await;
                return Err(error);
            }
        };
        if seq > numbered {
            self.end(&session).await;
            return Err(ResumeError::InvalidSeq);
        }

        state.seq = seq;
        state.position = end;
        let (now, limits) = (self.concord.deps.clock.now(), self.settings.replay);
        let missed: Vec<(u64, Arc<str>)> = missed
            .into_iter()
            .map(|delivery| {
                let payload = delivery.payload.clone();
                (state.record(delivery, now, limits), payload)
            })
            .collect();
        info!(
            session_id,
            missed = missed.len(),
            "gateway session resumed from checkpoints"
        );
        Ok(Resumed {
            session,
            state,
            missed,
        })
    }

    /// Recounts the dispatches from the first checkpoint up to position `end`. Returns
    /// the sequence number the holder reached and the events after `client_seq` from
    /// rooms the user may still see, in order.
    async fn rebuild(
        &self,
        checkpoints: &[Checkpoint],
        allowed: &HashSet<Arc<str>>,
        session: &Session,
        client_seq: u64,
        end: u64,
    ) -> Result<(u64, Vec<Arc<Delivery>>), ResumeError> {
        let mut seq = checkpoints[0].seq;
        let mut missed = Vec::new();
        for (index, checkpoint) in checkpoints.iter().enumerate() {
            if seq > checkpoint.seq {
                return Err(ResumeError::Invalid);
            }
            seq = checkpoint.seq;
            let upper = checkpoints.get(index + 1).map_or(end, |next| next.position);
            let mut rooms: HashMap<String, u64> = checkpoint.rooms.iter().cloned().collect();
            if index + 1 == checkpoints.len() {
                // Rooms joined since the last checkpoint count from where we joined them.
                for (room, start) in session.rooms() {
                    rooms.entry(room.to_string()).or_insert(start);
                }
            }

            for delivery in self.stretch(&rooms, checkpoint.position, upper).await? {
                seq += 1;
                if seq > client_seq && allowed.contains(&delivery.room) {
                    missed.push(delivery);
                }
            }
        }
        Ok((seq, missed))
    }

    /// The events of `rooms` in `(after, upper]`, each after its room's start, merged by
    /// position.
    async fn stretch(
        &self,
        rooms: &HashMap<String, u64>,
        after: u64,
        upper: u64,
    ) -> Result<Vec<Arc<Delivery>>, ResumeError> {
        let mut events = Vec::new();
        for (room, start) in rooms {
            let from = after.max(*start);
            let room: Arc<str> = Arc::from(room.as_str());
            match self
                .pubsub
                .history(&room, from)
                .await
                .map_err(unavailable)?
            {
                History::Events(found) => events.extend(
                    found
                        .into_iter()
                        .filter(|(position, _)| *position <= upper)
                        .map(|(position, payload)| Delivery {
                            room: room.clone(),
                            position,
                            payload,
                        }),
                ),
                History::Trimmed | History::Unsupported => return Err(ResumeError::Invalid),
            }
        }
        events.sort_by_key(|delivery| delivery.position);
        events.dedup_by_key(|delivery| delivery.position);
        Ok(events.into_iter().map(Arc::new).collect())
    }
}

fn unavailable(error: concord_ports::pubsub::PubSubError) -> ResumeError {
    ResumeError::App(AppError::Unavailable(error.0))
}
