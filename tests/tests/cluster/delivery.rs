//! Delivery across replicas, through a Redis restart, a Redis stall and a replica's death.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::client::Gw;
use crate::fixture::shared_redis_url;
use crate::fixture::{OwnRedis, Replica, User, call, history, mongodb_uri, register, send};

/// Three replicas on `mongodb` and `redis`.
async fn three_replicas(mongodb: &str, redis: &str) -> Vec<Replica> {
    let mut replicas = Vec::new();
    for _ in 0..3 {
        replicas.push(Replica::start(mongodb, redis).await);
    }
    replicas
}

/// A guild whose owner and members registered and joined through different replicas.
struct Community {
    users: Vec<User>,
    channel: String,
}

async fn community(replicas: &[Replica], size: usize) -> Community {
    let tag = std::process::id() % 10_000;
    let owner = register(&replicas[0].base, &format!("owner{tag}")).await;
    let (status, guild) = call(
        &replicas[0].base,
        Some(&owner),
        Method::POST,
        "/guilds",
        Some(json!({"name": "Cluster"})),
    )
    .await;
    assert_eq!(status, 201);
    let guild_id = guild["id"].as_str().unwrap().to_owned();
    let path = format!("/guilds/{guild_id}/invites");
    let (_, invite) = call(
        &replicas[1 % replicas.len()].base,
        Some(&owner),
        Method::POST,
        &path,
        Some(json!({})),
    )
    .await;
    let code = invite["code"].as_str().unwrap().to_owned();
    let channel = invite["channel_id"].as_str().unwrap().to_owned();

    let mut users = vec![owner];
    for n in 1..size {
        let base = &replicas[n % replicas.len()].base;
        let user = register(base, &format!("member{tag}x{n}")).await;
        let (status, _) = call(
            base,
            Some(&user),
            Method::POST,
            &format!("/invites/{code}"),
            None,
        )
        .await;
        assert_eq!(status, 200);
        users.push(user);
    }
    Community { users, channel }
}

