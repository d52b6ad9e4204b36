//! Regular expressions and word lists shared by the parser stages.

use regex::Regex;
use std::sync::LazyLock;

/// Compiles a pattern that is a literal in this file; a failure is a bug caught by the unit tests.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern:?}: {e}"))
}

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

/// A page-number line: `3 (68)`, `Sida 3 av 10`, `3 av 10`, `- 3 -`, `Sida 3`.
pub(crate) static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:sida|sid\.|s\.)\s*\d{1,4}(?:\s*(?:\(\s*\d{1,4}\s*\)|av\s+\d{1,4}|/\s*\d{1,4}))?|\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s+\d{1,4})|-\s*\d{1,4}\s*-)$",
    )
});

/// A signature row printed at the foot of each page of many protocols.
pub(crate) static SIGNATURE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:ordförandens|justerandes|justerandens|justeringsmännens|sekreterarens)\s+(?:sign|signatur)\b|\butdragsbestyrkande\b",
    )
});

/// The first line of a page-header block ("Dokumentnamn PROTOKOLL ...").
pub(crate) static HEADER_BLOCK_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:dokumentnamn|dokumenttyp)\b"));

/// Words that mark a line as a running header or footer when it recurs.
pub(crate) static HEADER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:protokoll|sammanträdesprotokoll|sammanträdesdatum|justerandes\s+signatur)\b")
});

/// A line that is nothing but a running-header item: "Protokoll nr 14",
/// "Protokoll (nr 2)", "Sammanträdesdatum: 2024-05-08", "Sammanträdesprotokoll".
pub(crate) static STANDALONE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:sammanträdes)?protokoll(?:\s*\(?\s*nr\.?\s*\d{1,3}\s*\)?)?|sammanträdesdatum:?\s*\d{4}-\d{2}-\d{2})$",
    )
});

/// An ISO date.
pub(crate) static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));

/// A § heading candidate: `§ 77 Title`, `§77`, `§ 197 Ärendenummer SLK-…`, `§§ 76-79 Title`.
pub(crate) static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^§(?P<double>§)?\s*(?P<n>\d{1,4})(?:\s*[-–]\s*(?P<to>\d{1,4}))?(?:\.?\s+(?P<rest>.*))?$")
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
    "Jfr", "Ur", "På", "Samt", "Jmf",
];

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
            && let Some(rest) = tail(e)?
        {
            return Ok(Some(HeadingMatch { n, rest }));
        }
    }
    Ok(tail(j)?.map(|rest| HeadingMatch { n, rest }))
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

/// The length of the prefix of `t` equal to `lower` (lowercase ASCII and
/// `ä`) ignoring case as `(?i)` does for these letters.
fn prefix_ci(t: &str, lower: &str) -> Option<usize> {
    let mut chars = t.char_indices();
    for p in lower.chars() {
        let (_, c) = chars.next()?;
        let c = if c == 'Ä' {
            'ä'
        } else {
            c.to_ascii_lowercase()
        };
        if c != p {
            return None;
        }
    }
    Some(chars.next().map_or(t.len(), |(i, _)| i))
}

/// `Ärendeansvarig: Name`.
pub(crate) static RESPONSIBLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^ärendeansvarig\s*:?\s+(?P<v>.+)$"));

/// `Handläggare: Name`.
pub(crate) static OFFICER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^handläggare\s*:?\s+(?P<v>.+)$"));

/// A closing formula that ends a paragraph and belongs to no section.
pub(crate) static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^paragrafen\s+är\s+justerad\.?$"));

