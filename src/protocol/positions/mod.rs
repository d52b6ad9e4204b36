//! Positions taken in a §: motions (yrkanden), reservations, notes
//! (protokollsanteckningar), conflicts of interest (jäv) and abstentions,
//! and the votes (omröstningar).
//!
//! A position is a sentence whose subject is persons or party groups
//! ("Axel Josefson (M) och Jörgen Fogelklou (SD) yrkar bifall till …",
//! "Ledamöterna från SD reserverar sig mot beslutet.") and whose verb says
//! its kind. The verb, not the section heading, decides: minutes print
//! these sentences under many headings ("Yrkanden", "Förslag till beslut på
//! sammanträdet", "Anteckning", "Upplysning"), and a present-tense verb
//! after a named subject is what every one of them has in common. The
//! words a person hands in ("lämnar följande reservation: …") are the
//! position's text, not new positions of others.
//!
//! - `who`: the persons and party groups of a subject;
//! - `vote`: the votes: alternatives, counts, voting lists.

mod vote;
mod who;

use super::model::{MotionDirection, Paragraph, Person, Position, PositionKind, Vote};
use super::text::{eq_lowercase, re};
use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Words without which a text holds no verb of [`VERB`], each in the cases
/// it is printed in (lower, capitalised, upper): one pass over each
/// paragraph of a section decides whether to read it at all. Given in
/// their cases rather than folded, the automaton has a fast literal search;
/// it went through the sections of the Göteborg corpus more than twice as
/// fast as a folded one, and three times as fast as [`VERB`] itself.
static ANY: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = ["jäv", "delta", "reserv", "anteckn", "yrkar", "föreslår"];
    let cased = words.iter().flat_map(|w| {
        let mut chars = w.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        [w.to_string(), capital, w.to_uppercase()]
    });
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(cased)
        .expect("valid patterns")
});

/// The verbs of each kind, found in a sentence; the first one decides.
///
/// The word boundaries here and in the other patterns of this module are
/// ASCII ones, `(?-u:\b)`, next to ASCII letters: a Unicode `\b` keeps the
/// regex engine off its DFA on any non-ASCII text, and made reading
/// positions most of the time of a parse. A word that begins with a
/// non-ASCII letter ("ändringsyrkar", "är") is bounded by the character
/// before it instead.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?P<conflict>(?-u:\b)jäv(?-u:\b))",
        r"|(?P<abstain>(?-u:\b)(?:deltar\s+inte|inte\s+deltar|deltar\s+ej|ej\s+deltar|avstår\s+från\s+att\s+delta)\s+i\s+beslutet)",
        r"|(?P<reservation>(?-u:\b)reserverar\s+sig(?-u:\b)|(?-u:\b)lämnar\s+(?:följande\s+)?(?:en\s+)?(?:skriftliga?\s+)?reservation)",
        r"|(?P<note>(?-u:\b)antecknar(?-u:\b)|(?-u:\b)lämnar\s+(?:följande\s+)?(?:en\s+)?(?:skriftliga?\s+)?protokollsanteckning|(?-u:\b)får\s+(?:följande\s+)?antecknat)",
        r"|(?P<motion>(?-u:\b)(?:yrkar|tilläggsyrkar|föreslår)(?-u:\b))",
        r"|(?:^|[^\p{L}\p{N}_])(?P<amend>ändringsyrkar)(?-u:\b)",
    ))
});

/// Verbs that may stand before the verb of an abstention or a conflict
/// and end its subject ("X (M) och Y (SD) meddelar att de inte deltar i beslutet").
static LEAD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[^\p{L}\p{N}_])(?P<v>meddelar|anmäler|deltar|deltog|avstår|lämnar|är|anser\s+sig)(?-u:\b)",
    )
});

/// What a motion asks for: the first of these words after its verb.
static DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?P<approve>(?-u:\b)(?:bifall|tillstyrk|bifalla))",
        r"|(?P<reject>(?-u:\b)(?:avslag|avslå|avstyrk))",
        r"|(?P<refer>återremi)",
        r"|(?P<table>(?-u:\b)bordl)",
        r"|(?P<amend>ändring)",
        r"|(?P<add>tillägg)",
    ))
});

