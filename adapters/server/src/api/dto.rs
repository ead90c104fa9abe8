//! Wire types: the JSON objects of the REST API, apart from the domain types.
//!
//! Ids are strings, times are milliseconds since the Unix epoch, and a user seen by
//! anyone but themselves never carries an email. Conversions from domain types live
//! beside each object.

use concord_app::events::PublicUser;
use concord_app::invites::InvitePreview;
use concord_app::members::MemberView;
use concord_app::relationships::RelationshipView;
use concord_domain::channel::{Channel, ChannelKind};
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use concord_domain::message::Message;
use concord_domain::read_state::ReadState;
use concord_domain::relationship::RelationshipKind;
use concord_domain::user::User;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Enum, Object};

fn ids<T: ToString>(ids: &[T]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

/// The signed-in user's own account.
#[derive(Debug, Object)]
pub struct CurrentUserDto {
    /// User id.
    pub id: String,
    /// Unique handle.
    pub username: String,
    /// Email address, only ever shown to its owner.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Avatar file id.
    #[oai(nullable)]
    pub avatar: Option<String>,
    /// Registration time (ms since epoch).
    pub created_at: i64,
}

impl From<&User> for CurrentUserDto {
    fn from(user: &User) -> Self {
        Self {
            id: user.id.to_string(),
            username: user.username.as_str().to_owned(),
            email: user.email.as_str().to_owned(),
            display_name: user.display_name.as_str().to_owned(),
            avatar: user.avatar.map(|id| id.to_string()),
            created_at: user.created_at.as_millis(),
        }
    }
}

/// Another user, as anyone may see them.
#[derive(Debug, Clone, Object)]
pub struct UserDto {
    /// User id.
    pub id: String,
    /// Unique handle.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Avatar file id.
    #[oai(nullable)]
    pub avatar: Option<String>,
}

impl From<PublicUser> for UserDto {
    fn from(user: PublicUser) -> Self {
        Self {
            id: user.id.to_string(),
            username: user.username,
            display_name: user.display_name,
            avatar: user.avatar.map(|id| id.to_string()),
        }
    }
}

/// A new account.
#[derive(Debug, Object)]
pub struct RegisterBody {
    /// 3–32 letters, digits, `_`, `.` or `-`; unique without regard to case.
    pub username: String,
    /// Unique email address.
    pub email: String,
    /// 8–128 characters.
    pub password: String,
    /// 1–32 characters; defaults to the username.
    #[oai(nullable)]
    pub display_name: Option<String>,
}

/// Credentials.
#[derive(Debug, Object)]
pub struct LoginBody {
    /// Username or email.
    pub login: String,
    /// Password.
    pub password: String,
}

/// A signed-in session. The refresh token travels in an httpOnly cookie.
#[derive(Debug, Object)]
pub struct AuthDto {
    /// The signed-in user.
    pub user: CurrentUserDto,
    /// Bearer token for the `Authorization` header.
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Changes to one's own profile; absent fields stay as they are.
#[derive(Debug, Object)]
pub struct UpdateMeBody {
    /// New username.
    #[oai(nullable)]
    pub username: Option<String>,
    /// New display name.
    #[oai(nullable)]
    pub display_name: Option<String>,
}

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

/// Kinds of channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ChannelType {
    /// A guild text channel.
    Text,
    /// A guild category.
    Category,
    /// A direct-message channel.
    Dm,
}

impl From<ChannelKind> for ChannelType {
    fn from(kind: ChannelKind) -> Self {
        match kind {
            ChannelKind::Text => ChannelType::Text,
            ChannelKind::Category => ChannelType::Category,
            ChannelKind::Dm => ChannelType::Dm,
        }
    }
}

impl From<ChannelType> for ChannelKind {
    fn from(kind: ChannelType) -> Self {
        match kind {
            ChannelType::Text => ChannelKind::Text,
            ChannelType::Category => ChannelKind::Category,
            ChannelType::Dm => ChannelKind::Dm,
        }
    }
}

/// A channel.
#[derive(Debug, Object)]
pub struct ChannelDto {
    /// Channel id.
    pub id: String,
    /// Kind of channel.
    #[oai(rename = "type")]
    pub kind: ChannelType,
    /// Guild id; absent for DMs.
    #[oai(nullable)]
    pub guild_id: Option<String>,
    /// Name; empty for DMs.
    pub name: String,
    /// Topic.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// Sort order.
    pub position: i32,
    /// Category id.
    #[oai(nullable)]
    pub parent_id: Option<String>,
    /// The two users of a DM.
    pub recipients: Vec<String>,
    /// Newest message id.
    #[oai(nullable)]
    pub last_message_id: Option<String>,
    /// Creation time (ms since epoch).
    pub created_at: i64,
}

impl From<&Channel> for ChannelDto {
    fn from(channel: &Channel) -> Self {
        Self {
            id: channel.id.to_string(),
            kind: channel.kind.into(),
            guild_id: channel.guild_id.map(|id| id.to_string()),
            name: channel.name.clone(),
            topic: channel.topic.clone(),
            position: channel.position,
            parent_id: channel.parent_id.map(|id| id.to_string()),
            recipients: ids(&channel.recipients),
            last_message_id: channel.last_message_id.map(|id| id.to_string()),
            created_at: channel.created_at.as_millis(),
        }
    }
}

/// A new guild channel.
#[derive(Debug, Object)]
pub struct CreateChannelBody {
    /// 1–100 characters.
    pub name: String,
    /// `text` (default) or `category`.
    #[oai(rename = "type")]
    pub kind: Option<ChannelType>,
    /// Up to 1024 characters.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// Category to place a text channel in.
    #[oai(nullable)]
    pub parent_id: Option<String>,
    /// Sort order.
    #[oai(nullable)]
    pub position: Option<i32>,
}

/// Changes to a guild channel.
#[derive(Debug, Object)]
pub struct UpdateChannelBody {
    /// New name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// New topic; empty clears it.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// New position.
    #[oai(nullable)]
    pub position: Option<i32>,
    /// New category; `null` takes the channel out of its category.
    pub parent_id: MaybeUndefined<String>,
}

/// Everyone who reacted with one emoji.
#[derive(Debug, Object)]
pub struct ReactionDto {
    /// The emoji.
    pub emoji: String,
    /// How many reacted.
    pub count: u32,
    /// Who reacted.
    pub users: Vec<String>,
}

/// A message.
#[derive(Debug, Object)]
pub struct MessageDto {
    /// Message id; ids sort by time.
    pub id: String,
    /// Channel id.
    pub channel_id: String,
    /// Author's user id.
    pub author_id: String,
    /// Text.
    pub content: String,
    /// The nonce the author sent, if any.
    #[oai(nullable)]
    pub nonce: Option<String>,
    /// The message this one replies to.
    #[oai(nullable)]
    pub reply_to: Option<String>,
    /// Attached file ids.
    pub attachments: Vec<String>,
    /// Mentioned user ids.
    pub mentions: Vec<String>,
    /// Reactions.
    pub reactions: Vec<ReactionDto>,
    /// Last edit time (ms since epoch).
    #[oai(nullable)]
    pub edited_at: Option<i64>,
    /// Send time (ms since epoch).
    pub created_at: i64,
}

impl From<&Message> for MessageDto {
    fn from(message: &Message) -> Self {
        Self {
            id: message.id.to_string(),
            channel_id: message.channel_id.to_string(),
            author_id: message.author_id.to_string(),
            content: message.content.clone(),
            nonce: message.nonce.clone(),
            reply_to: message.reply_to.map(|id| id.to_string()),
            attachments: ids(&message.attachments),
            mentions: ids(&message.mentions),
            reactions: message
                .reactions
                .iter()
                .map(|r| ReactionDto {
                    emoji: r.emoji.as_str().to_owned(),
                    count: r.users.len() as u32,
                    users: ids(&r.users),
                })
                .collect(),
            edited_at: message.edited_at.map(|t| t.as_millis()),
            created_at: message.created_at.as_millis(),
        }
    }
}

/// A new message.
#[derive(Debug, Object)]
pub struct SendMessageBody {
    /// 1–4000 characters after trimming.
    pub content: String,
    /// Client token; a retry with the same nonce returns the first message.
    #[oai(nullable)]
    pub nonce: Option<String>,
    /// Id of a message in the same channel to reply to.
    #[oai(nullable)]
    pub reply_to: Option<String>,
    /// Ids of files the sender uploaded.
    #[oai(nullable)]
    pub attachments: Option<Vec<String>>,
}

/// An edit.
#[derive(Debug, Object)]
pub struct EditMessageBody {
    /// New text, 1–4000 characters after trimming.
    pub content: String,
}

/// A read acknowledgement.
#[derive(Debug, Object)]
pub struct AckBody {
    /// The newest message read.
    pub message_id: String,
}

/// How far a user has read in a channel.
#[derive(Debug, Object)]
pub struct ReadStateDto {
    /// Channel id.
    pub channel_id: String,
    /// The newest message read.
    pub last_message_id: String,
}

impl From<&ReadState> for ReadStateDto {
    fn from(state: &ReadState) -> Self {
        Self {
            channel_id: state.channel_id.to_string(),
            last_message_id: state.last_message_id.to_string(),
        }
    }
}

/// Whom to open a DM with.
#[derive(Debug, Object)]
pub struct OpenDmBody {
    /// The other user's id.
    pub recipient_id: String,
}

/// Kinds of relationship, as the requesting user sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RelationshipType {
    /// Friends.
    Friend,
    /// They sent you a request.
    Incoming,
    /// You sent them a request.
    Outgoing,
    /// You blocked them.
    Blocked,
}

