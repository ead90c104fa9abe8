//! A gateway session: one client's subscription to events, surviving reconnects.
//!
//! Events reach a session through a bounded inbox; the connection currently serving the
//! session drains it, numbers each dispatch and keeps recent ones for replay. When the
//! connection drops, the inbox keeps filling and the numbered history is parked in the
//! session, so a resume on a new connection loses nothing. A session whose inbox fills
//! up has fallen too far behind: it is marked overflowed and can no longer be resumed.

use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Waker};

use concord_domain::id::UserId;
use concord_domain::time::Timestamp;
use tokio::sync::Notify;

use super::inbox::Inbox;

pub use super::history::ReplayHistory;

/// One event on its way to the sessions of a room: the room it came through, its
/// position and JSON. Made once per room and shared by every session's queue.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The room the event was published to.
    pub room: Arc<str>,
    /// The event's position, as numbered by the pub/sub transport.
    pub position: u64,
    /// The event as `{"t": ..., "d": ...}`.
    pub payload: Arc<str>,
}

impl Delivery {
    /// The event's name, read from the front of the payload without parsing it.
    pub fn event_name(&self) -> &str {
        event_name(&self.payload)
    }
}

/// The name `t` of a serialised event, which always comes first.
pub(crate) fn event_name(payload: &str) -> &str {
    payload
        .strip_prefix("{\"t\":\"")
        .and_then(|rest| rest.split_once('"'))
        .map_or("", |(name, _)| name)
}

/// The part of a session only the serving connection touches: the sequence counter and
/// the replay history.
#[derive(Debug)]
pub struct SessionState {
    /// The sequence number of the last dispatch sent.
    pub seq: u64,
    /// The position of the last event handled (with a transport that orders them).
    pub position: u64,
    /// Recent dispatches, for replay.
    pub history: ReplayHistory,
}

impl SessionState {
    /// Numbers a dispatch and remembers it for replay (see [`ReplayHistory::push`]).
    pub fn record(&mut self, delivery: Arc<Delivery>, now: Timestamp, limits: ReplayLimits) -> u64 {
        self.seq += 1;
        self.history.push(self.seq, delivery, now, limits);
        self.seq
    }

    /// Forgets the dispatches up to `seq`, which the client said it received; a number
    /// past the last one sent says nothing and is ignored.
    pub fn acknowledge(&mut self, seq: u64) {
        if seq <= self.seq {
            self.history.acknowledge(seq);
        }
    }

    /// The dispatches after `seq`, or `None` if some of them are no longer kept.
    pub fn replay_after(&self, seq: u64) -> Option<Vec<(u64, Arc<str>)>> {
        self.history.after(seq, self.seq)
    }
}

/// How much dispatch history a session keeps for resuming.
#[derive(Debug, Clone, Copy)]
pub struct ReplayLimits {
    /// Always keep at least this many recent dispatches.
    pub keep_count: usize,
    /// Always keep dispatches younger than this.
    pub keep_millis: i64,
    /// Never keep more than this many, whatever their age.
    pub max_count: usize,
}

/// A client's session.
#[derive(Debug)]
pub struct Session {
    /// The session id clients resume with.
    pub id: String,
    /// Whose session it is.
    pub user_id: UserId,
    /// Deliveries not yet sent; a slot holds a pointer to a delivery rooms share.
    inbox: Inbox<Arc<Delivery>>,
    state: Mutex<Option<SessionState>>,
    /// Rooms listened to, each with the position after which its events count.
    rooms: Mutex<HashMap<Arc<str>, u64>>,
    overflowed: AtomicBool,
    /// Woken when the session must stop: it overflowed or was ended.
    pub kill: Notify,
    /// Woken when a resume elsewhere takes the session over from the serving connection.
    pub superseded: Notify,
    parked: Notify,
    disconnected_at: Mutex<Option<Timestamp>>,
    /// A fingerprint of the last checkpoint this copy recorded (0 before the first).
    recorded: AtomicU64,
    /// Set once another process serves the session: this copy is out of date for good.
    retired: AtomicBool,
}

impl Session {
    /// A new session with an inbox of `capacity` deliveries.
    pub(crate) fn new(id: String, user_id: UserId, capacity: usize) -> Arc<Self> {
        let state = SessionState {
            seq: 0,
            position: 0,
            history: ReplayHistory::default(),
        };
        Arc::new(Self {
            id,
            user_id,
            inbox: Inbox::new(capacity),
            state: Mutex::new(Some(state)),
            rooms: Mutex::new(HashMap::new()),
            overflowed: AtomicBool::new(false),
            kill: Notify::new(),
            superseded: Notify::new(),
            parked: Notify::new(),
            disconnected_at: Mutex::new(None),
            recorded: AtomicU64::new(0),
            retired: AtomicBool::new(false),
        })
    }

    /// Queues a delivery without waiting; a full inbox marks the session overflowed.
    pub(crate) fn offer(&self, delivery: Arc<Delivery>) {
        if self.inbox.push(delivery).is_err() && !self.overflowed.swap(true, Ordering::AcqRel) {
            self.kill.notify_one();
        }
    }

