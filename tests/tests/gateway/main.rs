//! Gateway protocol tests over real WebSockets against a real server: every opcode,
//! every close code, resume, who receives which events and what each carries.

#![allow(
    clippy::unwrap_used,
    dead_code,
    reason = "test harness shared with the API suite"
)]

#[path = "../api/support.rs"]
mod support;

mod access;
mod client;
mod events;
mod protocol;
mod replicas;
mod resume;
mod slow;
