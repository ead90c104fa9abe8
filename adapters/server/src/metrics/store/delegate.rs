//! The storage port traits for [`TimedStore`]: each method times the same call on the
//! inner store. Methods follow the port's order.

use async_trait::async_trait;
use concord_domain::channel::{Channel, DmPair};
use concord_domain::file::{FileOwner, FilePurpose, FileRecord};
use concord_domain::guild::{Ban, Guild, Invite, Member, Role};
use concord_domain::id::{ChannelId, FileId, GuildId, MessageId, RoleId, UserId};
use concord_domain::message::{Emoji, Message};
use concord_domain::read_state::ReadState;
use concord_domain::relationship::Pair;
use concord_domain::time::Timestamp;
use concord_domain::user::User;
use concord_ports::store::{
    ChannelStore, FileRecordStore, GuildBundle, GuildStore, HistoryPage, InviteOutcome,
    MessageInsert, MessageStore, ReadStateStore, RefreshToken, RelationshipRow, RelationshipStore,
    RotateOutcome, SessionStore, Store, StoreError, UserCredentials, UserStore,
};

use super::TimedStore;

#[async_trait]
impl UserStore for TimedStore {
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        self.timed("create_user", self.inner.create_user(user, password_hash))
            .await
    }

    async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        self.timed("user", self.inner.user(id)).await
    }

    async fn users(&self, ids: &[UserId]) -> Result<Vec<User>, StoreError> {
        self.timed("users", self.inner.users(ids)).await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        self.timed("user_by_username", self.inner.user_by_username(username))
            .await
    }

    async fn credentials(&self, login: &str) -> Result<Option<UserCredentials>, StoreError> {
        self.timed("credentials", self.inner.credentials(login))
            .await
    }

    async fn update_user(&self, user: &User) -> Result<(), StoreError> {
        self.timed("update_user", self.inner.update_user(user))
            .await
    }
}

#[async_trait]
impl SessionStore for TimedStore {
    async fn create_refresh_token(&self, token: &RefreshToken) -> Result<(), StoreError> {
        self.timed(
            "create_refresh_token",
            self.inner.create_refresh_token(token),
        )
        .await
    }

    async fn rotate_refresh_token(
        &self,
        hash: &str,
        next: &RefreshToken,
        now: Timestamp,
    ) -> Result<RotateOutcome, StoreError> {
        let call = self.inner.rotate_refresh_token(hash, next, now);
        self.timed("rotate_refresh_token", call).await
    }

    async fn revoke_refresh_family(&self, hash: &str) -> Result<(), StoreError> {
        self.timed(
            "revoke_refresh_family",
            self.inner.revoke_refresh_family(hash),
        )
        .await
    }
}

#[async_trait]
impl GuildStore for TimedStore {
    async fn create_guild(&self, bundle: &GuildBundle) -> Result<(), StoreError> {
        self.timed("create_guild", self.inner.create_guild(bundle))
            .await
    }

    async fn guild(&self, id: GuildId) -> Result<Option<Guild>, StoreError> {
        self.timed("guild", self.inner.guild(id)).await
    }

    async fn guilds_of_user(&self, user: UserId) -> Result<Vec<Guild>, StoreError> {
        self.timed("guilds_of_user", self.inner.guilds_of_user(user))
            .await
    }

    async fn update_guild(&self, guild: &Guild) -> Result<(), StoreError> {
        self.timed("update_guild", self.inner.update_guild(guild))
            .await
    }

    async fn delete_guild(&self, id: GuildId) -> Result<(), StoreError> {
        self.timed("delete_guild", self.inner.delete_guild(id))
            .await
    }

    async fn member(&self, guild: GuildId, user: UserId) -> Result<Option<Member>, StoreError> {
        self.timed("member", self.inner.member(guild, user)).await
    }

    async fn members(
        &self,
        guild: GuildId,
        after: Option<UserId>,
        limit: usize,
    ) -> Result<Vec<Member>, StoreError> {
        self.timed("members", self.inner.members(guild, after, limit))
            .await
    }

    async fn update_member(&self, member: &Member) -> Result<(), StoreError> {
        self.timed("update_member", self.inner.update_member(member))
            .await
    }

    async fn remove_member(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        self.timed("remove_member", self.inner.remove_member(guild, user))
            .await
    }

    async fn roles(&self, guild: GuildId) -> Result<Vec<Role>, StoreError> {
        self.timed("roles", self.inner.roles(guild)).await
    }

    async fn put_role(&self, role: &Role) -> Result<(), StoreError> {
        self.timed("put_role", self.inner.put_role(role)).await
    }

    async fn delete_role(&self, guild: GuildId, role: RoleId) -> Result<bool, StoreError> {
        self.timed("delete_role", self.inner.delete_role(guild, role))
            .await
    }

    async fn ban(&self, ban: &Ban) -> Result<(), StoreError> {
        self.timed("ban", self.inner.ban(ban)).await
    }

    async fn unban(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        self.timed("unban", self.inner.unban(guild, user)).await
    }

    async fn ban_of(&self, guild: GuildId, user: UserId) -> Result<Option<Ban>, StoreError> {
        self.timed("ban_of", self.inner.ban_of(guild, user)).await
    }

    async fn bans(&self, guild: GuildId) -> Result<Vec<Ban>, StoreError> {
        self.timed("bans", self.inner.bans(guild)).await
    }

    async fn create_invite(&self, invite: &Invite) -> Result<(), StoreError> {
        self.timed("create_invite", self.inner.create_invite(invite))
            .await
    }

    async fn invite(&self, code: &str) -> Result<Option<Invite>, StoreError> {
        self.timed("invite", self.inner.invite(code)).await
    }

