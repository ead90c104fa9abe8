//! Permissions: a bitfield on roles, and how a member's effective permissions follow.
//!
//! A member's permissions are the union of the guild's @everyone role and every role
//! they hold. ADMINISTRATOR grants everything, and so does owning the guild.

use std::fmt;
use std::ops::{BitOr, BitOrAssign};

use serde::{Deserialize, Serialize};

/// A set of permissions, stored and sent as a 64-bit integer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Permissions(u64);

impl Permissions {
    /// May create invites to the guild.
    pub const CREATE_INVITE: Self = Self(1 << 0);
    /// May remove members from the guild.
    pub const KICK_MEMBERS: Self = Self(1 << 1);
    /// May ban members from the guild.
    pub const BAN_MEMBERS: Self = Self(1 << 2);
    /// Holds every permission.
    pub const ADMINISTRATOR: Self = Self(1 << 3);
    /// May create, change and delete channels and categories.
    pub const MANAGE_CHANNELS: Self = Self(1 << 4);
    /// May rename the guild, change its icon and manage its roles.
    pub const MANAGE_GUILD: Self = Self(1 << 5);
    /// May see channels and read their history.
    pub const VIEW_CHANNEL: Self = Self(1 << 10);
    /// May send messages in text channels.
    pub const SEND_MESSAGES: Self = Self(1 << 11);
    /// May delete other members' messages.
    pub const MANAGE_MESSAGES: Self = Self(1 << 13);
    /// May add reactions to messages.
    pub const ADD_REACTIONS: Self = Self(1 << 6);

    /// No permission at all.
    pub const NONE: Self = Self(0);
    /// Every permission defined above.
    pub const ALL: Self = Self(
        Self::CREATE_INVITE.0
            | Self::KICK_MEMBERS.0
            | Self::BAN_MEMBERS.0
            | Self::ADMINISTRATOR.0
            | Self::MANAGE_CHANNELS.0
            | Self::MANAGE_GUILD.0
            | Self::ADD_REACTIONS.0
            | Self::VIEW_CHANNEL.0
            | Self::SEND_MESSAGES.0
            | Self::MANAGE_MESSAGES.0,
    );
    /// What a new guild's @everyone role may do.
    pub const EVERYONE_DEFAULT: Self = Self(
        Self::VIEW_CHANNEL.0
            | Self::SEND_MESSAGES.0
            | Self::ADD_REACTIONS.0
            | Self::CREATE_INVITE.0,
    );

    /// Builds a set from its integer form, dropping unknown bits.
    pub fn from_bits_truncate(bits: u64) -> Self {
        Self(bits & Self::ALL.0)
    }

    /// The integer form.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Whether this set grants `wanted`, treating ADMINISTRATOR as every permission.
    pub fn allows(self, wanted: Self) -> bool {
        self.0 & Self::ADMINISTRATOR.0 != 0 || self.0 & wanted.0 == wanted.0
    }
}

impl BitOr for Permissions {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl BitOrAssign for Permissions {
    fn bitor_assign(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

impl fmt::Debug for Permissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Permissions({:#x})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrator_allows_everything() {
        assert!(Permissions::ADMINISTRATOR.allows(Permissions::BAN_MEMBERS));
        assert!(Permissions::ADMINISTRATOR.allows(Permissions::ALL));
    }

    #[test]
    fn a_set_allows_only_what_it_holds() {
        let set = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
        assert!(set.allows(Permissions::VIEW_CHANNEL));
        assert!(set.allows(Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES));
        assert!(!set.allows(Permissions::MANAGE_MESSAGES));
        assert!(!set.allows(Permissions::VIEW_CHANNEL | Permissions::KICK_MEMBERS));
    }

    #[test]
    fn unknown_bits_are_dropped() {
        assert_eq!(Permissions::from_bits_truncate(u64::MAX), Permissions::ALL);
    }
}
