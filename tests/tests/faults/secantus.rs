//! A SecantusDB of the test's own, keeping its data in a folder, which the test may kill
//! with SIGKILL and start again on the same folder and port.
//!
//! It is started directly, as ops/local/run.sh does, not through
//! tests/services/secantusdb.sh: that script keeps one pid file for every instance it
//! starts, so its `stop` would then stop this one instead of the suite's own. The
//! server is the one the script installs into target/pyenv, with the script's settings
//! (TTL sweeper off, warnings only) and its default durability: no fsync per commit.

use std::fs::OpenOptions;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::fixture::{free_port, log_tail};

/// How long a start may take, WiredTiger's recovery after a kill included.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A private SecantusDB.
pub struct Secantus {
    port: u16,
    dir: TempDir,
    child: Option<Child>,
}

impl Secantus {
    /// Starts one on a free port with an empty data folder and waits until it listens.
    pub async fn start() -> Secantus {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("secantusd.toml"),
            "[storage]\nttl_sweep_seconds = 0\n",
        )
        .unwrap();
        let mut db = Secantus {
            port: free_port(),
            dir,
            child: None,
        };
        db.restart().await;
        db
    }

    /// The URI of `database` on it.
    pub fn uri(&self, database: &str) -> String {
        format!("mongodb://127.0.0.1:{}/{database}", self.port)
    }

    /// Kills the server at once, as a crash would (SIGKILL).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server (again) on the same folder and port and waits until it listens.
    pub async fn restart(&mut self) {
        self.kill();
        let log = self.dir.path().join("secantusd.log");
        let log_file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = Command::new(secantusd())
            .arg("--config")
            .arg(self.dir.path().join("secantusd.toml"))
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .arg("--storage-path")
            .arg(self.dir.path().join("data"))
            .args(["--log-level", "WARNING"])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap();
        let child = self.child.insert(child);

        let deadline = Instant::now() + START_TIMEOUT;
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("secantusd exited with {status}:\n{}", log_tail(&log, 20));
            }
            assert!(Instant::now() < deadline, "secantusd did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Secantus {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The server tests/services/secantusdb.sh installs, or `CONCORD_TEST_SECANTUSD`.
fn secantusd() -> PathBuf {
    let path = std::env::var_os("CONCORD_TEST_SECANTUSD").map_or_else(
        || {
            let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            workspace.join("../target/pyenv/bin/secantusd-py")
        },
        PathBuf::from,
    );
    assert!(
        path.exists(),
        "no SecantusDB at {}: install it with `bash tests/services/secantusdb.sh install`",
        path.display()
    );
    path
}
