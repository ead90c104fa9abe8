//! Storage of guild channels and DM channels.

use async_trait::async_trait;
use concord_domain::channel::{Channel, DmPair};
use concord_domain::id::{ChannelId, GuildId, UserId};

use super::StoreError;

/// Stores channels.
#[async_trait]
pub trait ChannelStore: Send + Sync {
    /// Stores a new guild channel.
    async fn create_channel(&self, channel: &Channel) -> Result<(), StoreError>;

    /// The DM channel of `pair`, creating it from `candidate` if there is none yet.
    /// Returns the channel that exists afterwards; there is only ever one per pair.
    async fn open_dm(&self, pair: DmPair, candidate: &Channel) -> Result<Channel, StoreError>;

    /// The channel with `id`, if any.
    async fn channel(&self, id: ChannelId) -> Result<Option<Channel>, StoreError>;

    /// The channels of a guild, in no particular order.
    async fn guild_channels(&self, guild: GuildId) -> Result<Vec<Channel>, StoreError>;

    /// The DM channels `user` is a recipient of.
    async fn dm_channels(&self, user: UserId) -> Result<Vec<Channel>, StoreError>;

    /// Replaces a channel's fields; `NotFound` if it does not exist.
    async fn update_channel(&self, channel: &Channel) -> Result<(), StoreError>;

    /// Deletes a guild channel with its messages; children of a deleted category lose
    /// their parent. Returns whether it existed.
    async fn delete_channel(&self, id: ChannelId) -> Result<bool, StoreError>;
}
