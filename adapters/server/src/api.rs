//! The REST API under `/api/v1`, described by its own OpenAPI document.
//!
//! Handlers are thin: they parse wire types, authenticate the bearer token, call one use
//! case on [`Concord`] and convert the result back. Authorization is the use case's job.
//! Submodules hold one area each; [`problem`] is where errors become responses and
//! [`dto`] holds the wire types.

mod auth;
mod channels;
pub mod dto;
pub mod files;
mod guilds;
pub(crate) mod health;
mod messages;
pub mod problem;
mod relationships;
mod users;

use concord_app::Concord;
use concord_domain::DomainError;
use concord_domain::id::UserId;
use poem_openapi::auth::Bearer;
use poem_openapi::payload::Json;
use poem_openapi::types::ToJSON;
use poem_openapi::{ApiResponse, OpenApiService, SecurityScheme, Tags};

pub use auth::CookiePolicy;
use problem::{ApiError, ApiResult};

/// An access token in the `Authorization: Bearer` header.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT")]
pub struct BearerAuth(Bearer);

/// The areas the API document groups operations into.
#[derive(Tags)]
enum Area {
    /// Registration, login, token refresh and logout.
    Auth,
    /// User profiles and DMs.
    Users,
    /// Guilds, members, roles, bans and invites.
    Guilds,
    /// Channels.
    Channels,
    /// Messages, reactions, typing and read state.
    Messages,
    /// Friends and blocks.
    Relationships,
    /// File uploads.
    Files,
    /// Liveness and readiness probes.
    Health,
}

/// A resource was created.
#[derive(ApiResponse)]
enum Created<T: ToJSON + Send + Sync> {
    /// Created.
    #[oai(status = 201)]
    Created(Json<T>),
}

/// The request succeeded and there is nothing to return.
#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

/// Shared by every API area: the core, and how to authenticate against it.
#[derive(Clone)]
struct Ctx {
    concord: Concord,
}

impl Ctx {
    /// The user behind a bearer token.
    async fn actor(&self, auth: &BearerAuth) -> ApiResult<UserId> {
        Ok(self.concord.authenticate(&auth.0.token).await?)
    }
}

/// Parses a typed id from a path, query or body field.
fn parse_id<T: TryFromId>(field: &'static str, text: &str) -> ApiResult<T> {
    T::try_from_id(field, text).map_err(|e| ApiError::invalid(field, e.reason))
}

/// A file id field that may be absent (no change), `null` (remove) or an id (set).
fn optional_file(
    field: &'static str,
    value: poem_openapi::types::MaybeUndefined<String>,
) -> ApiResult<Option<Option<concord_domain::id::FileId>>> {
    match value {
        poem_openapi::types::MaybeUndefined::Undefined => Ok(None),
        poem_openapi::types::MaybeUndefined::Null => Ok(Some(None)),
        poem_openapi::types::MaybeUndefined::Value(id) => Ok(Some(Some(parse_id(field, &id)?))),
    }
}

/// Ids parsable from text, for [`parse_id`].
trait TryFromId: Sized {
    fn try_from_id(field: &'static str, text: &str) -> Result<Self, DomainError>;
}

macro_rules! try_from_id {
    ($($id:ty),*) => {$(
        impl TryFromId for $id {
            fn try_from_id(field: &'static str, text: &str) -> Result<Self, DomainError> {
                <$id>::parse(field, text)
            }
        }
    )*};
}

try_from_id!(
    concord_domain::id::UserId,
    concord_domain::id::GuildId,
    concord_domain::id::ChannelId,
    concord_domain::id::MessageId,
    concord_domain::id::RoleId,
    concord_domain::id::FileId
);

/// The API document's description.
const DESCRIPTION: &str = "A self-hosted, Discord-style chat server. Times are milliseconds \
                           since the Unix epoch; ids are strings.";

/// Builds the OpenAPI service with every area.
pub fn service(
    concord: Concord,
    cookies: CookiePolicy,
) -> OpenApiService<impl poem_openapi::OpenApi, ()> {
    let ctx = Ctx { concord };
    let areas = (
        auth::AuthApi {
            ctx: ctx.clone(),
            cookies,
        },
        users::UsersApi { ctx: ctx.clone() },
        guilds::GuildsApi { ctx: ctx.clone() },
        channels::ChannelsApi { ctx: ctx.clone() },
        messages::MessagesApi { ctx: ctx.clone() },
        relationships::RelationshipsApi { ctx: ctx.clone() },
        files::FilesApi { ctx: ctx.clone() },
        health::HealthApi { ctx },
    );
    OpenApiService::new(areas, "Concord", env!("CARGO_PKG_VERSION"))
        .description(DESCRIPTION)
        .server("/api/v1")
}
