//! Snippets: the piece of a § body that shows why it matched, and its title,
//! with the matched words marked.
//!
//! A snippet starts and ends at a word boundary, and has "…" where it was
//! cut out of a longer body; its whitespace is one space. It is the part of
//! the body, about [`SNIPPET_CHARS`] long, with the most distinct query
//! terms, looked for in a window around the first place a term occurs (a
//! long body is not analysed whole). Words are matched as the index has
//! them: the body is analysed, and a word is marked when its term is one
//! the query looked for (any form: inflections, compounds, synonyms,
//! corrections). The title is marked the same way, so a hit that matched
//! in its title alone shows why.

use super::request::Snippet;
use crate::analysis::{self, TokenKind};
use rustc_hash::FxHashSet;

/// Longest snippet, in characters (without the "…").
pub const SNIPPET_CHARS: usize = 240;
/// Bytes of body analysed for a snippet around the first match.
const SNIPPET_WINDOW: usize = 600;
/// Characters of context kept before the first marked word.
const LEAD_CHARS: usize = 50;

/// Marks the words of a query's terms in titles and bodies.
pub(crate) struct Highlighter {
    /// FxHash: every token of a snippet's window is looked up here, and
    /// SipHash took a sixth of the marking.
    terms: FxHashSet<String>,
    finder: Option<aho_corasick::AhoCorasick>,
}

impl Highlighter {
    /// A highlighter for `terms` (analysed terms: lowercase stems).
    pub fn new(terms: Vec<String>) -> Highlighter {
        let finder = term_finder(&terms);
        Highlighter {
            terms: terms.into_iter().collect(),
            finder,
        }
    }

