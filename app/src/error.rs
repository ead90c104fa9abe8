//! The one error type of the use cases.
//!
//! Each variant says what went wrong in terms a client can act on; the HTTP edge maps
//! them to statuses and stable codes, and nothing below the edge knows about HTTP.

use concord_domain::DomainError;
use concord_ports::passwords::PasswordError;
use concord_ports::store::StoreError;
use concord_ports::tokens::TokenError;

/// Why a use case did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input broke a domain rule.
    #[error(transparent)]
    Invalid(#[from] DomainError),
    /// The caller is not authenticated: missing, expired or invalid token or credentials.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// The caller may see the resource but not do this to it.
    #[error("{0}")]
    Forbidden(&'static str),
    /// The resource does not exist, or the caller may not know it does.
    #[error("unknown {0}")]
    NotFound(&'static str),
    /// The request collides with existing state; `code` names the collision.
    #[error("{message}")]
    Conflict {
        /// A stable, machine-readable code such as `username_taken`.
        code: &'static str,
        /// A human-readable explanation.
        message: &'static str,
    },
    /// The request is well-formed but cannot be carried out in the current state.
    #[error("{message}")]
    Unprocessable {
        /// A stable, machine-readable code.
        code: &'static str,
        /// A human-readable explanation.
        message: &'static str,
    },
    /// An upload is larger than its purpose allows.
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A file's contents are not of a type its use allows.
    #[error("{message}")]
    UnsupportedType {
        /// A stable, machine-readable code.
        code: &'static str,
        /// A human-readable explanation.
        message: &'static str,
    },
    /// A byte range asked of a file does not lie within it.
    #[error("the requested range is not within the file")]
    RangeNotSatisfiable,
    /// Too many attempts; retry after this many seconds.
    #[error("too many requests, retry in {0}s")]
    RateLimited(u32),
    /// A dependency is down; retrying later may work.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Something that should not happen did; the cause is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound("resource"),
            StoreError::Conflict(what) => AppError::Conflict {
                code: "conflict",
                message: conflict_message(what),
            },
            StoreError::Unavailable(cause) => AppError::Unavailable(cause),
            StoreError::Internal(cause) => AppError::Internal(cause),
        }
    }
}

fn conflict_message(what: &'static str) -> &'static str {
    match what {
        "username" => "that username is taken",
        "email" => "that email is already registered",
        _ => "the resource was changed concurrently, try again",
    }
}

impl From<PasswordError> for AppError {
    fn from(error: PasswordError) -> Self {
        AppError::Internal(error.to_string())
    }
}

impl From<TokenError> for AppError {
    fn from(error: TokenError) -> Self {
        match error {
            TokenError::Expired => AppError::Unauthorized("token expired"),
            TokenError::Invalid => AppError::Unauthorized("invalid token"),
            TokenError::Signing(cause) => AppError::Internal(cause),
        }
    }
}

/// The result type of every use case.
pub type AppResult<T> = Result<T, AppError>;