/// What a motion refers to: the words after "bifall till" / "avslag på".
static REFERS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:bifall|avslag)\s+(?:till|på)\s+(?P<what>.+?)(?:\s+(?:och|samt)\s+(?:avslag|bifall|anmäler)(?-u:\b)|[.:;]?$)",
    )
});

/// The positions and votes of a paragraph. `members` (the meeting's) give
/// parties to persons named without one.
pub(crate) fn read(p: &Paragraph, members: &[Person]) -> (Vec<Position>, Vec<Vote>) {
    let mut positions = Vec::new();
    for s in &p.sections {
        let mut heading = None;
        for (sentence, verb) in sentences(&s.text) {
            let heading = heading.get_or_insert_with(|| s.heading.to_lowercase());
            if let Some(pos) = position_at(&sentence, verb, heading, members) {
                positions.push(pos);
            }
        }
    }
    tidy(&mut positions);
    (positions, vote::votes(&p.body))
}

/// The sentences with a verb of [`VERB`] in them, lines joined, each with
/// where its first verb match lies in it: a sentence ends at ". ", "! " or
/// "? " before a capital letter, a digit or a quote, or at a blank line.
/// (No verb match crosses a sentence's end, so the verbs found in the
/// joined paragraph pick its sentences and are the matches a search of the
/// sentence alone would find.)
fn sentences(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        // No verb in the paragraph, no position in any of its sentences:
        // most paragraphs are neither joined nor split.
        if !ANY.is_match(para) {
            continue;
        }
        let joined = super::text::squash(para);
        // Where each verb match ends (its start may be the character
        // before a sentence, in the pattern of a non-ASCII word's start).
        let mut verbs = VERB.find_iter(&joined).map(|m| m.range()).peekable();
        let mut keep = |from: usize, to: usize, out: &mut Vec<(String, Range<usize>)>| {
            while verbs.next_if(|v| v.end <= from).is_some() {}
            if let Some(v) = verbs.next_if(|v| v.end <= to) {
                // A match may begin on the character before the sentence.
                let verb = v.start.max(from) - from..v.end - from;
                out.push((joined[from..to].to_string(), verb));
            }
        };
        let b = joined.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            if matches!(b[i], b'.' | b'!' | b'?')
                && b.get(i + 1) == Some(&b' ')
                && joined[i + 2..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"”“".contains(c))
            {
                keep(start, i + 1, &mut out);
                start = i + 2;
                i += 2;
                continue;
            }
            i += 1;
        }
        if start < joined.len() {
            keep(start, joined.len(), &mut out);
        }
    }
    out
}

/// `text.split("\n\n")`, with the separator's searcher built once.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    static BLANK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\n\n"));
    let mut from = 0;
    let mut ends = BLANK.find_iter(text.as_bytes());
    std::iter::from_fn(move || {
        let start = from;
        if start > text.len() {
            return None;
        }
        let end = ends.find(|&e| e >= start).unwrap_or(text.len());
        from = end + 2;
        Some(&text[start..end])
    })
}

/// The position a sentence states, if any. `heading` (lowercase) is its
/// section's: it gives a motion its direction when the words do not.
#[cfg(test)]
fn position(sentence: &str, heading: &str, members: &[Person]) -> Option<Position> {
    let verb = VERB.find(sentence)?.range();
    position_at(sentence, verb, heading, members)
}

