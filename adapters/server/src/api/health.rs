//! The probes: whether the process is alive, and whether its dependencies answer.
//!
//! They are operations of the API document under `/api/v1`, and the same answers are
//! served at the root (`/healthz`, `/readyz`), where Kubernetes and the Docker health
//! check look for them; [`liveness`] and [`readiness`] make the answer for both places.
//! Neither needs a token.

use concord_app::{Concord, Readiness};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use super::{Area, Ctx};

pub(super) struct HealthApi {
    pub ctx: Ctx,
}

/// What the liveness probe says; there is only one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum LiveStatus {
    /// The process answers.
    Ok,
}

/// The process is alive.
#[derive(Debug, Object)]
pub struct LivenessDto {
    /// Always `ok`.
    pub status: LiveStatus,
}

/// Whether the server can serve requests now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ReadyStatus {
    /// Every dependency answers.
    Ready,
    /// At least one dependency does not answer.
    Unavailable,
}

/// Which dependencies answer.
#[derive(Debug, Object)]
pub struct ReadinessDto {
    /// `ready` when every dependency below is up.
    pub status: ReadyStatus,
    /// The store answered a ping.
    pub store: bool,
    /// File storage answered.
    pub files: bool,
    /// Pub/sub is connected.
    pub pubsub: bool,
}

impl From<Readiness> for ReadinessDto {
    fn from(readiness: Readiness) -> Self {
        let status = if readiness.all_up() {
            ReadyStatus::Ready
        } else {
            ReadyStatus::Unavailable
        };
        Self {
            status,
            store: readiness.store,
            files: readiness.files,
            pubsub: readiness.pubsub,
        }
    }
}

/// The liveness probe's answer.
#[derive(ApiResponse)]
pub enum HealthzResponse {
    /// The process answers.
    #[oai(status = 200)]
    Alive(Json<LivenessDto>),
}

/// The readiness probe's answer: its status code says what its body says.
#[derive(ApiResponse)]
pub enum ReadyzResponse {
    /// Every dependency answers.
    #[oai(status = 200)]
    Ready(Json<ReadinessDto>),
    /// A dependency does not answer; the body says which.
    #[oai(status = 503)]
    Unavailable(Json<ReadinessDto>),
}

/// The liveness probe's answer: reaching this code is the proof of life.
pub fn liveness() -> HealthzResponse {
    HealthzResponse::Alive(Json(LivenessDto {
        status: LiveStatus::Ok,
    }))
}

/// Asks every dependency, and answers 200 when all of them are up, else 503.
pub async fn readiness(concord: &Concord) -> ReadyzResponse {
    let dto = ReadinessDto::from(concord.ready().await);
    match dto.status {
        ReadyStatus::Ready => ReadyzResponse::Ready(Json(dto)),
        ReadyStatus::Unavailable => ReadyzResponse::Unavailable(Json(dto)),
    }
}

#[OpenApi(tag = "Area::Health")]
impl HealthApi {
    /// Liveness: the process answers (also served at `/healthz`).
    #[oai(path = "/healthz", method = "get")]
    async fn healthz(&self) -> HealthzResponse {
        liveness()
    }

    /// Readiness: the store, file storage and pub/sub answer (also served at `/readyz`).
    #[oai(path = "/readyz", method = "get")]
    async fn readyz(&self) -> ReadyzResponse {
        readiness(&self.ctx.concord).await
    }
}
