//! Reading and changing user profiles.

use concord_domain::id::UserId;
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

        match self.deps.store.update_user(&user).await {
            Err(StoreError::Conflict("username")) => {
                return Err(AppError::Conflict {
                    code: "username_taken",
                    message: "that username is taken",
                });
            }
            other => other?,
        }
        self.publish(
            Room::User(actor),
            Event::UserUpdate(PublicUser::from(&user)),
        )
        .await;
        Ok(user)
    }
}
