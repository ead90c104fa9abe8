//! Messages: history, sending (idempotent by nonce), editing, deleting, reactions,
//! typing notices and read acknowledgements.

use concord_domain::DomainError;
use concord_domain::channel::ChannelKind;
use concord_domain::file::{Attachment, FileOwner, FilePurpose};
use concord_domain::id::{ChannelId, FileId, MessageId, UserId};
use concord_domain::message::{Emoji, MAX_ATTACHMENTS, Message, MessageContent, parse_nonce};
use concord_domain::permissions::Permissions;
use concord_domain::read_state::ReadState;
use concord_domain::relationship::RelationshipKind;
use concord_ports::store::{HistoryPage, MessageInsert, StoreError};
use tracing::{debug, instrument, warn};

use crate::access::ChannelAccess;
use crate::events::{Event, ReactionEvent, Room};
use crate::{AppError, AppResult, Concord};

/// The most messages one history page may hold.
pub const MAX_HISTORY_PAGE: usize = 100;

/// A message about to be sent.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The text.
    pub content: String,
    /// A client token that makes retries idempotent.
    pub nonce: Option<String>,
    /// The message this one answers, in the same channel.
    pub reply_to: Option<MessageId>,
    /// Uploaded files to attach.
    pub attachments: Vec<FileId>,
}

impl Draft {
    /// A plain text message.
    pub fn text(content: &str) -> Self {
        Self {
            content: content.to_owned(),
            ..Self::default()
        }
    }
}

impl Concord {
    /// A page of a channel's history, newest first.
    pub async fn history(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        page: HistoryPage,
        limit: usize,
    ) -> AppResult<Vec<Message>> {
        self.channel_access(actor, channel_id).await?;
        let limit = limit.clamp(1, MAX_HISTORY_PAGE);
        Ok(self.deps.store.messages(channel_id, page, limit).await?)
    }

    /// Sends a message. A retry with the same nonce by the same author returns the
    /// message the first attempt stored instead of storing a duplicate.
    #[instrument(skip_all, fields(%actor, %channel_id))]
    pub async fn send_message(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        draft: Draft,
    ) -> AppResult<Message> {
        let content = if draft.attachments.is_empty() {
            MessageContent::parse(&draft.content)?
        } else {
            MessageContent::parse_beside_files(&draft.content)?
        };
        let nonce = draft.nonce.as_deref().map(parse_nonce).transpose()?;
        let access = self.writable_channel(actor, channel_id).await?;
        self.throttle(&format!("messages:{actor}"), |l| l.messages)
            .await?;
        if let Some(reply_to) = draft.reply_to
            && self
                .deps
                .store
                .message(channel_id, reply_to)
                .await?
                .is_none()
        {
            return Err(DomainError::new("reply_to", "must be a message in this channel").into());
        }
        let attachments = self.attachable_files(actor, &draft.attachments).await?;

        let message = Message {
            id: self.deps.ids.next_id().into(),
            channel_id,
            author_id: actor,
            mentions: content.mentions(),
            content: content.into_string(),
            nonce,
            reply_to: draft.reply_to,
            attachments,
            reactions: Vec::new(),
            edited_at: None,
            created_at: self.deps.clock.now(),
        };
        if let MessageInsert::Duplicate(first) = self.deps.store.create_message(&message).await? {
            debug!(message_id = %first.id, "nonce retry answered with the first message");
            return Ok(*first);
        }
        self.attach_to_message(actor, &message).await?;

        debug!(message_id = %message.id, "message sent");
        let room = Room::of_channel(&access.channel);
        self.publish(room, Event::MessageCreate(message.clone()))
            .await;
        Ok(message)
    }

    /// Edits the actor's own message.
    #[instrument(skip_all, fields(%actor, %channel_id, %message_id))]
    pub async fn edit_message(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        message_id: MessageId,
        content: &str,
    ) -> AppResult<Message> {
        let content = MessageContent::parse(content)?;
        let access = self.channel_access(actor, channel_id).await?;
        let mut message = self.existing_message(channel_id, message_id).await?;
        if message.author_id != actor {
            return Err(AppError::Forbidden("you may only edit your own messages"));
        }

        message.mentions = content.mentions();
        message.content = content.into_string();
        message.edited_at = Some(self.deps.clock.now());
        self.deps.store.update_message(&message).await?;
        let room = Room::of_channel(&access.channel);
        self.publish(room, Event::MessageUpdate(message.clone()))
            .await;
        Ok(message)
    }

