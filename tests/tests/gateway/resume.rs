//! RESUME: replaying what a dropped connection missed, and refusing what cannot be.

use serde_json::json;

use crate::client::{Ended, Gw};
use crate::support::{Session, TestApp, spawn_app, text};

#[tokio::test]
async fn resuming_replays_missed_dispatches_in_order_then_resumed() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, ready) = Gw::ready(&app, &member.token).await;
    let session_id = text(&ready["session_id"]);

    owner.send(&guild.general, "seen").await;
    gw.dispatch("MESSAGE_CREATE").await;
    let last_seen = gw.seq;
    gw.drop_connection().await;

    for n in 0..3 {
        owner.send(&guild.general, &format!("missed {n}")).await;
    }

    let mut again = Gw::resume_at(&app.base, &member.token, &session_id, last_seen).await;
    for n in 0..3 {
        let message = again.dispatch("MESSAGE_CREATE").await;
        assert_eq!(message["content"], format!("missed {n}"));
    }
    again.dispatch("RESUMED").await;

    owner.send(&guild.general, "live again").await;
    assert_eq!(
        again.dispatch("MESSAGE_CREATE").await["content"],
        "live again"
    );
}

/// Opens a session for `user` on `app` and drops its connection at once; returns the
/// session's id and the sequence number to resume after.
async fn open_and_leave(app: &TestApp, user: &Session) -> (String, u64) {
    let (gw, ready) = Gw::ready(app, &user.token).await;
    (text(&ready["session_id"]), gw.leave().await)
}

#[tokio::test]
async fn a_member_kicked_while_away_resumes_without_what_was_said_after() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (session_id, last_seen) = open_and_leave(&app, &member).await;

    owner.send(&guild.general, "before the kick").await;
    let kick = format!("/guilds/{}/members/{}", guild.id, member.user_id);
    assert!(owner.delete(&kick).await.0.is_success());
    owner.send(&guild.general, "after the kick").await;

    let mut again = Gw::resume_at(&app.base, &member.token, &session_id, last_seen).await;
    let mut replayed = Vec::new();
    loop {
        let frame = again.frame().await.expect("the replay, then RESUMED");
        match frame["t"].as_str() {
            Some("RESUMED") => break,
            Some("MESSAGE_CREATE") => replayed.push(text(&frame["d"]["content"])),
            Some("GUILD_DELETE") => replayed.push("GUILD_DELETE".to_owned()),
            _ => {}
        }
    }
    assert_eq!(replayed, ["before the kick", "GUILD_DELETE"]);
}

#[tokio::test]
async fn resuming_an_unknown_session_asks_to_identify_again() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let mut gw = Gw::resume_at(&app.base, &user.token, "nope", 3).await;
    let frame = gw.frame().await.unwrap();
    assert_eq!(frame["op"], 9);
    assert_eq!(frame["d"], false);

    gw.seq = 0;
    gw.send(json!({"op": 2, "d": {"token": user.token}})).await;
    gw.dispatch("READY").await;
}

#[tokio::test]
async fn resuming_with_a_future_seq_closes_with_4007() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let (session_id, _) = open_and_leave(&app, &user).await;
    let mut again = Gw::resume_at(&app.base, &user.token, &session_id, 999).await;
    assert_eq!(again.ended().await, Ended::Closed(4007));
}

#[tokio::test]
async fn resuming_someone_elses_session_closes_with_4004() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let eve = app.register("eve").await;
    let (session_id, _) = open_and_leave(&app, &ada).await;
    let mut thief = Gw::resume_at(&app.base, &eve.token, &session_id, 1).await;
    assert_eq!(thief.ended().await, Ended::Closed(4004));
}

#[tokio::test]
async fn resume_on_an_authenticated_connection_closes_with_4005() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let (mut gw, ready) = Gw::ready(&app, &user.token).await;
    let resume = json!({"token": user.token, "session_id": ready["session_id"], "seq": 1});
    gw.send(json!({"op": 6, "d": resume})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4005));
}
