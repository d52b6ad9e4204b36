//! Organs and organisations named in a query: "kommunstyrelsen", "KS",
//! "vårdvalsutskottet" for "Regionstyrelsens vårdvalsutskott",
//! "fullmäktige", "tekniska nämnden", "Örebro" for "Region Örebro län".
//! The names are the index's own (its facets), so what counts as an organ
//! is what the archive's minutes say; `analysis::organs` knows only the
//! kinds of body and the abbreviations.

use super::understand::Typed;
use crate::analysis::{self, TokenKind, lexicon, organs, stopwords};
use std::sync::{Arc, Mutex};

/// A name of the index (an organ or organisation) with its words' stems.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub name: String,
    /// Stems of its words, function words left out.
    pub stems: Vec<String>,
}

impl Named {
    pub fn new(name: &str) -> Named {
        Named {
            name: name.to_string(),
            stems: analysis::analyze(name)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word && !stopwords::is_function_word(&t.text))
                .map(|t| t.text)
                .collect(),
        }
    }
}

/// The organs and organisations of the segments a searcher reads, kept
/// from one search to the next until the segments change (reading the
/// facets and analysing every name costs more than a search of a word).
pub(crate) fn known_for(
    segments: String,
    read: impl FnOnce() -> crate::error::Result<Known>,
) -> crate::error::Result<Arc<Known>> {
    static CACHE: Mutex<Option<(String, Arc<Known>)>> = Mutex::new(None);
    if let Ok(cache) = CACHE.lock()
        && let Some((key, known)) = cache.as_ref()
        && *key == segments
    {
        return Ok(Arc::clone(known));
    }
    let known = Arc::new(read()?);
    if let Ok(mut cache) = CACHE.lock() {
        *cache = Some((segments, Arc::clone(&known)));
    }
    Ok(known)
}

/// What the index knows that understanding needs.
#[derive(Debug, Default)]
pub(crate) struct Known {
    pub organs: Vec<Named>,
    pub organisations: Vec<Named>,
}

/// Marks the words that name one of `names` as used, and adds the names
/// found to `found`. Organs (`organs`) are named by a word with an organ
/// kind ("vårdvalsutskottet"), their whole name, a kind alone when only
/// one name ends in it ("fullmäktige"), or an abbreviation ("KS");
/// organisations by a word of their name other than "kommun", "region"
/// and the like.
pub(crate) fn find_names(
    words: &mut [Typed<'_>],
    names: &[Named],
    organs: bool,
    found: &mut Vec<String>,
) {
    const GENERIC: &[&str] = &["kommun", "stad", "region", "län", "landsting", "kommunen"];
    let stems_of = |word: &str| -> Vec<String> {
        let Some(t) = analysis::analyze(word).into_iter().next() else {
            return Vec::new();
        };
        let mut out = lexicon::other_stems(word, &t.text);
        out.push(t.text);
        out
    };
    for i in 0..words.len() {
        if words[i].used {
            continue;
        }
        let mut matched: Vec<&Named> = Vec::new();
        let mut span = 1;
        if organs {
            let abbreviated = organs::abbreviation(words[i].text);
            for full in &abbreviated {
                let full = Named::new(full);
                for n in names {
                    if n.stems.ends_with(&full.stems) && !matched.iter().any(|m| m.name == n.name) {
                        matched.push(n);
                    }
                }
            }
            if abbreviated.is_empty() {
                let stems = stems_of(&words[i].lower);
                // A multi-word name written out: "tekniska nämnden".
                for n in names.iter().filter(|n| n.stems.len() > 1) {
                    let k = n.stems.len();
                    if i + k <= words.len()
                        && words[i..i + k]
                            .iter()
                            .zip(&n.stems)
                            .all(|(w, s)| !w.used && stems_of(&w.lower).contains(s))
                    {
                        matched.push(n);
                        span = k;
                    }
                }
                if matched.is_empty() && organs::names_organ_kind(&words[i].lower, false) {
                    matched.extend(
                        names
                            .iter()
                            .filter(|n| n.stems.last().is_some_and(|last| stems.contains(last))),
                    );
                }
                if matched.is_empty() && words[i].lower.starts_with("fullmäktig") {
                    // "fullmäktige" alone: the one-word names ending in it
                    // ("Kommunfullmäktige"), one or two (an organisation has
                    // one; "nämnden" or "styrelsen" alone name any of many).
                    let ending: Vec<&Named> = names
                        .iter()
                        .filter(|n| {
                            n.stems.len() == 1
                                && stems.iter().any(|s| n.stems[0].ends_with(s.as_str()))
                        })
                        .collect();
                    if (1..=2).contains(&ending.len()) {
                        matched = ending;
                    }
                }
            }
        } else if words[i].text.chars().next().is_some_and(char::is_uppercase) {
            let stems = stems_of(&words[i].lower);
            matched.extend(names.iter().filter(|n| {
                n.stems
                    .iter()
                    .filter(|s| !GENERIC.contains(&s.as_str()))
                    .any(|s| stems.contains(s))
            }));
        }
        if !matched.is_empty() {
            for w in &mut words[i..i + span] {
                w.used = true;
            }
            for n in matched {
                if !found.contains(&n.name) {
                    found.push(n.name.clone());
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::dates::DateSpan;
    use crate::search::understand::{Run, understand_run};

    pub(crate) fn known() -> Known {
        Known {
            organs: [
                "Kommunstyrelsen",
                "Kommunfullmäktige",
                "Regionstyrelsens vårdvalsutskott",
                "Regionstyrelsens arbetsutskott",
                "Tekniska nämnden",
                "Socialnämnden",
            ]
            .iter()
            .map(|n| Named::new(n))
            .collect(),
            organisations: ["Göteborgs Stad", "Region Örebro län", "Alingsås kommun"]
                .iter()
                .map(|n| Named::new(n))
                .collect(),
        }
    }

    fn typed(run: &Run) -> Vec<&str> {
        run.words.iter().map(|w| w.typed.as_str()).collect()
    }

    #[test]
    fn organs_and_dates_are_preferences() {
        let r = understand_run("kommunstyrelsen mars 2024 detaljplaner", &known());
        assert_eq!(typed(&r), ["detaljplaner"]);
        assert_eq!(r.organs, ["Kommunstyrelsen"]);
        assert_eq!(
            r.dates,
            Some(DateSpan {
                from: 20240301,
                to: 20240331
            })
        );
        let r = understand_run("fullmäktige juni 2025 motioner", &known());
        assert_eq!(r.organs, ["Kommunfullmäktige"]);
        assert_eq!(typed(&r), ["motioner"]);
        let r = understand_run("vårdvalsutskottet primärvård", &known());
        assert_eq!(r.organs, ["Regionstyrelsens vårdvalsutskott"]);
        let r = understand_run("KS budget", &known());
        assert_eq!(r.organs, ["Kommunstyrelsen"]);
        assert_eq!(typed(&r), ["budget"]);
        let r = understand_run("tekniska nämnden snöröjning", &known());
        assert_eq!(r.organs, ["Tekniska nämnden"]);
        assert_eq!(typed(&r), ["snöröjning"]);
        // "nämnden" alone names too many organs: a word.
        let r = understand_run("nämnden beslutade", &known());
        assert!(r.organs.is_empty());
        let r = understand_run("Örebro vårdval", &known());
        assert_eq!(r.organisations, ["Region Örebro län"]);
        assert_eq!(typed(&r), ["vårdval"]);
    }
}
