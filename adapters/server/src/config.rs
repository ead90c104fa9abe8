//! Configuration: one typed struct, read from flags and `CONCORD_*` environment variables.
//!
//! Every setting has a default that suits a person running Concord on their own machine,
//! so `concord` with no configuration at all starts a working chat server.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// The MongoDB URI used when `CONCORD_MONGODB_URI` is not set.
pub const DEFAULT_MONGODB_URI: &str = "mongodb://127.0.0.1:27017/concord";

/// Concord: a self-hosted, Discord-style chat server.
#[derive(Debug, Clone, Parser)]
#[command(name = "concord", version, about, long_about = None)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "CONCORD_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Folder for the embedded database, the generated JWT secret and local files.
    #[arg(long, env = "CONCORD_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Where data is kept: `embedded` (a database file in the data folder) or `mongodb`
    /// (the database at CONCORD_MONGODB_URI, shared by every replica).
    #[arg(long, env = "CONCORD_STORE", value_enum, default_value_t = StoreKind::Embedded)]
    pub store: StoreKind,

    /// The MongoDB to use with `CONCORD_STORE=mongodb`; its path names the database,
    /// `concord` when it names none. Writes wait for a majority's journal unless the URI
    /// sets `w` or `journal`.
    #[arg(
        long,
        env = "CONCORD_MONGODB_URI",
        default_value = DEFAULT_MONGODB_URI,
        hide_env_values = true
    )]
    pub mongodb_uri: String,

    /// The URL people reach this server at; browsers from other origins are refused
    /// on cookie-authenticated endpoints.
    #[arg(
        long,
        env = "CONCORD_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Mark session cookies `Secure` (needs HTTPS in front of Concord).
    #[arg(
        long,
        env = "CONCORD_SECURE_COOKIES",
        default_value_t = false,
        action = clap::ArgAction::Set
    )]
    pub secure_cookies: bool,

    /// Secret for signing access tokens (at least 32 bytes). Generated and kept in the
    /// data folder when unset; set it to the same value on every replica.
    #[arg(long, env = "CONCORD_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Lifetime of access tokens, in seconds.
    #[arg(long, env = "CONCORD_ACCESS_TTL", default_value_t = 900)]
    pub access_ttl: u64,

    /// Lifetime of refresh tokens, in seconds.
    #[arg(long, env = "CONCORD_REFRESH_TTL", default_value_t = 2_592_000)]
    pub refresh_ttl: u64,

    /// Rate limits: `on` (defaults), `off`, or overrides such as
    /// `login=30/60,register=20/3600,messages=10/10,login_account=10/60`
    /// (attempts per window in seconds).
    #[arg(long, env = "CONCORD_RATE_LIMITS", default_value = "on")]
    pub rate_limits: String,

    /// Folder of the built web client, served at `/` with `index.html` for unknown
    /// paths outside the API. Without an `index.html` there, `/` says how to build it.
    #[arg(long, env = "CONCORD_WEB_DIR", default_value = "frontend/dist")]
    pub web_dir: PathBuf,

    /// Largest accepted request body, in bytes (file uploads excepted).
    #[arg(long, env = "CONCORD_MAX_BODY", default_value_t = 1_048_576)]
    pub max_body: usize,

    /// How events reach other replicas: `local` (in-process; one replica) or `redis`
    /// (Redis Pub/Sub at CONCORD_REDIS_URL, with gateway sessions resumable anywhere).
    #[arg(long, env = "CONCORD_PUBSUB", value_enum, default_value_t = PubSubKind::Local)]
    pub pubsub: PubSubKind,

    /// The Redis to use with `CONCORD_PUBSUB=redis`.
    #[arg(
        long,
        env = "CONCORD_REDIS_URL",
        default_value = "redis://127.0.0.1:6379",
        hide_env_values = true
    )]
    pub redis_url: String,

    /// Events a gateway connection may have queued before the client counts as too slow
    /// and is disconnected (close code 4000).
    #[arg(long, env = "CONCORD_GATEWAY_QUEUE", default_value_t = 2048)]
    pub gateway_queue: usize,

    /// Seconds a connection may stay silent in both directions before it is closed;
    /// never less than two heartbeat intervals.
    #[arg(long, env = "CONCORD_IDLE_TIMEOUT", default_value_t = 120)]
    pub idle_timeout: u64,

    /// Gateway connections one client address may hold open at once (429 beyond);
    /// 0 lifts the cap, as a load test from one machine needs.
    #[arg(long, env = "CONCORD_GATEWAY_MAX_PER_ADDRESS", default_value_t = 1_000)]
    pub gateway_max_per_address: usize,

    /// Gateway heartbeat interval announced to clients, in milliseconds.
    #[arg(long, env = "CONCORD_HEARTBEAT_INTERVAL", default_value_t = 41_250)]
    pub heartbeat_interval: u64,

    /// How long a gateway client may take to IDENTIFY or RESUME, in milliseconds.
    #[arg(long, env = "CONCORD_IDENTIFY_TIMEOUT", default_value_t = 10_000)]
    pub identify_timeout: u64,

    /// How long a gateway session stays resumable after its connection drops, in
    /// milliseconds; past it, RESUME is answered with INVALID_SESSION. Lower it only
    /// for tests.
    #[arg(long, env = "CONCORD_RESUME_WINDOW", default_value_t = 120_000)]
    pub resume_window: u64,

    /// Memory cost of argon2id password hashing in KiB; 0 uses the recommended 19456.
    /// Lower it only for tests.
    #[arg(long, env = "CONCORD_ARGON2_MEMORY_KIB", default_value_t = 0)]
    pub argon2_memory_kib: u32,

    /// How many proxies in front of Concord append the client's address to
    /// `X-Forwarded-For` (a load balancer, an ingress); per-address limits then count the
    /// address the outermost of them saw. 0 ignores the header, which clients can forge.
    #[arg(long, env = "CONCORD_TRUSTED_PROXY_HOPS", default_value_t = 0)]
    pub trusted_proxy_hops: usize,

    /// Where uploaded files are kept: `file:///absolute/folder`, `memory://` (lost on
    /// exit; for tests), or `s3://bucket[/prefix]` with the S3 settings below. Unset, a
    /// `files` folder inside the data folder.
    #[arg(long, env = "CONCORD_FILES_URL")]
    pub files_url: Option<String>,

    /// The S3 endpoint for `s3://` file URLs, such as `http://minio:9000` for MinIO;
    /// unset, AWS itself.
    #[arg(long, env = "CONCORD_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,

    /// The S3 region.
    #[arg(long, env = "CONCORD_S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,

    /// The S3 access key id.
    #[arg(long, env = "CONCORD_S3_ACCESS_KEY_ID")]
    pub s3_access_key_id: Option<String>,

    /// The S3 secret access key.
    #[arg(long, env = "CONCORD_S3_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub s3_secret_access_key: Option<String>,

    /// The largest avatar upload, in bytes.
    #[arg(long, env = "CONCORD_MAX_AVATAR_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_avatar_bytes: u64,

    /// The largest guild icon upload, in bytes.
    #[arg(long, env = "CONCORD_MAX_ICON_BYTES", default_value_t = 8 * 1024 * 1024)]
    pub max_icon_bytes: u64,

    /// The largest attachment upload, in bytes.
    #[arg(long, env = "CONCORD_MAX_ATTACHMENT_BYTES", default_value_t = 25 * 1024 * 1024)]
    pub max_attachment_bytes: u64,

    /// Turns on CPU profiling at `/debug/pprof/profile` for requests bearing this token
    /// (`Authorization: Bearer <token>`); off when unset.
    #[arg(long, env = "CONCORD_PPROF_TOKEN", hide_env_values = true)]
    pub pprof_token: Option<String>,

    /// Log filter in `tracing` syntax, for example `info` or `concord=debug`;
    /// `RUST_LOG` is used when this is unset.
    #[arg(long, env = "CONCORD_LOG")]
    pub log: Option<String>,

    /// Log format: `text` or `json`.
    #[arg(long, env = "CONCORD_LOG_FORMAT", default_value = "text")]
    pub log_format: String,
}

