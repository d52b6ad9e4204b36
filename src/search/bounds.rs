//! Bounds on a search request, checked where it enters: a query or page
//! beyond them is refused with a clear error instead of running for minutes
//! (a 100,000-character word took 78 s in the snippet matcher, a query of
//! 21,000 words 17 s and 2.5 GB) or panicking (an offset near 2^64).

use super::SearchRequest;
use crate::error::{Error, Result};

/// Most characters in a query (and in a filter value).
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most words in a query (runs of letters and digits).
pub const MAX_QUERY_WORDS: usize = 100;
/// Most hits one request may reach: `offset + limit`, as Elasticsearch's
/// `index.max_result_window`. Deeper pages belong to an export.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// Checks `req` against the bounds.
pub(crate) fn check(req: &SearchRequest) -> Result<()> {
    let query = &req.query;
    if let Some((column, _)) = query.char_indices().enumerate().nth(MAX_QUERY_CHARS) {
        return Err(Error::Query {
            query: query.clone(),
            column,
            message: format!("the query is longer than {MAX_QUERY_CHARS} characters"),
        });
    }
    let mut words = 0;
    let mut in_word = false;
    for (column, c) in query.chars().enumerate() {
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            words += 1;
            if words > MAX_QUERY_WORDS {
                return Err(Error::Query {
                    query: query.clone(),
                    column,
                    message: format!("the query has more than {MAX_QUERY_WORDS} words"),
                });
            }
        }
        in_word = letter;
    }
    for (option, value) in [
        ("organ", &req.organ),
        ("organisation", &req.organisation),
        ("case", &req.case),
        ("from", &req.from),
        ("to", &req.to),
    ] {
        if value
            .as_ref()
            .is_some_and(|v| v.chars().nth(MAX_QUERY_CHARS).is_some())
        {
            return Err(Error::Option {
                option: option.into(),
                message: format!("longer than {MAX_QUERY_CHARS} characters"),
            });
        }
    }
    if req.limit > MAX_RESULT_WINDOW
        || req.offset > MAX_RESULT_WINDOW
        || req.offset + req.limit > MAX_RESULT_WINDOW
    {
        let option = if req.limit > MAX_RESULT_WINDOW {
            "limit"
        } else {
            "offset"
        };
        return Err(Error::Option {
            option: option.into(),
            message: format!(
                "offset + limit may be at most {MAX_RESULT_WINDOW} (asked: {} + {}); export the index for more",
                req.offset, req.limit
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_and_offset_near_2_pow_64_are_errors_not_panics() {
        for (limit, offset) in [(usize::MAX, 0), (10, usize::MAX), (usize::MAX, usize::MAX)] {
            let mut r = SearchRequest::new("budget");
            r.limit = limit;
            r.offset = offset;
            let e = check(&r).unwrap_err();
            assert!(e.to_string().contains("at most 10000"), "{e}");
        }
        let mut r = SearchRequest::new("budget");
        r.limit = 100;
        r.offset = MAX_RESULT_WINDOW - 100;
        assert!(check(&r).is_ok());
    }

    #[test]
    fn long_query_and_many_words_are_errors_pointing_at_the_excess() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let e = check(&SearchRequest::new(long)).unwrap_err();
        assert!(
            matches!(e, Error::Query { column, .. } if column == MAX_QUERY_CHARS),
            "{e:?}"
        );
        let many = "ord ".repeat(MAX_QUERY_WORDS + 1);
        let e = check(&SearchRequest::new(many)).unwrap_err();
        assert!(
            matches!(e, Error::Query { column, .. } if column == 4 * MAX_QUERY_WORDS),
            "{e:?}"
        );
        assert!(check(&SearchRequest::new("ord ".repeat(MAX_QUERY_WORDS))).is_ok());
    }
}
