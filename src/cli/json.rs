//! Every JSON output carries the version of its schema
//! ([`paragraf::search::JSON_SCHEMA_VERSION`]): an object gets a
//! `schema_version` field first, an array has it in each element (an array
//! itself has no fields), an NDJSON line has it too.

use serde::Serialize;

/// `value` with `schema_version` in front of its own fields.
#[derive(Serialize)]
pub(super) struct Versioned<T> {
    schema_version: u32,
    #[serde(flatten)]
    value: T,
}

/// `value` (an object) with the schema version.
pub(super) fn versioned<T: Serialize>(value: T) -> Versioned<T> {
    Versioned {
        schema_version: paragraf::search::JSON_SCHEMA_VERSION,
        value,
    }
}

/// Each of `items` (objects) with the schema version.
pub(super) fn versioned_each<T: Serialize>(
    items: impl IntoIterator<Item = T>,
) -> Vec<Versioned<T>> {
    items.into_iter().map(versioned).collect()
}
