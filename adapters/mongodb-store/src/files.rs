//! File records. Every change is to one document, so each is a conditional update:
//! attaching matches only a ready file of the right uploader and purpose, which makes
//! two requests racing for one file find exactly one winner without a transaction.

use async_trait::async_trait;
use concord_domain::file::{FileOwner, FilePurpose, FileRecord, FileState};
use concord_domain::id::{ChannelId, FileId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{FileRecordStore, StoreError};
use mongodb::bson::{Document, doc};
use mongodb::options::ReturnDocument;

use crate::MongoStore;
use crate::codec::{collect, document, value};
use crate::failure::{During, is_duplicate_key, store_error};
use crate::schema::FILES;

#[async_trait]
impl FileRecordStore for MongoStore {
    async fn insert_file(&self, record: &FileRecord) -> Result<(), StoreError> {
        let stored = document(record.id.to_string(), record)?;
        match self.collection::<Document>(FILES).insert_one(stored).await {
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(StoreError::Conflict("file")),
            Err(error) => Err(store_error("insert_file", &error)),
        }
    }

    async fn file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.collection::<FileRecord>(FILES)
            .find_one(doc! { "_id": id.to_string() })
            .await
            .during("file")
    }

    async fn complete_file(
        &self,
        id: FileId,
        content_type: &str,
        size: u64,
    ) -> Result<FileRecord, StoreError> {
        let size = i64::try_from(size)
            .map_err(|_| StoreError::Internal(format!("file size {size} is too large")))?;
        self.collection::<FileRecord>(FILES)
            .find_one_and_update(
                doc! { "_id": id.to_string(), "state.kind": "uploading" },
                doc! { "$set": {
                    "content_type": content_type,
                    "size": size,
                    "state": value(&FileState::Ready)?,
                } },
            )
            .return_document(ReturnDocument::After)
            .await
            .during("complete_file")?
            .ok_or(StoreError::NotFound)
    }

    async fn attach_file(
        &self,
        id: FileId,
        uploader: UserId,
        purpose: FilePurpose,
        owner: FileOwner,
    ) -> Result<FileRecord, StoreError> {
        let attached = self
            .collection::<FileRecord>(FILES)
            .find_one_and_update(
                doc! {
                    "_id": id.to_string(),
                    "uploader_id": uploader.to_string(),
                    "purpose": value(&purpose)?,
                    "state.kind": "ready",
                },
                doc! { "$set": { "state": value(&FileState::Attached { owner })? } },
            )
            .return_document(ReturnDocument::After)
            .await
            .during("attach_file")?;
        if let Some(record) = attached {
            return Ok(record);
        }

        // Nothing matched: say why, from the record as it is now.
        match self.file(id).await? {
            Some(record)
                if record.uploader_id == uploader
                    && record.purpose == purpose
                    && record.owner() == Some(owner) =>
            {
                Ok(record)
            }
            Some(record)
                if record.uploader_id == uploader
                    && record.purpose == purpose
                    && record.owner().is_some() =>
            {
                Err(StoreError::Conflict("file"))
            }
            _ => Err(StoreError::NotFound),
        }
    }

    async fn detach_file(&self, id: FileId, owner: FileOwner) -> Result<(), StoreError> {
        self.collection::<Document>(FILES)
            .update_one(
                doc! { "_id": id.to_string(), "state.owner": value(&owner)? },
                doc! { "$set": { "state": value(&FileState::Ready)? } },
            )
            .await
            .during("detach_file")?;
        Ok(())
    }

    async fn delete_file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.collection::<FileRecord>(FILES)
            .find_one_and_delete(doc! { "_id": id.to_string() })
            .await
            .during("delete_file")
    }

    async fn channel_files(&self, channel: ChannelId) -> Result<Vec<FileRecord>, StoreError> {
        let cursor = self
            .collection::<FileRecord>(FILES)
            .find(doc! { "state.owner.channel_id": channel.to_string() })
            .await
            .during("channel_files")?;
        collect(cursor, "channel_files").await
    }

    async fn stale_files(
        &self,
        uploading_before: Timestamp,
        ready_before: Timestamp,
        limit: usize,
    ) -> Result<Vec<FileRecord>, StoreError> {
        let filter = doc! { "$or": [
            { "state.kind": "uploading", "created_at": { "$lt": uploading_before.0 } },
            { "state.kind": "ready", "created_at": { "$lt": ready_before.0 } },
        ] };
        let cursor = self
            .collection::<FileRecord>(FILES)
            .find(filter)
            .limit(i64::try_from(limit).unwrap_or(i64::MAX))
            .await
            .during("stale_files")?;
        collect(cursor, "stale_files").await
    }
}
