//! Messages: their content rules, mentions, reactions and nonces.

use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::file::Attachment;
use crate::id::{ChannelId, MessageId, UserId};
use crate::time::Timestamp;

/// The most attachments one message may carry.
pub const MAX_ATTACHMENTS: usize = 10;

/// A message in a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The message's id; ids order messages by creation time.
    pub id: MessageId,
    /// The channel it was sent in.
    pub channel_id: ChannelId,
    /// Who sent it.
    pub author_id: UserId,
    /// The text, trimmed.
    pub content: String,
    /// The client's de-duplication token, if it sent one.
    pub nonce: Option<String>,
    /// The message this one answers.
    pub reply_to: Option<MessageId>,
    /// Files attached to the message.
    pub attachments: Vec<Attachment>,
    /// Users mentioned with `<@id>`, in order of first mention.
    pub mentions: Vec<UserId>,
    /// Reactions, in the order their emoji were first used.
    pub reactions: Vec<Reaction>,
    /// When it was last edited, if ever.
    pub edited_at: Option<Timestamp>,
    /// When it was sent.
    pub created_at: Timestamp,
}

/// Everyone who reacted to a message with one emoji.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    /// The emoji.
    pub emoji: Emoji,
    /// Who reacted with it, in order.
    pub users: Vec<UserId>,
}

impl Message {
    /// Adds `user`'s reaction with `emoji`; returns false if it was already there.
    pub fn add_reaction(&mut self, emoji: &Emoji, user: UserId) -> bool {
        match self.reactions.iter_mut().find(|r| &r.emoji == emoji) {
            Some(reaction) if reaction.users.contains(&user) => false,
            Some(reaction) => {
                reaction.users.push(user);
                true
            }
            None => {
                self.reactions.push(Reaction {
                    emoji: emoji.clone(),
                    users: vec![user],
                });
                true
            }
        }
    }

    /// Removes `user`'s reaction with `emoji`; returns false if there was none.
    pub fn remove_reaction(&mut self, emoji: &Emoji, user: UserId) -> bool {
        let Some(index) = self.reactions.iter().position(|r| &r.emoji == emoji) else {
            return false;
        };
        let users = &mut self.reactions[index].users;
        let before = users.len();
        users.retain(|u| *u != user);
        let removed = users.len() != before;
        if users.is_empty() {
            self.reactions.remove(index);
        }
        removed
    }
}

/// Message text: 1–4000 characters after trimming, or nothing at all for a message
/// that carries files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageContent(String);

impl MessageContent {
    /// The most characters a message may hold.
    pub const MAX_CHARS: usize = 4000;

    /// Trims `raw` and checks its length.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(DomainError::new("content", "must not be empty"));
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(DomainError::new(
                "content",
                "must be at most 4000 characters",
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// Parses the text of a message that carries files, which may be empty.
    pub fn parse_beside_files(raw: &str) -> Result<Self, DomainError> {
        if raw.trim().is_empty() {
            return Ok(Self(String::new()));
        }
        Self::parse(raw)
    }

    /// The users mentioned as `<@id>`, each once, in order of first mention.
    pub fn mentions(&self) -> Vec<UserId> {
        let mut found = Vec::new();
        let mut rest = self.0.as_str();
        while let Some(start) = rest.find("<@") {
            rest = &rest[start + 2..];
            let Some(end) = rest.find('>') else { break };
            if let Ok(user) = UserId::parse("mention", &rest[..end])
                && !found.contains(&user)
            {
                found.push(user);
            }
        }
        found
    }

    /// The trimmed text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A client's nonce: 1–64 printable ASCII characters, used to make retries idempotent.
pub fn parse_nonce(raw: &str) -> Result<String, DomainError> {
    let printable = raw.chars().all(|c| c.is_ascii_graphic());
    if raw.is_empty() || raw.len() > 64 || !printable {
        return Err(DomainError::new(
            "nonce",
            "must be 1 to 64 printable ASCII characters",
        ));
    }
    Ok(raw.to_owned())
}

/// A unicode emoji usable as a reaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Emoji(String);

impl Emoji {
    /// Accepts `raw` only if it is one emoji known to the Unicode emoji list.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match emojis::get(raw) {
            Some(emoji) => Ok(Self(emoji.as_str().to_owned())),
            None => Err(DomainError::new("emoji", "must be a single unicode emoji")),
        }
    }

    /// The emoji's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::RawId;

    fn user(n: u128) -> UserId {
        UserId::from(RawId::from_parts(Timestamp(5), n))
    }

    #[test]
    fn content_is_trimmed_and_bounded_in_characters() {
        assert_eq!(MessageContent::parse("  hi  ").unwrap().into_string(), "hi");
        assert!(MessageContent::parse(" \n\t ").is_err());
        assert!(MessageContent::parse(&"é".repeat(4000)).is_ok());
        assert!(MessageContent::parse(&"é".repeat(4001)).is_err());
    }

    #[test]
    fn mentions_are_parsed_once_each_in_order() {
        let (a, b) = (user(1), user(2));
        let text = format!("hey <@{b}> and <@{a}>, <@{b}> again; <@nope> <@");
        let content = MessageContent::parse(&text).unwrap();
        assert_eq!(content.mentions(), vec![b, a]);
    }

    #[test]
    fn reactions_are_added_once_per_user_and_removed_cleanly() {
        let mut message = Message {
            id: MessageId::from(RawId::from_parts(Timestamp(5), 9)),
            channel_id: ChannelId::from(RawId::from_parts(Timestamp(5), 8)),
            author_id: user(1),
            content: "hi".into(),
            nonce: None,
            reply_to: None,
            attachments: vec![],
            mentions: vec![],
            reactions: vec![],
            edited_at: None,
            created_at: Timestamp(5),
        };
        let heart = Emoji::parse("❤️").unwrap();
        assert!(message.add_reaction(&heart, user(1)));
        assert!(!message.add_reaction(&heart, user(1)));
        assert!(message.add_reaction(&heart, user(2)));
        assert_eq!(message.reactions[0].users.len(), 2);
        assert!(message.remove_reaction(&heart, user(1)));
        assert!(message.remove_reaction(&heart, user(2)));
        assert!(message.reactions.is_empty());
        assert!(!message.remove_reaction(&heart, user(2)));
    }

    #[test]
    fn only_real_emoji_are_reactions() {
        assert!(Emoji::parse("👍").is_ok());
        assert!(Emoji::parse("👍🏽").is_ok());
        assert!(Emoji::parse("a").is_err());
        assert!(Emoji::parse("👍👍").is_err());
        assert!(Emoji::parse("").is_err());
    }

    #[test]
    fn nonces_are_short_printable_ascii() {
        assert!(parse_nonce("abc-123").is_ok());
        assert!(parse_nonce("").is_err());
        assert!(parse_nonce("has space").is_err());
        assert!(parse_nonce(&"n".repeat(65)).is_err());
    }

    #[test]
    fn only_messages_with_files_may_have_no_text() {
        assert!(MessageContent::parse("  ").is_err());
        assert_eq!(
            MessageContent::parse_beside_files(" \n ").map(|c| c.into_string()),
            Ok(String::new())
        );
        assert_eq!(
            MessageContent::parse_beside_files(" look ").map(|c| c.into_string()),
            Ok("look".to_owned())
        );
        assert!(MessageContent::parse_beside_files(&"x".repeat(4001)).is_err());
    }
}
