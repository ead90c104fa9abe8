//! Users and the rules their fields follow.

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::id::{FileId, UserId};
use crate::text::bounded_line;
use crate::time::Timestamp;

/// A registered account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The account's id.
    pub id: UserId,
    /// The unique handle, kept with the case the user chose.
    pub username: Username,
    /// The unique email address, never shown to other users.
    pub email: Email,
    /// The name shown in the interface.
    pub display_name: DisplayName,
    /// The uploaded avatar, if any.
    pub avatar: Option<FileId>,
    /// When the account was registered.
    pub created_at: Timestamp,
}

/// A unique handle: 3–32 letters, digits, `_`, `.` or `-`, unique without regard to case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Checks `raw` against the username rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let length = raw.chars().count();
        if !(3..=32).contains(&length) {
            return Err(DomainError::new(
                "username",
                "must be between 3 and 32 characters",
            ));
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
        if !raw.chars().all(allowed) {
            return Err(DomainError::new(
                "username",
                "may only contain letters, digits, '_', '.' and '-'",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The username as chosen.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form uniqueness is checked on: usernames differing only in case collide.
    pub fn canonical(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// An email address, checked loosely: one `@` with a non-empty local part and a dotted
/// domain. Whether it can receive mail is not this type's concern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Checks `raw` against the email rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        let invalid = || DomainError::new("email", "must be a valid email address");
        if raw.len() > 254 || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = raw.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(raw.to_owned()))
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form uniqueness is checked on.
    pub fn canonical(&self) -> String {
        self.0.to_lowercase()
    }
}

/// The name shown for a user: 1–32 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    /// Checks `raw` against the display-name rules.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        bounded_line("display_name", raw, 1, 32).map(Self)
    }

    /// The default display name for a new account: its username.
    pub fn from_username(username: &Username) -> Self {
        Self(username.as_str().to_owned())
    }

    /// The display name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password in clear text, only ever held long enough to hash or verify it.
///
/// Its `Debug` output is redacted so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Checks `raw` against the password rules: 8–128 characters.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let length = raw.chars().count();
        if !(8..=128).contains(&length) {
            return Err(DomainError::new(
                "password",
                "must be between 8 and 128 characters",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The clear text, for the password hasher.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_accept_the_allowed_alphabet_at_both_length_bounds() {
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse(&"a".repeat(32)).is_ok());
        assert!(Username::parse("a_b.c-D9").is_ok());
    }

    #[test]
    fn usernames_reject_bad_lengths_and_characters() {
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse(&"a".repeat(33)).is_err());
        assert!(Username::parse("with space").is_err());
        assert!(Username::parse("émile").is_err());
        assert!(Username::parse("a@b").is_err());
    }

    #[test]
    fn usernames_differing_in_case_share_a_canonical_form() {
        let upper = Username::parse("Alice").unwrap();
        let lower = Username::parse("alice").unwrap();
        assert_ne!(upper, lower);
        assert_eq!(upper.canonical(), lower.canonical());
        assert_eq!(upper.as_str(), "Alice");
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        assert!(Email::parse("a@example.org").is_ok());
        assert!(Email::parse("  a@example.org ").is_ok());
        assert!(Email::parse("a@localhost").is_err());
        assert!(Email::parse("@example.org").is_err());
        assert!(Email::parse("a b@example.org").is_err());
        assert!(Email::parse("a@b@example.org").is_err());
        assert!(Email::parse("no-at-sign").is_err());
    }

    #[test]
    fn passwords_are_eight_to_one_hundred_twenty_eight_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"é".repeat(128)).is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let password = Password::parse("hunter2hunter2").unwrap();
        assert!(!format!("{password:?}").contains("hunter2"));
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ada  ").unwrap().as_str(), "Ada");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(33)).is_err());
        assert!(DisplayName::parse("a\u{0007}b").is_err());
    }
}
