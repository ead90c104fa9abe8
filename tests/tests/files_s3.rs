//! The file-storage contract run against the object-files adapter on S3 (an `s3://`
//! URL), and what only a server can show: keys under the URL's prefix, multipart
//! uploads really aborted, downloads outlasting the read timeout, and readiness checks
//! that fail fast.
//!
//! The server comes from `CONCORD_TEST_S3_ENDPOINT`; every case gets a bucket of its
//! own, so cases run in parallel. Start one with
//!
//! ```text
//! export CONCORD_TEST_S3_ENDPOINT=$(tests/services/s3.sh start)
//! ```
//!
//! which runs moto, an in-memory S3 server, on 127.0.0.1:9010. moto accepts any
//! credentials and unsigned requests, which these tests use to make buckets and to look
//! behind the adapter's back. Buckets are not removed: moto's data goes when it stops.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use concord_object_files::{ObjectFiles, S3Options};
use concord_ports::files::{Bytes, FileStore, FileStoreError};
use concord_tests::file_contract::{assert_not_found, pattern, read_file, write_file};

/// The variable naming the test server.
const ENDPOINT_VARIABLE: &str = "CONCORD_TEST_S3_ENDPOINT";

/// The key prefix the tests' URLs carry, so that prefixes are always exercised.
const PREFIX: &str = "concord-files";

/// The server's endpoint; fails the test with instructions when it is not set.
fn endpoint() -> String {
    match std::env::var(ENDPOINT_VARIABLE) {
        Ok(endpoint) if !endpoint.trim().is_empty() => endpoint.trim_end_matches('/').to_owned(),
        _ => panic!(
            "{ENDPOINT_VARIABLE} is not set. These tests need an S3-compatible server: run \
             `export {ENDPOINT_VARIABLE}=$(tests/services/s3.sh start)` from the \
             repository root, then run the tests again"
        ),
    }
}

/// Options for the server at `endpoint`: any credentials, and a short retry budget so a
/// failing case fails quickly.
fn options(endpoint: &str) -> S3Options {
    S3Options {
        endpoint: Some(endpoint.to_owned()),
        access_key_id: Some("concord-test".to_owned()),
        secret_access_key: Some("concord-test-secret".to_owned()),
        max_retries: 1,
        retry_timeout: Duration::from_secs(10),
        ..S3Options::default()
    }
}

/// A bucket name no other case, run or process uses.
fn fresh_bucket() -> String {
    static CASES: AtomicU64 = AtomicU64::new(0);
    let case = CASES.fetch_add(1, Ordering::Relaxed);
    let random = RandomState::new().build_hasher().finish() & 0xffff_ffff;
    format!("concord-test-{case}-{}-{random:08x}", std::process::id())
}

/// Creates a fresh bucket and returns its name.
async fn new_bucket() -> String {
    let bucket = fresh_bucket();
    let url = format!("{}/{bucket}", endpoint());
    let response = reqwest::Client::new()
        .put(&url)
        .send()
        .await
        .unwrap_or_else(|error| panic!("creating bucket at {url}: {error}"));
    assert!(
        response.status().is_success(),
        "creating {url}: {}",
        response.status()
    );
    bucket
}

/// A store on the prefix of a fresh bucket.
async fn s3_files() -> Arc<dyn FileStore> {
    let url = format!("s3://{}/{PREFIX}", new_bucket().await);
    let files = ObjectFiles::from_url(&url, options(&endpoint()));
    Arc::new(files.unwrap_or_else(|error| panic!("{url}: {error}")))
}

/// The body of an unsigned GET of `path` on the server.
async fn raw_get(path: &str) -> (reqwest::StatusCode, Bytes) {
    let url = format!("{}/{path}", endpoint());
    let response = reqwest::get(&url).await.expect("raw GET");
    let status = response.status();
    (status, response.bytes().await.expect("raw body"))
}

