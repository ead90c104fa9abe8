//! Guilds (servers) and what belongs to them: members, roles, bans and invites.

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::id::{ChannelId, FileId, GuildId, RoleId, UserId};
use crate::permissions::Permissions;
use crate::text::bounded_line;
use crate::time::Timestamp;

/// A guild: a community with its own channels, members and roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guild {
    /// The guild's id; its @everyone role has the same id.
    pub id: GuildId,
    /// The guild's name.
    pub name: GuildName,
    /// The uploaded icon, if any.
    pub icon: Option<FileId>,
    /// The member who may do everything and who cannot be kicked or banned.
    pub owner_id: UserId,
    /// When the guild was created.
    pub created_at: Timestamp,
}

impl Guild {
    /// The id of the guild's @everyone role, which every member holds implicitly.
    pub fn everyone_role_id(&self) -> RoleId {
        RoleId::from(self.id)
    }
}

/// A guild's name: 2–100 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GuildName(String);

impl GuildName {
    /// Checks `raw` against the guild-name rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_line("name", raw, 2, 100).map(Self)
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A user's membership of a guild.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The guild.
    pub guild_id: GuildId,
    /// The member.
    pub user_id: UserId,
    /// The name shown in this guild instead of the display name, if set.
    pub nickname: Option<Nickname>,
    /// Roles held besides @everyone.
    pub roles: Vec<RoleId>,
    /// When the user joined.
    pub joined_at: Timestamp,
}

/// A per-guild nickname: 1–32 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nickname(String);

impl Nickname {
    /// Checks `raw` against the nickname rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_line("nickname", raw, 1, 32).map(Self)
    }

    /// The nickname as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A named set of permissions that members can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role's id (the guild's id for @everyone).
    pub id: RoleId,
    /// The guild the role belongs to.
    pub guild_id: GuildId,
    /// The role's name.
    pub name: RoleName,
    /// What holders of the role may do.
    pub permissions: Permissions,
    /// Sort order in lists; higher is shown first.
    pub position: i32,
}

impl Role {
    /// The @everyone role every new guild starts with.
    pub fn everyone(guild_id: GuildId) -> Self {
        Self {
            id: RoleId::from(guild_id),
            guild_id,
            name: RoleName("@everyone".to_owned()),
            permissions: Permissions::EVERYONE_DEFAULT,
            position: 0,
        }
    }

    /// Whether this is the guild's @everyone role.
    pub fn is_everyone(&self) -> bool {
        self.id == RoleId::from(self.guild_id)
    }
}

/// A role's name: 1–100 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoleName(String);

impl RoleName {
    /// Checks `raw` against the role-name rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_line("name", raw, 1, 100).map(Self)
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A ban: the user was removed and may not join again until unbanned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ban {
    /// The guild.
    pub guild_id: GuildId,
    /// The banned user.
    pub user_id: UserId,
    /// Why, as the moderator wrote it.
    pub reason: Option<String>,
    /// The moderator who banned.
    pub banned_by: UserId,
    /// When the ban was made.
    pub created_at: Timestamp,
}

/// An invitation code that lets users join a guild.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// The unguessable code in the invite link.
    pub code: String,
    /// The guild it admits to.
    pub guild_id: GuildId,
    /// The channel the invite points new members at.
    pub channel_id: ChannelId,
    /// Who made the invite.
    pub inviter_id: UserId,
    /// How often it may be used; `None` means without limit.
    pub max_uses: Option<u32>,
    /// How often it has been used.
    pub uses: u32,
    /// When it stops working; `None` means never.
    pub expires_at: Option<Timestamp>,
    /// When it was made.
    pub created_at: Timestamp,
}

/// Why an invite can no longer be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteUnusable {
    /// Its expiry time has passed.
    Expired,
    /// It has been used as often as it allows.
    UsedUp,
}

impl Invite {
    /// Checks whether the invite may admit one more member at `now`.
    pub fn check_usable(&self, now: Timestamp) -> Result<(), InviteUnusable> {
        if self.expires_at.is_some_and(|expiry| now >= expiry) {
            return Err(InviteUnusable::Expired);
        }
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Err(InviteUnusable::UsedUp);
        }
        Ok(())
    }
}

