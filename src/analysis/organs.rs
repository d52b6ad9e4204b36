//! The bodies that meet: what kinds there are, and the abbreviations
//! minutes and people use for them ("KS" for kommunstyrelsen). A query
//! word is matched against the organ names of the index itself (see
//! `search::understand`); this file only knows the language around them.

/// The kinds of body, as the last part of an organ's name: "Socialnämnden",
/// "Regionstyrelsens arbetsutskott", "Kommunfullmäktige". Lowercase
/// beginnings.
pub const ORGAN_KINDS: &[&str] = &[
    "nämnd",
    "styrelse",
    "utskott",
    "fullmäktig",
    "beredning",
    "råd",
    "direktion",
    "revision",
    "delegation",
];

/// Whether `word` (lowercase) ends in an organ kind ("vårdvalsutskottet",
/// "socialnämnden", "fullmäktige"), and is not that kind alone (unless
/// `bare` is allowed).
pub fn names_organ_kind(word: &str, bare: bool) -> bool {
    ORGAN_KINDS.iter().any(|kind| {
        word.match_indices(kind).any(|(at, _)| {
            let first = word[..at].chars().count();
            (bare || first >= 3) && word[at + kind.len()..].chars().count() <= 4
        })
    })
}

/// Abbreviations of organ names: (abbreviation as printed, the name).
pub const ORGAN_ABBREVIATIONS: &[(&str, &str)] = &[
    ("KS", "kommunstyrelsen"),
    ("KF", "kommunfullmäktige"),
    ("KSAU", "kommunstyrelsens arbetsutskott"),
    ("KSAU", "arbetsutskott"),
    ("AU", "arbetsutskott"),
    ("RS", "regionstyrelsen"),
    ("RF", "regionfullmäktige"),
    ("RSAU", "regionstyrelsens arbetsutskott"),
    ("BUN", "barn- och utbildningsnämnden"),
    ("BUN", "barn- och ungdomsnämnden"),
    ("UN", "utbildningsnämnden"),
    ("SN", "socialnämnden"),
    ("SBN", "stadsbyggnadsnämnden"),
    ("BN", "byggnadsnämnden"),
    ("BMN", "bygg- och miljönämnden"),
    ("MBN", "miljö- och byggnadsnämnden"),
    ("MHN", "miljö- och hälsoskyddsnämnden"),
    ("TN", "tekniska nämnden"),
    ("KFN", "kultur- och fritidsnämnden"),
    ("KUN", "kultur- och utbildningsnämnden"),
    ("VON", "vård- och omsorgsnämnden"),
    ("ON", "omsorgsnämnden"),
    ("ÄN", "äldrenämnden"),
    ("VN", "valnämnden"),
    ("ÖFN", "överförmyndarnämnden"),
];

/// The names an abbreviation (as typed: upper case) stands for.
pub fn abbreviation(word: &str) -> Vec<&'static str> {
    if word.chars().count() < 2 || word.chars().any(|c| !c.is_uppercase()) {
        return Vec::new();
    }
    ORGAN_ABBREVIATIONS
        .iter()
        .filter(|(a, _)| *a == word)
        .map(|(_, name)| *name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_at_the_end_of_a_name() {
        assert!(names_organ_kind("vårdvalsutskottet", false));
        assert!(names_organ_kind("socialnämnden", false));
        assert!(names_organ_kind("kommunfullmäktige", false));
        assert!(!names_organ_kind("nämnden", false));
        assert!(names_organ_kind("nämnden", true));
        assert!(!names_organ_kind("budget", true));
        // A kind in the middle of a word is no organ.
        assert!(!names_organ_kind("nämndsekreterarens", false));
    }

    #[test]
    fn abbreviations_in_upper_case_only() {
        assert_eq!(abbreviation("KS"), ["kommunstyrelsen"]);
        assert!(abbreviation("ks").is_empty());
        assert_eq!(abbreviation("BUN").len(), 2);
    }
}
