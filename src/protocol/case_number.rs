//! What counts as a case number (diarienummer, ärendenummer): the one
//! place that says so. Its labels ("Dnr", "Diarienummer", "Ärendenummer")
//! and its forms.

use super::text::{prefix_ci, re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// A case number (diarienummer / ärendenummer) in the forms Swedish bodies use:
/// `SLK-2024-00062`, `SLK-2023-00027:58`, `KS 2023/123`, `KS/2023:123`,
/// `KS-2023/00123`, `RS 2022-0123`, `KS 1234/2023`, `23RS5009`, `0901/22`.
/// After a year and a hyphen the serial has three digits or more, so no date
/// (`KS 2023-05-04`) is read as one.
pub(crate) static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        \b(?:
            [A-ZÅÄÖ]{1,8}-\d{4}-\d{1,6}(?::\d+)?
          | [A-ZÅÄÖ]{1,8}[\s/-]?\d{4}[/:.]\d{1,6}(?::\d+)?
          | [A-ZÅÄÖ]{1,8}\s?(?:19|20)\d{2}-\d{3,6}
          | [A-ZÅÄÖ]{1,8}\s?\d{1,6}/(?:19|20)\d{2}
          | \d{2}[A-Z]{1,4}\d{1,7}
          | \d{3,4}/\d{2}
        )\b")
});

/// A case number that is the whole of a (trimmed) string, with an optional
/// sub-item suffix such as `:-1` that is dropped: the forms of [`CASE_NUMBER`].
pub(crate) static CASE_NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<case>[A-ZÅÄÖ]{1,8}-\d{4}-\d{1,6}(?::\d+)?|[A-ZÅÄÖ]{1,8}[\s/-]?\d{4}[/:.]\d{1,6}(?::\d+)?|[A-ZÅÄÖ]{1,8}\s?(?:19|20)\d{2}-\d{3,6}|[A-ZÅÄÖ]{1,8}\s?\d{1,6}/(?:19|20)\d{2}|\d{2}[A-Z]{1,4}\d{1,7}|\d{3,4}/\d{2})(?::-\d+)?$",
    )
});

/// A case number after a label ("Dnr", "Diarienummer", ...), which makes
/// more forms safe to read as one: a prefix in any case (`Ks 1234/2023`,
/// `ks 2023/45`) or none (`2023/123`, `2023-00123`, `2023.1234`,
/// `123/2023`). A date (`2023-05-04`) is still none.
static CASE_NUMBER_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<case>(?:[A-Za-zÅÄÖåäö]{1,8}[\s/-]?)?(?:\d{4}[/:.]\d{1,6}(?::\d+)?|(?:19|20)\d{2}-\d{3,6}|\d{1,6}/(?:19|20)\d{2}))(?::-\d+)?$",
    )
});

/// The `case` group of a [`CASE_NUMBER_ALONE`] match, without running the
/// capturing engine: the whole string less a `:-N` suffix. No case-number
/// form holds ":-", so the suffix starts at the first one.
pub(crate) fn case_number_alone(s: &str) -> Option<&str> {
    // Cheap tests first: this runs on title lines, and a case number is
    // short and starts as `may_start_case_number` says.
    (s.len() <= 40
        && may_start_case_number(s)
        && CASE_NUMBER_ALONE.is_match(s)
        && !is_publication(s))
    .then(|| s.find(":-").map_or(s, |p| &s[..p]))
}

/// The series of the state's publications, whose numbers look like case
/// numbers (`SOU 2023:55`, `SFS 2010:800`, `Prop. 2022/23:100`) but are none.
const PUBLICATION_SERIES: &[&str] = &[
    "SOU", "SFS", "DS", "PROP", "BET", "SKR", "RSKR", "DIR", "KOM", "COM",
];

/// True if `s` starts with the letters of a [`PUBLICATION_SERIES`] and then
/// no letter.
fn is_publication(s: &str) -> bool {
    let letters = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    PUBLICATION_SERIES
        .iter()
        .any(|p| s[..letters].eq_ignore_ascii_case(p))
}

