//! Registration, login, refresh with rotation, logout, and bearer authentication.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use concord_domain::id::UserId;
use concord_domain::time::Timestamp;
use concord_jwt::JwtTokens;
use concord_ports::tokens::TokenService;
use concord_server::Config;
use reqwest::header::SET_COOKIE;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{
    PASSWORD, Reply, Session, TestApp, UNKNOWN_ID, assert_invalid, assert_problem, read_json,
    spawn_app, spawn_app_with, text,
};

/// Refreshes with the session's own cookies and the matching CSRF header.
async fn refresh(session: &Session) -> Reply {
    let csrf = session.cookie("csrf_token").expect("a csrf cookie");
    let request = session.client.post(session.url("/auth/refresh"));
    let response = request
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .expect("an answer");
    read_json(response).await
}

#[tokio::test]
async fn registering_returns_the_account_and_an_access_token_that_works() {
    let app = spawn_app().await;

    let body = json!({ "username": "ada", "email": "Ada@Example.org", "password": PASSWORD });
    let (status, auth) = app.register_raw(body).await;

    assert_eq!(status, StatusCode::CREATED, "{auth}");
    assert_eq!(auth["user"]["username"], "ada");
    assert_eq!(auth["user"]["display_name"], "ada");
    assert_eq!(auth["user"]["email"], "Ada@Example.org");
    assert_eq!(auth["expires_in"], 900);
    let token = text(&auth["access_token"]);
    let (status, me) = app
        .call(Method::GET, "/users/@me", Some(&token), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["id"], auth["user"]["id"]);
    assert_eq!(me["email"], "Ada@Example.org");
}

/// The cookie `name` among a response's `Set-Cookie` headers: its `name=value` pair as
/// sent, then its attributes lowercased.
#[track_caller]
fn cookie_attributes(response: &reqwest::Response, name: &str) -> Vec<String> {
    let prefix = format!("{name}=");
    let cookies: Vec<&str> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().expect("ASCII"))
        .collect();
    let cookie = cookies.iter().find(|cookie| cookie.starts_with(&prefix));
    let cookie = cookie.unwrap_or_else(|| panic!("no {name} cookie in {cookies:?}"));
    let mut parts = cookie.split(';').map(str::trim);
    let pair = parts.next().unwrap_or_default().to_owned();
    let attributes = parts.map(str::to_ascii_lowercase);
    std::iter::once(pair).chain(attributes).collect()
}

/// Asserts how a sign-in hands out its session: an httpOnly refresh cookie that only
/// travels to `/api/v1/auth`, and a csrf cookie scripts can read, both SameSite=Strict
/// and `Secure` exactly when `secure` is asked for.
#[track_caller]
fn assert_session_cookies(response: &reqwest::Response, secure: bool) {
    let has = |attributes: &[String], wanted: &str| attributes.iter().any(|a| a == wanted);

    let refresh = cookie_attributes(response, "refresh_token");
    assert!(
        refresh[0].len() > "refresh_token=".len() + 16,
        "a long secret: {refresh:?}"
    );
    assert!(has(&refresh, "httponly"), "{refresh:?}");
    assert!(has(&refresh, "path=/api/v1/auth"), "{refresh:?}");
    assert!(has(&refresh, "samesite=strict"), "{refresh:?}");
    assert_eq!(has(&refresh, "secure"), secure, "{refresh:?}");

    let csrf = cookie_attributes(response, "csrf_token");
    assert!(!has(&csrf, "httponly"), "scripts must read it: {csrf:?}");
    assert!(has(&csrf, "path=/"), "{csrf:?}");
    assert!(has(&csrf, "samesite=strict"), "{csrf:?}");
    assert_eq!(has(&csrf, "secure"), secure, "{csrf:?}");
}

/// Posts credentials to an auth path from a client that keeps no cookies.
async fn post_credentials(app: &TestApp, path: &str, body: serde_json::Value) -> reqwest::Response {
    let response = app.anon.post(app.api(path)).json(&body).send().await;
    response.expect("the server answers")
}

#[tokio::test]
async fn registration_sets_an_http_only_refresh_cookie_and_a_readable_csrf_cookie() {
    let app = spawn_app().await;

    let body = json!({ "username": "ada", "email": "ada@example.org", "password": PASSWORD });
    let response = post_credentials(&app, "/auth/register", body).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    assert_session_cookies(&response, false);
}

