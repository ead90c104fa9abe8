//! The file-storage contract run against the object-files adapter on local disk (a
//! `file://` URL naming a temporary folder), and what only a folder can show: files
//! under their keys' names, no staging files left behind, files surviving a restart.

use std::path::Path;
use std::sync::Arc;

use concord_object_files::{ObjectFiles, S3Options};
use concord_ports::files::{Bytes, FileStore};
use concord_tests::file_contract::{FileFixture, assert_not_found, read_file, write_file};
use tempfile::TempDir;

/// A store on its own temporary folder, which goes away after the case.
struct LocalFiles {
    files: Arc<dyn FileStore>,
    folder: TempDir,
}

impl FileFixture for LocalFiles {
    fn files(&self) -> Arc<dyn FileStore> {
        self.files.clone()
    }
}

/// The `file://` URL of `folder`.
fn url_of(folder: &Path) -> String {
    format!("file://{}", folder.display())
}

/// A store on a fresh folder.
fn local_files() -> LocalFiles {
    let folder = TempDir::new().expect("temporary folder");
    let files = ObjectFiles::from_url(&url_of(folder.path()), S3Options::default());
    LocalFiles {
        files: Arc::new(files.expect("local store")),
        folder,
    }
}

/// The names of the entries in `folder`, sorted.
fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read the folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

mod contract {
    concord_tests::file_contract_tests!(super::local_files());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_file_is_a_plain_file_named_by_its_key() {
    let local = local_files();
    write_file(
        &*local.files,
        "avatar-1",
        [Bytes::from_static(b"png bytes")],
    )
    .await;

    assert_eq!(entries(local.folder.path()), ["avatar-1"]);
    let on_disk = std::fs::read(local.folder.path().join("avatar-1")).expect("read");
    assert_eq!(on_disk, b"png bytes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aborted_and_deleted_files_leave_the_folder_empty() {
    let local = local_files();
    let mut writer = local.files.create("aborted").await.expect("create");
    writer
        .write(Bytes::from_static(b"half"))
        .await
        .expect("write");
    writer.abort().await.expect("abort");
    write_file(&*local.files, "deleted", [Bytes::from_static(b"x")]).await;
    local.files.delete("deleted").await.expect("delete");

    assert!(entries(local.folder.path()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_outlive_the_store_that_wrote_them() {
    let folder = TempDir::new().expect("temporary folder");
    let nested = folder.path().join("not").join("yet").join("there");
    let url = url_of(&nested);
    {
        let files = ObjectFiles::from_url(&url, S3Options::default()).expect("first store");
        write_file(&files, "kept", [Bytes::from_static(b"durable")]).await;
    }

    let files = ObjectFiles::from_url(&url, S3Options::default()).expect("second store");
    assert_eq!(read_file(&files, "kept", None).await, b"durable");
    assert_not_found(files.open("other", None).await);
}
