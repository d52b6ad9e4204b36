//! Compound heads: the index's words read backwards, so that a query word
//! finds the compounds it ends. tantivy's term dictionary is ordered from
//! the start of a word, so it finds the compounds a word begins
//! ("primärvård" → "primärvårdsuppdrag"); this second dictionary, ordered
//! from the end, finds those it ends ("skola" → "grundskolan", "förskolor";
//! "vård" → "primärvård").
//!
//! There is one per segment: an `fst` map from each alphabetic title and
//! body term of the segment, reversed, to its document frequency. It is a
//! function of the segment alone, so a search finds the same compounds
//! whether it reads the dictionary from its file or builds it: searches
//! during an indexing run still see exactly the committed state. A sync
//! writes the files of the segments it leaves that have none or a damaged
//! one ([`DIR`]/`<segment id>.fst`, each to a temporary file and then
//! renamed) and removes those of segments gone; a search builds in memory
//! the dictionary of a segment without a readable file (one committed
//! since, or a damaged file).

use crate::error::{Error, Result};
use fst::{IntoStreamer, Map, MapBuilder, Streamer};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader};

/// The folder of the dictionaries, in the index folder.
pub(crate) const DIR: &str = "compound-heads";
/// Shortest head, in characters, looked for ("vård", "skol", "bolag").
pub(crate) const MIN_HEAD_CHARS: usize = 4;
/// Shortest first part, in characters, before a head ("för" + "skol").
const MIN_FIRST_CHARS: usize = 3;

/// The compound-head dictionary of one segment.
pub(crate) struct Heads {
    map: Map<Vec<u8>>,
}

impl AsRef<Heads> for Heads {
    fn as_ref(&self) -> &Heads {
        self
    }
}