/// [`case_number_alone`], or after a label also the forms of
/// [`CASE_NUMBER_LABELLED`].
pub(crate) fn case_number_labelled(s: &str) -> Option<&str> {
    case_number_alone(s).or_else(|| labelled_only(s))
}

/// The forms of [`CASE_NUMBER_LABELLED`] alone.
fn labelled_only(s: &str) -> Option<&str> {
    (s.len() <= 40 && CASE_NUMBER_LABELLED.is_match(s) && !is_publication(s))
        .then(|| s.find(":-").map_or(s, |p| &s[..p]))
}

/// Reads a case number off the start of `s`: its first two
/// whitespace-separated tokens ("KS 2023/12") or its first one. `labelled`
/// (the text follows "Dnr" or the like) also takes the forms of
/// [`case_number_labelled`]. Returns the case number and what follows it
/// (whitespace squashed), or `None` and `s` itself.
pub(crate) fn split_case(s: &str, labelled: bool) -> (Option<String>, Option<String>) {
    if s.is_empty() {
        return (None, None);
    }
    if !labelled && !may_start_case_number(s.trim_start()) {
        return (None, Some(s.to_string()));
    }
    let tokens: Vec<&str> = s.split_whitespace().collect();
    // The forms any case number has first, then those only a label allows
    // (a second regex, which the common forms need not wait for).
    let strict: fn(&str) -> Option<&str> = case_number_alone;
    let lenient: fn(&str) -> Option<&str> = labelled_only;
    let forms: &[fn(&str) -> Option<&str>] = if labelled {
        &[strict, lenient]
    } else {
        &[strict]
    };
    for form in forms {
        for n in (1..=tokens.len().min(2)).rev() {
            let joined;
            let prefix = if n == 1 {
                tokens[0]
            } else {
                joined = tokens[..n].join(" ");
                &joined
            };
            if let Some(case) = form(prefix) {
                let rest = squash(&tokens[n..].join(" "));
                return (Some(case.to_string()), (!rest.is_empty()).then_some(rest));
            }
        }
    }
    (None, Some(s.to_string()))
}

/// True if `s` starts as a [`CASE_NUMBER_ALONE`] match can: a numeral
/// (any `\d` is `is_numeric`), or one to eight of A-Z, Å, Ä, Ö followed by
/// `-`, `/`, whitespace, a numeral or the end.
fn may_start_case_number(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_numeric() {
        return true;
    }
    let capital = |c: char| c.is_ascii_uppercase() || matches!(c, 'Å' | 'Ä' | 'Ö');
    if !capital(first) {
        return false;
    }
    let mut n = 1;
    for c in chars {
        if capital(c) {
            n += 1;
            if n > 8 {
                return false;
            }
            continue;
        }
        return c == '-' || c == '/' || c.is_whitespace() || c.is_numeric();
    }
    true
}

/// A labelled case-number line or heading remainder: `Diarienummer: 23RS5009`, `Ärendenummer SLK-…`, `Dnr KS 2023/12`.
pub(crate) static CASE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:ärendenummer|diarienummer|diarienr|dnr|ärende\s?nr)\.?:?(?:\s+(?P<value>.*))?$")
});

