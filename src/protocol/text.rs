//! Text helpers shared by the parser stages: folding and comparing
//! lines without allocating, squashing whitespace, capitalising, and
//! finding many needles in one pass over a text.

use regex::Regex;
use std::sync::LazyLock;

/// An ISO date.
pub(crate) static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));

/// Compiles a pattern that is a literal in the source; a failure is a bug caught by the unit tests.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern:?}: {e}"))
}

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

/// The length of the prefix of `t` equal to `lower` (lowercase ASCII and
/// `ä`) ignoring case as `(?i)` does for these letters.
pub(crate) fn prefix_ci(t: &str, lower: &str) -> Option<usize> {
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
    use proptest::prelude::*;

    proptest! {
        /// `squash` is `split_whitespace` joined by one space, on text
        /// mixing Swedish letters with ASCII and non-ASCII whitespace
        /// (its lead bytes are the only ones it decodes).
        #[test]
        fn squash_is_the_words_joined_by_one_space(
            s in "[a-zåäöÅÄÖé \t\n\r\u{a0}\u{85}\u{2003}\u{3000}\u{1680}\u{202f}\u{2028}€—]{0,40}"
        ) {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(squash(&s), want.clone());
            prop_assert_eq!(squash_joined(&[s.as_str(), s.as_str()]), squash(&format!("{s} {s}")));
            prop_assert_eq!(is_squashed(&s), s == want);
        }
    }
}
