//! Relationships, stored as one row per side: (user, other) to how the user sees them.
//!
//! Both rows of a pair are read, compared and written in one write transaction, which
//! makes replacing a pair a compare-and-swap.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::relationship::{Pair, RelationshipKind};
use concord_ports::store::{RelationshipRow, RelationshipStore, StoreError};
use redb::{ReadableTable, Table};

use crate::EmbeddedStore;
use crate::codec::{decode, get_json, id, put_json};
use crate::tables::{RELATIONSHIPS, under};
use crate::transaction::Outcome;

#[async_trait]
impl RelationshipStore for EmbeddedStore {
    async fn relationships(&self, user: UserId) -> Result<Vec<RelationshipRow>, StoreError> {
        self.read("relationships", move |tx| {
            let table = tx.open_table(RELATIONSHIPS)?;
            let mut rows = Vec::new();
            for entry in table.range(under(&user.to_string()))? {
                let (key, kind) = entry?;
                rows.push(RelationshipRow {
                    user_id: user,
                    other_id: id(key.value().1)?,
                    kind: decode(kind.value())?,
                });
            }
            Ok(rows)
        })
        .await
    }

    async fn relationship_pair(&self, actor: UserId, target: UserId) -> Result<Pair, StoreError> {
        self.read("relationship_pair", move |tx| {
            let table = tx.open_table(RELATIONSHIPS)?;
            pair_in(&table, actor, target)
        })
        .await
    }

    async fn replace_relationship_pair(
        &self,
        actor: UserId,
        target: UserId,
        expected: Pair,
        next: Pair,
    ) -> Result<(), StoreError> {
        self.write("replace_relationship_pair", move |tx| {
            let mut table = tx.open_table(RELATIONSHIPS)?;
            if pair_in(&table, actor, target)? != expected {
                return Err(StoreError::Conflict("relationship").into());
            }
            set_view(&mut table, actor, target, next.actor)?;
            set_view(&mut table, target, actor, next.target)
        })
        .await
    }
}

/// Both views of (actor, target) as stored.
fn pair_in(
    table: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    actor: UserId,
    target: UserId,
) -> Outcome<Pair> {
    let (actor, target) = (actor.to_string(), target.to_string());
    Ok(Pair {
        actor: get_json(table, (actor.as_str(), target.as_str()))?,
        target: get_json(table, (target.as_str(), actor.as_str()))?,
    })
}

/// Stores how `user` sees `other`, or removes the row for no relationship.
fn set_view(
    table: &mut Table<'_, (&'static str, &'static str), &'static [u8]>,
    user: UserId,
    other: UserId,
    kind: Option<RelationshipKind>,
) -> Outcome<()> {
    let (user, other) = (user.to_string(), other.to_string());
    let key = (user.as_str(), other.as_str());
    match kind {
        Some(kind) => put_json(table, key, &kind),
        None => {
            table.remove(key)?;
            Ok(())
        }
    }
}