/// The permissions `member` holds in `guild`, given the guild's roles.
///
/// The owner holds every permission; everyone else holds the union of @everyone and
/// their own roles, where ADMINISTRATOR stands for every permission.
pub fn member_permissions(guild: &Guild, member: &Member, roles: &[Role]) -> Permissions {
    if member.user_id == guild.owner_id {
        return Permissions::ALL;
    }
    let everyone = guild.everyone_role_id();
    let held = roles
        .iter()
        .filter(|role| role.id == everyone || member.roles.contains(&role.id))
        .fold(Permissions::NONE, |acc, role| acc | role.permissions);
    if held.allows(Permissions::ADMINISTRATOR) {
        Permissions::ALL
    } else {
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::RawId;

    fn id<T: From<RawId>>(n: u128) -> T {
        T::from(RawId::from_parts(Timestamp(1), n))
    }

    fn guild() -> Guild {
        Guild {
            id: id(1),
            name: GuildName::parse("Rustaceans").unwrap(),
            icon: None,
            owner_id: id(2),
            created_at: Timestamp(1),
        }
    }

    fn member(user: u128, roles: Vec<RoleId>) -> Member {
        let guild = guild();
        Member {
            guild_id: guild.id,
            user_id: id(user),
            nickname: None,
            roles,
            joined_at: Timestamp(1),
        }
    }

    #[test]
    fn the_owner_holds_every_permission() {
        let guild = guild();
        let owner = member(2, vec![]);
        let roles = [Role {
            permissions: Permissions::NONE,
            ..Role::everyone(guild.id)
        }];
        assert_eq!(member_permissions(&guild, &owner, &roles), Permissions::ALL);
    }

    #[test]
    fn members_hold_everyone_plus_their_roles() {
        let guild = guild();
        let moderator = Role {
            id: id(9),
            guild_id: guild.id,
            name: RoleName::parse("mods").unwrap(),
            permissions: Permissions::KICK_MEMBERS,
            position: 1,
        };
        let roles = [Role::everyone(guild.id), moderator.clone()];

        let plain = member_permissions(&guild, &member(3, vec![]), &roles);
        assert!(plain.allows(Permissions::SEND_MESSAGES));
        assert!(!plain.allows(Permissions::KICK_MEMBERS));

        let modded = member_permissions(&guild, &member(3, vec![moderator.id]), &roles);
        assert!(modded.allows(Permissions::KICK_MEMBERS | Permissions::SEND_MESSAGES));
    }

    #[test]
    fn administrators_hold_everything() {
        let guild = guild();
        let admin = Role {
            id: id(9),
            guild_id: guild.id,
            name: RoleName::parse("admin").unwrap(),
            permissions: Permissions::ADMINISTRATOR,
            position: 1,
        };
        let roles = [
            Role {
                permissions: Permissions::NONE,
                ..Role::everyone(guild.id)
            },
            admin,
        ];
        let held = member_permissions(&guild, &member(3, vec![id(9)]), &roles);
        assert_eq!(held, Permissions::ALL);
    }

    #[test]
    fn invites_stop_at_their_expiry_and_use_limit() {
        let invite = Invite {
            code: "abc".into(),
            guild_id: id(1),
            channel_id: id(4),
            inviter_id: id(2),
            max_uses: Some(2),
            uses: 1,
            expires_at: Some(Timestamp(100)),
            created_at: Timestamp(1),
        };
        assert_eq!(invite.check_usable(Timestamp(99)), Ok(()));
        assert_eq!(
            invite.check_usable(Timestamp(100)),
            Err(InviteUnusable::Expired)
        );
        let used = Invite { uses: 2, ..invite };
        assert_eq!(used.check_usable(Timestamp(1)), Err(InviteUnusable::UsedUp));
    }

    #[test]
    fn guild_names_are_two_to_one_hundred_characters() {
        assert!(GuildName::parse("a").is_err());
        assert!(GuildName::parse(" ab ").is_ok());
        assert!(GuildName::parse(&"g".repeat(101)).is_err());
    }
}
