//! Direct-message channels: one per pair of users, between friends or guild-mates.

use std::collections::HashSet;

use concord_domain::channel::{Channel, ChannelKind, DmPair};
use concord_domain::id::UserId;
use concord_domain::relationship::RelationshipKind;
use tracing::{info, instrument};

use crate::events::{Event, Room};
use crate::{AppError, AppResult, Concord};

impl Concord {
    /// The DM channel between the actor and `recipient`, opened if need be. Opening a
    /// new one needs the two to be friends or to share a guild, and neither to have
    /// blocked the other.
    #[instrument(skip_all, fields(%actor, %recipient))]
    pub async fn open_dm(&self, actor: UserId, recipient: UserId) -> AppResult<Channel> {
        let pair = DmPair::new(actor, recipient)?;
        let store = &self.deps.store;
        if store.user(recipient).await?.is_none() {
            return Err(AppError::NotFound("user"));
        }
        let relation = store.relationship_pair(actor, recipient).await?;
        let blocked = Some(RelationshipKind::Blocked);
        if relation.actor == blocked || relation.target == blocked {
            return Err(AppError::Forbidden("you cannot message this user"));
        }
        let friends = relation.actor == Some(RelationshipKind::Friend);
        if !friends && !self.share_a_guild(actor, recipient).await? {
            return Err(AppError::Forbidden(
                "you can only message friends or people you share a guild with",
            ));
        }

        let candidate = Channel {
            id: self.deps.ids.next_id().into(),
            kind: ChannelKind::Dm,
            guild_id: None,
            name: String::new(),
            topic: None,
            position: 0,
            parent_id: None,
            recipients: vec![pair.low(), pair.high()],
            last_message_id: None,
            created_at: self.deps.clock.now(),
        };
        let channel = store.open_dm(pair, &candidate).await?;
        if channel.id == candidate.id {
            info!(channel_id = %channel.id, "dm opened");
            for user in [actor, recipient] {
                self.publish(Room::User(user), Event::ChannelCreate(channel.clone()))
                    .await;
            }
        }
        Ok(channel)
    }

    /// The actor's DM channels.
    pub async fn dm_channels(&self, actor: UserId) -> AppResult<Vec<Channel>> {
        Ok(self.deps.store.dm_channels(actor).await?)
    }

    async fn share_a_guild(&self, a: UserId, b: UserId) -> AppResult<bool> {
        let store = &self.deps.store;
        let mine: HashSet<_> = store
            .guilds_of_user(a)
            .await?
            .into_iter()
            .map(|g| g.id)
            .collect();
        let theirs = store.guilds_of_user(b).await?;
        Ok(theirs.iter().any(|guild| mine.contains(&guild.id)))
    }
}
