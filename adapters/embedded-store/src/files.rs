//! File records, with two indexes kept in the same transactions: the files nothing uses
//! (what the garbage sweep looks at) and the files attached in each channel (what
//! deleting a channel removes).

use async_trait::async_trait;
use concord_domain::file::{FileOwner, FilePurpose, FileRecord, FileState};
use concord_domain::id::{ChannelId, FileId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{FileRecordStore, StoreError};
use redb::{ReadableTable, WriteTransaction};

use crate::EmbeddedStore;
use crate::codec::{decode, get_json, put_json};
use crate::tables::{CHANNEL_FILES, FILES, UNUSED_FILES, ids_under};
use crate::transaction::Outcome;

#[async_trait]
impl FileRecordStore for EmbeddedStore {
    async fn insert_file(&self, record: &FileRecord) -> Result<(), StoreError> {
        let record = record.clone();
        self.write("insert_file", move |tx| {
            let id = record.id.to_string();
            if tx.open_table(FILES)?.get(id.as_str())?.is_some() {
                return Err(StoreError::Conflict("file").into());
            }
            save(tx, &record)
        })
        .await
    }

    async fn file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.read("file", move |tx| {
            get_json(&tx.open_table(FILES)?, id.to_string().as_str())
        })
        .await
    }

    async fn complete_file(
        &self,
        id: FileId,
        content_type: &str,
        size: u64,
    ) -> Result<FileRecord, StoreError> {
        let content_type = content_type.to_owned();
        self.write("complete_file", move |tx| {
            let mut record = load(tx, id)?;
            if record.state != FileState::Uploading {
                return Err(StoreError::NotFound.into());
            }
            record.content_type = content_type;
            record.size = size;
            record.state = FileState::Ready;
            save(tx, &record)?;
            Ok(record)
        })
        .await
    }

    async fn attach_file(
        &self,
        id: FileId,
        uploader: UserId,
        purpose: FilePurpose,
        owner: FileOwner,
    ) -> Result<FileRecord, StoreError> {
        self.write("attach_file", move |tx| {
            let mut record = load(tx, id)?;
            if record.uploader_id != uploader || record.purpose != purpose {
                return Err(StoreError::NotFound.into());
            }
            match record.state {
                FileState::Uploading => return Err(StoreError::NotFound.into()),
                FileState::Attached { owner: current } if current == owner => return Ok(record),
                FileState::Attached { .. } => return Err(StoreError::Conflict("file").into()),
                FileState::Ready => {}
            }
            record.state = FileState::Attached { owner };
            save(tx, &record)?;
            Ok(record)
        })
        .await
    }

    async fn detach_file(&self, id: FileId, owner: FileOwner) -> Result<(), StoreError> {
        self.write("detach_file", move |tx| {
            let found = get_json::<_, FileRecord>(&tx.open_table(FILES)?, id_key(id).as_str())?;
            let Some(mut record) = found else {
                return Ok(());
            };
            if record.owner() == Some(owner) {
                unindex(tx, &record)?;
                record.state = FileState::Ready;
                save(tx, &record)?;
            }
            Ok(())
        })
        .await
    }

    async fn delete_file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.write("delete_file", move |tx| {
            let record = {
                let mut files = tx.open_table(FILES)?;
                let Some(bytes) = files.remove(id_key(id).as_str())? else {
                    return Ok(None);
                };
                decode::<FileRecord>(bytes.value())?
            };
            unindex(tx, &record)?;
            Ok(Some(record))
        })
        .await
    }

    async fn channel_files(&self, channel: ChannelId) -> Result<Vec<FileRecord>, StoreError> {
        self.read("channel_files", move |tx| {
            let files = tx.open_table(FILES)?;
            let ids = ids_under(&tx.open_table(CHANNEL_FILES)?, &channel.to_string())?;
            let mut records = Vec::with_capacity(ids.len());
            for id in ids {
                records.extend(get_json::<_, FileRecord>(&files, id.as_str())?);
            }
            Ok(records)
        })
        .await
    }

    async fn stale_files(
        &self,
        uploading_before: Timestamp,
        ready_before: Timestamp,
        limit: usize,
    ) -> Result<Vec<FileRecord>, StoreError> {
        self.read("stale_files", move |tx| {
            let files = tx.open_table(FILES)?;
            let mut stale = Vec::new();
            for entry in tx.open_table(UNUSED_FILES)?.iter()? {
                if stale.len() >= limit {
                    break;
                }
                let (id, _) = entry?;
                let Some(record) = get_json::<_, FileRecord>(&files, id.value())? else {
                    continue;
                };
                let cutoff = match record.state {
                    FileState::Uploading => uploading_before,
                    FileState::Ready => ready_before,
                    FileState::Attached { .. } => continue,
                };
                if record.created_at < cutoff {
                    stale.push(record);
                }
            }
            Ok(stale)
        })
        .await
    }
}

/// The key of a file's record.
fn id_key(id: FileId) -> String {
    id.to_string()
}

/// The record of `id`; `NotFound` if there is none.
fn load(tx: &WriteTransaction, id: FileId) -> Outcome<FileRecord> {
    get_json(&tx.open_table(FILES)?, id_key(id).as_str())?
        .ok_or_else(|| StoreError::NotFound.into())
}

/// Stores `record` and puts it in the index its state belongs to.
fn save(tx: &WriteTransaction, record: &FileRecord) -> Outcome<()> {
    let id = id_key(record.id);
    put_json(&mut tx.open_table(FILES)?, id.as_str(), record)?;
    match record.owner() {
        None => {
            tx.open_table(UNUSED_FILES)?.insert(id.as_str(), ())?;
        }
        Some(owner) => {
            tx.open_table(UNUSED_FILES)?.remove(id.as_str())?;
            if let FileOwner::Message { channel_id, .. } = owner {
                let channel = channel_id.to_string();
                tx.open_table(CHANNEL_FILES)?
                    .insert((channel.as_str(), id.as_str()), ())?;
            }
        }
    }
    Ok(())
}

/// Removes `record` from whichever index holds it.
fn unindex(tx: &WriteTransaction, record: &FileRecord) -> Outcome<()> {
    let id = id_key(record.id);
    tx.open_table(UNUSED_FILES)?.remove(id.as_str())?;
    if let Some(FileOwner::Message { channel_id, .. }) = record.owner() {
        let channel = channel_id.to_string();
        tx.open_table(CHANNEL_FILES)?
            .remove((channel.as_str(), id.as_str()))?;
    }
    Ok(())
}
