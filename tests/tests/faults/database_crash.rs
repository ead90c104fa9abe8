//! The database killed with SIGKILL under a running Concord, then started again on the
//! same folder and port.
//!
//! While it is down, sends must fail as 503 `unavailable` problems (never a 500, never a
//! dropped connection) and /readyz must report the store down. Once it is back, the
//! same Concord process is ready again without a restart, every acknowledged message is
//! in the history, and the sends that failed, retried with their nonces, are stored
//! once.

use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::Value;

use crate::fixture::{Replica, Setup, Storage, free_port};
use crate::ledger::{Attempt, Ledger};
use crate::secantus::Secantus;
use crate::traffic::{Outcome, Round, Target, client, post, random_millis, read_history, retry};

/// Senders posting at once.
const SENDERS: usize = 3;

/// Times the database is killed.
const CYCLES: usize = 2;

/// The longest a round of sending may last; the kill comes well before.
const ROUND_LIMIT: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_killed_database_costs_no_acknowledged_message() {
    let started = Instant::now();
    let mut db = Secantus::start().await;
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        storage: Storage::MongoDb(db.uri("faults")),
        redis: None,
        port: free_port(),
        data_dir: dir.path().to_owned(),
    };
    let mut server = Replica::launch(&setup).await;
    let target = Target::create(&server.base, "dbcrashtest").await;
    let mut ledger = Ledger::new(SENDERS);
    let mut refused = 0;

    for cycle in 1..=CYCLES {
        let acked_before = ledger.acknowledged();
        let round = Round::start(&target, &ledger, ROUND_LIMIT);
        let delay = random_millis(300, 900);
        tokio::time::sleep(delay).await;
        db.kill();
        let mut in_doubt = unavailable(round.finish(&mut ledger).await);

        // While it is down: a fresh send, and the readiness check beside it.
        let probe = ledger.take_next(0);
        let prober = client();
        let (outcome, (status, readiness)) =
            tokio::join!(post(&prober, &target, probe), readyz(&target.base));
        in_doubt.extend(unavailable(vec![(probe, outcome)]));
        assert_eq!(status, 503, "{readiness}");
        assert_eq!(readiness["store"], false, "{readiness}");
        assert!(server.is_running(), "concord died:\n{}", server.log_tail());

        db.restart().await;
        server.wait_ready(Duration::from_secs(30)).await;
        let history = read_history(&target).await;
        ledger.check(&history, &in_doubt);
        let stored = retry(&target, &mut ledger, &in_doubt, &history).await;
        let audit = ledger.check(&read_history(&target).await, &[]);

        println!(
            "cycle {cycle}: database killed after {} ms; {} acknowledged, {} refused with \
             503 ({stored} of them stored all the same); history {} messages, {} lost, {} \
             duplicated",
            delay.as_millis(),
            ledger.acknowledged() - acked_before - in_doubt.len(),
            in_doubt.len(),
            audit.messages,
            audit.lost,
            audit.duplicated
        );
        refused += in_doubt.len();
    }

    println!(
        "{CYCLES} database kills in {:.1} s: {} messages acknowledged (retries included), \
         0 lost, 0 duplicated; {refused} sends refused with 503 unavailable, none with 500",
        started.elapsed().as_secs_f64(),
        ledger.acknowledged()
    );
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
