//! Messages, reactions, typing notices and read acknowledgements.

use concord_app::messages::Draft;
use concord_domain::id::{ChannelId, FileId, MessageId};
use concord_ports::store::HistoryPage;
use poem_openapi::OpenApi;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;

use super::dto::{AckBody, EditMessageBody, MessageDto, ReadStateDto, SendMessageBody};
use super::problem::{ApiError, ApiResult};
use super::{Area, BearerAuth, Created, Ctx, Done, parse_id};

pub(super) struct MessagesApi {
    pub ctx: Ctx,
}

#[OpenApi(tag = "Area::Messages")]
impl MessagesApi {
    /// A page of history, newest first: the latest messages, those `before` an id, or
    /// the oldest ones `after` an id.
    #[oai(path = "/channels/:channel_id/messages", method = "get")]
    async fn history(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        /// Messages older than this id.
        before: Query<Option<String>>,
        /// Messages newer than this id.
        after: Query<Option<String>>,
        /// Page size, 1–100 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<Vec<MessageDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        let page = match (before.0.as_deref(), after.0.as_deref()) {
            (Some(_), Some(_)) => {
                return Err(ApiError::invalid(
                    "before",
                    "give either before or after, not both",
                ));
            }
            (Some(before), None) => HistoryPage::Before(parse_id("before", before)?),
            (None, Some(after)) => HistoryPage::After(parse_id("after", after)?),
            (None, None) => HistoryPage::Latest,
        };
        let limit = limit.0.unwrap_or(50) as usize;
        let messages = self
            .ctx
            .concord
            .history(actor, channel_id, page, limit)
            .await?;
        Ok(Json(messages.iter().map(MessageDto::from).collect()))
    }

    /// Send a message. A retry with the same `nonce` returns the first message.
    #[oai(path = "/channels/:channel_id/messages", method = "post")]
    async fn send(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        body: Json<SendMessageBody>,
    ) -> ApiResult<Created<MessageDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        let body = body.0;
        let attachments = body
            .attachments
            .unwrap_or_default()
            .iter()
            .map(|id| parse_id::<FileId>("attachments", id))
            .collect::<ApiResult<Vec<_>>>()?;
        let draft = Draft {
            content: body.content,
            nonce: body.nonce,
            reply_to: body
                .reply_to
                .as_deref()
                .map(|r| parse_id("reply_to", r))
                .transpose()?,
            attachments,
        };
        let message = self
            .ctx
            .concord
            .send_message(actor, channel_id, draft)
            .await?;
        Ok(Created::Created(Json(MessageDto::from(&message))))
    }

    /// Edit one's own message.
    #[oai(path = "/channels/:channel_id/messages/:message_id", method = "patch")]
    async fn edit(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        message_id: Path<String>,
        body: Json<EditMessageBody>,
    ) -> ApiResult<Json<MessageDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let (channel_id, message_id) = ids(&channel_id, &message_id)?;
        let concord = &self.ctx.concord;
        let message = concord
            .edit_message(actor, channel_id, message_id, &body.content)
            .await?;
        Ok(Json(MessageDto::from(&message)))
    }

    /// Delete one's own message, or anyone's with MANAGE_MESSAGES.
    #[oai(path = "/channels/:channel_id/messages/:message_id", method = "delete")]
    async fn delete(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        message_id: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let (channel_id, message_id) = ids(&channel_id, &message_id)?;
        self.ctx
            .concord
            .delete_message(actor, channel_id, message_id)
            .await?;
        Ok(Done::NoContent)
    }

    /// React with a unicode emoji (URL-encoded); reacting twice changes nothing.
    #[oai(
        path = "/channels/:channel_id/messages/:message_id/reactions/:emoji",
        method = "put"
    )]
    async fn react(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        message_id: Path<String>,
        emoji: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let (channel_id, message_id) = ids(&channel_id, &message_id)?;
        self.ctx
            .concord
            .react(actor, channel_id, message_id, &emoji, true)
            .await?;
        Ok(Done::NoContent)
    }

    /// Take one's reaction back.
    #[oai(
        path = "/channels/:channel_id/messages/:message_id/reactions/:emoji",
        method = "delete"
    )]
    async fn unreact(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        message_id: Path<String>,
        emoji: Path<String>,
    ) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let (channel_id, message_id) = ids(&channel_id, &message_id)?;
        self.ctx
            .concord
            .react(actor, channel_id, message_id, &emoji, false)
            .await?;
        Ok(Done::NoContent)
    }

    /// Tell the channel you are typing.
    #[oai(path = "/channels/:channel_id/typing", method = "post")]
    async fn typing(&self, auth: BearerAuth, channel_id: Path<String>) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let channel_id = parse_id("channel_id", &channel_id)?;
        self.ctx.concord.typing(actor, channel_id).await?;
        Ok(Done::NoContent)
    }

    /// Mark the channel read up to a message.
    #[oai(path = "/channels/:channel_id/ack", method = "post")]
    async fn ack(
        &self,
        auth: BearerAuth,
        channel_id: Path<String>,
        body: Json<AckBody>,
    ) -> ApiResult<Json<ReadStateDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let (channel_id, message_id) = ids(&channel_id, &body.message_id)?;
        let state = self.ctx.concord.ack(actor, channel_id, message_id).await?;
        Ok(Json(ReadStateDto::from(&state)))
    }
}

fn ids(channel_id: &str, message_id: &str) -> ApiResult<(ChannelId, MessageId)> {
    Ok((
        parse_id("channel_id", channel_id)?,
        parse_id("message_id", message_id)?,
    ))
}
