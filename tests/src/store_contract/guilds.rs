//! The contract of `GuildStore` for guilds, members, roles and bans; invites have their
//! own module.

use std::sync::Arc;

use concord_domain::guild::{Ban, Guild, GuildName, Member, Nickname, Role, RoleName};
use concord_domain::id::{GuildId, RoleId};
use concord_domain::permissions::Permissions;
use concord_ports::store::{HistoryPage, Store};

use super::assert_not_found;
use super::fixtures::{
    NOW, fresh_id, guild_bundle, invite, join, message, owned_guild, registered,
};

/// A role of `guild` with a fresh id.
fn role(guild: GuildId, name: &str) -> Role {
    Role {
        id: fresh_id(),
        guild_id: guild,
        name: RoleName::parse(name).expect("role name"),
        permissions: Permissions::KICK_MEMBERS,
        position: 1,
    }
}

/// The guild comes with its @everyone role, general channel and owner membership.
pub async fn creating_a_guild_stores_its_role_channel_and_owner(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;

    assert_eq!(
        store.guild(guild).await.expect("guild"),
        Some(bundle.guild.clone())
    );
    assert_eq!(store.guild(fresh_id()).await.expect("unknown guild"), None);
    assert_eq!(
        store.roles(guild).await.expect("roles"),
        vec![bundle.everyone.clone()]
    );
    let channels = store.guild_channels(guild).await.expect("channels");
    assert_eq!(channels, vec![bundle.general.clone()]);
    assert_eq!(
        store.channel(bundle.general.id).await.expect("general"),
        Some(bundle.general)
    );
    assert_eq!(
        store.member(guild, owner.id).await.expect("owner"),
        Some(bundle.owner)
    );
    assert_eq!(
        store.guilds_of_user(owner.id).await.expect("guilds"),
        vec![bundle.guild]
    );
}

/// A user's guilds come oldest guild first, and only while they are a member.
pub async fn guilds_of_a_user_are_listed_oldest_first(store: Arc<dyn Store>) {
    let owner = registered(&*store).await;
    let mut bundles = Vec::new();
    for _ in 0..3 {
        let bundle = guild_bundle(owner.id);
        store.create_guild(&bundle).await.expect("guild");
        bundles.push(bundle);
    }
    let guilds: Vec<Guild> = bundles.iter().map(|bundle| bundle.guild.clone()).collect();
    assert_eq!(
        store.guilds_of_user(owner.id).await.expect("guilds"),
        guilds
    );

    let removed = store
        .remove_member(guilds[1].id, owner.id)
        .await
        .expect("remove");
    assert!(removed);
    let left = store.guilds_of_user(owner.id).await.expect("guilds");
    assert_eq!(left, vec![guilds[0].clone(), guilds[2].clone()]);

    let loner = registered(&*store).await;
    assert!(
        store
            .guilds_of_user(loner.id)
            .await
            .expect("no guilds")
            .is_empty()
    );
}

/// An update replaces the guild; updating an unknown guild is `NotFound`.
pub async fn updating_a_guild_replaces_it(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let renamed = Guild {
        name: GuildName::parse("Renamed").expect("name"),
        ..bundle.guild
    };
    store.update_guild(&renamed).await.expect("update");
    assert_eq!(store.guild(renamed.id).await.expect("guild"), Some(renamed));

    let stranger = guild_bundle(fresh_id()).guild;
    assert_not_found(store.update_guild(&stranger).await);
}

/// Deleting a guild removes its members, roles, bans, invites, channels and messages.
pub async fn deleting_a_guild_removes_everything_it_owns(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let (guild, general) = (bundle.guild.id, bundle.general.id);
    let member = registered(&*store).await;
    join(&*store, &bundle, member.id).await;
    let banned = registered(&*store).await;
    let ban = Ban {
        guild_id: guild,
        user_id: banned.id,
        reason: None,
        banned_by: owner.id,
        created_at: NOW,
    };
    store.ban(&ban).await.expect("ban");
    store.put_role(&role(guild, "mods")).await.expect("role");
    let code = invite(&bundle);
    store.create_invite(&code).await.expect("invite");
    let hello = message(general, owner.id, "hello");
    store.create_message(&hello).await.expect("message");
    let survivor = owned_guild(&*store).await.1;

    store.delete_guild(guild).await.expect("delete");

    assert_eq!(store.guild(guild).await.expect("guild"), None);
    assert_eq!(store.member(guild, member.id).await.expect("member"), None);
    assert!(
        store
            .members(guild, None, 10)
            .await
            .expect("members")
            .is_empty()
    );
    assert!(
        store
            .guilds_of_user(member.id)
            .await
            .expect("guilds")
            .is_empty()
    );
    assert!(
        store
            .guilds_of_user(owner.id)
            .await
            .expect("guilds")
            .is_empty()
    );
    assert!(store.roles(guild).await.expect("roles").is_empty());
    assert!(store.bans(guild).await.expect("bans").is_empty());
    assert_eq!(store.invite(&code.code).await.expect("invite"), None);
    assert_eq!(store.channel(general).await.expect("channel"), None);
    assert!(
        store
            .guild_channels(guild)
            .await
            .expect("channels")
            .is_empty()
    );
    assert_eq!(
        store.message(general, hello.id).await.expect("message"),
        None
    );
    let history = store
        .messages(general, HistoryPage::Latest, 10)
        .await
        .expect("history");
    assert!(history.is_empty());

    let kept = store.guild(survivor.guild.id).await.expect("other guild");
    assert_eq!(kept, Some(survivor.guild), "other guilds are untouched");
}

