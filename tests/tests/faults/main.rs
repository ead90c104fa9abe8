//! Crashes, and what survives them: the `concord` process killed with SIGKILL while
//! clients post messages as fast as they can, on the embedded store and on MongoDB, and
//! the database killed under a running server. And hostile load, and what it costs: a
//! running server flooded with connections, slow clients and oversized frames, its
//! memory and a bystander's latency measured.
//!
//! The promise under test: a message acknowledged with 201 is in the history afterwards
//! exactly once, with its content, in order. A send that got no answer may or may not
//! have been stored, and retrying it with its nonce returns the stored message rather
//! than a second one.
//!
//! The tests run the built `concord` binary (`cargo build --workspace --bins` first, as
//! tests/run.sh does), the MongoDB-compatible server at `CONCORD_TEST_MONGODB_URI`, and
//! private SecantusDB servers from target/pyenv (`tests/services/secantusdb.sh install`).
//!
//! Each test runs a bounded number of cycles, a few minutes in all for the test command;
//! `CONCORD_FAULT_SCALE=N` multiplies them for a longer run (see `tests/faults.sh`).
//!
//! The tests run on two worker threads, so that the senders are in the middle of their
//! requests, not waiting for the test's task, when the kill comes.
//!
//! Modules: `ledger` holds what was acknowledged and checks histories against it,
//! `traffic` is the clients' side, `secantus` a database the test may kill;
//! `concord_crash` and `database_crash` are the crash tests, `floods` the hostile load
//! (with the gateway client of the gateway tests).

#![allow(clippy::unwrap_used, dead_code, reason = "test harness")]

#[path = "../gateway/client.rs"]
mod client;
#[path = "../cluster/fixture.rs"]
mod fixture;
#[path = "../api/support.rs"]
mod support;

mod concord_crash;
mod database_crash;
mod floods;
mod ledger;
mod secantus;
mod traffic;

/// `cycles` times the scale set in `CONCORD_FAULT_SCALE` (1 when unset or unreadable).
pub fn scaled(cycles: usize) -> usize {
    let scale = std::env::var("CONCORD_FAULT_SCALE").ok();
    cycles
        * scale
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
}