/// The MESSAGE_CREATE contents a client receives within `wait`, in order.
async fn received(gw: &mut Gw, wait: Duration) -> Vec<String> {
    gw.dispatches_within("MESSAGE_CREATE", wait)
        .await
        .iter()
        .map(|m| m["content"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits until `gw` has received `count` messages, or `wait` passed.
async fn collect(gw: &mut Gw, count: usize, wait: Duration) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + wait;
    let mut got = Vec::new();
    while got.len() < count && tokio::time::Instant::now() < deadline {
        got.extend(received(gw, Duration::from_millis(200)).await);
    }
    got
}

fn numbered(prefix: &str, range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|n| format!("{prefix}{n}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_member_on_every_replica_gets_every_message_once_in_order() {
    let mongodb = mongodb_uri();
    let redis = shared_redis_url();
    let replicas = three_replicas(&mongodb, &redis).await;
    let community = community(&replicas, 6).await;
    let mut clients = Vec::new();
    for (n, user) in community.users.iter().enumerate() {
        let (gw, _) = Gw::ready_at(&replicas[n % 3].base, &user.token).await;
        clients.push(gw);
    }

    for n in 0..30 {
        let sender = &community.users[n % community.users.len()];
        send(
            &replicas[(n * 7) % 3].base,
            sender,
            &community.channel,
            &format!("m{n}"),
        )
        .await;
    }
    for gw in &mut clients {
        let got = collect(gw, 30, Duration::from_secs(10)).await;
        assert_eq!(got, numbered("m", 0..30));
    }
}

/// Three replicas on one Redis, a community of three with one gateway client each on
/// different replicas, and what each client has received so far.
struct Conversation {
    replicas: Vec<Replica>,
    community: Community,
    clients: Vec<Gw>,
    seen: Vec<Vec<String>>,
}

impl Conversation {
    async fn start(redis: &str) -> Conversation {
        let replicas = three_replicas(&mongodb_uri(), redis).await;
        let community = community(&replicas, 3).await;
        let mut clients = Vec::new();
        for (n, user) in community.users.iter().enumerate() {
            clients.push(Gw::ready_at(&replicas[n % 3].base, &user.token).await.0);
        }
        let seen = vec![Vec::new(); clients.len()];
        Conversation {
            replicas,
            community,
            clients,
            seen,
        }
    }

    /// The owner sends `<prefix>0` … through the replicas in turn; each send must get 201.
    async fn send_round(&self, prefix: &str, count: usize) {
        let owner = &self.community.users[0];
        for n in 0..count {
            let base = &self.replicas[n % 3].base;
            send(
                base,
                owner,
                &self.community.channel,
                &format!("{prefix}{n}"),
            )
            .await;
        }
    }

    /// Lets every client receive up to `count` messages, remembering them.
    async fn receive(&mut self, count: usize) -> Vec<Vec<String>> {
        let mut got = Vec::new();
        for (gw, seen) in self.clients.iter_mut().zip(&mut self.seen) {
            let live = collect(gw, count, Duration::from_secs(10)).await;
            seen.extend(live.clone());
            got.push(live);
        }
        got
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delivery_resumes_after_redis_restarts_and_catch_up_fills_the_gap() {
    let mut redis = OwnRedis::start().await;
    let mut talk = Conversation::start(&redis.url()).await;
    talk.send_round("before", 5).await;
    for got in talk.receive(5).await {
        assert_eq!(got, numbered("before", 0..5));
    }

    redis.stop();
    let mut noticed = false;
    for _ in 0..100 {
        if !talk.replicas[0].is_ready().await {
            noticed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(noticed, "/readyz reports the outage");
    talk.send_round("during", 3).await;

    redis.restart().await;
    for replica in &talk.replicas {
        replica.wait_ready(Duration::from_secs(20)).await;
    }
    talk.send_round("after", 5).await;

    let mut expected = numbered("before", 0..5);
    expected.extend(numbered("during", 0..3));
    expected.extend(numbered("after", 0..5));
    for live in talk.receive(5).await {
        assert_eq!(live, numbered("after", 0..5), "live delivery resumed");
    }
    for (user, seen) in talk.community.users.iter().zip(&talk.seen) {
        // The client's catch-up: the history it missed, merged by position in the channel.
        let all = history(&talk.replicas[0].base, user, &talk.community.channel).await;
        assert_eq!(all, expected);
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "nothing delivered twice");
        assert!(
            is_subsequence(seen, &all),
            "live order matches the channel's order"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_during_a_redis_stall_are_acknowledged_and_delivery_resumes() {
    let redis = OwnRedis::start().await;
    let mut talk = Conversation::start(&redis.url()).await;
    talk.send_round("before", 3).await;
    talk.receive(3).await;

    // Redis stops answering without closing anything, for a few seconds.
    redis.freeze();
    let stalled_at = tokio::time::Instant::now();
    assert!(
        !talk.replicas[0].is_ready().await,
        "/readyz reports the stall"
    );
    // `send` asserts the 201: storing does not wait for Redis to come back.
    talk.send_round("during", 3).await;
    let sending_took = stalled_at.elapsed();
    tokio::time::sleep(Duration::from_secs(3).saturating_sub(sending_took)).await;
    redis.thaw();
    println!("three sends during the stall took {sending_took:?} in all");

    for replica in &talk.replicas {
        replica.wait_ready(Duration::from_secs(20)).await;
    }
    talk.send_round("after", 3).await;

    let mut expected = numbered("before", 0..3);
    expected.extend(numbered("during", 0..3));
    expected.extend(numbered("after", 0..3));
    for live in talk.receive(3).await {
        let after: Vec<String> = live
            .iter()
            .filter(|m| m.starts_with("after"))
            .cloned()
            .collect();
        assert_eq!(
            after,
            numbered("after", 0..3),
            "live delivery resumed: {live:?}"
        );
    }
    for (user, seen) in talk.community.users.iter().zip(&mut talk.seen) {
        // Catch-up through REST fills whatever the stall kept from arriving live; a
        // client keeps each message once, by its identity.
        let all = history(&talk.replicas[0].base, user, &talk.community.channel).await;
        assert_eq!(all, expected);
        seen.dedup();
        assert!(
            is_subsequence(seen, &all),
            "live order matches the channel's: {seen:?}"
        );
    }
}

/// The messages replayed before RESUMED.
async fn until_resumed(gw: &mut Gw) -> Vec<String> {
    let mut replayed = Vec::new();
    loop {
        let frame = gw.frame().await.expect("the replay ends with RESUMED");
        match frame["t"].as_str() {
            Some("RESUMED") => return replayed,
            Some("MESSAGE_CREATE") => {
                replayed.push(frame["d"]["content"].as_str().unwrap().to_owned());
            }
            _ => {}
        }
    }
}

fn is_subsequence(part: &[String], whole: &[String]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|item| rest.any(|w| w == item))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_a_killed_replica_resume_elsewhere_with_nothing_lost_or_doubled() {
    let mongodb = mongodb_uri();
    let redis = shared_redis_url();
    let mut replicas = three_replicas(&mongodb, &redis).await;
    let community = community(&replicas, 4).await;
    let doomed = replicas.pop().unwrap();
    let mut clients = Vec::new();
    for user in &community.users {
        let (gw, ready) = Gw::ready_at(&doomed.base, &user.token).await;
        clients.push((gw, ready["session_id"].as_str().unwrap().to_owned()));
    }
    let owner = community.users[0].clone();
    for n in 0..5 {
        send(
            &replicas[n % 2].base,
            &owner,
            &community.channel,
            &format!("m{n}"),
        )
        .await;
    }
    let mut seqs = Vec::new();
    for (gw, _) in &mut clients {
        assert_eq!(
            collect(gw, 5, Duration::from_secs(10)).await,
            numbered("m", 0..5)
        );
        seqs.push(gw.seq);
    }

    doomed.kill();
    for n in 5..12 {
        send(
            &replicas[n % 2].base,
            &owner,
            &community.channel,
            &format!("m{n}"),
        )
        .await;
    }

    let mut resumed = Vec::new();
    for (n, ((_, session_id), user)) in clients.iter().zip(&community.users).enumerate() {
        let mut again = Gw::connect_to(&replicas[n % 2].base).await;
        again.seq = seqs[n];
        let resume = json!({"token": user.token, "session_id": session_id, "seq": seqs[n]});
        again.send(json!({"op": 6, "d": resume})).await;
        let replayed = until_resumed(&mut again).await;
        assert_eq!(
            replayed,
            numbered("m", 5..12),
            "exactly the missed messages, in order"
        );
        resumed.push(again);
    }

    send(&replicas[0].base, &owner, &community.channel, "live").await;
    for gw in &mut resumed {
        assert_eq!(
            collect(gw, 1, Duration::from_secs(10)).await,
            vec!["live".to_owned()]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_counts_sessions_on_every_replica() {
    let mongodb = mongodb_uri();
    let redis = shared_redis_url();
    let replicas = three_replicas(&mongodb, &redis).await;
    let community = community(&replicas, 2).await;
    let (watcher, member) = (&community.users[0], &community.users[1]);
    let (mut watching, _) = Gw::ready_at(&replicas[0].base, &watcher.token).await;

    let (on_b, _) = Gw::ready_at(&replicas[1].base, &member.token).await;
    assert_eq!(status_of(&mut watching, &member.id).await, "online");
    let (on_c, ready) = Gw::ready_at(&replicas[2].base, &member.token).await;
    let me = ready["guilds"][0]["presences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["user_id"] == member.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        me["status"], "online",
        "READY on another replica sees the presence"
    );

    on_b.drop_connection().await;
    let early = watching
        .dispatches_within("PRESENCE_UPDATE", Duration::from_millis(800))
        .await;
    assert!(
        early.iter().all(|p| p["user_id"] != member.id.as_str()),
        "still online through the session on the third replica: {early:?}"
    );
    on_c.drop_connection().await;
    assert_eq!(status_of(&mut watching, &member.id).await, "offline");
}

/// The status in the next PRESENCE_UPDATE about `user`.
async fn status_of(gw: &mut Gw, user: &str) -> String {
    loop {
        let update = gw.dispatch("PRESENCE_UPDATE").await;
        if update["user_id"] == user {
            return update["status"].as_str().unwrap().to_owned();
        }
    }
}
