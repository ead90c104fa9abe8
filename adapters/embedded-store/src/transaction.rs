//! Running one port call as one redb transaction, off the async runtime.
//!
//! redb blocks the calling thread on disk I/O and while waiting for the write lock, so
//! read transactions run on tokio's blocking pool and write transactions on the store's
//! writer thread, which groups concurrent commits into one flush ([`crate::writer`]). A
//! write transaction commits only when its work returns `Ok`; on an error it is dropped,
//! which aborts it and leaves the database as it was. A write is answered only once its
//! commit is on disk.
//!
//! Inside a transaction, work returns [`Outcome`], whose [`Failure`] is either a port
//! error decided by the adapter (not found, conflict, corrupt record) or a redb error,
//! which is mapped onto the port's error with the name of the operation for context.

use concord_ports::store::StoreError;
use redb::{Database, Durability, ReadTransaction, WriteTransaction};
use tokio::sync::oneshot;

use crate::EmbeddedStore;
use crate::writer::{Answer, Job};

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

    /// Runs `work` in a write transaction on the writer thread, commits it if `work`
    /// succeeds, and answers once the commit is on disk (see [`crate::writer`]).
    pub(crate) async fn write<T, F>(&self, op: &'static str, work: F) -> Result<T, StoreError>
    where
        F: FnOnce(&WriteTransaction) -> Outcome<T> + Send + 'static,
        T: Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |db: &Database, durability| -> Answer {
            let outcome = commit(db, durability, work).map_err(|f| f.into_store_error(op));
            Box::new(move |flushed: Result<(), &str>| {
                let answer = match flushed {
                    Ok(()) => outcome,
                    Err(reason) => outcome
                        .and_then(|_| Err(StoreError::Unavailable(format!("{op}: {reason}")))),
                };
                let _ = reply.send(answer);
            })
        });

        let gone = || StoreError::Internal(format!("{op}: the storage writer stopped"));
        self.writer.submit(job).map_err(|_| gone())?;
        answer.await.unwrap_or_else(|_| Err(gone()))
    }
}

/// One write transaction with `durability`, committed if `work` succeeds.
fn commit<T, F>(db: &Database, durability: Durability, work: F) -> Outcome<T>
where
    F: FnOnce(&WriteTransaction) -> Outcome<T>,
{
    let mut tx = db.begin_write()?;
    tx.set_durability(durability);
    let value = work(&tx)?;
    tx.commit()?;
    Ok(value)
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
