//! The storage contract run against the embedded store, in memory and on disk, and what
//! only a file can show: data surviving a reopen, and one process per file.

use std::sync::Arc;

use concord_domain::channel::Channel;
use concord_embedded_store::{EmbeddedStore, OpenError};
use concord_ports::store::{
    ChannelStore, GuildStore, HistoryPage, MessageStore, Store, StoreError, UserStore,
};
use concord_tests::store_contract::StoreFixture;
use concord_tests::store_contract::fixtures::{guild_bundle, message, new_user, user_named};
use tempfile::TempDir;

/// A store kept in memory.
fn memory_store() -> Arc<dyn Store> {
    Arc::new(EmbeddedStore::in_memory().expect("in-memory store"))
}

/// A store on a file in its own temporary folder, which goes away after the case.
struct DiskStore {
    store: Arc<dyn Store>,
    _folder: TempDir,
}

impl StoreFixture for DiskStore {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }
}

/// A store on a fresh file.
fn disk_store() -> DiskStore {
    let folder = TempDir::new().expect("temporary folder");
    let store = EmbeddedStore::open(&folder.path().join("concord.redb")).expect("file store");
    DiskStore {
        store: Arc::new(store),
        _folder: folder,
    }
}

mod in_memory {
    concord_tests::store_contract_tests!(super::memory_store());
}

mod on_disk {
    concord_tests::store_contract_tests!(super::disk_store());
}

#[tokio::test]
async fn data_survives_closing_and_reopening_the_file() {
    let folder = TempDir::new().expect("temporary folder");
    let path = folder.path().join("data").join("concord.redb");
    let user = new_user();
    let bundle = guild_bundle(user.id);
    let hello = message(bundle.general.id, user.id, "still here?");

    {
        let store = EmbeddedStore::open(&path).expect("first open");
        store.create_user(&user, "hash").await.expect("user");
        store.create_guild(&bundle).await.expect("guild");
        store.create_message(&hello).await.expect("message");
    }

    let store = EmbeddedStore::open(&path).expect("reopen");
    assert_eq!(store.user(user.id).await.expect("user"), Some(user.clone()));
    let guilds = store.guilds_of_user(user.id).await.expect("guilds");
    assert_eq!(guilds, vec![bundle.guild.clone()]);
    let history = store
        .messages(bundle.general.id, HistoryPage::Latest, 10)
        .await;
    assert_eq!(history.expect("history"), vec![hello.clone()]);
    let general = store.channel(bundle.general.id).await.expect("channel");
    let expected = Channel {
        last_message_id: Some(hello.id),
        ..bundle.general
    };
    assert_eq!(general, Some(expected));
}

/// Concurrent writes share flushes to disk; each still succeeds or fails on its own, and
/// every one that was acknowledged is in the file after it is closed and reopened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_fail_alone_and_every_acknowledged_one_is_kept() {
    let folder = TempDir::new().expect("temporary folder");
    let path = folder.path().join("concord.redb");
    let store = Arc::new(EmbeddedStore::open(&path).expect("open"));
    let taken = new_user();
    store.create_user(&taken, "hash").await.expect("first user");

    // Every fourth writer tries the taken username, so batches mix successes and conflicts.
    let writers = (0..64).map(|n| {
        let store = Arc::clone(&store);
        let user = match n % 4 {
            0 => user_named(taken.username.as_str()),
            _ => new_user(),
        };
        tokio::spawn(async move {
            let result = store.create_user(&user, "hash").await;
            (user, result)
        })
    });
    let mut kept = Vec::new();
    for writer in writers {
        let (user, result) = writer.await.expect("writer task");
        match result {
            Ok(()) => kept.push(user),
            Err(StoreError::Conflict(_)) => assert_eq!(user.username, taken.username),
            Err(other) => panic!("unexpected failure: {other}"),
        }
    }
    assert_eq!(
        kept.len(),
        48,
        "every writer with a free username succeeded"
    );

    drop(store);
    let store = EmbeddedStore::open(&path).expect("reopen at once: the writer has closed it");
    for user in &kept {
        assert_eq!(store.user(user.id).await.expect("read"), Some(user.clone()));
    }
}

#[test]
fn a_file_held_by_another_store_is_refused_as_in_use() {
    let folder = TempDir::new().expect("temporary folder");
    let path = folder.path().join("concord.redb");
    let holder = EmbeddedStore::open(&path).expect("first open");

    let refused = EmbeddedStore::open(&path).expect_err("second open must fail");
    assert!(matches!(refused, OpenError::InUse { .. }), "{refused:?}");
    assert!(
        refused
            .to_string()
            .contains("in use by another Concord process"),
        "{refused}"
    );

    drop(holder);
    EmbeddedStore::open(&path).expect("open after the holder closed");
}
