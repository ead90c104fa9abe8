//! The contract of `ChannelStore`: guild channels, and DM channels that exist once per
//! pair of users.

use std::sync::Arc;

use concord_domain::channel::Channel;
use concord_ports::store::{HistoryPage, Store};

use super::assert_not_found;
use super::fixtures::{
    category, dm_candidate, fresh_id, message, owned_guild, pair, registered, text_channel,
};

/// Sorts channels by id, for comparing lists that come in no particular order.
fn by_id(mut channels: Vec<Channel>) -> Vec<Channel> {
    channels.sort_by_key(|channel| channel.id);
    channels
}

/// New channels are found by id and listed under their guild only.
pub async fn channels_are_listed_by_guild(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let heading = category(guild);
    let child = Channel {
        parent_id: Some(heading.id),
        position: 1,
        ..text_channel(guild)
    };
    store.create_channel(&heading).await.expect("category");
    store.create_channel(&child).await.expect("channel");
    let elsewhere = owned_guild(&*store).await.1;

    assert_eq!(
        store.channel(child.id).await.expect("channel"),
        Some(child.clone())
    );
    assert_eq!(store.channel(fresh_id()).await.expect("unknown"), None);
    let listed = store.guild_channels(guild).await.expect("channels");
    assert_eq!(by_id(listed), by_id(vec![bundle.general, heading, child]));
    let other = store
        .guild_channels(elsewhere.guild.id)
        .await
        .expect("channels");
    assert_eq!(other, vec![elsewhere.general]);
}

/// An update replaces the channel's fields; an unknown channel is `NotFound`.
pub async fn updating_a_channel_replaces_its_fields(store: Arc<dyn Store>) {
    let (_, bundle) = owned_guild(&*store).await;
    let renamed = Channel {
        name: "announcements".to_owned(),
        topic: Some("news".to_owned()),
        position: 3,
        ..bundle.general.clone()
    };
    store.update_channel(&renamed).await.expect("update");
    assert_eq!(
        store.channel(renamed.id).await.expect("channel"),
        Some(renamed)
    );

    assert_not_found(store.update_channel(&text_channel(bundle.guild.id)).await);
}

/// Deleting a channel removes its messages; the children of a category stay, unparented.
pub async fn deleting_a_channel_removes_its_messages_and_orphans_its_children(
    store: Arc<dyn Store>,
) {
    let (owner, bundle) = owned_guild(&*store).await;
    let guild = bundle.guild.id;
    let heading = category(guild);
    let child = Channel {
        parent_id: Some(heading.id),
        ..text_channel(guild)
    };
    store.create_channel(&heading).await.expect("category");
    store.create_channel(&child).await.expect("channel");

    assert!(
        store
            .delete_channel(heading.id)
            .await
            .expect("delete category")
    );
    let orphan = store
        .channel(child.id)
        .await
        .expect("child")
        .expect("child survives");
    assert_eq!(orphan.parent_id, None);

    let doomed = message(child.id, owner.id, "soon gone");
    store.create_message(&doomed).await.expect("message");
    let kept = message(bundle.general.id, owner.id, "stays");
    store.create_message(&kept).await.expect("message");

    assert!(
        store
            .delete_channel(child.id)
            .await
            .expect("delete channel")
    );
    assert!(!store.delete_channel(child.id).await.expect("delete again"));
    assert_eq!(store.channel(child.id).await.expect("channel"), None);
    assert_eq!(
        store.message(child.id, doomed.id).await.expect("message"),
        None
    );
    let history = store
        .messages(child.id, HistoryPage::Latest, 10)
        .await
        .expect("history");
    assert!(history.is_empty());

    assert_eq!(
        store.guild_channels(guild).await.expect("channels").len(),
        1
    );
    let general = store
        .messages(bundle.general.id, HistoryPage::Latest, 10)
        .await;
    assert_eq!(general.expect("history"), vec![kept]);
}

/// Opening a DM twice, from either side, gives the channel the first call stored.
pub async fn a_dm_is_opened_once_per_pair(store: Arc<dyn Store>) {
    let (ada, bob) = (registered(&*store).await, registered(&*store).await);
    let first = dm_candidate(pair(ada.id, bob.id));
    let opened = store
        .open_dm(pair(ada.id, bob.id), &first)
        .await
        .expect("open");
    assert_eq!(opened, first);

    let second = dm_candidate(pair(bob.id, ada.id));
    let reopened = store
        .open_dm(pair(bob.id, ada.id), &second)
        .await
        .expect("reopen");
    assert_eq!(reopened, first);
    assert_eq!(
        store.channel(second.id).await.expect("unused candidate"),
        None
    );
    assert_eq!(
        store.channel(first.id).await.expect("dm"),
        Some(first.clone())
    );

    assert_eq!(
        store.dm_channels(ada.id).await.expect("ada's dms"),
        vec![first.clone()]
    );
    assert_eq!(
        store.dm_channels(bob.id).await.expect("bob's dms"),
        vec![first.clone()]
    );

    let cy = registered(&*store).await;
    assert!(store.dm_channels(cy.id).await.expect("no dms").is_empty());
    let other = dm_candidate(pair(cy.id, ada.id));
    store
        .open_dm(pair(cy.id, ada.id), &other)
        .await
        .expect("open");
    let both = store.dm_channels(ada.id).await.expect("ada's dms");
    assert_eq!(by_id(both), by_id(vec![first, other]));
}

/// Eight calls opening the same DM at once all get the same channel.
pub async fn racing_to_open_a_dm_yields_one_channel(store: Arc<dyn Store>) {
    let (ada, bob) = (registered(&*store).await, registered(&*store).await);
    let racers: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            let dm = pair(ada.id, bob.id);
            tokio::spawn(async move { store.open_dm(dm, &dm_candidate(dm)).await })
        })
        .collect();
    let mut opened = Vec::new();
    for racer in racers {
        opened.push(racer.await.expect("racer finished").expect("open"));
    }

    assert!(
        opened.iter().all(|channel| *channel == opened[0]),
        "{opened:?}"
    );
    assert_eq!(
        store.dm_channels(ada.id).await.expect("dms"),
        vec![opened[0].clone()]
    );
}
