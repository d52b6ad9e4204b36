//! Cleaning of page furniture: the page headers, footers, page numbers and
//! signature rows that PDF-to-text conversion leaves inside paragraphs.
//!
//! The method is general, not per layout:
//! 1. Page breaks are form feeds, page-number lines (`3 (68)`, `Sida 3 av 10`),
//!    signature rows (`Ordförandens sign … Utdragsbestyrkande`), lines that are
//!    only a header item (`Protokoll nr 14`, `Sammanträdesdatum: 2024-05-08`)
//!    and page-header blocks that start with `Dokumentnamn`; the start of the
//!    document counts too. All of these are furniture themselves.
//! 2. Around each break a small window of lines is taken (three before, four
//!    after). A line that recurs, digits ignored, in the windows of many breaks
//!    and rarely elsewhere is a running header or footer.
//! 3. Those lines are removed near breaks only; the same words elsewhere
//!    (a real "Kommunfullmäktige" in a "Skickas till" list) are kept.
//! 4. Where a text has no page marks at all, a line that names the document
//!    as a protocol ("Göteborgs Stad Kommunstyrelsen, protokoll") and recurs is
//!    furniture wherever it stands.

use super::heading::{has_organ_headings, is_continuation};
use super::page_header::{PageHeader, mark_header_blocks, running};
use super::recurring::recurring_furniture;
use super::text::{Needle, Occurrences, re};
use regex::Regex;
use std::sync::LazyLock;

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

// The words lines are tested for, each from its second letter on, so the
// lowercase needle finds the word capitalised too ("Sign", "Protokoll"),
// and the same in capitals for lines in capitals ("ORDFÖRANDENS SIGN").
static W_SIGN: Needle = Needle::new("ign");
static W_SIGN_CAPS: Needle = Needle::new("IGN");
static W_RAGSBESTYRK: Needle = Needle::new("ragsbestyrk");
static W_RAGSBESTYRK_CAPS: Needle = Needle::new("RAGSBESTYRK");
static W_ROTOKOLL: Needle = Needle::new("rotokoll");
static W_ROTOKOLL_CAPS: Needle = Needle::new("ROTOKOLL");
static W_AMMANTRADES: Needle = Needle::new("ammanträdes");
static W_AMMANTRADES_CAPS: Needle = Needle::new("AMMANTRÄDES");
static W_USTERA: Needle = Needle::new("ustera");
static W_USTERA_CAPS: Needle = Needle::new("USTERA");

/// One line of the source, trimmed, with its 1-based line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The trimmed text; empty for a blank line.
    pub text: &'a str,
    /// 1-based line number in the source file.
    pub no: usize,
}

impl Line<'_> {
    /// True for a blank line.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Lines of `text`, trimmed and numbered, without furniture removal (for tests).
#[cfg(test)]
pub(crate) fn test_lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, t)| Line {
            text: t.trim(),
            no: i + 1,
        })
        .collect()
}

/// The document split into lines, with page furniture removed.
#[derive(Debug)]
pub(crate) struct Cleaned<'a> {
    /// Every line of the source, trimmed (form feeds split lines).
    pub raw: Vec<Line<'a>>,
    /// The lines that remain after furniture removal, blank lines kept.
    pub lines: Vec<Line<'a>>,
    /// Facts read from page-header blocks.
    pub header: PageHeader,
    /// Facts read from the running header (recurring furniture lines).
    pub running: PageHeader,
    /// Whether § headings may follow an organ's abbreviation ("KS § 12"),
    /// as [`has_organ_headings`] tells.
    pub organs: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    Text,
    /// Form feed, page number, signature row or page-header block line: always furniture.
    Breaker,
}

fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    // Printable ASCII at both ends: nothing to trim.
    if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// The substrings a line is tested for, found in one pass each over the text.
