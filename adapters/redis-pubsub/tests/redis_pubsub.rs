//! The Redis pub/sub adapter against a real Redis, as two replicas of one deployment.
//!
//! Needs a Redis 6 or newer at `CONCORD_TEST_REDIS_URL` (default
//! `redis://127.0.0.1:6379`). Every test uses rooms of its own, so tests may run in
//! parallel and beside other users of the same server. The reconnect test kills only the
//! adapter's own subscriber connection, never the server.

#![allow(
    clippy::unwrap_used,
    reason = "a failed set-up step should fail the test loudly"
)]

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use concord_local_pubsub::LocalPubSub;
use concord_ports::pubsub::{History, Inbox, PubSub};
use concord_ports::resume::{Checkpoint, ResumeLog};
use concord_redis_pubsub::{RedisPubSub, RedisPubSubError};

/// The longest a test waits for something that should happen.
const PATIENCE: Duration = Duration::from_secs(10);

fn redis_url() -> String {
    std::env::var("CONCORD_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// A room name no other test or test run uses.
fn unique_room(tag: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("room:test:{}-{nanos}-{n}:{tag}", std::process::id())
}

/// An inbox that remembers every delivery, in order.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(String, String)>>,
}

impl Recorder {
    /// The payloads delivered for `room`, in order.
    fn payloads(&self, room: &str) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .filter(|(r, _)| r == room)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// Waits until `payload` arrived for `room`.
    async fn wait_for(&self, room: &str, payload: &str) {
        let arrived = eventually(|| async { self.payloads(room).iter().any(|p| p == payload) });
        assert!(arrived.await, "{payload:?} never reached {room}");
    }
}

impl Inbox for Recorder {
    fn deliver(&self, room: &str, _position: u64, payload: Arc<str>) {
        let mut seen = self.seen.lock().unwrap();
        seen.push((room.to_owned(), payload.to_string()));
    }
}

/// Polls `check` until it holds or [`PATIENCE`] runs out; returns whether it held.
async fn eventually<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while tokio::time::Instant::now() < deadline {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

/// A replica's adapter with a recording inbox attached.
async fn replica() -> (RedisPubSub, Arc<Recorder>) {
    let pubsub = RedisPubSub::connect(&redis_url()).await.unwrap();
    let inbox = Arc::new(Recorder::default());
    pubsub.attach(inbox.clone());
    (pubsub, inbox)
}

async fn publish_all(pubsub: &dyn PubSub, room: &str, payloads: &[&str]) {
    for payload in payloads {
        pubsub.publish(room, Arc::from(*payload)).await.unwrap();
    }
}

/// A plain connection for inspecting the server.
async fn admin() -> redis::aio::MultiplexedConnection {
    let client = redis::Client::open(redis_url()).unwrap();
    client.get_multiplexed_async_connection().await.unwrap()
}

/// The ids of the server's clients named `name`.
async fn clients_named(name: &str) -> Vec<String> {
    let list: String = redis::cmd("CLIENT")
        .arg("LIST")
        .query_async(&mut admin().await)
        .await
        .unwrap();
    let named = format!(" name={name} ");
    list.lines()
        .filter(|line| line.contains(&named))
        .filter_map(|line| line.strip_prefix("id="))
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_replica_receives_what_another_publishes_in_order_exactly_once() {
    let (listener, inbox) = replica().await;
    let (speaker, _) = replica().await;
    let room = unique_room("order");
    listener.subscribe(&room).await.unwrap();

    publish_all(&speaker, &room, &["one", "two", "three"]).await;
    inbox.wait_for(&room, "three").await;
    // Anything duplicated would arrive before this fence.
    publish_all(&speaker, &room, &["fence"]).await;
    inbox.wait_for(&room, "fence").await;

    assert_eq!(inbox.payloads(&room), ["one", "two", "three", "fence"]);
    assert_eq!(speaker.publishes(), 4);
    assert_eq!(listener.received(), 4);
}

#[tokio::test]
async fn nothing_arrives_after_unsubscribing() {
    let (listener, inbox) = replica().await;
    let (speaker, _) = replica().await;
    let (left, kept) = (unique_room("left"), unique_room("kept"));
    listener.subscribe(&left).await.unwrap();
    listener.subscribe(&kept).await.unwrap();
    publish_all(&speaker, &left, &["before"]).await;
    inbox.wait_for(&left, "before").await;

    listener.unsubscribe(&left).await.unwrap();
    publish_all(&speaker, &left, &["after"]).await;
    publish_all(&speaker, &kept, &["fence"]).await;
    inbox.wait_for(&kept, "fence").await;

    assert_eq!(inbox.payloads(&left), ["before"]);
    assert_eq!(listener.subscribed_rooms(), 1);
}

#[tokio::test]
async fn rooms_not_subscribed_are_not_delivered() {
    let (listener, inbox) = replica().await;
    let (speaker, _) = replica().await;
    let (mine, other) = (unique_room("mine"), unique_room("other"));
    listener.subscribe(&mine).await.unwrap();

    publish_all(&speaker, &other, &["not for us"]).await;
    publish_all(&speaker, &mine, &["fence"]).await;
    inbox.wait_for(&mine, "fence").await;

    assert!(inbox.payloads(&other).is_empty());
}

#[tokio::test]
async fn a_thousand_events_arrive_in_order_and_none_is_lost() {
    let (listener, inbox) = replica().await;
    let (speaker, _) = replica().await;
    let room = unique_room("thousand");
    listener.subscribe(&room).await.unwrap();

    let sent: Vec<String> = (0..1000).map(|i| format!("event {i}")).collect();
    for payload in &sent {
        speaker
            .publish(&room, Arc::from(payload.as_str()))
            .await
            .unwrap();
    }
    inbox.wait_for(&room, "event 999").await;

    assert_eq!(inbox.payloads(&room), sent);
}

#[tokio::test]
async fn a_connected_adapter_is_healthy_and_counts_its_rooms() {
    let (pubsub, _) = replica().await;
    for room in [unique_room("a"), unique_room("b")] {
        pubsub.subscribe(&room).await.unwrap();
    }

    assert!(pubsub.healthy().await);
    assert_eq!(pubsub.subscribed_rooms(), 2);
    assert_eq!(pubsub.reconnects(), 0);
    assert_eq!(clients_named(pubsub.subscriber_name()).await.len(), 1);
}

#[tokio::test]
async fn a_killed_subscriber_connection_comes_back_with_its_rooms() {
    let (listener, inbox) = replica().await;
    let (speaker, _) = replica().await;
    let room = unique_room("reconnect");
    listener.subscribe(&room).await.unwrap();
    publish_all(&speaker, &room, &["before"]).await;
    inbox.wait_for(&room, "before").await;

    let ids = clients_named(listener.subscriber_name()).await;
    assert_eq!(ids.len(), 1, "exactly one subscriber connection");
    let _: () = redis::cmd("CLIENT")
        .arg("KILL")
        .arg("ID")
        .arg(&ids[0])
        .query_async(&mut admin().await)
        .await
        .unwrap();

    let noticed = eventually(|| async { !listener.healthy().await || listener.reconnects() >= 1 });
    assert!(noticed.await, "the loss was never noticed");
    let restored = eventually(|| async { listener.reconnects() >= 1 && listener.healthy().await });
    assert!(restored.await, "the connection never came back");

    publish_all(&speaker, &room, &["after"]).await;
    inbox.wait_for(&room, "after").await;
    assert_eq!(inbox.payloads(&room), ["before", "after"]);
    assert_eq!(clients_named(listener.subscriber_name()).await.len(), 1);
}

#[tokio::test]
async fn dropping_the_adapter_closes_its_subscriber_connection() {
    let (pubsub, _) = replica().await;
    let name = pubsub.subscriber_name().to_owned();
    assert_eq!(clients_named(&name).await.len(), 1);

    drop(pubsub);

    let gone = eventually(|| async { clients_named(&name).await.is_empty() });
    assert!(gone.await, "{name} is still connected");
}

#[tokio::test]
async fn a_shut_down_adapter_is_unhealthy_and_refuses_work() {
    let (pubsub, _) = replica().await;
    let room = unique_room("shutdown");

    pubsub.shutdown().await;

    assert!(!pubsub.healthy().await);
    assert!(pubsub.publish(&room, "late".into()).await.is_err());
    assert!(pubsub.subscribe(&room).await.is_err());
}

#[tokio::test]
async fn connecting_to_an_unreachable_redis_fails_within_seconds() {
    let started = std::time::Instant::now();

    let error = RedisPubSub::connect("redis://127.0.0.1:1")
        .await
        .unwrap_err();

    assert!(
        matches!(error, RedisPubSubError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("127.0.0.1:1"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn a_malformed_url_is_rejected_at_once() {
    let error = RedisPubSub::connect("http://not-redis").await.unwrap_err();

    assert!(
        matches!(error, RedisPubSubError::InvalidUrl(_)),
        "{error:?}"
    );
}

/// What every pub/sub adapter must do for a single process talking to itself.
async fn single_process_contract(pubsub: &dyn PubSub) {
    let inbox = Arc::new(Recorder::default());
    pubsub.attach(inbox.clone());
    let (room, other, fence) = (
        unique_room("c"),
        unique_room("c-other"),
        unique_room("c-fence"),
    );
    pubsub.subscribe(&room).await.unwrap();
    pubsub.subscribe(&fence).await.unwrap();

    publish_all(pubsub, &room, &["a"]).await;
    publish_all(pubsub, &other, &["stray"]).await;
    publish_all(pubsub, &room, &["b"]).await;
    inbox.wait_for(&room, "b").await;
    pubsub.unsubscribe(&room).await.unwrap();
    publish_all(pubsub, &room, &["late"]).await;
    publish_all(pubsub, &fence, &["fence"]).await;
    inbox.wait_for(&fence, "fence").await;

    assert_eq!(inbox.payloads(&room), ["a", "b"]);
    assert!(inbox.payloads(&other).is_empty());
    assert!(pubsub.healthy().await);
}

#[tokio::test]
async fn the_redis_adapter_keeps_the_local_adapters_contract() {
    single_process_contract(&LocalPubSub::new()).await;
    single_process_contract(&RedisPubSub::connect(&redis_url()).await.unwrap()).await;
}

#[tokio::test]
async fn positions_increase_across_rooms_and_history_returns_what_came_after() {
    let (pubsub, _) = replica().await;
    let (room, other) = (unique_room("history"), unique_room("history-other"));
    let first = pubsub.publish(&room, "a".into()).await.unwrap();
    let between = pubsub.publish(&other, "x".into()).await.unwrap();
    let second = pubsub.publish(&room, "b".into()).await.unwrap();
    let third = pubsub.publish(&room, "c".into()).await.unwrap();
    assert!(first < between && between < second && second < third);
    assert!(pubsub.keeps_history());
    assert!(pubsub.position().await.unwrap() >= third);

    let History::Events(after_first) = pubsub.history(&room, first).await.unwrap() else {
        panic!("the stream keeps everything after the first event");
    };
    let got: Vec<(u64, String)> = after_first
        .into_iter()
        .map(|(p, e)| (p, e.to_string()))
        .collect();
    assert_eq!(got, vec![(second, "b".to_owned()), (third, "c".to_owned())]);
    assert_eq!(
        pubsub.history(&room, third).await.unwrap(),
        History::Events(vec![])
    );
}

#[tokio::test]
async fn checkpoints_are_kept_in_order_and_forgotten_on_request() {
    let (pubsub, _) = replica().await;
    let log = pubsub.resume_log();
    let session = unique_room("session");
    let user = concord_domain::id::UserId::lowest_at(concord_domain::time::Timestamp(1));
    assert_eq!(log.latest(&session).await.unwrap(), None);
    for seq in 1..=3 {
        let checkpoint = Checkpoint {
            user_id: user,
            seq,
            position: seq * 10,
            rooms: vec![("room:user:x".into(), 5)],
        };
        log.record(&session, &checkpoint, 60).await.unwrap();
    }
    let kept = log.checkpoints(&session).await.unwrap();
    assert_eq!(
        kept.iter().map(|c| c.seq).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(log.latest(&session).await.unwrap(), kept.last().cloned());
    log.forget(&session).await.unwrap();
    assert!(log.checkpoints(&session).await.unwrap().is_empty());
    assert_eq!(log.latest(&session).await.unwrap(), None);
}