/// Section headings inside a paragraph, lowercase, without a trailing colon.
pub(crate) const SECTION_HEADINGS: &[&str] = &[
    "sammanfattning",
    "sammanfattning av ärendet",
    "ärendebeskrivning",
    "ärendet",
    "bakgrund",
    "förvaltningens bedömning",
    "bedömning",
    "beslutsunderlag",
    "beslut",
    "förslag till beslut",
    "beslutsförslag",
    "yrkanden",
    "yrkande",
    "tilläggsyrkande",
    "reservationer",
    "reservation",
    "anteckning",
    "anteckningar",
    "protokollsanteckning",
    "protokollsanteckningar",
    "upplysning",
    "upplysningar",
    "skickas till",
    "beslutet skickas till",
    "protokollsutdrag skickas till",
    "expedieras till",
    "beslutet expedieras till",
    "expediering",
    "sändlista",
    "kopia till",
    "protokollsutdrag till",
    "beslutsmotivering",
    "handlingar",
    "handling",
    "tidigare behandling",
    "information",
    "beredning",
    "ärendets beredning",
    "propositionsordning",
    "beslutsgång",
    "omröstning",
    "omröstningsresultat",
    "särskilt yttrande",
    "särskilda yttranden",
    "justering",
    "jäv",
    "överläggning",
    "yttrande",
    "yttranden",
    "deltar ej i beslutet",
    "motivering",
    "ekonomiska konsekvenser",
    "konsekvenser",
    "uppföljning",
    "anföranden",
    "röstförklaring",
    "återremiss",
    "bordläggning",
];

/// Headings whose section lists recipients.
pub(crate) const SENT_TO_HEADINGS: &[&str] = &[
    "skickas till",
    "beslutet skickas till",
    "protokollsutdrag skickas till",
    "expedieras till",
    "beslutet expedieras till",
    "expediering",
    "sändlista",
    "kopia till",
    "protokollsutdrag till",
];

/// A needle for [`Occurrences`], its searcher built once.
pub(crate) struct Needle {
    text: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Needle {
    pub(crate) const fn new(text: &'static str) -> Self {
        Needle {
            text,
            finder: std::sync::OnceLock::new(),
        }
    }

    fn finder(&'static self) -> &'static memchr::memmem::Finder<'static> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.text))
    }

    /// True if the needle occurs in `haystack`.
    pub(crate) fn is_in(&'static self, haystack: &str) -> bool {
        self.finder().find(haystack.as_bytes()).is_some()
    }
}

/// Where a needle occurs in the whole text, read in order: one SIMD pass over
/// the text instead of a substring search in every line.
pub(crate) struct Occurrences<'h> {
    iter: memchr::memmem::FindIter<'h, 'static>,
    next: Option<usize>,
    len: usize,
}

impl<'h> Occurrences<'h> {
    pub(crate) fn new(text: &'h str, needle: &'static Needle) -> Self {
        let finder = needle.finder();
        let mut iter = finder.find_iter(text.as_bytes());
        let next = iter.next();
        Occurrences {
            iter,
            next,
            len: finder.needle().len(),
        }
    }

    /// True if the needle lies wholly inside `start..end`. Calls must come
    /// with `start` not decreasing.
    pub(crate) fn within(&mut self, start: usize, end: usize) -> bool {
        while let Some(p) = self.next {
            if p >= start {
                return p + self.len <= end;
            }
            self.next = self.iter.next();
        }
        false
    }
}

/// Lowercases and folds whitespace; used to compare lines.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            let from = out.len();
            out.push_str(w);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Matches [`fold`]`(s)` against the start of `lower`: the length of `lower`
/// that equals all of `fold(s)`, or, if `lower` ends first or differs, where
/// it stopped (`None` for a difference). ASCII words are compared byte by byte.
fn match_fold(s: &str, lower: &str) -> Result<usize, Option<usize>> {
    let lb = lower.as_bytes();
    // Most calls differ at once: an ASCII letter or digit starts fold(s) lowercased.
    if let (Some(&a), Some(&b)) = (s.as_bytes().first(), lb.first())
        && a.is_ascii_alphanumeric()
        && a.to_ascii_lowercase() != b
    {
        return Err(None);
    }
    let mut j = 0;
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            if j == lb.len() {
                return Err(Some(j));
            }
            if lb[j] != b' ' {
                return Err(None);
            }
            j += 1;
        }
        if w.is_ascii() {
            let n = w.len().min(lb.len() - j);
            if !w.as_bytes()[..n]
                .iter()
                .zip(&lb[j..j + n])
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
            {
                return Err(None);
            }
            j += n;
            if n < w.len() {
                return Err(Some(j));
            }
        } else {
            // `lower[..j]` equals a prefix of `fold(s)`, so `j` is a character boundary.
            let mut rest = lower[j..].chars();
            for c in w.chars().flat_map(char::to_lowercase) {
                match rest.next() {
                    Some(x) if x == c => {}
                    Some(_) => return Err(None),
                    None => return Err(Some(lower.len())),
                }
            }
            j = lower.len() - rest.as_str().len();
        }
    }
    Ok(j)
}

