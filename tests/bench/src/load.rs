//! Senders: each posts benchmark messages through the REST API at a fixed rate for a
//! while (an open model: the schedule does not wait for answers).
//!
//! One sender's rate would otherwise be bounded by the REST round trip, so each keeps up
//! to [`IN_FLIGHT`] requests going at once. The send time in a message is taken just
//! before its request starts, not when it was scheduled.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::{Instant, MissedTickBehavior, interval};

use crate::api::Api;
use crate::clock::now_micros;

/// Requests one sender may have in flight.
const IN_FLIGHT: usize = 64;

/// A user posting into one guild's channel.
#[derive(Debug, Clone)]
pub struct Sender {
    /// The sender's access token.
    pub token: String,
    /// The channel posted to.
    pub channel: String,
    /// Index of the guild, for counting deliveries.
    pub guild: usize,
}

/// What the senders of one window managed.
#[derive(Debug)]
pub struct Sent {
    /// Messages accepted by the server, per guild.
    pub per_guild: Vec<u64>,
    /// Requests that failed or were refused.
    pub failed: u64,
    /// How long each accepted request took, in microseconds.
    pub latencies: Vec<u32>,
    /// From the first request to the last answer.
    pub elapsed: Duration,
}

/// Every sender posts `rate` messages a second for `duration`, tagged with `window`.
pub async fn send(
    api: &Arc<Api>,
    senders: &[Sender],
    guilds: usize,
    rate: f64,
    duration: Duration,
    window: u32,
) -> Sent {
    let start = Instant::now();
    let tasks: Vec<_> = senders
        .iter()
        .enumerate()
        .map(|(i, sender)| {
            let (api, sender) = (api.clone(), sender.clone());
            tokio::spawn(one_sender(api, sender, i, rate, duration, window))
        })
        .collect();

    let mut sent = Sent {
        per_guild: vec![0; guilds],
        failed: 0,
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
    };
    for (task, sender) in tasks.into_iter().zip(senders) {
        let (latencies, failed) = task.await.unwrap_or_default();
        sent.per_guild[sender.guild] += latencies.len() as u64;
        sent.latencies.extend(latencies);
        sent.failed += failed;
    }
    sent.elapsed = start.elapsed();
    sent
}

/// One sender's schedule; returns the durations of the accepted requests and the number
/// of failed ones.
async fn one_sender(
    api: Arc<Api>,
    sender: Sender,
    index: usize,
    rate: f64,
    duration: Duration,
    window: u32,
) -> (Vec<u32>, u64) {
    let count = (rate * duration.as_secs_f64()).round() as usize;
    let mut ticks = interval(Duration::from_secs_f64(1.0 / rate));
    // Catch up after a stall, so the count of messages holds.
    ticks.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let sender = Arc::new(sender);

    let mut requests = Vec::with_capacity(count);
    for n in 0..count {
        ticks.tick().await;
        let Ok(permit) = permits.clone().acquire_owned().await else {
            break;
        };
        let (api, sender) = (api.clone(), sender.clone());
        // Spread a sender's requests over the servers, starting at its own index.
        let server = index + n;
        requests.push(tokio::spawn(async move {
            let start = now_micros();
            let content = format!("bench {window} {start}");
            let ok = api
                .send(server, &sender.token, &sender.channel, &content)
                .await;
            drop(permit);
            ok.then(|| u32::try_from(now_micros() - start).unwrap_or(u32::MAX))
        }));
    }

    let (mut accepted, mut failed) = (Vec::with_capacity(count), 0);
    for request in requests {
        match request.await.ok().flatten() {
            Some(micros) => accepted.push(micros),
            None => failed += 1,
        }
    }
    (accepted, failed)
}
