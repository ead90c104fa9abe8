//! Relationships between two users, as a small state machine.
//!
//! Each user of a pair has their own view of it: nothing, a friend, a request they sent
//! (outgoing), a request they received (incoming), or a block. The views always change
//! together, so [`Pair`] holds both and [`Pair::apply`] computes the next pair from an
//! action. A request to someone who already asked you makes you friends; a block wipes
//! the blocked side's view; blocked users cannot send requests.

use serde::{Deserialize, Serialize};

/// How one user sees another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipKind {
    /// They are friends.
    Friend,
    /// This user received a friend request from the other.
    Incoming,
    /// This user sent a friend request to the other.
    Outgoing,
    /// This user blocked the other.
    Blocked,
}

/// Something one user (the actor) does to their relationship with another (the target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipAction {
    /// Send a friend request, or accept the target's pending request.
    Befriend,
    /// Block the target, ending any friendship or request.
    Block,
    /// Remove a friend, cancel or decline a request, or unblock.
    Remove,
}

/// Why an action is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RelationshipRefusal {
    /// The actor tried to relate to themselves.
    #[error("you cannot add yourself")]
    SelfRelation,
    /// The actor has blocked the target and must unblock them first.
    #[error("you have blocked this user")]
    YouBlocked,
    /// The target has blocked the actor; reported vaguely on purpose.
    #[error("this user is not accepting friend requests from you")]
    TheyBlocked,
    /// The two are friends already.
    #[error("you are already friends")]
    AlreadyFriends,
    /// There is nothing to remove.
    #[error("there is no relationship with this user")]
    Nothing,
}

/// Both views of a pair of users: the actor's and the target's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pair {
    /// How the actor sees the target.
    pub actor: Option<RelationshipKind>,
    /// How the target sees the actor.
    pub target: Option<RelationshipKind>,
}

impl Pair {
    /// The pair after the actor performs `action`.
    pub fn apply(self, action: RelationshipAction) -> Result<Pair, RelationshipRefusal> {
        use RelationshipKind::*;
        match action {
            RelationshipAction::Befriend => match (self.actor, self.target) {
                (Some(Blocked), _) => Err(RelationshipRefusal::YouBlocked),
                (_, Some(Blocked)) => Err(RelationshipRefusal::TheyBlocked),
                (Some(Friend), _) => Err(RelationshipRefusal::AlreadyFriends),
                (Some(Incoming), _) => Ok(Pair {
                    actor: Some(Friend),
                    target: Some(Friend),
                }),
                _ => Ok(Pair {
                    actor: Some(Outgoing),
                    target: Some(Incoming),
                }),
            },
            RelationshipAction::Block => {
                let target = match self.target {
                    Some(Blocked) => Some(Blocked),
                    _ => None,
                };
                Ok(Pair {
                    actor: Some(Blocked),
                    target,
                })
            }
            RelationshipAction::Remove => match self.actor {
                None => Err(RelationshipRefusal::Nothing),
                Some(Blocked) => Ok(Pair {
                    actor: None,
                    target: self.target,
                }),
                Some(_) => Ok(Pair {
                    actor: None,
                    target: None,
                }),
            },
        }
    }

    /// The same pair seen from the target's side.
    pub fn swapped(self) -> Pair {
        Pair {
            actor: self.target,
            target: self.actor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RelationshipAction::*;
    use super::RelationshipKind::*;
    use super::*;

    fn pair(actor: Option<RelationshipKind>, target: Option<RelationshipKind>) -> Pair {
        Pair { actor, target }
    }

    #[test]
    fn a_request_creates_outgoing_and_incoming() {
        assert_eq!(
            Pair::default().apply(Befriend),
            Ok(pair(Some(Outgoing), Some(Incoming)))
        );
    }

    #[test]
    fn a_request_to_someone_who_asked_you_makes_friends() {
        let asked = pair(Some(Incoming), Some(Outgoing));
        assert_eq!(asked.apply(Befriend), Ok(pair(Some(Friend), Some(Friend))));
    }

    #[test]
    fn repeating_a_request_changes_nothing() {
        let sent = pair(Some(Outgoing), Some(Incoming));
        assert_eq!(sent.apply(Befriend), Ok(sent));
    }

    #[test]
    fn blocked_users_cannot_send_requests_either_way() {
        assert_eq!(
            pair(None, Some(Blocked)).apply(Befriend),
            Err(RelationshipRefusal::TheyBlocked)
        );
        assert_eq!(
            pair(Some(Blocked), None).apply(Befriend),
            Err(RelationshipRefusal::YouBlocked)
        );
    }

    #[test]
    fn blocking_ends_friendship_but_keeps_the_other_sides_block() {
        let friends = pair(Some(Friend), Some(Friend));
        assert_eq!(friends.apply(Block), Ok(pair(Some(Blocked), None)));
        let mutual = pair(None, Some(Blocked));
        assert_eq!(mutual.apply(Block), Ok(pair(Some(Blocked), Some(Blocked))));
    }

    #[test]
    fn removing_clears_both_sides_except_a_foreign_block() {
        assert_eq!(
            pair(Some(Friend), Some(Friend)).apply(Remove),
            Ok(Pair::default())
        );
        assert_eq!(
            pair(Some(Incoming), Some(Outgoing)).apply(Remove),
            Ok(Pair::default())
        );
        let both = pair(Some(Blocked), Some(Blocked));
        assert_eq!(both.apply(Remove), Ok(pair(None, Some(Blocked))));
        assert_eq!(
            Pair::default().apply(Remove),
            Err(RelationshipRefusal::Nothing)
        );
    }

    #[test]
    fn friends_cannot_befriend_again() {
        let friends = pair(Some(Friend), Some(Friend));
        assert_eq!(
            friends.apply(Befriend),
            Err(RelationshipRefusal::AlreadyFriends)
        );
    }
}
