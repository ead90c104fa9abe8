//! Messages: sending, history, nonces, replies, mentions, edits, deletes, typing and
//! read acknowledgements.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{UNKNOWN_ID, assert_invalid, assert_problem, ids, list, spawn_app, text};

#[tokio::test]
async fn a_sent_message_is_trimmed_stored_and_shown_newest_first() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;

    let first = ada.send(&guild.general, "  first  ").await;
    let second = ada.send(&guild.general, "second").await;

    assert_eq!(first["content"], "first");
    assert_eq!(first["author_id"], ada.user_id.as_str());
    assert_eq!(first["channel_id"], guild.general.as_str());
    assert_eq!(
        (&first["edited_at"], &first["reply_to"]),
        (&json!(null), &json!(null))
    );
    assert_eq!(
        (&first["reactions"], &first["attachments"]),
        (&json!([]), &json!([]))
    );
    let (status, history) = ada
        .get(&format!("/channels/{}/messages", guild.general))
        .await;
    assert_eq!(status, StatusCode::OK, "{history}");
    assert_eq!(ids(&history), vec![text(&second["id"]), text(&first["id"])]);
    let (_, channel) = ada.get(&format!("/channels/{}", guild.general)).await;
    assert_eq!(channel["last_message_id"], second["id"]);
}

#[tokio::test]
async fn content_must_hold_one_to_four_thousand_characters_after_trimming() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/channels/{}/messages", guild.general);

    let too_long = "é".repeat(4001);
    for bad in ["", "   \n\t ", too_long.as_str()] {
        assert_invalid(&ada.post(&path, json!({ "content": bad })).await, "content");
    }
    let longest = format!("  {}  ", "é".repeat(4000));
    assert_eq!(
        ada.post(&path, json!({ "content": longest })).await.0,
        StatusCode::CREATED
    );
    let (_, history) = ada.get(&path).await;
    assert_eq!(list(&history).len(), 1, "refused messages were not stored");
}

#[tokio::test]
async fn history_pages_through_everything_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let mut sent = Vec::new();
    for n in 0..120 {
        sent.push(text(
            &ada.send(&guild.general, &format!("message {n}")).await["id"],
        ));
    }
    let path = format!("/channels/{}/messages", guild.general);

    let mut backwards = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let query = before
            .as_ref()
            .map_or(String::new(), |id| format!("&before={id}"));
        let (status, page) = ada.get(&format!("{path}?limit=25{query}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let page = ids(&page);
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 25);
        before = page.last().cloned();
        backwards.extend(page);
    }
    let newest_first: Vec<String> = sent.iter().rev().cloned().collect();
    assert_eq!(backwards, newest_first);

    let (_, oldest) = ada.get(&format!("{path}?after={}&limit=10", sent[0])).await;
    let expected: Vec<String> = sent[1..11].iter().rev().cloned().collect();
    assert_eq!(
        ids(&oldest),
        expected,
        "after gives the next ones, newest first"
    );
    let (_, latest) = ada.get(&path).await;
    assert_eq!(ids(&latest), newest_first[..50].to_vec(), "50 by default");
    let (_, most) = ada.get(&format!("{path}?limit=100")).await;
    let unique: HashSet<String> = ids(&most).into_iter().collect();
    assert_eq!(unique.len(), 100);
}

#[tokio::test]
async fn history_queries_are_validated() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let id = text(&ada.send(&guild.general, "hi").await["id"]);
    let path = format!("/channels/{}/messages", guild.general);

    for limit in ["0", "101", "-1", "x"] {
        assert_invalid(&ada.get(&format!("{path}?limit={limit}")).await, "limit");
    }
    let both = ada.get(&format!("{path}?before={id}&after={id}")).await;
    assert_problem(&both, StatusCode::BAD_REQUEST, "invalid_input");
    assert_invalid(&ada.get(&format!("{path}?before=nope")).await, "before");
    assert_invalid(&ada.get(&format!("{path}?after=nope")).await, "after");
    assert_invalid(&ada.get("/channels/nope/messages").await, "channel_id");
}

