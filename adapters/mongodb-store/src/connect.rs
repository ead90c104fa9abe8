//! Reaching the database at start-up: parse the URI, wait for a primary with a bounded
//! retry, check that transactions are possible, and prepare the schema.
//!
//! Writes ask for durability unless the URI says otherwise: a write is acknowledged once
//! a majority of the replica set has it in its on-disk journal (`w: majority, j: true`).
//! A server's own default may be weaker: SecantusDB's is `w: 1` without the journal, and
//! killed with SIGKILL it lost messages Concord had already acknowledged with 201.
//!
//! Containers often start Concord and MongoDB together, so a database that is not up
//! yet is normal for a while: each failed attempt logs one warning line and is retried
//! with a growing pause until [`ConnectOptions::wait`] runs out.

use std::time::{Duration, Instant};

use mongodb::bson::{Document, doc};
use mongodb::options::{Acknowledgment, ClientOptions, WriteConcern};
use mongodb::{Client, Database};
use tracing::{info, warn};

use crate::{MongoStore, schema};

/// The database used when the URI names none.
pub const DEFAULT_DATABASE: &str = "concord";

/// The first pause between attempts; each pause doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(250);

/// The longest pause between attempts.
const MAX_PAUSE: Duration = Duration::from_secs(4);

/// How [`MongoStore::connect_with`] reaches the database.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// How long to keep trying to reach a primary before giving up.
    pub wait: Duration,
    /// How long one attempt, and later any operation, waits for a usable server, unless
    /// the URI sets `serverSelectionTimeoutMS`.
    pub server_selection_timeout: Duration,
    /// The database to use instead of the one named in the URI.
    pub database: Option<String>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            wait: Duration::from_secs(30),
            server_selection_timeout: Duration::from_secs(5),
            database: None,
        }
    }
}

/// The database could not be reached or prepared.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The URI does not parse, or asks for something this build lacks (such as
    /// `mongodb+srv://`, which needs DNS lookups the driver is built without).
    #[error("invalid MongoDB URI")]
    Uri(#[source] mongodb::error::Error),
    /// No primary answered before the wait ran out.
    #[error("MongoDB at {hosts} did not answer within {waited_secs} s ({attempts} attempts)")]
    Unreachable {
        /// The hosts named by the URI.
        hosts: String,
        /// How many attempts were made.
        attempts: u32,
        /// How long they took in all, in seconds.
        waited_secs: u64,
        /// Why the last attempt failed.
        #[source]
        source: mongodb::error::Error,
    },
    /// The server is a standalone `mongod`, which has no transactions.
    #[error(
        "MongoDB at {hosts} is a standalone server; Concord needs a replica set \
         (a single-node one is enough) for transactions"
    )]
    NotReplicaSet {
        /// The hosts named by the URI.
        hosts: String,
    },
    /// Creating the collections or indexes failed, for example because an index of the
    /// same name exists with other options.
    #[error("cannot create the collections and indexes of database {database}")]
    Schema {
        /// The database.
        database: String,
        /// The driver's reason.
        #[source]
        source: mongodb::error::Error,
    },
}

impl MongoStore {
    /// Connects to the database named by `uri` (`concord` when the URI names none),
    /// waiting up to 30 s for it, and creates missing collections and indexes.
    pub async fn connect(uri: &str) -> Result<Self, ConnectError> {
        Self::connect_with(uri, ConnectOptions::default()).await
    }

    /// Like [`connect`](Self::connect), with explicit options.
    pub async fn connect_with(uri: &str, options: ConnectOptions) -> Result<Self, ConnectError> {
        let client_options = client_options(uri, &options).await?;
        let hosts = client_options
            .hosts
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let database = database_name(&options, &client_options);

        let client = Client::with_options(client_options).map_err(ConnectError::Uri)?;
        let db = client.database(&database);
        let hello = wait_for_primary(&db, &hosts, options.wait).await?;
        if !hello.contains_key("setName") && hello.get_str("msg") != Ok("isdbgrid") {
            return Err(ConnectError::NotReplicaSet { hosts });
        }

        schema::ensure(&db)
            .await
            .map_err(|source| ConnectError::Schema {
                database: database.clone(),
                source,
            })?;
        info!(%hosts, %database, "connected to MongoDB");
        Ok(Self { client, db })
    }
}

