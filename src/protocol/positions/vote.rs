//! The votes of a §: the alternatives put ("Ja för … Nej för …"), the
//! counts ("Omröstningen utfaller med 43 Ja mot 38 Nej", "Med 7 ja-röster
//! och 8 nej-röster", "… röstar Ja (7)") and, where the § names them, each
//! member's vote.
//!
//! The § is read in order: an alternatives line opens a vote, and a count
//! opens one when the vote before has that count already.

use super::who::persons_in;
use crate::protocol::model::{Ballot, Choice, Vote};
use crate::protocol::text::{re, squash};
use memchr::memmem::Finder;
use regex::Regex;
use std::sync::LazyLock;

/// The alternatives: "Godkänd voteringsproposition: ”Ja för … Nej för …”",
/// "Följande beslutsgång godkänns: Ja-röst för … Nej-röst för … .".
///
/// The lengths are bounded in code ([`PROPOSITION_MAX`]), not here: a
/// bounded repetition of any character ("`.{3,400}`") grows the regex
/// engine's DFA past its cache and sends it to the slow engines.
static PROPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r#"(?i)voteringsproposition:?\s*["”“](?P<q>[^"”“]{3,}?)["”“]"#,
        r"|beslutsgång\s+godkänns:\s*(?P<b>ja-röst\s(?s:.+?)nej-röst\s[^.]+\.)",
        r"|(?P<jn>(?-u:\b)Ja\s+för\s(?s:.+?)(?-u:\b)Nej\s+för\s[^.]+\.)",
    ))
});

/// The longest alternatives kept, in characters: quoted ones, and the
/// others. A longer match (a quote never closed) is no proposition, and
/// the search goes on from the character after its start.
const PROPOSITION_MAX: (usize, usize) = (600, 1000);

/// The counts in their forms, any of them in one pass.
static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)utfaller\s+med\s+(?P<y1>\d+)\s+ja\s+mot\s+(?P<n1>\d+)\s+nej",
        r"|(?P<y2>\d+)\s+ja-röster,?\s+(?:och\s+)?(?P<n2>\d+)\s+nej-röster",
        r"|(?P<a1>\d+)\s+ledam(?:ot|öter)\s+avst(?:år|od)\s+från\s+att\s+rösta",
        r"|(?P<a2>\d+)\s+(?:avstående|som\s+avstår|avstår)(?-u:\b)",
        r"|(?P<f1>\d+)\s+ledam(?:ot|öter)\s+(?:är|var)\s+frånvarande",
        r"|röstar\s+(?P<choice>ja|nej)\s+\((?P<c>\d+)\)",
        r"|avstår\s+från\s+att\s+rösta\s+\((?P<ca>\d+)\)",
    ))
});

/// Words one of which every vote has: a vote is kept only with a yes or a
/// no count, and each form of those counts in [`COUNTS`] holds "röst"
/// ("ja-röster", "röstar") or "utfaller". A § without any is not searched
/// with the patterns. The words are given in the cases they are printed in
/// (lower, capitalised, upper), each searched for alone: a vectorised
/// substring search per word went through the bodies of the Göteborg
/// corpus six times faster than one automaton of all six (most bodies have
/// none, so each is read to its end).
static ANY_VOTE: LazyLock<[Finder<'static>; 6]> = LazyLock::new(|| {
    ["röst", "Röst", "RÖST", "utfaller", "Utfaller", "UTFALLER"]
        .map(|w| Finder::new(w.as_bytes()).into_owned())
});

