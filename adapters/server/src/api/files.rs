//! Uploads: `POST /api/v1/files`, a multipart form with a `purpose` field followed by a
//! `file` field.
//!
//! The file's bytes go from the request body to file storage chunk by chunk as they
//! arrive; the upload use case counts them against the purpose's limit and decides the
//! type from the first bytes. `purpose` must come first because the limit and the rules
//! depend on it and the body is not held back to wait for it. Downloads are in
//! [`crate::http::files`], outside the API document, since they are read by browsers
//! through plain links.

use concord_app::files::{Upload, UploadRequest};
use concord_domain::file::{FilePurpose, FileRecord};
use concord_domain::id::FileId;
use concord_ports::files::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use poem::web::{Field, Multipart};
use poem::{FromRequest, Request, RequestBody};
use poem_openapi::payload::Json;
use poem_openapi::registry::{MetaMediaType, MetaRequest, MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions, Object, OpenApi};
use tokio::io::AsyncReadExt;

use super::problem::{ApiError, ApiResult};
use super::{Area, BearerAuth, Created, Ctx};

/// How much of the body is read at a time.
const CHUNK: usize = 64 * 1024;

/// The longest `purpose` value read; anything longer is not a purpose.
const MAX_PURPOSE_BYTES: usize = 32;

pub(super) struct FilesApi {
    pub ctx: Ctx,
}

/// An uploaded file.
#[derive(Debug, Object)]
pub struct FileDto {
    /// File id, unguessable: whoever knows it can read the file.
    pub id: String,
    /// Where the file is served, relative to the server's root.
    pub url: String,
    /// The file's name as uploaded.
    pub filename: String,
    /// The type detected from the file's contents.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

impl From<&FileRecord> for FileDto {
    fn from(record: &FileRecord) -> Self {
        Self {
            id: record.id.to_string(),
            url: file_url(record.id, &record.filename),
            filename: record.filename.clone(),
            content_type: record.content_type.clone(),
            size: record.size,
        }
    }
}

/// Where a file is served: `/files/{id}/{filename}`, the name percent-encoded.
pub fn file_url(id: FileId, filename: &str) -> String {
    format!("/files/{id}/{}", encode_path_segment(filename))
}

/// Everything but RFC 3986's unreserved characters.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything in `text` but RFC 3986's unreserved characters.
pub fn encode_path_segment(text: &str) -> String {
    utf8_percent_encode(text, RESERVED).to_string()
}

#[OpenApi(tag = "Area::Files")]
impl FilesApi {
    /// Upload a file for a purpose: `avatar` or `icon` (PNG, JPEG, GIF or WebP, 8 MiB by
    /// default) or `attachment` (anything, 25 MiB by default). Send `purpose` before
    /// `file`. Use the id in `PATCH /users/@me` (`avatar`), `PATCH /guilds/{id}`
    /// (`icon`) or a message's `attachments`; files never used are removed after a day.
    #[oai(path = "/files", method = "post")]
    async fn upload(&self, auth: BearerAuth, form: UploadForm) -> ApiResult<Created<FileDto>> {
        let actor = self.ctx.actor(&auth).await?;
        let mut form = form.0;
        let mut purpose = None;
        let mut uploaded = None;

        while let Some(field) = form.next_field().await.map_err(malformed)? {
            match field.name() {
                Some("purpose") if purpose.is_some() => {
                    return Err(ApiError::invalid("purpose", "must be given once"));
                }
                Some("purpose") => purpose = Some(read_purpose(field).await?),
                Some("file") if uploaded.is_some() => {
                    return Err(ApiError::invalid("file", "one file per request"));
                }
                Some("file") => {
                    let Some(purpose) = purpose else {
                        return Err(ApiError::invalid("purpose", "must come before the file"));
                    };
                    let request = UploadRequest {
                        purpose,
                        filename: field.file_name().unwrap_or_default().to_owned(),
                        claimed_type: field.content_type().map(str::to_owned),
                    };
                    let upload = self.ctx.concord.start_upload(actor, request).await?;
                    uploaded = Some(stream_into(upload, field).await?);
                }
                // Other fields are skipped unread.
                _ => {}
            }
        }

        match uploaded {
            Some(record) => Ok(Created::Created(Json(FileDto::from(&record)))),
            None => Err(ApiError::invalid("file", "is missing")),
        }
    }
}

/// Copies the body of `field` into `upload` and finishes it; aborts it if the body
/// breaks off.
async fn stream_into(mut upload: Upload, field: Field) -> ApiResult<FileRecord> {
    let mut body = field.into_async_read();
    let mut buffer = vec![0; CHUNK];
    loop {
        let read = match body.read(&mut buffer).await {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) => {
                tracing::debug!(file_id = %upload.id(), %error, "upload broke off");
                upload.abort().await;
                return Err(ApiError::invalid("file", "the upload broke off"));
            }
        };
        upload
            .write(Bytes::copy_from_slice(&buffer[..read]))
            .await?;
    }
    Ok(upload.finish().await?)
}

