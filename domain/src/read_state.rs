//! Read states: the last message each user has read in each channel.

use serde::{Deserialize, Serialize};

use crate::id::{ChannelId, MessageId, UserId};

/// How far `user_id` has read in `channel_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadState {
    /// The reader.
    pub user_id: UserId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The newest message the user has seen.
    pub last_message_id: MessageId,
}
