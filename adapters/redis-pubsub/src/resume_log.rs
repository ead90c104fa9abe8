//! The resume-log port on Redis: a short list of checkpoints per session, with a TTL.
//!
//! Each session has a list `concord:session:<id>` holding its newest checkpoints, one
//! line each: `user|seq|position|room=start;room=start`. Appending trims the list to
//! [`KEPT`] entries and renews its expiry, in one transaction.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_ports::pubsub::PubSubError;
use concord_ports::resume::{Checkpoint, ResumeLog};
use redis::aio::ConnectionManager;

use crate::subscriber::failure;

/// Checkpoints kept per session.
const KEPT: isize = 16;

/// Session checkpoints in Redis, on the publisher's managed connection.
#[derive(Clone)]
pub struct RedisResumeLog {
    conn: ConnectionManager,
}

impl RedisResumeLog {
    pub(crate) fn new(conn: ConnectionManager) -> Self {
        Self { conn }
    }
}

fn key(session_id: &str) -> String {
    format!("concord:session:{session_id}")
}

fn encode(checkpoint: &Checkpoint) -> String {
    let rooms: Vec<String> = checkpoint
        .rooms
        .iter()
        .map(|(room, start)| format!("{room}={start}"))
        .collect();
    format!(
        "{}|{}|{}|{}",
        checkpoint.user_id,
        checkpoint.seq,
        checkpoint.position,
        rooms.join(";")
    )
}

fn decode(line: &str) -> Option<Checkpoint> {
    let mut parts = line.splitn(4, '|');
    let user_id = UserId::parse("user_id", parts.next()?).ok()?;
    let seq = parts.next()?.parse().ok()?;
    let position = parts.next()?.parse().ok()?;
    let rooms = parts
        .next()?
        .split(';')
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let (room, start) = entry.rsplit_once('=')?;
            Some((room.to_owned(), start.parse().ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Checkpoint {
        user_id,
        seq,
        position,
        rooms,
    })
}

#[async_trait]
impl ResumeLog for RedisResumeLog {
    async fn record(
        &self,
        session_id: &str,
        checkpoint: &Checkpoint,
        ttl_secs: u64,
    ) -> Result<(), PubSubError> {
        let key = key(session_id);
        let mut conn = self.conn.clone();
        redis::pipe()
            .atomic()
            .cmd("RPUSH")
            .arg(&key)
            .arg(encode(checkpoint))
            .ignore()
            .cmd("LTRIM")
            .arg(&key)
            .arg(-KEPT)
            .arg(-1)
            .ignore()
            .cmd("EXPIRE")
            .arg(&key)
            .arg(ttl_secs)
            .ignore()
            .exec_async(&mut conn)
            .await
            .map_err(|error| failure("record checkpoint", &error))
    }

    async fn checkpoints(&self, session_id: &str) -> Result<Vec<Checkpoint>, PubSubError> {
        let mut conn = self.conn.clone();
        let lines: Vec<String> = redis::cmd("LRANGE")
            .arg(key(session_id))
            .arg(0)
            .arg(-1)
            .query_async(&mut conn)
            .await
            .map_err(|error| failure("read checkpoints", &error))?;
        Ok(lines.iter().filter_map(|line| decode(line)).collect())
    }

    async fn latest(&self, session_id: &str) -> Result<Option<Checkpoint>, PubSubError> {
        let mut conn = self.conn.clone();
        let line: Option<String> = redis::cmd("LINDEX")
            .arg(key(session_id))
            .arg(-1)
            .query_async(&mut conn)
            .await
            .map_err(|error| failure("read the latest checkpoint", &error))?;
        Ok(line.as_deref().and_then(decode))
    }

    async fn forget(&self, session_id: &str) -> Result<(), PubSubError> {
        let mut conn = self.conn.clone();
        redis::cmd("DEL")
            .arg(key(session_id))
            .exec_async(&mut conn)
            .await
            .map_err(|error| failure("forget session", &error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_domain::time::Timestamp;

    #[test]
    fn checkpoints_round_trip_through_their_line() {
        let checkpoint = Checkpoint {
            user_id: UserId::lowest_at(Timestamp(5)),
            seq: 12,
            position: 3400,
            rooms: vec![("room:user:1".into(), 3000), ("room:guild:2".into(), 3390)],
        };
        assert_eq!(decode(&encode(&checkpoint)), Some(checkpoint));
    }

    #[test]
    fn a_checkpoint_without_rooms_round_trips_too() {
        let checkpoint = Checkpoint {
            user_id: UserId::lowest_at(Timestamp(5)),
            seq: 1,
            position: 0,
            rooms: vec![],
        };
        assert_eq!(decode(&encode(&checkpoint)), Some(checkpoint));
    }
}
