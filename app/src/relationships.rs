//! Friends, friend requests and blocks.
//!
//! The rules live in the domain's relationship state machine; this module reads both
//! sides of a pair, applies an action and stores the result with a compare-and-swap,
//! so that two users acting at once cannot leave the pair half-changed.

use concord_domain::id::UserId;
use concord_domain::relationship::{
    Pair, RelationshipAction, RelationshipKind, RelationshipRefusal,
};
use concord_ports::store::StoreError;
use tracing::{info, instrument};

use crate::events::{Event, PublicUser, Room};
use crate::{AppError, AppResult, Concord};

/// How often a change is retried when the pair changed concurrently.
const CAS_ATTEMPTS: usize = 3;

/// A relationship as the actor sees it.
#[derive(Debug, Clone)]
pub struct RelationshipView {
    /// The kind, from the actor's side.
    pub kind: RelationshipKind,
    /// The other user.
    pub user: PublicUser,
}

impl Concord {
    /// Every relationship the actor has.
    pub async fn relationships(&self, actor: UserId) -> AppResult<Vec<RelationshipView>> {
        let rows = self.deps.store.relationships(actor).await?;
        let ids: Vec<UserId> = rows.iter().map(|r| r.other_id).collect();
        let users = self.deps.store.users(&ids).await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let user = users.iter().find(|u| u.id == row.other_id)?;
                Some(RelationshipView {
                    kind: row.kind,
                    user: PublicUser::from(user),
                })
            })
            .collect())
    }

    /// Sends a friend request to the user with `username` (or accepts theirs).
    pub async fn befriend_by_username(
        &self,
        actor: UserId,
        username: &str,
    ) -> AppResult<RelationshipView> {
        let target = self.deps.store.user_by_username(username.trim()).await?;
        let target = target.ok_or(AppError::NotFound("user"))?;
        self.relate(actor, target.id, RelationshipAction::Befriend)
            .await
    }

    /// Applies `action` to the actor's relationship with `target`, returning how the
    /// actor sees it afterwards.
    #[instrument(skip_all, fields(%actor, %target, ?action))]
    pub async fn relate(
        &self,
        actor: UserId,
        target: UserId,
        action: RelationshipAction,
    ) -> AppResult<RelationshipView> {
        let (before, after) = self.change_pair(actor, target, action).await?;
        let users = self.deps.store.users(&[actor, target]).await?;
        let public = |id| users.iter().find(|u| u.id == id).map(PublicUser::from);
        let (actor_user, target_user) = match (public(actor), public(target)) {
            (Some(a), Some(t)) => (a, t),
            _ => return Err(AppError::NotFound("user")),
        };

        info!(?after, "relationship changed");
        self.announce(actor, target_user.clone(), before.actor, after.actor)
            .await;
        self.announce(target, actor_user, before.target, after.target)
            .await;
        match after.actor {
            Some(kind) => Ok(RelationshipView {
                kind,
                user: target_user,
            }),
            None => Err(AppError::NotFound("relationship")),
        }
    }

    /// Removes a friend, cancels or declines a request, or unblocks.
    pub async fn remove_relationship(&self, actor: UserId, target: UserId) -> AppResult<()> {
        match self.relate(actor, target, RelationshipAction::Remove).await {
            Ok(_) | Err(AppError::NotFound("relationship")) => Ok(()),
            Err(other) => Err(other),
        }
    }

    /// Reads, transitions and stores the pair, retrying when it changed meanwhile.
    async fn change_pair(
        &self,
        actor: UserId,
        target: UserId,
        action: RelationshipAction,
    ) -> AppResult<(Pair, Pair)> {
        if actor == target {
            return Err(refusal(RelationshipRefusal::SelfRelation));
        }
        if self.deps.store.user(target).await?.is_none() {
            return Err(AppError::NotFound("user"));
        }
        let store = &self.deps.store;
        for _ in 0..CAS_ATTEMPTS {
            let before = store.relationship_pair(actor, target).await?;
            let after = before.apply(action).map_err(refusal)?;
            if after == before {
                return Ok((before, after));
            }
            match store
                .replace_relationship_pair(actor, target, before, after)
                .await
            {
                Ok(()) => return Ok((before, after)),
                Err(StoreError::Conflict(_)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(AppError::Conflict {
            code: "conflict",
            message: "the relationship changed concurrently, try again",
        })
    }

    /// Tells `user` how their view of `other` changed, if it did.
    async fn announce(
        &self,
        user: UserId,
        other: PublicUser,
        before: Option<RelationshipKind>,
        after: Option<RelationshipKind>,
    ) {
        if before == after {
            return;
        }
        let event = match after {
            Some(kind) => Event::RelationshipAdd {
                id: other.id,
                kind,
                user: other,
            },
            None => Event::RelationshipRemove { id: other.id },
        };
        self.publish(Room::User(user), event).await;
    }
}

fn refusal(refusal: RelationshipRefusal) -> AppError {
    let message = match refusal {
        RelationshipRefusal::SelfRelation => "you cannot add yourself",
        RelationshipRefusal::YouBlocked => "you have blocked this user",
        RelationshipRefusal::TheyBlocked => "this user is not accepting friend requests from you",
        RelationshipRefusal::AlreadyFriends => "you are already friends",
        RelationshipRefusal::Nothing => return AppError::NotFound("relationship"),
    };
    match refusal {
        RelationshipRefusal::TheyBlocked => AppError::Forbidden(message),
        RelationshipRefusal::SelfRelation => AppError::Unprocessable {
            code: "self_relationship",
            message,
        },
        _ => AppError::Conflict {
            code: "relationship_conflict",
            message,
        },
    }
}
