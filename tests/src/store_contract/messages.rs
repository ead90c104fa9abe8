//! The contract of `MessageStore`: history in pages, nonces that make sends idempotent,
//! edits, deletes and reactions.

use std::sync::Arc;

use concord_domain::id::MessageId;
use concord_domain::message::{Emoji, Message, Reaction};
use concord_ports::store::{HistoryPage, MessageInsert, Store};

use super::assert_not_found;
use super::fixtures::{NOW, fresh_id, message, owned_guild, registered, text_channel};

/// The ids of a page, in the page's order.
fn ids(page: &[Message]) -> Vec<MessageId> {
    page.iter().map(|message| message.id).collect()
}

/// Ids listed oldest first, turned newest first.
fn newest_first(ids: &[MessageId]) -> Vec<MessageId> {
    ids.iter().rev().copied().collect()
}

/// A stored message is found in its channel, and the channel's last message advances.
pub async fn creating_a_message_advances_its_channel(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;

    let first = message(channel, owner.id, "first");
    assert_eq!(
        store.create_message(&first).await.expect("send"),
        MessageInsert::Created
    );
    assert_eq!(
        store.message(channel, first.id).await.expect("message"),
        Some(first.clone())
    );
    let elsewhere = store
        .message(fresh_id(), first.id)
        .await
        .expect("other channel");
    assert_eq!(elsewhere, None);
    assert_eq!(
        store.message(channel, fresh_id()).await.expect("unknown"),
        None
    );

    let second = message(channel, owner.id, "second");
    store.create_message(&second).await.expect("send");
    let stored = store
        .channel(channel)
        .await
        .expect("channel")
        .expect("channel exists");
    assert_eq!(stored.last_message_id, Some(second.id));
}

/// Latest, Before and After pages hold up to `limit` messages, newest first.
pub async fn history_pages_are_newest_first(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let noise = text_channel(bundle.guild.id);
    store.create_channel(&noise).await.expect("channel");

    let mut sent = Vec::new();
    for n in 0..250 {
        let next = message(channel, owner.id, &format!("message {n}"));
        store.create_message(&next).await.expect("send");
        sent.push(next.id);
        if n % 100 == 0 {
            let aside = message(noise.id, owner.id, "elsewhere");
            store.create_message(&aside).await.expect("send elsewhere");
        }
    }
    let page = |page, limit| {
        let store = store.clone();
        async move { ids(&store.messages(channel, page, limit).await.expect("history")) }
    };

    assert_eq!(
        page(HistoryPage::Latest, 50).await,
        newest_first(&sent[200..])
    );
    assert_eq!(page(HistoryPage::Latest, 500).await, newest_first(&sent));
    assert!(page(HistoryPage::Latest, 0).await.is_empty());

    assert_eq!(
        page(HistoryPage::Before(sent[100]), 50).await,
        newest_first(&sent[50..100])
    );
    assert_eq!(
        page(HistoryPage::Before(sent[30]), 50).await,
        newest_first(&sent[..30])
    );
    assert!(page(HistoryPage::Before(sent[0]), 50).await.is_empty());

    assert_eq!(
        page(HistoryPage::After(sent[100]), 50).await,
        newest_first(&sent[101..151])
    );
    assert_eq!(
        page(HistoryPage::After(sent[240]), 50).await,
        newest_first(&sent[241..])
    );
    assert!(page(HistoryPage::After(sent[249]), 50).await.is_empty());

    // Walking back from the newest message by `Before` visits every message once.
    let mut walked = page(HistoryPage::Latest, 64).await;
    while let Some(&oldest) = walked.last() {
        let older = page(HistoryPage::Before(oldest), 64).await;
        if older.is_empty() {
            break;
        }
        walked.extend(older);
    }
    assert_eq!(walked, newest_first(&sent));
}

/// A second send with the same author, channel and nonce returns the first message.
pub async fn a_repeated_nonce_returns_the_first_message(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let with_nonce = |author, channel, content: &str| Message {
        nonce: Some("retry-me".to_owned()),
        ..message(channel, author, content)
    };

    let first = with_nonce(owner.id, channel, "once");
    assert_eq!(
        store.create_message(&first).await.expect("send"),
        MessageInsert::Created
    );
    let retry = with_nonce(owner.id, channel, "once, again");
    let outcome = store.create_message(&retry).await.expect("retry");
    assert_eq!(outcome, MessageInsert::Duplicate(Box::new(first.clone())));
    assert_eq!(store.message(channel, retry.id).await.expect("retry"), None);
    let history = store
        .messages(channel, HistoryPage::Latest, 10)
        .await
        .expect("history");
    assert_eq!(history, vec![first.clone()]);
    let stored = store
        .channel(channel)
        .await
        .expect("channel")
        .expect("exists");
    assert_eq!(stored.last_message_id, Some(first.id));

    let someone = registered(&*store).await;
    let theirs = with_nonce(someone.id, channel, "same nonce, other author");
    assert_eq!(
        store.create_message(&theirs).await.expect("send"),
        MessageInsert::Created
    );

    let other_channel = text_channel(bundle.guild.id);
    store.create_channel(&other_channel).await.expect("channel");
    let moved = with_nonce(owner.id, other_channel.id, "same nonce, other channel");
    assert_eq!(
        store.create_message(&moved).await.expect("send"),
        MessageInsert::Created
    );
}

