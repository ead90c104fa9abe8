//! RESUME: replaying what a dropped connection missed, and refusing what cannot be.

use std::time::Duration;

use serde_json::json;

use crate::client::{Ended, Gw};
use crate::support::{Guild, Session, TestApp, spawn_app, spawn_app_with, text};

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

/// Sends a heartbeat saying the client has everything up to its last sequence number, and
/// waits for its acknowledgement.
async fn acknowledge(gw: &mut Gw) {
    gw.send(json!({"op": 1, "d": gw.seq})).await;
    while gw.frame().await.expect("HEARTBEAT_ACK")["op"] != 11 {}
}

#[tokio::test]
async fn dispatches_a_heartbeat_acknowledged_are_not_kept_for_replay() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, ready) = Gw::ready(&app, &member.token).await;
    let session_id = text(&ready["session_id"]);
    let after_ready = gw.seq;

    owner.send(&guild.general, "one").await;
    gw.dispatch("MESSAGE_CREATE").await;
    acknowledge(&mut gw).await;
    owner.send(&guild.general, "two").await;
    gw.dispatch("MESSAGE_CREATE").await;
    gw.drop_connection().await;

    // "one" was acknowledged, so the session can no longer replay from before it.
    let mut again = Gw::resume_at(&app.base, &member.token, &session_id, after_ready).await;
    let frame = again.frame().await.expect("an answer to RESUME");
    assert_eq!(frame, json!({"op": 9, "d": false}));
}

#[tokio::test]
async fn a_resume_from_the_acknowledged_number_replays_what_came_after() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut gw, ready) = Gw::ready(&app, &member.token).await;
    let session_id = text(&ready["session_id"]);

    owner.send(&guild.general, "one").await;
    gw.dispatch("MESSAGE_CREATE").await;
    acknowledge(&mut gw).await;
    let acknowledged = gw.seq;
    owner.send(&guild.general, "two").await;
    gw.dispatch("MESSAGE_CREATE").await;
    gw.drop_connection().await;
    owner.send(&guild.general, "three").await;

    let mut again = Gw::resume_at(&app.base, &member.token, &session_id, acknowledged).await;
    assert_eq!(again.dispatch("MESSAGE_CREATE").await["content"], "two");
    assert_eq!(again.dispatch("MESSAGE_CREATE").await["content"], "three");
    again.dispatch("RESUMED").await;
}

/// Opens a session for `user` on `app` and drops its connection at once; returns the
/// session's id and the sequence number to resume after.
async fn open_and_leave(app: &TestApp, user: &Session) -> (String, u64) {
    let (gw, ready) = Gw::ready(app, &user.token).await;
    (text(&ready["session_id"]), gw.leave().await)
}

/// More dispatches than the 1,000 a session must keep at the least.
const MANY: usize = 1_200;

/// Sends `count` messages, one after the other, numbered from `from`; returns their
/// contents in order.
pub async fn send_numbered(
    owner: &Session,
    guild: &Guild,
    from: usize,
    count: usize,
) -> Vec<String> {
    let mut sent = Vec::with_capacity(count);
    for n in from..from + count {
        let content = format!("n{n:05}");
        owner.send(&guild.general, &content).await;
        sent.push(content);
    }
    sent
}

/// Reads `count` MESSAGE_CREATEs, checking each is numbered one past the frame before.
pub async fn read_numbered(gw: &mut Gw, count: usize) -> Vec<String> {
    let mut contents = Vec::with_capacity(count);
    while contents.len() < count {
        let before = gw.seq;
        let frame = gw.frame().await.expect("the next dispatch");
        if frame["op"] != 0 {
            continue;
        }
        assert_eq!(frame["s"], before + 1, "no dispatch skipped: {frame}");
        if frame["t"] == "MESSAGE_CREATE" {
            contents.push(text(&frame["d"]["content"]));
        }
    }
    contents
}

/// Has `member` miss [`MANY`] messages of `guild` that `owner` sends, while connected to
/// `first` but reading no more and then while disconnected, and resume on `second`:
/// every one must come back once, in order, numbered without a gap.
pub async fn miss_many_then_resume(
    first: &TestApp,
    second: &TestApp,
    (owner, member, guild): (&Session, &Session, &Guild),
) {
    let (gw, ready) = Gw::ready(first, &member.token).await;
    let session_id = text(&ready["session_id"]);
    let last_seen = gw.seq;

    // Half are dispatched to a connection whose client reads no more (they come back
    // from the session's history), half while no connection serves it (from its queue,
    // or on another replica from its checkpoints).
    let mut sent = send_numbered(owner, guild, 0, MANY / 2).await;
    gw.drop_connection().await;
    sent.extend(send_numbered(owner, guild, MANY / 2, MANY / 2).await);

    let mut again = Gw::resume_at(&second.base, &member.token, &session_id, last_seen).await;
    let replayed = read_numbered(&mut again, MANY).await;
    assert_eq!(replayed, sent, "every missed message, once, in order");
    again.dispatch("RESUMED").await;
}

#[tokio::test]
async fn more_than_a_thousand_missed_dispatches_all_come_back_in_order() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    miss_many_then_resume(&app, &app, (&owner, &member, &guild)).await;
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
async fn a_session_past_its_resume_window_asks_to_identify_again() {
    let app = spawn_app_with(|config| config.resume_window = 300).await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (session_id, last_seen) = open_and_leave(&app, &member).await;
    owner.send(&guild.general, "too late for bob").await;
    tokio::time::sleep(Duration::from_millis(600)).await;

    let mut late = Gw::resume_at(&app.base, &member.token, &session_id, last_seen).await;
    let frame = late.frame().await.expect("an answer to RESUME");
    assert_eq!(frame, json!({"op": 9, "d": false}));

    // Identifying again works (a new session, numbered afresh), and REST has what the
    // session missed.
    late.seq = 0;
    late.send(json!({"op": 2, "d": {"token": member.token}}))
        .await;
    late.dispatch("READY").await;
    let (_, messages) = member
        .get(&format!("/channels/{}/messages", guild.general))
        .await;
    assert_eq!(messages[0]["content"], "too late for bob");
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
