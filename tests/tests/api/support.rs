//! The harness every API test stands on: a real server on port 0 over a fresh data
//! folder, and typed helpers that speak HTTP to it the way a client would.
//!
//! Nothing here is shared between tests: each [`spawn_app`] owns its folder, its server
//! and its users, and stops the server when dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use concord_server::{Config, StartError};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Client, Method, StatusCode, Url};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The password every test user registers with.
pub const PASSWORD: &str = "correct horse battery staple";

/// A well-formed id that names nothing on any server.
pub const UNKNOWN_ID: &str = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

/// A status and the JSON body that came with it (`null` when there was none).
pub type Reply = (StatusCode, Value);

/// A running server and what a test needs to reach it.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The server's data folder.
    pub data_dir: PathBuf,
    dir: Option<TempDir>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
    /// A client without cookies, for anonymous and hand-made requests.
    pub anon: Client,
}

/// Starts a server with the test configuration on a fresh data folder.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server on a fresh data folder after `tweak` has adjusted the configuration.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary data folder");
    start_in(dir, tweak).await.expect("the server starts")
}

/// Starts a server on an existing data folder, handing the folder to the server's keeping.
pub async fn start_in(
    dir: TempDir,
    tweak: impl FnOnce(&mut Config),
) -> Result<TestApp, StartError> {
    let mut app = start_on(dir.path().to_path_buf(), tweak).await?;
    app.dir = Some(dir);
    Ok(app)
}

/// Starts a server on `data_dir`, which the caller keeps alive.
pub async fn start_on(
    data_dir: PathBuf,
    tweak: impl FnOnce(&mut Config),
) -> Result<TestApp, StartError> {
    start_replica(data_dir, None, tweak).await
}

/// Starts a server on `data_dir` that uses `store` when given, the way replicas share
/// one database; the caller keeps the folder alive.
pub async fn start_replica(
    data_dir: PathBuf,
    store: Option<Arc<dyn concord_ports::store::Store>>,
    tweak: impl FnOnce(&mut Config),
) -> Result<TestApp, StartError> {
    let mut config = Config::for_tests(data_dir.clone());
    if store.is_none() {
        use_the_store_under_test(&mut config);
    }
    tweak(&mut config);
    let (shutdown, stop) = oneshot::channel::<()>();
    let running = concord_server::start_sharing(config, store, async move {
        let _ = stop.await;
    })
    .await?;

    Ok(TestApp {
        base: format!("http://{}", running.addr),
        data_dir,
        dir: None,
        shutdown: Some(shutdown),
        task: Some(running.task),
        anon: Client::new(),
    })
}

/// The variable that runs the suite against MongoDB instead of the embedded store: set it
/// to `mongodb` and name the server in `CONCORD_TEST_MONGODB_URI`.
pub const STORE_VARIABLE: &str = "CONCORD_TEST_API_STORE";

/// Whether this run of the suite uses the embedded store.
pub fn embedded_store() -> bool {
    std::env::var(STORE_VARIABLE).map_or(true, |store| store != "mongodb")
}

/// Points `config` at MongoDB when the suite runs against it: one database per data
/// folder, so that a server restarted on the same folder finds its data again.
fn use_the_store_under_test(config: &mut Config) {
    if embedded_store() {
        return;
    }
    let server = std::env::var("CONCORD_TEST_MONGODB_URI")
        .expect("CONCORD_TEST_MONGODB_URI names the MongoDB-compatible server");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&config.data_dir, &mut hasher);
    let database = format!("api_{:016x}", std::hash::Hasher::finish(&hasher));
    config.store = concord_server::config::StoreKind::Mongodb;
    config.mongodb_uri = format!("{}/{database}", server.trim_end_matches('/'));
}