/// `fold(s) == lower`, without allocating.
pub(crate) fn eq_fold(s: &str, lower: &str) -> bool {
    match_fold(s, lower) == Ok(lower.len())
}

/// `fold(s).starts_with(prefix)`, without allocating.
pub(crate) fn starts_with_fold(s: &str, prefix: &str) -> bool {
    match match_fold(s, prefix) {
        Ok(j) | Err(Some(j)) => j == prefix.len(),
        Err(None) => false,
    }
}

/// Collapses runs of whitespace to one space and trims: the words of
/// `split_whitespace` joined by one space, each copied in one piece.
pub(crate) fn squash(s: &str) -> String {
    if is_squashed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let (space, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or('\0');
            (c.is_whitespace(), c.len_utf8())
        };
        match (space, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
    out
}

/// `squash(&parts.join(" "))` without the joined copy.
pub(crate) fn squash_joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for p in parts {
        if is_squashed(p) {
            if !p.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(p);
            }
        } else {
            for w in p.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
    out
}

/// True if `squash(s) == s`: no whitespace but single spaces between words.
fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Branch-free passes the compiler vectorises: ASCII whitespace other
    // than the space, two spaces in a row, and lead bytes of the non-ASCII
    // whitespace characters (U+0085, U+00A0, U+1680, U+2000…U+3000).
    let (mut control, mut lead) = (false, false);
    for &c in b {
        control |= c.wrapping_sub(b'\t') < 5;
        lead |= matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    }
    let double = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |a, (&x, &y)| a | ((x == b' ') & (y == b' ')));
    if control || double {
        return false;
    }
    !lead || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// Section headings by byte length (case changes of Swedish letters keep
/// the length), so a line is compared only with headings it could equal.
static SECTION_HEADINGS_BY_LEN: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_len: Vec<Vec<&'static str>> = vec![Vec::new(); 41];
    for h in SECTION_HEADINGS {
        by_len[h.len()].push(h);
    }
    by_len
});

