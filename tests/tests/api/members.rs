//! Guild membership: listing members, nicknames, leaving, kicks and bans.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{
    Guild, Session, TestApp, UNKNOWN_ID, assert_invalid, assert_problem, list, spawn_app, text,
};

/// Asserts that `user` can no longer see `guild` or read its channel.
async fn assert_locked_out(user: &Session, guild: &Guild) {
    let seen = user.get(&format!("/guilds/{}", guild.id)).await;
    assert_problem(&seen, StatusCode::NOT_FOUND, "unknown_guild");
    let history = user
        .get(&format!("/channels/{}/messages", guild.general))
        .await;
    assert_problem(&history, StatusCode::NOT_FOUND, "unknown_channel");
    let messages = format!("/channels/{}/messages", guild.general);
    let posted = user
        .post(&messages, json!({ "content": "still here?" }))
        .await;
    assert_problem(&posted, StatusCode::NOT_FOUND, "unknown_channel");
    assert_eq!(user.get("/users/@me/guilds").await.1, json!([]));
}

/// The user ids on a page of members.
fn member_ids(page: &serde_json::Value) -> Vec<String> {
    list(page).iter().map(|m| text(&m["user"]["id"])).collect()
}

async fn guild_of_five(app: &TestApp) -> (Vec<Session>, Guild) {
    let owner = app.register("owner").await;
    let guild = owner.create_guild("Five").await;
    let mut users = vec![owner];
    for name in ["mae", "max", "mia", "moe"] {
        let member = app.register(name).await;
        app.invite_and_join(&users[0], &guild, &member).await;
        users.push(member);
    }
    (users, guild)
}

#[tokio::test]
async fn members_are_paged_by_user_id_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let (users, guild) = guild_of_five(&app).await;
    let mut expected: Vec<String> = users.iter().map(|u| u.user_id.clone()).collect();
    expected.sort();
    let base = format!("/guilds/{}/members", guild.id);

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let path = match &after {
            Some(after) => format!("{base}?limit=2&after={after}"),
            None => format!("{base}?limit=2"),
        };
        let (status, page) = users[3].get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let page = member_ids(&page);
        assert!(page.len() <= 2);
        if page.is_empty() {
            break;
        }
        after = page.last().cloned();
        seen.extend(page);
    }

    assert_eq!(seen, expected);
    let (_, all) = users[0].get(&base).await;
    assert_eq!(member_ids(&all), expected);
    assert_eq!(list(&all)[0]["guild_id"], guild.id.as_str());
    for user in &users {
        assert!(!all.to_string().contains(&user.email), "no emails in {all}");
    }
}

