//! Political parties by name and by letters. Minutes write a party by its
//! letters ("Jonas Attenius (S)", "yrkande från V, S och MP"), people ask
//! by its name ("Vänsterpartiets yrkande"); a query word that names a party
//! also finds its letters, and letters typed as such (upper case) also find
//! the name. The national parties, their older names, and local parties
//! that councils print with letters of their own.

/// One party: its letters (as printed, upper case) and the stems of its
/// name's forms (a word of the query whose Snowball stem starts with one of
/// them names the party: "vänsterpartiets" → `vänsterpartiet`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party {
    /// Its letters, e.g. "MP".
    pub letters: &'static str,
    /// Its name, e.g. "Miljöpartiet".
    pub name: &'static str,
    /// Lowercase beginnings of the words that name it.
    pub name_stems: &'static [&'static str],
}

/// The parties known by name.
pub const PARTIES: &[Party] = &[
    Party {
        letters: "S",
        name: "Socialdemokraterna",
        name_stems: &["socialdemokrat", "sossar"],
    },
    Party {
        letters: "M",
        name: "Moderaterna",
        name_stems: &["moderaterna", "moderata samlingsparti"],
    },
    Party {
        letters: "SD",
        name: "Sverigedemokraterna",
        name_stems: &["sverigedemokrat"],
    },
    Party {
        letters: "C",
        name: "Centerpartiet",
        name_stems: &["centerparti"],
    },
    Party {
        letters: "V",
        name: "Vänsterpartiet",
        name_stems: &["vänsterparti"],
    },
    Party {
        letters: "KD",
        name: "Kristdemokraterna",
        name_stems: &["kristdemokrat"],
    },
    Party {
        letters: "L",
        name: "Liberalerna",
        name_stems: &["liberalerna"],
    },
    Party {
        letters: "FP",
        name: "Folkpartiet",
        name_stems: &["folkparti"],
    },
    Party {
        letters: "MP",
        name: "Miljöpartiet",
        name_stems: &["miljöparti"],
    },
    Party {
        letters: "FI",
        name: "Feministiskt initiativ",
        name_stems: &["feministiskt initiativ", "feminist"],
    },
    Party {
        letters: "D",
        name: "Demokraterna",
        name_stems: &["demokraterna"],
    },
    Party {
        letters: "SJVP",
        name: "Sjukvårdspartiet",
        name_stems: &["sjukvårdsparti"],
    },
    Party {
        letters: "MED",
        name: "Medborgerlig samling",
        name_stems: &["medborgerlig samling"],
    },
];

/// The party a query word (lowercase, as typed) names, with how many words
/// of `next` (the query's following words, lowercase) the name takes up
/// too ("feministiskt initiativ").
pub fn party_named(word: &str, next: &[&str]) -> Option<(&'static Party, usize)> {
    for party in PARTIES {
        for stem in party.name_stems {
            let mut parts = stem.split(' ');
            let first = parts.next().unwrap_or_default();
            let rest: Vec<&str> = parts.collect();
            if !word.starts_with(first) {
                continue;
            }
            // "demokraterna" names D, but "socialdemokraterna" is S and
            // "kristdemokraterna" KD: the whole word must start with it.
            if rest.is_empty() {
                return Some((party, 0));
            }
            if rest.len() <= next.len() && rest.iter().zip(next).all(|(r, n)| n.starts_with(r)) {
                return Some((party, rest.len()));
            }
        }
    }
    None
}

/// The party whose letters `word` is, as typed: upper case (or "Fi"), so
/// that "s" and "m" of running text are not taken for parties.
pub fn party_lettered(word: &str) -> Option<&'static Party> {
    if word.chars().count() > 4 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let upper = word.to_uppercase();
    if word != upper && upper != "FI" {
        return None;
    }
    PARTIES.iter().find(|p| p.letters == upper)
}

/// A party as an index term (the `reserved` and `moved` fields): its
/// letters as printed, upper case ("SD", "VGV"), the same for "sd" typed.
pub fn party_term(letters: &str) -> String {
    if letters.chars().any(char::is_lowercase) {
        letters.to_uppercase()
    } else {
        letters.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_their_forms_name_the_party() {
        let letters = |w: &str| party_named(w, &[]).map(|(p, _)| p.letters);
        assert_eq!(letters("vänsterpartiets"), Some("V"));
        assert_eq!(letters("sverigedemokraterna"), Some("SD"));
        assert_eq!(letters("socialdemokraternas"), Some("S"));
        assert_eq!(letters("kristdemokraterna"), Some("KD"));
        assert_eq!(letters("demokraterna"), Some("D"));
        assert_eq!(letters("moderaternas"), Some("M"));
        assert_eq!(letters("miljöpartiet"), Some("MP"));
        assert_eq!(letters("budget"), None);
        assert_eq!(
            party_named("feministiskt", &["initiativ"]).map(|(p, n)| (p.letters, n)),
            Some(("FI", 1))
        );
    }

    #[test]
    fn letters_only_in_upper_case() {
        assert_eq!(
            party_lettered("SD").map(|p| p.name),
            Some("Sverigedemokraterna")
        );
        assert_eq!(party_lettered("Fi").map(|p| p.letters), Some("FI"));
        assert_eq!(party_lettered("V").map(|p| p.letters), Some("V"));
        assert!(party_lettered("s").is_none());
        assert!(party_lettered("Sd").is_none());
        assert!(party_lettered("KS").is_none());
    }
}
