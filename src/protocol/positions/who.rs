//! Who takes a position: the persons ("Axel Josefson (M)", "tjänstgörande
//! ersättaren Nina Miskovsky (M)") and whole party groups ("Ledamöterna från
//! M, D, L och KD", "Sverigedemokraterna") named before its verb, with
//! parties from the text or the meeting's member list.

use crate::protocol::model::Person;
use crate::protocol::text::{eq_lowercase, re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// A name and the party in parentheses after it. A name is one to five
/// capitalised words (with hyphens: "Jan-Erik"), the particles of names
/// between them; the party one to eight letters from a capital.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<name>\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:af|von|van|de|di|da|el|al|bin)\s+)?\p{Lu}[\p{L}'’.-]*){0,4})\s*\((?P<party>\p{Lu}[\p{L}]{0,7})\)",
    )
});

/// A party group: "ledamöterna från M, D, L och KD", "representanterna för SD".
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i:ledamöterna|ledamoten|ledamöter|representanterna|representanten|företrädarna|företrädare|gruppen|partierna)\s+(?:från|för)\s+(?P<list>\p{Lu}{1,6}(?:\s*(?:,|och|samt|&)\s*\p{Lu}{1,6})*)(?:$|[^\p{L}\p{N}_])",
    )
});

/// Words of a role or title that stand before a name and are no part of it.
const ROLE_WORDS: &[&str] = &[
    "ordföranden",
    "ordförande",
    "vice",
    "förste",
    "andre",
    "tjänstgörande",
    "ersättaren",
    "ersättare",
    "ledamoten",
    "ledamot",
    "ledamöterna",
    "kommunalrådet",
    "regionrådet",
    "oppositionsrådet",
    "även",
    "samt",
    "och",
];

/// Party names as written in full, and the abbreviation councils use.
const PARTY_NAMES: &[(&str, &str)] = &[
    ("socialdemokraterna", "S"),
    ("moderaterna", "M"),
    ("sverigedemokraterna", "SD"),
    ("centerpartiet", "C"),
    ("vänsterpartiet", "V"),
    ("kristdemokraterna", "KD"),
    ("liberalerna", "L"),
    ("miljöpartiet", "MP"),
    ("demokraterna", "D"),
];

/// Who a subject names.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Who {
    /// Persons, with parties where known.
    pub(crate) persons: Vec<Person>,
    /// Whole party groups.
    pub(crate) parties: Vec<String>,
}

impl Who {
    /// True if it names nobody.
    pub(crate) fn is_empty(&self) -> bool {
        self.persons.is_empty() && self.parties.is_empty()
    }
}

/// How far into a subject its first person or group may start: room for
/// a role ("Tjänstgörande ersättaren ", "Ledamöterna i kommunstyrelsen ").
const LEAD_MAX: usize = 40;

/// The persons and groups a subject (the words before a verb) names, when
/// it is made of them: they must start near its beginning. `members` give
/// parties to persons named without one, and persons named alone.
pub(crate) fn who(subject: &str, members: &[Person]) -> Who {
    let subject = subject.trim();
    let mut out = Who::default();
    let mut first: Option<usize> = None;
    // A person with a party has a parenthesis; a group, "från" or "för".
    let persons = if subject.contains('(') {
        Some(PERSON.find_iter(subject))
    } else {
        None
    };
    for all in persons.into_iter().flatten() {
        let Some((name, party)) = name_and_party(all.as_str()) else {
            continue;
        };
        let name = strip_roles(name);
        if name.is_empty() || !name.contains(' ') {
            continue;
        }
        first.get_or_insert(all.start());
        out.persons.push(Person {
            name: name.to_string(),
            party: Some(party.to_string()),
            ..Person::default()
        });
    }
    let groups = if subject.contains("från") || subject.contains("för") {
        Some(GROUP.captures_iter(subject))
    } else {
        None
    };
    for c in groups.into_iter().flatten() {
        let (Some(all), Some(list)) = (c.get(0), c.name("list")) else {
            continue;
        };
        first = Some(first.map_or(all.start(), |f| f.min(all.start())));
        for p in list
            .as_str()
            .split([',', '&'])
            .flat_map(|p| p.split(" och "))
            .flat_map(|p| p.split(" samt "))
        {
            let p = p.trim();
            if !p.is_empty() && !out.parties.iter().any(|q| q == p) {
                out.parties.push(p.to_string());
            }
        }
    }
    if out.is_empty() {
        // Parties named in full ("Moderaterna, Kristdemokraterna och
        // Liberalerna reserverar sig"): every word must be one, or a joint.
        let mut parties = Vec::new();
        let all = subject
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .all(|w| {
                let l = w.to_lowercase();
                if l == "och" || l == "samt" {
                    return true;
                }
                match PARTY_NAMES.iter().find(|(n, _)| *n == l) {
                    Some((_, a)) => {
                        parties.push((*a).to_string());
                        true
                    }
                    None => false,
                }
            });
        if all && !parties.is_empty() {
            out.parties = parties;
            return out;
        }
        // Members named without a party ("Ordföranden Jonas Attenius"):
        // a name begins a word, so only the word starts are tried (a
        // substring search per member cost more than all else here).
        let starts: Vec<usize> = if members.is_empty() {
            Vec::new()
        } else {
            word_starts(subject).collect()
        };
        // Nobody named yet: the subject names somebody only if a member's
        // name starts within its lead, and most subjects ("Förvaltningen",
        // "Kommunstyrelsen") have none there; the whole subject is read
        // for members only then.
        let in_lead = |m: &Person| {
            m.name.contains(' ')
                && starts
                    .iter()
                    .take_while(|&&i| i <= LEAD_MAX)
                    .any(|&i| subject[i..].starts_with(m.name.as_str()))
        };
        if !members.iter().any(in_lead) {
            return Who::default();
        }
        for m in members {
            if m.name.contains(' ')
                && let Some(at) = starts
                    .iter()
                    .copied()
                    .find(|&i| subject[i..].starts_with(m.name.as_str()))
            {
                first = Some(first.map_or(at, |f| f.min(at)));
                out.persons.push(Person {
                    name: m.name.clone(),
                    party: m.party.clone(),
                    ..Person::default()
                });
            }
        }
    }
    if first.is_none_or(|f| f > LEAD_MAX) {
        return Who::default();
    }
    out
}

