//! What counts as a case number (diarienummer, ärendenummer): the one
//! place that says so. One grammar covers the forms Swedish bodies print,
//! and its labels ("Dnr", "Diarienummer", "Ärendenummer").
//!
//! The grammar, read by hand from the start of a string:
//!
//! ```text
//! case   = [code [(" " | "/") code]] joiner? core [":-" digits] [" " CODE] [" " filing]
//!        | yy CODE serial                                   (23RS5009)
//!        | CODE yy ssss                                     (RV180949)
//! core   = year sep serial [":" sub]     (2023/123, 2025.117, 2022-0123, 2023-00027:58)
//!        | year ":" serial "." ddd       (after a code: KS/KF 2014:10.002, filing code kept)
//!        | serial "/" year                (1234/2023)
//!        | serial "/" yy                  (0901/22)
//! code   = 1-8 capitals, or a capital and 1-3 small letters (KS, BUN, ÖN, Bun, Ks)
//! joiner = " " | "/" | "-" | nothing      (KS 2023/12, KS/2023:12, SLK-2024-00062, RS2022-0123)
//! sep    = "." | "/" | ":" | "-"
//! year   = 19xx | 20xx;  serial = 1-6 digits;  filing = 2-3 digits, dropped (Bun/2023:118 041)
//! ```
//!
//! After a year and a hyphen the serial has three digits or more, and three
//! groups joined by hyphens are a date, so no date (`KS 2023-05-04`) is a
//! case number; neither is a span of years (`2024/25`) nor a number of the
//! state's publications (`SOU 2023:55`, `SOSFS 2005:10`).
//!
//! A number with an organ code in capitals (before or after it) is
//! [`Strength::Strong`]: a case number wherever it stands. One without a
//! code (`2023/123`), or with a code in small letters (`Bun/2023:118`), is
//! [`Strength::Weak`], and so is a code glued to a year and serial
//! (`RV180949`, as likely an article number): a case number after a label,
//! on a § heading line, or where the document's layout shows its case
//! numbers stand in that [`Shape`] (see `layout`).

use super::text::{prefix_ci, re};
use regex::Regex;
use std::sync::LazyLock;

/// How sure the grammar alone is that a string is a case number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Year and serial without an organ code in capitals: a case number
    /// where something else says so (a label, the heading line, the layout).
    Weak,
    /// A case number wherever it stands.
    Strong,
}

/// How the digits of a case number are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Form {
    /// Year, then serial: `2023/123`, `2025.117`, `2024-00062`.
    YearSerial,
    /// Serial, then year: `1234/2023`.
    SerialYear,
    /// Serial, then a two-digit year: `0901/22`.
    SerialShortYear,
    /// Two-digit year, code, serial: `23RS5009`.
    ShortYearCode,
    /// Code, two-digit year and four-digit serial, glued: `RV180949`.
    CodeShortYear,
}

/// What a document's case numbers share whatever their digits and codes:
/// `2025.117 KS` and `2016.540 BUN` have one shape, `KS 2023/12` another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Shape {
    /// Code words before the digits (0, 1 or 2).
    pub codes_before: u8,
    /// What joins the code to the digits: `b' '`, `b'/'`, `b'-'` or 0.
    pub joiner: u8,
    /// How the digits are grouped.
    pub form: Form,
    /// The separator between the groups.
    pub sep: u8,
    /// A code after the digits (`2025.117 KS`).
    pub code_after: bool,
}

/// A case number read from the start of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Case<'a> {
    /// The case number as printed (a sub-item `:-1` and a filing code dropped).
    pub text: &'a str,
    /// What follows it (a title), not trimmed.
    pub rest: &'a str,
    /// How sure the grammar alone is.
    pub strength: Strength,
    /// Its shape.
    pub shape: Shape,
}

/// The series of the state's publications, whose numbers look like case
/// numbers (`SOU 2023:55`, `SFS 2010:800`, `Prop. 2022/23:100`) but are none;
/// so is every code ending in "FS" (a författningssamling: `SOSFS`, `AFS`).
const PUBLICATION_SERIES: &[&str] = &[
    "SOU", "SFS", "DS", "PROP", "BET", "SKR", "RSKR", "DIR", "KOM", "COM",
];

