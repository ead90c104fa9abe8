//! User accounts, with the username and email indexes that keep both unique.
//!
//! The indexes hold the canonical (lowercase) forms, so uniqueness and lookups ignore
//! case; the user record keeps the forms the user chose.

use async_trait::async_trait;
use concord_domain::id::UserId;
use concord_domain::user::User;
use concord_ports::store::{StoreError, UserCredentials, UserStore};
use redb::{ReadableTable, Table};
use serde::{Deserialize, Serialize};

use crate::EmbeddedStore;
use crate::codec::{get_json, put_json};
use crate::tables::{EMAILS, USERNAMES, USERS};
use crate::transaction::Outcome;

/// What the `users` table holds for each account.
#[derive(Serialize, Deserialize)]
struct UserRecord {
    user: User,
    password_hash: String,
}

#[async_trait]
impl UserStore for EmbeddedStore {
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        let record = UserRecord {
            user: user.clone(),
            password_hash: password_hash.to_owned(),
        };
        self.write("create_user", move |tx| {
            let key = record.user.id.to_string();
            let username = record.user.username.canonical();
            let email = record.user.email.canonical();

            let mut usernames = tx.open_table(USERNAMES)?;
            let mut emails = tx.open_table(EMAILS)?;
            claim(&mut usernames, &username, &key, "username")?;
            claim(&mut emails, &email, &key, "email")?;

            put_json(&mut tx.open_table(USERS)?, key.as_str(), &record)
        })
        .await
    }

    async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        self.read("user", move |tx| {
            let users = tx.open_table(USERS)?;
            let record: Option<UserRecord> = get_json(&users, id.to_string().as_str())?;
            Ok(record.map(|record| record.user))
        })
        .await
    }

    async fn users(&self, ids: &[UserId]) -> Result<Vec<User>, StoreError> {
        let ids = ids.to_vec();
        self.read("users", move |tx| {
            let users = tx.open_table(USERS)?;
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(record) = get_json::<_, UserRecord>(&users, id.to_string().as_str())? {
                    found.push(record.user);
                }
            }
            Ok(found)
        })
        .await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        // Usernames are ASCII, and `Username::canonical` lowers ASCII letters only.
        let canonical = username.to_ascii_lowercase();
        self.read("user_by_username", move |tx| {
            let Some(id) = lookup(&tx.open_table(USERNAMES)?, &canonical)? else {
                return Ok(None);
            };
            let record: Option<UserRecord> = get_json(&tx.open_table(USERS)?, id.as_str())?;
            Ok(record.map(|record| record.user))
        })
        .await
    }

    async fn credentials(&self, login: &str) -> Result<Option<UserCredentials>, StoreError> {
        let username = login.to_ascii_lowercase();
        let email = login.to_lowercase();
        self.read("credentials", move |tx| {
            let by_username = lookup(&tx.open_table(USERNAMES)?, &username)?;
            let id = match by_username {
                Some(id) => Some(id),
                None => lookup(&tx.open_table(EMAILS)?, &email)?,
            };
            let Some(id) = id else {
                return Ok(None);
            };

            let record: Option<UserRecord> = get_json(&tx.open_table(USERS)?, id.as_str())?;
            Ok(record.map(|record| UserCredentials {
                user: record.user,
                password_hash: record.password_hash,
            }))
        })
        .await
    }

    async fn update_user(&self, user: &User) -> Result<(), StoreError> {
        let user = user.clone();
        self.write("update_user", move |tx| {
            let key = user.id.to_string();
            let mut users = tx.open_table(USERS)?;
            let Some(mut record) = get_json::<_, UserRecord>(&users, key.as_str())? else {
                return Err(StoreError::NotFound.into());
            };

            let mut usernames = tx.open_table(USERNAMES)?;
            let (old, new) = (record.user.username.canonical(), user.username.canonical());
            reclaim(&mut usernames, &old, &new, &key, "username")?;

            let mut emails = tx.open_table(EMAILS)?;
            let (old, new) = (record.user.email.canonical(), user.email.canonical());
            reclaim(&mut emails, &old, &new, &key, "email")?;

            record.user = user;
            put_json(&mut users, key.as_str(), &record)
        })
        .await
    }
}

/// The user id an index maps `canonical` to.
fn lookup(
    index: &impl ReadableTable<&'static str, &'static str>,
    canonical: &str,
) -> Outcome<Option<String>> {
    Ok(index.get(canonical)?.map(|guard| guard.value().to_owned()))
}

/// Points `canonical` at `user` in an index, or fails with `Conflict(what)` if another
/// user holds it.
fn claim(
    index: &mut Table<'_, &'static str, &'static str>,
    canonical: &str,
    user: &str,
    what: &'static str,
) -> Outcome<()> {
    if let Some(holder) = lookup(index, canonical)?
        && holder != user
    {
        return Err(StoreError::Conflict(what).into());
    }
    index.insert(canonical, user)?;
    Ok(())
}

/// Moves `user`'s entry in an index from `old` to `new`, if they differ.
fn reclaim(
    index: &mut Table<'_, &'static str, &'static str>,
    old: &str,
    new: &str,
    user: &str,
    what: &'static str,
) -> Outcome<()> {
    if old == new {
        return Ok(());
    }
    claim(index, new, user, what)?;
    index.remove(old)?;
    Ok(())
}
