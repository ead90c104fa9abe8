//! The authorization matrix: every operation of the API document, tried by everyone who
//! must be refused, against a guild, its channel and message, and a DM.
//!
//! The matrix below has one entry per operation and the server's own document decides
//! what the operations are, so a new route without an entry fails
//! [`every_operation_has_a_rule`]. For operations on a guild, channel or message, a
//! stranger, a kicked member and a banned member must get 403 or 404 with a problem body
//! and nothing else; where a permission beyond `@everyone`'s is needed, so must a plain
//! member. Channel operations are also tried on a DM by a stranger. Afterwards the
//! owner's view shows that none of the refused changes happened.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, spawn_app, text};

/// Who, besides outsiders, an operation refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Any member may; strangers, kicked and banned users may not.
    Members,
    /// Needs a permission `@everyone` lacks (or to be the author): plain members are
    /// refused as well.
    Permission,
    /// Not about a guild, channel or message; the reason says who may and where that is
    /// tested.
    Elsewhere(&'static str),
}

use Rule::{Elsewhere, Members, Permission};

/// Every operation of the API with its rule.
const MATRIX: &[(&str, &str, Rule)] = &[
    ("post", "/auth/register", Elsewhere("anyone; auth.rs")),
    ("post", "/auth/login", Elsewhere("anyone; auth.rs")),
    (
        "post",
        "/auth/refresh",
        Elsewhere("the refresh cookie's owner; auth.rs"),
    ),
    (
        "post",
        "/auth/logout",
        Elsewhere("the refresh cookie's owner; auth.rs"),
    ),
    (
        "get",
        "/users/@me",
        Elsewhere("the signed-in user; users.rs"),
    ),
    (
        "patch",
        "/users/@me",
        Elsewhere("the signed-in user; users.rs, files.rs"),
    ),
    (
        "get",
        "/users/@me/guilds",
        Elsewhere("the signed-in user's own list"),
    ),
    (
        "get",
        "/users/@me/channels",
        Elsewhere("the signed-in user's own list"),
    ),
    (
        "post",
        "/users/@me/channels",
        Elsewhere("blocked users refused; dms.rs"),
    ),
    (
        "get",
        "/users/@me/read_states",
        Elsewhere("the signed-in user's own list"),
    ),
    (
        "get",
        "/users/{user_id}",
        Elsewhere("public profiles; users.rs"),
    ),
    (
        "get",
        "/users/@me/relationships",
        Elsewhere("one's own; relationships.rs"),
    ),
    (
        "post",
        "/users/@me/relationships",
        Elsewhere("one's own; relationships.rs"),
    ),
    (
        "put",
        "/users/@me/relationships/{user_id}",
        Elsewhere("one's own; relationships.rs"),
    ),
    (
        "delete",
        "/users/@me/relationships/{user_id}",
        Elsewhere("one's own"),
    ),
    ("post", "/guilds", Elsewhere("any signed-in user")),
    (
        "get",
        "/invites/{code}",
        Elsewhere("anyone with the code; invites.rs"),
    ),
    (
        "post",
        "/invites/{code}",
        Elsewhere("anyone not banned; invites.rs, below"),
    ),
    ("post", "/files", Elsewhere("any signed-in user; files.rs")),
    (
        "get",
        "/healthz",
        Elsewhere("anyone, as probes are; health.rs"),
    ),
    (
        "get",
        "/readyz",
        Elsewhere("anyone, as probes are; health.rs"),
    ),
    ("get", "/guilds/{guild_id}", Members),
    ("patch", "/guilds/{guild_id}", Permission),
    ("delete", "/guilds/{guild_id}", Permission),
    ("get", "/guilds/{guild_id}/members", Members),
    ("patch", "/guilds/{guild_id}/members/{user_id}", Permission),
    ("delete", "/guilds/{guild_id}/members/{user_id}", Permission),
    ("get", "/guilds/{guild_id}/bans", Permission),
    ("put", "/guilds/{guild_id}/bans/{user_id}", Permission),
    ("delete", "/guilds/{guild_id}/bans/{user_id}", Permission),
    ("get", "/guilds/{guild_id}/roles", Members),
    ("post", "/guilds/{guild_id}/roles", Permission),
    ("patch", "/guilds/{guild_id}/roles/{role_id}", Permission),
    ("delete", "/guilds/{guild_id}/roles/{role_id}", Permission),
    ("post", "/guilds/{guild_id}/invites", Members),
    ("get", "/guilds/{guild_id}/channels", Members),
    ("post", "/guilds/{guild_id}/channels", Permission),
    ("get", "/channels/{channel_id}", Members),
    ("patch", "/channels/{channel_id}", Permission),
    ("delete", "/channels/{channel_id}", Permission),
    ("get", "/channels/{channel_id}/messages", Members),
    ("post", "/channels/{channel_id}/messages", Members),
    (
        "patch",
        "/channels/{channel_id}/messages/{message_id}",
        Permission,
    ),
    (
        "delete",
        "/channels/{channel_id}/messages/{message_id}",
        Permission,
    ),
    (
        "put",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
        Members,
    ),
    (
        "delete",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
        Members,
    ),
    ("post", "/channels/{channel_id}/typing", Members),
    ("post", "/channels/{channel_id}/ack", Members),
];

