//! The storage contract run against the MongoDB store, and what only a database server
//! can show: start-up against a missing server, a second start on the same data, two
//! replicas racing on one refresh token, the bulk import of messages, and (in
//! `indexes`) the indexes the issue names and the plans `explain` shows for them.
//!
//! The server comes from `CONCORD_TEST_MONGODB_URI`; every case gets a database of its
//! own, dropped afterwards. Start one with
//!
//! ```text
//! export CONCORD_TEST_MONGODB_URI=$(tests/services/secantusdb.sh start)
//! ```
//!
//! which runs SecantusDB, a MongoDB-compatible server, on 127.0.0.1:27018 with its TTL
//! sweeper off: the contract's fixtures use fixed timestamps from 2025, which a sweeper
//! would treat as long expired and delete mid-case. Against a real `mongod` (6 or newer,
//! as a replica set) pass `--setParameter ttlMonitorEnabled=false` for the same reason.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use concord_domain::message::Message;
use concord_mongodb_store::{ConnectError, ConnectOptions, MongoStore};
use concord_ports::store::{HistoryPage, RotateOutcome, Store, StoreError, UserStore};
use concord_tests::store_contract::StoreFixture;
use concord_tests::store_contract::fixtures::{
    NOW, message, new_user, owned_guild, refresh_token, successor,
};

/// The variable naming the test server.
const URI_VARIABLE: &str = "CONCORD_TEST_MONGODB_URI";

/// The server's URI; fails the test with instructions when it is not set.
fn server_uri() -> String {
    match std::env::var(URI_VARIABLE) {
        Ok(uri) if !uri.trim().is_empty() => uri,
        _ => panic!(
            "{URI_VARIABLE} is not set. These tests need a MongoDB-compatible server: run \
             `export {URI_VARIABLE}=$(tests/services/secantusdb.sh start)` from the \
             repository root, then run the tests again"
        ),
    }
}

/// A database name no other case, run or process uses.
fn fresh_database() -> String {
    static CASES: AtomicU64 = AtomicU64::new(0);
    let case = CASES.fetch_add(1, Ordering::Relaxed);
    let random = RandomState::new().build_hasher().finish() & 0xffff_ffff;
    format!("concord_test_{case}_{}_{random:08x}", std::process::id())
}

/// Options for tests: a short wait, and the given database.
fn options(database: &str) -> ConnectOptions {
    ConnectOptions {
        wait: Duration::from_secs(10),
        server_selection_timeout: Duration::from_secs(2),
        database: Some(database.to_owned()),
    }
}

/// A store on a database of its own, dropped when the case ends.
struct MongoFixture {
    store: Arc<dyn Store>,
    database: mongodb::Database,
}

impl StoreFixture for MongoFixture {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }
}

impl Drop for MongoFixture {
    fn drop(&mut self) {
        let database = self.database.clone();
        // Drop runs inside the test's runtime, which may not block; a failed clean-up
        // only leaves a database behind, so it is not worth failing the case for.
        tokio::task::block_in_place(|| {
            let dropped = tokio::runtime::Handle::current().block_on(database.drop().into_future());
            if let Err(error) = dropped {
                eprintln!("could not drop test database {}: {error}", database.name());
            }
        });
    }
}

/// Connects a store to a fresh database.
async fn mongo_store() -> MongoFixture {
    let uri = server_uri();
    let name = fresh_database();
    let store = MongoStore::connect_with(&uri, options(&name))
        .await
        .unwrap_or_else(|error| panic!("connecting to {uri}: {error:?}"));
    let client = mongodb::Client::with_uri_str(&uri)
        .await
        .expect("a client for clean-up");
    MongoFixture {
        store: Arc::new(store),
        database: client.database(&name),
    }
}

#[path = "store_mongodb/indexes.rs"]
mod indexes;

