//! User accounts, unique by username and by email without regard to case.
//!
//! Each account document carries the lowercase forms of both in `username_key` and
//! `email_key`, which unique indexes guard; lookups ignore case by searching those. The
//! user record keeps the forms the user chose.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::user::User;
use concord_ports::store::{StoreError, UserCredentials, UserStore};
use mongodb::bson::{Document, doc};
use serde::Deserialize;

use crate::MongoStore;
use crate::codec::{collect, document, fields, value};
use crate::failure::{During, is_duplicate_key, store_error};
use crate::schema::USERS;

/// An account document read for logging in.
#[derive(Deserialize)]
struct CredentialsDoc {
    password_hash: String,
}

#[async_trait]
impl UserStore for MongoStore {
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        let mut account = document(user.id.to_string(), user)?;
        account.insert("username_key", user.username.canonical());
        account.insert("email_key", user.email.canonical());
        account.insert("password_hash", password_hash);

        match self.collection::<Document>(USERS).insert_one(account).await {
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(self.taken(user).await?),
            Err(error) => Err(store_error("create_user", &error)),
        }
    }

    async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        self.collection::<User>(USERS)
            .find_one(doc! { "_id": id.to_string() })
            .await
            .during("user")
    }

    async fn users(&self, ids: &[UserId]) -> Result<Vec<User>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let cursor = self
            .collection::<User>(USERS)
            .find(doc! { "_id": { "$in": value(&ids)? } })
            .await
            .during("users")?;
        collect(cursor, "users").await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        // Usernames are ASCII, and `Username::canonical` lowers ASCII letters only.
        let key = username.to_ascii_lowercase();
        self.collection::<User>(USERS)
            .find_one(doc! { "username_key": key })
            .await
            .during("user_by_username")
    }

    async fn credentials(&self, login: &str) -> Result<Option<UserCredentials>, StoreError> {
        let accounts = self.collection::<Document>(USERS);
        let by_username = accounts
            .find_one(doc! { "username_key": login.to_ascii_lowercase() })
            .await
            .during("credentials")?;
        let account = match by_username {
            Some(account) => Some(account),
            None => accounts
                .find_one(doc! { "email_key": login.to_lowercase() })
                .await
                .during("credentials")?,
        };
        let Some(account) = account else {
            return Ok(None);
        };

        let decode = |error| crate::failure::codec("corrupt account", error);
        let user: User = mongodb::bson::from_document(account.clone()).map_err(decode)?;
        let secret: CredentialsDoc = mongodb::bson::from_document(account).map_err(decode)?;
        Ok(Some(UserCredentials {
            user,
            password_hash: secret.password_hash,
        }))
    }

    async fn update_user(&self, user: &User) -> Result<(), StoreError> {
        let mut changes = fields(user)?;
        changes.insert("username_key", user.username.canonical());
        changes.insert("email_key", user.email.canonical());

        let updated = self
            .collection::<Document>(USERS)
            .update_one(
                doc! { "_id": user.id.to_string() },
                doc! { "$set": changes },
            )
            .await;
        match updated {
            Ok(result) if result.matched_count == 0 => Err(StoreError::NotFound),
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(self.taken(user).await?),
            Err(error) => Err(store_error("update_user", &error)),
        }
    }
}

impl MongoStore {
    /// The conflict a duplicate key on `user`'s account means: another account holds
    /// the username, or else the email.
    async fn taken(&self, user: &User) -> Result<StoreError, StoreError> {
        let holder = self
            .collection::<Document>(USERS)
            .find_one(doc! {
                "username_key": user.username.canonical(),
                "_id": { "$ne": user.id.to_string() },
            })
            .await
            .during("checking a username")?;
        Ok(StoreError::Conflict(if holder.is_some() {
            "username"
        } else {
            "email"
        }))
    }
}
