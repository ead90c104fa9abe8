//! The sweep of unused files, through the core with real adapters and a clock the test
//! moves: abandoned uploads go after an hour, files never used after a day, files in use
//! never.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use concord_app::auth::Registration;
use concord_app::files::{ABANDONED_UPLOAD_MS, UNUSED_FILE_GRACE_MS, UploadRequest};
use concord_app::users::ProfileChange;
use concord_app::{AppError, Concord, Deps, Settings};
use concord_argon2::Argon2Hasher;
use concord_domain::file::FilePurpose;
use concord_domain::id::{FileId, UserId};
use concord_domain::time::Timestamp;
use concord_embedded_store::EmbeddedStore;
use concord_jwt::JwtTokens;
use concord_local_pubsub::LocalPubSub;
use concord_local_ratelimit::LocalRateLimiter;
use concord_object_files::{ObjectFiles, S3Options};
use concord_ports::clock::Clock;
use concord_ports::files::Bytes;
use concord_system::UlidSource;

/// A clock that stands still until the test moves it.
struct TestClock(AtomicI64);

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

impl TestClock {
    fn advance(&self, millis: i64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }
}

/// The core on an in-memory database and in-memory file storage, with `clock`.
fn core(clock: Arc<TestClock>) -> Concord {
    let files = ObjectFiles::from_url("memory://", S3Options::default()).expect("memory files");
    let deps = Deps {
        store: Arc::new(EmbeddedStore::in_memory().expect("an in-memory database")),
        files: Arc::new(files),
        pubsub: Arc::new(LocalPubSub::new()),
        passwords: Arc::new(Argon2Hasher::fast_for_tests()),
        tokens: Arc::new(JwtTokens::new(&[7; 32]).expect("a signing key")),
        limiter: Arc::new(LocalRateLimiter::new(clock.clone())),
        clock,
        ids: Arc::new(UlidSource::new()),
        resume_log: None,
        presence: None,
    };
    Concord::new(deps, Settings::default())
}

async fn user(concord: &Concord) -> UserId {
    let registration = Registration {
        username: "ada".into(),
        email: "ada@example.org".into(),
        password: "correct horse battery".into(),
        display_name: None,
    };
    concord
        .register(registration, "127.0.0.1")
        .await
        .expect("registered")
        .user
        .id
}

/// Uploads a small PNG for `purpose`; finished unless `finish` is false.
async fn upload(concord: &Concord, actor: UserId, purpose: FilePurpose, finish: bool) -> FileId {
    let request = UploadRequest {
        purpose,
        filename: "a.png".into(),
        claimed_type: None,
    };
    let mut upload = concord.start_upload(actor, request).await.expect("started");
    let id = upload.id();
    upload
        .write(Bytes::from_static(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"))
        .await
        .expect("written");
    if finish {
        upload.finish().await.expect("finished");
    } else {
        // Dropped mid-way, as when the process dies: the record stays `uploading`.
        drop(upload);
    }
    id
}

fn is_gone(result: Result<impl std::fmt::Debug, AppError>) -> bool {
    matches!(result, Err(AppError::NotFound("file")))
}

#[tokio::test]
async fn the_sweep_removes_abandoned_and_unused_files_but_not_used_ones() {
    let clock = Arc::new(TestClock(AtomicI64::new(1_800_000_000_000)));
    let concord = core(clock.clone());
    let ada = user(&concord).await;

    let abandoned = upload(&concord, ada, FilePurpose::Attachment, false).await;
    let unused = upload(&concord, ada, FilePurpose::Attachment, true).await;
    let avatar = upload(&concord, ada, FilePurpose::Avatar, true).await;
    let change = ProfileChange {
        avatar: Some(Some(avatar)),
        ..ProfileChange::default()
    };
    concord.update_me(ada, change).await.expect("avatar set");

    assert_eq!(
        concord.sweep_files().await.expect("sweep"),
        0,
        "nothing is old yet"
    );

    clock.advance(ABANDONED_UPLOAD_MS + 1);
    assert_eq!(concord.sweep_files().await.expect("sweep"), 1);
    concord
        .file(unused)
        .await
        .expect("the unused file is kept for a day");

    clock.advance(UNUSED_FILE_GRACE_MS);
    assert_eq!(concord.sweep_files().await.expect("sweep"), 1);
    assert!(is_gone(concord.file(unused).await));
    assert!(is_gone(concord.file(abandoned).await));

    let record = concord.file(avatar).await.expect("the avatar in use stays");
    let mut reader = concord
        .read_file(&record, None)
        .await
        .expect("its bytes stay");
    assert!(reader.next_chunk().await.expect("readable").is_some());
}
