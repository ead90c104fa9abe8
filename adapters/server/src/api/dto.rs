//! Wire types: the JSON objects of the REST API, apart from the domain types.
//!
//! Ids are strings, times are milliseconds since the Unix epoch, and a user seen by
//! anyone but themselves never carries an email. Optional fields are `null` when unset.
//! Conversions from domain types live beside each object, one module per area.

mod channels;
mod guilds;
mod messages;
mod relationships;
mod users;

pub use channels::*;
pub use guilds::*;
pub use messages::*;
pub use relationships::*;
pub use users::*;

/// Ids as strings.
fn ids<T: ToString>(ids: &[T]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}
