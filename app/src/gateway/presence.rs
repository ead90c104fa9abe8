//! Presence: whether a user is online, idle, busy or away, derived from their sessions.
//!
//! A user is offline when no connection serves any of their sessions; otherwise they show
//! the status they last chose (online by default). Presence is ephemeral and never
//! stored in the database. One process counts sessions in memory; several processes
//! share the counts and chosen statuses through the presence port, where sessions of a
//! process that died stop counting once their time-to-live passes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use concord_domain::id::UserId;
use concord_ports::presence::PresenceStore;
use serde::{Deserialize, Serialize};
use tracing::warn;

/// What others see of a user's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Connected and available.
    Online,
    /// Connected but away from the keyboard.
    Idle,
    /// Connected, do not disturb.
    Dnd,
    /// Not connected.
    Offline,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Idle => "idle",
            Status::Dnd => "dnd",
            Status::Offline => "offline",
        }
    }

    fn from_name(name: &str) -> Option<Status> {
        Some(match name {
            "online" => Status::Online,
            "idle" => Status::Idle,
            "dnd" => Status::Dnd,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    connections: usize,
    chosen: Status,
}

/// Presence of users, counted here or shared through the presence port.
pub(crate) struct PresenceRegistry {
    users: Mutex<HashMap<UserId, Entry>>,
    shared: Option<Arc<dyn PresenceStore>>,
    ttl_secs: u64,
}

impl PresenceRegistry {
    /// Presence counted in this process, or shared when `shared` is given.
    pub fn new(shared: Option<Arc<dyn PresenceStore>>, ttl_secs: u64) -> Self {
        Self {
            users: Mutex::default(),
            shared,
            ttl_secs,
        }
    }

    /// Counts a connection; returns the new visible status if it changed.
    pub async fn connect(&self, user: UserId, session: &str) -> Option<Status> {
        let Some(shared) = &self.shared else {
            return self.update(user, |entry| entry.connections += 1);
        };
        match shared.connect(user, session, self.ttl_secs).await {
            Ok(true) => Some(self.chosen(shared.as_ref(), user).await),
            Ok(false) => None,
            Err(error) => {
                warn!(%error, "could not count a session for presence");
                None
            }
        }
    }

    /// Keeps a connection counted (shared presence expires otherwise).
    pub async fn refresh(&self, user: UserId, session: &str) {
        if let Some(shared) = &self.shared
            && let Err(error) = shared.connect(user, session, self.ttl_secs).await
        {
            warn!(%error, "could not refresh a session's presence");
        }
    }

    /// Uncounts a connection; returns the new visible status if it changed.
    pub async fn disconnect(&self, user: UserId, session: &str) -> Option<Status> {
        let Some(shared) = &self.shared else {
            return self.update(user, |e| e.connections = e.connections.saturating_sub(1));
        };
        match shared.disconnect(user, session).await {
            Ok(true) => Some(Status::Offline),
            Ok(false) => None,
            Err(error) => {
                warn!(%error, "could not uncount a session for presence");
                None
            }
        }
    }

    /// Sets the chosen status of a connected user; returns it when it should be told.
    pub async fn choose(&self, user: UserId, status: Status) -> Option<Status> {
        let Some(shared) = &self.shared else {
            return self.update(user, |entry| entry.chosen = status);
        };
        match shared.choose(user, status.name()).await {
            Ok(()) => Some(status),
            Err(error) => {
                warn!(%error, "could not store a chosen status");
                None
            }
        }
    }

    /// The visible status of each of `users`, in order.
    pub async fn statuses(&self, users: &[UserId]) -> Vec<Status> {
        let Some(shared) = &self.shared else {
            let local = self
                .users
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            return users
                .iter()
                .map(|user| local.get(user).map_or(Status::Offline, visible))
                .collect();
        };
        let (online, chosen) = match (shared.online(users).await, shared.chosen(users).await) {
            (Ok(online), Ok(chosen)) => (online, chosen),
            (Err(error), _) | (_, Err(error)) => {
                warn!(%error, "could not read presence");
                return vec![Status::Offline; users.len()];
            }
        };
        online
            .into_iter()
            .zip(chosen)
            .map(
                |(online, chosen)| match (online, chosen.as_deref().and_then(Status::from_name)) {
                    (false, _) => Status::Offline,
                    (true, Some(status)) => status,
                    (true, None) => Status::Online,
                },
            )
            .collect()
    }

    async fn chosen(&self, shared: &dyn PresenceStore, user: UserId) -> Status {
        let chosen = shared
            .chosen(&[user])
            .await
            .ok()
            .and_then(|mut c| c.pop().flatten());
        chosen
            .as_deref()
            .and_then(Status::from_name)
            .unwrap_or(Status::Online)
    }

    fn update(&self, user: UserId, change: impl FnOnce(&mut Entry)) -> Option<Status> {
        let mut users = self
            .users
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = users.entry(user).or_insert(Entry {
            connections: 0,
            chosen: Status::Online,
        });
        let before = visible(entry);
        change(entry);
        let after = visible(entry);
        if entry.connections == 0 && entry.chosen == Status::Online {
            users.remove(&user);
        }
        (before != after).then_some(after)
    }
}

fn visible(entry: &Entry) -> Status {
    if entry.connections == 0 {
        Status::Offline
    } else {
        entry.chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_domain::time::Timestamp;

    #[tokio::test]
    async fn users_are_online_while_any_connection_serves_them() {
        let registry = PresenceRegistry::new(None, 60);
        let user = UserId::lowest_at(Timestamp(1));
        assert_eq!(registry.connect(user, "a").await, Some(Status::Online));
        assert_eq!(registry.connect(user, "b").await, None);
        assert_eq!(registry.disconnect(user, "a").await, None);
        assert_eq!(registry.disconnect(user, "b").await, Some(Status::Offline));
        assert_eq!(registry.statuses(&[user]).await, vec![Status::Offline]);
    }

    #[tokio::test]
    async fn a_chosen_status_shows_only_while_connected() {
        let registry = PresenceRegistry::new(None, 60);
        let user = UserId::lowest_at(Timestamp(1));
        assert_eq!(registry.choose(user, Status::Dnd).await, None);
        assert_eq!(registry.connect(user, "a").await, Some(Status::Dnd));
        assert_eq!(
            registry.choose(user, Status::Idle).await,
            Some(Status::Idle)
        );
        assert_eq!(registry.statuses(&[user]).await, vec![Status::Idle]);
    }
}
