//! Where the Swedish Snowball stemmer falls short: forms of one word that
//! it stems apart. A query word is also looked for in these other forms,
//! and the search keeps only those the index has (its term dictionary is
//! the lexicon that decides; see `search::expand`).
//!
//! What Snowball misses, measured on the words of minutes:
//! - the neuter definite in -et: "busskortet" `busskortet`, "busskort"
//!   `busskort`; "utskottet" `utskottet`, "utskott" `utskot`;
//! - the genitive of some plurals: "ledamöters" `ledamöter`, "ledamöter"
//!   `ledamöt`;
//! - nouns in -nad: "kostnad" `kostn`, "kostnader" `kostnad`;
//! - nouns that drop an e: "cykel" `cykel`, "cyklar" `cykl`; "regel",
//!   "regler"; "vatten", "vattnet";
//! - Latin nouns in -um: "kriterium", "kriterier" `kriteri`; "museum",
//!   "museer";
//! - plurals with another vowel: "bok" and "böcker", "stad" and "städer",
//!   "ledamot" and "ledamöter": a closed list ([`UMLAUT_PLURALS`]), also as
//!   the last part of a compound ("kvalitetsböcker");
//! - the definite of nouns in -a ("skolan" against "skola", "skolor"):
//!   [`super::definite_a_form`];
//! - short adjectives: "ny", "nya", "nytt" (Snowball leaves words this
//!   short as they are);
//! - a verb and its action noun, which questions and minutes put
//!   differently ("stänga" and "stängning", "utreda" and "utredning",
//!   "förbjuda" and "förbud"): [`derived`].
//!
//! The Debian Hunspell dictionary (`hunspell-sv`, read with the `spellbook`
//! crate) was measured for this job and not kept: it takes 250 ms to load,
//! longer than a whole search may, and suggestions 0.4 to 1.2 s a word;
//! irregular plurals are separate entries in it ("böcker" is not linked to
//! "bok"), so it would not have joined them either.

use super::stem::{Stemmer, lower_into};

/// Plural stems whose vowel differs from the singular's, as Snowball
/// leaves them: (singular stem, plural stem).
pub const UMLAUT_PLURALS: &[(&str, &str)] = &[
    ("bok", "böck"),
    ("stad", "städ"),
    ("land", "länd"),
    ("hand", "händ"),
    ("tand", "tänd"),
    ("strand", "stränd"),
    ("brand", "bränd"),
    ("rand", "ränd"),
    ("stång", "stäng"),
    ("tång", "täng"),
    ("natt", "nätt"),
    ("rot", "rött"),
    ("fot", "fött"),
    ("son", "sön"),
    ("bond", "bönd"),
    ("man", "män"),
    ("mus", "möss"),
    ("gås", "gäss"),
    ("ledamot", "ledamöt"),
    ("dotter", "döttr"),
    ("moder", "mödr"),
    ("fader", "fädr"),
    ("broder", "brödr"),
];

/// Shortest first part before a plural's head in a compound ("kvalitets"
/// + "böck").
const MIN_FIRST_PART: usize = 3;