#[tokio::test]
async fn member_pages_reject_bad_limits_and_cursors() {
    let app = spawn_app().await;
    let ada = app.register("ada").await;
    let guild = ada.create_guild("Engines").await;
    let base = format!("/guilds/{}/members", guild.id);

    for limit in ["0", "1001", "-1", "many"] {
        assert_invalid(&ada.get(&format!("{base}?limit={limit}")).await, "limit");
    }
    assert_invalid(&ada.get(&format!("{base}?after=zzz")).await, "after");
    assert_eq!(
        ada.get(&format!("{base}?limit=1000")).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_member_can_leave_but_the_owner_cannot() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;

    let own = format!("/guilds/{}/members/{}", guild.id, bob.user_id);
    assert_eq!(bob.delete(&own).await.0, StatusCode::NO_CONTENT);

    assert_locked_out(&bob, &guild).await;
    let (_, members) = ada.get(&format!("/guilds/{}/members", guild.id)).await;
    assert_eq!(member_ids(&members), vec![ada.user_id.clone()]);
    let owner = format!("/guilds/{}/members/{}", guild.id, ada.user_id);
    assert_problem(
        &ada.delete(&owner).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test]
async fn kicking_needs_kick_members_and_locks_the_member_out() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let cy = app.join_as(&ada, &guild, "cyd").await;
    let member = |user: &Session| format!("/guilds/{}/members/{}", guild.id, user.user_id);

    assert_problem(
        &bob.delete(&member(&cy)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_problem(
        &bob.delete(&member(&ada)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(ada.delete(&member(&cy)).await.0, StatusCode::NO_CONTENT);

    assert_locked_out(&cy, &guild).await;
    let again = ada.delete(&member(&cy)).await;
    assert_problem(&again, StatusCode::NOT_FOUND, "unknown_member");
    app.invite_and_join(&ada, &guild, &cy).await;
    assert_eq!(
        cy.get(&format!("/guilds/{}", guild.id)).await.0,
        StatusCode::OK,
        "not a ban"
    );
    assert_invalid(
        &ada.delete(&format!("/guilds/{}/members/x", guild.id)).await,
        "user_id",
    );
}

#[tokio::test]
async fn members_set_their_own_nickname_and_managers_set_anyones() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let bobs = format!("/guilds/{}/members/{}", guild.id, bob.user_id);
    let adas = format!("/guilds/{}/members/{}", guild.id, ada.user_id);

    let (status, member) = bob.patch(&bobs, json!({ "nickname": " Bobby " })).await;
    assert_eq!(status, StatusCode::OK, "{member}");
    assert_eq!(member["nickname"], "Bobby");
    assert_eq!(member["user"]["id"], bob.user_id.as_str());
    assert!(member.get("email").is_none() && member["user"].get("email").is_none());

    let refused = bob.patch(&adas, json!({ "nickname": "Boss" })).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    let (status, member) = ada.patch(&bobs, json!({ "nickname": "Robert" })).await;
    assert_eq!(
        (status, &member["nickname"]),
        (StatusCode::OK, &json!("Robert"))
    );
    let (status, member) = bob.patch(&bobs, json!({ "nickname": null })).await;
    assert_eq!(
        (status, &member["nickname"]),
        (StatusCode::OK, &json!(null))
    );

    let long = "n".repeat(33);
    assert_invalid(
        &bob.patch(&bobs, json!({ "nickname": long })).await,
        "nickname",
    );
    let roles = bob.patch(&bobs, json!({ "roles": [] })).await;
    assert_problem(&roles, StatusCode::FORBIDDEN, "forbidden");
    let nobody = format!("/guilds/{}/members/{UNKNOWN_ID}", guild.id);
    let unknown = ada.patch(&nobody, json!({ "nickname": "ghost" })).await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_member");
}

#[tokio::test]
async fn banning_removes_the_member_and_keeps_them_out_until_unbanned() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let ban = format!("/guilds/{}/bans/{}", guild.id, bob.user_id);
    let code = ada.invite(&guild.id).await;

    let (status, banned) = ada.put(&ban, json!({ "reason": "  spam  " })).await;
    assert_eq!(status, StatusCode::OK, "{banned}");
    assert_eq!(banned["user_id"], bob.user_id.as_str());
    assert_eq!(banned["banned_by"], ada.user_id.as_str());
    assert_eq!(banned["reason"], "spam");
    assert_locked_out(&bob, &guild).await;
    let (status, bans) = ada.get(&format!("/guilds/{}/bans", guild.id)).await;
    assert_eq!(status, StatusCode::OK, "{bans}");
    assert_eq!(list(&bans).len(), 1);
    assert_eq!(list(&bans)[0]["user_id"], bob.user_id.as_str());

    let rejoin = bob.post(&format!("/invites/{code}"), json!({})).await;
    assert_problem(&rejoin, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(ada.delete(&ban).await.0, StatusCode::NO_CONTENT);
    assert_eq!(
        ada.get(&format!("/guilds/{}/bans", guild.id)).await.1,
        json!([])
    );
    let (status, joined) = bob.post(&format!("/invites/{code}"), json!({})).await;
    assert_eq!((status, &joined["id"]), (StatusCode::OK, &json!(guild.id)));
    assert_eq!(
        bob.get(&format!("/guilds/{}", guild.id)).await.0,
        StatusCode::OK
    );
    assert_problem(
        &ada.delete(&ban).await,
        StatusCode::NOT_FOUND,
        "unknown_ban",
    );
}

#[tokio::test]
async fn bans_need_ban_members_and_spare_the_owner() {
    let app = spawn_app().await;
    let (ada, bob, guild) = app.guild_with_member("ada", "bob").await;
    let cy = app.register("cyd").await;
    let ban = |user: &str| format!("/guilds/{}/bans/{user}", guild.id);

    let refused = bob.put(&ban(&cy.user_id), json!({})).await;
    assert_problem(&refused, StatusCode::FORBIDDEN, "forbidden");
    let listing = bob.get(&format!("/guilds/{}/bans", guild.id)).await;
    assert_problem(&listing, StatusCode::FORBIDDEN, "forbidden");
    let unban = bob.delete(&ban(&cy.user_id)).await;
    assert_problem(&unban, StatusCode::FORBIDDEN, "forbidden");
    let owner = ada.put(&ban(&ada.user_id), json!({})).await;
    assert_problem(&owner, StatusCode::FORBIDDEN, "forbidden");
    let ghost = ada.put(&ban(UNKNOWN_ID), json!({})).await;
    assert_problem(&ghost, StatusCode::NOT_FOUND, "unknown_user");
    assert_invalid(&ada.put(&ban("nope"), json!({})).await, "user_id");

    let (status, pre_ban) = ada.put(&ban(&cy.user_id), json!({})).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "non-members can be banned ahead: {pre_ban}"
    );
    assert_eq!(pre_ban["reason"], json!(null));
    let code = ada.invite(&guild.id).await;
    let join = cy.post(&format!("/invites/{code}"), json!({})).await;
    assert_problem(&join, StatusCode::FORBIDDEN, "forbidden");
}