/// The driver's options: the URI's, with Concord's defaults for what it leaves out.
async fn client_options(
    uri: &str,
    options: &ConnectOptions,
) -> Result<ClientOptions, ConnectError> {
    let mut client_options = ClientOptions::parse(uri).await.map_err(ConnectError::Uri)?;
    client_options
        .server_selection_timeout
        .get_or_insert(options.server_selection_timeout);
    client_options
        .app_name
        .get_or_insert_with(|| "concord".to_owned());
    client_options
        .write_concern
        .get_or_insert_with(durable_writes);
    Ok(client_options)
}

/// The write concern when the URI sets none: majority-acknowledged and journaled, so
/// that a write, once acknowledged, survives the crash of any server.
fn durable_writes() -> WriteConcern {
    WriteConcern::builder()
        .w(Acknowledgment::Majority)
        .journal(true)
        .build()
}

/// The database to use: the one the options name, else the URI's, else the default.
fn database_name(options: &ConnectOptions, client_options: &ClientOptions) -> String {
    options
        .database
        .clone()
        .or_else(|| client_options.default_database.clone())
        .unwrap_or_else(|| DEFAULT_DATABASE.to_owned())
}

/// Asks the primary `hello` until it answers or `wait` has passed, and returns its reply.
async fn wait_for_primary(
    db: &Database,
    hosts: &str,
    wait: Duration,
) -> Result<Document, ConnectError> {
    let started = Instant::now();
    let mut pause = FIRST_PAUSE;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let error = match db.run_command(doc! { "hello": 1 }).await {
            Ok(reply) => return Ok(reply),
            Err(error) => error,
        };

        let waited = started.elapsed();
        if waited + pause > wait {
            warn!(attempt, %hosts, %error, "MongoDB is unreachable; giving up");
            return Err(ConnectError::Unreachable {
                hosts: hosts.to_owned(),
                attempts: attempt,
                waited_secs: waited.as_secs(),
                source: error,
            });
        }
        warn!(
            attempt,
            %hosts,
            retry_in_ms = pause.as_millis() as u64,
            %error,
            "MongoDB is not reachable yet; retrying"
        );
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn name_for(uri: &str, database: Option<&str>) -> String {
        let client_options = ClientOptions::parse(uri).await.expect("valid URI");
        let options = ConnectOptions {
            database: database.map(str::to_owned),
            ..ConnectOptions::default()
        };
        database_name(&options, &client_options)
    }

    #[tokio::test]
    async fn writes_are_journaled_unless_the_uri_sets_a_write_concern() {
        let defaults = ConnectOptions::default();
        let concern = |options: ClientOptions| options.write_concern.expect("a write concern");

        let durable = concern(
            client_options("mongodb://db/chat", &defaults)
                .await
                .unwrap(),
        );
        assert_eq!(durable.w, Some(Acknowledgment::Majority));
        assert_eq!(durable.journal, Some(true));

        let asked = concern(
            client_options("mongodb://db/chat?w=1", &defaults)
                .await
                .unwrap(),
        );
        assert_eq!(
            (asked.w, asked.journal),
            (Some(Acknowledgment::Nodes(1)), None)
        );
    }

    #[tokio::test]
    async fn the_database_comes_from_the_options_then_the_uri_then_the_default() {
        assert_eq!(name_for("mongodb://db:27017", None).await, "concord");
        assert_eq!(name_for("mongodb://db:27017/chat", None).await, "chat");
        assert_eq!(
            name_for("mongodb://db/chat?w=1", Some("other")).await,
            "other"
        );
    }
}
