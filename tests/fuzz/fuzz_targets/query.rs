//! The query parser on arbitrary text: never panics; an error names a column
//! inside the query (or just past its end).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paragraf::search::query;

const FIELDS: &[&str] = &[
    "title",
    "clause",
    "body",
    "case",
    "organ",
    "organisation",
    "person",
    "party",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(paragraf::Error::Query { column, .. }) = query::parse(text, FIELDS) {
        assert!(column <= text.chars().count());
    }
});
