//! The database killed with SIGKILL under a running Concord, then started again on the
//! same folder and port: after an outage of several seconds, or at once.
//!
//! While it is down, sends must fail as 503 `unavailable` problems (never a 500, never a
//! dropped connection) and /readyz must report the store down. Once it is back, the
//! same Concord process is ready again without a restart, every acknowledged message is
//! in the history, and the sends that failed, retried with their nonces, are stored
//! once. A database that is back at once also receives the driver's own retries of
//! writes whose answers the kill cut off: Concord must take its message, stored by the
//! lost attempt, for new, not for an error and not for a client's retry, which it would
//! not publish. Concord is never restarted here, so its count of messages created must
//! match the history.

use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::Value;
use tempfile::TempDir;

use crate::fixture::{Replica, Setup, Storage, free_port};
use crate::ledger::{Attempt, Audit, Ledger};
use crate::secantus::Secantus;
use crate::traffic::{
    Outcome, Round, Target, client, messages_created, post, random_millis, read_history, retry,
};

/// Senders posting at once.
const SENDERS: usize = 4;

/// The longest a round of sending may last; the kill comes well before.
const ROUND_LIMIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_down_for_seconds_costs_503s_and_no_acknowledged_message() {
    let started = Instant::now();
    let mut bench = Bench::start("downtest").await;
    for cycle in 1..=crate::scaled(2) {
        let acked_before = bench.ledger.acknowledged();
        let round = Round::start(&bench.target, &bench.ledger, ROUND_LIMIT);
        let delay = random_millis(300, 900);
        tokio::time::sleep(delay).await;
        bench.db.kill();
        let mut in_doubt = unavailable(round.finish(&mut bench.ledger).await);
        let acked = bench.ledger.acknowledged() - acked_before;

        // While it is down: a fresh send, and the readiness check beside it.
        let probe = bench.ledger.take_next(0);
        let prober = client();
        let (outcome, (status, readiness)) = tokio::join!(
            post(&prober, &bench.target, probe),
            readyz(&bench.target.base)
        );
        in_doubt.extend(unavailable(vec![(probe, outcome)]));
        assert_eq!(status, 503, "{readiness}");
        assert_eq!(readiness["store"], false, "{readiness}");
        bench.assert_running();

        bench.db.restart().await;
        let (stored, audit) = bench.settle(&in_doubt).await;
        println!(
            "cycle {cycle}: database killed after {} ms; {} acknowledged, {} refused with \
             503 ({stored} of them stored all the same); history {} messages, {} lost, {} \
             duplicated",
            delay.as_millis(),
            acked,
            in_doubt.len(),
            audit.messages,
            audit.lost,
            audit.duplicated
        );
    }
    bench.finish(started).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_back_at_once_costs_no_acknowledged_message_and_no_500() {
    let started = Instant::now();
    let mut bench = Bench::start("blinktest").await;
    for cycle in 1..=crate::scaled(3) {
        let acked_before = bench.ledger.acknowledged();
        let round = Round::start(&bench.target, &bench.ledger, ROUND_LIMIT);
        let delay = random_millis(300, 900);
        tokio::time::sleep(delay).await;
        bench.db.kill();
        bench.db.restart().await;
        bench.server.wait_ready(Duration::from_secs(30)).await;
        // A little sending on the database as it is back.
        tokio::time::sleep(Duration::from_millis(500)).await;
        round.stop();
        let in_doubt = unavailable(round.finish(&mut bench.ledger).await);
        let acked = bench.ledger.acknowledged() - acked_before;
        bench.assert_running();

        let (stored, audit) = bench.settle(&in_doubt).await;
        println!(
            "cycle {cycle}: database killed after {} ms and started again at once; {} \
             acknowledged, {} refused with 503 ({stored} of them stored all the same); \
             history {} messages, {} lost, {} duplicated",
            delay.as_millis(),
            acked,
            in_doubt.len(),
            audit.messages,
            audit.lost,
            audit.duplicated
        );
    }
    bench.finish(started).await;
}

/// A Concord on a private SecantusDB, a channel on it, and the ledger of its senders.
struct Bench {
    db: Secantus,
    server: Replica,
    target: Target,
    ledger: Ledger,
    /// Sends refused with 503 whose message was stored all the same.
    stored_in_doubt: usize,
    /// Sends refused with 503, in all.
    refused: usize,
    _dir: TempDir,
}

impl Bench {
    /// Starts the database and Concord on it, and registers `name` with a channel.
    async fn start(name: &str) -> Bench {
        let db = Secantus::start().await;
        let dir = tempfile::tempdir().unwrap();
        let setup = Setup {
            storage: Storage::MongoDb(db.uri("faults")),
            redis: None,
            port: free_port(),
            data_dir: dir.path().to_owned(),
        };
        let server = Replica::launch(&setup).await;
        let target = Target::create(&server.base, name).await;
        Bench {
            db,
            server,
            target,
            ledger: Ledger::new(SENDERS),
            stored_in_doubt: 0,
            refused: 0,
            _dir: dir,
        }
    }

    /// Fails unless the Concord process still runs.
    fn assert_running(&mut self) {
        let log = self.server.log_tail();
        assert!(self.server.is_running(), "concord died:\n{log}");
    }

    /// Once the database is back: checks the history, retries the sends in doubt and
    /// checks again. Returns how many of them had been stored, and the last audit.
    async fn settle(&mut self, in_doubt: &[Attempt]) -> (usize, Audit) {
        self.server.wait_ready(Duration::from_secs(30)).await;
        let history = read_history(&self.target).await;
        self.ledger.check(&history, in_doubt);
        let stored = in_doubt.iter().filter(|a| a.is_in(&history)).count();
        self.stored_in_doubt += stored;
        self.refused += in_doubt.len();

        retry(&self.target, &mut self.ledger, in_doubt, &history).await;
        let audit = self.ledger.check(&read_history(&self.target).await, &[]);
        (stored, audit)
    }

    /// Checks that Concord created (and so published) every message of the history
    /// except those stored by sends it answered 503, and prints the totals.
    async fn finish(self, started: Instant) {
        let history = read_history(&self.target).await;
        let audit = self.ledger.check(&history, &[]);
        let created = messages_created(&self.target.base).await;
        assert_eq!(
            created,
            history.len() - self.stored_in_doubt,
            "messages created by concord, of {} in the history, {} stored by refused sends",
            history.len(),
            self.stored_in_doubt
        );
        println!(
            "{:.1} s: {} messages acknowledged (retries included), {} lost, {} duplicated; \
             {} sends refused with 503 unavailable, none with 500; {created} created as new",
            started.elapsed().as_secs_f64(),
            self.ledger.acknowledged(),
            audit.lost,
            audit.duplicated,
            self.refused
        );
    }
}

/// The attempts of sends that failed while the database was down, each of which must
/// have been answered with a 503 `unavailable` problem.
fn unavailable(failed: Vec<(Attempt, Outcome)>) -> Vec<Attempt> {
    failed
        .into_iter()
        .map(|(attempt, outcome)| match outcome {
            Outcome::Refused(503, problem) if problem["code"] == "unavailable" => attempt,
            other => panic!("{attempt:?} with the database down: {other:?}"),
        })
        .collect()
}

/// The status and body of `/readyz`.
async fn readyz(base: &str) -> (u16, Value) {
    let response = Client::new()
        .get(format!("{base}/readyz"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}
