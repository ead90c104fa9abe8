//! Invites, and joining a guild through one.
//!
//! Joining reads the invite, the ban list and the membership and then writes the member
//! and the invite's use count, all in one write transaction, so two people racing for
//! the last use of an invite cannot both get in.

use std::ops::Bound;

use concord_domain::guild::{Invite, Member};
use concord_domain::time::Timestamp;
use concord_ports::store::{InviteOutcome, StoreError};
use redb::{ReadTransaction, ReadableTable, WriteTransaction};

use crate::codec::{get_json, put_json};
use crate::guilds::{add_member, find_member};
use crate::tables::{BANS, GUILD_INVITES, INVITES, KeyRange};
use crate::transaction::Outcome;

/// Stores a new invite; `Conflict("invite")` if its code is taken.
pub(crate) fn create(tx: &WriteTransaction, invite: &Invite) -> Outcome<()> {
    let mut invites = tx.open_table(INVITES)?;
    if invites.get(invite.code.as_str())?.is_some() {
        return Err(StoreError::Conflict("invite").into());
    }
    put_json(&mut invites, invite.code.as_str(), invite)?;

    let guild = invite.guild_id.to_string();
    tx.open_table(GUILD_INVITES)?
        .insert((guild.as_str(), invite.code.as_str()), ())?;
    Ok(())
}

/// The invite with `code`, if any.
pub(crate) fn get(tx: &ReadTransaction, code: &str) -> Outcome<Option<Invite>> {
    get_json(&tx.open_table(INVITES)?, code)
}

/// Admits `member` to the invite's guild if they are not banned, not already a member
/// and the invite is still usable at `now`, counting the use.
pub(crate) fn join(
    tx: &WriteTransaction,
    code: &str,
    member: Member,
    now: Timestamp,
) -> Outcome<InviteOutcome> {
    let mut invites = tx.open_table(INVITES)?;
    let Some(mut invite) = get_json::<_, Invite>(&invites, code)? else {
        return Ok(InviteOutcome::Unusable);
    };
    // The invite decides the guild, whatever the caller filled in.
    let member = Member {
        guild_id: invite.guild_id,
        ..member
    };

    let (guild, user) = (member.guild_id.to_string(), member.user_id.to_string());
    if tx
        .open_table(BANS)?
        .get((guild.as_str(), user.as_str()))?
        .is_some()
    {
        return Ok(InviteOutcome::Banned);
    }
    if let Some(existing) = find_member(tx, member.guild_id, member.user_id)? {
        return Ok(InviteOutcome::AlreadyMember(existing));
    }
    if invite.check_usable(now).is_err() {
        return Ok(InviteOutcome::Unusable);
    }

    invite.uses = invite.uses.saturating_add(1);
    put_json(&mut invites, code, &invite)?;
    add_member(tx, &member)?;
    Ok(InviteOutcome::Joined(member))
}

/// Deletes every invite of `guild`.
pub(crate) fn purge_guild(tx: &WriteTransaction, guild: &str) -> Outcome<()> {
    let mut guild_invites = tx.open_table(GUILD_INVITES)?;

    // Codes may hold any text, so scan from the guild's first key while the guild matches.
    let mut codes = Vec::new();
    let start: KeyRange<'_> = (Bound::Included((guild, "")), Bound::Unbounded);
    for entry in guild_invites.range(start)? {
        let (key, _) = entry?;
        let (owner, code) = key.value();
        if owner != guild {
            break;
        }
        codes.push(code.to_owned());
    }

    let mut invites = tx.open_table(INVITES)?;
    for code in codes {
        guild_invites.remove((guild, code.as_str()))?;
        invites.remove(code.as_str())?;
    }
    Ok(())
}
