//! Typed identifiers.
//!
//! Every entity id is a ULID: 48 bits of milliseconds followed by 80 random bits. ULIDs
//! sort by creation time, which gives messages their order and lets storage page through
//! history by id, and they stay unique across replicas without any coordination. Each
//! entity has its own id type so a channel id can never be passed where a user id is meant.
//! On the wire and in storage keys an id is its 26-character Crockford base32 text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ulid::Ulid;

use crate::DomainError;
use crate::time::Timestamp;

/// An untyped id, as produced by the id source port before it is given a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RawId(pub Ulid);

impl RawId {
    /// Builds an id from a creation time and 80 random bits.
    pub fn from_parts(at: Timestamp, random: u128) -> Self {
        Self(Ulid::from_parts(at.0.max(0) as u64, random))
    }
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Ulid);

        impl $name {
            /// The creation time encoded in the id.
            pub fn created_at(self) -> Timestamp {
                Timestamp(self.0.timestamp_ms() as i64)
            }

            /// Parses the id's text form, naming `field` in the error.
            pub fn parse(field: &'static str, text: &str) -> Result<Self, DomainError> {
                Ulid::from_string(text)
                    .map(Self)
                    .map_err(|_| DomainError::new(field, "is not a valid id"))
            }

            /// The smallest id created at `at`, for range queries by time.
            pub fn lowest_at(at: Timestamp) -> Self {
                Self(Ulid::from_parts(at.0.max(0) as u64, 0))
            }

            /// The raw 128-bit value.
            pub fn to_u128(self) -> u128 {
                self.0.0
            }
        }

        impl From<RawId> for $name {
            fn from(raw: RawId) -> Self {
                Self(raw.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = DomainError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse("id", text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ulid::from_string(&text).map(Self).map_err(serde::de::Error::custom)
            }
        }
    };
}

typed_id!(
    /// Identifies a user account.
    UserId
);
typed_id!(
    /// Identifies a guild (a server).
    GuildId
);
typed_id!(
    /// Identifies a channel: a guild text channel, a category or a DM channel.
    ChannelId
);
typed_id!(
    /// Identifies a message; ordering message ids orders messages by creation time.
    MessageId
);
typed_id!(
    /// Identifies a role within a guild. A guild's @everyone role shares the guild's id.
    RoleId
);
typed_id!(
    /// Identifies an uploaded file.
    FileId
);
typed_id!(
    /// Identifies a family of refresh tokens descending from one login.
    TokenFamilyId
);

impl From<GuildId> for RoleId {
    fn from(guild: GuildId) -> Self {
        Self(guild.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_their_text_form() {
        let id = UserId::from(RawId::from_parts(Timestamp(1_700_000_000_000), 42));
        let text = id.to_string();
        assert_eq!(text.len(), 26);
        assert_eq!(text.parse::<UserId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
    }

    #[test]
    fn ids_order_by_creation_time() {
        let early = MessageId::from(RawId::from_parts(Timestamp(1_000), u128::MAX >> 48));
        let late = MessageId::from(RawId::from_parts(Timestamp(1_001), 0));
        assert!(early < late);
        assert!(early.to_string() < late.to_string());
        assert_eq!(late.created_at(), Timestamp(1_001));
    }

    #[test]
    fn malformed_ids_are_rejected_with_the_field_name() {
        let err = ChannelId::parse("channel_id", "not-an-id").unwrap_err();
        assert_eq!(err.field, "channel_id");
    }
}
