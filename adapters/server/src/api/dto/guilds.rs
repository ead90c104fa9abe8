//! Guilds with their members, roles, bans and invites.

use concord_app::invites::InvitePreview;
use concord_app::members::MemberView;
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use poem_openapi::Object;
use poem_openapi::types::MaybeUndefined;

use super::ids;
use super::users::UserDto;

/// A guild.
#[derive(Debug, Object)]
pub struct GuildDto {
    /// Guild id; also the id of its @everyone role.
    pub id: String,
    /// Name.
    pub name: String,
    /// Icon file id.
    #[oai(nullable)]
    pub icon: Option<String>,
    /// The owner's user id.
    pub owner_id: String,
    /// Creation time (ms since epoch).
    pub created_at: i64,
}

impl From<&Guild> for GuildDto {
    fn from(guild: &Guild) -> Self {
        Self {
            id: guild.id.to_string(),
            name: guild.name.as_str().to_owned(),
            icon: guild.icon.map(|id| id.to_string()),
            owner_id: guild.owner_id.to_string(),
            created_at: guild.created_at.as_millis(),
        }
    }
}

/// A new guild.
#[derive(Debug, Object)]
pub struct CreateGuildBody {
    /// 2–100 characters.
    pub name: String,
}

/// Changes to a guild.
#[derive(Debug, Object)]
pub struct UpdateGuildBody {
    /// New name, 2–100 characters.
    #[oai(nullable)]
    pub name: Option<String>,
    /// An icon upload's file id; `null` removes the icon.
    #[oai(nullable)]
    pub icon: MaybeUndefined<String>,
}

/// A guild member.
#[derive(Debug, Object)]
pub struct MemberDto {
    /// Guild id.
    pub guild_id: String,
    /// The member.
    pub user: UserDto,
    /// Per-guild nickname.
    #[oai(nullable)]
    pub nickname: Option<String>,
    /// Role ids held besides @everyone.
    pub roles: Vec<String>,
    /// Join time (ms since epoch).
    pub joined_at: i64,
}

impl MemberDto {
    /// A member with a known user.
    pub fn new(member: &Member, user: UserDto) -> Self {
        Self {
            guild_id: member.guild_id.to_string(),
            user,
            nickname: member.nickname.as_ref().map(|n| n.as_str().to_owned()),
            roles: ids(&member.roles),
            joined_at: member.joined_at.as_millis(),
        }
    }
}

impl From<MemberView> for MemberDto {
    fn from(view: MemberView) -> Self {
        Self::new(&view.member, view.user.into())
    }
}

/// Changes to a membership.
#[derive(Debug, Object)]
pub struct UpdateMemberBody {
    /// New nickname; `null` clears it.
    #[oai(nullable)]
    pub nickname: MaybeUndefined<String>,
    /// The complete set of role ids to hold.
    #[oai(nullable)]
    pub roles: Option<Vec<String>>,
}

/// A role.
#[derive(Debug, Object)]
pub struct RoleDto {
    /// Role id.
    pub id: String,
    /// Guild id.
    pub guild_id: String,
    /// Name.
    pub name: String,
    /// Permission bits.
    pub permissions: u64,
    /// Sort order.
    pub position: i32,
}

impl From<&Role> for RoleDto {
    fn from(role: &Role) -> Self {
        Self {
            id: role.id.to_string(),
            guild_id: role.guild_id.to_string(),
            name: role.name.as_str().to_owned(),
            permissions: role.permissions.bits(),
            position: role.position,
        }
    }
}

/// A new role, or changes to one.
#[derive(Debug, Object)]
pub struct RoleBody {
    /// 1–100 characters.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Permission bits; unknown bits are ignored.
    #[oai(nullable)]
    pub permissions: Option<u64>,
    /// Sort order.
    #[oai(nullable)]
    pub position: Option<i32>,
}

/// A ban.
#[derive(Debug, Object)]
pub struct BanDto {
    /// Guild id.
    pub guild_id: String,
    /// Banned user id.
    pub user_id: String,
    /// Reason given.
    #[oai(nullable)]
    pub reason: Option<String>,
    /// Moderator's user id.
    pub banned_by: String,
    /// Time of the ban (ms since epoch).
    pub created_at: i64,
}

impl From<&Ban> for BanDto {
    fn from(ban: &Ban) -> Self {
        Self {
            guild_id: ban.guild_id.to_string(),
            user_id: ban.user_id.to_string(),
            reason: ban.reason.clone(),
            banned_by: ban.banned_by.to_string(),
            created_at: ban.created_at.as_millis(),
        }
    }
}

/// A ban's details.
#[derive(Debug, Default, Object)]
pub struct BanBody {
    /// Why, up to 512 characters.
    #[oai(nullable)]
    pub reason: Option<String>,
}

/// An invite.
#[derive(Debug, Object)]
pub struct InviteDto {
    /// The code to share.
    pub code: String,
    /// Guild id.
    pub guild_id: String,
    /// Channel new members land in.
    pub channel_id: String,
    /// Who made it.
    pub inviter_id: String,
    /// Use limit, if any.
    #[oai(nullable)]
    pub max_uses: Option<u32>,
    /// Uses so far.
    pub uses: u32,
    /// Expiry (ms since epoch), if any.
    #[oai(nullable)]
    pub expires_at: Option<i64>,
    /// Creation time (ms since epoch).
    pub created_at: i64,
}

impl From<&Invite> for InviteDto {
    fn from(invite: &Invite) -> Self {
        Self {
            code: invite.code.clone(),
            guild_id: invite.guild_id.to_string(),
            channel_id: invite.channel_id.to_string(),
            inviter_id: invite.inviter_id.to_string(),
            max_uses: invite.max_uses,
            uses: invite.uses,
            expires_at: invite.expires_at.map(|t| t.as_millis()),
            created_at: invite.created_at.as_millis(),
        }
    }
}

/// Limits for a new invite.
#[derive(Debug, Default, Object)]
pub struct CreateInviteBody {
    /// Maximum uses (at least 1); unlimited when absent.
    #[oai(validator(minimum(value = "1")))]
    pub max_uses: Option<u32>,
    /// Lifetime in seconds (up to 30 days); forever when absent or 0.
    #[oai(validator(maximum(value = "2592000")))]
    pub max_age_secs: Option<u64>,
}

/// What an invite leads to.
#[derive(Debug, Object)]
pub struct InvitePreviewDto {
    /// The invite.
    pub invite: InviteDto,
    /// The guild it admits to.
    pub guild: GuildDto,
    /// Who made it.
    #[oai(nullable)]
    pub inviter: Option<UserDto>,
}

impl From<InvitePreview> for InvitePreviewDto {
    fn from(preview: InvitePreview) -> Self {
        Self {
            invite: InviteDto::from(&preview.invite),
            guild: GuildDto::from(&preview.guild),
            inviter: preview.inviter.map(UserDto::from),
        }
    }
}
