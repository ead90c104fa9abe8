//! Files: uploading for each purpose, the limits and refusals, serving with ranges and
//! the right headers, using files as attachments, avatars and icons, and removing them
//! when nothing uses them any more.
//!
//! Multipart bodies are written by hand so that tests control every part of them: the
//! order of the fields, the claimed types, the names. Tests that look for leftover
//! bytes keep files on local disk in the data folder (the default outside tests) and
//! count what is there.

use std::path::Path;

use reqwest::header::{self, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{
    Session, TestApp, UNKNOWN_ID, assert_invalid, assert_problem, read_json, spawn_app,
    spawn_app_with, text,
};

/// The start of a PNG file: enough for Concord to recognise one.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A PNG of `size` bytes: the signature, then filler.
fn png(size: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(size.max(PNG.len()), 0x5a);
    bytes
}

/// One part of a multipart form.
enum Part<'a> {
    /// A text field.
    Field(&'a str, &'a str),
    /// A file field: name, file name, claimed type, contents.
    File(&'a str, &'a str, Option<&'a str>, &'a [u8]),
}

/// The boundary of every hand-made form.
const BOUNDARY: &str = "concord-test-boundary-7d1f";

/// A multipart/form-data body of `parts`, in order.
fn form(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Field(name, value) => {
                let head = format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n");
                body.extend_from_slice(head.as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, filename, claimed, bytes) => {
                let mut head = format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                );
                if let Some(claimed) = claimed {
                    head.push_str(&format!("Content-Type: {claimed}\r\n"));
                }
                head.push_str("\r\n");
                body.extend_from_slice(head.as_bytes());
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a form to the upload endpoint as `session`.
async fn post_form(app: &TestApp, session: &Session, parts: &[Part<'_>]) -> (StatusCode, Value) {
    let response = app
        .anon
        .post(app.api("/files"))
        .bearer_auth(&session.token)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(form(parts))
        .send()
        .await
        .expect("the server answers");
    read_json(response).await
}

/// Uploads `bytes` as `filename` for `purpose`, in the usual order.
async fn upload(
    app: &TestApp,
    session: &Session,
    purpose: &str,
    filename: &str,
    bytes: &[u8],
) -> (StatusCode, Value) {
    let parts = [
        Part::Field("purpose", purpose),
        Part::File("file", filename, None, bytes),
    ];
    post_form(app, session, &parts).await
}

/// Uploads and expects it to work; returns the file.
async fn uploaded(
    app: &TestApp,
    session: &Session,
    purpose: &str,
    name: &str,
    bytes: &[u8],
) -> Value {
    let (status, file) = upload(app, session, purpose, name, bytes).await;
    assert_eq!(status, StatusCode::CREATED, "uploading {name}: {file}");
    file
}

/// Downloads a server path (such as a file's `url`) with extra headers.
async fn download(
    app: &TestApp,
    path: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = app.anon.get(format!("{}{path}", app.base));
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("a body").to_vec();
    (status, headers, body)
}

/// The number of files under `folder`, however deeply nested.
fn files_under(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() { files_under(&path) } else { 1 }
        })
        .sum()
}

/// A server keeping files on local disk in its data folder.
async fn app_on_disk() -> TestApp {
    spawn_app_with(|config| config.files_url = None).await
}

/// Where such a server keeps files.
fn file_folder(app: &TestApp) -> std::path::PathBuf {
    app.data_dir.join("files")
}

fn header_of<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_uploaded_image_is_served_inline_with_its_detected_type() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bytes = png(3_000);

    let parts = [
        Part::Field("purpose", "attachment"),
        Part::File(
            "file",
            "cat picture.png",
            Some("application/octet-stream"),
            &bytes,
        ),
    ];
    let (status, file) = post_form(&app, &ada, &parts).await;

    assert_eq!(status, StatusCode::CREATED, "{file}");
    assert_eq!(file["filename"], "cat picture.png");
    assert_eq!(file["content_type"], "image/png");
    assert_eq!(file["size"], 3_000);
    let id = text(&file["id"]);
    assert_eq!(file["url"], format!("/files/{id}/cat%20picture.png"));

    let (status, headers, body) = download(&app, &text(&file["url"]), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, bytes);
    assert_eq!(header_of(&headers, "content-type"), "image/png");
    assert_eq!(header_of(&headers, "content-length"), "3000");
    assert_eq!(header_of(&headers, "x-content-type-options"), "nosniff");
    assert_eq!(
        header_of(&headers, "content-disposition"),
        "inline; filename*=UTF-8''cat%20picture.png"
    );
    assert!(header_of(&headers, "cache-control").contains("max-age=31536000"));
    assert_eq!(header_of(&headers, "accept-ranges"), "bytes");

    // The same file by id alone, and revalidation by its ETag.
    let (status, _, by_id) = download(&app, &format!("/files/{id}"), &[]).await;
    assert_eq!((status, by_id), (StatusCode::OK, bytes));
    let etag = header_of(&headers, "etag").to_owned();
    let (status, _, empty) =
        download(&app, &format!("/files/{id}"), &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(empty.is_empty());
}

#[tokio::test]
async fn other_files_are_downloaded_never_rendered() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let html = b"<html><script>alert(1)</script></html>";

    let parts = [
        Part::Field("purpose", "attachment"),
        Part::File("file", "page.html", Some("text/html"), html),
    ];
    let (status, file) = post_form(&app, &ada, &parts).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    assert_eq!(file["content_type"], "text/plain; charset=utf-8");

    let (_, headers, body) = download(&app, &text(&file["url"]), &[]).await;
    assert_eq!(body, html);
    assert_eq!(
        header_of(&headers, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert!(header_of(&headers, "content-disposition").starts_with("attachment;"));
    assert!(header_of(&headers, "content-security-policy").contains("sandbox"));

    let binary = uploaded(
        &app,
        &ada,
        "attachment",
        "blob.bin",
        b"\0\x01\x02\x03binary",
    )
    .await;
    assert_eq!(binary["content_type"], "application/octet-stream");
    let pdf = uploaded(&app, &ada, "attachment", "paper.pdf", b"%PDF-1.7\n...").await;
    assert_eq!(pdf["content_type"], "application/pdf");
}

#[tokio::test]
async fn byte_ranges_are_served_as_partial_content() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bytes: Vec<u8> = (0..1_000u32).map(|i| (i % 251) as u8).collect();
    let file = uploaded(&app, &ada, "attachment", "numbers.bin", &bytes).await;
    let url = text(&file["url"]);

    let (status, headers, body) = download(&app, &url, &[("range", "bytes=100-199")]).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, bytes[100..200]);
    assert_eq!(header_of(&headers, "content-range"), "bytes 100-199/1000");
    assert_eq!(header_of(&headers, "content-length"), "100");

    let (status, _, tail) = download(&app, &url, &[("range", "bytes=-10")]).await;
    assert_eq!(
        (status, tail),
        (StatusCode::PARTIAL_CONTENT, bytes[990..].to_vec())
    );
    let (status, _, rest) = download(&app, &url, &[("range", "bytes=995-")]).await;
    assert_eq!(
        (status, rest),
        (StatusCode::PARTIAL_CONTENT, bytes[995..].to_vec())
    );

    let (status, headers, _) = download(&app, &url, &[("range", "bytes=1000-")]).await;
    assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(header_of(&headers, "content-range"), "bytes */1000");

    let (status, _, whole) = download(&app, &url, &[("range", "bytes=0-1,5-6")]).await;
    assert_eq!((status, whole), (StatusCode::OK, bytes));
}

