//! The contract of `SessionStore`: refresh tokens rotate once, and a token presented
//! again after its rotation revokes its whole family.

use std::sync::Arc;

use concord_domain::id::TokenFamilyId;
use concord_ports::store::{RefreshToken, RotateOutcome, Store};

use super::fixtures::{NOW, fresh_id, refresh_token, registered, successor, unique};

/// A current token rotates into its successor, which rotates in turn.
pub async fn rotating_a_current_token_spends_it(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let first = refresh_token(user.id);
    store
        .create_refresh_token(&first)
        .await
        .expect("first token");

    let second = successor(&first);
    let outcome = store
        .rotate_refresh_token(&first.hash, &second, NOW)
        .await
        .expect("rotate");
    assert_eq!(outcome, RotateOutcome::Rotated { user_id: user.id });

    // The store takes family and owner from the spent token, not from the caller.
    let third = RefreshToken {
        family: fresh_id::<TokenFamilyId>(),
        user_id: fresh_id(),
        ..successor(&second)
    };
    let outcome = store
        .rotate_refresh_token(&second.hash, &third, NOW)
        .await
        .expect("rotate");
    assert_eq!(outcome, RotateOutcome::Rotated { user_id: user.id });

    let fourth = successor(&third);
    let outcome = store
        .rotate_refresh_token(&third.hash, &fourth, NOW)
        .await
        .expect("rotate");
    assert_eq!(outcome, RotateOutcome::Rotated { user_id: user.id });
}

/// A spent token presented again is `Reused`, and its successor stops working too.
pub async fn presenting_a_spent_token_revokes_its_family(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let first = refresh_token(user.id);
    store
        .create_refresh_token(&first)
        .await
        .expect("first token");
    let second = successor(&first);
    store
        .rotate_refresh_token(&first.hash, &second, NOW)
        .await
        .expect("rotate");

    let replayed = store
        .rotate_refresh_token(&first.hash, &successor(&first), NOW)
        .await;
    assert_eq!(replayed.expect("replay"), RotateOutcome::Reused);

    let after = store
        .rotate_refresh_token(&second.hash, &successor(&second), NOW)
        .await;
    assert_eq!(after.expect("successor"), RotateOutcome::Invalid);
    let again = store
        .rotate_refresh_token(&first.hash, &successor(&first), NOW)
        .await;
    assert_eq!(again.expect("replay again"), RotateOutcome::Invalid);
}

/// Unknown, expired and revoked tokens are all `Invalid`; revoking is idempotent.
pub async fn expired_unknown_and_revoked_tokens_are_invalid(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let token = refresh_token(user.id);
    store.create_refresh_token(&token).await.expect("token");

    let unknown = store
        .rotate_refresh_token(&format!("nope{}", unique()), &token, NOW)
        .await;
    assert_eq!(unknown.expect("unknown"), RotateOutcome::Invalid);

    let late = token.expires_at;
    let expired = store
        .rotate_refresh_token(&token.hash, &successor(&token), late)
        .await;
    assert_eq!(expired.expect("expired"), RotateOutcome::Invalid);

    let revoked = refresh_token(user.id);
    store.create_refresh_token(&revoked).await.expect("token");
    store
        .revoke_refresh_family(&revoked.hash)
        .await
        .expect("revoke");
    store
        .revoke_refresh_family(&revoked.hash)
        .await
        .expect("revoke twice");
    store
        .revoke_refresh_family("never-issued")
        .await
        .expect("revoke unknown");
    let outcome = store
        .rotate_refresh_token(&revoked.hash, &successor(&revoked), NOW)
        .await;
    assert_eq!(outcome.expect("revoked"), RotateOutcome::Invalid);

    // Revoking one family leaves the user's other sessions alone.
    let other = refresh_token(user.id);
    store.create_refresh_token(&other).await.expect("token");
    let outcome = store
        .rotate_refresh_token(&other.hash, &successor(&other), NOW)
        .await;
    assert_eq!(
        outcome.expect("other family"),
        RotateOutcome::Rotated { user_id: user.id }
    );
}

/// Eight callers rotating the same token at once: exactly one gets `Rotated`.
pub async fn concurrent_rotations_of_one_token_let_exactly_one_through(store: Arc<dyn Store>) {
    let user = registered(&*store).await;
    let token = refresh_token(user.id);
    store.create_refresh_token(&token).await.expect("token");

    let racers: Vec<_> = (0..8)
        .map(|_| {
            let (store, token) = (store.clone(), token.clone());
            tokio::spawn(async move {
                let next = successor(&token);
                store.rotate_refresh_token(&token.hash, &next, NOW).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for racer in racers {
        outcomes.push(racer.await.expect("racer finished").expect("rotation"));
    }

    let rotated = outcomes
        .iter()
        .filter(|o| matches!(o, RotateOutcome::Rotated { .. }))
        .count();
    let reused = outcomes
        .iter()
        .filter(|o| **o == RotateOutcome::Reused)
        .count();
    assert_eq!(rotated, 1, "outcomes: {outcomes:?}");
    assert!(
        reused >= 1,
        "the first loser sees a spent token: {outcomes:?}"
    );
}