/// The kind of a match of [`VERB`] and the span of its verb (the group of
/// the alternative that matched), read off the matched words: the
/// alternatives' words differ, and asking the regex engine for the groups
/// ran a slower engine than finding the match. Words none of the rules
/// below know (letters whose case folds oddly) go to the groups.
fn verb_kind(sentence: &str, verb: Range<usize>) -> Option<(PositionKind, Range<usize>)> {
    let words = sentence.get(verb.clone())?;
    let lower = words.to_lowercase();
    let kind = if lower == "jäv" {
        Some(PositionKind::Conflict)
    } else if lower.ends_with("beslutet") {
        Some(PositionKind::Abstain)
    } else if lower.contains("reserv") {
        Some(PositionKind::Reservation)
    } else if lower.contains("anteckn") {
        Some(PositionKind::Note)
    } else if matches!(lower.as_str(), "yrkar" | "tilläggsyrkar" | "föreslår") {
        Some(PositionKind::Motion)
    } else {
        None
    };
    if let Some(kind) = kind {
        return Some((kind, verb));
    }
    if lower.ends_with("ändringsyrkar") {
        return Some((PositionKind::Motion, verb.start + lead_len(words)..verb.end));
    }
    let c = VERB.captures_at(sentence, verb.start)?;
    [
        ("conflict", PositionKind::Conflict),
        ("abstain", PositionKind::Abstain),
        ("reservation", PositionKind::Reservation),
        ("note", PositionKind::Note),
        ("motion", PositionKind::Motion),
        ("amend", PositionKind::Motion),
    ]
    .into_iter()
    .find_map(|(g, k)| c.name(g).map(|m| (k, m.range())))
}

/// How much of a match of a word that patterns begin with
/// `(?:^|[^\p{L}\p{N}_])` (a word start after a non-ASCII letter) is the
/// character before the word: none where the text begins with the word.
/// The word is the group; what comes before it is not.
fn lead_len(m: &str) -> usize {
    m.chars()
        .next()
        .filter(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, char::len_utf8)
}

/// The position a sentence states, if any, given where its first match of
/// [`VERB`] is.
fn position_at(
    sentence: &str,
    verb: Range<usize>,
    heading: &str,
    members: &[Person],
) -> Option<Position> {
    let (kind, m) = verb_kind(sentence, verb)?;
    let m_str = &sentence[m.clone()];
    let mut verb_at = m.start;
    if matches!(kind, PositionKind::Conflict | PositionKind::Abstain) {
        // The subject ends at the first verb ("meddelar att de inte deltar").
        if let Some(v) = LEAD_VERB.find(&sentence[..verb_at]) {
            verb_at = v.start() + lead_len(v.as_str());
        }
    }
    let subject = &sentence[..verb_at];
    if subject.len() > 400 {
        return None;
    }
    let mut who = who::who(subject, members);
    if kind == PositionKind::Abstain {
        // "X (KD) anmäler att ledamöterna från KD inte deltar i beslutet":
        // the group is who abstains.
        if let Some(att) = sentence[verb_at..m.start].find(" att ") {
            let inner = who::who(&sentence[verb_at + att + 5..m.start], members);
            if !inner.parties.is_empty() {
                who = inner;
            }
        }
    }
    if who.is_empty() {
        return None;
    }
    let rest = &sentence[m.end..];
    let (direction, refers_to) = if kind == PositionKind::Motion {
        let verb = m_str.to_lowercase();
        let direction = if verb.starts_with("tillägg") {
            Some(MotionDirection::Add)
        } else if verb.starts_with("ändring") {
            Some(MotionDirection::Amend)
        } else {
            direction(rest).or_else(|| {
                if heading.contains("tillägg") {
                    Some(MotionDirection::Add)
                } else if heading.contains("ändring") {
                    Some(MotionDirection::Amend)
                } else {
                    None
                }
            })
        };
        let refers_to = refers_to(rest)
            .map(|w| w.trim_end_matches(['.', ' ']).to_string())
            .filter(|w| !w.is_empty() && w.len() < 200);
        (direction, refers_to)
    } else {
        (None, None)
    };
    Some(Position {
        kind,
        direction,
        persons: who.persons,
        parties: who.parties,
        refers_to,
        text: sentence.to_string(),
    })
}

/// What a motion refers to: the group `what` of [`REFERS`], read off its
/// match where the words make it plain (the regex engine's groups cost
/// more than the rest of reading a position), from the groups otherwise.
fn refers_to(rest: &str) -> Option<&str> {
    let m = REFERS.find(rest)?;
    what_of(m.as_str(), m.end() == rest.len()).or_else(|| {
        REFERS
            .captures_at(rest, m.start())
            .and_then(|c| c.name("what"))
            .map(|w| w.as_str())
    })
}

