//! Storage of file records: what each uploaded file is and what uses it.
//!
//! The bytes live in file storage ([`crate::files`]); a record says whether they are
//! complete and who may use them. Attaching is the one step that must be atomic: a file
//! becomes used by exactly one owner even when two requests race for it.

use async_trait::async_trait;
use concord_domain::file::{FileOwner, FilePurpose, FileRecord};
use concord_domain::id::{ChannelId, FileId, UserId};
use concord_domain::time::Timestamp;

use super::StoreError;

/// Stores file records.
#[async_trait]
pub trait FileRecordStore: Send + Sync {
    /// Stores a new record; `Conflict("file")` if the id is taken.
    async fn insert_file(&self, record: &FileRecord) -> Result<(), StoreError>;

    /// The record of `id`, if any.
    async fn file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError>;

    /// Marks an uploading file complete with its detected type and size; `NotFound` if
    /// there is no such record or it is not uploading.
    async fn complete_file(
        &self,
        id: FileId,
        content_type: &str,
        size: u64,
    ) -> Result<FileRecord, StoreError>;

    /// Puts a ready file to use by `owner`, atomically, if `uploader` uploaded it for
    /// `purpose`: `NotFound` if there is no such ready file of theirs for that purpose,
    /// `Conflict("file")` if something else uses it already. Attaching a file to the
    /// owner that already has it succeeds and changes nothing.
    async fn attach_file(
        &self,
        id: FileId,
        uploader: UserId,
        purpose: FilePurpose,
        owner: FileOwner,
    ) -> Result<FileRecord, StoreError>;

    /// Makes a file used by `owner` ready again, for undoing an attach whose use case
    /// failed afterwards; does nothing if `owner` does not use it.
    async fn detach_file(&self, id: FileId, owner: FileOwner) -> Result<(), StoreError>;

    /// Removes a record, returning it if it existed.
    async fn delete_file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError>;

    /// The files attached to messages of `channel`, for removing them with it.
    async fn channel_files(&self, channel: ChannelId) -> Result<Vec<FileRecord>, StoreError>;

    /// Up to `limit` files that nothing uses and that are old enough to be garbage:
    /// uploads still in progress that started before `uploading_before` (abandoned), and
    /// ready files created before `ready_before` (never used).
    async fn stale_files(
        &self,
        uploading_before: Timestamp,
        ready_before: Timestamp,
        limit: usize,
    ) -> Result<Vec<FileRecord>, StoreError>;
}
