//! Running one port call as one redb transaction, off the async runtime.
//!
//! redb blocks the calling thread on disk I/O and while waiting for the write lock, so
//! every transaction runs on tokio's blocking pool. A write transaction commits only when
//! its work returns `Ok`; on an error it is dropped, which aborts it and leaves the
//! database as it was. Commits use redb's default, immediate durability: the data is on
//! disk before the call returns.
//!
//! Inside a transaction, work returns [`Outcome`], whose [`Failure`] is either a port
//! error decided by the adapter (not found, conflict, corrupt record) or a redb error,
//! which is mapped onto the port's error with the name of the operation for context.

use concord_ports::store::StoreError;
use redb::{ReadTransaction, WriteTransaction};

use crate::EmbeddedStore;

/// The result of work inside a transaction.
pub(crate) type Outcome<T> = Result<T, Failure>;

/// Why work inside a transaction failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The adapter decided the outcome itself.
    Port(StoreError),
    /// redb failed; boxed because redb's error is large and failures are rare.
    Db(Box<redb::Error>),
}

impl Failure {
    /// A failure the caller cannot fix, such as a record that does not decode.
    pub(crate) fn internal(reason: String) -> Self {
        Self::Port(StoreError::Internal(reason))
    }

    /// The port's error for this failure during the operation `op`.
    ///
    /// I/O errors may pass (a full disk, a flaky volume) and so are `Unavailable`;
    /// everything else redb reports points at a bug or corruption and is `Internal`.
    pub(crate) fn into_store_error(self, op: &'static str) -> StoreError {
        match self {
            Self::Port(StoreError::Internal(reason)) => {
                StoreError::Internal(format!("{op}: {reason}"))
            }
            Self::Port(err) => err,
            Self::Db(err) => match *err {
                redb::Error::Io(_) | redb::Error::PreviousIo => {
                    StoreError::Unavailable(format!("{op}: {err}"))
                }
                _ => StoreError::Internal(format!("{op}: {err}")),
            },
        }
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        Self::Port(err)
    }
}

impl From<redb::TransactionError> for Failure {
    fn from(err: redb::TransactionError) -> Self {
        Self::Db(Box::new(err.into()))
    }
}

impl From<redb::TableError> for Failure {
    fn from(err: redb::TableError) -> Self {
        Self::Db(Box::new(err.into()))
    }
}

impl From<redb::StorageError> for Failure {
    fn from(err: redb::StorageError) -> Self {
        Self::Db(Box::new(err.into()))
    }
}

impl From<redb::CommitError> for Failure {
    fn from(err: redb::CommitError) -> Self {
        Self::Db(Box::new(err.into()))
    }
}

impl EmbeddedStore {
    /// Runs `work` in a read transaction, which sees one consistent snapshot.
    pub(crate) async fn read<T, F>(&self, op: &'static str, work: F) -> Result<T, StoreError>
    where
        F: FnOnce(&ReadTransaction) -> Outcome<T> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.db.clone();
        blocking(op, move || {
            let tx = db.begin_read()?;
            work(&tx)
        })
        .await
    }

    /// Runs `work` in a write transaction and commits it if `work` succeeds.
    pub(crate) async fn write<T, F>(&self, op: &'static str, work: F) -> Result<T, StoreError>
    where
        F: FnOnce(&WriteTransaction) -> Outcome<T> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.db.clone();
        blocking(op, move || {
            let tx = db.begin_write()?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
    }
}

/// Runs `job` on the blocking pool and maps its failure for the operation `op`.
async fn blocking<T, F>(op: &'static str, job: F) -> Result<T, StoreError>
where
    F: FnOnce() -> Outcome<T> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(job).await {
        Ok(outcome) => outcome.map_err(|failure| failure.into_store_error(op)),
        Err(join) => Err(StoreError::Internal(format!(
            "{op}: storage task failed: {join}"
        ))),
    }
}
