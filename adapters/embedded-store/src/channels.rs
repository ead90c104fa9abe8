//! Guild channels and DM channels.
//!
//! Every channel is one record in `channels`. A guild channel is also listed under its
//! guild; a DM channel is found through its pair of users in `dm_pairs`, which admits
//! one channel per pair, and is listed under each recipient in `user_dms`.

use async_trait::async_trait;
use concord_domain::channel::{Channel, DmPair};
use concord_domain::id::{ChannelId, GuildId, UserId};
use concord_ports::store::{ChannelStore, StoreError};
use redb::{ReadTransaction, ReadableTable, WriteTransaction};

use crate::EmbeddedStore;
use crate::codec::{get_json, put_json};
use crate::tables::{
    CHANNEL_READERS, CHANNELS, DM_PAIRS, GUILD_CHANNELS, MESSAGES, NONCES, READ_STATES, USER_DMS,
    drain_under, ids_under, under, under_triple,
};
use crate::transaction::Outcome;

#[async_trait]
impl ChannelStore for EmbeddedStore {
    async fn create_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let channel = channel.clone();
        self.write("create_channel", move |tx| insert_channel(tx, &channel))
            .await
    }

    async fn open_dm(&self, pair: DmPair, candidate: &Channel) -> Result<Channel, StoreError> {
        let candidate = candidate.clone();
        self.write("open_dm", move |tx| {
            let (low, high) = (pair.low().to_string(), pair.high().to_string());
            let mut pairs = tx.open_table(DM_PAIRS)?;
            let existing = pairs
                .get((low.as_str(), high.as_str()))?
                .map(|id| id.value().to_owned());
            if let Some(id) = existing
                && let Some(channel) = get_json(&tx.open_table(CHANNELS)?, id.as_str())?
            {
                return Ok(channel);
            }

            let key = candidate.id.to_string();
            put_json(&mut tx.open_table(CHANNELS)?, key.as_str(), &candidate)?;
            pairs.insert((low.as_str(), high.as_str()), key.as_str())?;
            let mut user_dms = tx.open_table(USER_DMS)?;
            user_dms.insert((low.as_str(), key.as_str()), ())?;
            user_dms.insert((high.as_str(), key.as_str()), ())?;
            Ok(candidate)
        })
        .await
    }

    async fn channel(&self, id: ChannelId) -> Result<Option<Channel>, StoreError> {
        self.read("channel", move |tx| {
            get_json(&tx.open_table(CHANNELS)?, id.to_string().as_str())
        })
        .await
    }

    async fn guild_channels(&self, guild: GuildId) -> Result<Vec<Channel>, StoreError> {
        self.read("guild_channels", move |tx| {
            let ids = ids_under(&tx.open_table(GUILD_CHANNELS)?, &guild.to_string())?;
            load_all(tx, ids)
        })
        .await
    }

    async fn dm_channels(&self, user: UserId) -> Result<Vec<Channel>, StoreError> {
        self.read("dm_channels", move |tx| {
            let ids = ids_under(&tx.open_table(USER_DMS)?, &user.to_string())?;
            load_all(tx, ids)
        })
        .await
    }

    async fn update_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let mut next = channel.clone();
        self.write("update_channel", move |tx| {
            let key = next.id.to_string();
            let mut channels = tx.open_table(CHANNELS)?;
            let Some(stored) = get_json::<_, Channel>(&channels, key.as_str())? else {
                return Err(StoreError::NotFound.into());
            };

            // Messages advance the last message id; a caller's older copy must not undo that.
            next.last_message_id = next.last_message_id.max(stored.last_message_id);
            put_json(&mut channels, key.as_str(), &next)?;

            if stored.guild_id != next.guild_id {
                let mut guild_channels = tx.open_table(GUILD_CHANNELS)?;
                if let Some(old) = stored.guild_id {
                    guild_channels.remove((old.to_string().as_str(), key.as_str()))?;
                }
                if let Some(new) = next.guild_id {
                    guild_channels.insert((new.to_string().as_str(), key.as_str()), ())?;
                }
            }
            Ok(())
        })
        .await
    }

    async fn delete_channel(&self, id: ChannelId) -> Result<bool, StoreError> {
        self.write("delete_channel", move |tx| {
            let key = id.to_string();
            let Some(channel) = purge_channel(tx, &key)? else {
                return Ok(false);
            };
            let Some(guild) = channel.guild_id else {
                return Ok(true);
            };

            let guild = guild.to_string();
            let mut guild_channels = tx.open_table(GUILD_CHANNELS)?;
            guild_channels.remove((guild.as_str(), key.as_str()))?;

            let mut channels = tx.open_table(CHANNELS)?;
            for sibling in ids_under(&guild_channels, &guild)? {
                let Some(mut child) = get_json::<_, Channel>(&channels, sibling.as_str())? else {
                    continue;
                };
                if child.parent_id == Some(id) {
                    child.parent_id = None;
                    put_json(&mut channels, sibling.as_str(), &child)?;
                }
            }
            Ok(true)
        })
        .await
    }
}

/// Stores a channel and lists it under its guild, if it has one.
pub(crate) fn insert_channel(tx: &WriteTransaction, channel: &Channel) -> Outcome<()> {
    let key = channel.id.to_string();
    put_json(&mut tx.open_table(CHANNELS)?, key.as_str(), channel)?;
    if let Some(guild) = channel.guild_id {
        let guild = guild.to_string();
        tx.open_table(GUILD_CHANNELS)?
            .insert((guild.as_str(), key.as_str()), ())?;
    }
    Ok(())
}

/// Deletes the channel `key` with its messages, nonces, read states and DM indexes, and
/// returns it. Its entry in `guild_channels` is left to the caller.
pub(crate) fn purge_channel(tx: &WriteTransaction, key: &str) -> Outcome<Option<Channel>> {
    let channel: Option<Channel> = {
        let mut channels = tx.open_table(CHANNELS)?;
        let channel = get_json(&channels, key)?;
        channels.remove(key)?;
        channel
    };

    tx.open_table(MESSAGES)?
        .retain_in(under(key), |_, _| false)?;
    tx.open_table(NONCES)?
        .retain_in(under_triple(key), |_, _| false)?;

    let mut read_states = tx.open_table(READ_STATES)?;
    for reader in drain_under(&mut tx.open_table(CHANNEL_READERS)?, key)? {
        read_states.remove((reader.as_str(), key))?;
    }

    if let Some(channel) = &channel
        && let [low, high] = channel.recipients.as_slice()
    {
        let (low, high) = (low.min(high).to_string(), low.max(high).to_string());
        tx.open_table(DM_PAIRS)?
            .remove((low.as_str(), high.as_str()))?;
        let mut user_dms = tx.open_table(USER_DMS)?;
        user_dms.remove((low.as_str(), key))?;
        user_dms.remove((high.as_str(), key))?;
    }
    Ok(channel)
}

/// The channels with these ids that exist, in the order of the ids.
fn load_all(tx: &ReadTransaction, ids: Vec<String>) -> Outcome<Vec<Channel>> {
    let channels = tx.open_table(CHANNELS)?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(channel) = get_json(&channels, id.as_str())? {
            found.push(channel);
        }
    }
    Ok(found)
}
