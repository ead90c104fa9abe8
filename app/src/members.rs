//! Guild membership: listing members, changing them, leaving, kicks and bans.

use concord_domain::guild::{Ban, Member, Nickname};
use concord_domain::id::{GuildId, RoleId, UserId};
use concord_domain::permissions::Permissions;
use tracing::{info, instrument};

use crate::events::{Event, PublicUser, Room};
use crate::{AppError, AppResult, Concord};

/// The most members one page may hold.
pub const MAX_MEMBER_PAGE: usize = 1000;

/// A member with their public profile.
#[derive(Debug, Clone)]
pub struct MemberView {
    /// The membership.
    pub member: Member,
    /// Who the member is.
    pub user: PublicUser,
}

/// Changes to a membership; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MemberChange {
    /// `Some(None)` clears the nickname.
    pub nickname: Option<Option<String>>,
    /// The complete new set of roles, @everyone excluded.
    pub roles: Option<Vec<RoleId>>,
}

impl Concord {
    /// A page of a guild's members ordered by user id, for members of the guild.
    pub async fn members(
        &self,
        actor: UserId,
        guild_id: GuildId,
        after: Option<UserId>,
        limit: usize,
    ) -> AppResult<Vec<MemberView>> {
        self.guild_access(actor, guild_id).await?;
        let limit = limit.clamp(1, MAX_MEMBER_PAGE);
        let members = self.deps.store.members(guild_id, after, limit).await?;
        let ids: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
        let users = self.deps.store.users(&ids).await?;

        Ok(members
            .into_iter()
            .filter_map(|member| {
                let user = users.iter().find(|u| u.id == member.user_id)?;
                Some(MemberView {
                    user: PublicUser::from(user),
                    member,
                })
            })
            .collect())
    }

    /// Changes a member's nickname (their own, or anyone's with MANAGE_GUILD) or roles
    /// (with MANAGE_GUILD, and only roles granting no more than the actor holds).
    #[instrument(skip_all, fields(%actor, %guild_id, %user_id))]
    pub async fn update_member(
        &self,
        actor: UserId,
        guild_id: GuildId,
        user_id: UserId,
        change: MemberChange,
    ) -> AppResult<Member> {
        let access = self.guild_access(actor, guild_id).await?;
        let store = &self.deps.store;
        let mut member = store
            .member(guild_id, user_id)
            .await?
            .ok_or(AppError::NotFound("member"))?;

        if let Some(nickname) = &change.nickname {
            if actor != user_id {
                access.require(
                    Permissions::MANAGE_GUILD,
                    "you may not rename other members",
                )?;
            }
            member.nickname = nickname.as_deref().map(Nickname::parse).transpose()?;
        }
        if let Some(roles) = change.roles {
            access.require(Permissions::MANAGE_GUILD, "you may not assign roles")?;
            let guild_roles = store.roles(guild_id).await?;
            let mut assigned = Vec::new();
            for role_id in roles {
                let role = guild_roles
                    .iter()
                    .find(|r| r.id == role_id && !r.is_everyone())
                    .ok_or(AppError::NotFound("role"))?;
                if !access.permissions.allows(role.permissions) {
                    return Err(AppError::Forbidden("you may not grant more than you hold"));
                }
                if !assigned.contains(&role_id) {
                    assigned.push(role_id);
                }
            }
            member.roles = assigned;
        }

        store.update_member(&member).await?;
        self.publish(
            Room::Guild(guild_id),
            Event::GuildMemberUpdate(member.clone()),
        )
        .await;
        Ok(member)
    }

    /// Removes `user_id` from the guild: leaving when it is the actor, a kick (needing
    /// KICK_MEMBERS) otherwise. The owner can neither leave nor be kicked.
    #[instrument(skip_all, fields(%actor, %guild_id, %user_id))]
    pub async fn remove_member(
        &self,
        actor: UserId,
        guild_id: GuildId,
        user_id: UserId,
    ) -> AppResult<()> {
        let access = self.guild_access(actor, guild_id).await?;
        if user_id == access.guild.owner_id {
            return Err(AppError::Forbidden(if actor == user_id {
                "the owner cannot leave; delete the guild or transfer it"
            } else {
                "the owner cannot be kicked"
            }));
        }
        if actor != user_id {
            access.require(Permissions::KICK_MEMBERS, "you may not kick members")?;
        }

        if !self.deps.store.remove_member(guild_id, user_id).await? {
            return Err(AppError::NotFound("member"));
        }
        info!(kicked = actor != user_id, "member removed");
        self.announce_departure(guild_id, user_id).await;
        Ok(())
    }

    /// Bans a user (member or not) from the guild, removing them; needs BAN_MEMBERS.
    #[instrument(skip_all, fields(%actor, %guild_id, %user_id))]
    pub async fn ban(
        &self,
        actor: UserId,
        guild_id: GuildId,
        user_id: UserId,
        reason: Option<String>,
    ) -> AppResult<Ban> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::BAN_MEMBERS, "you may not ban members")?;
        if user_id == access.guild.owner_id || user_id == actor {
            return Err(AppError::Forbidden("you cannot ban yourself or the owner"));
        }
        if self.deps.store.user(user_id).await?.is_none() {
            return Err(AppError::NotFound("user"));
        }
        let reason = reason
            .map(|r| r.trim().chars().take(512).collect::<String>())
            .filter(|r| !r.is_empty());

        let was_member = self.deps.store.member(guild_id, user_id).await?.is_some();
        let ban = Ban {
            guild_id,
            user_id,
            reason,
            banned_by: actor,
            created_at: self.deps.clock.now(),
        };
        self.deps.store.ban(&ban).await?;
        info!("user banned");
        if was_member {
            self.announce_departure(guild_id, user_id).await;
        }
        Ok(ban)
    }

    /// Lifts a ban; needs BAN_MEMBERS.
    #[instrument(skip_all, fields(%actor, %guild_id, %user_id))]
    pub async fn unban(&self, actor: UserId, guild_id: GuildId, user_id: UserId) -> AppResult<()> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::BAN_MEMBERS, "you may not ban members")?;
        if !self.deps.store.unban(guild_id, user_id).await? {
            return Err(AppError::NotFound("ban"));
        }
        Ok(())
    }

    /// The guild's bans; needs BAN_MEMBERS.
    pub async fn bans(&self, actor: UserId, guild_id: GuildId) -> AppResult<Vec<Ban>> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::BAN_MEMBERS, "you may not see bans")?;
        Ok(self.deps.store.bans(guild_id).await?)
    }

    /// Tells the guild that someone is gone, and tells them the guild is gone for them.
    async fn announce_departure(&self, guild_id: GuildId, user_id: UserId) {
        let removed = Event::GuildMemberRemove { guild_id, user_id };
        self.publish(Room::Guild(guild_id), removed).await;
        self.publish(Room::User(user_id), Event::GuildDelete { id: guild_id })
            .await;
    }
}