/// Other stems of the word `word` (as typed, any case) than Snowball's
/// own `stem`, which the same word may have in the text: candidates, to
/// be kept only where the index has them. Never `stem` itself; no
/// duplicates.
pub fn other_stems(word: &str, stem: &str) -> Vec<String> {
    let mut lower = String::new();
    lower_into(word, &mut lower);
    if !lower.chars().all(char::is_alphabetic) || lower.chars().count() < 2 {
        return Vec::new();
    }
    if lower.chars().count() == 2 && !ends_with_vowel(&lower) {
        return Vec::new();
    }
    let mut forms: Vec<String> = Vec::new();
    // The neuter definite: strip it, or add it.
    for ending in ["ets", "et"] {
        if let Some(base) = lower.strip_suffix(ending)
            && base.chars().count() >= 3
        {
            forms.push(base.to_string());
            if let Some(single) = undouble(base) {
                forms.push(single);
            }
        }
    }
    if !ends_with_vowel(&lower) {
        forms.push(format!("{lower}et"));
        if let Some(double) = double_last(&lower) {
            forms.push(format!("{double}et"));
        }
    }
    // A genitive -s.
    if let Some(base) = lower.strip_suffix('s')
        && base.chars().count() >= 4
    {
        forms.push(base.to_string());
    }
    // -nad, -nader, -naden.
    if lower.ends_with("nad") {
        forms.push(format!("{lower}er"));
    }
    for ending in ["nader", "naden", "nadens", "naderna"] {
        if let Some(base) = lower.strip_suffix(ending) {
            forms.push(format!("{base}nad"));
        }
    }
    // -um, -ier / -eer.
    if let Some(base) = lower.strip_suffix("um")
        && base.chars().count() >= 4
    {
        forms.push(format!("{base}er"));
    }
    for (ending, back) in [
        ("ier", "ium"),
        ("ierna", "ium"),
        ("eer", "eum"),
        ("eet", "eum"),
    ] {
        if let Some(base) = lower.strip_suffix(ending)
            && base.chars().count() >= 3
        {
            forms.push(format!("{base}{back}"));
        }
    }
    // Short adjectives, which Snowball leaves whole: "ny", "nya", "nytt".
    let chars = lower.chars().count();
    if chars <= 5 {
        if let Some(base) = lower.strip_suffix("tt").or_else(|| lower.strip_suffix('a'))
            && base.chars().count() >= 2
        {
            forms.push(base.to_string());
            forms.push(format!("{base}a"));
            forms.push(format!("{base}tt"));
        } else if ends_with_vowel(&lower) {
            forms.push(format!("{lower}a"));
            forms.push(format!("{lower}tt"));
        }
    }
    // A dropped e: "cykel" ~ "cyklar", "regel" ~ "regler", "vatten" ~ "vattnet".
    if let Some(dropped) = drop_e(&lower) {
        forms.push(dropped);
    }
    for ending in ["arna", "erna", "ar", "er", "et", "en", "na", "a"] {
        if let Some(base) = lower.strip_suffix(ending)
            && let Some(with_e) = insert_e(base)
        {
            forms.push(with_e);
        }
    }

    let mut stemmer = Stemmer::new();
    let mut out: Vec<String> = Vec::new();
    let mut s = String::new();
    for form in &forms {
        stemmer.stem_into(form, &mut s);
        if s != stem && !out.contains(&s) {
            out.push(s.clone());
        }
    }
    for other in derived(stem) {
        if other != stem && !out.contains(&other) {
            out.push(other);
        }
    }
    for other in umlaut_forms(stem) {
        if other != stem && !out.contains(&other) {
            out.push(other);
        }
    }
    out
}

/// A verb's action noun and back: `utred` ("utreda") and `utredning`,
/// `stäng` and `stängning`, `parker` and `parkering`; and `förbjud`
/// ("förbjuda") and `förbud`. Stems of four letters or more.
pub fn derived(stem: &str) -> Vec<String> {
    if stem.chars().count() < 4 || !stem.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut out = Vec::new();
    match stem
        .strip_suffix("ning")
        .or_else(|| stem.strip_suffix("ing"))
    {
        Some(base) if base.chars().count() >= 4 => out.push(base.to_string()),
        Some(_) => {}
        None => {
            out.push(format!("{stem}ning"));
            out.push(format!("{stem}ing"));
        }
    }
    if let Some(base) = stem.strip_suffix("bjud") {
        out.push(format!("{base}bud"));
    } else if let Some(base) = stem.strip_suffix("bud") {
        out.push(format!("{base}bjud"));
    }
    out
}

/// The stem with its (last part's) plural or singular vowel changed:
/// `böck` → `bok`, `kvalitetsbok` → `kvalitetsböck`.
pub fn umlaut_forms(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    for &(singular, plural) in UMLAUT_PLURALS {
        for (from, to) in [(singular, plural), (plural, singular)] {
            if let Some(first) = stem.strip_suffix(from)
                && (first.is_empty() || first.chars().count() >= MIN_FIRST_PART)
            {
                out.push(format!("{first}{to}"));
            }
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é')
}

fn ends_with_vowel(word: &str) -> bool {
    word.chars().last().is_some_and(is_vowel)
}

/// "programm" → "program".
fn undouble(word: &str) -> Option<String> {
    let mut chars = word.chars().rev();
    let (a, b) = (chars.next()?, chars.next()?);
    (a == b && !is_vowel(a)).then(|| word[..word.len() - a.len_utf8()].to_string())
}

/// "program" → "programm": a single m or n after a short vowel doubles
/// before an ending.
fn double_last(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    (n >= 4
        && matches!(chars[n - 1], 'm' | 'n')
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3]))
    .then(|| format!("{word}{}", chars[n - 1]))
}

