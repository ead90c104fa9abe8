//! Streaming downloads: the port's [`FileReader`] over the byte stream of a GET.
//!
//! The chunks come as the backend delivers them (network reads for S3, file reads for
//! local disk); none are gathered here, so reading a large file takes little memory.

use async_trait::async_trait;
use bytes::Bytes;
use concord_ports::files::{FileReader, FileStoreError};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;

use crate::port_error;

/// An object, or a range of one, being read.
pub(crate) struct ObjectReader {
    chunks: BoxStream<'static, object_store::Result<Bytes>>,
}

impl ObjectReader {
    /// Reads from the byte stream of a GET that has already succeeded.
    pub(crate) fn new(chunks: BoxStream<'static, object_store::Result<Bytes>>) -> Self {
        Self { chunks }
    }
}

#[async_trait]
impl FileReader for ObjectReader {
    async fn next_chunk(&mut self) -> Result<Option<Bytes>, FileStoreError> {
        // An empty chunk says nothing; the caller only needs to see the end.
        while let Some(chunk) = self.chunks.next().await {
            let chunk = chunk.map_err(port_error)?;
            if !chunk.is_empty() {
                return Ok(Some(chunk));
            }
        }
        Ok(None)
    }
}