/// Case-insensitive equality with a lowercase `lower`, without allocating:
/// `text.to_lowercase() == lower` (ASCII compared byte by byte).
pub(crate) fn eq_lowercase(text: &str, lower: &str) -> bool {
    let (a, b) = (text.as_bytes(), lower.as_bytes());
    // The ASCII prefix of both: ASCII lowercases to one ASCII byte.
    let mut i = 0;
    while i < a.len() && i < b.len() && a[i].is_ascii() && b[i].is_ascii() {
        if a[i].to_ascii_lowercase() != b[i] {
            return false;
        }
        i += 1;
    }
    if i == a.len() && i == b.len() {
        return true;
    }
    // Both are at a character boundary: everything before was ASCII.
    let mut a = text[i..].chars().flat_map(char::to_lowercase);
    let mut b = lower[i..].chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// If `line` is a section heading, returns it without the trailing colon.
/// Runs for every short line of every paragraph, so it does not allocate.
pub(crate) fn section_heading(line: &str) -> Option<&str> {
    section_heading_entry(line).map(|(h, _)| h)
}

/// [`section_heading`], and the entry of [`SECTION_HEADINGS`] it equals
/// lowercased (`None` for "Fråga N"; "beslut" or [`PROPOSAL_ENTRY`] for an
/// organ's heading, see [`organ_heading`]). The entry of a heading
/// from the list is also `fold` of the heading: lowercasing keeps
/// whitespace, and the entries have single spaces only.
pub(crate) fn section_heading_entry(line: &str) -> Option<(&str, Option<&'static str>)> {
    // A long line that starts and ends with ASCII that trimming keeps is no
    // heading, unless it may be an organ's proposal heading.
    if let (true, Some(&first), Some(&last)) = (
        line.len() > 40,
        line.as_bytes().first(),
        line.as_bytes().last(),
    ) && first.is_ascii()
        && !first.is_ascii_whitespace()
        && first != 0x0b
        && last.is_ascii()
        && !last.is_ascii_whitespace()
        && last != 0x0b
        && last != b':'
        && (line.len() > PROPOSAL_HEADING_MAX || !ends_with_beslut(line))
    {
        return None;
    }
    let h = line.trim().trim_end_matches(':').trim_end();
    if h.is_empty() {
        return None;
    }
    if h.len() > 40 {
        return organ_heading(h).map(|k| (h, Some(organ_entry(k))));
    }
    let h0 = h.as_bytes()[0];
    // An ASCII first letter must lowercase to the heading's first byte
    // (a non-ASCII one may lowercase to ASCII: the Kelvin sign to k).
    if let Some(s) = SECTION_HEADINGS_BY_LEN[h.len()].iter().find(|s| {
        (!h0.is_ascii() || h0.to_ascii_lowercase() == s.as_bytes()[0]) && eq_lowercase(h, s)
    }) {
        return Some((h, Some(s)));
    }
    if let Some(k) = organ_heading(h) {
        return Some((h, Some(organ_entry(k))));
    }
    // "Fråga 1", "Fråga 12": sub-headings of a question time.
    if !matches!(h0, b'F' | b'f') {
        return None;
    }
    let mut words = h.split(' ');
    if words.next().is_some_and(|w| eq_lowercase(w, "fråga"))
        && let (Some(n), None) = (words.next(), words.next())
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Some((h, None));
    }
    None
}

/// The [`SECTION_HEADINGS`] entry an organ's proposal heading stands for.
pub(crate) const PROPOSAL_ENTRY: &str = "förslag till beslut";

/// The [`SECTION_HEADINGS`] entry an organ's heading stands for.
fn organ_entry(k: OrganHeading) -> &'static str {
    match k {
        OrganHeading::Decision => "beslut",
        OrganHeading::Proposal => PROPOSAL_ENTRY,
    }
}

/// The longest organ's proposal heading looked at, in bytes.
const PROPOSAL_HEADING_MAX: usize = 72;

/// True if `s` may end an organ's heading (see [`organ_heading`]): in
/// "beslut", "förslag" or the end of an organ's name ([`is_addressee`]),
/// any case.
#[inline]
fn ends_with_beslut(s: &str) -> bool {
    let b = s.as_bytes();
    let ends = |t: &[u8]| b.len() >= t.len() && b[b.len() - t.len()..].eq_ignore_ascii_case(t);
    // By the last letter first: this runs on most lines.
    match b.last().map(|c| c.to_ascii_lowercase()) {
        Some(b't') => ends(b"beslut") || ends(b"kottet"),
        Some(b'g') => {
            b.len() >= 8
                && ends(b"rslag")
                && matches!(
                    &b[b.len() - 8..b.len() - 5],
                    [b'f' | b'F', 0xC3, 0xB6 | 0x96]
                )
        }
        Some(b'e') => ends(b"ktige"),
        Some(b'n') => ends(b"relsen") || ends(b"mnden"),
        _ => false,
    }
}

/// True if `w` ends as an organ's name does, any case: "…fullmäktige",
/// "…styrelsen", "…nämnden", "…utskottet" (by their last, ASCII letters;
/// not "…beredningen", as many a word ends in "-ningen").
fn is_addressee(w: &str) -> bool {
    let b = w.as_bytes();
    ["ktige", "relsen", "mnden", "kottet"]
        .iter()
        .any(|t| b.len() >= t.len() && b[b.len() - t.len()..].eq_ignore_ascii_case(t.as_bytes()))
}

/// What an organ's heading ([`organ_heading`]) heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrganHeading {
    /// The organ's decision: "Kommunstyrelsens beslut".
    Decision,
    /// The organ's proposal: "Kommunstyrelsens förslag till beslut",
    /// "Arbetsutskottets förslag".
    Proposal,
}

