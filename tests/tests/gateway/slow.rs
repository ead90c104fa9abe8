//! A client that stops reading is disconnected; everyone else keeps their pace.

use std::time::Duration;

use futures_util::future::join_all;

use crate::client::{Ended, Gw};
use crate::support::spawn_app_with;

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

    // Behind its unread backlog, the sluggard finds the connection closed.
    let ended = tokio::time::timeout(Duration::from_secs(30), async {
        while sluggard
            .frame_within(Duration::from_secs(5))
            .await
            .is_some()
        {}
    })
    .await;
    assert!(ended.is_ok(), "the slow client's connection was closed");
    assert!(matches!(
        sluggard.ended().await,
        Ended::Closed(_) | Ended::Dropped
    ));
}
