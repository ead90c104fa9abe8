//! The bystanders: one member of a guild posts a numbered message every 50 ms, stamped
//! with the time it set off, and another reads them on the gateway, heartbeating as a
//! client should, noting how long each took from send to receipt.
//!
//! Each message also carries the phase of the test it was sent in, so that latencies
//! before, during and after the hostile wave are told apart. Nothing here knows what the
//! wave is.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::client::Gw;
use crate::fixture::{User, try_call};
use crate::traffic::{Target, client};

/// How often the poster posts.
const PING_EVERY: Duration = Duration::from_millis(50);
/// How long the listener waits for the last messages once the poster stopped.
const CATCH_UP: Duration = Duration::from_secs(10);

/// The parts of the test, in order; a message counts in the phase it was sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Connections are new and caches cold: not measured.
    WarmUp = 0,
    /// Nothing hostile runs: the latency to compare with.
    Calm = 1,
    /// The hostile wave runs.
    Wave = 2,
    /// The wave stopped; the server is dropping what it left behind.
    After = 3,
}

/// How many phases there are.
const PHASES: usize = 4;

/// The two bystanders at work.
pub struct Chat {
    phase: Arc<AtomicUsize>,
    stop_posting: Arc<AtomicBool>,
    stop_listening: Arc<AtomicBool>,
    poster: JoinHandle<Posted>,
    listener: JoinHandle<()>,
    heard: Arc<Mutex<Heard>>,
}

/// What the poster did.
struct Posted {
    /// The numbers of the messages acknowledged with 201.
    acked: Vec<u64>,
    /// Sends answered otherwise, or not at all.
    failed: usize,
}

/// What the listener received.
#[derive(Default)]
struct Heard {
    /// The numbers received.
    seen: HashSet<u64>,
    /// Send-to-receipt latencies, by the phase each message was sent in.
    latencies: [Vec<Duration>; PHASES],
    /// Whether the server closed the listener's connection.
    disconnected: bool,
}

/// How the bystanders fared.
#[derive(Debug)]
pub struct Outcome {
    /// Messages acknowledged.
    pub sent: usize,
    /// Sends that were not acknowledged.
    pub failed: usize,
    /// Acknowledged messages the listener never received.
    pub lost: usize,
    /// Whether the server closed the listener's connection.
    pub disconnected: bool,
    latencies: [Vec<Duration>; PHASES],
}

impl Chat {
    /// Connects `listener` to the gateway, then has `target`'s poster post to its channel
    /// and the listener read, heartbeating every half `heartbeat`, until [`Chat::finish`].
    pub async fn start(target: &Target, listener: &User, heartbeat: Duration) -> Chat {
        let (gw, _) = Gw::ready_at(&target.base, &listener.token).await;
        let origin = Instant::now();
        let phase = Arc::new(AtomicUsize::new(Phase::WarmUp as usize));
        let stop_posting = Arc::new(AtomicBool::new(false));
        let stop_listening = Arc::new(AtomicBool::new(false));
        let heard = Arc::new(Mutex::new(Heard::default()));

        let poster = tokio::spawn(post(
            target.clone(),
            origin,
            phase.clone(),
            stop_posting.clone(),
        ));
        let listener = tokio::spawn(listen(
            gw,
            origin,
            heartbeat,
            heard.clone(),
            stop_listening.clone(),
        ));
        Chat {
            phase,
            stop_posting,
            stop_listening,
            poster,
            listener,
            heard,
        }
    }

    /// Marks the messages sent from now on as sent in `phase`.
    pub fn enter(&self, phase: Phase) {
        self.phase.store(phase as usize, Ordering::Relaxed);
    }

    /// Stops the poster, gives the listener time to receive what was acknowledged, and
    /// says how it went.
    pub async fn finish(self) -> Outcome {
        self.stop_posting.store(true, Ordering::Relaxed);
        let posted = self.poster.await.unwrap();
        let deadline = Instant::now() + CATCH_UP;
        while Instant::now() < deadline && !heard_all(&self.heard, &posted.acked) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.stop_listening.store(true, Ordering::Relaxed);
        self.listener.await.unwrap();

        let heard = std::mem::take(&mut *self.heard.lock().unwrap());
        let lost = posted
            .acked
            .iter()
            .filter(|n| !heard.seen.contains(n))
            .count();
        Outcome {
            sent: posted.acked.len(),
            failed: posted.failed,
            lost,
            disconnected: heard.disconnected,
            latencies: heard.latencies,
        }
    }
}

