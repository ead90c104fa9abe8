//! Small text helpers shared by the validating constructors.

use crate::DomainError;

/// Trims `raw` and checks that it holds `min..=max` characters and no control characters.
pub(crate) fn bounded_line(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, DomainError> {
    let trimmed = raw.trim();
    let count = trimmed.chars().count();
    if count < min || count > max {
        return Err(DomainError::new(
            field,
            format!("must be between {min} and {max} characters"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(DomainError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(trimmed.to_owned())
}
