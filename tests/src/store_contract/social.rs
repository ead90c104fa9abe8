//! The contracts of `ReadStateStore` and `RelationshipStore`, and `Store::ping`.

use std::sync::Arc;

use concord_domain::read_state::ReadState;
use concord_domain::relationship::{Pair, RelationshipKind};
use concord_ports::store::{RelationshipRow, Store};

use super::assert_conflict;
use super::fixtures::{fresh_id, registered};

/// A user's read states are set per channel, the latest write winning.
pub async fn read_states_are_kept_per_user_and_channel(store: Arc<dyn Store>) {
    let (reader, other) = (registered(&*store).await, registered(&*store).await);
    let (first, second) = (fresh_id(), fresh_id());
    let state = |channel, last| ReadState {
        user_id: reader.id,
        channel_id: channel,
        last_message_id: last,
    };

    store
        .put_read_state(&state(first, fresh_id()))
        .await
        .expect("read");
    let latest = state(first, fresh_id());
    store.put_read_state(&latest).await.expect("read further");
    let elsewhere = state(second, fresh_id());
    store
        .put_read_state(&elsewhere)
        .await
        .expect("read elsewhere");

    let mut states = store.read_states(reader.id).await.expect("states");
    states.sort_by_key(|state| state.channel_id);
    assert_eq!(states, vec![latest, elsewhere]);
    assert!(
        store
            .read_states(other.id)
            .await
            .expect("no states")
            .is_empty()
    );
}

/// Replacing a pair writes both sides, which each user then sees from their side.
pub async fn relationship_pairs_change_together(store: Arc<dyn Store>) {
    use RelationshipKind::{Friend, Incoming, Outgoing};
    let (ada, bob) = (registered(&*store).await, registered(&*store).await);
    assert_eq!(
        store.relationship_pair(ada.id, bob.id).await.expect("pair"),
        Pair::default()
    );

    let requested = Pair {
        actor: Some(Outgoing),
        target: Some(Incoming),
    };
    store
        .replace_relationship_pair(ada.id, bob.id, Pair::default(), requested)
        .await
        .expect("ask");
    assert_eq!(
        store.relationship_pair(ada.id, bob.id).await.expect("pair"),
        requested
    );
    assert_eq!(
        store.relationship_pair(bob.id, ada.id).await.expect("pair"),
        requested.swapped()
    );

    let row = |user_id, other_id, kind| RelationshipRow {
        user_id,
        other_id,
        kind,
    };
    assert_eq!(
        store.relationships(ada.id).await.expect("ada"),
        vec![row(ada.id, bob.id, Outgoing)]
    );
    assert_eq!(
        store.relationships(bob.id).await.expect("bob"),
        vec![row(bob.id, ada.id, Incoming)]
    );

    let friends = Pair {
        actor: Some(Friend),
        target: Some(Friend),
    };
    let accepted = store.replace_relationship_pair(bob.id, ada.id, requested.swapped(), friends);
    accepted.await.expect("accept");
    assert_eq!(
        store.relationships(ada.id).await.expect("ada"),
        vec![row(ada.id, bob.id, Friend)]
    );

    store
        .replace_relationship_pair(ada.id, bob.id, friends, Pair::default())
        .await
        .expect("end");
    assert!(store.relationships(ada.id).await.expect("ada").is_empty());
    assert!(store.relationships(bob.id).await.expect("bob").is_empty());
}

/// A replacement whose expected pair is out of date is refused and changes nothing.
pub async fn a_stale_relationship_pair_conflicts(store: Arc<dyn Store>) {
    use RelationshipKind::{Blocked, Incoming, Outgoing};
    let (ada, bob) = (registered(&*store).await, registered(&*store).await);
    let requested = Pair {
        actor: Some(Outgoing),
        target: Some(Incoming),
    };
    store
        .replace_relationship_pair(ada.id, bob.id, Pair::default(), requested)
        .await
        .expect("ask");

    let blocked = Pair {
        actor: Some(Blocked),
        target: None,
    };
    let stale = store
        .replace_relationship_pair(ada.id, bob.id, Pair::default(), blocked)
        .await;
    assert_conflict(stale, "relationship");
    assert_eq!(
        store.relationship_pair(ada.id, bob.id).await.expect("pair"),
        requested
    );
}

/// A working store answers pings.
pub async fn the_store_answers_pings(store: Arc<dyn Store>) {
    store.ping().await.expect("ping");
}
