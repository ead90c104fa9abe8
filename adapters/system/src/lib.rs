//! The operating system behind the clock and id ports.
//!
//! - [`clock`]: [`SystemClock`], the wall clock in UTC milliseconds.
//! - [`ids`]: [`UlidSource`], monotonic ULIDs and random tokens from the OS's
//!   cryptographic source.
//!
//! Nothing here knows about storage, HTTP or the use cases; tests that need control over
//! time use a fake clock instead of these.

pub mod clock;
pub mod ids;

pub use clock::SystemClock;
pub use ids::UlidSource;
