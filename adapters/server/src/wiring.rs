//! Wiring: turns the configuration into adapters and the adapters into a [`Concord`].
//!
//! This is the one place that knows which adapter implements which port. The embedded
//! defaults need nothing but a data folder: the redb store, a JWT secret generated on
//! first start and kept beside it, files in a folder beside it, in-process pub/sub and
//! rate limiting. With `CONCORD_PUBSUB=redis`, rate limits are counted in Redis too.
//! `CONCORD_STORE=mongodb` keeps the data in MongoDB instead, which replicas can share.
//! Whatever the store, the core receives it wrapped in [`TimedStore`], which measures it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use concord_app::files::FileLimits;
use concord_app::gateway::{Gateway, GatewaySettings};
use concord_app::{Concord, Deps, RateLimits, Settings};
use concord_argon2::Argon2Hasher;
use concord_embedded_store::EmbeddedStore;
use concord_jwt::JwtTokens;
use concord_local_pubsub::LocalPubSub;
use concord_local_ratelimit::LocalRateLimiter;
use concord_mongodb_store::MongoStore;
use concord_object_files::{ObjectFiles, S3Options};
use concord_ports::clock::Clock;
use concord_ports::files::FileStore;
use concord_ports::presence::PresenceStore;
use concord_ports::pubsub::PubSub;
use concord_ports::rate_limit::{Rate, RateLimiter};
use concord_ports::resume::ResumeLog;
use concord_ports::store::Store;
use concord_redis_pubsub::RedisPubSub;
use concord_system::{SystemClock, UlidSource};
use tracing::info;

use crate::Config;
use crate::config::{PubSubKind, StoreKind};
use crate::metrics::Metrics;
use crate::metrics::store::TimedStore;

/// File in the data folder holding the generated JWT secret.
const SECRET_FILE: &str = "jwt-secret";
/// Folder in the data folder holding uploaded files, unless configured elsewhere.
const FILES_FOLDER: &str = "files";
/// File in the data folder holding the embedded database.
const DATABASE_FILE: &str = "concord.redb";

/// Why Concord could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A setting is malformed; the message names the variable.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The data folder cannot be created or read.
    #[error("data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The store could not be opened, for example because another Concord process uses
    /// the same data folder, or MongoDB did not answer in time.
    #[error("cannot open the database: {0}")]
    Store(String),
    /// The pub/sub transport could not be reached.
    #[error("cannot reach pub/sub: {0}")]
    PubSub(String),
    /// A metric could not be registered (a name given twice or malformed).
    #[error("cannot set up metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// What [`wire`] builds.
pub struct Wired {
    /// The chat core with every adapter plugged in.
    pub concord: Concord,
    /// The realtime gateway core on top of it.
    pub gateway: Gateway,
    /// The server's metrics, already watching the store, the gateway and pub/sub.
    pub metrics: Metrics,
}

/// Builds the adapters named by `config` and the core on top of them.
pub async fn wire(config: &Config) -> Result<Wired, StartError> {
    wire_sharing(config, None).await
}

/// Like [`wire`], but with `store` instead of the one `config` names, so that several
/// servers in one process can share a store as replicas share a database.
pub async fn wire_sharing(
    config: &Config,
    store: Option<Arc<dyn Store>>,
) -> Result<Wired, StartError> {
    let settings = settings(config)?;
    let data_dir = &config.data_dir;
    std::fs::create_dir_all(data_dir).map_err(|source| StartError::DataDir {
        path: data_dir.clone(),
        source,
    })?;

    let metrics = Metrics::new()?;
    let store = match store {
        Some(store) => store,
        None => open_store(config).await?,
    };
    let store = Arc::new(TimedStore::new(
        store,
        config.store.name(),
        metrics.store().clone(),
    ));
    let secret = jwt_secret(config)?;
    let tokens = JwtTokens::new(&secret)
        .map_err(|error| StartError::Config(format!("CONCORD_JWT_SECRET: {error}")))?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let passwords = match config.argon2_memory_kib {
        0 => Argon2Hasher::default(),
        kib => Argon2Hasher::new(argon2_params(kib)?),
    };

    let Shared {
        pubsub,
        resume_log,
        presence,
        redis,
    } = open_pubsub(config).await?;
    let local_limiter: Arc<dyn RateLimiter> = Arc::new(LocalRateLimiter::new(clock.clone()));
    let limiter = match &redis {
        Some(redis) => {
            metrics.watch_redis(redis)?;
            Arc::new(redis.rate_limiter(local_limiter))
        }
        None => local_limiter,
    };
    let files = open_files(config)?;
    let deps = Deps {
        store,
        files,
        pubsub,
        resume_log,
        presence,
        passwords: Arc::new(passwords),
        tokens: Arc::new(tokens),
        limiter,
        clock,
        ids: Arc::new(UlidSource::new()),
    };
    info!(
        store = config.store.name(),
        pubsub = config.pubsub.name(),
        files = files_scheme(config),
        "adapters ready"
    );
    let concord = Concord::new(deps, settings);
    let gateway_settings = GatewaySettings {
        queue_capacity: config.gateway_queue.max(16),
        resume_window_millis: config.resume_window as i64,
        ..Default::default()
    };
    let gateway = Gateway::new(concord.clone(), gateway_settings);
    metrics.watch_gateway(&gateway)?;
    Ok(Wired {
        concord,
        gateway,
        metrics,
    })
}

