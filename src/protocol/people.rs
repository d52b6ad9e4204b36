//! People in a protocol: a line that names a person ("Anna Andersson (S),
//! ordförande", "Lena Holm (S) tjänstgörande ersättare för Ali Yilmaz
//! (S)"), and the headers of the groups they are listed in (Beslutande,
//! Tjänstgörande ersättare, Övriga närvarande, …).

use super::model::Person;
use super::text::{eq_lowercase, fold, re, squash};
use regex::Regex;
use std::sync::LazyLock;

pub(crate) static PARTY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\((?P<party>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5})\)"));

static PARAGRAPH_REFS: LazyLock<Regex> =
    LazyLock::new(|| re(r"§§?\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*"));

/// Lowercase words that may stand inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &["von", "af", "de", "van", "der"];

/// Role of a group of names in the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Members,
    ServingSubstitutes,
    Substitutes,
    Others,
}

pub(crate) fn group_header(t: &str) -> Option<Option<Group>> {
    group_of(&fold(t.trim_end_matches(':')))
}

/// The longest group header [`group_header`] knows, in bytes.
const GROUP_HEADER_MAX: usize = 40;

/// A group header with the group's first name on its line, as a two-column
/// front page reads once its text is extracted: "Beslutande  Anna Andersson
/// (S), ordförande". Returns the group and the rest of the line.
pub(crate) fn group_header_with_name(t: &str) -> Option<(Option<Group>, &str)> {
    // Cheap test first: the first word of every group header.
    const FIRST_WORDS: &[&str] = &[
        "ledamöter",
        "ledamot",
        "tjänstgörande",
        "beslutande",
        "närvarande",
        "ordinarie",
        "ersättare",
        "övriga",
        "ej",
        "icke",
        "tjänstepersoner",
        "tjänstemän",
        "under",
        "föredragande",
    ];
    let first = t.split(|c: char| c.is_whitespace() || c == ':').next()?;
    if !FIRST_WORDS.iter().any(|w| eq_lowercase(first, w)) {
        return None;
    }
    // The header is the longest prefix of whole words that is one.
    let mut ends: Vec<usize> = t
        .char_indices()
        .filter(|&(i, c)| c.is_whitespace() && i <= GROUP_HEADER_MAX)
        .map(|(i, _)| i)
        .collect();
    ends.dedup_by(|b, a| *b == *a + 1);
    ends.iter().rev().find_map(|&end| {
        let rest = t[end..].trim_start();
        let g = group_of(&fold(t[..end].trim_end_matches(':')))?;
        (!rest.is_empty()).then_some((g, rest))
    })
}

fn group_of(f: &str) -> Option<Option<Group>> {
    let g = match f {
        "ledamöter"
        | "ledamot"
        | "tjänstgörande ledamöter"
        | "beslutande"
        | "beslutande ledamöter"
        | "närvarande ledamöter"
        | "ordinarie ledamöter" => Some(Group::Members),
        "tjänstgörande ersättare" => Some(Group::ServingSubstitutes),
        "ersättare"
        | "närvarande ersättare"
        | "övriga ersättare"
        | "ej tjänstgörande ersättare"
        | "icke tjänstgörande ersättare"
        | "närvarande ej tjänstgörande ersättare" => Some(Group::Substitutes),
        "övriga närvarande"
        | "övriga deltagande"
        | "övriga deltagare"
        | "tjänstepersoner"
        | "tjänstemän"
        | "under föredragningarna"
        | "närvarande tjänstepersoner"
        | "föredragande"
        | "övriga"
        | "närvarande tjänstemän" => Some(Group::Others),
        "närvarande" => None,
        _ => return None,
    };
    Some(g)
}

