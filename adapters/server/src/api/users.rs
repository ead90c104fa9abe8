//! Profiles, the signed-in user's guild list, DM channels and read states.

use concord_app::users::ProfileChange;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};

use super::dto::{
    ChannelDto, CurrentUserDto, GuildDto, OpenDmBody, ReadStateDto, UpdateMeBody, UserDto,
};
use super::problem::ApiResult;
use super::{Area, BearerAuth, Ctx, optional_file, parse_id};

pub(super) struct UsersApi {
    pub ctx: Ctx,
}

#[derive(ApiResponse)]
enum DmOpened {
    /// The DM channel between the two users (the same one on every call).
    #[oai(status = 200)]
    Ok(Json<ChannelDto>),
}

#[OpenApi(prefix_path = "/users", tag = "Area::Users")]
impl UsersApi {
    /// The signed-in user's account.
    #[oai(path = "/@me", method = "get")]
    async fn me(&self, auth: BearerAuth) -> ApiResult<Json<CurrentUserDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let user = self.ctx.concord.me(actor).await?;
        Ok(Json(CurrentUserDto::from(&user)))
    }

    /// Change the signed-in user's username, display name or avatar.
    #[oai(path = "/@me", method = "patch")]
    async fn update_me(
        &self,
        auth: BearerAuth,
        body: Json<UpdateMeBody>,
    ) -> ApiResult<Json<CurrentUserDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let body = body.0;
        let change = ProfileChange {
            avatar: optional_file("avatar", body.avatar)?,
            username: body.username,
            display_name: body.display_name,
        };
        let user = self.ctx.concord.update_me(actor, change).await?;
        Ok(Json(CurrentUserDto::from(&user)))
    }

    /// The guilds the signed-in user is a member of.
    #[oai(path = "/@me/guilds", method = "get")]
    async fn my_guilds(&self, auth: BearerAuth) -> ApiResult<Json<Vec<GuildDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let guilds = self.ctx.concord.my_guilds(actor).await?;
        Ok(Json(guilds.iter().map(GuildDto::from).collect()))
    }

    /// The signed-in user's DM channels.
    #[oai(path = "/@me/channels", method = "get")]
    async fn dm_channels(&self, auth: BearerAuth) -> ApiResult<Json<Vec<ChannelDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let channels = self.ctx.concord.dm_channels(actor).await?;
        Ok(Json(channels.iter().map(ChannelDto::from).collect()))
    }

    /// Open (or get) the DM channel with another user: friends, or people sharing a guild.
    #[oai(path = "/@me/channels", method = "post")]
    async fn open_dm(&self, auth: BearerAuth, body: Json<OpenDmBody>) -> ApiResult<DmOpened> {
        let actor = self.ctx.actor(&auth).await?;
        let recipient = parse_id("recipient_id", &body.recipient_id)?;
        let channel = self.ctx.concord.open_dm(actor, recipient).await?;
        Ok(DmOpened::Ok(Json(ChannelDto::from(&channel))))
    }

    /// How far the signed-in user has read in each channel.
    #[oai(path = "/@me/read_states", method = "get")]
    async fn read_states(&self, auth: BearerAuth) -> ApiResult<Json<Vec<ReadStateDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let states = self.ctx.concord.read_states(actor).await?;
        Ok(Json(states.iter().map(ReadStateDto::from).collect()))
    }

    /// Another user's public profile.
    #[oai(path = "/:user_id", method = "get")]
    async fn user(&self, auth: BearerAuth, user_id: Path<String>) -> ApiResult<Json<UserDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let id = parse_id("user_id", &user_id)?;
        let user = self.ctx.concord.user(actor, id).await?;
        Ok(Json(UserDto::from(user)))
    }
}
