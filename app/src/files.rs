//! Uploading, reading and collecting files: avatars, guild icons and attachments.
//!
//! An upload is a record first and bytes second. [`Concord::start_upload`] stores a
//! record in the `uploading` state and opens a writer in file storage under the file's
//! id; the edge then feeds the body through [`Upload::write`] as it arrives, which
//! enforces the purpose's size limit, and [`Upload::finish`] decides the type from the
//! first bytes, refuses what the purpose does not allow, and only then makes the object
//! visible and the record `ready`. Whatever goes wrong on the way, the writer is aborted
//! and the record deleted, so a failed upload leaves neither bytes nor record; if the
//! process dies mid-upload, the record stays `uploading` and [`Concord::sweep_files`]
//! removes it (and any bytes) later.
//!
//! A ready file is put to use by exactly one owner (see `concord_domain::file`), and when
//! the owner lets go of it (a message deleted, an avatar replaced) [`Concord::purge_file`]
//! removes the bytes and then the record. Files nobody ever used are swept after
//! [`UNUSED_FILE_GRACE_MS`].

use std::ops::Range;

use concord_domain::DomainError;
use concord_domain::file::{
    FileOwner, FilePurpose, FileRecord, FileState, SNIFF_BYTES, claims_image, detect_content_type,
    is_inline_image, validate_filename,
};
use concord_domain::id::{ChannelId, FileId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::files::{Bytes, FileReader, FileStoreError, FileWriter};
use concord_ports::store::StoreError;
use tracing::{debug, info, instrument, warn};

use crate::{AppError, AppResult, Concord};

/// How long an upload may stay unfinished before the sweep takes it for abandoned.
pub const ABANDONED_UPLOAD_MS: i64 = 60 * 60 * 1000;

/// How long an uploaded file may stay unused before the sweep removes it.
pub const UNUSED_FILE_GRACE_MS: i64 = 24 * 60 * 60 * 1000;

/// How many stale files one round of the sweep removes at most.
const SWEEP_BATCH: usize = 100;

/// The largest upload allowed for each purpose, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// Avatars.
    pub avatar: u64,
    /// Guild icons.
    pub icon: u64,
    /// Message attachments.
    pub attachment: u64,
}

impl Default for FileLimits {
    fn default() -> Self {
        Self {
            avatar: 8 * 1024 * 1024,
            icon: 8 * 1024 * 1024,
            attachment: 25 * 1024 * 1024,
        }
    }
}

impl FileLimits {
    /// The limit for `purpose`.
    pub fn of(&self, purpose: FilePurpose) -> u64 {
        match purpose {
            FilePurpose::Avatar => self.avatar,
            FilePurpose::Icon => self.icon,
            FilePurpose::Attachment => self.attachment,
        }
    }
}

/// What the uploader says about a file before sending it.
#[derive(Debug, Clone)]
pub struct UploadRequest {
    /// What it is for.
    pub purpose: FilePurpose,
    /// Its name.
    pub filename: String,
    /// The type the client claims, if any: only used to refuse non-images claiming to
    /// be images.
    pub claimed_type: Option<String>,
}

impl From<FileStoreError> for AppError {
    fn from(error: FileStoreError) -> Self {
        match error {
            FileStoreError::NotFound => AppError::NotFound("file"),
            FileStoreError::InvalidRange { .. } => AppError::RangeNotSatisfiable,
            FileStoreError::Unavailable(cause) => AppError::Unavailable(cause),
        }
    }
}

/// An upload in progress. Finish it with [`Upload::finish`] or throw it away with
/// [`Upload::abort`]; dropping it leaves the record for the sweep.
pub struct Upload {
    concord: Concord,
    record: FileRecord,
    writer: Option<Box<dyn FileWriter>>,
    claimed_image: bool,
    limit: u64,
    size: u64,
    head: Vec<u8>,
}