/// Parses "Andreas Svahn (S) (ordförande)", "Christina Nordenö (S) för Anna
/// Strandh Proos (M)", "Kristina Berglund, sekreterare", "Ordföranden Jonas
/// Attenius (S)", "Ann Christin Hamrén sekreterare". `None` if the line does
/// not read as a person.
pub(crate) fn parse_person(line: &str) -> Option<Person> {
    let line = squash(&PARAGRAPH_REFS.replace_all(line, ""));
    let mut s = line.as_str();
    let mut role: Option<String> = None;
    // A role before the name.
    for pre in [
        "Förste vice ordföranden ",
        "Andre vice ordföranden ",
        "Tredje vice ordföranden ",
        "2:e vice ordföranden ",
        "1:e vice ordföranden ",
        "Vice ordföranden ",
        "Ordföranden ",
        "Ordförande ",
    ] {
        if let Some(rest) = s.strip_prefix(pre) {
            role = Some(pre.trim().trim_end_matches('n').to_lowercase());
            s = rest;
            break;
        }
    }
    let (name, party, tail) = if let Some(m) = PARTY.captures(s) {
        let whole = m.get(0)?;
        (
            s[..whole.start()].trim(),
            Some(m["party"].to_string()),
            s[whole.end()..].trim(),
        )
    } else if let Some((n, t)) = s.split_once(',') {
        (n.trim(), None, t.trim())
    } else {
        // The name is the run of capitalised words; what follows is the role.
        let mut end = 0;
        for (i, w) in s.split(' ').enumerate() {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if !(cap || i > 0 && NAME_PARTICLES.contains(&w)) {
                break;
            }
            end += w.len() + usize::from(i > 0);
        }
        let end = end.min(s.len());
        (s[..end].trim(), None, s[end..].trim())
    };
    if !is_name(name) {
        return None;
    }
    let mut replacing = None;
    let mut tail = tail.trim_matches(|c: char| c == ',' || c.is_whitespace());
    if let Some(r) = tail
        .strip_prefix("för ")
        .or_else(|| tail.strip_prefix("ersätter "))
    {
        let r = PARTY.replace_all(r, "");
        replacing = Some(squash(&r));
        tail = "";
    } else if let Some(at) = tail.find(" för ").or_else(|| tail.find(" ersätter ")) {
        // "tjänstgörande ersättare för Ali Yilmaz (S)": a role, then whom.
        let after = &tail[at + 1..];
        let r = after.split_once(' ').map_or("", |(_, r)| r);
        let r = squash(&PARTY.replace_all(r, ""));
        if is_name(&r) {
            replacing = Some(r);
            tail = tail[..at].trim_end_matches([',', ' ']);
        }
    }
    let tail = tail.trim_matches(|c: char| c == '(' || c == ')' || c == ',' || c.is_whitespace());
    if !tail.is_empty() {
        role = Some(tail.to_string());
    }
    Some(Person {
        name: name.to_string(),
        party,
        role,
        replacing,
    })
}

pub(crate) fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && name.len() <= 60
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == '§')
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w))
}

pub(crate) fn names(value: &str) -> Vec<String> {
    value
        .split([',', '&'])
        .flat_map(|p| p.split(" och "))
        .map(|n| squash(&PARTY.replace_all(n, "")))
        .filter(|n| is_name(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people() {
        let p = parse_person("Andreas Svahn (S) (ordförande)").unwrap();
        assert_eq!(
            (p.name.as_str(), p.party.as_deref(), p.role.as_deref()),
            ("Andreas Svahn", Some("S"), Some("ordförande"))
        );
        let p = parse_person("Christina Nordenö (S) för Anna Strandh Proos (M)").unwrap();
        assert_eq!(p.replacing.as_deref(), Some("Anna Strandh Proos"));
        let p = parse_person("Lena Holm (S) tjänstgörande ersättare för Ali Yilmaz (S)").unwrap();
        assert_eq!(
            (p.role.as_deref(), p.replacing.as_deref()),
            (Some("tjänstgörande ersättare"), Some("Ali Yilmaz"))
        );
        let p = parse_person("Kristina Berglund, sekreterare").unwrap();
        assert_eq!(p.role.as_deref(), Some("sekreterare"));
        let p = parse_person("Ann Christin Hamrén sekreterare").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_deref()),
            ("Ann Christin Hamrén", Some("sekreterare"))
        );
        let p = parse_person("Ordföranden Jonas Attenius (S)").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_deref()),
            ("Jonas Attenius", Some("ordförande"))
        );
        let p = parse_person("Karolina Strid, chef Staben Hälso- och sjukvård §§76-78").unwrap();
        assert_eq!(p.role.as_deref(), Some("chef Staben Hälso- och sjukvård"));
        assert!(
            parse_person("Inför sammanträdet lämnas följande informationer (se bilaga A-B):")
                .is_none()
        );
        assert!(parse_person("Patientsäkerhetsberättelse 2024").is_none());
    }
}
