//! Messages, kept per channel in id order, with their nonces.
//!
//! Message keys are (channel, message id), and message ids sort by creation time, so a
//! page of history is one range scan: backwards from the end or from an id for the
//! newest messages, forwards from an id for the oldest ones after it. A nonce maps
//! (channel, author, nonce) to the message first sent with it, which makes a retried
//! send return that message instead of storing a second one.

use std::ops::Bound;

use async_trait::async_trait;
use concord_domain::channel::Channel;
use concord_domain::id::{ChannelId, MessageId, UserId};
use concord_domain::message::{Emoji, Message};
use concord_ports::store::{HistoryPage, MessageInsert, MessageStore, StoreError};
use redb::{AccessGuard, ReadableTable, StorageError};

use crate::EmbeddedStore;
use crate::codec::{decode, get_json, put_json};
use crate::tables::{AFTER_IDS, CHANNELS, MESSAGES, NONCES, under};
use crate::transaction::Outcome;

/// One row of a range scan over `messages`.
type Row<'a> = Result<
    (
        AccessGuard<'a, (&'static str, &'static str)>,
        AccessGuard<'a, &'static [u8]>,
    ),
    StorageError,
>;

#[async_trait]
impl MessageStore for EmbeddedStore {
    async fn create_message(&self, message: &Message) -> Result<MessageInsert, StoreError> {
        let message = message.clone();
        self.write("create_message", move |tx| {
            let (channel, id) = (message.channel_id.to_string(), message.id.to_string());
            let mut messages = tx.open_table(MESSAGES)?;

            if let Some(nonce) = &message.nonce {
                let author = message.author_id.to_string();
                let nonce_key = (channel.as_str(), author.as_str(), nonce.as_str());
                let mut nonces = tx.open_table(NONCES)?;
                let first = nonces.get(nonce_key)?.map(|first| first.value().to_owned());
                if let Some(first) = first
                    && first != id
                    && let Some(original) = get_json(&messages, (channel.as_str(), first.as_str()))?
                {
                    return Ok(MessageInsert::Duplicate(Box::new(original)));
                }
                nonces.insert(nonce_key, id.as_str())?;
            }
            put_json(&mut messages, (channel.as_str(), id.as_str()), &message)?;

            let mut channels = tx.open_table(CHANNELS)?;
            if let Some(mut stored) = get_json::<_, Channel>(&channels, channel.as_str())?
                && stored.last_message_id < Some(message.id)
            {
                stored.last_message_id = Some(message.id);
                put_json(&mut channels, channel.as_str(), &stored)?;
            }
            Ok(MessageInsert::Created)
        })
        .await
    }

    async fn message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.read("message", move |tx| {
            let messages = tx.open_table(MESSAGES)?;
            get_json(
                &messages,
                (channel.to_string().as_str(), id.to_string().as_str()),
            )
        })
        .await
    }

    async fn messages(
        &self,
        channel: ChannelId,
        page: HistoryPage,
        limit: usize,
    ) -> Result<Vec<Message>, StoreError> {
        self.read("messages", move |tx| {
            let channel = channel.to_string();
            let messages = tx.open_table(MESSAGES)?;
            match page {
                HistoryPage::Latest => decode_rows(messages.range(under(&channel))?.rev(), limit),
                HistoryPage::Before(id) => {
                    let id = id.to_string();
                    let start = Bound::Included((channel.as_str(), ""));
                    let end = Bound::Excluded((channel.as_str(), id.as_str()));
                    decode_rows(messages.range((start, end))?.rev(), limit)
                }
                HistoryPage::After(id) => {
                    let id = id.to_string();
                    let start = Bound::Excluded((channel.as_str(), id.as_str()));
                    let end = Bound::Included((channel.as_str(), AFTER_IDS));
                    let mut oldest = decode_rows(messages.range((start, end))?, limit)?;
                    oldest.reverse();
                    Ok(oldest)
                }
            }
        })
        .await
    }

    async fn update_message(&self, message: &Message) -> Result<(), StoreError> {
        let edit = message.clone();
        self.write("update_message", move |tx| {
            let (channel, id) = (edit.channel_id.to_string(), edit.id.to_string());
            let key = (channel.as_str(), id.as_str());
            let mut messages = tx.open_table(MESSAGES)?;
            let Some(mut stored) = get_json::<_, Message>(&messages, key)? else {
                return Err(StoreError::NotFound.into());
            };

            // Only what an edit changes; reactions may have moved on since the caller read.
            stored.content = edit.content;
            stored.mentions = edit.mentions;
            stored.attachments = edit.attachments;
            stored.edited_at = edit.edited_at;
            put_json(&mut messages, key, &stored)
        })
        .await
    }

    async fn delete_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.write("delete_message", move |tx| {
            let (channel, id) = (channel.to_string(), id.to_string());
            let removed = {
                let mut messages = tx.open_table(MESSAGES)?;
                let removed = messages.remove((channel.as_str(), id.as_str()))?;
                match removed {
                    Some(bytes) => decode::<Message>(bytes.value())?,
                    None => return Ok(None),
                }
            };

            if let Some(nonce) = &removed.nonce {
                let author = removed.author_id.to_string();
                let nonce_key = (channel.as_str(), author.as_str(), nonce.as_str());
                let mut nonces = tx.open_table(NONCES)?;
                let points_here = nonces
                    .get(nonce_key)?
                    .is_some_and(|first| first.value() == id);
                if points_here {
                    nonces.remove(nonce_key)?;
                }
            }
            Ok(Some(removed))
        })
        .await
    }

    async fn react(
        &self,
        channel: ChannelId,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
        add: bool,
    ) -> Result<(Message, bool), StoreError> {
        let emoji = emoji.clone();
        self.write("react", move |tx| {
            let (channel, id) = (channel.to_string(), id.to_string());
            let key = (channel.as_str(), id.as_str());
            let mut messages = tx.open_table(MESSAGES)?;
            let Some(mut message) = get_json::<_, Message>(&messages, key)? else {
                return Err(StoreError::NotFound.into());
            };

            let changed = if add {
                message.add_reaction(&emoji, user)
            } else {
                message.remove_reaction(&emoji, user)
            };
            if changed {
                put_json(&mut messages, key, &message)?;
            }
            Ok((message, changed))
        })
        .await
    }
}

/// Decodes up to `limit` messages from a range scan, in the scan's order.
fn decode_rows<'a>(rows: impl Iterator<Item = Row<'a>>, limit: usize) -> Outcome<Vec<Message>> {
    let mut page = Vec::new();
    for row in rows.take(limit) {
        let (_, value) = row?;
        page.push(decode(value.value())?);
    }
    Ok(page)
}
