//! Processes for the cluster tests: replicas of the built `concord` binary, a private
//! Redis server, and plain HTTP helpers that talk to whichever replica they are given.
//!
//! The fault tests (tests/tests/faults) use it too: they start a lone replica on a data
//! folder and port of their own, so that it can be killed and started again on them, or
//! with smaller limits, and read how much memory it holds.

use std::fs::OpenOptions;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The same signing secret on every replica, as a deployment would configure it.
const JWT_SECRET: &str = "cluster test secret, long enough for HS256 signing";

static NEXT_DATABASE: AtomicU32 = AtomicU32::new(0);

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The built server binary, next to this test in the target folder.
pub fn concord_binary() -> PathBuf {
    let mut path = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    let binary = path.join("concord");
    assert!(
        binary.exists(),
        "build the server first: cargo build -p concord-server"
    );
    binary
}

/// A fresh database on the test's MongoDB-compatible server.
pub fn mongodb_uri() -> String {
    let server = std::env::var("CONCORD_TEST_MONGODB_URI").unwrap_or_else(|_| {
        panic!(
            "CONCORD_TEST_MONGODB_URI is not set: run \
             `export CONCORD_TEST_MONGODB_URI=$(tests/services/secantusdb.sh start)` first"
        )
    });
    let n = NEXT_DATABASE.fetch_add(1, Ordering::Relaxed);
    format!(
        "{}/cluster_{}_{n}",
        server.trim_end_matches('/'),
        std::process::id()
    )
}

/// The machine's Redis, unless the test brings its own.
pub fn shared_redis_url() -> String {
    std::env::var("CONCORD_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// Where a replica keeps its data.
#[derive(Debug, Clone)]
pub enum Storage {
    /// The embedded database in the replica's data folder.
    Embedded,
    /// The MongoDB-compatible database at this URI.
    MongoDb(String),
}

/// Everything that tells one replica from another.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Where the data goes.
    pub storage: Storage,
    /// The Redis that carries events between replicas; `None` keeps them in the process.
    pub redis: Option<String>,
    /// The loopback port to listen on.
    pub port: u16,
    /// `CONCORD_DATA_DIR`; the replica's log, `concord.log`, is appended to there too.
    pub data_dir: PathBuf,
}

/// A running `concord` process.
pub struct Replica {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    child: Child,
    log: PathBuf,
    /// The data folder `start` made for it, removed with it.
    own_dir: Option<TempDir>,
}

impl Replica {
    /// Starts a replica on `mongodb` and `redis` and waits until it is ready.
    pub async fn start(mongodb: &str, redis: &str) -> Replica {
        let dir = tempfile::tempdir().unwrap();
        let setup = Setup {
            storage: Storage::MongoDb(mongodb.to_owned()),
            redis: Some(redis.to_owned()),
            port: free_port(),
            data_dir: dir.path().to_owned(),
        };
        let mut replica = Replica::launch(&setup).await;
        replica.own_dir = Some(dir);
        replica
    }

    /// Starts a replica as `setup` says and waits until it is ready. Its data folder is
    /// the caller's, so a replica launched again with the same setup finds its data.
    pub async fn launch(setup: &Setup) -> Replica {
        Replica::launch_with(setup, &[]).await
    }

    /// Like [`Replica::launch`], with the variables of `env` set as well, over the
    /// fixture's own: the limits and timers a test wants smaller.
    pub async fn launch_with(setup: &Setup, env: &[(&str, &str)]) -> Replica {
        let log = setup.data_dir.join("concord.log");
        let log_file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let mut command = Command::new(concord_binary());
        command
            .env("CONCORD_BIND", format!("127.0.0.1:{}", setup.port))
            .env("CONCORD_DATA_DIR", &setup.data_dir)
            .env("CONCORD_JWT_SECRET", JWT_SECRET)
            .env("CONCORD_RATE_LIMITS", "off")
            .env("CONCORD_ARGON2_MEMORY_KIB", "64")
            .env("CONCORD_LOG", "warn");
        match &setup.storage {
            Storage::Embedded => command.env("CONCORD_STORE", "embedded"),
            Storage::MongoDb(uri) => command
                .env("CONCORD_STORE", "mongodb")
                .env("CONCORD_MONGODB_URI", uri),
        };
        match &setup.redis {
            Some(url) => command
                .env("CONCORD_PUBSUB", "redis")
                .env("CONCORD_REDIS_URL", url),
            None => command.env("CONCORD_PUBSUB", "local"),
        };
        command.envs(env.iter().copied());
        let child = command
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .unwrap();

        let mut replica = Replica {
            base: format!("http://127.0.0.1:{}", setup.port),
            child,
            log,
            own_dir: None,
        };
        replica.wait_started(Duration::from_secs(30)).await;
        replica
    }

    /// Waits until `/readyz` answers 200, failing at once if the process exits.
    async fn wait_started(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "concord exited with {status} while starting:\n{}",
                    self.log_tail()
                );
            }
            if self.is_ready().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "replica at {} not ready in {limit:?}:\n{}",
            self.base,
            self.log_tail()
        );
    }

    /// Waits until `/readyz` answers 200.
    pub async fn wait_ready(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.is_ready().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("replica at {} not ready in {limit:?}", self.base);
    }

    /// Whether `/readyz` answers 200 now.
    pub async fn is_ready(&self) -> bool {
        let response = Client::new()
            .get(format!("{}/readyz", self.base))
            .send()
            .await;
        response.is_ok_and(|r| r.status().is_success())
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The process's resident memory, now and at its highest so far.
    pub fn memory(&self) -> Memory {
        Memory::of(self.child.id())
    }

    /// The last lines the process logged, for failure messages.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log, 30)
    }

    /// Kills the process at once, as a crash would (SIGKILL).
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's resident memory as Linux counts it in `/proc/<pid>/status`, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    /// `VmRSS`: resident now.
    pub resident: u64,
    /// `VmHWM`: the most that was ever resident at once.
    pub high_water: u64,
}

