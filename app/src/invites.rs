//! Invites: codes that let users join a guild, optionally limited in uses and time.

use concord_domain::guild::Member;
use concord_domain::guild::{Guild, Invite};
use concord_domain::id::{GuildId, UserId};
use concord_domain::permissions::Permissions;
use concord_ports::store::InviteOutcome;
use tracing::{info, instrument};

use crate::events::{Event, PublicUser, Room};
use crate::{AppError, AppResult, Concord};

/// Length of invite codes, in base62 characters (about 60 bits).
const CODE_LENGTH: usize = 10;
/// The longest an invite may live: 30 days.
pub const MAX_INVITE_AGE_SECS: u64 = 30 * 24 * 60 * 60;

/// Limits for a new invite; `None` means without that limit.
#[derive(Debug, Clone, Copy, Default)]
pub struct InviteDraft {
    /// How often it may be used (1 or more).
    pub max_uses: Option<u32>,
    /// How many seconds it lives (1 up to 30 days).
    pub max_age_secs: Option<u64>,
}

/// What anyone holding a code may learn before joining.
#[derive(Debug, Clone)]
pub struct InvitePreview {
    /// The invite.
    pub invite: Invite,
    /// The guild it admits to.
    pub guild: Guild,
    /// Who made it, if they still exist.
    pub inviter: Option<PublicUser>,
}

impl Concord {
    /// Creates an invite to a guild; needs CREATE_INVITE.
    #[instrument(skip_all, fields(%actor, %guild_id))]
    pub async fn create_invite(
        &self,
        actor: UserId,
        guild_id: GuildId,
        draft: InviteDraft,
    ) -> AppResult<Invite> {
        let access = self.guild_access(actor, guild_id).await?;
        access.require(Permissions::CREATE_INVITE, "you may not create invites")?;
        if draft.max_uses == Some(0) {
            return Err(concord_domain::DomainError::new("max_uses", "must be at least 1").into());
        }
        let max_age = draft.max_age_secs.filter(|age| *age > 0);
        if max_age.is_some_and(|age| age > MAX_INVITE_AGE_SECS) {
            let reason = "must be at most 30 days";
            return Err(concord_domain::DomainError::new("max_age_secs", reason).into());
        }

        let channels = self.deps.store.guild_channels(guild_id).await?;
        let landing = channels
            .iter()
            .filter(|c| c.accepts_messages())
            .min_by_key(|c| (c.position, c.id))
            .ok_or(AppError::Unprocessable {
                code: "no_channel",
                message: "the guild has no text channel to invite to",
            })?;
        let now = self.deps.clock.now();
        let invite = Invite {
            code: self.deps.ids.random_token(CODE_LENGTH),
            guild_id,
            channel_id: landing.id,
            inviter_id: actor,
            max_uses: draft.max_uses,
            uses: 0,
            expires_at: max_age.map(|age| now.plus_millis((age * 1000) as i64)),
            created_at: now,
        };
        self.deps.store.create_invite(&invite).await?;
        Ok(invite)
    }

    /// What an invite leads to; usable or not, unknown codes answer `NotFound`.
    pub async fn invite_preview(&self, code: &str) -> AppResult<InvitePreview> {
        let store = &self.deps.store;
        let invite = store
            .invite(code)
            .await?
            .ok_or(AppError::NotFound("invite"))?;
        if invite.check_usable(self.deps.clock.now()).is_err() {
            return Err(AppError::NotFound("invite"));
        }
        let guild = store
            .guild(invite.guild_id)
            .await?
            .ok_or(AppError::NotFound("invite"))?;
        let inviter = store
            .user(invite.inviter_id)
            .await?
            .as_ref()
            .map(PublicUser::from);
        Ok(InvitePreview {
            invite,
            guild,
            inviter,
        })
    }

    /// Joins the guild an invite leads to. Joining a guild one is in already succeeds
    /// without using the invite.
    #[instrument(skip_all, fields(%actor))]
    pub async fn join_by_invite(&self, actor: UserId, code: &str) -> AppResult<Guild> {
        let store = &self.deps.store;
        let now = self.deps.clock.now();
        let invite = store
            .invite(code)
            .await?
            .ok_or(AppError::NotFound("invite"))?;
        let member = Member {
            guild_id: invite.guild_id,
            user_id: actor,
            nickname: None,
            roles: Vec::new(),
            joined_at: now,
        };

        let joined = match store.join_by_invite(code, &member, now).await? {
            InviteOutcome::Joined(member) => member,
            InviteOutcome::AlreadyMember(_) => return self.guild(actor, invite.guild_id).await,
            InviteOutcome::Banned => {
                return Err(AppError::Forbidden("you are banned from this guild"));
            }
            InviteOutcome::Unusable => return Err(AppError::NotFound("invite")),
        };
        let guild = store
            .guild(invite.guild_id)
            .await?
            .ok_or(AppError::NotFound("invite"))?;
        let user = self.me(actor).await?;

        info!(guild_id = %guild.id, "member joined");
        let added = Event::GuildMemberAdd {
            member: joined,
            user: PublicUser::from(&user),
        };
        self.publish(Room::Guild(guild.id), added).await;
        self.publish(Room::User(actor), Event::GuildCreate(guild.clone()))
            .await;
        Ok(guild)
    }
}
