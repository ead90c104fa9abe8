//! Relationships, both sides of a pair in one document.
//!
//! The document of users `low` < `high` is keyed `low:high` and holds how each sees the
//! other, so replacing a pair is a compare-and-swap on one document: an update whose
//! filter requires the expected views. A pair with no view on either side has no
//! document.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::relationship::{Pair, RelationshipKind};
use concord_ports::store::{RelationshipRow, RelationshipStore, StoreError};
use mongodb::bson::{Document, doc};
use serde::{Deserialize, Serialize};

use crate::MongoStore;
use crate::codec::{collect, value};
use crate::failure::{During, is_duplicate_key, store_error};
use crate::schema::{RELATIONSHIPS, pair_key};

/// What `relationships` holds for each pair of users.
#[derive(Debug, Serialize, Deserialize)]
struct PairDoc {
    low: UserId,
    high: UserId,
    low_view: Option<RelationshipKind>,
    high_view: Option<RelationshipKind>,
}

impl PairDoc {
    /// How `user`, one of the pair, sees the other, with the other's id.
    fn view_of(&self, user: UserId) -> (UserId, Option<RelationshipKind>) {
        if user == self.low {
            (self.high, self.low_view)
        } else {
            (self.low, self.high_view)
        }
    }
}

/// The pair (`actor`, `target`) oriented as stored: its key and its views lowest first.
struct Oriented {
    key: String,
    low: UserId,
    high: UserId,
    actor_is_low: bool,
}

impl Oriented {
    fn new(actor: UserId, target: UserId) -> Self {
        let (low, high) = (actor.min(target), actor.max(target));
        Self {
            key: pair_key(low, high),
            low,
            high,
            actor_is_low: actor == low,
        }
    }

    /// The views of `pair` as (low's, high's).
    fn views(&self, pair: Pair) -> (Option<RelationshipKind>, Option<RelationshipKind>) {
        if self.actor_is_low {
            (pair.actor, pair.target)
        } else {
            (pair.target, pair.actor)
        }
    }

    /// The pair as the actor sees it, from a stored document.
    fn pair(&self, stored: Option<PairDoc>) -> Pair {
        let Some(stored) = stored else {
            return Pair::default();
        };
        let (low, high) = (stored.low_view, stored.high_view);
        if self.actor_is_low {
            Pair {
                actor: low,
                target: high,
            }
        } else {
            Pair {
                actor: high,
                target: low,
            }
        }
    }
}

#[async_trait]
impl RelationshipStore for MongoStore {
    async fn relationships(&self, user: UserId) -> Result<Vec<RelationshipRow>, StoreError> {
        let id = user.to_string();
        let cursor = self
            .collection::<PairDoc>(RELATIONSHIPS)
            .find(doc! { "$or": [{ "low": &id }, { "high": &id }] })
            .await
            .during("relationships")?;
        let mut rows: Vec<RelationshipRow> = collect(cursor, "relationships")
            .await?
            .iter()
            .filter_map(|pair| {
                let (other_id, kind) = pair.view_of(user);
                kind.map(|kind| RelationshipRow {
                    user_id: user,
                    other_id,
                    kind,
                })
            })
            .collect();
        rows.sort_by_key(|row| row.other_id);
        Ok(rows)
    }

    async fn relationship_pair(&self, actor: UserId, target: UserId) -> Result<Pair, StoreError> {
        let oriented = Oriented::new(actor, target);
        let stored = self
            .collection::<PairDoc>(RELATIONSHIPS)
            .find_one(doc! { "_id": &oriented.key })
            .await
            .during("relationship_pair")?;
        Ok(oriented.pair(stored))
    }

    async fn replace_relationship_pair(
        &self,
        actor: UserId,
        target: UserId,
        expected: Pair,
        next: Pair,
    ) -> Result<(), StoreError> {
        let oriented = Oriented::new(actor, target);
        let (low_was, high_was) = oriented.views(expected);
        let unchanged = doc! {
            "_id": &oriented.key,
            "low_view": value(&low_was)?,
            "high_view": value(&high_was)?,
        };
        let pairs = self.collection::<Document>(RELATIONSHIPS);

        let swapped = if next == Pair::default() {
            let deleted = pairs.delete_one(unchanged).await;
            deleted.during("replace_relationship_pair")?.deleted_count == 1
        } else {
            let (low_view, high_view) = oriented.views(next);
            let stored = PairDoc {
                low: oriented.low,
                high: oriented.high,
                low_view,
                high_view,
            };
            let update = doc! { "$set": value(&stored)? };
            // With nothing expected there may be no document yet: create it.
            let upserted = pairs
                .update_one(unchanged, update)
                .upsert(expected == Pair::default())
                .await;
            match upserted {
                Ok(result) => result.matched_count == 1 || result.upserted_id.is_some(),
                Err(error) if is_duplicate_key(&error) => false,
                Err(error) => return Err(store_error("replace_relationship_pair", &error)),
            }
        };
        if swapped {
            return Ok(());
        }

        // Nothing matched: fine only if the pair is, and so stays, as expected.
        let current = self.relationship_pair(actor, target).await?;
        if current == expected && next == Pair::default() {
            Ok(())
        } else {
            Err(StoreError::Conflict("relationship"))
        }
    }
}
