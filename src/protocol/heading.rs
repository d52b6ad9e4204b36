//! Heading recognition: whether a line reads as a § heading (`§ 77 Title`,
//! `§§ 76-79`, `KS § 12`), and where its number and remainder are. Which of
//! those lines are headings of the document is `segment`'s question.

use super::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// A § heading candidate: `§ 77 Title`, `§77`, `§ 197 Ärendenummer SLK-…`,
/// `§§ 76-79 Title`, and with the year of a numbering that starts again
/// each year: `§ 63/20 Title`, `§ 12/2023` (the year is not part of the
/// number).
pub(crate) static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^§(?P<double>§)?\s*(?P<n>\d{1,4})(?:/(?:\d{4}|\d{2}))?",
        r"(?:\s*[-–]\s*(?P<to>\d{1,4})(?:/(?:\d{4}|\d{2}))?)?(?:\.?\s+(?P<rest>.*))?$"
    ))
});

/// The parts of a [`HEADING`] match that the parser uses: the number and
/// the remainder (`None` where the group did not take part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadingMatch<'a> {
    pub n: &'a str,
    pub rest: Option<&'a str>,
}

/// `HEADING.captures(line)`, read by hand where the line is ASCII up to
/// its remainder (almost always); other lines go to the regex. The hand
/// reading follows the regex's backtracking: the number is the whole digit
/// run (a fifth digit fails), the range is taken if what follows it can
/// end the match, else the remainder starts after the whitespace run that
/// follows the number.
pub(crate) fn heading(line: &str) -> Option<HeadingMatch<'_>> {
    match heading_ascii(line) {
        Ok(m) => m,
        Err(NotAscii) => HEADING.captures(line).map(|c| HeadingMatch {
            n: c.name("n").map_or("", |m| m.as_str()),
            rest: c.name("rest").map(|m| m.as_str()),
        }),
    }
}

/// True if `line` is a `HEADING` match; with `organs`, also after an
/// organ's abbreviation (see [`heading_start`]).
pub(crate) fn is_heading(line: &str, organs: bool) -> bool {
    heading_start(line, organs).is_some_and(|at| heading(&line[at..]).is_some())
}

/// True if some line of `text` is a heading after an organ's abbreviation
/// ("KS § 12"): one pass over the text for its § signs, where the line each
/// stands in is looked at, so that the other lines need no such test.
pub(crate) fn has_organ_headings(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, "§".as_bytes()).any(|at| {
        // The line starts within 24 bytes before the § (see
        // `organ_heading_start`), maybe indented.
        let from = at.saturating_sub(24);
        let Some(start) = memchr::memrchr(b'\n', &b[from..at])
            .map(|i| from + i + 1)
            .or((from == 0).then_some(0))
        else {
            return false;
        };
        let indent = b[start..at]
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\x0c'))
            .count();
        organ_heading_start(&text[start + indent..]) == Some(at - start - indent)
    })
}

/// Short words that may stand before a § in running text ("Se § 12",
/// "I § 5"): never an organ's abbreviation.
const NOT_ORGANS: &[&str] = &[
    "I", "Se", "Om", "Av", "En", "Ett", "Den", "Det", "Vid", "Till", "Från", "Med", "Och", "Enl",
    "Jfr", "Ur", "På", "Samt", "Jmf", "FORTS",
];

