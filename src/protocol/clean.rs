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
    CASE_NUMBER, HEADER_BLOCK_START, HEADER_WORDS, ISO_DATE, Needle, Occurrences, PAGE_NUMBER,
    SIGNATURE_ROW, STANDALONE_HEADER, fold, has_organ_headings, is_heading, section_heading_entry,
    sentence_case, squash,
};
use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Whether § headings may follow an organ's abbreviation ("KS § 12"),
    /// as [`has_organ_headings`] tells.
    pub organs: bool,
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
///
/// FNV-1a over the characters of the line's words joined by one space, each
/// digit taken as `#`; ASCII bytes are read as they are, without decoding.
fn key(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |c: u32| {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    let bytes = text.as_bytes();
    let mut started = false;
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // `char::is_whitespace`, as `split_whitespace` uses.
        let (c, white) = if b < 0x80 {
            i += 1;
            (u32::from(b), b == b' ' || (b'\t'..=b'\r').contains(&b))
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            (c as u32, c.is_whitespace())
        };
        if white {
            space = started;
            continue;
        }
        if space {
            mix(u32::from(b' '));
            space = false;
        }
        started = true;
        mix(if (u32::from(b'0')..=u32::from(b'9')).contains(&c) {
            u32::from(b'#')
        } else {
            c
        });
    }
    h
}

/// [`key`] of each line, computed once.
struct Keys<'r, 'a> {
    raw: &'r [Line<'a>],
    /// 0 for not yet computed (a key of 0 is just computed again).
    keys: Vec<u64>,
}

impl<'r, 'a> Keys<'r, 'a> {
    fn new(raw: &'r [Line<'a>]) -> Self {
        Keys {
            raw,
            keys: vec![0; raw.len()],
        }
    }

    fn get(&mut self, i: usize) -> u64 {
        if self.keys[i] == 0 {
            self.keys[i] = key(self.raw[i].text);
        }
        self.keys[i]
    }
}

/// The first and last characters of a line as [`key`] hashes them: lines
/// with equal keys have equal ends.
fn key_ends(text: &str) -> Option<(char, char)> {
    let b = text.as_bytes();
    // Lines are trimmed already: skip `trim` when the ends are plain ASCII.
    let plain = |c: &u8| c.is_ascii_graphic();
    let t = if b.first().is_some_and(plain) && b.last().is_some_and(plain) {
        text
    } else {
        text.trim()
    };
    let class = |c: char| if c.is_ascii_digit() { '#' } else { c };
    Some((class(t.chars().next()?), class(t.chars().next_back()?)))
}

/// A first byte for [`recurring_furniture`]'s table: digits as `0`.
fn first_class(b: u8) -> usize {
    usize::from(if b.is_ascii_digit() { b'0' } else { b })
}

