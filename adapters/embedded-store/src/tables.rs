//! The database's tables, their creation, and the key ranges used to scan them.
//!
//! See the crate documentation for what each table holds. Tables keyed by two or three
//! texts sort by the first part, then the next, so all rows sharing a first part sit
//! together and are read with one range scan.

use std::ops::{Bound, RangeInclusive};

use redb::{Database, ReadableTable, Table, TableDefinition, Value};

use crate::transaction::Outcome;

/// The schema version this build writes and understands.
pub(crate) const SCHEMA_VERSION: u64 = 1;

/// The key of the schema version in [`META`].
pub(crate) const SCHEMA_KEY: &str = "schema_version";

/// Text that sorts after every id: ids use only digits and capital letters.
pub(crate) const AFTER_IDS: &str = "~";

/// Settings of the database itself.
pub(crate) const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// User id to the user with their password hash.
pub(crate) const USERS: TableDefinition<&str, &[u8]> = TableDefinition::new("users");

/// Lowercase username to user id.
pub(crate) const USERNAMES: TableDefinition<&str, &str> = TableDefinition::new("usernames");

/// Lowercase email to user id.
pub(crate) const EMAILS: TableDefinition<&str, &str> = TableDefinition::new("emails");

/// Refresh-token hash to the token's record.
pub(crate) const REFRESH_TOKENS: TableDefinition<&str, &[u8]> =
    TableDefinition::new("refresh_tokens");

/// The token families that have been revoked.
pub(crate) const REVOKED_FAMILIES: TableDefinition<&str, ()> =
    TableDefinition::new("revoked_families");

/// Guild id to guild.
pub(crate) const GUILDS: TableDefinition<&str, &[u8]> = TableDefinition::new("guilds");

/// (guild, user) to membership.
pub(crate) const MEMBERS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("members");

/// (user, guild) for every membership: the guilds of a user.
pub(crate) const USER_GUILDS: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("user_guilds");

/// (guild, role) to role.
pub(crate) const ROLES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("roles");

/// (guild, user) to ban.
pub(crate) const BANS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("bans");

/// Invite code to invite.
pub(crate) const INVITES: TableDefinition<&str, &[u8]> = TableDefinition::new("invites");

/// (guild, code) for every invite: the invites of a guild.
pub(crate) const GUILD_INVITES: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("guild_invites");

/// Channel id to channel, for guild and DM channels alike.
pub(crate) const CHANNELS: TableDefinition<&str, &[u8]> = TableDefinition::new("channels");

/// (guild, channel) for every guild channel.
pub(crate) const GUILD_CHANNELS: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("guild_channels");

/// (lower user id, higher user id) to the pair's DM channel.
pub(crate) const DM_PAIRS: TableDefinition<(&str, &str), &str> = TableDefinition::new("dm_pairs");

/// (user, channel) for both recipients of every DM channel.
pub(crate) const USER_DMS: TableDefinition<(&str, &str), ()> = TableDefinition::new("user_dms");

/// (channel, message) to message: a channel's history in id order.
pub(crate) const MESSAGES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("messages");

/// (channel, author, nonce) to the message sent with that nonce.
pub(crate) const NONCES: TableDefinition<(&str, &str, &str), &str> = TableDefinition::new("nonces");

/// (user, channel) to the last message the user read there.
pub(crate) const READ_STATES: TableDefinition<(&str, &str), &str> =
    TableDefinition::new("read_states");

/// (channel, user) for every read state: who has read a channel.
pub(crate) const CHANNEL_READERS: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("channel_readers");

/// (user, other user) to how the user sees the other.
pub(crate) const RELATIONSHIPS: TableDefinition<(&str, &str), &[u8]> =
    TableDefinition::new("relationships");

/// File id to the file's record.
pub(crate) const FILES: TableDefinition<&str, &[u8]> = TableDefinition::new("files");