/// Whether the listener received all of `acked`, or can receive nothing more.
fn heard_all(heard: &Mutex<Heard>, acked: &[u64]) -> bool {
    let heard = heard.lock().unwrap_or_else(PoisonError::into_inner);
    heard.disconnected || acked.iter().all(|n| heard.seen.contains(n))
}

impl Outcome {
    /// The `percent` percentile of the latencies of messages sent in `phase` (nearest
    /// rank); zero when none were.
    pub fn percentile(&self, phase: Phase, percent: f64) -> Duration {
        let mut latencies = self.latencies[phase as usize].clone();
        if latencies.is_empty() {
            return Duration::ZERO;
        }
        latencies.sort();
        let rank = (percent / 100.0 * latencies.len() as f64).ceil() as usize;
        latencies[rank.clamp(1, latencies.len()) - 1]
    }

    /// How many messages sent in `phase` arrived.
    pub fn received_in(&self, phase: Phase) -> usize {
        self.latencies[phase as usize].len()
    }
}

/// Posts `ping <n> <phase> <microseconds since origin>` every [`PING_EVERY`] until told
/// to stop; a send that takes longer delays the next.
async fn post(
    target: Target,
    origin: Instant,
    phase: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> Posted {
    let client = client();
    let path = format!("/channels/{}/messages", target.channel);
    let mut posted = Posted {
        acked: Vec::new(),
        failed: 0,
    };
    let mut tick = tokio::time::interval(PING_EVERY);
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    for n in 0.. {
        tick.tick().await;
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let stamp = origin.elapsed().as_micros();
        let content = format!("ping {n} {} {stamp}", phase.load(Ordering::Relaxed));
        let body = Some(json!({ "content": content }));
        let user = Some(&target.user);
        match try_call(&client, &target.base, user, Method::POST, &path, body).await {
            Ok((201, _)) => posted.acked.push(n),
            _ => posted.failed += 1,
        }
    }
    posted
}

/// Reads the gateway until told to stop or the server closes the connection, noting
/// every ping received.
async fn listen(
    mut gw: Gw,
    origin: Instant,
    heartbeat: Duration,
    heard: Arc<Mutex<Heard>>,
    stop: Arc<AtomicBool>,
) {
    const WAIT: Duration = Duration::from_millis(100);
    let mut next_beat = Instant::now() + heartbeat / 2;
    while !stop.load(Ordering::Relaxed) {
        let asked = Instant::now();
        match gw.frame_within(WAIT).await {
            Some(frame) if frame["t"] == "MESSAGE_CREATE" => {
                let content = frame["d"]["content"].as_str().unwrap_or_default();
                if let Some((n, phase, stamp)) = parse_ping(content) {
                    let latency = origin.elapsed().saturating_sub(stamp);
                    let mut heard = heard.lock().unwrap();
                    heard.seen.insert(n);
                    heard.latencies[phase].push(latency);
                }
            }
            Some(_) => {}
            // Nothing in time is quiet; nothing sooner is the end of the connection.
            None if asked.elapsed() < WAIT => {
                heard.lock().unwrap().disconnected = true;
                return;
            }
            None => {}
        }
        if Instant::now() >= next_beat {
            gw.send_text(json!({"op": 1, "d": gw.seq}).to_string())
                .await;
            next_beat = Instant::now() + heartbeat / 2;
        }
    }
}

/// The number, phase and send time of a ping's content.
fn parse_ping(content: &str) -> Option<(u64, usize, Duration)> {
    let mut words = content.strip_prefix("ping ")?.split(' ');
    let n = words.next()?.parse().ok()?;
    let phase = words.next()?.parse().ok().filter(|p| *p < PHASES)?;
    let stamp = words.next()?.parse().ok()?;
    Some((n, phase, Duration::from_micros(stamp)))
}
