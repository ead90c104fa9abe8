//! The clients' side: a channel to post in, senders that post to it as fast as they
//! can, retries of sends that got no answer, and reading the whole history back.
//!
//! A sender posts one message at a time and stops at the first send that does not come
//! back 201, or when its round is stopped: from then on the server or its database is
//! down, and what it was sending is in doubt until the test retries it, which only a
//! send with a nonce may be.

use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Client, Method};
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use crate::fixture::{User, call, register, try_call};
use crate::ledger::{Attempt, Ledger, Stored};

/// The smallest id there is: `after` it, history starts at the first message.
const BEFORE_EVERYTHING: &str = "00000000000000000000000000";

/// The longest one request may take; a server that holds a send longer is stuck.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// A channel on a server, and the user who posts in it.
#[derive(Clone)]
pub struct Target {
    /// The server, `http://127.0.0.1:<port>`.
    pub base: String,
    /// The poster, owner of the channel's guild.
    pub user: User,
    /// The guild's id.
    pub guild: String,
    /// The channel's id.
    pub channel: String,
}

impl Target {
    /// Registers `name` on the server at `base` and gives them a guild, whose first text
    /// channel is the target.
    pub async fn create(base: &str, name: &str) -> Target {
        let user = register(base, name).await;
        let body = json!({"name": format!("{name}'s guild")});
        let (status, guild) = call(base, Some(&user), Method::POST, "/guilds", Some(body)).await;
        assert_eq!(status, 201, "{guild}");

        let path = format!("/guilds/{}/channels", guild["id"].as_str().unwrap());
        let (status, channels) = call(base, Some(&user), Method::GET, &path, None).await;
        assert_eq!(status, 200, "{channels}");
        let channel = channels
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["type"] == "text")
            .expect("a new guild has a text channel");
        Target {
            base: base.to_owned(),
            user,
            guild: guild["id"].as_str().unwrap().to_owned(),
            channel: channel["id"].as_str().unwrap().to_owned(),
        }
    }

    /// Has `user` join the target's guild through an invite of the poster's.
    pub async fn join(&self, user: &User) {
        let path = format!("/guilds/{}/invites", self.guild);
        let body = Some(json!({}));
        let (status, invite) = call(&self.base, Some(&self.user), Method::POST, &path, body).await;
        assert_eq!(status, 201, "{invite}");
        let path = format!("/invites/{}", invite["code"].as_str().unwrap());
        let (status, joined) = call(&self.base, Some(user), Method::POST, &path, None).await;
        assert_eq!(status, 200, "{joined}");
    }
}

/// How one send ended.
#[derive(Debug)]
pub enum Outcome {
    /// 201: the message as stored.
    Stored(Stored),
    /// Any other status, with the body that came with it.
    Refused(u16, Value),
    /// No answer: the connection was refused, reset or timed out.
    NoAnswer(String),
}

/// A client for one sender, with a bound on every request.
pub fn client() -> Client {
    Client::builder().timeout(REQUEST_TIMEOUT).build().unwrap()
}

/// Posts `attempt` to `target`.
pub async fn post(client: &Client, target: &Target, attempt: Attempt) -> Outcome {
    let path = format!("/channels/{}/messages", target.channel);
    let mut body = json!({"content": attempt.content()});
    if let Some(nonce) = attempt.nonce() {
        body["nonce"] = json!(nonce);
    }
    let answer = try_call(
        client,
        &target.base,
        Some(&target.user),
        Method::POST,
        &path,
        Some(body),
    )
    .await;
    match answer {
        Ok((201, message)) => Outcome::Stored(stored(&message)),
        Ok((status, body)) => Outcome::Refused(status, body),
        Err(error) => Outcome::NoAnswer(error.to_string()),
    }
}

/// A message of the API as the ledger sees it.
fn stored(message: &Value) -> Stored {
    Stored {
        id: message["id"].as_str().unwrap().to_owned(),
        nonce: message["nonce"].as_str().map(str::to_owned),
        content: message["content"].as_str().unwrap().to_owned(),
    }
}

/// The senders of one round, posting until each has had a send fail or it is stopped.
pub struct Round {
    senders: Vec<JoinHandle<SenderRun>>,
    stop: Arc<AtomicBool>,
}

/// What one sender did in a round.
struct SenderRun {
    sender: usize,
    acked: Vec<(Attempt, Stored)>,
    failed: Option<(Attempt, Outcome)>,
}

