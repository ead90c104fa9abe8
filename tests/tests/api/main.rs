//! The HTTP API, tested from the outside.
//!
//! Every test starts its own server on port 0 over a fresh data folder and talks to it
//! with a real HTTP client, so what is asserted here is what a browser or bot would see:
//! statuses, JSON bodies, problem codes, cookies and headers. `support` holds the harness
//! and the typed request helpers; each other module covers one area of the API.

mod abuse;
mod auth;
mod authorization;
mod channels;
mod dms;
mod files;
mod guilds;
mod health;
mod invites;
mod members;
mod messages;
mod metrics;
mod persistence;
mod rate_limits;
mod reactions;
mod relationships;
mod roles;
mod scenario;
mod support;
mod users;
mod web;
