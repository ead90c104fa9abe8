//! Tests that span crates.
//!
//! - [`store_contract`]: the storage port's documented behaviour, written once as async
//!   functions and run against every storage adapter through
//!   [`store_contract_tests!`](crate::store_contract_tests).
//!
//! The test binaries under `tests/` use these modules.

pub mod store_contract;
