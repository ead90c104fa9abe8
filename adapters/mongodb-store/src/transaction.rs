//! Running a port call that changes several documents as one MongoDB transaction.
//!
//! The driver's convenient transaction API starts the transaction, runs the work,
//! commits, and starts over when the server labels a failure
//! `TransientTransactionError` (a write conflict with a concurrent transaction, an
//! election) or retries the commit when its outcome is unknown, for up to two minutes.
//! Any other error aborts the transaction, which leaves the data as it was.
//!
//! Work is written as an async function taking the session and references to its
//! inputs; it must return every driver error it meets, since an error swallowed inside
//! a transaction could leave the driver unable to tell whether the server aborted it.

use concord_ports::store::StoreError;
use mongodb::{BoxFuture, ClientSession};

use crate::MongoStore;
use crate::failure::During;

impl MongoStore {
    /// Runs `work` with `context` in a transaction, retrying it while the server says
    /// the failure is transient, and maps its failure for the operation `op`.
    pub(crate) async fn transaction<C, R, F>(
        &self,
        op: &'static str,
        context: C,
        work: F,
    ) -> Result<R, StoreError>
    where
        F: for<'b> FnMut(
            &'b mut ClientSession,
            &'b mut C,
        ) -> BoxFuture<'b, mongodb::error::Result<R>>,
    {
        let mut session = self.client.start_session().await.during(op)?;
        session
            .start_transaction()
            .and_run(context, work)
            .await
            .during(op)
    }
}
