//! Opcodes and close codes.

use std::time::Duration;

use serde_json::json;

use crate::client::{Ended, Gw};
use crate::support::{spawn_app, spawn_app_with};

#[tokio::test]
async fn hello_announces_the_heartbeat_and_ready_describes_the_whole_ui() {
    let app = spawn_app().await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    app.befriend(&owner, &member).await;
    let (status, _) = owner.open_dm(&member).await;
    assert!(status.is_success());

    let (gw, ready) = Gw::ready(&app, &owner.token).await;
    assert_eq!(gw.heartbeat_interval, 41_250);
    assert!(ready["session_id"].as_str().unwrap().len() >= 16);
    assert_eq!(ready["user"]["id"], owner.user_id.as_str());
    assert_eq!(ready["user"]["email"], owner.email.as_str());

    let guilds = ready["guilds"].as_array().unwrap();
    assert_eq!(guilds.len(), 1);
    assert_eq!(guilds[0]["id"], guild.id.as_str());
    assert_eq!(guilds[0]["channels"][0]["name"], "general");
    assert_eq!(guilds[0]["channels"][0]["type"], "text");
    assert_eq!(guilds[0]["members"].as_array().unwrap().len(), 2);
    let presences = guilds[0]["presences"].as_array().unwrap();
    let own = presences
        .iter()
        .find(|p| p["user_id"] == owner.user_id.as_str())
        .unwrap();
    assert_eq!(own["status"], "online");
    assert!(
        guilds[0]["members"].to_string().find("@").is_none(),
        "no emails of members"
    );

    assert_eq!(ready["dm_channels"].as_array().unwrap().len(), 1);
    assert_eq!(ready["relationships"][0]["type"], "friend");
    assert!(ready["read_states"].is_array());
}

#[tokio::test]
async fn heartbeats_are_acknowledged_before_and_after_identifying() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 1, "d": null})).await;
    assert_eq!(gw.frame().await.unwrap()["op"], 11);

    gw.send(json!({"op": 2, "d": {"token": user.token}})).await;
    gw.dispatch("READY").await;
    gw.send(json!({"op": 1, "d": gw.seq})).await;
    let ack = loop {
        let frame = gw.frame().await.unwrap();
        if frame["op"] != 0 {
            break frame;
        }
    };
    assert_eq!(ack["op"], 11);
}

#[tokio::test]
async fn an_unknown_opcode_closes_with_4001() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 42, "d": null})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4001));
}

#[tokio::test]
async fn a_server_only_opcode_from_a_client_closes_with_4001() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 10, "d": null})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4001));
}

#[tokio::test]
async fn malformed_json_closes_with_4002() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send_text("{not json".into()).await;
    assert_eq!(gw.ended().await, Ended::Closed(4002));
}

#[tokio::test]
async fn an_identify_without_a_token_closes_with_4002() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 2, "d": {}})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4002));
}

#[tokio::test]
async fn an_oversized_frame_closes_the_connection_without_harm() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    let huge = format!(r#"{{"op":1,"d":"{}"}}"#, "x".repeat(64 * 1024));
    gw.send_text(huge).await;
    assert_eq!(gw.ended().await, Ended::Closed(4002));

    let user = app.register("ada").await;
    let (_, ready) = Gw::ready(&app, &user.token).await;
    assert_eq!(
        ready["user"]["username"], "ada",
        "the server still serves others"
    );
}

#[tokio::test]
async fn a_payload_before_identifying_closes_with_4003() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 3, "d": {"status": "idle"}})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4003));
}

#[tokio::test]
async fn a_bad_token_closes_with_4004() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    gw.send(json!({"op": 2, "d": {"token": "not.a.token"}}))
        .await;
    assert_eq!(gw.ended().await, Ended::Closed(4004));
}

#[tokio::test]
async fn identifying_twice_closes_with_4005() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let (mut gw, _) = Gw::ready(&app, &user.token).await;
    gw.send(json!({"op": 2, "d": {"token": user.token}})).await;
    assert_eq!(gw.ended().await, Ended::Closed(4005));
}

