//! Friends, friend requests and blocks, as each side sees them.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Session, UNKNOWN_ID, assert_invalid, assert_problem, list, spawn_app, text};

/// `(other user's id, type)` for each of `user`'s relationships.
async fn relationships(user: &Session) -> Vec<(String, String)> {
    let (status, body) = user.get("/users/@me/relationships").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    list(&body)
        .iter()
        .map(|r| (text(&r["id"]), text(&r["type"])))
        .collect()
}

fn with(user: &Session, kind: &str) -> Vec<(String, String)> {
    vec![(user.user_id.clone(), kind.to_owned())]
}

async fn request(from: &Session, to: &Session) -> (StatusCode, Value) {
    from.post(
        "/users/@me/relationships",
        json!({ "username": to.username }),
    )
    .await
}

fn path(user: &Session) -> String {
    format!("/users/@me/relationships/{}", user.user_id)
}

#[tokio::test]
async fn a_request_by_username_shows_as_outgoing_and_incoming() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("Bob").await;

    let (status, sent) = ada
        .post("/users/@me/relationships", json!({ "username": "bob" }))
        .await;

    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["type"], "outgoing");
    assert_eq!(sent["user"]["username"], "Bob");
    assert!(!sent.to_string().contains(&bob.email), "no email in {sent}");
    assert_eq!(relationships(&ada).await, with(&bob, "outgoing"));
    assert_eq!(relationships(&bob).await, with(&ada, "incoming"));
    let (_, listed) = bob.get("/users/@me/relationships").await;
    assert!(
        !listed.to_string().contains(&ada.email),
        "no email in {listed}"
    );
    assert_eq!(
        request(&ada, &bob).await.1["type"],
        "outgoing",
        "asking twice changes nothing"
    );
}

#[tokio::test]
async fn asking_someone_who_asked_you_makes_you_friends() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    request(&ada, &bob).await;

    let (status, mutual) = request(&bob, &ada).await;

    assert_eq!(
        (status, &mutual["type"]),
        (StatusCode::OK, &json!("friend"))
    );
    assert_eq!(relationships(&ada).await, with(&bob, "friend"));
    assert_eq!(relationships(&bob).await, with(&ada, "friend"));
    let again = request(&ada, &bob).await;
    assert_problem(&again, StatusCode::CONFLICT, "relationship_conflict");
}

#[tokio::test]
async fn putting_friend_accepts_a_request_and_delete_removes_the_friend() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    request(&ada, &bob).await;

    let (status, accepted) = bob.put(&path(&ada), json!({ "type": "friend" })).await;
    assert_eq!(
        (status, &accepted["type"]),
        (StatusCode::OK, &json!("friend"))
    );
    assert_eq!(accepted["id"], ada.user_id.as_str());
    assert_eq!(relationships(&ada).await, with(&bob, "friend"));

    assert_eq!(ada.delete(&path(&bob)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(relationships(&ada).await, vec![]);
    assert_eq!(relationships(&bob).await, vec![]);
    assert_eq!(
        ada.delete(&path(&bob)).await.0,
        StatusCode::NO_CONTENT,
        "nothing to remove"
    );
}

#[tokio::test]
async fn declining_or_cancelling_a_request_clears_both_sides() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;

    request(&ada, &bob).await;
    assert_eq!(bob.delete(&path(&ada)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(
        (relationships(&ada).await, relationships(&bob).await),
        (vec![], vec![])
    );

    request(&ada, &bob).await;
    assert_eq!(ada.delete(&path(&bob)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(
        (relationships(&ada).await, relationships(&bob).await),
        (vec![], vec![])
    );
}

#[tokio::test]
async fn a_block_hides_the_blocker_and_refuses_the_blocked_ones_requests() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    app.befriend(&ada, &bob).await;

    let (status, blocked) = ada.put(&path(&bob), json!({ "type": "block" })).await;
    assert_eq!(
        (status, &blocked["type"]),
        (StatusCode::OK, &json!("blocked"))
    );
    assert_eq!(relationships(&ada).await, with(&bob, "blocked"));
    assert_eq!(
        relationships(&bob).await,
        vec![],
        "the blocked one sees nothing"
    );

    assert_problem(
        &request(&bob, &ada).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let put = bob.put(&path(&ada), json!({ "type": "friend" })).await;
    assert_problem(&put, StatusCode::FORBIDDEN, "forbidden");
    assert_problem(
        &request(&ada, &bob).await,
        StatusCode::CONFLICT,
        "relationship_conflict",
    );

    assert_eq!(
        ada.delete(&path(&bob)).await.0,
        StatusCode::NO_CONTENT,
        "unblock"
    );
    assert_eq!(relationships(&ada).await, vec![]);
    assert_eq!(request(&bob, &ada).await.1["type"], "outgoing");
}

#[tokio::test]
async fn relationship_targets_are_checked() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let unknown = ada
        .post("/users/@me/relationships", json!({ "username": "nobody" }))
        .await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_user");
    let ghost = format!("/users/@me/relationships/{UNKNOWN_ID}");
    let put = ada.put(&ghost, json!({ "type": "friend" })).await;
    assert_problem(&put, StatusCode::NOT_FOUND, "unknown_user");
    let myself = ada
        .post("/users/@me/relationships", json!({ "username": "ada" }))
        .await;
    assert_problem(
        &myself,
        StatusCode::UNPROCESSABLE_ENTITY,
        "self_relationship",
    );
    assert_invalid(
        &ada.put("/users/@me/relationships/x", json!({ "type": "block" }))
            .await,
        "user_id",
    );
    assert_invalid(&ada.delete("/users/@me/relationships/x").await, "user_id");
    let (status, body) = ada.put(&ghost, json!({ "type": "enemy" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["code"].is_string() && body["message"].is_string(),
        "{body}"
    );
}