/// Words that look like an organ code before a number but are a label or
/// a unit ("Dnr 2023/12", "kl 13.00", "nr 5"): never part of a case number.
const NOT_CODES: &[&str] = &["DNR", "NR", "KL", "SID", "KAP", "AVS", "P"];

fn never_a_code(code: &str) -> bool {
    NOT_CODES.iter().any(|p| code.eq_ignore_ascii_case(p))
        || PUBLICATION_SERIES
            .iter()
            .any(|p| code.eq_ignore_ascii_case(p))
        || (code.len() > 2 && code.ends_with("FS"))
}

/// A letter at byte `i`: (is a capital, byte length). A-Z, a-z, Å Ä Ö å ä ö.
fn letter(b: &[u8], i: usize) -> Option<(bool, usize)> {
    match *b.get(i)? {
        b'A'..=b'Z' => Some((true, 1)),
        b'a'..=b'z' => Some((false, 1)),
        0xC3 => match *b.get(i + 1)? {
            0x84 | 0x85 | 0x96 => Some((true, 2)),
            0xA4 | 0xA5 | 0xB6 => Some((false, 2)),
            _ => None,
        },
        _ => None,
    }
}

/// An organ code at byte `i`: its end and whether it is in capitals. One
/// to eight capitals, or a capital and one to three small letters.
fn code(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let (first, len) = letter(b, i)?;
    if !first {
        return None;
    }
    let (mut j, mut n, mut caps, mut small) = (i + len, 1, 1, 0);
    while let Some((upper, len)) = letter(b, j) {
        if upper {
            caps += 1
        } else {
            small += 1
        }
        n += 1;
        j += len;
    }
    let all_caps = small == 0 && n <= 8;
    let capitalised = caps == 1 && (1..=3).contains(&small);
    (all_caps || capitalised).then_some((j, all_caps))
}

fn digits(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn is_year(g: &[u8]) -> bool {
    g.len() == 4 && (g.starts_with(b"19") || g.starts_with(b"20"))
}

/// True if byte `i` ends a case number: the end, a space, or punctuation
/// that is not part of one.
fn boundary(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        None => true,
        Some(c) if c.is_ascii_whitespace() => true,
        Some(b',' | b';' | b')' | b']') => true,
        // A full stop or colon that ends a sentence or a label.
        Some(b'.' | b':') => b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
        // A no-break space.
        Some(0xC2) => b.get(i + 1) == Some(&0xA0),
        _ => false,
    }
}

/// `23RS5009`: a two-digit year, a code in capitals, a serial.
fn short_year_code(t: &str) -> Option<Case<'_>> {
    let b = t.as_bytes();
    if digits(b, 0) != 2 {
        return None;
    }
    let caps = b[2..].iter().take_while(|c| c.is_ascii_uppercase()).count();
    let n = digits(b, 2 + caps);
    if !(1..=4).contains(&caps) || !(1..=7).contains(&n) || !boundary(b, 2 + caps + n) {
        return None;
    }
    let end = 2 + caps + n;
    Some(Case {
        text: &t[..end],
        rest: &t[end..],
        strength: Strength::Strong,
        shape: Shape {
            codes_before: 0,
            joiner: 0,
            form: Form::ShortYearCode,
            sep: 0,
            code_after: false,
        },
    })
}

