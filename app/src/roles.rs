//! Guild roles: named permission sets, managed by members with MANAGE_GUILD.

use concord_domain::guild::{Role, RoleName};
use concord_domain::id::{GuildId, RoleId, UserId};
use concord_domain::permissions::Permissions;
use tracing::instrument;

use crate::access::GuildAccess;
use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};

/// How many roles a guild may have, @everyone included.
pub const MAX_ROLES: usize = 250;

/// Changes to a role; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct RoleChange {
    /// A new name; @everyone cannot be renamed.
    pub name: Option<String>,
    /// The new permission bits; unknown bits are dropped.
    pub permissions: Option<u64>,
    /// A new position.
    pub position: Option<i32>,
}

impl Concord {
    /// The guild's roles, for its members.
    pub async fn roles(&self, actor: UserId, guild_id: GuildId) -> AppResult<Vec<Role>> {
        self.guild_access(actor, guild_id).await?;
        Ok(self.deps.store.roles(guild_id).await?)
    }

    /// Creates a role; needs MANAGE_GUILD and may not grant more than the actor holds.
    #[instrument(skip_all, fields(%actor, %guild_id))]
    pub async fn create_role(
        &self,
        actor: UserId,
        guild_id: GuildId,
        change: RoleChange,
    ) -> AppResult<Role> {
        let access = self.role_manager(actor, guild_id).await?;
        if self.deps.store.roles(guild_id).await?.len() >= MAX_ROLES {
            return Err(AppError::Unprocessable {
                code: "too_many_roles",
                message: "this guild has too many roles",
            });
        }
        let name = RoleName::parse(change.name.as_deref().unwrap_or("new role"))?;
        let permissions = Permissions::from_bits_truncate(change.permissions.unwrap_or(0));
        grantable(&access, permissions)?;

        let role = Role {
            id: self.deps.ids.next_id().into(),
            guild_id,
            name,
            permissions,
            position: change.position.unwrap_or(1),
        };
        self.deps.store.put_role(&role).await?;
        self.publish(Room::Guild(guild_id), Event::GuildRoleCreate(role.clone()))
            .await;
        Ok(role)
    }

    /// Changes a role; needs MANAGE_GUILD and may not grant more than the actor holds.
    #[instrument(skip_all, fields(%actor, %guild_id, %role_id))]
    pub async fn update_role(
        &self,
        actor: UserId,
        guild_id: GuildId,
        role_id: RoleId,
        change: RoleChange,
    ) -> AppResult<Role> {
        let access = self.role_manager(actor, guild_id).await?;
        let roles = self.deps.store.roles(guild_id).await?;
        let mut role = roles
            .into_iter()
            .find(|r| r.id == role_id)
            .ok_or(AppError::NotFound("role"))?;

        if let Some(name) = &change.name {
            if role.is_everyone() {
                return Err(AppError::Forbidden("the @everyone role cannot be renamed"));
            }
            role.name = RoleName::parse(name)?;
        }
        if let Some(bits) = change.permissions {
            let permissions = Permissions::from_bits_truncate(bits);
            grantable(&access, permissions)?;
            role.permissions = permissions;
        }
        if let Some(position) = change.position {
            role.position = position;
        }

        self.deps.store.put_role(&role).await?;
        self.publish(Room::Guild(guild_id), Event::GuildRoleUpdate(role.clone()))
            .await;
        Ok(role)
    }

    /// Deletes a role, taking it from its holders; @everyone cannot be deleted.
    #[instrument(skip_all, fields(%actor, %guild_id, %role_id))]
    pub async fn delete_role(
        &self,
        actor: UserId,
        guild_id: GuildId,
        role_id: RoleId,
    ) -> AppResult<()> {
        self.role_manager(actor, guild_id).await?;
        if role_id == RoleId::from(guild_id) {
            return Err(AppError::Forbidden("the @everyone role cannot be deleted"));
        }
        if !self.deps.store.delete_role(guild_id, role_id).await? {
            return Err(AppError::NotFound("role"));
        }
        self.publish(
            Room::Guild(guild_id),
            Event::GuildRoleDelete { guild_id, role_id },
        )
        .await;
        Ok(())
    }

    async fn role_manager(&self, actor: UserId, guild_id: GuildId) -> AppResult<GuildAccess> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::MANAGE_GUILD, "you may not manage roles")?;
        Ok(access)
    }
}

/// Members may only hand out permissions they hold themselves.
fn grantable(access: &GuildAccess, wanted: Permissions) -> AppResult<()> {
    if access.permissions.allows(wanted) {
        Ok(())
    } else {
        Err(AppError::Forbidden("you may not grant more than you hold"))
    }
}