mod contract {
    concord_tests::file_contract_tests!(super::s3_files().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_stored_under_the_urls_prefix() {
    let bucket = new_bucket().await;
    let prefixed = ObjectFiles::from_url(&format!("s3://{bucket}/{PREFIX}"), options(&endpoint()));
    let prefixed = prefixed.expect("store with a prefix");
    write_file(&prefixed, "under", [Bytes::from_static(b"prefixed")]).await;

    let (status, body) = raw_get(&format!("{bucket}/{PREFIX}/under")).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(body, "prefixed");
    let root = ObjectFiles::from_url(&format!("s3://{bucket}"), options(&endpoint()));
    let root = root.expect("store on the bucket's root");
    assert_not_found(root.open("under", None).await);
    write_file(&root, "at-root", [Bytes::from_static(b"root")]).await;
    assert_eq!(read_file(&root, "at-root", None).await, b"root");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aborting_leaves_no_multipart_upload_behind() {
    let bucket = new_bucket().await;
    let files = ObjectFiles::from_url(&format!("s3://{bucket}"), options(&endpoint()));
    let files = files.expect("store");
    let mut writer = files.create("abandoned").await.expect("create");
    // More than a part, so that one part is already on the server.
    let chunk = Bytes::from(pattern(6 * 1024 * 1024, 9));
    writer.write(chunk).await.expect("write");

    let uploads = format!("{bucket}?uploads");
    let (_, listed) = raw_get(&uploads).await;
    assert!(
        contains(&listed, "<Key>abandoned</Key>"),
        "the upload is under way"
    );
    writer.abort().await.expect("abort");

    let (status, listed) = raw_get(&uploads).await;
    assert!(status.is_success(), "{status}");
    assert!(!contains(&listed, "<UploadId>"), "an upload is left");
    assert_not_found(files.open("abandoned", None).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_may_last_longer_than_the_read_timeout() {
    // No retries, which could otherwise resume a body that timed out unseen.
    let options = S3Options {
        read_timeout: Duration::from_millis(800),
        request_timeout: None,
        max_retries: 0,
        ..options(&endpoint())
    };
    let url = format!("s3://{}", new_bucket().await);
    let files = ObjectFiles::from_url(&url, options).expect("store");
    let content = pattern(4 * 1024 * 1024, 10);
    write_file(&files, "slow", [Bytes::from(content.clone())]).await;

    // Pauses shorter than the read timeout that add up to more than it.
    let started = Instant::now();
    let mut reader = files.open("slow", None).await.expect("open");
    let mut read = Vec::new();
    while let Some(chunk) = reader.next_chunk().await.expect("chunk after a pause") {
        read.extend_from_slice(&chunk);
        if started.elapsed() < Duration::from_secs(2) {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
    assert!(read == content, "read {} bytes, not the file", read.len());
    assert!(started.elapsed() >= Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_fails_for_a_missing_bucket() {
    let url = format!("s3://{}", fresh_bucket());
    let files = ObjectFiles::from_url(&url, options(&endpoint())).expect("store");

    let checked = files.check().await;
    assert!(
        matches!(checked, Err(FileStoreError::Unavailable(_))),
        "{checked:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_fails_fast_when_nothing_listens() {
    // A port that was free a moment ago: nothing listens there now.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let closed = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let options = S3Options {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(2),
        request_timeout: Some(Duration::from_secs(2)),
        max_retries: 1,
        retry_timeout: Duration::from_secs(2),
        ..options(&closed)
    };
    let files = ObjectFiles::from_url("s3://unreachable", options).expect("store");

    let started = Instant::now();
    let checked = files.check().await;
    assert!(
        matches!(checked, Err(FileStoreError::Unavailable(_))),
        "{checked:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    let created = files.create("anything").await.map(|_| ());
    assert!(
        matches!(created, Err(FileStoreError::Unavailable(_))),
        "{created:?}"
    );
}

/// Whether `body` contains `text`.
fn contains(body: &Bytes, text: &str) -> bool {
    String::from_utf8_lossy(body).contains(text)
}
