//! Running one scenario: register its users, build its guilds, connect every client,
//! measure its window (or its sweep of windows), close the clients, report.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{StreamExt, stream};
use serde::Serialize;
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};

use crate::api::{Api, Guild, User};
use crate::gateway::{self, NO_WINDOW, Samples, Shared};
use crate::load::Sender;
use crate::measure::{Stage, Window};
use crate::procfs::Servers;
use crate::scenario::Layout;
use crate::stats::round;

/// Registrations and joins in flight at once.
const SETUP_CONCURRENCY: usize = 64;
/// A pause for the server to settle before memory is read.
const SETTLE: Duration = Duration::from_secs(2);

/// What every scenario runs against.
pub struct Bench {
    /// The REST client.
    pub api: Arc<Api>,
    /// The server processes.
    pub servers: Servers,
    /// A tag making this run's usernames unique.
    pub run_id: String,
    /// Gateway connections being opened at once.
    pub connect_concurrency: usize,
}

/// The JSON line of one scenario.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The scenario's name.
    pub scenario: &'static str,
    /// Server processes (replicas) under test.
    pub servers: usize,
    /// Gateway connections that reached READY.
    pub clients: usize,
    /// Connections that failed to reach READY.
    pub connect_failures: usize,
    /// Guilds built.
    pub guilds: usize,
    /// Users sending.
    pub senders: usize,
    /// Seconds to open every connection.
    pub connect_s: f64,
    /// Growth of server resident memory while the clients connected, per connection.
    pub rss_per_connection_kib: f64,
    /// The measured window (for a sweep: its best lossless step, else its first).
    #[serde(flatten)]
    pub window: Window,
    /// Connections the server closed during the scenario.
    pub dropped_connections: u64,
    /// For a sweep: the best deliveries a second of a step without loss.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_lossless_deliveries_per_s: Option<f64>,
    /// For a sweep: every step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Window>,
}

/// The connected clients of a scenario.
struct Crowd {
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    samples: Vec<Arc<Samples>>,
    tasks: Vec<JoinHandle<()>>,
    receivers: Vec<u64>,
    failures: usize,
}

impl Bench {
    /// Runs one scenario and returns its report.
    pub async fn run(&self, layout: &Layout) -> Result<Report, String> {
        let started = Instant::now();
        let tag = format!("b{}{}", self.run_id, &layout.name[..1]);
        let users = self
            .api
            .register_many(&tag, layout.clients(), SETUP_CONCURRENCY)
            .await?;
        let members = split_users(&users, &layout.guilds);
        let guilds = self.build_guilds(&members, layout.name).await?;
        log(
            layout,
            started,
            &format!("{} users in {} guilds", users.len(), guilds.len()),
        );

        sleep(SETTLE).await;
        let rss_before = self.servers.rss_kib();
        let connecting = Instant::now();
        let crowd = self.connect(&members).await;
        let connect_s = connecting.elapsed().as_secs_f64();
        sleep(SETTLE).await;
        let rss_after = self.servers.rss_kib();
        let clients = layout.clients() - crowd.failures;
        log(
            layout,
            started,
            &format!("{clients} clients connected in {connect_s:.1} s"),
        );

        let senders: Vec<Sender> = (0..layout.senders)
            .map(|guild| Sender {
                token: members[guild][0].token.clone(),
                channel: guilds[guild].channel.clone(),
                guild,
            })
            .collect();
        let stage = Stage {
            api: &self.api,
            servers: &self.servers,
            shared: &crowd.shared,
            samples: &crowd.samples,
            senders: &senders,
            receivers: &crowd.receivers,
        };
        let steps = self.windows(layout, &stage, started).await;
        let dropped = crowd.shared.dropped.load(Ordering::Relaxed);
        let failures = crowd.failures;
        crowd.close().await;

        let lossless = steps.iter().filter(|step| step.lost == 0);
        let best = lossless.max_by(|a, b| a.deliveries_per_s.total_cmp(&b.deliveries_per_s));
        let window = best
            .or(steps.first())
            .cloned()
            .ok_or("no window was measured")?;
        let growth = rss_after.saturating_sub(rss_before) as f64;
        Ok(Report {
            scenario: layout.name,
            servers: self.servers.pids().len(),
            clients,
            connect_failures: failures,
            guilds: guilds.len(),
            senders: senders.len(),
            connect_s: round(connect_s, 2),
            rss_per_connection_kib: round(growth / clients.max(1) as f64, 2),
            best_lossless_deliveries_per_s: layout
                .sweep
                .map(|_| best.map_or(0.0, |step| step.deliveries_per_s)),
            window,
            dropped_connections: dropped,
            steps: if layout.sweep.is_some() {
                steps
            } else {
                Vec::new()
            },
        })
    }

