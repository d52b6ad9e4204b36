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

use super::patterns::{
    CASE_NUMBER, HEADER_BLOCK_START, HEADER_WORDS, HEADING, ISO_DATE, PAGE_NUMBER, SIGNATURE_ROW,
    STANDALONE_HEADER, fold, sentence_case, squash,
};
use std::collections::{HashMap, HashSet};

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

/// What a page-header block said about the meeting.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PageHeader {
    /// The organ named in the header ("Regionstyrelsens vårdvalsutskott").
    pub organ: Option<String>,
    /// The date in the header's value row.
    pub date: Option<String>,
    /// The protocol's own case number in the header's value row.
    pub case_number: Option<String>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Text,
    /// Form feed, page number, signature row or page-header block line: always furniture.
    Breaker,
}

/// Text lines looked at before and after a break to find recurring lines.
const BEFORE: usize = 3;
const AFTER: usize = 4;
/// Text lines searched before and after a break when removing them.
const REMOVE_SPAN: usize = 8;
/// A line that recurs this often and reads like a running header is furniture
/// even where no page break marks it.
const RECURRING_HEADER_MIN: usize = 3;

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Splits `text` into trimmed lines (CRLF, CR and form feeds handled) and removes page furniture.
pub(crate) fn clean(text: &str) -> Cleaned<'_> {
    let mut raw = Vec::new();
    let mut kinds = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut pieces = line.split('\x0c');
        let first = pieces.next().unwrap_or("");
        push_line(&mut raw, &mut kinds, first, i + 1);
        for piece in pieces {
            // A form feed: a page break between the pieces.
            raw.push(Line {
                text: "",
                no: i + 1,
            });
            kinds.push(Kind::Breaker);
            push_line(&mut raw, &mut kinds, piece, i + 1);
        }
    }
    let header = mark_header_blocks(&raw, &mut kinds);
    let furniture = recurring_furniture(&raw, &kinds);
    let lines = raw
        .iter()
        .zip(&kinds)
        .enumerate()
        .filter(|(i, (_, k))| **k != Kind::Breaker && !furniture.contains(i))
        .map(|(_, (l, _))| *l)
        .collect();
    Cleaned { raw, lines, header }
}

fn push_line<'a>(raw: &mut Vec<Line<'a>>, kinds: &mut Vec<Kind>, piece: &'a str, no: usize) {
    // A line that is only "\r" or spaces next to a form feed is blank.
    let text = trim(piece.trim_end_matches('\r'));
    let kind = if text.is_empty() {
        Kind::Blank
    } else if is_breaker(text) {
        Kind::Breaker
    } else {
        Kind::Text
    };
    raw.push(Line { text, no });
    kinds.push(kind);
}

/// A page number, signature row or lone header item. Cheap tests first: this
/// runs for every line of every protocol.
fn is_breaker(text: &str) -> bool {
    let short = text.len() <= 40;
    (short
        && text.ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == '-')
        && PAGE_NUMBER.is_match(text))
        || ((text.contains("sign") || text.contains("ragsbestyrk")) && SIGNATURE_ROW.is_match(text))
        || (short && text.starts_with(['P', 'p', 'S', 's']) && STANDALONE_HEADER.is_match(text))
}

/// Marks `Dokumentnamn PROTOKOLL … Datum Dnr Sida / 2025-05-27 25RS1 7` blocks
/// as furniture and reads the organ, date and case number they give.
fn mark_header_blocks(raw: &[Line<'_>], kinds: &mut [Kind]) -> PageHeader {
    let mut header = PageHeader::default();
    let mut i = 0;
    while i < raw.len() {
        if kinds[i] != Kind::Text
            || !raw[i].text.starts_with(['D', 'd'])
            || !HEADER_BLOCK_START.is_match(raw[i].text)
        {
            i += 1;
            continue;
        }
        // Find the label row ("Datum Dnr Sida") within the next lines.
        let limit = (i + 16).min(raw.len());
        let label = (i..limit).find(|&j| is_label_row(raw[j].text));
        let end = match label {
            Some(l) => {
                // The value row is the next non-blank line after the label row.
                (l + 1..limit)
                    .find(|&j| !raw[j].is_blank())
                    .filter(|&j| raw[j].text.len() <= 60)
                    .unwrap_or(l)
            }
            None => i,
        };
        let mut organ_words = Vec::new();
        for j in i..=end {
            kinds[j] = Kind::Breaker;
            let t = raw[j].text;
            if j == i || Some(j) >= label || t.is_empty() {
                continue;
            }
            let f = fold(t);
            if f == "protokoll" || f == "sammanträdesprotokoll" || f.starts_with("protokoll ") {
                continue;
            }
            organ_words.push(t);
        }
        if let Some(l) = label
            && end > l
        {
            let values = raw[end].text;
            if header.date.is_none() {
                header.date = ISO_DATE.find(values).map(|m| m.as_str().to_string());
            }
            if header.case_number.is_none() {
                header.case_number = CASE_NUMBER.find(values).map(|m| m.as_str().to_string());
            }
        }
        if header.organ.is_none() && !organ_words.is_empty() {
            let organ = squash(&organ_words.join(" "));
            let is_upper = !organ.chars().any(char::is_lowercase);
            header.organ = Some(if is_upper {
                sentence_case(&organ)
            } else {
                organ
            });
        }
        i = end + 1;
    }
    header
}

fn is_label_row(t: &str) -> bool {
    let f = fold(t);
    let labels = ["datum", "dnr", "sida", "diarienummer", "sammanträdesdatum"];
    f.split(' ').filter(|w| labels.contains(w)).count() >= 2
}

/// Key of a line for recurrence counting: a hash of the line with whitespace
/// folded and digits taken as one class, computed without allocating. Case is
/// kept: a running header "Kommunfullmäktige" is not the word
/// "kommunfullmäktige" wrapped onto a line of its own.
fn key(text: &str) -> u64 {
    // FNV-1a over the normalised characters.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |c: char| {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            mix(' ');
        }
        for c in w.chars() {
            mix(if c.is_ascii_digit() { '#' } else { c });
        }
    }
    h
}

