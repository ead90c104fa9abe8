//! Messages, read per channel in id order, with nonces that make retried sends safe.
//!
//! Message ids sort by creation time, so a page of history is one scan of the
//! (`channel_id`, `id`) index: backwards from the end or from an id for the newest
//! messages, forwards from an id for the oldest ones after it. A unique index over
//! (`channel_id`, `author_id`, `nonce`), limited to messages that have a nonce, turns a
//! retried send into a duplicate key, answered with the message first sent; deleting
//! that message frees the nonce. A duplicate key on the message's own id is the driver
//! retrying an insert that was stored but whose answer was lost (a server that does not
//! recognise retried writes, such as SecantusDB after a restart): the message is new.
//!
//! [`MongoStore::import_messages`] stores many messages with one bulk insert, outside
//! the port, for seeding a channel (the storage benchmark fills its deep channel so).
//!
//! Reactions change by compare-and-swap: read the message, apply the domain's rule, and
//! write the new reactions only if they are still the ones read, else start over.

use std::collections::HashMap;

use async_trait::async_trait;
use concord_domain::id::{ChannelId, MessageId, UserId};
use concord_domain::message::{Emoji, Message};
use concord_ports::store::{HistoryPage, MessageInsert, MessageStore, StoreError};
use mongodb::bson::{Document, doc};
use mongodb::options::FindOptions;

use crate::MongoStore;
use crate::codec::{collect, document, value};
use crate::failure::{During, is_duplicate_key, store_error};
use crate::schema::{CHANNELS, MESSAGES};

/// How often a send whose nonce collided looks for the first message before giving up;
/// only a first message deleted in between needs another round.
const NONCE_ROUNDS: usize = 3;

/// How often a reaction is retried when other reactions keep changing the message.
const REACT_ROUNDS: usize = 32;

#[async_trait]
impl MessageStore for MongoStore {
    async fn create_message(&self, message: &Message) -> Result<MessageInsert, StoreError> {
        let record = document(message.id.to_string(), message)?;
        let messages = self.collection::<Document>(MESSAGES);
        for _ in 0..NONCE_ROUNDS {
            let error = match messages.insert_one(record.clone()).await {
                Ok(_) => {
                    self.advance_channel(message, "create_message").await?;
                    return Ok(MessageInsert::Created);
                }
                Err(error) => error,
            };
            if !is_duplicate_key(&error) {
                return Err(store_error("create_message", &error));
            }
            // The driver retries a write whose answer was lost. When the lost attempt was
            // stored, the retry collides with this very message, which is still new.
            let ours = messages
                .find_one(message_key(message.channel_id, message.id))
                .await
                .during("create_message")?;
            if ours.is_some() {
                self.advance_channel(message, "create_message").await?;
                return Ok(MessageInsert::Created);
            }
            let Some(nonce) = &message.nonce else {
                return Err(store_error("create_message", &error));
            };

            let first = self
                .collection::<Message>(MESSAGES)
                .find_one(doc! {
                    "channel_id": message.channel_id.to_string(),
                    "author_id": message.author_id.to_string(),
                    // Naming the index's filter lets the server use that partial index.
                    "nonce": { "$eq": nonce, "$type": "string" },
                })
                .await
                .during("create_message")?;
            if let Some(first) = first {
                return Ok(MessageInsert::Duplicate(Box::new(first)));
            }
        }
        Err(StoreError::Conflict("message"))
    }

