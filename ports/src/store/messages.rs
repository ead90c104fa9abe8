//! Storage of messages, ordered by id within each channel.

use async_trait::async_trait;
use concord_domain::id::{ChannelId, MessageId, UserId};
use concord_domain::message::{Emoji, Message};

use super::StoreError;

/// Which slice of a channel's history to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryPage {
    /// The newest messages.
    Latest,
    /// The newest messages older than this id.
    Before(MessageId),
    /// The oldest messages newer than this id.
    After(MessageId),
}

/// What storing a message did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageInsert {
    /// The message was stored.
    Created,
    /// The author already sent a message with the same nonce in this channel; here it is.
    Duplicate(Box<Message>),
}

/// Stores messages.
#[async_trait]
pub trait MessageStore: Send + Sync {
    /// Stores a message and advances the channel's last message id, unless its author
    /// already sent one with the same nonce to the same channel. Storing the same message
    /// (the same id) again, as a database driver's retry may, is `Created` again.
    async fn create_message(&self, message: &Message) -> Result<MessageInsert, StoreError>;

    /// The message `id` in `channel`, if any.
    async fn message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError>;

    /// Up to `limit` messages of a page of history, newest first.
    async fn messages(
        &self,
        channel: ChannelId,
        page: HistoryPage,
        limit: usize,
    ) -> Result<Vec<Message>, StoreError>;

    /// Replaces a message's content fields; `NotFound` if it does not exist.
    async fn update_message(&self, message: &Message) -> Result<(), StoreError>;

    /// Deletes a message, returning it if it existed.
    async fn delete_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError>;

    /// Adds (`add`) or removes `user`'s reaction atomically, returning the message
    /// afterwards and whether anything changed; `NotFound` if the message is gone.
    async fn react(
        &self,
        channel: ChannelId,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
        add: bool,
    ) -> Result<(Message, bool), StoreError>;
}