/// File id for every file nothing uses (uploading or ready): the sweep's candidates.
pub(crate) const UNUSED_FILES: TableDefinition<&str, ()> = TableDefinition::new("unused_files");

/// (channel, file) for every file attached to a message of the channel.
pub(crate) const CHANNEL_FILES: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("channel_files");

/// Every key `(first, id)` of a two-part table, in id order.
pub(crate) fn under(first: &str) -> RangeInclusive<(&str, &str)> {
    (first, "")..=(first, AFTER_IDS)
}

/// Every key `(first, id, anything)` of a three-part table.
pub(crate) fn under_triple(first: &str) -> RangeInclusive<(&str, &str, &str)> {
    (first, "", "")..=(first, AFTER_IDS, "")
}

/// The bounds of a range scan over a two-part key.
pub(crate) type KeyRange<'a> = (Bound<(&'a str, &'a str)>, Bound<(&'a str, &'a str)>);

/// The keys `(first, id)` with ids after `after`, or all of them without `after`.
pub(crate) fn under_after<'a>(first: &'a str, after: Option<&'a str>) -> KeyRange<'a> {
    let start = match after {
        Some(after) => Bound::Excluded((first, after)),
        None => Bound::Included((first, "")),
    };
    (start, Bound::Included((first, AFTER_IDS)))
}

/// The ids in the second part of every key `(first, id)`, in id order.
pub(crate) fn ids_under<V: Value + 'static>(
    table: &impl ReadableTable<(&'static str, &'static str), V>,
    first: &str,
) -> Outcome<Vec<String>> {
    let mut ids = Vec::new();
    for entry in table.range(under(first))? {
        let (key, _) = entry?;
        ids.push(key.value().1.to_owned());
    }
    Ok(ids)
}

/// Removes every row `(first, id)` and returns the removed ids, in id order.
pub(crate) fn drain_under<V: Value + 'static>(
    table: &mut Table<'_, (&'static str, &'static str), V>,
    first: &str,
) -> Outcome<Vec<String>> {
    let mut ids = Vec::new();
    for entry in table.extract_from_if(under(first), |_, _| true)? {
        let (key, _) = entry?;
        ids.push(key.value().1.to_owned());
    }
    Ok(ids)
}

/// Creates the tables that do not exist yet and returns the stored schema version,
/// recording the current one in a new database.
pub(crate) fn create_all(db: &Database) -> Outcome<u64> {
    let tx = db.begin_write()?;

    tx.open_table(USERS)?;
    tx.open_table(USERNAMES)?;
    tx.open_table(EMAILS)?;
    tx.open_table(REFRESH_TOKENS)?;
    tx.open_table(REVOKED_FAMILIES)?;
    tx.open_table(GUILDS)?;
    tx.open_table(MEMBERS)?;
    tx.open_table(USER_GUILDS)?;
    tx.open_table(ROLES)?;
    tx.open_table(BANS)?;
    tx.open_table(INVITES)?;
    tx.open_table(GUILD_INVITES)?;
    tx.open_table(CHANNELS)?;
    tx.open_table(GUILD_CHANNELS)?;
    tx.open_table(DM_PAIRS)?;
    tx.open_table(USER_DMS)?;
    tx.open_table(MESSAGES)?;
    tx.open_table(NONCES)?;
    tx.open_table(READ_STATES)?;
    tx.open_table(CHANNEL_READERS)?;
    tx.open_table(RELATIONSHIPS)?;
    tx.open_table(FILES)?;
    tx.open_table(UNUSED_FILES)?;
    tx.open_table(CHANNEL_FILES)?;

    let found = {
        let mut meta = tx.open_table(META)?;
        let stored = meta.get(SCHEMA_KEY)?.map(|guard| guard.value());
        match stored {
            Some(version) => version,
            None => {
                meta.insert(SCHEMA_KEY, SCHEMA_VERSION)?;
                SCHEMA_VERSION
            }
        }
    };

    tx.commit()?;
    Ok(found)
}
