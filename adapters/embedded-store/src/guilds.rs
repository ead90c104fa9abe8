//! Guilds with their members, roles and bans; invites live in `invites`.
//!
//! A membership is two rows written together: the member under (guild, user) and the
//! index entry (user, guild) that lists a user's guilds. Deleting a guild removes
//! everything keyed by it, its channels with their messages included.

use async_trait::async_trait;
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use concord_domain::id::{GuildId, RoleId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{GuildBundle, GuildStore, InviteOutcome, StoreError};
use redb::{ReadableTable, WriteTransaction};

use crate::EmbeddedStore;
use crate::channels::{insert_channel, purge_channel};
use crate::codec::{collect_json, decode, get_json, put_json};
use crate::invites;
use crate::tables::{
    BANS, GUILD_CHANNELS, GUILDS, MEMBERS, ROLES, USER_GUILDS, drain_under, ids_under, under,
    under_after,
};
use crate::transaction::Outcome;

#[async_trait]
impl GuildStore for EmbeddedStore {
    async fn create_guild(&self, bundle: &GuildBundle) -> Result<(), StoreError> {
        let bundle = bundle.clone();
        self.write("create_guild", move |tx| {
            let guild_key = bundle.guild.id.to_string();
            let mut guilds = tx.open_table(GUILDS)?;
            if guilds.get(guild_key.as_str())?.is_some() {
                return Err(StoreError::Conflict("guild").into());
            }
            put_json(&mut guilds, guild_key.as_str(), &bundle.guild)?;

            let role_key = bundle.everyone.id.to_string();
            put_json(
                &mut tx.open_table(ROLES)?,
                (guild_key.as_str(), role_key.as_str()),
                &bundle.everyone,
            )?;

            insert_channel(tx, &bundle.general)?;
            add_member(tx, &bundle.owner)
        })
        .await
    }

    async fn guild(&self, id: GuildId) -> Result<Option<Guild>, StoreError> {
        self.read("guild", move |tx| {
            get_json(&tx.open_table(GUILDS)?, id.to_string().as_str())
        })
        .await
    }

    async fn guilds_of_user(&self, user: UserId) -> Result<Vec<Guild>, StoreError> {
        self.read("guilds_of_user", move |tx| {
            let guild_ids = ids_under(&tx.open_table(USER_GUILDS)?, &user.to_string())?;
            let guilds = tx.open_table(GUILDS)?;
            let mut found = Vec::with_capacity(guild_ids.len());
            for id in guild_ids {
                if let Some(guild) = get_json(&guilds, id.as_str())? {
                    found.push(guild);
                }
            }
            Ok(found)
        })
        .await
    }

    async fn update_guild(&self, guild: &Guild) -> Result<(), StoreError> {
        let guild = guild.clone();
        self.write("update_guild", move |tx| {
            let key = guild.id.to_string();
            let mut guilds = tx.open_table(GUILDS)?;
            if guilds.get(key.as_str())?.is_none() {
                return Err(StoreError::NotFound.into());
            }
            put_json(&mut guilds, key.as_str(), &guild)
        })
        .await
    }

    async fn delete_guild(&self, id: GuildId) -> Result<(), StoreError> {
        self.write("delete_guild", move |tx| {
            let key = id.to_string();
            tx.open_table(GUILDS)?.remove(key.as_str())?;

            let members = drain_under(&mut tx.open_table(MEMBERS)?, &key)?;
            let mut user_guilds = tx.open_table(USER_GUILDS)?;
            for user in &members {
                user_guilds.remove((user.as_str(), key.as_str()))?;
            }

            drain_under(&mut tx.open_table(ROLES)?, &key)?;
            drain_under(&mut tx.open_table(BANS)?, &key)?;
            invites::purge_guild(tx, &key)?;

            for channel in drain_under(&mut tx.open_table(GUILD_CHANNELS)?, &key)? {
                purge_channel(tx, &channel)?;
            }
            Ok(())
        })
        .await
    }

    async fn member(&self, guild: GuildId, user: UserId) -> Result<Option<Member>, StoreError> {
        self.read("member", move |tx| {
            let members = tx.open_table(MEMBERS)?;
            get_json(
                &members,
                (guild.to_string().as_str(), user.to_string().as_str()),
            )
        })
        .await
    }

    async fn members(
        &self,
        guild: GuildId,
        after: Option<UserId>,
        limit: usize,
    ) -> Result<Vec<Member>, StoreError> {
        self.read("members", move |tx| {
            let (guild, after) = (guild.to_string(), after.map(|user| user.to_string()));
            let members = tx.open_table(MEMBERS)?;
            let mut page = Vec::new();
            for entry in members
                .range(under_after(&guild, after.as_deref()))?
                .take(limit)
            {
                let (_, value) = entry?;
                page.push(decode(value.value())?);
            }
            Ok(page)
        })
        .await
    }

    async fn update_member(&self, member: &Member) -> Result<(), StoreError> {
        let member = member.clone();
        self.write("update_member", move |tx| {
            let (guild, user) = (member.guild_id.to_string(), member.user_id.to_string());
            let mut members = tx.open_table(MEMBERS)?;
            if members.get((guild.as_str(), user.as_str()))?.is_none() {
                return Err(StoreError::NotFound.into());
            }
            put_json(&mut members, (guild.as_str(), user.as_str()), &member)
        })
        .await
    }

    async fn remove_member(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        self.write("remove_member", move |tx| remove_member(tx, guild, user))
            .await
    }

    async fn roles(&self, guild: GuildId) -> Result<Vec<Role>, StoreError> {
        self.read("roles", move |tx| {
            let roles = tx.open_table(ROLES)?;
            collect_json(roles.range(under(&guild.to_string()))?)
        })
        .await
    }

    async fn put_role(&self, role: &Role) -> Result<(), StoreError> {
        let role = role.clone();
        self.write("put_role", move |tx| {
            let (guild, id) = (role.guild_id.to_string(), role.id.to_string());
            put_json(
                &mut tx.open_table(ROLES)?,
                (guild.as_str(), id.as_str()),
                &role,
            )
        })
        .await
    }

    async fn delete_role(&self, guild: GuildId, role: RoleId) -> Result<bool, StoreError> {
        self.write("delete_role", move |tx| {
            let (guild_key, role_key) = (guild.to_string(), role.to_string());
            let mut roles = tx.open_table(ROLES)?;
            if roles
                .remove((guild_key.as_str(), role_key.as_str()))?
                .is_none()
            {
                return Ok(false);
            }

            let mut members = tx.open_table(MEMBERS)?;
            let holders: Vec<Member> = collect_json(members.range(under(&guild_key))?)?;
            for mut member in holders
                .into_iter()
                .filter(|member| member.roles.contains(&role))
            {
                member.roles.retain(|held| *held != role);
                let user = member.user_id.to_string();
                put_json(&mut members, (guild_key.as_str(), user.as_str()), &member)?;
            }
            Ok(true)
        })
        .await
    }

    async fn ban(&self, ban: &Ban) -> Result<(), StoreError> {
        let ban = ban.clone();
        self.write("ban", move |tx| {
            let (guild, user) = (ban.guild_id.to_string(), ban.user_id.to_string());
            put_json(
                &mut tx.open_table(BANS)?,
                (guild.as_str(), user.as_str()),
                &ban,
            )?;
            remove_member(tx, ban.guild_id, ban.user_id)?;
            Ok(())
        })
        .await
    }

    async fn unban(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        self.write("unban", move |tx| {
            let mut bans = tx.open_table(BANS)?;
            let removed = bans.remove((guild.to_string().as_str(), user.to_string().as_str()))?;
            Ok(removed.is_some())
        })
        .await
    }

    async fn ban_of(&self, guild: GuildId, user: UserId) -> Result<Option<Ban>, StoreError> {
        self.read("ban_of", move |tx| {
            let bans = tx.open_table(BANS)?;
            get_json(
                &bans,
                (guild.to_string().as_str(), user.to_string().as_str()),
            )
        })
        .await
    }

    async fn bans(&self, guild: GuildId) -> Result<Vec<Ban>, StoreError> {
        self.read("bans", move |tx| {
            let bans = tx.open_table(BANS)?;
            collect_json(bans.range(under(&guild.to_string()))?)
        })
        .await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), StoreError> {
        let invite = invite.clone();
        self.write("create_invite", move |tx| invites::create(tx, &invite))
            .await
    }

    async fn invite(&self, code: &str) -> Result<Option<Invite>, StoreError> {
        let code = code.to_owned();
        self.read("invite", move |tx| invites::get(tx, &code)).await
    }

    async fn join_by_invite(
        &self,
        code: &str,
        member: &Member,
        now: Timestamp,
    ) -> Result<InviteOutcome, StoreError> {
        let (code, member) = (code.to_owned(), member.clone());
        self.write("join_by_invite", move |tx| {
            invites::join(tx, &code, member, now)
        })
        .await
    }
}

/// Stores a membership with its (user, guild) index entry.
pub(crate) fn add_member(tx: &WriteTransaction, member: &Member) -> Outcome<()> {
    let (guild, user) = (member.guild_id.to_string(), member.user_id.to_string());
    put_json(
        &mut tx.open_table(MEMBERS)?,
        (guild.as_str(), user.as_str()),
        member,
    )?;
    tx.open_table(USER_GUILDS)?
        .insert((user.as_str(), guild.as_str()), ())?;
    Ok(())
}

/// The membership of `user` in `guild`, if any.
pub(crate) fn find_member(
    tx: &WriteTransaction,
    guild: GuildId,
    user: UserId,
) -> Outcome<Option<Member>> {
    let members = tx.open_table(MEMBERS)?;
    get_json(
        &members,
        (guild.to_string().as_str(), user.to_string().as_str()),
    )
}

/// Removes a membership with its index entry; returns whether there was one.
fn remove_member(tx: &WriteTransaction, guild: GuildId, user: UserId) -> Outcome<bool> {
    let (guild, user) = (guild.to_string(), user.to_string());
    let removed = tx
        .open_table(MEMBERS)?
        .remove((guild.as_str(), user.as_str()))?
        .is_some();
    tx.open_table(USER_GUILDS)?
        .remove((user.as_str(), guild.as_str()))?;
    Ok(removed)
}
