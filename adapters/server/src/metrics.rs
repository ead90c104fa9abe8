//! Prometheus metrics and their exposition at `GET /metrics`.
//!
//! Each server has its own [`Registry`], so that several servers in one process (as in
//! the tests) never mix their numbers. The parts:
//!
//! - [`http`]: requests by method, route template and status, and their latency.
//! - [`gateway`]: open connections, dispatches, slow consumers, fan-out latency, and the
//!   core's session and room counts.
//! - [`pubsub`]: the Redis transport's running totals.
//! - [`store`]: a decorator of the storage port timing every operation by adapter.
//! - `pulled`: metrics whose value another component keeps, read at scrape time.
//!
//! The core crates know nothing of this; everything is measured at the edges or read
//! through the getters the core and adapters offer.

pub mod gateway;
pub mod http;
pub mod pubsub;
mod pulled;
pub mod store;

use std::sync::Arc;

use concord_app::gateway::Gateway;
use concord_redis_pubsub::RedisPubSub;
use poem::http::StatusCode;
use poem::web::Data;
use poem::{IntoResponse, Response, handler};
use prometheus::{Registry, TextEncoder};
use tracing::error;

use gateway::GatewayMetrics;
use http::HttpMetrics;
use store::StoreMetrics;

/// Every metric of one server. Cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    http: HttpMetrics,
    gateway: GatewayMetrics,
    store: StoreMetrics,
}

impl Metrics {
    /// Creates the server's registry with the metrics the edges report to.
    pub fn new() -> prometheus::Result<Self> {
        let registry = Registry::new();
        Ok(Self {
            http: HttpMetrics::register(&registry)?,
            gateway: GatewayMetrics::register(&registry)?,
            store: StoreMetrics::register(&registry)?,
            registry,
        })
    }

    /// The HTTP middleware's metrics.
    pub fn http(&self) -> &HttpMetrics {
        &self.http
    }

    /// The gateway edge's metrics.
    pub fn gateway(&self) -> &GatewayMetrics {
        &self.gateway
    }

    /// The storage decorator's metrics.
    pub fn store(&self) -> &StoreMetrics {
        &self.store
    }

    /// Also exports the gateway core's session and room counts.
    pub fn watch_gateway(&self, gateway: &Gateway) -> prometheus::Result<()> {
        GatewayMetrics::watch(&self.registry, gateway)
    }

    /// Also exports the Redis pub/sub adapter's totals.
    pub fn watch_redis(&self, redis: &Arc<RedisPubSub>) -> prometheus::Result<()> {
        pubsub::watch_redis(&self.registry, redis)
    }

    /// Every metric in the Prometheus text format.
    pub fn render(&self) -> prometheus::Result<String> {
        TextEncoder::new().encode_to_string(&self.registry.gather())
    }
}

/// `GET /metrics`: the Prometheus text exposition.
#[handler]
pub fn endpoint(metrics: Data<&Metrics>) -> Response {
    match metrics.render() {
        Ok(text) => Response::builder()
            .content_type(prometheus::TEXT_FORMAT)
            .body(text),
        Err(cause) => {
            error!(error = %cause, "could not render the metrics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