/// True if `h` heads an organ's proposal (see [`organ_heading`]).
pub(crate) fn is_proposal_heading(h: &str) -> bool {
    organ_heading(h) == Some(OrganHeading::Proposal)
}

/// What `h`, a trimmed line without its colon, heads if it is an organ's
/// heading: "Kommunstyrelsens beslut", "Kommunstyrelsens förslag till
/// beslut", "Arbetsutskottets förslag", "Kommunstyrelsens förslag till
/// kommunfullmäktige", "BARN- OCH UTBILDNINGSNÄMNDENS
/// FÖRSLAG TILL BESLUT", "Kommunstyrelsens arbetsutskotts förslag till
/// beslut". The rule, in any case: a capital first letter, one to four
/// words of the organ's name, each a genitive in -s, a word ending in a
/// hyphen ("Barn-") or "och", the last a genitive; then "beslut",
/// "förslag", "förslag till beslut" or "förslag till" and the name of the
/// organ it goes to. So "Bifall till kommunstyrelsens
/// förslag till beslut" and a wrapped "kommunstyrelsens förslag till
/// beslut" are running text.
pub(crate) fn organ_heading(h: &str) -> Option<OrganHeading> {
    // Cheap tests first: the length and the last word's letters.
    if h.len() < 14 || h.len() > PROPOSAL_HEADING_MAX || !ends_with_beslut(h) {
        return None;
    }
    if !h.starts_with(char::is_uppercase) {
        return None;
    }
    let mut words = h.split_whitespace().rev().peekable();
    let last = words.next()?;
    let kind = if eq_lowercase(last, "förslag") {
        OrganHeading::Proposal
    } else if eq_lowercase(last, "beslut") && words.peek().is_some_and(|w| eq_lowercase(w, "till"))
    {
        // "… förslag till beslut"
        words.next();
        if !words.next().is_some_and(|x| eq_lowercase(x, "förslag")) {
            return None;
        }
        OrganHeading::Proposal
    } else if eq_lowercase(last, "beslut") {
        OrganHeading::Decision
    } else if is_addressee(last) {
        // "… förslag till kommunfullmäktige", "… förslag till Region
        // Västernorrlands regionfullmäktige": one or two more words of the
        // addressee's name, then "till" and "förslag".
        let mut till = false;
        for _ in 0..3 {
            if words.next().is_some_and(|w| eq_lowercase(w, "till")) {
                till = true;
                break;
            }
        }
        if !till || !words.next().is_some_and(|x| eq_lowercase(x, "förslag")) {
            return None;
        }
        OrganHeading::Proposal
    } else {
        return None;
    };
    let genitive = |w: &str| w.ends_with(['s', 'S']);
    let mut n = 0;
    let mut front = "";
    for w in words {
        n += 1;
        front = w;
        let letters = w.chars().all(|c| c.is_alphabetic() || c == '-');
        let fits = if n == 1 {
            genitive(w)
        } else {
            genitive(w) || w.ends_with('-') || eq_lowercase(w, "och")
        };
        if n > 4 || !letters || !fits {
            return None;
        }
    }
    (n > 0 && !eq_lowercase(front, "och")).then_some(kind)
}

/// Capitalises the first letter and lowercases the rest ("REGIONSTYRELSENS VÅRDVALSUTSKOTT" → "Regionstyrelsens vårdvalsutskott").
pub(crate) fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    capitalise(&lower)
}

