//! Guild channels and categories.

use concord_app::channels::{ChannelChange, ChannelDraft};
use concord_domain::channel::ChannelKind;
use poem_openapi::OpenApi;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;

use super::dto::{ChannelDto, CreateChannelBody, UpdateChannelBody};
use super::problem::ApiResult;
use super::{Area, BearerAuth, Created, Ctx, Done, parse_id};

pub(super) struct ChannelsApi {
    pub ctx: Ctx,
}

#[OpenApi(tag = "Area::Channels")]
impl ChannelsApi {
    /// The guild's channels and categories, by position.
    #[oai(path = "/guilds/:guild_id/channels", method = "get")]
    async fn guild_channels(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
    ) -> ApiResult<Json<Vec<ChannelDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let channels = self.ctx.concord.guild_channels(actor, guild_id).await?;
        Ok(Json(channels.iter().map(ChannelDto::from).collect()))
    }

    /// Create a text channel or category (MANAGE_CHANNELS).
    #[oai(path = "/guilds/:guild_id/channels", method = "post")]
    async fn create_channel(
        &self,
        auth: BearerAuth,
        guild_id: Path<String>,
        body: Json<CreateChannelBody>,
    ) -> ApiResult<Created<ChannelDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let guild_id = parse_id("guild_id", &guild_id)?;
        let body = body.0;
        let parent_id = body
            .parent_id
            .as_deref()
            .map(|p| parse_id("parent_id", p))
            .transpose()?;
        let draft = ChannelDraft {
            name: body.name,
            kind: body
                .kind
                .map(ChannelKind::from)
                .unwrap_or(ChannelKind::Text),
            topic: body.topic,
            parent_id,
            position: body.position,
        };
        let channel = self
            .ctx
            .concord
            .create_channel(actor, guild_id, draft)
            .await?;
        Ok(Created::Created(Json(ChannelDto::from(&channel))))
    }

    /// A channel the signed-in user may view.
    #[oai(path = "/channels/:channel_id", method = "get")]
    async fn channel(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
    ) -> ApiResult<Json<ChannelDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        let channel = self.ctx.concord.channel(actor, channel_id).await?;
        Ok(Json(ChannelDto::from(&channel)))
    }

    /// Change a guild channel (MANAGE_CHANNELS).
    #[oai(path = "/channels/:channel_id", method = "patch")]
    async fn update_channel(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        body: Json<UpdateChannelBody>,
    ) -> ApiResult<Json<ChannelDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        let body = body.0;
        let parent_id = match body.parent_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(parent) => Some(Some(parse_id("parent_id", &parent)?)),
        };
        let change = ChannelChange {
            name: body.name,
            topic: body.topic,
            position: body.position,
            parent_id,
        };
        let channel = self
            .ctx
            .concord
            .update_channel(actor, channel_id, change)
            .await?;
        Ok(Json(ChannelDto::from(&channel)))
    }

    /// Delete a guild channel with its messages (MANAGE_CHANNELS).
    #[oai(path = "/channels/:channel_id", method = "delete")]
    async fn delete_channel(&self, auth: BearerAuth, channel_id: Path<String>) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        self.ctx.concord.delete_channel(actor, channel_id).await?;
        Ok(Done::NoContent)
    }
}
