//! READY: everything a client needs to draw its whole interface after connecting.

use concord_domain::channel::Channel;
use concord_domain::guild::{Guild, Member, Role};
use concord_domain::id::UserId;
use concord_domain::read_state::ReadState;
use concord_domain::relationship::RelationshipKind;
use concord_domain::user::User;
use serde::Serialize;

use super::Gateway;
use super::presence::Status;
use crate::AppResult;
use crate::events::PublicUser;

/// The READY dispatch's data.
#[derive(Debug, Serialize)]
pub struct Ready {
    /// The id to resume this session with.
    pub session_id: String,
    /// The signed-in user, email included.
    pub user: User,
    /// The user's guilds with what is in them.
    pub guilds: Vec<ReadyGuild>,
    /// The user's DM channels.
    pub dm_channels: Vec<Channel>,
    /// Friends, requests and blocks.
    pub relationships: Vec<ReadyRelationship>,
    /// How far the user has read in each channel.
    pub read_states: Vec<ReadState>,
    /// The presence of the user's friends.
    pub presences: Vec<Presence>,
}

/// A guild with its channels, roles and members.
#[derive(Debug, Serialize)]
pub struct ReadyGuild {
    /// The guild's own fields.
    #[serde(flatten)]
    pub guild: Guild,
    /// Channels the user may view.
    pub channels: Vec<Channel>,
    /// The guild's roles.
    pub roles: Vec<Role>,
    /// Members (the first page of them in large guilds).
    pub members: Vec<ReadyMember>,
    /// The presence of those members.
    pub presences: Vec<Presence>,
}

/// A member with their public profile.
#[derive(Debug, Serialize)]
pub struct ReadyMember {
    /// The membership's fields.
    #[serde(flatten)]
    pub member: Member,
    /// Who the member is.
    pub user: PublicUser,
}

/// A relationship as the user sees it.
#[derive(Debug, Serialize)]
pub struct ReadyRelationship {
    /// The other user's id.
    pub id: UserId,
    /// The kind, from the user's side.
    #[serde(rename = "type")]
    pub kind: RelationshipKind,
    /// The other user.
    pub user: PublicUser,
}

/// One user's presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Presence {
    /// Whose.
    pub user_id: UserId,
    /// Their status.
    pub status: Status,
}

impl Gateway {
    /// Gathers READY for `user` and the session `session_id`.
    pub(super) async fn ready(&self, user: UserId, session_id: String) -> AppResult<Ready> {
        let concord = &self.concord;
        let me = concord.me(user).await?;

        let mut guilds = Vec::new();
        for guild in concord.my_guilds(user).await? {
            let channels = concord.guild_channels(user, guild.id).await?;
            let roles = concord.roles(user, guild.id).await?;
            let limit = self.settings.ready_members;
            let views = concord.members(user, guild.id, None, limit).await?;
            let ids: Vec<UserId> = views.iter().map(|v| v.user.id).collect();
            let presences = self.presences(&ids).await;
            let members = views
                .into_iter()
                .map(|view| ReadyMember {
                    member: view.member,
                    user: view.user,
                })
                .collect();
            guilds.push(ReadyGuild {
                guild,
                channels,
                roles,
                members,
                presences,
            });
        }

        let relationships: Vec<ReadyRelationship> = concord
            .relationships(user)
            .await?
            .into_iter()
            .map(|view| ReadyRelationship {
                id: view.user.id,
                kind: view.kind,
                user: view.user,
            })
            .collect();
        let friends: Vec<UserId> = relationships
            .iter()
            .filter(|r| r.kind == RelationshipKind::Friend)
            .map(|r| r.id)
            .collect();
        let presences = self.presences(&friends).await;

        Ok(Ready {
            session_id,
            user: me,
            guilds,
            dm_channels: concord.dm_channels(user).await?,
            relationships,
            read_states: concord.read_states(user).await?,
            presences,
        })
    }

    async fn presences(&self, users: &[UserId]) -> Vec<Presence> {
        let statuses = self.presence.statuses(users).await;
        users
            .iter()
            .zip(statuses)
            .map(|(&user_id, status)| Presence { user_id, status })
            .collect()
    }
}
