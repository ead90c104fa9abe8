//! Guilds with their members, roles and bans; invites live in `invites`.
//!
//! Members, roles and bans are keyed `guild:id` and carry `guild_id`, so one indexed
//! query lists them per guild and deleting a guild removes them with one `delete_many`
//! each, inside the transaction that also deletes its channels and their messages.

use async_trait::async_trait;
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use concord_domain::id::{GuildId, RoleId, UserId};
use concord_domain::time::Timestamp;
use concord_ports::store::{GuildBundle, GuildStore, InviteOutcome, StoreError};
use mongodb::ClientSession;
use mongodb::bson::{Bson, Document, doc};
use mongodb::options::FindOptions;

use crate::MongoStore;
use crate::channels::channel_document;
use crate::codec::{collect, document};
use crate::failure::{During, conflict_on_duplicate};
use crate::schema::{
    BANS, CHANNELS, GUILDS, INVITES, MEMBERS, MESSAGES, READ_STATES, ROLES, pair_key,
};

#[async_trait]
impl GuildStore for MongoStore {
    async fn create_guild(&self, bundle: &GuildBundle) -> Result<(), StoreError> {
        let documents = [
            (
                GUILDS,
                document(bundle.guild.id.to_string(), &bundle.guild)?,
            ),
            (ROLES, role_document(&bundle.everyone)?),
            (CHANNELS, channel_document(&bundle.general)?),
            (MEMBERS, member_document(&bundle.owner)?),
        ];
        self.transaction("create_guild", (self, &documents), |session, context| {
            let (store, documents) = *context;
            Box::pin(async move {
                for (collection, record) in documents {
                    store
                        .collection::<Document>(collection)
                        .insert_one(record)
                        .session(&mut *session)
                        .await
                        .map_err(conflict_on_duplicate("guild"))?;
                }
                Ok(())
            })
        })
        .await
    }

    async fn guild(&self, id: GuildId) -> Result<Option<Guild>, StoreError> {
        self.collection::<Guild>(GUILDS)
            .find_one(doc! { "_id": id.to_string() })
            .await
            .during("guild")
    }

    async fn guilds_of_user(&self, user: UserId) -> Result<Vec<Guild>, StoreError> {
        let guild_ids = self
            .collection::<Document>(MEMBERS)
            .distinct("guild_id", doc! { "user_id": user.to_string() })
            .await
            .during("guilds_of_user")?;
        let cursor = self
            .collection::<Guild>(GUILDS)
            .find(doc! { "_id": { "$in": guild_ids } })
            .sort(doc! { "_id": 1 })
            .await
            .during("guilds_of_user")?;
        collect(cursor, "guilds_of_user").await
    }

    async fn update_guild(&self, guild: &Guild) -> Result<(), StoreError> {
        let key = guild.id.to_string();
        let replaced = self
            .collection::<Document>(GUILDS)
            .replace_one(doc! { "_id": &key }, document(key.as_str(), guild)?)
            .await
            .during("update_guild")?;
        found(replaced.matched_count)
    }

    async fn delete_guild(&self, id: GuildId) -> Result<(), StoreError> {
        self.transaction("delete_guild", (self, id), |session, context| {
            let (store, id) = *context;
            Box::pin(delete_guild(session, store, id))
        })
        .await
    }

    async fn member(&self, guild: GuildId, user: UserId) -> Result<Option<Member>, StoreError> {
        self.collection::<Member>(MEMBERS)
            .find_one(doc! { "_id": pair_key(guild, user) })
            .await
            .during("member")
    }

    async fn members(
        &self,
        guild: GuildId,
        after: Option<UserId>,
        limit: usize,
    ) -> Result<Vec<Member>, StoreError> {
        // A limit of 0 would mean "no limit" to the server.
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut filter = doc! { "guild_id": guild.to_string() };
        if let Some(after) = after {
            filter.insert("user_id", doc! { "$gt": after.to_string() });
        }
        let options = FindOptions::builder()
            .sort(doc! { "user_id": 1 })
            .limit(i64::try_from(limit).unwrap_or(i64::MAX))
            .build();
        let cursor = self
            .collection::<Member>(MEMBERS)
            .find(filter)
            .with_options(options)
            .await
            .during("members")?;
        collect(cursor, "members").await
    }

    async fn update_member(&self, member: &Member) -> Result<(), StoreError> {
        let key = pair_key(member.guild_id, member.user_id);
        let replaced = self
            .collection::<Document>(MEMBERS)
            .replace_one(doc! { "_id": key }, member_document(member)?)
            .await
            .during("update_member")?;
        found(replaced.matched_count)
    }

    async fn remove_member(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        let removed = self
            .collection::<Document>(MEMBERS)
            .delete_one(doc! { "_id": pair_key(guild, user) })
            .await
            .during("remove_member")?;
        Ok(removed.deleted_count > 0)
    }

    async fn roles(&self, guild: GuildId) -> Result<Vec<Role>, StoreError> {
        let cursor = self
            .collection::<Role>(ROLES)
            .find(doc! { "guild_id": guild.to_string() })
            .sort(doc! { "id": 1 })
            .await
            .during("roles")?;
        collect(cursor, "roles").await
    }