impl Concord {
    /// Starts an upload by `actor`: checks the name, stores the record and opens the
    /// object. Nothing is readable until [`Upload::finish`].
    #[instrument(skip_all, fields(%actor, purpose = request.purpose.as_str()))]
    pub async fn start_upload(&self, actor: UserId, request: UploadRequest) -> AppResult<Upload> {
        validate_filename(&request.filename)?;
        let record = FileRecord {
            id: self.deps.ids.unguessable_id().into(),
            uploader_id: actor,
            purpose: request.purpose,
            filename: request.filename,
            content_type: concord_domain::file::OCTET_STREAM.to_owned(),
            size: 0,
            state: FileState::Uploading,
            created_at: self.deps.clock.now(),
        };
        self.deps.store.insert_file(&record).await?;

        let writer = match self.deps.files.create(&object_key(record.id)).await {
            Ok(writer) => writer,
            Err(error) => {
                self.forget_record(record.id).await;
                return Err(error.into());
            }
        };
        Ok(Upload {
            concord: self.clone(),
            limit: self.settings.file_limits.of(record.purpose),
            claimed_image: claims_image(request.claimed_type.as_deref()),
            record,
            writer: Some(writer),
            size: 0,
            head: Vec::with_capacity(SNIFF_BYTES),
        })
    }

    /// A readable file's record, for serving it; anyone who knows the id may read it.
    pub async fn file(&self, id: FileId) -> AppResult<FileRecord> {
        match self.deps.store.file(id).await? {
            Some(record) if record.is_readable() => Ok(record),
            _ => Err(AppError::NotFound("file")),
        }
    }

    /// Opens a file's bytes, all of them or the byte `range` (already checked against
    /// the record's size by the caller).
    pub async fn read_file(
        &self,
        record: &FileRecord,
        range: Option<Range<u64>>,
    ) -> AppResult<Box<dyn FileReader>> {
        Ok(self.deps.files.open(&object_key(record.id), range).await?)
    }

    /// Puts `file` to use by `owner`, if `actor` uploaded it for `purpose` and nothing
    /// else uses it.
    pub(crate) async fn attach_file(
        &self,
        actor: UserId,
        file: FileId,
        purpose: FilePurpose,
        owner: FileOwner,
    ) -> AppResult<FileRecord> {
        let attached = self
            .deps
            .store
            .attach_file(file, actor, purpose, owner)
            .await;
        attached.map_err(|error| match error {
            StoreError::NotFound => AppError::Unprocessable {
                code: "unknown_file",
                message: "the file does not exist, is not finished, was not uploaded by you, \
                          or was uploaded for another purpose",
            },
            StoreError::Conflict(_) => AppError::Conflict {
                code: "file_in_use",
                message: "the file is already in use elsewhere; upload it again",
            },
            other => other.into(),
        })
    }

    /// Removes a file nothing uses any more: its bytes, then its record. Failures are
    /// logged, not returned: the caller's change has happened, and a record left behind
    /// points at bytes that are gone or still there to be removed again.
    pub(crate) async fn purge_file(&self, id: FileId) {
        if let Err(error) = self.deps.files.delete(&object_key(id)).await {
            warn!(file_id = %id, %error, "could not delete a file's bytes; record kept");
            return;
        }
        if let Err(error) = self.deps.store.delete_file(id).await {
            warn!(file_id = %id, %error, "could not delete a file's record");
        }
    }

    /// Removes a file if `owner` is what uses it, for an owner that lets go of it.
    pub(crate) async fn purge_owned_file(&self, id: FileId, owner: FileOwner) {
        match self.deps.store.file(id).await {
            Ok(Some(record)) if record.owner() == Some(owner) => self.purge_file(id).await,
            Ok(_) => debug!(file_id = %id, "file not used by its former owner; kept"),
            Err(error) => warn!(file_id = %id, %error, "could not read a file to remove it"),
        }
    }

    /// Removes the files attached to messages of a deleted channel.
    pub(crate) async fn purge_channel_files(&self, channel: ChannelId) {
        match self.deps.store.channel_files(channel).await {
            Ok(files) => {
                for file in files {
                    self.purge_file(file.id).await;
                }
            }
            Err(error) => warn!(channel_id = %channel, %error, "could not list a channel's files"),
        }
    }

