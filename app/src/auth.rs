//! Accounts and sessions: registration, login, token refresh with rotation, logout.
//!
//! A session is a short-lived access token plus a long-lived refresh token. Refresh
//! tokens are opaque random secrets stored only as digests and grouped into families:
//! each refresh spends the presented token and issues its successor, and presenting a
//! spent token again revokes the family, since only a thief would hold an old one.

use concord_domain::id::{TokenFamilyId, UserId};
use concord_domain::user::{DisplayName, Email, Password, User, Username};
use concord_ports::store::{RefreshToken, RotateOutcome, StoreError};
use tracing::{info, instrument, warn};

use crate::{AppError, AppResult, Concord};

/// Length of refresh-token and CSRF secrets, in base62 characters (about 190 bits).
const SECRET_LENGTH: usize = 32;

/// What a new user sends to register.
#[derive(Clone)]
pub struct Registration {
    /// The wanted username.
    pub username: String,
    /// Their email address.
    pub email: String,
    /// Their password, in clear.
    pub password: String,
    /// The display name; the username when absent.
    pub display_name: Option<String>,
}

/// A signed-in session, as handed to the client.
#[derive(Debug, Clone)]
pub struct AuthSession {
    /// The signed-in user.
    pub user: User,
    /// The bearer token for API calls.
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// The refresh secret, for an httpOnly cookie.
    pub refresh_token: String,
    /// Seconds until the refresh secret expires.
    pub refresh_expires_in: u64,
    /// A fresh anti-CSRF secret to pair with the refresh cookie.
    pub csrf_token: String,
}

impl Concord {
    /// Creates an account and signs it in. `client` identifies the caller's address
    /// for rate limiting.
    #[instrument(skip_all, fields(username = %input.username))]
    pub async fn register(&self, input: Registration, client: &str) -> AppResult<AuthSession> {
        let username = Username::parse(&input.username)?;
        let email = Email::parse(&input.email)?;
        let password = Password::parse(&input.password)?;
        let display_name = match input.display_name.as_deref() {
            Some(name) => DisplayName::parse(name)?,
            None => DisplayName::from_username(&username),
        };
        self.throttle(&format!("register:{client}"), |l| l.register)
            .await?;

        let now = self.deps.clock.now();
        let user = User {
            id: self.deps.ids.next_id().into(),
            username,
            email,
            display_name,
            avatar: None,
            created_at: now,
        };
        let hash = self.deps.passwords.hash(&password).await?;
        match self.deps.store.create_user(&user, &hash).await {
            Err(StoreError::Conflict("username")) => {
                return Err(AppError::Conflict {
                    code: "username_taken",
                    message: "that username is taken",
                });
            }
            Err(StoreError::Conflict("email")) => {
                return Err(AppError::Conflict {
                    code: "email_taken",
                    message: "that email is already registered",
                });
            }
            other => other?,
        }

        info!(user_id = %user.id, "user registered");
        self.start_session(user, TokenFamilyId::from(self.deps.ids.next_id()))
            .await
    }

    /// Signs in with a username or email and a password.
    #[instrument(skip_all)]
    pub async fn login(&self, login: &str, password: &str, client: &str) -> AppResult<AuthSession> {
        let login = login.trim();
        self.throttle(&format!("login:addr:{client}"), |l| l.login_per_address)
            .await?;
        self.throttle(&format!("login:account:{}", login.to_lowercase()), |l| {
            l.login_per_account
        })
        .await?;

        let rejected = AppError::Unauthorized("invalid login or password");
        let Ok(password) = Password::parse(password) else {
            return Err(rejected);
        };
        let Some(credentials) = self.deps.store.credentials(login).await? else {
            self.verify_against_decoy(&password).await?;
            return Err(rejected);
        };
        if !self
            .deps
            .passwords
            .verify(&password, &credentials.password_hash)
            .await?
        {
            warn!(user_id = %credentials.user.id, "failed login");
            return Err(rejected);
        }

        info!(user_id = %credentials.user.id, "user logged in");
        self.start_session(
            credentials.user,
            TokenFamilyId::from(self.deps.ids.next_id()),
        )
        .await
    }

