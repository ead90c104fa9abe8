//! Refresh tokens, stored by the hash of their secret, and the revoked families.
//!
//! Rotating marks the presented token spent instead of deleting it: a spent token that
//! comes back was copied, so the whole family is revoked. A token's successor always
//! joins the spent token's family and owner, whatever the caller put in `next`, since
//! the caller cannot know them before the token is looked up.

use async_trait::async_trait;
use concord_domain::id::{TokenFamilyId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{RefreshToken, RotateOutcome, SessionStore, StoreError};
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use crate::EmbeddedStore;
use crate::codec::{get_json, put_json};
use crate::tables::{REFRESH_TOKENS, REVOKED_FAMILIES};

/// What the `refresh_tokens` table holds for each token.
#[derive(Serialize, Deserialize)]
struct TokenRecord {
    family: TokenFamilyId,
    user_id: UserId,
    expires_at: Timestamp,
    spent: bool,
}

impl TokenRecord {
    /// The record of a token not used yet.
    fn fresh(token: &RefreshToken) -> Self {
        Self {
            family: token.family,
            user_id: token.user_id,
            expires_at: token.expires_at,
            spent: false,
        }
    }
}

#[async_trait]
impl SessionStore for EmbeddedStore {
    async fn create_refresh_token(&self, token: &RefreshToken) -> Result<(), StoreError> {
        let token = token.clone();
        self.write("create_refresh_token", move |tx| {
            let mut tokens = tx.open_table(REFRESH_TOKENS)?;
            if tokens.get(token.hash.as_str())?.is_some() {
                return Err(StoreError::Conflict("refresh_token").into());
            }
            put_json(
                &mut tokens,
                token.hash.as_str(),
                &TokenRecord::fresh(&token),
            )
        })
        .await
    }

    async fn rotate_refresh_token(
        &self,
        hash: &str,
        next: &RefreshToken,
        now: Timestamp,
    ) -> Result<RotateOutcome, StoreError> {
        let (hash, next) = (hash.to_owned(), next.clone());
        self.write("rotate_refresh_token", move |tx| {
            let mut tokens = tx.open_table(REFRESH_TOKENS)?;
            let mut revoked = tx.open_table(REVOKED_FAMILIES)?;
            let Some(mut token) = get_json::<_, TokenRecord>(&tokens, hash.as_str())? else {
                return Ok(RotateOutcome::Invalid);
            };
            let family = token.family.to_string();

            if revoked.get(family.as_str())?.is_some() {
                return Ok(RotateOutcome::Invalid);
            }
            if token.spent {
                revoked.insert(family.as_str(), ())?;
                return Ok(RotateOutcome::Reused);
            }
            if now >= token.expires_at {
                return Ok(RotateOutcome::Invalid);
            }

            token.spent = true;
            put_json(&mut tokens, hash.as_str(), &token)?;

            let successor = TokenRecord {
                family: token.family,
                user_id: token.user_id,
                expires_at: next.expires_at,
                spent: false,
            };
            put_json(&mut tokens, next.hash.as_str(), &successor)?;
            Ok(RotateOutcome::Rotated {
                user_id: token.user_id,
            })
        })
        .await
    }

    async fn revoke_refresh_family(&self, hash: &str) -> Result<(), StoreError> {
        let hash = hash.to_owned();
        self.write("revoke_refresh_family", move |tx| {
            let tokens = tx.open_table(REFRESH_TOKENS)?;
            let Some(token) = get_json::<_, TokenRecord>(&tokens, hash.as_str())? else {
                return Ok(());
            };
            tx.open_table(REVOKED_FAMILIES)?
                .insert(token.family.to_string().as_str(), ())?;
            Ok(())
        })
        .await
    }
}
