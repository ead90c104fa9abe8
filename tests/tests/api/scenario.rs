//! The whole story a first release must tell, end to end over HTTP: two people sign up,
//! build a guild, talk in it, become friends and carry on in private.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{ids, list, percent_encode, spawn_app, text};

#[tokio::test]
async fn two_people_meet_in_a_guild_talk_become_friends_and_write_privately() {
    let app = spawn_app().await;

    // Both sign up.
    let ada = app.register("ada").await;
    let charles = app.register("charles").await;

    // Ada builds a guild with a channel for the engines and invites Charles.
    let guild = ada.create_guild("Analytical Society").await;
    let (status, engines) = ada
        .post(
            &format!("/guilds/{}/channels", guild.id),
            json!({ "name": "engines" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{engines}");
    let engines = text(&engines["id"]);
    let code = ada.invite(&guild.id).await;
    let (status, preview) = app.get_anon(&format!("/invites/{code}")).await;
    assert_eq!(
        (status, &preview["guild"]["name"]),
        (StatusCode::OK, &json!("Analytical Society"))
    );
    let (status, _) = charles.post(&format!("/invites/{code}"), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        ids(&charles.get("/users/@me/guilds").await.1),
        vec![guild.id.clone()]
    );

    // They talk: a question, an answer that replies and mentions, a reaction.
    let question = charles
        .send(&engines, "Shall we compute Bernoulli numbers?")
        .await;
    let answer = json!({
        "content": format!("<@{}> yes, note G is ready", charles.user_id),
        "reply_to": question["id"],
    });
    let (status, answer) = ada
        .post(&format!("/channels/{engines}/messages"), answer)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["mentions"], json!([charles.user_id]));
    let reaction = format!(
        "/channels/{engines}/messages/{}/reactions/{}",
        text(&answer["id"]),
        percent_encode("🎉")
    );
    assert_eq!(
        charles.put(&reaction, json!({})).await.0,
        StatusCode::NO_CONTENT
    );
    let mut sent = vec![text(&question["id"]), text(&answer["id"])];
    for n in 0..58 {
        let author = if n % 2 == 0 { &ada } else { &charles };
        sent.push(text(
            &author.send(&engines, &format!("step {n}")).await["id"],
        ));
    }

    // Charles catches up by paging back through the history.
    let mut read = Vec::new();
    let mut before = String::new();
    loop {
        let page = format!("/channels/{engines}/messages?limit=20{before}");
        let (status, page) = charles.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        if list(&page).is_empty() {
            break;
        }
        read.extend(ids(&page));
        before = format!("&before={}", read.last().expect("a message"));
    }
    sent.reverse();
    assert_eq!(read, sent);
    let ack = json!({ "message_id": read[0] });
    assert_eq!(
        charles
            .post(&format!("/channels/{engines}/ack"), ack)
            .await
            .0,
        StatusCode::OK
    );
    let (_, states) = charles.get("/users/@me/read_states").await;
    assert_eq!(
        states,
        json!([{ "channel_id": engines, "last_message_id": read[0] }])
    );
    let (_, oldest) = charles
        .get(&format!("/channels/{engines}/messages?after={}", read[59]))
        .await;
    assert_eq!(list(&oldest).len(), 50);

    // They become friends.
    let asked = ada
        .post("/users/@me/relationships", json!({ "username": "charles" }))
        .await;
    assert_eq!(asked.1["type"], "outgoing");
    let path = format!("/users/@me/relationships/{}", ada.user_id);
    let accepted = charles.put(&path, json!({ "type": "friend" })).await;
    assert_eq!(accepted.1["type"], "friend");
    let (_, friends) = ada.get("/users/@me/relationships").await;
    assert_eq!(friends[0]["user"]["username"], "charles");
    assert_eq!(friends[0]["type"], "friend");

    // And carry on in private.
    let (status, dm) = ada.open_dm(&charles).await;
    assert_eq!(status, StatusCode::OK, "{dm}");
    let dm = text(&dm["id"]);
    assert_eq!(text(&charles.open_dm(&ada).await.1["id"]), dm);
    let private = ada
        .send(&dm, "Between us: the engine needs more brass.")
        .await;
    let reply = charles.send(&dm, "I shall write to the foundry.").await;
    let (_, history) = ada.get(&format!("/channels/{dm}/messages")).await;
    assert_eq!(
        ids(&history),
        vec![text(&reply["id"]), text(&private["id"])]
    );
    assert_eq!(
        ids(&charles.get("/users/@me/channels").await.1),
        vec![dm.clone()]
    );
    let (_, dm_channel) = charles.get(&format!("/channels/{dm}")).await;
    assert_eq!(dm_channel["last_message_id"], reply["id"]);
}
