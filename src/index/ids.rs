//! Meeting ids: one per source file in an index, and stable.
//!
//! A meeting id names a protocol file's meeting in search results, in
//! `paragraf show ID N`, and in the identities saved searches keep (`id#N`).
//! Two files must never share one: `show` would show one of them, and a
//! watch would take the second's new § for the first's, already seen.
//!
//! - **Base**: `organisation_organ_date` (slugged, as the parser makes it)
//!   when the parser found all three; otherwise the file's path relative to
//!   the archive folder it was found in, without its extension
//!   (`kommun-a/protokoll.txt` → `kommun-a-protokoll`), which no other file
//!   under that folder has.
//! - **Unique**: a base another file of the index already has (the same
//!   meeting as a text and a PDF, two archive folders with the same
//!   layout) gets a suffix: `~` and the file's name (`…_2024-01-10~protokoll-pdf`),
//!   else its relative path, else a number.
//! - **Stable**: a file indexed again (edited, or re-parsed) keeps the id it
//!   has while it still fits its base, so ids do not move when other files
//!   come and go. Of two files with one base, the one indexed in an
//!   earlier run keeps the bare base; in one run, the first in the walk's
//!   order gets it (results are written in that order: `pipeline`), so a
//!   rebuild gives every file the id a first index of the archive gave.

use super::Index;
use super::document::KIND_MEETING;
use crate::error::Result;
use crate::protocol::{Meeting, slug};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

/// The id a meeting gets unless another file has it: see the module
/// documentation. `rel` is the file's path relative to its archive folder.
pub(crate) fn base_id(m: &Meeting, rel: &Path) -> String {
    if m.organisation.is_some() && m.organ.is_some() && m.date.is_some() && !m.id.is_empty() {
        return m.id.clone();
    }
    let id = slug(&rel.with_extension("").to_string_lossy());
    if id.is_empty() {
        "protokoll".to_string()
    } else {
        id
    }
}

/// The ids of one sync: what the index held when it began, what this run
/// gave, and the files whose documents this run deletes.
pub(crate) struct MeetingIds<'a> {
    index: &'a Index,
    searcher: Searcher,
    /// Ids given in this run, with the key of the file that has each.
    assigned: HashMap<String, String>,
    /// Keys of files whose documents this run deletes or replaces: the ids
    /// they had in the index are free for others.
    released: HashSet<String>,
}

impl<'a> MeetingIds<'a> {
    /// The ids of `index` as of `searcher` (the state the sync began from).
    pub(crate) fn new(index: &'a Index, searcher: Searcher) -> Self {
        MeetingIds {
            index,
            searcher,
            assigned: HashMap::new(),
            released: HashSet::new(),
        }
    }

    /// The file `key` loses its documents in this run.
    pub(crate) fn release(&mut self, key: &str) {
        self.released.insert(key.to_string());
    }

    /// The id of the file `key` (at `rel` in its archive folder), whose
    /// meeting's base id is `base`; it is the file's from now on.
    pub(crate) fn assign(&mut self, key: &str, base: &str, rel: &Path) -> Result<String> {
        self.release(key);
        let fits =
            |id: &str| id == base || id.strip_prefix(base).is_some_and(|r| r.starts_with('~'));
        let mut candidates: Vec<String> = Vec::new();
        if let Some(current) = self.current_id(key)?
            && fits(&current)
        {
            candidates.push(current);
        }
        candidates.push(base.to_string());
        if let Some(name) = rel.file_name() {
            candidates.push(format!("{base}~{}", slug(&name.to_string_lossy())));
        }
        candidates.push(format!("{base}~{}", slug(&rel.to_string_lossy())));
        for id in candidates {
            if self.free_for(&id, key)? {
                self.assigned.insert(id.clone(), key.to_string());
                return Ok(id);
            }
        }
        for n in 2.. {
            let id = format!("{base}~{n}");
            if self.free_for(&id, key)? {
                self.assigned.insert(id.clone(), key.to_string());
                return Ok(id);
            }
        }
        unreachable!("some number is free")
    }

    /// True if no file but `key` has `id`, now that this run's changes are made.
    fn free_for(&self, id: &str, key: &str) -> Result<bool> {
        if let Some(holder) = self.assigned.get(id) {
            return Ok(holder == key);
        }
        Ok(self
            .holders(id)?
            .iter()
            .all(|h| h == key || self.released.contains(h)))
    }

    /// The files whose meeting had `id` when the sync began.
    fn holders(&self, id: &str) -> Result<Vec<String>> {
        let f = self.index.fields();
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.index.kind_query(KIND_MEETING)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.meeting_id, id),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
        ]);
        let mut out = Vec::new();
        for addr in super::sorted_docs(&self.searcher, &q)? {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            out.extend(super::document::text(&doc, f.source).map(str::to_string));
        }
        Ok(out)
    }

    /// The id the file `key` had when the sync began, if it was indexed.
    fn current_id(&self, key: &str) -> Result<Option<String>> {
        let f = self.index.fields();
        let terms = vec![Term::from_field_text(f.source, key)];
        Ok(self
            .index
            .first_doc(&self.searcher, KIND_MEETING, terms)?
            .and_then(|doc| super::document::text(&doc, f.meeting_id).map(str::to_string)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(org: Option<&str>, organ: Option<&str>, date: Option<&str>) -> Meeting {
        Meeting {
            id: "from-the-parser".into(),
            organisation: org.map(Into::into),
            organ: organ.map(Into::into),
            date: date.map(Into::into),
            ..Meeting::default()
        }
    }

    #[test]
    fn the_base_is_the_parsers_id_only_when_the_meeting_is_identified() {
        let rel = Path::new("kommun-a/Protokoll KS.txt");
        let whole = meeting(Some("Kommun A"), Some("KS"), Some("2024-01-10"));
        assert_eq!(base_id(&whole, rel), "from-the-parser");
        for partial in [
            meeting(None, Some("KS"), Some("2024-01-10")),
            meeting(Some("Kommun A"), None, Some("2024-01-10")),
            meeting(Some("Kommun A"), Some("KS"), None),
        ] {
            assert_eq!(base_id(&partial, rel), "kommun-a-protokoll-ks");
        }
        assert_eq!(
            base_id(&meeting(None, None, None), Path::new("§.txt")),
            "protokoll"
        );
    }
}
