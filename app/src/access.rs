//! Who may see and do what: the checks every use case starts with.
//!
//! Resources a user may not know about answer `NotFound`, so that probing ids reveals
//! nothing; resources they can see but not change answer `Forbidden`.

use concord_domain::channel::{Channel, ChannelKind};
use concord_domain::guild::{Guild, Member, member_permissions};
use concord_domain::id::{ChannelId, GuildId, UserId};
use concord_domain::permissions::Permissions;

use crate::{AppError, AppResult, Concord};

/// A member's standing in a guild.
pub(crate) struct GuildAccess {
    pub guild: Guild,
    pub member: Member,
    pub permissions: Permissions,
}

impl GuildAccess {
    /// Fails with `Forbidden(why)` unless the member holds `wanted`.
    pub fn require(&self, wanted: Permissions, why: &'static str) -> AppResult<()> {
        if self.permissions.allows(wanted) {
            Ok(())
        } else {
            Err(AppError::Forbidden(why))
        }
    }

    /// Whether the member owns the guild.
    pub fn is_owner(&self) -> bool {
        self.guild.owner_id == self.member.user_id
    }
}

/// A channel the actor may view, with their guild standing for guild channels.
pub(crate) struct ChannelAccess {
    pub channel: Channel,
    pub guild: Option<GuildAccess>,
}

impl ChannelAccess {
    /// Fails with `Forbidden(why)` unless the actor holds `wanted` here. In DMs both
    /// users may do everything a member of a guild might.
    pub fn require(&self, wanted: Permissions, why: &'static str) -> AppResult<()> {
        match &self.guild {
            Some(guild) => guild.require(wanted, why),
            None => Ok(()),
        }
    }
}

impl Concord {
    /// The actor's standing in `guild`; `NotFound` unless they are a member.
    pub(crate) async fn guild_access(
        &self,
        actor: UserId,
        guild_id: GuildId,
    ) -> AppResult<GuildAccess> {
        let store = &self.deps.store;
        let member = store
            .member(guild_id, actor)
            .await?
            .ok_or(AppError::NotFound("guild"))?;
        let guild = store
            .guild(guild_id)
            .await?
            .ok_or(AppError::NotFound("guild"))?;
        let roles = store.roles(guild_id).await?;
        let permissions = member_permissions(&guild, &member, &roles);
        Ok(GuildAccess {
            guild,
            member,
            permissions,
        })
    }

    /// A channel the actor may view; `NotFound` otherwise.
    pub(crate) async fn channel_access(
        &self,
        actor: UserId,
        channel_id: ChannelId,
    ) -> AppResult<ChannelAccess> {
        let unknown = AppError::NotFound("channel");
        let channel = self.deps.store.channel(channel_id).await?.ok_or(unknown)?;

        if channel.kind == ChannelKind::Dm {
            if !channel.recipients.contains(&actor) {
                return Err(AppError::NotFound("channel"));
            }
            return Ok(ChannelAccess {
                channel,
                guild: None,
            });
        }

        let guild_id = channel.guild_id.ok_or(AppError::NotFound("channel"))?;
        let guild = match self.guild_access(actor, guild_id).await {
            Err(AppError::NotFound(_)) => return Err(AppError::NotFound("channel")),
            other => other?,
        };
        if !guild.permissions.allows(Permissions::VIEW_CHANNEL) {
            return Err(AppError::NotFound("channel"));
        }
        Ok(ChannelAccess {
            channel,
            guild: Some(guild),
        })
    }
}