/// Reads a case number at the start of `s` (leading whitespace skipped).
pub(crate) fn read(s: &str) -> Option<Case<'_>> {
    let t = s.trim_start();
    let b = t.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit()
        && let Some(c) = short_year_code(t)
    {
        return Some(c);
    }
    // Codes before the digits.
    let (mut i, mut codes, mut joiner, mut caps_code) = (0, 0u8, 0u8, false);
    let mut code_words: [&str; 2] = ["", ""];
    while codes < 2 {
        let Some((end, caps)) = code(b, i) else { break };
        code_words[usize::from(codes)] = &t[i..end];
        codes += 1;
        caps_code |= caps;
        match b.get(end) {
            Some(&j @ (b'/' | b'-')) if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                joiner = j;
                i = end + 1;
                break;
            }
            Some(b' ') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                joiner = b' ';
                i = end + 1;
                break;
            }
            Some(b' ') if codes == 1 && code(b, end + 1).is_some() => i = end + 1,
            // Two codes joined by a slash ("KS/KF 2014:10.002").
            Some(b'/') if codes == 1 && code(b, end + 1).is_some() => i = end + 1,
            Some(c) if c.is_ascii_digit() => {
                i = end;
                break;
            }
            _ => return None,
        }
    }
    if codes > 0 && joiner == 0 && !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if code_words[..usize::from(codes)]
        .iter()
        .any(|c| never_a_code(c))
    {
        return None;
    }
    // The digit groups.
    let mut groups: [(usize, usize); 3] = [(0, 0); 3];
    let mut seps = [0u8; 2];
    let mut n = 0;
    let mut j = i;
    loop {
        let len = digits(b, j);
        if len == 0 || len > 8 {
            return None;
        }
        groups[n] = (j, j + len);
        n += 1;
        j += len;
        match b.get(j) {
            Some(&c @ (b'.' | b'/' | b':' | b'-'))
                if n < 3 && b.get(j + 1).is_some_and(u8::is_ascii_digit) =>
            {
                seps[n - 1] = c;
                j += 1;
            }
            _ => break,
        }
    }
    let g = |k: usize| &b[groups[k].0..groups[k].1];
    let form = match n {
        // Glued to one capitals code: a two-digit year and a four-digit
        // serial ("RV180949"). As likely an article or a product number:
        // weak (a label, the heading line or the layout decides).
        1 if codes == 1 && joiner == 0 && caps_code && g(0).len() == 6 => Form::CodeShortYear,
        2 if is_year(g(0)) => {
            let serial = g(1);
            let span =
                serial.len() == 2 && seps[0] == b'/' && !caps_code && year_after(g(0)) == serial;
            if serial.len() > 6 || (seps[0] == b'-' && serial.len() < 3) || span {
                return None;
            }
            Form::YearSerial
        }
        2 if is_year(g(1)) && seps[0] == b'/' && g(0).len() <= 6 => Form::SerialYear,
        2 if g(1).len() == 2 && seps[0] == b'/' && (3..=4).contains(&g(0).len()) => {
            Form::SerialShortYear
        }
        3 if is_year(g(0)) && seps[1] == b':' && g(1).len() <= 6 => {
            if seps[0] == b'-' && g(1).len() < 3 {
                return None;
            }
            Form::YearSerial
        }
        // A filing-plan code glued after a dot ("KS/KF 2014:10.002"):
        // part of the number as printed.
        3 if is_year(g(0))
            && seps == [b':', b'.']
            && g(1).len() <= 6
            && g(2).len() == 3
            && codes > 0 =>
        {
            Form::YearSerial
        }
        _ => return None,
    };
    let mut end = j;
    // A sub-item ("SLK-2023-00001:-1") is dropped.
    let mut after = end;
    if b[end..].starts_with(b":-") && digits(b, end + 2) > 0 {
        after = end + 2 + digits(b, end + 2);
    }
    if !boundary(b, after) {
        return None;
    }
    // A code after the digits ("2025.117 KS").
    let mut code_after = false;
    if codes == 0
        && b.get(after) == Some(&b' ')
        && let Some((e, true)) = code(b, after + 1)
        && e - after - 1 <= 6
        && boundary(b, e)
        && b.get(e) != Some(&b'.')
        && !never_a_code(&t[after + 1..e])
    {
        code_after = true;
        caps_code = true;
        end = e;
        after = e;
    }
    // A filing-plan code after a coded number ("Bun/2023:118 041") is dropped.
    if (codes > 0 || code_after)
        && b.get(after) == Some(&b' ')
        && (2..=3).contains(&digits(b, after + 1))
        && boundary(b, after + 1 + digits(b, after + 1))
        && b.get(after + 1 + digits(b, after + 1)) != Some(&b'/')
    {
        after += 1 + digits(b, after + 1);
    }
    let strength = if form == Form::CodeShortYear {
        Strength::Weak
    } else if caps_code || form == Form::SerialShortYear {
        Strength::Strong
    } else {
        Strength::Weak
    };
    Some(Case {
        text: &t[..end],
        rest: &t[after..],
        strength,
        shape: Shape {
            codes_before: codes,
            joiner,
            form,
            sep: seps[0],
            code_after,
        },
    })
}