/// Reads the `purpose` field.
async fn read_purpose(field: Field) -> ApiResult<FilePurpose> {
    let mut text = Vec::new();
    let mut body = field.into_async_read().take(MAX_PURPOSE_BYTES as u64 + 1);
    body.read_to_end(&mut text).await.map_err(malformed)?;
    let text = std::str::from_utf8(&text).unwrap_or_default();
    FilePurpose::parse(text.trim()).map_err(|error| ApiError::invalid("purpose", error.reason))
}

/// A body that is not a well-formed multipart form.
fn malformed(error: impl std::fmt::Display) -> ApiError {
    ApiError::invalid("body", format!("not a well-formed multipart form: {error}"))
}

/// The upload's multipart body, read field by field as it arrives rather than parsed
/// up front (poem-openapi's own multipart types would buffer the file first).
pub struct UploadForm(Multipart);

impl<'a> ApiExtractor<'a> for UploadForm {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];

    type ParamType = ();
    type ParamRawType = ();

    fn request_meta() -> Option<MetaRequest> {
        let purpose = MetaSchema {
            enum_items: ["avatar", "icon", "attachment"].map(Into::into).to_vec(),
            description: Some("What the file is for; must come before `file`."),
            ..MetaSchema::new("string")
        };
        let file = MetaSchema {
            description: Some("The file, with its name."),
            ..MetaSchema::new_with_format("string", "binary")
        };
        let form = MetaSchema {
            required: vec!["purpose", "file"],
            properties: vec![
                ("purpose", MetaSchemaRef::Inline(Box::new(purpose))),
                ("file", MetaSchemaRef::Inline(Box::new(file))),
            ],
            ..MetaSchema::new("object")
        };
        Some(MetaRequest {
            description: None,
            content: vec![MetaMediaType {
                content_type: "multipart/form-data",
                schema: MetaSchemaRef::Inline(Box::new(form)),
            }],
            required: true,
        })
    }

    fn register(_registry: &mut Registry) {}

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _options: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        let is_form = request
            .content_type()
            .is_some_and(|kind| kind.starts_with("multipart/form-data"));
        if !is_form {
            return Err(ApiError::UnsupportedMediaType(poem_openapi::payload::Json(
                super::problem::Problem {
                    code: "unsupported_media_type".into(),
                    message: "send the upload as multipart/form-data".into(),
                    field: None,
                },
            ))
            .into());
        }
        Ok(Self(
            <Multipart as FromRequest>::from_request(request, body).await?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_percent_encoded_in_urls() {
        assert_eq!(encode_path_segment("cat.png"), "cat.png");
        assert_eq!(encode_path_segment("a b/c?.txt"), "a%20b%2Fc%3F.txt");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }
}
