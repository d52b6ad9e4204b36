//! Running headers and footers, found by recurrence: a line that recurs,
//! digits ignored, near many page breaks and rarely elsewhere is furniture
//! there (see `clean` for the method as a whole).

use super::clean::{HEADER_WORDS, Kind, Line};
use super::heading::is_heading;
use super::section_heading::section_heading_entry;
use super::text::Needle;
use rustc_hash::{FxHashMap, FxHashSet};

/// Text lines looked at before and after a break to find recurring lines.
const BEFORE: usize = 3;

const AFTER: usize = 4;

/// Text lines searched before and after a break when removing them.
const REMOVE_SPAN: usize = 8;

/// A line that recurs this often and reads like a running header is furniture
/// even where no page break marks it.
const RECURRING_HEADER_MIN: usize = 3;

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
pub(super) fn recurring_furniture(
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
    use crate::protocol::clean::clean;

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