    /// The next delivery to send, waiting for one. Only the serving connection, which
    /// holds the [`SessionState`], takes deliveries out.
    pub async fn next_delivery(&self) -> Arc<Delivery> {
        self.inbox.pop().await
    }

    /// The next delivery to send, if one is waiting.
    pub fn try_next_delivery(&self) -> Option<Arc<Delivery>> {
        self.inbox.try_pop()
    }

    /// Whether the session fell too far behind to be resumed.
    pub fn overflowed(&self) -> bool {
        self.overflowed.load(Ordering::Acquire)
    }

    /// Whether events from `room` may still reach this session.
    pub fn in_room(&self, room: &str) -> bool {
        self.rooms
            .lock()
            .is_ok_and(|rooms| rooms.contains_key(room))
    }

    /// The position after which `room`'s events count, if the session listens to it.
    pub(crate) fn room_start(&self, room: &str) -> Option<u64> {
        self.rooms.lock().ok()?.get(room).copied()
    }

    pub(crate) fn rooms(&self) -> HashMap<Arc<str>, u64> {
        self.rooms
            .lock()
            .map(|rooms| rooms.clone())
            .unwrap_or_default()
    }

    pub(crate) fn set_rooms(&self, rooms: HashMap<Arc<str>, u64>) {
        if let Ok(mut current) = self.rooms.lock() {
            *current = rooms;
        }
    }

    /// Takes the connection-side state for a connection to serve; `None` if another
    /// connection is serving the session.
    pub(crate) fn take_state(&self) -> Option<SessionState> {
        self.state.lock().ok()?.take()
    }

    /// Parks the connection-side state when a connection ends.
    pub(crate) fn park_state(&self, state: SessionState, now: Timestamp) {
        if let Ok(mut slot) = self.state.lock() {
            *slot = Some(state);
        }
        if let Ok(mut at) = self.disconnected_at.lock() {
            *at = Some(now);
        }
        self.parked.notify_one();
    }

    /// Takes the state for a resuming connection, asking a connection still serving
    /// the session to let go of it first.
    pub(crate) async fn take_over(&self) -> Option<SessionState> {
        for _ in 0..3 {
            if let Some(state) = self.take_state() {
                self.withdraw_take_over();
                return Some(state);
            }
            self.superseded.notify_one();
            self.parked.notified().await;
        }
        None
    }

    /// Withdraws a request to let go that no connection took: the one asked was ending
    /// on its own and parked the state without waiting for it. Left in place, it would
    /// end the next connection to serve the session as soon as it started.
    fn withdraw_take_over(&self) {
        let request = pin!(self.superseded.notified());
        // A stored request completes the wait at once, and is used up by it.
        let _ = request.poll(&mut Context::from_waker(Waker::noop()));
    }

    pub(crate) fn mark_connected(&self) {
        if let Ok(mut at) = self.disconnected_at.lock() {
            *at = None;
        }
    }

    /// When the last connection went away, if none is serving the session now.
    pub(crate) fn disconnected_at(&self) -> Option<Timestamp> {
        self.disconnected_at.lock().ok().and_then(|at| *at)
    }

    /// Notes the fingerprint of a checkpoint this copy has just recorded.
    pub(crate) fn set_recorded(&self, fingerprint: u64) {
        self.recorded.store(fingerprint, Ordering::Release);
    }

    /// The fingerprint of the last checkpoint this copy recorded; 0 before the first.
    pub(crate) fn recorded(&self) -> u64 {
        self.recorded.load(Ordering::Acquire)
    }

    /// Marks this copy out of date: another process serves the session now, so this one
    /// must not record checkpoints, forget them, or be resumed.
    pub(crate) fn retire(&self) {
        self.retired.store(true, Ordering::Release);
    }

    /// Whether another process serves the session now.
    pub(crate) fn retired(&self) -> bool {
        self.retired.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_are_read_from_the_payload_front() {
        assert_eq!(
            event_name(r#"{"t":"MESSAGE_CREATE","d":{}}"#),
            "MESSAGE_CREATE"
        );
        assert_eq!(event_name("garbage"), "");
    }

    #[tokio::test]
    async fn a_request_to_let_go_that_nobody_took_does_not_outlive_the_take_over() {
        let session = Session::new("s".into(), UserId::lowest_at(Timestamp(0)), 1);
        let state = session.take_state().unwrap();
        let parking = async {
            // The serving connection ends on its own and parks, never reading the request.
            tokio::task::yield_now().await;
            session.park_state(state, Timestamp(1));
        };
        let (taken, ()) = tokio::join!(session.take_over(), parking);
        assert!(taken.is_some());

        let next = pin!(session.superseded.notified());
        let asked = next.poll(&mut Context::from_waker(Waker::noop()));
        assert!(
            asked.is_pending(),
            "the next connection is not asked to let go"
        );
    }

    #[tokio::test]
    async fn a_full_inbox_marks_the_session_overflowed() {
        let session = Session::new("s".into(), UserId::lowest_at(Timestamp(0)), 1);
        let delivery = Arc::new(Delivery {
            room: "r".into(),
            position: 1,
            payload: "p".into(),
        });
        session.offer(delivery.clone());
        assert!(!session.overflowed());
        session.offer(delivery);
        assert!(session.overflowed());
    }
}