    /// Deletes a message: one's own, or anyone's with MANAGE_MESSAGES.
    #[instrument(skip_all, fields(%actor, %channel_id, %message_id))]
    pub async fn delete_message(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> AppResult<()> {
        let access = self.channel_access(actor, channel_id).await?;
        let message = self.existing_message(channel_id, message_id).await?;
        if message.author_id != actor {
            access.require(
                Permissions::MANAGE_MESSAGES,
                "you may not delete others' messages",
            )?;
            if access.guild.is_none() {
                return Err(AppError::Forbidden("you may only delete your own messages"));
            }
        }

        let deleted = self
            .deps
            .store
            .delete_message(channel_id, message_id)
            .await?;
        if let Some(deleted) = deleted {
            self.purge_attachments(&deleted).await;
        }
        let room = Room::of_channel(&access.channel);
        self.publish(
            room,
            Event::MessageDelete {
                id: message_id,
                channel_id,
            },
        )
        .await;
        Ok(())
    }

    /// Adds (`add`) or removes the actor's reaction; repeating either changes nothing.
    #[instrument(skip_all, fields(%actor, %channel_id, %message_id))]
    pub async fn react(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &str,
        add: bool,
    ) -> AppResult<Message> {
        let emoji = Emoji::parse(emoji)?;
        let access = self.channel_access(actor, channel_id).await?;
        if add {
            access.require(Permissions::ADD_REACTIONS, "you may not react here")?;
        }

        let store = &self.deps.store;
        let reacted = store
            .react(channel_id, message_id, &emoji, actor, add)
            .await;
        let (message, changed) = match reacted {
            Err(StoreError::NotFound) => return Err(AppError::NotFound("message")),
            other => other?,
        };
        if changed {
            let reaction = ReactionEvent {
                channel_id,
                message_id,
                user_id: actor,
                emoji,
            };
            let event = if add {
                Event::MessageReactionAdd(reaction)
            } else {
                Event::MessageReactionRemove(reaction)
            };
            self.publish(Room::of_channel(&access.channel), event).await;
        }
        Ok(message)
    }

    /// Tells the channel that the actor is typing. Nothing is stored.
    pub async fn typing(&self, actor: UserId, channel_id: ChannelId) -> AppResult<()> {
        let access = self.writable_channel(actor, channel_id).await?;
        let at = self.deps.clock.now();
        let event = Event::TypingStart {
            channel_id,
            user_id: actor,
            at,
        };
        self.publish(Room::of_channel(&access.channel), event).await;
        Ok(())
    }

    /// Marks a channel as read up to a message.
    pub async fn ack(
        &self,
        actor: UserId,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> AppResult<ReadState> {
        self.channel_access(actor, channel_id).await?;
        self.existing_message(channel_id, message_id).await?;
        let state = ReadState {
            user_id: actor,
            channel_id,
            last_message_id: message_id,
        };
        self.deps.store.put_read_state(&state).await?;
        self.publish(Room::User(actor), Event::ReadStateUpdate(state))
            .await;
        Ok(state)
    }

    /// All of the actor's read states.
    pub async fn read_states(&self, actor: UserId) -> AppResult<Vec<ReadState>> {
        Ok(self.deps.store.read_states(actor).await?)
    }

    async fn existing_message(&self, channel: ChannelId, id: MessageId) -> AppResult<Message> {
        let message = self.deps.store.message(channel, id).await?;
        message.ok_or(AppError::NotFound("message"))
    }

    /// A channel the actor may send to: a text channel with SEND_MESSAGES, or a DM
    /// whose other user has not blocked them (nor been blocked by them).
    async fn writable_channel(&self, actor: UserId, id: ChannelId) -> AppResult<ChannelAccess> {
        let access = self.channel_access(actor, id).await?;
        if !access.channel.accepts_messages() {
            return Err(AppError::Unprocessable {
                code: "not_a_text_channel",
                message: "messages cannot be sent to a category",
            });
        }
        access.require(Permissions::SEND_MESSAGES, "you may not send messages here")?;

        if access.channel.kind == ChannelKind::Dm {
            let other = access
                .channel
                .recipients
                .iter()
                .find(|u| **u != actor)
                .copied();
            if let Some(other) = other {
                let pair = self.deps.store.relationship_pair(actor, other).await?;
                let blocked = Some(RelationshipKind::Blocked);
                if pair.actor == blocked || pair.target == blocked {
                    return Err(AppError::Forbidden("you cannot message this user"));
                }
            }
        }
        Ok(access)
    }
}

impl Concord {
    /// The files a draft attaches, as the message will show them: each must be a
    /// finished attachment upload of the actor's that nothing uses yet.
    async fn attachable_files(&self, actor: UserId, ids: &[FileId]) -> AppResult<Vec<Attachment>> {
        if ids.len() > MAX_ATTACHMENTS {
            return Err(DomainError::new("attachments", "at most 10 files per message").into());
        }
        let mut attachments: Vec<Attachment> = Vec::with_capacity(ids.len());
        for &id in ids {
            if attachments.iter().any(|attachment| attachment.id == id) {
                return Err(DomainError::new("attachments", "must not repeat a file").into());
            }
            let record = self.deps.store.file(id).await?;
            let Some(record) = record.filter(|record| {
                record.uploader_id == actor
                    && record.purpose == FilePurpose::Attachment
                    && record.is_readable()
            }) else {
                return Err(AppError::Unprocessable {
                    code: "unknown_attachment",
                    message: "an attachment does not refer to a finished attachment upload \
                              of yours",
                });
            };
            if record.owner().is_some() {
                return Err(AppError::Conflict {
                    code: "file_in_use",
                    message: "an attachment is already used elsewhere; upload it again",
                });
            }
            attachments.push(record.attachment());
        }
        Ok(attachments)
    }

    /// Marks a stored message's files as used by it. If another request took one of them
    /// in the meantime, the message is taken back and the files it got are freed.
    async fn attach_to_message(&self, actor: UserId, message: &Message) -> AppResult<()> {
        let owner = FileOwner::Message {
            channel_id: message.channel_id,
            message_id: message.id,
        };
        for (done, attachment) in message.attachments.iter().enumerate() {
            let attached = self
                .attach_file(actor, attachment.id, FilePurpose::Attachment, owner)
                .await;
            if let Err(error) = attached {
                warn!(message_id = %message.id, %error, "attachment lost a race; unsending");
                for earlier in &message.attachments[..done] {
                    self.deps.store.detach_file(earlier.id, owner).await?;
                }
                self.deps
                    .store
                    .delete_message(message.channel_id, message.id)
                    .await?;
                return Err(error);
            }
        }
        Ok(())
    }

    /// Removes the files of a deleted message.
    async fn purge_attachments(&self, message: &Message) {
        let owner = FileOwner::Message {
            channel_id: message.channel_id,
            message_id: message.id,
        };
        for attachment in &message.attachments {
            self.purge_owned_file(attachment.id, owner).await;
        }
    }
}
