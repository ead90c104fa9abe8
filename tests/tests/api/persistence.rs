//! What survives a restart, what happens when two servers want one data folder, and
//! what of a session the store keeps.

use std::sync::Arc;

use concord_embedded_store::EmbeddedStore;
use concord_jwt::JwtTokens;
use concord_ports::store::Store;
use concord_ports::tokens::TokenService;
use concord_server::Config;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{
    PASSWORD, assert_problem, ids, spawn_app, spawn_app_with, start_in, start_on, start_replica,
    text,
};

/// Keeps the generated JWT secret in the data folder, as a default install does.
fn generated_secret(config: &mut Config) {
    config.jwt_secret = None;
}

#[tokio::test]
async fn accounts_guilds_history_and_access_tokens_survive_a_restart() {
    let app = spawn_app_with(generated_secret).await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let mut sent = Vec::new();
    for n in 0..5 {
        sent.push(text(
            &ada.send(&guild.general, &format!("note {n}")).await["id"],
        ));
    }
    sent.reverse();
    assert!(
        app.data_dir.join("jwt-secret").is_file(),
        "the secret is kept on disk"
    );

    let dir = app.stop().await.expect("the data folder");
    let app = start_in(dir, generated_secret)
        .await
        .expect("a restart on the same folder");

    let (session, (status, body)) = app.login("ada", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/channels/{}/messages", guild.general);
    let (status, history) = session.expect("a session").get(&path).await;
    assert_eq!((status, ids(&history)), (StatusCode::OK, sent));

    let old_token = Some(ada.token.as_str());
    let (status, me) = app.call(Method::GET, "/users/@me", old_token, None).await;
    assert_eq!((status, &me["id"]), (StatusCode::OK, &json!(ada.user_id)));
    let (status, guilds) = app
        .call(Method::GET, "/users/@me/guilds", old_token, None)
        .await;
    assert_eq!((status, ids(&guilds)), (StatusCode::OK, vec![guild.id]));
}

#[tokio::test]
async fn a_second_server_on_a_busy_data_folder_fails_with_a_clear_error() {
    if !crate::support::embedded_store() {
        // Only the embedded store locks its folder; MongoDB is shared by design.
        return;
    }
    let app = spawn_app().await;

    let second = start_on(app.data_dir.clone(), |_| {}).await;

    let error = match second {
        Ok(_) => panic!("two servers must not share a data folder"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains("in use"), "{error}");
    assert!(
        error.contains("database") || error.contains("data folder"),
        "{error}"
    );
    let (status, _) = app.get_anon("/users/@me").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the first server keeps serving"
    );
}

#[tokio::test]
async fn refresh_tokens_are_stored_hashed_and_any_replica_of_the_store_accepts_them() {
    let shared = tempfile::tempdir().expect("a folder for the shared store");
    let file = shared.path().join("shared.redb");
    let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&file).expect("the shared store"));
    let (first_dir, second_dir) = (tempfile::tempdir(), tempfile::tempdir());
    let (first_dir, second_dir) = (first_dir.expect("a folder"), second_dir.expect("a folder"));
    let first = start_replica(first_dir.path().into(), Some(store.clone()), |_| {}).await;
    let second = start_replica(second_dir.path().into(), Some(store), |_| {}).await;
    let (first, second) = (first.expect("a replica"), second.expect("a replica"));
    let ada = first.register("ada").await;
    let raw = ada.cookie("refresh_token").expect("a refresh cookie");
    let csrf = ada.cookie("csrf_token").expect("a csrf cookie");
    let cookies = format!("refresh_token={raw}; csrf_token={csrf}");

    let (status, body) = second.refresh_with(&cookies, Some(&csrf), None).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the other replica accepts it: {body}"
    );
    assert_eq!(body["user"]["id"], ada.user_id.as_str());
    let replayed = first.refresh_with(&cookies, Some(&csrf), None).await;
    assert_problem(&replayed, StatusCode::UNAUTHORIZED, "unauthorized");

    first.stop().await;
    second.stop().await;
    let bytes = std::fs::read(&file).expect("the store file");
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|window| window == needle);
    assert!(
        !holds(raw.as_bytes()),
        "the store must not keep the token itself"
    );
    let tokens = JwtTokens::new(&[7; 32]).expect("a token service");
    assert!(
        holds(tokens.digest(&raw).as_bytes()),
        "the store keeps the token's SHA-256 digest"
    );
}
