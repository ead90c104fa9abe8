//! Streaming uploads: the port's [`FileWriter`] over an object_store multipart upload.
//!
//! Chunks are gathered into parts of [`PART_SIZE`] bytes, and each full part is sent
//! while the next one fills. Before a chunk would complete another part, the writer
//! waits for the part already in flight, so an upload holds at most about two parts in
//! memory however large the file. Nothing is visible under the key until the upload is
//! completed by [`finish`](FileWriter::finish).

use async_trait::async_trait;
use bytes::Bytes;
use concord_ports::files::{FileStoreError, FileWriter};
use object_store::{MultipartUpload, WriteMultipart};

use crate::unavailable;

/// Bytes per uploaded part: the smallest part S3 accepts (all but the last part must
/// be at least this large), and so the least memory an upload can be held to.
pub(crate) const PART_SIZE: usize = 5 * 1024 * 1024;

/// Parts that may be uploading while the writer accepts more bytes.
const PARTS_IN_FLIGHT: usize = 1;

/// An object being written through a multipart upload.
pub(crate) struct ObjectWriter {
    upload: WriteMultipart,
    /// For logs only.
    key: String,
    /// Bytes accepted so far.
    written: u64,
}

impl ObjectWriter {
    /// Wraps an upload that object_store has just started for `key`.
    pub(crate) fn new(key: &str, upload: Box<dyn MultipartUpload>) -> Self {
        Self {
            upload: WriteMultipart::new_with_chunk_size(upload, PART_SIZE),
            key: key.to_owned(),
            written: 0,
        }
    }

    /// Whether appending `len` bytes fills the part being gathered and so starts
    /// uploading it. Parts are cut at exact multiples of [`PART_SIZE`].
    fn completes_a_part(&self, len: usize) -> bool {
        let gathered = self.written % PART_SIZE as u64;
        gathered + len as u64 >= PART_SIZE as u64
    }
}

#[async_trait]
impl FileWriter for ObjectWriter {
    async fn write(&mut self, chunk: Bytes) -> Result<(), FileStoreError> {
        if self.completes_a_part(chunk.len()) {
            // Also surfaces the failure of an earlier part, ending the upload early.
            self.upload
                .wait_for_capacity(PARTS_IN_FLIGHT)
                .await
                .map_err(unavailable)?;
        }
        self.written += chunk.len() as u64;
        self.upload.put(chunk);
        Ok(())
    }

    async fn finish(self: Box<Self>) -> Result<(), FileStoreError> {
        let writer = *self;
        // On failure object_store aborts the upload itself before returning.
        writer.upload.finish().await.map_err(unavailable)?;
        tracing::debug!(key = %writer.key, bytes = writer.written, "file stored");
        Ok(())
    }

    async fn abort(self: Box<Self>) -> Result<(), FileStoreError> {
        let writer = *self;
        writer.upload.abort().await.map_err(unavailable)?;
        tracing::debug!(key = %writer.key, bytes = writer.written, "file upload aborted");
        Ok(())
    }
}