#[tokio::test]
async fn login_sets_the_same_cookies_as_registration() {
    let app = spawn_app().await;
    app.register("ada").await;

    let body = json!({ "login": "ada", "password": PASSWORD });
    let response = post_credentials(&app, "/auth/login", body).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_session_cookies(&response, false);
}

#[tokio::test]
async fn secure_cookies_mark_every_session_cookie_secure() {
    let app = spawn_app_with(|config| config.secure_cookies = true).await;

    let body = json!({ "username": "ada", "email": "ada@example.org", "password": PASSWORD });
    let registered = post_credentials(&app, "/auth/register", body).await;
    assert_eq!(registered.status(), StatusCode::CREATED);
    assert_session_cookies(&registered, true);

    let body = json!({ "login": "ada", "password": PASSWORD });
    let logged_in = post_credentials(&app, "/auth/login", body).await;
    assert_eq!(logged_in.status(), StatusCode::OK);
    assert_session_cookies(&logged_in, true);

    // The rotated cookies a refresh hands out are marked as well.
    let value = |name: &str| cookie_attributes(&logged_in, name).swap_remove(0);
    let csrf = value("csrf_token");
    let refreshed = app
        .anon
        .post(app.api("/auth/refresh"))
        .header("Cookie", format!("{}; {csrf}", value("refresh_token")))
        .header("X-CSRF-Token", &csrf["csrf_token=".len()..])
        .send()
        .await
        .expect("the server answers");
    assert_eq!(refreshed.status(), StatusCode::OK);
    assert_session_cookies(&refreshed, true);
}

#[tokio::test]
async fn usernames_need_three_to_thirty_two_allowed_characters() {
    let app = spawn_app().await;

    let long = "a".repeat(33);
    for bad in ["ab", long.as_str(), "with space", "émile", "a@b", ""] {
        let body = json!({ "username": bad, "email": "x@example.org", "password": PASSWORD });
        assert_invalid(&app.register_raw(body).await, "username");
    }
    let longest = "b".repeat(32);
    for good in ["abc", longest.as_str(), "a_b.c-D9"] {
        let email = format!("{good}@example.org");
        let body = json!({ "username": good, "email": email, "password": PASSWORD });
        assert_eq!(
            app.register_raw(body).await.0,
            StatusCode::CREATED,
            "{good}"
        );
    }
}

#[tokio::test]
async fn usernames_and_emails_are_unique_without_regard_to_case() {
    let app = spawn_app().await;
    app.register_as("Grace", "grace@example.org").await;

    let same_name =
        json!({ "username": "gRACE", "email": "other@example.org", "password": PASSWORD });
    assert_problem(
        &app.register_raw(same_name).await,
        StatusCode::CONFLICT,
        "username_taken",
    );
    let same_mail =
        json!({ "username": "hopper", "email": "GRACE@example.ORG", "password": PASSWORD });
    assert_problem(
        &app.register_raw(same_mail).await,
        StatusCode::CONFLICT,
        "email_taken",
    );
}

