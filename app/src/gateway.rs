//! The realtime gateway's core: sessions, the rooms they listen to, and presence.
//!
//! A connection (served by the edge) identifies to get a [`Session`] and its READY,
//! then drains the session's queue. Each session listens to a set of rooms: its user's
//! own room, the rooms of its guilds, of the channels it may view and of its DMs. The
//! process subscribes to a room through the pub/sub port when its first local session
//! needs it and unsubscribes when the last one leaves, so each replica receives exactly
//! the events its own clients need, whatever the number of replicas.
//!
//! Some events change what a session may see (it joined or left a guild, a channel
//! appeared or vanished, roles changed); the connection then asks for the session's rooms
//! to be recomputed from storage before it sends anything more, and every queued event
//! is checked against the session's rooms before it is sent, so losing access stops
//! delivery at once.

mod presence;
mod ready;
mod rooms;
mod session;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use concord_domain::id::UserId;
use concord_domain::time::Timestamp;
use concord_ports::pubsub::PubSub;
use tracing::{debug, info, warn};

pub use presence::Status;
pub use ready::{Presence, Ready, ReadyGuild, ReadyMember, ReadyRelationship};
pub use session::{Delivery, ReplayLimits, Session, SessionState};

use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};
use rooms::RoomTable;

/// Length of session ids, in base62 characters.
const SESSION_ID_LENGTH: usize = 24;

/// Tunables of the gateway.
#[derive(Debug, Clone, Copy)]
pub struct GatewaySettings {
    /// Deliveries a session may have queued before it counts as too slow.
    pub queue_capacity: usize,
    /// How much history each session keeps for replay.
    pub replay: ReplayLimits,
    /// How long a session without a connection stays resumable, in milliseconds.
    pub resume_window_millis: i64,
    /// The most members per guild sent in READY.
    pub ready_members: usize,
}

impl Default for GatewaySettings {
    fn default() -> Self {
        Self {
            queue_capacity: 2048,
            replay: ReplayLimits {
                keep_count: 1000,
                keep_millis: 120_000,
                max_count: 5000,
            },
            resume_window_millis: 120_000,
            ready_members: 1000,
        }
    }
}

/// Why a resume was refused.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    /// The token is not valid, or belongs to someone else.
    #[error("authentication failed")]
    Unauthorized,
    /// The session is unknown, expired, overflowed, or already served elsewhere; the
    /// client should identify again and catch up through the REST API.
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

/// The gateway core of one process. Cheap to clone.
#[derive(Clone)]
pub struct Gateway {
    concord: Concord,
    pubsub: Arc<dyn PubSub>,
    rooms: Arc<RoomTable>,
    sessions: Arc<Mutex<HashMap<String, Arc<Session>>>>,
    presence: Arc<presence::PresenceRegistry>,
    settings: GatewaySettings,
}

impl Gateway {
    /// Builds the gateway and attaches it to the pub/sub port as its inbox.
    pub fn new(concord: Concord, settings: GatewaySettings) -> Self {
        let pubsub = concord.deps.pubsub.clone();
        let rooms = Arc::new(RoomTable::default());
        pubsub.attach(rooms.clone());
        Self {
            concord,
            pubsub,
            rooms,
            sessions: Arc::default(),
            presence: Arc::default(),
            settings,
        }
    }

    /// Authenticates a new connection, opens its session and gathers its READY.
    pub async fn identify(&self, token: &str) -> AppResult<(Arc<Session>, SessionState, Ready)> {
        let user = self.concord.authenticate(token).await?;
        let id = self.concord.deps.ids.random_token(SESSION_ID_LENGTH);
        let session = Session::new(id.clone(), user, self.settings.queue_capacity);
        let state = session
            .take_state()
            .ok_or(AppError::Internal("new session busy".into()))?;

        self.refresh_rooms(&session).await?;
        lock(&self.sessions).insert(id.clone(), session.clone());
        self.connected(user).await;
        let ready = match self.ready(user, id).await {
            Ok(ready) => ready,
            Err(error) => {
                self.disconnect(&session, state, false).await;
                return Err(error);
            }
        };
        info!(user_id = %user, session_id = %session.id, "gateway session opened");
        Ok((session, state, ready))
    }

    /// Takes over an existing session for a new connection, with what it missed.
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
        let session = lock(&self.sessions).get(session_id).cloned();
        let Some(session) = session else {
            return Err(ResumeError::Invalid);
        };
        if session.user_id != user {
            return Err(ResumeError::Unauthorized);
        }
        if session.overflowed() {
            self.end(&session).await;
            return Err(ResumeError::Invalid);
        }
        let Some(state) = session.take_over().await else {
            return Err(ResumeError::Invalid);
        };