/// The group `what` of a match of [`REFERS`] (`at_end` if the match ends
/// the text), or `None` where the match is not plain: "bifall" or "avslag",
/// spaces, "till" or "på", spaces, then `what` up to the first place where
/// the rest is spaces, "och" or "samt", spaces and "avslag", "bifall" or
/// "anmäler" that end the match, or else at most one of ".:;" before the
/// end of the text.
fn what_of(m: &str, at_end: bool) -> Option<&str> {
    // "bifall" and "avslag" are six bytes in any ASCII case.
    let after_verb = m.get(6..)?.trim_start();
    let to = after_verb.find(char::is_whitespace)?;
    if !["till", "på"]
        .iter()
        .any(|w| eq_lowercase(&after_verb[..to], w))
    {
        return None;
    }
    let r = after_verb[to..].trim_start();
    if r.is_empty() || r.contains('\n') {
        return None;
    }
    // "… och avslag": the words that end the match.
    let ending = |r: &str| -> Option<usize> {
        let (head, last) = r.rsplit_once(char::is_whitespace)?;
        if !["avslag", "bifall", "anmäler"]
            .iter()
            .any(|w| eq_lowercase(last, w))
        {
            return None;
        }
        let (head, joint) = head.trim_end().rsplit_once(char::is_whitespace)?;
        if !["och", "samt"].iter().any(|w| eq_lowercase(joint, w)) {
            return None;
        }
        let what = head.trim_end();
        (!what.is_empty()).then_some(what.len())
    };
    if let Some(len) = ending(r) {
        return Some(&r[..len]);
    }
    if !at_end {
        return None;
    }
    let what = r.strip_suffix(['.', ':', ';']).unwrap_or(r);
    Some(if what.is_empty() { r } else { what })
}

/// A motion's direction: the first word of one after its verb.
fn direction(rest: &str) -> Option<MotionDirection> {
    let m = DIRECTION.find(rest)?;
    // The alternatives' words differ: the matched ones say which it was.
    let lower = m.as_str().to_lowercase();
    let by_words = [
        ("bifall", MotionDirection::Approve),
        ("tillstyrk", MotionDirection::Approve),
        ("avslag", MotionDirection::Reject),
        ("avslå", MotionDirection::Reject),
        ("avstyrk", MotionDirection::Reject),
        ("återremi", MotionDirection::Refer),
        ("bordl", MotionDirection::Table),
        ("ändring", MotionDirection::Amend),
        ("tillägg", MotionDirection::Add),
    ]
    .into_iter()
    .find_map(|(w, d)| (lower == w).then_some(d));
    if by_words.is_some() {
        return by_words;
    }
    let c = DIRECTION.captures_at(rest, m.start())?;
    [
        ("approve", MotionDirection::Approve),
        ("reject", MotionDirection::Reject),
        ("refer", MotionDirection::Refer),
        ("table", MotionDirection::Table),
        ("amend", MotionDirection::Amend),
        ("add", MotionDirection::Add),
    ]
    .into_iter()
    .find_map(|(g, d)| c.name(g).map(|_| d))
}