/// Capitalises the first letter, leaving the rest as it is.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_patterns_compile() {
        for r in [
            &*CASE_NUMBER,
            &*CASE_NUMBER_ALONE,
            &*PAGE_NUMBER,
            &*SIGNATURE_ROW,
            &*HEADER_BLOCK_START,
            &*ISO_DATE,
            &*HEADING,
            &*CASE_LABEL,
            &*RESPONSIBLE,
            &*OFFICER,
            &*CLOSING,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }

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

    #[test]
    fn page_numbers() {
        for ok in ["3 (68)", "12 (100)", "Sida 3 av 10", "- 4 -", "Sida 7"] {
            assert!(PAGE_NUMBER.is_match(ok), "{ok}");
        }
        for no in ["2024", "0901/22", "3 procent", "1. Beslut"] {
            assert!(!PAGE_NUMBER.is_match(no), "{no}");
        }
    }

    #[test]
    fn headings_and_cross_references() {
        assert!(HEADING.is_match("§ 77 Översyn"));
        assert!(HEADING.is_match("§76 Protokollsjustering"));
        assert!(HEADING.is_match("§§ 76-79 Anmälningsärenden"));
        assert!(!HEADING.is_match("§ 104."));
        assert!(!HEADING.is_match("§ 372, punkt 17 och 18"));
        // A period after the number, then the title ("§ 14. Val").
        assert!(HEADING.is_match("§ 14. Val av justerare"));
        assert!(!HEADING.is_match("§ 14.Val"));
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
        ] {
            assert_eq!(heading(line), heading_by_regex(line), "{line:?}");
        }
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

        #[test]
        fn heading_reading_agrees_with_the_regex_on_any_line(
            line in "§{1,2}[ 0-9\\-–\u{a0}\u{663}\u{2003}aÖ.§\r\t]{0,12}"
        ) {
            proptest::prop_assert_eq!(heading(&line), heading_by_regex(&line));
        }
    }

    #[test]
    fn section_headings() {
        assert_eq!(section_heading("Beslut:"), Some("Beslut"));
        assert_eq!(section_heading("Skickas till"), Some("Skickas till"));
        assert_eq!(section_heading("Fråga 12"), Some("Fråga 12"));
        assert_eq!(section_heading("Beslutet fattades"), None);
        assert_eq!(
            section_heading_entry("KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT:"),
            Some(("KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT", Some(PROPOSAL_ENTRY)))
        );
    }

    #[test]
    fn organ_proposal_headings() {
        for ok in [
            "Kommunstyrelsens förslag till beslut",
            "KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT",
            "Kommunstyrelsens  arbetsutskotts förslag till beslut",
            "BARN- OCH UTBILDNINGSNÄMNDENS FÖRSLAG TILL BESLUT",
            "Samhällsbyggnadsnämndens arbetsutskotts förslag till beslut",
            "Arbetsutskottets förslag",
            "ARBETSUTSKOTTETS FÖRSLAG",
            "Kommunstyrelsens förslag till kommunfullmäktige",
            "Barn- och utbildningsnämndens förslag till kommunfullmäktige",
            "ARBETSUTSKOTTETS FÖRSLAG TILL KOMMUNSTYRELSEN",
        ] {
            assert!(is_proposal_heading(ok), "{ok}");
            assert_eq!(section_heading(ok), Some(ok));
        }
        for ok in [
            "Kommunstyrelsens beslut",
            "KOMMUNFULLMÄKTIGES BESLUT",
            "Barn- och utbildningsnämndens beslut",
        ] {
            assert_eq!(organ_heading(ok), Some(OrganHeading::Decision), "{ok}");
            assert_eq!(section_heading_entry(ok), Some((ok, Some("beslut"))));
        }
        for no in [
            "Beslut",
            "Förslag",
            "kommunstyrelsens beslut",
            "Enligt kommunstyrelsens beslut",
            "Kommunstyrelsen beslut",
            "Till beslut",
            "Kommunstyrelsens förslag om kommunfullmäktige",
            "Förslag till kommunfullmäktige",
            "Remiss till kommunstyrelsen",
        ] {
            assert_eq!(organ_heading(no), None, "{no}");
        }
        for no in [
            "Förslag till beslut",
            "Bifall till kommunstyrelsens förslag till beslut",
            "kommunstyrelsens förslag till beslut",
            "Kommunstyrelsen förslag till beslut",
            "Kommunstyrelsens förslag till beslut om budget",
            "Ordföranden ställer proposition på kommunstyrelsens förslag till beslut",
            "Kommunstyrelsens (KS) förslag till beslut",
            "Och förslag till beslut",
            "Och kommunstyrelsens förslag till beslut",
        ] {
            assert!(!is_proposal_heading(no), "{no}");
        }
    }
}
