//! The realtime gateway's core: sessions, the rooms they listen to, and presence.
//!
//! A connection (served by the edge) identifies to get a [`Session`] and its READY,
//! then drains the session's queue. Each session listens to a set of rooms: its user's
//! own room, the rooms of its guilds, the channels rooms of the guilds whose channels
//! it may view, the rooms of those channels and of its DMs. The process subscribes to a
//! room through the pub/sub port when its first local session needs it and unsubscribes
//! when the last one leaves, so each replica receives exactly the events its own
//! clients need, whatever the number of replicas.
//!
//! Some events change what a session may see (it joined or left a guild, a channel
//! appeared or vanished, roles changed); the connection then asks for the session's rooms
//! to be recomputed from storage before it sends that event, and every queued event
//! is checked against the session's rooms before it is sent ([`Gateway::admit`]), so
//! losing access stops delivery at once, and a client that sees a room appear already
//! listens to it.
//!
//! Resuming is in [`resume`]: on the process holding the session from its in-memory
//! history, and, when the pub/sub transport keeps history, on any other process from
//! the session's checkpoints (see [`checkpoints`]).

mod checkpoints;
mod history;
mod inbox;
mod presence;
mod ready;
mod resume;
mod rooms;
mod session;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use concord_domain::id::UserId;
use concord_domain::time::Timestamp;
use concord_ports::pubsub::PubSub;
use tracing::{debug, info, warn};

pub use presence::Status;
pub use ready::{Presence, Ready, ReadyGuild, ReadyMember, ReadyRelationship};
pub use resume::{ResumeError, Resumed};
pub use session::{Delivery, ReplayHistory, ReplayLimits, Session, SessionState};

