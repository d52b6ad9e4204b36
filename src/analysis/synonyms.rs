//! Everyday words for the municipal domain's terms: people ask for an
//! "äldreboende" where the minutes say "vård- och omsorgsboende", for
//! "dagis" where they say "förskola". A small curated list of groups whose
//! members mean the same in minutes; a query word that is a member also
//! finds the other members, ranked below the word as typed (see
//! `search::rank`). Members are words or phrases, in their base form; they
//! are compared by their stems, so any inflection of a member finds the
//! group.
//!
//! Only equivalences that hold in the language of minutes belong here, not
//! related topics ("skola" is not "utbildning"). Debian's Swedish
//! thesaurus (`mythes-sv`) is the general fallback: see [`super::thesaurus`].

use super::tokenizer::{TokenKind, analyze};
use std::sync::OnceLock;

/// The groups. Each member is a word or a phrase.
pub const GROUPS: &[&[&str]] = &[
    &[
        "äldreboende",
        "vård- och omsorgsboende",
        "särskilt boende",
        "säbo",
        "omsorgsboende",
        "vårdboende",
        "servicehus",
    ],
    &["äldreomsorg", "äldrevård", "omsorg om äldre"],
    &["förskola", "dagis", "daghem", "barnomsorg"],
    &["fritidshem", "fritids"],
    &["gymnasium", "gymnasieskola"],
    &["ai", "artificiell intelligens"],
    &["simhall", "badhus", "simhallsbad", "inomhusbad"],
    &["idrottshall", "sporthall", "gymnastiksal"],
    &["kostnad", "kostar", "kosta", "kostade"],
    &["nedläggning", "avveckling", "stängning"],
    &["försörjningsstöd", "ekonomiskt bistånd", "socialbidrag"],
    &["hemlöshet", "bostadslöshet", "hemlösa"],
    &["cykelväg", "cykelbana", "gång- och cykelväg", "gc-väg"],
    &["parkeringsplats", "p-plats", "parkering"],
    &["va", "vatten och avlopp", "vatten- och avlopp"],
    &["lss", "lagen om stöd och service"],
    &["hvb", "hem för vård eller boende"],
    &["sfi", "svenska för invandrare"],
    &["översiktsplan", "öp"],
    &["narkotika", "droger"],
    &["avfall", "sopor", "renhållning", "sophämtning"],
    &["snöröjning", "vinterväghållning"],
    &["gatubelysning", "vägbelysning"],
    &["solceller", "solpaneler", "solenergi"],
    &["laddstolpar", "laddplatser", "laddinfrastruktur"],
    &["elbil", "elfordon"],
    &["kommunalskatt", "skattesats", "utdebitering"],
    &["upplåning", "lån"],
    &["medarbetare", "anställda", "personal"],
    &["nyanlända", "flyktingmottagande"],
    &["ungdomsgård", "fritidsgård"],
    &["kameraövervakning", "övervakningskameror"],
    &["hbtq", "hbtqi", "hbtq-personer"],
    &["antisemitism", "judehat"],
    &["kollektivtrafik", "busstrafik", "lokaltrafik"],
    &["bostäder", "lägenheter"],
    &["hyresrätter", "hyreslägenheter"],
    &["trygghet", "otrygghet"],
    &["vindkraft", "vindkraftverk", "vindkraftspark"],
    &["upphandling", "inköp"],
    &["försäljning", "sälja", "avyttring"],
    &["förvärv", "köpa", "köp"],
    &["arvode", "arvoden", "arvodering"],
    &["e-förslag", "medborgarförslag"],
    &["återvandring", "flytta hem", "återflyttning"],
    &["invandrare", "migranter", "utrikes födda"],
    &["mobiltelefon", "mobil", "mobiltelefoner"],
];

/// A group member analysed: its stems, and whether it is one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The member as written.
    pub text: &'static str,
    /// Its whole words' stems, in order.
    pub stems: Vec<String>,
}

fn members() -> &'static Vec<Vec<Member>> {
    static MEMBERS: OnceLock<Vec<Vec<Member>>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        GROUPS
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|&text| Member {
                        text,
                        stems: analyze(text)
                            .into_iter()
                            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Code))
                            .map(|t| t.text)
                            .collect(),
                    })
                    .collect()
            })
            .collect()
    })
}

/// A member of several words at the start of `stems` (the stems of a
/// query's content words, function words left out): how many words it
/// takes, the member, and the other members of its group. "artificiell
/// intelligens" → (2, …, ["ai"]).
pub fn expression_at(stems: &[&str]) -> Option<(usize, &'static Member, Vec<&'static Member>)> {
    for group in members() {
        for m in group {
            let content: Vec<&str> = m
                .stems
                .iter()
                .map(String::as_str)
                .filter(|s| !super::stopwords::is_function_word(s))
                .collect();
            if content.len() >= 2 && stems.starts_with(&content) {
                let others = group.iter().filter(|o| o.text != m.text).collect();
                return Some((content.len(), m, others));
            }
        }
    }
    None
}

/// The other members of the groups that a one-word member with stem
/// `stem` belongs to.
pub fn synonyms_of(stem: &str) -> Vec<&'static Member> {
    let mut out: Vec<&'static Member> = Vec::new();
    for group in members() {
        if group
            .iter()
            .any(|m| m.stems.len() == 1 && m.stems[0] == stem)
        {
            for m in group {
                let same = m.stems.len() == 1 && m.stems[0] == stem;
                if !same && !out.iter().any(|o| o.text == m.text) {
                    out.push(m);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str) -> String {
        analyze(w).remove(0).text
    }

    #[test]
    fn an_inflected_member_finds_its_group() {
        let found: Vec<&str> = synonyms_of(&stem("äldreboenden"))
            .iter()
            .map(|m| m.text)
            .collect();
        assert!(found.contains(&"vård- och omsorgsboende"), "{found:?}");
        assert!(!found.contains(&"äldreboende"));
        let found: Vec<&str> = synonyms_of(&stem("AI")).iter().map(|m| m.text).collect();
        assert_eq!(found, ["artificiell intelligens"]);
        assert!(synonyms_of(&stem("budget")).is_empty());
    }

    #[test]
    fn an_expression_of_several_words_finds_its_group() {
        let stems: Vec<String> = ["artificiell", "intelligens", "kommunen"]
            .iter()
            .map(|w| stem(w))
            .collect();
        let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
        let (n, m, others) = expression_at(&stems).unwrap();
        assert_eq!((n, m.text), (2, "artificiell intelligens"));
        assert_eq!(others.iter().map(|o| o.text).collect::<Vec<_>>(), ["ai"]);
        assert!(expression_at(&stems[1..]).is_none());
    }

    #[test]
    fn every_member_has_words() {
        for group in members() {
            assert!(group.len() >= 2);
            for m in group {
                assert!(!m.stems.is_empty(), "{}", m.text);
            }
        }
    }
}