/// Drops what another position of the § says already: a party group of a
/// kind whose persons of that party are named ("Moderaterna … reserverar
/// sig" in the reservation five named persons hand in), and a position
/// repeated (an abstention announced in a motion and noted again).
fn tidy(positions: &mut Vec<Position>) {
    let named: Vec<(PositionKind, String)> = positions
        .iter()
        .flat_map(|p| {
            p.persons
                .iter()
                .filter_map(move |q| Some((p.kind, q.party.clone()?)))
        })
        .collect();
    for p in positions.iter_mut() {
        let kind = p.kind;
        if !p.persons.is_empty() {
            continue;
        }
        p.parties
            .retain(|party| !named.iter().any(|(k, q)| *k == kind && q == party));
    }
    positions.retain(|p| !(p.persons.is_empty() && p.parties.is_empty()));
    let mut seen: Vec<(PositionKind, Vec<String>, Vec<String>)> = Vec::new();
    positions.retain(|p| {
        if p.kind == PositionKind::Motion {
            return true;
        }
        let key = (
            p.kind,
            p.persons.iter().map(|q| q.name.clone()).collect(),
            p.parties.clone(),
        );
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A § whose only position is an abstention in the words "avstår från
    /// att delta i beslutet" (once missed: "avstår" was not among the
    /// words of the gate in [`read`]).
    #[test]
    fn an_abstention_alone_is_read_through_the_gate() {
        let p = one_section("Beslut", "Anna Berg (M) avstår från att delta i beslutet.");
        let (positions, votes) = read(&p, &[]);
        assert_eq!(positions.len(), 1, "{positions:?}");
        assert_eq!(positions[0].kind, PositionKind::Abstain);
        assert_eq!(positions[0].persons[0].name, "Anna Berg");
        assert!(votes.is_empty());
    }

    /// An abstention whose words break over a line ("inte" / "deltar i
    /// beslutet") was lost: the gate looked for "inte deltar" with one
    /// space, and the section never reached the verbs.
    #[test]
    fn an_abstention_broken_over_a_line_is_read_through_the_gate() {
        let p = one_section(
            "Handling",
            "Anna Berg (M) anmäler att ledamöterna från M inte\ndeltar i beslutet.",
        );
        let (positions, _) = read(&p, &[]);
        assert_eq!(positions.len(), 1, "{positions:?}");
        assert_eq!(positions[0].kind, PositionKind::Abstain);
        assert_eq!(positions[0].parties, ["M"]);
    }

    /// A § whose body is one section.
    fn one_section(heading: &str, text: &str) -> Paragraph {
        Paragraph {
            body: text.to_string(),
            sections: vec![crate::protocol::model::Section {
                heading: heading.to_string(),
                text: text.to_string(),
            }],
            ..Default::default()
        }
    }

    fn one(sentence: &str) -> Position {
        position(sentence, "", &[]).unwrap_or_else(|| panic!("no position in {sentence:?}"))
    }

    #[test]
    fn kinds_by_their_verbs() {
        let p = one(
            "Jörgen Fogelklou (SD) yrkar att ärendet ska återremitteras enligt yrkande från SD den 17 februari 2025 och anmäler att han inte deltar i beslutet för det fall återremissyrkandet faller.",
        );
        assert_eq!(p.kind, PositionKind::Motion);
        assert_eq!(p.direction, Some(MotionDirection::Refer));
        let p = one(
            "Ledamöterna från SD reserverar sig mot beslutet till förmån för det egna yrkandet.",
        );
        assert_eq!(
            (p.kind, p.parties.as_slice()),
            (PositionKind::Reservation, &["SD".to_string()][..])
        );
        let p =
            one("Hampus Magnusson (M) deltar inte i handläggningen av ärendet på grund av jäv.");
        assert_eq!(p.kind, PositionKind::Conflict);
        let p = one(
            "Sebastian Cehlin (M) och Patrik Nyström (SD) meddelar att de inte deltar i beslutet.",
        );
        assert_eq!((p.kind, p.persons.len()), (PositionKind::Abstain, 2));
        let p = one("Kalle Bäck (KD) anmäler att ledamöterna från KD inte deltar i beslutet.");
        assert_eq!(
            (p.kind, p.parties.as_slice(), p.persons.len()),
            (PositionKind::Abstain, &["KD".to_string()][..], 0)
        );
        let p = one(
            "Representanterna från S, V och MP antecknar som yttrande en skrivelse från den 11 mars 2025.",
        );
        assert_eq!((p.kind, p.parties.len()), (PositionKind::Note, 3));
        let p = one(
            "Thomas Thim (M), Carin Östh (M) och Karin Josefsson (L) lämnar följande skriftliga reservation: Moderaterna, Kristdemokraterna och Liberalerna reserverar sig mot Centerpartiets ändringsyrkande.",
        );
        assert_eq!((p.kind, p.persons.len()), (PositionKind::Reservation, 3));
    }

    #[test]
    fn sentences_without_a_named_subject_are_no_positions() {
        for s in [
            "Ordföranden antecknar kommunstyrelsens förslag som Ja-proposition i huvudvoteringen.",
            "Kommunstyrelsen föreslår att kommunfullmäktige beslutar:",
            "Förvaltningen föreslår att planen godkänns.",
            "Ingen av kommunstyrelsens ledamöter eller ersättare ansåg sig förhindrad att delta vid ärendenas behandling på grund av jäv.",
        ] {
            assert_eq!(position(s, "", &[]), None, "{s}");
        }
    }

    #[test]
    fn motion_directions() {
        for (s, d) in [
            (
                "Jenny Broman (V) yrkar bifall till yrkande från V, S och MP den 27 mars 2025 och avslag på yrkande från M.",
                Some(MotionDirection::Approve),
            ),
            (
                "Karin Pleijel (MP) yrkar avslag på samtliga yrkanden.",
                Some(MotionDirection::Reject),
            ),
            (
                "Axel Josefson (M) yrkar att ärendet ska bordläggas till sammanträdet den 26 mars 2025.",
                Some(MotionDirection::Table),
            ),
            (
                "Karin Josefsson (L) föreslår att ärendet återremitteras.",
                Some(MotionDirection::Refer),
            ),
            (
                "Heidi Hankanen Ängberg (C) föreslår kompetensförsörjningsplanen antas med följande ändring:",
                Some(MotionDirection::Amend),
            ),
            (
                "Jörgen Fogelklou (SD) yrkar att motionen ska tillstyrkas.",
                Some(MotionDirection::Approve),
            ),
            (
                "Axel Josefson (M) yrkar att motionen ska anses bevarad.",
                None,
            ),
        ] {
            assert_eq!(one(s).direction, d, "{s}");
        }
        let p = position(
            "Heidi Hankanen Ängberg (C) yrkar att förvaltningen får i uppdrag att utreda stödet.",
            "tilläggsyrkande",
            &[],
        )
        .unwrap();
        assert_eq!(p.direction, Some(MotionDirection::Add));
        let p = one(
            "Marina Johansson (S) yrkar bifall till stadsledningskontorets förslag och avslag på yrkande från KD.",
        );
        assert_eq!(
            p.refers_to.as_deref(),
            Some("stadsledningskontorets förslag")
        );
    }

    /// What [`refers_to`] reads off a match is what the regex's group
    /// holds, on plain wordings and on the edges of its grammar (a
    /// terminator word without a word end, spaces doubled, a closing
    /// mark, nothing after the preposition, letters in capitals).
    #[test]
    fn refers_to_reads_the_group_the_regex_would() {
        for rest in [
            " bifall till stadsledningskontorets förslag och avslag på yrkande från KD.",
            " bifall till förslaget.",
            " bifall till förslaget",
            " avslag på motionen;",
            " bifall till X och bifallet av Y och avslag på Z.",
            " bifall till X  och  avslag",
            " bifall till X samt anmäler att hon inte deltar.",
            " BIFALL TILL förslaget OCH AVSLAG på resten.",
            " Bifall  på  det egna yrkandet:",
            " bifall till .",
            " bifall till ",
            " bifall till och avslag.",
            " avslag på yrkandet om bifall till yrkandet.",
            " att bifallet till förslaget ska avslås.",
            " bifall till förslaget, och avslaget.",
        ] {
            let want = REFERS
                .captures(rest)
                .and_then(|c| c.name("what"))
                .map(|w| w.as_str());
            assert_eq!(refers_to(rest), want, "{rest:?}");
        }
        assert!(what_of("bifall till förslaget och avslag", false).is_some());
    }

    #[test]
    fn a_group_named_by_its_persons_is_kept_once() {
        let mut ps = vec![
            one(
                "Thomas Thim (M) och Linda Ynghammar (KD) lämnar följande skriftliga reservation: X.",
            ),
            one("Moderaterna, Kristdemokraterna och Liberalerna reserverar sig mot beslutet."),
        ];
        tidy(&mut ps);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].parties, ["L"]);
    }

    proptest::proptest! {
        /// [`paragraphs`] is `split("\n\n")`, runs of newlines included.
        #[test]
        fn paragraphs_are_split_at_blank_lines(s in "[ab\n]{0,12}") {
            let want: Vec<&str> = s.split("\n\n").collect();
            proptest::prop_assert_eq!(paragraphs(&s).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn sentences_split_at_their_ends_only() {
        let s = sentences(
            "Jenny Broman (V) yrkar bifall till yrkande från V den 27 mars 2025.\nAxel Josefson (M) yrkar\nbifall till förslaget m.fl. och avslag.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
    }
}
