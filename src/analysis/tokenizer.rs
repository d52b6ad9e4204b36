//! The Swedish tokenizer: words, joined codes, elided compounds.

use super::stem::{Cached, Stemmer, lower_into};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, lowercased and stemmed.
    Word,
    /// A joined code kept whole: a case number (`slk-2025-00035`), a date, a
    /// hyphenated word (`e-post`).
    Code,
    /// One part of a joined code, at its own position after the whole.
    Part,
    /// An elided compound completed ("Krav- och kvalitetsbok" → `kravbok`),
    /// at the position of the elided word.
    Expansion,
}

/// One analysed token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyzed<'a> {
    /// The term: lowercased, stemmed where it is a word.
    pub text: &'a str,
    /// Byte offset of the source text it comes from.
    pub from: usize,
    /// Byte offset just past the source text it comes from.
    pub to: usize,
    /// Token position (for phrases).
    pub position: usize,
    /// What it is.
    pub kind: TokenKind,
}

/// An owned analysed token, for query building.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The term.
    pub text: String,
    /// Token position.
    pub position: usize,
    /// What it is.
    pub kind: TokenKind,
    /// Byte offset of the source text it comes from.
    pub from: usize,
    /// Byte offset just past the source text it comes from.
    pub to: usize,
}

/// Words that join the parts of a list of elided compounds.
const CONJUNCTIONS: &[&str] = &[
    "och",
    "eller",
    "samt",
    "respektive",
    "resp",
    "alternativt",
    "som",
];

/// Characters that join the segments of a code when between two alphanumerics.
fn is_connector(b: u8) -> bool {
    matches!(b, b'-' | b'/' | b':' | b'.')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// `char::is_alphanumeric` with fast paths for ASCII and Latin-1 letters.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        // À..=ÿ are letters except × and ÷.
        c != '\u{D7}' && c != '\u{F7}'
    } else {
        c.is_alphanumeric()
    }
}

/// ASCII letters and digits, by byte (a table is cheaper than the three
/// range tests of `u8::is_ascii_alphanumeric` in the scanning loop).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of alphanumeric characters at byte `i` of `text`,
/// and whether the run has an ASCII digit.
fn alnum_end(text: &str, mut i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut digit = false;
    loop {
        while let Some(&b) = bytes.get(i) {
            if !ASCII_ALNUM[usize::from(b)] {
                break;
            }
            digit |= b.is_ascii_digit();
            i += 1;
        }
        match alnum_len(text, i) {
            0 => return (i, digit),
            n => i += n,
        }
    }
}

/// The length in bytes of the alphanumeric character at byte `i` of `text`,
/// or 0 if there is none (the end, or another character). ASCII is decided
/// from the byte alone.
fn alnum_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => 0,
        Some(b) if b.is_ascii() => usize::from(b.is_ascii_alphanumeric()),
        Some(_) => char_at(text, i)
            .filter(|&c| is_alnum(c))
            .map_or(0, char::len_utf8),
    }
}

/// Analyses `text` into owned tokens (used for queries).
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    in_position_order(text, |t| AnalyzedToken {
        text: t.text.to_string(),
        position: t.position,
        kind: t.kind,
        from: t.from,
        to: t.to,
    })
}