#[tokio::test]
async fn unknown_and_misnamed_files_are_not_found() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let file = uploaded(&app, &ada, "attachment", "a.txt", b"hello").await;
    let id = text(&file["id"]);

    for path in [
        format!("/files/{UNKNOWN_ID}"),
        format!("/files/{UNKNOWN_ID}/a.txt"),
        format!("/files/{id}/b.txt"),
        "/files/not-an-id".to_owned(),
    ] {
        let response = app
            .anon
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .expect("answer");
        let reply = read_json(response).await;
        assert_problem(&reply, StatusCode::NOT_FOUND, "unknown_file");
    }
}

#[tokio::test]
async fn uploads_over_their_purpose_limit_are_refused_and_leave_nothing() {
    let app = spawn_app_with(|config| {
        config.files_url = None;
        config.max_avatar_bytes = 1_000;
        config.max_attachment_bytes = 200_000;
    })
    .await;
    let ada = app.register("ada").await;

    let reply = upload(&app, &ada, "avatar", "me.png", &png(1_001)).await;
    assert_problem(&reply, StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    let reply = upload(&app, &ada, "attachment", "big.png", &png(200_001)).await;
    assert_problem(&reply, StatusCode::PAYLOAD_TOO_LARGE, "file_too_large");
    assert_eq!(
        files_under(&file_folder(&app)),
        0,
        "a refused upload left bytes behind"
    );

    uploaded(&app, &ada, "avatar", "me.png", &png(1_000)).await;
    uploaded(&app, &ada, "attachment", "fine.png", &png(200_000)).await;
    assert_eq!(files_under(&file_folder(&app)), 2);

    // A declared length beyond every limit is refused before the body is read.
    let response = app
        .anon
        .post(app.api("/files"))
        .bearer_auth(&ada.token)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, "900000000")
        .body(vec![0u8; 16])
        .send()
        .await;
    if let Ok(response) = response {
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}

#[tokio::test]
async fn avatars_and_icons_must_be_images_and_claims_must_be_true() {
    let app = app_on_disk().await;
    let ada = app.register("ada").await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";

    for purpose in ["avatar", "icon"] {
        let reply = upload(&app, &ada, purpose, "me.svg", svg).await;
        assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image");
        let reply = upload(&app, &ada, purpose, "me.txt", b"just text").await;
        assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image");
    }
    let lying = [
        Part::Field("purpose", "attachment"),
        Part::File("file", "cat.png", Some("image/png"), b"MZ\x90\0 not a png"),
    ];
    let reply = post_form(&app, &ada, &lying).await;
    assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image");
    assert_eq!(files_under(&file_folder(&app)), 0);

    for (name, bytes, kind) in [
        ("a.png", png(100), "image/png"),
        (
            "a.jpg",
            b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01".to_vec(),
            "image/jpeg",
        ),
        ("a.gif", b"GIF89a\x01\0\x01\0\x80\0\0".to_vec(), "image/gif"),
        (
            "a.webp",
            b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0".to_vec(),
            "image/webp",
        ),
    ] {
        let file = uploaded(&app, &ada, "avatar", name, &bytes).await;
        assert_eq!(file["content_type"], kind);
    }
}

#[tokio::test]
async fn malformed_uploads_get_clear_problems() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let bytes = png(100);

    let reply = app.call(Method::POST, "/files", None, None).await;
    assert_problem(&reply, StatusCode::UNAUTHORIZED, "unauthorized");
    let reply = ada.post("/files", json!({ "purpose": "avatar" })).await;
    assert_problem(
        &reply,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );

    let file_first = [
        Part::File("file", "a.png", None, &bytes),
        Part::Field("purpose", "avatar"),
    ];
    assert_invalid(&post_form(&app, &ada, &file_first).await, "purpose");
    let unknown_purpose = [
        Part::Field("purpose", "banner"),
        Part::File("file", "a.png", None, &bytes),
    ];
    assert_invalid(&post_form(&app, &ada, &unknown_purpose).await, "purpose");
    assert_invalid(
        &post_form(&app, &ada, &[Part::Field("purpose", "icon")]).await,
        "file",
    );
    let two_files = [
        Part::Field("purpose", "attachment"),
        Part::File("file", "a.png", None, &bytes),
        Part::File("file", "b.png", None, &bytes),
    ];
    assert_invalid(&post_form(&app, &ada, &two_files).await, "file");

    assert_invalid(
        &upload(&app, &ada, "attachment", "empty.txt", b"").await,
        "file",
    );
    assert_invalid(
        &upload(&app, &ada, "attachment", "", b"no name").await,
        "filename",
    );
    assert_invalid(
        &upload(&app, &ada, "attachment", "..", b"dots").await,
        "filename",
    );
    let long_name = format!("{}.txt", "x".repeat(300));
    assert_invalid(
        &upload(&app, &ada, "attachment", &long_name, b"long").await,
        "filename",
    );

    let response = app
        .anon
        .post(app.api("/files"))
        .bearer_auth(&ada.token)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body("this is not a multipart body")
        .send()
        .await
        .expect("the server answers");
    let reply = read_json(response).await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.1);
}