        if seq > state.seq {
            let now = self.concord.deps.clock.now();
            session.park_state(state, now);
            return Err(ResumeError::InvalidSeq);
        }
        let Some(missed) = state.replay_after(seq) else {
            self.end(&session).await;
            return Err(ResumeError::Invalid);
        };
        session.mark_connected();
        self.connected(user).await;
        debug!(session_id, missed = missed.len(), "gateway session resumed");
        Ok(Resumed {
            session,
            state,
            missed,
        })
    }

    /// Called when a connection ends. A resumable session keeps listening and queueing
    /// for the resume window; otherwise it ends now.
    pub async fn disconnect(&self, session: &Arc<Session>, state: SessionState, resumable: bool) {
        self.disconnected(session.user_id).await;
        if resumable && !session.overflowed() {
            session.park_state(state, self.concord.deps.clock.now());
        } else {
            self.end(session).await;
        }
    }

    /// Ends sessions whose connection has been gone longer than the resume window.
    pub async fn reap(&self) -> usize {
        let now = self.concord.deps.clock.now();
        let window = self.settings.resume_window_millis;
        let expired: Vec<Arc<Session>> = lock(&self.sessions)
            .values()
            .filter(|s| {
                s.disconnected_at()
                    .is_some_and(|at| now.as_millis() - at.as_millis() > window)
            })
            .cloned()
            .collect();
        for session in &expired {
            self.end(session).await;
        }
        expired.len()
    }

    /// Sets the user's chosen status and tells those who can see it.
    pub async fn set_status(&self, session: &Session, status: Status) {
        let status = if status == Status::Offline {
            Status::Online
        } else {
            status
        };
        if let Some(visible) = self.presence.choose(session.user_id, status) {
            self.announce_presence(session.user_id, visible).await;
        }
    }

    /// Whether an event may change which rooms a session of `user` listens to.
    pub fn changes_access(delivery: &Delivery, user: UserId) -> bool {
        match delivery.event_name() {
            "GUILD_CREATE" | "GUILD_DELETE" | "CHANNEL_CREATE" | "CHANNEL_DELETE"
            | "GUILD_ROLE_UPDATE" | "GUILD_ROLE_DELETE" => true,
            "GUILD_MEMBER_REMOVE" | "GUILD_MEMBER_UPDATE" => {
                delivery.payload.contains(&user.to_string())
            }
            _ => false,
        }
    }

    /// Recomputes the rooms `session` may listen to from storage and (un)subscribes.
    pub async fn refresh_rooms(&self, session: &Arc<Session>) -> AppResult<()> {
        let wanted = self.rooms_of(session.user_id).await?;
        let current = session.rooms();
        session.set_rooms(wanted.clone());
        for room in wanted.difference(&current) {
            if self.rooms.join(room, session) {
                self.subscribe(room).await;
            }
        }
        for room in current.difference(&wanted) {
            self.leave(room, session).await;
        }
        Ok(())
    }

    /// How many sessions this process holds, connected or resumable.
    pub fn session_count(&self) -> usize {
        lock(&self.sessions).len()
    }

    /// How many rooms this process is subscribed to.
    pub fn room_count(&self) -> usize {
        self.rooms.len()
    }

    /// The time, from the core's clock.
    pub fn now(&self) -> Timestamp {
        self.concord.deps.clock.now()
    }

    /// How much history sessions keep.
    pub fn replay_limits(&self) -> ReplayLimits {
        self.settings.replay
    }

    /// Removes a session and its room memberships.
    async fn end(&self, session: &Arc<Session>) {
        lock(&self.sessions).remove(&session.id);
        for room in session.rooms() {
            self.leave(&room, session).await;
        }
        session.set_rooms(HashSet::new());
        session.kill.notify_one();
        debug!(session_id = %session.id, "gateway session ended");
    }

    async fn rooms_of(&self, user: UserId) -> AppResult<HashSet<Arc<str>>> {
        let concord = &self.concord;
        let mut rooms = vec![Room::User(user)];
        for guild in concord.my_guilds(user).await? {
            rooms.push(Room::Guild(guild.id));
            let channels = concord.guild_channels(user, guild.id).await?;
            rooms.extend(
                channels
                    .iter()
                    .filter(|c| c.accepts_messages())
                    .map(Room::of_channel),
            );
        }
        for dm in concord.dm_channels(user).await? {
            rooms.push(Room::of_channel(&dm));
        }
        Ok(rooms
            .into_iter()
            .map(|room| Arc::from(room.to_string()))
            .collect())
    }

    async fn subscribe(&self, room: &str) {
        if let Err(error) = self.pubsub.subscribe(room).await {
            warn!(room, %error, "subscribe failed");
        }
    }

    async fn leave(&self, room: &str, session: &Arc<Session>) {
        if !self.rooms.leave(room, session) {
            return;
        }
        if let Err(error) = self.pubsub.unsubscribe(room).await {
            warn!(room, %error, "unsubscribe failed");
        }
        // Someone may have joined while we were unsubscribing.
        if self.rooms.is_occupied(room) {
            self.subscribe(room).await;
        }
    }

    async fn connected(&self, user: UserId) {
        if let Some(status) = self.presence.connect(user) {
            self.announce_presence(user, status).await;
        }
    }

    async fn disconnected(&self, user: UserId) {
        if let Some(status) = self.presence.disconnect(user) {
            self.announce_presence(user, status).await;
        }
    }

    /// Tells the user's guilds, friends and own sessions about a presence change.
    async fn announce_presence(&self, user_id: UserId, status: Status) {
        let concord = &self.concord;
        let mut rooms = vec![Room::User(user_id)];
        if let Ok(guilds) = concord.my_guilds(user_id).await {
            rooms.extend(guilds.iter().map(|g| Room::Guild(g.id)));
        }
        if let Ok(relationships) = concord.relationships(user_id).await {
            let friends = relationships
                .iter()
                .filter(|r| r.kind == concord_domain::relationship::RelationshipKind::Friend);
            rooms.extend(friends.map(|r| Room::User(r.user.id)));
        }
        for room in rooms {
            concord
                .publish(room, Event::PresenceUpdate { user_id, status })
                .await;
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