/// The tokens of `text` in the order of [`analyze`], without their terms:
/// each token's kind, byte range and whether `wanted` holds of its term.
/// No term is copied (for snippets, which look every token of a window up
/// among a query's terms).
pub(crate) fn tokens_wanted(
    text: &str,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<(TokenKind, usize, usize, bool)> {
    in_position_order(text, |t| (t.kind, t.from, t.to, wanted(t.text)))
}

/// What `make` makes of each token of `text`, in position order; tokens of
/// one position (a compound and its parts) in the order they come.
fn in_position_order<T>(text: &str, mut make: impl FnMut(&Analyzed<'_>) -> T) -> Vec<T> {
    let mut stemmer = Stemmer::new();
    let mut out: Vec<(usize, T)> = Vec::new();
    run(text, &mut stemmer, &mut |t| {
        out.push((t.position, make(&t)))
    });
    // Stable: tokens of one position keep their order.
    out.sort_by_key(|t| t.0);
    out.into_iter().map(|(_, t)| t).collect()
}

/// Runs the tokenizer over `text`, calling `sink` for each token. Tokens come
/// in position order except expansions, which come when their compound's
/// last part is read (callers that need order sort by position).
pub(crate) fn run(text: &str, stemmer: &mut Stemmer, sink: &mut dyn FnMut(Analyzed<'_>)) {
    stemmer.with_cache(|stemmer| run_with(text, stemmer, sink));
}

fn run_with(text: &str, stemmer: &mut Cached<'_>, sink: &mut dyn FnMut(Analyzed<'_>)) {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut term = String::new();
    // The segments of a word or joined code: (from, to, has an ASCII digit).
    let mut segs: Vec<(usize, usize, bool)> = Vec::new();
    // Elided words ("Krav-") waiting for the last part of their list: (from, to, position).
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    let mut since_pending = 0usize;
    let mut i = 0;
    while i < text.len() {
        let b = bytes[i];
        if b.is_ascii() && !ASCII_ALNUM[usize::from(b)] {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        if c == '§' {
            // "§ 77", "§77", "§§ 76-79": the § number as one token "§77".
            let mut j = i + c.len_utf8();
            while bytes.get(j) == Some(&b' ') || text[j..].starts_with('§') {
                j += if bytes[j] == b' ' { 1 } else { '§'.len_utf8() };
            }
            let digits = bytes[j.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits > 0 && j - i <= 6 {
                term.clear();
                term.push('§');
                term.push_str(&text[j..j + digits]);
                sink(Analyzed {
                    text: &term,
                    from: i,
                    to: j + digits,
                    position: pos,
                    kind: TokenKind::Code,
                });
                // The number itself follows as an ordinary token.
                i = j;
                continue;
            }
            i += c.len_utf8();
            continue;
        }
        if !is_alnum(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        segs.clear();
        loop {
            let s = i;
            let (e, digit) = alnum_end(text, i);
            i = e;
            segs.push((s, i, digit));
            if i + 1 < text.len() && is_connector(bytes[i]) && alnum_len(text, i + 1) > 0 {
                i += 1;
                continue;
            }
            break;
        }
        let end = i;
        // The whole token: a word, or a joined code followed by its parts.
        let code = segs.len() > 1;
        let digit = segs.iter().any(|&(_, _, d)| d);
        stemmer.stem_word(&text[start..end], digit, &mut term);
        sink(Analyzed {
            text: &term,
            from: start,
            to: end,
            position: pos,
            kind: if code {
                TokenKind::Code
            } else {
                TokenKind::Word
            },
        });
        if code {
            for (k, &(s, e, digit)) in segs.iter().enumerate() {
                stemmer.stem_word(&text[s..e], digit, &mut term);
                sink(Analyzed {
                    text: &term,
                    from: s,
                    to: e,
                    position: pos + k,
                    kind: TokenKind::Part,
                });
            }
        }
        pos += segs.len().max(1);

        // Elided compounds: "Krav- och kvalitetsbok", "bygg-, miljö- och hälsoskyddsnämnden".
        let elided = segs.len() == 1
            && bytes.get(end) == Some(&b'-')
            && bytes
                .get(end + 1)
                .is_none_or(|&b| b == b' ' || b == b',' || b == b'\t' || b == b'\n' || b == b'\r');
        if elided {
            pending.push((start, end, pos - 1));
            since_pending = 0;
            continue;
        }
        if pending.is_empty() {
            continue;
        }
        let (ls, le, _) = *segs.last().unwrap_or(&(start, end, false));
        let last = &text[ls..le];
        if last.chars().count() <= 10 && CONJUNCTIONS.iter().any(|c| last.eq_ignore_ascii_case(c)) {
            since_pending += 1;
            if since_pending > 4 {
                pending.clear();
            }
            continue;
        }
        expand(text, last, &pending, stemmer, &mut term, sink);
        pending.clear();
    }
}

/// Completes each elided word in `pending` with every tail of `last` that
/// is at least three letters long: one of them is the compound's head
/// ("kvalitetsbok" → "bok", "sjukvård" → "vård", "hälsoskyddsnämnden" →
/// "nämnden"). The others are terms nobody searches for.
fn expand(
    text: &str,
    last: &str,
    pending: &[(usize, usize, usize)],
    stemmer: &mut Cached<'_>,
    term: &mut String,
    sink: &mut dyn FnMut(Analyzed<'_>),
) {
    if last.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let mut lower_last = String::new();
    lower_into(last, &mut lower_last);
    let n = lower_last.chars().count();
    if n < 4 {
        return;
    }
    let mut word = String::new();
    for &(from, to, position) in pending {
        for (k, (at, _)) in lower_last.char_indices().enumerate().skip(1) {
            if n - k < 3 {
                break;
            }
            lower_into(&text[from..to], &mut word);
            word.push_str(&lower_last[at..]);
            stemmer.stem_into(&word, term);
            sink(Analyzed {
                text: term,
                from,
                to,
                position,
                kind: TokenKind::Expansion,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `tokens_wanted` gives, from `analyze`'s owned tokens.
    fn wanted_by_analyze(
        text: &str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Vec<(TokenKind, usize, usize, bool)> {
        analyze(text)
            .into_iter()
            .map(|t| (t.kind, t.from, t.to, wanted(&t.text)))
            .collect()
    }

    #[test]
    fn tokens_wanted_are_analyzes_tokens_in_its_order() {
        let wanted = |t: &str| t.len().is_multiple_of(2) || t.starts_with('k');
        for text in [
            "Krav- och kvalitetsbok för Hälsoval",
            "KS-2024-00088 och dnr 2019.004 ÖN, § 77 och §§ 76-79",
            "Bygg-, miljö- och hälsoskyddsnämnden antog 2,5 mnkr",
            "",
        ] {
            assert_eq!(
                tokens_wanted(text, &wanted),
                wanted_by_analyze(text, &wanted),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_wanted_agree_with_analyze(text in "[a-cåK0-9 ,.:/§-]{0,40}") {
            let wanted = |t: &str| !t.len().is_multiple_of(2);
            proptest::prop_assert_eq!(
                tokens_wanted(&text, &wanted),
                wanted_by_analyze(&text, &wanted)
            );
        }
    }

    fn terms(text: &str, kind: TokenKind) -> Vec<String> {
        analyze(text)
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn swedish_letters_are_word_characters() {
        assert_eq!(
            terms("Översyn av Hälsoval Örebro län", TokenKind::Word),
            ["översyn", "av", "hälsoval", "örebro", "län"]
        );
    }

    #[test]
    fn case_numbers_whole_and_in_parts() {
        let text = "Ärendenummer SLK-2025-00035 och 23RS5009, 0901/22";
        let a = analyze(text);
        assert_eq!(terms(text, TokenKind::Code), ["slk-2025-00035", "0901/22"]);
        assert!(
            a.iter()
                .any(|t| t.text == "23rs5009" && t.kind == TokenKind::Word)
        );
        assert_eq!(
            terms(text, TokenKind::Part),
            ["slk", "2025", "00035", "0901", "22"]
        );
        // Parts take positions after the whole: "SLK 2025" can be a phrase.
        let slk = a.iter().find(|t| t.text == "slk").unwrap();
        let y = a.iter().find(|t| t.text == "2025").unwrap();
        assert_eq!(y.position, slk.position + 1);
    }

    #[test]
    fn elided_compounds_are_completed() {
        let e = terms("Krav- och kvalitetsbok", TokenKind::Expansion);
        assert!(e.contains(&"kravbok".to_string()), "{e:?}");
        let e = terms("inom hälso- och sjukvården", TokenKind::Expansion);
        assert!(e.contains(&"hälsovård".to_string()), "{e:?}");
        let e = terms("bygg-, miljö- och hälsoskyddsnämnden", TokenKind::Expansion);
        assert!(e.contains(&"byggnämnd".to_string()), "{e:?}");
        assert!(e.contains(&"miljönämnd".to_string()), "{e:?}");
        // A hyphen that joins is no elision, and a dash between words neither.
        assert!(
            terms(
                "e-post och Information - periodrapport",
                TokenKind::Expansion
            )
            .is_empty()
        );
    }

    #[test]
    fn paragraph_numbers_are_tokens() {
        let text = "enligt § 77 och §78, §§ 76-79";
        let a = analyze(text);
        assert_eq!(terms(text, TokenKind::Code), ["§77", "§78", "§76", "76-79"]);
        // "§ 77" and "77" share a position: the phrase "§ 77 och" still works.
        let s = a.iter().find(|t| t.text == "§77").unwrap();
        let n = a.iter().find(|t| t.text == "77").unwrap();
        assert_eq!(s.position, n.position);
    }

    #[test]
    fn letter_test_equals_the_standard_library() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
            let text = format!("{c}x");
            let want = if c.is_alphanumeric() { c.len_utf8() } else { 0 };
            assert_eq!(alnum_len(&text, 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn long_compounds_are_kept() {
        let w = "hälsoskyddsnämndsordförandeskapsfrågorna".repeat(3);
        assert_eq!(analyze(&w).len(), 1);
    }
}