    async fn join_by_invite(
        &self,
        code: &str,
        member: &Member,
        now: Timestamp,
    ) -> Result<InviteOutcome, StoreError> {
        self.timed(
            "join_by_invite",
            self.inner.join_by_invite(code, member, now),
        )
        .await
    }
}

#[async_trait]
impl ChannelStore for TimedStore {
    async fn create_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        self.timed("create_channel", self.inner.create_channel(channel))
            .await
    }

    async fn open_dm(&self, pair: DmPair, candidate: &Channel) -> Result<Channel, StoreError> {
        self.timed("open_dm", self.inner.open_dm(pair, candidate))
            .await
    }

    async fn channel(&self, id: ChannelId) -> Result<Option<Channel>, StoreError> {
        self.timed("channel", self.inner.channel(id)).await
    }

    async fn guild_channels(&self, guild: GuildId) -> Result<Vec<Channel>, StoreError> {
        self.timed("guild_channels", self.inner.guild_channels(guild))
            .await
    }

    async fn dm_channels(&self, user: UserId) -> Result<Vec<Channel>, StoreError> {
        self.timed("dm_channels", self.inner.dm_channels(user))
            .await
    }

    async fn update_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        self.timed("update_channel", self.inner.update_channel(channel))
            .await
    }

    async fn delete_channel(&self, id: ChannelId) -> Result<bool, StoreError> {
        self.timed("delete_channel", self.inner.delete_channel(id))
            .await
    }
}

#[async_trait]
impl MessageStore for TimedStore {
    async fn create_message(&self, message: &Message) -> Result<MessageInsert, StoreError> {
        let insert = self
            .timed("create_message", self.inner.create_message(message))
            .await;
        if let Ok(MessageInsert::Created) = insert {
            self.metrics.messages_created.inc();
        }
        insert
    }

    async fn message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.timed("message", self.inner.message(channel, id)).await
    }

    async fn messages(
        &self,
        channel: ChannelId,
        page: HistoryPage,
        limit: usize,
    ) -> Result<Vec<Message>, StoreError> {
        self.timed("messages", self.inner.messages(channel, page, limit))
            .await
    }

    async fn update_message(&self, message: &Message) -> Result<(), StoreError> {
        self.timed("update_message", self.inner.update_message(message))
            .await
    }

    async fn delete_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.timed("delete_message", self.inner.delete_message(channel, id))
            .await
    }

    async fn react(
        &self,
        channel: ChannelId,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
        add: bool,
    ) -> Result<(Message, bool), StoreError> {
        self.timed("react", self.inner.react(channel, id, emoji, user, add))
            .await
    }
}

#[async_trait]
impl ReadStateStore for TimedStore {
    async fn put_read_state(&self, state: &ReadState) -> Result<(), StoreError> {
        self.timed("put_read_state", self.inner.put_read_state(state))
            .await
    }

    async fn read_states(&self, user: UserId) -> Result<Vec<ReadState>, StoreError> {
        self.timed("read_states", self.inner.read_states(user))
            .await
    }
}

#[async_trait]
impl RelationshipStore for TimedStore {
    async fn relationships(&self, user: UserId) -> Result<Vec<RelationshipRow>, StoreError> {
        self.timed("relationships", self.inner.relationships(user))
            .await
    }

    async fn relationship_pair(&self, actor: UserId, target: UserId) -> Result<Pair, StoreError> {
        self.timed(
            "relationship_pair",
            self.inner.relationship_pair(actor, target),
        )
        .await
    }

    async fn replace_relationship_pair(
        &self,
        actor: UserId,
        target: UserId,
        expected: Pair,
        next: Pair,
    ) -> Result<(), StoreError> {
        let call = self
            .inner
            .replace_relationship_pair(actor, target, expected, next);
        self.timed("replace_relationship_pair", call).await
    }
}

#[async_trait]
impl FileRecordStore for TimedStore {
    async fn insert_file(&self, record: &FileRecord) -> Result<(), StoreError> {
        self.timed("insert_file", self.inner.insert_file(record))
            .await
    }

    async fn file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.timed("file", self.inner.file(id)).await
    }

    async fn complete_file(
        &self,
        id: FileId,
        content_type: &str,
        size: u64,
    ) -> Result<FileRecord, StoreError> {
        self.timed(
            "complete_file",
            self.inner.complete_file(id, content_type, size),
        )
        .await
    }

    async fn attach_file(
        &self,
        id: FileId,
        uploader: UserId,
        purpose: FilePurpose,
        owner: FileOwner,
    ) -> Result<FileRecord, StoreError> {
        self.timed(
            "attach_file",
            self.inner.attach_file(id, uploader, purpose, owner),
        )
        .await
    }

    async fn detach_file(&self, id: FileId, owner: FileOwner) -> Result<(), StoreError> {
        self.timed("detach_file", self.inner.detach_file(id, owner))
            .await
    }

    async fn delete_file(&self, id: FileId) -> Result<Option<FileRecord>, StoreError> {
        self.timed("delete_file", self.inner.delete_file(id)).await
    }

    async fn channel_files(&self, channel: ChannelId) -> Result<Vec<FileRecord>, StoreError> {
        self.timed("channel_files", self.inner.channel_files(channel))
            .await
    }

    async fn stale_files(
        &self,
        uploading_before: Timestamp,
        ready_before: Timestamp,
        limit: usize,
    ) -> Result<Vec<FileRecord>, StoreError> {
        let listed = self
            .inner
            .stale_files(uploading_before, ready_before, limit);
        self.timed("stale_files", listed).await
    }
}

#[async_trait]
impl Store for TimedStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.timed("ping", self.inner.ping()).await
    }
}
