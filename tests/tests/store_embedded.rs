//! The storage contract run against the embedded store, in memory and on disk, and what
//! only a file can show: data surviving a reopen, and one process per file.

use std::sync::Arc;

use concord_domain::channel::Channel;
use concord_embedded_store::{EmbeddedStore, OpenError};
use concord_ports::store::{ChannelStore, GuildStore, HistoryPage, MessageStore, Store, UserStore};
use concord_tests::store_contract::StoreFixture;
use concord_tests::store_contract::fixtures::{guild_bundle, message, new_user};
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
