//! Reading and changing user profiles.

use concord_domain::file::{FileOwner, FilePurpose};
use concord_domain::id::{FileId, UserId};
use concord_domain::relationship::RelationshipKind;
use concord_domain::user::{DisplayName, User, Username};
use concord_ports::store::StoreError;
use tracing::instrument;

use crate::events::{Event, PublicUser, Room};
use crate::{AppError, AppResult, Concord};

/// Changes to the actor's own profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    /// A new username.
    pub username: Option<String>,
    /// A new display name.
    pub display_name: Option<String>,
    /// A new avatar: `Some(Some(file))` sets an avatar upload of the actor's,
    /// `Some(None)` removes the avatar.
    pub avatar: Option<Option<FileId>>,
}

impl Concord {
    /// The actor's own account, email included.
    pub async fn me(&self, actor: UserId) -> AppResult<User> {
        self.deps
            .store
            .user(actor)
            .await?
            .ok_or(AppError::NotFound("user"))
    }

    /// Another user's public profile.
    pub async fn user(&self, _actor: UserId, id: UserId) -> AppResult<PublicUser> {
        let user = self
            .deps
            .store
            .user(id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        Ok(PublicUser::from(&user))
    }

    /// Changes the actor's own profile.
    #[instrument(skip_all, fields(%actor))]
    pub async fn update_me(&self, actor: UserId, change: ProfileChange) -> AppResult<User> {
        let mut user = self.me(actor).await?;
        if let Some(username) = &change.username {
            user.username = Username::parse(username)?;
        }
        if let Some(display_name) = &change.display_name {
            user.display_name = DisplayName::parse(display_name)?;
        }
        let owner = FileOwner::User { user_id: actor };
        let previous_avatar = user.avatar;
        if let Some(avatar) = change.avatar {
            if let Some(file) = avatar {
                self.attach_file(actor, file, FilePurpose::Avatar, owner)
                    .await?;
            }
            user.avatar = avatar;
        }

        let stored = match self.deps.store.update_user(&user).await {
            Err(StoreError::Conflict("username")) => Err(AppError::Conflict {
                code: "username_taken",
                message: "that username is taken",
            }),
            other => other.map_err(AppError::from),
        };
        if let Err(error) = stored {
            // The new avatar is not the user's after all: free it for another try.
            if let Some(new) = user.avatar.filter(|&new| Some(new) != previous_avatar) {
                self.deps.store.detach_file(new, owner).await?;
            }
            return Err(error);
        }
        if let Some(previous) = previous_avatar
            && user.avatar != Some(previous)
        {
            self.purge_owned_file(previous, owner).await;
        }
        let public = PublicUser::from(&user);
        for room in self.audience_of(actor).await {
            self.publish(room, Event::UserUpdate(public.clone())).await;
        }
        Ok(user)
    }

    /// The rooms of everyone who sees `user_id`'s profile and presence: the user's own
    /// sessions, their guilds and their friends. Best effort: a room that cannot be
    /// listed right now is left out.
    pub(crate) async fn audience_of(&self, user_id: UserId) -> Vec<Room> {
        let mut rooms = vec![Room::User(user_id)];
        if let Ok(guilds) = self.my_guilds(user_id).await {
            rooms.extend(guilds.iter().map(|guild| Room::Guild(guild.id)));
        }
        if let Ok(relationships) = self.relationships(user_id).await {
            let friends = relationships
                .iter()
                .filter(|relationship| relationship.kind == RelationshipKind::Friend);
            rooms.extend(friends.map(|friend| Room::User(friend.user.id)));
        }
        rooms
    }
}
