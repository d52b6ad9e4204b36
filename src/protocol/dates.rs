//! Dates in a protocol: ISO dates (`2024-03-12`) and dates in words
//! ("tisdagen den 12 mars 2024").

use super::text::{ISO_DATE, re};
use regex::Regex;
use std::sync::LazyLock;

/// A date in words, with its weekday if it has one: "tisdagen den 12 mars
/// 2024", "12 mars 2024".
static WORDS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)?(?:den\s+)?\b(?P<d>\d{1,2})\s+(?P<m>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(?P<y>(?:19|20)\d{2})\b",
    )
});

/// The first date in `value` as YYYY-MM-DD: an ISO date, or one in words.
pub(crate) fn date_in(value: &str) -> Option<String> {
    if let Some(m) = ISO_DATE.find(value) {
        return Some(m.as_str().to_string());
    }
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let c = WORDS_DATE.captures(value)?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(&c["m"]))?
        + 1;
    let day: u32 = c["d"].parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(format!("{}-{month:02}-{day:02}", &c["y"]))
}

/// `value` without its dates (ISO or in words).
pub(crate) fn undated(value: &str) -> String {
    let v = ISO_DATE.replace_all(value, "");
    WORDS_DATE.replace_all(&v, "").into_owned()
}