#[tokio::test]
async fn a_flood_of_frames_closes_with_4008() {
    let app = spawn_app().await;
    let mut gw = Gw::connect(&app).await;
    for _ in 0..200 {
        gw.send_text(r#"{"op":1,"d":null}"#.into()).await;
    }
    assert_eq!(gw.ended().await, Ended::Closed(4008));
}

#[tokio::test]
async fn an_identify_storm_is_closed_with_4008_and_others_still_get_in() {
    let app = spawn_app_with(|config| config.rate_limits = "identify=3/60".into()).await;
    let ada = app.register("ada").await;
    let bob = app.register("bob").await;

    for _ in 0..3 {
        let (gw, _) = Gw::ready(&app, &ada.token).await;
        drop(gw);
    }
    let mut storm = Gw::connect(&app).await;
    storm
        .send(json!({ "op": 2, "d": { "token": ada.token } }))
        .await;
    assert_eq!(storm.ended().await, Ended::Closed(4008));

    let (_, ready) = Gw::ready(&app, &bob.token).await;
    assert_eq!(ready["user"]["id"], bob.user_id.as_str());
}

#[tokio::test]
async fn a_client_that_never_identifies_is_closed_with_4009() {
    let app = spawn_app_with(|config| config.identify_timeout = 300).await;
    let mut gw = Gw::connect(&app).await;
    assert_eq!(gw.ended().await, Ended::Closed(4009));
}

#[tokio::test]
async fn a_client_that_stops_heartbeating_is_closed_with_4009() {
    let app = spawn_app_with(|config| config.heartbeat_interval = 300).await;
    let user = app.register("ada").await;
    let (mut gw, _) = Gw::ready(&app, &user.token).await;
    assert_eq!(gw.heartbeat_interval, 300);
    assert_eq!(gw.ended().await, Ended::Closed(4009));
}

#[tokio::test]
async fn a_heartbeating_client_stays_connected_past_the_interval() {
    let app = spawn_app_with(|config| config.heartbeat_interval = 300).await;
    let user = app.register("ada").await;
    let (mut gw, _) = Gw::ready(&app, &user.token).await;
    for _ in 0..6 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        gw.send(json!({"op": 1, "d": gw.seq})).await;
    }
    gw.send(json!({"op": 1, "d": gw.seq})).await;
    let mut acked = false;
    while let Some(frame) = gw.frame_within(Duration::from_millis(500)).await {
        if frame["op"] == 11 {
            acked = true;
            break;
        }
    }
    assert!(acked, "still connected and acknowledged after 900 ms");
}

#[tokio::test]
async fn presence_goes_online_idle_and_offline_for_guild_mates() {
    let app = spawn_app().await;
    let (owner, member, _) = app.guild_with_member("ada", "bob").await;
    let (mut watcher, _) = Gw::ready(&app, &owner.token).await;

    let (mut gw, _) = Gw::ready(&app, &member.token).await;
    assert_eq!(watcher.presence_of(&member.user_id).await, "online");

    gw.send(json!({"op": 3, "d": {"status": "idle"}})).await;
    assert_eq!(watcher.presence_of(&member.user_id).await, "idle");

    gw.drop_connection().await;
    assert_eq!(watcher.presence_of(&member.user_id).await, "offline");
}

#[tokio::test]
async fn shutting_down_asks_clients_to_reconnect() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let (mut gw, _) = Gw::ready(&app, &user.token).await;
    let stopping = tokio::spawn(app.stop());

    let reconnect = loop {
        let frame = gw.frame().await.expect("a RECONNECT frame");
        if frame["op"] != 0 {
            break frame;
        }
    };
    assert_eq!(reconnect["op"], 7);
    assert_eq!(gw.ended().await, Ended::Closed(1001));
    stopping.await.unwrap();
}

/// Opens a WebSocket to `/gateway` by hand over TCP and returns the socket after the
/// server's 101, so that a test can send bytes no well-behaved client library would.
async fn raw_upgrade(app: &crate::support::TestApp) -> tokio::net::TcpStream {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let address = app.base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connects");
    let request = format!(
        "GET /gateway HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n\r\n"
    );
    socket
        .write_all(request.as_bytes())
        .await
        .expect("sends the upgrade");
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        socket
            .read_exact(&mut byte)
            .await
            .expect("reads the answer");
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    socket
}

#[tokio::test]
async fn a_frame_never_finished_is_cut_off_and_others_are_served_meanwhile() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = spawn_app_with(|config| config.identify_timeout = 500).await;
    let ada = app.register("ada").await;
    let mut stalled = raw_upgrade(&app).await;
    // A masked text frame announcing 4,096 bytes, of which only 10 ever come.
    let mut frame = vec![0x81, 0xFE, 0x10, 0x00, 1, 2, 3, 4];
    frame.extend_from_slice(b"{\"op\":2,\"d");
    stalled.write_all(&frame).await.expect("sends half a frame");

    let started = tokio::time::Instant::now();
    let (_, ready) = Gw::ready(&app, &ada.token).await;
    assert_eq!(ready["user"]["id"], ada.user_id.as_str());
    let served_in = started.elapsed();

    // The stalled socket gets HELLO and is then closed once its time to identify is up.
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stalled.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the half-sent frame kept its connection open");
    println!("another client got READY in {served_in:?} meanwhile");
}

#[tokio::test]
async fn one_address_cannot_hold_more_connections_than_its_cap() {
    let app = spawn_app_with(|config| config.gateway_max_per_address = 3).await;
    let url = format!("{}/gateway", app.base.replacen("http", "ws", 1));

    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(Gw::connect(&app).await);
    }
    match tokio_tungstenite::connect_async(&url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 429);
        }
        other => panic!(
            "a fourth connection was not refused: {:?}",
            other.map(|_| ())
        ),
    }

    // A connection that ends gives its place back.
    drop(open.pop());
    let mut admitted = false;
    for _ in 0..50 {
        if tokio_tungstenite::connect_async(&url).await.is_ok() {
            admitted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(admitted, "the freed place was not given back");
}
