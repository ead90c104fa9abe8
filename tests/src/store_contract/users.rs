//! The contract of `UserStore`: accounts, found by id, username or email, with usernames
//! and emails unique without regard to case.

use std::sync::Arc;

use concord_domain::user::{DisplayName, Email, User, Username};
use concord_ports::store::Store;

use super::fixtures::{fresh_id, new_user, registered, unique, user_named};
use super::{assert_conflict, assert_not_found};

/// A stored user is found by id, among several ids, and by username in any case.
pub async fn accounts_are_found_by_id_and_by_username_ignoring_case(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let other = registered(&*store).await;

    assert_eq!(store.user(user.id).await.expect("user"), Some(user.clone()));
    assert_eq!(store.user(fresh_id()).await.expect("unknown user"), None);

    let mut found = store
        .users(&[user.id, fresh_id(), other.id])
        .await
        .expect("users");
    found.sort_by_key(|found| found.id);
    assert_eq!(found, vec![user.clone(), other]);

    let shouted = user.username.as_str().to_uppercase();
    let by_name = store
        .user_by_username(&shouted)
        .await
        .expect("user by username");
    assert_eq!(by_name, Some(user));
    assert_eq!(
        store
            .user_by_username("nobody-here")
            .await
            .expect("unknown name"),
        None
    );
}

/// A username differing only in case from a taken one is refused.
pub async fn usernames_are_unique_without_regard_to_case(store: Arc<dyn Store>) {
    let name = format!("Ada{}", unique());
    store
        .create_user(&user_named(&name), "hash")
        .await
        .expect("first user");

    let twin = user_named(&name.to_lowercase());
    let twin = User {
        email: Email::parse(&format!("other{}@example.org", unique())).expect("email"),
        ..twin
    };
    assert_conflict(store.create_user(&twin, "hash").await, "username");
    assert_eq!(store.user(twin.id).await.expect("refused user"), None);
}

/// An email differing only in case from a taken one is refused.
pub async fn emails_are_unique_without_regard_to_case(store: Arc<dyn Store>) {
    let first = registered(&*store).await;

    let second = User {
        email: Email::parse(&first.email.as_str().to_uppercase()).expect("email"),
        ..new_user()
    };
    assert_conflict(store.create_user(&second, "hash").await, "email");

    let by_name = store
        .user_by_username(second.username.as_str())
        .await
        .expect("lookup");
    assert_eq!(by_name, None, "a refused user leaves no username behind");
}

/// Logging in finds the account by username or by email, in any case, with its hash.
pub async fn credentials_are_found_by_username_or_email_ignoring_case(store: Arc<dyn Store>) {
    let user = new_user();
    store.create_user(&user, "argon2-hash").await.expect("user");

    for login in [
        user.username.as_str().to_uppercase(),
        user.email.as_str().to_owned(),
        user.email.as_str().to_uppercase(),
    ] {
        let credentials = store.credentials(&login).await.expect("credentials");
        let credentials = credentials.unwrap_or_else(|| panic!("no credentials for {login}"));
        assert_eq!(credentials.user, user);
        assert_eq!(credentials.password_hash, "argon2-hash");
    }
    assert!(
        store
            .credentials("nobody@example.org")
            .await
            .expect("unknown")
            .is_none()
    );
}

/// Updates replace the profile, move the username and email, and keep both unique.
pub async fn updating_a_user_keeps_usernames_and_emails_unique(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let other = registered(&*store).await;

    let taken_name = User {
        username: Username::parse(&other.username.as_str().to_uppercase()).expect("name"),
        ..user.clone()
    };
    assert_conflict(store.update_user(&taken_name).await, "username");
    let taken_email = User {
        email: other.email.clone(),
        ..user.clone()
    };
    assert_conflict(store.update_user(&taken_email).await, "email");
    assert_eq!(store.user(user.id).await.expect("user"), Some(user.clone()));

    let new_name = format!("renamed{}", unique());
    let renamed = User {
        username: Username::parse(&new_name).expect("name"),
        email: Email::parse(&format!("{new_name}@example.net")).expect("email"),
        display_name: DisplayName::parse("Renamed").expect("display name"),
        ..user.clone()
    };
    store.update_user(&renamed).await.expect("rename");
    assert_eq!(
        store.user(user.id).await.expect("user"),
        Some(renamed.clone())
    );
    assert_eq!(
        store.user_by_username(&new_name).await.expect("new name"),
        Some(renamed)
    );
    assert_eq!(
        store
            .user_by_username(user.username.as_str())
            .await
            .expect("old name"),
        None
    );
    assert!(
        store
            .credentials(user.email.as_str())
            .await
            .expect("old email")
            .is_none()
    );

    // The freed username can be taken by someone else.
    let heir = User {
        username: user.username.clone(),
        email: Email::parse(&format!("heir{}@example.org", unique())).expect("email"),
        ..new_user()
    };
    store
        .create_user(&heir, "hash")
        .await
        .expect("reusing a freed username");

    // Changing only the case of one's own username is no conflict.
    let recased = User {
        username: Username::parse(&other.username.as_str().to_uppercase()).expect("name"),
        ..other
    };
    store
        .update_user(&recased)
        .await
        .expect("re-casing one's own username");

    assert_not_found(store.update_user(&new_user()).await);
}
