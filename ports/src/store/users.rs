//! Storage of user accounts.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::user::User;

use super::StoreError;

/// A user together with their password hash, for logging in.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The account.
    pub user: User,
    /// The stored password hash.
    pub password_hash: String,
}

/// Stores users. Usernames and emails are unique without regard to case.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Adds a user; `Conflict("username")` or `Conflict("email")` if either is taken.
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError>;

    /// The user with `id`, if any.
    async fn user(&self, id: UserId) -> Result<Option<User>, StoreError>;

    /// The users with these ids that exist, in no particular order.
    async fn users(&self, ids: &[UserId]) -> Result<Vec<User>, StoreError>;

    /// The user whose username (without regard to case) is `username`.
    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError>;

    /// The credentials of the user whose username or email is `login`, ignoring case.
    async fn credentials(&self, login: &str) -> Result<Option<UserCredentials>, StoreError>;

    /// Replaces a user's profile; `NotFound` if they do not exist. Username and email
    /// changes are checked for uniqueness like on creation.
    async fn update_user(&self, user: &User) -> Result<(), StoreError>;
}