/// The storage adapters Concord can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreKind {
    /// The embedded redb database in the data folder; one server process only.
    Embedded,
    /// A MongoDB replica set, which several Concord replicas can share.
    Mongodb,
}

impl StoreKind {
    /// The name used in configuration and logs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Embedded => "embedded",
            Self::Mongodb => "mongodb",
        }
    }
}

impl Config {
    /// The configuration a test wants: port 0 on loopback, the given data folder,
    /// no rate limits.
    pub fn for_tests(data_dir: PathBuf) -> Self {
        // A folder that does not exist: no web client unless a test provides one.
        let web_dir = data_dir.join("web");
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir,
            store: StoreKind::Embedded,
            mongodb_uri: DEFAULT_MONGODB_URI.to_owned(),
            public_url: "http://127.0.0.1".to_owned(),
            secure_cookies: false,
            jwt_secret: Some("test secret that is long enough for HS256 signing".to_owned()),
            access_ttl: 900,
            refresh_ttl: 3600,
            rate_limits: "off".to_owned(),
            web_dir,
            max_body: 1_048_576,
            pubsub: PubSubKind::Local,
            redis_url: "redis://127.0.0.1:6379".to_owned(),
            gateway_queue: 2048,
            gateway_max_per_address: 1_000,
            idle_timeout: 120,
            heartbeat_interval: 41_250,
            identify_timeout: 10_000,
            resume_window: 120_000,
            argon2_memory_kib: 64,
            trusted_proxy_hops: 0,
            files_url: Some("memory://".to_owned()),
            s3_endpoint: None,
            s3_region: "us-east-1".to_owned(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            max_avatar_bytes: 8 * 1024 * 1024,
            max_icon_bytes: 8 * 1024 * 1024,
            max_attachment_bytes: 25 * 1024 * 1024,
            pprof_token: None,
            log: None,
            log_format: "text".to_owned(),
        }
    }
}

/// The pub/sub transports Concord can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PubSubKind {
    /// In-process delivery; one server process only.
    Local,
    /// Redis Pub/Sub, shared by every replica.
    Redis,
}