    async fn put_role(&self, role: &Role) -> Result<(), StoreError> {
        self.collection::<Document>(ROLES)
            .replace_one(
                doc! { "_id": pair_key(role.guild_id, role.id) },
                role_document(role)?,
            )
            .upsert(true)
            .await
            .during("put_role")?;
        Ok(())
    }

    async fn delete_role(&self, guild: GuildId, role: RoleId) -> Result<bool, StoreError> {
        self.transaction("delete_role", (self, guild, role), |session, context| {
            let (store, guild, role) = *context;
            Box::pin(async move {
                let removed = store
                    .collection::<Document>(ROLES)
                    .delete_one(doc! { "_id": pair_key(guild, role) })
                    .session(&mut *session)
                    .await?;
                if removed.deleted_count == 0 {
                    return Ok(false);
                }
                let role = role.to_string();
                store
                    .collection::<Document>(MEMBERS)
                    .update_many(
                        doc! { "guild_id": guild.to_string(), "roles": &role },
                        doc! { "$pull": { "roles": &role } },
                    )
                    .session(&mut *session)
                    .await?;
                Ok(true)
            })
        })
        .await
    }

    async fn ban(&self, ban: &Ban) -> Result<(), StoreError> {
        let record = document(pair_key(ban.guild_id, ban.user_id), ban)?;
        self.transaction("ban", (self, ban, &record), |session, context| {
            let (store, ban, record) = *context;
            Box::pin(async move {
                let key = pair_key(ban.guild_id, ban.user_id);
                store
                    .collection::<Document>(BANS)
                    .replace_one(doc! { "_id": &key }, record)
                    .upsert(true)
                    .session(&mut *session)
                    .await?;
                remove_membership(session, store, ban).await
            })
        })
        .await
    }

    async fn unban(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        let removed = self
            .collection::<Document>(BANS)
            .delete_one(doc! { "_id": pair_key(guild, user) })
            .await
            .during("unban")?;
        Ok(removed.deleted_count > 0)
    }

    async fn ban_of(&self, guild: GuildId, user: UserId) -> Result<Option<Ban>, StoreError> {
        self.collection::<Ban>(BANS)
            .find_one(doc! { "_id": pair_key(guild, user) })
            .await
            .during("ban_of")
    }

    async fn bans(&self, guild: GuildId) -> Result<Vec<Ban>, StoreError> {
        let cursor = self
            .collection::<Ban>(BANS)
            .find(doc! { "guild_id": guild.to_string() })
            .sort(doc! { "user_id": 1 })
            .await
            .during("bans")?;
        collect(cursor, "bans").await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), StoreError> {
        self.insert_invite(invite).await
    }

    async fn invite(&self, code: &str) -> Result<Option<Invite>, StoreError> {
        self.find_invite(code).await
    }

    async fn join_by_invite(
        &self,
        code: &str,
        member: &Member,
        now: Timestamp,
    ) -> Result<InviteOutcome, StoreError> {
        self.join(code, member, now).await
    }
}

/// The document of a membership.
pub(crate) fn member_document(member: &Member) -> Result<Document, StoreError> {
    document(pair_key(member.guild_id, member.user_id), member)
}

/// The document of a role.
fn role_document(role: &Role) -> Result<Document, StoreError> {
    document(pair_key(role.guild_id, role.id), role)
}

/// `Ok` if an update matched a document, `NotFound` if not.
fn found(matched: u64) -> Result<(), StoreError> {
    if matched == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Removes the banned user's membership, if any.
///
/// The membership's key is written even when there is none, so that a join through an
/// invite racing the ban conflicts with it and starts over, then finds the ban.
async fn remove_membership(
    session: &mut ClientSession,
    store: &MongoStore,
    ban: &Ban,
) -> mongodb::error::Result<()> {
    let members = store.collection::<Document>(MEMBERS);
    let key = doc! { "_id": pair_key(ban.guild_id, ban.user_id) };
    let claim = doc! { "$set": {
        "guild_id": ban.guild_id.to_string(),
        "user_id": ban.user_id.to_string(),
    } };
    members
        .update_one(key.clone(), claim)
        .upsert(true)
        .session(&mut *session)
        .await?;
    members.delete_one(key).session(&mut *session).await?;
    Ok(())
}

/// Deletes a guild and everything keyed by it, its channels with their messages and
/// read states included.
async fn delete_guild(
    session: &mut ClientSession,
    store: &MongoStore,
    id: GuildId,
) -> mongodb::error::Result<()> {
    let guild = doc! { "guild_id": id.to_string() };
    store
        .collection::<Document>(GUILDS)
        .delete_one(doc! { "_id": id.to_string() })
        .session(&mut *session)
        .await?;
    for collection in [MEMBERS, ROLES, BANS, INVITES] {
        store
            .collection::<Document>(collection)
            .delete_many(guild.clone())
            .session(&mut *session)
            .await?;
    }

    let channels = store.collection::<Document>(CHANNELS);
    let channel_ids: Vec<Bson> = channels
        .distinct("_id", guild.clone())
        .session(&mut *session)
        .await?;
    channels.delete_many(guild).session(&mut *session).await?;
    let in_channels = doc! { "channel_id": { "$in": channel_ids } };
    for collection in [MESSAGES, READ_STATES] {
        store
            .collection::<Document>(collection)
            .delete_many(in_channels.clone())
            .session(&mut *session)
            .await?;
    }
    Ok(())
}