/// The alternatives in a match of [`PROPOSITION`], with the longest kept
/// ([`PROPOSITION_MAX`]): what its groups `q`, `b` or `jn` hold, read off
/// the match (finding the match alone keeps the regex engine on its DFA;
/// asking for its groups ran a slower engine over the whole match).
fn alternatives(m: &str) -> (&str, usize) {
    let starts = |lower: &str| {
        m.chars()
            .flat_map(char::to_lowercase)
            .take(lower.chars().count())
            .eq(lower.chars())
    };
    if starts("voteringsproposition") {
        // `q`: between the first quote and the last character, the closing one.
        let open = m
            .find(['"', '”', '“'])
            .map_or(0, |i| i + m[i..].chars().next().map_or(1, char::len_utf8));
        let close = m.char_indices().last().map_or(m.len(), |(i, _)| i);
        (m.get(open..close).unwrap_or(""), PROPOSITION_MAX.0)
    } else if starts("beslutsgång") {
        // `b`: from the first character after the colon and the spaces.
        let colon = m.find(':').map_or(m.len(), |i| i + 1);
        (m[colon..].trim_start(), PROPOSITION_MAX.1)
    } else {
        (m, PROPOSITION_MAX.1)
    }
}

/// What one match of [`COUNTS`] or [`PROPOSITION`] says, with where the
/// text it names voters in begins.
enum Event {
    Proposition(String),
    YesNo(u32, u32),
    Abstained(u32),
    Absent(u32),
    Roll(Choice, u32, Vec<crate::protocol::model::Person>),
}

/// The votes of a § body.
///
/// The patterns run on the body as printed, lines and all: they read any
/// run of whitespace as one, and what they give is squashed. (Squashing
/// the whole body first cost more than finding the votes in it.) The one
/// place where a run counts as more than one character, the shortest
/// quoted alternatives, sends the body to be read squashed.
pub(crate) fn votes(body: &str) -> Vec<Vote> {
    if !ANY_VOTE.iter().any(|w| w.find(body.as_bytes()).is_some()) {
        return Vec::new();
    }
    votes_in(body).unwrap_or_else(|| votes_in(&squash(body)).unwrap_or_default())
}

/// The characters of `s` with each run of whitespace counted as one: its
/// length in the squashed body.
fn squashed_len(s: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in s.chars() {
        let w = c.is_whitespace();
        n += usize::from(!(w && space));
        space = w;
    }
    n
}

