//! Organ names: the body that met ("Kommunstyrelsen", "Barn- och
//! utbildningsnämnden", "Kommunstyrelsens arbetsutskott", "Valnämnden",
//! "Kommunrevisionen"). An organ's name ends in a word for a body; the
//! words before it that belong to the name are a capitalised first word,
//! words joined by "och" after a hyphen ("Bygg-, miljö- och"), and an
//! owner in the genitive ("Kommunstyrelsens").

use super::text::{re, squash};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The ends of a body's name: "nämnden", "styrelse", "utskottet", ….
const BODY_WORDS: &[&str] = &[
    "styrelse",
    "styrelsen",
    "nämnd",
    "nämnden",
    "fullmäktige",
    "utskott",
    "utskottet",
    "beredning",
    "beredningen",
    "råd",
    "rådet",
    "kommitté",
    "kommittén",
    "presidium",
    "presidiet",
    "direktion",
    "direktionen",
    "delegation",
    "delegationen",
    "revision",
    "revisionen",
    "revisorer",
    "revisorerna",
];

/// A line that is an organ's name and nothing else.
static ORGAN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[A-ZÅÄÖ][A-Za-zÅÄÖåäöÉéÜü ,-]{0,60}(?:styrelse|styrelsen|nämnd|nämnden|fullmäktige|utskott|utskottet|beredning|beredningen|råd|rådet|kommitté|kommittén|presidium|presidiet|direktion|direktionen|delegation|delegationen|revisionen|revisorerna)$",
    )
});

static ORGAN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)^(?P<organ>[A-ZÅÄÖ][A-Za-zÅÄÖåäöÉéÜü]+(?:s [A-Za-zÅÄÖåäöÉéÜü]+)?(?:styrelse|styrelsen|nämnd|nämnden|fullmäktige|utskott|utskottet|beredning|beredningen|rådet|kommittén|presidiet|direktionen))\s+(?:beslutar|föreslår)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

/// True if `t` is an organ's name and nothing else.
pub(crate) fn is_organ_line(t: &str) -> bool {
    t.len() <= 72 && ORGAN_LINE.is_match(t)
}

/// True if the word `w` ends a body's name ("Utbildningsnämnden", "KOMMUNSTYRELSEN").
fn ends_body(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ':', ';']).to_lowercase();
    BODY_WORDS.iter().any(|b| w.ends_with(b))
        // "Styrelsen" alone is a name; "-styrelsen" ends one.
        && w.chars().count() >= 4
}

/// The organ's name in a line that holds it among other words
/// ("Sammanträdesprotokoll Barn- och utbildningsnämnden", "Protokoll för
/// Kommunstyrelsens arbetsutskott 2024-05-08"): the last run of words that
/// ends in a body word and reads as a name.
pub(crate) fn organ_in(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let end = words.iter().rposition(|w| ends_body(w))?;
    let mut start = end;
    while start > 0 {
        let prev = words[start - 1];
        let first = words[start];
        let joins = prev.ends_with('-') || prev.ends_with("-,")
            // "… och utbildningsnämnden" after "Barn-"
            || (prev.eq_ignore_ascii_case("och") && start >= 2 && words[start - 2].ends_with(['-', ',']))
            // "Kommunstyrelsens arbetsutskott", "Tekniska nämnden"
            || ((prev.ends_with('s') || prev.ends_with('a')) && capitalised(prev) && !capitalised(first))
            || (is_upper(prev) && is_upper(first) && prev.len() > 2 && !is_header_word(prev));
        if !joins || is_header_word(prev) {
            break;
        }
        start -= 1;
    }
    let name = words[start..=end].join(" ");
    let name = name.trim_end_matches([',', '.', ':', ';']);
    if !capitalised(words[start]) {
        return None;
    }
    let name = if is_upper(name) {
        super::text::sentence_case(name)
    } else {
        squash(name)
    };
    Some(name)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Words of a page header that stand before an organ's name but are no part of it.
fn is_header_word(w: &str) -> bool {
    let w = w.trim_end_matches([':', ',']).to_lowercase();
    matches!(
        w.as_str(),
        "protokoll" | "sammanträdesprotokoll" | "för" | "från" | "med" | "organ" | "kallelse"
    ) || w.ends_with("protokoll")
}

/// The organ named as subject of "X beslutar" / "X föreslår" most often.
pub(crate) fn organ_from_decisions(text: &str) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in ORGAN_SUBJECT.captures_iter(text) {
        *counts.entry(m["organ"].to_string()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

/// `value`, an organ as a label or a folder gave it, or a name the document
/// gives that it is a short form of: "val" is "Valnämnden" where the
/// document names Valnämnden, "revision" is "Kommunrevisionen". A value
/// that is a name already is kept.
pub(crate) fn full_name(value: &str, named: &[&str]) -> String {
    if capitalised(value) && value.split_whitespace().last().is_some_and(ends_body) {
        return value.to_string();
    }
    let v = value.trim().to_lowercase();
    if v.len() >= 3
        && let Some(n) = named
            .iter()
            .find(|n| n.to_lowercase().split_whitespace().any(|w| w.contains(&v)))
    {
        return n.to_string();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_inside_header_lines() {
        for (line, organ) in [
            (
                "Sammanträdesprotokoll Barn- och utbildningsnämnden",
                "Barn- och utbildningsnämnden",
            ),
            (
                "Barn- och ungdomsnämnden Protokoll",
                "Barn- och ungdomsnämnden",
            ),
            (
                "Protokoll för Kommunstyrelsens arbetsutskott 2024-05-08",
                "Kommunstyrelsens arbetsutskott",
            ),
            ("Tekniska nämnden", "Tekniska nämnden"),
            ("HÖGSBY KOMMUN Kommunstyrelsen", "Kommunstyrelsen"),
            ("SAMMANTRÄDESPROTOKOLL KOMMUNSTYRELSEN", "Kommunstyrelsen"),
            (
                "Bygg-, miljö- och hälsoskyddsnämnden",
                "Bygg-, miljö- och hälsoskyddsnämnden",
            ),
            ("Protokoll Valnämnden", "Valnämnden"),
            ("Kommunrevisionen", "Kommunrevisionen"),
        ] {
            assert_eq!(organ_in(line).as_deref(), Some(organ), "{line}");
        }
        for line in ["Protokoll 2024-05-08", "Sida 3 av 12", "beslut i nämnden"] {
            assert_eq!(organ_in(line), None, "{line}");
        }
    }

    #[test]
    fn a_short_form_is_the_name_the_document_gives() {
        assert_eq!(full_name("val", &["Valnämnden"]), "Valnämnden");
        assert_eq!(
            full_name("revision", &["Kommunrevisionen"]),
            "Kommunrevisionen"
        );
        assert_eq!(
            full_name("Kommunstyrelsen", &["Valnämnden"]),
            "Kommunstyrelsen"
        );
        assert_eq!(full_name("ks", &[]), "ks");
    }

    #[test]
    fn organ_lines() {
        assert!(is_organ_line("Kommunstyrelsen"));
        assert!(is_organ_line("Barn- och ungdomsnämnden"));
        assert!(is_organ_line("Kommunrevisionen"));
        assert!(!is_organ_line("Ärenden till kommunstyrelsen."));
    }
}
