//! Uploaded files: what they are for, what they may be named, what their bytes are, and
//! what uses them.
//!
//! A file is uploaded for one purpose (an avatar, a guild icon or a message attachment)
//! and then used by exactly one thing: the user whose avatar it is, the guild whose icon
//! it is, or the message it is attached to. A file that nothing uses is garbage: it is
//! removed when its user stops using it, and an upload that is never used is swept after
//! a while. The bytes themselves are not here but in file storage; this module decides
//! their type from their first bytes, because the type a client claims is not evidence.

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::id::{ChannelId, FileId, GuildId, MessageId, UserId};
use crate::time::Timestamp;

/// The longest file name, in characters.
pub const MAX_FILENAME_CHARS: usize = 255;

/// How many leading bytes [`detect_content_type`] needs to recognise every type it knows.
pub const SNIFF_BYTES: usize = 16;

/// The type given to bytes that are not recognised as anything more specific.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// What a file is uploaded for; each purpose has its own size limit and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilePurpose {
    /// A user's picture: an image.
    Avatar,
    /// A guild's picture: an image.
    Icon,
    /// A file attached to a message: anything.
    Attachment,
}

impl FilePurpose {
    /// Parses the purpose's text form, `avatar`, `icon` or `attachment`.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text {
            "avatar" => Ok(Self::Avatar),
            "icon" => Ok(Self::Icon),
            "attachment" => Ok(Self::Attachment),
            _ => Err(DomainError::new(
                "purpose",
                "must be one of avatar, icon or attachment",
            )),
        }
    }

    /// The text form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Avatar => "avatar",
            Self::Icon => "icon",
            Self::Attachment => "attachment",
        }
    }

    /// Whether files of this purpose must be images of a type browsers show inline.
    pub fn requires_image(self) -> bool {
        matches!(self, Self::Avatar | Self::Icon)
    }
}

/// What uses a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileOwner {
    /// The file is this user's avatar.
    User {
        /// The user.
        user_id: UserId,
    },
    /// The file is this guild's icon.
    Guild {
        /// The guild.
        guild_id: GuildId,
    },
    /// The file is attached to this message.
    Message {
        /// The message's channel.
        channel_id: ChannelId,
        /// The message.
        message_id: MessageId,
    },
}

/// Where a file is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileState {
    /// Its bytes are being written; it cannot be used or read yet.
    Uploading,
    /// Uploaded and readable, not used by anything yet.
    Ready,
    /// Used by `owner`.
    Attached {
        /// What uses it.
        owner: FileOwner,
    },
}

/// An uploaded file's record: everything about it except its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file's id, which is also the key of its bytes; unguessable.
    pub id: FileId,
    /// Who uploaded it; only they may put it to use.
    pub uploader_id: UserId,
    /// What it was uploaded for.
    pub purpose: FilePurpose,
    /// Its name, as given by the uploader.
    pub filename: String,
    /// Its type, detected from its bytes (or `application/octet-stream` until then).
    pub content_type: String,
    /// Its size in bytes (0 until the upload is complete).
    pub size: u64,
    /// Where it is in its life.
    pub state: FileState,
    /// When the upload started.
    pub created_at: Timestamp,
}

impl FileRecord {
    /// The owner using the file, if any.
    pub fn owner(&self) -> Option<FileOwner> {
        match self.state {
            FileState::Attached { owner } => Some(owner),
            FileState::Uploading | FileState::Ready => None,
        }
    }

    /// Whether the file's bytes are complete and may be read.
    pub fn is_readable(&self) -> bool {
        !matches!(self.state, FileState::Uploading)
    }

    /// The file as a message shows it.
    pub fn attachment(&self) -> Attachment {
        Attachment {
            id: self.id,
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
            size: self.size,
        }
    }
}

/// A file attached to a message, as the message keeps it: enough to show and link it
/// without reading the file's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file's id.
    pub id: FileId,
    /// Its name.
    pub filename: String,
    /// Its detected type.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Checks a file name as a client sent it: 1–255 characters, no control characters, no
/// path separators, and not `.` or `..`. Nothing is stripped or replaced: a name that
/// breaks a rule is refused, so that what is stored is what the user chose.
pub fn validate_filename(name: &str) -> Result<(), DomainError> {
    let reject = |reason: &str| Err(DomainError::new("filename", reason));

    if name.is_empty() {
        return reject("must not be empty");
    }
    if name.chars().count() > MAX_FILENAME_CHARS {
        return reject("must be at most 255 characters");
    }
    if name.chars().any(char::is_control) {
        return reject("must not contain control characters");
    }
    if name.contains(['/', '\\']) {
        return reject("must not contain / or \\");
    }
    if name == "." || name == ".." || name.trim().is_empty() {
        return reject("must name a file");
    }
    Ok(())
}

/// The image types browsers show inline and that avatars and icons may have. SVG is
/// deliberately absent: it can carry scripts.
pub const INLINE_IMAGE_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// Whether files of `content_type` are shown inline rather than downloaded.
pub fn is_inline_image(content_type: &str) -> bool {
    INLINE_IMAGE_TYPES.contains(&content_type)
}

