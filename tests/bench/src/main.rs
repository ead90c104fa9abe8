//! `concord-bench`: a realtime load benchmark for a running Concord server (or several
//! replicas), printing one JSON line per scenario on stdout.
//!
//! It registers users through the REST API, builds guilds (create, invite, join),
//! connects every user through the gateway (HELLO, IDENTIFY, READY, heartbeats), then
//! has senders post messages whose content carries their send time, and every receiving
//! client times each message's arrival. Next to delivery rate, latency percentiles and
//! losses it reads the servers' resident memory and CPU time from `/proc`.
//!
//! ```text
//! concord-bench [--url http://127.0.0.1:8080 ...] [--server-pid PID ...]
//!               [--scenario chatty|idle|bigroom|all] [--scale 1.0] [--time-scale 1.0]
//! ```
//!
//! Modules: [`scenario`] says what each scenario is, [`runner`] runs one, [`measure`]
//! measures one window of it, [`load`] sends, [`gateway`] receives, [`api`] speaks
//! REST, [`procfs`] reads the servers' figures, [`stats`] computes percentiles and
//! [`clock`] is the shared time base. `tests/bench/README.md` explains the figures.

mod api;
mod clock;
mod gateway;
mod load;
mod measure;
mod procfs;
mod runner;
mod scenario;
mod stats;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;

use api::Api;
use procfs::Servers;
use runner::Bench;
use scenario::{Layout, Name};

/// Realtime load benchmark for Concord: one JSON line per scenario on stdout.
#[derive(Debug, Parser)]
#[command(name = "concord-bench", version, about)]
struct Args {
    /// Server base URL; repeat for replicas (clients and requests alternate between them).
    #[arg(long = "url", default_value = "http://127.0.0.1:8080")]
    urls: Vec<String>,
    /// Server pid whose memory and CPU are read; repeat for replicas. Default: the
    /// processes listening on the URLs' ports.
    #[arg(long = "server-pid")]
    server_pids: Vec<u32>,
    /// Pid of a process the servers depend on (a database); its CPU time is reported
    /// apart. Repeatable.
    #[arg(long = "dependency-pid")]
    dependency_pids: Vec<u32>,
    /// Which scenario to run.
    #[arg(long, value_enum, default_value_t = Name::All)]
    scenario: Name,
    /// Multiplies the number of clients (0.1 for a quick run).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Multiplies the durations of the measured windows (at least 2 s each).
    #[arg(long, default_value_t = 1.0)]
    time_scale: f64,
    /// The most steps of the big room's rate sweep.
    #[arg(long, default_value_t = 8)]
    max_steps: usize,
    /// Gateway connections opened at once.
    #[arg(long, default_value_t = 64)]
    connect_concurrency: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("concord-bench: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    if !(args.scale > 0.0 && args.time_scale > 0.0) {
        return Err("--scale and --time-scale must be positive".to_owned());
    }
    let layouts: Vec<Layout> = args
        .scenario
        .expand()
        .into_iter()
        .map(|name| Layout::new(name, args.scale, args.time_scale, args.max_steps))
        .collect();
    check_open_files(&layouts)?;

    let pids = if args.server_pids.is_empty() {
        args.urls
            .iter()
            .map(|url| find_pid(url))
            .collect::<Result<_, _>>()?
    } else {
        args.server_pids.clone()
    };
    let servers = Servers::new(pids, args.dependency_pids.clone())?;
    eprintln!(
        "concord-bench: servers {:?} at {:?}",
        servers.pids(),
        args.urls
    );
    let bench = Bench {
        api: Arc::new(Api::new(&args.urls)?),
        servers,
        run_id: run_id(),
        connect_concurrency: args.connect_concurrency.max(1),
    };

    for layout in &layouts {
        let report = bench.run(layout).await?;
        let line = serde_json::to_string(&report).map_err(|error| error.to_string())?;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{line}")
            .and_then(|()| stdout.flush())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Every client holds a socket: refuse to start when the limit cannot fit them.
fn check_open_files(layouts: &[Layout]) -> Result<(), String> {
    let needed = layouts.iter().map(Layout::clients).max().unwrap_or(0) as u64 + 256;
    match procfs::open_files_limit() {
        Some(limit) if limit < needed => Err(format!(
            "{needed} open files are needed but the limit is {limit}: raise it with \
             `ulimit -n {needed}` (the server needs as many) or lower --scale"
        )),
        _ => Ok(()),
    }
}

/// The pid listening on the port of `url`.
fn find_pid(url: &str) -> Result<u32, String> {
    let authority = url.split("://").nth(1).unwrap_or(url);
    let host_port = authority.split('/').next().unwrap_or(authority);
    let port = match host_port.rsplit_once(':') {
        Some((_, port)) => port.parse().map_err(|_| format!("bad port in {url}"))?,
        None => 80,
    };
    procfs::pid_listening_on(port)
        .ok_or_else(|| format!("no process listens on port {port}; pass --server-pid"))
}

/// Eight base-36 digits of the current time in milliseconds.
fn run_id() -> String {
    let mut millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis());
    let mut digits = Vec::new();
    for _ in 0..8 {
        digits.push(char::from_digit((millis % 36) as u32, 36).unwrap_or('0'));
        millis /= 36;
    }
    digits.iter().rev().collect()
}
