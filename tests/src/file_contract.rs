//! The file-storage port's contract: what every file-storage backend must do, checked
//! through the port alone.
//!
//! Each case is a public async function taking the file store under test, which must be
//! fresh: cases use fixed keys. An adapter's test binary runs them all with
//! [`file_contract_tests!`](crate::file_contract_tests), which expands to one
//! `#[tokio::test]` per case so that each failure names its case:
//!
//! ```ignore
//! mod in_memory {
//!     concord_tests::file_contract_tests!(my_file_store());
//! }
//! ```
//!
//! The expression is evaluated once per case and must give a [`FileFixture`]: an
//! `Arc<dyn FileStore>`, or a value that also keeps alive what the store needs (a
//! temporary folder, a bucket) and is dropped after the case. The calling crate needs
//! `tokio` with the `macros` and `rt-multi-thread` features.

use std::ops::Range;
use std::sync::Arc;

use concord_ports::files::{Bytes, FileReader, FileStore, FileStoreError};

/// What a contract case runs against: the file store, with whatever must outlive it.
pub trait FileFixture {
    /// The file store under test.
    fn files(&self) -> Arc<dyn FileStore>;
}

impl FileFixture for Arc<dyn FileStore> {
    fn files(&self) -> Arc<dyn FileStore> {
        self.clone()
    }
}

/// Bytes per chunk of the large upload: what an HTTP body typically arrives in.
const CHUNK: usize = 64 * 1024;

/// Size of the large upload: over two S3 parts (5 MiB each), and not a multiple of
/// either the part or the chunk size, so the last part and chunk are partial.
const LARGE: usize = 12 * 1024 * 1024 + 1234;

/// Chunks written one after another come back as one file, in order.
pub async fn chunks_written_are_read_back_in_order(files: Arc<dyn FileStore>) {
    let chunks = [&b"Hello, "[..], b"", b"Concord", b"!", &pattern(3000, 1)];
    write_file(&*files, "greeting", chunks.map(Bytes::copy_from_slice)).await;

    assert_eq!(read_file(&*files, "greeting", None).await, chunks.concat());
}

/// A file of several upload parts streams in and out, and comes back unchanged.
pub async fn a_file_of_many_parts_reads_back_whole(files: Arc<dyn FileStore>) {
    let content = Bytes::from(pattern(LARGE, 2));
    let chunks = (0..LARGE)
        .step_by(CHUNK)
        .map(|start| content.slice(start..LARGE.min(start + CHUNK)));
    write_file(&*files, "large", chunks).await;

    let read = read_file(&*files, "large", None).await;
    assert_eq!(read.len(), LARGE, "length read back");
    if let Some(at) = read.iter().zip(&content).position(|(a, b)| a != b) {
        panic!("the large file differs first at byte {at}");
    }

    let tail = (LARGE - 100) as u64..LARGE as u64;
    assert_eq!(
        read_file(&*files, "large", Some(tail)).await,
        &content[LARGE - 100..]
    );
}

/// A file with no bytes is stored, and reads back as nothing.
pub async fn an_empty_file_reads_back_empty(files: Arc<dyn FileStore>) {
    write_file(&*files, "empty", []).await;

    assert_eq!(read_file(&*files, "empty", None).await, b"");
    assert_invalid_range(files.open("empty", Some(0..1)).await, 0..1);
}

/// A range gives exactly its bytes, wherever it lies.
pub async fn ranges_give_exactly_their_bytes(files: Arc<dyn FileStore>) {
    let content = pattern(1000, 3);
    let chunks = [&content[..300], &content[300..301], &content[301..]];
    write_file(&*files, "ranged", chunks.map(Bytes::copy_from_slice)).await;

    for range in [0..10, 250..750, 990..1000, 500..501, 299..302, 0..1000] {
        let read = read_file(&*files, "ranged", Some(range.clone())).await;
        let wanted = &content[range.start as usize..range.end as usize];
        assert!(
            read == wanted,
            "range {range:?} gave {} other bytes",
            read.len()
        );
    }
}

/// A range must lie within the file and hold at least one byte.
pub async fn ranges_outside_the_file_are_invalid(files: Arc<dyn FileStore>) {
    write_file(&*files, "short", [Bytes::from(pattern(1000, 4))]).await;

    #[allow(clippy::reversed_empty_ranges)] // inverted on purpose
    let invalid = [990..1001, 999..2000, 1000..1001, 5000..6000, 10..10, 10..5];
    for range in invalid {
        assert_invalid_range(files.open("short", Some(range.clone())).await, range);
    }
}

/// Opening a key that was never written finds nothing, with or without a range.
pub async fn opening_a_missing_file_is_not_found(files: Arc<dyn FileStore>) {
    assert_not_found(files.open("missing", None).await);
    assert_not_found(files.open("missing", Some(0..1)).await);
}

/// Nothing is readable under a key until its writer finishes.
pub async fn a_file_is_hidden_until_finished(files: Arc<dyn FileStore>) {
    let mut writer = files.create("pending").await.expect("create");
    writer
        .write(Bytes::from(pattern(6 * 1024 * 1024, 5)))
        .await
        .expect("write");
    assert_not_found(files.open("pending", None).await);

    writer.finish().await.expect("finish");
    let read = read_file(&*files, "pending", None).await;
    assert_eq!(read.len(), 6 * 1024 * 1024);
}

/// An aborted writer leaves nothing, and a file it would have replaced stays as it was.
pub async fn an_aborted_file_leaves_nothing(files: Arc<dyn FileStore>) {
    let mut writer = files.create("aborted").await.expect("create");
    writer
        .write(Bytes::from(pattern(6 * 1024 * 1024, 6)))
        .await
        .expect("write");
    writer.abort().await.expect("abort");
    assert_not_found(files.open("aborted", None).await);

    write_file(&*files, "kept", [Bytes::from_static(b"original")]).await;
    let mut writer = files.create("kept").await.expect("create again");
    writer
        .write(Bytes::from_static(b"replacement"))
        .await
        .expect("write");
    writer.abort().await.expect("abort the replacement");
    assert_eq!(read_file(&*files, "kept", None).await, b"original");
}