/// True if `line` is the header of a § that goes on from the page before
/// ("Forts. § 4", "§ 4 forts.", "KS § 4 (forts)", "Fortsättning § 4"): page
/// furniture, never a new §.
pub(crate) fn is_continuation(line: &str) -> bool {
    // Cheap tests first: this runs on every line. The second byte of "§"
    // (0xA7) is rare in any text, and a byte search for it cheaper than a
    // search for the character.
    if line.len() > 48 || !line.as_bytes().contains(&0xA7) || !line.contains('§') {
        return false;
    }
    let b = line.as_bytes();
    if !b.windows(4).any(|w| w.eq_ignore_ascii_case(b"orts")) {
        return false;
    }
    let is_forts = |w: &str| {
        let w = w.trim_matches(['(', ')', '.', ':', ',']);
        w.len() >= 5 && w.as_bytes()[..5].eq_ignore_ascii_case(b"forts")
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    if !words.iter().any(|w| is_forts(w)) {
        return false;
    }
    let rest = words
        .iter()
        .filter(|w| !is_forts(w))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    heading_start(&rest, true)
        .and_then(|at| heading(&rest[at..]))
        .is_some_and(|h| h.rest.is_none_or(|r| r.trim().len() <= 1))
}

/// Where the § of a heading line starts: at once, or with `organs` after the
/// abbreviation of the organ that numbers its paragraphs so ("KS § 12",
/// "Ks § 12", "BUN §§ 3-5"): one to six capitals, or a capital and up to
/// three small letters, then spaces. `None` if the line starts otherwise.
#[inline]
pub(crate) fn heading_start(line: &str, organs: bool) -> Option<usize> {
    if line.starts_with('§') {
        Some(0)
    } else if organs {
        organ_heading_start(line)
    } else {
        None
    }
}

/// [`heading_start`] for a line that does not start with §. Read as bytes,
/// as this runs on every line that is not a heading.
fn organ_heading_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    // A capital: A-Z, or the first byte of Å, Ä, Ö (checked below); and a
    // § (C2 A7) in the first 24 bytes, which most lines have not.
    if !matches!(b.first()?, b'A'..=b'Z' | 0xC3) {
        return None;
    }
    // The abbreviation: up to six of a-z, å, ä, ö in either case.
    let (mut i, mut n) = (0, 0);
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() => i += 1,
            // Å Ä Ö å ä ö
            Some(0xC3) if matches!(b.get(i + 1), Some(0x84 | 0x85 | 0x96 | 0xA4 | 0xA5 | 0xB6)) => {
                i += 2
            }
            _ => break,
        }
        n += 1;
        if n > 6 {
            return None;
        }
    }
    // Spaces (a tab, a no-break space), then the §.
    let mut j = i;
    loop {
        match b.get(j) {
            Some(b' ' | b'\t') => j += 1,
            Some(0xC2) if b.get(j + 1) == Some(&0xA0) => j += 2,
            _ => break,
        }
    }
    if n == 0 || j == i || !line[j..].starts_with('§') {
        return None;
    }
    let word = &line[..i];
    let mut chars = word.chars();
    let first_capital = chars.next().is_some_and(char::is_uppercase);
    let capitals = word.chars().all(char::is_uppercase);
    let capitalised = chars.all(char::is_lowercase);
    let fits = first_capital && ((capitals && n <= 6) || (capitalised && n <= 4));
    (fits && !NOT_ORGANS.contains(&word)).then_some(j)
}

/// A character the hand reading of a heading cannot classify: a
/// non-ASCII numeral, which may be a Unicode digit (`\d`).
struct NotAscii;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    End,
    /// `\s`: Unicode White_Space, as `char::is_whitespace`.
    Space,
    /// An ASCII digit.
    Digit,
    /// `-` or `–`.
    Dash,
    Other,
}

/// The class of the character at byte `i` of `s`, and its length.
fn class(s: &str, i: usize) -> Result<(Class, usize), NotAscii> {
    let Some(c) = s[i..].chars().next() else {
        return Ok((Class::End, 0));
    };
    let k = if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_whitespace() {
        Class::Space
    } else if c == '-' || c == '–' {
        Class::Dash
    } else if !c.is_ascii() && c.is_numeric() {
        return Err(NotAscii);
    } else {
        Class::Other
    };
    Ok((k, c.len_utf8()))
}

/// The end of the run of `want` characters from byte `i`.
fn skip(s: &str, mut i: usize, want: Class) -> Result<usize, NotAscii> {
    loop {
        let (k, len) = class(s, i)?;
        if k != want {
            return Ok(i);
        }
        i += len;
    }
}

