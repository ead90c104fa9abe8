//! Who receives which events, and that losing access stops delivery at once.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::client::{Gw, QUIET};
use crate::support::{Guild, Session, spawn_app, text};

#[tokio::test]
async fn messages_reach_every_member_in_order_and_no_stranger() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let stranger = app.register("eve").await;
    let (mut member_gw, _) = Gw::ready(&app, &member.token).await;
    let (mut stranger_gw, _) = Gw::ready(&app, &stranger.token).await;

    for n in 0..5 {
        owner.send(&guild.general, &format!("message {n}")).await;
    }
    for n in 0..5 {
        let message = member_gw.dispatch("MESSAGE_CREATE").await;
        assert_eq!(message["content"], format!("message {n}"));
        assert_eq!(message["channel_id"], guild.general.as_str());
    }
    assert!(
        stranger_gw
            .dispatches_within("MESSAGE_CREATE", QUIET)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn edits_deletes_reactions_and_typing_are_dispatched() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    let sent = owner.send(&guild.general, "first").await;
    let id = text(&sent["id"]);
    let base = format!("/channels/{}/messages/{id}", guild.general);
    owner.patch(&base, json!({"content": "edited"})).await;
    owner
        .put(&format!("{base}/reactions/%F0%9F%91%8D"), json!(null))
        .await;
    owner
        .post(&format!("/channels/{}/typing", guild.general), json!(null))
        .await;
    owner.delete(&base).await;

    assert_eq!(gw.dispatch("MESSAGE_CREATE").await["content"], "first");
    assert_eq!(gw.dispatch("MESSAGE_UPDATE").await["content"], "edited");
    assert_eq!(gw.dispatch("MESSAGE_REACTION_ADD").await["emoji"], "👍");
    assert_eq!(
        gw.dispatch("TYPING_START").await["user_id"],
        owner.user_id.as_str()
    );
    assert_eq!(gw.dispatch("MESSAGE_DELETE").await["id"], id.as_str());
}

#[tokio::test]
async fn a_kicked_member_stops_receiving_at_once() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    owner.send(&guild.general, "before").await;
    assert_eq!(gw.dispatch("MESSAGE_CREATE").await["content"], "before");

    let kick = owner
        .delete(&format!("/guilds/{}/members/{}", guild.id, member.user_id))
        .await;
    assert!(kick.0.is_success());
    assert_eq!(gw.dispatch("GUILD_DELETE").await["id"], guild.id.as_str());
    owner.send(&guild.general, "after").await;
    assert!(
        gw.dispatches_within("MESSAGE_CREATE", QUIET)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_banned_member_stops_receiving_at_once() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    let path = format!("/guilds/{}/bans/{}", guild.id, member.user_id);
    let ban = owner.put(&path, json!({"reason": "spam"})).await;
    assert!(ban.0.is_success());
    assert_eq!(gw.dispatch("GUILD_DELETE").await["id"], guild.id.as_str());
    owner.send(&guild.general, "after the ban").await;
    assert!(
        gw.dispatches_within("MESSAGE_CREATE", QUIET)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn losing_view_permission_through_roles_stops_delivery() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    // @everyone keeps only SEND_MESSAGES: members can no longer view channels.
    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);
    let changed = owner
        .patch(&everyone, json!({"permissions": 1u64 << 11}))
        .await;
    assert!(changed.0.is_success(), "{changed:?}");
    gw.dispatch("GUILD_ROLE_UPDATE").await;
    owner.send(&guild.general, "hidden").await;
    assert!(
        gw.dispatches_within("MESSAGE_CREATE", QUIET)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn joining_a_guild_starts_delivery_of_its_channels() {
    let app = spawn_app().await;
    let owner = app.register("ada").await;
    let joiner = app.register("bob").await;
    let guild = owner.create_guild("Engines").await;
    let (mut gw, _) = Gw::ready(&app, &joiner.token).await;

    let code = owner.invite(&guild.id).await;
    let joined = joiner
        .call(Method::POST, &format!("/invites/{code}"), None)
        .await;
    assert!(joined.0.is_success());
    assert_eq!(gw.dispatch("GUILD_CREATE").await["id"], guild.id.as_str());

    owner.send(&guild.general, "welcome").await;
    assert_eq!(gw.dispatch("MESSAGE_CREATE").await["content"], "welcome");
}

#[tokio::test]
async fn new_channels_are_delivered_to_members() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, _) = Gw::ready(&app, &member.token).await;

    let created = owner
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({"name": "random"}),
        )
        .await;
    let channel = text(&created.1["id"]);
    assert_eq!(gw.dispatch("CHANNEL_CREATE").await["id"], channel.as_str());
    owner.send(&channel, "in the new channel").await;
    assert_eq!(
        gw.dispatch("MESSAGE_CREATE").await["channel_id"],
        channel.as_str()
    );
}

