//! Channels: guild text channels, the categories that group them, and DM channels.

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::id::{ChannelId, GuildId, MessageId, UserId};
use crate::text::bounded_line;
use crate::time::Timestamp;

/// What a channel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// A guild channel people write in.
    Text,
    /// A guild heading that groups text channels; nobody writes in it.
    Category,
    /// A private conversation between two users.
    Dm,
}

/// A channel. Guild channels have a guild, name, position and maybe a parent category;
/// DM channels have exactly two recipients instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    /// The channel's id.
    pub id: ChannelId,
    /// What kind of channel it is (`type` in JSON, as clients know it).
    #[serde(rename = "type")]
    pub kind: ChannelKind,
    /// The owning guild; `None` for DMs.
    pub guild_id: Option<GuildId>,
    /// The name; empty for DMs.
    pub name: String,
    /// A short description shown in the header.
    pub topic: Option<String>,
    /// Sort order among siblings, lowest first.
    pub position: i32,
    /// The category a text channel sits in.
    pub parent_id: Option<ChannelId>,
    /// The two users of a DM channel, lowest id first; empty for guild channels.
    pub recipients: Vec<UserId>,
    /// The newest message, kept so clients can tell whether there is anything unread.
    pub last_message_id: Option<MessageId>,
    /// When the channel was created.
    pub created_at: Timestamp,
}

impl Channel {
    /// Whether messages can be sent in this channel.
    pub fn accepts_messages(&self) -> bool {
        self.kind != ChannelKind::Category
    }
}

/// A guild channel's name: 1–100 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelName(String);

impl ChannelName {
    /// Checks `raw` against the channel-name rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_line("name", raw, 1, 100).map(Self)
    }

    /// The name every new guild's first channel gets.
    pub fn general() -> Self {
        Self("general".to_owned())
    }

    /// The name as owned text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A channel topic: up to 1024 characters after trimming; empty means none.
pub fn parse_topic(raw: &str) -> Result<Option<String>, DomainError> {
    let topic = raw.trim();
    if topic.is_empty() {
        return Ok(None);
    }
    bounded_line("topic", topic, 1, 1024).map(Some)
}

/// The unordered pair of users a DM channel joins, stored lowest id first so that
/// each pair has exactly one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DmPair(UserId, UserId);

impl DmPair {
    /// The pair of `a` and `b`, in either order. A user cannot DM themselves.
    pub fn new(a: UserId, b: UserId) -> Result<Self, DomainError> {
        if a == b {
            return Err(DomainError::new(
                "recipient_id",
                "cannot open a DM with yourself",
            ));
        }
        Ok(if a < b { Self(a, b) } else { Self(b, a) })
    }

    /// The lower id of the pair.
    pub fn low(self) -> UserId {
        self.0
    }

    /// The higher id of the pair.
    pub fn high(self) -> UserId {
        self.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::RawId;

    #[test]
    fn dm_pairs_are_the_same_in_either_order() {
        let a = UserId::from(RawId::from_parts(Timestamp(1), 1));
        let b = UserId::from(RawId::from_parts(Timestamp(1), 2));
        assert_eq!(DmPair::new(a, b).unwrap(), DmPair::new(b, a).unwrap());
        assert_eq!(DmPair::new(b, a).unwrap().low(), a);
        assert!(DmPair::new(a, a).is_err());
    }

    #[test]
    fn blank_topics_mean_no_topic() {
        assert_eq!(parse_topic("   ").unwrap(), None);
        assert_eq!(parse_topic(" hi ").unwrap().as_deref(), Some("hi"));
        assert!(parse_topic(&"t".repeat(1025)).is_err());
    }

    #[test]
    fn channel_names_are_bounded() {
        assert!(ChannelName::parse("").is_err());
        assert!(ChannelName::parse("off-topic").is_ok());
        assert!(ChannelName::parse(&"c".repeat(101)).is_err());
    }
}
