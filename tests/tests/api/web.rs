//! The web client served beside the API: its files, the history-mode fallback to
//! `index.html`, its Content-Security-Policy, and the paths that never fall back.

use std::path::Path;

use reqwest::StatusCode;

use crate::support::{TestApp, assert_problem, read_json, spawn_app, spawn_app_with};

const INDEX: &str = "<!doctype html><title>Concord test client</title>";

/// Writes a tiny built client (an index and one asset) into `dir`.
fn write_client(dir: &Path) {
    std::fs::create_dir_all(dir.join("assets")).expect("a web folder");
    std::fs::write(dir.join("index.html"), INDEX).expect("index.html");
    std::fs::write(dir.join("assets/app.js"), "console.log('hi')").expect("an asset");
}

async fn spawn_with_client() -> (TestApp, tempfile::TempDir) {
    let web = tempfile::tempdir().expect("a web folder");
    write_client(web.path());
    let dir = web.path().to_path_buf();
    let app = spawn_app_with(move |config| config.web_dir = dir).await;
    (app, web)
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    let url = format!("{}{path}", app.base);
    app.anon.get(url).send().await.expect("the server answers")
}

#[tokio::test]
async fn the_client_is_served_at_the_root_with_a_content_security_policy() {
    let (app, _web) = spawn_with_client().await;

    let response = get(&app, "/").await;

    assert_eq!(response.status(), StatusCode::OK);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(policy.contains("connect-src 'self' ws://"), "{policy}");
    assert!(policy.contains("img-src 'self' blob: data:"), "{policy}");
    assert_eq!(response.text().await.expect("a body"), INDEX);

    let asset = get(&app, "/assets/app.js").await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(asset.text().await.expect("a body"), "console.log('hi')");
}

#[tokio::test]
async fn client_routes_fall_back_to_the_index() {
    let (app, _web) = spawn_with_client().await;

    for path in [
        "/channels/@me",
        "/channels/01ARZ3NDEKTSV4RRFFQ69G5FAV/x",
        "/invite/abc",
    ] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.text().await.expect("a body"), INDEX, "{path}");
    }
}

#[tokio::test]
async fn server_paths_never_fall_back_to_the_index() {
    let (app, _web) = spawn_with_client().await;

    for path in [
        "/api/v1/nope",
        "/api/v2/users",
        "/api",
        "/gateway/x",
        "/healthz/x",
        "/readyz/x",
    ] {
        let reply = read_json(get(&app, path).await).await;
        assert_problem(&reply, StatusCode::NOT_FOUND, "not_found");
    }

    let (status, health) = read_json(get(&app, "/healthz").await).await;
    assert_eq!((status, &health["status"]), (StatusCode::OK, &"ok".into()));
    let docs = get(&app, "/docs").await;
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(
        !docs.headers().contains_key("content-security-policy"),
        "the explorer keeps working without the client's policy"
    );
    let page = docs.text().await.expect("a body");
    assert!(page.to_lowercase().contains("swagger"), "{page}");
}

#[tokio::test]
async fn without_a_built_client_the_root_says_how_to_build_it_and_the_api_still_works() {
    let app = spawn_app().await;

    let response = get(&app, "/").await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("a body");
    assert!(page.contains("has not been built"), "{page}");
    assert!(page.contains("npm run build"), "{page}");
    let reply = read_json(get(&app, "/channels/@me").await).await;
    assert_problem(&reply, StatusCode::NOT_FOUND, "not_found");
    for path in ["/docs", "/api/openapi.json", "/healthz"] {
        assert_eq!(get(&app, path).await.status(), StatusCode::OK, "{path}");
    }
    app.register("ada").await;
}
