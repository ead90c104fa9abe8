//! The `concord` binary: parse configuration, set up logging, serve until stopped.

use clap::Parser;
use concord_server::{Config, start};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    init_logging(&config);

    let running = match start(config, shutdown_signal()).await {
        Ok(running) => running,
        Err(error) => {
            tracing::error!(%error, "concord could not start");
            eprintln!("concord: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match running.task.await {
        Ok(Ok(())) => {
            tracing::info!("concord stopped");
            std::process::ExitCode::SUCCESS
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "server failed");
            std::process::ExitCode::FAILURE
        }
        Err(error) => {
            tracing::error!(%error, "server task panicked");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) {
    let filter = config
        .log
        .as_deref()
        .map(EnvFilter::new)
        .or_else(|| EnvFilter::try_from_default_env().ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down");
}
