//! A session's inbox: the deliveries published to its rooms that its connection has not
//! written yet.
//!
//! Many producers (one per room publisher) and one consumer (the serving connection).
//! A general channel would do, but every session has one and most stay empty: a tokio
//! channel costs about a kilobyte even idle, for its padded counters and first block of
//! slots. This is a locked queue that allocates only while it holds something (a
//! drained inbox gives its slots back), and a [`Notify`] to wake the consumer; the lock
//! is held for a push or a pop, never across an await.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

/// Why a delivery was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Full;

/// A bounded queue with one consumer.
#[derive(Debug)]
pub(crate) struct Inbox<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    /// Holds a permit once something is queued into an empty inbox, so a consumer that
    /// found it empty and has not started waiting yet does not miss it.
    ready: Notify,
}

impl<T> Inbox<T> {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            items: Mutex::new(VecDeque::new()),
            capacity,
            ready: Notify::new(),
        }
    }

    /// Queues `item` without waiting, unless the inbox holds `capacity` items already.
    pub(crate) fn push(&self, item: T) -> Result<(), Full> {
        let was_empty = {
            let mut items = self.items.lock().map_err(|_| Full)?;
            if items.len() >= self.capacity {
                return Err(Full);
            }
            items.push_back(item);
            items.len() == 1
        };
        // The consumer only waits after finding the inbox empty.
        if was_empty {
            self.ready.notify_one();
        }
        Ok(())
    }

    /// The oldest item, if any.
    pub(crate) fn try_pop(&self) -> Option<T> {
        let mut items = self.items.lock().ok()?;
        let item = items.pop_front();
        // Drained: the slots go back, as most sessions wait far longer than they work.
        if items.is_empty() {
            *items = VecDeque::new();
        }
        item
    }

    /// The oldest item, waiting for one. Dropping the future loses nothing: an item is
    /// only taken out when it is returned.
    pub(crate) async fn pop(&self) -> T {
        loop {
            if let Some(item) = self.try_pop() {
                return item;
            }
            self.ready.notified().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    #[test]
    fn items_come_out_in_order_and_a_full_inbox_refuses_more() {
        let inbox = Inbox::new(2);
        assert_eq!(inbox.push(1), Ok(()));
        assert_eq!(inbox.push(2), Ok(()));
        assert_eq!(inbox.push(3), Err(Full));
        assert_eq!(inbox.try_pop(), Some(1));
        assert_eq!(inbox.push(4), Ok(()));
        assert_eq!(inbox.try_pop(), Some(2));
        assert_eq!(inbox.try_pop(), Some(4));
        assert_eq!(inbox.try_pop(), None);
    }

    #[test]
    fn a_drained_inbox_gives_back_its_slots() {
        let inbox = Inbox::new(1000);
        for item in 0..500 {
            inbox.push(item).unwrap();
        }
        while inbox.try_pop().is_some() {}
        assert_eq!(inbox.items.lock().unwrap().capacity(), 0);
    }

    #[tokio::test]
    async fn a_waiting_consumer_wakes_for_items_pushed_later() {
        let inbox = Inbox::new(4);
        let consumer = async { (inbox.pop().await, inbox.pop().await) };
        let producer = async {
            // Each push comes after the consumer has found the inbox empty and waits.
            tokio::task::yield_now().await;
            inbox.push("a").unwrap();
            tokio::task::yield_now().await;
            tokio::task::yield_now().await;
            inbox.push("b").unwrap();
        };
        let (popped, ()) = tokio::join!(consumer, producer);
        assert_eq!(popped, ("a", "b"));
    }

    #[test]
    fn an_abandoned_wait_loses_nothing() {
        let inbox = Inbox::new(4);
        let mut context = Context::from_waker(Waker::noop());
        {
            let waiting = pin!(inbox.pop());
            assert!(waiting.poll(&mut context).is_pending());
        }
        inbox.push(7).unwrap();
        let again = pin!(inbox.pop());
        assert_eq!(again.poll(&mut context), Poll::Ready(7));
    }
}
