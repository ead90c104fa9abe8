//! Friends, requests and blocks.

use concord_app::relationships::RelationshipView;
use concord_domain::relationship::RelationshipKind;
use poem_openapi::{Enum, Object};

use super::users::UserDto;

/// Kinds of relationship, as the requesting user sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RelationshipType {
    /// Friends.
    Friend,
    /// They sent you a request.
    Incoming,
    /// You sent them a request.
    Outgoing,
    /// You blocked them.
    Blocked,
}

impl From<RelationshipKind> for RelationshipType {
    fn from(kind: RelationshipKind) -> Self {
        match kind {
            RelationshipKind::Friend => RelationshipType::Friend,
            RelationshipKind::Incoming => RelationshipType::Incoming,
            RelationshipKind::Outgoing => RelationshipType::Outgoing,
            RelationshipKind::Blocked => RelationshipType::Blocked,
        }
    }
}

/// A relationship with another user.
#[derive(Debug, Object)]
pub struct RelationshipDto {
    /// The other user's id.
    pub id: String,
    /// The kind, from your side.
    #[oai(rename = "type")]
    pub kind: RelationshipType,
    /// The other user.
    pub user: UserDto,
}

impl From<RelationshipView> for RelationshipDto {
    fn from(view: RelationshipView) -> Self {
        Self {
            id: view.user.id.to_string(),
            kind: view.kind.into(),
            user: view.user.into(),
        }
    }
}

/// A friend request by username.
#[derive(Debug, Object)]
pub struct FriendRequestBody {
    /// The other user's username.
    pub username: String,
}

/// What to make a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RelationshipIntent {
    /// Send a friend request, or accept theirs.
    Friend,
    /// Block the user.
    Block,
}

/// A relationship change.
#[derive(Debug, Object)]
pub struct PutRelationshipBody {
    /// `friend` or `block`.
    #[oai(rename = "type")]
    pub kind: RelationshipIntent,
}
