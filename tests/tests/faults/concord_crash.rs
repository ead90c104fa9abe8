//! Concord killed with SIGKILL while senders post as fast as they can, then started
//! again on the same data folder (or database) and port, over and over.
//!
//! After every restart the whole history must hold every acknowledged message; the
//! sends the kill cut off are then retried with their nonces, which must return the
//! message if it was stored, and the history must then hold exactly what was
//! acknowledged, besides the cut-off sends without a nonce, each there once or not.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::fixture::{Replica, Setup, Storage, free_port, mongodb_uri};
use crate::ledger::{Attempt, Audit, Ledger};
use crate::traffic::{Outcome, Round, Target, random_millis, read_history, retry};

/// Senders posting at once.
const SENDERS: usize = 4;

/// The longest a round of sending may last; the kill comes well before.
const ROUND_LIMIT: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_store_keeps_every_acknowledged_message_through_kills() {
    let dir = tempfile::tempdir().unwrap();
    crash_cycles(Storage::Embedded, dir.path(), crate::scaled(8)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mongodb_store_keeps_every_acknowledged_message_through_kills() {
    let dir = tempfile::tempdir().unwrap();
    crash_cycles(
        Storage::MongoDb(mongodb_uri()),
        dir.path(),
        crate::scaled(4),
    )
    .await;
}

/// Runs `cycles` rounds of send, kill, restart and check on `storage`.
async fn crash_cycles(storage: Storage, data_dir: &Path, cycles: usize) {
    let started = Instant::now();
    let setup = Setup {
        storage,
        redis: None,
        port: free_port(),
        data_dir: data_dir.to_owned(),
    };
    let mut server = Replica::launch(&setup).await;
    let target = Target::create(&server.base, "crashtest").await;
    let mut ledger = Ledger::new(SENDERS);
    let (mut cut_off, mut cut_off_stored, mut cut_off_resent) = (0, 0, 0);
    let mut audit = Audit::default();

    for cycle in 1..=cycles {
        let acked_before = ledger.acknowledged();
        let round = Round::start(&target, &ledger, ROUND_LIMIT);
        let delay = random_millis(100, 700);
        tokio::time::sleep(delay).await;
        server.kill();
        let in_doubt = unanswered(round.finish(&mut ledger).await);
        let acked = ledger.acknowledged() - acked_before;

        server = Replica::launch(&setup).await;
        let history = read_history(&target).await;
        ledger.check(&history, &in_doubt);
        let stored = in_doubt.iter().filter(|a| a.is_in(&history)).count();
        let resent = retry(&target, &mut ledger, &in_doubt, &history).await;
        audit = ledger.check(&read_history(&target).await, &[]);

        println!(
            "cycle {cycle}: killed after {} ms; {acked} acknowledged, {} cut off ({stored} of \
             them stored, {resent} sent again with their nonce); history {} messages, {} \
             lost, {} duplicated",
            delay.as_millis(),
            in_doubt.len(),
            audit.messages,
            audit.lost,
            audit.duplicated
        );
        cut_off += in_doubt.len();
        cut_off_stored += stored;
        cut_off_resent += resent;
    }

    println!(
        "{cycles} kills in {:.1} s: {} messages acknowledged (retries included), {} lost, \
         {} duplicated; {cut_off} sends cut off, {cut_off_stored} of them stored before the \
         kill; {cut_off_resent} sent again with their nonce, each stored once",
        started.elapsed().as_secs_f64(),
        ledger.acknowledged(),
        audit.lost,
        audit.duplicated
    );
}

/// The attempts of sends the kill cut off, which must have had no answer at all: a
/// server that answers is not dead, and one that answers an error failed before dying.
fn unanswered(failed: Vec<(Attempt, Outcome)>) -> Vec<Attempt> {
    failed
        .into_iter()
        .map(|(attempt, outcome)| match outcome {
            Outcome::NoAnswer(_) => attempt,
            other => panic!("{attempt:?} was answered while the server died: {other:?}"),
        })
        .collect()
}
