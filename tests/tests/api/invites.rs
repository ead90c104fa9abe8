//! Invites: creating them, previewing them without signing in, and joining by them.

use concord_domain::permissions::Permissions;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{assert_problem, list, spawn_app, text};

#[tokio::test]
async fn an_invite_leads_to_the_first_text_channel_and_previews_without_sign_in() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;

    let (status, invite) = ada
        .post(&format!("/guilds/{}/invites", guild.id), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    assert_eq!(invite["guild_id"], guild.id.as_str());
    assert_eq!(invite["channel_id"], guild.general.as_str());
    assert_eq!(invite["inviter_id"], ada.user_id.as_str());
    assert_eq!(
        (&invite["uses"], &invite["max_uses"]),
        (&json!(0), &json!(null))
    );
    assert_eq!(invite["expires_at"], json!(null));
    let code = text(&invite["code"]);

    let (status, preview) = app.get_anon(&format!("/invites/{code}")).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["guild"]["name"], "Engines");
    assert_eq!(preview["invite"]["code"], code.as_str());
    assert_eq!(preview["inviter"]["username"], "ada");
    assert!(
        !preview.to_string().contains(&ada.email),
        "no email in {preview}"
    );
}

#[tokio::test]
async fn joining_by_invite_makes_a_member_once() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let guild = ada.create_guild("Engines").await;
    let code = ada.invite(&guild.id).await;

    let (status, joined) = bob.post(&format!("/invites/{code}"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["id"], guild.id.as_str());
    assert_eq!(
        bob.get(&format!("/guilds/{}", guild.id)).await.0,
        StatusCode::OK
    );
    bob.send(&guild.general, "hello").await;

    let (status, again) = bob.post(&format!("/invites/{code}"), json!({})).await;
    assert_eq!((status, &again["id"]), (StatusCode::OK, &json!(guild.id)));
    let (_, members) = ada.get(&format!("/guilds/{}/members", guild.id)).await;
    assert_eq!(list(&members).len(), 2);
    let (_, preview) = app.get_anon(&format!("/invites/{code}")).await;
    assert_eq!(
        preview["invite"]["uses"], 1,
        "a second join by a member uses nothing"
    );
}

#[tokio::test]
async fn an_invite_stops_working_once_its_uses_are_spent() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let cy = app.register("cyd").await;
    let guild = ada.create_guild("Engines").await;
    let body = json!({ "max_uses": 1 });
    let (_, invite) = ada
        .post(&format!("/guilds/{}/invites", guild.id), body)
        .await;
    assert_eq!(invite["max_uses"], 1);
    let path = format!("/invites/{}", text(&invite["code"]));

    assert_eq!(bob.post(&path, json!({})).await.0, StatusCode::OK);
    assert_problem(
        &cy.post(&path, json!({})).await,
        StatusCode::NOT_FOUND,
        "unknown_invite",
    );
    assert_problem(
        &app.get_anon(&path).await,
        StatusCode::NOT_FOUND,
        "unknown_invite",
    );
    assert_problem(
        &cy.get(&format!("/guilds/{}", guild.id)).await,
        StatusCode::NOT_FOUND,
        "unknown_guild",
    );
}

#[tokio::test]
async fn invite_limits_are_validated_and_ages_set_an_expiry() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/guilds/{}/invites", guild.id);

    for bad in [
        json!({ "max_uses": 0 }),
        json!({ "max_age_secs": 2_592_001 }),
        json!({ "max_uses": -1 }),
    ] {
        let (status, body) = ada.post(&path, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(
            body["code"].is_string() && body["message"].is_string(),
            "{body}"
        );
    }

    let (status, invite) = ada.post(&path, json!({ "max_age_secs": 60 })).await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let created = invite["created_at"].as_i64().expect("a creation time");
    assert_eq!(invite["expires_at"].as_i64(), Some(created + 60_000));
    let (status, forever) = ada.post(&path, json!({ "max_age_secs": 0 })).await;
    assert_eq!(
        (status, &forever["expires_at"]),
        (StatusCode::CREATED, &json!(null))
    );
    let longest = ada.post(&path, json!({ "max_age_secs": 2_592_000 })).await;
    assert_eq!(longest.0, StatusCode::CREATED, "{}", longest.1);
}

#[tokio::test]
async fn creating_invites_needs_create_invite_and_membership() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let eve = app.register("eve").await;
    let path = format!("/guilds/{}/invites", guild.id);
    assert_eq!(
        bob.post(&path, json!({})).await.0,
        StatusCode::CREATED,
        "allowed by default"
    );

    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);
    let without = (Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES).bits();
    assert_eq!(
        ada.patch(&everyone, json!({ "permissions": without }))
            .await
            .0,
        StatusCode::OK
    );

    assert_problem(
        &bob.post(&path, json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_problem(
        &eve.post(&path, json!({})).await,
        StatusCode::NOT_FOUND,
        "unknown_guild",
    );
    assert_eq!(
        ada.post(&path, json!({})).await.0,
        StatusCode::CREATED,
        "owners may anyway"
    );
}

#[tokio::test]
async fn unknown_codes_are_not_found_and_joining_needs_a_session() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let code = ada.invite(&guild.id).await;

    assert_problem(
        &app.get_anon("/invites/nosuchcode").await,
        StatusCode::NOT_FOUND,
        "unknown_invite",
    );
    let join = ada.post("/invites/nosuchcode", json!({})).await;
    assert_problem(&join, StatusCode::NOT_FOUND, "unknown_invite");
    let anonymous = app
        .call(Method::POST, &format!("/invites/{code}"), None, None)
        .await;
    assert_problem(&anonymous, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn an_expired_invite_neither_previews_nor_admits() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let guild = ada.create_guild("Engines").await;
    let (_, invite) = ada
        .post(
            &format!("/guilds/{}/invites", guild.id),
            json!({ "max_age_secs": 2 }),
        )
        .await;
    let path = format!("/invites/{}", text(&invite["code"]));
    assert_eq!(
        app.get_anon(&path).await.0,
        StatusCode::OK,
        "usable at first"
    );

    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;

    assert_problem(
        &app.get_anon(&path).await,
        StatusCode::NOT_FOUND,
        "unknown_invite",
    );
    assert_problem(
        &bob.post(&path, json!({})).await,
        StatusCode::NOT_FOUND,
        "unknown_invite",
    );
}
