//! The contract of `FileRecordStore`: a record's life from upload to use, the one
//! winner of a race to use a file, and the lists the sweep and channel deletion read.

use std::sync::Arc;

use concord_domain::file::{FileOwner, FilePurpose, FileRecord, FileState};
use concord_domain::id::{ChannelId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::Store;

use super::fixtures::{NOW, fresh_id};
use super::{assert_conflict, assert_not_found};

/// A record of a file `uploader` is uploading for `purpose`, started at `created_at`.
pub fn uploading(uploader: UserId, purpose: FilePurpose, created_at: Timestamp) -> FileRecord {
    FileRecord {
        id: fresh_id(),
        uploader_id: uploader,
        purpose,
        filename: "cat picture.png".into(),
        content_type: "application/octet-stream".into(),
        size: 0,
        state: FileState::Uploading,
        created_at,
    }
}

/// Stores an uploading record and completes it as a PNG of 1,234 bytes.
async fn ready(store: &dyn Store, uploader: UserId, purpose: FilePurpose) -> FileRecord {
    let record = uploading(uploader, purpose, NOW);
    store.insert_file(&record).await.expect("insert");
    store
        .complete_file(record.id, "image/png", 1_234)
        .await
        .expect("complete")
}

/// The owner of an attachment in `channel`.
fn in_message(channel_id: ChannelId) -> FileOwner {
    FileOwner::Message {
        channel_id,
        message_id: fresh_id(),
    }
}

/// A record goes from uploading to ready, keeps what it was given, and ids are unique.
pub async fn a_file_is_uploaded_then_completed(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let record = uploading(uploader, FilePurpose::Attachment, NOW);
    store.insert_file(&record).await.expect("insert");
    assert_eq!(
        store.file(record.id).await.expect("read"),
        Some(record.clone())
    );
    assert_conflict(store.insert_file(&record).await, "file");

    let completed = store
        .complete_file(record.id, "image/png", 5_000_000_000)
        .await
        .expect("complete");
    assert_eq!(completed.state, FileState::Ready);
    assert_eq!(completed.content_type, "image/png");
    assert_eq!(completed.size, 5_000_000_000);
    assert_eq!(completed.filename, record.filename);
    assert_eq!(store.file(record.id).await.expect("read"), Some(completed));

    // Only an upload in progress can be completed.
    assert_not_found(store.complete_file(record.id, "text/plain", 1).await);
    assert_not_found(store.complete_file(fresh_id(), "text/plain", 1).await);
    assert_eq!(store.file(fresh_id()).await.expect("read missing"), None);
}

/// Only the uploader can put a ready file to use, only for its purpose, and only once.
pub async fn a_file_is_attached_by_its_uploader_to_one_owner(store: Arc<dyn Store>) {
    let (uploader, stranger) = (fresh_id(), fresh_id());
    let file = ready(&*store, uploader, FilePurpose::Avatar).await;
    let owner = FileOwner::User { user_id: uploader };

    assert_not_found(
        store
            .attach_file(file.id, stranger, FilePurpose::Avatar, owner)
            .await,
    );
    assert_not_found(
        store
            .attach_file(file.id, uploader, FilePurpose::Attachment, owner)
            .await,
    );
    assert_not_found(
        store
            .attach_file(fresh_id(), uploader, FilePurpose::Avatar, owner)
            .await,
    );

    let attached = store
        .attach_file(file.id, uploader, FilePurpose::Avatar, owner)
        .await
        .expect("attach");
    assert_eq!(attached.owner(), Some(owner));
    let again = store
        .attach_file(file.id, uploader, FilePurpose::Avatar, owner)
        .await
        .expect("attaching to the same owner again");
    assert_eq!(again, attached);

    let elsewhere = FileOwner::Guild {
        guild_id: fresh_id(),
    };
    assert_conflict(
        store
            .attach_file(file.id, uploader, FilePurpose::Avatar, elsewhere)
            .await,
        "file",
    );
    assert_eq!(store.file(file.id).await.expect("read"), Some(attached));
}

/// A file still uploading cannot be used.
pub async fn an_unfinished_upload_cannot_be_attached(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let record = uploading(uploader, FilePurpose::Attachment, NOW);
    store.insert_file(&record).await.expect("insert");

    let owner = in_message(fresh_id());
    assert_not_found(
        store
            .attach_file(record.id, uploader, FilePurpose::Attachment, owner)
            .await,
    );
}

/// Of two owners racing for one file, exactly one gets it.
pub async fn racing_to_attach_one_file_has_one_winner(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let file = ready(&*store, uploader, FilePurpose::Attachment).await;
    let channel = fresh_id();

    let attempts = (0..8).map(|_| {
        let store = store.clone();
        let owner = in_message(channel);
        tokio::spawn(async move {
            store
                .attach_file(file.id, uploader, FilePurpose::Attachment, owner)
                .await
        })
    });
    let mut winners = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        match attempt.await.expect("task") {
            Ok(_) => winners += 1,
            other => assert_conflict(other, "file"),
        }
    }
    assert_eq!(winners, 1);
}