/// The file storage `CONCORD_FILES_URL` names, by default a `files` folder in the data
/// folder.
fn open_files(config: &Config) -> Result<Arc<dyn FileStore>, StartError> {
    let url = match &config.files_url {
        Some(url) => url.clone(),
        None => {
            let folder = config.data_dir.join(FILES_FOLDER);
            std::fs::create_dir_all(&folder)
                .and_then(|()| folder.canonicalize())
                .and_then(|folder| {
                    file_url(&folder).ok_or_else(|| std::io::Error::other("not an absolute path"))
                })
                .map_err(|source| StartError::DataDir {
                    path: folder.clone(),
                    source,
                })?
        }
    };
    let options = S3Options {
        endpoint: config.s3_endpoint.clone(),
        region: config.s3_region.clone(),
        access_key_id: config.s3_access_key_id.clone(),
        secret_access_key: config.s3_secret_access_key.clone(),
        ..S3Options::default()
    };
    let files = ObjectFiles::from_url(&url, options)
        .map_err(|error| StartError::Config(format!("CONCORD_FILES_URL: {error}")))?;
    Ok(Arc::new(files))
}

/// The kind of file storage configured, for the start-up log (never the whole URL,
/// which could carry a bucket name an operator prefers to keep out of logs).
fn files_scheme(config: &Config) -> &str {
    match &config.files_url {
        Some(url) => url.split(':').next().unwrap_or("unknown"),
        None => "file",
    }
}

/// The `file://` URL of an absolute folder.
fn file_url(folder: &Path) -> Option<String> {
    url::Url::from_file_path(folder).ok().map(String::from)
}

/// The transport `CONCORD_PUBSUB` names, with the shared session checkpoints it offers.
async fn open_pubsub(config: &Config) -> Result<Shared, StartError> {
    match config.pubsub {
        PubSubKind::Local => Ok(Shared {
            pubsub: Arc::new(LocalPubSub::new()),
            resume_log: None,
            presence: None,
            redis: None,
        }),
        PubSubKind::Redis => {
            let redis = RedisPubSub::connect(&config.redis_url)
                .await
                .map_err(|error| StartError::PubSub(error.to_string()))?;
            let redis = Arc::new(redis);
            Ok(Shared {
                resume_log: Some(Arc::new(redis.resume_log())),
                presence: Some(Arc::new(redis.presence())),
                pubsub: redis.clone(),
                redis: Some(redis),
            })
        }
    }
}

/// What the pub/sub transport shares between replicas.
struct Shared {
    pubsub: Arc<dyn PubSub>,
    resume_log: Option<Arc<dyn ResumeLog>>,
    presence: Option<Arc<dyn PresenceStore>>,
    /// The Redis adapter itself, for its metrics.
    redis: Option<Arc<RedisPubSub>>,
}

/// The store `CONCORD_STORE` names: the embedded file, or MongoDB once it answers.
async fn open_store(config: &Config) -> Result<Arc<dyn Store>, StartError> {
    match config.store {
        StoreKind::Embedded => {
            let store = EmbeddedStore::open(&config.data_dir.join(DATABASE_FILE))
                .map_err(|error| StartError::Store(error.to_string()))?;
            Ok(Arc::new(store))
        }
        StoreKind::Mongodb => {
            let store = MongoStore::connect(&config.mongodb_uri)
                .await
                .map_err(|error| StartError::Store(with_causes(&error)))?;
            Ok(Arc::new(store))
        }
    }
}

/// An error's message followed by those of its causes.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        text.push_str(": ");
        text.push_str(&next.to_string());
        cause = next.source();
    }
    text
}

