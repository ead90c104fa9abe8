//! Direct messages: who may open one, one channel per pair, and blocks.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{UNKNOWN_ID, assert_invalid, assert_problem, ids, spawn_app, text};

#[tokio::test]
async fn friends_share_one_dm_channel_whoever_opens_it() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    app.befriend(&ada, &bob).await;

    let (status, opened) = ada.open_dm(&bob).await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    assert_eq!(opened["type"], "dm");
    assert_eq!(opened["guild_id"], json!(null));
    let mut pair = vec![ada.user_id.clone(), bob.user_id.clone()];
    pair.sort();
    assert_eq!(opened["recipients"], json!(pair));

    let (status, again) = ada.open_dm(&bob).await;
    assert_eq!((status, &again["id"]), (StatusCode::OK, &opened["id"]));
    let (status, reverse) = bob.open_dm(&ada).await;
    assert_eq!((status, &reverse["id"]), (StatusCode::OK, &opened["id"]));
    let id = text(&opened["id"]);
    assert_eq!(
        ids(&ada.get("/users/@me/channels").await.1),
        vec![id.clone()]
    );
    assert_eq!(ids(&bob.get("/users/@me/channels").await.1), vec![id]);
}

#[tokio::test]
async fn guild_mates_may_open_a_dm_and_talk_in_it() {
    let app = spawn_app().await;
    let (ada, bob, _guild) = app.guild_with_member("ada", "bob").await;

    let (status, dm) = bob.open_dm(&ada).await;
    assert_eq!(status, StatusCode::OK, "{dm}");
    let dm = text(&dm["id"]);
    let hello = bob.send(&dm, "psst").await;
    let answer = ada.send(&dm, "yes?").await;

    let (_, history) = ada.get(&format!("/channels/{dm}/messages")).await;
    assert_eq!(ids(&history), vec![text(&answer["id"]), text(&hello["id"])]);
    assert_eq!(ada.get(&format!("/channels/{dm}")).await.1["type"], "dm");
}

#[tokio::test]
async fn strangers_self_and_unknown_users_cannot_be_messaged() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let eve = app.register("eve").await;

    assert_problem(&ada.open_dm(&eve).await, StatusCode::FORBIDDEN, "forbidden");
    assert_invalid(&ada.open_dm(&ada).await, "recipient_id");
    let unknown = ada
        .post("/users/@me/channels", json!({ "recipient_id": UNKNOWN_ID }))
        .await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_user");
    let malformed = ada
        .post("/users/@me/channels", json!({ "recipient_id": "x" }))
        .await;
    assert_invalid(&malformed, "recipient_id");
    assert_eq!(ada.get("/users/@me/channels").await.1, json!([]));
}

#[tokio::test]
async fn a_block_stops_new_dms_and_messages_in_an_open_one() {
    let app = spawn_app().await;
    let (ada, bob, _guild) = app.guild_with_member("ada", "bob").await;
    let (_, dm) = ada.open_dm(&bob).await;
    let dm = text(&dm["id"]);
    bob.send(&dm, "before").await;

    let block = json!({ "type": "block" });
    let (status, _) = ada
        .put(&format!("/users/@me/relationships/{}", bob.user_id), block)
        .await;
    assert_eq!(status, StatusCode::OK);

    let path = format!("/channels/{dm}/messages");
    for (from, to) in [(&bob, &ada), (&ada, &bob)] {
        assert_problem(&from.open_dm(to).await, StatusCode::FORBIDDEN, "forbidden");
        let sent = from.post(&path, json!({ "content": "after" })).await;
        assert_problem(&sent, StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(
        ids(&bob.get(&path).await.1).len(),
        1,
        "history stays readable"
    );
}

#[tokio::test]
async fn others_cannot_see_a_dm_and_nobody_can_change_it() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let eve = app.register("eve").await;
    app.befriend(&ada, &bob).await;
    let (_, dm) = ada.open_dm(&bob).await;
    let dm = text(&dm["id"]);
    let message = bob.send(&dm, "private").await;
    let one = format!("/channels/{dm}/messages/{}", text(&message["id"]));

    assert_problem(
        &eve.get(&format!("/channels/{dm}")).await,
        StatusCode::NOT_FOUND,
        "unknown_channel",
    );
    let history = eve.get(&format!("/channels/{dm}/messages")).await;
    assert_problem(&history, StatusCode::NOT_FOUND, "unknown_channel");
    let rename = ada
        .patch(&format!("/channels/{dm}"), json!({ "name": "ours" }))
        .await;
    assert_problem(&rename, StatusCode::FORBIDDEN, "forbidden");
    assert_problem(
        &ada.delete(&format!("/channels/{dm}")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_problem(&ada.delete(&one).await, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(bob.delete(&one).await.0, StatusCode::NO_CONTENT);
}