fn heading_ascii(line: &str) -> Result<Option<HeadingMatch<'_>>, NotAscii> {
    let Some(after) = line.strip_prefix('§') else {
        return Ok(None);
    };
    let after = after.strip_prefix('§').unwrap_or(after);
    let i = skip(line, line.len() - after.len(), Class::Space)?;
    let j = skip(line, i, Class::Digit)?;
    // `\d{1,4}` followed by a digit fails whatever comes next.
    if j == i || j - i > 4 {
        return Ok(None);
    }
    let n = &line[i..j];
    // The year after a number, `(?:/(?:\d{4}|\d{2}))?`: taken where the
    // digits after the slash are exactly 2 or 4 (a longer or shorter run
    // leaves the slash, which nothing else can take, so the line fails).
    let year = |k: usize| -> Result<Option<usize>, NotAscii> {
        if !line[k..].starts_with('/') {
            return Ok(Some(k));
        }
        let e = skip(line, k + 1, Class::Digit)?;
        Ok(matches!(e - (k + 1), 2 | 4).then_some(e))
    };
    let Some(j) = year(j)? else {
        return Ok(None);
    };
    // `(?:\.?\s+(?P<rest>.*))?$` from byte `k`: `Some(rest)` if it matches.
    let tail = |k: usize| -> Result<Option<Option<&str>>, NotAscii> {
        let period = line[k..].starts_with('.');
        let k = k + usize::from(period);
        match class(line, k)?.0 {
            Class::End if !period => Ok(Some(None)),
            Class::Space => Ok(Some(Some(&line[skip(line, k, Class::Space)?..]))),
            _ => Ok(None),
        }
    };
    // The range `\s*[-–]\s*\d{1,4}`, taken if the rest can follow it.
    let k = skip(line, j, Class::Space)?;
    let (dash, len) = class(line, k)?;
    if dash == Class::Dash {
        let d = skip(line, k + len, Class::Space)?;
        let e = skip(line, d, Class::Digit)?;
        if e > d
            && e - d <= 4
            && let Some(e) = year(e)?
            && let Some(rest) = tail(e)?
        {
            return Ok(Some(HeadingMatch { n, rest }));
        }
    }
    Ok(tail(j)?.map(|rest| HeadingMatch { n, rest }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_cross_references() {
        assert!(HEADING.is_match("§ 77 Översyn"));
        assert!(HEADING.is_match("§76 Protokollsjustering"));
        assert!(HEADING.is_match("§§ 76-79 Anmälningsärenden"));
        assert!(!HEADING.is_match("§ 104."));
        assert!(!HEADING.is_match("§ 372, punkt 17 och 18"));
        // A numbering that starts again each year prints the year after
        // the number; the number is the §'s.
        let m = heading("§ 63/20 Fastställande av dagordning").unwrap();
        assert_eq!((m.n, m.rest), ("63", Some("Fastställande av dagordning")));
        assert_eq!(
            heading("KS § 4/2023").map(|m| m.n),
            None,
            "an organ prefix is heading_start's"
        );
        assert_eq!(heading("§ 4/2023").map(|m| m.n), Some("4"));
        assert!(heading("§ 4/202 Val").is_none());
        // A period after the number, then the title ("§ 14. Val").
        assert!(HEADING.is_match("§ 14. Val av justerare"));
        assert!(!HEADING.is_match("§ 14.Val"));
    }

    #[test]
    fn continuation_headers_are_no_headings() {
        for line in [
            "Forts. § 4",
            "§ 4 forts.",
            "§ 4 (forts)",
            "KS § 4 forts",
            "Fortsättning § 4",
            "FORTS § 12",
            "forts. KS § 12",
        ] {
            assert!(is_continuation(line), "{line}");
        }
        for line in [
            "§ 4 Fortsatt arbete med budgeten",
            "§ 4 Val",
            "Fortsättningsvis gäller § 4 i reglementet",
            "§ 4",
        ] {
            assert!(!is_continuation(line), "{line}");
        }
    }

    #[test]
    fn headings_after_an_organs_abbreviation() {
        for (line, at) in [
            ("§ 12 Val", 0),
            ("KS § 12 Val", 3),
            ("Ks  § 12", 4),
            ("BUN §§ 3-5 Anmälningar", 4),
            ("Kfn § 7", 4),
            ("KS\u{a0}§ 12 Val", 4),
        ] {
            assert_eq!(heading_start(line, true), Some(at), "{line}");
            assert!(is_heading(line, true), "{line}");
            assert_eq!(
                has_organ_headings(&format!("Protokoll\n{line}\nText\n")),
                at > 0,
                "{line}"
            );
            assert_eq!(
                has_organ_headings(&format!("  {line}\nText\n")),
                at > 0,
                "{line}"
            );
        }
        for line in [
            "Se § 12 i kommunallagen",
            "I § 5 står",
            "Kommunstyrelsen § 12",
            "KS§ 12",
            "ks § 12",
            "Enligt § 12",
            "KS 12 §",
        ] {
            assert!(!is_heading(line, true), "{line}");
            assert!(
                !has_organ_headings(&format!("Protokoll\n{line}\n")),
                "{line}"
            );
        }
    }

    /// What the regex gives for `line`, to compare the hand reading with.
    fn heading_by_regex(line: &str) -> Option<HeadingMatch<'_>> {
        HEADING.captures(line).map(|c| HeadingMatch {
            n: c.name("n").map_or("", |m| m.as_str()),
            rest: c.name("rest").map(|m| m.as_str()),
        })
    }

    #[test]
    fn heading_reading_agrees_with_the_regex() {
        for line in [
            "§ 77 Översyn",
            "§76 Protokollsjustering",
            "§§ 76-79 Anmälningsärenden",
            "§ 76 – 79",
            "§ 76 -79x",
            "§ 12345 X",
            "§ 1 - 12345 X",
            "§ 104.",
            "§ 104. Text",
            "§ 104.Text",
            "§ 104 . Text",
            "§ 76-79. Anmälningar",
            "§ 372, punkt 17 och 18",
            "§\u{a0}5\u{a0}Val",
            "§ \u{663}\u{664} Val",
            "§ 12\u{663} Val",
            "§ 7 ",
            "§ 7",
            "§",
            "x § 7",
            "§ 63/20 Fastställande av dagordning",
            "§ 12/2023",
            "§ 12/2023. Val",
            "§ 12/202 Val",
            "§ 12/20231 Val",
            "§ 12/ Val",
            "§§ 63-64/20 Val",
            "§§ 63/20-64/20 Val",
            "§ 63/20x",
        ] {
            assert_eq!(heading(line), heading_by_regex(line), "{line:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn heading_reading_agrees_with_the_regex_on_any_line(
            line in "§{1,2}[ 0-9\\-–\u{a0}\u{663}\u{2003}aÖ.§/\r\t]{0,12}"
        ) {
            proptest::prop_assert_eq!(heading(&line), heading_by_regex(&line));
        }
    }
}
