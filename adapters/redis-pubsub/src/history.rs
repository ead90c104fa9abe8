//! Positions and history: every event is also appended to its room's capped stream.
//!
//! Publishing runs one script (one command): it takes the next position from a global
//! counter (never below the server clock, see below), appends the event to the stream
//! `concord:stream:<room>` under the id `<position>-0`, trims the stream to its newest
//! [`STREAM_LENGTH`] events, refreshes its expiry, and PUBLISHes `<position>|<event>`.
//! Redis runs scripts one at a time and delivers messages on a connection in the order it published them, so positions
//! increase across all rooms in delivery order. A room's stream can then answer which
//! events it had after a position, which is what resuming a session elsewhere needs.

use std::sync::Arc;

use concord_ports::pubsub::{History, PubSubError};
use redis::aio::ConnectionManager;

use crate::breaker::Breaker;
use redis::{Script, Value};

use crate::subscriber::failure;

/// The global counter of positions.
const COUNTER_KEY: &str = "concord:position";
/// Events kept per room.
pub(crate) const STREAM_LENGTH: u64 = 5000;
/// How long an idle room's stream is kept, in milliseconds.
const STREAM_IDLE_TTL_MS: u64 = 10 * 60 * 1000;

// Positions never go back, even when Redis restarts without its data: each is at least
// the server's clock in milliseconds times 1024, so a fresh counter starts above every
// position handed out before (unless more than a million events a second were
// published). Lua numbers are doubles, exact up to 2^53; positions stay near 2^51.
const PUBLISH_SCRIPT: &str = r"
local now = redis.call('TIME')
local floor = (tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)) * 1024
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local position = math.max(last + 1, floor)
redis.call('SET', KEYS[2], string.format('%d', position))
local id = string.format('%d', position) .. '-0'
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], id, 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[1], string.format('%d', position) .. '|' .. ARGV[2])
return position
";

/// The stream key of a room.
fn stream_key(room: &str) -> String {
    format!("concord:stream:{room}")
}

/// The publishing script, loaded once per process.
pub(crate) fn publish_script() -> Script {
    Script::new(PUBLISH_SCRIPT)
}

/// How often a publish is tried when the connection was lost under it.
const PUBLISH_ATTEMPTS: u32 = 5;
/// The first pause between those tries, doubling each time (50 ms to 400 ms), while the
/// managed connection reconnects.
const PUBLISH_RETRY_DELAY: std::time::Duration = std::time::Duration::from_millis(50);

/// Publishes `payload` to `room` and returns its position.
///
/// A publish that fails because the connection dropped is tried again once the managed
/// connection has reconnected: right after Redis restarts, the first command on the old
/// connection fails. Should the connection drop after Redis ran the script but before
/// its answer arrived, the event goes out twice; clients recognise it by its message id.
/// A publish that timed out is not tried again (a stalled Redis would only make the
/// caller wait longer) and opens `breaker`; while it is open, publishing fails at once.
pub(crate) async fn publish(
    script: &Script,
    conn: &mut ConnectionManager,
    breaker: &Breaker,
    room: &str,
    payload: &str,
) -> Result<u64, PubSubError> {
    if !breaker.allows() {
        return Err(PubSubError(
            "redis is not answering; event not published".into(),
        ));
    }
    let mut attempt = 1;
    loop {
        let published = script
            .key(stream_key(room))
            .key(COUNTER_KEY)
            .arg(room)
            .arg(payload)
            .arg(STREAM_LENGTH)
            .arg(STREAM_IDLE_TTL_MS)
            .invoke_async(conn)
            .await;
        breaker.record(published.as_ref().err());
        match published {
            Ok(position) => return Ok(position),
            Err(error)
                if attempt < PUBLISH_ATTEMPTS && connection_lost(&error) && !error.is_timeout() =>
            {
                tokio::time::sleep(PUBLISH_RETRY_DELAY * 2u32.pow(attempt - 1)).await;
                attempt += 1;
            }
            Err(error) => return Err(failure("publish", &error)),
        }
    }
}

fn connection_lost(error: &redis::RedisError) -> bool {
    error.is_io_error() || error.is_connection_dropped() || error.is_connection_refusal()
}

/// Splits a published message `<position>|<event>`.
pub(crate) fn split_message(message: &str) -> Option<(u64, &str)> {
    let (position, event) = message.split_once('|')?;
    Some((position.parse().ok()?, event))
}

/// The newest position handed out.
pub(crate) async fn position(conn: &mut ConnectionManager) -> Result<u64, PubSubError> {
    let value: Option<u64> = redis::cmd("GET")
        .arg(COUNTER_KEY)
        .query_async(conn)
        .await
        .map_err(|error| failure("get position", &error))?;
    Ok(value.unwrap_or(0))
}

/// The events of `room` after `after`, unless some of them were trimmed away.
pub(crate) async fn history(
    conn: &mut ConnectionManager,
    room: &str,
    after: u64,
) -> Result<History, PubSubError> {
    let key = stream_key(room);
    let (length, first, events): (u64, Value, Value) = redis::pipe()
        .cmd("XLEN")
        .arg(&key)
        .cmd("XRANGE")
        .arg(&key)
        .arg("-")
        .arg("+")
        .arg("COUNT")
        .arg(1)
        .cmd("XRANGE")
        .arg(&key)
        .arg(format!("({after}-0"))
        .arg("+")
        .query_async(conn)
        .await
        .map_err(|error| failure("read history", &error))?;

    // A full stream may have dropped events; it is complete only if its oldest kept
    // event is not newer than what the caller already has.
    let oldest = entries(first).first().map(|(position, _)| *position);
    if length >= STREAM_LENGTH && oldest.is_some_and(|oldest| oldest > after) {
        return Ok(History::Trimmed);
    }
    Ok(History::Events(entries(events)))
}

/// Parses XRANGE's reply: `[[id, [field, value]], ...]`.
fn entries(reply: Value) -> Vec<(u64, Arc<str>)> {
    let Value::Array(items) = reply else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| {
            let Value::Array(mut parts) = item else {
                return None;
            };
            let fields = parts.pop()?;
            let id = text(parts.pop()?)?;
            let position = id.split_once('-')?.0.parse().ok()?;
            let Value::Array(mut fields) = fields else {
                return None;
            };
            let event = text(fields.pop()?)?;
            Some((position, Arc::from(event)))
        })
        .collect()
}

fn text(value: Value) -> Option<String> {
    match value {
        Value::BulkString(bytes) => String::from_utf8(bytes).ok(),
        Value::SimpleString(text) => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_messages_split_into_position_and_event() {
        assert_eq!(split_message(r#"42|{"t":"X"}"#), Some((42, r#"{"t":"X"}"#)));
        assert_eq!(split_message("nope"), None);
        assert_eq!(split_message("x|{}"), None);
    }

    #[test]
    fn stream_entries_are_parsed_with_their_positions() {
        let entry = |id: &str, event: &str| {
            Value::Array(vec![
                Value::BulkString(id.into()),
                Value::Array(vec![
                    Value::BulkString(b"e".to_vec()),
                    Value::BulkString(event.into()),
                ]),
            ])
        };
        let reply = Value::Array(vec![entry("7-0", "a"), entry("9-0", "b")]);
        let parsed: Vec<(u64, String)> = entries(reply)
            .into_iter()
            .map(|(p, e)| (p, e.to_string()))
            .collect();
        assert_eq!(parsed, vec![(7, "a".to_owned()), (9, "b".to_owned())]);
    }
}
