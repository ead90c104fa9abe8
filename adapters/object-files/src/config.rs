//! Where the files live: the storage URL, the S3 settings that go with it, and the
//! `object_store` backend they build.
//!
//! This module only turns configuration into an [`ObjectStore`] and a key prefix; it
//! knows nothing of the file-storage port. Three URL forms are accepted:
//!
//! - `file:///absolute/folder`: files on local disk, one file per key in that folder,
//!   which is created when missing. Only absolute paths: `file://folder` and
//!   `file:folder` are refused rather than resolved against the working directory.
//! - `memory://`: files kept in this process's memory and lost when it exits, for tests.
//! - `s3://bucket` or `s3://bucket/some/prefix`: objects in an S3 bucket (AWS, MinIO,
//!   moto, ...), under the prefix when one is given. The bucket must already exist.
//!
//! Credentials, endpoint and timeouts never go in the URL: they are [`S3Options`], so
//! that a URL can be logged as it is.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStore, RetryConfig};
use url::Url;

/// Settings for `s3://` URLs; `file://` and `memory://` ignore them.
#[derive(Clone)]
pub struct S3Options {
    /// The S3 API's base URL, such as `http://127.0.0.1:9000` for a local MinIO; `None`
    /// means AWS itself. Requests to an endpoint are path-style (`endpoint/bucket/key`),
    /// and plain HTTP is allowed when the endpoint is `http://`.
    pub endpoint: Option<String>,
    /// The bucket's region; servers other than AWS mostly accept any.
    pub region: String,
    /// The access key id. With the secret below, signs every request; when both are
    /// `None`, object_store's default chain is used (a web identity token, a container
    /// or an instance role).
    pub access_key_id: Option<String>,
    /// The secret access key that goes with [`access_key_id`](Self::access_key_id).
    pub secret_access_key: Option<String>,
    /// How long establishing a connection may take.
    pub connect_timeout: Duration,
    /// The longest wait for the next piece of an answer. It also runs while the caller
    /// holds off taking the next chunk, so a download paused for longer fails.
    pub read_timeout: Duration,
    /// How long one request may take in all, from connecting until its body is read;
    /// `None` for no limit. A limit also cuts off long downloads to slow clients (the
    /// body is read only as fast as the caller takes chunks), hence none by default.
    pub request_timeout: Option<Duration>,
    /// How many times a failed request is retried; 0 turns retries off.
    pub max_retries: usize,
    /// How long after a request's first attempt retries may still start.
    pub retry_timeout: Duration,
}

impl Default for S3Options {
    /// AWS in `us-east-1` with the default credential chain. The retry budget is far
    /// smaller than object_store's own (10 retries over 3 minutes), so that a readiness
    /// check or an upload against a dead backend fails within seconds, not minutes.
    fn default() -> Self {
        Self {
            endpoint: None,
            region: "us-east-1".to_owned(),
            access_key_id: None,
            secret_access_key: None,
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(30),
            request_timeout: None,
            max_retries: 3,
            retry_timeout: Duration::from_secs(30),
        }
    }
}

impl fmt::Debug for S3Options {
    /// Everything but the secret access key, which must not reach logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = self.secret_access_key.as_ref().map(|_| "<redacted>");
        f.debug_struct("S3Options")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &secret)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_timeout", &self.retry_timeout)
            .finish()
    }
}

