//! The file-storage port: uploaded bytes by key, wherever they live.

use async_trait::async_trait;

/// A file-storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum FileStoreError {
    /// No object has that key.
    #[error("file not found")]
    NotFound,
    /// The backend could not be reached or refused the operation.
    #[error("file storage unavailable: {0}")]
    Unavailable(String),
}

/// Stores file contents by key.
#[async_trait]
pub trait FileStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing anything there.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), FileStoreError>;

    /// Reads the whole object at `key`.
    async fn get(&self, key: &str) -> Result<Vec<u8>, FileStoreError>;

    /// Removes the object at `key`; removing a missing object is not an error.
    async fn delete(&self, key: &str) -> Result<(), FileStoreError>;
}
