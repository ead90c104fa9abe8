//! Friends, friend requests and blocks.

use concord_domain::relationship::RelationshipAction;
use poem_openapi::OpenApi;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;

use super::dto::{FriendRequestBody, PutRelationshipBody, RelationshipDto, RelationshipIntent};
use super::problem::ApiResult;
use super::{Area, BearerAuth, Ctx, Done, parse_id};

pub(super) struct RelationshipsApi {
    pub ctx: Ctx,
}

#[OpenApi(prefix_path = "/users/@me/relationships", tag = "Area::Relationships")]
impl RelationshipsApi {
    /// Friends, pending requests both ways, and blocks.
    #[oai(path = "/", method = "get")]
    async fn list(&self, auth: BearerAuth) -> ApiResult<Json<Vec<RelationshipDto>>> {
        let actor = self.ctx.actor(&auth).await?;
        let relationships = self.ctx.concord.relationships(actor).await?;
        Ok(Json(
            relationships
                .into_iter()
                .map(RelationshipDto::from)
                .collect(),
        ))
    }

    /// Send a friend request by username; accepts theirs if they already asked.
    #[oai(path = "/", method = "post")]
    async fn request(
        &self,
        auth: BearerAuth,
        body: Json<FriendRequestBody>,
    ) -> ApiResult<Json<RelationshipDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let view = self
            .ctx
            .concord
            .befriend_by_username(actor, &body.username)
            .await?;
        Ok(Json(RelationshipDto::from(view)))
    }

    /// Befriend (send or accept a request) or block a user.
    #[oai(path = "/:user_id", method = "put")]
    async fn put(
        &self,
        auth: BearerAuth,
        user_id: Path<String>,
        body: Json<PutRelationshipBody>,
    ) -> ApiResult<Json<RelationshipDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let target = parse_id("user_id", &user_id)?;
        let action = match body.kind {
            RelationshipIntent::Friend => RelationshipAction::Befriend,
            RelationshipIntent::Block => RelationshipAction::Block,
        };
        let view = self.ctx.concord.relate(actor, target, action).await?;
        Ok(Json(RelationshipDto::from(view)))
    }

    /// Remove a friend, cancel or decline a request, or unblock.
    #[oai(path = "/:user_id", method = "delete")]
    async fn remove(&self, auth: BearerAuth, user_id: Path<String>) -> ApiResult<Done> {
        let actor = self.ctx.actor(&auth).await?;
        let target = parse_id("user_id", &user_id)?;
        self.ctx.concord.remove_relationship(actor, target).await?;
        Ok(Done::NoContent)
    }
}