use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};
use rooms::{Joined, RoomTable};

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
    /// How long a session counts as online for shared presence without a heartbeat.
    pub presence_ttl_secs: u64,
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
            presence_ttl_secs: 120,
        }
    }
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
            concord: concord.clone(),
            pubsub,
            rooms,
            sessions: Arc::default(),
            presence: Arc::new(presence::PresenceRegistry::new(
                concord.deps.presence.clone(),
                settings.presence_ttl_secs,
            )),
            settings,
        }
    }

    /// Authenticates a new connection, opens its session and gathers its READY, which
    /// takes the session's first sequence number.
    pub async fn identify(&self, token: &str) -> AppResult<(Arc<Session>, SessionState, Ready)> {
        let user = self.concord.authenticate(token).await?;
        // READY is the most expensive thing a client can ask for; a client that keeps
        // reconnecting is told to slow down rather than served again and again.
        self.concord
            .throttle(&format!("identify:{user}"), |limits| limits.identify)
            .await?;
        let id = self.concord.deps.ids.random_token(SESSION_ID_LENGTH);
        let session = Session::new(id.clone(), user, self.settings.queue_capacity);
        let mut state = session
            .take_state()
            .ok_or(AppError::Internal("new session busy".into()))?;

        lock(&self.sessions).insert(id.clone(), session.clone());
        self.refresh_rooms(&session, &mut state).await?;
        self.connected(user, &session.id).await;
        let ready = match self.ready(user, id).await {
            Ok(ready) => ready,
            Err(error) => {
                self.disconnect(&session, state, false).await;
                return Err(error);
            }
        };
        state.seq += 1;
        self.checkpoint(&session, &state).await;
        info!(user_id = %user, session_id = %session.id, "gateway session opened");
        Ok((session, state, ready))
    }

    /// Whether a queued delivery may be sent: the session still listens to its room, and
    /// with an ordering transport the event is new to the session. Marks it handled.
    pub fn admit(&self, session: &Session, state: &mut SessionState, delivery: &Delivery) -> bool {
        let Some(start) = session.room_start(&delivery.room) else {
            return false;
        };
        if !self.pubsub.keeps_history() {
            return true;
        }
        if delivery.position <= start || delivery.position <= state.position {
            return false;
        }
        state.position = delivery.position;
        true
    }

    /// Called on every heartbeat, with the last sequence number the client says it
    /// received: forgets the dispatches it has, and keeps the session's checkpoints
    /// fresh so that another process can resume it from recent history.
    pub async fn heartbeat(
        &self,
        session: &Session,
        state: &mut SessionState,
        acknowledged: Option<u64>,
    ) {
        if let Some(seq) = acknowledged {
            state.acknowledge(seq);
        }
        self.presence.refresh(session.user_id, &session.id).await;
        self.checkpoint(session, state).await;
    }

    /// Called when a connection ends. A resumable session keeps listening and queueing
    /// for the resume window; otherwise it ends now.
    ///
    /// A connection may outlive its client's move to another process (it waits for the
    /// heartbeat timeout); its copy then records nothing over the other process's
    /// checkpoints.
    pub async fn disconnect(&self, session: &Arc<Session>, state: SessionState, resumable: bool) {
        self.disconnected(session.user_id, &session.id).await;
        if resumable && !session.overflowed() {
            if !session.retired() && self.served_elsewhere(session).await {
                session.retire();
            }
            self.checkpoint(session, &state).await;
            session.park_state(state, self.concord.deps.clock.now());
        } else {
            self.forget(session).await;
            self.end(session).await;
        }
    }

    /// Ends sessions whose connection has been gone longer than the resume window.
    ///
    /// Their checkpoints are left to expire on their own: the session may be served by
    /// another process by now.
    pub async fn reap(&self) -> usize {
        let now = self.concord.deps.clock.now();
        let expired: Vec<Arc<Session>> = lock(&self.sessions)
            .values()
            .filter(|session| self.expired(session, now))
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
        if let Some(visible) = self.presence.choose(session.user_id, status).await {
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

    /// Recomputes the rooms `session` may listen to from storage, (un)subscribes, and
    /// records a checkpoint when they changed.
    pub async fn refresh_rooms(
        &self,
        session: &Arc<Session>,
        state: &mut SessionState,
    ) -> AppResult<()> {
        let wanted = self.rooms_of(session.user_id).await?;
        let current = session.rooms();
        let added: Vec<Arc<str>> = wanted
            .iter()
            .filter(|room| !current.contains_key(*room))
            .cloned()
            .collect();
        let removed: Vec<Arc<str>> = current
            .keys()
            .filter(|room| !wanted.contains(*room))
            .cloned()
            .collect();
        if added.is_empty() && removed.is_empty() {
            return Ok(());
        }

        let mut joined = Vec::with_capacity(added.len());
        for room in &added {
            let Joined { name, first } = self.rooms.join(room, session);
            if first {
                self.subscribe(room).await;
            }
            joined.push(name);
        }
        // Events of a new room count from here on, on this process and any other.
        let start = self.position_now().await;
        let mut rooms = current;
        rooms.retain(|room, _| wanted.contains(room));
        rooms.extend(joined.into_iter().map(|room| (room, start)));
        session.set_rooms(rooms);
        if state.seq == 0 {
            state.position = start;
        }
        for room in &removed {
            self.leave(room, session).await;
        }
        if state.seq > 0 {
            self.checkpoint(session, state).await;
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

    /// Whether a session's connection has been gone longer than the resume window.
    fn expired(&self, session: &Session, now: Timestamp) -> bool {
        let window = self.settings.resume_window_millis;
        session
            .disconnected_at()
            .is_some_and(|at| now.as_millis() - at.as_millis() > window)
    }

    /// Removes a session and its room memberships. A copy the process no longer holds
    /// (a newer copy of the session took its place) leaves the newer one alone.
    async fn end(&self, session: &Arc<Session>) {
        {
            let mut sessions = lock(&self.sessions);
            if sessions
                .get(&session.id)
                .is_some_and(|held| Arc::ptr_eq(held, session))
            {
                sessions.remove(&session.id);
            }
        }
        for room in session.rooms().keys() {
            self.leave(room, session).await;
        }
        session.set_rooms(HashMap::new());
        session.kill.notify_one();
        debug!(session_id = %session.id, "gateway session ended");
    }

    async fn rooms_of(&self, user: UserId) -> AppResult<Vec<Arc<str>>> {
        let concord = &self.concord;
        let mut rooms = vec![Room::User(user)];
        for guild in concord.my_guilds(user).await? {
            rooms.push(Room::Guild(guild.id));
            // Without VIEW_CHANNEL a member sees no channel of the guild, in READY and
            // REST alike, so neither its channel list's changes nor what is said there.
            let Some(channels) = concord.viewable_channels(user, guild.id).await? else {
                continue;
            };
            rooms.push(Room::GuildChannels(guild.id));
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

    /// The transport's newest position, or 0 when it cannot say.
    async fn position_now(&self) -> u64 {
        if !self.pubsub.keeps_history() {
            return 0;
        }
        match self.pubsub.position().await {
            Ok(position) => position,
            Err(error) => {
                warn!(%error, "could not read the pub/sub position");
                0
            }
        }
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

    async fn connected(&self, user: UserId, session: &str) {
        if let Some(status) = self.presence.connect(user, session).await {
            self.announce_presence(user, status).await;
        }
    }

    async fn disconnected(&self, user: UserId, session: &str) {
        if let Some(status) = self.presence.disconnect(user, session).await {
            self.announce_presence(user, status).await;
        }
    }

    /// Tells the user's guilds, friends and own sessions about a presence change.
    async fn announce_presence(&self, user_id: UserId, status: Status) {
        for room in self.concord.audience_of(user_id).await {
            self.concord
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