/// The guild and DM everything is tried against, and who is who.
struct World {
    owner: Session,
    /// A member whom operations on `{user_id}` target.
    target: Session,
    plain: Session,
    stranger: Session,
    kicked: Session,
    banned: Session,
    guild: String,
    channel: String,
    message: String,
    role: String,
    dm: String,
    dm_message: String,
}

/// The operations of the server's API document, as (method, path).
async fn operations(app: &TestApp) -> Vec<(String, String)> {
    let response = app
        .anon
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await;
    let spec: Value = response.expect("the document").json().await.expect("JSON");
    let paths = spec["paths"].as_object().expect("paths");
    let mut found = Vec::new();
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            found.push((method.clone(), path.trim_end_matches('/').to_owned()));
        }
    }
    found.sort();
    found
}

fn rule_of(method: &str, path: &str) -> Option<Rule> {
    MATRIX
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, rule)| *rule)
}

#[tokio::test]
async fn every_operation_has_a_rule() {
    let app = spawn_app().await;
    let operations = operations(&app).await;
    let missing: Vec<_> = operations
        .iter()
        .filter(|(method, path)| rule_of(method, path).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "operations without an authorization rule: {missing:?}"
    );
    let stale: Vec<_> = MATRIX
        .iter()
        .filter(|(m, p, _)| {
            !operations
                .iter()
                .any(|(method, path)| method == m && path == p)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "rules for operations that no longer exist: {stale:?}"
    );
}

/// Builds the guild with its channel, message and role, the DM, and the people.
async fn world(app: &TestApp) -> World {
    let owner = app.register("owner").await;
    let target = app.register("target").await;
    let plain = app.register("plain").await;
    let stranger = app.register("stranger").await;
    let kicked = app.register("kicked").await;
    let banned = app.register("banned").await;

    let guild = owner.create_guild("Guarded").await;
    for joiner in [&target, &plain, &kicked, &banned] {
        app.invite_and_join(&owner, &guild, joiner).await;
    }
    let members = format!("/guilds/{}/members", guild.id);
    let kick = owner.delete(&format!("{members}/{}", kicked.user_id)).await;
    assert_eq!(kick.0, StatusCode::NO_CONTENT, "kicking: {}", kick.1);
    let bans = format!("/guilds/{}/bans/{}", guild.id, banned.user_id);
    let ban = owner.put(&bans, json!({})).await;
    assert!(ban.0.is_success(), "banning: {}", ban.1);

    let message = text(&owner.send(&guild.general, "the original").await["id"]);
    let role = owner.create_role(&guild.id, "keepers", 8).await;
    let (status, dm) = owner.open_dm(&target).await;
    assert_eq!(status, StatusCode::OK, "opening a DM: {dm}");
    let dm = text(&dm["id"]);
    let dm_message = text(&owner.send(&dm, "private words").await["id"]);

    World {
        guild: guild.id,
        channel: guild.general,
        owner,
        target,
        plain,
        stranger,
        kicked,
        banned,
        message,
        role,
        dm,
        dm_message,
    }
}

/// `path` with its parameters filled in from `world`, on `channel` and `message`.
fn concrete(path: &str, world: &World, channel: &str, message: &str) -> String {
    path.replace("{guild_id}", &world.guild)
        .replace("{channel_id}", channel)
        .replace("{message_id}", message)
        .replace("{user_id}", &world.target.user_id)
        .replace("{role_id}", &world.role)
        .replace("{emoji}", "%F0%9F%91%8D")
}

/// A body the operation would accept from someone allowed, so that a refusal is about
/// who asks, not what they sent.
fn body_for(method: &str, path: &str, message: &str) -> Option<Value> {
    let body = match (method, path.rsplit('/').next().unwrap_or_default()) {
        ("patch", "{guild_id}") => json!({ "name": "Taken over" }),
        ("patch", "{user_id}") => json!({ "nickname": "renamed" }),
        ("put", "{user_id}") => json!({ "reason": "because" }),
        ("post", "roles") => json!({ "name": "usurpers", "permissions": 8 }),
        ("patch", "{role_id}") => json!({ "name": "usurped" }),
        ("post", "invites") => json!({}),
        ("post", "channels") => json!({ "name": "annex" }),
        ("patch", "{channel_id}") => json!({ "name": "renamed" }),
        ("post", "messages") => json!({ "content": "intrusion" }),
        ("patch", "{message_id}") => json!({ "content": "rewritten" }),
        ("post", "ack") => json!({ "message_id": message }),
        _ => return None,
    };
    Some(body)
}

/// Asserts that `reply` refuses without giving anything away.
#[track_caller]
fn assert_refused(reply: &(StatusCode, Value), who: &str, method: &str, path: &str) {
    let (status, body) = reply;
    assert!(
        *status == StatusCode::FORBIDDEN || *status == StatusCode::NOT_FOUND,
        "{who}: {method} {path} answered {status}: {body}"
    );
    let fields = body
        .as_object()
        .map(|object| object.keys().cloned().collect::<Vec<_>>());
    let only_a_problem = fields.as_ref().is_some_and(|fields| {
        fields
            .iter()
            .all(|field| ["code", "message", "field"].contains(&field.as_str()))
    });
    assert!(only_a_problem, "{who}: {method} {path} leaked {body}");
}

#[tokio::test]
async fn outsiders_and_members_without_permission_get_nothing() {
    let app = spawn_app().await;
    let world = world(&app).await;
    let mut tried = 0;

    for (method, path, rule) in MATRIX {
        if matches!(rule, Elsewhere(_)) {
            continue;
        }
        let mut refused: Vec<(&str, &Session)> = vec![
            ("a stranger", &world.stranger),
            ("a kicked member", &world.kicked),
            ("a banned member", &world.banned),
        ];
        if *rule == Permission {
            refused.push(("a member without the permission", &world.plain));
        }
        let verb = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
        let guild_path = concrete(path, &world, &world.channel, &world.message);
        for (who, session) in &refused {
            let reply = session
                .call(
                    verb.clone(),
                    &guild_path,
                    body_for(method, path, &world.message),
                )
                .await;
            assert_refused(&reply, who, method, &guild_path);
            tried += 1;
        }
        if path.starts_with("/channels/") {
            let dm_path = concrete(path, &world, &world.dm, &world.dm_message);
            let body = body_for(method, path, &world.dm_message);
            let reply = world.stranger.call(verb.clone(), &dm_path, body).await;
            assert_refused(&reply, "a stranger to the DM", method, &dm_path);
            tried += 1;
        }
    }
    println!("{tried} refused attempts checked");

    assert_nothing_changed(&world).await;
}

#[tokio::test]
async fn a_banned_user_cannot_come_back_through_an_invite() {
    let app = spawn_app().await;
    let world = world(&app).await;
    let code = world.owner.invite(&world.guild).await;

    let reply = world
        .banned
        .post(&format!("/invites/{code}"), json!({}))
        .await;
    assert_refused(&reply, "a banned user", "post", "/invites/{code}");
    let (status, _) = world.banned.get(&format!("/guilds/{}", world.guild)).await;
    assert!(status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND);
}

/// The owner's view after every refused attempt: all as it was built.
async fn assert_nothing_changed(world: &World) {
    let owner = &world.owner;
    let (_, guild) = owner.get(&format!("/guilds/{}", world.guild)).await;
    assert_eq!(guild["name"], "Guarded");

    let (_, channels) = owner
        .get(&format!("/guilds/{}/channels", world.guild))
        .await;
    let names: Vec<&str> = channels
        .as_array()
        .expect("channels")
        .iter()
        .filter_map(|channel| channel["name"].as_str())
        .collect();
    assert_eq!(names, vec!["general"]);

    let (_, history) = owner
        .get(&format!("/channels/{}/messages", world.channel))
        .await;
    let history = history.as_array().expect("messages");
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["content"], "the original");
    assert_eq!(history[0]["reactions"], json!([]));
    let (_, dm) = owner.get(&format!("/channels/{}/messages", world.dm)).await;
    assert_eq!(dm.as_array().map(Vec::len), Some(1));
    assert_eq!(dm[0]["content"], "private words");

    let (_, roles) = owner.get(&format!("/guilds/{}/roles", world.guild)).await;
    let roles: Vec<&str> = roles
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        roles.contains(&"keepers") && !roles.contains(&"usurpers"),
        "{roles:?}"
    );

    let (_, bans) = owner.get(&format!("/guilds/{}/bans", world.guild)).await;
    assert_eq!(bans.as_array().map(Vec::len), Some(1), "{bans}");

    let (_, members) = owner.get(&format!("/guilds/{}/members", world.guild)).await;
    let members = members.as_array().expect("members");
    let target = members
        .iter()
        .find(|member| member["user"]["id"] == world.target.user_id.as_str())
        .expect("the target is still a member");
    assert_eq!(target["nickname"], Value::Null);
    assert_eq!(members.len(), 3, "owner, target and plain: {members:?}");
}