    /// Removes files that nothing uses and that are old enough: uploads abandoned for
    /// [`ABANDONED_UPLOAD_MS`] and files unused for [`UNUSED_FILE_GRACE_MS`]. Returns how
    /// many it removed. Safe to run on several processes at once.
    #[instrument(skip_all)]
    pub async fn sweep_files(&self) -> AppResult<usize> {
        let now = self.deps.clock.now();
        let uploading_before = Timestamp(now.0 - ABANDONED_UPLOAD_MS);
        let ready_before = Timestamp(now.0 - UNUSED_FILE_GRACE_MS);
        let mut removed = 0;
        loop {
            let stale = self
                .deps
                .store
                .stale_files(uploading_before, ready_before, SWEEP_BATCH)
                .await?;
            let batch = stale.len();
            for record in stale {
                self.purge_file(record.id).await;
                removed += 1;
            }
            if batch < SWEEP_BATCH {
                break;
            }
        }
        if removed > 0 {
            info!(removed, "unused files swept");
        }
        Ok(removed)
    }

    /// Deletes a record whose upload failed, logging rather than returning a failure:
    /// the sweep removes a record left behind.
    async fn forget_record(&self, id: FileId) {
        if let Err(error) = self.deps.store.delete_file(id).await {
            warn!(file_id = %id, %error, "could not delete a failed upload's record");
        }
    }
}

impl Upload {
    /// The file's id.
    pub fn id(&self) -> FileId {
        self.record.id
    }

    /// Appends the next chunk of the body. Past the purpose's limit the upload is
    /// aborted and the error is [`AppError::TooLarge`].
    pub async fn write(&mut self, chunk: Bytes) -> AppResult<()> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            let limit = self.limit;
            self.discard().await;
            return Err(AppError::TooLarge { limit });
        }
        if self.head.len() < SNIFF_BYTES {
            let wanted = (SNIFF_BYTES - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..wanted]);
        }

        let Some(writer) = self.writer.as_mut() else {
            return Err(AppError::Internal("write after the upload ended".into()));
        };
        if let Err(error) = writer.write(chunk).await {
            self.discard().await;
            return Err(error.into());
        }
        Ok(())
    }

    /// Completes the upload: checks the bytes against the purpose, makes the object
    /// visible and the record ready. On any refusal or failure nothing is left behind.
    pub async fn finish(mut self) -> AppResult<FileRecord> {
        let content_type = detect_content_type(&self.head);
        if let Err(refusal) = self.check_content(content_type) {
            self.discard().await;
            return Err(refusal);
        }

        let Some(writer) = self.writer.take() else {
            return Err(AppError::Internal("finish after the upload ended".into()));
        };
        if let Err(error) = writer.finish().await {
            self.concord.forget_record(self.record.id).await;
            return Err(error.into());
        }
        let id = self.record.id;
        match self
            .concord
            .deps
            .store
            .complete_file(id, content_type, self.size)
            .await
        {
            Ok(record) => {
                debug!(file_id = %id, size = self.size, content_type, "upload finished");
                Ok(record)
            }
            Err(error) => {
                self.concord.purge_file(id).await;
                Err(error.into())
            }
        }
    }

    /// Throws the upload away, for a body that broke off or a request refused later.
    pub async fn abort(mut self) {
        self.discard().await;
    }

    /// Whether bytes of `content_type` may be uploaded as this file.
    fn check_content(&self, content_type: &str) -> AppResult<()> {
        if self.size == 0 {
            return Err(DomainError::new("file", "must not be empty").into());
        }
        let image = is_inline_image(content_type);
        if self.record.purpose.requires_image() && !image {
            return Err(AppError::UnsupportedType {
                code: "not_an_image",
                message: "avatars and icons must be PNG, JPEG, GIF or WebP images",
            });
        }
        if self.claimed_image && !image {
            return Err(AppError::UnsupportedType {
                code: "not_an_image",
                message: "the file claims to be an image but its contents are not one \
                          Concord accepts (PNG, JPEG, GIF or WebP)",
            });
        }
        Ok(())
    }

    /// Aborts the writer and deletes the record, once.
    async fn discard(&mut self) {
        if let Some(writer) = self.writer.take() {
            if let Err(error) = writer.abort().await {
                warn!(file_id = %self.record.id, %error, "could not abort an upload");
            }
            self.concord.forget_record(self.record.id).await;
        }
    }
}

/// The key of a file's bytes in file storage.
fn object_key(id: FileId) -> String {
    id.to_string()
}
