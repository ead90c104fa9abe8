//! One measured window: senders send, every receiver times what arrives, and the
//! figures of the window are gathered.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::Serialize;
use tokio::time::{Instant, sleep};

use crate::api::Api;
use crate::gateway::{NO_WINDOW, Samples, Shared};
use crate::load::{self, Sender};
use crate::procfs::Servers;
use crate::stats::{Latency, round};

/// How long after the last send answer the receivers may take to get every message.
const DRAIN: Duration = Duration::from_secs(3);

/// The figures of one window.
#[derive(Debug, Clone, Serialize)]
pub struct Window {
    /// Messages a second asked of all senders together.
    pub rate: f64,
    /// How long the senders sent, in seconds.
    pub duration_s: f64,
    /// Messages the server accepted.
    pub sent: u64,
    /// Messages accepted per second, from the first request to the last answer.
    pub sent_per_s: f64,
    /// Send requests that failed.
    pub send_errors: u64,
    /// Median duration of a send request (REST round trip), in milliseconds.
    pub send_p50_ms: f64,
    /// 99th percentile of the send request duration, in milliseconds.
    pub send_p99_ms: f64,
    /// Deliveries expected: each accepted message times the members of its guild.
    pub expected: u64,
    /// Deliveries received in the window.
    pub received: u64,
    /// `expected - received`: deliveries missing once the drain time was over.
    pub lost: i64,
    /// Deliveries received per second, from the first send to the last receipt.
    pub deliveries_per_s: f64,
    /// Send-to-receipt latency.
    #[serde(flatten)]
    pub latency: Latency,
    /// Server CPU time (user + system, all servers) per delivery, in microseconds.
    pub cpu_us_per_delivery: f64,
    /// Cores the servers kept busy during the window, on average.
    pub server_cores: f64,
    /// Cores the load generator kept busy.
    pub bench_cores: f64,
    /// Cores the dependencies given with `--dependency-pid` kept busy.
    pub dependency_cores: f64,
    /// Cores every other process on the machine kept busy: the load of neighbours.
    pub other_cores: f64,
}

/// What a window needs from its scenario.
pub struct Stage<'a> {
    /// The REST client.
    pub api: &'a Arc<Api>,
    /// The servers, for CPU time.
    pub servers: &'a Servers,
    /// State shared with the clients.
    pub shared: &'a Shared,
    /// Each client's samples.
    pub samples: &'a [Arc<Samples>],
    /// Who sends.
    pub senders: &'a [Sender],
    /// Connected receivers in each guild.
    pub receivers: &'a [u64],
}

impl Stage<'_> {
    /// Runs window `window`: every sender at `rate` messages a second for `duration`.
    pub async fn measure(&self, window: u32, rate: f64, duration: Duration) -> Window {
        for samples in self.samples {
            samples.take();
        }
        self.shared.received.store(0, Ordering::Relaxed);
        self.shared.window.store(window, Ordering::Relaxed);
        let cpu_before = self.cpu_now();
        let start = Instant::now();

        let guilds = self.receivers.len();
        let mut sent = load::send(self.api, self.senders, guilds, rate, duration, window).await;
        let expected: u64 = sent
            .per_guild
            .iter()
            .zip(self.receivers)
            .map(|(messages, receivers)| messages * receivers)
            .sum();
        let deadline = Instant::now() + DRAIN;
        while self.shared.received.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
            sleep(Duration::from_millis(5)).await;
        }
        let elapsed = start.elapsed().as_secs_f64();
        let cpu = self.cpu_now().since(cpu_before);
        self.shared.window.store(NO_WINDOW, Ordering::Relaxed);

        let mut latencies: Vec<u32> = self.samples.iter().flat_map(|s| s.take()).collect();
        let received = latencies.len() as u64;
        let accepted: u64 = sent.per_guild.iter().sum();
        let sending = Latency::of(&mut sent.latencies);
        Window {
            rate: rate * self.senders.len() as f64,
            duration_s: duration.as_secs_f64(),
            sent: accepted,
            sent_per_s: round(accepted as f64 / sent.elapsed.as_secs_f64(), 1),
            send_errors: sent.failed,
            send_p50_ms: sending.p50_ms,
            send_p99_ms: sending.p99_ms,
            expected,
            received,
            lost: expected as i64 - received as i64,
            deliveries_per_s: round(received as f64 / elapsed, 0),
            latency: Latency::of(&mut latencies),
            cpu_us_per_delivery: round(cpu.server as f64 / received.max(1) as f64, 2),
            server_cores: cores(cpu.server, elapsed),
            bench_cores: cores(cpu.bench, elapsed),
            dependency_cores: cores(cpu.dependencies, elapsed),
            other_cores: cores(cpu.others(), elapsed),
        }
    }

    fn cpu_now(&self) -> CpuTimes {
        CpuTimes {
            server: self.servers.cpu_micros(),
            bench: self.servers.own_cpu_micros(),
            dependencies: self.servers.dependency_cpu_micros(),
            machine: self.servers.machine_busy_micros(),
        }
    }
}

/// CPU time so far, in microseconds.
#[derive(Debug, Clone, Copy)]
struct CpuTimes {
    server: u64,
    bench: u64,
    dependencies: u64,
    machine: u64,
}

impl CpuTimes {
    fn since(self, before: CpuTimes) -> CpuTimes {
        CpuTimes {
            server: self.server.saturating_sub(before.server),
            bench: self.bench.saturating_sub(before.bench),
            dependencies: self.dependencies.saturating_sub(before.dependencies),
            machine: self.machine.saturating_sub(before.machine),
        }
    }

    /// The machine's busy time not spent by the servers, the benchmark or dependencies.
    fn others(self) -> u64 {
        self.machine
            .saturating_sub(self.server + self.bench + self.dependencies)
    }
}

/// Microseconds of CPU over `seconds` of wall time, as a number of busy cores.
fn cores(micros: u64, seconds: f64) -> f64 {
    round(micros as f64 / 1e6 / seconds, 2)
}
