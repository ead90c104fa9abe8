//! Presence: whether a user is online, idle, busy or away, derived from their sessions.
//!
//! A user is offline when no connection serves any of their sessions; otherwise they show
//! the status they last chose (online by default). Presence is ephemeral: it lives in
//! this process's memory and is never stored.

use std::collections::HashMap;
use std::sync::Mutex;

use concord_domain::id::UserId;
use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Copy)]
struct Entry {
    connections: usize,
    chosen: Status,
}

/// Connection counts and chosen statuses of the users with sessions in this process.
#[derive(Default)]
pub(crate) struct PresenceRegistry {
    users: Mutex<HashMap<UserId, Entry>>,
}

impl PresenceRegistry {
    /// Counts a connection; returns the new visible status if it changed.
    pub fn connect(&self, user: UserId) -> Option<Status> {
        self.update(user, |entry| entry.connections += 1)
    }

    /// Uncounts a connection; returns the new visible status if it changed.
    pub fn disconnect(&self, user: UserId) -> Option<Status> {
        self.update(user, |entry| {
            entry.connections = entry.connections.saturating_sub(1)
        })
    }

    /// Sets the chosen status; returns the new visible status if it changed.
    pub fn choose(&self, user: UserId, status: Status) -> Option<Status> {
        self.update(user, |entry| entry.chosen = status)
    }

    /// The user's visible status.
    pub fn status(&self, user: UserId) -> Status {
        let users = self.users.lock();
        users
            .ok()
            .and_then(|users| users.get(&user).map(visible))
            .unwrap_or(Status::Offline)
    }

    fn update(&self, user: UserId, change: impl FnOnce(&mut Entry)) -> Option<Status> {
        let mut users = self.users.lock().ok()?;
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

    #[test]
    fn users_are_online_while_any_connection_serves_them() {
        let registry = PresenceRegistry::default();
        let user = UserId::lowest_at(Timestamp(1));
        assert_eq!(registry.connect(user), Some(Status::Online));
        assert_eq!(registry.connect(user), None);
        assert_eq!(registry.disconnect(user), None);
        assert_eq!(registry.disconnect(user), Some(Status::Offline));
        assert_eq!(registry.status(user), Status::Offline);
    }

    #[test]
    fn a_chosen_status_shows_only_while_connected() {
        let registry = PresenceRegistry::default();
        let user = UserId::lowest_at(Timestamp(1));
        assert_eq!(registry.choose(user, Status::Dnd), None);
        assert_eq!(registry.connect(user), Some(Status::Dnd));
        assert_eq!(registry.choose(user, Status::Idle), Some(Status::Idle));
        assert_eq!(registry.status(user), Status::Idle);
    }
}
