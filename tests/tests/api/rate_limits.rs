//! Rate limits: logins, registrations and messages beyond their budget get 429 with a
//! `Retry-After` header.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, assert_problem, read_json, spawn_app_with};

/// Asserts a 429 whose `Retry-After` is a whole number of seconds within `window`.
async fn assert_limited(response: reqwest::Response, window: u64) {
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().map(str::to_owned));
    let reply = read_json(response).await;
    assert_problem(&reply, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    let seconds: u64 = retry_after
        .expect("a Retry-After header")
        .expect("an ASCII header")
        .parse()
        .expect("whole seconds");
    assert!(
        (1..=window).contains(&seconds),
        "Retry-After {seconds} outside 1..={window}"
    );
}

#[tokio::test]
async fn the_third_login_in_a_minute_is_refused() {
    let app = spawn_app_with(|config| config.rate_limits = "login=2/60".into()).await;
    app.register("ada").await;
    let body = json!({ "login": "ada", "password": PASSWORD });
    let login = || app.anon.post(app.api("/auth/login")).json(&body).send();

    for _ in 0..2 {
        assert_eq!(login().await.expect("an answer").status(), StatusCode::OK);
    }
    assert_limited(login().await.expect("an answer"), 60).await;
    let other = json!({ "login": "someone", "password": PASSWORD });
    let response = app
        .anon
        .post(app.api("/auth/login"))
        .json(&other)
        .send()
        .await;
    assert_limited(response.expect("an answer"), 60).await;
}

#[tokio::test]
async fn failed_logins_count_against_the_account_too() {
    let app = spawn_app_with(|config| config.rate_limits = "login_account=2/60".into()).await;
    app.register("ada").await;

    for _ in 0..2 {
        let (_, reply) = app.login("ada", "wrong password").await;
        assert_problem(&reply, StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let (_, reply) = app.login("ADA", PASSWORD).await;
    assert_problem(&reply, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
}

#[tokio::test]
async fn the_fourth_message_in_a_minute_is_refused() {
    let app = spawn_app_with(|config| config.rate_limits = "messages=3/60".into()).await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let guild = ada.create_guild("Engines").await;
    app.invite_and_join(&ada, &guild, &bob).await;
    let path = format!("/channels/{}/messages", guild.general);

    for n in 0..3 {
        ada.send(&guild.general, &format!("message {n}")).await;
    }
    let request = ada.client.post(ada.url(&path)).bearer_auth(&ada.token);
    let response = request
        .json(&json!({ "content": "one too many" }))
        .send()
        .await;
    assert_limited(response.expect("an answer"), 60).await;

    bob.send(&guild.general, "my budget is my own").await;
    assert_eq!(ada.get(&path).await.1.as_array().map(Vec::len), Some(4));
}

#[tokio::test]
async fn the_third_registration_from_one_address_is_refused() {
    let app = spawn_app_with(|config| config.rate_limits = "register=2/3600".into()).await;
    app.register("ada").await;
    app.register("bob").await;

    let body = json!({ "username": "cyd", "email": "cyd@example.org", "password": PASSWORD });
    let response = app
        .anon
        .post(app.api("/auth/register"))
        .json(&body)
        .send()
        .await;

    assert_limited(response.expect("an answer"), 3600).await;
    assert_eq!(
        app.login("cyd", PASSWORD).await.1.0,
        StatusCode::UNAUTHORIZED,
        "not created"
    );
}

/// Logs in as `login` (with a wrong password) claiming to come from `forwarded`.
async fn login_from(app: &crate::support::TestApp, login: &str, forwarded: &str) -> StatusCode {
    let body = json!({ "login": login, "password": "wrong password" });
    let request = app.anon.post(app.api("/auth/login")).json(&body);
    let request = request.header("X-Forwarded-For", forwarded);
    request.send().await.expect("an answer").status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_budget() {
    let app = spawn_app_with(|config| {
        config.rate_limits = "login=2/60".into();
        config.trusted_proxy_hops = 1;
    })
    .await;

    for _ in 0..2 {
        assert_eq!(
            login_from(&app, "x", "203.0.113.1").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_from(&app, "x", "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy is not held back; what the client itself
    // put before the proxy's entry does not matter.
    assert_eq!(
        login_from(&app, "x", "203.0.113.2").await,
        StatusCode::UNAUTHORIZED
    );
    let spoofed = "198.51.100.1, 203.0.113.1";
    assert_eq!(
        login_from(&app, "x", spoofed).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn without_trusted_proxies_a_forged_forwarded_for_changes_nothing() {
    let app = spawn_app_with(|config| config.rate_limits = "login=2/60".into()).await;

    assert_eq!(
        login_from(&app, "x", "203.0.113.1").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_from(&app, "x", "203.0.113.2").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_from(&app, "x", "203.0.113.3").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