#[tokio::test]
async fn attachments_go_with_a_message_and_leave_with_it() {
    let app = app_on_disk().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let messages = format!("/channels/{}/messages", guild.general);
    let file = uploaded(&app, &ada, "attachment", "notes.txt", b"meeting notes").await;
    let id = text(&file["id"]);

    let (status, message) = ada
        .post(&messages, json!({ "content": "", "attachments": [id] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{message}");
    assert_eq!(message["content"], "");
    let attachment = &message["attachments"][0];
    assert_eq!(attachment["id"], id.as_str());
    assert_eq!(attachment["filename"], "notes.txt");
    assert_eq!(attachment["content_type"], "text/plain; charset=utf-8");
    assert_eq!(attachment["size"], 13);
    assert_eq!(attachment["url"], file["url"]);
    let (_, history) = bob.get(&messages).await;
    assert_eq!(history[0]["attachments"][0]["id"], id.as_str());

    // A file goes with one message only.
    let reply = ada
        .post(
            &messages,
            json!({ "content": "again", "attachments": [id] }),
        )
        .await;
    assert_problem(&reply, StatusCode::CONFLICT, "file_in_use");

    let path = format!("{messages}/{}", text(&message["id"]));
    assert_eq!(ada.delete(&path).await.0, StatusCode::NO_CONTENT);
    let (status, _, _) = download(&app, &text(&file["url"]), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(files_under(&file_folder(&app)), 0);
}

#[tokio::test]
async fn only_your_own_attachment_uploads_can_be_attached() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let messages = format!("/channels/{}/messages", guild.general);
    let bobs = text(&uploaded(&app, &bob, "attachment", "b.txt", b"bob's").await["id"]);
    let avatar = text(&uploaded(&app, &ada, "avatar", "a.png", &png(64)).await["id"]);

    for foreign in [bobs.as_str(), avatar.as_str(), UNKNOWN_ID] {
        let reply = ada
            .post(
                &messages,
                json!({ "content": "x", "attachments": [foreign] }),
            )
            .await;
        assert_problem(
            &reply,
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_attachment",
        );
    }
    let reply = ada
        .post(
            &messages,
            json!({ "content": "x", "attachments": ["nope"] }),
        )
        .await;
    assert_invalid(&reply, "attachments");

    let mine = text(&uploaded(&app, &ada, "attachment", "a.txt", b"ada's").await["id"]);
    let reply = ada
        .post(
            &messages,
            json!({ "content": "x", "attachments": [mine, mine] }),
        )
        .await;
    assert_invalid(&reply, "attachments");
    let eleven: Vec<&str> = std::iter::repeat_n(mine.as_str(), 11).collect();
    let reply = ada
        .post(&messages, json!({ "content": "x", "attachments": eleven }))
        .await;
    assert_invalid(&reply, "attachments");
    let reply = ada.post(&messages, json!({ "content": "  " })).await;
    assert_invalid(&reply, "content");
}

#[tokio::test]
async fn an_avatar_is_set_replaced_and_removed() {
    let app = app_on_disk().await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;
    let first = uploaded(&app, &ada, "avatar", "first.png", &png(100)).await;
    let second = uploaded(&app, &ada, "avatar", "second.png", &png(200)).await;

    let (status, me) = ada
        .patch("/users/@me", json!({ "avatar": first["id"] }))
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["avatar"], first["id"]);
    let (_, seen) = bob.get(&format!("/users/{}", ada.user_id)).await;
    assert_eq!(seen["avatar"], first["id"]);
    // Changing something else keeps the avatar.
    let (_, me) = ada
        .patch("/users/@me", json!({ "display_name": "Ada" }))
        .await;
    assert_eq!(me["avatar"], first["id"]);

    let (_, me) = ada
        .patch("/users/@me", json!({ "avatar": second["id"] }))
        .await;
    assert_eq!(me["avatar"], second["id"]);
    let (status, _, _) = download(&app, &text(&first["url"]), &[]).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the replaced avatar is removed"
    );

    let (_, me) = ada.patch("/users/@me", json!({ "avatar": null })).await;
    assert_eq!(me["avatar"], Value::Null);
    let (status, _, _) = download(&app, &text(&second["url"]), &[]).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the removed avatar is removed"
    );
    assert_eq!(files_under(&file_folder(&app)), 0);

    // Only your own avatar uploads.
    let bobs = uploaded(&app, &bob, "avatar", "bob.png", &png(100)).await;
    let reply = ada
        .patch("/users/@me", json!({ "avatar": bobs["id"] }))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, "unknown_file");
    let attachment = uploaded(&app, &ada, "attachment", "a.png", &png(100)).await;
    let reply = ada
        .patch("/users/@me", json!({ "avatar": attachment["id"] }))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, "unknown_file");
    let reply = ada
        .patch("/users/@me", json!({ "avatar": "not-an-id" }))
        .await;
    assert_invalid(&reply, "avatar");
}

