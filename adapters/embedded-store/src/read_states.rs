//! Read states: the last message each user has read in each channel.
//!
//! Keyed (user, channel) so one scan lists a user's states; `channel_readers` lists who
//! has a state in a channel, so deleting the channel can remove them.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::read_state::ReadState;
use concord_ports::store::{ReadStateStore, StoreError};

use crate::EmbeddedStore;
use crate::codec::id;
use crate::tables::{CHANNEL_READERS, READ_STATES, under};

#[async_trait]
impl ReadStateStore for EmbeddedStore {
    async fn put_read_state(&self, state: &ReadState) -> Result<(), StoreError> {
        let state = *state;
        self.write("put_read_state", move |tx| {
            let (user, channel) = (state.user_id.to_string(), state.channel_id.to_string());
            let last = state.last_message_id.to_string();
            tx.open_table(READ_STATES)?
                .insert((user.as_str(), channel.as_str()), last.as_str())?;
            tx.open_table(CHANNEL_READERS)?
                .insert((channel.as_str(), user.as_str()), ())?;
            Ok(())
        })
        .await
    }

    async fn read_states(&self, user: UserId) -> Result<Vec<ReadState>, StoreError> {
        self.read("read_states", move |tx| {
            let table = tx.open_table(READ_STATES)?;
            let mut states = Vec::new();
            for entry in table.range(under(&user.to_string()))? {
                let (key, last) = entry?;
                states.push(ReadState {
                    user_id: user,
                    channel_id: id(key.value().1)?,
                    last_message_id: id(last.value())?,
                });
            }
            Ok(states)
        })
        .await
    }
}
