//! The storage port's contract: what every storage adapter must do, checked through
//! the port alone.
//!
//! Each case is a public async function taking the store under test. The cases of one
//! aggregate live in one module; [`fixtures`] builds the records they store, with ids
//! that are fresh in every case. An adapter's test binary runs them all with
//! [`store_contract_tests!`](crate::store_contract_tests), which expands to one
//! `#[tokio::test]` per case so that each failure names its case:
//!
//! ```ignore
//! mod in_memory {
//!     concord_tests::store_contract_tests!(my_adapter_store());
//! }
//! ```
//!
//! The expression is evaluated once per case and must give a [`StoreFixture`]: an
//! `Arc<dyn Store>`, or a value that also keeps alive what the store needs (a temporary
//! folder, a server) and is dropped after the case. The calling crate needs `tokio`
//! with the `macros` and `rt-multi-thread` features.

pub mod channels;
pub mod files;
pub mod fixtures;
pub mod guilds;
pub mod invites;
pub mod messages;
pub mod sessions;
pub mod social;
pub mod users;

use std::fmt::Debug;
use std::sync::Arc;

use concord_ports::store::{Store, StoreError};

/// What a contract case runs against: the store, with whatever must outlive it.
pub trait StoreFixture {
    /// The store under test.
    fn store(&self) -> Arc<dyn Store>;
}

impl StoreFixture for Arc<dyn Store> {
    fn store(&self) -> Arc<dyn Store> {
        self.clone()
    }
}

/// Asserts that `result` failed with `Conflict(what)`.
pub fn assert_conflict<T: Debug>(result: Result<T, StoreError>, what: &str) {
    match result {
        Err(StoreError::Conflict(found)) if found == what => {}
        other => panic!("expected a conflict on {what}, got {other:?}"),
    }
}

/// Asserts that `result` failed with `NotFound`.
pub fn assert_not_found<T: Debug>(result: Result<T, StoreError>) {
    match result {
        Err(StoreError::NotFound) => {}
        other => panic!("expected not found, got {other:?}"),
    }
}

/// Expands to one `#[tokio::test]` per contract case, each running against a fixture
/// made by evaluating the given expression.
#[macro_export]
macro_rules! store_contract_tests {
    ($fixture:expr) => {
        $crate::store_contract_tests!(@cases $fixture;
            users::accounts_are_found_by_id_and_by_username_ignoring_case,
            users::usernames_are_unique_without_regard_to_case,
            users::emails_are_unique_without_regard_to_case,
            users::credentials_are_found_by_username_or_email_ignoring_case,
            users::updating_a_user_keeps_usernames_and_emails_unique,
            sessions::rotating_a_current_token_spends_it,
            sessions::presenting_a_spent_token_revokes_its_family,
            sessions::expired_unknown_and_revoked_tokens_are_invalid,
            sessions::concurrent_rotations_of_one_token_let_exactly_one_through,
            guilds::creating_a_guild_stores_its_role_channel_and_owner,
            guilds::guilds_of_a_user_are_listed_oldest_first,
            guilds::updating_a_guild_replaces_it,
            guilds::deleting_a_guild_removes_everything_it_owns,
            guilds::members_are_paged_by_user_id,
            guilds::members_are_updated_and_removed,
            guilds::deleting_a_role_takes_it_from_its_holders,
            guilds::banning_removes_the_membership_until_unbanned,
            invites::invite_codes_are_unique,
            invites::joining_through_an_invite_counts_its_use,
            invites::members_joining_again_change_nothing,
            invites::banned_users_cannot_join,
            invites::expired_used_up_and_unknown_invites_are_unusable,
            invites::the_last_use_of_an_invite_goes_to_one_racer,
            channels::channels_are_listed_by_guild,
            channels::updating_a_channel_replaces_its_fields,
            channels::deleting_a_channel_removes_its_messages_and_orphans_its_children,
            channels::a_dm_is_opened_once_per_pair,
            channels::racing_to_open_a_dm_yields_one_channel,
            messages::creating_a_message_advances_its_channel,
            messages::history_pages_are_newest_first,
            messages::a_repeated_nonce_returns_the_first_message,
            messages::storing_the_same_message_again_creates_it_once,
            messages::editing_a_message_keeps_its_reactions,
            messages::deleting_a_message_returns_it_once,
            messages::reactions_are_added_and_removed_once_per_user,
            social::read_states_are_kept_per_user_and_channel,
            social::relationship_pairs_change_together,
            social::a_stale_relationship_pair_conflicts,
            social::the_store_answers_pings,
            files::a_file_is_uploaded_then_completed,
            files::a_file_is_attached_by_its_uploader_to_one_owner,
            files::an_unfinished_upload_cannot_be_attached,
            files::racing_to_attach_one_file_has_one_winner,
            files::detaching_makes_a_file_ready_again,
            files::files_attached_in_a_channel_are_listed,
            files::deleting_a_file_record_returns_it_once,
            files::stale_files_are_the_old_unused_ones,
        );
    };
    (@cases $fixture:expr; $($area:ident :: $case:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let fixture = $fixture;
                let store = $crate::store_contract::StoreFixture::store(&fixture);
                $crate::store_contract::$area::$case(store).await;
            }
        )+
    };
}