    /// Byte ranges of `text` whose terms were looked for, in order.
    fn marks(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let wanted = |term: &str| self.terms.contains(term);
        for (kind, from, to, wanted) in analysis::tokens_wanted(text, &wanted) {
            if kind == TokenKind::Part && out.last().is_some_and(|&(_, e)| e >= to) {
                continue;
            }
            if wanted {
                match out.last_mut() {
                    Some(last) if last.1 > from => last.1 = last.1.max(to),
                    _ => out.push((from, to)),
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The whole title, its matched words marked.
    pub fn title(&self, title: &str) -> Snippet {
        let marks = self.marks(title);
        Snippet::new(title.to_string(), marks)
    }

    /// A snippet of `body`.
    pub fn body(&self, body: &str) -> Snippet {
        if body.trim().is_empty() {
            return Snippet::default();
        }
        let (offset, window) = snippet_window(self.finder.as_ref(), body);
        let marks: Vec<(usize, usize)> = self
            .marks(window)
            .into_iter()
            .map(|(a, b)| (a + offset, b + offset))
            .collect();
        // The fragment with the most distinct terms: from a little before a
        // mark, SNIPPET_CHARS on.
        let mut best: Option<(usize, usize, usize)> = None; // (distinct, start, end)
        for &(a, _) in &marks {
            let start = back_chars(body, a, LEAD_CHARS).max(offset);
            let end = forward_chars(body, start, SNIPPET_CHARS);
            let mut seen: Vec<&str> = Vec::new();
            for &(x, y) in marks.iter().filter(|&&(x, y)| x >= start && y <= end) {
                let w = &body[x..y];
                if !seen.iter().any(|s| s.eq_ignore_ascii_case(w)) {
                    seen.push(w);
                }
            }
            if best.is_none_or(|b| seen.len() > b.0) {
                best = Some((seen.len(), start, end));
            }
        }
        let (start, end) = match best {
            Some((_, start, end)) => (start, end),
            None => (0, forward_chars(body, 0, SNIPPET_CHARS)),
        };
        let (start, end) = word_bounds(body, start, end);
        let marks: Vec<(usize, usize)> = marks
            .into_iter()
            .filter(|&(x, y)| x >= start && y <= end)
            .collect();
        compose(body, start, end, &marks)
    }
}

/// The byte `chars` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte `chars` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

/// `start` moved back and `end` moved back to word boundaries: a snippet
/// never begins or ends inside a word. A word longer than the snippet is
/// kept whole.
fn word_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '§';
    let mut s = start;
    // Back to the start of the word `start` is in.
    while s > 0 {
        let prev = text[..s].chars().next_back().unwrap_or(' ');
        if !is_word(prev) {
            break;
        }
        s -= prev.len_utf8();
    }
    let mut e = end;
    if e < text.len() {
        let cut = text[e..].chars().next().is_some_and(is_word)
            && text[..e].chars().next_back().is_some_and(is_word);
        if cut {
            // Back to the end of the last whole word.
            let mut back = e;
            while back > s {
                let prev = text[..back].chars().next_back().unwrap_or(' ');
                if !is_word(prev) {
                    break;
                }
                back -= prev.len_utf8();
            }
            if back > s {
                e = back;
            } else {
                // One long word: to its end.
                while let Some(c) = text[e..].chars().next().filter(|&c| is_word(c)) {
                    e += c.len_utf8();
                }
            }
        }
    }
    // No separators or punctuation dangling at the ends.
    while let Some(c) = text[s..e].chars().next().filter(|c| c.is_whitespace()) {
        s += c.len_utf8();
    }
    while let Some(c) = text[s..e].chars().next_back().filter(|c| c.is_whitespace()) {
        e -= c.len_utf8();
    }
    (s, e)
}

/// The snippet of `text[start..end]`: whitespace as single spaces, "…"
/// where the text goes on, marks moved with the text.
fn compose(text: &str, start: usize, end: usize, marks: &[(usize, usize)]) -> Snippet {
    let mut out = String::with_capacity(end - start + 8);
    if start > 0 {
        out.push('…');
    }
    // Positions in `out` of each byte boundary we need: the marks' ends.
    let mut mapped: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
    let mut pending = marks.iter().peekable();
    let mut open: Option<usize> = None;
    let mut in_space = false;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if let Some(&&(a, _)) = pending.peek()
            && a == at
        {
            open = Some(out.len());
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
        let next = at + c.len_utf8();
        if let (Some(&&(_, b)), Some(o)) = (pending.peek(), open)
            && b == next
        {
            mapped.push((o, out.len()));
            open = None;
            pending.next();
        }
    }
    if end < text.len() {
        out.push('…');
    }
    Snippet::new(out, mapped)
}

/// One automaton that finds the first place any of `terms` (lowercase
/// stems) occurs in a body as written: ASCII letters match in either case,
/// and each term is also looked for with its other letters in upper case
/// ("FÖRSKOL"), so no body is lowercased whole.
fn term_finder(terms: &[String]) -> Option<aho_corasick::AhoCorasick> {
    let mut patterns = Vec::with_capacity(terms.len() * 2);
    for t in terms {
        if t.is_empty() {
            continue;
        }
        if !t.is_ascii() {
            let mut upper = String::with_capacity(t.len() + 4);
            for c in t.chars() {
                if c.is_ascii() {
                    upper.push(c);
                } else {
                    upper.extend(c.to_uppercase());
                }
            }
            patterns.push(upper);
        }
        patterns.push(t.clone());
    }
    if patterns.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .ok()
}

/// Where in `body` to look for a snippet, and its offset: a window around
/// the first place a query term occurs (terms are stems, so they are
/// prefixes of the words; `terms` finds them in either case, see
/// [`term_finder`]). Analysing a window instead of a long body keeps
/// snippets cheap.
fn snippet_window<'a>(
    terms: Option<&aho_corasick::AhoCorasick>,
    body: &'a str,
) -> (usize, &'a str) {
    if body.len() <= SNIPPET_WINDOW {
        return (0, body);
    }
    let floor = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let Some(at) = terms.and_then(|t| t.find(body)).map(|m| m.start()) else {
        return (0, &body[..floor(SNIPPET_WINDOW)]);
    };
    let start = floor(at.saturating_sub(SNIPPET_WINDOW / 4));
    let end = floor((start + SNIPPET_WINDOW).min(body.len()));
    (start, &body[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<String> {
        words
            .iter()
            .map(|w| analysis::analyze(w).remove(0).text)
            .collect()
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    #[test]
    fn the_window_finds_a_term_in_capitals_far_into_the_body() {
        let h = Highlighter::new(vec!["förskol".into(), "förskolan".into(), "budget".into()]);
        let filler = "Nämnden har tidigare behandlat ärendet. ".repeat(40);
        for word in ["FÖRSKOLAN", "Förskolan", "förskolorna", "BUDGETEN"] {
            let body = format!("{filler}Om {word} i staden. {filler}");
            let (_, window) = snippet_window(h.finder.as_ref(), &body);
            assert!(window.len() <= SNIPPET_WINDOW, "{word}");
            assert!(window.contains(word), "{word}: {window}");
            let s = h.body(&body);
            assert!(marked(&s).contains(&word), "{word}: {:?}", s.text);
        }
    }

    /// 1. A snippet never starts or ends inside a word.
    /// 2. "…" stands where the body goes on.
    /// 3. Marks cover whole words, in character and byte ranges alike.
    #[test]
    fn snippets_end_at_words_with_an_ellipsis_where_cut() {
        let h = Highlighter::new(stems(&["äldreomsorg"]));
        let filler = "Verksamheten i stadsdelarna följs upp löpande under året. ";
        let body = format!(
            "{}Nämnden föreslår en satsning på äldreomsorgen i hela staden.\n\n{}",
            filler.repeat(6),
            filler.repeat(8)
        );
        let s = h.body(&body);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        let inner = s.text.trim_matches('…');
        assert!(body.contains(inner.split(' ').next().unwrap()));
        for word in [
            inner.split(' ').next().unwrap(),
            inner.split(' ').next_back().unwrap(),
        ] {
            assert!(
                body.split_whitespace()
                    .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric())
                        == word.trim_matches(|c: char| !c.is_alphanumeric())),
                "cut word {word:?} in {:?}",
                s.text
            );
        }
        assert_eq!(marked(&s), ["äldreomsorgen"]);
        let (ca, cb) = s.char_highlights[0];
        let chars: Vec<char> = s.text.chars().collect();
        assert_eq!(chars[ca..cb].iter().collect::<String>(), "äldreomsorgen");
        assert!(!s.text.contains('\n'));
    }

    #[test]
    fn a_short_body_is_whole_and_unmarked_without_matches() {
        let h = Highlighter::new(stems(&["skola"]));
        let s = h.body("Kort text om budget.");
        assert_eq!(s.text, "Kort text om budget.");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn the_title_is_marked() {
        let h = Highlighter::new(stems(&["kvalitetsbok"]));
        let t = h.title("Revidering av Krav- och kvalitetsbok för Hälsoval");
        assert_eq!(marked(&t), ["kvalitetsbok"]);
    }
}
