//! Concord's chat domain: the types and rules every other layer agrees on.
//!
//! Nothing here performs I/O or knows about async, HTTP or databases. Each module owns one
//! aggregate or rule set:
//!
//! - [`id`]: typed, time-ordered identifiers (ULIDs) for every entity.
//! - [`time`]: the millisecond timestamp used throughout.
//! - [`user`]: users and the rules for usernames, emails, display names and passwords.
//! - [`guild`]: guilds (servers), members, roles, bans and invites.
//! - [`permissions`]: the permission bitfield and how a member's permissions are computed.
//! - [`channel`]: text channels, categories and direct-message channels.
//! - [`message`]: messages, their content rules, mentions and reactions.
//! - [`file`]: uploaded files: purposes, names, detected types and what uses them.
//! - [`relationship`]: friend requests, friendships and blocks, as a state machine.
//! - [`read_state`]: how far each user has read in each channel.
//! - [`error`]: the one error type for a broken rule.

pub mod channel;
pub mod error;
pub mod file;
pub mod guild;
pub mod id;
pub mod message;
pub mod permissions;
pub mod read_state;
pub mod relationship;
pub mod time;
pub mod user;

mod text;

pub use error::DomainError;
