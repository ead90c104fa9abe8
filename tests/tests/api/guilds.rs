//! Guilds: creating, reading, renaming and deleting them, and who may do which.

use concord_domain::permissions::Permissions;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{UNKNOWN_ID, assert_invalid, assert_problem, ids, list, spawn_app, text};

#[tokio::test]
async fn creating_a_guild_makes_its_creator_owner_with_a_general_channel() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let (status, guild) = ada.post("/guilds", json!({ "name": "  Engines  " })).await;

    assert_eq!(status, StatusCode::CREATED, "{guild}");
    assert_eq!(guild["name"], "Engines");
    assert_eq!(guild["owner_id"], ada.user_id.as_str());
    let id = text(&guild["id"]);
    assert_eq!(ada.get(&format!("/guilds/{id}")).await.1, guild);
    let (_, channels) = ada.get(&format!("/guilds/{id}/channels")).await;
    let channels = list(&channels);
    assert_eq!(channels.len(), 1, "{channels:?}");
    assert_eq!(channels[0]["name"], "general");
    assert_eq!(channels[0]["type"], "text");
    assert_eq!(channels[0]["guild_id"], id.as_str());
    assert_eq!(ids(&ada.get("/users/@me/guilds").await.1), vec![id]);
}

#[tokio::test]
async fn a_new_guild_has_an_everyone_role_sharing_its_id() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;

    let (status, roles) = ada.get(&format!("/guilds/{}/roles", guild.id)).await;

    assert_eq!(status, StatusCode::OK, "{roles}");
    let roles = list(&roles);
    assert_eq!(roles.len(), 1, "{roles:?}");
    assert_eq!(roles[0]["id"], guild.id.as_str());
    assert_eq!(roles[0]["name"], "@everyone");
    // VIEW_CHANNEL | SEND_MESSAGES | ADD_REACTIONS | CREATE_INVITE, as clients see it.
    assert_eq!(roles[0]["permissions"], 1024 + 2048 + 64 + 1);
}

#[tokio::test]
async fn guild_names_need_two_to_a_hundred_characters() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let long = "g".repeat(101);
    for bad in ["", "a", "  a  ", long.as_str()] {
        assert_invalid(&ada.post("/guilds", json!({ "name": bad })).await, "name");
    }
    let guild = ada.create_guild("ok").await;
    let rename = ada
        .patch(&format!("/guilds/{}", guild.id), json!({ "name": "x" }))
        .await;
    assert_invalid(&rename, "name");
}

#[tokio::test]
async fn strangers_are_told_a_guild_does_not_exist() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let eve = app.register("eve").await;
    let guild = ada.create_guild("Engines").await;
    let g = &guild.id;

    for path in [
        format!("/guilds/{g}"),
        format!("/guilds/{g}/channels"),
        format!("/guilds/{g}/members"),
        format!("/guilds/{g}/roles"),
        format!("/guilds/{g}/bans"),
    ] {
        assert_problem(
            &eve.get(&path).await,
            StatusCode::NOT_FOUND,
            "unknown_guild",
        );
    }
    let rename = eve
        .patch(&format!("/guilds/{g}"), json!({ "name": "Mine now" }))
        .await;
    assert_problem(&rename, StatusCode::NOT_FOUND, "unknown_guild");
    let delete = eve.delete(&format!("/guilds/{g}")).await;
    assert_problem(&delete, StatusCode::NOT_FOUND, "unknown_guild");
    let channel = eve
        .post(&format!("/guilds/{g}/channels"), json!({ "name": "x" }))
        .await;
    assert_problem(&channel, StatusCode::NOT_FOUND, "unknown_guild");
    let invite = eve.post(&format!("/guilds/{g}/invites"), json!({})).await;
    assert_problem(&invite, StatusCode::NOT_FOUND, "unknown_guild");
    let kick = eve
        .delete(&format!("/guilds/{g}/members/{}", ada.user_id))
        .await;
    assert_problem(&kick, StatusCode::NOT_FOUND, "unknown_guild");
    let unknown = ada.get(&format!("/guilds/{UNKNOWN_ID}")).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_guild");
}

#[tokio::test]
async fn malformed_guild_ids_are_invalid_input() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    assert_invalid(&ada.get("/guilds/nope").await, "guild_id");
    assert_invalid(&ada.get("/guilds/nope/members").await, "guild_id");
    assert_invalid(&ada.delete("/guilds/0000").await, "guild_id");
    assert_invalid(
        &ada.post("/guilds/nope/channels", json!({ "name": "x" }))
            .await,
        "guild_id",
    );
}

#[tokio::test]
async fn renaming_a_guild_needs_manage_guild() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let path = format!("/guilds/{}", guild.id);

    let refused = bob.patch(&path, json!({ "name": "Bob's" })).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    let (status, renamed) = ada.patch(&path, json!({ "name": "Analytical" })).await;
    assert_eq!(
        (status, &renamed["name"]),
        (StatusCode::OK, &json!("Analytical"))
    );
    assert_eq!(bob.get(&path).await.1["name"], "Analytical");

    let managers = ada
        .create_role(&guild.id, "managers", Permissions::MANAGE_GUILD.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&managers]).await;
    let (status, renamed) = bob.patch(&path, json!({ "name": "Bob's" })).await;
    assert_eq!(
        (status, &renamed["name"]),
        (StatusCode::OK, &json!("Bob's"))
    );
    let (status, same) = bob.patch(&path, json!({})).await;
    assert_eq!((status, &same["name"]), (StatusCode::OK, &json!("Bob's")));
}

#[tokio::test]
async fn only_the_owner_may_delete_a_guild_and_then_it_is_gone_for_everyone() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let admins = ada
        .create_role(&guild.id, "admins", Permissions::ADMINISTRATOR.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&admins]).await;
    let path = format!("/guilds/{}", guild.id);
    bob.send(&guild.general, "before the end").await;
    let code = ada.invite(&guild.id).await;

    assert_problem(&bob.delete(&path).await, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(ada.delete(&path).await.0, StatusCode::NO_CONTENT);

    for user in [&ada, &bob] {
        assert_problem(
            &user.get(&path).await,
            StatusCode::NOT_FOUND,
            "unknown_guild",
        );
        let channel = user
            .get(&format!("/channels/{}/messages", guild.general))
            .await;
        assert_problem(&channel, StatusCode::NOT_FOUND, "unknown_channel");
        assert_eq!(user.get("/users/@me/guilds").await.1, json!([]));
    }
    assert_problem(
        &ada.delete(&path).await,
        StatusCode::NOT_FOUND,
        "unknown_guild",
    );
    let cyd = app.register("cyd").await;
    let preview = app.get_anon(&format!("/invites/{code}")).await;
    assert_problem(&preview, StatusCode::NOT_FOUND, "unknown_invite");
    let join = cyd.post(&format!("/invites/{code}"), json!({})).await;
    assert_problem(&join, StatusCode::NOT_FOUND, "unknown_invite");
    assert_eq!(cyd.get("/users/@me/guilds").await.1, json!([]));
}
