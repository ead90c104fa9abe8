//! The file-storage port: the bytes of uploaded files, by key, wherever they live.
//!
//! Uploads arrive as a stream and can be large (attachments up to tens of MiB), so
//! neither direction holds a whole file in memory: a [`FileWriter`] takes the bytes chunk
//! by chunk and only makes the object visible when it is finished, and a [`FileReader`]
//! hands them back chunk by chunk, optionally only a byte range of them. What a file is
//! (its name, type, owner) is not stored here but in the store's file records; this port
//! only knows keys and bytes.

use std::ops::Range;

use async_trait::async_trait;
pub use bytes::Bytes;

/// A file-storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum FileStoreError {
    /// No object has that key.
    #[error("file not found")]
    NotFound,
    /// The requested byte range does not lie within the object.
    #[error("byte range {start}..{end} is outside the file")]
    InvalidRange {
        /// First byte asked for.
        start: u64,
        /// One past the last byte asked for.
        end: u64,
    },
    /// The backend could not be reached or refused the operation.
    #[error("file storage unavailable: {0}")]
    Unavailable(String),
}

/// Stores file contents by key.
///
/// Keys are short strings of ASCII letters, digits, `-` and `_`, chosen by the core.
#[async_trait]
pub trait FileStore: Send + Sync {
    /// Starts writing the object at `key`. Nothing is visible under `key` until the
    /// writer is finished; an aborted or dropped writer leaves nothing behind (a dropped
    /// one may leave parts that the backend cleans up on its own schedule).
    async fn create(&self, key: &str) -> Result<Box<dyn FileWriter>, FileStoreError>;

    /// Opens the object at `key` for reading, the whole of it or only `range`.
    async fn open(
        &self,
        key: &str,
        range: Option<Range<u64>>,
    ) -> Result<Box<dyn FileReader>, FileStoreError>;

    /// Removes the object at `key`; removing a missing object is not an error.
    async fn delete(&self, key: &str) -> Result<(), FileStoreError>;

    /// Checks that the backend answers, for readiness probes.
    async fn check(&self) -> Result<(), FileStoreError>;
}

/// An object being written. Call [`finish`](FileWriter::finish) to make it visible or
/// [`abort`](FileWriter::abort) to throw it away.
#[async_trait]
pub trait FileWriter: Send {
    /// Appends `chunk` to the object.
    async fn write(&mut self, chunk: Bytes) -> Result<(), FileStoreError>;

    /// Completes the object and makes it readable under its key.
    async fn finish(self: Box<Self>) -> Result<(), FileStoreError>;

    /// Discards everything written so far.
    async fn abort(self: Box<Self>) -> Result<(), FileStoreError>;
}

/// An object, or a range of one, being read.
#[async_trait]
pub trait FileReader: Send {
    /// The next chunk of bytes, or `None` at the end.
    async fn next_chunk(&mut self) -> Result<Option<Bytes>, FileStoreError>;
}