impl Round {
    /// Starts every sender of `ledger` on `target`, each from its next attempt; they
    /// stop at their first failed send, when told to, or after `limit`.
    pub fn start(target: &Target, ledger: &Ledger, limit: Duration) -> Round {
        let deadline = Instant::now() + limit;
        let stop = Arc::new(AtomicBool::new(false));
        let senders = (0..ledger.senders())
            .map(|sender| {
                let (target, stop) = (target.clone(), stop.clone());
                let first = ledger.next_of(sender);
                tokio::spawn(send_until_failure(target, first, deadline, stop))
            })
            .collect();
        Round { senders, stop }
    }

    /// Tells the senders to stop after their current send.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Waits for every sender to stop, records what was acknowledged in `ledger`, and
    /// returns the failed sends, in sender order.
    pub async fn finish(self, ledger: &mut Ledger) -> Vec<(Attempt, Outcome)> {
        let mut failed = Vec::new();
        for sender in self.senders {
            let run = sender.await.unwrap();
            let mut next = None;
            for (attempt, stored) in &run.acked {
                ledger.record(*attempt, stored);
                next = Some(attempt.seq + 1);
            }
            if let Some((attempt, outcome)) = run.failed {
                next = Some(attempt.seq + 1);
                failed.push((attempt, outcome));
            }
            if let Some(next) = next {
                ledger.advance(run.sender, next);
            }
        }
        failed
    }
}

/// One sender's loop: post the next attempt as soon as the last one was stored.
async fn send_until_failure(
    target: Target,
    first: Attempt,
    deadline: Instant,
    stop: Arc<AtomicBool>,
) -> SenderRun {
    let client = client();
    let mut run = SenderRun {
        sender: first.sender,
        acked: Vec::new(),
        failed: None,
    };
    let mut attempt = first;
    while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
        match post(&client, &target, attempt).await {
            Outcome::Stored(stored) => run.acked.push((attempt, stored)),
            failure => {
                run.failed = Some((attempt, failure));
                break;
            }
        }
        attempt.seq += 1;
    }
    run
}

/// Settles the attempts of `in_doubt` once the server is back: those with a nonce are
/// sent again, in each sender's order, and must be acknowledged, as the message
/// `history` holds if it holds one; those without are abandoned. Returns how many were
/// sent again.
pub async fn retry(
    target: &Target,
    ledger: &mut Ledger,
    in_doubt: &[Attempt],
    history: &[Stored],
) -> usize {
    let client = client();
    let mut in_doubt = in_doubt.to_vec();
    in_doubt.sort();
    let mut resent = 0;
    for attempt in in_doubt {
        if attempt.nonce().is_none() {
            ledger.abandon(attempt);
            continue;
        }
        let stored = match post(&client, target, attempt).await {
            Outcome::Stored(stored) => stored,
            failure => panic!("the retry of {attempt:?} failed: {failure:?}"),
        };
        if let Some(earlier) = history.iter().find(|m| m.content == attempt.content()) {
            assert_eq!(
                stored, *earlier,
                "a retry of {attempt:?} stored a second message"
            );
        }
        ledger.record(attempt, &stored);
        resent += 1;
    }
    resent
}

/// The whole history of `target`'s channel, oldest first, read forwards with `after`.
pub async fn read_history(target: &Target) -> Vec<Stored> {
    let client = client();
    let mut history: Vec<Stored> = Vec::new();
    loop {
        let after = history.last().map_or(BEFORE_EVERYTHING, |m| m.id.as_str());
        let path = format!(
            "/channels/{}/messages?after={after}&limit=100",
            target.channel
        );
        let (status, page) = try_call(
            &client,
            &target.base,
            Some(&target.user),
            Method::GET,
            &path,
            None,
        )
        .await
        .unwrap();
        assert_eq!(status, 200, "{page}");

        // A page holds the oldest messages after `after`, newest first.
        let page = page.as_array().unwrap();
        if page.is_empty() {
            return history;
        }
        history.extend(page.iter().rev().map(stored));
    }
}

/// A random whole number of milliseconds in `low..high`.
pub fn random_millis(low: u64, high: u64) -> Duration {
    let random = RandomState::new().hash_one(Instant::now());
    Duration::from_millis(low + random % (high - low))
}

/// The server's `concord_messages_created_total`: the messages it stored as new since it
/// started, which are the ones it published to the channel's gateway clients.
pub async fn messages_created(base: &str) -> usize {
    metric(base, "concord_messages_created_total").await as usize
}

/// The value of the unlabelled metric `name` that the server at `base` exports.
pub async fn metric(base: &str, name: &str) -> f64 {
    let text = client()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("{name} is not exported"))
        .trim()
        .parse()
        .unwrap()
}
