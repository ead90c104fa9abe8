//! Reactions: unicode emoji in the path, added and removed idempotently.

use concord_domain::permissions::Permissions;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{
    Session, UNKNOWN_ID, assert_invalid, assert_problem, list, percent_encode, spawn_app, text,
};

const THUMBS_UP: &str = "👍";
const HEART: &str = "❤️";

/// Reacts (`PUT`) or takes a reaction back (`DELETE`) by path, as a client would.
async fn reaction(
    user: &Session,
    method: Method,
    message: &str,
    emoji: &str,
) -> (StatusCode, Value) {
    user.call(
        method,
        &format!("{message}/reactions/{}", percent_encode(emoji)),
        None,
    )
    .await
}

/// The message as history shows it.
async fn reread(user: &Session, channel: &str, id: &str) -> Value {
    let (_, history) = user.get(&format!("/channels/{channel}/messages")).await;
    list(&history)
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .expect("the message is listed")
}

#[tokio::test]
async fn reacting_twice_counts_once_and_removing_twice_changes_nothing() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let message = ada.send(&guild.general, "react to me").await;
    let id = text(&message["id"]);
    let path = format!("/channels/{}/messages/{id}", guild.general);

    for user in [&ada, &bob, &bob] {
        let (status, body) = reaction(user, Method::PUT, &path, THUMBS_UP).await;
        assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    }
    assert_eq!(
        reaction(&bob, Method::PUT, &path, HEART).await.0,
        StatusCode::NO_CONTENT
    );

    let seen = reread(&ada, &guild.general, &id).await;
    let expected = json!([
        { "emoji": THUMBS_UP, "count": 2, "users": [ada.user_id, bob.user_id] },
        { "emoji": HEART, "count": 1, "users": [bob.user_id] },
    ]);
    assert_eq!(seen["reactions"], expected);

    for _ in 0..2 {
        let (status, _) = reaction(&bob, Method::DELETE, &path, THUMBS_UP).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    assert_eq!(
        reaction(&bob, Method::DELETE, &path, HEART).await.0,
        StatusCode::NO_CONTENT
    );
    let seen = reread(&ada, &guild.general, &id).await;
    let expected = json!([{ "emoji": THUMBS_UP, "count": 1, "users": [ada.user_id] }]);
    assert_eq!(seen["reactions"], expected);
}

#[tokio::test]
async fn only_single_known_emoji_are_reactions() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let message = ada.send(&guild.general, "react to me").await;
    let path = format!(
        "/channels/{}/messages/{}",
        guild.general,
        text(&message["id"])
    );

    for bad in ["a", "👍👍", ":thumbsup:"] {
        for method in [Method::PUT, Method::DELETE] {
            let reply = reaction(&ada, method.clone(), &path, bad).await;
            assert_invalid(&reply, "emoji");
        }
    }
    assert_eq!(
        reaction(&ada, Method::PUT, &path, "👍🏽").await.0,
        StatusCode::NO_CONTENT
    );
    let unknown = format!("/channels/{}/messages/{UNKNOWN_ID}", guild.general);
    let missing = reaction(&ada, Method::PUT, &unknown, THUMBS_UP).await;
    assert_problem(&missing, StatusCode::NOT_FOUND, "unknown_message");
}

#[tokio::test]
async fn reacting_needs_add_reactions() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let message = ada.send(&guild.general, "no reactions please").await;
    let path = format!(
        "/channels/{}/messages/{}",
        guild.general,
        text(&message["id"])
    );
    let everyone = format!("/guilds/{}/roles/{}", guild.id, guild.id);
    let without = (Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES).bits();

    assert_eq!(
        ada.patch(&everyone, json!({ "permissions": without }))
            .await
            .0,
        StatusCode::OK
    );

    let refused = reaction(&bob, Method::PUT, &path, THUMBS_UP).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        reaction(&ada, Method::PUT, &path, THUMBS_UP).await.0,
        StatusCode::NO_CONTENT
    );
    let taken_back = reaction(&bob, Method::DELETE, &path, THUMBS_UP).await;
    assert_eq!(
        taken_back.0,
        StatusCode::NO_CONTENT,
        "removing one's own needs nothing"
    );
}