/// The storage URL or the S3 options cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The text is not a URL at all.
    #[error("file storage URL is malformed: {0}")]
    Malformed(#[from] url::ParseError),
    /// The URL's scheme is none of `file`, `memory` and `s3`.
    #[error("unsupported file storage URL scheme {0:?}: use file://, memory:// or s3://")]
    UnsupportedScheme(String),
    /// A `file:` URL does not name an absolute folder.
    #[error("file storage URLs need an absolute folder, as in file:///var/lib/concord/files")]
    NotAbsolute,
    /// An `s3://` URL names no bucket.
    #[error("s3 URLs need a bucket, as in s3://bucket or s3://bucket/prefix")]
    MissingBucket,
    /// The URL carries a part this adapter does not take there, such as credentials
    /// or a query; S3 settings belong in [`S3Options`].
    #[error("unexpected {0} in the file storage URL")]
    Unexpected(&'static str),
    /// The path after the bucket is not a valid key prefix.
    #[error("invalid key prefix in the file storage URL: {0}")]
    InvalidPrefix(#[source] object_store::path::Error),
    /// Only one of the access key id and the secret access key is set.
    #[error("set both the S3 access key id and the secret access key, or neither")]
    PartialCredentials,
    /// The local folder could not be created or opened.
    #[error("cannot use the folder {path} for file storage")]
    Folder {
        /// The folder the URL named.
        path: PathBuf,
        /// Why it could not be used.
        #[source]
        source: std::io::Error,
    },
    /// object_store refused the settings.
    #[error("cannot set up the object store")]
    Backend(#[source] object_store::Error),
}

/// A configured backend: the store, and the prefix every key is put under.
pub(crate) struct Backend {
    pub(crate) store: Arc<dyn ObjectStore>,
    pub(crate) prefix: Path,
}

/// Builds the backend the URL names.
pub(crate) fn backend(url: &str, options: &S3Options) -> Result<Backend, ConfigError> {
    let parsed = Url::parse(url)?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(ConfigError::Unexpected("user name or password"));
    }
    if parsed.query().is_some() {
        return Err(ConfigError::Unexpected("query"));
    }
    if parsed.fragment().is_some() {
        return Err(ConfigError::Unexpected("fragment"));
    }

    match parsed.scheme() {
        "file" => local(url, &parsed),
        "memory" => memory(&parsed),
        "s3" => s3(&parsed, options),
        other => Err(ConfigError::UnsupportedScheme(other.to_owned())),
    }
}

/// A folder on local disk, created when missing.
fn local(raw: &str, parsed: &Url) -> Result<Backend, ConfigError> {
    // The url crate reads `file:folder` as `file:///folder`; only the `file://` form
    // says plainly that the path is absolute, so the raw text is checked as well.
    let after_scheme = raw.split_once(':').map_or("", |(_, rest)| rest);
    if !after_scheme.starts_with("//") {
        return Err(ConfigError::NotAbsolute);
    }
    // Fails when a host stands where the path should start, as in `file://folder`.
    let folder = parsed
        .to_file_path()
        .map_err(|()| ConfigError::NotAbsolute)?;

    let unusable = |source| ConfigError::Folder {
        path: folder.clone(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(unusable)?;
    // With fsync a finished file survives a crash, as a finished S3 upload does.
    let store = LocalFileSystem::new_with_prefix(&folder)
        .map_err(ConfigError::Backend)?
        .with_fsync(true);
    Ok(Backend {
        store: Arc::new(store),
        prefix: Path::default(),
    })
}

/// A store in this process's memory.
fn memory(parsed: &Url) -> Result<Backend, ConfigError> {
    let host = parsed.host_str().unwrap_or("");
    if !host.is_empty() || !matches!(parsed.path(), "" | "/") {
        return Err(ConfigError::Unexpected("host or path after memory://"));
    }
    Ok(Backend {
        store: Arc::new(InMemory::new()),
        prefix: Path::default(),
    })
}

/// A bucket in S3 or a server that speaks its API, with an optional key prefix.
fn s3(parsed: &Url, options: &S3Options) -> Result<Backend, ConfigError> {
    let bucket = parsed.host_str().unwrap_or("");
    if bucket.is_empty() {
        return Err(ConfigError::MissingBucket);
    }
    if parsed.port().is_some() {
        return Err(ConfigError::Unexpected(
            "port (the endpoint goes in the S3 options)",
        ));
    }
    let prefix = Path::from_url_path(parsed.path()).map_err(ConfigError::InvalidPrefix)?;

    let client = ClientOptions::new()
        .with_connect_timeout(options.connect_timeout)
        .with_read_timeout(options.read_timeout);
    let client = match options.request_timeout {
        Some(limit) => client.with_timeout(limit),
        None => client.with_timeout_disabled(),
    };
    let retry = RetryConfig {
        max_retries: options.max_retries,
        retry_timeout: options.retry_timeout,
        ..RetryConfig::default()
    };
    let mut builder = AmazonS3Builder::new()
        .with_bucket_name(bucket)
        .with_region(&options.region)
        .with_client_options(client)
        .with_retry(retry);

    if let Some(endpoint) = &options.endpoint {
        // Local servers have no per-bucket host names, hence path-style requests.
        builder = builder
            .with_endpoint(endpoint)
            .with_allow_http(endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false);
    }
    builder = match (&options.access_key_id, &options.secret_access_key) {
        (Some(id), Some(secret)) => builder
            .with_access_key_id(id)
            .with_secret_access_key(secret),
        (None, None) => builder,
        _ => return Err(ConfigError::PartialCredentials),
    };

    let store = builder.build().map_err(ConfigError::Backend)?;
    Ok(Backend {
        store: Arc::new(store),
        prefix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(url: &str) -> Result<Backend, ConfigError> {
        backend(url, &S3Options::default())
    }

    fn refused(url: &str) -> ConfigError {
        match build(url) {
            Ok(_) => panic!("{url} was accepted"),
            Err(error) => error,
        }
    }

    #[test]
    fn text_that_is_not_a_url_is_malformed() {
        assert!(matches!(refused("files"), ConfigError::Malformed(_)));
        assert!(matches!(refused(""), ConfigError::Malformed(_)));
    }

    #[test]
    fn other_schemes_are_refused_by_name() {
        let error = refused("ftp://x");
        assert!(matches!(&error, ConfigError::UnsupportedScheme(s) if s == "ftp"));
        assert!(error.to_string().contains("\"ftp\""), "{error}");
        assert!(matches!(
            refused("gs://bucket"),
            ConfigError::UnsupportedScheme(_)
        ));
    }

    #[test]
    fn relative_file_paths_are_refused() {
        assert!(matches!(refused("file://files"), ConfigError::NotAbsolute));
        assert!(matches!(refused("file:files"), ConfigError::NotAbsolute));
        assert!(matches!(
            refused("file:/tmp/files"),
            ConfigError::NotAbsolute
        ));
    }

    #[test]
    fn a_missing_folder_is_created() {
        let parent = std::env::temp_dir().join(format!("concord-files-{}", std::process::id()));
        let folder = parent.join("nested").join("files");
        build(&format!("file://{}", folder.display())).expect("a file URL");
        assert!(folder.is_dir());
        std::fs::remove_dir_all(&parent).expect("clean up");
    }

    #[test]
    fn a_folder_that_is_a_file_is_refused() {
        let file = std::env::temp_dir().join(format!("concord-file-{}", std::process::id()));
        std::fs::write(&file, b"not a folder").expect("a plain file");
        let error = refused(&format!("file://{}", file.display()));
        std::fs::remove_file(&file).expect("clean up");
        assert!(matches!(error, ConfigError::Folder { .. }), "{error:?}");
    }

    #[test]
    fn memory_urls_take_nothing_after_the_scheme() {
        assert!(build("memory://").is_ok());
        assert!(build("memory:///").is_ok());
        assert!(matches!(refused("memory://x"), ConfigError::Unexpected(_)));
        assert!(matches!(refused("memory:///x"), ConfigError::Unexpected(_)));
    }

    #[test]
    fn s3_urls_need_a_bucket() {
        assert!(matches!(refused("s3://"), ConfigError::MissingBucket));
        assert!(matches!(
            refused("s3:///prefix"),
            ConfigError::MissingBucket
        ));
    }

    #[test]
    fn s3_urls_keep_their_path_as_the_key_prefix() {
        let backend = build("s3://bucket").expect("bucket alone");
        assert_eq!(backend.prefix.as_ref(), "");
        let backend = build("s3://bucket/concord/files/").expect("bucket and prefix");
        assert_eq!(backend.prefix.as_ref(), "concord/files");
        assert!(matches!(
            refused("s3://bucket/a//b"),
            ConfigError::InvalidPrefix(_)
        ));
    }

    #[test]
    fn credentials_and_settings_stay_out_of_the_url() {
        let refused_parts = [
            "s3://key:secret@bucket",
            "s3://bucket?region=eu",
            "s3://b#x",
        ];
        for url in refused_parts {
            assert!(matches!(refused(url), ConfigError::Unexpected(_)), "{url}");
        }
        assert!(matches!(
            refused("s3://bucket:9000"),
            ConfigError::Unexpected(_)
        ));
    }

    #[test]
    fn one_credential_without_the_other_is_refused() {
        let options = S3Options {
            access_key_id: Some("id".to_owned()),
            ..S3Options::default()
        };
        let result = backend("s3://bucket", &options);
        assert!(matches!(result, Err(ConfigError::PartialCredentials)));
    }

    #[test]
    fn the_secret_key_is_not_printed() {
        let options = S3Options {
            access_key_id: Some("visible-id".to_owned()),
            secret_access_key: Some("hidden-secret".to_owned()),
            ..S3Options::default()
        };
        let printed = format!("{options:?}");
        assert!(printed.contains("visible-id") && !printed.contains("hidden-secret"));
    }
}