/// Finds running headers and footers: `true` for each line to remove.
fn recurring_furniture(
    raw: &[Line<'_>],
    kinds: &[Kind],
    header_lines: &[usize],
    organs: bool,
) -> Vec<bool> {
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
    let mut furniture = vec![false; raw.len()];
    recurring_headers(raw, kinds, header_lines, organs, &mut furniture);
    if groups.is_empty() {
        // One window only (the document start): nothing recurs across windows.
        return furniture;
    }
    // Windows: line indices near each break (the document start is a break too).
    let mut windows: Vec<usize> = Vec::new();
    let mut window_ends: Vec<usize> = Vec::with_capacity(groups.len() + 1);
    after(raw, kinds, 0, AFTER, organs, &mut windows);
    window_ends.push(windows.len());
    for &(start, end) in &groups {
        before(raw, kinds, start, BEFORE, organs, &mut windows);
        after(raw, kinds, end + 1, AFTER, organs, &mut windows);
        window_ends.push(windows.len());
    }
    let mut keys = Keys::new(raw);
    let mut in_windows: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    let mut window_of = vec![false; raw.len()];
    let mut from = 0;
    for (w, &to) in window_ends.iter().enumerate() {
        for &i in &windows[from..to] {
            // (windows the key is in, the last window counted)
            let e = in_windows.entry(keys.get(i)).or_insert((0, usize::MAX));
            if e.1 != w {
                e.0 += 1;
                e.1 = w;
            }
            window_of[i] = true;
        }
        from = to;
    }
    let n = window_ends.len();
    let threshold = if n <= 3 { n.max(2) } else { (n * 2 / 5).max(3) };
    let candidates: FxHashSet<u64> = in_windows
        .into_iter()
        .filter(|&(_, (c, _))| c >= threshold)
        .map(|(k, _)| k)
        .collect();
    if candidates.is_empty() {
        return furniture;
    }
    // Only lines that start and end as a candidate does can have its key.
    let ends: Vec<(char, char)> = {
        let mut s: Vec<(char, char)> = Vec::new();
        for &i in &windows {
            if candidates.contains(&keys.get(i))
                && let Some(e) = key_ends(raw[i].text)
            {
                s.push(e);
            }
        }
        s.sort_unstable();
        s.dedup();
        s
    };
    // The first byte of each of those ends (lines are trimmed: it starts
    // the first character), digits as one: a table test before `key_ends`.
    let mut first_bytes = [false; 256];
    for &(c, _) in &ends {
        let mut buf = [0; 4];
        let c = if c == '#' { '0' } else { c };
        first_bytes[first_class(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
        if c == '0' {
            first_bytes[usize::from(b'#')] = true;
        }
    }
    // Lines that also occur often outside the windows are content ("Beslut"), not furniture.
    let mut counts: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    for (i, (l, k)) in raw.iter().zip(kinds).enumerate() {
        // Window lines are at most 100 bytes (`is_heading_like`); longer ones cannot match.
        if *k != Kind::Text || l.text.len() > 100 {
            continue;
        }
        if !l
            .text
            .as_bytes()
            .first()
            .is_some_and(|&b| first_bytes[first_class(b)])
            || !key_ends(l.text).is_some_and(|e| ends.contains(&e))
        {
            continue;
        }
        let lk = keys.get(i);
        if candidates.contains(&lk) {
            let e = counts.entry(lk).or_default();
            if window_of[i] {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let furniture_keys: FxHashSet<u64> = counts
        .into_iter()
        .filter(|&(_, (inside, outside))| inside >= 2 * outside)
        .map(|(k, _)| k)
        .collect();
    if furniture_keys.is_empty() {
        return furniture;
    }
    // Remove them in a wider span around each break: a header block may be
    // split by a § heading ("Kommunfullmäktige / § 24 Ärendenummer / Protokoll nr 9").
    let mut spans: Vec<usize> = Vec::new();
    after(raw, kinds, 0, REMOVE_SPAN, organs, &mut spans);
    for &(start, end) in &groups {
        before(raw, kinds, start, REMOVE_SPAN, organs, &mut spans);
        after(raw, kinds, end + 1, REMOVE_SPAN, organs, &mut spans);
    }
    let furniture_ends: Vec<(char, char)> = {
        let mut e: Vec<(char, char)> = windows
            .iter()
            .filter(|&&i| furniture_keys.contains(&keys.get(i)))
            .filter_map(|&i| key_ends(raw[i].text))
            .collect();
        e.sort_unstable();
        e.dedup();
        e
    };
    for i in spans {
        if key_ends(raw[i].text).is_some_and(|e| furniture_ends.contains(&e))
            && !is_content(raw[i].text)
            && furniture_keys.contains(&keys.get(i))
        {
            furniture[i] = true;
        }
    }
    furniture
}

/// Lines that name the document as a protocol ("Göteborgs Stad Kommunstyrelsen,
/// protokoll", "Protokoll nr 8", "Sammanträdesdatum: 2024-02-07") and recur:
/// running headers and footers in text that has no page marks at all.
/// `header_lines`: the lines holding "rotokoll", "ammanträdes" or "ustera",
/// in lower case or capitals, in order.
fn recurring_headers(
    raw: &[Line<'_>],
    kinds: &[Kind],
    header_lines: &[usize],
    organs: bool,
    furniture: &mut [bool],
) {
    let mut by_key: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &i in header_lines {
        let l = &raw[i];
        if kinds[i] == Kind::Text
            && l.text.len() <= 80
            && HEADER_WORDS.is_match(l.text)
            && !is_heading_like(l.text, organs)
        {
            by_key.entry(key(l.text)).or_default().push(i);
        }
    }
    for v in by_key.into_values() {
        if v.len() >= RECURRING_HEADER_MIN {
            for i in v {
                furniture[i] = true;
            }
        }
    }
}

/// Up to `n` text lines before index `start`, stopping at another breaker.
fn before(
    raw: &[Line<'_>],
    kinds: &[Kind],
    start: usize,
    n: usize,
    organs: bool,
    out: &mut Vec<usize>,
) {
    let mut taken = 0;
    let mut j = start;
    while j > 0 && taken < n {
        j -= 1;
        match kinds[j] {
            Kind::Breaker => break,
            Kind::Blank => {}
            Kind::Text if is_heading_like(raw[j].text, organs) => {}
            Kind::Text => {
                out.push(j);
                taken += 1;
            }
        }
    }
}

/// Up to `n` text lines from index `from`, stopping at a breaker. § heading
/// lines are stepped over and never counted: a header may sit around one.
fn after(
    raw: &[Line<'_>],
    kinds: &[Kind],
    from: usize,
    n: usize,
    organs: bool,
    out: &mut Vec<usize>,
) {
    let mut taken = 0;
    let mut j = from;
    while j < raw.len() && taken < n {
        match kinds[j] {
            Kind::Breaker => break,
            Kind::Blank => {}
            Kind::Text if is_heading_like(raw[j].text, organs) => {}
            Kind::Text => {
                out.push(j);
                taken += 1;
            }
        }
        j += 1;
    }
}

/// Lines that recur near page breaks in a protocol that starts each § on
/// a new page, and are its content all the same: section headings
/// ("Kommunstyrelsens beslut", "Beslutet skickas till"), decision intros
/// ("Kommunstyrelsen beslutar") and clauses ("att lägga informationen till
/// handlingarna"). No running header or footer reads so.
fn is_content(t: &str) -> bool {
    static ESLUTAR: Needle = Needle::new("eslutar");
    static ORESLAR: Needle = Needle::new("öreslår");
    let b = t.as_bytes();
    (b.len() > 4 && b[..4].eq_ignore_ascii_case(b"att "))
        || ESLUTAR.is_in(t)
        || ORESLAR.is_in(t)
        // (No section heading but "Fråga N" holds a digit; most furniture does.)
        || (!t.bytes().any(|b| b.is_ascii_digit()) && section_heading_entry(t).is_some())
}

fn is_heading_like(t: &str, organs: bool) -> bool {
    t.len() > 100 || is_heading(t, organs)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn capital_running_header_without_page_marks_is_furniture() {
        let page_foot = "GÖTEBORGS STAD KOMMUNSTYRELSEN, PROTOKOLL";
        let text = format!(
            "§ 1 VAL AV JUSTERARE\nText ett.\n{page_foot}\nText två.\n\
             § 2 PROTOKOLLSJUSTERING\nText.\n{page_foot}\nMer.\n\
             § 3 Jäv\n{page_foot}\nSlut.\n"
        );
        assert_eq!(
            kept(&text),
            [
                "§ 1 VAL AV JUSTERARE",
                "Text ett.",
                "Text två.",
                "§ 2 PROTOKOLLSJUSTERING",
                "Text.",
                "Mer.",
                "§ 3 Jäv",
                "Slut.",
            ]
        );
    }
}
