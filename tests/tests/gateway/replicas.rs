//! Several servers sharing one store and one Redis, as replicas behind a load balancer:
//! events cross replicas, and a session resumes on a replica other than its own.

use std::sync::Arc;
use std::time::Duration;

use concord_embedded_store::EmbeddedStore;
use concord_ports::store::Store;
use concord_server::Config;
use concord_server::config::PubSubKind;
use serde_json::json;
use tempfile::TempDir;

use crate::client::{Ended, Gw};
use crate::resume::{miss_many_then_resume, read_numbered, send_numbered};
use crate::support::{Guild, Session, TestApp, start_replica, text};

/// Replicas on one shared store and the machine's Redis.
struct Cluster {
    replicas: Vec<TestApp>,
    _dirs: Vec<TempDir>,
}

async fn cluster(size: usize) -> Cluster {
    cluster_with(size, |_, _| {}).await
}

/// Replicas as [`cluster`] makes them, each one's configuration adjusted by `tweak`,
/// which is told the replica's index.
async fn cluster_with(size: usize, tweak: impl Fn(usize, &mut Config)) -> Cluster {
    let shared = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(EmbeddedStore::open(&shared.path().join("shared.redb")).unwrap());
    let redis = std::env::var("CONCORD_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());

    let mut replicas = Vec::new();
    let mut dirs = vec![shared];
    for index in 0..size {
        let dir = tempfile::tempdir().unwrap();
        let redis = redis.clone();
        let replica = start_replica(dir.path().to_path_buf(), Some(store.clone()), |config| {
            config.pubsub = PubSubKind::Redis;
            config.redis_url = redis;
            tweak(index, config);
        })
        .await
        .expect("a replica starts");
        replicas.push(replica);
        dirs.push(dir);
    }
    Cluster {
        replicas,
        _dirs: dirs,
    }
}

#[tokio::test]
async fn messages_sent_through_one_replica_reach_clients_of_every_replica_in_order() {
    let cluster = cluster(3).await;
    let [a, b, c] = [
        &cluster.replicas[0],
        &cluster.replicas[1],
        &cluster.replicas[2],
    ];
    let (owner, member, guild) = a.guild_with_member("ada", "bob").await;
    let (mut on_b, _) = Gw::ready(b, &member.token).await;
    let (mut on_c, _) = Gw::ready(c, &owner.token).await;

    for n in 0..10 {
        let sender = &cluster.replicas[n % 3];
        let session = if n % 2 == 0 { &owner } else { &member };
        let reply = sender_post(sender, session, &guild.general, &format!("m{n}")).await;
        assert!(reply.is_success());
    }
    for gw in [&mut on_b, &mut on_c] {
        for n in 0..10 {
            assert_eq!(
                gw.dispatch("MESSAGE_CREATE").await["content"],
                format!("m{n}")
            );
        }
    }
}

/// Sends a message as `session` through `replica`.
async fn sender_post(
    replica: &TestApp,
    session: &Session,
    channel: &str,
    content: &str,
) -> reqwest::StatusCode {
    let url = format!("{}/api/v1/channels/{channel}/messages", replica.base);
    let response = replica
        .anon
        .post(url)
        .bearer_auth(&session.token)
        .json(&json!({ "content": content }))
        .send()
        .await
        .unwrap();
    response.status()
}

#[tokio::test]
async fn a_session_resumes_on_another_replica_with_exactly_what_it_missed() {
    let cluster = cluster(2).await;
    let [a, b] = [&cluster.replicas[0], &cluster.replicas[1]];
    let (owner, member, guild) = a.guild_with_member("ada", "bob").await;
    let (mut gw, ready) = Gw::ready(a, &member.token).await;
    let session_id = text(&ready["session_id"]);

    for n in 0..3 {
        owner.send(&guild.general, &format!("seen {n}")).await;
    }
    for _ in 0..3 {
        gw.dispatch("MESSAGE_CREATE").await;
    }
    let last_seen = gw.seq;
    gw.drop_connection().await;
    for n in 0..4 {
        owner.send(&guild.general, &format!("missed {n}")).await;
    }

    let mut again = Gw::resume_at(&b.base, &member.token, &session_id, last_seen).await;
    for n in 0..4 {
        assert_eq!(
            again.dispatch("MESSAGE_CREATE").await["content"],
            format!("missed {n}")
        );
    }
    again.dispatch("RESUMED").await;

    owner.send(&guild.general, "live on b").await;
    assert_eq!(
        again.dispatch("MESSAGE_CREATE").await["content"],
        "live on b"
    );
}

#[tokio::test]
async fn a_session_resumes_elsewhere_after_its_replica_shuts_down() {
    let cluster = cluster(2).await;
    let mut replicas = cluster.replicas;
    let b = replicas.pop().unwrap();
    let a = replicas.pop().unwrap();
    let (owner, member, guild) = b.guild_with_member("ada", "bob").await;
    let (mut gw, ready) = Gw::ready(&a, &member.token).await;
    let session_id = text(&ready["session_id"]);
    owner.send(&guild.general, "before").await;
    gw.dispatch("MESSAGE_CREATE").await;
    let last_seen = gw.seq;

    a.stop().await;
    owner.send(&guild.general, "while a was gone").await;

    let mut again = Gw::resume_at(&b.base, &member.token, &session_id, last_seen).await;
    let missed = again.dispatch("MESSAGE_CREATE").await;
    assert_eq!(missed["content"], "while a was gone");
    again.dispatch("RESUMED").await;
}

#[tokio::test]
async fn a_replica_without_the_sessions_history_asks_to_identify_again() {
    let cluster = cluster(2).await;
    let b = &cluster.replicas[1];
    let user = b.register("ada").await;
    let mut gw = Gw::resume_at(&b.base, &user.token, "never-existed", 4).await;
    assert_eq!(gw.frame().await.unwrap()["op"], 9);
}

#[tokio::test]
async fn more_than_a_thousand_missed_dispatches_come_back_on_another_replica() {
    let cluster = cluster(2).await;
    let [a, b] = [&cluster.replicas[0], &cluster.replicas[1]];
    let (owner, member, guild) = b.guild_with_member("ada", "bob").await;
    miss_many_then_resume(a, b, (&owner, &member, &guild)).await;
}

/// A member's session travelling between replicas while the guild's owner talks: what
/// was sent and what the member got, to compare at the end.
struct Trip {
    owner: Session,
    member: Session,
    guild: Guild,
    session_id: String,
    sent: Vec<String>,
    got: Vec<String>,
}

impl Trip {
    /// A guild made on `replica`, and its member's connection there.
    async fn start(replica: &TestApp) -> (Trip, Gw) {
        let (owner, member, guild) = replica.guild_with_member("ada", "bob").await;
        let (gw, ready) = Gw::ready(replica, &member.token).await;
        let trip = Trip {
            owner,
            member,
            guild,
            session_id: text(&ready["session_id"]),
            sent: Vec::new(),
            got: Vec::new(),
        };
        (trip, gw)
    }

    /// The owner sends three more numbered messages.
    async fn talk(&mut self) {
        let more = send_numbered(&self.owner, &self.guild, self.sent.len(), 3).await;
        self.sent.extend(more);
    }

    /// Three messages are sent and read on `gw`.
    async fn talk_and_hear(&mut self, gw: &mut Gw) {
        self.talk().await;
        self.got.extend(read_numbered(gw, 3).await);
    }

    /// Three messages are sent while the member is away; then the session resumes on
    /// `replica` after `seq`, and they come back before RESUMED.
    async fn resume_on(&mut self, replica: &TestApp, seq: u64) -> Gw {
        self.talk().await;
        let token = &self.member.token;
        let mut gw = Gw::resume_at(&replica.base, token, &self.session_id, seq).await;
        self.got.extend(read_numbered(&mut gw, 3).await);
        gw.dispatch("RESUMED").await;
        gw
    }

    /// Every message reached the member once, in order, numbered without a gap.
    fn arrived_whole(self) {
        assert_eq!(self.got, self.sent, "every message once, in order");
    }
}

/// Moves a session from `a` to `b` and back to `a`, with `pause` spent on `b`.
async fn there_and_back(a: &TestApp, b: &TestApp, pause: Duration) {
    let (mut trip, mut on_a) = Trip::start(a).await;
    trip.talk_and_hear(&mut on_a).await;
    // A keeps its copy of the session, parked; B rebuilds it from the checkpoints.
    let mut on_b = trip.resume_on(b, on_a.leave().await).await;
    trip.talk_and_hear(&mut on_b).await;
    tokio::time::sleep(pause).await;
    // Back on A, whose copy stopped where the session left it.
    let mut back = trip.resume_on(a, on_b.leave().await).await;
    trip.talk_and_hear(&mut back).await;
    trip.arrived_whole();
}

#[tokio::test]
async fn a_session_resumed_elsewhere_resumes_back_on_its_first_replica() {
    let cluster = cluster(2).await;
    let [a, b] = [&cluster.replicas[0], &cluster.replicas[1]];
    there_and_back(a, b, Duration::ZERO).await;
}

#[tokio::test]
async fn a_first_replica_whose_copy_expired_meanwhile_still_resumes_the_session() {
    // A's copy outlives its window while B serves the session; ending it must leave
    // the session's checkpoints to B.
    let cluster = cluster_with(2, |_, config| config.resume_window = 1_000).await;
    let [a, b] = [&cluster.replicas[0], &cluster.replicas[1]];
    there_and_back(a, b, Duration::from_millis(1_800)).await;
}

#[tokio::test]
async fn a_connection_left_behind_records_nothing_over_the_replica_serving_its_session() {
    // A notices a silent connection only at its heartbeat timeout.
    let cluster = cluster_with(2, |index, config| {
        if index == 0 {
            config.heartbeat_interval = 2_000;
        }
    })
    .await;
    let [a, b] = [&cluster.replicas[0], &cluster.replicas[1]];
    let (mut trip, mut on_a) = Trip::start(a).await;
    trip.talk_and_hear(&mut on_a).await;

    // The client loses its link to A, which does not notice, and resumes on B. Each
    // resume numbers a RESUMED that A's copy never counts: the two numberings part.
    let mut on_b = trip.resume_on(b, on_a.seq).await;
    for _ in 0..5 {
        trip.talk_and_hear(&mut on_b).await;
        on_b = trip.resume_on(b, on_b.leave().await).await;
    }
    let seq = on_b.leave().await;

    // Only then does A give up on its connection, whose copy is out of date, and park
    // the copy (given a moment once the closing handshake is over).
    assert_eq!(
        on_a.ended_within(Duration::from_secs(10)).await,
        Ended::Closed(4009)
    );
    on_a.drop_connection().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut back = trip.resume_on(a, seq).await;
    trip.talk_and_hear(&mut back).await;
    trip.arrived_whole();
}

#[tokio::test]
async fn login_limits_hold_across_replicas() {
    // Counters live in Redis beyond this test: a name of its own keeps runs apart, and
    // generous per-address limits keep other runs from this address out of the way.
    let limits = "login=100000/60,register=100000/3600,login_account=3/60";
    let cluster = cluster_with(3, |_, config| config.rate_limits = limits.to_owned()).await;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let name = format!("limited{}", nanos % 1_000_000_000_000);
    cluster.replicas[0].register(&name).await;

    for attempt in 0..3 {
        let replica = &cluster.replicas[attempt % 3];
        let (_, reply) = replica.login(&name, "not the password").await;
        assert_eq!(
            reply.0,
            reqwest::StatusCode::UNAUTHORIZED,
            "attempt {attempt}: {}",
            reply.1
        );
    }
    // A fourth attempt, on any replica and even with the right password, is one too many.
    let (session, reply) = cluster.replicas[1]
        .login(&name, crate::support::PASSWORD)
        .await;
    assert!(session.is_none());
    assert_eq!(
        reply.0,
        reqwest::StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.1
    );
    assert_eq!(reply.1["code"], "rate_limited");
}