/// The groups `name` and `party` of a match of [`PERSON`], read off the
/// match: the party is between its last "(" and the ")" that ends it (a
/// name has no parenthesis), the name what comes before, without the
/// spaces. (Finding the matches alone keeps the regex engine on its
/// fastest engines; asking for the groups ran a slower one on each.)
fn name_and_party(m: &str) -> Option<(&str, &str)> {
    let open = m.rfind('(')?;
    let party = m[open + 1..].strip_suffix(')')?;
    Some((m[..open].trim_end(), party))
}

/// The name without the role words before it ("Ordföranden Jonas Attenius").
fn strip_roles(name: &str) -> &str {
    let mut rest = name.trim();
    loop {
        let Some((w, after)) = rest.split_once(char::is_whitespace) else {
            return rest;
        };
        if ROLE_WORDS.iter().any(|r| eq_lowercase(w, r)) {
            rest = after.trim_start();
        } else {
            return rest;
        }
    }
}

/// Where the words of `text` begin: its start, and each letter or digit
/// after a character that is neither.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut before_is_word = false;
    text.char_indices().filter_map(move |(i, c)| {
        let is_word = c.is_alphanumeric();
        let start = is_word && !before_is_word;
        before_is_word = is_word;
        start.then_some(i)
    })
}

/// Every person named with a party in `text`, in order (for voting lists),
/// names squashed.
pub(crate) fn persons_in(text: &str) -> Vec<Person> {
    PERSON
        .find_iter(text)
        .filter_map(|m| {
            let (name, party) = name_and_party(m.as_str())?;
            // The text may be as printed: a name broken over two lines.
            let name = squash(strip_roles(name));
            name.contains(' ').then(|| Person {
                name,
                party: Some(party.to_string()),
                ..Person::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(w: &Who) -> Vec<(String, Option<String>)> {
        w.persons
            .iter()
            .map(|p| (p.name.clone(), p.party.clone()))
            .collect()
    }

    #[test]
    fn persons_with_roles_and_wrapped_lists() {
        let w = who(
            "Axel Josefson (M), Hampus Magnusson (M), Martin Wannholt (D), Axel Darvik (L) och tjänstgörande ersättaren Nina Miskovsky (M)",
            &[],
        );
        assert_eq!(
            names(&w).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(),
            [
                "Axel Josefson",
                "Hampus Magnusson",
                "Martin Wannholt",
                "Axel Darvik",
                "Nina Miskovsky"
            ]
        );
        let w = who("Ordföranden Jonas Attenius (S)", &[]);
        assert_eq!(names(&w), [("Jonas Attenius".into(), Some("S".into()))]);
    }

    #[test]
    fn party_groups() {
        let w = who("Ledamöterna från M, D, L och KD", &[]);
        assert_eq!(w.parties, ["M", "D", "L", "KD"]);
        let w = who("Representanterna från S, V och MP", &[]);
        assert_eq!(w.parties, ["S", "V", "MP"]);
        let w = who("Moderaterna, Kristdemokraterna och Liberalerna", &[]);
        assert_eq!(w.parties, ["M", "KD", "L"]);
        assert!(who("Sverigedemokraternas förslag", &[]).is_empty());
    }

    #[test]
    fn a_member_named_without_a_party_gets_it_from_the_member_list() {
        let members = [Person {
            name: "Jonas Attenius".into(),
            party: Some("S".into()),
            ..Person::default()
        }];
        let w = who("Ordföranden Jonas Attenius", &members);
        assert_eq!(names(&w), [("Jonas Attenius".into(), Some("S".into()))]);
    }

    #[test]
    fn a_subject_that_is_running_text_names_nobody() {
        assert!(
            who(
                "I samband med ärendets behandling och efter en lång diskussion om budgeten har Anna Berg (S)",
                &[]
            )
            .is_empty()
        );
        assert!(who("Ordföranden", &[]).is_empty());
    }
}
