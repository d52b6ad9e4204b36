//! Section headings inside a §: the list ("Sammanfattning", "Beslut",
//! "Skickas till", …), "Fråga N", and an organ's own decision and proposal
//! headings ("Kommunstyrelsens beslut", "Arbetsutskottets förslag").

use super::text::eq_lowercase;
use std::sync::LazyLock;

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

/// Section headings by byte length (case changes of Swedish letters keep
/// the length), so a line is compared only with headings it could equal.
static SECTION_HEADINGS_BY_LEN: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_len: Vec<Vec<&'static str>> = vec![Vec::new(); 41];
    for h in SECTION_HEADINGS {
        by_len[h.len()].push(h);
    }
    by_len
});

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

#[cfg(test)]
mod tests {
    use super::*;

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