/// `CASE_LABEL.captures(t)`: `Some(value)` for a match, read by hand. The
/// labels differ from their first letters on, so at most one can match;
/// `(?i)` takes only `Ä` for `ä` and the other case of an ASCII letter for
/// each of their letters; `\.?:?` never helps by giving a character back.
pub(crate) fn case_label(t: &str) -> Option<Option<&str>> {
    let label = ["ärendenummer", "diarienummer", "diarienr", "dnr"]
        .iter()
        .find_map(|l| prefix_ci(t, l))
        .or_else(|| {
            // ärende\s?nr
            let a = prefix_ci(t, "ärende")?;
            let b = t[a..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(a, |c| a + c.len_utf8());
            prefix_ci(&t[b..], "nr").map(|n| b + n)
        })?;
    let mut i = label;
    let b = t.as_bytes();
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    if b.get(i) == Some(&b':') {
        i += 1;
    }
    let rest = &t[i..];
    match rest.chars().next() {
        None => Some(None),
        // `.*` stops at a newline; lines have none, but leave that to the regex.
        Some(_) if rest.contains('\n') => CASE_LABEL
            .captures(t)
            .map(|c| c.name("value").map(|m| m.as_str())),
        Some(c) if c.is_whitespace() => Some(Some(rest.trim_start())),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers() {
        for ok in [
            "SLK-2024-00062",
            "SLK-2023-00027:58",
            "23RS5009",
            "25RS1",
            "0901/22",
            "KS 2023/123",
            "KS/2023:123",
            "KS-2023/00123",
            "RS 2022-0123",
            "RS2022-0123",
            "KS 1234/2023",
        ] {
            assert!(CASE_NUMBER_ALONE.is_match(ok), "{ok}");
            assert_eq!(CASE_NUMBER.find(ok).map(|m| m.as_str()), Some(ok), "{ok}");
        }
        // Dates, years, and what only a label makes a case number.
        for no in [
            "KS 2023-05-04",
            "2023-05-04",
            "2023/123",
            "Ks 1234/2023",
            "1234/2023",
            "Budget 2024/25",
            "KS 2023-05",
        ] {
            assert!(!CASE_NUMBER_ALONE.is_match(no), "{no}");
        }
        assert_eq!(CASE_NUMBER.find("möte KS 2023-05-04"), None);
        // The state's publications are no case numbers.
        for no in ["SOU 2023:55", "SFS 2010:800", "Ds 2023:12", "DS 2023:12"] {
            assert_eq!(case_number_alone(no), None, "{no}");
            assert_eq!(case_number_labelled(no), None, "{no}");
        }
        for ok in [
            "2023/123",
            "2023-00123",
            "Ks 1234/2023",
            "ks 2023/45",
            "123/2023",
        ] {
            assert_eq!(case_number_labelled(ok), Some(ok), "{ok}");
        }
        for no in ["2023-05-04", "2023", "maj 2023", "2023-05"] {
            assert_eq!(case_number_labelled(no), None, "{no}");
        }
        let c = CASE_NUMBER_ALONE.captures("SLK-2023-00001:-1").unwrap();
        assert_eq!(&c["case"], "SLK-2023-00001");
        assert_eq!(
            case_number_alone("SLK-2023-00001:-1"),
            Some("SLK-2023-00001")
        );
        assert_eq!(
            case_number_alone("SLK-2023-00027:58"),
            Some("SLK-2023-00027:58")
        );
        assert_eq!(case_number_alone("KS 2023/12"), Some("KS 2023/12"));
        assert_eq!(case_number_alone("2023-12-05"), None);
        assert!(!CASE_NUMBER_ALONE.is_match("2023-12-05"));
    }

    fn case_label_by_regex(t: &str) -> Option<Option<&str>> {
        CASE_LABEL
            .captures(t)
            .map(|c| c.name("value").map(|m| m.as_str()))
    }

    #[test]
    fn case_label_reading_agrees_with_the_regex() {
        for t in [
            "Ärendenummer SLK-2024-00062",
            "ÄRENDENUMMER: 1",
            "Diarienummer: 23RS5009",
            "Diarienr.: 5",
            "Dnr KS 2023/12",
            "Dnr.x",
            "Dnr:.",
            "Dnr",
            "Dnr:",
            "Ärende nr 5",
            "Ärendenr 5",
            "Ärende\u{a0}nr 5",
            "Ärende  nr 5",
            "Ärendet gäller",
            "DİARİENUMMER 1",
            "Dıarienummer 1",
            "Dnr\u{a0}\u{a0}X",
            "Dnr  ",
            "Dnr 1\n2",
            "",
        ] {
            assert_eq!(case_label(t), case_label_by_regex(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn case_label_reading_agrees_with_the_regex_on_any_line(
            t in "(Ärende|ärende|DIARIE|Dia|dnr|DNr)[ \u{a0}]?(nummer|nr|NR|Nummer|r)?[.:]{0,2}[ \u{a0}x]{0,3}"
        ) {
            proptest::prop_assert_eq!(case_label(&t), case_label_by_regex(&t));
        }
    }
}
