//! The file-storage contract run against the object-files adapter kept in memory
//! (`memory://`), the backend the other test suites use.

use std::sync::Arc;

use concord_object_files::{ObjectFiles, S3Options};
use concord_ports::files::FileStore;

/// A fresh, empty store in memory.
fn memory_files() -> Arc<dyn FileStore> {
    Arc::new(ObjectFiles::from_url("memory://", S3Options::default()).expect("memory store"))
}

mod contract {
    concord_tests::file_contract_tests!(super::memory_files());
}

#[tokio::test]
async fn each_memory_store_has_files_of_its_own() {
    let (one, other) = (memory_files(), memory_files());
    concord_tests::file_contract::write_file(&*one, "mine", [b"x"[..].into()]).await;

    concord_tests::file_contract::assert_not_found(other.open("mine", None).await);
}