/// "cykel" → "cykl", "vatten" → "vattn", "regel" → "regl": a last
/// syllable e between consonants, before l, r or n.
fn drop_e(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 5 {
        return None;
    }
    let (c1, e, c2) = (chars[n - 3], chars[n - 2], chars[n - 1]);
    (e == 'e' && !is_vowel(c1) && matches!(c2, 'l' | 'r' | 'n'))
        .then(|| chars[..n - 2].iter().chain(&chars[n - 1..]).collect())
}

/// "cykl" → "cykel", "vattn" → "vatten": the e back between the last two
/// consonants, before l, r or n.
fn insert_e(base: &str) -> Option<String> {
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    if n < 4 {
        return None;
    }
    let (c1, c2) = (chars[n - 2], chars[n - 1]);
    (!is_vowel(c1) && c1 != c2 && matches!(c2, 'l' | 'r' | 'n') && is_vowel(chars[n - 3])
        || (!is_vowel(c1) && matches!(c2, 'l' | 'r' | 'n') && c1 == chars[n - 3]))
        .then(|| {
            chars[..n - 1]
                .iter()
                .chain(std::iter::once(&'e'))
                .chain(&chars[n - 1..])
                .collect()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut s = Stemmer::new();
        let mut out = String::new();
        s.stem_into(word, &mut out);
        out
    }

    /// Whether the two words are joined: one's other stems hold the other's stem.
    fn joined(a: &str, b: &str) -> bool {
        other_stems(a, &stem(a)).contains(&stem(b)) || stem(a) == stem(b)
    }

    #[test]
    fn forms_snowball_stems_apart_are_joined() {
        for (a, b) in [
            ("busskortet", "busskort"),
            ("busskort", "busskortet"),
            ("kallbadhuset", "kallbadhus"),
            ("utskottet", "utskott"),
            ("vårdvalsutskottet", "vårdvalsutskott"),
            ("programmet", "program"),
            ("program", "programmet"),
            ("ledamöters", "ledamöter"),
            ("kostnad", "kostnader"),
            ("kostnaderna", "kostnad"),
            ("cykel", "cyklar"),
            ("cyklar", "cykel"),
            ("regler", "regel"),
            ("vattnet", "vatten"),
            ("kriterium", "kriterier"),
            ("kriterier", "kriterium"),
            ("böcker", "bok"),
            ("bok", "böcker"),
            ("kvalitetsböcker", "kvalitetsbok"),
            ("städer", "stad"),
            ("ledamöter", "ledamot"),
            ("utreda", "utredningen"),
            ("stängning", "stänga"),
            ("parkera", "parkeringen"),
            ("förbjuda", "förbud"),
            ("nya", "ny"),
            ("ny", "nytt"),
        ] {
            assert!(
                joined(a, b),
                "{a} ~ {b}: {:?} vs {}",
                other_stems(a, &stem(a)),
                stem(b)
            );
        }
    }

    #[test]
    fn no_stem_is_its_own_variant_and_codes_have_none() {
        for w in ["skola", "beslut", "busskortet", "bok"] {
            let s = stem(w);
            assert!(!other_stems(w, &s).contains(&s), "{w}");
        }
        assert!(other_stems("23RS5009", "23rs5009").is_empty());
        assert!(other_stems("ks", "ks").is_empty());
    }

    #[test]
    fn umlaut_heads_need_a_first_part() {
        assert_eq!(umlaut_forms("kvalitetsbok"), vec!["kvalitetsböck"]);
        // "ebok" has too short a first part to be a compound of "bok".
        assert!(umlaut_forms("ebok").is_empty());
    }
}