impl From<RelationshipKind> for RelationshipType {
    fn from(kind: RelationshipKind) -> Self {
        match kind {
            RelationshipKind::Friend => RelationshipType::Friend,
            RelationshipKind::Incoming => RelationshipType::Incoming,
            RelationshipKind::Outgoing => RelationshipType::Outgoing,
            RelationshipKind::Blocked => RelationshipType::Blocked,
        }
    }
}

/// A relationship with another user.
#[derive(Debug, Object)]
pub struct RelationshipDto {
    /// The other user's id.
    pub id: String,
    /// The kind, from your side.
    #[oai(rename = "type")]
    pub kind: RelationshipType,
    /// The other user.
    pub user: UserDto,
}

impl From<RelationshipView> for RelationshipDto {
    fn from(view: RelationshipView) -> Self {
        Self {
            id: view.user.id.to_string(),
            kind: view.kind.into(),
            user: view.user.into(),
        }
    }
}

/// A friend request by username.
#[derive(Debug, Object)]
pub struct FriendRequestBody {
    /// The other user's username.
    pub username: String,
}

/// What to make a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RelationshipIntent {
    /// Send a friend request, or accept theirs.
    Friend,
    /// Block the user.
    Block,
}

/// A relationship change.
#[derive(Debug, Object)]
pub struct PutRelationshipBody {
    /// `friend` or `block`.
    #[oai(rename = "type")]
    pub kind: RelationshipIntent,
}