#[tokio::test]
async fn emails_passwords_and_display_names_are_validated() {
    let app = spawn_app().await;
    let register = |email: &str, password: &str, display_name: Option<&str>| {
        json!({ "username": "ada", "email": email, "password": password,
                "display_name": display_name })
    };

    for email in [
        "no-at-sign",
        "a@localhost",
        "@example.org",
        "a b@example.org",
    ] {
        let reply = app.register_raw(register(email, PASSWORD, None)).await;
        assert_invalid(&reply, "email");
    }
    let too_long = "p".repeat(129);
    for password in ["1234567", too_long.as_str()] {
        assert_invalid(
            &app.register_raw(register("a@example.org", password, None))
                .await,
            "password",
        );
    }
    let blank = register("a@example.org", PASSWORD, Some("   "));
    assert_invalid(&app.register_raw(blank).await, "display_name");

    let (status, auth) = app
        .register_raw(register("a@example.org", "12345678", Some(" Ada L ")))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{auth}");
    assert_eq!(auth["user"]["display_name"], "Ada L");
    let body = json!({ "username": "bob", "email": "b@example.org", "password": "p".repeat(128) });
    assert_eq!(app.register_raw(body).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn login_works_by_username_or_email_in_any_case() {
    let app = spawn_app().await;
    let ada = app.register_as("Ada", "ada@example.org").await;

    for login in [
        "Ada",
        "ada",
        "ADA",
        "ada@example.org",
        "ADA@Example.Org",
        "  ada  ",
    ] {
        let (session, (status, body)) = app.login(login, PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{login}: {body}");
        let session = session.expect("a session");
        assert_eq!(session.user_id, ada.user_id);
        assert_eq!(
            session.get("/users/@me").await.1["id"],
            ada.user_id.as_str()
        );
    }
}

#[tokio::test]
async fn wrong_passwords_and_unknown_logins_are_refused_alike() {
    let app = spawn_app().await;
    app.register("ada").await;

    let wrong = app.login("ada", "not the password").await.1;
    assert_problem(&wrong, StatusCode::UNAUTHORIZED, "unauthorized");
    let unknown = app.login("nobody", PASSWORD).await.1;
    assert_problem(&unknown, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(
        wrong.1["message"], unknown.1["message"],
        "no hint which part was wrong"
    );
    let short = app.login("ada", "short").await.1;
    assert_problem(&short, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn refreshing_needs_the_cookie_a_matching_csrf_header_and_no_foreign_origin() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let refresh_token = ada.cookie("refresh_token").expect("a refresh cookie");
    let csrf = ada.cookie("csrf_token").expect("a csrf cookie");
    let both = format!("refresh_token={refresh_token}; csrf_token={csrf}");

    let only_csrf = format!("csrf_token={csrf}");
    let no_cookie = app.refresh_with(&only_csrf, Some(&csrf), None).await;
    assert_problem(&no_cookie, StatusCode::UNAUTHORIZED, "unauthorized");
    let no_header = app.refresh_with(&both, None, None).await;
    assert_problem(&no_header, StatusCode::FORBIDDEN, "forbidden");
    let wrong_header = app.refresh_with(&both, Some("guess"), None).await;
    assert_problem(&wrong_header, StatusCode::FORBIDDEN, "forbidden");
    let foreign = app
        .refresh_with(&both, Some(&csrf), Some("https://evil.example"))
        .await;
    assert_problem(&foreign, StatusCode::FORBIDDEN, "forbidden");

    let (status, fresh) = app
        .refresh_with(&both, Some(&csrf), Some("http://127.0.0.1"))
        .await;
    assert_eq!(status, StatusCode::OK, "{fresh}");
    assert_eq!(fresh["user"]["id"], ada.user_id.as_str());
    let token = text(&fresh["access_token"]);
    let (status, me) = app
        .call(Method::GET, "/users/@me", Some(&token), None)
        .await;
    assert_eq!((status, &me["id"]), (StatusCode::OK, &json!(ada.user_id)));
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_token_revokes_the_whole_family() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let first = ada.cookie("refresh_token").expect("a refresh cookie");
    let csrf = ada.cookie("csrf_token").expect("a csrf cookie");

    let (status, body) = refresh(&ada).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let second = ada.cookie("refresh_token").expect("a rotated cookie");
    assert_ne!(first, second, "refreshing must rotate the cookie");
    let csrf_now = ada.cookie("csrf_token").expect("a csrf cookie");

    let replay = format!("refresh_token={first}; csrf_token={csrf}");
    let replayed = app.refresh_with(&replay, Some(&csrf), None).await;
    assert_problem(&replayed, StatusCode::UNAUTHORIZED, "unauthorized");
    let current = format!("refresh_token={second}; csrf_token={csrf_now}");
    let revoked = app.refresh_with(&current, Some(&csrf_now), None).await;
    assert_problem(&revoked, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn logout_revokes_the_refresh_token_and_clears_the_cookies() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let refresh_token = ada.cookie("refresh_token").expect("a refresh cookie");
    let csrf = ada.cookie("csrf_token").expect("a csrf cookie");

    let response = ada
        .client
        .post(app.api("/auth/logout"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(ada.cookie("refresh_token"), None, "the cookie is cleared");

    let cookies = format!("refresh_token={refresh_token}; csrf_token={csrf}");
    let after = app.refresh_with(&cookies, Some(&csrf), None).await;
    assert_problem(&after, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn a_foreign_origin_cannot_log_anyone_out() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let request = ada
        .client
        .post(app.api("/auth/logout"))
        .header("Origin", "https://evil.example");
    let reply = read_json(request.send().await.expect("an answer")).await;

    assert_problem(&reply, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        refresh(&ada).await.0,
        StatusCode::OK,
        "the session survives"
    );
}

#[tokio::test]
async fn access_tokens_are_jwts_and_tampered_ones_are_refused() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let parts: Vec<&str> = ada.token.split('.').collect();
    assert_eq!(parts.len(), 3, "header.payload.signature: {}", ada.token);
    let base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    assert!(
        parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(base64url))
    );

    let payload = URL_SAFE_NO_PAD.decode(parts[1]).expect("base64url");
    let claims: serde_json::Value = serde_json::from_slice(&payload).expect("JSON claims");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    let issued = claims["iat"].as_u64().expect("an iat claim in seconds");
    assert!(issued.abs_diff(now.as_secs()) <= 60, "issued now: {claims}");
    assert_eq!(claims["exp"].as_u64(), Some(issued + 900), "{claims}");
    assert_eq!(claims["sub"], ada.user_id.as_str());

    let flip = |part: &str| {
        let first = if part.starts_with('A') { "B" } else { "A" };
        format!("{first}{}", &part[1..])
    };
    let forged_signature = format!("{}.{}.{}", parts[0], parts[1], flip(parts[2]));
    let forged_payload = format!("{}.{}.{}", parts[0], flip(parts[1]), parts[2]);
    for token in [forged_signature, forged_payload] {
        let reply = app
            .call(Method::GET, "/users/@me", Some(&token), None)
            .await;
        assert_problem(&reply, StatusCode::UNAUTHORIZED, "unauthorized");
    }
}

/// Access tokens are checked against the accounts that exist, not only their signature:
/// a correctly signed, unexpired token whose user is not (or no longer) in the store, as
/// after an account is removed, opens nothing.
#[tokio::test]
async fn a_valid_token_of_a_user_who_does_not_exist_is_refused() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;

    let secret = Config::for_tests(app.data_dir.clone())
        .jwt_secret
        .expect("the test configuration signs with a fixed secret");
    let tokens = JwtTokens::new(secret.as_bytes()).expect("a token service");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    let now = Timestamp(i64::try_from(now.as_millis()).expect("a sane clock"));
    let ghost: UserId = UNKNOWN_ID.parse().expect("a well-formed id");
    let token = tokens.issue_access(ghost, now, 900).expect("signed");

    // The same service signs a working token for a real user, so the signature is right.
    let real: UserId = ada.user_id.parse().expect("ada's id");
    let working = tokens.issue_access(real, now, 900).expect("signed");
    let reply = app
        .call(Method::GET, "/users/@me", Some(&working), None)
        .await;
    assert_eq!(reply.0, StatusCode::OK, "{}", reply.1);

    for path in [
        "/users/@me",
        "/users/@me/guilds",
        "/users/@me/relationships",
    ] {
        let reply = app.call(Method::GET, path, Some(&token), None).await;
        assert_problem(&reply, StatusCode::UNAUTHORIZED, "unauthorized");
    }
}

#[tokio::test]
async fn missing_or_garbage_credentials_get_a_401_problem() {
    let app = spawn_app().await;

    assert_problem(
        &app.get_anon("/users/@me").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    let garbage = app
        .call(Method::GET, "/users/@me/guilds", Some("garbage"), None)
        .await;
    assert_problem(&garbage, StatusCode::UNAUTHORIZED, "unauthorized");
    let basic = app
        .anon
        .get(app.api("/users/@me"))
        .header("Authorization", "Basic YTpi");
    let basic = read_json(basic.send().await.expect("an answer")).await;
    assert_problem(&basic, StatusCode::UNAUTHORIZED, "unauthorized");
    let post = app
        .call(
            Method::POST,
            "/guilds",
            None,
            Some(json!({ "name": "x y" })),
        )
        .await;
    assert_problem(&post, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn malformed_json_bodies_get_a_400_problem() {
    let app = spawn_app().await;

    let request = app.anon.post(app.api("/auth/register"));
    let request = request
        .header("Content-Type", "application/json")
        .body("{\"username\": ");
    let reply = read_json(request.send().await.expect("an answer")).await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.1);
    assert!(
        reply.1["code"].is_string() && reply.1["message"].is_string(),
        "{}",
        reply.1
    );

    let missing = app.register_raw(json!({ "username": "ada" })).await;
    assert_eq!(missing.0, StatusCode::BAD_REQUEST, "{}", missing.1);
    assert!(missing.1["code"].is_string() && missing.1["message"].is_string());
}