mod contract {
    concord_tests::store_contract_tests!(super::mongo_store().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_to_a_missing_server_gives_up_with_a_clear_error() {
    // Nothing listens on port 1 of the loopback address.
    let options = ConnectOptions {
        wait: Duration::from_secs(1),
        server_selection_timeout: Duration::from_millis(200),
        database: None,
    };
    let started = Instant::now();
    let refused = MongoStore::connect_with("mongodb://127.0.0.1:1", options).await;

    let error = refused.expect_err("nothing listens there");
    assert!(
        matches!(error, ConnectError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("127.0.0.1:1"),
        "names the server: {error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the wait is bounded"
    );
}

#[tokio::test]
async fn a_malformed_uri_is_refused_before_any_attempt() {
    let refused = MongoStore::connect("postgres://127.0.0.1").await;
    assert!(matches!(refused, Err(ConnectError::Uri(_))), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_again_finds_the_indexes_and_the_data() {
    let fixture = mongo_store().await;
    let user = new_user();
    fixture
        .store()
        .create_user(&user, "hash")
        .await
        .expect("user");

    let name = fixture.database.name().to_owned();
    let again = MongoStore::connect_with(&server_uri(), options(&name))
        .await
        .expect("second start on the same database");
    assert_eq!(again.database_name(), name);
    assert_eq!(again.user(user.id).await.expect("user"), Some(user));
}

/// As on the embedded store: one racer rotates, the first loser sees a spent token
/// (`Reused`) and revokes the family, and later losers find it revoked (`Invalid`).
/// Afterwards neither the winner's successor nor the raced token rotates on either
/// replica.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_racing_on_one_token_rotate_it_once() {
    let fixture = mongo_store().await;
    let name = fixture.database.name().to_owned();
    let other = MongoStore::connect_with(&server_uri(), options(&name))
        .await
        .expect("second replica");
    let replicas: [Arc<dyn Store>; 2] = [fixture.store(), Arc::new(other)];

    let user = new_user();
    replicas[0].create_user(&user, "hash").await.expect("user");
    let token = refresh_token(user.id);
    replicas[0]
        .create_refresh_token(&token)
        .await
        .expect("token");

    let racers: Vec<_> = (0..8)
        .map(|n| {
            let (store, token) = (replicas[n % 2].clone(), token.clone());
            tokio::spawn(async move {
                let next = successor(&token);
                let outcome = store.rotate_refresh_token(&token.hash, &next, NOW).await;
                (next, outcome.expect("rotation"))
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut successors = Vec::new();
    for racer in racers {
        let (next, outcome) = racer.await.expect("racer finished");
        if outcome == (RotateOutcome::Rotated { user_id: user.id }) {
            successors.push(next);
        }
        outcomes.push(outcome);
    }
    let reused = outcomes
        .iter()
        .filter(|outcome| **outcome == RotateOutcome::Reused)
        .count();
    let invalid = outcomes
        .iter()
        .filter(|outcome| **outcome == RotateOutcome::Invalid)
        .count();
    assert_eq!(successors.len(), 1, "one rotation: {outcomes:?}");
    assert!(reused >= 1, "the first loser sees a reuse: {outcomes:?}");
    assert_eq!(1 + reused + invalid, outcomes.len(), "{outcomes:?}");

    let winner = &successors[0];
    for replica in &replicas {
        let after = replica
            .rotate_refresh_token(&winner.hash, &successor(winner), NOW)
            .await;
        assert_eq!(after.expect("successor"), RotateOutcome::Invalid);
        let again = replica
            .rotate_refresh_token(&token.hash, &successor(&token), NOW)
            .await;
        assert_eq!(again.expect("raced token"), RotateOutcome::Invalid);
    }
}

/// Bulk-imported messages read back through the port like created ones, and move the
/// channel's last message id; importing one again is a conflict.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_messages_read_back_like_created_ones() {
    let fixture = mongo_store().await;
    let store = fixture.store();
    let name = fixture.database.name().to_owned();
    let mongo = MongoStore::connect_with(&server_uri(), options(&name))
        .await
        .expect("second handle");
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;

    let sent: Vec<Message> = (0..120)
        .map(|n| message(channel, owner.id, &format!("imported {n}")))
        .collect();
    mongo.import_messages(&sent).await.expect("import");

    let page = store
        .messages(channel, HistoryPage::Latest, 50)
        .await
        .expect("history");
    let newest: Vec<Message> = sent[70..].iter().rev().cloned().collect();
    assert_eq!(page, newest);
    let stored = store.channel(channel).await.expect("channel");
    assert_eq!(stored.and_then(|c| c.last_message_id), Some(sent[119].id));

    let again = mongo.import_messages(&sent[..1]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
}