/// A writer dropped without finishing makes nothing visible.
pub async fn a_dropped_writer_leaves_nothing_visible(files: Arc<dyn FileStore>) {
    let mut writer = files.create("dropped").await.expect("create");
    writer
        .write(Bytes::from_static(b"never finished"))
        .await
        .expect("write");
    drop(writer);

    assert_not_found(files.open("dropped", None).await);
}

/// Writing a key again replaces its file whole, even with a shorter one.
pub async fn writing_a_key_again_replaces_its_file(files: Arc<dyn FileStore>) {
    write_file(&*files, "draft", [Bytes::from(pattern(5000, 7))]).await;
    write_file(&*files, "draft", [Bytes::from_static(b"final")]).await;

    assert_eq!(read_file(&*files, "draft", None).await, b"final");
}

/// Files written at the same time under different keys stay apart.
pub async fn files_written_together_stay_apart(files: Arc<dyn FileStore>) {
    let (mut first, mut second) = (
        files.create("first").await.expect("create first"),
        files.create("second").await.expect("create second"),
    );
    for round in 0..3 {
        let (a, b) = (format!("a{round}"), format!("b{round}"));
        first.write(Bytes::from(a)).await.expect("write first");
        second.write(Bytes::from(b)).await.expect("write second");
    }
    second.finish().await.expect("finish second");
    first.finish().await.expect("finish first");

    assert_eq!(read_file(&*files, "first", None).await, b"a0a1a2");
    assert_eq!(read_file(&*files, "second", None).await, b"b0b1b2");
}

/// Deleting removes a file; deleting it again, or a key never written, is fine.
pub async fn deleting_removes_a_file_once_and_for_all(files: Arc<dyn FileStore>) {
    write_file(&*files, "doomed", [Bytes::from_static(b"bye")]).await;
    write_file(&*files, "bystander", [Bytes::from_static(b"still here")]).await;

    files.delete("doomed").await.expect("delete");
    assert_not_found(files.open("doomed", None).await);
    files.delete("doomed").await.expect("delete again");
    files
        .delete("never-written")
        .await
        .expect("delete a missing key");
    assert_eq!(read_file(&*files, "bystander", None).await, b"still here");
}

/// A reachable backend passes the readiness check, before and after use.
pub async fn a_reachable_backend_passes_the_check(files: Arc<dyn FileStore>) {
    files.check().await.expect("check on a fresh store");
    write_file(&*files, "something", [Bytes::from_static(b"x")]).await;
    files.check().await.expect("check on a used store");
}

/// Writes `chunks` to `key` and finishes the file.
pub async fn write_file(files: &dyn FileStore, key: &str, chunks: impl IntoIterator<Item = Bytes>) {
    let mut writer = files.create(key).await.expect("create");
    for chunk in chunks {
        writer.write(chunk).await.expect("write");
    }
    writer.finish().await.expect("finish");
}

/// Reads the file at `key`, or a range of it, to the end.
pub async fn read_file(files: &dyn FileStore, key: &str, range: Option<Range<u64>>) -> Vec<u8> {
    let mut reader = files.open(key, range).await.expect("open");
    let mut read = Vec::new();
    while let Some(chunk) = reader.next_chunk().await.expect("next chunk") {
        read.extend_from_slice(&chunk);
    }
    read
}

/// `len` bytes that differ with `seed` and do not repeat with any short period, so
/// that a misplaced part or chunk shows.
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    // xorshift64*: fast, and plenty for telling bytes apart.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// Asserts that opening failed with `NotFound`.
pub fn assert_not_found(result: Result<Box<dyn FileReader>, FileStoreError>) {
    match result {
        Err(FileStoreError::NotFound) => {}
        Err(other) => panic!("expected not found, got {other:?}"),
        Ok(_) => panic!("expected not found, but the file opened"),
    }
}

/// Asserts that opening failed with `InvalidRange` naming `range`.
pub fn assert_invalid_range(
    result: Result<Box<dyn FileReader>, FileStoreError>,
    range: Range<u64>,
) {
    match result {
        Err(FileStoreError::InvalidRange { start, end })
            if start == range.start && end == range.end => {}
        Err(other) => panic!("expected {range:?} to be invalid, got {other:?}"),
        Ok(_) => panic!("expected {range:?} to be invalid, but the file opened"),
    }
}

/// Expands to one `#[tokio::test]` per contract case, each running against a fixture
/// made by evaluating the given expression.
#[macro_export]
macro_rules! file_contract_tests {
    ($fixture:expr) => {
        $crate::file_contract_tests!(@cases $fixture;
            chunks_written_are_read_back_in_order,
            a_file_of_many_parts_reads_back_whole,
            an_empty_file_reads_back_empty,
            ranges_give_exactly_their_bytes,
            ranges_outside_the_file_are_invalid,
            opening_a_missing_file_is_not_found,
            a_file_is_hidden_until_finished,
            an_aborted_file_leaves_nothing,
            a_dropped_writer_leaves_nothing_visible,
            writing_a_key_again_replaces_its_file,
            files_written_together_stay_apart,
            deleting_removes_a_file_once_and_for_all,
            a_reachable_backend_passes_the_check,
        );
    };
    (@cases $fixture:expr; $($case:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let fixture = $fixture;
                let files = $crate::file_contract::FileFixture::files(&fixture);
                $crate::file_contract::$case(files).await;
            }
        )+
    };
}