impl TestApp {
    /// Stops the server, waits until it has let go of everything, and returns its folder.
    pub async fn stop(mut self) -> Option<TempDir> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let finished = tokio::time::timeout(Duration::from_secs(15), task).await;
            let served = finished.expect("the server stops within 15 seconds");
            served
                .expect("the server task did not panic")
                .expect("the server ran cleanly");
        }
        self.dir.take()
    }

    /// The URL of an API path such as `/guilds`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Any request to the API, anonymous or with a bearer token of the caller's choosing.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        exchange(&self.anon, method, &self.api(path), token, body).await
    }

    /// An anonymous GET.
    pub async fn get_anon(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, None).await
    }

    /// Registers `username` with the default password and an address derived from it.
    pub async fn register(&self, username: &str) -> Session {
        let email = format!("{username}@example.org");
        self.register_as(username, &email).await
    }

    /// Registers with the given username and email and returns the signed-in session.
    pub async fn register_as(&self, username: &str, email: &str) -> Session {
        let body = json!({ "username": username, "email": email, "password": PASSWORD });
        let (session, reply) = self.sign_in("/auth/register", body).await;
        assert_eq!(
            reply.0,
            StatusCode::CREATED,
            "registering {username}: {}",
            reply.1
        );
        session.expect("a session")
    }

    /// Registers with any body, returning the reply (and no session).
    pub async fn register_raw(&self, body: Value) -> Reply {
        self.call(Method::POST, "/auth/register", None, Some(body))
            .await
    }

    /// Signs in with a login and password; the reply, and a session when it worked.
    pub async fn login(&self, login: &str, password: &str) -> (Option<Session>, Reply) {
        let body = json!({ "login": login, "password": password });
        self.sign_in("/auth/login", body).await
    }

    /// Posts credentials with a fresh cookie-keeping client.
    async fn sign_in(&self, path: &str, body: Value) -> (Option<Session>, Reply) {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .build()
            .expect("a client with cookies");
        let reply = exchange(&client, Method::POST, &self.api(path), None, Some(body)).await;
        if !reply.0.is_success() {
            return (None, reply);
        }

        let session = Session {
            user_id: text(&reply.1["user"]["id"]),
            username: text(&reply.1["user"]["username"]),
            email: text(&reply.1["user"]["email"]),
            token: text(&reply.1["access_token"]),
            client,
            jar,
            api: self.api(""),
        };
        (Some(session), reply)
    }

    /// Posts to `/auth/refresh` from a client without cookies, sending `cookies` as the
    /// `Cookie` header, and the `X-CSRF-Token` and `Origin` headers when given.
    pub async fn refresh_with(
        &self,
        cookies: &str,
        csrf: Option<&str>,
        origin: Option<&str>,
    ) -> Reply {
        let mut request = self
            .anon
            .post(self.api("/auth/refresh"))
            .header("Cookie", cookies);
        if let Some(csrf) = csrf {
            request = request.header("X-CSRF-Token", csrf);
        }
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        read_json(request.send().await.expect("the server answers")).await
    }

    /// Has `owner` invite `joiner` to `guild`, and `joiner` accept.
    pub async fn invite_and_join(&self, owner: &Session, guild: &Guild, joiner: &Session) {
        let code = owner.invite(&guild.id).await;
        let (status, body) = joiner.post(&format!("/invites/{code}"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "joining: {body}");
    }

    /// Registers `username` and has them join `guild` by an invite from `owner`.
    pub async fn join_as(&self, owner: &Session, guild: &Guild, username: &str) -> Session {
        let joiner = self.register(username).await;
        self.invite_and_join(owner, guild, &joiner).await;
        joiner
    }

    /// A fresh owner with a guild, and a member who joined it by invite.
    pub async fn guild_with_member(&self, owner: &str, member: &str) -> (Session, Session, Guild) {
        let owner = self.register(owner).await;
        let member = self.register(member).await;
        let guild = owner.create_guild("Test Guild").await;
        self.invite_and_join(&owner, &guild, &member).await;
        (owner, member, guild)
    }

    /// Makes `a` and `b` friends: `a` asks, `b` accepts.
    pub async fn befriend(&self, a: &Session, b: &Session) {
        let asked = a
            .post(
                "/users/@me/relationships",
                json!({ "username": b.username }),
            )
            .await;
        assert_eq!(asked.0, StatusCode::OK, "friend request: {}", asked.1);
        let path = format!("/users/@me/relationships/{}", a.user_id);
        let accepted = b.put(&path, json!({ "type": "friend" })).await;
        assert_eq!(accepted.1["type"], "friend", "accepting: {}", accepted.1);
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A signed-in user: their ids, access token, and a client keeping their cookies.
pub struct Session {
    /// The user's id.
    pub user_id: String,
    /// The username as registered.
    pub username: String,
    /// The email as registered.
    pub email: String,
    /// The bearer access token.
    pub token: String,
    /// A client that stores and sends the session cookies.
    pub client: Client,
    /// The cookies the server set.
    pub jar: Arc<Jar>,
    api: String,
}

/// A guild and its `general` channel.
#[derive(Debug, Clone)]
pub struct Guild {
    /// The guild id.
    pub id: String,
    /// The id of the `general` channel it was created with.
    pub general: String,
}

impl Session {
    /// The URL of an API path such as `/auth/refresh`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api)
    }

    /// A request with this session's bearer token and cookies.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        exchange(
            &self.client,
            method,
            &self.url(path),
            Some(&self.token),
            body,
        )
        .await
    }

    /// GET an API path.
    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    /// POST a JSON body.
    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    /// PATCH a JSON body.
    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    /// PUT a JSON body.
    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// DELETE an API path.
    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// The value of a cookie the server set that is sent to `/api/v1/auth`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = Url::parse(&self.url("/auth/refresh")).expect("a valid URL");
        let header = self.jar.cookies(&url)?;
        let header = header.to_str().expect("ASCII cookies").to_owned();
        header.split("; ").find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }

    /// Creates a guild and finds its `general` channel.
    pub async fn create_guild(&self, name: &str) -> Guild {
        let (status, guild) = self.post("/guilds", json!({ "name": name })).await;
        assert_eq!(status, StatusCode::CREATED, "creating a guild: {guild}");
        let id = text(&guild["id"]);
        let (status, channels) = self.get(&format!("/guilds/{id}/channels")).await;
        assert_eq!(status, StatusCode::OK, "listing channels: {channels}");
        let general = list(&channels)
            .iter()
            .find(|c| c["name"] == "general")
            .map(|c| text(&c["id"]))
            .expect("a general channel");
        Guild { id, general }
    }

    /// Creates an unlimited invite to `guild` and returns its code.
    pub async fn invite(&self, guild: &str) -> String {
        let (status, invite) = self
            .post(&format!("/guilds/{guild}/invites"), json!({}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "creating an invite: {invite}");
        text(&invite["code"])
    }

    /// Sends a message and returns it.
    pub async fn send(&self, channel: &str, content: &str) -> Value {
        let path = format!("/channels/{channel}/messages");
        let (status, message) = self.post(&path, json!({ "content": content })).await;
        assert_eq!(status, StatusCode::CREATED, "sending a message: {message}");
        message
    }

    /// Creates a role with `permissions` and returns its id.
    pub async fn create_role(&self, guild: &str, name: &str, permissions: u64) -> String {
        let body = json!({ "name": name, "permissions": permissions });
        let (status, role) = self.post(&format!("/guilds/{guild}/roles"), body).await;
        assert_eq!(status, StatusCode::CREATED, "creating a role: {role}");
        text(&role["id"])
    }

    /// Sets the roles `user` holds in `guild`.
    pub async fn set_roles(&self, guild: &str, user: &str, roles: &[&str]) {
        let path = format!("/guilds/{guild}/members/{user}");
        let (status, member) = self.patch(&path, json!({ "roles": roles })).await;
        assert_eq!(status, StatusCode::OK, "assigning roles: {member}");
    }

    /// Opens the DM channel with `other`.
    pub async fn open_dm(&self, other: &Session) -> Reply {
        self.post(
            "/users/@me/channels",
            json!({ "recipient_id": other.user_id }),
        )
        .await
    }
}