impl PubSubKind {
    /// The name used in configuration and logs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Redis => "redis",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeSet;

    use clap::{CommandFactory, FromArgMatches};

    use super::*;

    /// The project README, whose configuration table is the documentation of record.
    const README: &str = include_str!("../../../README.md");

    /// Parses `args` as the binary would, but blind to the process environment, so that
    /// a `CONCORD_*` variable set where the tests run changes nothing (and no test has to
    /// change the environment, which tests running in parallel share).
    fn parse_without_env(args: &[&str]) -> Config {
        let command = Config::command().mut_args(|arg| arg.env(None::<&str>));
        let matches = command.try_get_matches_from(args).unwrap();
        Config::from_arg_matches(&matches).unwrap()
    }

    /// The rows of README's configuration table: the variables each names, and the
    /// default column's text.
    fn readme_rows() -> Vec<(Vec<String>, String)> {
        let section = README
            .split("\n## ")
            .find(|section| section.starts_with("Configuration\n"))
            .expect("README has a Configuration section");
        let rows = section.lines().filter(|line| line.starts_with("| `"));
        rows.map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let variables = cells[1]
                .split('`')
                .filter(|part| part.starts_with("CONCORD_"))
                .map(str::to_owned)
                .collect();
            (variables, cells[2].to_owned())
        })
        .collect()
    }

    /// Every variable README's configuration table names.
    fn readme_variables() -> BTreeSet<String> {
        readme_rows()
            .into_iter()
            .flat_map(|(names, _)| names)
            .collect()
    }

    /// Every variable the configuration reads.
    fn config_variables() -> BTreeSet<String> {
        let command = Config::command();
        let names = command.get_arguments().filter_map(|arg| arg.get_env());
        names
            .map(|name| name.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn no_flags_and_no_environment_give_the_documented_defaults() {
        let config = parse_without_env(&["concord"]);

        assert_eq!(config.bind, SocketAddr::from(([127, 0, 0, 1], 8080)));
        assert_eq!(config.data_dir, PathBuf::from("./data"));
        assert_eq!(config.store, StoreKind::Embedded);
        assert_eq!(config.pubsub, PubSubKind::Local);
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert!(!config.secure_cookies, "plain-http local use by default");
        assert_eq!(config.jwt_secret, None, "generated into the data folder");
        assert_eq!((config.access_ttl, config.refresh_ttl), (900, 2_592_000));
        assert_eq!(config.rate_limits, "on");
        assert_eq!(config.files_url, None, "a folder inside the data folder");
        assert_eq!(config.web_dir, PathBuf::from("frontend/dist"));
        assert_eq!(config.max_body, 1_048_576);
        assert_eq!(config.pprof_token, None, "profiling is off");
        assert_eq!((config.log, config.log_format.as_str()), (None, "text"));
    }

    #[test]
    fn flags_override_the_defaults() {
        let config = parse_without_env(&[
            "concord",
            "--bind",
            "0.0.0.0:9000",
            "--secure-cookies",
            "true",
            "--store",
            "mongodb",
            "--access-ttl",
            "60",
        ]);

        assert_eq!(config.bind, SocketAddr::from(([0, 0, 0, 0], 9000)));
        assert!(config.secure_cookies);
        assert_eq!(config.store, StoreKind::Mongodb);
        assert_eq!(config.access_ttl, 60);
    }

    #[test]
    fn the_readme_table_and_the_configuration_name_the_same_variables() {
        let documented = readme_variables();
        let known = config_variables();

        let undocumented: Vec<_> = known.difference(&documented).collect();
        assert!(
            undocumented.is_empty(),
            "missing from README: {undocumented:?}"
        );
        let unknown: Vec<_> = documented.difference(&known).collect();
        assert!(
            unknown.is_empty(),
            "README names unknown variables: {unknown:?}"
        );
    }

    #[test]
    fn help_names_every_variable_in_the_readme_table() {
        let help = Config::command().render_long_help().to_string();

        let missing: Vec<_> = readme_variables()
            .into_iter()
            .filter(|name| !help.contains(&format!("env: {name}")))
            .collect();
        assert!(
            missing.is_empty(),
            "--help does not name {missing:?}:\n{help}"
        );
    }

    #[test]
    fn literal_defaults_in_the_readme_table_are_the_real_ones() {
        let command = Config::command();

        for (names, default) in readme_rows() {
            // Only a default written as one literal (`900`) can be compared; prose such
            // as "generated" or "AWS" describes what the code does when unset.
            let Some(literal) = default
                .strip_prefix('`')
                .and_then(|rest| rest.strip_suffix('`'))
                .filter(|literal| !literal.contains('`'))
            else {
                continue;
            };
            for name in names {
                let arg = command
                    .get_arguments()
                    .find(|arg| arg.get_env().is_some_and(|env| env == name.as_str()))
                    .unwrap();
                let Some(code) = arg.get_default_values().first() else {
                    continue;
                };
                assert_eq!(code.to_string_lossy(), literal, "default of {name}");
            }
        }
    }
}
