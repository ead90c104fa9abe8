//! Concord's storage on MongoDB, for deployments that run several replicas of the server.
//!
//! [`MongoStore`] implements every trait of the storage port with the same behaviour as
//! the embedded store. It needs MongoDB 6 or newer running as a replica set (a
//! single-node one is enough), because the port calls that change several documents
//! together run as multi-document transactions.
//!
//! # Documents
//!
//! Every collection holds the serde form of one domain type as a BSON document, ids as
//! their 26-character text, whose order is their time order. `_id` is the record's own
//! key; records identified by two ids use `"first:second"`. The adapter adds a few
//! fields for keys and indexes, which reading ignores.
//!
//! The collections, each with its key, what it holds, and its indexes besides `_id`:
//!
//! - `users`, by user id: the user; `username_key` and `email_key`, the lowercase forms,
//!   each under a unique index; `password_hash`.
//! - `refresh_tokens`, by token hash: `family`, `user_id`, `expires_at` as a BSON date,
//!   `spent`, `revoked`. Indexed by `family`; a TTL index deletes tokens a week after
//!   `expires_at`.
//! - `guilds`, by guild id: the guild.
//! - `members`, by `guild:user`: the member. Unique (`guild_id`, `user_id`), which also
//!   pages members by user id; (`user_id`, `guild_id`) lists a user's guilds.
//! - `roles`, by `guild:role`: the role. Unique (`guild_id`, `id`).
//! - `bans`, by `guild:user`: the ban. Unique (`guild_id`, `user_id`).
//! - `invites`, by code: the invite. Indexed by `guild_id`.
//! - `channels`, by channel id: the channel, and for DMs `dm_pair`, the two user ids
//!   lowest first. Indexed by `guild_id` and `recipients`; `dm_pair` is unique where set.
//! - `messages`, by message id: the message. (`channel_id`, `id`) pages history; unique
//!   (`channel_id`, `author_id`, `nonce`) where a nonce is set de-duplicates sends.
//! - `read_states`, by `user:channel`: the read state. Indexed by (`user_id`,
//!   `channel_id`) and by `channel_id`.
//! - `relationships`, by `low:high`: the user ids `low` < `high` and `low_view`,
//!   `high_view`, how each sees the other. Indexed by `low` and by `high`.
//! - `files`, by file id: the file record, its `state` a document `{kind, owner?}`.
//!   Indexed by (`state.kind`, `created_at`) for the sweep of unused files and by
//!   `state.owner.channel_id` for the attachments of a channel.
//!
//! [`MongoStore::connect`] creates missing collections and indexes on every start;
//! creating an index that exists with the same options does nothing.
//!
//! # Atomicity
//!
//! Uniqueness rules are unique indexes: a duplicate key becomes `Conflict`. Changes to
//! one document are atomic by themselves, so a relationship pair is one document and a
//! compare-and-swap is a conditional update. Changes to several documents (a guild
//! with its role, channel and owner; joining through an invite; a ban; a refresh-token
//! rotation; revoking a token family; deleting a role, channel or guild with what it
//! owns) run in a transaction, which the driver retries on transient errors such as a
//! write conflict with a concurrent transaction: two racers on one refresh token or on
//! the last use of an invite both write the same document, so one of them starts over
//! and sees the other's result. Storing a message is an insert followed by a `$max`
//! update of the channel's last message id, outside a transaction so that busy
//! channels do not serialise their writers; if the process dies between the two, the
//! channel's last message id lags until the next message.
//!
//! Modules, one per aggregate, each implementing one trait of the port: `users`,
//! `sessions`, `guilds` (with `invites`), `channels`, `messages`, `read_states`,
//! `relationships` and `files`. `connect` reaches the database, `schema` names the collections and
//! creates the indexes, `codec` turns records into documents, `transaction` runs
//! multi-document work and `failure` maps the driver's errors onto the port's.
//!
//! Limits: the driver is built without DNS support, so `mongodb+srv://` URIs are
//! refused; list the hosts instead. Deleting a channel or guild removes its messages in
//! the same transaction, so one with millions of messages may exceed the server's
//! transaction time limit and fail as `Unavailable`.

mod channels;
mod codec;
mod connect;
mod failure;
mod files;
mod guilds;
mod invites;
mod messages;
mod read_states;
mod relationships;
mod schema;
mod sessions;
mod transaction;
mod users;

use async_trait::async_trait;
use concord_ports::store::{Store, StoreError};
use mongodb::bson::doc;
use mongodb::{Client, Collection, Database};

pub use connect::{ConnectError, ConnectOptions, DEFAULT_DATABASE};

use crate::failure::During;

/// Concord's storage on a MongoDB database.
///
/// Cloning is cheap and every clone shares the driver's connection pool.
#[derive(Debug, Clone)]
pub struct MongoStore {
    client: Client,
    db: Database,
}

impl MongoStore {
    /// The name of the database this store uses.
    pub fn database_name(&self) -> &str {
        self.db.name()
    }

    /// A handle on the collection `name`, reading and writing `T`.
    fn collection<T: Send + Sync>(&self, name: &str) -> Collection<T> {
        self.db.collection(name)
    }
}

#[async_trait]
impl Store for MongoStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.db
            .run_command(doc! { "ping": 1 })
            .await
            .during("ping")?;
        Ok(())
    }
}
