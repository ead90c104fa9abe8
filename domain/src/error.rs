//! The error raised when input breaks one of the domain's rules.

/// A rule of the domain was broken by some input.
///
/// `field` names the offending input as a client sent it, so the edge can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct DomainError {
    /// The input field that broke the rule, for example `username`.
    pub field: &'static str,
    /// A short, lowercase sentence saying which rule was broken.
    pub reason: String,
}

impl DomainError {
    /// Builds an error for `field` with a human-readable `reason`.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}