#[tokio::test]
async fn a_retry_with_the_same_nonce_returns_the_first_message() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let path = format!("/channels/{}/messages", guild.general);
    let body = json!({ "content": "only once", "nonce": "client-42" });

    let (first_status, first) = ada.post(&path, body.clone()).await;
    let (retry_status, retry) = ada.post(&path, body).await;

    assert_eq!(
        (first_status, retry_status),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    assert_eq!(first["id"], retry["id"]);
    assert_eq!(first["nonce"], "client-42");
    assert_eq!(ids(&ada.get(&path).await.1), vec![text(&first["id"])]);
    let other = ada
        .post(&path, json!({ "content": "x", "nonce": "client-43" }))
        .await;
    assert_ne!(other.1["id"], first["id"]);
    for bad in ["", "has space", &"n".repeat(65)] {
        assert_invalid(
            &ada.post(&path, json!({ "content": "x", "nonce": bad }))
                .await,
            "nonce",
        );
    }
}

#[tokio::test]
async fn a_nonce_only_deduplicates_one_authors_messages_in_one_channel() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let create = format!("/guilds/{}/channels", guild.id);
    let (_, other) = ada.post(&create, json!({ "name": "other" })).await;
    let general = format!("/channels/{}/messages", guild.general);
    let body = json!({ "content": "hello", "nonce": "shared-nonce" });

    let (_, first) = ada.post(&general, body.clone()).await;
    let (status, bobs) = bob.post(&general, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{bobs}");
    let other = format!("/channels/{}/messages", text(&other["id"]));
    let (status, elsewhere) = ada.post(&other, body).await;
    assert_eq!(status, StatusCode::CREATED, "{elsewhere}");

    assert_eq!(bobs["author_id"], bob.user_id.as_str());
    let distinct: HashSet<String> = [&first, &bobs, &elsewhere]
        .iter()
        .map(|m| text(&m["id"]))
        .collect();
    assert_eq!(distinct.len(), 3);
    assert_eq!(ids(&ada.get(&general).await.1).len(), 2);
}

#[tokio::test]
async fn replies_must_point_into_the_same_channel() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let (_, other) = ada
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({ "name": "other" }),
        )
        .await;
    let elsewhere = ada.send(&text(&other["id"]), "over here").await;
    let here = ada.send(&guild.general, "right here").await;
    let path = format!("/channels/{}/messages", guild.general);

    let (status, reply) = ada
        .post(&path, json!({ "content": "yes", "reply_to": here["id"] }))
        .await;
    assert_eq!(
        (status, &reply["reply_to"]),
        (StatusCode::CREATED, &here["id"])
    );
    let astray = json!({ "content": "no", "reply_to": elsewhere["id"] });
    assert_invalid(&ada.post(&path, astray).await, "reply_to");
    let unknown = json!({ "content": "no", "reply_to": UNKNOWN_ID });
    assert_invalid(&ada.post(&path, unknown).await, "reply_to");
    assert_invalid(
        &ada.post(&path, json!({ "content": "no", "reply_to": "x" }))
            .await,
        "reply_to",
    );
}

#[tokio::test]
async fn mentions_are_read_from_the_content() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;

    let content = format!(
        "hi <@{}> and <@{}>, again <@{}> <@nope>",
        bob.user_id, ada.user_id, bob.user_id
    );
    let message = ada.send(&guild.general, &content).await;

    assert_eq!(message["mentions"], json!([bob.user_id, ada.user_id]));
    let path = format!(
        "/channels/{}/messages/{}",
        guild.general,
        text(&message["id"])
    );
    let (_, edited) = ada.patch(&path, json!({ "content": "never mind" })).await;
    assert_eq!(edited["mentions"], json!([]));
}

#[tokio::test]
async fn only_the_author_may_edit_a_message() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let message = bob.send(&guild.general, "tpyo").await;
    let path = format!(
        "/channels/{}/messages/{}",
        guild.general,
        text(&message["id"])
    );

    let (status, edited) = bob.patch(&path, json!({ "content": " typo " })).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(
        (&edited["content"], &edited["id"]),
        (&json!("typo"), &message["id"])
    );
    assert!(edited["edited_at"].as_i64().is_some(), "{edited}");
    assert_eq!(
        ids(&bob
            .get(&format!("/channels/{}/messages", guild.general))
            .await
            .1)
        .len(),
        1
    );

    let refused = ada.patch(&path, json!({ "content": "owned" })).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    assert_invalid(
        &bob.patch(&path, json!({ "content": "  " })).await,
        "content",
    );
    let unknown = format!("/channels/{}/messages/{UNKNOWN_ID}", guild.general);
    let missing = bob.patch(&unknown, json!({ "content": "x" })).await;
    assert_problem(&missing, StatusCode::NOT_FOUND, "unknown_message");
    let bad = format!("/channels/{}/messages/nope", guild.general);
    assert_invalid(
        &bob.patch(&bad, json!({ "content": "x" })).await,
        "message_id",
    );
}

