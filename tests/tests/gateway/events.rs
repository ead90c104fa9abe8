//! What each dispatch carries: reactions taken back, guilds changed, left and deleted,
//! members coming, changing and going, friendships ended, and a busy status.

use serde_json::json;

use crate::client::{Gw, QUIET};
use crate::support::{Session, ids, spawn_app, text};

/// The ids of the guilds `user` is in, as REST lists them.
async fn guild_ids(user: &Session) -> Vec<String> {
    let (status, guilds) = user.get("/users/@me/guilds").await;
    assert!(status.is_success(), "{guilds}");
    ids(&guilds)
}

#[tokio::test]
async fn taking_a_reaction_back_is_dispatched_with_who_and_what() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &owner.token).await;
    let sent = owner.send(&guild.general, "react to me").await;
    let id = text(&sent["id"]);

    let reaction = format!(
        "/channels/{}/messages/{id}/reactions/%F0%9F%8E%89",
        guild.general
    );
    assert!(member.put(&reaction, json!(null)).await.0.is_success());
    assert!(member.delete(&reaction).await.0.is_success());

    let added = gw.dispatch("MESSAGE_REACTION_ADD").await;
    let removed = gw.dispatch("MESSAGE_REACTION_REMOVE").await;
    let expected = json!({
        "channel_id": guild.general,
        "message_id": id,
        "user_id": member.user_id,
        "emoji": "🎉",
    });
    assert_eq!(added, expected);
    assert_eq!(removed, expected);
}

#[tokio::test]
async fn a_renamed_guild_is_dispatched_to_its_members() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    let (status, _) = owner
        .patch(&format!("/guilds/{}", guild.id), json!({"name": "Engines"}))
        .await;
    assert!(status.is_success());
    let update = gw.dispatch("GUILD_UPDATE").await;
    assert_eq!(update["id"], guild.id.as_str());
    assert_eq!(update["name"], "Engines");
    assert_eq!(update["owner_id"], owner.user_id.as_str());
}

#[tokio::test]
async fn members_joining_and_changing_are_dispatched_to_the_guild() {
    let app = spawn_app().await;
    let (owner, _, guild) = app.guild_with_member("ada", "bob").await;
    let carol = app.register("carol").await;
    let (mut gw, _) = Gw::ready(&app, &owner.token).await;

    app.invite_and_join(&owner, &guild, &carol).await;
    let added = gw.dispatch("GUILD_MEMBER_ADD").await;
    assert_eq!(added["member"]["guild_id"], guild.id.as_str());
    assert_eq!(added["member"]["user_id"], carol.user_id.as_str());
    assert_eq!(added["member"]["roles"], json!([]));
    assert_eq!(added["user"]["id"], carol.user_id.as_str());
    assert_eq!(added["user"]["username"], "carol");
    assert!(
        added["user"].get("email").is_none(),
        "no email of others: {added}"
    );

    let path = format!("/guilds/{}/members/{}", guild.id, carol.user_id);
    let (status, _) = owner.patch(&path, json!({"nickname": "Caz"})).await;
    assert!(status.is_success());
    let updated = gw.dispatch("GUILD_MEMBER_UPDATE").await;
    assert_eq!(updated["guild_id"], guild.id.as_str());
    assert_eq!(updated["user_id"], carol.user_id.as_str());
    assert_eq!(updated["nickname"], "Caz");
}

#[tokio::test]
async fn leaving_a_guild_tells_the_guild_and_ends_delivery_to_the_leaver() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut owner_gw, _) = Gw::ready(&app, &owner.token).await;
    let (mut member_gw, _) = Gw::ready(&app, &member.token).await;

    let path = format!("/guilds/{}/members/{}", guild.id, member.user_id);
    assert!(member.delete(&path).await.0.is_success());
    let removed = owner_gw.dispatch("GUILD_MEMBER_REMOVE").await;
    assert_eq!(
        removed,
        json!({"guild_id": guild.id, "user_id": member.user_id})
    );
    let gone = member_gw.dispatch("GUILD_DELETE").await;
    assert_eq!(gone, json!({"id": guild.id}));
    assert!(guild_ids(&member).await.is_empty());

    owner.send(&guild.general, "after bob left").await;
    assert_eq!(
        owner_gw.dispatch("MESSAGE_CREATE").await["content"],
        "after bob left"
    );
    let leaked = member_gw.dispatches_within("MESSAGE_CREATE", QUIET).await;
    assert!(leaked.is_empty(), "the leaver saw {leaked:?}");
}

#[tokio::test]
async fn deleting_a_guild_sends_guild_delete_to_every_member() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut owner_gw, _) = Gw::ready(&app, &owner.token).await;
    let (mut member_gw, _) = Gw::ready(&app, &member.token).await;

    assert!(
        owner
            .delete(&format!("/guilds/{}", guild.id))
            .await
            .0
            .is_success()
    );
    for gw in [&mut owner_gw, &mut member_gw] {
        assert_eq!(gw.dispatch("GUILD_DELETE").await, json!({"id": guild.id}));
    }
    assert!(guild_ids(&member).await.is_empty());
}

#[tokio::test]
async fn ending_a_friendship_sends_relationship_remove_to_both() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    app.befriend(&ada, &bob).await;
    let (mut ada_gw, _) = Gw::ready(&app, &ada.token).await;
    let (mut bob_gw, _) = Gw::ready(&app, &bob.token).await;

    let path = format!("/users/@me/relationships/{}", bob.user_id);
    assert!(ada.delete(&path).await.0.is_success());
    assert_eq!(
        ada_gw.dispatch("RELATIONSHIP_REMOVE").await,
        json!({"id": bob.user_id})
    );
    assert_eq!(
        bob_gw.dispatch("RELATIONSHIP_REMOVE").await,
        json!({"id": ada.user_id})
    );
}

#[tokio::test]
async fn a_do_not_disturb_status_reaches_guild_mates_and_friends_and_ready() {
    let app = spawn_app().await;
    let (owner, member, _) = app.guild_with_member("ada", "bob").await;
    let friend = app.register("carol").await;
    app.befriend(&member, &friend).await;
    let (mut owner_gw, _) = Gw::ready(&app, &owner.token).await;
    let (mut friend_gw, _) = Gw::ready(&app, &friend.token).await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;
    for watcher in [&mut owner_gw, &mut friend_gw] {
        assert_eq!(watcher.presence_of(&member.user_id).await, "online");
    }

    gw.send(json!({"op": 3, "d": {"status": "dnd"}})).await;
    for watcher in [&mut owner_gw, &mut friend_gw] {
        assert_eq!(watcher.presence_of(&member.user_id).await, "dnd");
    }
    let (_, ready) = Gw::ready(&app, &owner.token).await;
    let presences = ready["guilds"][0]["presences"].as_array().unwrap();
    let seen = presences
        .iter()
        .find(|p| p["user_id"] == member.user_id.as_str())
        .expect("bob's presence in READY");
    assert_eq!(seen["status"], "dnd");
}