    async fn message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.collection::<Message>(MESSAGES)
            .find_one(message_key(channel, id))
            .await
            .during("message")
    }

    async fn messages(
        &self,
        channel: ChannelId,
        page: HistoryPage,
        limit: usize,
    ) -> Result<Vec<Message>, StoreError> {
        // A limit of 0 would mean "no limit" to the server.
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut filter = doc! { "channel_id": channel.to_string() };
        let newest_first = match page {
            HistoryPage::Latest => true,
            HistoryPage::Before(id) => {
                filter.insert("id", doc! { "$lt": id.to_string() });
                true
            }
            HistoryPage::After(id) => {
                filter.insert("id", doc! { "$gt": id.to_string() });
                false
            }
        };
        let options = FindOptions::builder()
            .sort(doc! { "id": if newest_first { -1 } else { 1 } })
            .limit(i64::try_from(limit).unwrap_or(i64::MAX))
            .build();

        let cursor = self
            .collection::<Message>(MESSAGES)
            .find(filter)
            .with_options(options)
            .await
            .during("messages")?;
        let mut page = collect(cursor, "messages").await?;
        if !newest_first {
            page.reverse();
        }
        Ok(page)
    }

    async fn update_message(&self, message: &Message) -> Result<(), StoreError> {
        // Only what an edit changes; reactions may have moved on since the caller read.
        let edit = doc! {
            "content": &message.content,
            "mentions": value(&message.mentions)?,
            "attachments": value(&message.attachments)?,
            "edited_at": value(&message.edited_at)?,
        };
        let updated = self
            .collection::<Document>(MESSAGES)
            .update_one(
                message_key(message.channel_id, message.id),
                doc! { "$set": edit },
            )
            .await
            .during("update_message")?;
        if updated.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn delete_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.collection::<Message>(MESSAGES)
            .find_one_and_delete(message_key(channel, id))
            .await
            .during("delete_message")
    }

    async fn react(
        &self,
        channel: ChannelId,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
        add: bool,
    ) -> Result<(Message, bool), StoreError> {
        let key = message_key(channel, id);
        let messages = self.collection::<Message>(MESSAGES);
        for _ in 0..REACT_ROUNDS {
            let Some(mut message) = messages.find_one(key.clone()).await.during("react")? else {
                return Err(StoreError::NotFound);
            };
            let read = value(&message.reactions)?;
            let changed = if add {
                message.add_reaction(emoji, user)
            } else {
                message.remove_reaction(emoji, user)
            };
            if !changed {
                return Ok((message, false));
            }

            let mut unchanged = key.clone();
            unchanged.insert("reactions", read);
            let swapped = messages
                .update_one(
                    unchanged,
                    doc! { "$set": { "reactions": value(&message.reactions)? } },
                )
                .await
                .during("react")?;
            if swapped.matched_count == 1 {
                return Ok((message, true));
            }
        }
        Err(StoreError::Conflict("reaction"))
    }
}

impl MongoStore {
    /// Stores `messages` with one unordered bulk insert, for seeding and imports, and
    /// moves each channel's last message id up to its newest one. It saves the round
    /// trips of [`create_message`](MessageStore::create_message) one at a time but gives
    /// none of its answers: a message whose id or nonce is taken already makes the
    /// whole call `Conflict`, though every other message is stored.
    pub async fn import_messages(&self, messages: &[Message]) -> Result<(), StoreError> {
        let records = messages
            .iter()
            .map(|message| document(message.id.to_string(), message))
            .collect::<Result<Vec<_>, _>>()?;
        if records.is_empty() {
            return Ok(());
        }
        let collided = match self
            .collection::<Document>(MESSAGES)
            .insert_many(records)
            .ordered(false)
            .await
        {
            Ok(_) => false,
            Err(error) if is_duplicate_key(&error) => true,
            Err(error) => return Err(store_error("import_messages", &error)),
        };

        // The messages stored advance their channel even when some others collided.
        let mut newest: HashMap<ChannelId, &Message> = HashMap::new();
        for message in messages {
            let entry = newest.entry(message.channel_id).or_insert(message);
            if entry.id < message.id {
                *entry = message;
            }
        }
        for message in newest.into_values() {
            self.advance_channel(message, "import_messages").await?;
        }
        if collided {
            return Err(StoreError::Conflict("message"));
        }
        Ok(())
    }

    /// Moves the channel's last message id up to `message`, unless it is newer already.
    async fn advance_channel(&self, message: &Message, op: &'static str) -> Result<(), StoreError> {
        self.collection::<Document>(CHANNELS)
            .update_one(
                doc! { "_id": message.channel_id.to_string() },
                doc! { "$max": { "last_message_id": message.id.to_string() } },
            )
            .await
            .during(op)?;
        Ok(())
    }
}

/// The filter selecting message `id` in `channel`.
fn message_key(channel: ChannelId, id: MessageId) -> Document {
    doc! { "_id": id.to_string(), "channel_id": channel.to_string() }
}