/// The same message stored twice, as a driver's retry of a write whose answer was lost
/// does, is created both times and kept once, with or without a nonce.
pub async fn storing_the_same_message_again_creates_it_once(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let plain = message(channel, owner.id, "sent once, stored twice");
    let with_nonce = Message {
        nonce: Some("lost-answer".to_owned()),
        ..message(channel, owner.id, "sent once with a nonce, stored twice")
    };

    for sent in [&plain, &with_nonce] {
        for attempt in ["first", "again"] {
            let outcome = store.create_message(sent).await.expect(attempt);
            assert_eq!(
                outcome,
                MessageInsert::Created,
                "{attempt}: {}",
                sent.content
            );
        }
    }
    let history = store
        .messages(channel, HistoryPage::Latest, 10)
        .await
        .expect("history");
    assert_eq!(history, vec![with_nonce.clone(), plain]);
    let stored = store
        .channel(channel)
        .await
        .expect("channel")
        .expect("exists");
    assert_eq!(stored.last_message_id, Some(with_nonce.id));
}

/// An edit replaces the content and edit time and keeps reactions added meanwhile.
pub async fn editing_a_message_keeps_its_reactions(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let original = message(channel, owner.id, "typo");
    store.create_message(&original).await.expect("send");
    let thumbs = Emoji::parse("👍").expect("emoji");
    store
        .react(channel, original.id, &thumbs, owner.id, true)
        .await
        .expect("react");

    let edit = Message {
        content: "fixed".to_owned(),
        edited_at: Some(NOW.plus_millis(5)),
        ..original.clone()
    };
    store.update_message(&edit).await.expect("edit");

    let stored = store
        .message(channel, original.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(stored.content, "fixed");
    assert_eq!(stored.edited_at, Some(NOW.plus_millis(5)));
    assert_eq!(
        stored.reactions,
        vec![Reaction {
            emoji: thumbs,
            users: vec![owner.id]
        }]
    );

    assert_not_found(
        store
            .update_message(&message(channel, owner.id, "never sent"))
            .await,
    );
}

/// Deleting returns the message the first time and nothing after.
pub async fn deleting_a_message_returns_it_once(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let kept = message(channel, owner.id, "kept");
    let doomed = message(channel, owner.id, "doomed");
    store.create_message(&kept).await.expect("send");
    store.create_message(&doomed).await.expect("send");

    let removed = store
        .delete_message(channel, doomed.id)
        .await
        .expect("delete");
    assert_eq!(removed, Some(doomed.clone()));
    assert_eq!(
        store
            .delete_message(channel, doomed.id)
            .await
            .expect("delete again"),
        None
    );
    assert_eq!(
        store.message(channel, doomed.id).await.expect("message"),
        None
    );
    let history = store
        .messages(channel, HistoryPage::Latest, 10)
        .await
        .expect("history");
    assert_eq!(history, vec![kept]);
}

/// Each user reacts with an emoji at most once; removing what is not there changes nothing.
pub async fn reactions_are_added_and_removed_once_per_user(store: Arc<dyn Store>) {
    let (owner, bundle) = owned_guild(&*store).await;
    let channel = bundle.general.id;
    let friend = registered(&*store).await;
    let target = message(channel, owner.id, "react to me");
    store.create_message(&target).await.expect("send");
    let heart = Emoji::parse("❤️").expect("emoji");

    let (after, changed) = store
        .react(channel, target.id, &heart, owner.id, true)
        .await
        .expect("add");
    assert!(changed);
    assert_eq!(
        after.reactions,
        vec![Reaction {
            emoji: heart.clone(),
            users: vec![owner.id]
        }]
    );
    let (_, changed) = store
        .react(channel, target.id, &heart, owner.id, true)
        .await
        .expect("again");
    assert!(!changed);

    let (after, changed) = store
        .react(channel, target.id, &heart, friend.id, true)
        .await
        .expect("friend");
    assert!(changed);
    assert_eq!(after.reactions[0].users, vec![owner.id, friend.id]);

    let (after, changed) = store
        .react(channel, target.id, &heart, owner.id, false)
        .await
        .expect("remove");
    assert!(changed);
    assert_eq!(after.reactions[0].users, vec![friend.id]);
    let (_, changed) = store
        .react(channel, target.id, &heart, owner.id, false)
        .await
        .expect("remove again");
    assert!(!changed);

    let stored = store
        .message(channel, target.id)
        .await
        .expect("message")
        .expect("exists");
    assert_eq!(stored.reactions, after.reactions);

    let gone = store
        .react(channel, fresh_id(), &heart, owner.id, true)
        .await;
    assert_not_found(gone);
}
