//! Gateway frames: opcodes, close codes, and the JSON of each frame.
//!
//! Dispatches are built from the event JSON the core published, `{"t":..,"d":..}`, by
//! splicing the opcode and sequence number in front, so an event serialised once per
//! room is never parsed or serialised again per connection.

use std::fmt::Write;

use concord_app::gateway::Status;
use serde::Serialize;
use serde_json::Value;

/// Gateway opcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Server → client: an event.
    Dispatch = 0,
    /// Client → server: I am alive; `d` is the last sequence number seen.
    Heartbeat = 1,
    /// Client → server: authenticate with `{token}`.
    Identify = 2,
    /// Client → server: set one's status `{status}`.
    PresenceUpdate = 3,
    /// Client → server: resume `{token, session_id, seq}`.
    Resume = 6,
    /// Server → client: reconnect and resume, this server is going away.
    Reconnect = 7,
    /// Server → client: the session cannot be resumed; identify again.
    InvalidSession = 9,
    /// Server → client: first frame, `{heartbeat_interval}`.
    Hello = 10,
    /// Server → client: heartbeat received.
    HeartbeatAck = 11,
}

impl Op {
    fn from_number(number: u64) -> Option<Self> {
        Some(match number {
            0 => Op::Dispatch,
            1 => Op::Heartbeat,
            2 => Op::Identify,
            3 => Op::PresenceUpdate,
            6 => Op::Resume,
            7 => Op::Reconnect,
            9 => Op::InvalidSession,
            10 => Op::Hello,
            11 => Op::HeartbeatAck,
            _ => return None,
        })
    }
}

/// Why a connection is closed, with the close codes clients know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    /// 4000: something went wrong; reconnect and resume.
    Unknown,
    /// 4000 as well: the client read too slowly and missed events; identify again.
    TooSlow,
    /// 4001: an opcode the server does not know or does not accept from clients.
    UnknownOpcode,
    /// 4002: a frame that is not valid JSON of the expected shape, or too large.
    DecodeError,
    /// 4003: a payload other than IDENTIFY, RESUME or HEARTBEAT before authenticating.
    NotAuthenticated,
    /// 4004: the token was refused.
    AuthenticationFailed,
    /// 4005: IDENTIFY or RESUME on an authenticated connection.
    AlreadyAuthenticated,
    /// 4007: RESUME with a sequence number the session never sent.
    InvalidSeq,
    /// 4008: too many frames too fast.
    RateLimited,
    /// 4009: no heartbeat (or no IDENTIFY) in time.
    SessionTimedOut,
    /// 1001: the server is shutting down; reconnect (to another replica) and resume.
    GoingAway,
}

impl Close {
    /// The close code and the reason sent with it.
    pub fn code_and_reason(self) -> (u16, &'static str) {
        match self {
            Close::Unknown => (4000, "unknown error; reconnect"),
            Close::TooSlow => (4000, "too slow to keep up; identify again"),
            Close::UnknownOpcode => (4001, "unknown opcode"),
            Close::DecodeError => (4002, "decode error"),
            Close::NotAuthenticated => (4003, "not authenticated"),
            Close::AuthenticationFailed => (4004, "authentication failed"),
            Close::AlreadyAuthenticated => (4005, "already authenticated"),
            Close::InvalidSeq => (4007, "invalid seq"),
            Close::RateLimited => (4008, "rate limited"),
            Close::SessionTimedOut => (4009, "session timed out"),
            Close::GoingAway => (1001, "server shutting down; reconnect and resume"),
        }
    }
}

/// Why a client frame was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// Not JSON, or not `{op, d}`.
    Malformed,
    /// An opcode that does not exist or that only the server sends.
    UnknownOpcode,
}

/// A frame from a client.
#[derive(Debug)]
pub struct ClientFrame {
    /// Its opcode.
    pub op: Op,
    /// Its data.
    pub d: Value,
}

impl ClientFrame {
    /// Parses a text frame.
    pub fn parse(text: &str) -> Result<Self, FrameError> {
        let mut value: Value = serde_json::from_str(text).map_err(|_| FrameError::Malformed)?;
        let number = value
            .get("op")
            .and_then(Value::as_u64)
            .ok_or(FrameError::Malformed)?;
        let op = Op::from_number(number).ok_or(FrameError::UnknownOpcode)?;
        let client_op = matches!(
            op,
            Op::Heartbeat | Op::Identify | Op::PresenceUpdate | Op::Resume
        );
        if !client_op {
            return Err(FrameError::UnknownOpcode);
        }
        let d = value.get_mut("d").map(Value::take).unwrap_or(Value::Null);
        Ok(Self { op, d })
    }

