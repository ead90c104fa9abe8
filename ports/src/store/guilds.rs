//! Storage of guilds with their members, roles, bans and invites.

use async_trait::async_trait;
use concord_domain::channel::Channel;
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use concord_domain::id::{GuildId, RoleId, UserId};
use concord_domain::time::Timestamp;

use super::StoreError;

/// Everything a new guild starts with, stored together or not at all.
#[derive(Debug, Clone)]
pub struct GuildBundle {
    /// The guild.
    pub guild: Guild,
    /// Its @everyone role.
    pub everyone: Role,
    /// Its first text channel.
    pub general: Channel,
    /// The owner's membership.
    pub owner: Member,
}

/// What happened when someone tried to join through an invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteOutcome {
    /// The member was added and the invite's use counted.
    Joined(Member),
    /// The user was already a member; nothing changed.
    AlreadyMember(Member),
    /// The user is banned from the guild.
    Banned,
    /// The invite does not exist, has expired or is used up.
    Unusable,
}

/// Stores guilds and what belongs to them.
#[async_trait]
pub trait GuildStore: Send + Sync {
    /// Stores a new guild with its role, channel and owner membership atomically.
    async fn create_guild(&self, bundle: &GuildBundle) -> Result<(), StoreError>;

    /// The guild with `id`, if any.
    async fn guild(&self, id: GuildId) -> Result<Option<Guild>, StoreError>;

    /// The guilds `user` is a member of, oldest first.
    async fn guilds_of_user(&self, user: UserId) -> Result<Vec<Guild>, StoreError>;

    /// Replaces a guild's fields; `NotFound` if it does not exist.
    async fn update_guild(&self, guild: &Guild) -> Result<(), StoreError>;

    /// Deletes a guild with its members, roles, bans, invites, channels and messages.
    async fn delete_guild(&self, id: GuildId) -> Result<(), StoreError>;

    /// `user`'s membership of `guild`, if any.
    async fn member(&self, guild: GuildId, user: UserId) -> Result<Option<Member>, StoreError>;

    /// Up to `limit` members with user ids after `after`, ordered by user id.
    async fn members(
        &self,
        guild: GuildId,
        after: Option<UserId>,
        limit: usize,
    ) -> Result<Vec<Member>, StoreError>;

    /// Replaces a membership; `NotFound` if the user is not a member.
    async fn update_member(&self, member: &Member) -> Result<(), StoreError>;

    /// Removes a membership; returns whether there was one.
    async fn remove_member(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError>;

    /// The guild's roles, @everyone included, ordered by id.
    async fn roles(&self, guild: GuildId) -> Result<Vec<Role>, StoreError>;

    /// Adds or replaces a role.
    async fn put_role(&self, role: &Role) -> Result<(), StoreError>;

    /// Deletes a role and takes it from every member holding it.
    async fn delete_role(&self, guild: GuildId, role: RoleId) -> Result<bool, StoreError>;

    /// Stores a ban and removes the membership, atomically.
    async fn ban(&self, ban: &Ban) -> Result<(), StoreError>;

    /// Lifts a ban; returns whether there was one.
    async fn unban(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError>;

    /// `user`'s ban from `guild`, if any.
    async fn ban_of(&self, guild: GuildId, user: UserId) -> Result<Option<Ban>, StoreError>;

    /// Every ban of the guild.
    async fn bans(&self, guild: GuildId) -> Result<Vec<Ban>, StoreError>;

    /// Stores a new invite; `Conflict("invite")` if the code exists.
    async fn create_invite(&self, invite: &Invite) -> Result<(), StoreError>;

    /// The invite with `code`, if any.
    async fn invite(&self, code: &str) -> Result<Option<Invite>, StoreError>;

    /// Admits `member` through the invite `code` at `now`, checking ban, expiry and use
    /// count and counting the use, all in one step.
    async fn join_by_invite(
        &self,
        code: &str,
        member: &Member,
        now: Timestamp,
    ) -> Result<InviteOutcome, StoreError>;
}
