//! Guild channels and categories: creating, reading, changing and deleting them.

use concord_domain::permissions::Permissions;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{UNKNOWN_ID, assert_invalid, assert_problem, ids, spawn_app, text};

#[tokio::test]
async fn text_channels_and_categories_are_created_in_order() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/guilds/{}/channels", guild.id);

    let (status, text_channel) = ada
        .post(&path, json!({ "name": "random", "topic": " hi " }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{text_channel}");
    assert_eq!(text_channel["type"], "text");
    assert_eq!(text_channel["topic"], "hi");
    assert_eq!(text_channel["guild_id"], guild.id.as_str());
    assert_eq!(text_channel["position"], 1);
    let (status, category) = ada
        .post(&path, json!({ "name": "Lounge", "type": "category" }))
        .await;
    assert_eq!(
        (status, &category["type"]),
        (StatusCode::CREATED, &json!("category"))
    );
    let category_id = text(&category["id"]);

    let nested = json!({ "name": "chat", "parent_id": category_id });
    let (status, nested) = ada.post(&path, nested).await;
    assert_eq!(status, StatusCode::CREATED, "{nested}");
    assert_eq!(nested["parent_id"], category_id.as_str());
    let (_, listed) = ada.get(&path).await;
    let expected = vec![
        guild.general,
        text(&text_channel["id"]),
        category_id,
        text(&nested["id"]),
    ];
    assert_eq!(ids(&listed), expected);
}

#[tokio::test]
async fn a_parent_must_be_a_category_of_the_same_guild() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let other = ada.create_guild("Elsewhere").await;
    let path = format!("/guilds/{}/channels", guild.id);
    let (_, category) = ada
        .post(&path, json!({ "name": "c", "type": "category" }))
        .await;
    let other_path = format!("/guilds/{}/channels", other.id);
    let (_, foreign) = ada
        .post(&other_path, json!({ "name": "c", "type": "category" }))
        .await;

    for parent in [
        guild.general.clone(),
        text(&foreign["id"]),
        UNKNOWN_ID.to_owned(),
    ] {
        let reply = ada
            .post(&path, json!({ "name": "x", "parent_id": parent }))
            .await;
        assert_invalid(&reply, "parent_id");
    }
    let nested_category = json!({ "name": "x", "type": "category", "parent_id": category["id"] });
    assert_invalid(&ada.post(&path, nested_category).await, "parent_id");
    assert_invalid(
        &ada.post(&path, json!({ "name": "x", "parent_id": "nope" }))
            .await,
        "parent_id",
    );
}

#[tokio::test]
async fn channel_input_is_validated() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/guilds/{}/channels", guild.id);

    assert_invalid(&ada.post(&path, json!({ "name": "  " })).await, "name");
    assert_invalid(
        &ada.post(&path, json!({ "name": "c".repeat(101) })).await,
        "name",
    );
    let topic = json!({ "name": "ok", "topic": "t".repeat(1025) });
    assert_invalid(&ada.post(&path, topic).await, "topic");
    assert_invalid(
        &ada.post(&path, json!({ "name": "dm", "type": "dm" })).await,
        "kind",
    );
    assert_invalid(&ada.get("/channels/nope").await, "channel_id");
    let unknown = ada.get(&format!("/channels/{UNKNOWN_ID}")).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_channel");
}

#[tokio::test]
async fn channels_can_be_renamed_moved_and_taken_out_of_categories() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let create = format!("/guilds/{}/channels", guild.id);
    let (_, category) = ada
        .post(&create, json!({ "name": "c", "type": "category" }))
        .await;
    let channel = format!("/channels/{}", guild.general);

    let change = json!({ "name": "lobby", "topic": "say hi", "position": 7,
                         "parent_id": category["id"] });
    let (status, changed) = ada.patch(&channel, change).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["name"], "lobby");
    assert_eq!(changed["topic"], "say hi");
    assert_eq!(changed["position"], 7);
    assert_eq!(changed["parent_id"], category["id"]);
    assert_eq!(ada.get(&channel).await.1, changed);

    let (status, cleared) = ada
        .patch(&channel, json!({ "parent_id": null, "topic": "" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{cleared}");
    assert_eq!(
        (&cleared["parent_id"], &cleared["topic"]),
        (&json!(null), &json!(null))
    );
    assert_eq!(cleared["name"], "lobby", "untouched fields stay");
    let category_path = format!("/channels/{}", text(&category["id"]));
    let itself = ada
        .patch(&category_path, json!({ "parent_id": category["id"] }))
        .await;
    assert_invalid(&itself, "parent_id");
    assert_invalid(&ada.patch(&channel, json!({ "name": "" })).await, "name");
}

#[tokio::test]
async fn deleting_a_channel_takes_its_messages_with_it() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let (_, doomed) = ada
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({ "name": "doomed" }),
        )
        .await;
    let doomed = text(&doomed["id"]);
    let message = ada.send(&doomed, "soon gone").await;

    assert_eq!(
        ada.delete(&format!("/channels/{doomed}")).await.0,
        StatusCode::NO_CONTENT
    );

    let gone = ada.get(&format!("/channels/{doomed}")).await;
    assert_problem(&gone, StatusCode::NOT_FOUND, "unknown_channel");
    let history = ada.get(&format!("/channels/{doomed}/messages")).await;
    assert_problem(&history, StatusCode::NOT_FOUND, "unknown_channel");
    let ack_path = format!("/channels/{doomed}/ack");
    let ack = ada
        .post(&ack_path, json!({ "message_id": message["id"] }))
        .await;
    assert_problem(&ack, StatusCode::NOT_FOUND, "unknown_channel");
    assert_eq!(
        ids(&ada.get(&format!("/guilds/{}/channels", guild.id)).await.1),
        vec![guild.general]
    );
}

#[tokio::test]
async fn managing_channels_needs_manage_channels() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let create = format!("/guilds/{}/channels", guild.id);
    let channel = format!("/channels/{}", guild.general);

    assert_eq!(
        bob.get(&channel).await.0,
        StatusCode::OK,
        "members may look"
    );
    let refused = bob.post(&create, json!({ "name": "mine" })).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    let refused = bob.patch(&channel, json!({ "name": "mine" })).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    assert_problem(
        &bob.delete(&channel).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    let managers = ada
        .create_role(&guild.id, "chan", Permissions::MANAGE_CHANNELS.bits())
        .await;
    ada.set_roles(&guild.id, &bob.user_id, &[&managers]).await;
    assert_eq!(
        bob.post(&create, json!({ "name": "mine" })).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        bob.patch(&channel, json!({ "topic": "t" })).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn strangers_are_told_a_channel_does_not_exist() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let eve = app.register("eve").await;
    let guild = ada.create_guild("Engines").await;
    let channel = format!("/channels/{}", guild.general);

    assert_problem(
        &eve.get(&channel).await,
        StatusCode::NOT_FOUND,
        "unknown_channel",
    );
    let patch = eve.patch(&channel, json!({ "name": "x" })).await;
    assert_problem(&patch, StatusCode::NOT_FOUND, "unknown_channel");
    assert_problem(
        &eve.delete(&channel).await,
        StatusCode::NOT_FOUND,
        "unknown_channel",
    );
    let list = eve.get(&format!("/guilds/{}/channels", guild.id)).await;
    assert_problem(&list, StatusCode::NOT_FOUND, "unknown_guild");
}
