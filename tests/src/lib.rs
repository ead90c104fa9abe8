//! Tests that span crates.
//!
//! - [`store_contract`]: the storage port's documented behaviour, written once as async
//!   functions and run against every storage adapter through
//!   [`store_contract_tests!`](crate::store_contract_tests).
//! - [`file_contract`]: the same for the file-storage port, run against every file
//!   backend through [`file_contract_tests!`](crate::file_contract_tests).
//!
//! The test binaries under `tests/` use these modules.

pub mod file_contract;
pub mod store_contract;
