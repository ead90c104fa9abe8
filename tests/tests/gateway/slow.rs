//! A client that stops reading is disconnected; everyone else keeps their pace.

use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::client::{Ended, Gw};
use crate::support::spawn_app_with;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_cut_off_and_others_keep_receiving() {
    let app = spawn_app_with(|config| config.gateway_queue = 16).await;
    let (owner, member, guild) = app.guild_with_member("ada", "bob").await;
    let (mut sluggard, _) = Gw::ready(&app, &owner.token).await;
    let (mut reader, _) = Gw::ready(&app, &member.token).await;

    // Large messages fill the socket buffers quickly; the sluggard reads none of them.
    let text = "x".repeat(3900);
    let started = Instant::now();
    let mut received = 0;
    for round in 0..60 {
        let contents: Vec<String> = (0..25).map(|n| format!("{round}-{n} {text}")).collect();
        join_all(
            contents
                .iter()
                .map(|content| owner.send(&guild.general, content)),
        )
        .await;
        received += reader
            .dispatches_within("MESSAGE_CREATE", Duration::from_millis(50))
            .await
            .len();
    }
    received += reader
        .dispatches_within("MESSAGE_CREATE", Duration::from_secs(2))
        .await
        .len();
    assert_eq!(received, 1500, "the reader got every message");
    assert!(started.elapsed() < Duration::from_secs(60));

    // Behind its unread backlog, the sluggard finds the connection closed.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            if sluggard
                .frame_within(Duration::from_secs(5))
                .await
                .is_none()
            {
                return;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the slow client's connection was closed");
    assert!(matches!(
        sluggard.ended().await,
        Ended::Closed(_) | Ended::Dropped
    ));
}
