//! Events: what the core publishes after a change, and to which room.
//!
//! Every event is published once, to the room whose subscribers may see it: a guild's
//! room for guild-wide changes, its channels room for changes to its channel list (which
//! only members who may view its channels see), a channel's or DM's room for what
//! happens inside it, and a user's own room for what concerns only them. An event is
//! serialised to JSON as `{"t": "MESSAGE_CREATE", "d": {...}}`, the shape gateway clients
//! receive.

use std::fmt;
use std::sync::Arc;

use concord_domain::channel::{Channel, ChannelKind};
use concord_domain::guild::{Guild, Member, Role};
use concord_domain::id::{ChannelId, FileId, GuildId, MessageId, RoleId, UserId};
use concord_domain::message::{Emoji, Message};
use concord_domain::read_state::ReadState;
use concord_domain::relationship::RelationshipKind;
use concord_domain::time::Timestamp;
use concord_domain::user::User;
use serde::Serialize;

use crate::Concord;

/// What other users may see of a user: never their email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicUser {
    /// The user's id.
    pub id: UserId,
    /// Their unique handle.
    pub username: String,
    /// Their display name.
    pub display_name: String,
    /// Their avatar file, if any.
    pub avatar: Option<FileId>,
}

impl From<&User> for PublicUser {
    fn from(user: &User) -> Self {
        Self {
            id: user.id,
            username: user.username.as_str().to_owned(),
            display_name: user.display_name.as_str().to_owned(),
            avatar: user.avatar,
        }
    }
}

/// Where an event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Room {
    /// Every member of a guild.
    Guild(GuildId),
    /// The members of a guild who may view its channels: changes to its channel list.
    GuildChannels(GuildId),
    /// Everyone who may view a guild channel.
    Channel(ChannelId),
    /// Both users of a DM channel.
    Dm(ChannelId),
    /// One user's own sessions.
    User(UserId),
}

impl Room {
    /// The room where a channel's messages, reactions and typing go.
    pub fn of_channel(channel: &Channel) -> Self {
        match channel.kind {
            ChannelKind::Dm => Room::Dm(channel.id),
            _ => Room::Channel(channel.id),
        }
    }
}

impl fmt::Display for Room {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Room::Guild(id) => write!(f, "room:guild:{id}"),
            Room::GuildChannels(id) => write!(f, "room:guild-channels:{id}"),
            Room::Channel(id) => write!(f, "room:channel:{id}"),
            Room::Dm(id) => write!(f, "room:dm:{id}"),
            Room::User(id) => write!(f, "room:user:{id}"),
        }
    }
}

/// A change someone may need to see, named as gateway dispatches are.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", content = "d", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Event {
    /// A message was sent.
    MessageCreate(Message),
    /// A message was edited.
    MessageUpdate(Message),
    /// A message was deleted.
    MessageDelete {
        /// The deleted message.
        id: MessageId,
        /// Its channel.
        channel_id: ChannelId,
    },
    /// Someone reacted to a message.
    MessageReactionAdd(ReactionEvent),
    /// Someone took a reaction back.
    MessageReactionRemove(ReactionEvent),
    /// Someone started typing.
    TypingStart {
        /// Where.
        channel_id: ChannelId,
        /// Who.
        user_id: UserId,
        /// When.
        at: Timestamp,
    },
    /// The receiving user joined a guild, or a guild was created for them.
    GuildCreate(Guild),
    /// A guild's name or icon changed.
    GuildUpdate(Guild),
    /// A guild was deleted, or the receiving user left it or was removed.
    GuildDelete {
        /// The guild.
        id: GuildId,
    },
    /// Someone joined a guild.
    GuildMemberAdd {
        /// The membership.
        member: Member,
        /// Who joined.
        user: PublicUser,
    },
    /// A member's nickname or roles changed.
    GuildMemberUpdate(Member),
    /// Someone left, was kicked or banned.
    GuildMemberRemove {
        /// The guild.
        guild_id: GuildId,
        /// Who is gone.
        user_id: UserId,
    },
    /// A role was created.
    GuildRoleCreate(Role),
    /// A role changed.
    GuildRoleUpdate(Role),
    /// A role was deleted.
    GuildRoleDelete {
        /// The guild.
        guild_id: GuildId,
        /// The role.
        role_id: RoleId,
    },
    /// A channel was created, or a DM opened.
    ChannelCreate(Channel),
    /// A channel changed.
    ChannelUpdate(Channel),
    /// A channel was deleted.
    ChannelDelete(Channel),
    /// A relationship appeared or changed kind.
    RelationshipAdd {
        /// The other user's id.
        id: UserId,
        /// The relationship as the receiving user sees it.
        #[serde(rename = "type")]
        kind: RelationshipKind,
        /// The other user.
        user: PublicUser,
    },
    /// A relationship ended.
    RelationshipRemove {
        /// The other user's id.
        id: UserId,
    },
    /// The receiving user's profile changed.
    UserUpdate(PublicUser),
    /// The receiving user read a channel up to a message.
    ReadStateUpdate(ReadState),
    /// A user's presence changed.
    PresenceUpdate {
        /// Whose.
        user_id: UserId,
        /// Their status now.
        status: crate::gateway::Status,
    },
}

/// A reaction added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReactionEvent {
    /// The channel.
    pub channel_id: ChannelId,
    /// The message.
    pub message_id: MessageId,
    /// Who reacted.
    pub user_id: UserId,
    /// With what.
    pub emoji: Emoji,
}

impl Concord {
    /// Publishes `event` to `room`. The change is already stored, so a failure to
    /// publish is logged and not returned: clients catch up from storage.
    pub(crate) async fn publish(&self, room: Room, event: Event) {
        let payload: Arc<str> = match serde_json::to_string(&event) {
            Ok(json) => json.into(),
            Err(error) => {
                tracing::error!(%room, %error, "could not serialise an event");
                return;
            }
        };
        if let Err(error) = self.deps.pubsub.publish(&room.to_string(), payload).await {
            tracing::warn!(%room, %error, "event not published");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_domain::id::RawId;

    #[test]
    fn rooms_are_named_by_type_and_id() {
        let id = GuildId::from(RawId::from_parts(Timestamp(1), 1));
        assert_eq!(Room::Guild(id).to_string(), format!("room:guild:{id}"));
    }

    #[test]
    fn events_serialise_as_t_and_d() {
        let id = GuildId::from(RawId::from_parts(Timestamp(1), 1));
        let json = serde_json::to_value(Event::GuildDelete { id }).unwrap();
        assert_eq!(json["t"], "GUILD_DELETE");
        assert_eq!(json["d"]["id"], id.to_string());
    }
}
