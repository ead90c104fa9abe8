//! A cap on the gateway connections open from one client address, so that one machine
//! cannot hold the server's memory and sockets with a flood of connections.
//!
//! Each admitted connection holds an [`AddressSlot`] for its life; dropping the slot
//! gives the place back. The address is the client's as `client_address` reads it, so
//! behind trusted proxies each client counts on its own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Open connections per address, up to a maximum.
#[derive(Debug)]
pub struct AddressLimit {
    /// Connections allowed per address; 0 turns the cap off.
    max: usize,
    open: Mutex<HashMap<String, usize>>,
}

/// One admitted connection's place; gives it back when dropped.
#[derive(Debug)]
pub struct AddressSlot {
    limit: Arc<AddressLimit>,
    address: String,
}

impl AddressLimit {
    /// A cap of `max` connections per address (0: no cap).
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(Self {
            max,
            open: Mutex::new(HashMap::new()),
        })
    }

    /// A place for one more connection from `address`, unless it has `max` open.
    pub fn admit(self: &Arc<Self>, address: &str) -> Option<AddressSlot> {
        if self.max > 0 {
            let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
            let count = open.entry(address.to_owned()).or_default();
            if *count >= self.max {
                return None;
            }
            *count += 1;
        }
        Some(AddressSlot {
            limit: Arc::clone(self),
            address: address.to_owned(),
        })
    }

    /// Connections open from `address`.
    pub fn open_from(&self, address: &str) -> usize {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.get(address).copied().unwrap_or(0)
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        if self.limit.max == 0 {
            return;
        }
        let mut open = self
            .limit
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.address) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_places_back_as_connections_end() {
        let limit = AddressLimit::new(2);
        let first = limit.admit("203.0.113.1").expect("a place");
        let _second = limit.admit("203.0.113.1").expect("a place");
        assert!(
            limit.admit("203.0.113.1").is_none(),
            "a third is one too many"
        );
        assert!(
            limit.admit("203.0.113.2").is_some(),
            "other addresses count apart"
        );

        drop(first);
        assert_eq!(limit.open_from("203.0.113.1"), 1);
        assert!(limit.admit("203.0.113.1").is_some());
    }

    #[test]
    fn zero_admits_everyone() {
        let limit = AddressLimit::new(0);
        let slots: Vec<_> = (0..1_000).filter_map(|_| limit.admit("x")).collect();
        assert_eq!(slots.len(), 1_000);
    }
}
