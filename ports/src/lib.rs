//! The ports: everything Concord's core needs from the outside world, as async traits.
//!
//! The `app` crate holds these as `Arc<dyn Trait>` and never learns which adapter sits
//! behind one. Each module is one port:
//!
//! - [`store`]: durable storage of every aggregate, split by aggregate, with the
//!   atomic operations the use cases rely on.
//! - [`pubsub`]: publishing events to rooms, and receiving the events of subscribed rooms.
//! - [`files`]: storing and reading uploaded files.
//! - [`tokens`]: signing and verifying access tokens, and hashing opaque secrets.
//! - [`passwords`]: hashing and verifying passwords.
//! - [`presence`]: which users are online anywhere, for several processes.
//! - [`rate_limit`]: counting attempts per key to throttle abuse.
//! - [`resume`]: checkpoints of gateway sessions, so another process can resume them.
//! - [`clock`] and [`ids`]: the current time, fresh ids and random secrets.

pub mod clock;
pub mod files;
pub mod ids;
pub mod passwords;
pub mod presence;
pub mod pubsub;
pub mod rate_limit;
pub mod resume;
pub mod store;
pub mod tokens;

pub use async_trait::async_trait;