struct Needles<'h> {
    base: usize,
    /// `is_breaker`'s cheap test for a signature row.
    sign: [Occurrences<'h>; 4],
    /// `recurring_headers`' cheap test for a running header.
    header: [Occurrences<'h>; 6],
}

/// A line's flags from [`Needles`].
const HAS_SIGN: u8 = 1;
const HAS_HEADER_WORD: u8 = 2;

impl<'h> Needles<'h> {
    fn new(text: &'h str) -> Self {
        Needles {
            base: text.as_ptr() as usize,
            sign: [
                Occurrences::new(text, &W_SIGN),
                Occurrences::new(text, &W_SIGN_CAPS),
                Occurrences::new(text, &W_RAGSBESTYRK),
                Occurrences::new(text, &W_RAGSBESTYRK_CAPS),
            ],
            header: [
                Occurrences::new(text, &W_ROTOKOLL),
                Occurrences::new(text, &W_ROTOKOLL_CAPS),
                Occurrences::new(text, &W_AMMANTRADES),
                Occurrences::new(text, &W_AMMANTRADES_CAPS),
                Occurrences::new(text, &W_USTERA),
                Occurrences::new(text, &W_USTERA_CAPS),
            ],
        }
    }

    /// Flags of `piece`, a subslice of the text; pieces come in text order.
    fn flags(&mut self, piece: &str) -> u8 {
        let start = piece.as_ptr() as usize - self.base;
        let end = start + piece.len();
        // Evaluated in full (no short cut) so every cursor keeps up.
        let any = |cursors: &mut [Occurrences<'_>]| {
            cursors
                .iter_mut()
                .fold(false, |a, o| o.within(start, end) | a)
        };
        let mut f = 0;
        if any(&mut self.sign) {
            f |= HAS_SIGN;
        }
        if any(&mut self.header) {
            f |= HAS_HEADER_WORD;
        }
        f
    }
}

/// Splits `text` into trimmed lines (CRLF, CR and form feeds handled) and removes page furniture.
pub(crate) fn clean(text: &str) -> Cleaned<'_> {
    // Room for lines of 32 bytes on average, so the vectors seldom grow.
    let n = text.len() / 32 + 1;
    let mut raw = Vec::with_capacity(n);
    let mut kinds = Vec::with_capacity(n);
    // Lines holding a running-header word, for `recurring_headers`.
    let mut header_lines = Vec::new();
    let mut needles = Needles::new(text);
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut no = 1;
    // Lines end at '\n'; a form feed inside a line is a page break between its pieces.
    for pos in memchr::memchr2_iter(b'\n', b'\x0c', bytes) {
        let piece = &text[start..pos];
        let newline = bytes[pos] == b'\n';
        let piece = if newline {
            piece.strip_suffix('\r').unwrap_or(piece)
        } else {
            piece
        };
        push_line(
            &mut raw,
            &mut kinds,
            &mut header_lines,
            &mut needles,
            piece,
            no,
        );
        if newline {
            no += 1;
        } else {
            // A form feed: a page break between the pieces.
            raw.push(Line { text: "", no });
            kinds.push(Kind::Breaker);
        }
        start = pos + 1;
    }
    let last = &text[start..];
    let last = last.strip_suffix('\r').unwrap_or(last);
    push_line(
        &mut raw,
        &mut kinds,
        &mut header_lines,
        &mut needles,
        last,
        no,
    );
    let header = mark_header_blocks(&raw, &mut kinds);
    // Headings are never furniture: those after an organ's abbreviation
    // ("BUN § 34", right after each page's signature row) are told too.
    let organs = has_organ_headings(text);
    let furniture = recurring_furniture(&raw, &kinds, &header_lines, organs);
    let running = running(&raw, &furniture);
    let mut lines = Vec::with_capacity(raw.len());
    lines.extend(
        raw.iter()
            .zip(&kinds)
            .zip(&furniture)
            .filter(|((_, k), f)| **k != Kind::Breaker && !**f)
            .map(|((l, _), _)| *l),
    );
    Cleaned {
        raw,
        lines,
        header,
        running,
        organs,
    }
}