    /// The scenario's one window, or its sweep: the rate doubles after each step
    /// without loss, failed sends or dropped connections, and a rate the senders could
    /// not hold ends it too.
    async fn windows(&self, layout: &Layout, stage: &Stage<'_>, started: Instant) -> Vec<Window> {
        let Some(sweep) = layout.sweep else {
            let window = stage.measure(0, layout.rate, layout.duration).await;
            return vec![window];
        };
        let mut steps = Vec::new();
        let mut rate = layout.rate;
        for step in 0..sweep.max_steps {
            let window = stage.measure(step as u32, rate, layout.duration).await;
            log(
                layout,
                started,
                &format!(
                    "step {step}: {rate} msg/s, {} deliveries/s, lost {}, p99 {} ms",
                    window.deliveries_per_s, window.lost, window.latency.p99_ms
                ),
            );
            let held = window.sent_per_s >= 0.9 * window.rate;
            let clean = window.lost == 0 && window.send_errors == 0;
            let dropped = stage.shared.dropped.load(Ordering::Relaxed) > 0;
            steps.push(window);
            if !(held && clean) || dropped {
                break;
            }
            rate *= 2.0;
            sleep(Duration::from_secs(1)).await;
        }
        steps
    }

    /// Creates each group's guild (owned by its first member) and joins the others.
    async fn build_guilds(&self, groups: &[&[User]], name: &str) -> Result<Vec<Guild>, String> {
        let created: Vec<(Guild, String)> = stream::iter(groups.iter().enumerate())
            .map(|(i, members)| {
                let title = format!("bench {name} {i}");
                async move { self.api.create_guild(i, &members[0], &title).await }
            })
            .buffered(8)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()?;

        let joins = groups
            .iter()
            .zip(&created)
            .flat_map(|(members, (_, code))| {
                members[1..].iter().map(move |user| (user, code.as_str()))
            });
        stream::iter(joins.enumerate())
            .map(|(i, (user, code))| self.api.join(i, user, code))
            .buffer_unordered(SETUP_CONCURRENCY)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<Vec<()>, _>>()?;
        Ok(created.into_iter().map(|(guild, _)| guild).collect())
    }

    /// Connects every member, client `i` to server `i mod servers`. Each client starts
    /// listening (reading, heartbeating) as soon as it has its READY, so that the first
    /// ones neither time out nor fall behind while the others connect.
    async fn connect(&self, groups: &[&[User]]) -> Crowd {
        let (stop, stop_rx) = watch::channel(false);
        let mut crowd = Crowd {
            shared: Arc::new(Shared {
                window: AtomicU32::new(NO_WINDOW),
                received: AtomicU64::new(0),
                dropped: AtomicU64::new(0),
                stop: stop_rx,
            }),
            stop,
            samples: Vec::new(),
            tasks: Vec::new(),
            receivers: vec![0; groups.len()],
            failures: 0,
        };
        let permits = Arc::new(Semaphore::new(self.connect_concurrency));
        let (outcomes, mut outcome) = mpsc::unbounded_channel();
        let clients = groups
            .iter()
            .enumerate()
            .flat_map(|(guild, members)| members.iter().map(move |user| (guild, user)));
        for (i, (guild, user)) in clients.enumerate() {
            let samples = Arc::new(Samples::default());
            let client = Client {
                url: self.api.gateway_url(i),
                token: user.token.clone(),
                guild,
                phase: (i % 97) as f64 / 97.0,
                samples: samples.clone(),
                shared: crowd.shared.clone(),
            };
            let (permits, outcomes) = (permits.clone(), outcomes.clone());
            crowd
                .tasks
                .push(tokio::spawn(client.run(permits, outcomes)));
            crowd.samples.push(samples);
        }
        drop(outcomes);

        while let Some((guild, connected)) = outcome.recv().await {
            match connected {
                Ok(()) => crowd.receivers[guild] += 1,
                Err(error) => {
                    if crowd.failures == 0 {
                        eprintln!("concord-bench: a connection failed: {error}");
                    }
                    crowd.failures += 1;
                }
            }
        }
        crowd
    }
}

/// One gateway client to be.
struct Client {
    url: String,
    token: String,
    guild: usize,
    phase: f64,
    samples: Arc<Samples>,
    shared: Arc<Shared>,
}

impl Client {
    /// Connects (with a permit, so that only so many connect at once), tells how that
    /// went, then listens until told to stop.
    async fn run(self, permits: Arc<Semaphore>, outcomes: Outcomes) {
        let permit = permits.acquire_owned().await;
        let connected = gateway::connect(&self.url, &self.token).await;
        drop(permit);
        match connected {
            Ok(connection) => {
                let _ = outcomes.send((self.guild, Ok(())));
                drop(outcomes);
                connection
                    .listen(self.shared, self.samples, self.phase)
                    .await;
            }
            Err(error) => {
                let _ = outcomes.send((self.guild, Err(error)));
            }
        }
    }
}

/// Where clients report whether they reached READY, with their guild's index.
type Outcomes = mpsc::UnboundedSender<(usize, Result<(), String>)>;

impl Crowd {
    /// Tells every client to close and waits a little for them.
    async fn close(self) {
        let _ = self.stop.send(true);
        let all = futures_util::future::join_all(self.tasks);
        let _ = timeout(Duration::from_secs(15), all).await;
    }
}

/// The users in consecutive groups of the given sizes.
fn split_users<'a>(users: &'a [User], sizes: &[usize]) -> Vec<&'a [User]> {
    let mut rest = users;
    sizes
        .iter()
        .map(|size| {
            let (group, tail) = rest.split_at(*size);
            rest = tail;
            group
        })
        .collect()
}

fn log(layout: &Layout, started: Instant, what: &str) {
    let at = started.elapsed().as_secs_f64();
    eprintln!("concord-bench: {} [{at:.1} s] {what}", layout.name);
}