impl Memory {
    /// The memory of the running process `pid`.
    pub fn of(pid: u32) -> Memory {
        let path = format!("/proc/{pid}/status");
        let status = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
        let bytes = |field: &str| {
            let line = status.lines().find_map(|line| line.strip_prefix(field));
            let kib = line.and_then(|rest| rest.trim().strip_suffix(" kB"));
            let kib: u64 = kib
                .and_then(|kib| kib.trim().parse().ok())
                .unwrap_or_else(|| panic!("no {field} in {path}"));
            kib * 1024
        };
        Memory {
            resident: bytes("VmRSS:"),
            high_water: bytes("VmHWM:"),
        }
    }
}

/// The last `lines` lines of the file at `path`, or why it cannot be read.
pub fn log_tail(path: &Path, lines: usize) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(error) => format!("(no log at {}: {error})", path.display()),
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Redis server of the test's own, which it may stop and start again.
pub struct OwnRedis {
    port: u16,
    child: Option<Child>,
}

impl OwnRedis {
    /// Starts `redis-server` on a free port, keeping nothing on disk.
    pub async fn start() -> OwnRedis {
        let mut redis = OwnRedis {
            port: free_port(),
            child: None,
        };
        redis.restart().await;
        redis
    }

    /// Its URL.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Stops the server (all its data is gone).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a
    /// network stall.
    pub fn freeze(&self) {
        self.signal("-STOP");
    }

    /// Lets a frozen server go on (SIGCONT).
    pub fn thaw(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let child = self.child.as_ref().expect("redis-server runs");
        let status = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill {signal} failed");
    }

    /// Starts the server again on the same port and waits until it answers.
    pub async fn restart(&mut self) {
        self.stop();
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A user signed in through some replica; tokens work on every replica.
#[derive(Clone)]
pub struct User {
    /// Their id.
    pub id: String,
    /// Their access token.
    pub token: String,
}

/// Calls `method path` on `base` as `user` (or anonymously) and returns status and JSON.
pub async fn call(
    base: &str,
    user: Option<&User>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    try_call(&Client::new(), base, user, method, path, body)
        .await
        .unwrap()
}

/// Like [`call`], through `client`, with the error when no answer came (the server
/// refused the connection, reset it or timed out).
pub async fn try_call(
    client: &Client,
    base: &str,
    user: Option<&User>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Result<(u16, Value)> {
    let mut request = client.request(method, format!("{base}/api/v1{path}"));
    if let Some(user) = user {
        request = request.bearer_auth(&user.token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    // A body cut short is no answer; a body that is not JSON is `null`.
    let bytes = response.bytes().await?;
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    ))
}

/// Registers `name` through `base`.
pub async fn register(base: &str, name: &str) -> User {
    let body = json!({"username": name, "email": format!("{name}@example.org"),
                      "password": "correct horse battery staple"});
    let (status, reply) = call(
        base,
        None,
        reqwest::Method::POST,
        "/auth/register",
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{reply}");
    User {
        id: reply["user"]["id"].as_str().unwrap().to_owned(),
        token: reply["access_token"].as_str().unwrap().to_owned(),
    }
}

/// Sends `content` to `channel` as `user` through `base`; returns the message id.
pub async fn send(base: &str, user: &User, channel: &str, content: &str) -> String {
    let path = format!("/channels/{channel}/messages");
    let body = json!({"content": content});
    let (status, reply) = call(base, Some(user), reqwest::Method::POST, &path, Some(body)).await;
    assert_eq!(status, 201, "{reply}");
    reply["id"].as_str().unwrap().to_owned()
}

/// Every message of `channel`, oldest first, read through `base`.
pub async fn history(base: &str, user: &User, channel: &str) -> Vec<String> {
    let path = format!("/channels/{channel}/messages?limit=100");
    let (status, reply) = call(base, Some(user), reqwest::Method::GET, &path, None).await;
    assert_eq!(status, 200, "{reply}");
    let mut contents: Vec<String> = reply
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap().to_owned())
        .collect();
    contents.reverse();
    contents
}
