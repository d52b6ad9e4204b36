//! The query parser on arbitrary text: never panics; an error names a column
//! inside the query (or just past its end).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paragraf::schema::IndexSchema;
use paragraf::search::query;
use std::sync::OnceLock;

/// The query fields of index-schema/, loaded once.
fn fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let schema: &'static IndexSchema = Box::leak(Box::new(IndexSchema::load().unwrap()));
        schema.query_names()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(paragraf::Error::Query { column, .. }) = query::parse(text, fields()) {
        assert!(column <= text.chars().count());
    }
});
