//! Refresh tokens, stored by the hash of their secret, with their family's revocation.
//!
//! Rotating marks the presented token spent instead of deleting it: a spent token that
//! comes back was copied, so the whole family is revoked, which sets `revoked` on every
//! token of the family. A successor joins the spent token's family and owner, whatever
//! the caller put in `next`. The checks come in the embedded store's order: unknown or
//! revoked is `Invalid`, spent is `Reused` (and revokes), expired is `Invalid`.
//!
//! Rotation spends the token with a conditional update, `{_id, spent: false, revoked:
//! false, expires_at > now}`, inside a transaction that also stores the successor. Two
//! replicas racing on one token both write its document; the server lets one commit
//! and the other's transaction restarts, finds the token spent and gets `Reused`.
//! Expired tokens are deleted by a TTL index a week after their expiry.

use async_trait::async_trait;
use concord_domain::id::{TokenFamilyId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{RefreshToken, RotateOutcome, SessionStore, StoreError};
use mongodb::ClientSession;
use mongodb::bson::{DateTime, doc};
use serde::{Deserialize, Serialize};

use crate::MongoStore;
use crate::failure::{conflict_on_duplicate, is_duplicate_key, store_error};
use crate::schema::REFRESH_TOKENS;

/// What `refresh_tokens` holds for each token.
#[derive(Debug, Serialize, Deserialize)]
struct TokenDoc {
    #[serde(rename = "_id")]
    hash: String,
    family: TokenFamilyId,
    user_id: UserId,
    /// A BSON date, so the TTL index can expire it.
    expires_at: DateTime,
    spent: bool,
    revoked: bool,
}

impl TokenDoc {
    /// The document of a token not used yet.
    fn fresh(hash: &str, family: TokenFamilyId, user_id: UserId, expires_at: Timestamp) -> Self {
        Self {
            hash: hash.to_owned(),
            family,
            user_id,
            expires_at: DateTime::from_millis(expires_at.as_millis()),
            spent: false,
            revoked: false,
        }
    }
}

#[async_trait]
impl SessionStore for MongoStore {
    async fn create_refresh_token(&self, token: &RefreshToken) -> Result<(), StoreError> {
        let fresh = TokenDoc::fresh(&token.hash, token.family, token.user_id, token.expires_at);
        match self.collection(REFRESH_TOKENS).insert_one(fresh).await {
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(StoreError::Conflict("refresh_token")),
            Err(error) => Err(store_error("create_refresh_token", &error)),
        }
    }

    async fn rotate_refresh_token(
        &self,
        hash: &str,
        next: &RefreshToken,
        now: Timestamp,
    ) -> Result<RotateOutcome, StoreError> {
        let rotation = (self, hash, next, now);
        self.transaction("rotate_refresh_token", rotation, |session, rotation| {
            let (store, hash, next, now) = *rotation;
            Box::pin(rotate(session, store, hash, next, now))
        })
        .await
    }

    async fn revoke_refresh_family(&self, hash: &str) -> Result<(), StoreError> {
        self.transaction("revoke_refresh_family", (self, hash), |session, context| {
            let (store, hash) = *context;
            Box::pin(async move {
                let token = store
                    .collection::<TokenDoc>(REFRESH_TOKENS)
                    .find_one(doc! { "_id": hash })
                    .session(&mut *session)
                    .await?;
                match token {
                    Some(token) => revoke(session, store, token.family).await,
                    None => Ok(()),
                }
            })
        })
        .await
    }
}

/// Spends the token `hash` and stores its successor, or says why it cannot.
async fn rotate(
    session: &mut ClientSession,
    store: &MongoStore,
    hash: &str,
    next: &RefreshToken,
    now: Timestamp,
) -> mongodb::error::Result<RotateOutcome> {
    let tokens = store.collection::<TokenDoc>(REFRESH_TOKENS);
    let current = doc! {
        "_id": hash,
        "spent": false,
        "revoked": false,
        "expires_at": { "$gt": DateTime::from_millis(now.as_millis()) },
    };
    let spent = tokens
        .find_one_and_update(current, doc! { "$set": { "spent": true } })
        .session(&mut *session)
        .await?;

    if let Some(spent) = spent {
        let successor = TokenDoc::fresh(&next.hash, spent.family, spent.user_id, next.expires_at);
        tokens
            .insert_one(successor)
            .session(&mut *session)
            .await
            .map_err(conflict_on_duplicate("refresh_token"))?;
        return Ok(RotateOutcome::Rotated {
            user_id: spent.user_id,
        });
    }

    let found = tokens
        .find_one(doc! { "_id": hash })
        .session(&mut *session)
        .await?;
    match found {
        Some(token) if !token.revoked && token.spent => {
            revoke(session, store, token.family).await?;
            Ok(RotateOutcome::Reused)
        }
        _ => Ok(RotateOutcome::Invalid),
    }
}

/// Marks every token of `family` revoked.
async fn revoke(
    session: &mut ClientSession,
    store: &MongoStore,
    family: TokenFamilyId,
) -> mongodb::error::Result<()> {
    store
        .collection::<TokenDoc>(REFRESH_TOKENS)
        .update_many(
            doc! { "family": family.to_string() },
            doc! { "$set": { "revoked": true } },
        )
        .session(session)
        .await?;
    Ok(())
}