fn settings(config: &Config) -> Result<Settings, StartError> {
    if config.heartbeat_interval < 100 || config.identify_timeout < 100 {
        return Err(StartError::Config(
            "CONCORD_HEARTBEAT_INTERVAL and CONCORD_IDENTIFY_TIMEOUT must be at least 100 ms"
                .into(),
        ));
    }
    if config.resume_window < 100 {
        return Err(StartError::Config(
            "CONCORD_RESUME_WINDOW must be at least 100 ms".into(),
        ));
    }
    if config.access_ttl == 0 || config.refresh_ttl == 0 {
        return Err(StartError::Config(
            "CONCORD_ACCESS_TTL and CONCORD_REFRESH_TTL must be positive".into(),
        ));
    }
    let file_limits = FileLimits {
        avatar: config.max_avatar_bytes,
        icon: config.max_icon_bytes,
        attachment: config.max_attachment_bytes,
    };
    if [file_limits.avatar, file_limits.icon, file_limits.attachment].contains(&0) {
        return Err(StartError::Config(
            "CONCORD_MAX_AVATAR_BYTES, CONCORD_MAX_ICON_BYTES and \
             CONCORD_MAX_ATTACHMENT_BYTES must be positive"
                .into(),
        ));
    }
    Ok(Settings {
        access_ttl_secs: config.access_ttl,
        refresh_ttl_secs: config.refresh_ttl,
        rate_limits: parse_rate_limits(&config.rate_limits)?,
        file_limits,
    })
}

fn argon2_params(memory_kib: u32) -> Result<concord_argon2::Params, StartError> {
    concord_argon2::Params::new(memory_kib, 2, 1, None)
        .map_err(|error| StartError::Config(format!("CONCORD_ARGON2_MEMORY_KIB: {error}")))
}

/// Parses `on`, `off`, or overrides like `login=30/60,messages=10/10`.
pub fn parse_rate_limits(text: &str) -> Result<Option<RateLimits>, StartError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let mut limits = RateLimits::default();
    if text.eq_ignore_ascii_case("on") || text.is_empty() {
        return Ok(Some(limits));
    }
    let invalid = |part: &str| {
        StartError::Config(format!(
            "CONCORD_RATE_LIMITS: `{part}` is not NAME=COUNT/SECONDS with NAME one of \
             register, login, login_account, messages, identify"
        ))
    };
    for part in text.split(',').map(str::trim) {
        let (name, rate) = part.split_once('=').ok_or_else(|| invalid(part))?;
        let (count, window) = rate.split_once('/').ok_or_else(|| invalid(part))?;
        let count: u32 = count.trim().parse().map_err(|_| invalid(part))?;
        let window_secs: u32 = window.trim().parse().map_err(|_| invalid(part))?;
        if count == 0 || window_secs == 0 {
            return Err(invalid(part));
        }
        let rate = Rate { count, window_secs };
        match name.trim() {
            "register" => limits.register = rate,
            "login" => limits.login_per_address = rate,
            "login_account" => limits.login_per_account = rate,
            "messages" => limits.messages = rate,
            "identify" => limits.identify = rate,
            _ => return Err(invalid(part)),
        }
    }
    Ok(Some(limits))
}

/// The configured JWT secret, or the one kept in the data folder, made on first start.
fn jwt_secret(config: &Config) -> Result<Vec<u8>, StartError> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join(SECRET_FILE);
    let data_dir_error = |source| StartError::DataDir {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(hex) => {
            return decode_hex(hex.trim()).ok_or_else(|| {
                StartError::Config(format!("{} is not a hex secret", path.display()))
            });
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(data_dir_error(error)),
    }

    let secret = concord_jwt::generate_secret();
    write_private(&path, encode_hex(&secret).as_bytes()).map_err(data_dir_error)?;
    info!(path = %path.display(), "generated a new JWT secret");
    Ok(secret)
}

/// Writes a file readable only by its owner, durably.
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() < 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_can_be_switched_off_or_overridden() {
        assert_eq!(parse_rate_limits("off").unwrap(), None);
        assert_eq!(
            parse_rate_limits("on").unwrap(),
            Some(RateLimits::default())
        );
        let custom = parse_rate_limits("login=3/60, messages=5/1")
            .unwrap()
            .unwrap();
        assert_eq!(
            custom.login_per_address,
            Rate {
                count: 3,
                window_secs: 60
            }
        );
        assert_eq!(
            custom.messages,
            Rate {
                count: 5,
                window_secs: 1
            }
        );
        assert_eq!(custom.register, RateLimits::default().register);
    }

    #[test]
    fn malformed_rate_limits_name_the_variable() {
        for bad in ["login", "login=3", "nope=1/1", "login=0/5", "login=x/5"] {
            let error = parse_rate_limits(bad).unwrap_err().to_string();
            assert!(error.contains("CONCORD_RATE_LIMITS"), "{bad}: {error}");
        }
    }

    #[test]
    fn secrets_round_trip_through_hex() {
        let secret: Vec<u8> = (0..64).collect();
        assert_eq!(decode_hex(&encode_hex(&secret)).unwrap(), secret);
        assert_eq!(decode_hex("zz"), None);
    }
}
