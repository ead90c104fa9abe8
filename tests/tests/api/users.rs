//! Profiles: one's own account, other users' public views, and profile changes.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, UNKNOWN_ID, assert_invalid, assert_problem, ids, spawn_app};

#[tokio::test]
async fn the_own_account_carries_the_email() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let (status, me) = ada.get("/users/@me").await;

    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["id"], ada.user_id.as_str());
    assert_eq!(me["username"], "ada");
    assert_eq!(me["email"], "ada@example.org");
    assert!(me["created_at"].as_i64().is_some_and(|t| t > 0), "{me}");
}

#[tokio::test]
async fn other_users_are_shown_without_their_email() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;

    let (status, seen) = ada.get(&format!("/users/{}", bob.user_id)).await;

    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["id"], bob.user_id.as_str());
    assert_eq!(seen["username"], "bob");
    assert_eq!(seen["display_name"], "bob");
    assert!(seen.get("email").is_none(), "{seen}");
    assert!(!seen.to_string().contains(&bob.email), "{seen}");
}

#[tokio::test]
async fn unknown_and_malformed_user_ids_are_told_apart() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let unknown = ada.get(&format!("/users/{UNKNOWN_ID}")).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_user");
    assert_invalid(&ada.get("/users/not-an-id").await, "user_id");
}

#[tokio::test]
async fn a_user_can_change_their_username_and_display_name() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let change = json!({ "username": "countess", "display_name": "Ada Lovelace" });
    let (status, me) = ada.patch("/users/@me", change).await;

    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["username"], "countess");
    assert_eq!(me["display_name"], "Ada Lovelace");
    assert_eq!(ada.get("/users/@me").await.1["username"], "countess");
    assert_eq!(app.login("countess", PASSWORD).await.1.0, StatusCode::OK);
    assert_eq!(
        app.login("ada", PASSWORD).await.1.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_display_name_change_keeps_the_username() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let (status, me) = ada
        .patch("/users/@me", json!({ "display_name": "Ada" }))
        .await;

    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(
        (me["username"].as_str(), me["display_name"].as_str()),
        (Some("ada"), Some("Ada"))
    );
}

#[tokio::test]
async fn profile_changes_follow_the_registration_rules() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    app.register("Bob").await;

    assert_invalid(
        &ada.patch("/users/@me", json!({ "username": "a b" })).await,
        "username",
    );
    assert_invalid(
        &ada.patch("/users/@me", json!({ "username": "ab" })).await,
        "username",
    );
    let blank = ada
        .patch("/users/@me", json!({ "display_name": " " }))
        .await;
    assert_invalid(&blank, "display_name");
    let taken = ada.patch("/users/@me", json!({ "username": "BOB" })).await;
    assert_problem(&taken, StatusCode::CONFLICT, "username_taken");
    assert_eq!(
        ada.get("/users/@me").await.1["username"],
        "ada",
        "nothing changed"
    );
}

#[tokio::test]
async fn a_user_can_change_the_case_of_their_own_username() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let (status, me) = ada.patch("/users/@me", json!({ "username": "Ada" })).await;

    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["username"], "Ada");
}

#[tokio::test]
async fn the_guild_list_holds_exactly_the_guilds_one_is_in() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let mine = ada.create_guild("Engines").await;
    let shared = bob.create_guild("Looms").await;
    bob.create_guild("Bob's own").await;
    app.invite_and_join(&bob, &shared, &ada).await;

    let (status, guilds) = ada.get("/users/@me/guilds").await;

    assert_eq!(status, StatusCode::OK, "{guilds}");
    let mut listed = ids(&guilds);
    listed.sort();
    let mut expected = vec![mine.id, shared.id];
    expected.sort();
    assert_eq!(listed, expected);
}