fn push_line<'a>(
    raw: &mut Vec<Line<'a>>,
    kinds: &mut Vec<Kind>,
    header_lines: &mut Vec<usize>,
    needles: &mut Needles<'_>,
    piece: &'a str,
    no: usize,
) {
    // A line that is only "\r" or spaces next to a form feed is blank.
    // (`trim` takes any '\r' at the end too.)
    let text = trim(piece);
    let f = if text.is_empty() {
        0
    } else {
        needles.flags(text)
    };
    let kind = if text.is_empty() {
        Kind::Blank
    } else if is_breaker(text, f & HAS_SIGN != 0) {
        Kind::Breaker
    } else {
        Kind::Text
    };
    raw.push(Line { text, no });
    kinds.push(kind);
    if f & HAS_HEADER_WORD != 0 {
        header_lines.push(raw.len() - 1);
    }
}

/// A page number, signature row or lone header item. Cheap tests first: this
/// runs for every line of every protocol.
/// `has_sign`: the line contains "ign" or "ragsbestyrk", in lower case or capitals.
fn is_breaker(text: &str, has_sign: bool) -> bool {
    let short = text.len() <= 40;
    (short
        && text.ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == '-')
        // It starts with "s" (any case, or the long s that (?i) takes for
        // it), "-" or a digit (any `\d` is `is_numeric`).
        && text.starts_with(|c: char| matches!(c, 's' | 'S' | 'ſ' | '-') || c.is_numeric())
        && PAGE_NUMBER.is_match(text))
        || (has_sign && SIGNATURE_ROW.is_match(text))
        || (short && standalone_start(text) && STANDALONE_HEADER.is_match(text))
        || is_continuation(text)
}

/// True if `text` starts as a [`STANDALONE_HEADER`] can, after the P/p/S/s
/// test this file has always made: "pr" (protokoll) or "sa"
/// (sammanträdes…), the second letter in any case.
fn standalone_start(text: &str) -> bool {
    matches!(
        text.as_bytes(),
        [b'P' | b'p', b'r' | b'R', ..] | [b'S' | b's', b'a' | b'A', ..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for ok in ["3 (68)", "12 (100)", "Sida 3 av 10", "- 4 -", "Sida 7"] {
            assert!(PAGE_NUMBER.is_match(ok), "{ok}");
        }
        for no in ["2024", "0901/22", "3 procent", "1. Beslut"] {
            assert!(!PAGE_NUMBER.is_match(no), "{no}");
        }
    }

    /// The non-blank lines `clean` keeps.
    fn kept(text: &str) -> Vec<&str> {
        clean(text)
            .lines
            .iter()
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn capital_signature_boxes_are_page_furniture() {
        // A page foot with the signature boxes in capitals, one to a line
        // and all in one row, a page head in capitals after the form feed;
        // a § heading and a § title in capitals are content.
        let text = "KOMMUNSTYRELSEN\nSAMMANTRÄDESPROTOKOLL\nSAMMANTRÄDESDATUM: 2024-05-08\n\n\
            § 12 PROTOKOLLSJUSTERING\n\nKommunstyrelsen beslutar\n\n\
            att ordföranden och Anna Ek (S) justerar\n\n\
            ORDFÖRANDENS SIGN\nJUSTERANDES SIGN\nUTDRAGSBESTYRKANDE\n\
            \x0cKOMMUNSTYRELSEN\nSAMMANTRÄDESPROTOKOLL\nSIDA 3 (12)\n\n\
            dagens protokoll.\n\n§ 13\nVAL AV JUSTERARE\n\nText.\n\
            ORDFÖRANDENS SIGN    JUSTERANDES SIGN    UTDRAGSBESTYRKANDE\n\
            \x0cKOMMUNSTYRELSEN\nPROTOKOLL\nSIDA 4 AV 12\n\
            § 14 Övrigt\nMer text.\nOrdförandens Sign    Justerandes Signatur\n";
        assert_eq!(
            kept(text),
            [
                "§ 12 PROTOKOLLSJUSTERING",
                "Kommunstyrelsen beslutar",
                "att ordföranden och Anna Ek (S) justerar",
                "dagens protokoll.",
                "§ 13",
                "VAL AV JUSTERARE",
                "Text.",
                "§ 14 Övrigt",
                "Mer text.",
            ]
        );
    }
}
