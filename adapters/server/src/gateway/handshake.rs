//! A connection's first steps: IDENTIFY, answered with READY, or RESUME, answered with
//! the missed dispatches and RESUMED; heartbeats are acknowledged meanwhile.
//!
//! These run once per connection and their futures are large (gathering READY most of
//! all), so [`Connection::run`] boxes them rather than keep room for them in the
//! connection's task for its whole life.

use std::sync::Arc;

use concord_app::AppError;
use concord_app::gateway::{Gateway, ResumeError, Session, SessionState};
use tokio::time::sleep_until;
use tracing::warn;

use super::frames::{self, ClientFrame, Close, Op};
use super::{Connection, TAKE_OVER, follow_access};

impl Connection {
    /// Waits for IDENTIFY or RESUME; answers heartbeats meanwhile.
    pub(super) async fn authenticate(&mut self) -> Option<(Arc<Session>, SessionState)> {
        loop {
            let deadline = self.deadline;
            let frame = tokio::select! {
                frame = self.next_frame() => frame,
                _ = sleep_until(deadline) => {
                    self.close(Close::SessionTimedOut).await;
                    return None;
                }
            };
            let frame = match frame {
                Ok(Some(frame)) => frame,
                Ok(None) => return None,
                Err(close) => {
                    self.close(close).await;
                    return None;
                }
            };
            match frame.op {
                Op::Heartbeat => self.send(frames::heartbeat_ack()).await.ok()?,
                Op::Identify => return self.identify(frame).await,
                Op::Resume => match self.resume(frame).await {
                    Ok(session) => return Some(session),
                    Err(Some(close)) => {
                        self.close(close).await;
                        return None;
                    }
                    Err(None) => self.send(frames::invalid_session()).await.ok()?,
                },
                _ => {
                    self.close(Close::NotAuthenticated).await;
                    return None;
                }
            }
        }
    }

    async fn identify(&mut self, frame: ClientFrame) -> Option<(Arc<Session>, SessionState)> {
        let Some(token) = frame.token() else {
            self.close(Close::DecodeError).await;
            return None;
        };
        match self.edge.gateway.identify(&token).await {
            Ok((session, state, ready)) => {
                let ready = frames::dispatch_value("READY", state.seq, &ready);
                if self.send(ready).await.is_err() {
                    self.edge.gateway.disconnect(&session, state, true).await;
                    return None;
                }
                self.edge.metrics.dispatched(1);
                Some((session, state))
            }
            Err(AppError::Unauthorized(_)) => {
                self.close(Close::AuthenticationFailed).await;
                None
            }
            Err(AppError::RateLimited(_)) => {
                self.close(Close::RateLimited).await;
                None
            }
            Err(error) => {
                warn!(%error, "identify failed");
                self.close(Close::Unknown).await;
                None
            }
        }
    }

    /// Resumes a session; `Err(None)` asks the client to identify again.
    async fn resume(
        &mut self,
        frame: ClientFrame,
    ) -> Result<(Arc<Session>, SessionState), Option<Close>> {
        let Some((token, session_id, seq)) = frame.resume() else {
            return Err(Some(Close::DecodeError));
        };
        let resuming = self.edge.gateway.resume(&token, &session_id, seq);
        let resumed = match tokio::time::timeout(TAKE_OVER, resuming).await {
            Err(_) => return Err(None),
            Ok(Ok(resumed)) => resumed,
            Ok(Err(ResumeError::Unauthorized)) => return Err(Some(Close::AuthenticationFailed)),
            Ok(Err(ResumeError::InvalidSeq)) => return Err(Some(Close::InvalidSeq)),
            Ok(Err(ResumeError::Invalid)) => return Err(None),
            Ok(Err(ResumeError::App(error))) => {
                warn!(%error, "resume failed");
                return Err(Some(Close::Unknown));
            }
        };

        let (session, mut state) = (resumed.session, resumed.state);
        let mut replayed = resumed.missed.len() as u64;
        for (seq, payload) in resumed.missed {
            if self
                .socket
                .feed(frames::dispatch(&payload, seq))
                .await
                .is_err()
            {
                self.edge.gateway.disconnect(&session, state, true).await;
                return Err(None);
            }
        }
        // Then what queued up while no connection served the session, following changes
        // of access as a live connection does: nothing said in a guild after the member
        // was kicked from it is sent.
        let now = self.edge.gateway.now();
        let limits = self.edge.gateway.replay_limits();
        while let Some(delivery) = session.try_next_delivery() {
            if !self.edge.gateway.admit(&session, &mut state, &delivery) {
                continue;
            }
            let seq = state.record(delivery.clone(), now, limits);
            replayed += 1;
            if Gateway::changes_access(&delivery, session.user_id) {
                follow_access(&self.edge.gateway, &session, &mut state).await;
            }
            if self
                .socket
                .feed(frames::dispatch(&delivery.payload, seq))
                .await
                .is_err()
            {
                self.edge.gateway.disconnect(&session, state, true).await;
                return Err(None);
            }
        }
        let seq = self.edge.gateway.resumed(&session, &mut state).await;
        let resumed_frame = frames::dispatch_value("RESUMED", seq, &serde_json::json!({}));
        if self.send(resumed_frame).await.is_err() {
            self.edge.gateway.disconnect(&session, state, true).await;
            return Err(None);
        }
        self.edge.metrics.dispatched(replayed + 1);
        Ok((session, state))
    }
}