/// [`votes`] of `text`; `None` if a quoted alternative is shorter than
/// three characters once squashed (the pattern's least).
fn votes_in(text: &str) -> Option<Vec<Vote>> {
    let mut events: Vec<(usize, usize, Event)> = Vec::new();
    let mut at = 0;
    while let Some(all) = PROPOSITION.find_at(text, at) {
        let (p, max) = alternatives(all.as_str());
        let len = squashed_len(p);
        if len < 3 {
            return None;
        }
        if len > max {
            at = all.start() + text[all.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        events.push((all.start(), all.end(), Event::Proposition(squash(p))));
        at = all.end();
    }
    for c in COUNTS.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let n = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
        let event = if let (Some(y), Some(no)) = (n("y1").or(n("y2")), n("n1").or(n("n2"))) {
            Event::YesNo(y, no)
        } else if let Some(a) = n("a1").or(n("a2")) {
            Event::Abstained(a)
        } else if let Some(f) = n("f1") {
            Event::Absent(f)
        } else if let Some(k) = n("c") {
            let choice = if c["choice"].eq_ignore_ascii_case("ja") {
                Choice::Yes
            } else {
                Choice::No
            };
            Event::Roll(choice, k, Vec::new())
        } else if let Some(k) = n("ca") {
            Event::Roll(Choice::Abstain, k, Vec::new())
        } else {
            continue;
        };
        events.push((all.start(), all.end(), event));
    }
    events.sort_by_key(|e| e.0);
    // A roll call names its voters between the event before it and its verb.
    let mut prev_end = 0;
    for (start, end, e) in events.iter_mut() {
        if let Event::Roll(_, _, persons) = e {
            // Voters are named in the sentence(s) since the last event.
            let from = text[..*start]
                .rfind(['"', '”', '“'])
                .map_or(prev_end, |q| q.max(prev_end))
                // Events may overlap: the one before can end past this start.
                .min(*start);
            *persons = persons_in(&text[from..*start]);
        }
        prev_end = *end;
    }
    let mut out: Vec<Vote> = Vec::new();
    let mut open = false;
    for (_, _, e) in events {
        let new = |out: &mut Vec<Vote>| out.push(Vote::default());
        match e {
            Event::Proposition(p) => {
                new(&mut out);
                out.last_mut().expect("pushed").proposition = Some(p);
                open = true;
            }
            Event::YesNo(y, n) => {
                if !open || out.last().is_some_and(|v| v.yes.is_some()) {
                    new(&mut out);
                }
                let v = out.last_mut().expect("a vote");
                v.yes = Some(y);
                v.no = Some(n);
                open = true;
            }
            Event::Abstained(a) => {
                if open && let Some(v) = out.last_mut().filter(|v| v.abstained.is_none()) {
                    v.abstained = Some(a);
                }
            }
            Event::Absent(a) => {
                if open && let Some(v) = out.last_mut().filter(|v| v.absent.is_none()) {
                    v.absent = Some(a);
                }
            }
            Event::Roll(choice, k, persons) => {
                let has = |v: &Vote| match choice {
                    Choice::Yes => v.yes.is_some(),
                    Choice::No => v.no.is_some(),
                    Choice::Abstain => v.abstained.is_some(),
                };
                if !open || out.last().is_some_and(has) {
                    new(&mut out);
                }
                let v = out.last_mut().expect("a vote");
                match choice {
                    Choice::Yes => v.yes = Some(k),
                    Choice::No => v.no = Some(k),
                    Choice::Abstain => v.abstained = Some(k),
                }
                v.ballots
                    .extend(persons.into_iter().map(|person| Ballot { person, choice }));
                open = true;
            }
        }
    }
    out.retain(|v| v.yes.is_some() || v.no.is_some());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_council_vote_with_abstentions_and_absentees() {
        let v = votes(
            "Omröstning\nGodkänd voteringsproposition: \"Ja för avslag och Nej för bifall till tilläggsyrkandet från\nM, D, L och KD i kommunstyrelsen.\"\nOmröstningen utfaller med 43 Ja mot 29 Nej. 7 ledamöter avstår från att rösta.\n2 ledamöter är frånvarande. Hur var och en röstar framgår av bilaga 6.",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].yes, v[0].no, v[0].abstained, v[0].absent),
            (Some(43), Some(29), Some(7), Some(2))
        );
        assert!(
            v[0].proposition
                .as_deref()
                .unwrap()
                .starts_with("Ja för avslag")
        );
    }

    #[test]
    fn a_roll_call_names_each_vote() {
        let v = votes(
            "Godkänd voteringsproposition: \"Ja för avslag och Nej för bifall till tilläggsyrkandet från\nSD.\"\nDaniel Bernmar (V), Jenny Broman (V) samt\nordföranden Jonas Attenius (S) röstar Ja (3).\nJörgen Fogelklou (SD) röstar Nej (1).\nAxel Josefson (M) och tjänstgörande ersättaren Nina Miskovsky (M) avstår från att rösta (2).",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].yes, v[0].no, v[0].abstained),
            (Some(3), Some(1), Some(2))
        );
        let names: Vec<(&str, Choice)> = v[0]
            .ballots
            .iter()
            .map(|b| (b.person.name.as_str(), b.choice))
            .collect();
        assert_eq!(
            names,
            [
                ("Daniel Bernmar", Choice::Yes),
                ("Jenny Broman", Choice::Yes),
                ("Jonas Attenius", Choice::Yes),
                ("Jörgen Fogelklou", Choice::No),
                ("Axel Josefson", Choice::Abstain),
                ("Nina Miskovsky", Choice::Abstain)
            ]
        );
    }

    #[test]
    fn two_votes_in_one_paragraph() {
        let v = votes(
            "Godkänd voteringsproposition: \"Ja för bifall. Nej för avslag.\"\nOmröstningen utfaller med 43 Ja mot 38 Nej.\nPropositionsordning\nGodkänd voteringsproposition: \"Ja för avslag och Nej för bifall.\"\nOmröstningen utfaller med 72 Ja mot 9 Nej.",
        );
        assert_eq!(
            v.iter().map(|v| (v.yes, v.no)).collect::<Vec<_>>(),
            [(Some(43), Some(38)), (Some(72), Some(9))]
        );
    }

    #[test]
    fn a_committee_vote_in_words() {
        let v = votes(
            "Följande beslutsgång godkänns:\nJa-röst för bifall till återremittering av förslag.\nNej-röst för att avgöra ärendet idag.\nOmröstningsresultat\nMed 6 ja-röster och 7 nej-röster finner ordföranden att nämnden beslutar att ärendet ska avgöras idag.",
        );
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].yes, v[0].no), (Some(6), Some(7)));
        assert!(
            v[0].proposition
                .as_deref()
                .unwrap()
                .starts_with("Ja-röst för bifall")
        );
    }

    #[test]
    fn no_counts_no_vote() {
        assert!(votes("Omröstning begärs. Ordföranden finner att förslaget bifallits.").is_empty());
    }

    #[test]
    fn a_roll_call_inside_the_alternatives_does_not_panic() {
        // Regression: a count inside a proposition's span (events overlap)
        // sliced the text backwards and the whole file was lost.
        let body = "Ja för bifall till förslaget, där Anna Andersson (S) röstar ja (3), \
                    och Nej för avslag till förslaget.";
        let v = votes(body);
        assert!(!v.is_empty(), "{v:?}");
    }

    /// A quote opened and never closed once took the rest of the § as the
    /// alternatives (before the lengths were bounded in code, the bounded
    /// pattern failed there); the later, closed one must be the vote's.
    #[test]
    fn a_quote_never_closed_is_no_proposition() {
        let filler = "Yrkanden Anna Berg (M) yrkar bifall till förslaget. ".repeat(14);
        let body = format!(
            "Godkänd voteringsproposition: ”Ja för att avgöra ärendet idag och Nej för återremiss av ärendet. {filler}\nGodkänd voteringsproposition: ”Ja för bifall till förslaget. Nej för bifall till yrkandet från Anna Berg m.fl.”.\nOmröstningen utfaller med 43 Ja mot 38 Nej."
        );
        let v = votes(&body);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(
            v[0].proposition.as_deref(),
            Some("Ja för bifall till förslaget. Nej för bifall till yrkandet från Anna Berg m.fl.")
        );
        assert_eq!((v[0].yes, v[0].no), (Some(43), Some(38)));
    }

    /// Votes read off the body as printed (lines, runs of spaces) are the
    /// votes of the squashed body: a name and the alternatives broken
    /// over lines, and a quote whose alternatives are short only once
    /// squashed (read squashed instead).
    #[test]
    fn a_vote_as_printed_is_the_vote_squashed() {
        for body in [
            "Godkänd voteringsproposition: \"Ja för avslag och Nej för bifall till\ntilläggsyrkandet från\n  SD.\"\nDaniel\nBernmar (V), Jenny Broman (V) samt\nordföranden Jonas  Attenius (S) röstar Ja (3).\nJörgen Fogelklou (SD) röstar Nej (1).",
            "Följande beslutsgång godkänns:\nJa-röst för bifall till\nåterremiss.\nNej-röst för att avgöra\närendet idag.\nMed 6 ja-röster och 7 nej-röster beslutar nämnden.",
            "Ja för bifall\ntill förslaget. Nej för\n\navslag.\nOmröstningen utfaller med 43 Ja mot\n38 Nej.",
            "Godkänd voteringsproposition: \"\n a \n\" och \"Ja för bifall, Nej för avslag.\"\nOmröstningen utfaller med 5 Ja mot 4 Nej.",
        ] {
            let printed = votes(body);
            assert!(!printed.is_empty(), "{body:?}");
            assert_eq!(printed, votes(&squash(body)), "{body:?}");
        }
        let v = votes("Daniel\nBernmar (V) röstar Ja (1).\nAnna Berg (M) röstar Nej (1).");
        assert_eq!(v[0].ballots[0].person.name, "Daniel Bernmar");
    }

    #[test]
    fn a_body_without_a_vote_word_has_no_vote() {
        assert!(
            votes("Avstämning av budgeten. Kommunstyrelsen beslutar enligt förslaget.").is_empty()
        );
    }
}