#[tokio::test]
async fn authors_delete_their_own_messages_and_managers_anyones() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let history = format!("/channels/{}/messages", guild.general);
    let path = |message: &Value| format!("{history}/{}", text(&message["id"]));
    let adas = ada.send(&guild.general, "from ada").await;
    let bobs = bob.send(&guild.general, "from bob").await;
    let bobs_too = bob.send(&guild.general, "bob again").await;

    assert_problem(
        &bob.delete(&path(&adas)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(bob.delete(&path(&bobs)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(ada.delete(&path(&bobs_too)).await.0, StatusCode::NO_CONTENT);

    assert_eq!(ids(&ada.get(&history).await.1), vec![text(&adas["id"])]);
    assert_problem(
        &bob.delete(&path(&bobs)).await,
        StatusCode::NOT_FOUND,
        "unknown_message",
    );
}

#[tokio::test]
async fn typing_and_acks_are_accepted_and_read_states_remember_acks() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let message = ada.send(&guild.general, "read me").await;

    let (status, body) = bob
        .post(&format!("/channels/{}/typing", guild.general), json!({}))
        .await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    assert_invalid(
        &bob.post("/channels/not-an-id/typing", json!({})).await,
        "channel_id",
    );
    assert_eq!(bob.get("/users/@me/read_states").await.1, json!([]));
    let ack = format!("/channels/{}/ack", guild.general);
    let (status, state) = bob.post(&ack, json!({ "message_id": message["id"] })).await;
    assert_eq!(status, StatusCode::OK, "{state}");

    let expected = json!([{ "channel_id": guild.general, "last_message_id": message["id"] }]);
    assert_eq!(bob.get("/users/@me/read_states").await.1, expected);
    assert_eq!(
        ada.get("/users/@me/read_states").await.1,
        json!([]),
        "read states are own"
    );
    let unknown = bob.post(&ack, json!({ "message_id": UNKNOWN_ID })).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_message");
    assert_invalid(
        &bob.post(&ack, json!({ "message_id": "x" })).await,
        "message_id",
    );
}

#[tokio::test]
async fn categories_refuse_messages_and_attachments_are_unknown_files() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let (_, category) = ada
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({ "name": "c", "type": "category" }),
        )
        .await;
    let category = text(&category["id"]);

    let in_category = format!("/channels/{category}/messages");
    let refused = ada.post(&in_category, json!({ "content": "x" })).await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_a_text_channel",
    );
    let typing = ada
        .post(&format!("/channels/{category}/typing"), json!({}))
        .await;
    assert_problem(
        &typing,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_a_text_channel",
    );

    let path = format!("/channels/{}/messages", guild.general);
    let attached = json!({ "content": "see file", "attachments": [UNKNOWN_ID] });
    let reply = ada.post(&path, attached).await;
    assert_problem(
        &reply,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_attachment",
    );
    let malformed = json!({ "content": "see file", "attachments": ["nope"] });
    assert_invalid(&ada.post(&path, malformed).await, "attachments");
    assert_eq!(ada.get(&path).await.1, json!([]));
}

#[tokio::test]
async fn strangers_are_told_a_channel_and_its_messages_do_not_exist() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let eve = app.register("eve").await;
    let guild = ada.create_guild("Engines").await;
    let message = ada.send(&guild.general, "members only").await;
    let channel = format!("/channels/{}", guild.general);
    let one = format!("{channel}/messages/{}", text(&message["id"]));
    let unknown = |reply| assert_problem(&reply, StatusCode::NOT_FOUND, "unknown_channel");

    unknown(eve.get(&format!("{channel}/messages")).await);
    unknown(
        eve.post(&format!("{channel}/messages"), json!({ "content": "hi" }))
            .await,
    );
    unknown(eve.patch(&one, json!({ "content": "mine" })).await);
    unknown(eve.delete(&one).await);
    unknown(
        eve.call(Method::PUT, &format!("{one}/reactions/%F0%9F%91%8D"), None)
            .await,
    );
    unknown(eve.post(&format!("{channel}/typing"), json!({})).await);
    unknown(
        eve.post(
            &format!("{channel}/ack"),
            json!({ "message_id": message["id"] }),
        )
        .await,
    );
    assert_eq!(
        list(&ada.get(&format!("{channel}/messages")).await.1).len(),
        1
    );
}