    /// The token of an IDENTIFY.
    pub fn token(&self) -> Option<String> {
        self.d.get("token")?.as_str().map(str::to_owned)
    }

    /// The token, session id and sequence number of a RESUME.
    pub fn resume(&self) -> Option<(String, String, u64)> {
        let token = self.token()?;
        let session_id = self.d.get("session_id")?.as_str()?.to_owned();
        let seq = match self.d.get("seq")? {
            Value::Null => 0,
            seq => seq.as_u64()?,
        };
        Some((token, session_id, seq))
    }

    /// The status of a PRESENCE_UPDATE.
    pub fn status(&self) -> Option<Status> {
        serde_json::from_value(self.d.get("status")?.clone()).ok()
    }
}

/// HELLO with the heartbeat interval in milliseconds.
pub fn hello(heartbeat_interval: u64) -> String {
    format!(r#"{{"op":10,"d":{{"heartbeat_interval":{heartbeat_interval}}}}}"#)
}

/// HEARTBEAT_ACK.
pub fn heartbeat_ack() -> String {
    r#"{"op":11,"d":null}"#.to_owned()
}

/// INVALID_SESSION: identify again (the session cannot be resumed).
pub fn invalid_session() -> String {
    r#"{"op":9,"d":false}"#.to_owned()
}

/// RECONNECT: move to another server and resume there.
pub fn reconnect() -> String {
    r#"{"op":7,"d":null}"#.to_owned()
}

/// A dispatch of a published event `{"t":..,"d":..}` with sequence number `seq`.
///
/// Built in one allocation of exactly its length, without temporaries.
pub fn dispatch(event: &str, seq: u64) -> String {
    const HEAD: &str = r#"{"op":0,"s":"#;
    let body = event.strip_prefix('{').unwrap_or(event);
    let digits = seq.checked_ilog10().map_or(1, |log| log as usize + 1);
    let mut frame = String::with_capacity(HEAD.len() + digits + 1 + body.len());
    frame.push_str(HEAD);
    // Writing to a String cannot fail.
    let _ = write!(frame, "{seq}");
    frame.push(',');
    frame.push_str(body);
    frame
}

/// A dispatch named `name` whose data is `data` serialised now.
pub fn dispatch_value(name: &str, seq: u64, data: &impl Serialize) -> String {
    let data = serde_json::to_string(data).unwrap_or_else(|_| "null".to_owned());
    format!(r#"{{"op":0,"s":{seq},"t":"{name}","d":{data}}}"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatches_splice_op_and_seq_into_the_event() {
        let frame = dispatch(r#"{"t":"MESSAGE_CREATE","d":{"id":"1"}}"#, 7);
        let value: Value = serde_json::from_str(&frame).unwrap();
        assert_eq!(value["op"], 0);
        assert_eq!(value["s"], 7);
        assert_eq!(value["t"], "MESSAGE_CREATE");
        assert_eq!(value["d"]["id"], "1");
    }

    #[test]
    fn dispatches_are_allocated_at_their_exact_length() {
        for seq in [0, 9, 10, 12_345, u64::MAX] {
            let frame = dispatch(r#"{"t":"E","d":null}"#, seq);
            assert_eq!(frame, format!(r#"{{"op":0,"s":{seq},"t":"E","d":null}}"#));
            assert_eq!(frame.capacity(), frame.len(), "seq {seq}");
        }
    }

    #[test]
    fn client_frames_need_a_known_client_opcode() {
        assert_eq!(
            ClientFrame::parse("nope").unwrap_err(),
            FrameError::Malformed
        );
        assert_eq!(
            ClientFrame::parse(r#"{"d":1}"#).unwrap_err(),
            FrameError::Malformed
        );
        assert_eq!(
            ClientFrame::parse(r#"{"op":42}"#).unwrap_err(),
            FrameError::UnknownOpcode
        );
        assert_eq!(
            ClientFrame::parse(r#"{"op":10}"#).unwrap_err(),
            FrameError::UnknownOpcode
        );
        assert_eq!(
            ClientFrame::parse(r#"{"op":1,"d":3}"#).unwrap().op,
            Op::Heartbeat
        );
    }

    #[test]
    fn resume_frames_carry_token_session_and_seq() {
        let frame = ClientFrame::parse(r#"{"op":6,"d":{"token":"t","session_id":"s","seq":4}}"#);
        assert_eq!(frame.unwrap().resume(), Some(("t".into(), "s".into(), 4)));
    }
}
