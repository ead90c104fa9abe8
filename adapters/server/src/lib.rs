//! The `concord` server: configuration, wiring of adapters, and the HTTP edge.
//!
//! - [`config`]: the typed configuration read from flags and `CONCORD_*` variables.
//! - [`wiring`]: builds every adapter from the configuration and hands them to the core.
//! - [`http`]: the route table: the REST API, its OpenAPI document and UI, health probes,
//!   and the middleware every response passes through.
//! - [`gateway`]: the realtime WebSocket protocol at `/gateway`.
//! - `listener`: accepts TCP connections, with `TCP_NODELAY` set.
//! - [`metrics`]: Prometheus metrics of every edge, served at `/metrics`.
//! - `profiling`: opt-in CPU flamegraphs at `/debug/pprof/profile`.
//! - [`client_address`]: who a request comes from, behind trusted proxies too.
//! - `api`: the REST handlers, wire types and the mapping of errors to problems.
//!
//! [`start`] does all of it and returns once the server is listening, so tests can start
//! a real server on port 0 and talk to it over HTTP.

mod api;
pub mod client_address;
pub mod config;
pub mod gateway;
pub mod http;
mod listener;
pub mod metrics;
mod profiling;
pub mod wiring;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use concord_app::gateway::Gateway;
use concord_ports::store::Store;
use poem::Server;
use poem::listener::{Acceptor, Listener, TcpListener};
use tokio::task::JoinHandle;
use tracing::info;

pub use config::Config;
use gateway::{GatewayEdge, GatewayTiming};
pub use wiring::StartError;

/// How long in-flight requests may take to finish once shutdown begins.
const GRACE: Duration = Duration::from_secs(10);

/// A server that is listening.
pub struct Running {
    /// The address it listens on (with the real port when port 0 was asked for).
    pub addr: SocketAddr,
    /// Resolves when the server has stopped.
    pub task: JoinHandle<std::io::Result<()>>,
}

/// Builds everything from `config`, binds, and serves until `shutdown` resolves.
pub async fn start(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<Running, StartError> {
    start_sharing(config, None, shutdown).await
}

/// Like [`start`], but on a store shared with other servers of this process (tests
/// run replicas this way).
pub async fn start_sharing(
    config: Config,
    store: Option<Arc<dyn Store>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<Running, StartError> {
    let wired = wiring::wire_sharing(&config, store).await?;
    let timing = GatewayTiming {
        heartbeat: Duration::from_millis(config.heartbeat_interval),
        identify_timeout: Duration::from_millis(config.identify_timeout),
    };
    let draining = Arc::new(gateway::Draining::default());
    let edge = GatewayEdge {
        gateway: wired.gateway.clone(),
        timing,
        draining: draining.clone(),
        metrics: wired.metrics.gateway().clone(),
        per_address: gateway::AddressLimit::new(config.gateway_max_per_address),
    };
    let sweeper = tokio::spawn(sweep_files(wired.concord.clone()));
    let endpoint = http::routes(&config, wired.concord, edge, wired.metrics);
    let reaper = tokio::spawn(reap_sessions(
        wired.gateway,
        Duration::from_millis(config.resume_window),
    ));

    let acceptor = TcpListener::bind(config.bind)
        .into_acceptor()
        .await
        .map(|inner| listener::NoDelay {
            inner,
            silence: idle_timeout(&config),
        })
        .map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = acceptor
        .local_addr()
        .first()
        .and_then(|addr| addr.as_socket_addr().copied())
        .unwrap_or(config.bind);
    info!(%addr, data_dir = %config.data_dir.display(), "concord listening");

    let server = Server::new_with_acceptor(acceptor);
    let shutdown = async move {
        shutdown.await;
        info!("shutting down: asking gateway clients to reconnect elsewhere");
        draining.start();
    };
    let task = tokio::spawn(async move {
        let result = server
            .run_with_graceful_shutdown(endpoint, shutdown, Some(GRACE))
            .await;
        reaper.abort();
        sweeper.abort();
        result
    });
    Ok(Running { addr, task })
}

/// Removes abandoned and never-used uploads, a minute after start and then every ten
/// minutes.
async fn sweep_files(concord: concord_app::Concord) {
    let first = tokio::time::Instant::now() + Duration::from_secs(60);
    let mut tick = tokio::time::interval_at(first, Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(error) = concord.sweep_files().await {
            tracing::warn!(%error, "sweeping unused files failed; trying again later");
        }
    }
}

/// How long a connection may stay silent in both directions before it is closed (see
/// `listener`): the configured time, but never less than two heartbeat intervals, which
/// a live gateway client always fills. Clients that open a connection and then send
/// nothing, or stop half-way through a request, give their socket back this way.
fn idle_timeout(config: &Config) -> Duration {
    let configured = Duration::from_secs(config.idle_timeout);
    configured.max(Duration::from_millis(
        config.heartbeat_interval.saturating_mul(2),
    ))
}

/// Ends gateway sessions whose resume window has passed: every few seconds, or twice a
/// window when it is shorter than that.
async fn reap_sessions(gateway: Gateway, window: Duration) {
    let mut tick = tokio::time::interval(Duration::from_secs(5).min(window / 2));
    loop {
        tick.tick().await;
        let ended = gateway.reap().await;
        if ended > 0 {
            tracing::debug!(ended, "expired gateway sessions ended");
        }
    }
}
