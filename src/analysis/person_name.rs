//! A person's name as one index term, the same at index and query time:
//! lowercase, accents folded ("Jörgen" and "Jorgen" are one key), words
//! kept whole (hyphens and apostrophes inside them), anything else between
//! words one space. A name is indexed under its full key and its last
//! word (the surname: `moved:Fogelklou` finds "Jörgen Fogelklou"), so a
//! query is one term lookup, never a scan of stored records.

use super::fold::fold_char;

/// The key of `name` ("Jörgen  Fogelklou" → "jorgen fogelklou"); empty when
/// it has no letters or digits.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() || (matches!(c, '-' | '\'' | '’') && !out.is_empty() && !gap) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            for l in c.to_lowercase() {
                out.push(fold_char(l));
            }
        } else {
            gap = true;
        }
    }
    while out.ends_with(['-', '\'', '’']) {
        out.pop();
    }
    out
}

/// The surname part of a key: its last word, if the key has several.
pub fn surname(key: &str) -> Option<&str> {
    key.rsplit_once(' ').map(|(_, last)| last)
}

/// Pushes the terms of `name` onto `out`: its key and, for a name of
/// several words, its surname; nothing for a name without letters.
pub fn push_name_terms(name: &str, out: &mut Vec<String>) {
    let key = name_key(name);
    if key.is_empty() {
        return;
    }
    if let Some(last) = surname(&key) {
        out.push(last.to_string());
    }
    out.push(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lowercase_folded_and_spaced_once() {
        assert_eq!(name_key("Jörgen  Fogelklou"), "jorgen fogelklou");
        assert_eq!(name_key("Anna-Karin Ström (S)"), "anna-karin strom s");
        assert_eq!(name_key(" Åsa d’Ahl "), "asa d’ahl");
        assert_eq!(name_key("--"), "");
    }

    #[test]
    fn a_name_is_indexed_whole_and_by_its_surname() {
        let mut out = Vec::new();
        push_name_terms("Jörgen Fogelklou", &mut out);
        push_name_terms("Fogelklou", &mut out);
        push_name_terms("", &mut out);
        assert_eq!(out, ["fogelklou", "jorgen fogelklou", "fogelklou"]);
    }
}
