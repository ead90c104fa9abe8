//! Channels, categories and DMs.

use concord_domain::channel::{Channel, ChannelKind};
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Enum, Object};

use super::ids;

/// Kinds of channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ChannelType {
    /// A guild text channel.
    Text,
    /// A guild category.
    Category,
    /// A direct-message channel.
    Dm,
}

impl From<ChannelKind> for ChannelType {
    fn from(kind: ChannelKind) -> Self {
        match kind {
            ChannelKind::Text => ChannelType::Text,
            ChannelKind::Category => ChannelType::Category,
            ChannelKind::Dm => ChannelType::Dm,
        }
    }
}

impl From<ChannelType> for ChannelKind {
    fn from(kind: ChannelType) -> Self {
        match kind {
            ChannelType::Text => ChannelKind::Text,
            ChannelType::Category => ChannelKind::Category,
            ChannelType::Dm => ChannelKind::Dm,
        }
    }
}

/// A channel.
#[derive(Debug, Object)]
pub struct ChannelDto {
    /// Channel id.
    pub id: String,
    /// Kind of channel.
    #[oai(rename = "type")]
    pub kind: ChannelType,
    /// Guild id; absent for DMs.
    #[oai(nullable)]
    pub guild_id: Option<String>,
    /// Name; empty for DMs.
    pub name: String,
    /// Topic.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// Sort order.
    pub position: i32,
    /// Category id.
    #[oai(nullable)]
    pub parent_id: Option<String>,
    /// The two users of a DM.
    pub recipients: Vec<String>,
    /// Newest message id.
    #[oai(nullable)]
    pub last_message_id: Option<String>,
    /// Creation time (ms since epoch).
    pub created_at: i64,
}

impl From<&Channel> for ChannelDto {
    fn from(channel: &Channel) -> Self {
        Self {
            id: channel.id.to_string(),
            kind: channel.kind.into(),
            guild_id: channel.guild_id.map(|id| id.to_string()),
            name: channel.name.clone(),
            topic: channel.topic.clone(),
            position: channel.position,
            parent_id: channel.parent_id.map(|id| id.to_string()),
            recipients: ids(&channel.recipients),
            last_message_id: channel.last_message_id.map(|id| id.to_string()),
            created_at: channel.created_at.as_millis(),
        }
    }
}

/// A new guild channel.
#[derive(Debug, Object)]
pub struct CreateChannelBody {
    /// 1–100 characters.
    pub name: String,
    /// `text` (default) or `category`.
    #[oai(rename = "type")]
    pub kind: Option<ChannelType>,
    /// Up to 1024 characters.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// Category to place a text channel in.
    #[oai(nullable)]
    pub parent_id: Option<String>,
    /// Sort order.
    #[oai(nullable)]
    pub position: Option<i32>,
}

/// Changes to a guild channel.
#[derive(Debug, Object)]
pub struct UpdateChannelBody {
    /// New name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// New topic; empty clears it.
    #[oai(nullable)]
    pub topic: Option<String>,
    /// New position.
    #[oai(nullable)]
    pub position: Option<i32>,
    /// New category; `null` takes the channel out of its category.
    #[oai(nullable)]
    pub parent_id: MaybeUndefined<String>,
}

/// Whom to open a DM with.
#[derive(Debug, Object)]
pub struct OpenDmBody {
    /// The other user's id.
    pub recipient_id: String,
}
