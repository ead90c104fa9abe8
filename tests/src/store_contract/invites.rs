//! The contract of invites in `GuildStore`: unique codes, and joining that checks ban,
//! membership, expiry and uses and counts the use in one step.

use std::sync::Arc;

use concord_domain::guild::{Ban, Invite};
use concord_ports::store::{InviteOutcome, Store};

use super::assert_conflict;
use super::fixtures::{NOW, fresh_id, invite, member, owned_guild, registered};

/// An invite is found by its code; a second invite with the same code is refused.
pub async fn invite_codes_are_unique(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let first = invite(&bundle);
    store.create_invite(&first).await.expect("invite");
    assert_eq!(
        store.invite(&first.code).await.expect("invite"),
        Some(first.clone())
    );
    assert_eq!(store.invite("no-such-code").await.expect("unknown"), None);

    let copy = Invite {
        max_uses: Some(1),
        ..first.clone()
    };
    assert_conflict(store.create_invite(&copy).await, "invite");
    assert_eq!(
        store.invite(&first.code).await.expect("invite"),
        Some(first)
    );
}

/// Joining adds the member to the invite's guild and counts one use.
pub async fn joining_through_an_invite_counts_its_use(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let code = Invite {
        max_uses: Some(2),
        ..invite(&bundle)
    };
    store.create_invite(&code).await.expect("invite");

    let user = registered(&*store).await;
    let candidate = member(guild, user.id);
    let outcome = store
        .join_by_invite(&code.code, &candidate, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::Joined(candidate.clone()));
    assert_eq!(
        store.member(guild, user.id).await.expect("member"),
        Some(candidate)
    );
    assert_eq!(
        store.guilds_of_user(user.id).await.expect("guilds"),
        vec![bundle.guild]
    );

    let counted = store
        .invite(&code.code)
        .await
        .expect("invite")
        .expect("still there");
    assert_eq!(counted.uses, 1);
}

/// A member joining again gets their membership back and uses nothing up.
pub async fn members_joining_again_change_nothing(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let code = invite(&bundle);
    store.create_invite(&code).await.expect("invite");

    let again = member(bundle.guild.id, owner.id);
    let outcome = store
        .join_by_invite(&code.code, &again, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::AlreadyMember(bundle.owner));
    assert_eq!(
        store
            .invite(&code.code)
            .await
            .expect("invite")
            .map(|i| i.uses),
        Some(0)
    );
}

/// A banned user is turned away and nothing is counted.
pub async fn banned_users_cannot_join(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let code = invite(&bundle);
    store.create_invite(&code).await.expect("invite");
    let user = registered(&*store).await;
    let ban = Ban {
        guild_id: guild,
        user_id: user.id,
        reason: None,
        banned_by: owner.id,
        created_at: NOW,
    };
    store.ban(&ban).await.expect("ban");

    let outcome = store
        .join_by_invite(&code.code, &member(guild, user.id), NOW)
        .await;
    assert_eq!(outcome.expect("join"), InviteOutcome::Banned);
    assert_eq!(store.member(guild, user.id).await.expect("member"), None);
    assert_eq!(
        store
            .invite(&code.code)
            .await
            .expect("invite")
            .map(|i| i.uses),
        Some(0)
    );
}

/// Expired, used-up and unknown invites admit nobody.
pub async fn expired_used_up_and_unknown_invites_are_unusable(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let user = registered(&*store).await;
    let candidate = member(guild, user.id);

    let expired = Invite {
        expires_at: Some(NOW),
        ..invite(&bundle)
    };
    store.create_invite(&expired).await.expect("invite");
    let outcome = store
        .join_by_invite(&expired.code, &candidate, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::Unusable);

    let used_up = Invite {
        max_uses: Some(3),
        uses: 3,
        ..invite(&bundle)
    };
    store.create_invite(&used_up).await.expect("invite");
    let outcome = store
        .join_by_invite(&used_up.code, &candidate, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::Unusable);

    let outcome = store
        .join_by_invite("no-such-code", &candidate, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::Unusable);
    assert_eq!(store.member(guild, user.id).await.expect("member"), None);

    let still_open = Invite {
        expires_at: Some(NOW.plus_millis(1)),
        ..invite(&bundle)
    };
    store.create_invite(&still_open).await.expect("invite");
    let outcome = store
        .join_by_invite(&still_open.code, &candidate, NOW)
        .await
        .expect("join");
    assert_eq!(outcome, InviteOutcome::Joined(candidate));
}

/// Eight users racing for a single-use invite: exactly one gets in.
pub async fn the_last_use_of_an_invite_goes_to_one_racer(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let code = Invite {
        max_uses: Some(1),
        ..invite(&bundle)
    };
    store.create_invite(&code).await.expect("invite");

    let racers: Vec<_> = (0..8)
        .map(|_| {
            let (store, code) = (store.clone(), code.code.clone());
            tokio::spawn(async move {
                store
                    .join_by_invite(&code, &member(guild, fresh_id()), NOW)
                    .await
            })
        })
        .collect();
    let mut joined = 0;
    for racer in racers {
        match racer.await.expect("racer finished").expect("join") {
            InviteOutcome::Joined(_) => joined += 1,
            InviteOutcome::Unusable => {}
            other => panic!("unexpected outcome {other:?}"),
        }
    }

    assert_eq!(joined, 1);
    assert_eq!(
        store
            .invite(&code.code)
            .await
            .expect("invite")
            .map(|i| i.uses),
        Some(1)
    );
    assert_eq!(
        store
            .members(guild, None, 100)
            .await
            .expect("members")
            .len(),
        2
    );
}