    /// Exchanges a refresh secret for a new session, spending the secret.
    #[instrument(skip_all)]
    pub async fn refresh(&self, refresh_token: &str) -> AppResult<AuthSession> {
        let now = self.deps.clock.now();
        let hash = self.deps.tokens.digest(refresh_token);
        let secret = self.deps.ids.random_token(SECRET_LENGTH);
        let next = RefreshToken {
            hash: self.deps.tokens.digest(&secret),
            // The adapter moves the successor into the presented token's family.
            family: TokenFamilyId::from(self.deps.ids.next_id()),
            user_id: UserId::lowest_at(now),
            expires_at: now.plus_millis(self.refresh_ttl_millis()),
        };

        let user_id = match self
            .deps
            .store
            .rotate_refresh_token(&hash, &next, now)
            .await?
        {
            RotateOutcome::Rotated { user_id } => user_id,
            RotateOutcome::Reused => {
                warn!("a spent refresh token was presented again; its family is revoked");
                return Err(AppError::Unauthorized(
                    "refresh token reused; sign in again",
                ));
            }
            RotateOutcome::Invalid => return Err(AppError::Unauthorized("invalid refresh token")),
        };
        let user = self
            .deps
            .store
            .user(user_id)
            .await?
            .ok_or(AppError::Unauthorized("invalid refresh token"))?;
        self.session_with_secret(user, secret)
    }

    /// Ends the session the refresh secret belongs to, with every token of its family.
    #[instrument(skip_all)]
    pub async fn logout(&self, refresh_token: &str) -> AppResult<()> {
        let hash = self.deps.tokens.digest(refresh_token);
        self.deps.store.revoke_refresh_family(&hash).await?;
        Ok(())
    }

    /// The user an access token belongs to, if the token is valid and the user exists.
    pub async fn authenticate(&self, access_token: &str) -> AppResult<UserId> {
        let now = self.deps.clock.now();
        let user_id = self.deps.tokens.verify_access(access_token, now)?;
        match self.deps.store.user(user_id).await? {
            Some(_) => Ok(user_id),
            None => Err(AppError::Unauthorized("invalid token")),
        }
    }

    /// Stores the first refresh token of a new family and builds the session.
    async fn start_session(&self, user: User, family: TokenFamilyId) -> AppResult<AuthSession> {
        let now = self.deps.clock.now();
        let secret = self.deps.ids.random_token(SECRET_LENGTH);
        let token = RefreshToken {
            hash: self.deps.tokens.digest(&secret),
            family,
            user_id: user.id,
            expires_at: now.plus_millis(self.refresh_ttl_millis()),
        };
        self.deps.store.create_refresh_token(&token).await?;
        self.session_with_secret(user, secret)
    }

    fn session_with_secret(&self, user: User, refresh_token: String) -> AppResult<AuthSession> {
        let now = self.deps.clock.now();
        let ttl = self.settings.access_ttl_secs;
        let access_token = self.deps.tokens.issue_access(user.id, now, ttl)?;
        Ok(AuthSession {
            user,
            access_token,
            expires_in: ttl,
            refresh_token,
            refresh_expires_in: self.settings.refresh_ttl_secs,
            csrf_token: self.deps.ids.random_token(SECRET_LENGTH),
        })
    }

    fn refresh_ttl_millis(&self) -> i64 {
        i64::try_from(self.settings.refresh_ttl_secs.saturating_mul(1000)).unwrap_or(i64::MAX)
    }

    /// Spends the time a real verification would, so unknown logins are not faster.
    async fn verify_against_decoy(&self, password: &Password) -> AppResult<()> {
        let hash = match self.decoy_hash.get() {
            Some(hash) => hash.clone(),
            None => {
                let decoy = Password::parse("decoy password, never valid")?;
                let hash = self.deps.passwords.hash(&decoy).await?;
                self.decoy_hash.get_or_init(|| hash).clone()
            }
        };
        self.deps.passwords.verify(password, &hash).await?;
        Ok(())
    }
}
