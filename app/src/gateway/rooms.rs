//! The room table: which local sessions listen to which room.
//!
//! Fan-out reads the table under a read lock only long enough to clone the room's
//! member list, an `Arc` of a slice, and then offers the event to each session without
//! holding any lock, as one shared `Delivery`: a pointer copy per session. Joins and
//! leaves replace the slice (copy on write): they are rare next to deliveries. The table
//! tells its caller when a room gains its first or loses its last local session, so the
//! process subscribes to a room only while it needs it.
//!
//! The table's name for a room is the one every member session keeps too: a guild's
//! thousand sessions share one name rather than holding a thousand copies.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use concord_ports::pubsub::Inbox;

use super::session::{Delivery, Session};

/// The sessions of one room, shared with fan-out without copying.
type Members = Arc<[Arc<Session>]>;

/// What joining a room gave.
pub(crate) struct Joined {
    /// The room's name as the table keeps it, shared by its members.
    pub name: Arc<str>,
    /// Whether the session is the room's first local one.
    pub first: bool,
}

/// The local sessions of every room this process is subscribed to.
#[derive(Default)]
pub(crate) struct RoomTable {
    rooms: RwLock<HashMap<Arc<str>, Members>>,
}

impl RoomTable {
    /// Adds `session` to `room`: the name for the session to keep, and whether the room
    /// was empty before.
    pub fn join(&self, room: &Arc<str>, session: &Arc<Session>) -> Joined {
        let Ok(mut rooms) = self.rooms.write() else {
            return Joined {
                name: room.clone(),
                first: false,
            };
        };
        let Some((name, members)) = rooms.get_key_value(room) else {
            rooms.insert(room.clone(), Arc::from([session.clone()]));
            return Joined {
                name: room.clone(),
                first: true,
            };
        };
        let name = name.clone();
        if !members.iter().any(|s| Arc::ptr_eq(s, session)) {
            let grown: Members = members.iter().cloned().chain([session.clone()]).collect();
            rooms.insert(name.clone(), grown);
        }
        Joined { name, first: false }
    }

    /// Removes `session` from `room`; returns true if the room is now empty.
    pub fn leave(&self, room: &str, session: &Arc<Session>) -> bool {
        let Ok(mut rooms) = self.rooms.write() else {
            return false;
        };
        let Some(members) = rooms.get(room) else {
            return false;
        };
        let kept: Members = members
            .iter()
            .filter(|s| !Arc::ptr_eq(s, session))
            .cloned()
            .collect();
        if kept.is_empty() {
            rooms.remove(room);
            true
        } else {
            // In place, keeping the name the other members share.
            if let Some(members) = rooms.get_mut(room) {
                *members = kept;
            }
            false
        }
    }

    /// Whether any local session listens to `room`.
    pub fn is_occupied(&self, room: &str) -> bool {
        self.rooms
            .read()
            .is_ok_and(|rooms| rooms.contains_key(room))
    }

    /// How many rooms have local sessions.
    pub fn len(&self) -> usize {
        self.rooms.read().map_or(0, |rooms| rooms.len())
    }

    fn members(&self, room: &str) -> Option<(Arc<str>, Members)> {
        let rooms = self.rooms.read().ok()?;
        let (name, members) = rooms.get_key_value(room)?;
        Some((name.clone(), members.clone()))
    }
}

impl Inbox for RoomTable {
    fn deliver(&self, room: &str, position: u64, payload: Arc<str>) {
        let Some((room, members)) = self.members(room) else {
            return;
        };
        let delivery = Arc::new(Delivery {
            room,
            position,
            payload,
        });
        for session in members.iter() {
            session.offer(delivery.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_domain::id::UserId;
    use concord_domain::time::Timestamp;

    fn session(id: &str) -> Arc<Session> {
        Session::new(id.into(), UserId::lowest_at(Timestamp(0)), 8)
    }

    #[test]
    fn rooms_report_their_first_join_and_last_leave() {
        let table = RoomTable::default();
        let room: Arc<str> = "room:guild:1".into();
        let (a, b) = (session("a"), session("b"));
        assert!(table.join(&room, &a).first);
        assert!(!table.join(&room, &b).first);
        assert!(
            !table.join(&room, &b).first,
            "joining twice changes nothing"
        );
        assert!(!table.leave(&room, &a));
        assert!(table.leave(&room, &b));
        assert!(!table.is_occupied(&room));
    }

    #[test]
    fn members_share_the_tables_name_for_a_room() {
        let table = RoomTable::default();
        let (a, b, c) = (session("a"), session("b"), session("c"));
        let first = table.join(&"room:x".into(), &a).name;
        let second = table.join(&"room:x".into(), &b).name;
        assert!(Arc::ptr_eq(&first, &second));
        table.join(&"room:x".into(), &c);
        table.leave("room:x", &c);
        let after_a_leave = table.join(&"room:x".into(), &c).name;
        assert!(Arc::ptr_eq(&first, &after_a_leave));
    }

    #[tokio::test]
    async fn deliveries_reach_every_member_of_the_room_only() {
        let table = RoomTable::default();
        let (a, b) = (session("a"), session("b"));
        table.join(&"room:x".into(), &a);
        table.join(&"room:y".into(), &b);
        table.deliver("room:x", 1, r#"{"t":"E","d":1}"#.into());

        let got = a.try_next_delivery().unwrap();
        assert_eq!(&*got.room, "room:x");
        assert_eq!(got.event_name(), "E");
        assert!(b.try_next_delivery().is_none());
    }
}
