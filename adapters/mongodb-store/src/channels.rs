//! Guild channels and DM channels.
//!
//! Guild channels are found through `guild_id`, DM channels through `recipients`. A DM
//! channel also carries `dm_pair`, its two users' ids lowest first, under a unique
//! index: opening a DM inserts the candidate and, if the pair already has a channel,
//! the duplicate key sends it to read that one instead, so racing openers all end up
//! with the same channel.

use async_trait::async_trait;
use concord_domain::channel::{Channel, ChannelKind, DmPair};
use concord_domain::id::{ChannelId, GuildId, UserId};
use concord_ports::store::{ChannelStore, StoreError};
use mongodb::ClientSession;
use mongodb::bson::{Bson, Document, doc};

use crate::MongoStore;
use crate::codec::{collect, document, fields};
use crate::failure::{During, is_duplicate_key, store_error};
use crate::schema::{CHANNELS, MESSAGES, READ_STATES, pair_key};

/// How often opening a DM looks up, inserts and looks up again before giving up; only
/// a DM deleted between a failed insert and the second look-up needs another round.
const OPEN_DM_ROUNDS: usize = 3;

#[async_trait]
impl ChannelStore for MongoStore {
    async fn create_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let record = channel_document(channel)?;
        match self
            .collection::<Document>(CHANNELS)
            .insert_one(record)
            .await
        {
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(StoreError::Conflict("channel")),
            Err(error) => Err(store_error("create_channel", &error)),
        }
    }

    async fn open_dm(&self, pair: DmPair, candidate: &Channel) -> Result<Channel, StoreError> {
        let key = pair_key(pair.low(), pair.high());
        // Naming the index's filter lets the server use that partial index.
        let by_pair = doc! { "dm_pair": { "$eq": &key, "$type": "string" } };
        let mut record = channel_document(candidate)?;
        record.insert("dm_pair", key);

        let channels = self.collection::<Document>(CHANNELS);
        for _ in 0..OPEN_DM_ROUNDS {
            let existing = self
                .collection::<Channel>(CHANNELS)
                .find_one(by_pair.clone())
                .await
                .during("open_dm")?;
            if let Some(existing) = existing {
                return Ok(existing);
            }
            match channels.insert_one(record.clone()).await {
                Ok(_) => return Ok(candidate.clone()),
                Err(error) if is_duplicate_key(&error) => continue,
                Err(error) => return Err(store_error("open_dm", &error)),
            }
        }
        Err(StoreError::Conflict("dm"))
    }

    async fn channel(&self, id: ChannelId) -> Result<Option<Channel>, StoreError> {
        self.collection::<Channel>(CHANNELS)
            .find_one(doc! { "_id": id.to_string() })
            .await
            .during("channel")
    }

    async fn guild_channels(&self, guild: GuildId) -> Result<Vec<Channel>, StoreError> {
        let cursor = self
            .collection::<Channel>(CHANNELS)
            .find(doc! { "guild_id": guild.to_string() })
            .sort(doc! { "_id": 1 })
            .await
            .during("guild_channels")?;
        collect(cursor, "guild_channels").await
    }

    async fn dm_channels(&self, user: UserId) -> Result<Vec<Channel>, StoreError> {
        let cursor = self
            .collection::<Channel>(CHANNELS)
            .find(doc! { "recipients": user.to_string(), "dm_pair": { "$type": "string" } })
            .sort(doc! { "_id": 1 })
            .await
            .during("dm_channels")?;
        collect(cursor, "dm_channels").await
    }

    async fn update_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let mut changes = fields(channel)?;
        changes.remove("last_message_id");
        let mut update = doc! { "$set": changes };
        // Messages advance the last message id; a caller's older copy must not undo that.
        if let Some(last) = channel.last_message_id {
            update.insert("$max", doc! { "last_message_id": last.to_string() });
        }

        let updated = self
            .collection::<Document>(CHANNELS)
            .update_one(doc! { "_id": channel.id.to_string() }, update)
            .await
            .during("update_channel")?;
        if updated.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn delete_channel(&self, id: ChannelId) -> Result<bool, StoreError> {
        self.transaction("delete_channel", (self, id), |session, context| {
            let (store, id) = *context;
            Box::pin(delete_channel(session, store, id))
        })
        .await
    }
}

/// The document of a channel; a DM channel gets its `dm_pair`.
pub(crate) fn channel_document(channel: &Channel) -> Result<Document, StoreError> {
    let mut record = document(channel.id.to_string(), channel)?;
    if channel.kind == ChannelKind::Dm
        && let [a, b] = channel.recipients.as_slice()
    {
        record.insert("dm_pair", pair_key(a.min(b), a.max(b)));
    }
    Ok(record)
}

/// Deletes a channel with its messages and read states; a deleted category's children
/// lose their parent. Returns whether the channel existed.
async fn delete_channel(
    session: &mut ClientSession,
    store: &MongoStore,
    id: ChannelId,
) -> mongodb::error::Result<bool> {
    let key = id.to_string();
    let channels = store.collection::<Channel>(CHANNELS);
    let Some(channel) = channels
        .find_one_and_delete(doc! { "_id": &key })
        .session(&mut *session)
        .await?
    else {
        return Ok(false);
    };

    for collection in [MESSAGES, READ_STATES] {
        store
            .collection::<Document>(collection)
            .delete_many(doc! { "channel_id": &key })
            .session(&mut *session)
            .await?;
    }
    if let Some(guild) = channel.guild_id {
        channels
            .update_many(
                doc! { "guild_id": guild.to_string(), "parent_id": &key },
                doc! { "$set": { "parent_id": Bson::Null } },
            )
            .session(&mut *session)
            .await?;
    }
    Ok(true)
}