#[tokio::test]
async fn a_guild_icon_needs_manage_guild_and_goes_with_the_guild() {
    let app = app_on_disk().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let path = format!("/guilds/{}", guild.id);
    let icon = uploaded(&app, &ada, "icon", "icon.png", &png(100)).await;
    let bobs = uploaded(&app, &bob, "icon", "icon.png", &png(100)).await;

    let reply = bob.patch(&path, json!({ "icon": bobs["id"] })).await;
    assert_problem(&reply, StatusCode::FORBIDDEN, "forbidden");
    let (status, changed) = ada.patch(&path, json!({ "icon": icon["id"] })).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["icon"], icon["id"]);
    let (_, seen) = bob.get(&path).await;
    assert_eq!(seen["icon"], icon["id"]);

    assert_eq!(ada.delete(&path).await.0, StatusCode::NO_CONTENT);
    let (status, _, _) = download(&app, &text(&icon["url"]), &[]).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the icon goes with its guild"
    );
    // Bob's unused upload is still there (until the sweep).
    assert_eq!(files_under(&file_folder(&app)), 1);
}

#[tokio::test]
async fn deleting_a_channel_removes_its_attachments() {
    let app = app_on_disk().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Files").await;
    let (status, channel) = ada
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({ "name": "dumps" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{channel}");
    let channel = text(&channel["id"]);
    let file = uploaded(&app, &ada, "attachment", "dump.txt", b"lots of text").await;
    let body = json!({ "content": "here", "attachments": [file["id"]] });
    let (status, _) = ada
        .post(&format!("/channels/{channel}/messages"), body)
        .await;
    assert_eq!(status, StatusCode::CREATED);

    assert_eq!(
        ada.delete(&format!("/channels/{channel}")).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, _, _) = download(&app, &text(&file["url"]), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(files_under(&file_folder(&app)), 0);
}

#[tokio::test]
async fn readiness_reports_file_storage() {
    let app = spawn_app().await;
    let response = app
        .anon
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .expect("answer");
    let (status, body) = read_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["files"], true);
}
