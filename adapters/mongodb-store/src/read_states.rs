//! Read states: the last message each user has read in each channel.
//!
//! Keyed `user:channel`; `user_id` lists a user's states, and `channel_id` lets deleting
//! a channel remove them.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::read_state::ReadState;
use concord_ports::store::{ReadStateStore, StoreError};
use mongodb::bson::{Document, doc};

use crate::MongoStore;
use crate::codec::{collect, document};
use crate::failure::During;
use crate::schema::{READ_STATES, pair_key};

#[async_trait]
impl ReadStateStore for MongoStore {
    async fn put_read_state(&self, state: &ReadState) -> Result<(), StoreError> {
        let key = pair_key(state.user_id, state.channel_id);
        self.collection::<Document>(READ_STATES)
            .replace_one(doc! { "_id": &key }, document(key.as_str(), state)?)
            .upsert(true)
            .await
            .during("put_read_state")?;
        Ok(())
    }

    async fn read_states(&self, user: UserId) -> Result<Vec<ReadState>, StoreError> {
        let cursor = self
            .collection::<ReadState>(READ_STATES)
            .find(doc! { "user_id": user.to_string() })
            .sort(doc! { "channel_id": 1 })
            .await
            .during("read_states")?;
        collect(cursor, "read_states").await
    }
}