/// The two last digits of the year after `year` (4 ASCII digits).
fn year_after(year: &[u8]) -> [u8; 2] {
    let y = (year[2] - b'0') * 10 + (year[3] - b'0');
    let next = (y + 1) % 100;
    [b'0' + next / 10, b'0' + next % 10]
}

/// A case number that is the whole of `s` (trimmed) and a case number
/// wherever it stands ([`Strength::Strong`]).
pub(crate) fn case_number_alone(s: &str) -> Option<&str> {
    let s = s.trim();
    // Cheap test first: this runs on title lines.
    if s.len() > 40 || !may_start(s) {
        return None;
    }
    read(s)
        .filter(|c| c.strength == Strength::Strong && c.rest.trim().is_empty())
        .map(|c| c.text)
}

/// A case number that is the whole of `s` (trimmed), `s` following a label
/// ("Dnr", "Diarienummer"): any form of the grammar, or a code and a
/// number the grammar does not know (`KNSLI/20014197`, a damaged one).
pub(crate) fn case_number_labelled(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.len() > 40 {
        return None;
    }
    if let Some(c) = read(s).filter(|c| c.rest.trim().is_empty()) {
        return Some(c.text);
    }
    coded_number(s).or_else(|| short_serial_year(s))
}

/// `31/16`, `5/16`: a serial of one or two digits and a two-digit year,
/// the numbering of a small body's register. Only after a label: alone it
/// is as likely a date (`31/12`) or a fraction.
fn short_serial_year(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let n = digits(b, 0);
    ((1..=2).contains(&n) && b.get(n) == Some(&b'/') && digits(b, n + 1) == 2 && b.len() == n + 3)
        .then_some(s)
}

/// `CODE/digits` or `CODE-digits` as one token (`KNSLI/20014197`): a case
/// number after a label even where the grammar does not know its form.
fn coded_number(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let (end, _) = code(b, 0)?;
    let at = end + usize::from(matches!(b.get(end), Some(b'/' | b'-')));
    let n = digits(b, at);
    (at > end && (1..=10).contains(&n) && at + n == b.len() && !never_a_code(&s[..end]))
        .then_some(s)
}

/// True if `s` starts as a case number can: a digit or a capital.
fn may_start(s: &str) -> bool {
    let b = s.as_bytes();
    b.first()
        .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        || letter(b, 0).is_some_and(|(upper, _)| upper)
}

/// Reads a case number off the start of `s` as a heading line or a line
/// after a label gives it: with `labelled` any form of the grammar (and a
/// damaged coded number), else a strong one. Returns the case number and
/// what follows it (whitespace squashed), or `None` and `s` itself.
pub(crate) fn split_case(s: &str, labelled: bool) -> (Option<String>, Option<String>) {
    let tail = |r: &str| {
        let r = super::text::squash(r);
        (!r.is_empty()).then_some(r)
    };
    match read(s) {
        Some(c) if labelled || c.strength == Strength::Strong => {
            (Some(c.text.to_string()), tail(c.rest))
        }
        _ => {
            if labelled {
                let t = s.trim_start();
                let token = t.split_whitespace().next().unwrap_or("");
                if let Some(c) = coded_number(token).or_else(|| short_serial_year(token)) {
                    return (Some(c.to_string()), tail(&t[token.len()..]));
                }
            }
            (None, (!s.is_empty()).then(|| s.to_string()))
        }
    }
}

/// The first strong case number in running text, at a word start.
pub(crate) fn find_in(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| {
            text.is_char_boundary(i)
                && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'(' | b','))
                && may_start(&text[i..])
        })
        .find_map(|i| {
            read(&text[i..])
                .filter(|c| c.strength == Strength::Strong)
                .map(|c| c.text)
        })
}

/// A labelled case-number line or heading remainder: `Diarienummer: 23RS5009`, `Ärendenummer SLK-…`, `Dnr KS 2023/12`.
pub(crate) static CASE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:ärendenummer|diarienummer|diarienr|dnr|ärende\s?nr)\.?(?:(?::\s*|\s+)(?P<value>.*)|:)?$",
    )
});