/// Members come in pages of `limit`, ordered by user id, after the given user.
pub async fn members_are_paged_by_user_id(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let mut expected = vec![owner.id];
    for _ in 0..6 {
        let user = registered(&*store).await;
        join(&*store, &bundle, user.id).await;
        expected.push(user.id);
    }
    expected.sort();

    let first = store.members(guild, None, 3).await.expect("first page");
    let ids = |page: &[Member]| page.iter().map(|member| member.user_id).collect::<Vec<_>>();
    assert_eq!(ids(&first), expected[..3]);

    let second = store
        .members(guild, Some(expected[2]), 3)
        .await
        .expect("second page");
    assert_eq!(ids(&second), expected[3..6]);
    let last = store
        .members(guild, Some(expected[5]), 3)
        .await
        .expect("last page");
    assert_eq!(ids(&last), expected[6..]);
    assert!(
        store
            .members(guild, Some(expected[6]), 3)
            .await
            .expect("past the end")
            .is_empty()
    );
    assert!(
        store
            .members(guild, None, 0)
            .await
            .expect("empty page")
            .is_empty()
    );

    let everyone = store.members(guild, None, 100).await.expect("all");
    assert_eq!(ids(&everyone), expected);
    assert!(everyone.iter().all(|member| member.guild_id == guild));
}

/// Memberships are replaced and removed; neither works on a non-member.
pub async fn members_are_updated_and_removed(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let user = registered(&*store).await;
    let joined = join(&*store, &bundle, user.id).await;

    let mods = role(guild, "mods");
    store.put_role(&mods).await.expect("role");
    let nicknamed = Member {
        nickname: Some(Nickname::parse("Nick").expect("nickname")),
        roles: vec![mods.id],
        ..joined
    };
    store.update_member(&nicknamed).await.expect("update");
    assert_eq!(
        store.member(guild, user.id).await.expect("member"),
        Some(nicknamed)
    );

    let stranger = Member {
        user_id: fresh_id(),
        ..bundle.owner.clone()
    };
    assert_not_found(store.update_member(&stranger).await);

    assert!(store.remove_member(guild, user.id).await.expect("remove"));
    assert!(
        !store
            .remove_member(guild, user.id)
            .await
            .expect("remove again")
    );
    assert_eq!(store.member(guild, user.id).await.expect("member"), None);
    assert!(
        store
            .guilds_of_user(user.id)
            .await
            .expect("guilds")
            .is_empty()
    );
}

/// Roles are listed by id and replaced by id; deleting one takes it from every holder.
pub async fn deleting_a_role_takes_it_from_its_holders(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let (mods, helpers) = (role(guild, "mods"), role(guild, "helpers"));
    store.put_role(&helpers).await.expect("role");
    store.put_role(&mods).await.expect("role");
    let recoloured = Role {
        position: 5,
        ..helpers.clone()
    };
    store.put_role(&recoloured).await.expect("replace role");

    let mut expected = vec![bundle.everyone.clone(), mods.clone(), recoloured.clone()];
    expected.sort_by_key(|role| role.id);
    assert_eq!(store.roles(guild).await.expect("roles"), expected);

    let user = registered(&*store).await;
    let holder = Member {
        roles: vec![mods.id, helpers.id],
        ..join(&*store, &bundle, user.id).await
    };
    store.update_member(&holder).await.expect("give roles");

    assert!(store.delete_role(guild, mods.id).await.expect("delete"));
    assert!(
        !store
            .delete_role(guild, mods.id)
            .await
            .expect("delete again")
    );
    assert!(
        !store
            .delete_role(guild, fresh_id::<RoleId>())
            .await
            .expect("unknown role")
    );

    let kept = store
        .member(guild, user.id)
        .await
        .expect("member")
        .expect("still a member");
    assert_eq!(kept.roles, vec![helpers.id]);
    let mut expected = vec![bundle.everyone, recoloured];
    expected.sort_by_key(|role| role.id);
    assert_eq!(store.roles(guild).await.expect("roles"), expected);
}

/// A ban ends the membership at once and stays until it is lifted.
pub async fn banning_removes_the_membership_until_unbanned(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let user = registered(&*store).await;
    join(&*store, &bundle, user.id).await;

    let ban = Ban {
        guild_id: guild,
        user_id: user.id,
        reason: Some("spam".to_owned()),
        banned_by: owner.id,
        created_at: NOW,
    };
    store.ban(&ban).await.expect("ban");
    assert_eq!(store.member(guild, user.id).await.expect("member"), None);
    assert!(
        store
            .guilds_of_user(user.id)
            .await
            .expect("guilds")
            .is_empty()
    );
    assert_eq!(
        store.ban_of(guild, user.id).await.expect("ban_of"),
        Some(ban.clone())
    );
    assert_eq!(store.bans(guild).await.expect("bans"), vec![ban.clone()]);

    // Someone who never joined can be banned too.
    let outsider = registered(&*store).await;
    let pre_ban = Ban {
        user_id: outsider.id,
        reason: None,
        ..ban.clone()
    };
    store.ban(&pre_ban).await.expect("ban an outsider");
    assert_eq!(store.bans(guild).await.expect("bans").len(), 2);

    assert!(store.unban(guild, user.id).await.expect("unban"));
    assert!(!store.unban(guild, user.id).await.expect("unban again"));
    assert_eq!(store.ban_of(guild, user.id).await.expect("ban_of"), None);
    assert_eq!(store.bans(guild).await.expect("bans"), vec![pre_ban]);
}
