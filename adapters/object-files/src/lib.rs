//! File storage through `object_store`: local disk, memory or S3, chosen by URL.
//!
//! [`ObjectFiles`] implements the [`FileStore`] port once, over any `object_store`
//! backend; the URL given to [`ObjectFiles::from_url`] picks which:
//!
//! | URL | where the files go |
//! |---|---|
//! | `file:///var/lib/concord/files` | that folder (absolute), created when missing |
//! | `memory://` | this process's memory, for tests |
//! | `s3://bucket` or `s3://bucket/prefix` | an existing S3 bucket, under the prefix |
//!
//! [`S3Options`] carries what an `s3://` URL needs beside it: the endpoint of a server
//! other than AWS (MinIO, moto), the region, the credentials and the timeouts.
//!
//! ```
//! use concord_object_files::{ObjectFiles, S3Options};
//!
//! let in_memory = ObjectFiles::from_url("memory://", S3Options::default())?;
//! let in_minio = ObjectFiles::from_url(
//!     "s3://attachments/concord",
//!     S3Options {
//!         endpoint: Some("http://127.0.0.1:9000".to_owned()),
//!         access_key_id: Some("concord".to_owned()),
//!         secret_access_key: Some("concord-secret".to_owned()),
//!         ..S3Options::default()
//!     },
//! )?;
//! # Ok::<(), concord_object_files::ConfigError>(())
//! ```
//!
//! Modules:
//!
//! - [`config`]: the URL forms, [`S3Options`] and [`ConfigError`].
//! - `writer`: uploads as multipart uploads, never holding a whole file.
//! - `reader`: downloads, whole or ranged, as the backend's byte stream.
//!
//! Backend errors become port errors here: a missing object is
//! [`FileStoreError::NotFound`], and anything else
//! [`FileStoreError::Unavailable`] with object_store's message.

pub mod config;
mod reader;
mod writer;

use std::ops::Range;
use std::sync::Arc;

use async_trait::async_trait;
use concord_ports::files::{FileReader, FileStore, FileStoreError, FileWriter};
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt};

pub use config::{ConfigError, S3Options};

use reader::ObjectReader;
use writer::ObjectWriter;

/// The name `check` looks up. The `.` keeps it apart from every real key, whose
/// alphabet has none.
const PROBE: &str = "readiness.probe";

/// The [`FileStore`] over an `object_store` backend chosen by URL.
#[derive(Debug, Clone)]
pub struct ObjectFiles {
    store: Arc<dyn ObjectStore>,
    /// Put before every key; empty for the bucket's or folder's root.
    prefix: Path,
}

impl ObjectFiles {
    /// Sets up file storage at `url` (`file:///folder`, `memory://` or
    /// `s3://bucket[/prefix]`), with `options` for S3. Only a local folder is touched
    /// (created when missing); S3 is first contacted by the first operation, so call
    /// [`check`](FileStore::check) to find out whether it answers.
    pub fn from_url(url: &str, options: S3Options) -> Result<Self, ConfigError> {
        let backend = config::backend(url, &options)?;
        Ok(Self {
            store: backend.store,
            prefix: backend.prefix,
        })
    }

    /// Where the object for `key` lives. Keys outside the port's alphabet are refused
    /// rather than escaped, so that a path never depends on how a backend escapes.
    fn path(&self, key: &str) -> Result<Path, FileStoreError> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if key.is_empty() || !key.chars().all(allowed) {
            return Err(FileStoreError::Unavailable(format!(
                "invalid file key {key:?}"
            )));
        }
        Ok(self.prefix.clone().join(key))
    }

    /// The port's error for a GET that failed. Backends report a range that starts
    /// past the end in their own ways (an HTTP 416, a local error), so for a ranged GET
    /// the object's size is looked up to tell a bad range from a failing backend.
    async fn open_failure(
        &self,
        path: &Path,
        range: Option<Range<u64>>,
        error: object_store::Error,
    ) -> FileStoreError {
        let Some(range) = range else {
            return port_error(error);
        };
        if let object_store::Error::NotFound { .. } = error {
            return FileStoreError::NotFound;
        }
        match self.store.head(path).await {
            Ok(meta) if range.end > meta.size => invalid_range(range),
            Ok(_) => port_error(error),
            Err(head_error) => port_error(head_error),
        }
    }
}

#[async_trait]
impl FileStore for ObjectFiles {
    async fn create(&self, key: &str) -> Result<Box<dyn FileWriter>, FileStoreError> {
        let path = self.path(key)?;
        let upload = self.store.put_multipart(&path).await.map_err(unavailable)?;
        Ok(Box::new(ObjectWriter::new(key, upload)))
    }

    async fn open(
        &self,
        key: &str,
        range: Option<Range<u64>>,
    ) -> Result<Box<dyn FileReader>, FileStoreError> {
        let path = self.path(key)?;
        if let Some(range) = &range
            && range.start >= range.end
        {
            return Err(invalid_range(range.clone()));
        }

        let options = GetOptions {
            range: range.clone().map(GetRange::Bounded),
            ..GetOptions::default()
        };
        let result = match self.store.get_opts(&path, options).await {
            Ok(result) => result,
            Err(error) => return Err(self.open_failure(&path, range, error).await),
        };

        // Backends cut a range that ends past the object short instead of failing.
        if let Some(range) = range
            && result.range != range
        {
            return Err(invalid_range(range));
        }
        Ok(Box::new(ObjectReader::new(result.into_stream())))
    }

    async fn delete(&self, key: &str) -> Result<(), FileStoreError> {
        let path = self.path(key)?;
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {
                tracing::debug!(%key, "file deleted");
                Ok(())
            }
            Err(error) => Err(port_error(error)),
        }
    }

    async fn check(&self) -> Result<(), FileStoreError> {
        // A GET of a name that never exists: cheap, and answered "not found" only by a
        // backend that is reachable and accepts the credentials. Not a HEAD: its
        // answer has no body, and only the body tells a missing bucket from a missing
        // object (S3's error codes NoSuchBucket and NoSuchKey).
        match self.store.get(&self.prefix.clone().join(PROBE)).await {
            Err(error @ object_store::Error::NotFound { .. })
                if error.to_string().contains("NoSuchBucket") =>
            {
                Err(FileStoreError::Unavailable(format!(
                    "the bucket does not exist: {error}"
                )))
            }
            Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(port_error(error)),
        }
    }
}

/// The port's error for an object_store error.
pub(crate) fn port_error(error: object_store::Error) -> FileStoreError {
    match error {
        object_store::Error::NotFound { .. } => FileStoreError::NotFound,
        other => unavailable(other),
    }
}

/// The port's error for an object_store error where nothing can be missing, as when
/// writing: a "not found" there means the bucket or folder itself is gone.
pub(crate) fn unavailable(error: object_store::Error) -> FileStoreError {
    FileStoreError::Unavailable(error.to_string())
}

/// The port's error for a range that does not lie within the object.
fn invalid_range(range: Range<u64>) -> FileStoreError {
    FileStoreError::InvalidRange {
        start: range.start,
        end: range.end,
    }
}
