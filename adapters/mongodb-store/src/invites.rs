//! Invites, and joining a guild through one.
//!
//! Joining reads the invite, the ban and the membership, then counts the use and adds
//! the member, all in one transaction, checking in the embedded store's order: a
//! missing invite, a ban, an existing membership, then expiry and uses. Every joiner
//! writes the invite's document, so two people racing for its last use conflict: the
//! server commits one transaction and the other starts over and finds it used up.

use concord_domain::guild::{Ban, Invite, Member};
use concord_domain::time::Timestamp;
use concord_ports::store::{InviteOutcome, StoreError};
use mongodb::ClientSession;
use mongodb::bson::{Document, doc};

use crate::MongoStore;
use crate::codec::document;
use crate::failure::{During, conflict_on_duplicate, is_duplicate_key, store_error};
use crate::guilds::member_document;
use crate::schema::{BANS, INVITES, MEMBERS, pair_key};

impl MongoStore {
    /// Stores a new invite; `Conflict("invite")` if its code is taken.
    pub(crate) async fn insert_invite(&self, invite: &Invite) -> Result<(), StoreError> {
        let record = document(invite.code.as_str(), invite)?;
        match self
            .collection::<Document>(INVITES)
            .insert_one(record)
            .await
        {
            Ok(_) => Ok(()),
            Err(error) if is_duplicate_key(&error) => Err(StoreError::Conflict("invite")),
            Err(error) => Err(store_error("create_invite", &error)),
        }
    }

    /// The invite with `code`, if any.
    pub(crate) async fn find_invite(&self, code: &str) -> Result<Option<Invite>, StoreError> {
        self.collection::<Invite>(INVITES)
            .find_one(doc! { "_id": code })
            .await
            .during("invite")
    }

    /// Admits `member` through the invite `code` at `now`, in one transaction.
    pub(crate) async fn join(
        &self,
        code: &str,
        member: &Member,
        now: Timestamp,
    ) -> Result<InviteOutcome, StoreError> {
        self.transaction(
            "join_by_invite",
            (self, code, member, now),
            |session, context| {
                let (store, code, member, now) = *context;
                Box::pin(join(session, store, code, member, now))
            },
        )
        .await
    }
}

/// Checks and, if everything allows it, admits `member` and counts the invite's use.
async fn join(
    session: &mut ClientSession,
    store: &MongoStore,
    code: &str,
    member: &Member,
    now: Timestamp,
) -> mongodb::error::Result<InviteOutcome> {
    let invites = store.collection::<Invite>(INVITES);
    let Some(invite) = invites
        .find_one(doc! { "_id": code })
        .session(&mut *session)
        .await?
    else {
        return Ok(InviteOutcome::Unusable);
    };
    // The invite decides the guild, whatever the caller filled in.
    let member = Member {
        guild_id: invite.guild_id,
        ..member.clone()
    };
    let key = doc! { "_id": pair_key(member.guild_id, member.user_id) };

    let ban = store
        .collection::<Ban>(BANS)
        .find_one(key.clone())
        .session(&mut *session)
        .await?;
    if ban.is_some() {
        return Ok(InviteOutcome::Banned);
    }
    let members = store.collection::<Document>(MEMBERS);
    let existing = store
        .collection::<Member>(MEMBERS)
        .find_one(key)
        .session(&mut *session)
        .await?;
    if let Some(existing) = existing {
        return Ok(InviteOutcome::AlreadyMember(existing));
    }
    if invite.check_usable(now).is_err() {
        return Ok(InviteOutcome::Unusable);
    }

    invites
        .update_one(doc! { "_id": code }, doc! { "$inc": { "uses": 1 } })
        .session(&mut *session)
        .await?;
    let record = member_document(&member).map_err(crate::failure::abort)?;
    members
        .insert_one(record)
        .session(&mut *session)
        .await
        .map_err(conflict_on_duplicate("member"))?;
    Ok(InviteOutcome::Joined(member))
}
