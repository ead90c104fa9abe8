//! Concord as it runs in production: several `concord` processes on loopback ports,
//! sharing one MongoDB-compatible store (from `CONCORD_TEST_MONGODB_URI`) and one Redis,
//! with clients spread over all of them. Every message must reach every member exactly
//! once and in order, through restarts and stalls of Redis and the death of a replica.
//! `secrets` runs one process with debug logs to check that no secret reaches them.

#![allow(clippy::unwrap_used, dead_code, reason = "test harness")]

#[path = "../gateway/client.rs"]
mod client;
#[path = "../api/support.rs"]
mod support;

mod delivery;
mod fixture;
mod secrets;
