//! Messages, reactions and read states.

use concord_domain::file::Attachment;
use concord_domain::message::Message;
use concord_domain::read_state::ReadState;
use poem_openapi::Object;

use super::ids;

/// Everyone who reacted with one emoji.
#[derive(Debug, Object)]
pub struct ReactionDto {
    /// The emoji.
    pub emoji: String,
    /// How many reacted.
    pub count: u32,
    /// Who reacted.
    pub users: Vec<String>,
}

/// A file attached to a message.
#[derive(Debug, Object)]
pub struct AttachmentDto {
    /// File id.
    pub id: String,
    /// Where the file is served, relative to the server's root.
    pub url: String,
    /// The file's name.
    pub filename: String,
    /// The type detected from its contents.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

impl From<&Attachment> for AttachmentDto {
    fn from(attachment: &Attachment) -> Self {
        Self {
            id: attachment.id.to_string(),
            url: crate::api::files::file_url(attachment.id, &attachment.filename),
            filename: attachment.filename.clone(),
            content_type: attachment.content_type.clone(),
            size: attachment.size,
        }
    }
}

/// A message.
#[derive(Debug, Object)]
pub struct MessageDto {
    /// Message id; ids sort by time.
    pub id: String,
    /// Channel id.
    pub channel_id: String,
    /// Author's user id.
    pub author_id: String,
    /// Text.
    pub content: String,
    /// The nonce the author sent, if any.
    #[oai(nullable)]
    pub nonce: Option<String>,
    /// The message this one replies to.
    #[oai(nullable)]
    pub reply_to: Option<String>,
    /// Attached files.
    pub attachments: Vec<AttachmentDto>,
    /// Mentioned user ids.
    pub mentions: Vec<String>,
    /// Reactions.
    pub reactions: Vec<ReactionDto>,
    /// Last edit time (ms since epoch).
    #[oai(nullable)]
    pub edited_at: Option<i64>,
    /// Send time (ms since epoch).
    pub created_at: i64,
}

impl From<&Message> for MessageDto {
    fn from(message: &Message) -> Self {
        Self {
            id: message.id.to_string(),
            channel_id: message.channel_id.to_string(),
            author_id: message.author_id.to_string(),
            content: message.content.clone(),
            nonce: message.nonce.clone(),
            reply_to: message.reply_to.map(|id| id.to_string()),
            attachments: message
                .attachments
                .iter()
                .map(AttachmentDto::from)
                .collect(),
            mentions: ids(&message.mentions),
            reactions: message
                .reactions
                .iter()
                .map(|r| ReactionDto {
                    emoji: r.emoji.as_str().to_owned(),
                    count: r.users.len() as u32,
                    users: ids(&r.users),
                })
                .collect(),
            edited_at: message.edited_at.map(|t| t.as_millis()),
            created_at: message.created_at.as_millis(),
        }
    }
}

/// A new message.
#[derive(Debug, Object)]
pub struct SendMessageBody {
    /// 1–4000 characters after trimming.
    pub content: String,
    /// Client token; a retry with the same nonce returns the first message.
    #[oai(nullable)]
    pub nonce: Option<String>,
    /// Id of a message in the same channel to reply to.
    #[oai(nullable)]
    pub reply_to: Option<String>,
    /// Ids of files the sender uploaded.
    #[oai(nullable)]
    pub attachments: Option<Vec<String>>,
}

/// An edit.
#[derive(Debug, Object)]
pub struct EditMessageBody {
    /// New text, 1–4000 characters after trimming.
    pub content: String,
}

/// A read acknowledgement.
#[derive(Debug, Object)]
pub struct AckBody {
    /// The newest message read.
    pub message_id: String,
}

/// How far a user has read in a channel.
#[derive(Debug, Object)]
pub struct ReadStateDto {
    /// Channel id.
    pub channel_id: String,
    /// The newest message read.
    pub last_message_id: String,
}

impl From<&ReadState> for ReadStateDto {
    fn from(state: &ReadState) -> Self {
        Self {
            channel_id: state.channel_id.to_string(),
            last_message_id: state.last_message_id.to_string(),
        }
    }
}
