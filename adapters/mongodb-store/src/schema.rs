//! The collections, their indexes, and the keys of documents stored under two ids.
//!
//! See the crate documentation for what each collection holds. Start-up calls
//! [`ensure`], which creates missing collections and indexes; asking for an index that
//! already exists with the same keys and options does nothing, so this is safe on every
//! start and from several replicas at once.

use std::time::Duration;

use mongodb::bson::{Document, doc};
use mongodb::options::IndexOptions;
use mongodb::{Database, IndexModel};

/// Accounts.
pub(crate) const USERS: &str = "users";
/// Refresh tokens by hash.
pub(crate) const REFRESH_TOKENS: &str = "refresh_tokens";
/// Guilds.
pub(crate) const GUILDS: &str = "guilds";
/// Memberships.
pub(crate) const MEMBERS: &str = "members";
/// Guild roles.
pub(crate) const ROLES: &str = "roles";
/// Guild bans.
pub(crate) const BANS: &str = "bans";
/// Invites by code.
pub(crate) const INVITES: &str = "invites";
/// Guild and DM channels.
pub(crate) const CHANNELS: &str = "channels";
/// Messages.
pub(crate) const MESSAGES: &str = "messages";
/// Read states.
pub(crate) const READ_STATES: &str = "read_states";
/// Relationships, one document per pair of users.
pub(crate) const RELATIONSHIPS: &str = "relationships";
/// Uploaded files' records.
pub(crate) const FILES: &str = "files";

/// How long a refresh token is kept after it expires, so that a spent token replayed
/// shortly after its expiry is still recognised and revokes its family.
pub(crate) const TOKEN_GRACE: Duration = Duration::from_secs(7 * 24 * 3600);

/// The `_id` of a record identified by two ids, such as a membership (guild, user).
pub(crate) fn pair_key(first: impl std::fmt::Display, second: impl std::fmt::Display) -> String {
    format!("{first}:{second}")
}

/// Every collection with the indexes it needs besides `_id`.
fn collections() -> Vec<(&'static str, Vec<IndexModel>)> {
    vec![
        (
            USERS,
            vec![
                unique("username_key", doc! { "username_key": 1 }),
                unique("email_key", doc! { "email_key": 1 }),
            ],
        ),
        (
            REFRESH_TOKENS,
            vec![
                plain("family", doc! { "family": 1 }),
                index(
                    "expiry",
                    doc! { "expires_at": 1 },
                    IndexOptions::builder().expire_after(TOKEN_GRACE).build(),
                ),
            ],
        ),
        (GUILDS, vec![]),
        (
            MEMBERS,
            vec![
                unique("guild_user", doc! { "guild_id": 1, "user_id": 1 }),
                plain("user_guild", doc! { "user_id": 1, "guild_id": 1 }),
            ],
        ),
        (
            ROLES,
            vec![unique("guild_role", doc! { "guild_id": 1, "id": 1 })],
        ),
        (
            BANS,
            vec![unique("guild_user", doc! { "guild_id": 1, "user_id": 1 })],
        ),
        (INVITES, vec![plain("guild", doc! { "guild_id": 1 })]),
        (
            CHANNELS,
            vec![
                plain("guild", doc! { "guild_id": 1 }),
                plain("recipients", doc! { "recipients": 1 }),
                partial_unique("dm_pair", doc! { "dm_pair": 1 }, "dm_pair"),
            ],
        ),
        (
            MESSAGES,
            vec![
                plain("channel_message", doc! { "channel_id": 1, "id": 1 }),
                partial_unique(
                    "channel_author_nonce",
                    doc! { "channel_id": 1, "author_id": 1, "nonce": 1 },
                    "nonce",
                ),
            ],
        ),
        (
            READ_STATES,
            vec![
                plain("user_channel", doc! { "user_id": 1, "channel_id": 1 }),
                plain("channel", doc! { "channel_id": 1 }),
            ],
        ),
        (
            RELATIONSHIPS,
            vec![
                plain("low", doc! { "low": 1 }),
                plain("high", doc! { "high": 1 }),
            ],
        ),
        (
            FILES,
            vec![
                plain("state_created", doc! { "state.kind": 1, "created_at": 1 }),
                plain("channel", doc! { "state.owner.channel_id": 1 }),
            ],
        ),
    ]
}

/// Creates the collections and indexes that do not exist yet.
pub(crate) async fn ensure(db: &Database) -> mongodb::error::Result<()> {
    let existing = db.list_collection_names().await?;
    for (name, indexes) in collections() {
        if !existing.iter().any(|found| found == name) {
            create_collection(db, name).await?;
        }
        if !indexes.is_empty() {
            db.collection::<Document>(name)
                .create_indexes(indexes)
                .await?;
        }
    }
    Ok(())
}

/// Creates a collection, accepting that another replica may have just done so.
async fn create_collection(db: &Database, name: &str) -> mongodb::error::Result<()> {
    /// The server's code for a collection that already exists.
    const NAMESPACE_EXISTS: i32 = 48;

    match db.create_collection(name).await {
        Err(error)
            if matches!(
                error.kind.as_ref(),
                mongodb::error::ErrorKind::Command(command) if command.code == NAMESPACE_EXISTS
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// An index named `name` on `keys` with `options`.
fn index(name: &str, keys: Document, mut options: IndexOptions) -> IndexModel {
    options.name = Some(name.to_owned());
    IndexModel::builder().keys(keys).options(options).build()
}

/// An ordinary index.
fn plain(name: &str, keys: Document) -> IndexModel {
    index(name, keys, IndexOptions::default())
}

/// A unique index.
fn unique(name: &str, keys: Document) -> IndexModel {
    index(name, keys, IndexOptions::builder().unique(true).build())
}

/// A unique index over the documents whose `field` is a string; the others, where it
/// is null, may repeat.
fn partial_unique(name: &str, keys: Document, field: &str) -> IndexModel {
    let options = IndexOptions::builder()
        .unique(true)
        .partial_filter_expression(doc! { field: { "$type": "string" } })
        .build();
    index(name, keys, options)
}
