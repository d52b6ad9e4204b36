//! Debian's Swedish thesaurus (`mythes-sv`, the MyThes format of
//! LibreOffice: `th_sv_SE_v2.idx` and `.dat`), read from the system when it
//! is installed; paragraf does not bundle it (its licence is not this
//! project's). The search uses it as the last and weakest source of other
//! words for a query word that finds little (see `search::expand`): its
//! entries are general Swedish ("skola": "läroanstalt", "plugg", also
//! "dressera"), so only synonyms that are single words the index has are
//! tried, below the words typed and the curated [`super::synonyms`].
//!
//! Where: `$PARAGRAF_THESAURUS` (the path without `.idx`/`.dat`), else
//! `/usr/share/mythes/th_sv_SE_v2`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A loaded thesaurus: each headword's synonyms.
#[derive(Debug, Default)]
pub struct Thesaurus {
    entries: HashMap<String, Vec<String>>,
}

/// The default place of the Swedish thesaurus on Debian.
const SYSTEM_PATH: &str = "/usr/share/mythes/th_sv_SE_v2";

impl Thesaurus {
    /// The system's thesaurus, read at the first call; None when it is not
    /// installed or cannot be read.
    pub fn system() -> Option<&'static Thesaurus> {
        static LOADED: OnceLock<Option<Thesaurus>> = OnceLock::new();
        LOADED
            .get_or_init(|| {
                let base = std::env::var_os("PARAGRAF_THESAURUS")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from(SYSTEM_PATH));
                Thesaurus::read(&base)
            })
            .as_ref()
    }

    /// Reads the thesaurus at `base` (`base.dat`; the index file is not
    /// needed: the data file is read whole, 0.5 MB).
    pub fn read(base: &Path) -> Option<Thesaurus> {
        let bytes = std::fs::read(base.with_extension("dat")).ok()?;
        Some(Thesaurus::parse(&bytes))
    }

    /// Parses the data file: an encoding line, then entries `word|n`, each
    /// followed by `n` lines `(part of speech)|synonym|synonym|…`.
    pub fn parse(bytes: &[u8]) -> Thesaurus {
        let latin1 = bytes.split(|&b| b == b'\n').next().is_some_and(|first| {
            let first = String::from_utf8_lossy(first).to_ascii_uppercase();
            first.contains("8859-1") || first.contains("LATIN1")
        });
        let text: String = if latin1 {
            bytes.iter().map(|&b| char::from(b)).collect()
        } else {
            String::from_utf8_lossy(bytes).into_owned()
        };
        let mut entries: HashMap<String, Vec<String>> = HashMap::new();
        let mut lines = text.lines().skip(1);
        while let Some(head) = lines.next() {
            let Some((word, n)) = head.split_once('|') else {
                continue;
            };
            let n: usize = n.trim().parse().unwrap_or(0);
            let mut synonyms = Vec::new();
            for line in lines.by_ref().take(n) {
                for s in line.split('|').skip(1) {
                    let s = s.trim();
                    if !s.is_empty() && !s.contains('(') && !synonyms.iter().any(|x| x == s) {
                        synonyms.push(s.to_string());
                    }
                }
            }
            entries
                .entry(word.to_lowercase())
                .or_default()
                .extend(synonyms);
        }
        Thesaurus { entries }
    }

    /// The synonyms of `word` (lowercase base form), single words only.
    pub fn synonyms(&self, word: &str) -> impl Iterator<Item = &str> {
        self.entries
            .get(word)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|s| !s.contains(' '))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_mythes_format_in_latin1() {
        let mut data = b"ISO-8859-1\nsimhall|1\n|badhus|inomhusbad\n".to_vec();
        // "skola|2" in Latin-1 with an "ä" in a synonym.
        data.extend_from_slice(b"skola|2\n(subst)|l\xe4roanstalt|plugg\n|akademi|stora skolan\n");
        let t = Thesaurus::parse(&data);
        assert_eq!(
            t.synonyms("simhall").collect::<Vec<_>>(),
            ["badhus", "inomhusbad"]
        );
        assert_eq!(
            t.synonyms("skola").collect::<Vec<_>>(),
            ["läroanstalt", "plugg", "akademi"]
        );
        assert_eq!(t.synonyms("budget").count(), 0);
    }
}