#[tokio::test]
async fn dms_relationships_and_read_states_reach_only_their_users() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let eve = app.register("eve").await;
    let (mut bob_gw, _) = Gw::ready(&app, &bob.token).await;
    let (mut eve_gw, _) = Gw::ready(&app, &eve.token).await;

    ada.post("/users/@me/relationships", json!({"username": "bob"}))
        .await;
    let incoming = bob_gw.dispatch("RELATIONSHIP_ADD").await;
    assert_eq!(incoming["type"], "incoming");
    assert_eq!(incoming["user"]["username"], "ada");
    let path = format!("/users/@me/relationships/{}", ada.user_id);
    let accepted = bob.put(&path, json!({"type": "friend"})).await;
    assert_eq!(accepted.1["type"], "friend");
    assert_eq!(bob_gw.dispatch("RELATIONSHIP_ADD").await["type"], "friend");

    let dm = ada.open_dm(&bob).await;
    let dm_id = text(&dm.1["id"]);
    assert_eq!(
        bob_gw.dispatch("CHANNEL_CREATE").await["id"],
        dm_id.as_str()
    );
    let sent = ada.send(&dm_id, "psst").await;
    assert_eq!(bob_gw.dispatch("MESSAGE_CREATE").await["content"], "psst");

    let ack = json!({"message_id": text(&sent["id"])});
    bob.post(&format!("/channels/{dm_id}/ack"), ack).await;
    assert_eq!(
        bob_gw.dispatch("READ_STATE_UPDATE").await["channel_id"],
        dm_id.as_str()
    );

    let leaked = eve_gw.dispatches_within("MESSAGE_CREATE", QUIET).await;
    assert!(leaked.is_empty());
}

#[tokio::test]
async fn profile_changes_reach_guild_members_and_friends_and_no_stranger() {
    let app = spawn_app().await;
    let (ada, bob, _guild) = app.guild_with_member("ada", "bob").await;
    let carol = app.register("carol").await;
    let dan = app.register("dan").await;
    app.befriend(&ada, &carol).await;
    let (mut bob_gw, _) = Gw::ready(&app, &bob.token).await;
    let (mut carol_gw, _) = Gw::ready(&app, &carol.token).await;
    let (mut dan_gw, _) = Gw::ready(&app, &dan.token).await;

    let (status, _) = ada
        .patch("/users/@me", json!({ "display_name": "Countess" }))
        .await;
    assert!(status.is_success());

    for gw in [&mut bob_gw, &mut carol_gw] {
        let update = gw.dispatch("USER_UPDATE").await;
        assert_eq!(update["id"], ada.user_id.as_str());
        assert_eq!(update["display_name"], "Countess");
        assert!(
            update.get("email").is_none(),
            "only the public profile: {update}"
        );
    }
    let seen = dan_gw
        .dispatches_within("USER_UPDATE", Duration::from_millis(300))
        .await;
    assert!(seen.is_empty(), "a stranger saw {seen:?}");
}

/// VIEW_CHANNEL and SEND_MESSAGES, as a role that lets its holders read.
const READER: u64 = (1 << 10) | (1 << 11);

