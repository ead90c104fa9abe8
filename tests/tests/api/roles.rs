//! Roles: managing them, assigning them, and what holding one allows.

use concord_domain::permissions::Permissions;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{UNKNOWN_ID, assert_invalid, assert_problem, ids, list, spawn_app, text};

#[tokio::test]
async fn roles_can_be_created_changed_and_deleted() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let roles = format!("/guilds/{}/roles", guild.id);

    let body = json!({ "name": "mods", "permissions": Permissions::KICK_MEMBERS.bits(),
                       "position": 3 });
    let (status, role) = ada.post(&roles, body).await;
    assert_eq!(status, StatusCode::CREATED, "{role}");
    assert_eq!(
        (role["name"].as_str(), role["position"].as_i64()),
        (Some("mods"), Some(3))
    );
    assert_eq!(role["permissions"], Permissions::KICK_MEMBERS.bits());
    assert_eq!(role["guild_id"], guild.id.as_str());
    let id = text(&role["id"]);
    let (_, listed) = bob.get(&roles).await;
    assert_eq!(ids(&listed).len(), 2);
    assert!(ids(&listed).contains(&id));

    let both = (Permissions::KICK_MEMBERS | Permissions::BAN_MEMBERS).bits();
    let change = json!({ "name": "moderators", "permissions": both, "position": 5 });
    let (status, changed) = ada.patch(&format!("{roles}/{id}"), change).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["name"], "moderators");
    assert_eq!(changed["permissions"], both);
    assert_eq!(changed["position"], 5);

    ada.set_roles(&guild.id, &bob.user_id, &[&id]).await;
    assert_eq!(
        ada.delete(&format!("{roles}/{id}")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(ids(&ada.get(&roles).await.1), vec![guild.id.clone()]);
    let (_, members) = ada.get(&format!("/guilds/{}/members", guild.id)).await;
    let bobs = list(&members)
        .iter()
        .find(|m| m["user"]["id"] == bob.user_id.as_str());
    assert_eq!(
        bobs.expect("bob is a member")["roles"],
        json!([]),
        "the role is taken away"
    );
    let again = ada.delete(&format!("{roles}/{id}")).await;
    assert_problem(&again, StatusCode::NOT_FOUND, "unknown_role");
}

#[tokio::test]
async fn the_everyone_role_can_be_tuned_but_not_renamed_or_deleted() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);

    let rename = ada.patch(&everyone, json!({ "name": "all" })).await;
    assert_problem(&rename, StatusCode::FORBIDDEN, "forbidden");
    assert_problem(
        &ada.delete(&everyone).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let quiet = Permissions::VIEW_CHANNEL.bits();
    let (status, role) = ada.patch(&everyone, json!({ "permissions": quiet })).await;
    assert_eq!(
        (status, &role["permissions"]),
        (StatusCode::OK, &json!(quiet))
    );
    assert_eq!(role["name"], "@everyone");
}

#[tokio::test]
async fn unknown_permission_bits_are_dropped() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;

    let body = json!({ "name": "everything", "permissions": u64::MAX });
    let (status, role) = ada.post(&format!("/guilds/{}/roles", guild.id), body).await;

    assert_eq!(status, StatusCode::CREATED, "{role}");
    assert_eq!(role["permissions"], Permissions::ALL.bits());
}

#[tokio::test]
async fn only_managers_may_touch_roles_and_strangers_see_nothing() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let eve = app.register("eve").await;
    let roles = format!("/guilds/{}/roles", guild.id);
    let id = ada.create_role(&guild.id, "mods", 0).await;

    let create = bob.post(&roles, json!({ "name": "mine" })).await;
    assert_problem(&create, StatusCode::FORBIDDEN, "forbidden");
    let update = bob
        .patch(&format!("{roles}/{id}"), json!({ "name": "mine" }))
        .await;
    assert_problem(&update, StatusCode::FORBIDDEN, "forbidden");
    assert_problem(
        &bob.delete(&format!("{roles}/{id}")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let own = format!("/guilds/{}/members/{}", guild.id, bob.user_id);
    let assign = bob.patch(&own, json!({ "roles": [id] })).await;
    assert_problem(&assign, StatusCode::FORBIDDEN, "forbidden");

    assert_problem(
        &eve.get(&roles).await,
        StatusCode::NOT_FOUND,
        "unknown_guild",
    );
    let create = eve.post(&roles, json!({ "name": "mine" })).await;
    assert_problem(&create, StatusCode::NOT_FOUND, "unknown_guild");
    let delete = eve.delete(&format!("{roles}/{id}")).await;
    assert_problem(&delete, StatusCode::NOT_FOUND, "unknown_guild");
}

#[tokio::test]
async fn role_input_is_validated() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let roles = format!("/guilds/{}/roles", guild.id);
    let member = format!("/guilds/{}/members/{}", guild.id, ada.user_id);

    assert_invalid(&ada.post(&roles, json!({ "name": " " })).await, "name");
    assert_invalid(
        &ada.post(&roles, json!({ "name": "r".repeat(101) })).await,
        "name",
    );
    assert_invalid(
        &ada.patch(&format!("{roles}/nope"), json!({})).await,
        "role_id",
    );
    assert_invalid(
        &ada.patch(&member, json!({ "roles": ["nope"] })).await,
        "roles",
    );
    let unknown = ada.patch(&member, json!({ "roles": [UNKNOWN_ID] })).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_role");
    let everyone = ada.patch(&member, json!({ "roles": [guild.id] })).await;
    assert_problem(&everyone, StatusCode::NOT_FOUND, "unknown_role");
    let missing = ada
        .patch(&format!("{roles}/{UNKNOWN_ID}"), json!({ "name": "x" }))
        .await;
    assert_problem(&missing, StatusCode::NOT_FOUND, "unknown_role");
}

