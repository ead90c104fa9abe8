//! Builders for the records the contract cases store: fresh ids, users, guilds,
//! channels, messages, invites and refresh tokens.
//!
//! Every id comes from one process-wide counter, so ids are unique across cases and
//! increase in the order they are made, as real ULIDs do over time.

use std::sync::atomic::{AtomicU64, Ordering};

use concord_domain::channel::{Channel, ChannelKind, DmPair};
use concord_domain::guild::{Guild, GuildName, Invite, Member, Role};
use concord_domain::id::{ChannelId, GuildId, RawId, TokenFamilyId, UserId};
use concord_domain::message::Message;
use concord_domain::time::Timestamp;
use concord_domain::user::{DisplayName, Email, User, Username};
use concord_ports::store::{GuildBundle, RefreshToken, Store};

/// The time every case pretends it is.
pub const NOW: Timestamp = Timestamp(1_750_000_000_000);

/// The milliseconds of the first id handed out.
const FIRST_ID_MILLIS: i64 = 1_700_000_000_000;

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A number never handed out before in this process.
pub fn unique() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A fresh id, greater than every id made before it.
pub fn fresh_id<T: From<RawId>>() -> T {
    let n = unique();
    T::from(RawId::from_parts(
        Timestamp(FIRST_ID_MILLIS + n as i64),
        u128::from(n),
    ))
}

/// A user named `username`, with an email made from it, not yet stored.
pub fn user_named(username: &str) -> User {
    let username = Username::parse(username).expect("fixture username is valid");
    User {
        id: fresh_id(),
        email: Email::parse(&format!("{}@example.org", username.as_str()))
            .expect("fixture email is valid"),
        display_name: DisplayName::from_username(&username),
        username,
        avatar: None,
        created_at: NOW,
    }
}

/// A user with a fresh username, not yet stored.
pub fn new_user() -> User {
    user_named(&format!("user{}", unique()))
}

/// A fresh user, stored with the password hash `hash`.
pub async fn registered(store: &dyn Store) -> User {
    let user = new_user();
    store
        .create_user(&user, "hash")
        .await
        .expect("storing a fresh user");
    user
}

/// Everything a new guild owned by `owner` starts with.
pub fn guild_bundle(owner: UserId) -> GuildBundle {
    let id: GuildId = fresh_id();
    let guild = Guild {
        id,
        name: GuildName::parse(&format!("guild {}", unique())).expect("fixture name is valid"),
        icon: None,
        owner_id: owner,
        created_at: NOW,
    };
    GuildBundle {
        everyone: Role::everyone(id),
        general: Channel {
            name: "general".to_owned(),
            ..text_channel(id)
        },
        owner: member(id, owner),
        guild,
    }
}

/// A stored guild owned by a fresh stored user; returns the owner and the bundle.
pub async fn owned_guild(store: &dyn Store) -> (User, GuildBundle) {
    let owner = registered(store).await;
    let bundle = guild_bundle(owner.id);
    store
        .create_guild(&bundle)
        .await
        .expect("storing a fresh guild");
    (owner, bundle)
}

/// A membership of `user` in `guild` without roles or nickname.
pub fn member(guild: GuildId, user: UserId) -> Member {
    Member {
        guild_id: guild,
        user_id: user,
        nickname: None,
        roles: vec![],
        joined_at: NOW,
    }
}

/// A text channel of `guild`, not yet stored.
pub fn text_channel(guild: GuildId) -> Channel {
    Channel {
        id: fresh_id(),
        kind: ChannelKind::Text,
        guild_id: Some(guild),
        name: format!("channel-{}", unique()),
        topic: None,
        position: 0,
        parent_id: None,
        recipients: vec![],
        last_message_id: None,
        created_at: NOW,
    }
}

/// A category of `guild`, not yet stored.
pub fn category(guild: GuildId) -> Channel {
    Channel {
        kind: ChannelKind::Category,
        ..text_channel(guild)
    }
}

/// A DM channel that could join `pair`, not yet stored.
pub fn dm_candidate(pair: DmPair) -> Channel {
    Channel {
        id: fresh_id(),
        kind: ChannelKind::Dm,
        guild_id: None,
        name: String::new(),
        topic: None,
        position: 0,
        parent_id: None,
        recipients: vec![pair.low(), pair.high()],
        last_message_id: None,
        created_at: NOW,
    }
}

/// The DM pair of two different users.
pub fn pair(a: UserId, b: UserId) -> DmPair {
    DmPair::new(a, b).expect("fixture users differ")
}

/// A message by `author` in `channel` with a fresh id, not yet stored.
pub fn message(channel: ChannelId, author: UserId, content: &str) -> Message {
    Message {
        id: fresh_id(),
        channel_id: channel,
        author_id: author,
        content: content.to_owned(),
        nonce: None,
        reply_to: None,
        attachments: vec![],
        mentions: vec![],
        reactions: vec![],
        edited_at: None,
        created_at: NOW,
    }
}

/// An invite to `bundle`'s guild and general channel, without limits.
pub fn invite(bundle: &GuildBundle) -> Invite {
    Invite {
        code: format!("code{}", unique()),
        guild_id: bundle.guild.id,
        channel_id: bundle.general.id,
        inviter_id: bundle.guild.owner_id,
        max_uses: None,
        uses: 0,
        expires_at: None,
        created_at: NOW,
    }
}

/// Makes `user` a member of `bundle`'s guild through a fresh invite.
pub async fn join(store: &dyn Store, bundle: &GuildBundle, user: UserId) -> Member {
    let invite = invite(bundle);
    store
        .create_invite(&invite)
        .await
        .expect("storing a fresh invite");
    let candidate = member(bundle.guild.id, user);
    store
        .join_by_invite(&invite.code, &candidate, NOW)
        .await
        .expect("joining a guild");
    candidate
}

/// A refresh token of `user` in a fresh family, expiring an hour after [`NOW`].
pub fn refresh_token(user: UserId) -> RefreshToken {
    RefreshToken {
        hash: format!("hash{}", unique()),
        family: fresh_id::<TokenFamilyId>(),
        user_id: user,
        expires_at: NOW.plus_millis(3_600_000),
    }
}

/// The successor a rotation would store for `token`.
pub fn successor(token: &RefreshToken) -> RefreshToken {
    RefreshToken {
        hash: format!("hash{}", unique()),
        ..token.clone()
    }
}