/// Creates, renames and deletes a channel in `guild` as `owner`; returns its id.
async fn channel_lifecycle(owner: &Session, guild: &Guild, name: &str) -> String {
    let path = format!("/guilds/{}/channels", guild.id);
    let created = owner
        .post(&path, json!({"name": name, "topic": "plans"}))
        .await;
    assert!(created.0.is_success(), "{created:?}");
    let channel = text(&created.1["id"]);
    let change = json!({"name": format!("{name}-2"), "topic": "new plans"});
    let changed = owner.patch(&format!("/channels/{channel}"), change).await;
    assert!(changed.0.is_success(), "{changed:?}");
    let deleted = owner.delete(&format!("/channels/{channel}")).await;
    assert!(deleted.0.is_success(), "{deleted:?}");
    channel
}

/// Reads the three dispatches of [`channel_lifecycle`] and checks what they carry.
async fn assert_lifecycle_seen(gw: &mut Gw, guild: &Guild, channel: &str, name: &str) {
    let created = gw.dispatch("CHANNEL_CREATE").await;
    let updated = gw.dispatch("CHANNEL_UPDATE").await;
    let deleted = gw.dispatch("CHANNEL_DELETE").await;
    for event in [&created, &updated, &deleted] {
        assert_eq!(event["id"], channel);
        assert_eq!(event["guild_id"], guild.id.as_str());
        assert_eq!(event["type"], "text");
    }
    assert_eq!(created["name"], name);
    assert_eq!(created["topic"], "plans");
    assert_eq!(updated["name"], format!("{name}-2"));
    assert_eq!(updated["topic"], "new plans");
    assert_eq!(
        deleted["name"],
        format!("{name}-2"),
        "the channel as it was"
    );
}

#[tokio::test]
async fn channel_events_reach_only_members_who_may_view_channels() {
    let app = spawn_app().await;
    let (owner, bob, guild) = app.guild_with_member("ada", "bob").await;
    let carol = app.register("carol").await;
    app.invite_and_join(&owner, &guild, &carol).await;
    // Only those holding the reader role may view channels.
    let reader = owner.create_role(&guild.id, "readers", READER).await;
    for member in [&bob, &carol] {
        owner
            .set_roles(&guild.id, &member.user_id, &[&reader])
            .await;
    }
    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);
    let narrowed = owner
        .patch(&everyone, json!({"permissions": 1u64 << 11}))
        .await;
    assert!(narrowed.0.is_success(), "{narrowed:?}");
    let (mut bob_gw, _) = Gw::ready(&app, &bob.token).await;
    let (mut carol_gw, _) = Gw::ready(&app, &carol.token).await;

    // Bob loses the role: REST and a fresh READY show him no channel of the guild.
    owner.set_roles(&guild.id, &bob.user_id, &[]).await;
    assert_eq!(
        bob_gw.dispatch("GUILD_MEMBER_UPDATE").await["roles"],
        json!([])
    );
    let listed = bob.get(&format!("/guilds/{}/channels", guild.id)).await;
    assert_eq!(listed, (reqwest::StatusCode::OK, json!([])));
    let (_, ready) = Gw::ready(&app, &bob.token).await;
    assert_eq!(ready["guilds"][0]["channels"], json!([]));

    let hidden = channel_lifecycle(&owner, &guild, "hidden").await;
    assert_lifecycle_seen(&mut carol_gw, &guild, &hidden, "hidden").await;
    let leaked: Vec<String> = bob_gw
        .events_within(QUIET)
        .await
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("CHANNEL_"))
        .collect();
    assert!(leaked.is_empty(), "bob saw {leaked:?}");

    // With the role back, so are the channel events.
    owner.set_roles(&guild.id, &bob.user_id, &[&reader]).await;
    bob_gw.dispatch("GUILD_MEMBER_UPDATE").await;
    let shown = channel_lifecycle(&owner, &guild, "shown").await;
    assert_lifecycle_seen(&mut bob_gw, &guild, &shown, "shown").await;
    assert_lifecycle_seen(&mut carol_gw, &guild, &shown, "shown").await;
}
