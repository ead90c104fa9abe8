//! Records as BSON documents: the serde form of the domain types, plus the fields the
//! adapter adds for keys and indexes.
//!
//! Ids are stored in their 26-character text form, whose order is their time order, so
//! sorting on an id field sorts by creation time. Reading back deserialises straight
//! into the domain type, which ignores `_id` and the adapter's extra fields.

use concord_ports::store::StoreError;
use mongodb::Cursor;
use mongodb::bson::{self, Bson, Document};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::failure::{During, codec};

/// The document of `record` under the key `id`.
pub(crate) fn document<T: Serialize>(
    id: impl Into<Bson>,
    record: &T,
) -> Result<Document, StoreError> {
    let mut fields = fields(record)?;
    fields.insert("_id", id.into());
    Ok(fields)
}

/// The fields of `record`, without a key.
pub(crate) fn fields<T: Serialize>(record: &T) -> Result<Document, StoreError> {
    bson::to_document(record).map_err(|error| codec("encoding a record", error))
}

/// The BSON form of one value, such as a list of ids for `$in`.
pub(crate) fn value<T: Serialize>(value: &T) -> Result<Bson, StoreError> {
    bson::to_bson(value).map_err(|error| codec("encoding a value", error))
}

/// Every record a cursor yields, in order.
pub(crate) async fn collect<T>(
    mut cursor: Cursor<T>,
    op: &'static str,
) -> Result<Vec<T>, StoreError>
where
    T: DeserializeOwned + Send + Sync,
{
    let mut records = Vec::new();
    while cursor.advance().await.during(op)? {
        records.push(cursor.deserialize_current().during(op)?);
    }
    Ok(records)
}