/// `CASE_LABEL.captures(t)`: `Some(value)` for a match, read by hand. The
/// labels differ from their first letters on, so at most one can match;
/// `(?i)` takes only `Ä` for `ä` and the other case of an ASCII letter for
/// each of their letters; `\.?` never helps by giving a character back. A
/// value may follow the colon without a space (`DNR:KU/2007.9`).
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
    let colon = b.get(i) == Some(&b':');
    if colon {
        i += 1;
    }
    let rest = &t[i..];
    if rest.contains('\n') {
        // `.*` stops at a newline; lines have none, but leave that to the regex.
        return CASE_LABEL
            .captures(t)
            .map(|c| c.name("value").map(|m| m.as_str()));
    }
    if colon {
        return Some(Some(rest.trim_start()));
    }
    match rest.chars().next() {
        None => Some(None),
        Some(c) if c.is_whitespace() => Some(Some(rest.trim_start())),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case number `read` finds in `s` and its strength.
    fn strength(s: &str) -> Option<(&str, Strength)> {
        read(s).map(|c| (c.text, c.strength))
    }

    #[test]
    fn strong_forms_are_case_numbers_anywhere() {
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
            "2025.117 KS",
            "2016.540 BUN",
            "2019.004 ÖN",
            "KS KF/2024:12",
            "KU/2007.9",
            "KF/2006.366",
            "HSN 2021-0342",
            "BN 2019-000123",
        ] {
            assert_eq!(strength(ok), Some((ok, Strength::Strong)), "{ok}");
            assert_eq!(case_number_alone(ok), Some(ok), "{ok}");
            assert_eq!(
                find_in(&format!("se ärende {ok}, bilaga")),
                Some(ok),
                "{ok}"
            );
        }
    }

    #[test]
    fn weak_forms_need_a_label_a_heading_or_the_layout() {
        for ok in [
            "2023/123",
            "2023-00123",
            "2023.1234",
            "123/2023",
            "Ks 1234/2023",
            "ks 2023/45",
            "Bun/2023:118",
            "2026-0142",
            "RV180949",
            "LS170012",
        ] {
            let got = read(ok).map(|c| (c.text, c.strength));
            let want = if ok.starts_with("ks") {
                None
            } else {
                Some((ok, Strength::Weak))
            };
            assert_eq!(got, want, "{ok}");
            assert_eq!(case_number_alone(ok), None, "{ok}");
            assert_eq!(
                case_number_labelled(ok),
                Some(ok).filter(|_| want.is_some()),
                "{ok}"
            );
        }
    }

    #[test]
    fn a_filing_code_after_the_number_is_dropped() {
        let c = read("Bun/2023:118 041 Lokalförsörjning").unwrap();
        assert_eq!((c.text, c.rest), ("Bun/2023:118", " Lokalförsörjning"));
        let c = read("KS 2023/12 041").unwrap();
        assert_eq!((c.text, c.rest), ("KS 2023/12", ""));
        // Without a code the digits that follow are no filing code.
        let c = read("2023/123 45 platser").unwrap();
        assert_eq!(c.text, "2023/123");
    }

    #[test]
    fn dates_years_spans_and_publications_are_no_case_numbers() {
        for no in [
            "KS 2023-05-04",
            "2023-05-04",
            "2023-05",
            "KS 2023-05",
            "2023",
            "maj 2023",
            "Budget 2024/25",
            "2024/25",
            "SOU 2023:55",
            "SFS 2010:800",
            "Ds 2023:12",
            "DS 2023:12",
            "SOSFS 2005:10",
            "HSLF-FS 2015:15",
            "Prop. 2022/23:100",
            "Lövekulle 1:26",
            "14.00-16.15",
            "0322-616000",
            "2023/12a",
            "kl. 13.00",
            // Glued: a code and six digits only.
            "RV18094",
            "RV1809490",
            "Rv180949",
            "RV180949a",
        ] {
            assert_eq!(read(no).map(|c| c.text), None, "{no}");
            assert_eq!(case_number_labelled(no), None, "{no}");
            assert_eq!(find_in(no), None, "{no}");
        }
    }

    #[test]
    fn a_sub_item_is_dropped_and_a_sub_case_kept() {
        assert_eq!(
            case_number_alone("SLK-2023-00001:-1"),
            Some("SLK-2023-00001")
        );
        assert_eq!(
            case_number_alone("SLK-2023-00027:58"),
            Some("SLK-2023-00027:58")
        );
        assert_eq!(case_number_alone("KS 2023/12"), Some("KS 2023/12"));
    }

    #[test]
    fn a_title_after_the_case_number_is_what_follows() {
        let c = read("2025.117 KS Budget 2026").unwrap();
        assert_eq!((c.text, c.rest.trim()), ("2025.117 KS", "Budget 2026"));
        // A capitalised word after a number without a code is the title.
        let c = read("2023/123 Budget").unwrap();
        assert_eq!((c.text, c.rest.trim()), ("2023/123", "Budget"));
        assert_eq!(
            split_case("KS 2023/12 Avgifter", false),
            (Some("KS 2023/12".into()), Some("Avgifter".into()))
        );
        assert_eq!(
            split_case("2023/12 Avgifter", false),
            (None, Some("2023/12 Avgifter".into()))
        );
        assert_eq!(
            split_case("2023/12 Avgifter", true),
            (Some("2023/12".into()), Some("Avgifter".into()))
        );
    }

    #[test]
    fn after_a_label_a_damaged_coded_number_is_the_case_number() {
        assert_eq!(
            case_number_labelled("KNSLI/20014197"),
            Some("KNSLI/20014197")
        );
        assert_eq!(
            split_case("KNSLI/20014197", true).0.as_deref(),
            Some("KNSLI/20014197")
        );
        assert_eq!(case_number_alone("KNSLI/20014197"), None);
        assert_eq!(case_number_labelled("SOU/2023"), None);
    }

    #[test]
    fn two_codes_joined_by_a_slash_and_a_filing_code_after_a_dot() {
        // "Dnr KS/KF 2014:10.002": the board's and the council's codes, the
        // year, the serial and a filing-plan code glued after a dot.
        for ok in ["KS/KF 2014:10.002", "KS/KF 2016:390.109", "KS/KF 2017:6"] {
            let c = read(ok).unwrap();
            assert_eq!((c.text, c.strength), (ok, Strength::Strong), "{ok}");
            assert_eq!(case_number_labelled(ok), Some(ok));
        }
        let c = read("KS/KF 2014:10.002 Meddelanden och delegationsbeslut").unwrap();
        assert_eq!(c.rest.trim(), "Meddelanden och delegationsbeslut");
        // Without a code, three groups after a colon and a dot are no number
        // (a time, a version), nor is a filing code of another length.
        for no in [
            "2014:10.002",
            "KS/KF 2014:10.02",
            "KS/KF 2014:10.0021",
            "KS/kf 2014:10",
        ] {
            assert_eq!(read(no).map(|c| c.text), None, "{no}");
        }
    }

    #[test]
    fn after_a_label_a_short_serial_and_year_is_the_case_number() {
        // "Dnr 31/16": a small body's register numbers its cases from 1
        // each year. Alone the same digits are a date or a fraction.
        for ok in ["31/16", "5/16"] {
            assert_eq!(case_number_labelled(ok), Some(ok));
            assert_eq!(case_number_alone(ok), None);
            assert_eq!(read(ok), None);
            assert_eq!(split_case(ok, true).0.as_deref(), Some(ok));
            assert_eq!(split_case(ok, false).0, None);
        }
        assert_eq!(
            split_case("31/16 Bidrag till fritidsstudier", true),
            (
                Some("31/16".into()),
                Some("Bidrag till fritidsstudier".into())
            )
        );
        for no in ["31/1", "31/123", "311/16/2", "/16", "31/16a"] {
            assert_eq!(case_number_labelled(no), None, "{no}");
        }
    }

    #[test]
    fn shapes_ignore_digits_and_codes() {
        let shape = |s: &str| read(s).unwrap().shape;
        assert_eq!(shape("2025.117 KS"), shape("2016.540 BUN"));
        assert_eq!(shape("KS 2023/12"), shape("RS 2021/345"));
        assert_ne!(shape("KS 2023/12"), shape("KS/2023:12"));
        assert_ne!(shape("2025.117 KS"), shape("2025.117"));
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
            "DNR:KU/2007.9",
            "DNR: KF/2006.366",
            "Dnr:\u{a0}5",
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