/// The type of a file from its first bytes (at least [`SNIFF_BYTES`] of them when the
/// file is that long): one of the inline image types, a few common document and media
/// types, plain text for valid UTF-8 without control characters, and
/// [`OCTET_STREAM`] for anything else.
pub fn detect_content_type(head: &[u8]) -> &'static str {
    const SIGNATURES: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"%PDF-", "application/pdf"),
        (b"PK\x03\x04", "application/zip"),
        (b"\x1f\x8b", "application/gzip"),
        (b"OggS", "audio/ogg"),
        (b"ID3", "audio/mpeg"),
    ];

    if let Some((_, kind)) = SIGNATURES.iter().find(|(magic, _)| head.starts_with(magic)) {
        return kind;
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return "image/webp";
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return "video/mp4";
    }
    if head.starts_with(b"\x1a\x45\xdf\xa3") {
        return "video/webm";
    }
    if looks_like_text(head) {
        return "text/plain; charset=utf-8";
    }
    OCTET_STREAM
}

/// Whether `head` reads as UTF-8 text: valid (a character cut off at the end is
/// allowed, since `head` may stop mid-character) and free of control characters other
/// than whitespace.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        // At most three bytes of a character can be cut off by the end of the head.
        Err(error) if error.error_len().is_none() && head.len() - error.valid_up_to() < 4 => {
            std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !head.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

/// Whether a client's claimed type says "image": a claim the bytes must then back up.
pub fn claims_image(claimed: Option<&str>) -> bool {
    claimed.is_some_and(|kind| kind.trim().to_ascii_lowercase().starts_with("image/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_parse_from_their_text_form() {
        for purpose in [
            FilePurpose::Avatar,
            FilePurpose::Icon,
            FilePurpose::Attachment,
        ] {
            assert_eq!(FilePurpose::parse(purpose.as_str()), Ok(purpose));
        }
        assert!(FilePurpose::parse("banner").is_err());
        assert!(FilePurpose::parse("Avatar").is_err());
    }

    #[test]
    fn filenames_are_refused_rather_than_rewritten() {
        for good in [
            "cat.png",
            "a",
            "résumé final (2).pdf",
            ".hidden",
            "x".repeat(255).as_str(),
        ] {
            assert_eq!(validate_filename(good), Ok(()), "{good}");
        }
        let too_long = "x".repeat(256);
        for bad in [
            "",
            "   ",
            ".",
            "..",
            "a/b",
            "a\\b",
            "bell\u{7}",
            "new\nline",
            &too_long,
        ] {
            assert!(validate_filename(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn images_are_recognised_by_their_signatures() {
        assert_eq!(
            detect_content_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "image/png"
        );
        assert_eq!(
            detect_content_type(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            "image/jpeg"
        );
        assert_eq!(detect_content_type(b"GIF89a\x01\0\x01\0"), "image/gif");
        assert_eq!(detect_content_type(b"RIFF\x24\0\0\0WEBPVP8 "), "image/webp");
        assert!(INLINE_IMAGE_TYPES.iter().all(|kind| is_inline_image(kind)));
        assert!(!is_inline_image("image/svg+xml"));
    }

    #[test]
    fn other_bytes_are_documents_text_or_unknown() {
        assert_eq!(detect_content_type(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(
            detect_content_type(b"hello, world\n"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            detect_content_type("caf\u{e9}".as_bytes()),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            detect_content_type(&"é".as_bytes()[..1]),
            "text/plain; charset=utf-8"
        );
        assert_eq!(detect_content_type(b"\0\x01\x02binary"), OCTET_STREAM);
        assert_eq!(detect_content_type(b""), OCTET_STREAM);
        // A RIFF that is not WebP (a WAV file) is not an image.
        assert_eq!(detect_content_type(b"RIFF\x24\0\0\0WAVEfmt "), OCTET_STREAM);
    }

    #[test]
    fn html_and_svg_are_plain_text_not_markup() {
        assert_eq!(
            detect_content_type(b"<svg onload=alert(1)>"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            detect_content_type(b"<html><script>"),
            "text/plain; charset=utf-8"
        );
    }

    #[test]
    fn only_image_claims_need_proof() {
        assert!(claims_image(Some("image/png")));
        assert!(claims_image(Some(" IMAGE/jpeg ")));
        assert!(!claims_image(Some("application/pdf")));
        assert!(!claims_image(None));
    }

    #[test]
    fn a_record_knows_its_owner_and_whether_it_can_be_read() {
        let user_id = UserId::from(crate::id::RawId::from_parts(Timestamp(1), 1));
        let mut record = FileRecord {
            id: FileId::from(crate::id::RawId::from_parts(Timestamp(1), 2)),
            uploader_id: user_id,
            purpose: FilePurpose::Avatar,
            filename: "me.png".into(),
            content_type: "image/png".into(),
            size: 10,
            state: FileState::Uploading,
            created_at: Timestamp(1),
        };
        assert!(!record.is_readable());
        record.state = FileState::Attached {
            owner: FileOwner::User { user_id },
        };
        assert!(record.is_readable());
        assert_eq!(record.owner(), Some(FileOwner::User { user_id }));
        assert_eq!(record.attachment().filename, "me.png");
    }
}
