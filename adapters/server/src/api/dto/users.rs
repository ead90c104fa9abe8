//! Accounts and sessions: the signed-in user, other users, registration and login.

use concord_app::events::PublicUser;
use concord_domain::user::User;
use poem_openapi::Object;
use poem_openapi::types::MaybeUndefined;

/// The signed-in user's own account.
#[derive(Debug, Object)]
pub struct CurrentUserDto {
    /// User id.
    pub id: String,
    /// Unique handle.
    pub username: String,
    /// Email address, only ever shown to its owner.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Avatar file id.
    #[oai(nullable)]
    pub avatar: Option<String>,
    /// Registration time (ms since epoch).
    pub created_at: i64,
}

impl From<&User> for CurrentUserDto {
    fn from(user: &User) -> Self {
        Self {
            id: user.id.to_string(),
            username: user.username.as_str().to_owned(),
            email: user.email.as_str().to_owned(),
            display_name: user.display_name.as_str().to_owned(),
            avatar: user.avatar.map(|id| id.to_string()),
            created_at: user.created_at.as_millis(),
        }
    }
}

/// Another user, as anyone may see them.
#[derive(Debug, Clone, Object)]
pub struct UserDto {
    /// User id.
    pub id: String,
    /// Unique handle.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Avatar file id.
    #[oai(nullable)]
    pub avatar: Option<String>,
}

impl From<PublicUser> for UserDto {
    fn from(user: PublicUser) -> Self {
        Self {
            id: user.id.to_string(),
            username: user.username,
            display_name: user.display_name,
            avatar: user.avatar.map(|id| id.to_string()),
        }
    }
}

/// A new account.
#[derive(Debug, Object)]
pub struct RegisterBody {
    /// 3–32 letters, digits, `_`, `.` or `-`; unique without regard to case.
    pub username: String,
    /// Unique email address.
    pub email: String,
    /// 8–128 characters.
    pub password: String,
    /// 1–32 characters; defaults to the username.
    #[oai(nullable)]
    pub display_name: Option<String>,
}

/// Credentials.
#[derive(Debug, Object)]
pub struct LoginBody {
    /// Username or email.
    pub login: String,
    /// Password.
    pub password: String,
}

/// A signed-in session. The refresh token travels in an httpOnly cookie.
#[derive(Debug, Object)]
pub struct AuthDto {
    /// The signed-in user.
    pub user: CurrentUserDto,
    /// Bearer token for the `Authorization` header.
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Changes to one's own profile; absent fields stay as they are.
#[derive(Debug, Object)]
pub struct UpdateMeBody {
    /// New username.
    #[oai(nullable)]
    pub username: Option<String>,
    /// New display name.
    #[oai(nullable)]
    pub display_name: Option<String>,
    /// An avatar upload's file id; `null` removes the avatar.
    #[oai(nullable)]
    pub avatar: MaybeUndefined<String>,
}
