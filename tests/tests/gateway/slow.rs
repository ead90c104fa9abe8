//! A client that stops reading is disconnected; everyone else keeps their pace.

use std::time::Duration;

use futures_util::future::join_all;

use crate::client::{Ended, Gw};
use crate::support::spawn_app_with;

/// How many clients the server at `base` has cut off as too slow, from `/metrics`.
async fn slow_consumers(http: &reqwest::Client, base: &str) -> u64 {
    let metrics = http.get(format!("{base}/metrics")).send().await.unwrap();
    let text = metrics.text().await.unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("concord_gateway_slow_consumers_total "))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_cut_off_and_others_keep_receiving() {
    let app = spawn_app_with(|config| config.gateway_queue = 64).await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut sluggard, _) = Gw::ready(&app, &owner.token).await;
    let (mut reader, _) = Gw::ready(&app, &member.token).await;

    // The reader reads all the time, on its own task, as a healthy client does.
    let reading = tokio::spawn(async move {
        let mut received = 0;
        while received < 1500 {
            let batch = reader
                .dispatches_within("MESSAGE_CREATE", Duration::from_secs(10))
                .await;
            if batch.is_empty() {
                break;
            }
            received += batch.len();
        }
        received
    });

    // The sluggard reads nothing until two seconds after the server cut it off (longer
    // than the server waits for a closing handshake), like a client that stalled for a
    // while; then, behind its unread backlog, it finds the close frame and its code.
    let (http, base) = (app.anon.clone(), app.base.clone());
    let cut_off = tokio::spawn(async move {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while slow_consumers(&http, &base).await == 0 {
            assert!(tokio::time::Instant::now() < deadline, "never cut off");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        sluggard.ended_within(Duration::from_secs(30)).await
    });

    // Large messages fill the socket buffers quickly; the sluggard reads none of them.
    let text = "x".repeat(3900);
    for round in 0..60 {
        let contents: Vec<String> = (0..25).map(|n| format!("{round}-{n} {text}")).collect();
        join_all(
            contents
                .iter()
                .map(|content| owner.send(&guild.general, content)),
        )
        .await;
    }
    assert_eq!(reading.await.unwrap(), 1500, "the reader got every message");
    assert_eq!(cut_off.await.unwrap(), Ended::Closed(4000), "too slow");
}
