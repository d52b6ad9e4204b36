//! Dates: the bounds of `--from` and `--to`, dates in a query's words
//! ("mars 2024", "12 mars 2024", "2024-03", "våren 2025", "2020–2022",
//! "sedan 2023"), and the age of a meeting for `--recent`.

use crate::error::{Error, Result};

/// A span of meeting dates, as YYYYMMDD numbers, inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateSpan {
    pub from: u64,
    pub to: u64,
}

/// Swedish month names and their usual abbreviations.
const MONTHS: &[(&str, u8)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("feb", 2),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("augusti", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Seasons: the months they span.
const SEASONS: &[(&str, u8, u8)] = &[
    ("våren", 1, 6),
    ("våras", 1, 6),
    ("sommaren", 6, 8),
    ("hösten", 8, 12),
    ("vintern", 1, 2),
];

/// Words before a year that make it the start of a span.
const SINCE: &[&str] = &["sedan", "från", "efter", "fr.o.m.", "fr.o.m"];
/// Words before a year that make it the end of a span.
const UNTIL: &[&str] = &["före", "innan", "t.o.m.", "t.o.m"];

/// How a date in a query is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateSense {
    /// A month, a day, a season or a span of years: the meeting date.
    Meeting(DateSpan),
    /// A year alone ("budget 2025"): the meeting's year or the text's.
    Year(u32),
}

/// A date found among a query's words: the words it takes up (indexes
/// into the words given) and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryDate {
    pub words: std::ops::Range<usize>,
    pub sense: DateSense,
}

fn year(word: &str) -> Option<u32> {
    let y: u32 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

fn month(word: &str) -> Option<u8> {
    MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}

fn last_day(y: u32, m: u8) -> u8 {
    time::Month::try_from(m).map_or(31, |month| month.length(y as i32))
}

fn day_of(y: u32, m: u8, d: u8) -> u64 {
    u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(d)
}

fn month_span(y: u32, m1: u8, m2: u8) -> DateSpan {
    DateSpan {
        from: day_of(y, m1, 1),
        to: day_of(y, m2, last_day(y, m2)),
    }
}

/// A whole date or month written as digits: `2024-03-12`, `2024-03`.
fn numeric_date(word: &str) -> Option<DateSpan> {
    let parts: Vec<&str> = word.split('-').collect();
    let y = year(parts.first()?)?;
    let m: u8 = parts
        .get(1)?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    if parts.get(1)?.len() != 2 {
        return None;
    }
    match parts.get(2) {
        None => Some(month_span(y, m, m)),
        Some(d) if parts.len() == 3 && d.len() == 2 => {
            let d: u8 = d.parse().ok()?;
            (1..=last_day(y, m)).contains(&d).then(|| DateSpan {
                from: day_of(y, m, d),
                to: day_of(y, m, d),
            })
        }
        _ => None,
    }
}

/// A span of years: `2020-2022`, `2020–2022`.
fn year_span(word: &str) -> Option<DateSpan> {
    let (a, b) = word.split_once(['-', '–'])?;
    let (a, b) = (year(a)?, year(b)?);
    (a < b).then(|| DateSpan {
        from: day_of(a, 1, 1),
        to: day_of(b, 12, 31),
    })
}

/// The dates among a query's `words` (lowercase, as typed, punctuation
/// trimmed), left to right, not overlapping.
pub(crate) fn find_dates(words: &[&str]) -> Vec<QueryDate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or_default();
        let after = words.get(i + 2).copied().unwrap_or_default();
        let found: Option<(usize, DateSense)> = if let Some(span) = numeric_date(w) {
            Some((1, DateSense::Meeting(span)))
        } else if let Some(span) = year_span(w) {
            Some((1, DateSense::Meeting(span)))
        } else if let (Some(d), Some(m), Some(y)) = (w.parse::<u8>().ok(), month(next), year(after))
        {
            // "12 mars 2024"
            (1..=last_day(y, m)).contains(&d).then(|| {
                (
                    3,
                    DateSense::Meeting(DateSpan {
                        from: day_of(y, m, d),
                        to: day_of(y, m, d),
                    }),
                )
            })
        } else if let (Some(m), Some(y)) = (month(w), year(next)) {
            Some((2, DateSense::Meeting(month_span(y, m, m))))
        } else if let (Some(&(_, m1, m2)), Some(y)) =
            (SEASONS.iter().find(|(s, _, _)| *s == w), year(next))
        {
            Some((2, DateSense::Meeting(month_span(y, m1, m2))))
        } else if let (true, Some(a), "och", Some(b)) = (
            w == "mellan",
            year(next),
            after,
            words.get(i + 3).and_then(|w| year(w)),
        ) {
            (a < b).then(|| {
                (
                    4,
                    DateSense::Meeting(DateSpan {
                        from: day_of(a, 1, 1),
                        to: day_of(b, 12, 31),
                    }),
                )
            })
        } else if let (true, Some(y)) = (SINCE.contains(&w), year(next)) {
            Some((
                2,
                DateSense::Meeting(DateSpan {
                    from: day_of(y, 1, 1),
                    to: 99_991_231,
                }),
            ))
        } else if let (true, Some(y)) = (UNTIL.contains(&w), year(next)) {
            let end = if w.starts_with("t.o.m") { y } else { y - 1 };
            Some((
                2,
                DateSense::Meeting(DateSpan {
                    from: 0,
                    to: day_of(end, 12, 31),
                }),
            ))
        } else {
            year(w).map(|y| (1, DateSense::Year(y)))
        };
        match found {
            Some((len, sense)) => {
                out.push(QueryDate {
                    words: i..i + len,
                    sense,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// Parses a date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` picks the
/// last day of a year or month.
pub(crate) fn date_bound(option: &str, value: &str, end: bool) -> Result<u64> {
    let bad = |message: &str| Error::Option {
        option: option.to_string(),
        message: format!("{value:?}: {message}"),
    };
    let parts: Vec<&str> = value.trim().split('-').collect();
    let num = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| bad("expected YYYY, YYYY-MM or YYYY-MM-DD"))
    };
    let (y, m, d) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y)?, if end { 12 } else { 1 }, None),
        [y, m] if y.len() == 4 => (num(y)?, num(m)?, None),
        [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, Some(num(d)?)),
        _ => return Err(bad("expected YYYY, YYYY-MM or YYYY-MM-DD")),
    };
    let month = time::Month::try_from(u8::try_from(m).map_err(|_| bad("no such month"))?)
        .map_err(|_| bad("no such month"))?;
    let day = match d {
        Some(d) => d,
        None if end => u32::from(month.length(y as i32)),
        None => 1,
    };
    time::Date::from_calendar_date(
        y as i32,
        month,
        u8::try_from(day).map_err(|_| bad("no such day"))?,
    )
    .map_err(|_| bad("no such date"))?;
    Ok(u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(day))
}

