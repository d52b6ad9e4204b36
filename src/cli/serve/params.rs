//! A request's query string: decoded to bytes first, so that a value that
//! is not UTF-8 is refused with a message (instead of replaced by U+FFFD),
//! names checked against those the endpoint knows, and its length bounded.

use super::api::ApiError;
use std::collections::HashMap;

/// Longest query string taken, in bytes: room for a query and every filter
/// at their bounds (`paragraf::search::MAX_QUERY_CHARS` characters each,
/// percent-encoded).
pub(crate) const MAX_QUERY_STRING: usize = 16 * 1024;

/// The parameters of one request, by name.
#[derive(Debug, Default)]
pub(crate) struct Params(HashMap<String, String>);

impl Params {
    /// Decodes `query` (the part of the address after `?`), taking only the
    /// names in `known`. A name given twice keeps its last value; an empty
    /// value is as if the name were absent (an empty field of a form).
    pub(crate) fn parse(query: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY_STRING {
            return Err(ApiError::bad_request(format!(
                "the query string is longer than {MAX_QUERY_STRING} bytes"
            )));
        }
        let mut out = HashMap::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name, "a parameter name")?;
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?} (known: {})",
                    known.join(", ")
                )));
            }
            let value = decode(value, &format!("the value of {name}"))?;
            if value.is_empty() {
                out.remove(&name);
            } else {
                out.insert(name, value);
            }
        }
        Ok(Params(out))
    }

    /// The value of `name`, if given.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    /// The value of `name` as a count, else `default`. Digits too many for
    /// a number of this machine read as the largest, so that the search's
    /// own bound names the limit.
    pub(crate) fn count(&self, name: &str, default: usize) -> Result<usize, ApiError> {
        let Some(v) = self.0.get(name) else {
            return Ok(default);
        };
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(v.parse().unwrap_or(usize::MAX));
        }
        Err(ApiError::bad_request(format!(
            "bad {name}: {v:?} is not a number of hits"
        )))
    }

    /// The value of `name` as yes or no: `1`, `true`, `yes`, `on` or
    /// `0`, `false`, `no`, `off`; absent is no.
    pub(crate) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.0.get(name).map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!(
                "bad {name}: {v:?}: give true or false"
            ))),
        }
    }
}

/// Percent-decodes one part of a query string (`+` is a space), to UTF-8.
fn decode(part: &str, what: &str) -> Result<String, ApiError> {
    let spaced = part.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
    String::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "{what} is not UTF-8 text (a byte 0x{:02X} at byte {} after decoding): encode text as UTF-8",
            e.as_bytes()[e.utf8_error().valid_up_to()],
            e.utf8_error().valid_up_to()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["q", "limit", "facets"];

    #[test]
    fn decodes_plus_and_percent_and_refuses_what_is_not_utf8() {
        let p = Params::parse(Some("q=h%C3%A4lso-+och+sjukv%C3%A5rd&limit=5"), KNOWN).unwrap();
        assert_eq!(p.text("q").unwrap(), "hälso- och sjukvård");
        assert_eq!(p.count("limit", 10).unwrap(), 5);
        let e = Params::parse(Some("q=m%F6te"), KNOWN).unwrap_err();
        assert!(
            e.message.contains("the value of q is not UTF-8"),
            "{}",
            e.message
        );
        let e = Params::parse(Some("x=1"), KNOWN).unwrap_err();
        assert!(
            e.message.contains("unknown parameter \"x\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn counts_and_flags() {
        let p = Params::parse(Some("limit=99999999999999999999999999&facets=yes"), KNOWN).unwrap();
        assert_eq!(p.count("limit", 10).unwrap(), usize::MAX);
        assert!(p.flag("facets").unwrap());
        assert!(
            Params::parse(Some("limit=-1"), KNOWN)
                .unwrap()
                .count("limit", 10)
                .is_err()
        );
        assert!(
            Params::parse(Some("facets=maybe"), KNOWN)
                .unwrap()
                .flag("facets")
                .is_err()
        );
        let empty = Params::parse(Some("q=&limit="), KNOWN).unwrap();
        assert_eq!(empty.text("q"), None);
        assert_eq!(empty.count("limit", 10).unwrap(), 10);
    }
}