impl Heads {
    /// Builds the dictionary of the terms of `fields` in `segment`.
    pub(crate) fn build(segment: &SegmentReader, fields: &[Field]) -> Result<Heads> {
        let mut freq: HashMap<String, u64> = HashMap::new();
        let mut reversed = String::new();
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                let Ok(word) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if !is_compound_candidate(word) {
                    continue;
                }
                reversed.clear();
                reversed.extend(word.chars().rev());
                let n = u64::from(terms.value().doc_freq);
                match freq.get_mut(reversed.as_str()) {
                    Some(sum) => *sum += n,
                    None => {
                        freq.insert(reversed.clone(), n);
                    }
                }
            }
        }
        let mut keys: Vec<(String, u64)> = freq.into_iter().collect();
        keys.sort_unstable();
        let mut builder = MapBuilder::memory();
        for (key, n) in keys {
            builder.insert(key, n).map_err(internal)?;
        }
        let map = Map::new(builder.into_inner().map_err(internal)?).map_err(internal)?;
        Ok(Heads { map })
    }

    /// The file of segment `id`'s dictionary in the index folder `dir`.
    fn path(dir: &Path, id: &str) -> PathBuf {
        dir.join(DIR).join(format!("{id}.fst"))
    }

    /// Writes the dictionary of segment `id` to the index folder `dir`,
    /// replacing the file whole; its bytes are on disk before the rename
    /// (the folder is flushed by [`write_missing`]).
    fn write(&self, dir: &Path, id: &str) -> Result<()> {
        use std::io::Write;
        let path = Self::path(dir, id);
        std::fs::create_dir_all(dir.join(DIR)).map_err(super::folder::write_error(&path))?;
        // Another sync may be writing the same: each has its own temporary file.
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        let write = super::folder::write_error(&tmp);
        let result = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(self.map.as_fst().as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = result.and_then(|()| std::fs::rename(&tmp, &path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(write(e));
        }
        Ok(())
    }

    /// Reads the dictionary of segment `id`: `None` when there is none or it
    /// is damaged.
    pub(crate) fn read(dir: &Path, id: &str) -> Option<Heads> {
        let bytes = std::fs::read(Self::path(dir, id)).ok()?;
        Some(Heads {
            map: Map::new(bytes).ok()?,
        })
    }

    /// Adds to `found` the reversed words of this segment that end with one
    /// of `stems` after a first part of at least three letters, with their
    /// document frequencies.
    fn add_compounds_ending(&self, stems: &[String], found: &mut HashMap<Vec<u8>, u64>) {
        for from in stems {
            let mut to = from.clone().into_bytes();
            to.push(0xFF);
            let mut stream = self.map.range().ge(from).lt(&to).into_stream();
            while let Some((key, n)) = stream.next() {
                // The first part: the key's characters beyond the stem (the
                // key starts with the stem's bytes).
                let first =
                    std::str::from_utf8(&key[from.len()..]).map_or(0, |s| s.chars().count());
                if first >= MIN_FIRST_CHARS {
                    *found.entry(key.to_vec()).or_default() += n;
                }
            }
        }
    }
}

/// The indexed words, in the segments whose dictionaries are `heads`, that
/// end with one of `stems` after a first part of at least three letters:
/// the most frequent first, at most `limit`.
pub(crate) fn compounds_ending(
    heads: &[impl AsRef<Heads>],
    stems: &[&str],
    limit: usize,
) -> Vec<String> {
    let reversed: Vec<String> = stems
        .iter()
        .filter(|s| s.chars().count() >= MIN_HEAD_CHARS && s.chars().all(char::is_alphabetic))
        .map(|s| s.chars().rev().collect())
        .collect();
    if reversed.is_empty() {
        return Vec::new();
    }
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    for h in heads {
        h.as_ref().add_compounds_ending(&reversed, &mut found);
    }
    let mut found: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
    found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(limit);
    found
        .into_iter()
        .filter_map(|(key, _)| String::from_utf8(key).ok())
        .map(|key| key.chars().rev().collect())
        .collect()
}

/// Whether a title or body term `word` is in one of the segments whose
/// dictionaries are `heads`; `None` for a word the dictionaries cannot hold
/// (not letters only, or too short: see `is_compound_candidate`).
pub(crate) fn heads_contain(heads: &[impl AsRef<Heads>], word: &str) -> Option<bool> {
    if !is_compound_candidate(word) {
        return None;
    }
    let reversed: String = word.chars().rev().collect();
    Some(heads.iter().any(|h| h.as_ref().map.contains_key(&reversed)))
}

/// Writes the dictionaries missing or damaged for the segments of
/// `searcher` (of the index folder `dir`, from the terms of `fields`), and
/// removes those of segments no longer in it.
pub(crate) fn write_missing(dir: &Path, searcher: &Searcher, fields: &[Field]) -> Result<()> {
    let mut live = HashSet::new();
    let mut written = false;
    for segment in searcher.segment_readers() {
        let id = segment.segment_id().uuid_string();
        // Missing or damaged (a whole read: the files are small).
        if Heads::read(dir, &id).is_none() {
            Heads::build(segment, fields)?.write(dir, &id)?;
            written = true;
        }
        live.insert(format!("{id}.fst"));
    }
    if written {
        super::folder::sync_dir(&dir.join(DIR))?;
    }
    // Left behind: dictionaries of merged-away segments, temporary files of
    // a run that was killed. A search still holding such a segment builds
    // its dictionary in memory.
    if let Ok(entries) = std::fs::read_dir(dir.join(DIR)) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !live.contains(name.to_string_lossy().as_ref()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Whether an indexed term can be a compound with a head: letters only, long
/// enough for a first part and a head.
fn is_compound_candidate(term: &str) -> bool {
    term.len() >= MIN_HEAD_CHARS + MIN_FIRST_CHARS
        && term.chars().count() >= MIN_HEAD_CHARS + MIN_FIRST_CHARS
        && term.chars().all(char::is_alphabetic)
}

fn internal(e: fst::Error) -> Error {
    Error::Internal(format!("building a compound-head dictionary: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(words: &[(&str, u64)]) -> Heads {
        let mut keys: Vec<(String, u64)> = words
            .iter()
            .map(|(w, n)| (w.chars().rev().collect(), *n))
            .collect();
        keys.sort();
        let mut b = MapBuilder::memory();
        for (k, n) in keys {
            b.insert(k, n).unwrap();
        }
        Heads {
            map: Map::new(b.into_inner().unwrap()).unwrap(),
        }
    }

    #[test]
    fn compounds_ending_a_stem_most_frequent_first() {
        let h = [heads(&[
            ("grundskol", 5),
            ("förskol", 9),
            ("gymnasieskol", 2),
            ("skolgård", 4),
            // Ends in "skol" after two letters only.
            ("ryskol", 1),
            ("primärvård", 3),
        ])];
        assert_eq!(
            compounds_ending(&h, &["skol"], 10),
            vec!["förskol", "grundskol", "gymnasieskol"]
        );
        assert_eq!(
            compounds_ending(&h, &["skol"], 2),
            vec!["förskol", "grundskol"]
        );
        assert_eq!(compounds_ending(&h, &["vård"], 10), vec!["primärvård"]);
    }

    #[test]
    fn several_segments_and_stems_make_one_list() {
        let h = [
            heads(&[("förskol", 9), ("grundskolan", 4)]),
            heads(&[("förskolan", 12), ("grundskolan", 10)]),
        ];
        assert_eq!(
            compounds_ending(&h, &["skol", "skolan"], 10),
            vec!["grundskolan", "förskolan", "förskol"]
        );
    }

    #[test]
    fn contains_answers_for_candidates_only() {
        let h = [heads(&[("förskol", 1)]), heads(&[("grundskolan", 2)])];
        assert_eq!(heads_contain(&h, "grundskolan"), Some(true));
        assert_eq!(heads_contain(&h, "primärvård"), Some(false));
        // Too short to be held: the caller must look elsewhere.
        assert_eq!(heads_contain(&h, "skolan"), None);
    }

    #[test]
    fn short_or_non_alphabetic_stems_find_nothing() {
        let h = [heads(&[("huvudlag", 5), ("ks2023", 1)])];
        assert!(compounds_ending(&h, &["lag"], 10).is_empty());
        assert!(compounds_ending(&h, &["2023"], 10).is_empty());
    }

    #[test]
    fn only_alphabetic_words_long_enough_are_candidates() {
        assert!(is_compound_candidate("förskol"));
        assert!(!is_compound_candidate("skolan"));
        assert!(!is_compound_candidate("ks-2023"));
        assert!(!is_compound_candidate("2023123"));
    }

    #[test]
    fn a_damaged_file_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(Heads::path(dir.path(), "x"), b"not an fst").unwrap();
        assert!(Heads::read(dir.path(), "x").is_none());
        heads(&[("förskol", 1)]).write(dir.path(), "x").unwrap();
        let back = [Heads::read(dir.path(), "x").unwrap()];
        assert_eq!(compounds_ending(&back, &["skol"], 3), vec!["förskol"]);
    }
}