/// Today as YYYYMMDD.
pub(crate) fn today_number() -> u64 {
    let d = time::OffsetDateTime::now_utc().date();
    d.year() as u64 * 10_000 + u64::from(u8::from(d.month())) * 100 + u64::from(d.day())
}

fn julian(yyyymmdd: u64) -> Option<i32> {
    let (y, m, d) = (
        (yyyymmdd / 10_000) as i32,
        (yyyymmdd / 100 % 100) as u8,
        (yyyymmdd % 100) as u8,
    );
    let month = time::Month::try_from(m).ok()?;
    time::Date::from_calendar_date(y, month, d)
        .ok()
        .map(|d| d.to_julian_day())
}

/// The years from meeting date `date` to `today` (both YYYYMMDD); None
/// when either is not a date.
pub(crate) fn years_between(date: u64, today: u64) -> Option<f32> {
    Some(((julian(today)? - julian(date)?).max(0) as f32) / 365.25)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(words: &str) -> Vec<(usize, usize, u64, u64)> {
        let w: Vec<&str> = words.split_whitespace().collect();
        find_dates(&w)
            .into_iter()
            .filter_map(|d| match d.sense {
                DateSense::Meeting(s) => Some((d.words.start, d.words.end, s.from, s.to)),
                DateSense::Year(_) => None,
            })
            .collect()
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(
            meeting("kommunstyrelsen mars 2024 detaljplaner"),
            [(1, 3, 20240301, 20240331)]
        );
        assert_eq!(meeting("den 12 mars 2024"), [(1, 4, 20240312, 20240312)]);
        assert_eq!(meeting("protokoll 2024-02"), [(1, 2, 20240201, 20240229)]);
        assert_eq!(meeting("2023-12-05 vårdval"), [(0, 1, 20231205, 20231205)]);
        assert_eq!(meeting("våren 2025 budget"), [(0, 2, 20250101, 20250630)]);
        assert_eq!(meeting("motioner 2020-2022"), [(1, 2, 20200101, 20221231)]);
        assert_eq!(
            meeting("mellan 2020 och 2022 skola"),
            [(0, 4, 20200101, 20221231)]
        );
        assert_eq!(meeting("sedan 2023"), [(0, 2, 20230101, 99991231)]);
        assert_eq!(meeting("före 2020"), [(0, 2, 0, 20191231)]);
        // A month alone is a word; a number that is no year is a word.
        assert!(meeting("mars budget").is_empty());
        assert!(find_dates(&["123", "skolor"]).is_empty());
        assert!(meeting("2024-13").is_empty());
    }

    #[test]
    fn a_year_alone_is_soft() {
        let d = find_dates(&["budget", "2025"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].sense, DateSense::Year(2025));
        assert_eq!(d[0].words, 1..2);
    }

    #[test]
    fn date_bounds() {
        assert_eq!(date_bound("from", "2024", false).unwrap(), 20240101);
        assert_eq!(date_bound("to", "2024", true).unwrap(), 20241231);
        assert_eq!(date_bound("to", "2024-02", true).unwrap(), 20240229);
        assert_eq!(date_bound("from", "2023-12-05", false).unwrap(), 20231205);
        assert!(date_bound("from", "2023-13-01", false).is_err());
        assert!(
            date_bound("from", "igår", false)
                .unwrap_err()
                .to_string()
                .contains("bad from: \"igår\"")
        );
    }

    #[test]
    fn ages() {
        assert!(years_between(20200101, 20260101).unwrap() > 5.9);
        assert!(years_between(0, 20261124).is_none());
    }
}
