//! Downloads: `GET /files/{id}/{filename}` (and `/files/{id}`), read by browsers
//! through plain links and `<img>` tags, so without a bearer token: the id is an
//! unguessable secret.
//!
//! A file is served with its detected type and `nosniff`, so a browser never runs it as
//! something else; images of the inline types are shown in place and everything else is
//! downloaded (`Content-Disposition: attachment`), under a sandboxing CSP either way.
//! Files never change once uploaded, so responses may be cached for a year and the id
//! is the ETag. A single `Range` (`bytes=a-b`, `bytes=a-`, `bytes=-n`) gets a 206; a
//! range outside the file a 416; anything more elaborate the whole file.

use std::ops::Range;

use concord_app::Concord;
use concord_domain::file::{FileRecord, is_inline_image};
use concord_domain::id::FileId;
use futures_util::stream;
use poem::http::{HeaderMap, StatusCode, header};
use poem::web::{Data, Path};
use poem::{Body, IntoResponse, Response, handler};

use crate::api::files::encode_path_segment;
use crate::api::problem::ApiError;

/// How long clients and proxies may keep a file: a year, since files never change.
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// Serves `/files/{id}`.
#[handler]
pub async fn by_id(
    Path(id): Path<String>,
    headers: &HeaderMap,
    concord: Data<&Concord>,
) -> Response {
    serve(&concord, &id, None, headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// Serves `/files/{id}/{filename}`; the name must be the file's.
#[handler]
pub async fn by_name(
    Path((id, filename)): Path<(String, String)>,
    headers: &HeaderMap,
    concord: Data<&Concord>,
) -> Response {
    serve(&concord, &id, Some(&filename), headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// The response for file `id`, if it exists (and is called `filename`, when given).
async fn serve(
    concord: &Concord,
    id: &str,
    filename: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let unknown = || ApiError::from(concord_app::AppError::NotFound("file"));
    let id = FileId::parse("id", id).map_err(|_| unknown())?;
    let record = concord.file(id).await?;
    if filename.is_some_and(|name| name != record.filename) {
        return Err(unknown());
    }

    let etag = format!("\"{}\"", record.id);
    let revalidating = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    if revalidating {
        return Ok(described(Response::builder(), &record, &etag)
            .status(StatusCode::NOT_MODIFIED)
            .finish());
    }

    let range = match headers
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
    {
        Some(text) => match byte_range(text, record.size) {
            RangeRequest::Whole => None,
            RangeRequest::Part(range) => Some(range),
            RangeRequest::Unsatisfiable => {
                let refusal = ApiError::from(concord_app::AppError::RangeNotSatisfiable);
                let mut response = refusal.into_response();
                let whole = format!("bytes */{}", record.size);
                if let Ok(value) = whole.parse() {
                    response.headers_mut().insert(header::CONTENT_RANGE, value);
                }
                return Ok(response);
            }
        },
        None => None,
    };

    let reader = concord.read_file(&record, range.clone()).await?;
    let body = stream::unfold(reader, |mut reader| async move {
        match reader.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(chunk), reader)),
            Ok(None) => None,
            Err(error) => {
                tracing::warn!(%error, "file read failed mid-response");
                Some((Err(std::io::Error::other(error.to_string())), reader))
            }
        }
    });

    let builder = described(Response::builder(), &record, &etag);
    let response = match range {
        Some(range) => builder
            .status(StatusCode::PARTIAL_CONTENT)
            .header(
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{}", range.start, range.end - 1, record.size),
            )
            .header(header::CONTENT_LENGTH, range.end - range.start),
        None => builder
            .status(StatusCode::OK)
            .header(header::CONTENT_LENGTH, record.size),
    };
    Ok(response.body(Body::from_bytes_stream(body)))
}

/// The headers every answer about `record` carries.
fn described(
    builder: poem::ResponseBuilder,
    record: &FileRecord,
    etag: &str,
) -> poem::ResponseBuilder {
    let disposition = if is_inline_image(&record.content_type) {
        "inline"
    } else {
        "attachment"
    };
    builder
        .header(header::CONTENT_TYPE, record.content_type.as_str())
        .header(
            header::CONTENT_DISPOSITION,
            format!(
                "{disposition}; filename*=UTF-8''{}",
                encode_path_segment(&record.filename)
            ),
        )
        .header(header::CACHE_CONTROL, CACHE_CONTROL)
        .header(header::ETAG, etag)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        )
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
enum RangeRequest {
    /// The whole file: no usable single range was asked for.
    Whole,
    /// These bytes.
    Part(Range<u64>),
    /// A range that starts past the end.
    Unsatisfiable,
}

/// Reads a `Range` header. Only one range in bytes is honoured; a malformed header or
/// several ranges are ignored, as RFC 9110 allows, and get the whole file.
fn byte_range(header: &str, size: u64) -> RangeRequest {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeRequest::Whole;
    };
    if spec.contains(',') {
        return RangeRequest::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeRequest::Whole;
    };
    let (first, last) = (first.trim(), last.trim());

    if first.is_empty() {
        // The last `n` bytes.
        return match last.parse::<u64>() {
            Ok(0) => RangeRequest::Unsatisfiable,
            Ok(n) => RangeRequest::Part(size.saturating_sub(n)..size),
            Err(_) => RangeRequest::Whole,
        };
    }
    let Ok(start) = first.parse::<u64>() else {
        return RangeRequest::Whole;
    };
    let end = match last {
        "" => size,
        last => match last.parse::<u64>() {
            Ok(last) if last >= start => last.saturating_add(1).min(size),
            _ => return RangeRequest::Whole,
        },
    };
    if start >= size {
        return RangeRequest::Unsatisfiable;
    }
    RangeRequest::Part(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_byte_ranges_are_honoured() {
        assert_eq!(byte_range("bytes=0-9", 100), RangeRequest::Part(0..10));
        assert_eq!(byte_range("bytes=90-", 100), RangeRequest::Part(90..100));
        assert_eq!(byte_range("bytes=-10", 100), RangeRequest::Part(90..100));
        assert_eq!(byte_range("bytes=-500", 100), RangeRequest::Part(0..100));
        assert_eq!(byte_range("bytes=50-500", 100), RangeRequest::Part(50..100));
        assert_eq!(byte_range("bytes=99-99", 100), RangeRequest::Part(99..100));
    }

    #[test]
    fn ranges_past_the_end_are_unsatisfiable() {
        assert_eq!(byte_range("bytes=100-", 100), RangeRequest::Unsatisfiable);
        assert_eq!(
            byte_range("bytes=200-300", 100),
            RangeRequest::Unsatisfiable
        );
        assert_eq!(byte_range("bytes=-0", 100), RangeRequest::Unsatisfiable);
    }

    #[test]
    fn other_range_headers_get_the_whole_file() {
        for header in [
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=a-b",
            "bytes=5-2",
            "bytes=",
            "bytes=-x",
        ] {
            assert_eq!(byte_range(header, 100), RangeRequest::Whole, "{header}");
        }
    }
}
