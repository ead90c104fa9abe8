//! Concord's default storage: an embedded, crash-safe database file, built on redb.
//!
//! [`EmbeddedStore`] implements every trait of the storage port. Each port method runs as
//! exactly one redb transaction: reads on tokio's blocking pool, writes on one writer
//! thread. Write transactions run one at a time, so a method that reads, checks and
//! writes (joining through an invite, rotating a refresh token, swapping a relationship
//! pair) sees no other writer in between; writes that arrive together share one flush to
//! disk (group commit), and a method returns only once its change is on disk, so it
//! survives a crash or power loss.
//!
//! Records are stored as the JSON of the domain types; keys are ids in their 26-character
//! text form, whose byte order is their time order, or tuples of such texts. The tables,
//! as `key -> value`:
//!
//! | table | key | value |
//! |---|---|---|
//! | `meta` | setting name | number (the schema version) |
//! | `users` | user | user with password hash |
//! | `usernames` | lowercase username | user |
//! | `emails` | lowercase email | user |
//! | `refresh_tokens` | token hash | family, owner, expiry, whether spent |
//! | `revoked_families` | token family | nothing |
//! | `guilds` | guild | guild |
//! | `members` | (guild, user) | member |
//! | `user_guilds` | (user, guild) | nothing |
//! | `roles` | (guild, role) | role |
//! | `bans` | (guild, user) | ban |
//! | `invites` | code | invite |
//! | `guild_invites` | (guild, code) | nothing |
//! | `channels` | channel | channel |
//! | `guild_channels` | (guild, channel) | nothing |
//! | `dm_pairs` | (lower user, higher user) | channel |
//! | `user_dms` | (user, channel) | nothing |
//! | `messages` | (channel, message) | message |
//! | `nonces` | (channel, author, nonce) | message |
//! | `read_states` | (user, channel) | last read message |
//! | `channel_readers` | (channel, user) | nothing |
//! | `relationships` | (user, other user) | how the user sees the other |
//! | `files` | file | file record |
//! | `unused_files` | file, while uploading or ready | nothing |
//! | `channel_files` | (channel, file) for attachments | nothing |
//!
//! The tables whose value is "nothing" are secondary indexes, kept in the same
//! transaction as the records they point at. History pages are range scans over
//! `messages`, which keeps a channel's messages together in id order.
//!
//! Modules, one per aggregate, each implementing one trait of the port:
//! `users`, `sessions`, `guilds` (with `invites`), `channels`, `messages`, `read_states`
//! `relationships` and `files`. `tables` defines the tables, `codec` turns records into bytes and
//! back, `transaction` runs the blocking work and maps redb's errors onto the port's, and
//! `writer` is the thread that groups commits.
//!
//! Limits: spent refresh tokens and the marks of revoked families are kept, so a
//! replayed token can still be recognised; nothing prunes them yet. Only one process
//! may hold the database file at a time.

mod channels;
mod codec;
mod files;
mod guilds;
mod invites;
mod messages;
mod read_states;
mod relationships;
mod sessions;
mod tables;
mod transaction;
mod users;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use concord_ports::store::{Store, StoreError};
use redb::{Database, DatabaseError, backends::InMemoryBackend};

/// Concord's storage on an embedded redb database.
///
/// Cloning is cheap and every clone uses the same open database and writer thread; the
/// file is closed when the last clone is dropped.
#[derive(Debug, Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
    writer: Arc<writer::Writer>,
}

/// The database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another process, usually another Concord server, holds the file.
    #[error("the data folder at {} is in use by another Concord process", path.display())]
    InUse {
        /// The database file.
        path: PathBuf,
    },
    /// The folder for the database file could not be created.
    #[error("cannot create the data folder {}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// redb refused the file: unreadable, of an unsupported format or corrupt beyond repair.
    #[error("cannot open the database {}", path.display())]
    Database {
        /// The database file.
        path: PathBuf,
        /// redb's reason.
        #[source]
        source: DatabaseError,
    },
    /// The file was written by a newer Concord with a schema this one does not know.
    #[error("the database uses schema version {found}, newer than the supported {supported}")]
    NewerSchema {
        /// The version found in the file.
        found: u64,
        /// The newest version this build understands.
        supported: u64,
    },
    /// Preparing the tables failed.
    #[error("cannot prepare the database tables")]
    Tables(#[source] StoreError),
    /// The thread that runs write transactions could not be started.
    #[error("cannot start the storage writer thread")]
    Writer(#[source] std::io::Error),
}

impl EmbeddedStore {
    /// Opens the database file at `path`, creating it and its folder if needed.
    ///
    /// This blocks while redb checks the file, which after a crash includes repairing it.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        if let Some(folder) = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| OpenError::Folder {
                path: folder.to_owned(),
                source,
            })?;
        }

        let db = Database::create(path).map_err(|source| match source {
            DatabaseError::DatabaseAlreadyOpen => OpenError::InUse {
                path: path.to_owned(),
            },
            source => OpenError::Database {
                path: path.to_owned(),
                source,
            },
        })?;

        let store = Self::prepare(db)?;
        tracing::info!(path = %path.display(), "opened the embedded store");
        Ok(store)
    }

    /// A store kept in memory only, for tests; it runs the same code as a file-backed one.
    pub fn in_memory() -> Result<Self, OpenError> {
        let db = Database::builder()
            .create_with_backend(InMemoryBackend::new())
            .map_err(|source| OpenError::Database {
                path: PathBuf::from(":memory:"),
                source,
            })?;
        Self::prepare(db)
    }

    /// Creates every table and checks the schema version, so read transactions always
    /// find the tables they open.
    fn prepare(db: Database) -> Result<Self, OpenError> {
        let found = tables::create_all(&db)
            .map_err(|failure| OpenError::Tables(failure.into_store_error("prepare")))?;
        if found > tables::SCHEMA_VERSION {
            return Err(OpenError::NewerSchema {
                found,
                supported: tables::SCHEMA_VERSION,
            });
        }
        let db = Arc::new(db);
        let writer = writer::Writer::start(Arc::clone(&db)).map_err(OpenError::Writer)?;
        Ok(Self {
            db,
            writer: Arc::new(writer),
        })
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.read("ping", |tx| {
            let meta = tx.open_table(tables::META)?;
            meta.get(tables::SCHEMA_KEY)?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_in_memory_store_answers_pings() {
        let store = EmbeddedStore::in_memory().expect("in-memory store");
        assert!(store.ping().await.is_ok());
    }
}
