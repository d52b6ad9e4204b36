//! The whole search request on an index of sample-data: any query, limit,
//! offset, dates, filters and flags. A search never panics; an error is a
//! user error (a bad query or option), never an internal one or "damaged";
//! a result is consistent (no more hits than asked for, a total at least
//! the hits shown, highlights inside their snippet).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use paragraf::search::Sort;
use paragraf::{Error, Index, SearchRequest};
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
struct Input {
    query: String,
    /// Small values most of the time; `huge` picks values near 2^64.
    limit: u16,
    offset: u16,
    huge: Option<(u64, u64)>,
    from: Option<String>,
    to: Option<String>,
    organ: Option<String>,
    organisation: Option<String>,
    case: Option<String>,
    recent: bool,
    facets: bool,
    count_limit: Option<u16>,
    /// The order: relevance, date, date descending.
    sort: u8,
}

/// An index of sample-data, built once per fuzzing process.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("paragraf-fuzz-request-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let index = Index::create(&dir).expect("creating the index");
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data");
        index.sync(&sample).expect("indexing sample-data");
        index
    })
}

fuzz_target!(|input: Input| {
    let (limit, offset) = match input.huge {
        Some((l, o)) => (l as usize, o as usize),
        None => (usize::from(input.limit % 64), usize::from(input.offset % 256)),
    };
    let request = SearchRequest {
        query: input.query,
        limit,
        offset,
        from: input.from,
        to: input.to,
        organ: input.organ,
        organisation: input.organisation,
        case: input.case,
        recent: input.recent,
        facets: input.facets,
        count_limit: input.count_limit.map(usize::from),
        sort: [Sort::Relevance, Sort::Date, Sort::DateDesc][usize::from(input.sort % 3)],
    };
    match index().search(&request) {
        Ok(r) => {
            assert!(r.hits.len() <= limit.max(1), "{} hits for limit {limit}", r.hits.len());
            assert!(r.total >= r.hits.len() || offset > 0);
            for hit in &r.hits {
                for &(a, b) in &hit.snippet.highlights {
                    assert!(a <= b && b <= hit.snippet.text.len());
                    assert!(hit.snippet.text.is_char_boundary(a));
                    assert!(hit.snippet.text.is_char_boundary(b));
                }
            }
        }
        Err(e @ (Error::Query { .. } | Error::Option { .. })) => {
            let _ = e.to_string();
        }
        Err(e) => panic!("not a user error: {e:?}"),
    }
});
