//! Concord's use cases: everything a chat user can do, independent of how it is served.
//!
//! [`Concord`] is the entry point. It is built from [`Deps`], one implementation of each
//! port, and [`Settings`], and offers one async method per use case. Authorization lives
//! here, not in handlers: every method taking an `actor` checks what that user may see
//! and do, answering [`AppError::NotFound`] for what they may not know exists and
//! [`AppError::Forbidden`] for what they see but may not change. After a change is
//! stored, its event is published to its room through the pub/sub port.
//!
//! Modules, one per area: [`auth`] (accounts and sessions), [`users`], [`guilds`],
//! [`members`] (membership, kicks and bans), [`roles`], [`invites`], [`channels`],
//! [`messages`], [`dms`], [`relationships`], [`files`] (uploads, reads and their garbage),
//! [`events`] (what gets published), and [`gateway`] (realtime sessions, rooms and
//! presence).
//!
//! # Embedding
//!
//! Build the dependencies from whichever adapters suit you, then call use cases:
//!
//! ```no_run
//! use concord_app::{Concord, Deps, Settings, auth::Registration};
//!
//! async fn chat(deps: Deps) -> Result<(), concord_app::AppError> {
//!     let concord = Concord::new(deps, Settings::default());
//!     let session = concord
//!         .register(
//!             Registration {
//!                 username: "ada".into(),
//!                 email: "ada@example.org".into(),
//!                 password: "correct horse battery".into(),
//!                 display_name: None,
//!             },
//!             "127.0.0.1",
//!         )
//!         .await?;
//!     let ada = session.user.id;
//!     let guild = concord.create_guild(ada, "Analytical Engines").await?;
//!     let general = concord.guild_channels(ada, guild.id).await?.remove(0);
//!     let sent = concord
//!         .send_message(ada, general.id, concord_app::messages::Draft::text("hello"))
//!         .await?;
//!     assert_eq!(sent.content, "hello");
//!     Ok(())
//! }
//! ```

mod access;
pub mod auth;
pub mod channels;
pub mod dms;
mod error;
pub mod events;
pub mod files;
pub mod gateway;
pub mod guilds;
pub mod invites;
pub mod members;
pub mod messages;
pub mod relationships;
pub mod roles;
pub mod users;

use std::sync::{Arc, OnceLock};

use concord_ports::clock::Clock;
use concord_ports::files::FileStore;
use concord_ports::ids::IdSource;
use concord_ports::passwords::PasswordHasher;
use concord_ports::presence::PresenceStore;
use concord_ports::pubsub::PubSub;
use concord_ports::rate_limit::{Rate, RateLimiter};
use concord_ports::resume::ResumeLog;
use concord_ports::store::Store;
use concord_ports::tokens::TokenService;

pub use error::{AppError, AppResult};

/// One implementation of every port Concord needs.
#[derive(Clone)]
pub struct Deps {
    /// Durable storage.
    pub store: Arc<dyn Store>,
    /// The bytes of uploaded files.
    pub files: Arc<dyn FileStore>,
    /// Event distribution to rooms.
    pub pubsub: Arc<dyn PubSub>,
    /// Password hashing.
    pub passwords: Arc<dyn PasswordHasher>,
    /// Access tokens and secret digests.
    pub tokens: Arc<dyn TokenService>,
    /// Attempt counting for rate limits.
    pub limiter: Arc<dyn RateLimiter>,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// Ids and random secrets.
    pub ids: Arc<dyn IdSource>,
    /// Shared checkpoints of gateway sessions, so that any process can resume them;
    /// `None` keeps resuming within the process holding the session.
    pub resume_log: Option<Arc<dyn ResumeLog>>,
    /// Presence shared by every process; `None` counts sessions in this process only.
    pub presence: Option<Arc<dyn PresenceStore>>,
}

/// Tunable behaviour, with defaults suited to a public deployment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long an access token is valid, in seconds.
    pub access_ttl_secs: u64,
    /// How long a refresh token is valid, in seconds.
    pub refresh_ttl_secs: u64,
    /// Rate limits, or `None` to disable them (for load tests).
    pub rate_limits: Option<RateLimits>,
    /// The largest upload allowed for each purpose.
    pub file_limits: files::FileLimits,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 60 * 60,
            rate_limits: Some(RateLimits::default()),
            file_limits: files::FileLimits::default(),
        }
    }
}

/// The limits applied to abuse-prone use cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Registrations per client address.
    pub register: Rate,
    /// Login attempts per client address.
    pub login_per_address: Rate,
    /// Login attempts per account name, whoever tries.
    pub login_per_account: Rate,
    /// Messages sent per user.
    pub messages: Rate,
    /// Gateway IDENTIFYs per user.
    pub identify: Rate,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            register: Rate {
                count: 20,
                window_secs: 3600,
            },
            login_per_address: Rate {
                count: 30,
                window_secs: 60,
            },
            login_per_account: Rate {
                count: 10,
                window_secs: 60,
            },
            messages: Rate {
                count: 10,
                window_secs: 10,
            },
            identify: Rate {
                count: 20,
                window_secs: 60,
            },
        }
    }
}

/// The chat core. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Concord {
    deps: Deps,
    settings: Arc<Settings>,
    /// A hash of a throwaway password, verified against when a login names no account so
    /// that failed logins take as long whether or not the account exists.
    decoy_hash: Arc<OnceLock<String>>,
}

impl Concord {
    /// Builds the core from its dependencies.
    pub fn new(deps: Deps, settings: Settings) -> Self {
        Self {
            deps,
            settings: Arc::new(settings),
            decoy_hash: Arc::new(OnceLock::new()),
        }
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether storage, file storage and pub/sub answer, for readiness probes.
    pub async fn ready(&self) -> Readiness {
        Readiness {
            store: self.deps.store.ping().await.is_ok(),
            files: self.deps.files.check().await.is_ok(),
            pubsub: self.deps.pubsub.healthy().await,
        }
    }

    /// Counts an attempt under `key` against `pick(limits)`, if limits are on.
    async fn throttle(&self, key: &str, pick: fn(&RateLimits) -> Rate) -> AppResult<()> {
        let Some(limits) = &self.settings.rate_limits else {
            return Ok(());
        };
        self.deps
            .limiter
            .hit(key, pick(limits))
            .await
            .map_err(|limited| AppError::RateLimited(limited.retry_after_secs))
    }
}

/// Which dependencies answered a readiness check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    /// Storage answered.
    pub store: bool,
    /// File storage answered.
    pub files: bool,
    /// Pub/sub is connected.
    pub pubsub: bool,
}

impl Readiness {
    /// Whether everything is up.
    pub fn all_up(self) -> bool {
        self.store && self.files && self.pubsub
    }
}