/// Sends one request and reads its body as JSON, failing the test on any other body.
pub async fn exchange(
    client: &Client,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = client.request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the server answers");
    read_json(response).await
}

/// The status and JSON body of a response; `null` for an empty body.
pub async fn read_json(response: reqwest::Response) -> Reply {
    let status = response.status();
    let bytes = response.bytes().await.expect("a readable body");
    if bytes.is_empty() {
        return (status, Value::Null);
    }
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "{status}: body is not JSON: {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, body)
}

/// Asserts an error reply: the status, and a problem body with this `code` and a message.
#[track_caller]
pub fn assert_problem(reply: &Reply, status: StatusCode, code: &str) {
    let (actual, body) = reply;
    assert_eq!(*actual, status, "unexpected status, body: {body}");
    assert_eq!(body["code"], code, "unexpected problem code: {body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "a problem needs a message: {body}");
}

/// Asserts a 400 `invalid_input` problem that blames `field`.
#[track_caller]
pub fn assert_invalid(reply: &Reply, field: &str) {
    assert_problem(reply, StatusCode::BAD_REQUEST, "invalid_input");
    assert_eq!(reply.1["field"], field, "unexpected field: {}", reply.1);
}

/// A JSON string's text; fails the test when the value is not a string.
#[track_caller]
pub fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected a string, got {value}"))
        .to_owned()
}

/// A JSON array's items; fails the test when the value is not an array.
#[track_caller]
pub fn list(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {value}"))
}

/// The `id` of each object in a JSON array.
#[track_caller]
pub fn ids(value: &Value) -> Vec<String> {
    list(value).iter().map(|item| text(&item["id"])).collect()
}

/// Percent-encodes every byte, as a client must for an emoji in a path.
pub fn percent_encode(raw: &str) -> String {
    raw.bytes().map(|byte| format!("%{byte:02X}")).collect()
}
