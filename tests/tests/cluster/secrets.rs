//! What the logs of a real server process must never hold: passwords, access tokens,
//! refresh and CSRF tokens, the JWT secret. The server runs with debug logging, which
//! includes every request line, through registration, login, refresh, a gateway
//! session and an upload; then the whole log is searched.

use std::process::Command;
use std::time::Duration;

use reqwest::header::SET_COOKIE;
use serde_json::{Value, json};

use crate::client::Gw;
use crate::fixture::{concord_binary, free_port};

/// The password every secret-checking request uses.
const PASSWORD: &str = "a password that must never be logged";

/// The JWT secret the server is given.
const SECRET: &str = "a jwt secret that must never be logged, 32+ bytes long";

/// The value of cookie `name` among a response's `Set-Cookie` headers.
fn cookie(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| value.strip_prefix(&format!("{name}=")))
        .and_then(|rest| rest.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_never_hold_passwords_tokens_or_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log_path = dir.path().join("concord.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = Command::new(concord_binary())
        .env("CONCORD_BIND", format!("127.0.0.1:{port}"))
        .env("CONCORD_DATA_DIR", dir.path().join("data"))
        .env("CONCORD_JWT_SECRET", SECRET)
        .env("CONCORD_ARGON2_MEMORY_KIB", "64")
        .env("CONCORD_FILES_URL", "memory://")
        .env("CONCORD_LOG", "debug")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let api = format!("{base}/api/v1");
    let http = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while http.get(format!("{base}/readyz")).send().await.is_err() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Every kind of secret, used the way clients use them.
    let body = json!({ "username": "ada", "email": "ada@example.org", "password": PASSWORD });
    let registered = http
        .post(format!("{api}/auth/register"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), 201);
    let (refresh, csrf) = (
        cookie(&registered, "refresh_token"),
        cookie(&registered, "csrf_token"),
    );
    let access = registered.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = json!({ "login": "ada", "password": format!("{PASSWORD} but wrong") });
    let refused = http
        .post(format!("{api}/auth/login"))
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let login = json!({ "login": "ada", "password": PASSWORD });
    let logged_in = http
        .post(format!("{api}/auth/login"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(logged_in.status(), 200);
    let refreshed = http
        .post(format!("{api}/auth/refresh"))
        .header(
            "Cookie",
            format!("refresh_token={refresh}; csrf_token={csrf}"),
        )
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), 200);
    let new_refresh = cookie(&refreshed, "refresh_token");
    let me = http
        .get(format!("{api}/users/@me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let (_gw, ready) = Gw::ready_at(&base, &access).await;
    assert_eq!(ready["user"]["username"], "ada");
    let bad_token = http
        .get(format!("{api}/users/@me"))
        .bearer_auth(format!("{access}x"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_token.status(), 401);

    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = child.kill();
    let _ = child.wait();
    let logged = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logged.contains("/api/v1/auth/login"),
        "debug logs show requests, so the search below means something:\n{logged}"
    );
    for (what, secret) in [
        ("the password", PASSWORD),
        ("the JWT secret", SECRET),
        ("the access token", access.as_str()),
        (
            "the access token's signature",
            access.rsplit('.').next().unwrap(),
        ),
        ("the refresh token", refresh.as_str()),
        ("the rotated refresh token", new_refresh.as_str()),
        ("the CSRF token", csrf.as_str()),
    ] {
        assert!(!logged.contains(secret), "the log holds {what}");
    }
}
