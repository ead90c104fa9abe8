//! Creating, reading, changing and deleting guilds.

use concord_domain::channel::{Channel, ChannelKind, ChannelName};
use concord_domain::file::{FileOwner, FilePurpose};
use concord_domain::guild::{Guild, GuildName, Member, Role};
use concord_domain::id::{FileId, GuildId, UserId};
use concord_domain::permissions::Permissions;
use concord_ports::store::GuildBundle;
use tracing::{info, instrument};

use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};

/// Changes to a guild; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct GuildChange {
    /// A new name.
    pub name: Option<String>,
    /// A new icon, or `Some(None)` to remove it.
    pub icon: Option<Option<FileId>>,
}

/// How many guilds one user may be a member of.
pub const MAX_GUILDS_PER_USER: usize = 200;

impl Concord {
    /// Creates a guild owned by the actor, with an @everyone role and a `general` channel.
    #[instrument(skip_all, fields(%actor))]
    pub async fn create_guild(&self, actor: UserId, name: &str) -> AppResult<Guild> {
        let name = GuildName::parse(name)?;
        if self.deps.store.guilds_of_user(actor).await?.len() >= MAX_GUILDS_PER_USER {
            return Err(AppError::Unprocessable {
                code: "too_many_guilds",
                message: "you are in too many guilds",
            });
        }

        let now = self.deps.clock.now();
        let guild = Guild {
            id: self.deps.ids.next_id().into(),
            name,
            icon: None,
            owner_id: actor,
            created_at: now,
        };
        let general = Channel {
            id: self.deps.ids.next_id().into(),
            kind: ChannelKind::Text,
            guild_id: Some(guild.id),
            name: ChannelName::general().into_string(),
            topic: None,
            position: 0,
            parent_id: None,
            recipients: Vec::new(),
            last_message_id: None,
            created_at: now,
        };
        let owner = Member {
            guild_id: guild.id,
            user_id: actor,
            nickname: None,
            roles: Vec::new(),
            joined_at: now,
        };
        let bundle = GuildBundle {
            everyone: Role::everyone(guild.id),
            guild,
            general,
            owner,
        };
        self.deps.store.create_guild(&bundle).await?;

        info!(guild_id = %bundle.guild.id, "guild created");
        self.publish(Room::User(actor), Event::GuildCreate(bundle.guild.clone()))
            .await;
        Ok(bundle.guild)
    }

    /// The guilds the actor is a member of.
    pub async fn my_guilds(&self, actor: UserId) -> AppResult<Vec<Guild>> {
        Ok(self.deps.store.guilds_of_user(actor).await?)
    }

    /// A guild the actor is a member of.
    pub async fn guild(&self, actor: UserId, guild: GuildId) -> AppResult<Guild> {
        Ok(self.guild_access(actor, guild).await?.guild)
    }

    /// Changes a guild's name or icon; needs MANAGE_GUILD. `icon` is `Some(Some(file))`
    /// for an icon upload of the actor's, `Some(None)` to remove the icon.
    #[instrument(skip_all, fields(%actor, %guild_id))]
    pub async fn update_guild(
        &self,
        actor: UserId,
        guild_id: GuildId,
        change: GuildChange,
    ) -> AppResult<Guild> {
        let name = change.name.as_deref().map(GuildName::parse).transpose()?;
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::MANAGE_GUILD, "you may not manage this guild")?;

        let mut guild = access.guild;
        if let Some(name) = name {
            guild.name = name;
        }
        let owner = FileOwner::Guild { guild_id };
        let previous_icon = guild.icon;
        if let Some(icon) = change.icon {
            if let Some(file) = icon {
                self.attach_file(actor, file, FilePurpose::Icon, owner)
                    .await?;
            }
            guild.icon = icon;
        }

        if let Err(error) = self.deps.store.update_guild(&guild).await {
            if let Some(new) = guild.icon.filter(|&new| Some(new) != previous_icon) {
                self.deps.store.detach_file(new, owner).await?;
            }
            return Err(error.into());
        }
        if let Some(previous) = previous_icon
            && guild.icon != Some(previous)
        {
            self.purge_owned_file(previous, owner).await;
        }
        self.publish(Room::Guild(guild_id), Event::GuildUpdate(guild.clone()))
            .await;
        Ok(guild)
    }

    /// Deletes a guild with everything in it; only its owner may.
    #[instrument(skip_all, fields(%actor, %guild_id))]
    pub async fn delete_guild(&self, actor: UserId, guild_id: GuildId) -> AppResult<()> {
        let access = self.guild_access(actor, guild_id).await?;
        if !access.is_owner() {
            return Err(AppError::Forbidden("only the owner may delete a guild"));
        }

        let channels = self.deps.store.guild_channels(guild_id).await?;
        self.deps.store.delete_guild(guild_id).await?;
        info!("guild deleted");
        for channel in &channels {
            self.purge_channel_files(channel.id).await;
        }
        if let Some(icon) = access.guild.icon {
            self.purge_owned_file(icon, FileOwner::Guild { guild_id })
                .await;
        }
        self.publish(Room::Guild(guild_id), Event::GuildDelete { id: guild_id })
            .await;
        Ok(())
    }
}
