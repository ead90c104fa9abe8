//! Guild channels and categories: listing, creating, changing and deleting them.
//!
//! Changes to a guild's channels are published to its channels room, not to the guild's
//! room: members who may not view the guild's channels get neither the list nor its
//! changes.

use concord_domain::DomainError;
use concord_domain::channel::{Channel, ChannelKind, ChannelName, parse_topic};
use concord_domain::id::{ChannelId, GuildId, UserId};
use concord_domain::permissions::Permissions;
use tracing::{info, instrument};

use crate::access::GuildAccess;
use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};

/// How many channels and categories a guild may have.
pub const MAX_CHANNELS: usize = 500;

/// A new guild channel.
#[derive(Debug, Clone)]
pub struct ChannelDraft {
    /// Its name.
    pub name: String,
    /// Text or category; DMs are opened elsewhere.
    pub kind: ChannelKind,
    /// An optional topic.
    pub topic: Option<String>,
    /// The category to place a text channel in.
    pub parent_id: Option<ChannelId>,
    /// Sort order; after the existing channels when absent.
    pub position: Option<i32>,
}

/// Changes to a guild channel; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ChannelChange {
    /// A new name.
    pub name: Option<String>,
    /// A new topic; an empty one clears it.
    pub topic: Option<String>,
    /// A new position.
    pub position: Option<i32>,
    /// `Some(None)` takes the channel out of its category.
    pub parent_id: Option<Option<ChannelId>>,
}

impl Concord {
    /// The channels of a guild the actor may view, by position.
    pub async fn guild_channels(
        &self,
        actor: UserId,
        guild_id: GuildId,
    ) -> AppResult<Vec<Channel>> {
        Ok(self
            .viewable_channels(actor, guild_id)
            .await?
            .unwrap_or_default())
    }

    /// The guild's channels by position, or `None` when the actor may not view them
    /// (without VIEW_CHANNEL they see no channel of the guild, nor its channel events).
    pub(crate) async fn viewable_channels(
        &self,
        actor: UserId,
        guild_id: GuildId,
    ) -> AppResult<Option<Vec<Channel>>> {
        let access = self.guild_access(actor, guild_id).await?;
        if !access.permissions.allows(Permissions::VIEW_CHANNEL) {
            return Ok(None);
        }
        let mut channels = self.deps.store.guild_channels(guild_id).await?;
        channels.sort_by_key(|c| (c.position, c.id));
        Ok(Some(channels))
    }

    /// Creates a text channel or category; needs MANAGE_CHANNELS.
    #[instrument(skip_all, fields(%actor, %guild_id))]
    pub async fn create_channel(
        &self,
        actor: UserId,
        guild_id: GuildId,
        draft: ChannelDraft,
    ) -> AppResult<Channel> {
        let access = self.channel_manager(actor, guild_id).await?;
        let name = ChannelName::parse(&draft.name)?;
        let topic = draft
            .topic
            .as_deref()
            .map(parse_topic)
            .transpose()?
            .flatten();
        if draft.kind == ChannelKind::Dm {
            return Err(DomainError::new("kind", "must be text or category").into());
        }
        let existing = self.deps.store.guild_channels(guild_id).await?;
        if existing.len() >= MAX_CHANNELS {
            return Err(AppError::Unprocessable {
                code: "too_many_channels",
                message: "this guild has too many channels",
            });
        }
        check_parent(&existing, draft.kind, draft.parent_id)?;

        let next_position = existing.iter().map(|c| c.position + 1).max().unwrap_or(0);
        let channel = Channel {
            id: self.deps.ids.next_id().into(),
            kind: draft.kind,
            guild_id: Some(access.guild.id),
            name: name.into_string(),
            topic,
            position: draft.position.unwrap_or(next_position),
            parent_id: draft.parent_id,
            recipients: Vec::new(),
            last_message_id: None,
            created_at: self.deps.clock.now(),
        };
        self.deps.store.create_channel(&channel).await?;

        info!(channel_id = %channel.id, "channel created");
        self.publish(
            Room::GuildChannels(guild_id),
            Event::ChannelCreate(channel.clone()),
        )
        .await;
        Ok(channel)
    }

    /// A channel the actor may view.
    pub async fn channel(&self, actor: UserId, channel_id: ChannelId) -> AppResult<Channel> {
        Ok(self.channel_access(actor, channel_id).await?.channel)
    }

    /// Changes a guild channel; needs MANAGE_CHANNELS.
    #[instrument(skip_all, fields(%actor, %channel_id))]
    pub async fn update_channel(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        change: ChannelChange,
    ) -> AppResult<Channel> {
        let (mut channel, guild_id) = self.managed_channel(actor, channel_id).await?;
        if let Some(name) = &change.name {
            channel.name = ChannelName::parse(name)?.into_string();
        }
        if let Some(topic) = &change.topic {
            channel.topic = parse_topic(topic)?;
        }
        if let Some(position) = change.position {
            channel.position = position;
        }
        if let Some(parent) = change.parent_id {
            if parent == Some(channel.id) {
                return Err(DomainError::new("parent_id", "cannot be the channel itself").into());
            }
            let siblings = self.deps.store.guild_channels(guild_id).await?;
            check_parent(&siblings, channel.kind, parent)?;
            channel.parent_id = parent;
        }

        self.deps.store.update_channel(&channel).await?;
        self.publish(
            Room::GuildChannels(guild_id),
            Event::ChannelUpdate(channel.clone()),
        )
        .await;
        Ok(channel)
    }

    /// Deletes a guild channel with its messages; needs MANAGE_CHANNELS.
    #[instrument(skip_all, fields(%actor, %channel_id))]
    pub async fn delete_channel(&self, actor: UserId, channel_id: ChannelId) -> AppResult<()> {
        let (channel, guild_id) = self.managed_channel(actor, channel_id).await?;
        self.deps.store.delete_channel(channel_id).await?;
        info!("channel deleted");
        self.purge_channel_files(channel_id).await;
        self.publish(Room::GuildChannels(guild_id), Event::ChannelDelete(channel))
            .await;
        Ok(())
    }

    async fn channel_manager(&self, actor: UserId, guild_id: GuildId) -> AppResult<GuildAccess> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::MANAGE_CHANNELS, "you may not manage channels")?;
        Ok(access)
    }

    /// A guild channel the actor may manage, with its guild's id.
    async fn managed_channel(
        &self,
        actor: UserId,
        channel_id: ChannelId,
    ) -> AppResult<(Channel, GuildId)> {
        let access = self.channel_access(actor, channel_id).await?;
        let Some(guild) = &access.guild else {
            return Err(AppError::Forbidden(
                "direct message channels cannot be changed",
            ));
        };
        guild.require(Permissions::MANAGE_CHANNELS, "you may not manage channels")?;
        let guild_id = guild.guild.id;
        Ok((access.channel, guild_id))
    }
}

/// A parent must be a category of the same guild, and categories have no parent.
fn check_parent(
    guild_channels: &[Channel],
    kind: ChannelKind,
    parent: Option<ChannelId>,
) -> AppResult<()> {
    let Some(parent) = parent else {
        return Ok(());
    };
    if kind == ChannelKind::Category {
        return Err(DomainError::new("parent_id", "categories cannot be nested").into());
    }
    let is_category = guild_channels
        .iter()
        .any(|c| c.id == parent && c.kind == ChannelKind::Category);
    if !is_category {
        return Err(DomainError::new("parent_id", "must be a category of this guild").into());
    }
    Ok(())
}
