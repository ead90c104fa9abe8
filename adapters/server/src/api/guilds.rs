//! Guilds, their members, bans, roles and invites.

use concord_app::guilds::GuildChange;
use concord_app::invites::InviteDraft;
use concord_app::members::MemberChange;
use concord_app::roles::RoleChange;
use concord_domain::id::{GuildId, RoleId, UserId};
use poem_openapi::OpenApi;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;

use super::dto::{
    BanBody, BanDto, CreateGuildBody, CreateInviteBody, GuildDto, InviteDto, InvitePreviewDto,
    MemberDto, RoleBody, RoleDto, UpdateGuildBody, UpdateMemberBody, UserDto,
};
use super::problem::ApiResult;
use super::{Area, BearerAuth, Created, Ctx, Done, optional_file, parse_id};

pub(super) struct GuildsApi {
    pub ctx: Ctx,
}

#[OpenApi(tag = "Area::Guilds")]
impl GuildsApi {
    /// Create a guild owned by the signed-in user, with a `general` channel.
    #[oai(path = "/guilds", method = "post")]
    async fn create_guild(
        &self,
        auth: BearerAuth,
        body: Json<CreateGuildBody>,
    ) -> ApiResult<Created<GuildDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild = self.ctx.concord.create_guild(actor, &body.name).await?;
        Ok(Created::Created(Json(GuildDto::from(&guild))))
    }

    /// A guild the signed-in user is a member of.
    #[oai(path = "/guilds/:guild_id", method = "get")]
    async fn guild(&self, auth: BearerAuth, guild_id: Path<String>) -> ApiResult<Json<GuildDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let guild = self.ctx.concord.guild(actor, guild_id).await?;
        Ok(Json(GuildDto::from(&guild)))
    }

    /// Change a guild (MANAGE_GUILD).
    #[oai(path = "/guilds/:guild_id", method = "patch")]
    async fn update_guild(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        body: Json<UpdateGuildBody>,
    ) -> ApiResult<Json<GuildDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id: GuildId = parse_id("guild_id", &guild_id)?;
        let body = body.0;
        let change = GuildChange {
            icon: optional_file("icon", body.icon)?,
            name: body.name,
        };
        let guild = self
            .ctx
            .concord
            .update_guild(actor, guild_id, change)
            .await?;
        Ok(Json(GuildDto::from(&guild)))
    }

    /// Delete a guild and everything in it (owner only).
    #[oai(path = "/guilds/:guild_id", method = "delete")]
    async fn delete_guild(&self, auth: BearerAuth, guild_id: Path<String>) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        self.ctx.concord.delete_guild(actor, guild_id).await?;
        Ok(Done::NoContent)
    }

    /// A page of members ordered by user id.
    #[oai(path = "/guilds/:guild_id/members", method = "get")]
    async fn members(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        /// Return members with user ids after this one.
        after: Query<Option<String>>,
        /// Page size, 1–1000 (default 100).
        #[oai(validator(minimum(value = "1"), maximum(value = "1000")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<Vec<MemberDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let after: Option<UserId> = after
            .0
            .as_deref()
            .map(|a| parse_id("after", a))
            .transpose()?;
        let limit = limit.0.unwrap_or(100) as usize;
        let members = self
            .ctx
            .concord
            .members(actor, guild_id, after, limit)
            .await?;
        Ok(Json(members.into_iter().map(MemberDto::from).collect()))
    }

    /// Change a member's nickname (own, or MANAGE_GUILD) or roles (MANAGE_GUILD).
    #[oai(path = "/guilds/:guild_id/members/:user_id", method = "patch")]
    async fn update_member(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        user_id: Path<String>,
        body: Json<UpdateMemberBody>,
    ) -> ApiResult<Json<MemberDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let user_id = parse_id("user_id", &user_id)?;
        let body = body.0;
        let roles = match body.roles {
            Some(roles) => Some(
                roles
                    .iter()
                    .map(|r| parse_id::<RoleId>("roles", r))
                    .collect::<ApiResult<_>>()?,
            ),
            None => None,
        };
        let nickname = match body.nickname {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(nickname) => Some(Some(nickname)),
        };
        let change = MemberChange { nickname, roles };
        let member = self
            .ctx
            .concord
            .update_member(actor, guild_id, user_id, change)
            .await?;
        let user = self.ctx.concord.user(actor, user_id).await?;
        Ok(Json(MemberDto::new(&member, UserDto::from(user))))
    }

    /// Kick a member (KICK_MEMBERS), or leave when the user id is your own.
    #[oai(path = "/guilds/:guild_id/members/:user_id", method = "delete")]
    async fn remove_member(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        user_id: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let user_id = parse_id("user_id", &user_id)?;
        self.ctx
            .concord
            .remove_member(actor, guild_id, user_id)
            .await?;
        Ok(Done::NoContent)
    }

    /// The guild's bans (BAN_MEMBERS).
    #[oai(path = "/guilds/:guild_id/bans", method = "get")]
    async fn bans(&self, auth: BearerAuth, guild_id: Path<String>) -> ApiResult<Json<Vec<BanDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let bans = self.ctx.concord.bans(actor, guild_id).await?;
        Ok(Json(bans.iter().map(BanDto::from).collect()))
    }

    /// Ban a user, removing them from the guild (BAN_MEMBERS).
    #[oai(path = "/guilds/:guild_id/bans/:user_id", method = "put")]
    async fn ban(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        user_id: Path<String>,
        body: Json<BanBody>,
    ) -> ApiResult<Json<BanDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let user_id = parse_id("user_id", &user_id)?;
        let ban = self
            .ctx
            .concord
            .ban(actor, guild_id, user_id, body.0.reason)
            .await?;
        Ok(Json(BanDto::from(&ban)))
    }

    /// Lift a ban (BAN_MEMBERS).
    #[oai(path = "/guilds/:guild_id/bans/:user_id", method = "delete")]
    async fn unban(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        user_id: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let user_id = parse_id("user_id", &user_id)?;
        self.ctx.concord.unban(actor, guild_id, user_id).await?;
        Ok(Done::NoContent)
    }

    /// The guild's roles, @everyone included.
    #[oai(path = "/guilds/:guild_id/roles", method = "get")]
    async fn roles(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
    ) -> ApiResult<Json<Vec<RoleDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let roles = self.ctx.concord.roles(actor, guild_id).await?;
        Ok(Json(roles.iter().map(RoleDto::from).collect()))
    }

    /// Create a role (MANAGE_GUILD; no more permissions than you hold).
    #[oai(path = "/guilds/:guild_id/roles", method = "post")]
    async fn create_role(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        body: Json<RoleBody>,
    ) -> ApiResult<Created<RoleDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let role = self
            .ctx
            .concord
            .create_role(actor, guild_id, role_change(body.0))
            .await?;
        Ok(Created::Created(Json(RoleDto::from(&role))))
    }

    /// Change a role (MANAGE_GUILD).
    #[oai(path = "/guilds/:guild_id/roles/:role_id", method = "patch")]
    async fn update_role(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        role_id: Path<String>,
        body: Json<RoleBody>,
    ) -> ApiResult<Json<RoleDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let role_id = parse_id("role_id", &role_id)?;
        let change = role_change(body.0);
        let role = self
            .ctx
            .concord
            .update_role(actor, guild_id, role_id, change)
            .await?;
        Ok(Json(RoleDto::from(&role)))
    }

    /// Delete a role (MANAGE_GUILD); @everyone cannot be deleted.
    #[oai(path = "/guilds/:guild_id/roles/:role_id", method = "delete")]
    async fn delete_role(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        role_id: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let role_id = parse_id("role_id", &role_id)?;
        self.ctx
            .concord
            .delete_role(actor, guild_id, role_id)
            .await?;
        Ok(Done::NoContent)
    }

    /// Create an invite (CREATE_INVITE).
    #[oai(path = "/guilds/:guild_id/invites", method = "post")]
    async fn create_invite(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        body: Json<CreateInviteBody>,
    ) -> ApiResult<Created<InviteDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let draft = InviteDraft {
            max_uses: body.max_uses,
            max_age_secs: body.max_age_secs,
        };
        let invite = self
            .ctx
            .concord
            .create_invite(actor, guild_id, draft)
            .await?;
        Ok(Created::Created(Json(InviteDto::from(&invite))))
    }

    /// What an invite leads to; no sign-in needed.
    #[oai(path = "/invites/:code", method = "get")]
    async fn invite(&self, code: Path<String>) -> ApiResult<Json<InvitePreviewDto>> {
        let preview = self.ctx.concord.invite_preview(&code).await?;
        Ok(Json(InvitePreviewDto::from(preview)))
    }

    /// Join the guild an invite leads to.
    #[oai(path = "/invites/:code", method = "post")]
    async fn join(&self, auth: BearerAuth, code: Path<String>) -> ApiResult<Json<GuildDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild = self.ctx.concord.join_by_invite(actor, &code).await?;
        Ok(Json(GuildDto::from(&guild)))
    }
}

fn role_change(body: RoleBody) -> RoleChange {
    RoleChange {
        name: body.name,
        permissions: body.permissions,
        position: body.position,
    }
}