/// Finds running headers and footers: indices of lines to remove.
fn recurring_furniture(raw: &[Line<'_>], kinds: &[Kind]) -> HashSet<usize> {
    // Break groups: runs of breakers and blank lines that hold at least one breaker.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if kinds[i] == Kind::Breaker {
            let start = i;
            let mut end = i;
            let mut j = i + 1;
            while j < raw.len() && kinds[j] != Kind::Text {
                if kinds[j] == Kind::Breaker {
                    end = j;
                }
                j += 1;
            }
            groups.push((start, end));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    let mut furniture = recurring_headers(raw, kinds);
    // Windows: line indices near each break (the document start is a break too).
    let mut windows: Vec<Vec<usize>> = Vec::with_capacity(groups.len() + 1);
    windows.push(after(raw, kinds, 0, AFTER));
    for &(start, end) in &groups {
        let mut w = before(raw, kinds, start, BEFORE);
        w.extend(after(raw, kinds, end + 1, AFTER));
        windows.push(w);
    }
    if windows.len() < 2 {
        return furniture;
    }
    let mut in_windows: HashMap<u64, usize> = HashMap::new();
    let mut window_of: HashSet<usize> = HashSet::new();
    for w in &windows {
        let keys: HashSet<u64> = w.iter().map(|&i| key(raw[i].text)).collect();
        for k in keys {
            *in_windows.entry(k).or_default() += 1;
        }
        window_of.extend(w.iter().copied());
    }
    let n = windows.len();
    let threshold = if n <= 3 { n.max(2) } else { (n * 2 / 5).max(3) };
    let candidates: HashSet<u64> = in_windows
        .into_iter()
        .filter(|&(_, c)| c >= threshold)
        .map(|(k, _)| k)
        .collect();
    if candidates.is_empty() {
        return furniture;
    }
    // Lines that also occur often outside the windows are content ("Beslut"), not furniture.
    let mut counts: HashMap<u64, (usize, usize)> = HashMap::new();
    for (i, (l, k)) in raw.iter().zip(kinds).enumerate() {
        // Window lines are at most 100 bytes (`is_heading_like`); longer ones cannot match.
        if *k != Kind::Text || l.text.len() > 100 {
            continue;
        }
        let lk = key(l.text);
        if candidates.contains(&lk) {
            let e = counts.entry(lk).or_default();
            if window_of.contains(&i) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let furniture_keys: HashSet<u64> = counts
        .into_iter()
        .filter(|&(_, (inside, outside))| inside >= 2 * outside)
        .map(|(k, _)| k)
        .collect();
    // Remove them in a wider span around each break: a header block may be
    // split by a § heading ("Kommunfullmäktige / § 24 Ärendenummer / Protokoll nr 9").
    let mut spans: Vec<usize> = after(raw, kinds, 0, REMOVE_SPAN);
    for &(start, end) in &groups {
        spans.extend(before(raw, kinds, start, REMOVE_SPAN));
        spans.extend(after(raw, kinds, end + 1, REMOVE_SPAN));
    }
    furniture.extend(
        spans
            .into_iter()
            .filter(|&i| furniture_keys.contains(&key(raw[i].text))),
    );
    furniture
}

/// Lines that name the document as a protocol ("Göteborgs Stad Kommunstyrelsen,
/// protokoll", "Protokoll nr 8", "Sammanträdesdatum: 2024-02-07") and recur:
/// running headers and footers in text that has no page marks at all.
fn recurring_headers(raw: &[Line<'_>], kinds: &[Kind]) -> HashSet<usize> {
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, (l, k)) in raw.iter().zip(kinds).enumerate() {
        if *k == Kind::Text
            && l.text.len() <= 80
            && (l.text.contains("rotokoll")
                || l.text.contains("ammanträdes")
                || l.text.contains("ustera"))
            && HEADER_WORDS.is_match(l.text)
            && !is_heading_like(l.text)
        {
            by_key.entry(key(l.text)).or_default().push(i);
        }
    }
    by_key
        .into_values()
        .filter(|v| v.len() >= RECURRING_HEADER_MIN)
        .flatten()
        .collect()
}

/// Up to `n` text lines before index `start`, stopping at another breaker.
fn before(raw: &[Line<'_>], kinds: &[Kind], start: usize, n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = start;
    while j > 0 && out.len() < n {
        j -= 1;
        match kinds[j] {
            Kind::Breaker => break,
            Kind::Blank => {}
            Kind::Text if is_heading_like(raw[j].text) => {}
            Kind::Text => out.push(j),
        }
    }
    out
}

/// Up to `n` text lines from index `from`, stopping at a breaker. § heading
/// lines are stepped over and never counted: a header may sit around one.
fn after(raw: &[Line<'_>], kinds: &[Kind], from: usize, n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = from;
    while j < raw.len() && out.len() < n {
        match kinds[j] {
            Kind::Breaker => break,
            Kind::Blank => {}
            Kind::Text if is_heading_like(raw[j].text) => {}
            Kind::Text => out.push(j),
        }
        j += 1;
    }
    out
}

fn is_heading_like(t: &str) -> bool {
    HEADING.is_match(t) || t.len() > 100
}
