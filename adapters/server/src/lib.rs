//! The `concord` server: configuration, wiring of adapters, and the HTTP edge.
//!
//! - [`config`]: the typed configuration read from flags and `CONCORD_*` variables.
//! - [`wiring`]: builds every adapter from the configuration and hands them to the core.
//! - [`http`]: the route table: the REST API, its OpenAPI document and UI, health probes,
//!   and the middleware every response passes through.
//! - `api`: the REST handlers, wire types and the mapping of errors to problems.
//!
//! [`start`] does all of it and returns once the server is listening, so tests can start
//! a real server on port 0 and talk to it over HTTP.

mod api;
pub mod config;
pub mod http;
pub mod wiring;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use poem::Server;
use poem::listener::{Acceptor, Listener, TcpListener};
use tokio::task::JoinHandle;
use tracing::info;

pub use config::Config;
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
    let wired = wiring::wire(&config).await?;
    let endpoint = http::routes(&config, wired.concord);

    let acceptor = TcpListener::bind(config.bind)
        .into_acceptor()
        .await
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
    let task = tokio::spawn(async move {
        server
            .run_with_graceful_shutdown(endpoint, shutdown, Some(GRACE))
            .await
    });
    Ok(Running { addr, task })
}
