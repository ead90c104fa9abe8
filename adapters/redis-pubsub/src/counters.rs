//! The adapter's running totals, kept as plain atomics for a metrics exporter to read.
//!
//! Counting uses relaxed ordering: each total is exact, but two totals read one after
//! the other are not a consistent snapshot.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Totals since the adapter started.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    published: AtomicU64,
    publish_failures: AtomicU64,
    received: AtomicU64,
    dropped: AtomicU64,
    reconnects: AtomicU64,
    rooms: AtomicUsize,
}

impl Counters {
    /// One PUBLISH succeeded.
    pub(crate) fn published(&self) {
        self.published.fetch_add(1, Ordering::Relaxed);
    }

    /// One PUBLISH failed.
    pub(crate) fn publish_failed(&self) {
        self.publish_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// One event reached the inbox.
    pub(crate) fn received(&self) {
        self.received.fetch_add(1, Ordering::Relaxed);
    }

    /// One event arrived but could not be delivered.
    pub(crate) fn dropped(&self) {
        self.dropped.fetch_add(1, Ordering::Relaxed);
    }

    /// The subscriber connection came back.
    pub(crate) fn reconnected(&self) {
        self.reconnects.fetch_add(1, Ordering::Relaxed);
    }

    /// The number of rooms held changed to `rooms`.
    pub(crate) fn set_rooms(&self, rooms: usize) {
        self.rooms.store(rooms, Ordering::Relaxed);
    }

    /// Successful PUBLISH commands.
    pub(crate) fn publishes(&self) -> u64 {
        self.published.load(Ordering::Relaxed)
    }

    /// Failed PUBLISH commands.
    pub(crate) fn publish_failures(&self) -> u64 {
        self.publish_failures.load(Ordering::Relaxed)
    }

    /// Events handed to the inbox.
    pub(crate) fn receipts(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    /// Events dropped: no inbox attached yet, or not UTF-8.
    pub(crate) fn drops(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Times the subscriber connection was restored.
    pub(crate) fn reconnects(&self) -> u64 {
        self.reconnects.load(Ordering::Relaxed)
    }

    /// Rooms held right now.
    pub(crate) fn rooms(&self) -> usize {
        self.rooms.load(Ordering::Relaxed)
    }
}
