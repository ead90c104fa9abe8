//! Turning the driver's errors into the storage port's, next to the queries.
//!
//! A duplicate key (code 11000) reaches us in three shapes: as a write error of a single
//! write, inside the errors of a multi-document insert, or as a command error. Which
//! uniqueness rule it broke is decided by the caller, which knows what it wrote.
//!
//! Work inside a transaction returns the driver's error type, so a port error decided
//! there (not found, conflict) travels as a custom driver error and is unwrapped here.
//! Transient errors keep their labels on the way, so the driver can retry them.

use concord_ports::store::StoreError;
use mongodb::error::{Error, ErrorKind, WriteFailure};

/// MongoDB's code for a write that broke a unique index.
const DUPLICATE_KEY: i32 = 11000;

/// Server error codes that mean "not now": the server is stepping down, shutting down,
/// unreachable or too slow, and a later attempt may work.
const TRANSIENT_CODES: &[i32] = &[
    6,     // HostUnreachable
    7,     // HostNotFound
    50,    // MaxTimeMSExpired
    89,    // NetworkTimeout
    91,    // ShutdownInProgress
    112,   // WriteConflict, once the driver's own retries are spent
    189,   // PrimarySteppedDown
    262,   // ExceededTimeLimit
    9001,  // SocketException
    10107, // NotWritablePrimary
    11600, // InterruptedAtShutdown
    11602, // InterruptedDueToReplStateChange
    13435, // NotPrimaryNoSecondaryOk
    13436, // NotPrimaryOrSecondary
];

/// Adds the operation's name to a failed driver call's error, as a port error.
pub(crate) trait During<T> {
    /// The port's error for this result, failed during the operation `op`.
    fn during(self, op: &'static str) -> Result<T, StoreError>;
}

impl<T> During<T> for Result<T, Error> {
    fn during(self, op: &'static str) -> Result<T, StoreError> {
        self.map_err(|error| store_error(op, &error))
    }
}

/// A port error decided inside a transaction, carried through the driver.
pub(crate) fn abort(error: StoreError) -> Error {
    Error::custom(error)
}

/// The error for a record that could not be turned into BSON or back.
pub(crate) fn codec(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(format!("{what}: {error}"))
}

/// Whether `error` says a write broke a unique index.
pub(crate) fn is_duplicate_key(error: &Error) -> bool {
    match error.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(write)) => write.code == DUPLICATE_KEY,
        ErrorKind::InsertMany(insert) => insert
            .write_errors
            .iter()
            .flatten()
            .any(|write| write.code == DUPLICATE_KEY),
        ErrorKind::Command(command) => command.code == DUPLICATE_KEY,
        _ => false,
    }
}

/// Replaces a duplicate-key error by `Conflict(what)` inside a transaction; any other
/// error passes unchanged, labels included, so transient ones are still retried.
pub(crate) fn conflict_on_duplicate(what: &'static str) -> impl Fn(Error) -> Error {
    move |error| {
        if is_duplicate_key(&error) {
            abort(StoreError::Conflict(what))
        } else {
            error
        }
    }
}

/// The port's error for a driver error during the operation `op`.
pub(crate) fn store_error(op: &'static str, error: &Error) -> StoreError {
    if let Some(decided) = error.get_custom::<StoreError>() {
        return copy(decided);
    }
    if unavailable(error) {
        StoreError::Unavailable(format!("{op}: {error}"))
    } else {
        StoreError::Internal(format!("{op}: {error}"))
    }
}

/// Whether the error is about reaching the server rather than about the request.
fn unavailable(error: &Error) -> bool {
    if error.contains_label("TransientTransactionError")
        || error.contains_label("RetryableWriteError")
    {
        return true;
    }
    match error.kind.as_ref() {
        ErrorKind::Io(_)
        | ErrorKind::ServerSelection { .. }
        | ErrorKind::ConnectionPoolCleared { .. }
        | ErrorKind::DnsResolve { .. }
        | ErrorKind::Authentication { .. }
        | ErrorKind::Shutdown
        | ErrorKind::Transaction { .. } => true,
        ErrorKind::Command(command) => TRANSIENT_CODES.contains(&command.code),
        ErrorKind::Write(WriteFailure::WriteConcernError(_)) => true,
        ErrorKind::Write(WriteFailure::WriteError(write)) => TRANSIENT_CODES.contains(&write.code),
        _ => false,
    }
}

/// The same port error again; `StoreError` is not `Clone`.
fn copy(error: &StoreError) -> StoreError {
    match error {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Conflict(what) => StoreError::Conflict(what),
        StoreError::Unavailable(reason) => StoreError::Unavailable(reason.clone()),
        StoreError::Internal(reason) => StoreError::Internal(reason.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_errors_decided_in_a_transaction_come_back_unchanged() {
        let carried = abort(StoreError::Conflict("relationship"));
        let back = store_error("replace_relationship_pair", &carried);
        assert!(
            matches!(back, StoreError::Conflict("relationship")),
            "{back:?}"
        );
        assert!(!is_duplicate_key(&carried));
    }

    #[test]
    fn unreachable_servers_are_unavailable() {
        let timeout = std::io::Error::new(std::io::ErrorKind::TimedOut, "timed out");
        let back = store_error("ping", &Error::from(timeout));
        assert!(matches!(back, StoreError::Unavailable(_)), "{back:?}");
    }
}
