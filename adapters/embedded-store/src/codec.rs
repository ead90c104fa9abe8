//! Records as bytes: the JSON of the domain types, and ids read back from key text.
//!
//! A record that does not decode means the file holds something this build did not
//! write; it surfaces as an internal storage error, never as a panic.

use std::borrow::Borrow;
use std::str::FromStr;

use redb::{Key, Range, ReadableTable, Table};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::transaction::{Failure, Outcome};

/// The JSON bytes of `record`.
pub(crate) fn encode<T: Serialize>(record: &T) -> Outcome<Vec<u8>> {
    serde_json::to_vec(record).map_err(|err| Failure::internal(format!("encoding: {err}")))
}

/// The record encoded in `bytes`.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Outcome<T> {
    serde_json::from_slice(bytes).map_err(|err| Failure::internal(format!("corrupt record: {err}")))
}

/// The id whose text form is `text`, as found in a key or an index value.
pub(crate) fn id<T: FromStr>(text: &str) -> Outcome<T> {
    text.parse()
        .map_err(|_| Failure::internal(format!("corrupt id in a key: {text:?}")))
}

/// The record stored under `key`, if any.
pub(crate) fn get_json<'k, K, T>(
    table: &impl ReadableTable<K, &'static [u8]>,
    key: impl Borrow<K::SelfType<'k>>,
) -> Outcome<Option<T>>
where
    K: Key + 'static,
    T: DeserializeOwned,
{
    match table.get(key)? {
        Some(guard) => decode(guard.value()).map(Some),
        None => Ok(None),
    }
}

/// Stores `record` under `key`, replacing what was there.
pub(crate) fn put_json<'k, K, T>(
    table: &mut Table<'_, K, &'static [u8]>,
    key: impl Borrow<K::SelfType<'k>>,
    record: &T,
) -> Outcome<()>
where
    K: Key + 'static,
    T: Serialize,
{
    let bytes = encode(record)?;
    table.insert(key, bytes.as_slice())?;
    Ok(())
}

/// Every record of a range scan, in key order.
pub(crate) fn collect_json<K, T>(range: Range<'_, K, &'static [u8]>) -> Outcome<Vec<T>>
where
    K: Key + 'static,
    T: DeserializeOwned,
{
    let mut records = Vec::new();
    for entry in range {
        let (_, value) = entry?;
        records.push(decode(value.value())?);
    }
    Ok(records)
}