/// Detaching undoes an attach for that owner only; the file can then be used again.
pub async fn detaching_makes_a_file_ready_again(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let file = ready(&*store, uploader, FilePurpose::Attachment).await;
    let channel = fresh_id();
    let (owner, other) = (in_message(channel), in_message(channel));
    store
        .attach_file(file.id, uploader, FilePurpose::Attachment, owner)
        .await
        .expect("attach");

    store
        .detach_file(file.id, other)
        .await
        .expect("detach by another owner");
    let still = store.file(file.id).await.expect("read").expect("record");
    assert_eq!(still.owner(), Some(owner));
    assert_eq!(store.channel_files(channel).await.expect("list").len(), 1);

    store.detach_file(file.id, owner).await.expect("detach");
    let freed = store.file(file.id).await.expect("read").expect("record");
    assert_eq!(freed.state, FileState::Ready);
    assert!(store.channel_files(channel).await.expect("list").is_empty());
    store
        .detach_file(fresh_id(), owner)
        .await
        .expect("detach a missing file");

    store
        .attach_file(file.id, uploader, FilePurpose::Attachment, other)
        .await
        .expect("attach to another owner");
}

/// The attachments of a channel are listed; other channels' and other uses are not.
pub async fn files_attached_in_a_channel_are_listed(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let (channel, other_channel) = (fresh_id(), fresh_id());
    let mut attached = Vec::new();
    for owner in [
        in_message(channel),
        in_message(channel),
        in_message(other_channel),
    ] {
        let file = ready(&*store, uploader, FilePurpose::Attachment).await;
        attached.push(
            store
                .attach_file(file.id, uploader, FilePurpose::Attachment, owner)
                .await
                .expect("attach"),
        );
    }
    ready(&*store, uploader, FilePurpose::Attachment).await;

    let mut listed = store.channel_files(channel).await.expect("list");
    listed.sort_by_key(|record| record.id);
    assert_eq!(listed, attached[..2].to_vec());
    assert!(
        store
            .channel_files(fresh_id())
            .await
            .expect("list")
            .is_empty()
    );
}

/// Deleting a record returns it once and takes it out of every list.
pub async fn deleting_a_file_record_returns_it_once(store: Arc<dyn Store>) {
    let uploader = fresh_id();
    let channel = fresh_id();
    let file = ready(&*store, uploader, FilePurpose::Attachment).await;
    let attached = store
        .attach_file(
            file.id,
            uploader,
            FilePurpose::Attachment,
            in_message(channel),
        )
        .await
        .expect("attach");

    assert_eq!(
        store.delete_file(file.id).await.expect("delete"),
        Some(attached)
    );
    assert_eq!(
        store.delete_file(file.id).await.expect("delete again"),
        None
    );
    assert_eq!(store.file(file.id).await.expect("read"), None);
    assert!(store.channel_files(channel).await.expect("list").is_empty());
}

/// The sweep finds abandoned uploads and unused files older than their cut-offs, and
/// never a file in use.
pub async fn stale_files_are_the_old_unused_ones(store: Arc<dyn Store>) {
    // Long before NOW, which the other records of a case are created at.
    let at = |offset: i64| Timestamp(1_000_000 + offset);
    let uploader = fresh_id();

    let abandoned = uploading(uploader, FilePurpose::Attachment, at(0));
    let recent_upload = uploading(uploader, FilePurpose::Attachment, at(100));
    for record in [&abandoned, &recent_upload] {
        store.insert_file(record).await.expect("insert");
    }
    let mut unused = uploading(uploader, FilePurpose::Icon, at(10));
    let mut used = uploading(uploader, FilePurpose::Icon, at(10));
    for record in [&mut unused, &mut used] {
        store.insert_file(record).await.expect("insert");
        *record = store
            .complete_file(record.id, "image/png", 1)
            .await
            .expect("complete");
    }
    let owner = FileOwner::Guild {
        guild_id: fresh_id(),
    };
    store
        .attach_file(used.id, uploader, FilePurpose::Icon, owner)
        .await
        .expect("attach");

    let stale = store
        .stale_files(at(50), at(20), 100)
        .await
        .expect("sweep list");
    let mut ids: Vec<_> = stale.iter().map(|record| record.id).collect();
    ids.sort();
    assert_eq!(ids, vec![abandoned.id, unused.id]);

    let none_yet = store
        .stale_files(at(0), at(10), 100)
        .await
        .expect("sweep list");
    assert!(none_yet.is_empty(), "{none_yet:?}");
    let limited = store
        .stale_files(at(50), at(20), 1)
        .await
        .expect("sweep list");
    assert_eq!(limited.len(), 1);
}