#[tokio::test]
async fn a_role_with_kick_members_lets_its_holder_kick() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let cy = app.join_as(&ada, &guild, "cyd").await;
    let kick_cy = format!("/guilds/{}/members/{}", guild.id, cy.user_id);
    assert_problem(
        &bob.delete(&kick_cy).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    let kickers = ada
        .create_role(&guild.id, "kickers", Permissions::KICK_MEMBERS.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&kickers, &kickers])
        .await;
    let (_, members) = ada.get(&format!("/guilds/{}/members", guild.id)).await;
    let bobs = list(&members)
        .iter()
        .find(|m| m["user"]["id"] == bob.user_id.as_str());
    assert_eq!(
        bobs.expect("bob is a member")["roles"],
        json!([kickers]),
        "held once"
    );

    assert_eq!(bob.delete(&kick_cy).await.0, StatusCode::NO_CONTENT);
    let kick_owner = format!("/guilds/{}/members/{}", guild.id, ada.user_id);
    assert_problem(
        &bob.delete(&kick_owner).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let ban_cy = format!("/guilds/{}/bans/{}", guild.id, cy.user_id);
    let ban = bob.put(&ban_cy, json!({})).await;
    assert_problem(&ban, StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn nobody_can_grant_more_than_they_hold() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let cy = app.join_as(&ada, &guild, "cyd").await;
    let roles = format!("/guilds/{}/roles", guild.id);
    let managers = ada
        .create_role(&guild.id, "managers", Permissions::MANAGE_GUILD.bits())
        .await;
    let banners = ada
        .create_role(&guild.id, "banners", Permissions::BAN_MEMBERS.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&managers]).await;

    let kick = json!({ "name": "kickers", "permissions": Permissions::KICK_MEMBERS.bits() });
    assert_problem(
        &bob.post(&roles, kick).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let raise = json!({ "permissions": Permissions::ADMINISTRATOR.bits() });
    let raised = bob.patch(&format!("{roles}/{managers}"), raise).await;
    assert_problem(&raised, StatusCode::FORBIDDEN, "forbidden");
    let cys = format!("/guilds/{}/members/{}", guild.id, cy.user_id);
    let grant = bob.patch(&cys, json!({ "roles": [banners] })).await;
    assert_problem(&grant, StatusCode::FORBIDDEN, "forbidden");

    let same = json!({ "name": "helpers", "permissions": Permissions::MANAGE_GUILD.bits() });
    assert_eq!(bob.post(&roles, same).await.0, StatusCode::CREATED);
    bob.set_roles(&guild.id, &cy.user_id, &[&managers]).await;
}

#[tokio::test]
async fn taking_view_channel_from_everyone_hides_the_channels() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);

    let nothing = json!({ "permissions": 0 });
    assert_eq!(ada.patch(&everyone, nothing).await.0, StatusCode::OK);

    assert_eq!(
        bob.get(&format!("/guilds/{}/channels", guild.id)).await.1,
        json!([])
    );
    let channel = bob.get(&format!("/channels/{}", guild.general)).await;
    assert_problem(&channel, StatusCode::NOT_FOUND, "unknown_channel");
    assert_eq!(
        ada.get(&format!("/channels/{}", guild.general)).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn taking_send_messages_from_everyone_silences_members_until_a_role_gives_it_back() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let history = format!("/channels/{}/messages", guild.general);
    bob.send(&guild.general, "while allowed").await;

    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);
    let read_only = (Permissions::VIEW_CHANNEL | Permissions::ADD_REACTIONS).bits();
    let (status, role) = ada
        .patch(&everyone, json!({ "permissions": read_only }))
        .await;
    assert_eq!(status, StatusCode::OK, "{role}");

    let refused = bob
        .post(&history, json!({ "content": "still here?" }))
        .await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    let (status, seen) = bob.get(&history).await;
    assert_eq!(
        (status, list(&seen).len()),
        (StatusCode::OK, 1),
        "reading still works"
    );
    ada.send(&guild.general, "owners always may").await;

    let speakers = ada
        .create_role(&guild.id, "speakers", Permissions::SEND_MESSAGES.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&speakers]).await;
    bob.send(&guild.general, "back again").await;
}

#[tokio::test]
async fn a_role_with_manage_messages_lets_a_member_delete_anyones_message() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let cy = app.join_as(&ada, &guild, "cyd").await;
    let history = format!("/channels/{}/messages", guild.general);
    let first = text(&cy.send(&guild.general, "first").await["id"]);
    let second = text(&cy.send(&guild.general, "second").await["id"]);
    let path = |id: &str| format!("{history}/{id}");

    let refused = bob.delete(&path(&first)).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");

    let moderators = ada
        .create_role(&guild.id, "moderators", Permissions::MANAGE_MESSAGES.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&moderators]).await;
    assert_eq!(bob.delete(&path(&first)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(ids(&ada.get(&history).await.1), vec![second.clone()]);

    ada.set_roles(&guild.id, &bob.user_id, &[]).await;
    let refused = bob.delete(&path(&second)).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
}
